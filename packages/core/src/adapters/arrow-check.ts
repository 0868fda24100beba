/**
 * Checks the framing of Arrow IPC bytes (file or stream) before they are decoded. The decoder
 * (flechette 2.6) trusts every length, offset and count it reads and allocates from them, so a
 * few corrupt bytes could block the page for many seconds or exhaust its memory. Here each of
 * them is checked against the bytes actually received first, following the Arrow format
 * (format/Message.fbs, Schema.fbs, File.fbs): message lengths, the FlatBuffer tables and vectors
 * the decoder reads, body lengths, each buffer within its body, each node's length and null count
 * against its buffers for its type, dictionary batches and the file footer's blocks. It throws an
 * Error saying what is wrong and where; it allocates a few numbers per column and message.
 */

/** A column as far as its buffers go: type id (-1: dictionary-encoded), a width (see `schema`), children. */
interface Field {
  t: number;
  w: number;
  k: Field[];
  id?: number;
}

// The buffers of each type id, in the decoder's order: v validity, w `w` bytes a value, b a bit a
// value, o offsets (`w` bytes, one more than values), a any size, s views and variadic buffers,
// c / C / F children of any length / the parent's / `w` per value, U a union's.
const LAYOUT = ',,vw,vw,voa,voa,vb,vw,vw,vw,vw,vw,voc,vC,U,vw,vF,voc,vw,voa,voa,voc,c,vs,vs,vwwc,vwwc'.split(',');
const INT_BITS = [8, 16, 32, 64];
const BAD_TYPE = 'a column of a missing or unknown type';
const COUNTS = 'a record batch whose nodes or buffers do not match its columns';
const FOOTER = 'a malformed file footer';
const MESSAGE = 'a malformed or unsupported message';

// The region being read: one message's metadata, or the file footer (FlatBuffer offsets must stay inside).
let view: DataView;
let lo = 0;
let hi = 0;

// Where the bytes being checked start in the whole stream (a streamed message is checked on its own).
let base = 0;

const fail = (what: string, at: number): never => {
  throw new Error(`${what} (at byte ${base + at})`);
};
/** `p`, once `size` bytes from it are known to lie within the region. */
const within = (p: number, size: number): number => (p >= lo && size >= 0 && p + size <= hi ? p : fail('an offset points outside the data', p));
const i32 = (p: number) => view.getInt32(within(p, 4), true);
const i16 = (p: number) => view.getInt16(within(p, 2), true);
/** A non-negative int64 (a length, offset, count or id) that a double holds exactly. */
const u53 = (p: number): number => {
  const high = i32(p + 4);
  return high >= 0 && high < 0x200000 ? high * 2 ** 32 + view.getUint32(p, true) : fail('a negative or huge length', p);
};

/** A FlatBuffer table whose offset is at `p`: `get(slot, size)` is the position of a field, 0 when absent. */
function table(p: number): (slot: number, size: number) => number {
  const t = p + i32(p);
  const vt = t - i32(t);
  const slots = i16(vt);
  return (slot, size) => {
    const off = slot < slots ? i16(vt + slot) : 0;
    return off ? within(t + off, size) : 0;
  };
}

/** The entries of a FlatBuffer vector (or string) whose offset is at `p`, 0 when absent: [first, count]. */
function vector(p: number, stride: number): [number, number] {
  if (!p) return [0, 0];
  const base = p + i32(p);
  const n = i32(base);
  return n >= 0 && base + 4 + n * stride <= hi ? [within(base + 4, 0), n] : fail(`a count of ${n} runs past the data`, base);
}

/** Each table of a vector of tables, read by `read`. */
function tables<T>(p: number, read: (p: number) => T): T[] {
  const out: T[] = [];
  for (let [at, n] = vector(p, 4); n--; at += 4) out.push(read(at));
  return out;
}

/** Custom metadata: key-value tables of strings. */
function metadata(p: number): void {
  tables(p, (at) => {
    const kv = table(at);
    vector(kv(4, 4), 1);
    vector(kv(6, 4), 1);
  });
}

/** A schema table's columns; dictionary value types go into `dicts` by id. */
function schema(p: number, dicts: Map<number, Field>): Field[] {
  const get = table(p);
  if (get(4, 2) && i16(get(4, 2))) fail('big-endian data', p);
  metadata(get(8, 4));
  let count = 0;
  const field = (p: number, depth: number): Field => {
    // Shared FlatBuffer tables could otherwise make a small schema expand without end.
    if (depth > 32 || ++count > hi - lo) fail('columns nested too deeply', p);
    const get = table(p);
    vector(get(4, 4), 1); // name
    metadata(get(16, 4));
    const t = view.getUint8(get(8, 1) || fail(BAD_TYPE, p));
    const type = table(get(10, 4) || fail(BAD_TYPE, p));
    const k = tables(get(14, 4), (at) => field(at, depth + 1));
    const int = (slot: number, fallback: number) => (type(slot, 4) ? i32(type(slot, 4)) : fallback);
    const unit = (fallback: number) => (type(4, 2) ? i16(type(4, 2)) : fallback);
    const bytes = (bits: number, allowed: number[]) => (allowed.includes(bits) ? bits / 8 : NaN);
    vector(t === 10 ? type(6, 4) : 0, 1); // Timestamp: time zone
    vector(t === 14 ? type(6, 4) : 0, 4); // Union: type ids
    // Bytes a value (Int, FloatingPoint, Decimal, Date, Time, Interval, FixedSizeBinary), values a
    // list (FixedSizeList), union mode (1 dense), or bytes an offset (4; 8 for the Large types).
    const w =
      t === 2 ? bytes(int(4, 0), INT_BITS)
      : t === 3 ? [2, 4, 8][unit(0)]
      : t === 7 ? bytes(int(8, 128), [32, 64, 128, 256])
      : t === 8 ? [4, 8][unit(1)]
      : t === 9 ? [4, 4, 8, 8][unit(1)]
      : t === 11 ? [4, 8, 16][unit(0)]
      : t === 15 || t === 16 ? int(4, 0)
      : t === 14 ? [0, 1][unit(0)]
      : [10, 18, 19, 20, 21, 26].includes(t) ? 8
      : 4;
    if (!(t > 0 && LAYOUT[t] !== undefined && w! >= 0)) fail(BAD_TYPE, p);
    const column: Field = { t, w: w!, k };
    if (!get(12, 4)) return column;
    const dict = table(get(12, 4));
    const index = dict(6, 4) && table(dict(6, 4))(4, 4);
    const id = dict(4, 8) && u53(dict(4, 8));
    dicts.set(id, column);
    return { t: -1, w: bytes(index ? i32(index) : 32, INT_BITS) || fail(BAD_TYPE, p), k: [], id };
  };
  const fields = tables(get(6, 4), (at) => field(at, 0));
  return fields.length ? fields : fail('no columns', p);
}

interface State {
  /** Most values a column may have: 8 a byte received (a bitmap's worth). */
  cap: number;
  rows: number;
  seen: Set<number>;
  v5: boolean;
  /** The first schema's columns, and the value types of its dictionaries by id. */
  fields?: Field[];
  dicts: Map<number, Field>;
  /** Where each dictionary batch and record batch starts. */
  found: number[][];
  /** The type of the last message checked (1 schema, 2 dictionary batch, 3 record batch). */
  type: number;
}

/** Checks one record batch (or a dictionary's) at table offset `p` against `fields`; its body is `size` bytes. */
function batch(p: number, fields: Field[], size: number, state: State): number {
  const get = table(p);
  if (get(10, 4)) fail('compressed data', p);
  const length = get(4, 8) && u53(get(4, 8));
  const nodes = vector(get(6, 4), 16);
  const buffers = vector(get(8, 4), 16);
  const variadic = vector(get(12, 4), 8);
  const used = [0, 0, 0];
  /** The position of the next entry of a vector. */
  const next = ([at, n]: [number, number], i: number, stride: number) => (used[i]! < n ? at + stride * used[i]!++ : fail(COUNTS, p));
  /** The next buffer, which must lie within the body and hold `need` bytes. */
  const buffer = (need: number) => {
    const at = next(buffers, 1, 16);
    const length = u53(at + 8);
    const offset = u53(at);
    if (offset + length > size || length < need) fail(`a buffer of ${length} bytes at ${offset} of a ${size}-byte body for ${need} bytes of values`, at);
  };
  const visit = ({ t, w, k, id }: Field): number => {
    const at = next(nodes, 0, 16);
    const len = u53(at);
    // A Null column's null count is its length whatever the node says (apache-arrow writes -1 for a slice).
    const nulls = t === 1 ? 0 : u53(at + 8);
    if (len > state.cap || nulls > len) fail(`a column of ${len} values, ${nulls} null, in ${state.cap / 8} bytes`, at);
    if (t < 0 && !state.seen.has(id!)) fail(`no dictionary ${id} yet`, at);
    const children = (min: number) => k.forEach((child) => visit(child) < min && fail('a child column too short', at));
    for (const op of LAYOUT[t] ?? 'vw') {
      if (op === 'v') buffer(nulls ? Math.ceil(len / 8) : 0);
      else if (op === 'w') buffer(len * w);
      else if (op === 'b') buffer(Math.ceil(len / 8));
      else if (op === 'o') buffer(len && (len + 1) * w);
      else if (op === 'a') buffer(0);
      else if (op === 's') {
        buffer(len * 16);
        for (let n = u53(next(variadic, 2, 8)); n--; ) buffer(0);
      } else if (op === 'U') {
        if (!state.v5) buffer(0);
        buffer(len);
        if (w) buffer(len * 4);
        children(w ? 0 : len);
      } else children(op === 'C' ? len : op === 'F' ? len * w : 0);
    }
    return len;
  };
  for (const f of fields) if (visit(f) !== length) fail(`a column not ${length} rows long`, p);
  if (used[0] !== nodes[1] || used[1] !== buffers[1] || used[2] !== variadic[1]) fail(COUNTS, p);
  return length;
}

const MAGIC = [65, 82, 82, 79, 87, 49]; // "ARROW1"

/** Throws when `bytes` are not a well-formed Arrow IPC file or stream (see the module's comment). */
export function checkArrowIPC(bytes: Uint8Array): void {
  try {
    walk(bytes);
  } finally {
    view = undefined!; // the bytes of a refused file are not kept
  }
}

function walk(bytes: Uint8Array): void {
  const size = bytes.length;
  if (!size) throw new Error('it is empty (0 bytes)');
  view = new DataView(bytes.buffer, bytes.byteOffset, size);
  base = 0;
  const state = newState(size * 8);
  const isFile = size >= 12 && MAGIC.every((c, i) => bytes[i] === c);
  const listed: number[][] = [];
  let end = size;
  if (isFile) {
    if (!MAGIC.every((c, i) => bytes[size - 6 + i] === c)) fail(FOOTER, size - 6);
    [lo, hi] = [0, size];
    end = size - 10 - i32(size - 10);
    if (!(end >= 8 && end < size - 10)) fail(FOOTER, size - 10);
    [lo, hi] = [end, size - 10];
    const get = table(end);
    state.v5 = i16(get(4, 2) || fail(FOOTER, end)) >= 4;
    state.fields = schema(get(6, 4) || fail(FOOTER, end), state.dicts);
    metadata(get(12, 4));
    // Block offsets of the dictionaries and the record batches: checked against the messages below.
    for (const slot of [8, 10]) {
      const offsets: number[] = [];
      for (let [at, n] = vector(get(slot, 4), 24); n--; at += 24) offsets.push(u53(at));
      listed.push(offsets);
    }
  }
  let p = isFile ? 8 : 0;
  while (p < end) {
    const next = message(bytes, p, end, state, false);
    if (next < 0) {
      p = -next; // after the end-of-stream marker
      break;
    }
    p = next;
  }
  if (!state.fields) fail('no schema', 0);
  if (p !== end) fail('data follows the end of the stream', p);
  if (isFile && String(listed) !== String(state.found)) fail('the file footer does not list the record batches it holds', end);
}

function newState(cap: number): State {
  return { cap, rows: 0, seen: new Set(), v5: true, dicts: new Map(), found: [[], []], type: 0 };
}

/**
 * Checks the message at `p` (its length prefix and metadata, which must lie before `end`) and
 * returns where it ends, body included, or, at an end-of-stream marker, minus the position after
 * the marker. Its body must fit before `end` too, unless `streamed`: then the caller waits for
 * the body's bytes (a streamed message is checked before its body has arrived; the checks only
 * need the body's length), and a column may hold 8 values a byte up to the end of this message.
 */
function message(bytes: Uint8Array, p: number, end: number, state: State, streamed: boolean): number {
  const start = p;
  [lo, hi] = [0, end];
  let length = i32(p);
  p += 4;
  if (length === -1) {
    length = i32(p);
    p += 4;
  }
  if (!length) return -p; // end of stream
  if (length < 0 || p + length > end) fail(`a message claims ${length} bytes of metadata${length < 0 ? '' : `, more than the ${end - p} left`}`, start);
  [lo, hi] = [p, p + length];
  const get = table(p);
  const version = i16(get(4, 2) || fail(MESSAGE, p));
  if (version < 3 || version > 4) fail(MESSAGE, p);
  const type = bytes[get(6, 1) || fail(MESSAGE, p)];
  const header = get(8, 4) || fail(MESSAGE, p);
  const body = get(10, 8) && u53(get(10, 8));
  state.type = type!;
  if (streamed) state.cap = (base + hi + body) * 8;
  else if (body > end - hi) fail(`a message body of ${body} bytes, more than the ${end - hi} left`, start);
  if (type === 1) {
    // The decoder reads the first schema and ignores any later one.
    const own = schema(header, state.fields ? new Map() : state.dicts);
    if (!state.fields) [state.fields, state.v5] = [own, version >= 4];
  } else if (!state.fields) fail('no schema first', start);
  else if (type === 2) {
    const dict = table(header);
    const id = dict(4, 8) && u53(dict(4, 8));
    batch(dict(6, 4) || fail(MESSAGE, p), [state.dicts.get(id) ?? fail(`no column for dictionary ${id}`, p)], body, state);
    state.seen.add(id);
    state.found[0]!.push(base + start);
  } else if (type === 3) {
    state.rows += batch(header, state.fields, body, state);
    if (state.rows > state.cap) fail('too many rows', start);
    state.found[1]!.push(base + start);
  } else fail(MESSAGE, start);
  return hi + body;
}

/**
 * The same checks for an Arrow IPC stream read message by message as it arrives: `message` gets
 * the bytes of one message's length prefix and metadata (at least), found `at` bytes into the
 * stream, and returns its type (1 schema, 2 dictionary, 3 record batch; 0 the end-of-stream
 * marker) and where its body ends in `bytes`; `message(rest, at, true)` checks the bytes left
 * when the stream ended in a message (and throws, saying what they lack); `end()` checks that a
 * schema came.
 */
export function streamChecker(): {
  message(bytes: Uint8Array, at: number, last?: boolean): { type: number; end: number };
  end(): void;
} {
  const state = newState(0);
  const run = <T>(bytes: Uint8Array, at: number, check: () => T): T => {
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    base = at;
    try {
      return check();
    } finally {
      view = undefined!;
      base = 0;
    }
  };
  return {
    message: (bytes, at, last = false) =>
      run(bytes, at, () => {
        const end = message(bytes, 0, bytes.length, state, !last);
        return end < 0 ? { type: 0, end: -end } : { type: state.type, end };
      }),
    end: () => run(new Uint8Array(0), 0, () => void (state.fields ?? fail('no schema', 0))),
  };
}
