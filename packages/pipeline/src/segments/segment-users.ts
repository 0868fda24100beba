/**
 * The segmentation stage of a build: per-user features from Silver, K-Means in SQL inside
 * DuckDB (`kmeans-driver.ts`: only centroids come back to JavaScript), labels from the
 * centroids, and the table `user_segments` written by one statement so the Gold queries can join
 * it. The same statements run on a SQL warehouse with the Databricks dialect.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SegmentLabel } from '@goldboard/core';
import { preaggregatedText, sqlText, DUCKDB } from '@goldboard/gold-sql';
import { FEATURE_NAMES, type FeatureName } from './features.js';
import { type SqlKMeansModel, type SqlSession, kmeansSql } from './kmeans-driver.js';
import { DUCKDB_KMEANS, assignSegmentsSql, dropTablesSql } from './kmeans-sql.js';
import { labelClusters } from './labels.js';

export interface SegmentationOptions {
  k: number;
  seed: number | string;
  /** First and last UTC day of the period, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Read the features from the table `per_user` (`preaggregateSql`, made for the period) instead of from `events`. */
  preaggregated?: boolean;
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
  /** Where the model was fitted, and how it was seeded. */
  method: 'Lloyd in SQL (DuckDB), greedy k-means++ seeded by a hash of user_id';
  /** Users the restarts were compared on (all of them up to 100k). */
  sampleUsers: number;
  clusters: Array<{ cluster: number; segment: SegmentLabel; users: number; centroid: Record<FeatureName, number> }>;
}

const POINTS = 'kmeans_points';

/** Creates the tables `user_features` and `user_segments`; returns the model's report. */
export async function segmentUsers(connection: DuckDBConnection, options: SegmentationOptions): Promise<SegmentationReport> {
  if (options.preaggregated) await connection.run(`CREATE OR REPLACE TABLE user_features AS ${preaggregatedText('user_features', DUCKDB)!}`);
  else await connection.run(`CREATE OR REPLACE TABLE user_features AS ${sqlText('user_features')}`, { from: options.from, to: options.to });
  const started = performance.now();
  const model = await kmeansSql(duckdbSession(connection), DUCKDB_KMEANS, {
    k: options.k,
    seed: options.seed,
    features: FEATURE_NAMES,
    source: 'user_features',
    points: POINTS,
  });
  const { labels, clusters } = labelSegments(model);
  await connection.run(
    assignSegmentsSql(DUCKDB_KMEANS, { points: POINTS, target: 'user_segments', features: FEATURE_NAMES, centroids: model.centroids, labels }),
  );
  for (const sql of dropTablesSql(DUCKDB_KMEANS, [POINTS])) await connection.run(sql);
  const milliseconds = performance.now() - started;
  return {
    k: model.k,
    seed: String(options.seed),
    users: model.users,
    iterations: model.iterations,
    converged: model.converged,
    inertia: model.inertia,
    milliseconds: Math.round(milliseconds),
    features: FEATURE_NAMES,
    scaling: 'log1p, then standardized',
    method: 'Lloyd in SQL (DuckDB), greedy k-means++ seeded by a hash of user_id',
    sampleUsers: model.sampleUsers,
    clusters,
  };
}

/** A fitted model's clusters labelled from their mean raw features: the labels in cluster order, and each cluster as the manifest records it. */
export function labelSegments(model: SqlKMeansModel): { labels: SegmentLabel[]; clusters: SegmentationReport['clusters'] } {
  const centroids = model.profiles.map((p) => Object.fromEntries(FEATURE_NAMES.map((name, d) => [name, p.means[d]!])) as Record<FeatureName, number>);
  const labels = labelClusters(centroids);
  return { labels, clusters: labels.map((segment, cluster) => ({ cluster, segment, users: model.profiles[cluster]!.users, centroid: centroids[cluster]! })) };
}

/** The driver's view of a DuckDB connection. */
export function duckdbSession(connection: DuckDBConnection): SqlSession {
  return {
    run: async (sql) => {
      await connection.run(sql);
    },
    rows: async (sql) => (await connection.runAndReadAll(sql)).getRowsJS() as unknown[][],
  };
}
