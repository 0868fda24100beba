// Writes the benchmark's Arrow IPC inputs with apache-arrow (the library the pipeline uses).
// Two 1e6-row tables shaped like the Gold contract's `daily_metrics` and `user_segments`
// (packages/core/src/contract/datasets.ts), each in IPC file and stream format, plus a
// `user_segments` variant whose `segment` column is dictionary-encoded.
// Deterministic (seeded PRNG), so every run decodes the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DateDay, Dictionary, Float64, Int32, Int64, Table, Utf8,
  makeData, makeVector, tableToIPC, vectorFromArray,
} from 'apache-arrow';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROWS = Number(process.env.ARROW_BENCH_ROWS ?? 1_000_000);
/** Rows per record batch; the default writes one batch per table. */
export const BATCH_ROWS = Number(process.env.ARROW_BENCH_BATCH_ROWS ?? ROWS);
export const DATA_DIR = join(HERE, 'data', `${ROWS}-rows-${BATCH_ROWS}-per-batch`);

const SEGMENTS = ['High-Value Loyal Customers', 'Occasional Buyers', 'Browsers / Non-Converters'];

function rng(seed) { // mulberry32
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int64Col = (n, f) => { const a = new BigInt64Array(n); for (let i = 0; i < n; i++) a[i] = BigInt(f(i)); return a; };
const f64Col = (n, f) => { const a = new Float64Array(n); for (let i = 0; i < n; i++) a[i] = f(i); return a; };

/** Slices full-length columns into record batches of BATCH_ROWS rows. */
function chunked(columns) {
  const names = Object.keys(columns);
  const batches = [];
  for (let start = 0; start < ROWS; start += BATCH_ROWS) {
    const end = Math.min(ROWS, start + BATCH_ROWS);
    batches.push(new Table(Object.fromEntries(names.map((k) => [k, columns[k].slice(start, end)]))));
  }
  return batches.length === 1 ? batches[0] : batches.slice(1).reduce((t, b) => t.concat(b), batches[0]);
}

function dailyMetrics() {
  const r = rng(1);
  const n = ROWS;
  const day0 = Date.UTC(2019, 9, 1) / 86_400_000; // REES46 starts in October 2019
  const days = new Int32Array(n);
  for (let i = 0; i < n; i++) days[i] = day0 + i;
  return chunked({
    event_date: makeVector(makeData({ type: new DateDay(), length: n, nullCount: 0, data: days })),
    revenue: makeVector(f64Col(n, () => Math.round(r() * 5e7) / 100)),
    purchases: makeVector(int64Col(n, () => Math.floor(r() * 2e4))),
    events: makeVector(int64Col(n, () => Math.floor(r() * 3e6))),
    views: makeVector(int64Col(n, () => Math.floor(r() * 2.8e6))),
    carts: makeVector(int64Col(n, () => Math.floor(r() * 1e5))),
    users: makeVector(int64Col(n, () => Math.floor(r() * 4e5))),
    buyers: makeVector(int64Col(n, () => Math.floor(r() * 1.5e4))),
  });
}

/** `segment` is nullable here (about 2% nulls) so the benchmark covers a nullable Utf8 column. */
function userSegments(dictionary) {
  const r = rng(2);
  const n = ROWS;
  const cluster = new Int32Array(n);
  const segment = new Array(n);
  for (let i = 0; i < n; i++) {
    cluster[i] = Math.floor(r() * 3);
    segment[i] = r() < 0.02 ? null : SEGMENTS[cluster[i]];
  }
  const segType = dictionary ? new Dictionary(new Utf8(), new Int32()) : new Utf8();
  return chunked({
    user_id: makeVector(int64Col(n, (i) => 500_000_000 + i * 7)),
    cluster: makeVector(cluster),
    segment: vectorFromArray(segment, segType),
    recency_days: makeVector(f64Col(n, () => Math.floor(r() * 60))),
    purchases: makeVector(int64Col(n, () => Math.floor(r() * 12))),
    spend: makeVector(f64Col(n, () => Math.round(r() * 2e5) / 100)),
    events: makeVector(int64Col(n, () => Math.floor(r() * 400))),
    sessions: makeVector(int64Col(n, () => Math.floor(r() * 40))),
    conversion_rate: makeVector(f64Col(n, () => r() * 0.2)),
  });
}

export const DATASETS = {
  daily_metrics: () => dailyMetrics(),
  user_segments: () => userSegments(false),
  user_segments_dict: () => userSegments(true),
};
export const FORMATS = ['file', 'stream'];

/** Writes every input; returns [{ name, dataset, format, bytes, batches }]. */
export function generate() {
  mkdirSync(DATA_DIR, { recursive: true });
  const out = [];
  for (const [dataset, make] of Object.entries(DATASETS)) {
    const table = make();
    for (const format of FORMATS) {
      const bytes = tableToIPC(table, format);
      const name = `${dataset}.${format}.arrow`;
      writeFileSync(join(DATA_DIR, name), bytes);
      out.push({ name, dataset, format, bytes: bytes.byteLength, batches: table.batches.length });
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table(generate());
}
