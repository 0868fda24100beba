/**
 * A warehouse result in the contract's shape. The manifest (`manifest.schema.columns`) names
 * and types the columns: JSON_ARRAY values are strings read by their `type_name` (numbers in
 * Spark's text forms such as `1.2345678E7`, `NaN`, `Infinity`; DECIMAL as fixed-point text), and
 * Arrow columns are taken by position and named from the manifest (warehouses may name them
 * `col_0`, `col_1`, …), then each value is checked against the contract's type.
 * (docs.databricks.com/api/workspace/statementexecution/getstatement — `manifest.schema`)
 */
import { type ColumnSpec, type ColumnType, DATASETS, DAY, type DatasetName } from '@goldboard/core';
import { Precision, type Table, Type, type Vector, tableFromIPC } from 'apache-arrow';
import { type ColumnValues, epochDays, tableFromColumns } from '../../arrow/encode.js';
import { WarehouseError } from './errors.js';
import type { ManifestColumn, StatementResult } from './statement-client.js';

/** A value as the warehouse typed it, before the contract's type is applied. */
type Read = bigint | number | string | boolean | { readonly day: number } | null;

export function warehouseTable(dataset: DatasetName, result: StatementResult): Table {
  const spec = DATASETS[dataset];
  const manifest = [...result.columns].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const names = manifest.map((c) => c.name);
  const expected = spec.columns.map((c) => c.name);
  if (names.length > 0 && names.join(',') !== expected.join(',')) {
    throw new WarehouseError('answer', `Databricks answered ${dataset} with columns ${names.join(', ')}; the contract has ${expected.join(', ')}.`, 502);
  }
  const columns: Array<Array<number | bigint | string | null>> = spec.columns.map(() => []);
  const put = (c: number, value: Read, row: number) => {
    const converted = toContract(spec.columns[c]!.type, value);
    if (converted === INVALID) throw invalid(dataset, spec.columns[c]!, manifest[c], value, row);
    columns[c]!.push(converted);
  };
  if (result.format === 'JSON_ARRAY') {
    result.rows.forEach((row, r) => {
      if (row.length !== spec.columns.length) throw new WarehouseError('answer', `Databricks sent a row of ${row.length} values for ${dataset}; the contract has ${spec.columns.length} columns.`, 502);
      for (let c = 0; c < spec.columns.length; c++) put(c, fromText(row[c] ?? null, manifest[c]?.type_name), r);
    });
  } else {
    let offset = 0;
    for (const bytes of result.streams) {
      if (bytes.byteLength === 0) continue;
      const table = tableFromIPC(bytes);
      if (table.numCols !== spec.columns.length) {
        throw new WarehouseError('answer', `Databricks' Arrow result for ${dataset} has ${table.numCols} columns; the manifest and the contract have ${spec.columns.length}.`, 502);
      }
      for (let c = 0; c < spec.columns.length; c++) {
        // By position: the manifest's column c is the stream's field c, whatever the field is called.
        const vector = table.getChildAt(c)!;
        const same = sameType(vector, spec.columns[c]!.type);
        if (same) {
          // Already the contract's type (the usual case, the server CASTs every column): copied as is.
          const target = columns[c]!;
          for (let i = 0; i < same.length; i++) target.push(same[i]!);
          continue;
        }
        const typeId = vector.type.typeId as Type;
        const scale = typeId === Type.Decimal ? (vector.type as { scale: number }).scale : 0;
        for (let i = 0; i < vector.length; i++) put(c, fromArrow(vector.get(i) as unknown, typeId, scale), offset + i);
      }
      offset += table.numRows;
    }
  }
  const rows = columns[0]?.length ?? 0;
  if (result.totalRows !== undefined && rows !== result.totalRows) {
    throw new WarehouseError('answer', `Databricks announced ${result.totalRows} rows for ${dataset} but sent ${rows}.`, 502);
  }
  return tableFromColumns(dataset, columns as ColumnValues[]);
}

/** The values of an Arrow column without nulls whose type is the contract's (BIGINT, INT, DOUBLE, STRING), else undefined. */
function sameType(vector: Vector, type: ColumnType): ArrayLike<number | bigint | string> | undefined {
  if (vector.nullCount !== 0) return undefined;
  const arrow = vector.type as { typeId: Type; bitWidth?: number; isSigned?: boolean; precision?: number };
  const matches =
    (type === 'int64' && arrow.typeId === Type.Int && arrow.bitWidth === 64 && arrow.isSigned) ||
    (type === 'int32' && arrow.typeId === Type.Int && arrow.bitWidth === 32 && arrow.isSigned) ||
    (type === 'float64' && arrow.typeId === Type.Float && arrow.precision === Precision.DOUBLE) ||
    (type === 'text' && arrow.typeId === Type.Utf8);
  return matches ? (vector.toArray() as ArrayLike<number | bigint | string>) : undefined;
}

/** Spark's text for a double or decimal: `1.2345678E7`, `-0.5`, `1.0E-4`, `NaN`, `Infinity`. */
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^(?:NaN|[+-]?Infinity)$/;
const INTEGER_TEXT = /^[+-]?\d+$/;

/** A JSON_ARRAY value (always a string or null) read by the manifest's `type_name`. */
function fromText(text: string | null, typeName: string | undefined): Read {
  if (text === null) return null;
  switch (typeName) {
    case 'BYTE':
    case 'SHORT':
    case 'INT':
    case 'LONG':
      return INTEGER_TEXT.test(text) ? BigInt(text) : text;
    case 'FLOAT':
    case 'DOUBLE':
    case 'DECIMAL':
      return NUMBER_TEXT.test(text) ? Number(text) : text;
    case 'DATE':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { day: epochDays(text) } : text;
    case 'TIMESTAMP':
    case 'TIMESTAMP_NTZ': {
      const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
      return Number.isNaN(ms) ? text : { day: Math.floor(ms / DAY) };
    }
    case 'BOOLEAN':
      return text === 'true' ? true : text === 'false' ? false : text;
    default:
      return text;
  }
}

/** An Arrow value read by its Arrow type (Decimal128 as exact fixed-point text, dates as days). */
function fromArrow(value: unknown, typeId: Type, scale: number): Read {
  if (value === null || value === undefined) return null;
  switch (typeId) {
    case Type.Decimal:
      return Number(decimalText(Array.from(value as ArrayLike<number>), scale));
    case Type.Date:
    case Type.DateDay:
    case Type.DateMillisecond:
      return { day: Math.round((value instanceof Date ? value.getTime() : Number(value)) / DAY) };
    case Type.Timestamp:
    case Type.TimestampSecond:
    case Type.TimestampMillisecond:
    case Type.TimestampMicrosecond:
    case Type.TimestampNanosecond:
      return { day: Math.floor((value instanceof Date ? value.getTime() : Number(value)) / DAY) };
    default:
      if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
      return String(value);
  }
}

/** A two's-complement little-endian decimal (32-bit words) as text with `scale` decimals. */
function decimalText(words: readonly number[], scale: number): string {
  let unsigned = 0n;
  for (let w = words.length - 1; w >= 0; w--) unsigned = (unsigned << 32n) | BigInt(words[w]! >>> 0);
  const bits = BigInt(words.length * 32);
  const signed = unsigned >> (bits - 1n) ? unsigned - (1n << bits) : unsigned;
  const digits = (signed < 0n ? -signed : signed).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return signed < 0n ? `-${text}` : text;
}

const INVALID = Symbol('invalid');

/** A value in the contract column's type, or INVALID. */
function toContract(type: ColumnType, value: Read): number | bigint | string | null | typeof INVALID {
  if (value === null) return null;
  switch (type) {
    case 'int64':
      if (typeof value === 'bigint') return value;
      if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
      if (typeof value === 'string' && INTEGER_TEXT.test(value)) return BigInt(value);
      return INVALID;
    case 'int32': {
      const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' && INTEGER_TEXT.test(value) ? Number(value) : value;
      return typeof n === 'number' && Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 ? n : INVALID;
    }
    case 'float64':
      if (typeof value === 'number') return value;
      if (typeof value === 'bigint') return Number(value);
      if (typeof value === 'string' && NUMBER_TEXT.test(value)) return Number(value);
      return INVALID;
    case 'date':
      if (typeof value === 'object') return value.day;
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return epochDays(value.slice(0, 10));
      return INVALID;
    case 'text':
      if (typeof value === 'string') return value;
      if (typeof value === 'object') return new Date(value.day * DAY).toISOString().slice(0, 10);
      return String(value);
  }
}

/** The error for a value the contract column's type cannot hold, naming the column and the warehouse's type. */
function invalid(dataset: DatasetName, column: ColumnSpec, meta: ManifestColumn | undefined, value: Read, row: number): WarehouseError {
  const shown = JSON.stringify(typeof value === 'bigint' ? String(value) : value);
  const typed = meta?.type_text || meta?.type_name ? ` (typed ${meta.type_text ?? meta.type_name})` : '';
  return new WarehouseError('answer', `Databricks sent ${shown} for ${dataset}.${column.name} in row ${row}${typed}; the contract has ${column.type}.`, 502);
}
