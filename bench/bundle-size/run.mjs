// Bundle sizes, min + gzip, of what a page downloads: the standalone bundle as published
// (packages/elements/dist/goldboard.js, built by `pnpm build`) and a bundle of <kpi-card> with the
// JSON adapter alone, each without and with the lazily loaded Arrow decoder chunk.
// Run: pnpm bench:bundle
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { build } from 'vite';
import { bundlePlugins, bundleRolldownOptions } from '../../packages/elements/scripts/bundle.mjs';

const root = resolve(import.meta.dirname, '../..');
const elements = join(root, 'packages/elements');

function sizes(file) {
  const bytes = readFileSync(file);
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Builds `entry` as the standalone bundle is built (Vite library mode, minified) into a temp folder. */
async function bundle(name, source) {
  const dir = mkdtempSync(join(tmpdir(), 'goldboard-size-'));
  const entry = join(elements, 'src', `.bench-${name}.ts`);
  writeFileSync(entry, source);
  try {
    await build({
      configFile: false,
      logLevel: 'silent',
      root: elements,
      resolve: { conditions: ['source'] },
      plugins: bundlePlugins(),
      build: {
        outDir: dir,
        emptyOutDir: true,
        target: 'es2022',
        lib: { entry, formats: ['es'], fileName: () => `${name}.js` },
        // As packages/elements/vite.config.ts.
        rolldownOptions: bundleRolldownOptions,
      },
    });
  } finally {
    rmSync(entry);
  }
  return dir;
}

function report(label, dir, main) {
  const chunks = readdirSync(join(dir, 'chunks')).filter((f) => f.endsWith('.js'));
  const arrow = chunks.find((f) => f.startsWith('arrow-decode'));
  const m = sizes(join(dir, main));
  const a = arrow ? sizes(join(dir, 'chunks', arrow)) : { min: 0, gzip: 0, brotli: 0 };
  const kb = (n) => (n / 1000).toFixed(1);
  return [
    `| ${label} | ${kb(m.min)} | ${kb(m.gzip)} | ${kb(m.brotli)} | ${kb(m.min + a.min)} | ${kb(m.gzip + a.gzip)} |`,
    { label, main: m, arrow: a },
  ];
}

const published = join(elements, 'dist');
if (!existsSync(join(published, 'goldboard.js'))) {
  console.error('packages/elements/dist/goldboard.js is missing: run `pnpm build` first.');
  process.exit(1);
}
const kpiOnly = await bundle(
  'kpi-json',
  "import './kpi-card/kpi-card.js';\nexport { createJsonAdapter, registerSource } from '@goldboard/core';\n",
);
const rows = [report('standalone `dist/goldboard.js` (all elements, all adapters)', published, 'goldboard.js'), report('`<kpi-card>` + JSON adapter only', kpiOnly, 'kpi-json.js')];
rmSync(kpiOnly, { recursive: true, force: true });

console.log('| bundle | min kB | min+gzip kB | min+brotli kB | with Arrow chunk, min kB | with Arrow chunk, min+gzip kB |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [line] of rows) console.log(line);
console.log(`\nArrow decoder chunk alone: ${(rows[0][1].arrow.min / 1000).toFixed(1)} kB min, ${(rows[0][1].arrow.gzip / 1000).toFixed(1)} kB min+gzip (gzip level 9; kB = 1000 bytes)`);

// A page with a trend loads more than the bundle: the chunks a trend asks for when it connects
// (its drawing code and the line path it shares with the comparisons), named by goldboard.js.
const standalone = readFileSync(join(published, 'goldboard.js'), 'utf8');
const trendChunks = [...new Set([...standalone.matchAll(/import\(["'`]\.\/chunks\/((?:draw|line-path)-[\w-]*\.js)["'`]\)/g)].map((m) => m[1]))];
const trend = trendChunks.map((f) => sizes(join(published, 'chunks', f)));
const trendGzip = trend.reduce((sum, s) => sum + s.gzip, 0);
console.log(
  `Trend drawing chunks (${trendChunks.join(', ')}): ${(trendGzip / 1000).toFixed(1)} kB min+gzip; a page with a trend loads ` +
    `${((rows[0][1].main.gzip + trendGzip) / 1000).toFixed(1)} kB min+gzip in ${trendChunks.length + 1} files before any Arrow data`,
);
