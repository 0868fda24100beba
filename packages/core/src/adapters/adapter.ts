import type { TableLike } from '../table/table-like.js';

/**
 * What an element asks for: a dataset of the Gold contract and typed parameters. Adapters that
 * serve a fixed period (static files) may ignore the range; elements then filter what they draw.
 */
export interface GoldQuery {
  readonly dataset: string;
  /** First UTC day, `YYYY-MM-DD`, inclusive. */
  readonly from?: string | undefined;
  /** Last UTC day, `YYYY-MM-DD`, inclusive. */
  readonly to?: string | undefined;
  /** At most this many rows (ranked datasets). */
  readonly limit?: number | undefined;
  /** Only this segment's rows (segment label). */
  readonly segment?: string | undefined;
}

/**
 * The one interface between transport and drawing: given a query and an AbortSignal, return a
 * columnar table (an apache-arrow or flechette `Table`, a `GoldTable`, or anything `TableLike`).
 * Failures reject with a `GoldError` whose message a person can act on.
 */
export interface GoldAdapter {
  /** Identifies what the adapter reads, so that equal requests from many elements are shared. */
  readonly key?: string;
  /**
   * The part of a query that changes the answer; all of it by default. An adapter that ignores
   * some parameters (a static file ignores the range) says so, and queries that differ only in
   * those share one request.
   */
  queryKey?(query: GoldQuery): string;
  load(query: GoldQuery, signal: AbortSignal): Promise<TableLike>;
}

let nextAdapterId = 1;
const adapterIds = new WeakMap<GoldAdapter, string>();

/** A stable identity for an adapter: its `key`, or one given to the object the first time it is seen. */
export function adapterKey(adapter: GoldAdapter): string {
  if (adapter.key) return adapter.key;
  let id = adapterIds.get(adapter);
  if (!id) {
    id = `adapter#${nextAdapterId++}`;
    adapterIds.set(adapter, id);
  }
  return id;
}

/** The key of a query: equal keys mean equal answers from one adapter. */
export function queryKey(query: GoldQuery): string {
  return [query.dataset, query.from ?? '', query.to ?? '', query.limit ?? '', query.segment ?? ''].join('|');
}
