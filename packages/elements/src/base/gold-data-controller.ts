import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  GoldError,
  filterFollowers,
  adapterKey,
  onSourceChanged,
  sharedLoader,
  sourceNames,
  toGoldError,
  validateTable,
  type DatasetName,
  type GoldAdapter,
  type GoldQuery,
  type GoldTable,
  type Row,
  type TableLike,
} from '@goldboard/core';
import { resolveOrigin, siblingUrl, type DataOrigin } from './data-origin.js';
import { parseFieldMap } from './field-map.js';
import type { Snapshot } from './snapshot.js';

export type GoldState = 'loading' | 'ready' | 'empty' | 'error';

/** Detail of `goldboard-ready`. */
export interface GoldReadyDetail {
  dataset: string;
  rows: number;
}

/** Detail of `goldboard-error`. */
export interface GoldErrorDetail {
  error: GoldError;
  message: string;
}

/** Where an element's data comes from and what it asks: its data attributes, read once per update. */
export interface DataRequest {
  readonly data?: TableLike | readonly Row[] | undefined;
  readonly adapter?: GoldAdapter | undefined;
  /** One dataset's file; the element's other datasets are read beside it. */
  readonly src?: string | undefined;
  /** The name of a registered source. */
  readonly source?: string | undefined;
  readonly dataset: DatasetName;
  /** The contract columns needed from `dataset`. */
  readonly columns: readonly string[];
  readonly fields?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly segment?: string | undefined;
  /** The row limit asked of the adapter: none unless the element lists rows in the adapter's order. */
  readonly queryLimit?: number | undefined;
  /** Why an object property was given as text (`data="[object Object]"`): shown as the error. */
  readonly objectAsText?: string | undefined;
}

/** What an element's `load` gets: the call's signal, and a loader of datasets. */
export interface LoadContext {
  readonly signal: AbortSignal;
  /**
   * Loads one dataset through the element's adapter (shared with every other element asking the
   * same) and validates it for `columns`. Inline data answers at once, so a `load` that only
   * returns this answer lets the first render draw it.
   */
  load(dataset: DatasetName, columns: readonly string[], range?: DayRange): GoldTable | Promise<GoldTable>;
}

/** Another range of days than the element's (a comparison period): `YYYY-MM-DD`, both included. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

export interface GoldDataOptions {
  /** The request; a change of any of its values (or of `args`) loads again. */
  request(): DataRequest;
  /** More values whose change means loading again (what `load` reads besides the request). */
  args?(): readonly unknown[];
  /**
   * Refuses, before anything is fetched, what the element cannot draw (throws a GoldError shown
   * like a loading failure). Run on every update: a check that starts failing shows its error,
   * and one that is fixed loads again.
   */
  check?(): void;
  /** Loads the element's tables: its main dataset by default. */
  load?(context: LoadContext): GoldTable | Promise<GoldTable>;
  /** True when a table has nothing to draw; no rows by default. */
  isEmpty?(table: GoldTable): boolean;
  /** The file of a dataset in `src` mode: `src` for the main dataset, its sibling for others. */
  srcFor?(dataset: string): string | undefined;
  /** Called when a new table is shown. */
  onTable?(table: GoldTable): void;
}

/** What identifies an element's request across server and browser (the source itself aside). */
export function requestKey({ dataset, from, to, segment, queryLimit }: DataRequest): string {
  return JSON.stringify([dataset, from || '', to || '', segment || '', queryLimit ?? null]);
}

/** The host: an element with a reflected `state`. */
export type GoldDataHost = ReactiveControllerHost & HTMLElement & { state: GoldState };

/**
 * The data of a Goldboard element, as one controller in the manner of Lit's Task: `request()`
 * and `args()` say what is loaded; when their values change (or on `refresh()`), one call
 * starts, with its own id and AbortController, so a newer call supersedes it and a late answer
 * is dropped. A call resolves where the data comes from (inline data, an adapter, a file, a
 * registered source), loads through the page's SharedLoader, validates against the contract,
 * and sets the status the host renders from; the status is reflected as the host's `state`,
 * with `goldboard-ready` and `goldboard-error`. Inline data is settled within the update that
 * gives it, so the first render draws it.
 */
export class GoldDataController implements ReactiveController {
  /** The validated table being drawn (ready or empty). */
  table: GoldTable | undefined;
  /** The error being shown. */
  error: GoldError | undefined;

  private callId = 0;
  private abort: AbortController | undefined;
  private lastArgs: readonly unknown[] | undefined;
  /**
   * Set by `refresh()`, a connection or a registered source: load even with the same args;
   * `quiet` (new answers from a revalidation): in place, keeping what is shown until they are in.
   */
  private pending: 'load' | 'fresh' | 'quiet' | undefined = 'load';
  /** The adapters the last call read through (their keys). */
  private adapters = new Set<string>();
  private stopListening: (() => void) | undefined;
  /** The error shown came from `check()`: fixing the check loads again. */
  private checkFailed = false;
  private stopWaiting: (() => void) | undefined;
  /** The data a server rendered the element from: answers the first load of the same request. */
  private given: Snapshot | undefined;
  /** Server rendering: every table loaded, validated, with the columns asked of it. */
  loaded: Map<string, { table: GoldTable; columns: Set<string> }> | undefined;

  constructor(
    private readonly host: GoldDataHost,
    private readonly options: GoldDataOptions,
  ) {
    host.addController(this);
  }

  get status(): GoldState {
    return this.host.state;
  }

  /** Loads again, bypassing cached answers (what the retry button does). */
  refresh(): void {
    this.pending = 'fresh';
    this.host.requestUpdate();
  }

  /**
   * Answers the next load of the same request from `snapshot` (the data sent with a
   * server-rendered element), validated again as it arrives, instead of a request.
   */
  give(snapshot: Snapshot): void {
    this.given = snapshot;
  }

  /** The key of the current request, as a snapshot records it. */
  get requestKey(): string {
    return requestKey(this.options.request());
  }

  /**
   * Loads now, connected or not (server rendering); resolves once the element is ready, empty
   * or in error. Given data (`give`) settles within the call.
   */
  settleNow(): Promise<void> {
    const request = this.options.request();
    this.lastArgs = this.argsOf(request);
    this.pending = undefined;
    return this.run(request, false) ?? Promise.resolve();
  }

  hostConnected(): void {
    // The filters of the host's source (a date range, a segment) change what it loads.
    filterFollowers.add(this.host);
    // A revalidation of an adapter this element read brought new answers: read them, in place.
    this.stopListening = sharedLoader.onChange((key) => {
      if (!this.adapters.has(key)) return;
      this.pending ??= 'quiet';
      this.host.requestUpdate();
    });
    // A call ended by the disconnection, or a change (or refresh) while disconnected: load now.
    if (this.pending || this.status === 'loading' || this.status === 'error') {
      this.pending ??= 'load';
      this.host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    filterFollowers.delete(this.host);
    this.stopListening?.();
    this.cancel();
  }

  /** The request's values and the declared data attributes', compared value by value between updates. */
  private argsOf(request: DataRequest): unknown[] {
    // The column list by its names (a new array each time).
    const { columns, ...rest } = request;
    return [...Object.values(rest), columns.join(), ...(this.options.args?.() ?? [])];
  }

  hostUpdate(): void {
    const request = this.options.request();
    const args = this.argsOf(request);
    // An element's args have a fixed length: its request's keys and its declared data attributes.
    const changed = !this.lastArgs || args.some((v, i) => !Object.is(v, this.lastArgs![i]));
    this.lastArgs = args;
    if (!this.host.isConnected) {
      // Loaded once connected again (a disconnected element keeps no request open).
      if (changed) this.pending ??= 'load';
      return;
    }
    if (!changed && !this.pending) {
      // Only drawing attributes changed: a check that fails shows its error (and ends the call
      // under way); once fixed, the data loads again.
      try {
        this.options.check?.();
      } catch (error) {
        this.cancel();
        this.checkFailed = true;
        this.fail(toGoldError(error));
        return;
      }
      if (!this.checkFailed) return;
    }
    const fresh = this.pending === 'fresh';
    const quiet = this.pending === 'quiet' && this.status === 'ready';
    this.pending = undefined;
    this.run(request, fresh, quiet);
  }

  private cancel(): void {
    this.callId++;
    this.abort?.abort();
    this.abort = undefined;
    this.stopWaiting?.();
    this.stopWaiting = undefined;
  }

  private run(request: DataRequest, fresh: boolean, quiet = false): Promise<void> | undefined {
    this.cancel();
    const id = this.callId;
    const abort = (this.abort = new AbortController());
    this.checkFailed = false;
    this.adapters.clear();
    // In place: what is shown stays (no loading view, focus kept) until the new table is in.
    if (!quiet) {
      this.error = undefined;
      this.host.state = 'loading';
    }
    let answer: GoldTable | Promise<GoldTable> | undefined;
    const given = this.given;
    this.given = undefined;
    // Data sent for another request (attributes changed before the element was defined) still
    // draws what the server drew, so that it is taken over; the request is loaded next.
    if (given && given.key !== requestKey(request)) {
      void this.host.updateComplete.then(() => {
        this.pending ??= 'load';
        this.host.requestUpdate();
      });
    }
    if (given?.error) {
      // Sent in error: shown as the server showed it (Retry loads again).
      this.fail(new GoldError(given.error.code as GoldError['code'], given.error.message));
      return;
    }
    try {
      if (request.objectAsText) throw new GoldError('bad-param', request.objectAsText);
      const origin = given ? { tables: given.tables } : resolveOrigin(request, (dataset) => this.options.srcFor?.(dataset) ?? (dataset === request.dataset ? request.src! : siblingUrl(request.src!, dataset)));
      if (!origin) {
        this.table = undefined;
        this.host.state = 'empty';
        return;
      }
      if ('waitFor' in origin) {
        this.waitForSource(origin.waitFor);
        return;
      }
      const fields = parseFieldMap(request.fields);
      try {
        this.options.check?.();
      } catch (error) {
        this.checkFailed = true;
        throw error;
      }
      const context: LoadContext = {
        signal: abort.signal,
        load: (dataset, columns, range) => this.loadOne(origin, range ? { ...request, ...range } : request, range ? `${dataset}@${range.from}/${range.to}` : dataset, dataset, columns, fields, fresh, abort.signal),
      };
      answer = this.options.load ? this.options.load(context) : context.load(request.dataset, request.columns);
    } catch (error) {
      this.fail(toGoldError(error));
      return;
    }
    if (!(answer instanceof Promise)) {
      this.settle(id, request.dataset, answer);
      return;
    }
    return answer.then(
      (table) => {
        if (id === this.callId && !(quiet && table === this.table)) this.settle(id, request.dataset, table);
      },
      (error) => {
        // A superseded call's answer (its abort included) is dropped; the current call's signal
        // is never aborted, so an abort error here is the adapter's own and shown like any other.
        if (id === this.callId) this.fail(toGoldError(error));
      },
    );
  }

  /** Loads `dataset` (`name`: the dataset, with the range when it is another one than the element's). */
  private loadOne(origin: Exclude<DataOrigin, { waitFor: string }>, request: DataRequest, name: string, dataset: DatasetName, columns: readonly string[], fields: ReturnType<typeof parseFieldMap>, fresh: boolean, signal: AbortSignal): GoldTable | Promise<GoldTable> {
    if (this.loaded) {
      const record = (table: GoldTable) => {
        const seen = this.loaded!.get(name);
        this.loaded!.set(name, { table, columns: new Set([...(seen?.columns ?? []), ...columns]) });
        return table;
      };
      const table = this.loadFrom(origin, request, name, dataset, columns, fields, fresh, signal);
      return table instanceof Promise ? table.then(record) : record(table);
    }
    return this.loadFrom(origin, request, name, dataset, columns, fields, fresh, signal);
  }

  private loadFrom(origin: Exclude<DataOrigin, { waitFor: string }>, request: DataRequest, name: string, dataset: DatasetName, columns: readonly string[], fields: ReturnType<typeof parseFieldMap>, fresh: boolean, signal: AbortSignal): GoldTable | Promise<GoldTable> {
    if ('tables' in origin) {
      // Sent with the element under the contract's names: validated again, without `fields`.
      const table = origin.tables[name];
      if (!table) throw new GoldError('bad-data', `${this.host.localName}'s server-rendered data has no ${dataset}.`, { dataset });
      return validateTable(dataset, table, { columns, label: `${dataset} (sent with the page)` });
    }
    if ('data' in origin) {
      if (dataset !== request.dataset) throw new GoldError('no-source', `${this.host.localName} was given data for ${request.dataset} only; set an adapter to read ${dataset} too.`, { dataset });
      return validateTable(dataset, origin.data, { columns, fields, label: dataset });
    }
    const adapter = origin.adapterFor(dataset);
    this.adapters.add(adapterKey(adapter));
    const query: GoldQuery = { dataset, from: request.from || undefined, to: request.to || undefined, limit: request.queryLimit, segment: request.segment || undefined };
    if (fresh) sharedLoader.invalidate(adapter, query);
    return sharedLoader.load(adapter, query, signal).then((table) => validateTable(dataset, table, { columns, fields, label: origin.label(dataset) }));
  }

  /** Shows `table` for call `id` (or the error `isEmpty` throws); `goldboard-ready` once it is drawn, unless a newer call has started. */
  private settle(id: number, dataset: string, table: GoldTable): void {
    let empty: boolean;
    try {
      empty = this.options.isEmpty ? this.options.isEmpty(table) : table.numRows === 0;
    } catch (error) {
      this.fail(toGoldError(error));
      return;
    }
    this.abort = undefined;
    this.table = table;
    this.error = undefined;
    this.host.state = empty ? 'empty' : 'ready';
    this.options.onTable?.(table);
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      if (id === this.callId && this.table === table && this.status !== 'loading') {
        this.emit<GoldReadyDetail>('goldboard-ready', { dataset, rows: table.numRows });
      }
    });
  }

  /**
   * Shows an error and fires `goldboard-error`. During an update (inline data validated in it)
   * the event waits for the update's end, so what a listener changes starts a new one.
   */
  fail(error: GoldError): void {
    if (this.status === 'error' && this.error?.message === error.message) return;
    this.table = undefined;
    this.error = error;
    this.host.state = 'error';
    this.host.requestUpdate();
    const send = () => this.emit<GoldErrorDetail>('goldboard-error', { error, message: error.message });
    if (!(this.host as unknown as { isUpdatePending: boolean }).isUpdatePending) send();
    else
      void this.host.updateComplete.then(() => {
        if (this.error === error) send();
      });
  }

  private waitForSource(name: string): void {
    const stop = onSourceChanged(name, () => {
      this.pending ??= 'load';
      this.host.requestUpdate();
    });
    const timer = setTimeout(() => {
      const known = sourceNames();
      this.fail(
        new GoldError(
          'no-source',
          `No source named "${name}" is registered (registered: ${known.length ? known.join(', ') : 'none'}). Add <goldboard-source name="${name}" base="…"> or call registerSource("${name}", adapter).`,
        ),
      );
      // Keep listening: a source registered late still brings the data.
    }, (this.host.constructor as { sourceWaitMs?: number }).sourceWaitMs ?? 5000);
    this.stopWaiting = () => {
      stop();
      clearTimeout(timer);
    };
  }

  /** Fires a bubbling, composed CustomEvent from the host (every Goldboard event crosses shadow roots). */
  emit<T>(type: string, detail: T): boolean {
    return this.host.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }
}
