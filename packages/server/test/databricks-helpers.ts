/** What the Databricks tests share: answers in the contract's shape, a log that keeps entries, reading a failure. */
import assert from 'node:assert/strict';
import type { Table } from 'apache-arrow';
import type { DatabricksConfig } from '../src/engines/databricks/config.js';
import { EngineError, type LogEntry, type Logger, tableFromColumns } from '../src/index.js';
import { type DatabricksStandIn, TOKEN, WAREHOUSE } from './databricks-standin.js';

/** Settings for a stand-in: its loopback address, and pauses short enough for tests. */
export const standInConfig = (standIn: DatabricksStandIn, extra: Partial<DatabricksConfig> = {}): DatabricksConfig => ({
  host: standIn.base,
  warehouseId: WAREHOUSE,
  token: TOKEN,
  allowLoopbackHttp: true,
  pollInitialMs: 5,
  pollMaxMs: 20,
  retryBaseMs: 5,
  retries: 3,
  stateTtlMs: 20,
  startPollMs: 20,
  ...extra,
});

export const kpi = tableFromColumns('kpi_summary', [[1234.5], [10n], [500n], [400n], [60n], [80n], [9n], [9 / 80], [123.45], [18201], [18230]]);

export const segmentsTable = (n: number): Table =>
  tableFromColumns('user_segments', [
    Array.from({ length: n }, (_, i) => BigInt(500_000_000 + i)),
    Array.from({ length: n }, (_, i) => i % 3),
    Array.from({ length: n }, (_, i) => ['High-Value Loyal Customers', 'Occasional Buyers', 'Browsers / Non-Converters'][i % 3]!),
    Array.from({ length: n }, (_, i) => i / 7),
    Array.from({ length: n }, (_, i) => BigInt(i % 5)),
    Array.from({ length: n }, (_, i) => (i % 5) * 19.99),
    Array.from({ length: n }, (_, i) => BigInt(i % 40)),
    Array.from({ length: n }, (_, i) => BigInt(i % 7)),
    Array.from({ length: n }, (_, i) => (i % 5) / 10),
  ]);

/** A logger keeping its entries. */
export function keptLog(): { log: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return { log: (entry) => entries.push(entry), entries };
}

/**
 * The failure of a run: the error a client sees (generic, with a request id) and the log entry
 * under that id (with the details).
 */
export async function failure(promise: Promise<unknown>, entries: readonly LogEntry[]): Promise<{ error: EngineError; entry: LogEntry }> {
  const error = await promise.then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof EngineError, `an EngineError, got ${String(error)}`);
  const id = /request id ([0-9a-f]{12})/.exec(error.message)?.[1];
  assert.ok(id, `a request id in "${error.message}"`);
  const entry = entries.find((e) => e.requestId === id);
  assert.ok(entry, `a log entry for request ${id}`);
  return { error, entry };
}
