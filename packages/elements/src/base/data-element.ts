import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import {
  columnSpec,
  GoldError,
  LatestRequest,
  isAbortError,
  isNumericType,
  onSourceChanged,
  isCalendarDay,
  requireDatasetName,
  sharedLoader,
  sourceNames,
  toGoldError,
  validateTable,
  type DatasetName,
  type FieldMap,
  type GoldAdapter,
  type GoldQuery,
  type GoldTable,
  type Row,
  type TableLike,
} from '@goldboard/core';
import { resolveSource, siblingUrl } from './data-source.js';
import { parseFieldMap } from './field-map.js';

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

/** What a subclass gets to load its tables with. */
export interface LoadContext {
  readonly signal: AbortSignal;
  /**
   * Loads one dataset through the element's adapter (shared with every other element asking
   * the same), and validates it against the contract for the columns the element needs.
   */
  load(dataset: DatasetName, columns: readonly string[]): Promise<GoldTable>;
}

/** Properties whose change means the data must be fetched again. */
const DATA_PROPERTIES = ['src', 'source', 'datasetName', 'from', 'to', 'limit', 'segment', 'fields', 'adapter', 'data'] as const;

/**
 * The data half of Goldboard's elements: it resolves an adapter from the element's attributes
 * or properties, fetches (shared, newest wins), validates against the Gold contract, reflects
 * `state` on the host and fires `goldboard-ready` / `goldboard-error`. `GoldElement` adds the
 * views (loading, empty, error, ready), theming and export; subclasses say which columns they
 * need and draw the ready state.
 *
 * @event goldboard-ready - The data arrived and is drawn. `detail: { dataset, rows }`.
 * @event goldboard-error - Loading or drawing failed. `detail: { error, message }`.
 */
export abstract class GoldDataElement extends LitElement {
  /** How long an element waits for a named source to be registered before it says so (ms). */
  static sourceWaitMs = 5000;

  static override properties: PropertyDeclarations = {
    src: { type: String },
    source: { type: String },
    datasetName: { type: String, attribute: 'dataset' },
    from: { type: String },
    to: { type: String },
    limit: { type: Number },
    segment: { type: String },
    fields: { type: String },
    state: { type: String, reflect: true },
    adapter: { attribute: false },
    data: { attribute: false },
    table: { attribute: false, state: true },
    error: { attribute: false, state: true },
  };

  /** URL of one dataset's file (`.arrow` or `.json`). */
  declare src: string | undefined;
  /** Name of a registered source (see `<goldboard-source>` and `registerSource`). */
  declare source: string | undefined;
  /** The Gold dataset to read (attribute `dataset`); each element has a sensible default. */
  declare datasetName: string | undefined;
  /** First UTC day shown, `YYYY-MM-DD`. */
  declare from: string | undefined;
  /** Last UTC day shown, `YYYY-MM-DD`. */
  declare to: string | undefined;
  /** At most this many rows. */
  declare limit: number | undefined;
  /** Only this segment (a segment label). */
  declare segment: string | undefined;
  /** Field mapping for data with other column names: `revenue:amount, event_date:day`. */
  declare fields: string | undefined;
  /** `loading`, `ready`, `empty` or `error`; reflected on the host for styling and tests. */
  declare state: GoldState;
  /** An adapter to load through, instead of `src` or `source`. */
  declare adapter: GoldAdapter | undefined;
  /** The data itself: an Arrow-like table (apache-arrow, flechette) or an array of rows. */
  declare data: TableLike | readonly Row[] | undefined;
  /** The validated table being drawn. @internal */
  declare protected table: GoldTable | undefined;
  /** The error being shown. @internal */
  declare protected error: GoldError | undefined;

  private readonly request = new LatestRequest();
  private stopWaitingForSource: (() => void) | undefined;
  private sourceTimer: ReturnType<typeof setTimeout> | undefined;
  private needsLoad = true;
  private nextFetchFresh = false;
  /** Counts loads: only the newest one may show its table or error. */
  private loadSeq = 0;

  constructor() {
    super();
    this.state = 'loading';
  }

  /** The dataset read when the `dataset` attribute is not set. */
  protected abstract get defaultDataset(): DatasetName;

  /** The contract columns this element needs from its main dataset. */
  protected abstract requiredColumns(): readonly string[];

  /**
   * The column the element draws as a number, with the attribute that names it
   * (`['measure', 'revenue']`): checked against the contract before anything is fetched.
   */
  protected numericColumn(): readonly [attribute: string, column: string] | undefined {
    return undefined;
  }

  /** Properties of the subclass whose change means loading again. */
  protected dataProperties(): readonly string[] {
    return [];
  }

  /**
   * The row limit asked of the adapter, which cuts in the dataset's own order (a server's
   * `LIMIT`); none by default. An element whose `limit` means the first rows of that order
   * passes it on; one that re-ranks or only shows fewer rows keeps it to itself.
   */
  protected queryLimit(): number | undefined {
    return undefined;
  }

  /** The `limit` attribute as a whole number of rows (checked by `checkRequest`): `fallback` when unset, at most `max`. */
  protected limitOr(fallback: number, max = Infinity): number {
    const limit = Number(this.limit);
    return Number.isFinite(limit) && limit > 0 ? Math.min(max, Math.floor(limit)) : fallback;
  }

  /** The dataset this element reads. */
  get resolvedDataset(): DatasetName {
    return (this.datasetName as DatasetName | undefined) || this.defaultDataset;
  }

  /**
   * Loads the element's tables; a subclass that needs more than its main dataset overrides it.
   * Inline `data` is drawn in the element's first render only when this is not overridden (an
   * override is awaited, so a loading view comes first); checks belong in `checkRequest`.
   */
  protected async loadTables(context: LoadContext): Promise<GoldTable> {
    return context.load(this.resolvedDataset, this.requiredColumns());
  }

  /** True when there is nothing to draw; a subclass may look further than the row count. */
  protected isEmpty(table: GoldTable): boolean {
    return table.numRows === 0;
  }

  /** Loads again, bypassing cached answers (what the retry button does). */
  refresh(): void {
    this.nextFetchFresh = true;
    this.needsLoad = true;
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.state === 'loading' || this.state === 'error') {
      this.needsLoad = true;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.request.cancel();
    this.stopWaiting();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const has = (k: string) => (changed as Map<PropertyKey, unknown>).has(k);
    const keys = [...DATA_PROPERTIES, ...this.dataProperties()];
    if (keys.some(has)) this.needsLoad = true;
    // A drawing attribute (locale, variant…) changed: a valid value only redraws; an invalid one,
    // or the fix of one that was shown as an error, goes through the request's checks again.
    if (!this.needsLoad && this.hasUpdated && this.checkedProperties().some(has)) {
      let valid = true;
      try {
        this.checkAttributes();
      } catch {
        valid = false;
      }
      if (!valid || this.state === 'error') this.needsLoad = true;
    }
    if (this.needsLoad && this.isConnected) {
      this.needsLoad = false;
      this.state = 'loading';
      this.error = undefined;
      void this.load();
    }
  }

  protected hasDataSource(): boolean {
    return Boolean(this.data || this.adapter || this.src || this.source);
  }

  /**
   * The file of a dataset in `src` mode: `src` itself for the main dataset, else the file of
   * that name beside it (`…/kpi_summary.arrow` -> `…/daily_metrics.arrow`), as a Gold folder
   * holds them. A subclass may point a dataset elsewhere.
   */
  protected srcFor(dataset: string): string {
    const src = this.src ?? '';
    return dataset === this.resolvedDataset ? src : siblingUrl(src, dataset);
  }

  private async load(): Promise<void> {
    const seq = ++this.loadSeq;
    this.stopWaiting();
    // Whatever this load turns out to be, the request before it is over.
    this.request.cancel();
    let resolved: ReturnType<typeof resolveSource>;
    try {
      resolved = resolveSource({ data: this.data, adapter: this.adapter, src: this.src, source: this.source, srcFor: (d) => this.srcFor(d) });
    } catch (error) {
      this.fail(toGoldError(error));
      return;
    }
    if (!resolved) {
      this.table = undefined;
      this.state = 'empty';
      return;
    }
    if ('waitFor' in resolved) {
      this.waitForSource(resolved.waitFor);
      return;
    }
    let fields: FieldMap;
    try {
      fields = parseFieldMap(this.fields);
    } catch (error) {
      this.fail(toGoldError(error));
      return;
    }
    const query = (dataset: string): GoldQuery => ({
      dataset,
      from: this.from || undefined,
      to: this.to || undefined,
      limit: this.queryLimit(),
      segment: this.segment || undefined,
    });
    const fresh = this.nextFetchFresh;
    this.nextFetchFresh = false;
    if ('data' in resolved && this.loadTables === GoldDataElement.prototype.loadTables) {
      // Data given inline is validated now, inside this update: the first render draws it.
      this.settle(seq, () => {
        this.checkRequest();
        return validateTable(this.resolvedDataset, resolved.data, { columns: this.requiredColumns(), fields, label: this.resolvedDataset });
      });
      return;
    }
    try {
      const result = await this.request.run((signal) => {
        this.checkRequest();
        return this.loadTables({
          signal,
          load: async (dataset, columns) => {
            let table: TableLike;
            let label: string = dataset;
            if ('data' in resolved) {
              if (dataset !== this.resolvedDataset) throw new GoldError('no-source', `${this.localName} was given data for ${this.resolvedDataset} only; set an adapter to read ${dataset} too.`, { dataset });
              table = resolved.data;
            } else {
              const adapter = resolved.adapterFor(dataset);
              if (fresh) sharedLoader.invalidate(adapter, query(dataset));
              table = await sharedLoader.load(adapter, query(dataset), signal);
              label = resolved.label(dataset);
            }
            return validateTable(dataset, table, { columns, fields, label });
          },
        });
      });
      if (!result.current || seq !== this.loadSeq) return;
      this.settle(seq, () => result.value);
    } catch (error) {
      if (isAbortError(error) || seq !== this.loadSeq) return;
      this.fail(toGoldError(error));
    }
  }

  /**
   * Shows the table `get` gives (or the error it or `isEmpty` throws) for load number `seq`;
   * `goldboard-ready` once it is drawn, unless a newer load has started by then.
   */
  private settle(seq: number, get: () => GoldTable): void {
    let table: GoldTable;
    let empty: boolean;
    try {
      table = get();
      empty = this.isEmpty(table);
    } catch (error) {
      this.fail(toGoldError(error));
      return;
    }
    this.table = table;
    this.error = undefined;
    this.state = empty ? 'empty' : 'ready';
    const dataset = this.resolvedDataset;
    void this.updateComplete.then(() => {
      if (seq === this.loadSeq && this.table === table && this.state !== 'loading') {
        this.emit<GoldReadyDetail>('goldboard-ready', { dataset, rows: table.numRows });
      }
    });
  }

  /** Drawing attributes (not data properties) whose values `checkAttributes` checks. */
  protected checkedProperties(): readonly string[] {
    return [];
  }

  /** Throws for a drawing attribute outside its domain; part of `checkRequest`. */
  protected checkAttributes(): void {}

  /** Throws when a whole-number attribute, if set, is not one from `min`: `what` says what it counts. */
  protected requireWholeNumber(attribute: string, value: number | null | undefined, min: number, what: string): void {
    // Lit reads a removed attribute as null: unset.
    if (value === null || value === undefined || (Number.isInteger(value) && value >= min)) return;
    throw new GoldError('bad-param', `${this.localName} ${attribute} must be ${what}, got \`${this.getAttribute(attribute) ?? value}\`.`);
  }

  /** Throws when an attribute, if set, is not one of `options`. */
  protected requireOneOf(attribute: string, value: string | undefined, options: readonly string[]): void {
    if (!value || options.includes(value)) return;
    throw new GoldError('bad-param', `${this.localName} ${attribute} must be ${options.join(' or ')}, got \`${value}\`.`);
  }

  /**
   * Refuses, before anything is fetched, what the element cannot draw (an error shown like a
   * loading failure); by default a non-numeric column named by `numericColumn()`. A subclass
   * with more rules adds them here, so inline data still takes the first-render path.
   */
  protected checkRequest(): void {
    this.checkAttributes();
    requireDatasetName(this.resolvedDataset);
    // The range as the Gold server checks it (isCalendarDay): days that exist, written
    // YYYY-MM-DD, the first not after the last (so the texts compare as the days do).
    const { from, to } = this;
    for (const [name, text] of [['from', from], ['to', to]] as const) {
      if (text && !isCalendarDay(text)) throw new GoldError('bad-param', `${this.localName} ${name} must be a calendar day like 2019-11-01, got \`${text}\`.`);
    }
    if (from && to && from > to) throw new GoldError('bad-param', `${this.localName} to (${this.to}) is before from (${this.from}).`);
    this.requireWholeNumber('limit', this.limit, 1, 'a whole number of rows from 1');
    const [attribute, column] = this.numericColumn() ?? [];
    const spec = column ? columnSpec(this.resolvedDataset, column) : undefined;
    if (spec && !isNumericType(spec.type)) {
      throw new GoldError('bad-param', `${this.localName} ${attribute} \`${column}\` is ${spec.type}, not a number; choose a numeric column of ${this.resolvedDataset}.`);
    }
  }

  /**
   * Shows an error and fires `goldboard-error`. During an update (inline data validated in it)
   * the event waits for the update's end, so what a listener changes starts a new one.
   */
  protected fail(error: GoldError): void {
    if (this.state === 'error' && this.error?.message === error.message) return;
    this.table = undefined;
    this.error = error;
    this.state = 'error';
    const send = () => this.emit<GoldErrorDetail>('goldboard-error', { error, message: error.message });
    if (!this.isUpdatePending) send();
    else
      void this.updateComplete.then(() => {
        if (this.error === error) send();
      });
  }

  private waitForSource(name: string): void {
    this.stopWaitingForSource = onSourceChanged(name, () => {
      this.needsLoad = true;
      this.requestUpdate();
    });
    this.sourceTimer = setTimeout(() => {
      const known = sourceNames();
      this.fail(
        new GoldError(
          'no-source',
          `No source named "${name}" is registered (registered: ${known.length ? known.join(', ') : 'none'}). Add <goldboard-source name="${name}" base="…"> or call registerSource("${name}", adapter).`,
        ),
      );
      // Keep listening: a source registered late still brings the data.
    }, (this.constructor as typeof GoldDataElement).sourceWaitMs);
  }

  private stopWaiting(): void {
    this.stopWaitingForSource?.();
    this.stopWaitingForSource = undefined;
    clearTimeout(this.sourceTimer);
  }

  /** Fires a bubbling, composed CustomEvent (every Goldboard event crosses shadow roots). */
  protected emit<T>(type: string, detail: T): boolean {
    const event = new CustomEvent<T>(type, { detail, bubbles: true, composed: true });
    return this.dispatchEvent(event);
  }
}
