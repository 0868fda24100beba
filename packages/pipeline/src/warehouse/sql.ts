/**
 * The statements of a build on a SQL warehouse, each a function of a dialect: the build sends
 * the Databricks rendering, and tests render the same step for DuckDB to run it locally behind
 * a stand-in of the API. Silver and the Gold tables are @goldboard/gold-sql's; K-Means is
 * `segments/kmeans-sql.ts`; what is here is the glue between them (counts, the period, the
 * model's input and output tables, the manifest table).
 */
import { DATASETS, DATASET_NAMES } from '@goldboard/core';
import { type Dialect, type GoldQueryName, RAW_COLUMNS, conformingSelect, databricksSilver, goldTableSql, sqlText } from '@goldboard/gold-sql';
import { PipelineError } from '../build/errors.js';

/** Where the raw events are: CSV files (paths or globs, e.g. in a Unity Catalog volume) or a table. */
export type EventsSource = { readonly kind: 'files'; readonly paths: readonly string[] } | { readonly kind: 'table'; readonly table: string };

/** K-Means working tables: the scaled points and the assignment before it is conformed. */
export const POINTS_TABLE = 'kmeans_points';
export const ASSIGNMENTS_TABLE = 'kmeans_assignments';
/** The table holding the last complete build's manifest; written last. */
export const MANIFEST_TABLE = 'gold_manifest';

const PATH = /^(?:\/|[a-z][a-z0-9+.-]*:)/i;
const TABLE_PART = /^(?:[A-Za-z_][A-Za-z0-9_]*|`[^`]+`)$/;

/**
 * `--events` values as a source: paths (`/Volumes/…`, `dbfs:/…`, `s3://…`, `abfss://…`) or one
 * table name of one to three parts (`main.rees46.raw_events`). Anything else is refused, so no
 * text from the command line reaches SQL except as a quoted literal or a checked identifier.
 */
export function eventsSource(values: readonly string[]): EventsSource {
  if (values.length === 0) throw new PipelineError('bad-argument', 'The build needs --events: a table name or volume paths of REES46 CSVs.');
  if (values.every((v) => PATH.test(v))) return { kind: 'files', paths: values };
  const parts = values.length === 1 ? splitTableName(values[0]!) : undefined;
  if (!parts) {
    throw new PipelineError(
      'bad-argument',
      `--events on a warehouse is either paths of CSVs (/Volumes/<catalog>/<schema>/<volume>/*.csv, s3://…, abfss://…) or one table name (catalog.schema.table); got ${values.map((v) => JSON.stringify(v)).join(', ')}.`,
    );
  }
  return { kind: 'table', table: values[0]! };
}

function splitTableName(text: string): string[] | undefined {
  const parts = text.match(/`[^`]+`|[^.]+/g) ?? [];
  if (parts.length < 1 || parts.length > 3 || parts.join('.') !== text || !parts.every((p) => TABLE_PART.test(p))) return undefined;
  return parts;
}

/**
 * Bronze from a table holding the nine REES46 columns (as loaded from the CSVs): each column
 * read as text, so the Silver rules type it as they type a CSV's fields.
 */
export function bronzeFromTableSql(table: string, d: Dialect): string {
  const name = splitTableName(table)!.map((p) => (p.startsWith('`') ? p : d.ident(p))).join('.');
  return `CREATE OR REPLACE TABLE bronze AS
SELECT ${RAW_COLUMNS.map((c) => `CAST(${c} AS ${d.types.text}) AS ${c}`).join(', ')}, CAST(NULL AS ${d.types.text}) AS raw_line, ${d.string(table)} AS source
FROM ${name}`;
}

/** Bronze → Silver: gold-sql's statements (`bronze`, `staged`, `quarantine`, `silver_events`, the view `events`). */
export function silverSql(source: EventsSource, d: Dialect): string[] {
  if (source.kind === 'files') return databricksSilver(source.paths, d);
  return [bronzeFromTableSql(source.table, d), ...databricksSilver([], d).slice(1)];
}

/**
 * Row counts of Bronze, staged and Silver and of quarantine by reason, in one statement (row
 * counts of Delta tables come from their metadata): `measure`, `n`.
 */
export function countsSql(_d: Dialect): string {
  return `SELECT 'read' AS measure, count(*) AS n FROM bronze
UNION ALL SELECT 'staged', count(*) FROM staged
UNION ALL SELECT 'silver', count(*) FROM silver_events
UNION ALL SELECT concat('quarantine:', reason), count(*) FROM quarantine GROUP BY reason`;
}

/** First and last UTC day with events, as `YYYY-MM-DD` text (NULLs without events). */
export function periodSql(d: Dialect): string {
  return `SELECT CAST(${d.utcDay('min(event_time)')} AS ${d.types.text}) AS first_day, CAST(${d.utcDay('max(event_time)')} AS ${d.types.text}) AS last_day
FROM events`;
}

/** The model's input: per-user features over the period (`from`, `to`). */
export function userFeaturesSql(d: Dialect): string {
  return `CREATE OR REPLACE TABLE user_features AS\n${sqlText('user_features', d)}`;
}

/** The contract's `user_segments` from the model's assignment, cast and in the contract's order. */
export function userSegmentsSql(d: Dialect): string {
  return `CREATE OR REPLACE TABLE user_segments AS\n${conformingSelect(DATASETS.user_segments, ASSIGNMENTS_TABLE, d)}\nORDER BY user_id`;
}

/** The Gold table of a ranged dataset for the period (`from`, `to`, and `limit` for the ranked ones). */
export function goldSql(dataset: GoldQueryName, d: Dialect): string {
  return goldTableSql(dataset, dataset, d);
}

/** Rows of every Gold table: `dataset`, `n`. */
export function goldRowsSql(_d: Dialect): string {
  return DATASET_NAMES.map((name, i) => (i === 0 ? `SELECT '${name}' AS dataset, count(*) AS n FROM ${name}` : `UNION ALL SELECT '${name}', count(*) FROM ${name}`)).join('\n');
}

/** The manifest as a one-row table (`built_at`, `manifest` JSON), from bound parameters. */
export function manifestTableSql(d: Dialect): string {
  return `CREATE OR REPLACE TABLE ${MANIFEST_TABLE} AS
SELECT CAST(${d.param('built_at')} AS ${d.types.text}) AS built_at, CAST(${d.param('manifest')} AS ${d.types.text}) AS manifest`;
}

/** Working tables dropped at the end: the typed copy of Bronze and the model's. */
export function dropWorkSql(_d: Dialect): string[] {
  return ['staged', POINTS_TABLE, ASSIGNMENTS_TABLE].map((table) => `DROP TABLE IF EXISTS ${table}`);
}
