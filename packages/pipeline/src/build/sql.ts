/**
 * The Gold SQL, kept as `.sql` files in the package's `sql/` folder (DuckDB) and
 * `sql/databricks/` (Spark SQL), so the pipeline, the server and a warehouse run the same text.
 * Range queries read the view `events` (Silver) and take `$from` / `$to` (UTC days, inclusive).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The named Gold queries, parameterised by date range (and `$limit` for the ranked ones). */
export const GOLD_QUERIES = ['kpi_summary', 'daily_metrics', 'top_products', 'top_users', 'segment_summary'] as const;
export type GoldQueryName = (typeof GOLD_QUERIES)[number];

/** Folder of the `.sql` files: `<package>/sql`, from both `src/build` and `dist/build`. */
export const SQL_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));

const cache = new Map<string, string>();

/** The DuckDB text of a named SQL file (`silver`, `user_features` or a Gold query). */
export function sqlText(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(`${SQL_DIR}${name}.sql`, 'utf8');
    cache.set(name, text);
  }
  return text;
}

/** A SQL string literal of a text (a file path, say): single quotes doubled. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Splits a script into statements (our files have no `;` inside strings or comments). */
export function statements(script: string): string[] {
  return script
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
