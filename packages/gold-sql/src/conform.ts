/**
 * The one conforming SELECT: a query's output cast to the contract's columns, in the contract's
 * order, and the row order of every dataset. The build writes Gold with it and the server
 * answers with it, on either engine.
 */
import { DATASETS, type DatasetName, type DatasetSpec } from '@goldboard/core';
import { DIALECTS, type Dialect, type DialectName } from './dialect.js';
import { sqlText } from './queries/index.js';
import { preaggregatedText } from './queries/preaggregated.js';

/** Row order of each dataset's files (the server orders its answers the same way). */
export const GOLD_ORDER: Readonly<Record<DatasetName, string>> = {
  kpi_summary: 'first_date',
  daily_metrics: 'event_date',
  top_products: 'rank',
  top_users: 'rank',
  user_segments: 'user_id',
  segment_summary: 'revenue DESC, users DESC, segment',
};

/** `SELECT` list casting a relation's columns to the contract's types, in the contract's order. */
export function conformingSelect(spec: DatasetSpec, relation: string, dialect: Dialect | DialectName = 'duckdb'): string {
  const d = typeof dialect === 'string' ? DIALECTS[dialect] : dialect;
  const list = spec.columns.map((c) => `CAST(${d.ident(c.name)} AS ${d.types[c.type]}) AS ${d.ident(c.name)}`).join(', ');
  return `SELECT ${list}\nFROM ${relation}`;
}

/**
 * The statement a build runs for one dataset: the table `table` holding the dataset for the
 * period bound as `from` / `to` (and `limit`, the contract's maximum, for the ranked ones), in
 * file order. `user_segments` is the model's output table of that name. With `preaggregated`,
 * the datasets are read from the tables `per_user`, `per_day` and `per_product`
 * (`preaggregateSql`) instead of from `events`: the same rows, fewer scans of Silver.
 */
export function goldTableSql(dataset: DatasetName, table: string, dialect: Dialect | DialectName = 'duckdb', options: { preaggregated?: boolean } = {}): string {
  const d = typeof dialect === 'string' ? DIALECTS[dialect] : dialect;
  const text = dataset === 'user_segments' ? '' : ((options.preaggregated ? preaggregatedText(dataset, d) : undefined) ?? sqlText(dataset, d));
  const relation = dataset === 'user_segments' ? 'user_segments' : `(\n${text}\n) AS q`;
  return `CREATE OR REPLACE TABLE ${table} AS\n${conformingSelect(DATASETS[dataset], relation, dialect)}\nORDER BY ${GOLD_ORDER[dataset]}`;
}
