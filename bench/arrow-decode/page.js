// Runs in Chromium. Exposes `window.arrowBench`; run.mjs drives it through Playwright.
// Every timed case goes from the ArrayBuffer to a table and then reads every column fully
// into a typed array or a plain array (strings materialised as JS strings).
import * as arrow from 'apache-arrow';
import * as fl from '@uwdata/flechette';

const DAY_MS = 86_400_000;

/** apache-arrow as it comes: Int64 -> BigInt64Array, DateDay -> Array<number> (epoch ms). */
function arrowNative(bytes) {
  const table = arrow.tableFromIPC(bytes);
  const decoded = performance.now();
  const out = {};
  for (const f of table.schema.fields) out[f.name] = table.getChild(f.name).toArray();
  return { decoded, out };
}

/**
 * BigInt64Array -> Float64Array, what an adapter does for int64 counts. Reads the two 32-bit
 * halves (little-endian, as Arrow IPC is here) as hi * 2^32 + lo: the same double as
 * Number(bigint) for every int64 (one rounding), but without making a BigInt per value, so
 * about 6x faster than a Number(v[i]) loop.
 */
function int64ToNumbers(src) {
  const lo = new Uint32Array(src.buffer, src.byteOffset, src.length * 2);
  const hi = new Int32Array(src.buffer, src.byteOffset, src.length * 2);
  const a = new Float64Array(src.length);
  for (let i = 0, j = 0; i < src.length; i++, j += 2) a[i] = hi[j + 1] * 4294967296 + lo[j];
  return a;
}

/**
 * apache-arrow plus the conversion a Goldboard adapter would do to get numbers:
 * Int64 -> Float64Array of numbers, DateDay -> Float64Array of epoch ms, the rest toArray().
 * (IPC-decoded data has offset 0, and these datasets have no null numbers.)
 */
function arrowAsNumbers(bytes) {
  const table = arrow.tableFromIPC(bytes);
  const decoded = performance.now();
  const out = {};
  for (const f of table.schema.fields) {
    const col = table.getChild(f.name);
    const { type } = f;
    if (type.typeId === arrow.Type.Int && type.bitWidth === 64) {
      out[f.name] = int64ToNumbers(col.toArray());
    } else if (type.typeId === arrow.Type.Date && type.unit === arrow.DateUnit.DAY) {
      const a = new Float64Array(col.length);
      let o = 0;
      for (const d of col.data) {
        const days = d.values; // Int32Array of epoch days
        for (let i = 0; i < d.length; i++) a[o++] = days[i] * DAY_MS;
      }
      out[f.name] = a;
    } else {
      out[f.name] = col.toArray();
    }
  }
  return { decoded, out };
}

const flechette = (options) => (bytes) => {
  const table = fl.tableFromIPC(bytes, options);
  const decoded = performance.now();
  const out = {};
  for (const f of table.schema.fields) out[f.name] = table.getChild(f.name).toArray();
  return { decoded, out };
};

/** flechette with useBigInt, then the same int64 -> number loop as arrowAsNumbers. */
function flechetteAsNumbers(bytes) {
  const table = fl.tableFromIPC(bytes, { useBigInt: true });
  const decoded = performance.now();
  const out = {};
  for (const f of table.schema.fields) {
    const a = table.getChild(f.name).toArray();
    out[f.name] = a instanceof BigInt64Array ? int64ToNumbers(a) : a;
  }
  return { decoded, out };
}

export const CASES = {
  'apache-arrow': arrowNative,
  'apache-arrow→numbers': arrowAsNumbers,
  'flechette': flechette(undefined), // Int64 -> Float64Array, DateDay -> Float64Array (ms)
  'flechette useBigInt': flechette({ useBigInt: true }), // Int64 -> BigInt64Array (zero-copy)
  'flechette useBigInt→numbers': flechetteAsNumbers,
};

let buffer = null;

const plain = (v) => (typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.getTime() : v);

/** A small, comparable fingerprint of the decoded columns (checked across cases). */
function fingerprint(out) {
  const cols = {};
  for (const [name, a] of Object.entries(out)) {
    let nulls = 0;
    if (Array.isArray(a)) for (let i = 0; i < a.length; i++) if (a[i] === null) nulls++;
    const n = a.length;
    cols[name] = {
      array: a.constructor.name,
      element: n ? (a[0] === null ? 'null' : a[0] instanceof Date ? 'Date' : typeof a[0]) : 'none',
      length: n,
      nulls,
      sample: [0, 120, n >> 1, n - 1].map((i) => plain(a[i])),
    };
  }
  return cols;
}

window.arrowBench = {
  cases: Object.keys(CASES),
  userAgent: navigator.userAgent,
  hardwareConcurrency: navigator.hardwareConcurrency,
  async load(url) {
    buffer = null;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    buffer = await res.arrayBuffer();
    return buffer.byteLength;
  },
  /** One timed run; returns milliseconds for decode only and for decode + read. */
  run(name) {
    globalThis.gc?.();
    const t0 = performance.now();
    const { decoded, out } = CASES[name](new Uint8Array(buffer));
    const t1 = performance.now();
    // Touch the output so nothing above can be skipped.
    let n = 0;
    for (const k in out) n += out[k].length;
    return { decodeMs: decoded - t0, totalMs: t1 - t0, values: n };
  },
  check(name) {
    return fingerprint(CASES[name](new Uint8Array(buffer)).out);
  },
  /** How each library types a column with nulls, read back with toArray(). */
  nullProbe() {
    const t = arrow.tableFromArrays({
      f: arrow.vectorFromArray([1.5, null, 3], new arrow.Float64()),
      i: arrow.vectorFromArray([1n, null, 3n], new arrow.Int64()),
    });
    const bytes = arrow.tableToIPC(t, 'stream');
    const a = arrow.tableFromIPC(bytes);
    const f = fl.tableFromIPC(bytes);
    const show = (x) => ({ array: x.constructor.name, values: Array.from(x, (v) => (v === null ? null : String(v))) });
    // An int64 beyond 2^53 (ids can be): how each default read treats it.
    const big = arrow.tableToIPC(arrow.tableFromArrays({ id: arrow.vectorFromArray([2n ** 53n + 1n], new arrow.Int64()) }), 'stream');
    const attempt = (fn) => { try { return String(fn()); } catch (e) { return `throws: ${e.message}`; } };
    const unsafeInt64 = {
      'apache-arrow get': attempt(() => arrow.tableFromIPC(big).getChild('id').get(0)),
      'flechette default toArray': attempt(() => fl.tableFromIPC(big).getChild('id').toArray()[0]),
      'flechette useBigInt toArray': attempt(() => fl.tableFromIPC(big, { useBigInt: true }).getChild('id').toArray()[0]),
    };
    const dayBytes = arrow.tableToIPC(arrow.tableFromArrays({ d: arrow.vectorFromArray([new Date(86_400_000)], new arrow.DateDay()) }), 'stream');
    const describe = (x) => (x instanceof Date ? `Date ${x.toISOString()}` : `${typeof x} ${x}`);
    const dates = {
      'apache-arrow get': describe(arrow.tableFromIPC(dayBytes).getChild('d').get(0)),
      'apache-arrow toArray': arrow.tableFromIPC(dayBytes).getChild('d').toArray().constructor.name,
      'flechette default at': describe(fl.tableFromIPC(dayBytes).getChild('d').at(0)),
      'flechette default toArray': fl.tableFromIPC(dayBytes).getChild('d').toArray().constructor.name,
      'flechette useDate at': describe(fl.tableFromIPC(dayBytes, { useDate: true }).getChild('d').at(0)),
      'flechette useDate toArray': fl.tableFromIPC(dayBytes, { useDate: true }).getChild('d').toArray().constructor.name,
    };
    return {
      unsafeInt64,
      dates,
      'apache-arrow': { f: show(a.getChild('f').toArray()), i: show(a.getChild('i').toArray()), validAt1: a.getChild('f').isValid(1), getAt1: a.getChild('f').get(1) },
      'flechette': { f: show(f.getChild('f').toArray()), i: show(f.getChild('i').toArray()), getAt1: f.getChild('f').at(1) },
    };
  },
};
