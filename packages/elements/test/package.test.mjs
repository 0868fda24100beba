// The packages as published: `pnpm pack` of @goldboard/elements and @goldboard/core, unpacked
// and read as a user's install would read them (after `pnpm build`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';

const packages = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'goldboard-pack-'));

const packs = new Map();
/** `name` (a folder of packages/) packed and unpacked, once: the unpacked folder and its file list. */
function packed(name) {
  if (!packs.has(name)) packs.set(name, pack(name));
  return packs.get(name);
}

function pack(name) {
  const out = join(work, name);
  execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: join(packages, name), stdio: 'pipe' });
  const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['-xzf', tarball], { cwd: out });
  const root = join(out, 'package');
  const files = [];
  const walk = (dir, prefix) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else files.push(`${prefix}${entry.name}`);
    }
  };
  walk(root, '');
  return { root, files: new Set(files), tarball: statSync(join(out, tarball)).size };
}

/** Every file an `exports` entry can resolve to, condition by condition. */
function exportTargets(value) {
  if (typeof value === 'string') return [value];
  return Object.values(value).flatMap(exportTargets);
}

/** Runs an ES module snippet in a fresh Node process inside the package folder (its self-reference). */
function node(cwd, code) {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd, encoding: 'utf8', stdio: 'pipe' });
}

after(() => rmSync(work, { recursive: true, force: true }));

for (const name of ['elements', 'core']) {
  describe(`@goldboard/${name} tarball`, () => {
    let pkg;
    before(() => (pkg = packed(name)));

    it('ships every file its exports, main, types and CDN fields name', () => {
      const manifest = JSON.parse(readFileSync(join(pkg.root, 'package.json'), 'utf8'));
      const named = [...exportTargets(manifest.exports), manifest.main, manifest.types, manifest.unpkg, manifest.jsdelivr, manifest.customElements].filter(Boolean);
      for (const file of named) assert.ok(pkg.files.has(file.replace(/^\.\//, '')), `${file} is in the tarball`);
    });

    it('has no source map pointing outside the package (no node_modules/.pnpm paths), nor tests', () => {
      for (const file of pkg.files) {
        assert.doesNotMatch(file, /\.test\.[cm]?[jt]s$/, file);
        if (!file.endsWith('.map')) continue;
        const { sources } = JSON.parse(readFileSync(join(pkg.root, file), 'utf8'));
        for (const source of sources) {
          assert.doesNotMatch(source, /node_modules|\.pnpm/, `${file}: ${source}`);
          assert.ok(pkg.files.has(join(file, '..', source).replace(/\\/g, '/')), `${file}: its source ${source} is in the tarball`);
        }
      }
    });
  });
}

describe('@goldboard/elements as published', () => {
  let pkg;
  let manifest;
  before(() => {
    pkg = packed('elements');
  });

  it('has a minified custom-elements.json whose modules are the built files in the tarball', () => {
    const text = readFileSync(join(pkg.root, 'custom-elements.json'), 'utf8');
    assert.ok(!text.includes('\n'), 'minified');
    manifest = JSON.parse(text);
    for (const mod of manifest.modules) {
      assert.match(mod.path, /^dist\/.*\.js$/);
      assert.ok(pkg.files.has(mod.path), `${mod.path} is in the tarball`);
      for (const ex of mod.exports ?? []) {
        const target = ex.declaration.module;
        // A definition names the declaring module; a re-export, its specifier (relative, or a package).
        if (!target || !/^(dist\/|\.)/.test(target)) continue;
        const file = target.startsWith('.') ? posix.join(posix.dirname(mod.path), target) : target;
        assert.ok(pkg.files.has(file), `${mod.path} exports from ${file}, in the tarball`);
      }
    }
  });

  it('lists each element’s definition, typed events, and no internals', () => {
    const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
    const definitions = manifest.modules.flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition'));
    for (const tag of ['kpi-card', 'revenue-trend', 'segment-breakdown', 'top-list', 'goldboard-source', 'goldboard-date-range', 'goldboard-filter', 'goldboard-insight']) {
      const definition = definitions.find((d) => d.name === tag);
      assert.ok(definition, `${tag} is defined`);
      const element = declarations.find((d) => d.tagName === tag);
      assert.equal(definition.declaration.name, element.name);
      for (const member of element.members ?? []) assert.ok(!['private', 'protected'].includes(member.privacy), `${tag} ${member.name} is ${member.privacy}`);
    }
    const trend = declarations.find((d) => d.tagName === 'revenue-trend');
    assert.deepEqual(
      trend.attributes.filter((a) => /active|menu/i.test(a.name)).map((a) => a.name),
      [],
    );
    assert.ok(!trend.members.some((m) => m.name === 'activeIndex'));
    assert.ok(trend.attributes.some((a) => a.name === 'dataset-name') && !trend.attributes.some((a) => a.name === 'dataset'));
    assert.equal(trend.events.find((e) => e.name === 'goldboard-select').type.text, 'CustomEvent<TrendSelectDetail>');
    assert.equal(trend.events.find((e) => e.name === 'goldboard-ready').type.text, 'CustomEvent<GoldReadyDetail>');
  });
});

describe('@goldboard/elements in Node', () => {
  const cwd = join(packages, 'elements');

  it('imports goldboard.js without throwing (the unbundled build on Lit’s server shims), which defines the elements', () => {
    const out = node(cwd, "const m = await import('@goldboard/elements/goldboard.js'); console.log(typeof m.KpiCard, typeof m.createJsonAdapter, customElements.get('kpi-card') === m.KpiCard);");
    assert.equal(out.trim(), 'function function true');
  });

  it('imports each element’s class alone without defining it, and its defining module', () => {
    for (const [tag, name] of [
      ['kpi-card', 'KpiCard'],
      ['revenue-trend', 'RevenueTrend'],
      ['segment-breakdown', 'SegmentBreakdown'],
      ['top-list', 'TopList'],
      ['goldboard-source', 'GoldboardSource'],
      ['goldboard-date-range', 'GoldboardDateRange'],
      ['goldboard-filter', 'GoldboardFilter'],
      ['goldboard-insight', 'GoldboardInsight'],
    ]) {
      const out = node(
        cwd,
        `const m = await import('@goldboard/elements/${tag}.component.js'); const before = customElements.get('${tag}'); await import('@goldboard/elements/${tag}.js'); console.log(typeof m.${name}, before === undefined, customElements.get('${tag}') === m.${name});`,
      );
      assert.equal(out.trim(), 'function true true', tag);
    }
  });

  it('resolves the standalone bundle for browsers and CDNs', () => {
    const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
    assert.equal(pkg.unpkg, './dist/goldboard.js');
    assert.equal(pkg.jsdelivr, './dist/goldboard.js');
    assert.equal(pkg.exports['./goldboard.js'].default, './dist/goldboard.js');
    assert.ok(existsSync(join(cwd, 'dist/goldboard.js')));
    // The bundle carries no reference to a map that is not published.
    assert.doesNotMatch(readFileSync(join(cwd, 'dist/goldboard.js'), 'utf8'), /sourceMappingURL/);
  });
});
