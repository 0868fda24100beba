/**
 * The warehouse session a build runs through (`goldboard build --engine databricks`): one
 * statement at a time on the Statement Execution API with the server's client — the same
 * settings, sign-in, polling, cold-start wait, transient retries and cancellation as the
 * server's queries. It matches @goldboard/pipeline's `WarehouseSession` by shape, so neither
 * package imports the other; @goldboard/cli joins them.
 *
 * Answers are small (counts, centroids, K-Means sums): INLINE JSON_ARRAY first, inline Arrow
 * where a warehouse only offers that. A failure carries its statement id (`statementId`).
 */
import { tableFromIPC } from 'apache-arrow';
import { AbortedError } from '../../http/errors.js';
import { type DatabricksConfig, type ResultMode, StatementClient, type StatementParameter } from './statement-client.js';

const MODES: readonly ResultMode[] = [
  { disposition: 'INLINE', format: 'JSON_ARRAY' },
  { disposition: 'INLINE', format: 'ARROW_STREAM' },
];

export interface WarehouseSessionAnswer {
  readonly statementId: string;
  /** Values as the API gives them: JSON_ARRAY text (or null), or Arrow values. */
  readonly rows: unknown[][];
}

export interface DatabricksWarehouseSession {
  readonly catalog: string | undefined;
  readonly schema: string | undefined;
  readonly client: StatementClient;
  execute(sql: string, parameters: readonly StatementParameter[], signal: AbortSignal): Promise<WarehouseSessionAnswer>;
}

/** A session on the warehouse of `config`; its catalog and schema are where unqualified tables go. */
export function warehouseSession(config: DatabricksConfig): DatabricksWarehouseSession {
  const client = new StatementClient(config);
  return {
    catalog: config.catalog,
    schema: config.schema,
    client,
    async execute(sql, parameters, signal) {
      // One signal per statement: a build's signal outlives thousands of statements, and the
      // client's listeners on a statement's signal would otherwise pile up on it.
      const statement = new AbortController();
      const abort = () => statement.abort();
      signal.addEventListener('abort', abort, { once: true });
      let result;
      try {
        if (signal.aborted) throw new AbortedError();
        result = await client.execute(sql, parameters, MODES, statement.signal);
      } finally {
        signal.removeEventListener('abort', abort);
      }
      if (signal.aborted) throw new AbortedError();
      if (result.format === 'JSON_ARRAY') return { statementId: result.statementId, rows: result.rows };
      const rows: unknown[][] = [];
      for (const bytes of result.streams) {
        for (const row of tableFromIPC(bytes).toArray() as Array<{ toArray(): unknown[] }>) rows.push(row.toArray());
      }
      return { statementId: result.statementId, rows };
    },
  };
}
