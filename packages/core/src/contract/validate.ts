import { GoldError } from '../errors.js';
import type { readArrowNumbers } from '../table/arrow-numbers.js';
import { GoldTable, NumberColumn, TextColumn, kindOfType, type GoldColumn, type LazyColumn, type ValueKind } from '../table/gold-table.js';
import { isTableLike, type ColumnLike, type FieldLike, type TableLike } from '../table/table-like.js';
import { DATASETS, columnSpec, isDatasetName, type ColumnSpec, type DatasetName } from './datasets.js';

/** Contract column name -> the column name in the arriving table. */
export type FieldMap = Readonly<Record<string, string>>;

export interface ValidateOptions {
  /** The contract columns this reader needs; all of the dataset's columns when omitted. */
  columns?: readonly string[];
  /** Contract column -> its name in the data, for data that was not produced by the pipeline. */
  fields?: FieldMap;
  /** What to call the table in messages (a file name, a URL); the dataset name by default. */
  label?: string;
}

// Arrow type ids (the same numbering in apache-arrow and flechette).
const ARROW_INT = 2;
const ARROW_FLOAT = 3;
const ARROW_UTF8 = 5;
const ARROW_BOOL = 6;
const ARROW_DECIMAL = 7;
const ARROW_DATE = 8;
const ARROW_TIMESTAMP = 10;
const ARROW_LARGE_UTF8 = 20;
const ARROW_UTF8_VIEW = 24;
const ARROW_DICTIONARY = -1;

interface ArrowTypeLike {
  typeId?: number;
  dictionary?: ArrowTypeLike;
  toString?: () => string;
}

/** What an Arrow field holds, from its type id; undefined when the type says nothing (row tables). */
function arrowKind(type: unknown): ValueKind | 'other' | undefined {
  if (typeof type !== 'object' || type === null) return undefined;
  let t = type as ArrowTypeLike;
  if (t.typeId === ARROW_DICTIONARY && t.dictionary) t = t.dictionary;
  switch (t.typeId) {
    case ARROW_INT:
    case ARROW_FLOAT:
    case ARROW_DECIMAL:
      return 'number';
    case ARROW_UTF8:
    case ARROW_LARGE_UTF8:
    case ARROW_UTF8_VIEW:
      return 'text';
    case ARROW_DATE:
    case ARROW_TIMESTAMP:
      return 'date';
    case undefined:
      return undefined;
    case ARROW_BOOL:
    default:
      return 'other';
  }
}

const ARROW_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'Null', 2: 'Int', 3: 'Float', 4: 'Binary', 5: 'Utf8', 6: 'Bool', 7: 'Decimal', 8: 'Date', 9: 'Time',
  10: 'Timestamp', 11: 'Interval', 12: 'List', 13: 'Struct', 14: 'Union', 15: 'FixedSizeBinary',
  16: 'FixedSizeList', 17: 'Map', 18: 'Duration', 19: 'LargeBinary', 20: 'LargeUtf8', 21: 'LargeList',
};

/** An Arrow type's name as apache-arrow prints it, whichever library decoded the table. */
function typeName(type: unknown): string {
  if (typeof type === 'string') return type;
  if (typeof type === 'object' && type !== null) {
    const id = (type as ArrowTypeLike).typeId;
    if (id !== undefined && ARROW_TYPE_NAMES[id]) return ARROW_TYPE_NAMES[id];
    const s = String(type);
    if (s !== '[object Object]') return s;
    if (id !== undefined) return `Arrow type ${id}`;
  }
  return typeof type;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?)?$/;

/** True for a real calendar day written `YYYY-MM-DD` (no time, no spaces). */
export function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(parseIsoDate(text));
}

/**
 * Epoch ms (UTC) of an ISO date or date-time text, NaN when it is not one (a day that does not
 * exist, like 2019-02-30, included). Dates without a zone are UTC.
 */
export function parseIsoDate(text: string): number {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return NaN;
  const [y, mo, d] = [+m[1]!, +m[2]! - 1, +m[3]!];
  const day = Date.UTC(y, mo, d);
  // Date.UTC rolls 2019-02-30 over into March: only a day that reads back the same is one.
  const back = new Date(day);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo || back.getUTCDate() !== d) return NaN;
  if (m[4] === undefined) return day;
  const zone = m[7] === undefined || m[7] === 'UTC' ? 'Z' : m[7];
  return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`);
}

function toNumber(v: unknown): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.getTime();
  return NaN;
}

class ColumnTypeError {
  constructor(
    readonly found: string,
    readonly row: number,
    /** A number that is not finite (Infinity, NaN), rather than a value of another type. */
    readonly nonFinite = false,
  ) {}
}

/** The first value in `values` that is not finite, as an error; `nullIsNaN` skips NaN (a GoldTable's null). */
function nonFinite(values: ArrayLike<number>, nullIsNaN = false): ColumnTypeError | undefined {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0 && !(nullIsNaN && v !== v)) return new ColumnTypeError(String(v), i, true);
  }
  return undefined;
}

let arrowNumbers: typeof readArrowNumbers | undefined;

/**
 * Lets the validator read Arrow columns straight from their batches' buffers with
 * `readArrowNumbers`. Called by the elements that draw large tables (`<revenue-trend>`), so
 * that a page of small tables (`<kpi-card>` alone) does not carry the reader; without it an
 * Arrow column is read value by value: the same numbers, ~100-150 ms for a million int64s
 * (`undefined` goes back to that).
 */
export function useArrowNumbers(reader: typeof readArrowNumbers | undefined): void {
  arrowNumbers = reader;
}

function readNumbers(column: ColumnLike, n: number, kind: 'number' | 'date'): Float64Array | ColumnTypeError {
  // A GoldTable's own columns (NaN already stands for null) are used as they are, once checked.
  if (column instanceof NumberColumn) {
    const values = column.values.length === n ? column.values : column.values.subarray(0, n);
    return nonFinite(values, true) ?? values;
  }
  // Arrow columns (apache-arrow, flechette) straight from their batches' buffers.
  const arrow = arrowNumbers?.(column, n);
  if (typeof arrow === 'number') return new ColumnTypeError(String(column.get(arrow)), arrow, true);
  if (arrow) return arrow;
  // Other columns: a null-free Float64Array is used as it is (uPlot-style: no call per value).
  const nullFree = (column as { nullCount?: number }).nullCount === 0;
  const raw = nullFree ? column.toArray() : undefined;
  // No copy: a GoldTable is only ever read, so it may share the decoder's buffer.
  if (raw instanceof Float64Array) {
    const values = raw.length === n ? raw : raw.subarray(0, n);
    return nonFinite(values) ?? values;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = column.get(i);
    if (v === null || v === undefined) {
      out[i] = NaN;
    } else if (typeof v === 'number' || typeof v === 'bigint' || (kind === 'date' && v instanceof Date)) {
      out[i] = toNumber(v);
      // Infinity, NaN, an invalid Date: a value that cannot be drawn or summed is not data.
      if (out[i]! - out[i]! !== 0) return new ColumnTypeError(v instanceof Date ? 'an invalid date' : String(out[i]), i, true);
    } else if (kind === 'date' && typeof v === 'string') {
      const ms = parseIsoDate(v);
      if (Number.isNaN(ms)) return new ColumnTypeError(`text "${v.slice(0, 40)}"`, i);
      out[i] = ms;
    } else {
      return new ColumnTypeError(describeValue(v), i);
    }
  }
  return out;
}

function readTexts(column: ColumnLike, n: number): (string | null)[] | ColumnTypeError {
  const out = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const v = column.get(i);
    if (v === null || v === undefined) out[i] = null;
    else if (typeof v === 'string') out[i] = v;
    else if (typeof v === 'number' || typeof v === 'bigint') out[i] = String(v);
    else return new ColumnTypeError(describeValue(v), i);
  }
  return out;
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return `text "${v.slice(0, 40)}"`;
  if (typeof v === 'object' && v !== null) return Array.isArray(v) ? 'a list' : v instanceof Date ? 'a date' : 'an object';
  return `${typeof v} ${String(v)}`;
}

function inferKind(column: ColumnLike, n: number): ValueKind {
  for (let i = 0; i < n; i++) {
    const v = column.get(i);
    if (v === null || v === undefined) continue;
    if (typeof v === 'string') return 'text';
    if (v instanceof Date) return 'date';
    return 'number';
  }
  return 'number';
}

function readColumn(
  name: string,
  column: ColumnLike,
  field: FieldLike | undefined,
  n: number,
  want: ValueKind | undefined,
): GoldColumn | ColumnTypeError {
  const declared = arrowKind(field?.type);
  if (declared === 'other') return new ColumnTypeError(typeName(field?.type), 0);
  const kind = want ?? declared ?? inferKind(column, n);
  // An Arrow column declared as text cannot stand for numbers; a declared number cannot be a date.
  if (declared !== undefined && want !== undefined && declared !== want) {
    const textAsDate = declared === 'text' && want === 'date';
    if (!textAsDate) return new ColumnTypeError(typeName(field?.type), 0);
  }
  if (kind === 'text') {
    const texts = readTexts(column, n);
    return texts instanceof ColumnTypeError ? texts : new TextColumn(name, texts);
  }
  const numbers = readNumbers(column, n, kind);
  return numbers instanceof ColumnTypeError ? numbers : new NumberColumn(name, kind, numbers);
}

/**
 * Columns already read, per arriving table: many elements validate the one table a shared
 * request brought (six of them read `daily_metrics` on the dashboard), and each column is read
 * once for all of them.
 */
const readColumns = new WeakMap<TableLike, Map<string, GoldColumn | ColumnTypeError>>();

function readColumnOnce(table: TableLike, name: string, dataColumn: string, field: FieldLike | undefined, want: ValueKind | undefined): GoldColumn | ColumnTypeError | undefined {
  let cache = readColumns.get(table);
  if (!cache) readColumns.set(table, (cache = new Map()));
  const key = `${name}\u0000${dataColumn}\u0000${want ?? ''}`;
  let read = cache.get(key);
  if (!read) {
    const column = table.getChild(dataColumn);
    if (!column) return undefined;
    try {
      read = readColumn(name, column, field, table.numRows, want);
    } catch (error) {
      // A table whose reading throws (a corrupt buffer, a getter that fails) cannot be shown.
      read = new ColumnTypeError(`values that cannot be read (${(error as Error)?.message ?? error})`, 0);
    }
    cache.set(key, read);
  }
  return read;
}

/** Refuses a name that is not one of the contract's datasets, with the list of those. */
export function requireDatasetName(dataset: string): asserts dataset is DatasetName {
  if (!isDatasetName(dataset)) {
    throw new GoldError('unknown-dataset', `Unknown dataset \`${dataset}\` (datasets: ${Object.keys(DATASETS).join(', ')})`, {
      dataset,
    });
  }
}

/** What a value is, for messages about input that is not a table. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object without numRows, schema.fields and getChild' : `a ${typeof value}`;
}

/**
 * Checks an arriving table against the Gold contract and returns it as a `GoldTable` whose
 * columns carry the contract's names. A missing or mistyped column is a `GoldError` naming the
 * dataset and the column; columns outside the contract are kept, typed as they arrived.
 */
export function validateTable(dataset: string, table: TableLike, options: ValidateOptions = {}): GoldTable {
  requireDatasetName(dataset);
  const spec = DATASETS[dataset];
  const label = options.label ?? dataset;
  if (!isTableLike(table)) {
    throw new GoldError('bad-data', `${label} is not a table (got ${kindOf(table)}): an adapter must return an Arrow-like table or an array of rows`, { dataset });
  }
  const fields = options.fields ?? {};
  const wanted: readonly ColumnSpec[] = options.columns
    ? options.columns.map((name) => {
        const c = columnSpec(dataset, name);
        if (!c) throw new GoldError('bad-param', `Dataset \`${dataset}\` has no column \`${name}\` in the Gold contract (columns: ${spec.columns.map((s) => s.name).join(', ')})`, { dataset, column: name });
        return c;
      })
    : spec.columns;
  const n = table.numRows;
  // No rows and no columns at all (a JSON `[]`): nothing is mistyped, the table is just empty.
  if (n === 0 && table.schema.fields.length === 0) {
    return new GoldTable(dataset, 0, wanted.map((c) => (c.type === 'text' ? new TextColumn(c.name, []) : new NumberColumn(c.name, kindOfType(c.type) as 'number' | 'date', new Float64Array(0)))));
  }
  const available = table.schema.fields.map((f) => f.name);
  const columns: GoldColumn[] = [];
  const taken = new Set<string>();

  for (const c of wanted) {
    // Only the map's own entries: `constructor` or `toString` are not mappings.
    const dataColumn = Object.hasOwn(fields, c.name) ? fields[c.name]! : c.name;
    const field = table.schema.fields.find((f) => f.name === dataColumn);
    const read = field ? readColumnOnce(table, c.name, dataColumn, field, kindOfType(c.type)) : undefined;
    if (!field || !read) {
      const mapped = dataColumn === c.name ? '' : ` (mapped from \`${c.name}\`)`;
      throw new GoldError(
        'missing-column',
        `${label} has no column \`${dataColumn}\`${mapped} (columns: ${available.join(', ') || 'none'})`,
        { dataset, column: c.name },
      );
    }
    if (read instanceof ColumnTypeError && read.nonFinite) {
      throw new GoldError('bad-data', `${label} column \`${dataColumn}\` holds ${read.found} at row ${read.row + 1}; numbers must be finite`, { dataset, column: c.name });
    }
    if (read instanceof ColumnTypeError) {
      const where = read.row > 0 || !arrowKind(field.type) ? ` at row ${read.row + 1}` : '';
      throw new GoldError(
        'mistyped-column',
        `${label} column \`${dataColumn}\` should be ${c.type} but holds ${read.found}${where}`,
        { dataset, column: c.name },
      );
    }
    columns.push(read);
    taken.add(dataColumn);
  }
  // The other columns are kept too (for tooltips, event details, CSV) and read only when first
  // asked for: an element drawing one column does not pay for twenty. A contract column is read
  // as the contract types it (a JSON `event_date` is a date whichever element asked first), any
  // other as it came.
  const extra = new Map<string, LazyColumn>();
  for (const f of table.schema.fields) {
    if (taken.has(f.name) || columns.some((c) => c.name === f.name)) continue;
    const contract = columnSpec(dataset, f.name);
    extra.set(f.name, () => {
      const read = readColumnOnce(table, f.name, f.name, f, contract && kindOfType(contract.type));
      return read instanceof ColumnTypeError ? undefined : read;
    });
  }
  return new GoldTable(dataset, n, columns, extra);
}
