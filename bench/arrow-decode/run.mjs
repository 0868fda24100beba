// `pnpm bench:arrow`: generate inputs (if missing), bundle, measure sizes, then time both
// decoders in one headless Chromium page. Writes results/results.json and results/results.md.
//
// Env: CHROME_PATH or CHROMIUM_PATH (default: chromium found on PATH), ARROW_BENCH_RUNS (15), ARROW_BENCH_WARMUP (3),
//      ARROW_BENCH_ROWS / ARROW_BENCH_BATCH_ROWS (see gen-data.mjs), ARROW_BENCH_TIMEOUT_S (1200).
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, median } from '../../scripts/chromium.mjs';
import { buildAll, DIST_DIR } from './build.mjs';
import { BATCH_ROWS, DATA_DIR, DATASETS, FORMATS, generate, ROWS } from './gen-data.mjs';
import { serve } from './server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = join(HERE, 'results');
const RUNS = Number(process.env.ARROW_BENCH_RUNS ?? 15);
const WARMUP = Number(process.env.ARROW_BENCH_WARMUP ?? 3);
const TIMEOUT_S = Number(process.env.ARROW_BENCH_TIMEOUT_S ?? 1200);

const watchdog = setTimeout(() => { console.error(`arrow-decode: gave up after ${TIMEOUT_S}s`); process.exit(2); }, TIMEOUT_S * 1000);
watchdog.unref();


const r1 = (x) => Math.round(x * 10) / 10;

// 1. Inputs and bundles.
const inputs = [];
const missing = Object.keys(DATASETS).some((d) => FORMATS.some((f) => !existsSync(join(DATA_DIR, `${d}.${f}.arrow`))));
if (missing || process.env.ARROW_BENCH_REGEN) {
  console.log(`writing inputs: ${ROWS} rows, ${BATCH_ROWS} rows per batch`);
  generate();
}
for (const dataset of Object.keys(DATASETS)) {
  for (const format of FORMATS) {
    const name = `${dataset}.${format}.arrow`;
    inputs.push({ name, dataset, format, bytes: statSync(join(DATA_DIR, name)).size });
  }
}
const sizes = await buildAll();
console.table(sizes);

// 2. One Chromium, one page, every case.
const server = await serve({ '/': DIST_DIR, '/data/': DATA_DIR });
const browser = await launchChromium(['--headless=new', '--js-flags=--expose-gc']);
const timings = [];
const checks = {};
let env;
let nullProbe;
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(180_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => globalThis.arrowBench);
  env = await page.evaluate(() => ({
    cases: arrowBench.cases, userAgent: arrowBench.userAgent,
    hardwareConcurrency: arrowBench.hardwareConcurrency, gc: typeof globalThis.gc === 'function',
  }));
  nullProbe = await page.evaluate(() => arrowBench.nullProbe());
  console.log(`Chromium: ${env.userAgent}; cores ${env.hardwareConcurrency}; gc exposed: ${env.gc}`);

  for (const input of inputs) {
    await page.evaluate((url) => arrowBench.load(url), `/data/${input.name}`);
    // Correctness first: every case must read the same values.
    const prints = {};
    for (const c of env.cases) prints[c] = await page.evaluate((c) => arrowBench.check(c), c);
    checks[input.name] = prints;
    const ref = prints[env.cases[0]];
    for (const c of env.cases) {
      for (const [col, p] of Object.entries(prints[c])) {
        if (JSON.stringify(p.sample) !== JSON.stringify(ref[col].sample) || p.length !== ref[col].length) {
          throw new Error(`${input.name}: ${c} reads ${col} differently: ${JSON.stringify(p)} vs ${JSON.stringify(ref[col])}`);
        }
      }
    }
    // Warm-up, then RUNS rounds; the order of the cases rotates every round.
    for (let round = 0; round < WARMUP + RUNS; round++) {
      for (let k = 0; k < env.cases.length; k++) {
        const c = env.cases[(k + round) % env.cases.length];
        const t = await page.evaluate((c) => arrowBench.run(c), c);
        if (round >= WARMUP) timings.push({ input: input.name, case: c, ...t });
      }
    }
    const line = env.cases.map((c) => `${c} ${r1(median(timings.filter((t) => t.input === input.name && t.case === c).map((t) => t.totalMs)))}`);
    console.log(`${input.name}: median total ms: ${line.join(', ')}`);
  }
  await page.evaluate(() => arrowBench.load('/index.html')); // drop the last buffer
} finally {
  await browser.close();
  await server.close();
}

// 3. Summaries.
const summary = [];
for (const input of inputs) {
  const row = { input: input.name, dataset: input.dataset, format: input.format, mb: r1(input.bytes / 1e6) };
  for (const c of env.cases) {
    const ts = timings.filter((t) => t.input === input.name && t.case === c);
    row[c] = { decodeMs: r1(median(ts.map((t) => t.decodeMs))), totalMs: r1(median(ts.map((t) => t.totalMs))),
      minTotalMs: r1(Math.min(...ts.map((t) => t.totalMs))), maxTotalMs: r1(Math.max(...ts.map((t) => t.totalMs))), runs: ts.length };
  }
  summary.push(row);
}

const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
const md = [];
md.push(`Rows: ${ROWS} per table, ${BATCH_ROWS} rows per record batch. Medians of ${RUNS} runs after ${WARMUP} warm-up rounds, cases interleaved in one page.`);
md.push(`Chromium: ${env.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? env.userAgent}; ${env.hardwareConcurrency} cores; node ${process.version}; ${cpus()[0]?.model ?? 'cpu?'}; ${Math.round(totalmem() / 2 ** 30)} GiB.`);
md.push('');
md.push('| bundle (tableFromIPC + toArray every column) | version | min bytes | min+gzip | min+brotli |');
md.push('| --- | --- | ---: | ---: | ---: |');
for (const s of sizes) md.push(`| ${s.library} | ${s.version} | ${s.minBytes.toLocaleString('en-US')} | ${s.gzipBytes.toLocaleString('en-US')} | ${s.brotliBytes.toLocaleString('en-US')} |`);
const gz = Object.fromEntries(sizes.map((s) => [s.library, s.gzipBytes]));
md.push(`\napache-arrow / flechette, min+gzip: ${ratio(gz['apache-arrow'], gz['@uwdata/flechette'])}×\n`);
const tsv = (r, c, k) => r[c]?.[k] ?? NaN;
md.push('Median ms (min–max) from ArrayBuffer to every column read fully (decode + toArray/convert):\n');
md.push(`| input | MB | ${env.cases.join(' | ')} |`);
md.push(`| --- | ---: | ${env.cases.map(() => '---:').join(' | ')} |`);
for (const r of summary) md.push(`| ${r.input} | ${r.mb} | ${env.cases.map((c) => `**${tsv(r, c, 'totalMs')}** (${tsv(r, c, 'minTotalMs')}–${tsv(r, c, 'maxTotalMs')})`).join(' | ')} |`);
md.push('\nMedian ms for tableFromIPC alone (both decode lazily):\n');
md.push(`| input | ${env.cases.join(' | ')} |`);
md.push(`| --- | ${env.cases.map(() => '---:').join(' | ')} |`);
for (const r of summary) md.push(`| ${r.input} | ${env.cases.map((c) => tsv(r, c, 'decodeMs')).join(' | ')} |`);
const pairs = [
  ['apache-arrow', 'flechette useBigInt', 'same output: Int64 as BigInt64Array'],
  ['apache-arrow→numbers', 'flechette useBigInt→numbers', 'same output and same int64 loop: Int64 as Float64Array'],
  ['apache-arrow→numbers', 'flechette', 'Int64 as Float64Array; flechette converts itself'],
  ['apache-arrow', 'flechette', 'each library\'s defaults (different Int64 output)'],
];
md.push('\nRatios of median totals, apache-arrow / flechette (above 1: flechette is faster):\n');
md.push(`| input | ${pairs.map(([a, b]) => `${a} / ${b}`).join(' | ')} |`);
md.push(`| --- | ${pairs.map(() => '---:').join(' | ')} |`);
for (const r of summary) md.push(`| ${r.input} | ${pairs.map(([a, b]) => ratio(tsv(r, a, 'totalMs'), tsv(r, b, 'totalMs'))).join(' | ')} |`);
md.push('');
for (const [a, b, what] of pairs) md.push(`- ${a} / ${b}: ${what}`);
const mdText = md.join('\n') + '\n';
console.log('\n' + mdText);

mkdirSync(RESULTS_DIR, { recursive: true });
const suffix = ROWS === 1_000_000 && BATCH_ROWS === ROWS ? '' : `-${ROWS}-rows-${BATCH_ROWS}-per-batch`;
writeFileSync(join(RESULTS_DIR, `results${suffix}.md`), mdText);
writeFileSync(join(RESULTS_DIR, `results${suffix}.json`), JSON.stringify({
  date: new Date().toISOString(), rows: ROWS, batchRows: BATCH_ROWS, runs: RUNS, warmup: WARMUP,
  browser: env.userAgent, cores: env.hardwareConcurrency, node: process.version,
  sizes, inputs, summary, outputs: checks, nullProbe, timings,
}, null, 1) + '\n');
console.log(`wrote results/results${suffix}.{md,json}`);
