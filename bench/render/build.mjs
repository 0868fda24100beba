// Builds what the render benchmark serves into dist/: the harness page bundled with uPlot and
// ECharts (esbuild, minified), the Goldboard standalone bundle as published, and the size probes
// of each library (min + gzip level 9).
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
export const DIST_DIR = join(HERE, 'dist');
const STANDALONE = join(ROOT, 'packages/elements/dist/goldboard.js');

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

if (import.meta.url === `file://${process.argv[1]}`) console.table(await buildAll());
