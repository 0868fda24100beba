// The manifest as published: each attribute's default read from its one declaration (`default:`
// in the element's `static properties`), as the elements do at run time; internal state (`state:
// true`) and properties without an attribute kept out of the attributes; no private or protected
// members; a `custom-element-definition` export where `defineElement(tag, Class)` defines a tag;
// module paths of the built files (`dist/*.js`), which is what a package's users import.

const propertyOptions = (ts, entry) =>
  Object.fromEntries(
    entry.initializer.properties.filter((p) => ts.isPropertyAssignment(p)).map((p) => [p.name.getText(), p.initializer.getText()]),
  );

const distPath = (path) => path?.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');

export default {
  plugins: [
    {
      name: 'goldboard-declarations',
      analyzePhase({ ts, node, moduleDoc }) {
        if (ts.isCallExpression(node) && node.expression.getText() === 'defineElement') {
          const [tag, cls] = node.arguments;
          if (tag && cls && ts.isStringLiteral(tag) && ts.isIdentifier(cls)) {
            (moduleDoc.exports ??= []).push({ kind: 'custom-element-definition', name: tag.text, declaration: { name: cls.text } });
          }
          return;
        }
        if (!ts.isClassDeclaration(node) || !node.name) return;
        const doc = moduleDoc.declarations?.find((d) => d.name === node.name.text);
        const table = node.members.find((m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'properties' && m.initializer && ts.isObjectLiteralExpression(m.initializer));
        if (!doc || !table) return;
        for (const entry of table.initializer.properties) {
          if (!ts.isPropertyAssignment(entry) || !ts.isObjectLiteralExpression(entry.initializer)) continue;
          const name = entry.name.getText();
          const options = propertyOptions(ts, entry);
          if (options.state === 'true' || options.attribute === 'false') {
            doc.attributes = doc.attributes?.filter((a) => a.fieldName !== name && a.name !== name);
          }
          if (options.state === 'true') doc.members = doc.members?.filter((m) => m.name !== name);
          if (!('default' in options)) continue;
          for (const member of doc.members ?? []) if (member.name === name) member.default = options.default;
          for (const attribute of doc.attributes ?? []) if (attribute.fieldName === name) attribute.default = options.default;
        }
      },
      packageLinkPhase({ customElementsManifest }) {
        const moduleOf = new Map();
        for (const mod of customElementsManifest.modules) for (const d of mod.declarations ?? []) moduleOf.set(d.name, mod.path);
        const relink = (ref) => {
          if (ref?.module) ref.module = distPath(ref.module);
        };
        for (const mod of customElementsManifest.modules) {
          for (const ex of mod.exports ?? []) {
            if (ex.kind === 'custom-element-definition' && !ex.declaration.module) ex.declaration.module = moduleOf.get(ex.declaration.name);
            relink(ex.declaration);
          }
          for (const d of mod.declarations ?? []) {
            d.members = d.members?.filter((m) => m.privacy !== 'private' && m.privacy !== 'protected' && !String(m.name).startsWith('#'));
            relink(d.superclass);
            for (const m of [...(d.members ?? []), ...(d.attributes ?? []), ...(d.events ?? [])]) relink(m.inheritedFrom);
          }
          mod.path = distPath(mod.path);
        }
      },
    },
  ],
};
