/**
 * `goldboard build --engine databricks`: the whole build on a SQL warehouse, one statement at a
 * time through a `WarehouseSession` — Bronze (`read_files`), Silver + quarantine, the user
 * features, K-Means in SQL (only centroids travel), `user_segments`, every Gold dataset as a
 * Delta table, then the manifest. Every table is written by `CREATE OR REPLACE TABLE … AS`, an
 * atomic replace, so a reader sees the old table or the new one, never half of one; a rerun
 * replaces the same tables with the same statements. A failed statement stops the build there,
 * reported with its stage and statement id; the Gold tables of a build that stops before its
 * Gold stage are the previous build's.
 */
import { DATASET_NAMES, DATASETS, type DatasetName, type SegmentLabel } from '@goldboard/core';
import { DATABRICKS, type Dialect, GOLD_QUERIES, QUARANTINE_RULES, type QuarantineRule, takesLimit } from '@goldboard/gold-sql';
import { PipelineError } from '../build/errors.js';
import { FEATURE_NAMES, type FeatureName } from '../segments/features.js';
import { type SqlSession, kmeansSql } from '../segments/kmeans-driver.js';
import { type KMeansDialect, assignSegmentsSql } from '../segments/kmeans-sql.js';
import { labelSegments } from '../segments/segment-users.js';
import { PIPELINE_VERSION } from '../version.js';
import type { WarehouseParameter, WarehouseSession } from './session.js';
import {
  ASSIGNMENTS_TABLE,
  type EventsSource,
  MANIFEST_TABLE,
  POINTS_TABLE,
  countsSql,
  dropWorkSql,
  eventsSource,
  goldRowsSql,
  goldSql,
  manifestTableSql,
  periodSql,
  silverSql,
  userFeaturesSql,
  userSegmentsSql,
} from './sql.js';

/** The stages of a warehouse build, in order. */
export const WAREHOUSE_STAGES = ['silver', 'features', 'kmeans', 'segments', 'gold', 'manifest'] as const;
export type WarehouseStage = (typeof WAREHOUSE_STAGES)[number];

export interface WarehouseBuildOptions {
  /** Paths or globs of REES46 CSVs (e.g. `/Volumes/main/rees46/raw/*.csv`), or one table name. */
  events: string | readonly string[];
  k?: number;
  seed?: number | string;
  /** Replace Gold tables with empty ones when Silver has no event (default: refused). */
  allowEmpty?: boolean;
  /** Cancels the running statement and stops the build. */
  signal?: AbortSignal;
  /** Called as each stage starts and ends, and after each statement. */
  onProgress?: (event: WarehouseProgress) => void;
  /** The dialect of the statements (Databricks SQL; tests pass it to render other engines alike). */
  dialect?: Dialect;
}

export type WarehouseProgress =
  | { kind: 'stage'; stage: WarehouseStage }
  | { kind: 'statement'; stage: WarehouseStage; statementId: string; seconds: number }
  | { kind: 'stage-done'; stage: WarehouseStage; seconds: number; statements: number };

export interface WarehouseManifest {
  format: 'goldboard-warehouse/1';
  engine: 'databricks';
  builtAt: string;
  buildSeconds: number;
  versions: { pipeline: string };
  /** Where the tables are (the session's default catalog and schema), and the events read. */
  location: { catalog: string | null; schema: string | null };
  events: EventsSource;
  /** First and last UTC day with valid events (null when there are none). */
  period: { from: string | null; to: string | null };
  rows: { read: number; quarantined: number; duplicates: number; silver: number };
  quarantine: Record<QuarantineRule, number>;
  duplicates: { exact_duplicate: number };
  /** Silver's tables and every Gold dataset's table, qualified, with its rows. */
  tables: { bronze: string; quarantine: string; silver: string; events: string; manifest: string };
  datasets: Record<DatasetName, { table: string; rows: number }>;
  segmentation: {
    k: number;
    seed: string;
    users: number;
    iterations: number;
    converged: boolean;
    inertia: number;
    sampleUsers: number;
    statements: number;
    features: readonly FeatureName[];
    method: 'Lloyd in SQL on the warehouse, greedy k-means++ seeded by a hash of user_id';
    clusters: Array<{ cluster: number; segment: SegmentLabel; users: number; centroid: Record<FeatureName, number> }>;
  };
  /** Each stage in order: its wall time and every statement it ran (id and seconds). */
  stages: Array<{ name: WarehouseStage; seconds: number; statements: Array<{ id: string; seconds: number }> }>;
}

/** A failed warehouse build: the stage, the statement that failed (when it ran) and what ran before. */
export class WarehouseBuildError extends PipelineError {
  constructor(
    code: 'build-failed' | 'aborted',
    message: string,
    readonly stage: WarehouseStage,
    readonly statementId: string | undefined,
    readonly statements: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(code, message);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** Runs the build; resolves with its manifest, also written to the table `gold_manifest`. */
export async function buildOnWarehouse(session: WarehouseSession, options: WarehouseBuildOptions): Promise<WarehouseManifest> {
  const d = options.dialect ?? DATABRICKS;
  const km: KMeansDialect = d;
  const source = eventsSource(typeof options.events === 'string' ? [options.events] : options.events);
  const signal = options.signal ?? new AbortController().signal;
  const progress = options.onProgress ?? (() => {});
  const started = performance.now();
  const stages: WarehouseManifest['stages'] = [];
  const ran: string[] = [];
  let stage: WarehouseManifest['stages'][number] | undefined;
  let stageStart = 0;

  const begin = (name: WarehouseStage) => {
    end();
    stage = { name, seconds: 0, statements: [] };
    stages.push(stage);
    stageStart = performance.now();
    progress({ kind: 'stage', stage: name });
  };
  function end() {
    if (!stage) return;
    stage.seconds = round((performance.now() - stageStart) / 1000);
    progress({ kind: 'stage-done', stage: stage.name, seconds: stage.seconds, statements: stage.statements.length });
    stage = undefined;
  }
  const run = async (sql: string, parameters: readonly WarehouseParameter[] = []): Promise<unknown[][]> => {
    const current = stage!;
    if (signal.aborted) throw aborted(current.name, undefined);
    const at = performance.now();
    let answer;
    try {
      answer = await session.execute(sql, parameters, signal);
    } catch (error) {
      const id = typeof (error as { statementId?: unknown }).statementId === 'string' ? (error as { statementId: string }).statementId : undefined;
      if (signal.aborted) throw aborted(current.name, id, error);
      const message = error instanceof Error ? error.message : String(error);
      throw new WarehouseBuildError(
        'build-failed',
        `The ${current.name} stage failed${id ? ` at statement ${id}` : ''}; nothing after it ran (statement: ${firstWords(sql)}): ${message}`,
        current.name,
        id,
        [...ran],
        { cause: error },
      );
    }
    const seconds = round((performance.now() - at) / 1000);
    current.statements.push({ id: answer.statementId, seconds });
    ran.push(answer.statementId);
    progress({ kind: 'statement', stage: current.name, statementId: answer.statementId, seconds });
    return answer.rows;
  };
  const aborted = (name: WarehouseStage, id: string | undefined, cause?: unknown) =>
    new WarehouseBuildError('aborted', `The build was stopped during the ${name} stage${id ? ` (statement ${id} cancelled)` : ''}; nothing after it ran.`, name, id, [...ran], { cause });

  // Bronze → Silver + quarantine, and what each rule rejected.
  begin('silver');
  for (const sql of silverSql(source, d)) await run(sql);
  const counts = new Map<string, number>();
  for (const [measure, n] of await run(countsSql(d))) counts.set(String(measure), Number(n));
  const quarantine = Object.fromEntries(QUARANTINE_RULES.map((rule) => [rule, counts.get(`quarantine:${rule}`) ?? 0])) as Record<QuarantineRule, number>;
  const read = counts.get('read') ?? 0;
  const staged = counts.get('staged') ?? 0;
  const silver = counts.get('silver') ?? 0;
  const quarantined = Object.values(quarantine).reduce((a, b) => a + b, 0);
  const duplicates = staged - (quarantined - quarantine.malformed_line) - silver;
  if (silver === 0 && !options.allowEmpty) {
    throw new PipelineError(
      'empty-build',
      `The build found no valid events (${read.toLocaleString('en-US')} rows read); the Gold tables are left as they are. Pass --allow-empty to replace them with empty ones.`,
    );
  }
  const [first, last] = ((await run(periodSql(d)))[0] ?? [null, null]) as [string | null, string | null];
  const period = { from: first ?? '1970-01-01', to: last ?? '1970-01-01' };
  const range: WarehouseParameter[] = [
    { name: 'from', value: period.from, type: 'DATE' },
    { name: 'to', value: period.to, type: 'DATE' },
  ];

  begin('features');
  await run(userFeaturesSql(d), range);

  // K-Means: the driver's statements go through the same session, recorded under this stage.
  begin('kmeans');
  const sqlSession: SqlSession = {
    run: async (sql) => {
      await run(sql);
    },
    rows: (sql) => run(sql),
  };
  const k = options.k ?? 3;
  const seed = options.seed ?? 42;
  const model = await kmeansSql(sqlSession, km, { k, seed, features: FEATURE_NAMES, source: 'user_features', points: POINTS_TABLE });
  const { labels, clusters } = labelSegments(model);

  begin('segments');
  await run(assignSegmentsSql(km, { points: POINTS_TABLE, target: ASSIGNMENTS_TABLE, features: FEATURE_NAMES, centroids: model.centroids, labels }));
  await run(userSegmentsSql(d));

  begin('gold');
  for (const name of GOLD_QUERIES) {
    const parameters = takesLimit(name, d) ? [...range, { name: 'limit', value: String(DATASETS[name].maxRows!), type: 'INT' as const }] : range;
    await run(goldSql(name, d), parameters);
  }
  const rows = new Map<string, number>();
  for (const [dataset, n] of await run(goldRowsSql(d))) rows.set(String(dataset), Number(n));

  begin('manifest');
  for (const sql of dropWorkSql(d)) await run(sql);
  const qualified = (table: string) => [session.catalog, session.schema, table].filter(Boolean).join('.');
  const manifest: WarehouseManifest = {
    format: 'goldboard-warehouse/1',
    engine: 'databricks',
    builtAt: new Date().toISOString(),
    buildSeconds: 0,
    versions: { pipeline: PIPELINE_VERSION },
    location: { catalog: session.catalog ?? null, schema: session.schema ?? null },
    events: source,
    period: { from: first, to: last },
    rows: { read, quarantined, duplicates, silver },
    quarantine,
    duplicates: { exact_duplicate: duplicates },
    tables: { bronze: qualified('bronze'), quarantine: qualified('quarantine'), silver: qualified('silver_events'), events: qualified('events'), manifest: qualified(MANIFEST_TABLE) },
    datasets: Object.fromEntries(DATASET_NAMES.map((name) => [name, { table: qualified(name), rows: rows.get(name) ?? 0 }])) as WarehouseManifest['datasets'],
    segmentation: {
      k: model.k,
      seed: String(seed),
      users: model.users,
      iterations: model.iterations,
      converged: model.converged,
      inertia: model.inertia,
      sampleUsers: model.sampleUsers,
      statements: model.statements,
      features: FEATURE_NAMES,
      method: 'Lloyd in SQL on the warehouse, greedy k-means++ seeded by a hash of user_id',
      clusters,
    },
    stages,
  };
  // Written last: a manifest table that names this build means every table before it is done.
  const text = () => JSON.stringify({ ...manifest, buildSeconds: round((performance.now() - started) / 1000) });
  await run(manifestTableSql(d), [
    { name: 'built_at', value: manifest.builtAt, type: 'STRING' },
    { name: 'manifest', value: text(), type: 'STRING' },
  ]);
  end();
  manifest.buildSeconds = round((performance.now() - started) / 1000);
  return manifest;
}

/** The first words of a statement, for an error message (comments skipped). */
function firstWords(sql: string): string {
  const text = sql.replace(/^\s*--.*$/gm, '').replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
