/**
 * K-Means (Lloyd's algorithm) with k-means++ seeding on a flat Float64Array: no per-point
 * objects, one pass over the data per iteration. Deterministic for a seed: the only randomness
 * is the seeding, drawn from the seeded PRNG, and sums run in row order.
 */
import { createRandom } from '../generate/random.js';
import type { FeatureMatrix } from './features.js';

export interface KMeansOptions {
  k: number;
  seed: number | string;
  /** Stop after this many Lloyd iterations (default 100). */
  maxIterations?: number;
  /** Independent k-means++ starts; the one with the lowest inertia wins (default 4). */
  restarts?: number;
}

export interface KMeansResult {
  /** Number of clusters actually used: min(k, rows). */
  readonly k: number;
  /** Cluster id of each row, 0..k-1 (numbering is arbitrary). */
  readonly assignments: Int32Array;
  /** Row-major k × dims centroids, in the scaled space. */
  readonly centroids: Float64Array;
  readonly iterations: number;
  /** True when assignments stopped changing before `maxIterations`. */
  readonly converged: boolean;
  /** Sum of squared distances of rows to their centroid. */
  readonly inertia: number;
}

export function kmeans(matrix: FeatureMatrix, options: KMeansOptions): KMeansResult {
  if (!Number.isInteger(options.k) || options.k < 1) throw new RangeError(`k must be a whole number ≥ 1, got ${options.k}`);
  const restarts = Math.max(1, options.restarts ?? 4);
  let best: KMeansResult | undefined;
  for (let run = 0; run < restarts; run++) {
    const result = lloyd(matrix, options.k, `${options.seed}:${run}`, options.maxIterations ?? 100);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return best!;
}

function lloyd(matrix: FeatureMatrix, requestedK: number, seed: string, maxIterations: number): KMeansResult {
  const { rows, dims, values } = matrix;
  const k = Math.min(requestedK, rows);
  const assignments = new Int32Array(rows);
  if (k === 0) return { k: 0, assignments, centroids: new Float64Array(0), iterations: 0, converged: true, inertia: 0 };

  const centroids = seedPlusPlus(matrix, k, seed);
  const sums = new Float64Array(k * dims);
  const counts = new Float64Array(k);
  assignments.fill(-1);
  let iterations = 0;
  let converged = false;
  let inertia = 0;
  while (iterations < maxIterations) {
    iterations++;
    let changed = 0;
    inertia = 0;
    sums.fill(0);
    counts.fill(0);
    for (let r = 0; r < rows; r++) {
      const offset = r * dims;
      let best = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < k; c++) {
        let distance = 0;
        const base = c * dims;
        for (let d = 0; d < dims; d++) {
          const delta = values[offset + d]! - centroids[base + d]!;
          distance += delta * delta;
        }
        if (distance < bestDistance) {
          bestDistance = distance;
          best = c;
        }
      }
      if (assignments[r] !== best) {
        assignments[r] = best;
        changed++;
      }
      inertia += bestDistance;
      counts[best]!++;
      const base = best * dims;
      for (let d = 0; d < dims; d++) sums[base + d]! += values[offset + d]!;
    }
    if (changed === 0) {
      converged = true;
      break;
    }
    // An emptied cluster keeps its previous centroid.
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let d = 0; d < dims; d++) centroids[c * dims + d] = sums[c * dims + d]! / counts[c]!;
    }
  }
  return { k, assignments, centroids, iterations, converged, inertia };
}

/** k-means++: the first centroid uniformly, each next one with probability ∝ squared distance. */
export function seedPlusPlus(matrix: FeatureMatrix, k: number, seed: number | string): Float64Array {
  const { rows, dims, values } = matrix;
  const random = createRandom(`kmeans:${seed}`);
  const centroids = new Float64Array(k * dims);
  const nearest = new Float64Array(rows).fill(Infinity);
  let chosen = random.int(rows);
  for (let c = 0; c < k; c++) {
    centroids.set(values.subarray(chosen * dims, chosen * dims + dims), c * dims);
    if (c === k - 1) break;
    let total = 0;
    for (let r = 0; r < rows; r++) {
      let distance = 0;
      for (let d = 0; d < dims; d++) {
        const delta = values[r * dims + d]! - centroids[c * dims + d]!;
        distance += delta * delta;
      }
      if (distance < nearest[r]!) nearest[r] = distance;
      total += nearest[r]!;
    }
    if (total === 0) {
      chosen = random.int(rows); // every row sits on a centroid already
      continue;
    }
    let target = random.next() * total;
    chosen = rows - 1;
    for (let r = 0; r < rows; r++) {
      target -= nearest[r]!;
      if (target < 0) {
        chosen = r;
        break;
      }
    }
  }
  return centroids;
}
