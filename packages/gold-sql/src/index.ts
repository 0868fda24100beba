/**
 * @goldboard/gold-sql: Silver's rules and every Gold query written once and rendered for DuckDB
 * or Databricks SQL (the differences are the dialect table in `dialect.ts`), the contract's SQL
 * and Arrow types, the one conforming SELECT and the datasets' row orders. The pipeline and the
 * server both run this SQL; neither imports the other.
 */
export { DATABRICKS, DIALECTS, DUCKDB, type Dialect, type DialectName } from './dialect.js';
export { GOLD_QUERIES, type GoldQueryName, QUERY_NAMES, type QueryName, sqlText, takesLimit } from './queries/index.js';
export {
  DUCKDB_SILVER_MONTHS,
  type DuckDBSilverFiles,
  QUARANTINE_RULES,
  type QuarantineRule,
  RAW_COLUMNS,
  databricksSilver,
  duckdbEventsView,
  duckdbSilver,
  duckdbSilverMonth,
  silverMonthFolder,
} from './queries/silver.js';
export { GOLD_ORDER, conformingSelect, goldTableSql } from './conform.js';
export { MONTH_AGGREGATES, type MonthAggregate, PREAGGREGATES, duckdbMonthAggregateSql, duckdbPreaggregatesFromMonths, preaggregateSql, preaggregatedText } from './queries/preaggregated.js';
export { ARROW_TYPES, type ColumnValues, arrowSchema, contractTable } from './arrow.js';
export { sqlString, statements } from './sql.js';
