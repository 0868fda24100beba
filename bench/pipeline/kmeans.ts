/** K-Means on n synthetic users shaped like the Gold features (three groups, heavy tails). */
import { createRandom, logNormal } from '../../packages/pipeline/src/generate/random.js';
import { FEATURE_NAMES, kmeans, scaleFeatures } from '../../packages/pipeline/src/index.js';

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

export function kmeansBenchmark(n: number): string {
  const raw = syntheticUsers(n);
  const started = performance.now();
  const { scaled } = scaleFeatures(raw);
  const scaledAt = performance.now();
  const result = kmeans(scaled, { k: 3, seed: 42 });
  const done = performance.now();
  return `K-Means on ${n.toLocaleString('en-US')} users × ${raw.dims} features, k=3, 4 k-means++ restarts: ` +
    `scaling ${(scaledAt - started).toFixed(0)} ms, clustering ${(done - scaledAt).toFixed(0)} ms (${result.iterations} iterations in the best run), total ${((done - started) / 1000).toFixed(2)} s`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(kmeansBenchmark(Number(process.argv[2] ?? 1_000_000)));
