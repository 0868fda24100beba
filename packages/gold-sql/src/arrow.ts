/**
 * Contract → Arrow: date → DateDay, int64 → Int64, int32 → Int32, text → Utf8,
 * float64 → Float64, in the contract's column order and nullability. The pipeline writes Gold
 * files with `contractTable` and the server answers with it, so both give the same types.
 */
import type { ColumnSpec, ColumnType, DatasetSpec } from '@goldboard/core';
import { type DataType, DateDay, Field, Float64, Int32, Int64, RecordBatch, Schema, Struct, Table, Utf8, makeData, vectorFromArray } from 'apache-arrow';

/** The Arrow type each contract type is written as. */
export const ARROW_TYPES: Readonly<Record<ColumnType, () => DataType>> = {
  float64: () => new Float64(),
  int64: () => new Int64(),
  int32: () => new Int32(),
  text: () => new Utf8(),
  date: () => new DateDay(),
};

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
 * `fail` (the caller's error type); its row counts from `firstRow` (the rows before this batch).
 */
export function contractTable(spec: DatasetSpec, columns: readonly ColumnValues[], fail: (message: string) => Error, firstRow = 0): Table {
  const schema = arrowSchema(spec);
  const length = columns[0]?.length ?? 0;
  const children = spec.columns.map((column, c) => columnData(spec, column, columns[c] ?? [], length, fail, firstRow));
  const data = makeData({ type: new Struct(schema.fields), length, children, nullCount: 0 });
  return new Table(schema, [new RecordBatch(schema, data)]);
}

function columnData(spec: DatasetSpec, column: ColumnSpec, values: ColumnValues, length: number, fail: (message: string) => Error, firstRow: number) {
  const nullError = (row: number) => fail(`${spec.name}.${column.name} is NULL in row ${firstRow + row}, but the contract says it is never null`);
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
