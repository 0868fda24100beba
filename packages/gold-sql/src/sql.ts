/** Small helpers for SQL text. */
import { DUCKDB } from './dialect.js';

/** A DuckDB string literal of a text (a file path, say): single quotes doubled. */
export function sqlString(text: string): string {
  return DUCKDB.string(text);
}

/** Splits a script into statements (our scripts have no `;` inside strings or comments). */
export function statements(script: string): string[] {
  return script
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
