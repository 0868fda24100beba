/** The named queries, each rendered once per dialect and kept. */
import { DIALECTS, type Dialect, type DialectName } from '../dialect.js';
import { dailyMetrics } from './daily-metrics.js';
import { kpiSummary } from './kpi-summary.js';
import { segmentSummary } from './segment-summary.js';
import { topProducts } from './top-products.js';
import { topUsers } from './top-users.js';
import { userFeatures } from './user-features.js';

/** The named Gold queries, parameterised by date range (and `limit` for the ranked ones). */
export const GOLD_QUERIES = ['kpi_summary', 'daily_metrics', 'top_products', 'top_users', 'segment_summary'] as const;
export type GoldQueryName = (typeof GOLD_QUERIES)[number];

/** Every range query: the Gold ones and the segmentation's input. */
export const QUERY_NAMES = [...GOLD_QUERIES, 'user_features'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

const RENDER: Record<QueryName, (d: Dialect) => string> = {
  kpi_summary: kpiSummary,
  daily_metrics: dailyMetrics,
  top_products: topProducts,
  top_users: topUsers,
  segment_summary: segmentSummary,
  user_features: userFeatures,
};

const cache = new Map<string, string>();

/**
 * The text of a named query in a dialect (DuckDB by default). It reads the view `events`
 * (Silver), and `user_segments` for `top_users` and `segment_summary`, and takes the bound
 * parameters `from` and `to` (UTC days, inclusive) and `limit` for the ranked ones.
 */
export function sqlText(name: QueryName, dialect: Dialect | DialectName = 'duckdb'): string {
  const d = typeof dialect === 'string' ? DIALECTS[dialect] : dialect;
  const key = `${d.name}|${name}`;
  let text = cache.get(key);
  if (text === undefined) {
    const render = RENDER[name];
    if (!render) throw new RangeError(`No Gold query named "${name}" (queries: ${QUERY_NAMES.join(', ')})`);
    text = render(d);
    cache.set(key, text);
  }
  return text;
}

/** Whether a query takes the `limit` parameter (the ranked datasets). */
export function takesLimit(name: QueryName, dialect: Dialect | DialectName = 'duckdb'): boolean {
  const d = typeof dialect === 'string' ? DIALECTS[dialect] : dialect;
  return sqlText(name, d).includes(`LIMIT ${d.param('limit')}`);
}
