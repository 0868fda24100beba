// The Arrow IPC streams every contender of the end-to-end mode fetches: n rows of `event_date`
// (timestamp[ms] as int64, or date32 days) and `revenue` (float64), the same seeded series as
// page.js, written by apache-arrow in record batches of 100,000 rows.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';

const DAY = 86_400_000;
const BATCH = 100_000;

/** `dates`: 'timestamp' (one a minute; one a day for n ≤ 1e3) or 'date32' (one a day). */
export function arrowStream(n, dates) {
  const step = dates === 'date32' || n <= 1000 ? DAY : 60_000;
  const t0 = Date.UTC(2019, 9, 1);
  const revenue = new Float64Array(n);
  const ms = new BigInt64Array(n);
  const days = new Int32Array(n);
  let seed = 42;
  for (let i = 0; i < n; i++) {
    ms[i] = BigInt(t0 + i * step);
    days[i] = (t0 + i * step) / DAY;
    seed = (seed * 1664525 + 1013904223) >>> 0;
    revenue[i] = 200_000 + 80_000 * Math.sin((i / n) * 12) + 30_000 * Math.sin(i / 7) + (seed / 2 ** 32) * 20_000;
  }
  const batches = [];
  for (let at = 0; at < n; at += BATCH) {
    const length = Math.min(BATCH, n - at);
    const date = dates === 'date32'
      ? arrow.makeData({ type: new arrow.DateDay(), length, data: days.subarray(at, at + length) })
      : arrow.makeData({ type: new arrow.TimestampMillisecond(), length, data: ms.subarray(at, at + length) });
    const value = arrow.makeData({ type: new arrow.Float64(), length, data: revenue.subarray(at, at + length) });
    batches.push(new arrow.RecordBatch({ event_date: date, revenue: value }));
  }
  return arrow.tableToIPC(new arrow.Table(batches), 'stream');
}

/** Writes dist/data/<dates>-<n>.arrow for every size and both date types; returns their byte sizes. */
export function writeStreams(dir, sizes) {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const bytes = {};
  for (const n of sizes) {
    for (const dates of ['timestamp', 'date32']) {
      const ipc = arrowStream(n, dates);
      writeFileSync(join(dir, 'data', `${dates}-${n}.arrow`), ipc);
      bytes[`${dates}-${n}`] = ipc.length;
    }
  }
  return bytes;
}
