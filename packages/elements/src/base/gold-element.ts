import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import {
  DATASETS,
  GoldError,
  LatestRequest,
  NUMBER_FORMATS,
  isAbortError,
  isNumericType,
  onSourceChanged,
  sharedLoader,
  sourceNames,
  toGoldError,
  validateTable,
  type DatasetName,
  type FieldMap,
  type FormatOptions,
  type GoldAdapter,
  type GoldQuery,
  type GoldTable,
  type NumberFormatName,
  type Row,
  type TableLike,
} from '@goldboard/core';
import { exportMenu, type ExportKind } from '../export/export-menu.js';
import { resolveSource, siblingUrl } from './data-source.js';
import { parseFieldMap } from './field-map.js';
import { themeStyles } from './theme.styles.js';

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
 * The shared base of Goldboard's data-bound elements: it resolves an adapter from the
 * element's attributes or properties, fetches (shared, newest wins), validates against the Gold
 * contract, reflects `state` on the host and fires `goldboard-ready` / `goldboard-error`.
 * Subclasses say which columns they need and draw the ready state.
 *
 * @event goldboard-ready - The data arrived and is drawn. `detail: { dataset, rows }`.
 * @event goldboard-error - Loading or drawing failed. `detail: { error, message }`.
 *
 * @csspart base - The element's frame.
 * @csspart message - The loading and empty texts.
 * @csspart error - The error view.
 * @csspart retry-button - The button that loads again after an error.
 * @csspart export-menu - The Export menu (with the `exportable` attribute).
 *
 * @cssprop --goldboard-background - Background of the frame.
 * @cssprop --goldboard-color - Text colour.
 * @cssprop --goldboard-muted-color - Secondary text colour.
 * @cssprop --goldboard-border-color - Frame and grid colour.
 * @cssprop --goldboard-accent - Colour of lines, bars and marks.
 * @cssprop --goldboard-positive-color - Colour of a rise.
 * @cssprop --goldboard-negative-color - Colour of a fall and of errors.
 * @cssprop --goldboard-focus-color - Keyboard focus ring.
 * @cssprop --goldboard-font-family - Font.
 * @cssprop --goldboard-radius - Corner radius of the frame.
 * @cssprop --goldboard-padding - Inner spacing of the frame.
 */
export abstract class GoldElement extends LitElement {
  static override styles = [themeStyles];

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
    locale: { type: String },
    currency: { type: String },
    format: { type: String },
    theme: { type: String, reflect: true },
    exportable: { type: Boolean, reflect: true },
    state: { type: String, reflect: true },
    adapter: { attribute: false },
    data: { attribute: false },
    table: { attribute: false, state: true },
    error: { attribute: false, state: true },
    menuHasDrawing: { attribute: false, state: true },
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
  /** BCP 47 locale for numbers and dates; the page's by default. */
  declare locale: string | undefined;
  /** ISO 4217 currency code; USD by default. */
  declare currency: string | undefined;
  /** `currency`, `number`, `percent`, `compact`, `compact-currency` or `integer`; chosen from what is shown by default. */
  declare format: NumberFormatName | undefined;
  /** `light`, `dark`, or unset to follow `prefers-color-scheme`. */
  declare theme: 'light' | 'dark' | undefined;
  /** Shows an Export menu (CSV of the data shown, SVG and PNG of the drawing). */
  declare exportable: boolean;
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

  /** @internal */
  declare private menuHasDrawing: boolean;
  private readonly request = new LatestRequest();
  private stopWaitingForSource: (() => void) | undefined;
  private sourceTimer: ReturnType<typeof setTimeout> | undefined;
  private needsLoad = true;
  private nextFetchFresh = false;

  constructor() {
    super();
    this.state = 'loading';
    this.exportable = false;
    this.menuHasDrawing = false;
  }

  /** The dataset read when the `dataset` attribute is not set. */
  protected abstract get defaultDataset(): DatasetName;

  /** The contract columns this element needs from its main dataset. */
  protected abstract requiredColumns(): readonly string[];

  /** Draws the ready state. */
  protected abstract renderReady(table: GoldTable): TemplateResult | typeof nothing;

  /** The element's name for people (used in loading texts and accessible names). */
  protected abstract get accessibleLabel(): string;

  /**
   * The column the element draws as a number, with the attribute that names it
   * (`['metric', 'revenue']`): checked against the contract before anything is fetched.
   */
  protected numericColumn(): readonly [attribute: string, column: string] | undefined {
    return undefined;
  }

  /** The number format when the `format` attribute is not set (or not a known format). */
  protected defaultFormat(): NumberFormatName {
    return 'number';
  }

  /** The number format in force. */
  protected get numberFormat(): NumberFormatName {
    return this.format && NUMBER_FORMATS.includes(this.format) ? this.format : this.defaultFormat();
  }

  /** The element's locale and currency, for the Intl formatting functions. */
  protected get formatOptions(): FormatOptions {
    return { locale: this.locale, currency: this.currency };
  }

  /** Properties of the subclass whose change means loading again. */
  protected dataProperties(): readonly string[] {
    return [];
  }

  /** The dataset this element reads. */
  get resolvedDataset(): DatasetName {
    return (this.datasetName as DatasetName | undefined) || this.defaultDataset;
  }

  /** Loads the element's tables; a subclass that needs more than its main dataset overrides it. */
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
    const keys = [...DATA_PROPERTIES, ...this.dataProperties()];
    if (keys.some((k) => (changed as Map<PropertyKey, unknown>).has(k))) this.needsLoad = true;
    if (this.needsLoad && this.isConnected) {
      this.needsLoad = false;
      this.state = 'loading';
      this.error = undefined;
      void this.load();
    }
  }

  override render(): TemplateResult {
    let body: TemplateResult | typeof nothing;
    try {
      body = this.renderBody();
    } catch (thrown) {
      // A drawing failure is shown like a loading failure; the host page never sees it thrown.
      const error = toGoldError(thrown, 'bad-data');
      queueMicrotask(() => this.fail(error));
      body = this.renderError(error);
    }
    return html`<div
      part="base"
      class="base"
      role="group"
      aria-label=${this.accessibleLabel}
      aria-busy=${this.state === 'loading' ? 'true' : 'false'}
    >
      ${body} ${this.exportable && this.state === 'ready' ? this.renderExportMenu() : nothing}
    </div>`;
  }

  private renderExportMenu(): TemplateResult {
    // Whether there is a drawing to export is read when the menu opens, once it is laid out.
    return exportMenu(
      this.accessibleLabel,
      this.menuHasDrawing,
      (kind) => void this.download(kind),
      (open) => {
        if (open) this.menuHasDrawing = this.exportSvgElement() !== null;
      },
    );
  }

  /** The table the element shows, as exported to CSV; a subclass that shows part of its table narrows it. */
  protected exportTable(): GoldTable | undefined {
    return this.table;
  }

  /** The columns exported to CSV, in order; all the table's columns by default. */
  protected exportColumns(table: GoldTable): readonly string[] {
    return table.columnNames;
  }

  /** The drawing exported as SVG and PNG: the element's first visible `<svg>`. */
  protected exportSvgElement(): SVGSVGElement | null {
    const all = [...(this.shadowRoot?.querySelectorAll('svg') ?? [])];
    return all.find((svg) => svg.getBoundingClientRect().width > 0) ?? null;
  }

  /** The data shown, as CSV (a header row, raw numbers, ISO days); empty before the data arrives. */
  async toCSV(): Promise<string> {
    const table = this.exportTable();
    if (!table) return '';
    // The export code is a chunk of its own: pages that never export never download it.
    const { tableToCsv } = await import('../export/export.js');
    return tableToCsv(table, this.exportColumns(table));
  }

  /** The drawing as a standalone SVG document, or '' when the element draws none. */
  async toSVG(): Promise<string> {
    const svg = this.exportSvgElement();
    if (!svg) return '';
    const { svgToString } = await import('../export/export.js');
    const background = getComputedStyle(this.shadowRoot!.querySelector('[part~="base"]')!).backgroundColor;
    return svgToString(svg, background);
  }

  /** The drawing as a PNG at twice its size. */
  async toPNG(): Promise<Blob> {
    const svg = this.exportSvgElement();
    if (!svg) throw new GoldError('bad-data', `${this.localName} has no drawing to export.`);
    const box = svg.getBoundingClientRect();
    const { svgToPng } = await import('../export/export.js');
    return svgToPng(await this.toSVG(), box.width, box.height);
  }

  /** Saves the CSV, SVG or PNG as a file named after the element's label. */
  async download(kind: ExportKind): Promise<void> {
    const name = this.accessibleLabel.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || this.localName;
    try {
      const { saveFile } = await import('../export/export.js');
      if (kind === 'csv') saveFile(await this.toCSV(), `${name}.csv`, 'text/csv;charset=utf-8');
      else if (kind === 'svg') saveFile(await this.toSVG(), `${name}.svg`, 'image/svg+xml');
      else saveFile(await this.toPNG(), `${name}.png`, 'image/png');
    } catch (error) {
      this.fail(toGoldError(error));
    }
  }

  private renderBody(): TemplateResult | typeof nothing {
    switch (this.state) {
      case 'ready':
        return this.table ? this.renderReady(this.table) : this.renderLoading();
      case 'empty':
        return this.renderEmpty();
      case 'error':
        return this.renderError(this.error ?? new GoldError('bad-data', 'Something went wrong.'));
      default:
        return this.renderLoading();
    }
  }

  /** The loading view: a skeleton and a text for assistive technology. */
  protected renderLoading(): TemplateResult {
    return html`<div class="skeleton" style="height: 100%; min-height: 3em" aria-hidden="true"></div>
      <p part="message" class="visually-hidden">Loading ${this.accessibleLabel}…</p>`;
  }

  /** The empty view. */
  protected renderEmpty(): TemplateResult {
    return html`<p part="message">${this.emptyMessage()}</p>`;
  }

  protected emptyMessage(): string {
    return this.hasDataSource() ? 'No data for this selection.' : 'No data source: set src, source, adapter or data.';
  }

  /** The error view, with a retry button. */
  protected renderError(error: GoldError): TemplateResult {
    return html`<div part="error" role="alert">
      <p>${error.message}</p>
      <button part="retry-button" type="button" @click=${() => this.refresh()}>Retry</button>
    </div>`;
  }

  private hasDataSource(): boolean {
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
    this.stopWaiting();
    const resolved = resolveSource({ data: this.data, adapter: this.adapter, src: this.src, source: this.source, srcFor: (d) => this.srcFor(d) });
    if (!resolved) {
      this.request.cancel();
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
      this.fail(new GoldError('bad-param', (error as Error).message));
      return;
    }
    const query = (dataset: string): GoldQuery => ({
      dataset,
      from: this.from || undefined,
      to: this.to || undefined,
      limit: Number.isFinite(this.limit) ? this.limit : undefined,
      segment: this.segment || undefined,
    });
    const fresh = this.nextFetchFresh;
    this.nextFetchFresh = false;
    if ('data' in resolved && this.loadTables === GoldElement.prototype.loadTables) {
      // Data given inline is validated now, inside this update: the first render draws it.
      this.request.cancel();
      this.settle(() => {
        this.checkNumericColumn();
        return validateTable(this.resolvedDataset, resolved.data, { columns: this.requiredColumns(), fields, label: this.resolvedDataset });
      });
      return;
    }
    try {
      const result = await this.request.run((signal) => {
        this.checkNumericColumn();
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
      if (!result.current) return;
      this.settle(() => result.value);
    } catch (error) {
      if (isAbortError(error)) return;
      this.fail(toGoldError(error));
    }
  }

  /** Shows the table `get` gives (or the error it throws); `goldboard-ready` once it is drawn. */
  private settle(get: () => GoldTable): void {
    let table: GoldTable;
    try {
      table = get();
    } catch (error) {
      this.fail(toGoldError(error));
      return;
    }
    this.table = table;
    this.error = undefined;
    this.state = this.isEmpty(table) ? 'empty' : 'ready';
    void this.updateComplete.then(() => {
      if (this.table === table) this.emit<GoldReadyDetail>('goldboard-ready', { dataset: this.resolvedDataset, rows: table.numRows });
    });
  }

  private checkNumericColumn(): void {
    const [attribute, column] = this.numericColumn() ?? [];
    const spec = column ? DATASETS[this.resolvedDataset]?.columns.find((c) => c.name === column) : undefined;
    if (spec && !isNumericType(spec.type)) {
      throw new TypeError(`${this.localName} ${attribute} \`${column}\` is ${spec.type}, not a number; choose a numeric column of ${this.resolvedDataset}.`);
    }
  }

  /** Shows an error and fires `goldboard-error`. */
  protected fail(error: GoldError): void {
    if (this.state === 'error' && this.error?.message === error.message) return;
    this.table = undefined;
    this.error = error;
    this.state = 'error';
    this.emit<GoldErrorDetail>('goldboard-error', { error, message: error.message });
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
          `No source named "${name}" is registered (registered: ${known.length ? known.join(', ') : 'none'}). Add <goldboard-source name="${name}" src="…"> or call registerSource("${name}", adapter).`,
        ),
      );
      // Keep listening: a source registered late still brings the data.
    }, (this.constructor as typeof GoldElement).sourceWaitMs);
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
