/**
 * The dialect table: every place where DuckDB and Databricks SQL differ, as one small function
 * each, so the Silver rules and the Gold queries are written once (`queries/`) and rendered for
 * either engine. Anything not here is written the same in both.
 *
 * Two rules shape the Databricks column: results must not depend on the warehouse's `TIMEZONE`
 * (Spark's TIMESTAMP is an instant shown in the session's zone, and a DATE cast to or from it
 * uses that zone), so days are computed from epoch seconds (`unix_seconds`, `unix_date`,
 * `timestamp_seconds`, `date_from_unix_date`: UTC by definition); and Spark divides DECIMALs as
 * DECIMAL(38, 6), rounding, so every ratio is taken in DOUBLE (`double`), as DuckDB does.
 */
import type { ColumnType } from '@goldboard/core';

export type DialectName = 'duckdb' | 'databricks';

export interface Dialect {
  readonly name: DialectName;
  /** The SQL type each contract type is stored as. */
  readonly types: Readonly<Record<ColumnType, string>>;
  /** A named parameter marker: `$name` / `:name`. */
  param(name: string): string;
  /** A quoted identifier. */
  ident(name: string): string;
  /** A string literal of a text (a path, say). */
  string(text: string): string;
  /** Rows where `condition` holds. */
  countIf(condition: string): string;
  /** Sum of `value` over rows where `condition` holds (NULL when none). */
  sumIf(value: string, condition: string): string;
  /** Distinct non-null `value`s among rows where `condition` holds. */
  countDistinctIf(value: string, condition: string): string;
  /** `value` as DOUBLE: the dividend of every ratio, so no engine divides in DECIMAL. */
  double(value: string): string;
  /** The UTC calendar day (DATE) of an instant, whatever the session's time zone. */
  utcDay(timestamp: string): string;
  /** The month of a DATE as `YYYY-MM` text: Silver's `month` (of the UTC day), which DuckDB's Silver files are partitioned by. */
  month(date: string): string;
  /** The instant a UTC day (a DATE) begins, comparable with Silver's `event_time`. */
  dayStart(date: string): string;
  /** The day after a DATE. */
  nextDay(date: string): string;
  /** Days from `earlier` to `later` (two instants), fractional, as DOUBLE. */
  daysBetween(later: string, earlier: string): string;
  /** REES46 event time text (`2019-10-01 00:00:00 UTC`, the suffix read as the zone) or other timestamp text; NULL when unreadable. */
  parseTimestampUtc(text: string): string;
  /** A whole number as BIGINT; NULL for anything else (`1.6`, `1e3`, `0x10`, `1_000`: DuckDB's TRY_CAST rounds or reads them). */
  tryBigint(text: string): string;
  /** A number as DOUBLE; NULL when not a number. */
  tryDouble(text: string): string;
  /** The most frequent value; on a tie the smallest (both engines' plain `mode` pick any). */
  modeSmallest(value: string): string;
  /** A relation reading CSV files with a header, every listed column as text (see each dialect for malformed lines). */
  readCsv(files: readonly string[], columns: readonly string[]): string;
}

const WHOLE_NUMBER = '^\\s*[+-]?[0-9]+\\s*$';

const duckdbString = (text: string) => `'${text.replace(/'/g, "''")}'`;

export const DUCKDB: Dialect = {
  name: 'duckdb',
  types: { float64: 'DOUBLE', int64: 'BIGINT', int32: 'INTEGER', text: 'VARCHAR', date: 'DATE' },
  param: (name) => `$${name}`,
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  string: duckdbString,
  countIf: (condition) => `count(*) FILTER (WHERE ${condition})`,
  sumIf: (value, condition) => `sum(${value}) FILTER (WHERE ${condition})`,
  countDistinctIf: (value, condition) => `count(DISTINCT ${value}) FILTER (WHERE ${condition})`,
  double: (value) => `CAST(${value} AS DOUBLE)`,
  // DuckDB's TIMESTAMP has no zone: Silver holds UTC wall-clock times, so its day is its date.
  utcDay: (timestamp) => `CAST(${timestamp} AS DATE)`,
  month: (date) => `strftime(${date}, '%Y-%m')`,
  // A DATE compares with a TIMESTAMP as its midnight.
  dayStart: (date) => date,
  nextDay: (date) => `${date} + INTERVAL 1 DAY`,
  daysBetween: (later, earlier) => `epoch(${later} - ${earlier}) / 86400.0`,
  // The REES46 shape first (a fast fixed-format parse), then any other timestamp text.
  parseTimestampUtc: (text) => `coalesce(try_strptime(${text}, '%Y-%m-%d %H:%M:%S UTC'), TRY_CAST(${text} AS TIMESTAMP))`,
  // A number written as DuckDB writes it back (`123`, `-5`: nearly every id) is whole without a
  // regular expression; only the others (`+5`, ` 7`, `007`, `1.6`) are matched against one.
  tryBigint: (text) =>
    `CASE WHEN CAST(TRY_CAST(${text} AS BIGINT) AS VARCHAR) = ${text} OR regexp_matches(${text}, '${WHOLE_NUMBER}') THEN TRY_CAST(${text} AS BIGINT) END`,
  tryDouble: (text) => `TRY_CAST(${text} AS DOUBLE)`,
  // Ordered input: DuckDB's mode keeps the first of equally frequent values.
  modeSmallest: (value) => `mode() WITHIN GROUP (ORDER BY ${value})`,
  // Lines without exactly the columns' number of fields go to the rejects table `csv_rejects`
  // (never padded into a valid-looking row), read back as `malformed_line`. Each row also has
  // the path it was read from, as `filename`.
  readCsv: (files, columns) =>
    `read_csv([${files.map(duckdbString).join(', ')}], header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
    `columns = {${columns.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}, null_padding = false, store_rejects = true, ` +
    `rejects_table = 'csv_rejects', rejects_scan = 'csv_reject_scans', compression = 'auto', filename = true)`,
};

/** Days since the epoch of an instant, in UTC (floor: instants before 1970 too). */
const epochDay = (timestamp: string) => `CAST(floor(unix_seconds(${timestamp}) / 86400) AS INT)`;

export const DATABRICKS: Dialect = {
  name: 'databricks',
  types: { float64: 'DOUBLE', int64: 'BIGINT', int32: 'INT', text: 'STRING', date: 'DATE' },
  param: (name) => `:${name}`,
  ident: (name) => `\`${name.replace(/`/g, '``')}\``,
  // Spark string literals read backslash escapes.
  string: (text) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  countIf: (condition) => `count_if(${condition})`,
  sumIf: (value, condition) => `sum(CASE WHEN ${condition} THEN ${value} END)`,
  countDistinctIf: (value, condition) => `count(DISTINCT CASE WHEN ${condition} THEN ${value} END)`,
  double: (value) => `CAST(${value} AS DOUBLE)`,
  utcDay: (timestamp) => `date_from_unix_date(${epochDay(timestamp)})`,
  // A DATE's text has no zone; date_format would go through a timestamp in the session's zone.
  month: (date) => `substr(CAST(${date} AS STRING), 1, 7)`,
  dayStart: (date) => `timestamp_seconds(CAST(unix_date(${date}) AS BIGINT) * 86400)`,
  nextDay: (date) => `date_add(${date}, 1)`,
  daysBetween: (later, earlier) => `CAST(unix_micros(${later}) - unix_micros(${earlier}) AS DOUBLE) / 86400000000`,
  // `z` reads the ` UTC` suffix as the zone (a quoted 'UTC' would read the time in the session's
  // zone). Other text is read without a zone, as UTC: its wall-clock time since the epoch, in
  // TIMESTAMP_NTZ arithmetic, added to the epoch instant.
  parseTimestampUtc: (text) =>
    `coalesce(try_to_timestamp(${text}, 'yyyy-MM-dd HH:mm:ss z'), ` +
    `timestamp_seconds(0) + (try_cast(${text} AS TIMESTAMP_NTZ) - TIMESTAMP_NTZ '1970-01-01 00:00:00'))`,
  tryBigint: (text) => `CASE WHEN ${text} RLIKE '${WHOLE_NUMBER.replace(/\\/g, '\\\\')}' THEN try_cast(${text} AS BIGINT) END`,
  tryDouble: (text) => `try_cast(${text} AS DOUBLE)`,
  // `deterministic => true`: the smallest of equally frequent values (Databricks SQL, DBR 14.1+).
  modeSmallest: (value) => `mode(${value}, true)`,
  // PERMISSIVE with a corrupt-record column: a line whose field count is not the schema's keeps
  // its raw text in `_corrupt_record` (read back as `malformed_line`); Spark gives no line number.
  readCsv: (files, columns) => {
    const schema = [...columns.map((c) => `${c} STRING`), '_corrupt_record STRING'].join(', ');
    const one = (file: string) =>
      `SELECT *, _metadata.file_name AS _source FROM read_files(${DATABRICKS.string(file)}, format => 'csv', header => true, ` +
      `mode => 'PERMISSIVE', columnNameOfCorruptRecord => '_corrupt_record', schema => '${schema}')`;
    return `(${files.map(one).join(' UNION ALL ')})`;
  },
};

export const DIALECTS: Readonly<Record<DialectName, Dialect>> = { duckdb: DUCKDB, databricks: DATABRICKS };
