/**
 * Gold tables as Arrow IPC files shaped by the contract: DuckDB (node-api 1.5) cannot write
 * Arrow itself, so results are read chunk by chunk into value arrays and assembled by
 * @goldboard/gold-sql's `contractTable` (the contract → Arrow type map the server uses too).
 */
import type { DuckDBConnection, DuckDBDateValue, DuckDBValue } from '@duckdb/node-api';
import type { DatasetSpec } from '@goldboard/core';
import { contractTable } from '@goldboard/gold-sql';
import { type Table, tableToIPC } from 'apache-arrow';
import { PipelineError } from './errors.js';

/** Reads a relation that already has the contract's columns and types into an Arrow table. */
export async function readArrowTable(connection: DuckDBConnection, spec: DatasetSpec, relation: string): Promise<Table> {
  const result = await connection.stream(`SELECT * FROM ${relation} AS r`);
  const columns: (number | bigint | string | null)[][] = spec.columns.map(() => []);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (let c = 0; c < spec.columns.length; c++) {
      const vector = chunk.getColumnVector(c);
      const target = columns[c]!;
      const isDate = spec.columns[c]!.type === 'date';
      for (let r = 0; r < chunk.rowCount; r++) {
        const value = vector.getItem(r) as DuckDBValue;
        target.push(isDate && value !== null ? (value as DuckDBDateValue).days : (value as number | bigint | string | null));
      }
    }
  }
  return contractTable(spec, columns, (message) => new PipelineError('build-failed', message));
}

/** Arrow IPC *file* format bytes (readable by apache-arrow and @uwdata/flechette). */
export function arrowFileBytes(table: Table): Uint8Array {
  return tableToIPC(table, 'file');
}
