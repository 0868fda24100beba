// `pnpm bench:render --e2e`: the path from bytes, measured as a user meets it. For each size and
// date type, the same Arrow IPC stream over HTTP for every contender, each in a page of its own
// opened by a navigation of its own (no HTTP cache: the server says no-store), timed from
// navigation start to the first painted frame showing the chart:
//   goldboard-src   <revenue-trend src> (fetch + flechette in the lazily loaded Arrow chunk)
//   goldboard-data  the page decodes with apache-arrow and sets <revenue-trend>.data = table
//   uplot           the page decodes with apache-arrow, converts the time column, new uPlot()
// Writes results/e2e.json and results/e2e.md, with the CPU time each navigation took in the
// page's renderer beside the elapsed times (steadier than those on a machine others load).
// Env: RENDER_BENCH_RUNS (11), RENDER_BENCH_WARMUP (2), RENDER_BENCH_SIZES (1000,100000,1000000),
//      RENDER_BENCH_DATES (timestamp,date32), RENDER_BENCH_PROFILE (1: a CPU profile of each
//      contender at the largest size, summarised into results/e2e-profile.md), RENDER_BENCH_BASELINE
//      (another built dist/ folder: Goldboard's pages on it too, in the same rounds), RENDER_BENCH_GOLDBOARD
//      (a built dist/ folder to measure instead of packages/elements/dist).
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, median } from '../../scripts/chromium.mjs';
import { buildAll, buildE2E, DIST_DIR, e2ePages } from './build.mjs';
import { serve } from './server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const RESULTS_DIR = join(HERE, 'results');
const RUNS = Number(process.env.RENDER_BENCH_RUNS ?? 11);
const WARMUP = Number(process.env.RENDER_BENCH_WARMUP ?? 2);
const SIZES = (process.env.RENDER_BENCH_SIZES ?? '1000,100000,1000000').split(',').map(Number);
const DATES = (process.env.RENDER_BENCH_DATES ?? 'timestamp,date32').split(',');
const PROFILE = process.env.RENDER_BENCH_PROFILE === '1';
const LIBS = Object.keys(e2ePages());
const SIZE = { width: 800, height: 300 };

const r1 = (x) => Math.round(x * 10) / 10;
const r2 = (x) => Math.round(x * 100) / 100;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (!existsSync(join(ROOT, 'packages/elements/dist/goldboard.js'))) {
  execSync('pnpm --filter @goldboard/elements build', { cwd: ROOT, stdio: 'inherit' });
}
await buildAll();
const streamBytes = await buildE2E(SIZES);

/** Self time per function (and per script) of a V8 CPU profile, largest first. */
function summarise(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url ? url.split('/').pop() : ''}${url ? `:${lineNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  return [...self].sort((a, b) => b[1] - a[1]);
}

const server = await serve(DIST_DIR);
const browser = await launchChromium(['--headless=new', '--disable-gpu-vsync', '--disable-frame-rate-limit']);
const timings = [];
const profiles = {};
const load = [loadavg()[0]];
let userAgent;
try {
  // One browser page, navigated from contender to contender: each navigation loads its page, its
  // scripts and the stream anew (the server says no-store), in a renderer process already running
  // (a new process per navigation added 300-700 ms of noise on a loaded machine).
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${server.url}/sizes.json`);
  const cdp = await context.newCDPSession(page);
  // CPU time of the page's renderer, which a loaded machine inflates far less than elapsed time:
  // its main thread's (ThreadTime) and all its threads' (ProcessTime, in steps of 10 ms).
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const cpu = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.filter((m) => m.name === 'ThreadTime' || m.name === 'ProcessTime').map((m) => [m.name, m.value * 1000]));
  async function navigate(lib, n, dates, profile = false) {
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    const done = page.waitForEvent('console', (m) => m.text() === 'e2e-done');
    const before = await cpu();
    await page.goto(`${server.url}/e2e-${lib}.html?n=${n}&dates=${dates}`);
    await done;
    const after = await cpu();
    const result = await page.evaluate(() => ({ ...window.e2eResult, userAgent: navigator.userAgent }));
    // ThreadTime starts again with each document; ProcessTime runs on while the renderer does.
    result.mainCpuMs = after.ThreadTime;
    result.processCpuMs = after.ProcessTime - before.ProcessTime;
    if (profile) profiles[`${lib}@${dates}-${n}`] = summarise((await cdp.send('Profiler.stop')).profile);
    // Leave the chart's page (its heap goes with it) before the next contender's turn.
    await page.goto(`${server.url}/sizes.json`);
    return result;
  }
  for (const n of SIZES) {
    for (const dates of DATES) {
      for (let round = 0; round < WARMUP + RUNS; round++) {
        for (let k = 0; k < LIBS.length; k++) {
          const lib = LIBS[(k + round) % LIBS.length];
          await sleep(100);
          const t = await navigate(lib, n, dates);
          userAgent ??= t.userAgent;
          if (t.error) throw new Error(`${lib} at n=${n} (${dates}): ${t.error}`);
          const drew = t.check.width === SIZE.width && t.check.height === SIZE.height && (lib === 'uplot' || (t.check.state === 'ready' && t.check.points > 0));
          if (!drew) throw new Error(`${lib} at n=${n} (${dates}) did not draw a ${SIZE.width} × ${SIZE.height} chart: ${JSON.stringify(t.check)}`);
          if (round >= WARMUP) timings.push({ lib, n, dates, round, paintedMs: t.paintedMs, drawnMs: t.drawnMs, bytesMs: t.bytesMs, requestMs: t.requestMs, scriptsMs: t.scriptsMs, mainCpuMs: t.mainCpuMs, processCpuMs: t.processCpuMs });
        }
      }
      load.push(loadavg()[0]);
      const line = LIBS.map((lib) => `${lib} ${r1(median(timings.filter((t) => t.lib === lib && t.n === n && t.dates === dates).map((t) => t.paintedMs)))} ms`);
      console.log(`n=${n.toLocaleString('en-US')} ${dates}: median navigation → painted ${line.join(', ')} (load ${loadavg()[0].toFixed(1)})`);
    }
  }
  if (PROFILE) {
    const n = Math.max(...SIZES);
    for (const lib of LIBS) await navigate(lib, n, 'timestamp', true);
  }
} finally {
  await browser.close();
  await server.close();
}

const summary = [];
for (const n of SIZES) {
  for (const dates of DATES) {
    const of = (lib) => timings.filter((t) => t.lib === lib && t.n === n && t.dates === dates);
    const row = { n, dates };
    for (const lib of LIBS) {
      row[lib] = Object.fromEntries(['paintedMs', 'drawnMs', 'bytesMs', 'requestMs', 'scriptsMs', 'mainCpuMs', 'processCpuMs'].map((k) => [k, r1(median(of(lib).map((t) => t[k])))]));
    }
    // Ratios of medians, and the median of the ratio within each round (contenders moments apart).
    const perRound = (lib) => r2(median(of(lib).map((t) => t.paintedMs / of('uplot').find((u) => u.round === t.round).paintedMs)));
    for (const lib of LIBS) if (lib !== 'uplot') row.overUplot = { ...row.overUplot, [lib]: [r2(row[lib].paintedMs / row.uplot.paintedMs), perRound(lib)] };
    for (const lib of LIBS) if (lib !== 'uplot') row.cpuOverUplot = { ...row.cpuOverUplot, [lib]: r2(row[lib].mainCpuMs / row.uplot.mainCpuMs) };
    summary.push(row);
  }
}

const cell = (c) => `${c.paintedMs} (bytes ${c.bytesMs}, drawn ${c.drawnMs})`;
const md = [
  `Chromium: ${userAgent}`,
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${load.map((l) => l.toFixed(1)).join(' → ')} during the run; ${RUNS} navigations per contender after ${WARMUP} warm-up rounds, contenders in rotating order; chart ${SIZE.width} × ${SIZE.height} px.`,
  'Milliseconds from navigation start: painted (the stream\'s bytes received, the chart drawn).',
  '',
  `| rows | \`event_date\` | stream | ${LIBS.join(' | ')} | ${LIBS.filter((l) => l !== 'uplot').map((l) => `${l} / uplot`).join(' | ')} |`,
  `| ---: | --- | ---: | ${LIBS.map(() => '---:').join(' | ')} | ${LIBS.filter((l) => l !== 'uplot').map(() => '---:').join(' | ')} |`,
  ...summary.map(
    (r) =>
      `| ${r.n.toLocaleString('en-US')} | ${r.dates === 'date32' ? 'date32' : 'timestamp[ms]'} | ${(streamBytes[`${r.dates}-${r.n}`] / 1e6).toFixed(2)} MB | ${LIBS.map((l) => cell(r[l])).join(' | ')} | ${Object.values(r.overUplot).map(([m, p]) => `${m}× (per round ${p}×)`).join(' | ')} |`,
  ),
  '',
  'Where the time goes (medians, ms since navigation start): scripts loaded → stream asked for → stream received → drawn → painted.',
  '',
  `| rows | \`event_date\` | ${LIBS.join(' | ')} |`,
  `| ---: | --- | ${LIBS.map(() => '---').join(' | ')} |`,
  ...summary.map((r) => `| ${r.n.toLocaleString('en-US')} | ${r.dates} | ${LIBS.map((l) => ['scriptsMs', 'requestMs', 'bytesMs', 'drawnMs', 'paintedMs'].map((k) => r[l][k]).join(' → ')).join(' | ')} |`),
  '',
  'CPU time of the page\'s renderer per navigation (medians, ms): its main thread (all its threads, in steps of 10 ms). Elapsed time on a loaded machine counts the time others ran; this counts the work each contender asked of the renderer.',
  '',
  `| rows | \`event_date\` | ${LIBS.join(' | ')} | ${LIBS.filter((l) => l !== 'uplot').map((l) => `${l} / uplot (main thread)`).join(' | ')} |`,
  `| ---: | --- | ${LIBS.map(() => '---:').join(' | ')} | ${LIBS.filter((l) => l !== 'uplot').map(() => '---:').join(' | ')} |`,
  ...summary.map((r) => `| ${r.n.toLocaleString('en-US')} | ${r.dates} | ${LIBS.map((l) => `${r[l].mainCpuMs} (${r[l].processCpuMs})`).join(' | ')} | ${Object.values(r.cpuOverUplot).map((x) => `${x}×`).join(' | ')} |`),
  '',
].join('\n');
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'e2e.json'), JSON.stringify({ userAgent, runs: RUNS, warmup: WARMUP, load, streamBytes, summary, timings, profiles }, null, 1));
writeFileSync(join(RESULTS_DIR, 'e2e.md'), md);
console.log(`\n${md}`);
if (PROFILE) {
  const lines = Object.entries(profiles).flatMap(([name, top]) => [`### ${name}`, '', '| self ms | function |', '| ---: | --- |', ...top.slice(0, 15).map(([f, ms]) => `| ${r1(ms)} | \`${f}\` |`), '']);
  writeFileSync(join(RESULTS_DIR, 'e2e-profile.md'), lines.join('\n'));
  console.log(lines.join('\n'));
}
