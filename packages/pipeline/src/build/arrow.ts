/**
 * Gold tables as Arrow IPC files shaped by the contract: DuckDB (node-api 1.5) cannot write
 * Arrow itself, so results are read chunk by chunk into value arrays and assembled by
 * @goldboard/gold-sql's `contractTable` (the contract → Arrow type map the server uses too),
 * one record batch at a time, each written to the file before the next is read: a dataset with
 * a row per user (millions on the full data) never sits in memory whole as JavaScript values.
 */
import { createWriteStream } from 'node:fs';
import type { DuckDBConnection, DuckDBDateValue, DuckDBValue } from '@duckdb/node-api';
import type { DatasetSpec } from '@goldboard/core';
import { contractTable } from '@goldboard/gold-sql';
import { RecordBatchFileWriter } from 'apache-arrow';
import { PipelineError } from './errors.js';

/** Rows per record batch of a Gold Arrow file (a dataset with fewer rows is one batch). */
export const ARROW_BATCH_ROWS = 65_536;

type Values = (number | bigint | string | null)[];

/**
 * Writes a relation that already has the contract's columns and types as an Arrow IPC *file*
 * (readable by apache-arrow and @uwdata/flechette) at `file`, in record batches of at most
 * `batchRows` rows; resolves with the rows written.
 */
export async function writeArrowFile(connection: DuckDBConnection, spec: DatasetSpec, relation: string, file: string, batchRows = ARROW_BATCH_ROWS): Promise<number> {
  const fail = (message: string) => new PipelineError('build-failed', message);
  const writer = new RecordBatchFileWriter();
  let failed: unknown;
  // A failure of the file (its folder gone, the disk full) stops the reading at the next chunk.
  // (`pipe`, not `pipeline`: destroying apache-arrow's stream leaves a promise of its unhandled.)
  const out = createWriteStream(file);
  const written = new Promise<void>((resolve) => {
    out.on('error', (error) => {
      failed ??= new PipelineError('build-failed', `Could not write ${file}: ${error.message}`);
      resolve();
    });
    out.on('finish', resolve);
  });
  writer.toNodeStream().pipe(out);
  let rows = 0;
  try {
    const result = await connection.stream(`SELECT * FROM ${relation} AS r`);
    const columns: Values[] = spec.columns.map(() => []);
    // Writes the first `n` rows held as a batch (taken out of `columns`, the rest stays).
    const flush = (n: number) => {
      // Its record batch (a Table given to write() would be written whole and end the file).
      for (const batch of contractTable(spec, columns.map((values) => values.splice(0, n)), fail, rows).batches) writer.write(batch);
      rows += n;
    };
    while (failed === undefined) {
      const chunk = await result.fetchChunk();
      // Read once: each `rowCount` is a call into DuckDB's native code.
      const n = chunk?.rowCount ?? 0;
      if (!chunk || n === 0) break;
      for (let c = 0; c < spec.columns.length; c++) {
        const vector = chunk.getColumnVector(c);
        const target = columns[c]!;
        const isDate = spec.columns[c]!.type === 'date';
        for (let r = 0; r < n; r++) {
          const value = vector.getItem(r) as DuckDBValue;
          target.push(isDate && value !== null ? (value as DuckDBDateValue).days : (value as number | bigint | string | null));
        }
      }
      while (columns[0]!.length >= batchRows) flush(batchRows);
    }
    // The last rows; an empty dataset is one empty batch (the file still says its schema).
    if (failed === undefined && (columns[0]!.length > 0 || rows === 0)) flush(columns[0]!.length);
  } catch (error) {
    failed ??= error;
  }
  // Ended either way, so that the file stream closes (a failed build's staging folder goes whole).
  try {
    writer.finish();
  } catch (error) {
    failed ??= error;
  }
  await written;
  if (failed !== undefined) throw failed;
  return rows;
}
