// Bundles the two size probes and the benchmark page with esbuild, and measures the probes:
// minified bytes, gzip (node zlib, level 9) and brotli (quality 11).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
export const DIST_DIR = join(HERE, 'dist');

const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // @uwdata/flechette is a dependency of packages/core, not of the root.
  nodePaths: [join(ROOT, 'packages', 'core', 'node_modules')],
};

const readVersion = (name) => {
  for (const base of [join(ROOT, 'node_modules'), ...common.nodePaths]) {
    try { return JSON.parse(readFileSync(join(base, name, 'package.json'), 'utf8')).version; } catch { /* next */ }
  }
  return 'unknown';
};

export const LIBRARIES = ['apache-arrow', '@uwdata/flechette'];

export async function buildAll() {
  mkdirSync(DIST_DIR, { recursive: true });
  const sizes = [];
  for (const lib of LIBRARIES) {
    const entry = join(HERE, 'entries', `${lib.split('/').pop()}.js`);
    const outfile = join(DIST_DIR, `size-${lib.split('/').pop()}.min.js`);
    await build({ ...common, entryPoints: [entry], outfile });
    const code = readFileSync(outfile);
    sizes.push({
      library: lib,
      version: readVersion(lib),
      minBytes: code.byteLength,
      gzipBytes: gzipSync(code, { level: 9 }).byteLength,
      brotliBytes: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
    });
  }
  await build({ ...common, entryPoints: [join(HERE, 'page.js')], outfile: join(DIST_DIR, 'page.js') });
  writeFileSync(join(DIST_DIR, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>arrow-decode</title><script type="module" src="page.js"></script>\n');
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table(await buildAll());
}
