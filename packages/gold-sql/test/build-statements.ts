/** Every statement of a build in a dialect, by file name: what the golden files hold. */
import { DATASET_NAMES } from '@goldboard/core';
import { type Dialect, QUERY_NAMES, databricksSilver, duckdbEventsView, duckdbSilver, duckdbSilverMonth, goldTableSql, sqlText } from '../src/index.js';

export function buildStatements(d: Dialect): Record<string, string> {
  const silver =
    d.name === 'duckdb'
      ? [...duckdbSilver(d, { staged: 'gold.building/staged.parquet' }), duckdbSilverMonth(d, '2019-11', 'gold.building/silver/events/month=2019-11/events.parquet'), duckdbEventsView(d, 'gold.building/silver/events', ['2019-11'])]
      : databricksSilver(['/Volumes/shop/raw/events/2019-*.csv', '/Volumes/shop/raw/events/2020-*.csv'], d);
  const files: Record<string, string> = { silver: silver.join(';\n\n') };
  for (const name of QUERY_NAMES) files[name] = sqlText(name, d);
  files.gold_tables = DATASET_NAMES.map((name) => goldTableSql(name, d.name === 'duckdb' ? `gold_${name}` : name, d)).join(';\n\n');
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name, `${text};\n`]));
}
