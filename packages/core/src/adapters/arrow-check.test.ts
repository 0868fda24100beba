import { expect } from '@open-wc/testing';
import * as arrow from 'apache-arrow';
import { createArrowAdapter, decodeArrow } from './arrow.js';
import { checkArrowIPC } from './arrow-check.js';
import { DAY } from '../contract/day.js';
import { validateTable } from '../contract/validate.js';
import { GoldError } from '../errors.js';
import { GOLD, rejection } from '@goldboard/test-helpers';

const CORRUPT = '/test/fixtures/corrupt';
const never = new AbortController().signal;

async function bytesOf(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

/** The time `decodeArrow` takes to refuse `bytes`, and the GoldError it refuses them with. */
async function refusal(bytes: Uint8Array, label: string): Promise<{ error: GoldError; ms: number }> {
  const started = performance.now();
  const error = await rejection(decodeArrow(bytes, label), GoldError);
  return { error, ms: performance.now() - started };
}

describe('corrupt Arrow inputs are errors naming the file, at once', () => {
  // The reported files: the decoder allocated from a corrupt count for 24-38 s (Node: out of memory).
  for (const [file, what] of [
    ['kpi_summary.arrow', 'stream form, uint32 0x10000000 written at byte 1116'],
    ['daily_metrics.arrow', 'stream form, byte 244 changed from 0x18 to 0x71'],
  ]) {
    it(`refuses ${file} (${what}) within milliseconds, through the Arrow adapter`, async () => {
      const url = `${CORRUPT}/${file}`;
      const error = await rejection(createArrowAdapter({ url }).load({ dataset: file.replace('.arrow', '') }, never), GoldError);
      expect(error.code).to.equal('decode');
      expect(error.message).to.match(new RegExp(`corrupt/${file} is not an Arrow IPC file or stream.*: a count of \\d+ runs past the data \\(at byte \\d+\\)$`));
      expect(error.url).to.contain(`corrupt/${file}`);
      const { error: again, ms } = await refusal(await bytesOf(url), file);
      expect(again.message).to.contain(`${file} is not an Arrow IPC file or stream`);
      expect(ms, 'decode time').to.be.below(100);
    });
  }

  it('refuses an empty file and one whose first length is 0x80000000 (both read as an empty table before)', async () => {
    const empty = await refusal(new Uint8Array(0), 'zero-bytes.arrow');
    expect(empty.error.message).to.equal('zero-bytes.arrow is not an Arrow IPC file or stream: it is empty (0 bytes)');
    const negative = await rejection(createArrowAdapter({ url: `${CORRUPT}/negative-length.arrow` }).load({ dataset: 'kpi_summary' }, never), GoldError);
    expect(negative.code).to.equal('decode');
    expect(negative.message).to.match(/negative-length\.arrow is not an Arrow IPC file or stream.*: a message claims -2147483648 bytes of metadata/);
  });

  it('refuses a file whose footer lists fewer record batches than it holds, and data after the end of a stream', async () => {
    // The footer table's field 10 is the vector of record batch blocks: set its count to 0.
    const file = await bytesOf(`${GOLD}/kpi_summary.arrow`);
    const view = new DataView(file.buffer);
    const at = (p: number) => view.getInt32(p, true);
    const footer = file.length - 10 - at(file.length - 10);
    const table = footer + at(footer);
    const blocks = table + view.getInt16(table - at(table) + 10, true);
    view.setInt32(blocks + at(blocks), 0, true);
    expect(() => checkArrowIPC(file)).to.throw(/the file footer does not list the record batches it holds/);
    const stream = await bytesOf(`${GOLD}/kpi_summary.stream.arrow`);
    const trailing = Uint8Array.of(...stream, 1, 2, 3, 4, 5, 6, 7, 8);
    expect(() => checkArrowIPC(trailing)).to.throw(/data follows the end of the stream/);
    // A stream cut just after its schema: the end-of-stream marker where the batch began.
    const cut = stream.slice();
    const schemaEnd = 8 + new DataView(cut.buffer).getInt32(4, true);
    new DataView(cut.buffer).setInt32(schemaEnd + 4, 0, true);
    expect(() => checkArrowIPC(cut)).to.throw(/data follows the end of the stream/);
  });
});

describe('well-formed Arrow inputs pass the check unchanged', () => {
  const v = (values: unknown[], type: arrow.DataType) => arrow.vectorFromArray(values as never, type);
  const item = (type: arrow.DataType) => new arrow.Field('item', type, true);
  const columns = {
    i8: v([1, -2, null, 4, 5], new arrow.Int8()),
    i16: v([1, 2, 3, null, 5], new arrow.Int16()),
    i64: v([1n, 2n, null, 4n, 5n], new arrow.Int64()),
    u32: v([1, 2, 3, 4, 5], new arrow.Uint32()),
    f32: v([1.5, 2, 3, 4, null], new arrow.Float32()),
    f64: v([1.5, 2, 3, 4, 5], new arrow.Float64()),
    bool: v([true, false, null, true, false], new arrow.Bool()),
    utf8: v(['a', null, 'ccc', '', 'é'], new arrow.Utf8()),
    large: v(['a', 'bb', null, 'd', 'e'], new arrow.LargeUtf8()),
    dict: v(['x', 'y', 'x', null, 'z'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32())),
    dict8: v(['x', 'y', 'x', 'y', 'x'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int8())),
    day: v([new Date(0), new Date(DAY), null, new Date(0), new Date(0)], new arrow.DateDay()),
    ms: v([new Date(0), new Date(1), new Date(2), null, new Date(3)], new arrow.DateMillisecond()),
    ts: v([new Date(0), new Date(1), new Date(2), new Date(3), null], new arrow.TimestampMillisecond()),
    dur: v([1n, 2n, 3n, null, 5n], new arrow.DurationMillisecond()),
    list: v([[1, 2], [], null, [3], [4, 5, 6]], new arrow.List(item(new arrow.Int32()))),
    fsl: v([[1, 2], [3, 4], null, [5, 6], [7, 8]], new arrow.FixedSizeList(2, item(new arrow.Float64()))),
    struct: v([{ a: 1, b: 'x' }, null, { a: 3, b: null }, { a: 4, b: 'y' }, { a: 5, b: 'z' }], new arrow.Struct([new arrow.Field('a', new arrow.Int32(), true), new arrow.Field('b', new arrow.Utf8(), true)])),
    fsb: v([Uint8Array.of(1, 2), Uint8Array.of(3, 4), null, Uint8Array.of(5, 6), Uint8Array.of(7, 8)], new arrow.FixedSizeBinary(2)),
    bin: v([Uint8Array.of(1), Uint8Array.of(), null, Uint8Array.of(2, 3), Uint8Array.of(4)], new arrow.Binary()),
    nul: v([null, null, null, null, null], new arrow.Null()),
  };
  const all = new arrow.Table(columns);
  const tables: Record<string, arrow.Table> = {
    'every type': all,
    'two record batches, the second a slice': all.concat(all.slice(1, 3)),
    'no rows': all.slice(0, 0),
    'a schema without record batches': new arrow.Table(all.schema),
  };

  for (const [name, table] of Object.entries(tables)) {
    for (const form of ['file', 'stream'] as const) {
      it(`${name}, ${form} form`, async () => {
        const decoded = await decodeArrow(arrow.tableToIPC(table, form), `${name}.arrow`);
        expect(decoded.numRows).to.equal(table.numRows);
        expect(decoded.schema.fields.map((f) => f.name)).to.deep.equal(Object.keys(columns));
      });
    }
  }

  it('the Gold fixtures, both forms', async () => {
    for (const file of ['kpi_summary.arrow', 'kpi_summary.stream.arrow', 'daily_metrics.arrow', 'daily_metrics.stream.arrow', 'top_products.arrow', 'segment_summary.arrow', 'empty/kpi_summary.arrow']) {
      const bytes = await bytesOf(`${GOLD}/${file}`);
      expect(() => checkArrowIPC(bytes), file).not.to.throw();
    }
  });
});

/** A deterministic PRNG (mulberry32): the same inputs on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fuzzing the Arrow decoder with corrupt files and streams', () => {
  const LIMIT_MS = 200;
  const PER_SOURCE = 1000;
  // Values that, read as a length, offset or count, ask for far more than a small file holds.
  const LARGE = [0x10000000, 0x7fffffff, 0x80000000, 0xffffffff, 0x00010000, 0x40000000, 0xfffffff8];

  /** One corrupt variant of `source`: zero-length, truncated, or 1-3 byte flips, byte or uint32/uint64 writes. */
  function mutate(source: Uint8Array, next: () => number): Uint8Array {
    const int = (n: number) => Math.floor(next() * n);
    const kind = int(10);
    if (kind === 0) return new Uint8Array(0);
    if (kind === 1) return source.slice(0, int(source.length));
    if (kind === 2) return Uint8Array.of(...source, ...Array.from({ length: 1 + int(16) }, () => int(256)));
    const bytes = source.slice();
    const view = new DataView(bytes.buffer);
    for (let m = 1 + int(3); m--; ) {
      const at = int(bytes.length);
      const what = int(4);
      const aligned = at - (at % 4);
      if (what === 0) bytes[at] ^= 1 + int(255);
      else if (what === 1) bytes[at] = int(256);
      else if (what === 2 && aligned + 4 <= bytes.length) view.setUint32(int(2) ? aligned : Math.min(at, bytes.length - 4), next() < 0.6 ? LARGE[int(LARGE.length)]! : int(2 ** 32), true);
      else if (aligned + 8 <= bytes.length) view.setBigUint64(aligned, BigInt(int(2 ** 32)) << BigInt(int(33)), true);
    }
    return bytes;
  }

  it(`decodes and validates ${PER_SOURCE} corrupt variants of each Gold file in both forms: a GoldError or a valid table, each in under ${LIMIT_MS} ms`, async function () {
    this.timeout(60_000);
    const sources: { dataset: string; label: string; bytes: Uint8Array; rows: number }[] = [];
    for (const [dataset, file] of [
      ['kpi_summary', 'kpi_summary'],
      ['daily_metrics', 'daily_metrics'],
      ['top_products', 'top_products'],
      ['segment_summary', 'segment_summary'],
    ]) {
      const fileForm = await bytesOf(`${GOLD}/${file}.arrow`);
      const table = arrow.tableFromIPC(fileForm);
      for (const form of ['file', 'stream'] as const) {
        sources.push({ dataset, label: `${file}.${form}.arrow`, bytes: form === 'file' ? fileForm : arrow.tableToIPC(table, 'stream'), rows: table.numRows });
      }
    }
    const next = random(20261202);
    const outcomes: Record<string, number> = {};
    const problems: string[] = [];
    const started = performance.now();

    /** What becomes of one input: `valid`, `error:<code>`, or a problem. */
    async function run(input: Uint8Array, source: (typeof sources)[number]): Promise<{ outcome: string; ms: number }> {
      const t0 = performance.now();
      let outcome: string;
      try {
        const table = validateTable(source.dataset, await decodeArrow(input, source.label), { label: source.label });
        for (const name of table.columnNames) table.getChild(name); // the lazily read columns too
        outcome = table.numRows === source.rows ? 'valid' : `problem: ${table.numRows} rows instead of ${source.rows}`;
      } catch (error) {
        outcome = !(error instanceof GoldError)
          ? `problem: ${String(error)}`
          : !error.message.includes(source.label)
            ? `problem: the message does not name the file: ${error.message}`
            : `error:${error.code}`;
      }
      return { outcome, ms: performance.now() - t0 };
    }

    for (let i = 0; i < PER_SOURCE * sources.length; i++) {
      const source = sources[i % sources.length]!;
      const input = mutate(source.bytes, next);
      let { outcome, ms } = await run(input, source);
      // A pause of the machine (garbage collection, another process) is not the input's doing:
      // an input over the limit is timed once more, and only one slow both times counts.
      if (ms > LIMIT_MS) ms = Math.min(ms, (await run(input, source)).ms);
      if (ms > LIMIT_MS) problems.push(`#${i} ${source.label}: ${ms.toFixed(0)} ms (${outcome})`);
      if (outcome.startsWith('problem')) problems.push(`#${i} ${source.label}: ${outcome}`);
      const key = outcome.startsWith('problem') ? 'problem' : outcome;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`Arrow fuzz: ${PER_SOURCE * sources.length} inputs in ${seconds.toFixed(1)} s: ${JSON.stringify(outcomes)}`);
    expect(problems.slice(0, 20)).to.deep.equal([]);
    // The corruption reached the checks, not only the values: most inputs are decode errors.
    expect(outcomes['error:decode']).to.be.above(PER_SOURCE * sources.length * 0.5);
  });
});
