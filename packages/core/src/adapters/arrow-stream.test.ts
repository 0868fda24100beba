import { expect } from '@open-wc/testing';
import * as arrow from 'apache-arrow';
import { DAY } from '../contract/day.js';
import { validateTable } from '../contract/validate.js';
import { GoldError } from '../errors.js';
import { SharedLoader } from '../request/shared-loader.js';
import { readArrowNumbers } from '../table/arrow-numbers.js';
import type { TableLike } from '../table/table-like.js';
import { createArrowAdapter, decodeArrow, readArrowBody } from './arrow.js';
import { GOLD, rejection } from '@goldboard/test-helpers';

const never = new AbortController().signal;
const TRICKLE = '/test-api/trickle?file=test/fixtures/gold';

/** An answer whose body arrives in exactly these pieces (each read on its own by the decoder), with a Content-Length if given. */
function answer(pieces: Uint8Array[], length?: number): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < pieces.length) controller.enqueue(pieces[i++]!.slice());
      else controller.close();
    },
  });
  return new Response(body, length === undefined ? {} : { headers: { 'content-length': String(length) } });
}

/** `bytes` cut at `cuts` (byte positions, ascending). */
function cutAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  return [0, ...cuts].map((from, i) => bytes.subarray(from, cuts[i] ?? bytes.length));
}

/** `bytes` in pieces of `size`. */
function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

const streamed = (parts: Uint8Array[], label = 'streamed.arrow') => readArrowBody(label, answer(parts), never);

/** Every value of every column, as the table's own `get` gives them. */
function values(table: TableLike): Record<string, unknown[]> {
  return Object.fromEntries(table.schema.fields.map((f) => [f.name, Array.from({ length: table.numRows }, (_, i) => table.getChild(f.name)!.get(i))]));
}

/** What decoding `parts` as a stream comes to: the values, or the error's message. */
async function outcome(parts: Uint8Array[]): Promise<unknown> {
  try {
    return values(await streamed(parts, 'x.arrow'));
  } catch (error) {
    return error instanceof GoldError ? error.message : `not a GoldError: ${String(error)}`;
  }
}

/** What decoding `bytes` whole comes to. */
async function wholeOutcome(bytes: Uint8Array): Promise<unknown> {
  try {
    return values(await decodeArrow(bytes, 'x.arrow'));
  } catch (error) {
    return error instanceof GoldError ? error.message : `not a GoldError: ${String(error)}`;
  }
}

// Three record batches (the last a slice) of the types a Gold file holds and some it may: int64
// timestamps, date32 days, float64 with a null, int64, text, dictionary-encoded text, a struct.
const v = (values: unknown[], type: arrow.DataType) => arrow.vectorFromArray(values as never, type);
const one = new arrow.Table({
  ts: v([new Date(0), new Date(60_000), new Date(120_000), new Date(180_000), null], new arrow.TimestampMillisecond()),
  day: v([new Date(0), new Date(DAY), new Date(2 * DAY), new Date(3 * DAY), new Date(4 * DAY)], new arrow.DateDay()),
  revenue: v([1.5, 2, null, 4, 5.25], new arrow.Float64()),
  users: v([1n, 2n, 3n, 4n, 2n ** 40n], new arrow.Int64()),
  name: v(['a', null, 'ccc', '', 'é'], new arrow.Utf8()),
  segment: v(['x', 'y', 'x', null, 'z'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32())),
  pair: v([{ a: 1, b: 'x' }, null, { a: 3, b: null }, { a: 4, b: 'y' }, { a: 5, b: 'z' }], new arrow.Struct([new arrow.Field('a', new arrow.Int32(), true), new arrow.Field('b', new arrow.Utf8(), true)])),
});
const three = one.concat(one, one.slice(1, 4));
const STREAM = arrow.tableToIPC(three, 'stream');
const NUMBER_COLUMNS = ['ts', 'day', 'revenue', 'users'];

describe('Arrow streams decoded while they arrive', () => {
  it('gives the same table whatever the pieces: one byte at a time, and pieces of 3, 7, 64 bytes', async () => {
    const expected = values(await decodeArrow(STREAM, 'whole.arrow'));
    expect(expected.ts!.length).to.equal(13);
    for (const size of [1, 3, 7, 64]) {
      expect(values(await streamed(pieces(STREAM, size))), `pieces of ${size}`).to.deep.equal(expected);
    }
  });

  it('gives the same table whether the Content-Length is right, too small (a compressed answer\'s) or too large', async () => {
    const expected = values(await decodeArrow(STREAM, 'whole.arrow'));
    for (const length of [STREAM.length, 100, 10 * STREAM.length]) {
      for (const size of [5, 1000]) {
        const table = await readArrowBody('streamed.arrow', answer(pieces(STREAM, size), length), never);
        expect(values(table), `Content-Length ${length}, pieces of ${size}`).to.deep.equal(expected);
        expect(Array.from(readArrowNumbers(table.getChild('ts'), 13) as Float64Array)).to.deep.equal(Array.from(readArrowNumbers((await decodeArrow(STREAM, 'w')).getChild('ts'), 13) as Float64Array));
      }
    }
  });

  it('gives the same table when cut in two anywhere: inside a length prefix, a message\'s metadata, a body', async function () {
    this.timeout(30_000);
    const expected = values(await decodeArrow(STREAM, 'whole.arrow'));
    const view = new DataView(STREAM.buffer, STREAM.byteOffset);
    // The first message's prefix is the continuation marker, then the metadata's length.
    expect(view.getInt32(0, true)).to.equal(-1);
    for (let cut = 1; cut < STREAM.length; cut++) {
      const table = await streamed(cutAt(STREAM, [cut]));
      // Compared in full at the awkward places (the first 64 bytes: the prefix and the schema's header), by row count elsewhere.
      if (cut < 64) expect(values(table), `cut at ${cut}`).to.deep.equal(expected);
      else expect(table.numRows, `cut at ${cut}`).to.equal(13);
    }
    // Cut inside the prefix of every message: the marker, the length, between them.
    for (let at = 0, n = 0; at < STREAM.length && n < 8; n++) {
      const length = view.getInt32(at + 4, true);
      if (!length) break;
      const body = Number(arrow.Message.decode(STREAM.subarray(at + 8, at + 8 + length)).bodyLength);
      expect(values(await streamed(cutAt(STREAM, [at + 2, at + 4, at + 6, at + 9]))), `message ${n}`).to.deep.equal(expected);
      at += 8 + length + body;
    }
  });

  it('reads the number columns as the batches arrive, to the same numbers as read from the whole table', async () => {
    const whole = await decodeArrow(STREAM, 'whole.arrow');
    const table = await streamed(pieces(STREAM, 100));
    for (const name of NUMBER_COLUMNS) {
      const read = readArrowNumbers(table.getChild(name), 13);
      expect(read, name).to.be.instanceOf(Float64Array);
      expect(Array.from(read as Float64Array), name).to.deep.equal(Array.from(readArrowNumbers(whole.getChild(name), 13) as Float64Array));
      // Read once, while the stream arrived: asking again gives the same array, not a new reading.
      expect(readArrowNumbers(table.getChild(name), 13), name).to.equal(read);
    }
    const gold = validateTable('daily_metrics', await streamed(pieces(await bytesOf(`${GOLD}/daily_metrics.stream.arrow`), 50)));
    const fromWhole = validateTable('daily_metrics', await decodeArrow(await bytesOf(`${GOLD}/daily_metrics.stream.arrow`), 'daily_metrics'));
    expect(gold.numRows).to.equal(14);
    expect(Array.from(gold.numbers('event_date'))).to.deep.equal(Array.from(fromWhole.numbers('event_date')));
    expect(Array.from(gold.numbers('revenue'))).to.deep.equal(Array.from(fromWhole.numbers('revenue')));
  });

  it('refuses a float that is not finite, naming its row, as the whole table is refused', async () => {
    const columns = Object.fromEntries(one.schema.fields.map((f) => [f.name, one.getChild(f.name as never)!]));
    const second = new arrow.Table({ ...columns, revenue: v([1, 2, Infinity, 4, 5], new arrow.Float64()) }) as unknown as typeof one;
    const bad = arrow.tableToIPC(one.concat(second), 'stream');
    const whole = await decodeArrow(bad, 'bad.arrow');
    const table = await streamed(pieces(bad, 33), 'bad.arrow');
    expect(readArrowNumbers(table.getChild('revenue'), 10)).to.equal(7);
    expect(readArrowNumbers(whole.getChild('revenue'), 10)).to.equal(7);
  });

  it('reads the file form too (decoded whole at its end)', async () => {
    const file = await bytesOf(`${GOLD}/daily_metrics.arrow`);
    expect(values(await streamed(pieces(file, 5)))).to.deep.equal(values(await decodeArrow(file, 'whole.arrow')));
  });

  it('refuses a stream cut short with the message the whole bytes get, naming the file (every cut of a Gold stream)', async function () {
    this.timeout(30_000);
    const gold = await bytesOf(`${GOLD}/kpi_summary.stream.arrow`);
    const messages = new Set<string>();
    for (let end = 0; end < gold.length; end++) {
      const cut = gold.subarray(0, end);
      const expected = await wholeOutcome(cut);
      expect(await outcome(pieces(cut, 1 + (end % 13))), `cut after ${end} bytes`).to.deep.equal(expected);
      if (typeof expected === 'string') messages.add(expected.replace(/\d+/g, 'N'));
    }
    // Cut in a prefix, in metadata, in a body: each said as such.
    expect([...messages]).to.include.members([
      'x.arrow is not an Arrow IPC file or stream: it is empty (N bytes)',
      'x.arrow is not an Arrow IPC file or stream: an offset points outside the data (at byte N)',
      'x.arrow is not an Arrow IPC file or stream: a message claims N bytes of metadata, more than the N left (at byte N)',
      'x.arrow is not an Arrow IPC file or stream: a message body of N bytes, more than the N left (at byte N)',
    ]);
    const trailing = Uint8Array.of(...gold, 1, 2, 3, 4, 5, 6, 7, 8);
    expect(await outcome(pieces(trailing, 100))).to.match(/data follows the end of the stream \(at byte 1440\)$/);
    expect(await outcome(pieces(trailing, 100))).to.deep.equal(await wholeOutcome(trailing));
  });

  it('refuses corrupt streams as the whole bytes are refused, whatever the pieces (the corrupt fixtures, and 1,000 variants)', async function () {
    this.timeout(30_000);
    for (const file of ['kpi_summary.arrow', 'daily_metrics.arrow', 'negative-length.arrow', 'zero-bytes.arrow']) {
      const bytes = await bytesOf(`/test/fixtures/corrupt/${file}`);
      const expected = await wholeOutcome(bytes);
      expect(expected, file).to.be.a('string');
      for (const size of [1, 7, 4096]) expect(await outcome(pieces(bytes, size)), `${file} in pieces of ${size}`).to.deep.equal(expected);
    }
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const sources = [STREAM, await bytesOf(`${GOLD}/daily_metrics.stream.arrow`)];
    let refused = 0;
    for (let i = 0; i < 1000; i++) {
      const bytes = sources[i % 2]!.slice();
      for (let m = 1 + Math.floor(next() * 3); m--; ) bytes[Math.floor(next() * bytes.length)] ^= 1 + Math.floor(next() * 255);
      const expected = await wholeOutcome(bytes);
      const got = await outcome(pieces(bytes, 1 + Math.floor(next() * 200)));
      // A table both ways, whose corrupt values its own reader throws on (`get`), is the same outcome.
      if (typeof expected === 'string' && !expected.startsWith('not a GoldError')) {
        refused++;
        // Refused too, though not always for the same fault first: a column may hold 8 values a
        // byte up to its batch's end while streamed, of all the bytes when whole.
        expect(got, `variant ${i}`).to.be.a('string').and.match(/^x\.arrow is not an Arrow IPC file or stream: .* \(at byte -?\d+\)$|start offset/);
      } else expect(got, `variant ${i}`).to.deep.equal(expected);
    }
    expect(refused).to.be.above(300);
  });
});

describe('Arrow streams over HTTP, arriving slowly', () => {
  it('reads a stream sent a few bytes at a time', async () => {
    const table = await createArrowAdapter({ url: `${TRICKLE}/daily_metrics.stream.arrow&bytes=37&ms=2` }).load({ dataset: 'daily_metrics' }, never);
    expect(values(table)).to.deep.equal(values(await decodeArrow(await bytesOf(`${GOLD}/daily_metrics.stream.arrow`), 'whole')));
  });

  it('refuses a stream that ends early, naming the URL and what is missing', async () => {
    const error = await rejection(createArrowAdapter({ url: `${TRICKLE}/daily_metrics.stream.arrow&bytes=400&ms=2&cut=1000` }).load({ dataset: 'daily_metrics' }, never), GoldError);
    expect(error.code).to.equal('decode');
    expect(error.url).to.contain('/test-api/trickle');
    expect(error.message).to.match(/trickle\?file=.* is not an Arrow IPC file or stream \(the server sent application\/vnd\.apache\.arrow\.stream\): a message body of \d+ bytes, more than the \d+ left \(at byte \d+\)$/);
  });

  it('stops at once when aborted mid-stream', async () => {
    const controller = new AbortController();
    // 1,840 bytes, 100 every 100 ms: about two seconds.
    const pending = createArrowAdapter({ url: `${TRICKLE}/daily_metrics.stream.arrow&bytes=100&ms=100` }).load({ dataset: 'daily_metrics' }, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const started = performance.now();
    controller.abort();
    const error = await rejection(pending, GoldError);
    expect(error.code).to.equal('aborted');
    expect(performance.now() - started).to.be.below(500);
  });

  it('a shared stream goes on for the caller left when another aborts mid-stream, and stops when none is left', async () => {
    const loader = new SharedLoader();
    const adapter = createArrowAdapter({ url: `${TRICKLE}/daily_metrics.stream.arrow&bytes=200&ms=40` });
    const first = new AbortController();
    const a = loader.load(adapter, { dataset: 'daily_metrics' }, first.signal);
    const b = loader.load(adapter, { dataset: 'daily_metrics' }, never);
    await new Promise((resolve) => setTimeout(resolve, 120));
    first.abort();
    expect((await rejection(a, GoldError)).code).to.equal('aborted');
    expect((await b).numRows).to.equal(14);

    const other = new SharedLoader();
    const c = new AbortController();
    const d = new AbortController();
    const gone = [other.load(adapter, { dataset: 'daily_metrics' }, c.signal), other.load(adapter, { dataset: 'daily_metrics' }, d.signal)];
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(other.pending).to.equal(1);
    c.abort();
    d.abort();
    for (const p of gone) expect((await rejection(p, GoldError)).code).to.equal('aborted');
    expect(other.pending).to.equal(0);
  });
});

async function bytesOf(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}
