/**
 * The user features of the segmentation and their scaling. Counts and money are heavy-tailed
 * (REES46 has bots with hundreds of thousands of events), so every feature is log1p-scaled,
 * then standardized to mean 0 and standard deviation 1.
 */

/** The model's features, in column order of the feature matrix. */
export const FEATURE_NAMES = ['recency_days', 'purchases', 'spend', 'events', 'sessions', 'conversion_rate'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Row-major matrix: `values[row * dims + column]`. */
export interface FeatureMatrix {
  readonly rows: number;
  readonly dims: number;
  readonly values: Float64Array;
}

export interface Scaling {
  /** Mean of each log1p-scaled feature. */
  readonly means: Float64Array;
  /** Standard deviation of each log1p-scaled feature (1 where a feature is constant). */
  readonly stds: Float64Array;
}

/** log1p then z-score, column by column; returns the scaled copy and the scaling used. */
export function scaleFeatures(raw: FeatureMatrix): { scaled: FeatureMatrix; scaling: Scaling } {
  const { rows, dims } = raw;
  const values = new Float64Array(raw.values.length);
  const means = new Float64Array(dims);
  const stds = new Float64Array(dims);
  for (let i = 0; i < values.length; i++) values[i] = Math.log1p(Math.max(0, raw.values[i]!));
  for (let d = 0; d < dims; d++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += values[r * dims + d]!;
    const mean = rows > 0 ? sum / rows : 0;
    let squares = 0;
    for (let r = 0; r < rows; r++) squares += (values[r * dims + d]! - mean) ** 2;
    const std = rows > 0 ? Math.sqrt(squares / rows) : 0;
    means[d] = mean;
    stds[d] = std > 1e-12 ? std : 1;
    for (let r = 0; r < rows; r++) values[r * dims + d] = (values[r * dims + d]! - mean) / stds[d]!;
  }
  return { scaled: { rows, dims, values }, scaling: { means, stds } };
}

/** Per-cluster means of the unscaled features: the centroids a person reads. */
export function clusterMeans(raw: FeatureMatrix, assignments: Int32Array, k: number): { counts: Float64Array; means: Float64Array } {
  const { rows, dims } = raw;
  const counts = new Float64Array(k);
  const means = new Float64Array(k * dims);
  for (let r = 0; r < rows; r++) {
    const c = assignments[r]!;
    counts[c]!++;
    for (let d = 0; d < dims; d++) means[c * dims + d]! += raw.values[r * dims + d]!;
  }
  for (let c = 0; c < k; c++) for (let d = 0; d < dims; d++) if (counts[c]! > 0) means[c * dims + d]! /= counts[c]!;
  return { counts, means };
}
