/**
 * Bronze: the raw files as read, every column as text, as one view `bronze` over all sources
 * (CSV, gzipped CSV and Parquet mixed). Lines DuckDB cannot split into nine fields are kept in
 * its rejects table and counted as `malformed_line`, never abort the build.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { PipelineError } from './errors.js';
import { RAW_COLUMNS, type SourceFile, checkCsvHeader } from './sources.js';
import { sqlString } from './sql.js';

const list = (files: SourceFile[]) => `[${files.map((f) => sqlString(f.path)).join(', ')}]`;

/** Checks every source and creates the view `bronze`. */
export async function createBronze(connection: DuckDBConnection, sources: SourceFile[]): Promise<void> {
  for (const source of sources) checkCsvHeader(source);
  const csv = sources.filter((s) => s.format !== 'parquet');
  const parquet = sources.filter((s) => s.format === 'parquet');
  for (const source of parquet) await checkParquet(connection, source);

  const text = RAW_COLUMNS.map((name) => `CAST("${name}" AS VARCHAR) AS "${name}"`).join(', ');
  const parts: string[] = [];
  if (csv.length > 0) {
    const columns = `{${RAW_COLUMNS.map((name) => `'${name}': 'VARCHAR'`).join(', ')}}`;
    parts.push(
      `SELECT ${RAW_COLUMNS.join(', ')} FROM read_csv(${list(csv)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
        `columns = ${columns}, null_padding = true, store_rejects = true, rejects_table = 'csv_rejects', rejects_scan = 'csv_reject_scans', compression = 'auto')`,
    );
  }
  if (parquet.length > 0) parts.push(`SELECT ${text} FROM read_parquet(${list(parquet)}, union_by_name = true)`);
  await connection.run(`CREATE VIEW bronze AS ${parts.join(' UNION ALL ')}`);
}

async function checkParquet(connection: DuckDBConnection, source: SourceFile): Promise<void> {
  let names: string[];
  try {
    const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(source.path)})`);
    names = reader.getRowsJS().map((row) => String(row[0]));
  } catch (error) {
    throw new PipelineError('not-csv', `${source.path} is not a Parquet file DuckDB can read: ${firstLine(error)}`, source.path);
  }
  const missing = RAW_COLUMNS.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new PipelineError('missing-column', `${source.path} has no column ${missing.map((m) => `\`${m}\``).join(', ')} (columns: ${names.join(', ')})`, source.path);
  }
}

/**
 * Malformed CSV lines DuckDB set aside (one per line, whatever the number of errors on it);
 * without a CSV source there is no rejects table, and none.
 */
export async function countMalformedLines(connection: DuckDBConnection, sources: readonly SourceFile[]): Promise<number> {
  if (!sources.some((s) => s.format !== 'parquet')) return 0;
  const reader = await connection.runAndReadAll('SELECT count(DISTINCT (scan_id, file_id, line)) FROM csv_rejects');
  return Number(reader.getRowsJS()[0]![0]);
}

export function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0]!;
}
