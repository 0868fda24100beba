/**
 * Contract → Arrow: date → DateDay, int64 → Int64, int32 → Int32, text → Utf8,
 * float64 → Float64, in the contract's column order and nullability. The pipeline writes Gold
 * files with `contractTable` and the server answers with it, so both give the same types.
 */
import type { ColumnSpec, ColumnType, DatasetSpec } from '@goldboard/core';
import { type DataType, DateDay, Field, Float64, Int32, Int64, RecordBatch, Schema, Struct, Table, Utf8, makeData } from 'apache-arrow';

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

const encoder = new TextEncoder();

/**
 * A Utf8 column's data built directly (offsets, bytes, validity): each distinct string is
 * encoded once (a column such as a segment's name repeats a few values over every row).
 */
function utf8Data(values: ColumnValues, length: number, nullable: boolean, nullError: (row: number) => Error) {
  const offsets = new Int32Array(length + 1);
  const encoded = new Map<string, Uint8Array>();
  const parts: Uint8Array[] = new Array(length);
  let validity: Uint8Array | undefined;
  let nullCount = 0;
  let bytes = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      if (!nullable) throw nullError(i);
      validity ??= new Uint8Array((length + 7) >> 3).fill(0xff);
      validity[i >> 3]! &= ~(1 << (i & 7));
      nullCount++;
    } else {
      const text = String(v);
      let part = encoded.get(text);
      if (part === undefined) {
        part = encoder.encode(text);
        if (encoded.size < 4096) encoded.set(text, part);
      }
      parts[i] = part;
      bytes += part.length;
    }
    offsets[i + 1] = bytes;
  }
  const data = new Uint8Array(bytes);
  for (let i = 0; i < length; i++) if (parts[i] !== undefined) data.set(parts[i]!, offsets[i]);
  return makeData({ type: new Utf8(), length, nullCount, nullBitmap: validity, valueOffsets: offsets, data });
}

function columnData(spec: DatasetSpec, column: ColumnSpec, values: ColumnValues, length: number, fail: (message: string) => Error, firstRow: number) {
  const nullError = (row: number) => fail(`${spec.name}.${column.name} is NULL in row ${firstRow + row}, but the contract says it is never null`);
  if (values.length !== length) throw fail(`${spec.name}.${column.name} has ${values.length} values, expected ${length}`);
  if (column.type === 'text') return utf8Data(values, length, column.nullable ?? false, nullError);
  const array = column.type === 'float64' ? new Float64Array(length) : column.type === 'int64' ? new BigInt64Array(length) : new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (v === null || v === undefined) throw nullError(i);
    if (column.type === 'int64') (array as BigInt64Array)[i] = typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
    else (array as Float64Array | Int32Array)[i] = Number(v);
  }
  return makeData({ type: ARROW_TYPES[column.type](), length, nullCount: 0, data: array } as never);
}
