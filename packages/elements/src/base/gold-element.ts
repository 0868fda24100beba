import { LitElement, html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { UpgradedProperties } from './upgrade.js';
import { GoldError, NUMBER_FORMATS, columnSpec, isNumericType, requireDatasetName, sourceFilter, toGoldError } from '@goldboard/core';
import type { DatasetName, FormatOptions, GoldAdapter, GoldTable, NumberFormatName, Row, SourceFilter, TableLike } from '@goldboard/core';
import type { ExportKind } from '../export/export-menu.js';
import type { Drawing } from '../export/export.js';
import { GoldDataController, type DataRequest, type GoldDataOptions, type GoldState } from './gold-data-controller.js';
import { calendarDay, currencyCode, languageTag, LEGACY_DATASET, legacyDatasetName, OBJECT_PROPERTIES, objectAsTextError, wholeNumber, type GoldProperties, type GoldProperty } from './attributes.js';
import { themeStyles } from './theme.styles.js';
import type { Snapshot } from './snapshot.js';

type ExportMenuModule = typeof import('../export/export-menu.js');
/** The Export menu is a chunk of its own, loaded once an element is first exportable and ready. */
let exportMenuModule: ExportMenuModule | undefined;
let exportMenuLoad: Promise<ExportMenuModule> | undefined;

export { oneOf, wholeNumber, type GoldProperties, type GoldProperty } from './attributes.js';
export type { GoldErrorDetail, GoldReadyDetail, GoldState, LoadContext } from './gold-data-controller.js';

/** Detail of `goldboard-export-error`. */
export interface GoldExportErrorDetail {
  /** The export that failed. */
  kind: ExportKind;
  error: GoldError;
  message: string;
}

/** What an element tells its data controller beyond its declarations. */
export interface DataOptions extends Pick<GoldDataOptions, 'load' | 'isEmpty' | 'srcFor' | 'onTable'> {
  /** The contract columns needed from the dataset read. */
  columns(): readonly string[];
  /** The column drawn as a number, with the attribute naming it: refused unless numeric. */
  numeric?(): readonly [attribute: string, column: string];
  /** The row limit asked of the adapter (which cuts in the dataset's own order). */
  queryLimit?(): number | undefined;
  /** Checks beyond the declared domains. */
  check?(): void;
}

/**
 * The shared base of Goldboard's data-bound elements: the attributes every one of them has, the
 * views (loading, empty, error with retry, and the ready state a subclass draws), theming,
 * locale and number format, and the Export menu (CSV, SVG, PNG). The data itself is a
 * `GoldDataController` each element composes (`gold`), told which columns it needs and what to
 * check; the view follows its status.
 *
 * @event {CustomEvent<GoldReadyDetail>} goldboard-ready - The data arrived and is drawn. `detail: { dataset, rows }`.
 * @event {CustomEvent<GoldErrorDetail>} goldboard-error - Loading or drawing failed. `detail: { error, message }`.
 * @event {CustomEvent<GoldExportErrorDetail>} goldboard-export-error - An export chosen in the menu or asked for with `download()` failed; the element keeps showing its data. `detail: { kind, error, message }`.
 *
 * @csspart base - The element's frame.
 * @csspart message - The loading and empty texts.
 * @csspart error - The error view.
 * @csspart retry-button - The button that loads again after an error.
 * @csspart export-menu - The Export menu (with the `exportable` attribute).
 * @csspart export-error - Why the last export from the menu failed, beside the menu.
 *
 * @cssprop --goldboard-background - Background of the frame.
 * @cssprop --goldboard-color - Text colour.
 * @cssprop --goldboard-muted-color - Secondary text colour.
 * @cssprop --goldboard-border-color - Frame and grid colour.
 * @cssprop --goldboard-accent - Colour of lines, bars and marks.
 * @cssprop --goldboard-accent-soft - Fill under the trend and of highlights.
 * @cssprop --goldboard-positive-color - Colour of a rise.
 * @cssprop --goldboard-negative-color - Colour of a fall and of errors.
 * @cssprop --goldboard-focus-color - Keyboard focus ring.
 * @cssprop --goldboard-font-family - Font.
 * @cssprop --goldboard-font-size - Base font size (default 14px).
 * @cssprop --goldboard-radius - Corner radius of the frame.
 * @cssprop --goldboard-padding - Inner spacing of the frame.
 */
export abstract class GoldElement extends LitElement {
  /** How long an element waits for a named source to be registered before it says so (ms). */
  static sourceWaitMs = 5000;

  static override styles = [themeStyles];

  static override properties: GoldProperties = {
    src: { type: String, data: true },
    source: { type: String, data: true },
    datasetName: { type: String, attribute: 'dataset-name', data: true },
    from: { type: String, data: true, check: calendarDay },
    to: { type: String, data: true, check: calendarDay },
    limit: { type: Number, data: true, check: wholeNumber(1, 'a whole number of rows from 1') },
    segment: { type: String, data: true },
    fields: { type: String, data: true },
    state: { type: String, reflect: true, default: 'loading' },
    adapter: { attribute: false, data: true },
    data: { attribute: false, data: true },
    locale: { type: String, check: languageTag },
    currency: { type: String, check: currencyCode },
    format: { type: String },
    theme: { type: String, reflect: true },
    exportable: { type: Boolean, reflect: true, default: false },
    menuHasDrawing: { attribute: false, state: true, default: false },
  };

  /** URL of one dataset's file (`.arrow` or `.json`). */
  declare src: string | undefined;
  /** Name of a registered source (see `<goldboard-source>` and `registerSource`). */
  declare source: string | undefined;
  /** The Gold dataset to read (attribute `dataset-name`); each element has a sensible default. */
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

  /** @internal */
  declare private menuHasDrawing: boolean;
  /** Rendered on the server: its data came with it. */
  private rendered = false;
  /** Why the last export failed, shown beside the menu until the next export or other data. */
  private exportError: string | undefined;

  /** The element's data. */
  protected abstract readonly gold: GoldDataController;

  constructor() {
    super();
    // Every declared default, from the declarations (a subclass's included).
    for (const [key, declaration] of this.declarations()) {
      if ('default' in declaration) (this as Record<PropertyKey, unknown>)[key] = declaration.default;
    }
    this.upgraded = new UpgradedProperties(this);
  }

  /** Properties set before the definition and since (see `UpgradedProperties`), until the first update. */
  private upgraded: UpgradedProperties | undefined;

  override requestUpdate(...args: Parameters<LitElement['requestUpdate']>): void {
    super.requestUpdate(...args);
    if (args[0] !== undefined) this.upgraded?.changed(args[0]);
  }

  protected override performUpdate(): void {
    const upgraded = this.upgraded;
    if (!upgraded) return super.performUpdate();
    upgraded.firstUpdate(() => super.performUpdate());
    this.upgraded = undefined;
  }

  protected override shouldUpdate(changed: PropertyValues): boolean {
    this.upgraded?.restored();
    return super.shouldUpdate(changed);
  }

  /**
   * Observes too the deprecated `dataset` (see `legacyDatasetName`), and `data` and `adapter`:
   * objects, which an attribute cannot carry, so their text (`data="[object Object]"` from a
   * framework that rendered before the element was defined) is shown as an error.
   */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, LEGACY_DATASET, ...OBJECT_PROPERTIES];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if ((OBJECT_PROPERTIES as readonly string[]).includes(name)) return this.requestUpdate();
    if (name !== LEGACY_DATASET) return super.attributeChangedCallback(name, old, value);
    const dataset = legacyDatasetName(this, value);
    if (dataset !== null) this.datasetName = dataset;
  }

  /**
   * The range and segment in force: the element's own `from` and `to`, else the range the filters
   * of its source chose (`<goldboard-date-range>`); its own `segment` (an element listing rows that
   * belong to a segment takes its source's too, see `<goldboard-filter>`).
   */
  get filter(): SourceFilter {
    const { from, to } = sourceFilter(this.source!);
    return { from: this.from || from, to: this.to || to, segment: this.segment };
  }

  override connectedCallback(): void {
    // Rendered on the server: drawn from the data sent with it, without a request.
    const snapshot = this.hasUpdated ? undefined : GoldElement.readSnapshot?.(this);
    super.connectedCallback();
    // Its first update (which takes over the server's markup) waits for the data to be drawn;
    // started once connected, so that the connection does not ask for a load of its own.
    if (snapshot) this.hydrating = this.renderFrom(snapshot);
  }

  /** Until the data sent with a server-rendered element is settled. */
  private hydrating: Promise<void> | undefined;

  protected override async scheduleUpdate(): Promise<unknown> {
    if (this.hydrating) await this.hydrating;
    this.hydrating = undefined;
    return super.scheduleUpdate();
  }

  /**
   * Reads the snapshot a server-rendered element was sent with (set by `hydrate.js`, which pages
   * rendered on the server load; other pages do without the code).
   * @internal
   */
  static readSnapshot: ((element: Element) => Snapshot | undefined) | undefined;

  /** Charts whose size follows their container, laid out at a given size on the server. */
  static sizedByContainer = false;


  /**
   * Server rendering: loads now, connected or not, and resolves once settled with every table
   * loaded (validated, with the columns asked of each).
   * @internal
   */
  async prerender(): Promise<{ key: string; error: GoldError | undefined; tables: ReadonlyMap<string, { table: GoldTable; columns: ReadonlySet<string> }> }> {
    const tables = (this.gold.loaded = new Map());
    await this.gold.settleNow();
    this.gold.loaded = undefined;
    return { key: this.gold.requestKey, error: this.state === 'error' ? this.gold.error : undefined, tables };
  }

  /**
   * Settles from `snapshot` (the data a server rendered the element from, validated again),
   * laid out at its plot size until the real size is measured; resolves once drawable.
   * @internal
   */
  renderFrom(snapshot: Snapshot): Promise<void> {
    this.rendered = true;
    this.gold.give(snapshot);
    if (snapshot.size) this.presetSize(snapshot.size);
    return this.gold.settleNow();
  }

  /** A chart sized by its container lays out at `size` until its plot box is measured. */
  protected presetSize(_size: readonly [number, number]): void {}

  private declarations(): [PropertyKey, GoldProperty][] {
    return [...(this.constructor as typeof LitElement).elementProperties] as [PropertyKey, GoldProperty][];
  }

  /**
   * The element's data controller: it loads again when a `data: true` attribute changes, and
   * checks every declared domain, the range and the numeric column before loading.
   */
  protected dataController(options: DataOptions): GoldDataController {
    return new GoldDataController(this, {
      ...options,
      request: () => this.dataRequest(options.columns(), options.queryLimit?.()),
      args: () => this.declarations().flatMap(([key, d]) => (d.data ? [(this as Record<PropertyKey, unknown>)[key]] : [])),
      check: () => {
        options.check?.();
        for (const [key, d] of this.declarations()) {
          if (d.check) d.check((this as Record<PropertyKey, unknown>)[key] as never, this, typeof d.attribute === 'string' ? d.attribute : String(key).toLowerCase());
        }
        this.checkCommon(options.numeric?.());
      },
    });
  }

  /** The dataset read when the `dataset-name` attribute is not set. */
  protected abstract get defaultDataset(): DatasetName;

  /** The dataset this element reads. */
  get resolvedDataset(): DatasetName {
    return (this.datasetName as DatasetName | undefined) || this.defaultDataset;
  }

  /** The validated table being drawn. */
  protected get table(): GoldTable | undefined {
    return this.gold.table;
  }

  /** Loads again, bypassing cached answers (what the retry button does). */
  refresh(): void {
    this.gold.refresh();
  }

  /**
   * The request of the element's data attributes, for its controller: `columns` of the dataset
   * read, and the row limit asked of the adapter (which cuts in the dataset's own order, so only
   * an element listing rows in that order passes one).
   */
  protected dataRequest(columns: readonly string[], queryLimit?: number): DataRequest {
    const { data, adapter, src, source, fields } = this;
    const misplaced = OBJECT_PROPERTIES.find((name) => this[name] === undefined && this.hasAttribute(name));
    const objectAsText = misplaced && objectAsTextError(this, misplaced, this.getAttribute(misplaced)!);
    // The range and segment in force (`filter`): the element's own, or its source's.
    return { data, adapter, src, source, dataset: this.resolvedDataset, columns, fields, ...this.filter, queryLimit, objectAsText };
  }

  /**
   * The checks across attributes (after each declared domain): the dataset name, a range whose
   * first day is not after its last (calendar days, so the texts compare as the days do), and
   * `numeric`: the column drawn as a number, with the attribute naming it.
   */
  private checkCommon(numeric?: readonly [attribute: string, column: string]): void {
    requireDatasetName(this.resolvedDataset);
    const { from, to } = this;
    if (from && to && from > to) throw new GoldError('bad-param', `${this.localName} to (${to}) is before from (${from}).`);
    const [attribute, column] = numeric ?? [];
    const spec = column ? columnSpec(this.resolvedDataset, column) : undefined;
    if (spec && !isNumericType(spec.type)) {
      throw new GoldError('bad-param', `${this.localName} ${attribute} \`${column}\` is ${spec.type}, not a number; choose a numeric column of ${this.resolvedDataset}.`);
    }
  }

  /** The `limit` attribute as a whole number of rows (its domain is checked): `fallback` when unset, at most `max`. */
  protected limitOr(fallback: number, max = Infinity): number {
    const limit = Number(this.limit);
    return Number.isFinite(limit) && limit > 0 ? Math.min(max, Math.floor(limit)) : fallback;
  }

  protected hasDataSource(): boolean {
    return Boolean(this.data || this.adapter || this.src || this.source || this.rendered);
  }

  /** Fires a bubbling, composed CustomEvent (every Goldboard event crosses shadow roots). */
  protected emit<T>(type: string, detail: T): boolean {
    return this.gold.emit(type, detail);
  }

  /** Draws the ready state. */
  protected abstract renderReady(table: GoldTable): TemplateResult | typeof nothing;

  /** The element's name for people (used in loading texts and accessible names). */
  protected abstract get accessibleLabel(): string;

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

  override render(): TemplateResult {
    // A note on an export belongs to the drawing it was about.
    if (this.state !== 'ready') this.exportError = undefined;
    let body: TemplateResult | typeof nothing;
    try {
      body = this.renderBody();
    } catch (thrown) {
      // A drawing failure is shown like a loading failure; the host page never sees it thrown.
      const error = toGoldError(thrown, 'bad-data');
      queueMicrotask(() => this.gold.fail(error));
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

  private renderExportMenu(): TemplateResult | typeof nothing {
    const menu = exportMenuModule;
    // Not on the server: a page without scripts could not export, so it shows no menu (the
    // room for it is kept, so the menu's arrival after hydration moves nothing).
    if (isServer) return nothing;
    // Nor in an element's first render: a server-rendered element's takes over the server's
    // markup, which has none (hydration fails on anything else); the menu follows at once.
    if (!this.hasUpdated) {
      void this.updateComplete.then(() => this.requestUpdate());
      return nothing;
    }
    if (!menu) {
      if (!exportMenuLoad) {
        exportMenuLoad = import('../export/export-menu.js').then((m) => (exportMenuModule = m));
        // A failed load is said once, and tried again by the next render that wants the menu.
        exportMenuLoad.catch((error: unknown) => {
          exportMenuLoad = undefined;
          console.error('The Export menu did not load:', error);
        });
      }
      void exportMenuLoad.then(() => this.requestUpdate(), () => undefined);
      return nothing;
    }
    menu.adoptExportMenuStyles(this);
    // Whether there is a drawing to export is read when the menu opens, once it is laid out.
    return menu.exportMenu(
      this.accessibleLabel,
      this.menuHasDrawing,
      (kind) => void this.download(kind),
      (open) => {
        if (open) this.menuHasDrawing = this.drawing() !== null;
      },
      this.exportError,
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

  /**
   * The drawing exported as SVG and PNG: the element's first visible `<svg>` that is not a part
   * of its HTML drawing (a bar list's bars are SVG rectangles).
   */
  protected exportSvgElement(): SVGSVGElement | null {
    const html = this.exportHtmlDrawing();
    const all = [...(this.shadowRoot?.querySelectorAll('svg') ?? [])];
    return all.find((svg) => svg.getBoundingClientRect().width > 0 && !html?.contains(svg)) ?? null;
  }

  /**
   * A drawing made of HTML (the bar lists), exported by drawing its boxes and texts as SVG when
   * the element has no `<svg>`; none by default.
   */
  protected exportHtmlDrawing(): HTMLElement | null {
    return null;
  }

  /** What `toSVG` draws: the `<svg>`, else the HTML drawing; null when the element shows neither. */
  private drawing(): Drawing | null {
    const svg = this.exportSvgElement();
    if (svg) return { svg };
    const html = this.exportHtmlDrawing();
    return html && html.getBoundingClientRect().width > 0 ? { html } : null;
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
    const drawing = this.drawing();
    return drawing ? (await import('../export/export.js')).drawingToSvg(drawing, this.frame) : '';
  }

  /** The drawing as a PNG at twice its size, painted onto a canvas (no image URL to load). */
  async toPNG(): Promise<Blob> {
    const drawing = this.drawing();
    if (!drawing) throw new GoldError('bad-data', `${this.localName} has no drawing to export.`);
    return (await import('../export/export.js')).drawingToPng(drawing, this.frame);
  }

  /** The element's frame, whose background the drawings are exported on. */
  private get frame(): Element {
    return this.shadowRoot!.querySelector('[part~="base"]')!;
  }

  /**
   * Saves the CSV, SVG or PNG as a file named after the element's label. A failure is the
   * export's, not the element's: it fires `goldboard-export-error` and is shown beside the
   * menu, and the element keeps showing its data.
   */
  async download(kind: ExportKind): Promise<void> {
    this.exportError = undefined;
    try {
      const { saveExport } = await import('../export/export.js');
      saveExport(await (kind === 'csv' ? this.toCSV() : kind === 'svg' ? this.toSVG() : this.toPNG()), kind, this.accessibleLabel, this.localName);
    } catch (thrown) {
      const error = toGoldError(thrown);
      const message = `The ${kind.toUpperCase()} export failed: ${error.message}`;
      this.exportError = message;
      this.emit<GoldExportErrorDetail>('goldboard-export-error', { kind, error, message });
    }
    this.requestUpdate();
  }

  private renderBody(): TemplateResult | typeof nothing {
    switch (this.state) {
      case 'ready':
        return this.table ? this.renderReady(this.table) : this.renderLoading();
      case 'empty':
        return this.renderEmpty();
      case 'error':
        return this.renderError(this.gold.error ?? new GoldError('bad-data', 'Something went wrong.'));
      default:
        return this.renderLoading();
    }
  }

  /** The loading view: a skeleton and a text for assistive technology. */
  protected renderLoading(): TemplateResult {
    return html`<div class="skeleton" aria-hidden="true"></div>
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
}
