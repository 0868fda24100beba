import { expect } from '@open-wc/testing';
import * as arrow from 'apache-arrow';
import { decodeArrowIPC } from '../adapters/arrow-decode.js';
import { DAY } from '../contract/day.js';
import { useArrowNumbers, validateTable } from '../contract/validate.js';
import { readArrowNumbers } from './arrow-numbers.js';

/** One apache-arrow batch of `type` over `values`, with nulls where `valid` says 0. */
function batch<T extends arrow.DataType>(type: T, values: ArrayLike<unknown>, valid?: readonly number[]): arrow.Data<T> {
  let nullBitmap: Uint8Array | undefined;
  if (valid) {
    nullBitmap = new Uint8Array(Math.ceil(valid.length / 8));
    valid.forEach((v, i) => (nullBitmap![i >> 3]! |= v << (i & 7)));
  }
  const nullCount = valid ? valid.filter((v) => !v).length : 0;
  return arrow.makeData({ type, length: values.length, nullCount, nullBitmap, data: values } as never) as arrow.Data<T>;
}

/** The same column as apache-arrow holds it and as flechette decodes it from an IPC stream (one record batch per `Data`). */
function both(...data: arrow.Data[]): [string, unknown][] {
  const vector = arrow.makeVector(data);
  const batches = data.map((d) => new arrow.RecordBatch({ x: d }));
  const decoded = decodeArrowIPC(arrow.tableToIPC(new arrow.Table(batches), 'stream'));
  return [
    ['apache-arrow', vector],
    ['flechette', decoded.getChild('x')],
  ];
}

/** Float64Array -> plain numbers, NaN kept as NaN (deep equal treats NaN as equal to NaN). */
const plain = (values: unknown) => Array.from(values as Float64Array);

describe('readArrowNumbers', () => {
  it('reads timestamps in s, ms, us and ns as epoch ms, before and after 1970', () => {
    const s = [1_570_000_000n, -86_400n];
    const ms = [1_570_000_000_123n, -1n];
    const us = [1_570_000_000_123_456n, -1_500n];
    const ns = [1_570_000_000_123_456_789n, -2_500_000n];
    const cases: [arrow.DataType, bigint[], number[]][] = [
      [new arrow.TimestampSecond(), s, [1_570_000_000_000, -DAY]],
      [new arrow.TimestampMillisecond(), ms, [1_570_000_000_123, -1]],
      [new arrow.TimestampMicrosecond(), us, [1_570_000_000_123.456, -1.5]],
      // A nanosecond int64 beyond 2^53 is rounded once to float64, then divided.
      [new arrow.TimestampNanosecond(), ns, [Number(ns[0]!) / 1e6, -2.5]],
    ];
    for (const [type, values, expected] of cases) {
      for (const [lib, column] of both(batch(type, BigInt64Array.from(values)))) {
        expect(plain(readArrowNumbers(column, 2)), `${type} from ${lib}`).to.deep.equal(expected);
      }
    }
  });

  it('reads date32 days and date64 milliseconds as epoch ms, nulls as NaN', () => {
    const days = batch(new arrow.DateDay(), Int32Array.from([0, 18_170, 7, -1]), [1, 1, 0, 1]);
    for (const [lib, column] of both(days)) {
      expect(plain(readArrowNumbers(column, 4)), lib).to.deep.equal([0, 18_170 * DAY, NaN, -DAY]);
    }
    const ms = batch(new arrow.DateMillisecond(), BigInt64Array.from([1_569_888_000_000n, 5n]), [0, 1]);
    for (const [lib, column] of both(ms)) {
      expect(plain(readArrowNumbers(column, 2)), lib).to.deep.equal([NaN, 5]);
    }
  });

  it('reads int64 beyond 2^53 as the nearest float64, not an error; uint64 unsigned', () => {
    const big = batch(new arrow.Int64(), BigInt64Array.from([2n ** 53n + 1n, -(2n ** 63n), -3n, 2n ** 62n + 2n ** 10n + 1n]));
    for (const [lib, column] of both(big)) {
      // 2^53 + 1 lies halfway between 2^53 and 2^53 + 2: rounded to the even one.
      expect(plain(readArrowNumbers(column, 4)), lib).to.deep.equal([2 ** 53, -(2 ** 63), -3, 2 ** 62 + 2 ** 10]);
    }
    const unsigned = batch(new arrow.Uint64(), BigUint64Array.from([2n ** 64n - 1n, 2n ** 32n, 7n]));
    for (const [lib, column] of both(unsigned)) {
      expect(plain(readArrowNumbers(column, 3)), lib).to.deep.equal([2 ** 64, 2 ** 32, 7]);
    }
  });

  it('reads narrow ints and float32 with their nulls', () => {
    const cases: [arrow.DataType, ArrayLike<number>, number[]][] = [
      [new arrow.Int8(), Int8Array.from([-128, 5, 9]), [-128, NaN, 9]],
      [new arrow.Uint16(), Uint16Array.from([65_535, 5, 9]), [65_535, NaN, 9]],
      [new arrow.Int32(), Int32Array.from([-(2 ** 31), 5, 9]), [-(2 ** 31), NaN, 9]],
      [new arrow.Uint32(), Uint32Array.from([2 ** 32 - 1, 5, 9]), [2 ** 32 - 1, NaN, 9]],
      [new arrow.Float32(), Float32Array.from([0.5, 5, -2.25]), [0.5, NaN, -2.25]],
    ];
    for (const [type, values, expected] of cases) {
      for (const [lib, column] of both(batch(type, values, [1, 0, 1]))) {
        expect(plain(readArrowNumbers(column, 3)), `${type} from ${lib}`).to.deep.equal(expected);
      }
    }
  });

  it('reads a column of several batches, each with its own null bitmap', () => {
    const a = batch(new arrow.TimestampMillisecond(), BigInt64Array.from([1n, 2n, 3n]));
    const b = batch(new arrow.TimestampMillisecond(), BigInt64Array.from([4n, 5n, 6n, 7n, 8n, 9n, 10n, 11n, 12n]), [1, 1, 1, 1, 1, 1, 1, 1, 0]);
    const c = batch(new arrow.TimestampMillisecond(), BigInt64Array.from([13n, 14n]), [0, 1]);
    for (const [lib, column] of both(a, b, c)) {
      expect(plain(readArrowNumbers(column, 14)), lib).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, NaN, NaN, 14]);
    }
    const f = [batch(new arrow.Float64(), Float64Array.from([1.5, 2.5])), batch(new arrow.Float64(), Float64Array.from([3.5, 4.5]), [0, 1])];
    for (const [lib, column] of both(...f)) {
      expect(plain(readArrowNumbers(column, 4)), lib).to.deep.equal([1.5, 2.5, NaN, 4.5]);
    }
  });

  it('reads an apache-arrow slice: its values cut, its null bitmap from the slice offset', () => {
    const whole = arrow.makeVector(batch(new arrow.Float64(), Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), [1, 1, 1, 1, 1, 1, 1, 1, 1, 0]));
    const slice = whole.slice(7, 10);
    expect(slice.data[0]!.offset).to.equal(7);
    expect(plain(readArrowNumbers(slice, 3))).to.deep.equal([7, 8, NaN]);
  });

  it('uses one float64 batch without nulls as it is, and copies one with nulls (never writing into it)', () => {
    const data = batch(new arrow.Float64(), Float64Array.from([1, 2, 3]));
    const read = readArrowNumbers(arrow.makeVector(data), 3) as Float64Array;
    expect(read.buffer).to.equal(data.values.buffer);
    const withNull = batch(new arrow.Float64(), Float64Array.from([1, 2, 3]), [1, 0, 1]);
    const copy = readArrowNumbers(arrow.makeVector(withNull), 3) as Float64Array;
    expect(copy.buffer).not.to.equal(withNull.values.buffer);
    expect(plain(withNull.values)).to.deep.equal([1, 2, 3]);
  });

  it('returns the row of a float that is not finite, but not of a null', () => {
    for (const [lib, column] of both(batch(new arrow.Float64(), Float64Array.from([1, NaN, 2, NaN]), [1, 0, 1, 1]))) {
      expect(readArrowNumbers(column, 4), lib).to.equal(3);
    }
    // Float64 batches copied one after another: the row counts from the column's start.
    for (const [lib, column] of both(batch(new arrow.Float64(), Float64Array.from([1, 2])), batch(new arrow.Float64(), Float64Array.from([NaN, 5, Infinity]), [0, 1, 1]))) {
      expect(readArrowNumbers(column, 5), lib).to.equal(4);
    }
    for (const [lib, column] of both(batch(new arrow.Float32(), Float32Array.from([1, 2]), [1, 1]), batch(new arrow.Float32(), Float32Array.from([-Infinity]), [1]))) {
      expect(readArrowNumbers(column, 3), lib).to.equal(2);
    }
  });

  it('leaves other columns to be read value by value (undefined)', () => {
    const half = batch(new arrow.Float16(), Uint16Array.from([0x3c00]));
    const text = arrow.vectorFromArray(['a'], new arrow.Utf8());
    const dictionary = arrow.vectorFromArray(['a', 'b'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()));
    const decimal = arrow.makeVector(arrow.makeData({ type: new arrow.Decimal(2, 10, 128), length: 1, data: new Uint32Array(4) } as never));
    for (const column of [arrow.makeVector(half), text, dictionary, decimal, { get: () => 1, length: 1 }, null]) {
      expect(readArrowNumbers(column ?? {}, 1)).to.equal(undefined);
    }
    // Rows that do not add up to the table's.
    expect(readArrowNumbers(arrow.makeVector(batch(new arrow.Int32(), Int32Array.from([1, 2]))), 3)).to.equal(undefined);
  });

  it('is what the validator reads once registered: the same numbers as value by value, from both libraries', () => {
    const t = new arrow.Table({
      event_date: arrow.makeVector(batch(new arrow.TimestampMillisecond(), BigInt64Array.from([1_569_888_000_000n, 1_569_974_400_000n, 1_570_060_800_000n]))),
      revenue: arrow.makeVector(batch(new arrow.Float64(), Float64Array.from([10.5, 0, 7]), [1, 0, 1])),
      purchases: arrow.makeVector(batch(new arrow.Int64(), BigInt64Array.from([3n, 4n, 5n]))),
    });
    const flechette = decodeArrowIPC(arrow.tableToIPC(t, 'stream'));
    const columns = ['event_date', 'revenue', 'purchases'];
    const read = (table: typeof t | typeof flechette) => {
      const gold = validateTable('daily_metrics', table as never, { columns });
      return columns.map((c) => plain(gold.numbers(c)));
    };
    const expected = [[1_569_888_000_000, 1_569_974_400_000, 1_570_060_800_000], [10.5, NaN, 7], [3, 4, 5]];
    try {
      useArrowNumbers(undefined);
      expect(read(t)).to.deep.equal(expected);
      useArrowNumbers(readArrowNumbers);
      // Fresh tables: the validator keeps what it read per table.
      expect(read(new arrow.Table(t.batches))).to.deep.equal(expected);
      expect(read(flechette)).to.deep.equal(expected);
    } finally {
      useArrowNumbers(undefined);
    }
  });

  it('makes the validator name the row of a non-finite float', () => {
    const t = new arrow.Table({ revenue: arrow.makeVector(batch(new arrow.Float64(), Float64Array.from([1, Infinity]))) });
    useArrowNumbers(readArrowNumbers);
    try {
      expect(() => validateTable('kpi_summary', t, { columns: ['revenue'] })).to.throw('column `revenue` holds Infinity at row 2; numbers must be finite');
    } finally {
      useArrowNumbers(undefined);
    }
  });
});
