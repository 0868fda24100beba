/**
 * A one-month range through the real server (not a test): `goldboard serve` over a Gold with
 * Silver split by month beside `goldboard serve` of the commit before that split (Silver one
 * loosely time-ordered file) over a Gold that commit built from the same events. One run, the
 * two servers' requests interleaved (the machine is shared), cache off: HTTP p50/p99 from the
 * client and the bytes each server process read per request (`rchar` of /proc/PID/io: every
 * read, from disk or the page cache).
 * Usage: `node --conditions=source --import tsx bench/pipeline/range.ts --gold NEW --old-gold OLD --old-checkout DIR [--pairs=200]`
 * where DIR is a checkout of the older commit with its dependencies installed (see README.md).
 */
import { readFileSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { serve, stop } from '../server/common.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = inline ? inline.slice(name.length + 3) : i > 0 ? process.argv[i + 1] : undefined;
  return value;
};
const gold = arg('gold');
const oldGold = arg('old-gold');
const oldCheckout = arg('old-checkout');
if (!gold || !oldGold || !oldCheckout) throw new Error('usage: range.ts --gold NEW --old-gold OLD --old-checkout DIR [--pairs=N]');
const pairs = Number(arg('pairs') ?? 200);
const RANGE = { from: '2019-11-01', to: '2019-11-30' };
const PATH = `/v1/datasets/kpi_summary?from=${RANGE.from}&to=${RANGE.to}`;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string, accept = 'application/vnd.apache.arrow.stream'): Promise<{ ms: number; body: Buffer }> {
  const started = performance.now();
  return new Promise((done, fail) => {
    request(url, { agent, headers: { Accept: accept } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? done({ ms: performance.now() - started, body: Buffer.concat(chunks) }) : fail(new Error(`${url} answered ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 300)}`))));
    })
      .on('error', fail)
      .end();
  });
}

const rchar = (pid: number) => Number(/rchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))![1]);
const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const silverOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { rows: { silver: number }; silver: { events?: string; file?: string } };

console.log(`${new Date().toISOString()} · ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const servers = {
  'by month (this commit)': { gold: resolve(gold), ...(await serve(resolve(gold), ['--cache-entries', '0'])) },
  'one file (before the split)': { gold: resolve(oldGold), ...(await serve(resolve(oldGold), ['--cache-entries', '0'], join(resolve(oldCheckout), 'packages/server/src/bin.ts'), resolve(oldCheckout))) },
};
const entries = Object.entries(servers);
// Same answer from both (JSON, so the encoding's metadata does not count).
const answers = await Promise.all(entries.map(([, s]) => get(`${s.base}${PATH}`, 'application/json').then((r) => r.body.toString())));
if (answers[0] !== answers[1]) throw new Error(`the two servers answer differently:\n${answers.join('\n')}`);
for (let i = 0; i < 5; i++) for (const [, s] of entries) await get(`${s.base}${PATH}`);
const times = entries.map(() => [] as number[]);
const readBefore = entries.map(([, s]) => rchar(s.child.pid!));
for (let i = 0; i < pairs; i++) {
  // Alternate which goes first, so neither always follows the other's page-cache traffic.
  const order = i % 2 === 0 ? [0, 1] : [1, 0];
  for (const k of order) times[k]!.push((await get(`${entries[k]![1].base}${PATH}`)).ms);
}
const readPerRequest = entries.map(([, s], k) => (rchar(s.child.pid!) - readBefore[k]!) / pairs);
for (const [, s] of entries) await stop(s.child);
agent.destroy();

const lines = ['| Silver layout | Silver events | p50 ms | p99 ms | mean ms | read per request MB |', '|---|---:|---:|---:|---:|---:|'];
const p: number[][] = [];
entries.forEach(([name, s], k) => {
  const sorted = [...times[k]!].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  p.push([at(sorted, 0.5), at(sorted, 0.99)]);
  lines.push(`| ${name} | ${silverOf(s.gold).rows.silver.toLocaleString('en-US')} | ${at(sorted, 0.5).toFixed(1)} | ${at(sorted, 0.99).toFixed(1)} | ${mean.toFixed(1)} | ${(readPerRequest[k]! / 1e6).toFixed(1)} |`);
});
console.log(`\nkpi_summary ${RANGE.from}…${RANGE.to}, ${pairs} requests to each server, interleaved, cache off, one connection\n\n${lines.join('\n')}\n`);
console.log(`by month ÷ one file: p50 ${(p[0]![0]! / p[1]![0]!).toFixed(2)}×, p99 ${(p[0]![1]! / p[1]![1]!).toFixed(2)}×, bytes read ${(readPerRequest[0]! / readPerRequest[1]!).toFixed(2)}×`);
console.log(`${new Date().toISOString()} · load average after ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
