/**
 * One connection pipelining identical requests it never reads (not a test): the server's RSS
 * before, at its peak and after the connection closes, and how long /healthz takes on other
 * connections meanwhile.
 * Usage: `pnpm bench:server --pipelined [--events 50000] [--requests 2000] [--seconds 15]
 * [--bin FILE]` (`--bin`: another server entry, e.g. an older copy of packages/server/src/bin.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { connect } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { ensureGold, serve, stop } from './common.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const events = Number(option('events') ?? 50_000);
const requests = Number(option('requests') ?? 2000);
const seconds = Number(option('seconds') ?? 15);
const bin = option('bin');
const PATH = '/v1/datasets/user_segments';

/** The child's resident set in MB (Linux /proc, else ps). */
function rssMb(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(status, 'utf8'))![1]) / 1024;
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

/** A GET on a connection of its own (no keep-alive): its time in ms, or the error. */
function probe(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; status: number | string; bytes: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = get(url, { agent: false, headers, timeout: 60_000 }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, bytes }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ ms: performance.now() - started, status: error.code ?? error.message, bytes: 0 }));
  });
}

const gold = await ensureGold(events);
const server = await serve(gold, [], ...(bin ? [bin] : []));
const pid = server.child.pid!;
await new Promise((r) => setTimeout(r, 1000));
const before = rssMb(pid);
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);

const attacker = connect(server.port, '127.0.0.1');
attacker.pause(); // never reads
attacker.on('error', () => {});
await new Promise((resolve) => attacker.once('connect', resolve));
attacker.write(`GET ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n`.repeat(requests));

const probes: Array<{ ms: number; status: number | string }> = [];
const end = performance.now() + seconds * 1000;
while (performance.now() < end) {
  probes.push(await probe(`${server.base}/healthz`));
  await new Promise((r) => setTimeout(r, 100));
}
const during = rssMb(pid);
attacker.destroy();
await new Promise((r) => setTimeout(r, 3000));
clearInterval(sampler);
const afterClose = rssMb(pid);
const body = await probe(`${server.base}${PATH}`, { Accept: 'application/json' });
await stop(server.child);

const times = probes.map((p) => p.ms).sort((a, b) => a - b);
const failed = probes.filter((p) => p.status !== 200);
const mb = (n: number) => n.toFixed(0);
console.log('| events | body | requests | RSS before MB | peak MB | at the end MB | 3 s after close MB | /healthz probes | p50 ms | max ms | failed |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
console.log(
  `| ${events.toLocaleString('en-US')} | ${(body.bytes / 1024).toFixed(0)} kB | ${requests.toLocaleString('en-US')} | ${mb(before)} | ${mb(peak)} | ${mb(during)} | ${mb(afterClose)} | ` +
    `${probes.length} | ${times[Math.ceil(times.length / 2) - 1]!.toFixed(1)} | ${times.at(-1)!.toFixed(1)} | ${failed.length ? failed.map((f) => `${f.status} after ${(f.ms / 1000).toFixed(1)} s`).join(', ') : 'none'} |`,
);
console.log(`\n${bin ? `server ${bin}` : 'this server'}; ${seconds} s of attack; ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${new Date().toISOString().slice(0, 16)} UTC`);
