// The manifest reads each attribute's default from its one declaration (`default:` in the
// element's `static properties`), as the elements do at run time.
export default {
  plugins: [
    {
      name: 'goldboard-declared-defaults',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isClassDeclaration(node) || !node.name) return;
        const doc = moduleDoc.declarations?.find((d) => d.name === node.name.text);
        const table = node.members.find((m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'properties' && m.initializer && ts.isObjectLiteralExpression(m.initializer));
        if (!doc || !table) return;
        for (const entry of table.initializer.properties) {
          if (!ts.isPropertyAssignment(entry) || !ts.isObjectLiteralExpression(entry.initializer)) continue;
          const value = entry.initializer.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'default');
          if (!value) continue;
          const name = entry.name.getText();
          const text = value.initializer.getText();
          for (const member of doc.members ?? []) if (member.name === name) member.default = text;
          for (const attribute of doc.attributes ?? []) if (attribute.fieldName === name) attribute.default = text;
        }
      },
    },
  ],
};
