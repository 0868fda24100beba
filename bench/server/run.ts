/**
 * Server benchmark (not a test): kpi_summary for a one-month range, at 1M and 10M events —
 * the same named query run bare in DuckDB (prepared, read in full) against the server answering
 * it over HTTP (a child process, cache off), one request at a time (latency) and with several
 * connections (throughput); then a repeated request answered from the server's cache.
 * Usage: `pnpm bench:server [sizes…]` (default 1000000 10000000). Gold folders are built once
 * under bench/server/.data/ (git-ignored). `pnpm bench:server --pipelined …` runs pipelined.ts
 * instead (one connection pipelining requests it never reads).
 */
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { namedStatement, openGoldDatabase } from '../../packages/server/src/index.js';
import { ensureGold, serve, stop } from './common.js';

if (process.argv.includes('--pipelined')) {
  await import('./pipelined.js');
  process.exit(0);
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (sizes.length === 0) sizes.push(1_000_000, 10_000_000);

const RANGE = { from: '2019-11-01', to: '2019-11-30' };
/** One range per connection under load: the server shares identical queries in flight, which would flatter it. */
const RANGES = Array.from({ length: 4 }, (_, i) => ({ from: RANGE.from, to: `2019-11-${30 - i}` }));
const pathOf = (range: { from: string; to: string }) => `/v1/datasets/kpi_summary?from=${range.from}&to=${range.to}`;
const PATH = pathOf(RANGE);
const SEQUENTIAL = 100;
const CONNECTIONS = RANGES.length;
const SECONDS = 8;
const WINDOWS = 4;
/** Enough queries and DuckDB connections for the load, as the measurements have always run. */
const POOL = ['--max-concurrent', '16', '--connections', String(CONNECTIONS)];

interface Stats {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
}

function stats(latencies: number[], seconds: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { requests: sorted.length, rps: sorted.length / seconds, p50: at(0.5), p99: at(0.99) };
}

/** The bare query: the server's own SQL and parameters, prepared once per connection, results read in full. */
async function openBare(gold: string) {
  const { instance } = await openGoldDatabase(gold);
  const statement = namedStatement({ dataset: 'kpi_summary', ...RANGE }, 'duckdb');
  const values = RANGES.map((range) => Object.fromEntries(Object.entries(namedStatement({ dataset: 'kpi_summary', ...range }, 'duckdb').params).map(([k, p]) => [k, p.value])));
  const connections = await Promise.all(Array.from({ length: CONNECTIONS }, () => instance.connect()));
  const prepared = await Promise.all(connections.map((c) => c.prepare(statement.sql)));
  return {
    async once(i: number): Promise<number> {
      const started = performance.now();
      prepared[i]!.bind(values[i]!);
      (await prepared[i]!.runAndReadAll()).getColumns();
      return performance.now() - started;
    },
    close() {
      for (const p of prepared) p.destroySync();
      for (const c of connections) c.closeSync();
      instance.closeSync();
    },
  };
}

/** Requests per second and latencies of `once(connection)` run on every connection for `seconds`. */
async function load(once: (connection: number) => Promise<number>, seconds: number): Promise<Stats & { times: number[] }> {
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, i) => {
      while (performance.now() < end) times.push(await once(i));
    }),
  );
  return { ...stats(times, seconds), times };
}

function merge(windows: Array<Stats & { times?: number[] }>): Stats {
  const times = windows.flatMap((w) => w.times ?? []);
  return stats(times, (windows.length * SECONDS) / WINDOWS);
}

const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

/** Server-side times (Server-Timing `total`) of the last requests, when a benchmark wants them. */
let serverSide: number[] | undefined;

function get(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    request(url, { agent, headers: { Accept: 'application/vnd.apache.arrow.stream' } }, (res) => {
      res.resume();
      const total = /total;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
      if (serverSide && total) serverSide.push(Number(total[1]));
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${url} answered ${res.statusCode}`))));
    })
      .on('error', reject)
      .end();
  });
}

const ms = (n: number) => n.toFixed(n < 10 ? 2 : 1);
const lines = [
  '| events | pairs | bare p50 ms | bare p99 ms | server p50 ms | server p99 ms | overhead p50 | overhead p99 | bare req/s (4 conn) | server req/s (4 conn) | server p50 / p99 ms (4 conn) | cached p50 / p99 ms (1 conn) | cached, server-side p50 / p99 ms | cached p50 / p99 ms (4 conn) | cached req/s |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
];
console.error(`${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const size of sizes) {
  const gold = await ensureGold(size);
  const bare = await openBare(gold);
  const uncached = await serve(gold, [...POOL, '--cache-entries', '0']);
  const url = `${uncached.base}${PATH}`;
  let warm = 0;
  for (let i = 0; i < 3; i++) {
    warm += await bare.once(0);
    await get(url);
  }
  // As many interleaved pairs as fit in about 40 s (100 to 400): a p99 needs samples.
  const pairs = Math.max(SEQUENTIAL, Math.min(4 * SEQUENTIAL, Math.round(40_000 / (2 * (warm / 3)))));
  // Interleaved, so both see the same machine (it is shared, and its load moves).
  const bareTimes: number[] = [];
  const serverTimes: number[] = [];
  for (let i = 0; i < pairs; i++) {
    bareTimes.push(await bare.once(0));
    serverTimes.push(await get(url));
  }
  const seconds = (t: number[]) => t.reduce((a, b) => a + b, 0) / 1000;
  const bareSeq = stats(bareTimes, seconds(bareTimes));
  const serverSeq = stats(serverTimes, seconds(serverTimes));
  // Throughput in alternating windows, for the same reason.
  const bareWindows: Stats[] = [];
  const serverWindows: Stats[] = [];
  for (let w = 0; w < WINDOWS; w++) {
    bareWindows.push(await load((i) => bare.once(i), SECONDS / WINDOWS));
    serverWindows.push(await load((i) => get(`${uncached.base}${pathOf(RANGES[i]!)}`), SECONDS / WINDOWS));
  }
  const bareLoad = merge(bareWindows);
  const serverLoad = merge(serverWindows);
  await stop(uncached.child);
  bare.close();
  const cachedServer = await serve(gold, POOL);
  const cachedUrl = `${cachedServer.base}${PATH}`;
  const cachedTimes: number[] = [];
  for (let i = 0; i < 20; i++) await get(cachedUrl);
  serverSide = [];
  for (let i = 0; i < 2000; i++) cachedTimes.push(await get(cachedUrl));
  const cachedSeq = stats(cachedTimes, seconds(cachedTimes));
  const cachedInside = stats(serverSide, 1);
  serverSide = undefined;
  const cachedLoad = await load(() => get(cachedUrl), 3);
  await stop(cachedServer.child);
  lines.push(
    `| ${size.toLocaleString('en-US')} | ${pairs} | ${ms(bareSeq.p50)} | ${ms(bareSeq.p99)} | ${ms(serverSeq.p50)} | ${ms(serverSeq.p99)} | ` +
      `${(serverSeq.p50 / bareSeq.p50).toFixed(2)}× | ${(serverSeq.p99 / bareSeq.p99).toFixed(2)}× | ` +
      `${bareLoad.rps.toFixed(1)} | ${serverLoad.rps.toFixed(1)} | ${ms(serverLoad.p50)} / ${ms(serverLoad.p99)} | ` +
      `${ms(cachedSeq.p50)} / ${ms(cachedSeq.p99)} | ${ms(cachedInside.p50)} / ${ms(cachedInside.p99)} | ${ms(cachedLoad.p50)} / ${ms(cachedLoad.p99)} | ${cachedLoad.rps.toFixed(0)} |`,
  );
  console.error(lines.at(-1));
}
agent.destroy();
console.log(lines.join('\n'));
console.log(`\n${cpus().length} cores, load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}; range ${RANGE.from}…${RANGE.to}; ${new Date().toISOString().slice(0, 10)}`);
