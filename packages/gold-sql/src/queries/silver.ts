/**
 * Bronze -> Silver: each raw row typed once and tagged with the first Silver rule it breaks;
 * rejected rows to `quarantine` with their raw text, exact duplicates removed, the view
 * `events` (or Parquet read as `events`) for the Gold queries. The rules (typing and reasons) are
 * written once; how rows are stored differs: DuckDB stages the typed rows in a table and
 * finds duplicates through 64-bit row hashes (no hash table of whole rows), Databricks keeps
 * Delta tables and lets Spark shuffle a DISTINCT.
 */
import { DATABRICKS, DUCKDB, type Dialect } from '../dialect.js';
import { eventMonth } from './common.js';

/** The raw REES46 columns, in file order (Bronze holds each as text). */
export const RAW_COLUMNS = ['event_time', 'event_type', 'product_id', 'category_id', 'category_code', 'brand', 'price', 'user_id', 'user_session'] as const;

/** Raw columns that are typed, and so kept as text on a rejected row. */
const TYPED_RAW = ['event_time', 'product_id', 'category_id', 'price', 'user_id'] as const;

/** The Silver rules in the order they are checked; `malformed_line` comes first, before typing. */
export const QUARANTINE_RULES = [
  'malformed_line',
  'bad_time',
  'unknown_event_type',
  'missing_user_id',
  'missing_product_id',
  'bad_price',
  'negative_price',
] as const;
export type QuarantineRule = (typeof QUARANTINE_RULES)[number];

const EVENT_COLUMNS = RAW_COLUMNS.join(', ');

/** Typed rows of `bronze` with their `reason` (NULL = valid) and the raw text of the typed columns. */
function typedRows(d: Dialect, where = '', extra = ''): string {
  return `SELECT
      *,
      CASE
        WHEN event_time IS NULL THEN 'bad_time'
        WHEN event_type IS NULL OR event_type NOT IN ('view', 'cart', 'remove_from_cart', 'purchase') THEN 'unknown_event_type'
        WHEN user_id IS NULL THEN 'missing_user_id'
        WHEN product_id IS NULL THEN 'missing_product_id'
        WHEN price IS NULL THEN 'bad_price'
        WHEN price < 0 THEN 'negative_price'
      END AS reason
    FROM (
      SELECT
        ${TYPED_RAW.map((c) => `b.${c} AS raw_${c}`).join(',\n        ')},
        ${d.parseTimestampUtc('b.event_time')} AS event_time,
        b.event_type AS event_type,
        ${d.tryBigint('b.product_id')} AS product_id,
        ${d.tryBigint('b.category_id')} AS category_id,
        nullif(b.category_code, '') AS category_code,
        nullif(b.brand, '') AS brand,
        ${d.tryDouble('b.price')} AS price,
        ${d.tryBigint('b.user_id')} AS user_id,
        nullif(b.user_session, '') AS user_session${extra}
      FROM bronze AS b${where}
    )`;
}

/** The raw text of the typed columns, kept for rejected rows only. */
const rawIfRejected = (indent: string) => TYPED_RAW.map((c) => `CASE WHEN reason IS NOT NULL THEN raw_${c} END AS raw_${c}`).join(`,\n${indent}`);

/**
 * `quarantine`'s columns from `staged`: the reason, the nine raw columns as text, the source file
 * (when `staged` has it) and where a malformed line was.
 */
function quarantineFromStaged(d: Dialect, source = `CAST(NULL AS ${d.types.text})`): string {
  const raw = (c: string) => ((TYPED_RAW as readonly string[]).includes(c) ? `raw_${c} AS ${c}` : c);
  return `SELECT
  reason,
  ${RAW_COLUMNS.map(raw).join(', ')},
  ${source} AS source, CAST(NULL AS BIGINT) AS line, CAST(NULL AS ${d.types.text}) AS raw_line,
  ${eventMonth(d)} AS month
FROM staged
WHERE reason IS NOT NULL`;
}

/**
 * DuckDB's `staged.month` (and `silver_events.month`): the first day of the event's UTC month as
 * a DATE, the month `eventMonth` names as `YYYY-MM` (`DUCKDB.month` of it gives that name back),
 * and `stagedMonthValue` the DATE of a name: any year DuckDB reads (`12345-05`, `-1-03` before
 * the common era) names its month.
 */
const STAGED_MONTH = `CAST(date_trunc('month', event_time) AS DATE)`;
const stagedMonthValue = (month: string) => `CAST(${DUCKDB.string(`${month}-01`)} AS DATE)`;

/** Which months DuckDB's Silver makes. */
export interface DuckDBSilverFiles {
  /**
   * The months `silver_events` is made of (default: every month of the rows read). An
   * incremental build reads only the sources of the months it rebuilds, and keeps those months
   * only: a source that also has rows in a kept month is read whole.
   */
  months?: readonly string[];
}

/**
 * DuckDB's Silver statements over the view `bronze`, which has the raw columns and `source`
 * (the file name each row was read from). Malformed lines are in DuckDB's rejects table, which
 * only a CSV read has: the pipeline adds them to `quarantine` afterwards. Exact duplicates are
 * rows of one month (they share their time), so a month's Silver depends on its rows alone.
 */
export function duckdbSilver(d: Dialect, files: DuckDBSilverFiles = {}): string[] {
  const inMonths = files.months ? ` AND s.month IN (${files.months.length > 0 ? files.months.map(stagedMonthValue).join(', ') : 'NULL'})` : '';
  return [
    `-- staged: typed columns, \`reason\` (NULL = valid), the raw text of the typed columns for
-- rejected rows only, the source file, the month (its first day: a DATE is made and compared
-- faster than text), and a hash of the typed row for finding duplicates. A table in DuckDB's
-- own storage (spilled to its temp folder past the memory limit), read by the statements
-- below: the files are parsed once, with no copy between.
CREATE TABLE staged AS
SELECT
    reason,
    ${rawIfRejected('    ')},
    source,
    ${EVENT_COLUMNS},
    ${STAGED_MONTH} AS month,
    hash(${EVENT_COLUMNS}) AS row_hash
  FROM (
    ${typedRows(d, '', ',\n        b.source AS source')}
  )`,
    `-- quarantine: rejected rows with the rule they broke, their raw text and their file.
CREATE TABLE quarantine AS
${quarantineFromStaged(d, 'source')}`,
    `-- duplicate_hashes: hashes shared by more than one valid row (exact duplicates, or the rare
-- hash collision, which the DISTINCT below keeps apart).
CREATE TABLE duplicate_hashes AS
SELECT row_hash FROM staged AS s WHERE s.reason IS NULL${inMonths} GROUP BY row_hash HAVING count(*) > 1`,
    `-- silver_events: valid rows, exact duplicates removed, with their month; written out month by
-- month (duckdbSilverMonth), so a month's file is sorted by time without sorting all of Silver.
-- A view, not a table: each month's file reads only that month's rows of staged through it, and
-- the rows are not copied once more into DuckDB's storage (spilled past the memory limit).
CREATE VIEW silver_events AS
SELECT ${EVENT_COLUMNS}, month
FROM staged AS s ANTI JOIN duplicate_hashes AS d ON s.row_hash = d.row_hash
WHERE s.reason IS NULL${inMonths}
UNION ALL
SELECT DISTINCT ${EVENT_COLUMNS}, month
FROM staged AS s SEMI JOIN duplicate_hashes AS d ON s.row_hash = d.row_hash
WHERE s.reason IS NULL${inMonths}`,
  ];
}

/** The months of `silver_events` (as `YYYY-MM`) with their rows, in order (DuckDB). */
export const DUCKDB_SILVER_MONTHS = `SELECT ${DUCKDB.month('month')} AS month, count(*) AS events FROM silver_events GROUP BY ALL ORDER BY month`;

/**
 * One month of DuckDB's Silver as a Parquet file sorted by time, e.g. to
 * `silver/events/month=2019-11/events.parquet`. The month is the folder's name (Hive style), not
 * a column of the file: readers take it from the path (`duckdbEventsView`).
 */
export function duckdbSilverMonth(d: Dialect, month: string, file: string): string {
  return `COPY (
  SELECT ${EVENT_COLUMNS} FROM silver_events WHERE month = ${stagedMonthValue(month)} ORDER BY event_time
) TO ${d.string(file)} (FORMAT parquet)`;
}

/** The Hive-style folder of one month of Silver events under the Silver events folder. */
export const silverMonthFolder = (month: string) => `month=${month}`;

/**
 * The view `events` over DuckDB's Silver folder (`silver/events`: one `month=YYYY-MM` folder
 * per month): Silver's columns and `month` from the path, so a query's condition on `month`
 * skips the other months' files. Without any month (no valid event), an empty view of the same
 * columns (a glob matching no file is an error).
 */
export function duckdbEventsView(d: Dialect, folder: string, months: readonly string[]): string {
  if (months.length === 0) {
    const types: Record<string, string> = {
      event_time: 'TIMESTAMP', product_id: 'BIGINT', category_id: 'BIGINT', price: 'DOUBLE', user_id: 'BIGINT',
    };
    const columns = [...RAW_COLUMNS, 'month'].map((c) => `CAST(NULL AS ${types[c] ?? 'VARCHAR'}) AS ${c}`).join(', ');
    return `CREATE OR REPLACE VIEW events AS SELECT ${columns} WHERE false`;
  }
  const glob = `${folder.replace(/[\\/]+$/, '')}/month=*/*.parquet`;
  return `CREATE OR REPLACE VIEW events AS SELECT * FROM read_parquet(${d.string(glob)}, hive_partitioning = true, hive_types = {'month': VARCHAR})`;
}

/**
 * Databricks' Silver statements: Bronze as a Delta table read from the raw CSVs (a path or glob
 * each, e.g. in a volume), then `staged`, `quarantine`, `silver_events` and the view `events`.
 * A line without nine fields is quarantined as `malformed_line` with its file name and raw text
 * (`line` stays NULL: Spark does not number lines).
 */
export function databricksSilver(events: readonly string[], d: Dialect = DATABRICKS): string[] {
  return [
    `CREATE OR REPLACE TABLE bronze AS
SELECT ${EVENT_COLUMNS}, _corrupt_record AS raw_line, _source AS source
FROM ${d.readCsv(events, RAW_COLUMNS)}`,
    `CREATE OR REPLACE TABLE staged AS
SELECT
  reason,
  ${rawIfRejected('  ')},
  ${EVENT_COLUMNS}
FROM (
  ${typedRows(d, '\n      WHERE b.raw_line IS NULL')}
)`,
    `CREATE OR REPLACE TABLE quarantine AS
${quarantineFromStaged(d)}
UNION ALL
SELECT
  'malformed_line',
  ${RAW_COLUMNS.map((c) => `CAST(NULL AS ${d.types.text}) AS ${c}`).join(', ')},
  source, CAST(NULL AS BIGINT) AS line, raw_line, CAST(NULL AS ${d.types.text}) AS month
FROM bronze
WHERE raw_line IS NOT NULL`,
    `-- Not partitioned: Delta's file statistics on event_time skip other months' files, and a month
-- of REES46 is far below the size Delta partitions pay off at.
CREATE OR REPLACE TABLE silver_events AS
SELECT *, ${eventMonth(d)} AS month FROM (
  SELECT DISTINCT ${EVENT_COLUMNS}
  FROM staged
  WHERE reason IS NULL
)`,
    `-- The Gold queries read the view \`events\`.
CREATE OR REPLACE VIEW events AS SELECT * FROM silver_events`,
  ];
}
