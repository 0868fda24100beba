/**
 * K-Means on n synthetic users shaped like the Gold features (three groups, heavy tails): the
 * build's K-Means in SQL inside DuckDB (features table → user_segments table), side by side with
 * the in-memory typed-array K-Means it replaced (scaling + clustering of a Float64Array).
 * Usage: `node --conditions=source --import tsx bench/pipeline/kmeans.ts [users] [--repeat=3]`.
 */
import { createRandom, logNormal } from '../../packages/pipeline/src/generate/random.js';
import { FEATURE_NAMES, scaleFeatures } from '../../packages/pipeline/src/segments/features.js';
import { kmeans } from '../../packages/pipeline/src/segments/kmeans.js';
import { labelClusters } from '../../packages/pipeline/src/segments/labels.js';
import { kmeansSql } from '../../packages/pipeline/src/segments/kmeans-driver.js';
import { DUCKDB_KMEANS, assignSegmentsSql } from '../../packages/pipeline/src/segments/kmeans-sql.js';
import { withFeatureTable } from '../../packages/pipeline/src/segments/feature-table.js';
import { duckdbSession } from '../../packages/pipeline/src/segments/segment-users.js';

export function syntheticUsers(n: number, seed = 1): { rows: number; dims: number; values: Float64Array } {
  const random = createRandom(seed);
  const dims = FEATURE_NAMES.length;
  const values = new Float64Array(n * dims);
  for (let r = 0; r < n; r++) {
    const roll = random.next();
    const purchases = roll < 0.04 ? Math.round(logNormal(random, 12, 0.5)) : roll < 0.14 ? 1 + random.int(2) : 0;
    const events = Math.round(logNormal(random, purchases > 3 ? 200 : 12, 0.8)) + purchases;
    const o = r * dims;
    values[o] = random.next() * (purchases > 3 ? 30 : 200); // recency_days
    values[o + 1] = purchases;
    values[o + 2] = purchases * logNormal(random, 400, 0.6); // spend
    values[o + 3] = events;
    values[o + 4] = Math.max(1, Math.round(events / 5)); // sessions
    values[o + 5] = purchases / Math.max(1, events - purchases); // conversion
  }
  return { rows: n, dims, values };
}

/** The previous K-Means: log1p + standardize, then 4 greedy k-means++ starts on typed arrays (data already in memory). */
export function kmeansBenchmark(n: number): { seconds: number; line: string; counts: Record<string, number> } {
  const raw = syntheticUsers(n);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { scaled } = scaleFeatures(raw);
  const scaledAt = performance.now();
  const result = kmeans(scaled, { k: 3, seed: 42 });
  const done = performance.now();
  const cpuSeconds = cpuSince(cpu);
  const sums = new Float64Array(result.k * raw.dims);
  const sizes = new Float64Array(result.k);
  for (let r = 0; r < raw.rows; r++) {
    const c = result.assignments[r]!;
    sizes[c]!++;
    sums[c * raw.dims + 1]! += raw.values[r * raw.dims + 1]!;
    sums[c * raw.dims + 2]! += raw.values[r * raw.dims + 2]!;
  }
  const labels = labelClusters(Array.from(sizes, (size, c) => ({ purchases: sums[c * raw.dims + 1]! / size, spend: sums[c * raw.dims + 2]! / size })));
  const counts: Record<string, number> = {};
  labels.forEach((label, c) => (counts[label] = (counts[label] ?? 0) + sizes[c]!));
  return {
    seconds: (done - started) / 1000,
    counts,
    line:
      `in memory (typed arrays): scaling ${(scaledAt - started).toFixed(0)} ms, clustering ${(done - scaledAt).toFixed(0)} ms ` +
      `(${result.iterations} iterations in the best run), inertia ${result.inertia.toFixed(0)}, total ${((done - started) / 1000).toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s)`,
  };
}

/** K-Means in SQL: the same users in a DuckDB table (loading not timed), the build's statements up to the user_segments table. */
export async function kmeansSqlBenchmark(n: number): Promise<{ seconds: number; line: string; counts: Record<string, number> }> {
  const raw = syntheticUsers(n);
  return withFeatureTable(raw, async (connection) => {
    const session = duckdbSession(connection);
    // Time per kind of statement, to show where the time goes.
    const spent = { scaling: 0, sample: 0, seeding: 0, lloyd: 0, other: 0 };
    const kind = (sql: string): keyof typeof spent =>
      sql.includes(') AS logs') || sql.startsWith('CREATE OR REPLACE TABLE kmeans_points AS')
        ? 'scaling'
        : sql.includes('kmeans_points_sample AS') ? 'sample'
        : sql.startsWith('WITH scored') || sql.includes(') AS first_0') ? 'seeding'
        : sql.startsWith('SELECT cluster_0, ') && sql.includes('inertia_0') ? 'lloyd'
        : 'other';
    const timed = {
      run: async (sql: string) => {
        const t = performance.now();
        await session.run(sql);
        spent[kind(sql)] += performance.now() - t;
      },
      rows: async (sql: string) => {
        const t = performance.now();
        const result = await session.rows(sql);
        spent[kind(sql)] += performance.now() - t;
        return result;
      },
    };
    const cpu = process.cpuUsage();
    const started = performance.now();
    const model = await kmeansSql(timed, DUCKDB_KMEANS, { k: 3, seed: 42, features: FEATURE_NAMES, source: 'user_features', points: 'kmeans_points' });
    const labels = labelClusters(model.profiles.map((p) => ({ purchases: p.means[1]!, spend: p.means[2]! })));
    const fitted = performance.now();
    await connection.run(assignSegmentsSql(DUCKDB_KMEANS, { points: 'kmeans_points', target: 'user_segments', features: FEATURE_NAMES, centroids: model.centroids, labels }));
    const done = performance.now();
    const cpuSeconds = cpuSince(cpu);
    const counts: Record<string, number> = {};
    labels.forEach((label, c) => (counts[label] = (counts[label] ?? 0) + model.profiles[c]!.users));
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    return {
      seconds: (done - started) / 1000,
      counts,
      line:
        `in SQL (DuckDB): scaling ${ms(spent.scaling)}, sample ${ms(spent.sample)}, seeding ${ms(spent.seeding)}, Lloyd ${ms(spent.lloyd)} ` +
        `(${model.iterations} iterations on all users), cluster profiles and the rest ${ms(spent.other)}, user_segments table ${ms(done - fitted)}; ` +
        `inertia ${model.inertia.toFixed(0)}; ` +
        `${model.statements + 1} statements; total ${((done - started) / 1000).toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s, all threads)`,
    };
  });
}

/** CPU seconds of this process (every thread, DuckDB's included) since `start`: less shaken by a busy machine than wall time. */
function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** Both, interleaved `repeat` times; the best of each (the least noisy figure on a shared machine). */
export async function compareKMeans(n: number, repeat = 3): Promise<string> {
  const memory: Array<Awaited<ReturnType<typeof kmeansBenchmark>>> = [];
  const sql: Array<Awaited<ReturnType<typeof kmeansSqlBenchmark>>> = [];
  for (let r = 0; r < repeat; r++) {
    memory.push(kmeansBenchmark(n));
    sql.push(await kmeansSqlBenchmark(n));
  }
  const best = <T extends { seconds: number }>(list: T[]) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const all = (list: Array<{ seconds: number }>) => list.map((m) => m.seconds.toFixed(2)).join(' ');
  return [
    `K-Means on ${n.toLocaleString('en-US')} users × ${FEATURE_NAMES.length} features, k=3, 4 greedy k-means++ restarts (best of ${repeat}):`,
    `  ${best(sql).line} (runs: ${all(sql)})`,
    `  ${best(memory).line} (runs: ${all(memory)})`,
    `  users per label, SQL: ${JSON.stringify(best(sql).counts)}; in memory: ${JSON.stringify(best(memory).counts)}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const repeatArg = process.argv.find((a) => a.startsWith('--repeat='));
  const n = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 1_000_000);
  console.log(await compareKMeans(n, repeatArg ? Number(repeatArg.slice('--repeat='.length)) : 3));
}
