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

/** The Arrow schema of a dataset. */
export function arrowSchema(spec: DatasetSpec): Schema {
  return new Schema(spec.columns.map((c) => new Field(c.name, ARROW_TYPES[c.type](), c.nullable ?? false)));
}

/** Reads a relation that already has the contract's columns and types into an Arrow table. */
export async function readArrowTable(connection: DuckDBConnection, spec: DatasetSpec, relation: string): Promise<Table> {
  const result = await connection.stream(`SELECT * FROM ${relation} AS r`);
  const columns: DuckDBValue[][] = spec.columns.map(() => []);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (let c = 0; c < spec.columns.length; c++) {
      const vector = chunk.getColumnVector(c);
      const target = columns[c]!;
      for (let r = 0; r < chunk.rowCount; r++) target.push(vector.getItem(r));
    }
  }
  const length = columns[0]?.length ?? 0;
  const schema = arrowSchema(spec);
  const children = spec.columns.map((column, c) => columnData(spec, column, columns[c]!));
  const data = makeData({ type: new Struct(schema.fields), length, children, nullCount: 0 });
  return new Table(schema, [new RecordBatch(schema, data)]);
}

function columnData(spec: DatasetSpec, column: ColumnSpec, values: DuckDBValue[]) {
  const length = values.length;
  const nullError = (row: number) =>
    new PipelineError('build-failed', `${spec.name}.${column.name} is NULL in row ${row}, but the contract says it is never null`);
  switch (column.type) {
    case 'text': {
      if (!column.nullable) {
        const at = values.indexOf(null);
        if (at >= 0) throw nullError(at);
      }
      return vectorFromArray(values as (string | null)[], new Utf8()).data[0]!;
    }
    case 'float64':
    case 'int32':
    case 'int64':
    case 'date': {
      const array = column.type === 'float64' ? new Float64Array(length) : column.type === 'int64' ? new BigInt64Array(length) : new Int32Array(length);
      for (let i = 0; i < length; i++) {
        const value = values[i];
        if (value === null || value === undefined) throw nullError(i);
        array[i] = (column.type === 'date' ? (value as DuckDBDateValue).days : value) as never;
      }
      return makeData({ type: ARROW_TYPES[column.type](), length, nullCount: 0, data: array } as never);
    }
  }
}

/** Arrow IPC *file* format bytes (readable by apache-arrow and @uwdata/flechette). */
export function arrowFileBytes(table: Table): Uint8Array {
  return tableToIPC(table, 'file');
}
