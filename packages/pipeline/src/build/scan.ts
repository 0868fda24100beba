/**
 * The limit a build is measured against: DuckDB reading every column of the same raw files and
 * nothing else (no typing rules, no dedupe, no Gold). Used by the benchmark in bench/pipeline.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { RAW_COLUMNS, resolveSources } from './sources.js';
import { sqlString } from './sql.js';

/** Reads all columns of the CSV files (as text, like the build, or with DuckDB's typed parser); resolves with the row count. */
export async function bareScan(events: string, options: { typed?: boolean; memoryLimit?: string } = {}): Promise<number> {
  const files = resolveSources(events).map((s) => sqlString(s.path));
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: options.memoryLimit ?? '1GB' });
  const connection = await instance.connect();
  try {
    const read = options.typed
      ? `header = true, timestampformat = '%Y-%m-%d %H:%M:%S UTC'`
      : `header = true, auto_detect = false, columns = {${RAW_COLUMNS.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
    const reader = await connection.runAndReadAll(
      `SELECT count(*), ${RAW_COLUMNS.map((c) => `max(${c})`).join(', ')} FROM read_csv([${files.join(', ')}], ${read})`,
    );
    return Number(reader.getRowsJS()[0]![0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
