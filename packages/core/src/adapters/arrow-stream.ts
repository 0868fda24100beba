import { tableFromIPC, type Table } from '@uwdata/flechette';
import { keepArrowNumbers, readArrowNumbers } from '../table/arrow-numbers.js';
import type { TableLike } from '../table/table-like.js';
import { checkArrowIPC, streamChecker } from './arrow-check.js';

/** How flechette reads values: int64 and timestamps stay BigInt64Array (zero-copy), dates numbers. */
export const DECODE = { useBigInt: true, useDate: false } as const;

/** Decodes whole Arrow IPC bytes (file or stream format), once their framing is checked. */
export function decodeWhole(bytes: Uint8Array): TableLike {
  // flechette allocates from the lengths it reads: they are checked against the bytes first.
  checkArrowIPC(bytes);
  return tableFromIPC(bytes, DECODE) as unknown as TableLike;
}

const MAGIC = [65, 82, 82, 79, 87, 49]; // "ARROW1": the file format, read whole at its end (its footer comes last)
// Type ids of the columns read as numbers as their batches arrive: Int, Float, Date, Timestamp.
const NUMBERS = [2, 3, 8, 10];

const afterEnd = (at: number): never => {
  throw new Error(`data follows the end of the stream (at byte ${at})`);
};

/** One column's numbers so far: a buffer that grows, or the row of a value that is not finite; null when not read so. */
type Numbers = { values: Float64Array; bad: number } | null;

/**
 * Decodes an Arrow IPC stream while it arrives: `push` each chunk of bytes as it lands (cut
 * anywhere, even inside a message's length or metadata), then `end()` for the table.
 *
 * Each message is checked (`streamChecker`, the checks of `checkArrowIPC`) as soon as its length
 * prefix and metadata are in, before its body has arrived; once the body is in, a record batch is
 * decoded on its own and its number columns read to float64 (`readArrowNumbers`, kept for the
 * validator): after the last byte, only the table's assembly from the messages is left. Bytes in
 * the file format (their footer comes last) are kept and decoded whole at the end.
 */
export class ArrowStreamDecoder {
  /** The bytes received and not yet taken out: `buffer[start, filled)`, which grows as needed. */
  private buffer: Uint8Array;
  private start = 0;
  private filled = 0;
  /** Bytes of the stream before `buffer[start]`. */
  private offset = 0;
  /** The whole message now arriving, in bytes (its metadata already checked), or 0. */
  private size = 0;
  private type = 0;
  private file: boolean | undefined;
  private ended = false;
  private readonly check = streamChecker();
  private readonly messages: Uint8Array[] = [];
  private schema: Uint8Array | undefined;
  private readonly dictionaries: Uint8Array[] = [];
  private numbers: Numbers[] | undefined;
  private rows = 0;

  /** How many bytes the stream will probably have (an answer's Content-Length; at most 256 MB): allocated at once. */
  private readonly expected: number;

  constructor(expected = 0) {
    this.expected = expected > 0 ? Math.min(expected, 2 ** 28) : 0;
    this.buffer = new Uint8Array(this.expected || 65536);
  }

  private get pending(): number {
    return this.filled - this.start;
  }

  push(chunk: Uint8Array): void {
    if (!chunk.length) return;
    if (this.filled + chunk.length > this.buffer.length) {
      // The messages taken out keep their views of the old buffer; the bytes not yet taken move.
      const grown = new Uint8Array(Math.max(2 * this.buffer.length, 2 * (this.pending + chunk.length)));
      grown.set(this.buffer.subarray(this.start, this.filled));
      [this.buffer, this.filled, this.start] = [grown, this.pending, 0];
    }
    this.buffer.set(chunk, this.filled);
    this.filled += chunk.length;
    if (this.file === undefined && this.pending >= MAGIC.length) this.file = MAGIC.every((c, i) => this.buffer[this.start + i] === c);
    if (this.file === false) this.frame();
  }

  end(): TableLike {
    if (this.file !== false) return decodeWhole(this.take(this.pending));
    if (this.pending) {
      // The stream stopped inside a message (or sent bytes after its end): the checks say what is missing.
      if (this.ended) afterEnd(this.offset);
      const at = this.offset;
      this.check.message(this.take(this.pending), at, true);
    }
    this.check.end();
    const table = tableFromIPC(this.messages, DECODE) as unknown as Table;
    table.schema.fields.forEach((_, i) => {
      const read = this.numbers?.[i];
      if (read) keepArrowNumbers(table.getChildAt(i), read.bad >= 0 ? read.bad : read.values.subarray(0, this.rows));
    });
    return table as unknown as TableLike;
  }

  /** Takes every whole message out of the bytes received. */
  private frame(): void {
    while (!this.ended) {
      if (!this.size) {
        // A length prefix (the continuation marker -1 and a length, or a length alone), then the metadata.
        if (this.pending < 4) return;
        const first = this.int32(0);
        const prefix = first === -1 ? 8 : 4;
        if (this.pending < prefix) return;
        const length = first === -1 ? this.int32(4) : first;
        // A negative length is refused at once; a whole metadata is waited for.
        if (length > 0 && this.pending < prefix + length) return;
        const { type, end } = this.check.message(this.peek(length > 0 ? prefix + length : prefix), this.offset);
        if (!type) {
          this.ended = true;
          this.take(end);
          break;
        }
        [this.size, this.type] = [end, type];
      }
      if (this.pending < this.size) return;
      let message = this.take(this.size);
      this.size = 0;
      // Message lengths are multiples of 8 and the decoder's views of a body need their alignment: kept by a copy if need be.
      if (message.byteOffset % 8) message = message.slice();
      this.land(message);
    }
    if (this.pending) afterEnd(this.offset);
  }

  /** A whole message: kept for the table, and a record batch read now. */
  private land(message: Uint8Array): void {
    this.messages.push(message);
    if (this.type === 1) this.schema ??= message;
    else if (this.type === 2) this.dictionaries.push(message);
    else if (this.numbers?.length !== 0) {
      let batch: Table;
      try {
        batch = tableFromIPC([this.schema!, ...this.dictionaries, message], DECODE) as unknown as Table;
      } catch {
        // Left to the whole decoding at the end, which says what is wrong where the whole bytes' would.
        this.numbers = [];
        return;
      }
      const n = batch.numRows;
      // Room for as many rows as the expected bytes hold at this batch's bytes a row (grown if more come).
      const rows = Math.ceil((n * Math.max(this.expected - this.offset, 0)) / message.length) + n;
      this.numbers ??= batch.schema.fields.map((f) => (NUMBERS.includes(f.type.typeId) ? { values: new Float64Array(Math.max(rows, 1024)), bad: -1 } : null));
      this.numbers.forEach((read, i) => {
        if (!read || read.bad >= 0 || !n) return;
        const values = readArrowNumbers(batch.getChildAt(i), n);
        if (values === undefined) this.numbers![i] = null;
        else if (typeof values === 'number') read.bad = this.rows + values;
        else {
          if (read.values.length < this.rows + n) {
            const grown = new Float64Array(Math.max(2 * read.values.length, this.rows + n));
            grown.set(read.values.subarray(0, this.rows));
            read.values = grown;
          }
          read.values.set(values, this.rows);
        }
      });
      this.rows += n;
    }
  }

  private int32(at: number): number {
    const b = this.buffer;
    const p = this.start + at;
    return b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
  }

  /** The first `n` bytes received (a view). */
  private peek(n: number): Uint8Array {
    return this.buffer.subarray(this.start, this.start + n);
  }

  /** The first `n` bytes received, taken out (a view). */
  private take(n: number): Uint8Array {
    const out = this.peek(n);
    this.start += n;
    this.offset += n;
    return out;
  }
}
