import type { Table } from 'apache-arrow';
import type { DatasetRequest } from '../queries/params.js';

/** Where the Gold lives: answers named queries with contract-shaped Arrow tables. */
export interface GoldEngine {
  /** `duckdb` or `databricks`, for logs and /healthz. */
  readonly name: string;
  /**
   * Runs the named query of a request. Rejects with an `AbortedError` soon after `signal` aborts
   * (the engine cancels the query), or an `EngineError` with a message a person can act on.
   */
  run(request: DatasetRequest, signal: AbortSignal): Promise<Table>;
  /**
   * The Gold period (first and last event day), filling in an open end of a range;
   * undefined when the engine does not know it.
   */
  period(): { from: string; to: string } | undefined;
  /**
   * Changes whenever the Gold behind the engine may have changed (a rebuilt folder); cached
   * answers from another generation are dropped.
   */
  generation(): string;
  /** Checks the engine can answer (for /healthz). */
  check(signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}
