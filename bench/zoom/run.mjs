// `pnpm bench:zoom`: zoom and pointer of <revenue-trend> against uPlot 1.6's own on the same 1e6
// points at the same size, in one headless Chromium:
//  - a pointer move over the plot: script time (the handler and the element's update), target ≤ 2 ms;
//  - a zoom step (ctrl + wheel on <revenue-trend>, uPlot's setScale, which its drag and wheel zooms
//    call): time to the end of the next painted frame, p95 target ≤ 16 ms.
// Zoom steps go in by 0.7 ten times and out again, the same ranges for both. Writes results/.
// Needs the standalone bundle (pnpm build) and Chromium (CHROME_PATH, or on PATH).
// Env: ZOOM_BENCH_N (1000000), ZOOM_BENCH_MOVES (200), ZOOM_BENCH_STEPS (200), ZOOM_BENCH_WARMUP (40).
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launchChromium, median } from '../../scripts/chromium.mjs';
import { serve } from '../render/server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const DIST = join(HERE, 'dist');
const N = Number(process.env.ZOOM_BENCH_N ?? 1_000_000);
const MOVES = Number(process.env.ZOOM_BENCH_MOVES ?? 200);
const STEPS = Number(process.env.ZOOM_BENCH_STEPS ?? 200);
const WARMUP = Number(process.env.ZOOM_BENCH_WARMUP ?? 40);

const standalone = join(ROOT, 'packages/elements/dist');
if (!existsSync(join(standalone, 'goldboard.js'))) {
  console.error('packages/elements/dist/goldboard.js is missing: run `pnpm build` first.');
  process.exit(1);
}
rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });
// The bundle as published, with its chunks (the zoom is one).
cpSync(standalone, join(DIST, 'goldboard'), { recursive: true });
await build({ entryPoints: [join(HERE, 'page.js')], bundle: true, minify: true, format: 'esm', target: 'es2022', outfile: join(DIST, 'page.js'), logLevel: 'warning' });
copyFileSync(join(ROOT, 'node_modules/uplot/dist/uPlot.min.css'), join(DIST, 'uPlot.min.css'));
writeFileSync(
  join(DIST, 'index.html'),
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Goldboard zoom benchmark</title><link rel="stylesheet" href="uPlot.min.css">
<script type="module" src="goldboard/goldboard.js"></script><script type="module" src="page.js"></script></head><body></body></html>`,
);

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const r2 = (x) => Math.round(x * 100) / 100;

const server = await serve(DIST);
const browser = await launchChromium(['--headless=new', '--disable-gpu-vsync', '--disable-frame-rate-limit', '--js-flags=--expose-gc']);
const results = {};
let env;
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  page.setDefaultTimeout(120_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${server.url}/index.html?n=${N}`);
  await page.waitForFunction(() => globalThis.zoomBench?.ready());
  env = await page.evaluate(() => ({ userAgent: zoomBench.userAgent, libraries: zoomBench.libraries }));
  for (const lib of env.libraries) {
    const prepared = await page.evaluate((lib) => zoomBench.prepare(lib), lib);
    const moves = [];
    for (let k = 0; k < WARMUP + MOVES; k++) {
      const t = await page.evaluate(([lib, k]) => zoomBench.move(lib, k), [lib, k]);
      if (k >= WARMUP) moves.push(t);
    }
    await page.evaluate((lib) => zoomBench.reset(lib), lib);
    const steps = [];
    for (let k = 0; k < WARMUP + STEPS; k++) {
      const t = await page.evaluate(([lib, k]) => zoomBench.zoom(lib, k), [lib, k]);
      if (k >= WARMUP) steps.push(t);
    }
    results[lib] = {
      prepared,
      moveScriptMs: { median: r2(median(moves)), p95: r2(percentile(moves, 95)) },
      zoomScriptMs: { median: r2(median(steps.map((s) => s.script))), p95: r2(percentile(steps.map((s) => s.script), 95)) },
      zoomPaintedMs: { median: r2(median(steps.map((s) => s.total))), p95: r2(percentile(steps.map((s) => s.total), 95)) },
      maxPointsDrawn: Math.max(0, ...steps.map((s) => s.points ?? 0)),
    };
    console.log(`${lib}: pointer move script median ${results[lib].moveScriptMs.median} ms (p95 ${results[lib].moveScriptMs.p95}); zoom step to painted frame median ${results[lib].zoomPaintedMs.median} ms, p95 ${results[lib].zoomPaintedMs.p95} (script median ${results[lib].zoomScriptMs.median})`);
  }
} finally {
  await browser.close();
  await server.close();
}

const load = loadavg().map((x) => x.toFixed(1)).join(' / ');
const out = { date: new Date().toISOString(), n: N, moves: MOVES, steps: STEPS, warmup: WARMUP, cores: cpus().length, loadavg: load, userAgent: env?.userAgent, results };
mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(join(HERE, 'results/results.json'), `${JSON.stringify(out, null, 2)}\n`);
const rows = Object.entries(results).map(([lib, r]) => `| ${lib} | ${r.moveScriptMs.median} (p95 ${r.moveScriptMs.p95}) | ${r.zoomPaintedMs.median} | ${r.zoomPaintedMs.p95} | ${r.zoomScriptMs.median} |`);
writeFileSync(
  join(HERE, 'results/results.md'),
  [`${N.toLocaleString('en-US')} points, ${out.date.slice(0, 10)}, ${out.cores} cores, load average ${load} (1/5/15 min) at the end`, '', '| library | pointer move, script ms median | zoom step to painted frame, ms median | p95 | zoom step, script ms median |', '| --- | --- | --- | --- | --- |', ...rows, ''].join('\n'),
);
console.log(`load average at the end: ${load}`);
