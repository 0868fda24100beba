/**
 * Tables in the contract's shape, from column values, and out as an Arrow IPC stream or JSON.
 * Types: date → DateDay (days since the epoch), int64 → Int64, int32 → Int32, text → Utf8,
 * float64 → Float64, in the contract's column order and nullability.
 */
import { DATASETS, DAY, type DatasetName } from '@goldboard/core';
import { type ColumnValues, contractTable } from '@goldboard/gold-sql';
import { type Table, tableToIPC } from 'apache-arrow';
import { EngineError } from '../http/errors.js';

export type { ColumnValues };

/** A contract-shaped Arrow table from one value array per column (in contract order). */
export function tableFromColumns(dataset: DatasetName, columns: readonly ColumnValues[]): Table {
  return contractTable(DATASETS[dataset], columns, (message) => new EngineError(message));
}

/** Arrow IPC stream bytes. */
export function arrowStreamBytes(table: Table): Uint8Array {
  return tableToIPC(table, 'stream');
}

/** Rows as JSON objects: int64 as numbers (exact below 2^53), dates as `YYYY-MM-DD`. */
export function jsonRows(dataset: DatasetName, table: Table): Array<Record<string, unknown>> {
  const spec = DATASETS[dataset];
  const vectors = spec.columns.map((c) => table.getChild(c.name));
  const rows: Array<Record<string, unknown>> = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Record<string, unknown> = {};
    spec.columns.forEach((column, c) => {
      const value = vectors[c]?.get(r) ?? null;
      if (value === null) row[column.name] = null;
      else if (column.type === 'date') row[column.name] = (value instanceof Date ? value : new Date(Number(value))).toISOString().slice(0, 10);
      else if (column.type === 'int64') row[column.name] = Number(value);
      else row[column.name] = value;
    });
    rows[r] = row;
  }
  return rows;
}

/** Days since the epoch of a `YYYY-MM-DD` day. */
export function epochDays(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY);
}
