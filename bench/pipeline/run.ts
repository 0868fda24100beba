/**
 * Pipeline benchmark (not a test): events per second of `goldboard build` on generated events,
 * side by side with a bare DuckDB scan of the same CSVs, peak memory of each, K-Means time on
 * 1M users (in SQL, as the build runs it, beside the previous in-memory K-Means), and the floor:
 * the steps no build can skip, each timed alone (floorSteps).
 * Usage: `pnpm bench:pipeline [sizes…] [--repeat=N] [--no-kmeans] [--no-scan]` (default 1000000 10000000).
 * Generated events are cached outside the repository (`data.ts`: the OS temp folder).
 * Also: build ÷ floor (wall and CPU time of all threads, the steadier one on a shared machine),
 * peak RSS of each, the Gold folder's size on disk, the build's stages, and — with three sizes or
 * more — a projection for REES46's 411,709,736 events: a least-squares line of wall time, CPU
 * time and peak RSS against events over the measured sizes, printed with its slope, intercept
 * and R² (a projection, not a measurement).
 * Usage at scale: `nice -n 10 node --conditions=source --import tsx bench/pipeline/run.ts 10000000 30000000 100000000 --repeat=1 --no-kmeans`
 * `--record=FILE` appends each size's figures to FILE (JSON lines) and fits over every size in it,
 * so the sizes can be measured in separate runs (the latest figures of a size count);
 * `--fit-only --record=FILE` prints that projection without measuring.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchData, cachedEvents } from './data.js';
import { compareKMeans } from './kmeans.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const data = benchData;
const REES46_EVENTS = 411_709_736;
const recordArg = process.argv.find((a) => a.startsWith('--record='));
const record = recordArg?.slice('--record='.length);
const noScan = process.argv.includes('--no-scan');
const repeatArg = process.argv.find((a) => a.startsWith('--repeat='));
const repeat = repeatArg ? Number(repeatArg.slice('--repeat='.length)) : 3;
const sizes = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number).filter((n) => n > 0);
// --fit-only (with --record): no measurement, the projection over the recorded sizes.
if (process.argv.includes('--fit-only')) sizes.length = 0;
else if (sizes.length === 0) sizes.push(1_000_000, 10_000_000);

interface Measure {
  rows: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
  stageSeconds?: Record<string, number>;
}

/** Least squares y = intercept + slope × x, with R². */
function fit(points: Array<[number, number]>): { slope: number; intercept: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssRes = points.reduce((s, [x, y]) => s + (y - intercept - slope * x) ** 2, 0);
  const ssTot = points.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  return { slope, intercept, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}

/**
 * The projection to REES46's size: a line fitted over every measured size, for the build and its
 * floor (wall s, CPU s, peak RSS MB), each with its fit's figures. Not a measurement.
 */
function projection(rows: Array<{ size: number; build: Record<'seconds' | 'cpuSeconds' | 'maxRssMB', number>; floor: Record<'seconds' | 'cpuSeconds' | 'maxRssMB', number> }>): string {
  const out = [
    `PROJECTION (not measured) to ${REES46_EVENTS.toLocaleString('en-US')} events: least-squares line over ${rows.map((r) => r.size.toLocaleString('en-US')).join(', ')} events`,
    '',
    '| | per 1M events | intercept | R² | projected | projected ÷ largest measured |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  const largest = rows.at(-1)!;
  for (const side of ['build', 'floor'] as const) {
    for (const [key, unit] of [['seconds', 'wall s'], ['cpuSeconds', 'CPU s'], ['maxRssMB', 'peak RSS MB']] as const) {
      const f = fit(rows.map((r) => [r.size, r[side][key]]));
      const at = f.intercept + f.slope * REES46_EVENTS;
      const shown = key === 'maxRssMB' ? `${Math.round(at).toLocaleString('en-US')} MB` : `${at.toFixed(0)} s (${(at / 60).toFixed(1)} min)`;
      out.push(`| ${side} ${unit} | ${(f.slope * 1e6).toFixed(key === 'maxRssMB' ? 1 : 3)} | ${f.intercept.toFixed(1)} | ${f.r2.toFixed(4)} | ${shown} | ${(at / largest[side][key]).toFixed(2)}× |`);
    }
  }
  const ratio = (key: 'seconds' | 'cpuSeconds') => {
    const b = fit(rows.map((r) => [r.size, r.build[key]]));
    const f = fit(rows.map((r) => [r.size, r.floor[key]]));
    return ((b.intercept + b.slope * REES46_EVENTS) / (f.intercept + f.slope * REES46_EVENTS)).toFixed(2);
  };
  out.push('', 'Peak RSS is bounded by the memory limit (DuckDB spills past it), so its line is an upper bound at best.');
  out.push('', `Projected build ÷ floor at ${REES46_EVENTS.toLocaleString('en-US')}: ${ratio('seconds')}× wall, ${ratio('cpuSeconds')}× CPU (projection)`);
  return `${out.join('\n')}\n`;
}

/** Bytes of the files under a folder (following the Gold link). */
function diskBytes(path: string): number {
  const dir = realpathSync(path);
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    total += entry.isDirectory() ? diskBytes(join(dir, entry.name)) : statSync(join(dir, entry.name)).size;
  }
  return total;
}

/** The floor steps of one run, in a process of their own: seconds per step. */
function floorStep(events: string): { steps: Record<string, number>; cpuSeconds: number; maxRssMB: number } {
  const output = execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', join(here, 'build-once.ts'), 'floor', events], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

function step(name: string, events: string, out = ''): Measure {
  const output = execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', join(here, 'build-once.ts'), name, events, out], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

const ratioLines = ['| events | build s | floor s | build ÷ floor | build CPU s | floor CPU s | build ÷ floor (CPU) | build peak RSS MB | floor peak RSS MB | Gold on disk MB | raw CSV MB |', '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
const measured: Array<{ size: number; build: { seconds: number; cpuSeconds: number; maxRssMB: number }; floor: { seconds: number; cpuSeconds: number; maxRssMB: number } }> = [];
const stageLines: string[] = [];
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const floorLines = ['| events | typed load s | duplicate hashes s | Silver Parquet s | per-user aggregate s | floor s | floor ÷ typed scan | typed load ÷ typed scan |', '|---:|---:|---:|---:|---:|---:|---:|---:|'];
const lines = ['| events | generate s | bare scan (text) s | bare scan (typed) s | build s | build events/s | build ÷ text scan | build ÷ typed scan | build peak RSS MB | scan peak RSS MB |', '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
for (const size of sizes) {
  const { events, generateSeconds } = await cachedEvents(size);
  console.log(`${size.toLocaleString('en-US')} events: start ${new Date().toISOString()}, load average ${load()}`);
  // --no-scan: the build and its floor only (the bare scans' columns print as —).
  const scan = (name: string): Measure => (noScan ? { rows: 0, seconds: Number.NaN, cpuSeconds: Number.NaN, maxRssMB: Number.NaN } : step(name, events));
  scan('scan-text'); // warm the page cache so both sides read from memory
  const gold = join(data, `gold-${size}`);
  mkdirSync(data, { recursive: true });
  // Interleaved repeats, best of each: on a shared machine the minimum is the least noisy figure.
  const runs = { text: [] as Measure[], typed: [] as Measure[], build: [] as Measure[] };
  // The floor: the steps every build of the contract must do, each timed alone (see floorSteps).
  const floors: Array<{ steps: Record<string, number>; cpuSeconds: number; maxRssMB: number }> = [];
  for (let r = 0; r < repeat; r++) {
    runs.text.push(scan('scan-text'));
    runs.typed.push(scan('scan-typed'));
    runs.build.push(step('build-full', events, gold));
    floors.push(floorStep(events));
  }
  const best = (list: Measure[]) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const peak = (list: Measure[]) => Math.max(...list.map((m) => m.maxRssMB));
  const text = { ...best(runs.text), maxRssMB: peak(runs.text) };
  const typed = { ...best(runs.typed), maxRssMB: peak(runs.typed) };
  const build = { ...best(runs.build), maxRssMB: peak(runs.build) };
  const floor = Object.fromEntries(Object.keys(floors[0]!.steps).map((k) => [k, Math.min(...floors.map((f) => f.steps[k]!))]));
  const floorCpu = Math.min(...floors.map((f) => f.cpuSeconds));
  const buildCpu = Math.min(...runs.build.map((m) => m.cpuSeconds));
  const floorSum = Object.values(floor).reduce((a, b) => a + b, 0);
  floorLines.push(
    `| ${size.toLocaleString('en-US')} | ${Object.values(floor).map((v) => v.toFixed(2)).join(' | ')} | ${floorSum.toFixed(2)} | ${(floorSum / best(runs.typed).seconds).toFixed(2)}× | ${(floor.typedLoad! / best(runs.typed).seconds).toFixed(2)}× |`,
  );
  const floorWall = Object.values(floor).reduce((a, b) => a + b, 0);
  const csvBytes = readdirSync(events).filter((n) => n.endsWith('.csv')).reduce((sum, n) => sum + statSync(join(events, n)).size, 0);
  ratioLines.push(
    `| ${size.toLocaleString('en-US')} | ${best(runs.build).seconds.toFixed(2)} | ${floorWall.toFixed(2)} | ${(best(runs.build).seconds / floorWall).toFixed(2)}× | ${buildCpu.toFixed(1)} | ${floorCpu.toFixed(1)} | ${(buildCpu / floorCpu).toFixed(2)}× | ` +
      `${Math.round(peak(runs.build))} | ${Math.round(Math.max(...floors.map((f) => f.maxRssMB)))} | ${(diskBytes(gold) / 1e6).toFixed(0)} | ${(csvBytes / 1e6).toFixed(0)} |`,
  );
  const floorRss = Math.max(...floors.map((f) => f.maxRssMB));
  measured.push({ size, build: { seconds: best(runs.build).seconds, cpuSeconds: buildCpu, maxRssMB: peak(runs.build) }, floor: { seconds: floorWall, cpuSeconds: floorCpu, maxRssMB: floorRss } });
  if (record) appendFileSync(record, `${JSON.stringify({ ...measured.at(-1), at: new Date().toISOString(), load: load() })}\n`);
  const stages = best(runs.build).stageSeconds ?? {};
  stageLines.push(`| ${size.toLocaleString('en-US')} | ${Object.entries(stages).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' · ')} |`);
  console.log(ratioLines.at(-1));
  console.log(`  build stages (s): ${Object.entries(stages).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' · ')}`);
  console.log(`  end ${new Date().toISOString()}, load average ${load()}`);
  console.log(`  all runs (s): text ${runs.text.map((m) => m.seconds.toFixed(2)).join(' ')} · typed ${runs.typed.map((m) => m.seconds.toFixed(2)).join(' ')} · build ${runs.build.map((m) => m.seconds.toFixed(2)).join(' ')}`);
  lines.push(
    `| ${size.toLocaleString('en-US')} | ${Number.isNaN(generateSeconds) ? 'cached' : generateSeconds.toFixed(1)} | ${text.seconds.toFixed(2)} | ${typed.seconds.toFixed(2)} | ${build.seconds.toFixed(2)} | ` +
      `${Math.round(build.rows / build.seconds).toLocaleString('en-US')} | ${(build.seconds / text.seconds).toFixed(2)}× | ${(build.seconds / typed.seconds).toFixed(2)}× | ${Math.round(build.maxRssMB)} | ${Math.round(Math.max(text.maxRssMB, typed.maxRssMB))} |`,
  );
  console.log(lines.at(-1));
}
console.log(`\n${lines.join('\n').replaceAll('NaN', '—')}\n`);
console.log(`The floor (steps no build can skip, each timed alone, best of the runs):\n\n${floorLines.join('\n').replaceAll('NaN', '—')}\n`);
console.log(`Build beside its floor (best wall time, least CPU time of the runs):\n\n${ratioLines.join('\n')}\n`);
console.log(`The build's stages (seconds, from its manifest, the fastest build):\n\n| events | stages |\n|---:|---|\n${stageLines.join('\n')}\n`);
const fitted = record && existsSync(record)
  ? [...new Map(readFileSync(record, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as (typeof measured)[number]).map((m) => [m.size, m])).values()].sort((a, b) => a.size - b.size)
  : measured;
if (fitted.length >= 3) console.log(projection(fitted));
else if (fitted.length === 2) console.log('(a projection needs three sizes or more: two points fit any line exactly)\n');
if (!process.argv.includes('--no-kmeans') && sizes.length > 0) console.log(await compareKMeans(1_000_000, repeat));
console.log(`(load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores)`);
