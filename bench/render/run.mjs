// `pnpm bench:render`: time to first render of <revenue-trend> against uPlot 1.6 and ECharts 6 on
// the same data at the same size, at 1e3, 1e5 and 1e6 points, in one headless Chromium; and the
// min+gzip size of each. Writes results/results.json and results/results.md.
//
// Needs the standalone bundle (pnpm --filter @goldboard/elements build; this script runs it when
// the bundle is missing) and Debian's Chromium (CHROME_PATH, CHROMIUM_PATH, or on PATH).
// Env: RENDER_BENCH_RUNS (11), RENDER_BENCH_WARMUP (5), RENDER_BENCH_SIZES (1000,100000,1000000),
//      RENDER_BENCH_TIMEOUT_S (900).
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, median } from '../../scripts/chromium.mjs';
import { buildAll, DIST_DIR } from './build.mjs';
import { serve } from './server.mjs';

// `pnpm bench:render --e2e` runs the end-to-end mode instead (e2e.mjs: from navigation, over HTTP).
if (process.argv.includes('--e2e')) {
  await import('./e2e.mjs');
  process.exit(0);
}

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const RESULTS_DIR = join(HERE, 'results');
const RUNS = Number(process.env.RENDER_BENCH_RUNS ?? 11);
const WARMUP = Number(process.env.RENDER_BENCH_WARMUP ?? 5);
const SIZES = (process.env.RENDER_BENCH_SIZES ?? '1000,100000,1000000').split(',').map(Number);
const TIMEOUT_S = Number(process.env.RENDER_BENCH_TIMEOUT_S ?? 900);

const watchdog = setTimeout(() => {
  console.error(`render bench: gave up after ${TIMEOUT_S}s`);
  process.exit(2);
}, TIMEOUT_S * 1000);
watchdog.unref();


const r1 = (x) => Math.round(x * 10) / 10;
const r2 = (x) => Math.round(x * 100) / 100;

if (!existsSync(join(ROOT, 'packages/elements/dist/goldboard.js'))) {
  execSync('pnpm --filter @goldboard/elements build', { cwd: ROOT, stdio: 'inherit' });
}
const sizes = await buildAll();

const server = await serve(DIST_DIR);
const browser = await launchChromium([
  '--headless=new',
  // Frames as soon as they are ready (no 60 Hz vsync wait), so "until painted" is not rounded to 16.7 ms.
  '--disable-gpu-vsync', '--disable-frame-rate-limit',
  '--js-flags=--expose-gc',
]);
const timings = [];
const checks = {};
let env;
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  page.setDefaultTimeout(120_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => m.type() === 'error' && console.error('page console:', m.text()));
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => globalThis.renderBench?.ready());
  env = await page.evaluate(() => ({ libraries: renderBench.libraries, userAgent: renderBench.userAgent, cores: renderBench.hardwareConcurrency, size: renderBench.size }));
  console.log(`Chromium: ${env.userAgent}; ${env.cores} cores`);
  for (const n of SIZES) {
    await page.evaluate(() => renderBench.forget());
    await page.evaluate((n) => renderBench.prepare(n), n);
    for (let round = 0; round < WARMUP + RUNS; round++) {
      for (let k = 0; k < env.libraries.length; k++) {
        const lib = env.libraries[(k + round) % env.libraries.length];
        const t = await page.evaluate(([lib, n]) => renderBench.run(lib, n), [lib, n]);
        checks[`${lib}@${n}`] = t.check;
        // A timing only counts when the library drew the chart it was asked for.
        const drew = t.check.width === env.size.width && t.check.height === env.size.height && (lib !== 'goldboard' || (t.check.state === 'ready' && t.check.points > 0));
        if (!drew) throw new Error(`${lib} at n=${n} did not draw a ${env.size.width} × ${env.size.height} chart: ${JSON.stringify(t.check)}`);
        if (round >= WARMUP) timings.push({ lib, n, round, scriptMs: t.scriptMs, totalMs: t.totalMs });
      }
    }
    const line = env.libraries.map((lib) => `${lib} ${r1(median(timings.filter((t) => t.lib === lib && t.n === n).map((t) => t.totalMs)))} ms`);
    console.log(`n=${n.toLocaleString('en-US')}: median first render ${line.join(', ')}`);
  }
} finally {
  await browser.close();
  await server.close();
}

// Summaries: medians per library and size, ratios against uPlot.
const summary = SIZES.map((n) => {
  const med = (lib, key) => median(timings.filter((t) => t.lib === lib && t.n === n).map((t) => t[key]));
  const row = { n };
  for (const lib of env.libraries) {
    row[lib] = { totalMs: r1(med(lib, 'totalMs')), scriptMs: r1(med(lib, 'scriptMs')) };
  }
  row.goldboardOverUplot = r2(row.goldboard.totalMs / row.uplot.totalMs);
  // The ratio within each round (the two drawn moments apart), then its median: steadier than
  // the ratio of medians when the machine's speed drifts during the run.
  const inRound = (lib, round) => timings.find((t) => t.lib === lib && t.n === n && t.round === round)?.totalMs;
  const rounds = [...new Set(timings.filter((t) => t.n === n).map((t) => t.round))];
  row.goldboardOverUplotPerRound = r2(median(rounds.map((round) => inRound('goldboard', round) / inRound('uplot', round))));
  row.goldboardOverEcharts = r2(row.goldboard.totalMs / row.echarts.totalMs);
  return row;
});

const kb = (b) => (b / 1000).toFixed(1);
const md = [
  `Chromium: ${env.userAgent}`,
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}); ${RUNS} runs after ${WARMUP} warm-up rounds, libraries in rotating order; chart ${env.size.width} × ${env.size.height} px.`,
  '',
  '| points | `<revenue-trend>` ms | uPlot 1.6 ms | ECharts 6 ms | Goldboard / uPlot | same, median per round | Goldboard / ECharts |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...summary.map(
    (r) =>
      `| ${r.n.toLocaleString('en-US')} | ${r.goldboard.totalMs} (script ${r.goldboard.scriptMs}) | ${r.uplot.totalMs} (script ${r.uplot.scriptMs}) | ${r.echarts.totalMs} (script ${r.echarts.scriptMs}) | ${r.goldboardOverUplot}× | ${r.goldboardOverUplotPerRound}× | ${r.goldboardOverEcharts}× |`,
  ),
  '',
  '| bundle | min kB | min+gzip kB |',
  '| --- | ---: | ---: |',
  ...Object.entries(sizes).map(([name, s]) => `| ${name} | ${kb(s.min)} | ${kb(s.gzip)} |`),
  '',
].join('\n');
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'results.json'), JSON.stringify({ env, runs: RUNS, warmup: WARMUP, summary, sizes, checks, timings }, null, 1));
writeFileSync(join(RESULTS_DIR, 'results.md'), md);
console.log(`\n${md}`);
console.log('checks:', JSON.stringify(checks));
