import { adapterKey, queryKey, type GoldAdapter, type GoldQuery } from '../adapters/adapter.js';
import { GoldError, toGoldError } from '../errors.js';
import { rowsFromJson } from '../table/row-table.js';
import type { TableLike } from '../table/table-like.js';

interface InFlight {
  readonly promise: Promise<TableLike>;
  readonly controller: AbortController;
  waiters: number;
}

interface Cached {
  readonly table: TableLike;
  readonly at: number;
  readonly query: GoldQuery;
}

export interface SharedLoaderOptions {
  /** How many answers to keep (least recently used out first). */
  maxEntries?: number;
  /** How long an answer is reused, in milliseconds. */
  maxAgeMs?: number;
}

/**
 * Shares requests between elements: equal (adapter, query) pairs asked for at once cause one
 * adapter call, and an answer is reused for a while. A caller that aborts stops waiting at once;
 * the underlying request is cancelled only when no caller is left.
 */
export class SharedLoader {
  private readonly inflight = new Map<string, InFlight>();
  private readonly cache = new Map<string, Cached>();
  private readonly listeners = new Set<(adapterKey: string) => void>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;

  constructor(options: SharedLoaderOptions = {}) {
    this.maxEntries = options.maxEntries ?? 64;
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  }

  load(adapter: GoldAdapter, query: GoldQuery, signal: AbortSignal): Promise<TableLike> {
    if (signal.aborted) return Promise.reject(new GoldError('aborted', 'The request was cancelled.'));
    const key = keyOf(adapter, query);
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at <= this.maxAgeMs) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return Promise.resolve(cached.table);
    }
    let entry = this.inflight.get(key);
    if (!entry) entry = this.start(key, adapter, query);
    const shared = entry;
    shared.waiters++;
    return new Promise<TableLike>((resolve, reject) => {
      const onAbort = () => {
        reject(new GoldError('aborted', 'The request was cancelled.'));
        release();
      };
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        signal.removeEventListener('abort', onAbort);
        shared.waiters--;
        if (shared.waiters === 0 && this.inflight.get(key) === shared) {
          this.inflight.delete(key);
          shared.controller.abort();
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (table) => {
          released = true;
          signal.removeEventListener('abort', onAbort);
          resolve(table);
        },
        (error: unknown) => {
          released = true;
          signal.removeEventListener('abort', onAbort);
          reject(toGoldError(error));
        },
      );
    });
  }

  /** Forgets cached answers: all of them, or those of one adapter (and one query). */
  invalidate(adapter?: GoldAdapter, query?: GoldQuery): void {
    if (!adapter) {
      this.cache.clear();
      return;
    }
    if (query) {
      this.cache.delete(keyOf(adapter, query));
      return;
    }
    const prefix = `${adapterKey(adapter)}\u0000`;
    for (const key of [...this.cache.keys()]) if (key.startsWith(prefix)) this.cache.delete(key);
  }

  /**
   * Asks again, once each, every answer of `adapter` kept now (the adapters' requests are
   * conditional: an unchanged answer is a `304` that gives back the same table). When any
   * changed, the listeners of `onChange` hear the adapter's key, and elements reading it load
   * again from the new answers. A failure keeps the old answer. Resolves to how many changed.
   */
  async revalidate(adapter: GoldAdapter): Promise<number> {
    const prefix = `${adapterKey(adapter)}\u0000`;
    let changed = 0;
    await Promise.all(
      [...this.cache].map(async ([key, kept]) => {
        if (!key.startsWith(prefix) || this.inflight.has(key)) return;
        try {
          const answer: unknown = await adapter.load(kept.query, new AbortController().signal);
          // A newer answer came in meanwhile (a load, another revalidation): it stays.
          if (this.cache.get(key) !== kept) return;
          const table = Array.isArray(answer) ? rowsFromJson(answer, kept.query.dataset) : (answer as TableLike);
          if (table !== kept.table) changed++;
          this.remember(key, table, kept.query);
        } catch {
          // Kept as it was: the next revalidation asks again.
        }
      }),
    );
    if (changed) for (const listener of this.listeners) listener(adapterKey(adapter));
    return changed;
  }

  /** Calls `listener` with an adapter's key when a revalidation brought new answers; returns the unsubscribe. */
  onChange(listener: (adapterKey: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Requests under way now (for tests and diagnostics). */
  get pending(): number {
    return this.inflight.size;
  }

  private start(key: string, adapter: GoldAdapter, query: GoldQuery): InFlight {
    const controller = new AbortController();
    const promise = Promise.resolve()
      .then(() => adapter.load(query, controller.signal))
      // A hand-written adapter may answer an array of rows: read once, as JSON rows are, and kept so.
      .then((answer: unknown) => (Array.isArray(answer) ? rowsFromJson(answer, query.dataset) : (answer as TableLike)))
      .then((table) => {
        if (this.inflight.get(key)?.promise === promise) {
          this.inflight.delete(key);
          this.remember(key, table, query);
        }
        return table;
      })
      .catch((error: unknown) => {
        if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key);
        throw toGoldError(error, 'network');
      });
    // Callers attach their own handlers; this one keeps an abandoned failure from being reported as unhandled.
    promise.catch(() => {});
    const entry: InFlight = { promise, controller, waiters: 0 };
    this.inflight.set(key, entry);
    return entry;
  }

  private remember(key: string, table: TableLike, query: GoldQuery): void {
    this.cache.delete(key);
    this.cache.set(key, { table, at: Date.now(), query });
    while (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}

/** The page-wide loader every element uses. */
export const sharedLoader = new SharedLoader();

export type Latest<T> = { readonly current: true; readonly value: T } | { readonly current: false };

/**
 * One caller's newest request wins: starting a request aborts the one before it, and a
 * response that arrives after a newer request started is reported as not current, so a stale
 * answer never replaces a fresh one.
 */
export class LatestRequest {
  private controller: AbortController | undefined;
  private generation = 0;

  async run<T>(task: (signal: AbortSignal) => Promise<T>): Promise<Latest<T>> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const generation = ++this.generation;
    try {
      const value = await task(controller.signal);
      return generation === this.generation ? { current: true, value } : { current: false };
    } catch (error) {
      if (generation !== this.generation) return { current: false };
      throw error;
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
  }

  /** Aborts the request under way, if any; its result will not be current. */
  cancel(): void {
    this.generation++;
    this.controller?.abort();
    this.controller = undefined;
  }
}

/** The cache key of one query to one adapter: equal keys, equal answers. */
function keyOf(adapter: GoldAdapter, query: GoldQuery): string {
  return `${adapterKey(adapter)}\u0000${adapter.queryKey?.(query) ?? queryKey(query)}`;
}
