/** Shared helpers of the server tests: a small Gold folder, a running server, reading answers. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DAY } from '@goldboard/core';
import { buildGold, generateEvents } from '@goldboard/pipeline';
import { type Table, tableFromIPC } from 'apache-arrow';
import { type GoldEngine, type GoldServerOptions, createGoldServer, silentLogger } from '../src/index.js';

export type Row = Record<string, unknown>;

const servers: Array<{ close(): Promise<void> }> = [];

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `goldboard-server-${label}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Closes every server `startServer` started (call from a suite's `after`). */
export async function closeServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => s.close()));
}

/** Resolves once `condition` holds, polling every 5 ms; throws after `ms` (naming `what`). */
export async function until(condition: () => boolean, ms = 2000, what = 'a condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Builds a small Gold folder (generated events, the pipeline's build) and returns its path. */
export async function smallGold(label: string, events = 30_000): Promise<string> {
  const dir = tempDir(label);
  await generateEvents({ out: join(dir, 'raw'), events, seed: 7 });
  await buildGold({ events: join(dir, 'raw'), out: join(dir, 'gold'), progress: false });
  return join(dir, 'gold');
}

/** Starts a server on 127.0.0.1 with a free port; `closeServers` closes it. */
export async function startServer(engine: GoldEngine, options: Partial<GoldServerOptions> = {}): Promise<string> {
  const server = createGoldServer({ engine, log: silentLogger, ...options });
  const address = await server.listen(0, '127.0.0.1');
  servers.push(server);
  return `http://127.0.0.1:${address.port}`;
}

/** Rows of an Arrow table: bigints as numbers, dates (DateDay) as `YYYY-MM-DD`. */
export function rowsOf(table: Table): Row[] {
  const dates = new Set(table.schema.fields.filter((f) => String(f.type) === 'Date32<DAY>' || f.type.typeId === 8).map((f) => f.name));
  return table.toArray().map((row) =>
    Object.fromEntries(
      Object.entries(row.toJSON()).map(([k, v]) => {
        if (typeof v === 'bigint') return [k, Number(v)];
        if (dates.has(k) && v !== null) return [k, new Date(v instanceof Date ? v.getTime() : Math.round(Number(v) / DAY) * DAY).toISOString().slice(0, 10)];
        return [k, v];
      }),
    ),
  );
}

export async function fetchArrow(url: string, init: RequestInit = {}): Promise<{ response: Response; rows: Row[] }> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return { response, rows: rowsOf(tableFromIPC(new Uint8Array(await response.arrayBuffer()))) };
}

/** Deep equality with floats compared to a relative 1e-9 (sums in another order differ in the last bits). */
export function assertRowsClose(actual: Row[], expected: Row[], label: string): void {
  if (actual.length !== expected.length) throw new Error(`${label}: ${actual.length} rows, expected ${expected.length}`);
  actual.forEach((row, r) => {
    const keys = Object.keys(expected[r]!);
    if (Object.keys(row).join() !== keys.join()) throw new Error(`${label} row ${r}: columns ${Object.keys(row)} vs ${keys}`);
    for (const key of keys) {
      const a = row[key];
      const e = expected[r]![key];
      if (e === undefined) continue; // the reference leaves open what it cannot decide
      const same = typeof a === 'number' && typeof e === 'number' ? Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e)) : a === e;
      if (!same) throw new Error(`${label} row ${r} ${key}: ${String(a)} vs expected ${String(e)}`);
    }
  });
}

export interface EventRow {
  day: string;
  type: string;
  product: number;
  category: string | null;
  brand: string | null;
  price: number;
  user: number;
}

/** The Silver events of a Gold folder as plain rows, for computing answers independently in JS. */
export async function readEvents(gold: string): Promise<{ events: EventRow[]; segments: Map<number, { segment: string; cluster: number }> }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const events = (
    await connection.runAndReadAll(
      `SELECT strftime(event_time, '%Y-%m-%d') AS day, event_type AS type, CAST(product_id AS DOUBLE) AS product, category_code AS category,
              brand, price, CAST(user_id AS DOUBLE) AS user FROM read_parquet('${join(gold, 'silver', 'events', '*', '*.parquet')}')`,
    )
  ).getRowObjectsJS() as unknown as EventRow[];
  const segmentRows = (
    await connection.runAndReadAll(`SELECT CAST(user_id AS DOUBLE) AS user, segment, cluster FROM read_parquet('${join(gold, 'user_segments.parquet')}')`)
  ).getRowObjectsJS() as Array<{ user: number; segment: string; cluster: number }>;
  connection.closeSync();
  instance.closeSync();
  return { events, segments: new Map(segmentRows.map((s) => [s.user, { segment: s.segment, cluster: s.cluster }])) };
}
