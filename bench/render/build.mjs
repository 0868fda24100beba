// Builds what the render benchmark serves into dist/: the harness page bundled with uPlot and
// ECharts (esbuild, minified), the Goldboard standalone bundle as published, and the size probes
// of each library (min + gzip level 9).
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { writeStreams } from './e2e/data.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
export const DIST_DIR = join(HERE, 'dist');
// RENDER_BENCH_GOLDBOARD: another built dist/ folder to measure (an older commit's, for before/after).
const STANDALONE = join(process.env.RENDER_BENCH_GOLDBOARD ? resolve(process.env.RENDER_BENCH_GOLDBOARD) : join(ROOT, 'packages/elements/dist'), 'goldboard.js');

const sizeOf = (bytes) => ({ min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });

/** min + gzip of an entry bundled and minified by esbuild (what a page using the library downloads). */
async function probe(contents) {
  const out = await build({
    stdin: { contents, resolveDir: HERE, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return sizeOf(out.outputFiles[0].contents);
}

export async function buildAll() {
  rmSync(DIST_DIR, { recursive: true, force: true });
  mkdirSync(DIST_DIR, { recursive: true });
  await build({
    entryPoints: [join(HERE, 'page.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    outfile: join(DIST_DIR, 'page.js'),
    logLevel: 'warning',
  });
  copyFileSync(join(HERE, 'index.html'), join(DIST_DIR, 'index.html'));
  copyFileSync(STANDALONE, join(DIST_DIR, 'goldboard.js'));
  // Its chunks too: the trend's drawing code is one.
  cpSync(join(dirname(STANDALONE), 'chunks'), join(DIST_DIR, 'chunks'), { recursive: true });
  const uplotCss = join(ROOT, 'node_modules/uplot/dist/uPlot.min.css');
  copyFileSync(uplotCss, join(DIST_DIR, 'uPlot.min.css'));
  const sizes = {
    'goldboard.js (standalone: all elements, adapters; without the Arrow chunk)': sizeOf(readFileSync(STANDALONE)),
    'uPlot 1.6 (uplot bundled and minified, + uPlot.min.css)': await (async () => {
      const js = await probe("import uPlot from 'uplot'; export { uPlot };");
      const css = readFileSync(uplotCss);
      return { min: js.min + css.length, gzip: js.gzip + gzipSync(css, { level: 9 }).length };
    })(),
    'ECharts 6, line chart only (echarts/core + LineChart + Grid + Tooltip + Canvas)': await probe(
      "import * as e from 'echarts/core'; import { LineChart } from 'echarts/charts'; import { GridComponent, TooltipComponent } from 'echarts/components'; import { CanvasRenderer } from 'echarts/renderers'; e.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]); export { e };",
    ),
    'ECharts 6, full (dist/echarts.min.js)': sizeOf(readFileSync(join(ROOT, 'node_modules/echarts/dist/echarts.min.js'))),
  };
  writeFileSync(join(DIST_DIR, 'sizes.json'), JSON.stringify(sizes, null, 2));
  return sizes;
}

/**
 * The end-to-end contenders: a page each (its harness in e2e/, and the Goldboard bundle it loads
 * first, if any), loading only what that contender needs. With RENDER_BENCH_BASELINE (another
 * built dist/ folder, e.g. an older commit's), Goldboard's two pages also run on that bundle,
 * in the same rounds: before/after side by side.
 */
export function e2ePages() {
  const pages = { 'goldboard-src': ['goldboard-src', 'goldboard.js'], 'goldboard-data': ['goldboard-data', 'goldboard.js'], uplot: ['uplot', null] };
  if (process.env.RENDER_BENCH_BASELINE) {
    pages['goldboard-src-baseline'] = ['goldboard-src', 'baseline/goldboard.js'];
    pages['goldboard-data-baseline'] = ['goldboard-data', 'baseline/goldboard.js'];
  }
  return pages;
}

/**
 * What the end-to-end mode serves: a page per contender (its harness bundled and minified by
 * esbuild; Goldboard's standalone bundle and its chunks as published) and the Arrow streams.
 */
export async function buildE2E(sizes) {
  mkdirSync(DIST_DIR, { recursive: true });
  cpSync(join(dirname(STANDALONE), 'chunks'), join(DIST_DIR, 'chunks'), { recursive: true });
  const baseline = process.env.RENDER_BENCH_BASELINE && resolve(process.env.RENDER_BENCH_BASELINE);
  if (baseline) {
    mkdirSync(join(DIST_DIR, 'baseline'), { recursive: true });
    copyFileSync(join(baseline, 'goldboard.js'), join(DIST_DIR, 'baseline/goldboard.js'));
    cpSync(join(baseline, 'chunks'), join(DIST_DIR, 'baseline/chunks'), { recursive: true });
  }
  for (const harness of ['goldboard-src', 'goldboard-data', 'uplot']) {
    await build({
      entryPoints: [join(HERE, 'e2e', `${harness}.js`)],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      outfile: join(DIST_DIR, `e2e-${harness}.js`),
      logLevel: 'warning',
    });
  }
  for (const [name, [harness, goldboard]] of Object.entries(e2ePages())) {
    const scripts = [goldboard, `e2e-${harness}.js`].filter(Boolean).map((src) => `<script type="module" src="${src}"></script>`).join('');
    const css = harness === 'uplot' ? '<link rel="stylesheet" href="uPlot.min.css">' : '';
    writeFileSync(
      join(DIST_DIR, `e2e-${name}.html`),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Goldboard render benchmark, from navigation: ${name}</title>${css}<style>body{margin:8px;font-family:system-ui,sans-serif}</style>${scripts}</head><body></body></html>\n`,
    );
  }
  return writeStreams(DIST_DIR, sizes);
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await buildAll());
