/**
 * Gold tables as Arrow IPC files shaped by the contract: DuckDB (node-api 1.5) cannot write
 * Arrow itself, so results are read chunk by chunk into typed arrays and assembled with
 * apache-arrow. Types: date → DateDay, int64 → Int64, int32 → Int32, text → Utf8,
 * float64 → Float64; nullability and column order as the contract says.
 */
import type { DuckDBConnection, DuckDBDateValue, DuckDBValue } from '@duckdb/node-api';
import { type ColumnSpec, type ColumnType, type DatasetSpec } from '@goldboard/core';
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
import { PipelineError } from './errors.js';

/** The DuckDB type each contract type is stored as. */
export const DUCKDB_TYPES: Record<ColumnType, string> = {
  float64: 'DOUBLE',
  int64: 'BIGINT',
  int32: 'INTEGER',
  text: 'VARCHAR',
  date: 'DATE',
};

const ARROW_TYPES: Record<ColumnType, () => DataType> = {
  float64: () => new Float64(),
  int64: () => new Int64(),
  int32: () => new Int32(),
  text: () => new Utf8(),
  date: () => new DateDay(),
};

/** `SELECT` list casting a relation's columns to the contract's types, in the contract's order. */
export function conformingSelect(spec: DatasetSpec, relation: string): string {
  const list = spec.columns.map((c) => `CAST("${c.name}" AS ${DUCKDB_TYPES[c.type]}) AS "${c.name}"`).join(', ');
  return `SELECT ${list} FROM ${relation}`;
}

/** The Arrow schema of a dataset: the contract's column order, types and nullability. */
export function arrowSchema(spec: DatasetSpec): Schema {
  return new Schema(spec.columns.map((c) => new Field(c.name, ARROW_TYPES[c.type](), c.nullable ?? false)));
}

/**
 * One column's values as the engines produce them: numbers or bigints for numeric columns, days
 * since the epoch for dates, strings (or null where the contract allows it) for text.
 */
export type ColumnValues = ArrayLike<number | bigint | string | null>;

/**
 * A contract-shaped Arrow table from one value array per column (in contract order). A null in
 * a column the contract says is never null, or columns of unequal length, is an error made by
 * `fail` (the caller's error type). The pipeline writes Gold with it and the server answers
 * with it, so both give the same types.
 */
export function contractTable(spec: DatasetSpec, columns: readonly ColumnValues[], fail: (message: string) => Error = (m) => new PipelineError('build-failed', m)): Table {
  const schema = arrowSchema(spec);
  const length = columns[0]?.length ?? 0;
  const children = spec.columns.map((column, c) => columnData(spec, column, columns[c] ?? [], length, fail));
  const data = makeData({ type: new Struct(schema.fields), length, children, nullCount: 0 });
  return new Table(schema, [new RecordBatch(schema, data)]);
}

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
  return contractTable(spec, columns);
}

function columnData(spec: DatasetSpec, column: ColumnSpec, values: ColumnValues, length: number, fail: (message: string) => Error) {
  const nullError = (row: number) => fail(`${spec.name}.${column.name} is NULL in row ${row}, but the contract says it is never null`);
  if (values.length !== length) throw fail(`${spec.name}.${column.name} has ${values.length} values, expected ${length}`);
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

/** Arrow IPC *file* format bytes (readable by apache-arrow and @uwdata/flechette). */
export function arrowFileBytes(table: Table): Uint8Array {
  return tableToIPC(table, 'file');
}
