/**
 * The segmentation stage of a build: per-user features from Silver (SQL), K-Means in
 * JavaScript on typed arrays, labels from the centroids, and the table `user_segments` back in
 * DuckDB so the Gold queries can join it.
 */
import { BIGINT, type DuckDBConnection, DuckDBDataChunk, INTEGER } from '@duckdb/node-api';
import type { SegmentLabel } from '@goldboard/core';
import { sqlText } from '../build/sql.js';
import { FEATURE_NAMES, type FeatureName, clusterMeans, scaleFeatures } from './features.js';
import { kmeans } from './kmeans.js';
import { labelClusters } from './labels.js';

export interface SegmentationOptions {
  k: number;
  seed: number | string;
  /** First and last UTC day of the period, `YYYY-MM-DD`. */
  from: string;
  to: string;
}

/** What the manifest records about the model. */
export interface SegmentationReport {
  k: number;
  seed: string;
  users: number;
  iterations: number;
  converged: boolean;
  inertia: number;
  milliseconds: number;
  features: readonly FeatureName[];
  scaling: 'log1p, then standardized';
  clusters: Array<{ cluster: number; segment: SegmentLabel; users: number; centroid: Record<FeatureName, number> }>;
}

/** Creates the tables `user_features` and `user_segments`; returns the model's report. */
export async function segmentUsers(connection: DuckDBConnection, options: SegmentationOptions): Promise<SegmentationReport> {
  await connection.run(`CREATE OR REPLACE TABLE user_features AS ${sqlText('user_features')}`, { from: options.from, to: options.to });
  const { userIds, raw } = await readFeatures(connection);
  const started = performance.now();
  const { scaled } = scaleFeatures(raw);
  const model = kmeans(scaled, { k: options.k, seed: options.seed });
  const { counts, means } = clusterMeans(raw, model.assignments, model.k);
  const dims = FEATURE_NAMES.length;
  const centroid = (c: number) =>
    Object.fromEntries(FEATURE_NAMES.map((name, d) => [name, means[c * dims + d]!])) as Record<FeatureName, number>;
  const labels = labelClusters(Array.from({ length: model.k }, (_, c) => centroid(c)));
  const milliseconds = performance.now() - started;

  await writeClusters(connection, userIds, model.assignments, labels);
  await connection.run(`
    CREATE OR REPLACE TABLE user_segments AS
    SELECT f.user_id, c.cluster, l.segment, ${FEATURE_NAMES.map((n) => `f.${n}`).join(', ')}
    FROM user_features AS f
    JOIN user_clusters AS c USING (user_id)
    JOIN cluster_labels AS l USING (cluster)
    ORDER BY f.user_id`);
  return {
    k: model.k,
    seed: String(options.seed),
    users: raw.rows,
    iterations: model.iterations,
    converged: model.converged,
    inertia: model.inertia,
    milliseconds: Math.round(milliseconds),
    features: FEATURE_NAMES,
    scaling: 'log1p, then standardized',
    clusters: labels.map((segment, cluster) => ({ cluster, segment, users: counts[cluster]!, centroid: centroid(cluster) })),
  };
}

async function readFeatures(connection: DuckDBConnection) {
  const count = Number((await connection.runAndReadAll('SELECT count(*) FROM user_features')).getRowsJS()[0]![0]);
  const dims = FEATURE_NAMES.length;
  const userIds = new BigInt64Array(count);
  const values = new Float64Array(count * dims);
  const result = await connection.stream(
    `SELECT user_id, ${FEATURE_NAMES.map((n) => `CAST(${n} AS DOUBLE)`).join(', ')} FROM user_features ORDER BY user_id`,
  );
  let row = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const ids = chunk.getColumnVector(0);
    const vectors = FEATURE_NAMES.map((_, d) => chunk.getColumnVector(d + 1));
    for (let r = 0; r < chunk.rowCount; r++, row++) {
      userIds[row] = ids.getItem(r) as bigint;
      for (let d = 0; d < dims; d++) values[row * dims + d] = (vectors[d]!.getItem(r) as number | null) ?? 0;
    }
  }
  return { userIds, raw: { rows: row, dims, values } };
}

async function writeClusters(connection: DuckDBConnection, userIds: BigInt64Array, assignments: Int32Array, labels: SegmentLabel[]) {
  await connection.run('CREATE OR REPLACE TABLE user_clusters (user_id BIGINT, cluster INTEGER)');
  await connection.run('CREATE OR REPLACE TABLE cluster_labels (cluster INTEGER, segment VARCHAR)');
  for (let c = 0; c < labels.length; c++) await connection.run('INSERT INTO cluster_labels VALUES ($1, $2)', [c, labels[c]!]);
  const appender = await connection.createAppender('user_clusters');
  const size = 2048;
  for (let start = 0; start < userIds.length; start += size) {
    const end = Math.min(userIds.length, start + size);
    const chunk = DuckDBDataChunk.create([BIGINT, INTEGER], end - start);
    chunk.setColumnValues(0, Array.from(userIds.subarray(start, end)));
    chunk.setColumnValues(1, Array.from(assignments.subarray(start, end)));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}
