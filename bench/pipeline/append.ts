/**
 * Appending a month (not a test): a Gold of the first six months of N generated events, then
 * the seventh month's file added and `goldboard build` run again (incremental: it reads that
 * file only), beside a full build of the seven. Each build in its own process: wall time, CPU
 * time of all threads (steadier than wall time on a shared machine) and peak RSS.
 * Usage: `node --conditions=source --import tsx bench/pipeline/append.ts 10000000 [--repeat=2]`
 */
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchData, cachedEvents } from './data.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repeatArg = process.argv.find((a) => a.startsWith('--repeat='));
const repeat = repeatArg ? Number(repeatArg.slice('--repeat='.length)) : 2;
const size = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 10_000_000);

interface Measure {
  rows: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
  build: { read: string[]; rebuiltMonths: string[]; keptMonths: string[] };
  stageSeconds: Record<string, number>;
}

function build(step: 'build' | 'build-full', events: string, out: string): Measure {
  const output = execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', join(here, 'build-once.ts'), step, events, out], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

const { events: all } = await cachedEvents(size);
// Month files sort by name as 2019-Dec, 2019-Nov, 2019-Oct, 2020-…: order them by date.
const order = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const key = (name: string) => name.slice(0, 4) + String(order.indexOf(name.slice(5, 8))).padStart(2, '0');
const files = readdirSync(all).filter((n) => n.endsWith('.csv')).sort((a, b) => key(a).localeCompare(key(b)));
if (files.length !== 7) throw new Error(`expected 7 month files in ${all}, found ${files.length}`);
const work = join(benchData, `append-${size}`);
const line = (label: string, m: Measure) =>
  `| ${label} | ${m.seconds.toFixed(1)} | ${m.cpuSeconds.toFixed(1)} | ${Math.round(m.maxRssMB)} | ${m.build.read.length} | ${m.build.rebuiltMonths.length} / ${m.build.keptMonths.length} | ${stages(m)} |`;
const stages = (m: Measure) => Object.entries(m.stageSeconds).map(([name, s]) => `${name} ${s.toFixed(1)}`).join(', ');
const rows: string[] = ['| build | wall s | CPU s | peak RSS MB | files read | months rebuilt / kept | stages (wall s) |', '|---|---:|---:|---:|---:|---:|---|'];
const ratios: string[] = [];
for (let r = 0; r < repeat; r++) {
  rmSync(work, { recursive: true, force: true });
  const events = join(work, 'events');
  mkdirSync(events, { recursive: true });
  for (const name of files.slice(0, 6)) linkSync(join(all, name), join(events, name));
  const six = build('build', events, join(work, 'gold'));
  linkSync(join(all, files[6]!), join(events, files[6]!));
  const append = build('build', events, join(work, 'gold'));
  const full = build('build-full', events, join(work, 'gold-full'));
  rows.push(line('six months (first build)', six), line(`append ${files[6]} (incremental)`, append), line('seven months, full', full));
  ratios.push(`run ${r + 1}: append ÷ full = ${(append.seconds / full.seconds).toFixed(2)}× wall, ${(append.cpuSeconds / full.cpuSeconds).toFixed(2)}× CPU`);
  console.log(rows.slice(-3).join('\n'));
}
rmSync(work, { recursive: true, force: true });
console.log(`\n${size.toLocaleString('en-US')} events, ${files.join(' ')}\n\n${rows.join('\n')}\n\n${ratios.join('\n')}`);
console.log(`(load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores)`);
