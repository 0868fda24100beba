/**
 * The `duckdb` engine: DuckDB over a Gold folder. Each dataset without a range is read from its
 * `<dataset>.parquet`; a range runs the Gold query over the Silver events (`silver/events/`, one
 * folder per month, of which a range reads only its own months; `user_segments.parquet` for the
 * datasets that join the model). Queries run on a small pool of
 * connections, one query per connection at a time, and are interrupted when their request goes.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type DuckDBConnection, type DuckDBDateValue, DuckDBInstance, type DuckDBPreparedStatement, type DuckDBValue } from '@duckdb/node-api';
import { DATASETS, DATASET_NAMES } from '@goldboard/core';
import { DUCKDB, duckdbEventsView, sqlString } from '@goldboard/gold-sql';
import type { Table } from 'apache-arrow';
import { type ColumnValues, tableFromColumns } from '../arrow/encode.js';
import { AbortedError, EngineError, RequestError, throwIfAborted } from '../http/errors.js';
import { RANGED, namedStatement } from '../queries/catalog.js';
import { type DatasetRequest, OPEN_RANGE } from '../queries/params.js';
import type { GoldEngine } from './engine.js';

export interface DuckDBEngineOptions {
  /** The Gold folder (`goldboard build --out`). */
  gold: string;
  /** Connections, i.e. queries running at once (default 4). */
  connections?: number;
  /** DuckDB threads per instance (default: all cores). */
  threads?: number;
  /** DuckDB memory limit, e.g. `1GB` (default: DuckDB's). */
  memoryLimit?: string;
}

interface PooledConnection {
  readonly connection: DuckDBConnection;
  readonly prepared: Map<string, DuckDBPreparedStatement>;
  /** The Gold generation its prepared statements were bound for. */
  views: number;
}


export class DuckDBEngine implements GoldEngine {
  readonly name = 'duckdb';
  readonly gold: string;
  private instance: DuckDBInstance | undefined;
  private readonly idle: PooledConnection[] = [];
  private readonly waiting: Array<(c: PooledConnection) => void> = [];
  private created = 0;
  private readonly maxConnections: number;
  private manifestStamp = '';
  private checkedAt = 0;
  private goldPeriod: { from: string; to: string } | undefined;
  private hasEvents = false;
  /** The manifest stamp the `events` view was made for, and a count of such views. */
  private viewsStamp = '';
  private views = 0;
  private reopening: Promise<void> | undefined;

  private constructor(private readonly options: DuckDBEngineOptions) {
    this.gold = resolve(options.gold);
    this.maxConnections = Math.max(1, options.connections ?? 4);
  }

  /** Opens the Gold folder: checks its files and creates the views every query reads. */
  static async open(options: DuckDBEngineOptions): Promise<DuckDBEngine> {
    const engine = new DuckDBEngine(options);
    await engine.start();
    return engine;
  }

  private async start(): Promise<void> {
    const opened = await openGoldDatabase(this.gold, this.options);
    this.instance = opened.instance;
    this.hasEvents = opened.hasEvents;
    this.readManifest();
    this.viewsStamp = this.manifestStamp;
  }

  /**
   * A rebuild can give a Gold without Silver events its first ones (or take them away): after a
   * new manifest the `events` view is made again from the folder as it now is, and each
   * connection prepares its statements again over it on its next use.
   */
  private async followRebuild(): Promise<void> {
    this.refresh();
    if (this.manifestStamp === this.viewsStamp) return;
    this.reopening ??= (async () => {
      const stamp = this.manifestStamp;
      const setup = await this.instance!.connect();
      try {
        this.hasEvents = await createEventsView(setup, this.gold);
      } finally {
        setup.closeSync();
      }
      this.viewsStamp = stamp;
      this.views++;
    })().finally(() => {
      this.reopening = undefined;
    });
    await this.reopening;
  }

  private readManifest(): void {
    const file = join(this.gold, 'manifest.json');
    try {
      const stat = statSync(file);
      const stamp = `${stat.mtimeMs}:${stat.size}`;
      if (stamp === this.manifestStamp) return;
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { builtAt?: string; period?: { from: string | null; to: string | null } };
      this.manifestStamp = stamp;
      this.goldPeriod = manifest.period?.from && manifest.period.to ? { from: manifest.period.from, to: manifest.period.to } : undefined;
    } catch {
      this.manifestStamp = 'no-manifest';
      this.goldPeriod = undefined;
    }
  }

  period(): { from: string; to: string } | undefined {
    this.refresh();
    return this.goldPeriod;
  }

  generation(): string {
    this.refresh();
    return this.manifestStamp;
  }

  /** A rebuilt folder replaces manifest.json (its period and generation): look at most once a second. */
  private refresh(): void {
    const now = Date.now();
    if (now - this.checkedAt > 1000) {
      this.checkedAt = now;
      this.readManifest();
    }
  }

  async run(request: DatasetRequest, signal: AbortSignal): Promise<Table> {
    await this.followRebuild();
    if (request.from !== undefined && !this.hasEvents) {
      throw new RequestError(
        422,
        'unavailable',
        `This Gold folder has no silver/events, which ${request.dataset} for a date range is computed from; ask without from/to, or rebuild the folder with \`goldboard build\`.`,
        { param: 'from' },
      );
    }
    // A capped ranking (top_users: the build keeps the first 100 overall) filtered by segment
    // is ranked again from the events, over the whole period: the Gold table may hold none of
    // the segment's top users.
    const capped = request.segment !== undefined && request.from === undefined && DATASETS[request.dataset].maxRows !== undefined && RANGED.has(request.dataset) && this.hasEvents;
    const statement = namedStatement(capped ? { ...request, ...OPEN_RANGE } : request, 'duckdb');
    const values: Record<string, DuckDBValue> = {};
    for (const [name, param] of Object.entries(statement.params)) values[name] = param.value;
    const pooled = await this.acquire(signal);
    const interrupt = () => pooled.connection.interrupt();
    signal.addEventListener('abort', interrupt, { once: true });
    try {
      // Aborted while waiting for a connection: the listener above will never fire, so stop now.
      throwIfAborted(signal);
      if (pooled.views !== this.views) {
        for (const stale of pooled.prepared.values()) stale.destroySync();
        pooled.prepared.clear();
        pooled.views = this.views;
      }
      let prepared = pooled.prepared.get(statement.sql);
      if (!prepared) {
        prepared = await pooled.connection.prepare(statement.sql);
        pooled.prepared.set(statement.sql, prepared);
      }
      if (Object.keys(values).length > 0) prepared.bind(values);
      else prepared.clearBindings();
      const reader = await prepared.runAndReadAll();
      if (signal.aborted) throw new AbortedError();
      return tableFromColumns(request.dataset, toColumns(request, reader.getColumns()) as ColumnValues[]);
    } catch (error) {
      if (signal.aborted) throw new AbortedError();
      if (error instanceof EngineError || error instanceof RequestError) throw error;
      throw new EngineError(`DuckDB could not answer ${request.dataset}: ${(error as Error).message.split('\n')[0]}`, 500, { cause: error });
    } finally {
      signal.removeEventListener('abort', interrupt);
      this.release(pooled);
    }
  }

  async check(signal: AbortSignal): Promise<void> {
    const pooled = await this.acquire(signal);
    try {
      await pooled.connection.run('SELECT count(*) FROM gold_kpi_summary');
    } finally {
      this.release(pooled);
    }
  }

  private async acquire(signal: AbortSignal): Promise<PooledConnection> {
    // Already aborted: neither take a connection nor wait in the queue for one.
    throwIfAborted(signal);
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.created < this.maxConnections) {
      this.created++;
      try {
        return { connection: await this.instance!.connect(), prepared: new Map(), views: this.views };
      } catch (error) {
        this.created--;
        throw error;
      }
    }
    return new Promise<PooledConnection>((resolvePooled, reject) => {
      const take = (pooled: PooledConnection) => {
        signal.removeEventListener('abort', onAbort);
        resolvePooled(pooled);
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(take);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new AbortedError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(take);
    });
  }

  private release(pooled: PooledConnection): void {
    const next = this.waiting.shift();
    if (next) next(pooled);
    else this.idle.push(pooled);
  }

  async close(): Promise<void> {
    for (const pooled of this.idle.splice(0)) {
      for (const prepared of pooled.prepared.values()) prepared.destroySync();
      pooled.connection.closeSync();
    }
    this.instance?.closeSync();
    this.instance = undefined;
  }
}

/**
 * A DuckDB instance (in memory) with the views every named query reads: `gold_<dataset>` over
 * each `<dataset>.parquet`, `user_segments`, and `events` over the Silver events when the folder
 * kept them: `silver/events/month=YYYY-MM/*.parquet`, the month taken from the path (so a range
 * query's condition on `month` skips the other months' files), or a folder's single
 * `silver/events.parquet` from before Silver was split by month. The benchmark uses it to time the bare queries.
 */
export async function openGoldDatabase(
  gold: string,
  options: Pick<DuckDBEngineOptions, 'threads' | 'memoryLimit'> = {},
): Promise<{ instance: DuckDBInstance; hasEvents: boolean }> {
  const missing = DATASET_NAMES.filter((name) => !existsSync(join(gold, `${name}.parquet`)));
  if (missing.length > 0) {
    throw new EngineError(`${gold} is not a Gold folder: ${missing.map((m) => `${m}.parquet`).join(', ')} missing (build one with \`goldboard build\`).`, 500);
  }
  const instance = await DuckDBInstance.create(':memory:', {
    ...(options.threads ? { threads: String(options.threads) } : {}),
    ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
  });
  const setup = await instance.connect();
  for (const name of DATASET_NAMES) {
    await setup.run(`CREATE VIEW gold_${name} AS SELECT * FROM read_parquet(${sqlString(join(gold, `${name}.parquet`))})`);
  }
  await setup.run(`CREATE VIEW user_segments AS SELECT * FROM read_parquet(${sqlString(join(gold, 'user_segments.parquet'))})`);
  const hasEvents = await createEventsView(setup, gold);
  setup.closeSync();
  return { instance, hasEvents };
}

/** (Re)creates the view `events` over a Gold folder's Silver; false when it kept none. */
async function createEventsView(setup: DuckDBConnection, gold: string): Promise<boolean> {
  const folder = join(gold, 'silver', 'events');
  const single = join(gold, 'silver', 'events.parquet');
  if (existsSync(folder)) {
    await setup.run(duckdbEventsView(DUCKDB, folder, silverMonths(folder)));
    return true;
  }
  if (existsSync(single)) {
    await setup.run(`CREATE OR REPLACE VIEW events AS SELECT *, strftime(event_time, '%Y-%m') AS month FROM read_parquet(${sqlString(single)})`);
    return true;
  }
  await setup.run('DROP VIEW IF EXISTS events');
  return false;
}

/** The months of a Silver events folder (its `month=YYYY-MM` folders). */
export function silverMonths(folder: string): string[] {
  return readdirSync(folder)
    .map((name) => /^month=(\d{4}-\d{2})$/.exec(name)?.[1])
    .filter((month): month is string => month !== undefined)
    .sort();
}

/** DuckDB's column values as the encoder takes them (dates as days since the epoch). */
function toColumns(request: DatasetRequest, columns: DuckDBValue[][]): DuckDBValue[][] {
  const spec = DATASETS[request.dataset];
  return spec.columns.map((column, c) => {
    const values = columns[c] ?? [];
    if (column.type !== 'date') return values;
    return values.map((v) => (v === null ? null : (v as DuckDBDateValue).days));
  });
}
