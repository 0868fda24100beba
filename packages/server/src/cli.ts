/**
 * `goldboard serve` (also the `goldboard-server` command): parses the options, opens the engine
 * and listens. Databricks credentials come from the environment only, never from arguments.
 */
import { DatabricksEngine, databricksConfigFromEnv } from './engines/databricks/engine.js';
import { DuckDBEngine } from './engines/duckdb.js';
import type { GoldEngine } from './engines/engine.js';
import { EngineError } from './http/errors.js';
import { jsonLogger } from './http/log.js';
import { createGoldServer } from './http/server.js';

export const SERVE_USAGE = `goldboard serve — named Gold queries over HTTP (Arrow IPC streams or JSON)

Usage:
  goldboard serve --gold DIR [--port 8787] [--host 127.0.0.1] [--cors-origin ORIGIN …]
                  [--timeout-ms 30000] [--max-concurrent 8] [--max-age 60] [--connections 4]
                  [--cache-entries 256] [--max-pipelined 16] [--max-buffered-bytes 4194304]
                  [--idle-timeout-ms 60000]
  goldboard serve --engine databricks [--port 8787] …
      with DATABRICKS_HOST (https://, or the warehouse's URL pasted whole), DATABRICKS_WAREHOUSE_ID
      (unless the host URL has it), and DATABRICKS_TOKEN or DATABRICKS_CLIENT_ID +
      DATABRICKS_CLIENT_SECRET (a service principal) in the environment
      (optional: DATABRICKS_CATALOG, DATABRICKS_SCHEMA)

--cors-origin may be repeated or comma-separated; without it no browser origin is allowed.`;

export class ServeArgumentError extends Error {
  override readonly name = 'ServeArgumentError';
}

export interface ServeOptions {
  engine: 'duckdb' | 'databricks';
  gold?: string;
  port: number;
  host: string;
  corsOrigins: string[];
  timeoutMs: number;
  maxConcurrent: number;
  maxAgeSeconds: number;
  connections: number;
  cacheEntries: number;
  maxPipelined: number;
  maxBufferedBytes: number;
  /** Undefined: the server's default (60 s, or the query timeout + 5 s when longer). */
  idleTimeoutMs?: number;
}

const VALUED = ['gold', 'port', 'host', 'cors-origin', 'timeout-ms', 'max-concurrent', 'max-age', 'connections', 'cache-entries', 'max-pipelined', 'max-buffered-bytes', 'idle-timeout-ms', 'engine'];

/** Parses `serve`'s arguments (without the word `serve`). Pure; throws ServeArgumentError. */
export function parseServeArgs(argv: readonly string[]): ServeOptions | 'help' {
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--help' || token === '-h' || token === 'help') return 'help';
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(token);
    if (!match || !VALUED.includes(match[1]!)) throw new ServeArgumentError(`unexpected argument "${token}" (options: ${VALUED.map((v) => `--${v}`).join(', ')})`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new ServeArgumentError(`--${match[1]} needs a value`);
    values.set(match[1]!, [...(values.get(match[1]!) ?? []), value]);
  }
  const one = (name: string) => values.get(name)?.at(-1);
  const whole = (name: string, fallback: number, min: number): number => {
    const text = one(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new ServeArgumentError(`--${name} must be a whole number ≥ ${min}, got "${text}"`);
    return n;
  };
  const engine = one('engine') ?? 'duckdb';
  if (engine !== 'duckdb' && engine !== 'databricks') throw new ServeArgumentError(`--engine must be duckdb or databricks, got "${engine}"`);
  const gold = one('gold');
  if (engine === 'duckdb' && gold === undefined) throw new ServeArgumentError('serve needs --gold DIR (a Gold folder from `goldboard build`)');
  const port = whole('port', 8787, 0);
  if (port > 65535) throw new ServeArgumentError(`--port must be at most 65535, got ${port}`);
  return {
    engine,
    ...(gold !== undefined ? { gold } : {}),
    port,
    host: one('host') ?? '127.0.0.1',
    corsOrigins: (values.get('cors-origin') ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean),
    timeoutMs: whole('timeout-ms', 30_000, 1),
    maxConcurrent: whole('max-concurrent', 8, 1),
    maxAgeSeconds: whole('max-age', 60, 0),
    connections: whole('connections', 4, 1),
    cacheEntries: whole('cache-entries', 256, 0),
    maxPipelined: whole('max-pipelined', 16, 1),
    maxBufferedBytes: whole('max-buffered-bytes', 4 * 1024 * 1024, 0),
    ...(one('idle-timeout-ms') !== undefined ? { idleTimeoutMs: whole('idle-timeout-ms', 0, 1) } : {}),
  };
}

/** Runs `serve` until SIGINT/SIGTERM; resolves with the exit code. */
export async function runServeCommand(argv: readonly string[]): Promise<number> {
  let options: ServeOptions | 'help';
  try {
    options = parseServeArgs(argv);
  } catch (error) {
    if (error instanceof ServeArgumentError) {
      console.error(`goldboard serve: ${error.message}\n\n${SERVE_USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    console.log(SERVE_USAGE);
    return 0;
  }
  let engine: GoldEngine;
  try {
    engine =
      options.engine === 'databricks'
        ? new DatabricksEngine({ ...databricksConfigFromEnv(process.env), requestBudgetMs: options.timeoutMs }, { log: jsonLogger })
        : await DuckDBEngine.open({ gold: options.gold!, connections: Math.min(options.connections, options.maxConcurrent) });
  } catch (error) {
    if (error instanceof EngineError) {
      console.error(`goldboard serve: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const gold = createGoldServer({
    engine,
    corsOrigins: options.corsOrigins,
    timeoutMs: options.timeoutMs,
    maxConcurrent: options.maxConcurrent,
    maxAgeSeconds: options.maxAgeSeconds,
    cacheEntries: options.cacheEntries,
    maxPipelined: options.maxPipelined,
    maxBufferedBytes: options.maxBufferedBytes,
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    log: jsonLogger,
  });
  const address = await gold.listen(options.port, options.host);
  jsonLogger({ level: 'info', msg: 'listening', url: `http://${address.address}:${address.port}`, engine: engine.name, gold: options.gold ?? null, cors: options.corsOrigins });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await gold.close();
  return 0;
}
