/**
 * Tables in the contract's shape, from column values, and out as an Arrow IPC stream or JSON.
 * Types: date → DateDay (days since the epoch), int64 → Int64, int32 → Int32, text → Utf8,
 * float64 → Float64, in the contract's column order and nullability.
 */
import { type ColumnSpec, type ColumnType, DATASETS, type DatasetName } from '@goldboard/core';
import {
  type DataType,
  DateDay,
  Field,
  Float64,
  Int32,
  Int64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  makeData,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { EngineError } from '../http/errors.js';

const ARROW_TYPES: Record<ColumnType, () => DataType> = {
  float64: () => new Float64(),
  int64: () => new Int64(),
  int32: () => new Int32(),
  text: () => new Utf8(),
  date: () => new DateDay(),
};

/** The Arrow schema of a dataset. */
export function datasetSchema(dataset: DatasetName): Schema {
  return new Schema(DATASETS[dataset].columns.map((c) => new Field(c.name, ARROW_TYPES[c.type](), c.nullable ?? false)));
}

/**
 * One column's values as the engines produce them: numbers or bigints for numeric columns, days
 * since the epoch for dates, strings (or null where the contract allows it) for text.
 */
export type ColumnValues = ArrayLike<number | bigint | string | null>;

/** A contract-shaped Arrow table from one value array per column (in contract order). */
export function tableFromColumns(dataset: DatasetName, columns: readonly ColumnValues[]): Table {
  const spec = DATASETS[dataset];
  const schema = datasetSchema(dataset);
  const length = columns[0]?.length ?? 0;
  const children = spec.columns.map((column, c) => columnData(dataset, column, columns[c] ?? [], length));
  const data = makeData({ type: new Struct(schema.fields), length, children, nullCount: 0 });
  return new Table(schema, [new RecordBatch(schema, data)]);
}

function columnData(dataset: DatasetName, column: ColumnSpec, values: ColumnValues, length: number) {
  const nullError = (row: number) => new EngineError(`${dataset}.${column.name} is NULL in row ${row}, but the contract says it is never null`);
  if (values.length !== length) throw new EngineError(`${dataset}.${column.name} has ${values.length} values, expected ${length}`);
  if (column.type === 'text') {
    const strings = Array.from(values, (v, i) => {
      if (v === null || v === undefined) {
        if (!column.nullable) throw nullError(i);
        return null;
      }
      return String(v);
    });
    return vectorFromArray(strings, new Utf8()).data[0]!;
  }
  const array = column.type === 'float64' ? new Float64Array(length) : column.type === 'int64' ? new BigInt64Array(length) : new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (v === null || v === undefined) throw nullError(i);
    if (column.type === 'int64') (array as BigInt64Array)[i] = typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
    else (array as Float64Array | Int32Array)[i] = Number(v);
  }
  return makeData({ type: ARROW_TYPES[column.type](), length, nullCount: 0, data: array } as never);
}

/** Arrow IPC stream bytes. */
export function arrowStreamBytes(table: Table): Uint8Array {
  return tableToIPC(table, 'stream');
}

const DAY_MS = 86_400_000;

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
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}
