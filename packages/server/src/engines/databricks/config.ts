/**
 * The Databricks engine's settings: from Databricks' unified-auth environment variables
 * (`DATABRICKS_HOST`, `DATABRICKS_TOKEN`, or `DATABRICKS_CLIENT_ID` + `DATABRICKS_CLIENT_SECRET`)
 * and `DATABRICKS_WAREHOUSE_ID`, with the host (and the warehouse) also taken from a pasted URL.
 */
import { EngineError } from '../../http/errors.js';
import type { Logger } from '../../http/log.js';

export interface DatabricksConfig {
  /** Workspace URL, e.g. `https://adb-123.4.azuredatabricks.net` (a bare host name gets https://). */
  host: string;
  warehouseId: string;
  /** A personal access token; sent to the workspace only, never to result links. */
  token?: string | undefined;
  /** A service principal's OAuth client id and secret (machine-to-machine), instead of a token. */
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  catalog?: string | undefined;
  schema?: string | undefined;
  /** How long the submit call waits for a result: `0s` or `5s`–`50s` (default `10s`). */
  waitTimeout?: string;
  /** First and largest pause between status polls (default 250 ms, 5 s). */
  pollInitialMs?: number;
  pollMaxMs?: number;
  /** Retries of a transient failure (default 5), the first pause and the largest (default 500 ms, 10 s). */
  retries?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /**
   * The time one request may take (the server's `--timeout-ms`). Waits for a retry or for a
   * starting warehouse end early enough to answer 503 + Retry-After instead of a 504.
   */
  requestBudgetMs?: number;
  /** The longest one API call or link download may take, its body included (default 120 s). */
  callTimeoutMs?: number;
  /** The warehouse's state is reused for this long (default 5 s): health probes cost one call per period. */
  stateTtlMs?: number;
  /** While the warehouse starts: its state is asked every (default 2 s), for at most (default 10 min). */
  startPollMs?: number;
  startMaxMs?: number;
  /**
   * For tests against a local stand-in only: lets `http://` through for a loopback host
   * (127.0.0.1, ::1, localhost). Never set from the environment.
   */
  allowLoopbackHttp?: boolean;
  /** Where warnings of the client go (a refused result mode); the engine logs failures itself. */
  log?: Logger;
  fetch?: typeof fetch;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * The workspace origin of a host setting, which may be a bare host name or a pasted URL with a
 * path (`/sql/1.0/warehouses/abc`) and a query (`?o=123`). Only https: a token must not cross the
 * network in clear.
 */
export function workspaceOrigin(host: string, allowLoopbackHttp = false): string {
  const text = host.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new EngineError(`DATABRICKS_HOST is not a URL or host name: "${text}".`, 500);
  }
  if (url.protocol === 'http:' && allowLoopbackHttp && LOOPBACK.has(url.hostname)) return url.origin;
  if (url.protocol !== 'https:') {
    throw new EngineError(`DATABRICKS_HOST must be an https:// workspace URL (got ${url.protocol}//${url.host}); the token would otherwise travel in clear.`, 500);
  }
  return url.origin;
}

/** Whether a URL may be fetched: https, or http to a loopback host when the test option allows it. */
export function secureUrl(href: string, allowLoopbackHttp = false): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || (allowLoopbackHttp && url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}

/**
 * The warehouse id in an HTTP path or URL: the connection details' `/sql/1.0/warehouses/<id>`
 * (older `/sql/1.0/endpoints/<id>`), or the warehouse page's `/sql/warehouses/<id>` as the
 * browser shows it.
 */
export function warehouseIdIn(text: string): string | undefined {
  return /\/sql\/(?:1\.0\/)?(?:warehouses|endpoints)\/([A-Za-z0-9]+)/.exec(text)?.[1];
}

/**
 * The engine's settings from the environment: `DATABRICKS_HOST` (a workspace URL, also a pasted
 * one), `DATABRICKS_WAREHOUSE_ID` (an id or the warehouse's HTTP path; else taken from the host
 * URL), and either `DATABRICKS_TOKEN` or `DATABRICKS_CLIENT_ID` + `DATABRICKS_CLIENT_SECRET`.
 */
export function databricksConfigFromEnv(env: Record<string, string | undefined>): DatabricksConfig {
  const value = (name: string) => env[name]?.trim() || undefined;
  const hostText = value('DATABRICKS_HOST');
  if (!hostText) throw new EngineError('--engine databricks needs DATABRICKS_HOST (the workspace URL) in the environment.', 500);
  const host = workspaceOrigin(hostText);
  const warehouseText = value('DATABRICKS_WAREHOUSE_ID');
  const warehouseId = warehouseText ? (warehouseIdIn(warehouseText) ?? warehouseText) : warehouseIdIn(hostText);
  if (!warehouseId) {
    throw new EngineError(
      '--engine databricks needs DATABRICKS_WAREHOUSE_ID (SQL Warehouses → the warehouse → Connection details: the last part of the HTTP path), or a DATABRICKS_HOST pasted with that path.',
      500,
    );
  }
  const token = value('DATABRICKS_TOKEN');
  const clientId = value('DATABRICKS_CLIENT_ID');
  const clientSecret = value('DATABRICKS_CLIENT_SECRET');
  if (token && (clientId || clientSecret)) {
    throw new EngineError('Both DATABRICKS_TOKEN and DATABRICKS_CLIENT_ID / DATABRICKS_CLIENT_SECRET are set; keep one way of signing in.', 500);
  }
  if (!token && !(clientId && clientSecret)) {
    const missing = clientId ? 'DATABRICKS_CLIENT_SECRET' : clientSecret ? 'DATABRICKS_CLIENT_ID' : 'DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET';
    throw new EngineError(`--engine databricks needs ${missing} in the environment.`, 500);
  }
  return {
    host,
    warehouseId,
    ...(token ? { token } : { clientId, clientSecret }),
    catalog: value('DATABRICKS_CATALOG'),
    schema: value('DATABRICKS_SCHEMA'),
  };
}
