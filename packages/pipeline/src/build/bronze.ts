/**
 * Bronze: the raw files as read, every column as text and the file name as `source`, as one view `bronze` over all sources
 * (CSV, gzipped CSV and Parquet mixed). Lines DuckDB cannot split into exactly nine fields
 * (too few or too many) are kept in its rejects table, never abort the build, and go to the
 * quarantine as `malformed_line`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DUCKDB, RAW_COLUMNS, sqlString } from '@goldboard/gold-sql';
import { PipelineError } from './errors.js';
import type { SourceFile } from './sources.js';

const list = (files: SourceFile[]) => `[${files.map((f) => sqlString(f.path)).join(', ')}]`;

/** Creates the view `bronze` over the sources (checked by `checkSource` first); none gives an empty view. */
export async function createBronze(connection: DuckDBConnection, sources: SourceFile[]): Promise<void> {
  const csv = sources.filter((s) => s.format !== 'parquet');
  const parquet = sources.filter((s) => s.format === 'parquet');
  for (const source of parquet) await checkParquet(connection, source);

  const text = RAW_COLUMNS.map((name) => `CAST("${name}" AS VARCHAR) AS "${name}"`).join(', ');
  // The file name only (no folder): what the manifest and the quarantine name a source by.
  const source = 'parse_filename(filename) AS source';
  const parts: string[] = [];
  if (csv.length > 0) parts.push(`SELECT ${RAW_COLUMNS.join(', ')}, ${source} FROM ${DUCKDB.readCsv(csv.map((s) => s.path), RAW_COLUMNS)}`);
  if (parquet.length > 0) parts.push(`SELECT ${text}, ${source} FROM read_parquet(${list(parquet)}, union_by_name = true, filename = true)`);
  if (parts.length === 0) parts.push(`SELECT ${RAW_COLUMNS.map((name) => `NULL::VARCHAR AS "${name}"`).join(', ')}, NULL::VARCHAR AS source WHERE false`);
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
 * Adds the CSV lines DuckDB set aside to the table `quarantine` as `malformed_line` (one row per
 * line, whatever the number of errors on it), with the file name, line number and raw text in
 * the columns `source`, `line` and `raw_line`; the nine raw columns stay NULL, as the line could
 * not be split into them. Without a CSV source there is no rejects table, and no such line.
 */
export async function quarantineMalformedLines(connection: DuckDBConnection, sources: readonly SourceFile[]): Promise<void> {
  if (!sources.some((s) => s.format !== 'parquet')) return;
  await connection.run(
    `INSERT INTO quarantine (reason, source, line, raw_line)
     SELECT 'malformed_line', parse_filename(any_value(s.file_path)), r.line, any_value(r.csv_line)
     FROM csv_rejects AS r JOIN csv_reject_scans AS s USING (scan_id, file_id)
     GROUP BY r.scan_id, r.file_id, r.line
     ORDER BY 2, 3`,
  );
}

export function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0]!;
}
