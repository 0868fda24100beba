/**
 * K-Means (Lloyd's algorithm) with k-means++ seeding on a flat Float64Array: no per-point
 * objects, one pass over the data per iteration. Deterministic for a seed: the only randomness
 * is the seeding, drawn from the seeded PRNG, and sums run in row order. The build fits K-Means
 * in SQL now (`kmeans-driver.ts`); this in-memory one stays as the benchmark's peer and the
 * reference the SQL one is tested against.
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
  /**
   * Converged when the centroids move less than this in total (sum of squared shifts, in the
   * scaled space where every feature has variance 1); default 1e-4, as scikit-learn.
   */
  tolerance?: number;
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
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-4;
  const k = Math.min(options.k, matrix.rows);
  if (k === 0) return { k: 0, assignments: new Int32Array(0), centroids: new Float64Array(0), iterations: 0, converged: true, inertia: 0 };
  // On large inputs the restarts compete on an evenly spaced sample; only the winner runs on all rows.
  const sample = subsample(matrix, SAMPLE_ROWS);
  let best: KMeansResult | undefined;
  for (let run = 0; run < restarts; run++) {
    const start = seedPlusPlus(sample, Math.min(k, sample.rows), `${options.seed}:${run}`);
    const result = lloyd(sample, start, maxIterations, tolerance);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return sample === matrix ? best! : lloyd(matrix, best!.centroids, maxIterations, tolerance);
}

/** Above this many rows, restarts are compared on a sample of this size. */
export const SAMPLE_ROWS = 100_000;

function subsample(matrix: FeatureMatrix, size: number): FeatureMatrix {
  if (matrix.rows <= size) return matrix;
  const { dims } = matrix;
  const values = new Float64Array(size * dims);
  for (let i = 0; i < size; i++) {
    const row = Math.floor((i * matrix.rows) / size);
    values.set(matrix.values.subarray(row * dims, row * dims + dims), i * dims);
  }
  return { rows: size, dims, values };
}

/** Lloyd iterations from the given centroids (copied) until stable or `maxIterations`. */
function lloyd(matrix: FeatureMatrix, start: Float64Array, maxIterations: number, tolerance: number): KMeansResult {
  const { rows, dims, values } = matrix;
  const k = start.length / dims;
  const assignments = new Int32Array(rows);
  const centroids = Float64Array.from(start);
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
    let shift = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let d = 0; d < dims; d++) {
        const next = sums[c * dims + d]! / counts[c]!;
        shift += (next - centroids[c * dims + d]!) ** 2;
        centroids[c * dims + d] = next;
      }
    }
    if (shift <= tolerance) {
      converged = true;
      break;
    }
  }
  return { k, assignments, centroids, iterations, converged, inertia };
}

/**
 * Greedy k-means++ (as scikit-learn): the first centroid uniformly; for each next one, a few
 * candidates drawn with probability ∝ squared distance to the nearest centroid, keeping the
 * candidate that lowers the total squared distance most.
 */
export function seedPlusPlus(matrix: FeatureMatrix, k: number, seed: number | string): Float64Array {
  const { rows, dims, values } = matrix;
  const random = createRandom(`kmeans:${seed}`);
  const trials = 2 + Math.floor(Math.log(k));
  const centroids = new Float64Array(k * dims);
  const nearest = new Float64Array(rows);
  const candidateNearest = new Float64Array(rows);
  const bestNearest = new Float64Array(rows);
  const distanceTo = (row: number, other: number): number => {
    let distance = 0;
    for (let d = 0; d < dims; d++) {
      const delta = values[row * dims + d]! - values[other * dims + d]!;
      distance += delta * delta;
    }
    return distance;
  };
  const first = random.int(rows);
  centroids.set(values.subarray(first * dims, first * dims + dims), 0);
  let total = 0;
  for (let r = 0; r < rows; r++) total += nearest[r] = distanceTo(r, first);
  for (let c = 1; c < k; c++) {
    let best = -1;
    let bestTotal = Infinity;
    for (let t = 0; t < trials; t++) {
      const candidate = total > 0 ? drawByWeight(nearest, total, random.next()) : random.int(rows);
      let candidateTotal = 0;
      for (let r = 0; r < rows; r++) candidateTotal += candidateNearest[r] = Math.min(nearest[r]!, distanceTo(r, candidate));
      if (candidateTotal < bestTotal) {
        bestTotal = candidateTotal;
        best = candidate;
        bestNearest.set(candidateNearest);
      }
    }
    centroids.set(values.subarray(best * dims, best * dims + dims), c * dims);
    nearest.set(bestNearest);
    total = bestTotal;
  }
  return centroids;
}

function drawByWeight(weights: Float64Array, total: number, unit: number): number {
  let target = unit * total;
  for (let r = 0; r < weights.length; r++) {
    target -= weights[r]!;
    if (target < 0) return r;
  }
  return weights.length - 1;
}
