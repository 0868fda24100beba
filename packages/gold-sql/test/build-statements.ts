/** Every statement of a build in a dialect, by file name: what the golden files hold. */
import { DATASET_NAMES } from '@goldboard/core';
import { type Dialect, QUERY_NAMES, databricksSilver, duckdbEventsView, duckdbSilver, duckdbSilverMonth, goldTableSql, preaggregateSql, sqlText } from '../src/index.js';

export function buildStatements(d: Dialect): Record<string, string> {
  const silver =
    d.name === 'duckdb'
      ? [...duckdbSilver(d), duckdbSilverMonth(d, '2019-11', 'gold.building/silver/events/month=2019-11/events.parquet'), duckdbEventsView(d, 'gold.building/silver/events', ['2019-11'])]
      : databricksSilver(['/Volumes/shop/raw/events/2019-*.csv', '/Volumes/shop/raw/events/2020-*.csv'], d);
  const files: Record<string, string> = { silver: silver.join(';\n\n') };
  for (const name of QUERY_NAMES) files[name] = sqlText(name, d);
  files.gold_tables = DATASET_NAMES.map((name) => goldTableSql(name, d.name === 'duckdb' ? `gold_${name}` : name, d)).join(';\n\n');
  // What a DuckDB build runs for Gold: the pre-aggregates, then every dataset from them (top_products from events).
  if (d.name === 'duckdb') {
    files.gold_tables_preaggregated = [...preaggregateSql(d), ...DATASET_NAMES.map((name) => goldTableSql(name, `gold_${name}`, d, { preaggregated: true }))].join(';\n\n');
  }
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name, `${text};\n`]));
}

/**
 * In gold_tables.sql each Gold query wrapped in a CREATE TABLE stands as one `-- @include <name>.sql`
 * line, so a query's text lives only in its own golden file.
 */
const include = (name: string): string => `-- @include ${name}.sql`;
const body = (file: string): string => file.slice(0, -';\n'.length);

/** The files as written: gold_tables with its queries replaced by include lines. */
export function withIncludes(files: Record<string, string>): Record<string, string> {
  let gold = files.gold_tables!;
  for (const name of QUERY_NAMES) gold = gold.split(`(\n${body(files[name]!)}\n)`).join(`(\n${include(name)}\n)`);
  return { ...files, gold_tables: gold };
}

/** gold_tables as read back: each include line replaced by the text of its golden file. */
export function expandIncludes(golden: Record<string, string>): string {
  let gold = golden.gold_tables!;
  for (const name of QUERY_NAMES) gold = gold.split(include(name)).join(body(golden[name]!));
  return gold;
}
