/**
 * Arrow Int, Float, Date and Timestamp columns (apache-arrow's `Vector`, flechette's `Column`)
 * read as one Float64Array straight from their batches' value buffers: no call and no BigInt
 * per value, each batch's null bitmap read once. Reading a million int64 timestamps value by
 * value (`get`, a BigInt each) took 100-150 ms in Chromium; this takes a few.
 */
import { DAY } from '../contract/day.js';

/** What a batch of either library holds: apache-arrow's `Data`, flechette's `Batch`. */
interface BatchLike {
  readonly type?: { readonly typeId?: number; readonly unit?: number; readonly bitWidth?: number };
  readonly length: number;
  readonly values?: { readonly length: number; readonly BYTES_PER_ELEMENT?: number; readonly [i: number]: number | bigint };
  readonly nullCount: number;
  /** apache-arrow: a slice keeps the bitmap and starts at this bit (its values are cut to the slice). */
  readonly offset?: number;
  readonly nullBitmap?: Uint8Array | null;
  /** flechette's name for the null bitmap. */
  readonly validity?: Uint8Array | null;
}

// The loops over every value are functions of their own: small, they are optimised after a
// few batches, where one large function ran its loops unoptimised for longer (2-3x as slow cold).

/**
 * Int64 values as float64, times `mul`, divided by `div`: each as its two 32-bit words of one
 * Int32Array view (little-endian; the low word read unsigned, the high one signed for Int64).
 */
function int64s(words: Int32Array, signed: boolean, out: Float64Array, at: number, length: number, mul: number, div: number): void {
  if (mul !== 1 || div !== 1) {
    for (let i = 0; i < length; i++) out[at + i] = (((signed ? words[2 * i + 1]! : words[2 * i + 1]! >>> 0) * 4294967296 + (words[2 * i]! >>> 0)) * mul) / div;
  } else if (signed) {
    // Epoch milliseconds, the usual case: no scaling (a fifth faster than with it).
    for (let i = 0; i < length; i++) out[at + i] = words[2 * i + 1]! * 4294967296 + (words[2 * i]! >>> 0);
  } else {
    for (let i = 0; i < length; i++) out[at + i] = (words[2 * i + 1]! >>> 0) * 4294967296 + (words[2 * i]! >>> 0);
  }
}

/** Int32 values (date32 days) times `mul`, in one pass. */
function int32s(values: Int32Array, out: Float64Array, at: number, length: number, mul: number): void {
  for (let i = 0; i < length; i++) out[at + i] = values[i]! * mul;
}

function scale(values: Float64Array, start: number, end: number, mul: number): void {
  for (let i = start; i < end; i++) values[i]! *= mul;
}

/** Float64 values copied into `out` at `at`; returns the first index in `out` holding NaN or ±Infinity, or -1 (one pass for both). */
function copyFloats(values: Float64Array, out: Float64Array, at: number, length: number): number {
  let bad = -1;
  for (let i = 0; i < length; i++) {
    const x = values[i]!;
    out[at + i] = x;
    if (x - x !== 0 && bad < 0) bad = at + i;
  }
  return bad;
}

/** The first index in `[start, end)` holding NaN or ±Infinity, or -1. */
function nonFinite(values: Float64Array, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const x = values[i]!;
    if (x - x !== 0) return i;
  }
  return -1;
}

// What was read from a column while its stream arrived (see `keepArrowNumbers`).
const kept = new WeakMap<object, Float64Array | number>();

/**
 * Keeps what `readArrowNumbers` gives for `column`, read batch by batch by the Arrow stream
 * decoder as the batches arrived: then reading the column later costs nothing.
 */
export function keepArrowNumbers(column: object, read: Float64Array | number): void {
  kept.set(column, read);
}

/**
 * The column as float64, dates and timestamps as epoch milliseconds UTC (date32 days × DAY;
 * timestamps in s, ms, us or ns, microseconds and nanoseconds keeping their fraction), a null
 * as NaN. An int64 beyond ±2^53 becomes the nearest float64 (rounded once), not an error.
 *
 * Returns the row of a float value that is not finite (NaN or ±Infinity, which a chart cannot
 * draw) instead; undefined when the column is not made of such Arrow batches (the caller then
 * reads it value by value). One float64 batch without nulls is returned as it is, not copied.
 */
export function readArrowNumbers(column: unknown, n: number): Float64Array | number | undefined {
  const read = kept.get(column as object);
  if (read !== undefined && (typeof read === 'number' ? read < n : read.length === n)) return read;
  const batches = (column as { data?: unknown }).data;
  if (!Array.isArray(batches)) return undefined;
  let out: Float64Array | undefined;
  let at = 0;
  for (const { type, values: v, length, nullCount, offset = 0, nullBitmap, validity } of batches as BatchLike[]) {
    const id = type?.typeId;
    const unit = type?.unit ?? 1;
    // Bytes per value of the types read here (Float: single or double; Date: int32 days or int64 ms).
    const bytes = id === 2 ? type!.bitWidth! / 8 : id === 3 ? (v instanceof Float32Array ? 4 : 8) : id === 8 ? (unit ? 8 : 4) : id === 10 ? 8 : 0;
    const bits = nullCount > 0 ? (nullBitmap ?? validity) : null;
    if (!v || v.BYTES_PER_ELEMENT !== bytes || v.length < length || at + length > n || bits === undefined) return undefined;
    // Milliseconds per value: multiplied, or divided (exact for a fraction of a millisecond).
    const mul = id === 8 && !unit ? DAY : id === 10 && !unit ? 1000 : 1;
    const div = id === 10 && unit > 1 ? (unit > 2 ? 1e6 : 1e3) : 1;
    // One float64 batch without nulls is used as it is (a GoldTable is only ever read).
    const shared = batches.length === 1 && v instanceof Float64Array && !bits;
    out = shared ? v.subarray(0, n) : (out ?? new Float64Array(n));
    // The first row of this batch that may hold a float that is not finite (-1: none).
    let first = id === 3 ? at : -1;
    if (!shared) {
      if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
        int64s(new Int32Array(v.buffer, v.byteOffset, 2 * length), v instanceof BigInt64Array, out, at, length, mul, div);
      } else if (v instanceof Int32Array && mul !== 1) {
        int32s(v, out, at, length, mul);
      } else if (v instanceof Float64Array) {
        const bad = copyFloats(v, out, at, length);
        first = id === 3 ? bad : -1;
      } else {
        out.set((v as Float64Array).subarray(0, length), at); // a copy in native code, converting
        if (mul !== 1) scale(out, at, at + length, mul);
      }
    }
    const valid = (i: number) => !bits || (bits[(offset + i) >> 3]! >> ((offset + i) & 7)) & 1;
    // A float that is not finite and not a null is refused; ints and dates always are finite.
    for (let i = first >= 0 ? nonFinite(out, first, at + length) : -1; i >= 0; i = nonFinite(out, i + 1, at + length)) {
      if (valid(i - at)) return i;
    }
    if (bits) for (let i = 0; i < length; i++) if (!valid(i)) out[at + i] = NaN;
    at += length;
  }
  return at === n ? (out ?? new Float64Array(0)) : undefined;
}
