import { html, nothing, svg, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import {
  GoldTable,
  NumberColumn,
  formatNumber,
  isoDay,
  measureSpec,
  nearestIndex,
  readArrowNumbers,
  useArrowNumbers,
  type DatasetName,
  type NumberFormatName,
} from '@goldboard/core';
import { GoldElement, oneOf, wholeNumber, type GoldProperties } from '../base/gold-element.js';
import { chartStyles } from '../chart/chart.styles.js';
import { cssProps } from '../chart/css-props.js';
import { dataTable } from '../chart/data-table.js';
import { PlotSize } from '../chart/plot-size.js';
import { formatInstant } from '../chart/time-ticks.js';
import { drawing, preloadDrawing, withDrawing } from './drawing.js';
import { keyAction } from './keys.js';
import type { TrendLayout, TrendLayoutDownsample } from './layout.js';
import { revenueTrendStyles } from './revenue-trend.styles.js';
import type { Extremes, TrendSeries } from './series.js';
import type { TrendZoom } from './zoom.js';
import type { TrendComparison } from './comparison.js';
import type { LoadContext } from '../base/gold-data-controller.js';

// A trend may be handed millions of rows as an apache-arrow or flechette table (`data`): their
// columns are read from their buffers, not value by value (in the validation of each load, which
// may come before the drawing code, when that is a chunk).
useArrowNumbers(readArrowNumbers);

/** Detail of `goldboard-select` from `<revenue-trend>`. */
export interface TrendSelectDetail {
  dataset: string;
  measure: string;
  /** The point's time, epoch ms UTC. */
  date: number;
  /** The point's UTC day, `YYYY-MM-DD`. */
  day: string;
  value: number | null;
}

/** The derived data of one table: rebuilt only when the data, range, smoothing or zoom change. */
export interface Derived {
  readonly table: GoldTable;
  readonly series: TrendSeries;
  readonly start: number;
  readonly end: number;
  readonly extremes: Extremes;
  readonly smoothing: number;
  readonly smoothed: Float64Array | undefined;
  /** A zoomed view's downsampler (from its multi-resolution summary); M4 over the rows otherwise. */
  readonly downsample?: TrendLayoutDownsample;
}

/**
 * A measure of `daily_metrics` over time (Daily Revenue Trend): an area or line over
 * `event_date`, an optional moving average, the peak and low days marked, a crosshair and
 * tooltip that follow the pointer or the arrow keys, and a UTC time axis whose tick density
 * follows the width. Series of any length are downsampled (M4) to the plot's pixel columns; the
 * tooltip, the keyboard (with a live region) and the data table (the Table button, built only
 * when asked for, so a million points cost nothing there) always give the real values.
 * Zoom and pan (drag to brush, ctrl + wheel or a trackpad's pinch, two fingers on a touch screen,
 * `+`/`-`, double-click or Escape to reset; see `zoom.ts`) load on first use; the table and the exports follow the range shown.
 *
 * @summary A time series of a daily measure with peak and low days.
 * @tagname revenue-trend
 *
 * @example
 * <revenue-trend src="gold/daily_metrics.arrow" measure="revenue" smoothing="7"></revenue-trend>
 *
 * @event {CustomEvent<TrendSelectDetail>} goldboard-select - A point was clicked or chosen with Enter. `detail: { dataset, measure, date, day, value }`.
 * @event {CustomEvent<TrendZoomDetail>} goldboard-zoom - The user zoomed, panned or reset the view. `detail: { dataset, measure, zoomed, start, end, from, to }` (the first and last points shown, as epoch ms and UTC days).
 *
 * @csspart title - The chart's title.
 * @csspart summary - The peak and low line under the title.
 * @csspart plot - The focusable plot box (arrow keys move the crosshair).
 * @csspart area - The area under the line.
 * @csspart line - The line of the measure.
 * @csspart smoothed - The moving-average line.
 * @csspart x-axis - The time axis.
 * @csspart y-axis - The value axis.
 * @csspart peak - The marker of the highest point.
 * @csspart low - The marker of the lowest point.
 * @csspart crosshair - The crosshair at the active point.
 * @csspart tooltip - The tooltip of the active point.
 * @csspart table-toggle - The button that shows and hides the data table.
 * @csspart data-table - The table of the real values (shown by the Table button or `show-table`).
 * @csspart compare - The comparison line (`compare`): the period compared, shifted onto the time axis.
 * @csspart legend - The legend of the line and the comparison line (with `compare`).
 * @csspart brush - The range being brushed while dragging over the plot.
 * @csspart zoom-reset - The Reset zoom button, shown while zoomed.
 *
 * @cssprop --goldboard-chart-height - Height of the plot (240px).
 * @cssprop --goldboard-trend-line - Colour of the line (the accent colour).
 * @cssprop --goldboard-trend-line-width - Width of the line (2px; 1px when there is more than a point per two pixels).
 * @cssprop --goldboard-trend-area - Fill of the area (the soft accent colour).
 * @cssprop --goldboard-trend-smoothed - Colour of the moving average (the text colour).
 * @cssprop --goldboard-trend-compare - Colour of the comparison line (the muted text colour).
 * @cssprop --goldboard-peak-color - Colour of the peak marker (the positive colour).
 * @cssprop --goldboard-low-color - Colour of the low marker (the negative colour).
 */
export class RevenueTrend extends GoldElement {
  static override styles = [...GoldElement.styles, chartStyles, revenueTrendStyles];

  static override properties: GoldProperties = {
    measure: { type: String, default: 'revenue', data: true },
    // 0 or 1: no moving average; else its width in points.
    smoothing: { type: Number, default: 0, check: wholeNumber(0, 'a whole number of points (0 for none)') },
    label: { type: String },
    variant: { type: String, reflect: true, default: 'area', check: oneOf('area', 'line') },
    tableRows: { type: Number, attribute: 'table-rows', default: 1000 },
    showTable: { type: Boolean, attribute: 'show-table', reflect: true, default: false },
    activeIndex: { state: true, default: -1 },
    zoomRange: { attribute: false },
    zoomFilter: { type: Boolean, attribute: 'zoom-filter', default: false },
    compare: { type: String, data: true, check: oneOf('previous', 'last-year') },
  };

  /** The `daily_metrics` column drawn (revenue, purchases, events, views, carts, users, buyers). */
  declare measure: string;
  /** Days (points) in the trailing moving average; 0 or unset for none. */
  declare smoothing: number;
  /** The title; `Daily <Measure> Trend` by default. */
  declare label: string | undefined;
  /** `area` (default) or `line`. */
  declare variant: 'area' | 'line';
  /** At most this many rows in the data-table view (1000); the keyboard reaches every row. */
  declare tableRows: number;
  /** Shows the data table of the real values under the chart (the Table button toggles it). */
  declare showTable: boolean;
  /**
   * The time range shown, `[start, end]` in epoch ms (the points inside it are drawn); unset for
   * the whole range. Zooming sets it; set it to zoom from script.
   */
  declare zoomRange: readonly [number, number] | undefined;
  /**
   * A zoom sets the date range of the trend's `source` (its filter, as `<goldboard-date-range>`
   * does), so every element reading the source follows it, this trend too; zooming out and
   * panning reach past the range its data holds, and a reset (or a zoom out to everything)
   * clears it. A burst of steps (a pinch, the wheel) sets the range once, when it rests. A
   * trend with its own `from`/`to` does not follow its source's range, so it zooms its own view.
   */
  declare zoomFilter: boolean;
  /**
   * A comparison line: `previous` (the period of the same length just before the one shown) or
   * `last-year` (the same days a year earlier), shifted onto the time axis, in the legend, the
   * tooltip, the data table and the CSV. Read through the element's source for that period.
   */
  declare compare: 'previous' | 'last-year' | undefined;
  /** The series row under the crosshair; -1 for none. */
  declare protected activeIndex: number;

  protected readonly gold = this.dataController({
    columns: () => ['event_date', this.measure],
    numeric: () => ['measure', this.measure],
    isEmpty: (table) => table.numRows === 0 || this.derive(table).extremes.defined === 0,
    // A new table: no point is active any more.
    onTable: () => (this.activeIndex = -1),
    // The drawing code may be a chunk (the standalone bundle): it is fetched alongside the data.
    load: (context) => withDrawing(this.load(context)),
  });
  /** The comparison line's data, from the chunk loaded by trends that compare. */
  private comparison: TrendComparison | undefined;
  private readonly plotSize = new PlotSize(this, '[part~="plot"]', 240);
  private base: Derived | undefined;
  private derived: Derived | undefined;
  private zoomer: TrendZoom | undefined;
  private zoomLoad: Promise<TrendZoom | undefined> | undefined;
  private layoutCache: { key: string; derived: Derived; layout: TrendLayout } | undefined;
  private liveText = '';

  static override sizedByContainer = true;

  override connectedCallback(): void {
    // Where the drawing code is a chunk, it is asked for now: it arrives with the data.
    preloadDrawing();
    super.connectedCallback();
  }

  protected override presetSize([width, height]: readonly [number, number]): void {
    this.plotSize.preset(width, height);
  }

  protected get defaultDataset(): DatasetName {
    return 'daily_metrics';
  }

  protected get accessibleLabel(): string {
    return this.label || `Daily ${this.measureLabel} Trend`;
  }

  private get measureLabel(): string {
    return measureSpec(this.resolvedDataset, this.measure).label;
  }

  protected override defaultFormat(): NumberFormatName {
    return measureSpec(this.resolvedDataset, this.measure).format;
  }

  protected override emptyMessage(): string {
    if (!this.table || this.table.numRows === 0) return super.emptyMessage();
    const { from, to } = this.filter;
    const range = [from, to].filter(Boolean).join(' – ');
    return range ? `No ${this.measureLabel.toLowerCase()} between ${range}.` : `No ${this.measureLabel.toLowerCase()} values in this data.`;
  }

  /**
   * The series, visible range, extremes and moving average of a table. A new measure or range
   * loads a new table, so within one table only the smoothing can change.
   */
  private derive(table: GoldTable): Derived {
    const base = this.deriveAll(table);
    if (this.zoomRange && !this.zoomer) void this.loadZoom().then(() => this.requestUpdate());
    return (this.derived = this.zoomer?.view(base, this.zoomRange) ?? base);
  }

  /** `derive` without the zoom. */
  private deriveAll(table: GoldTable): Derived {
    const d = this.base;
    const smoothing = Number.isFinite(this.smoothing) && this.smoothing > 1 ? Math.floor(this.smoothing) : 0;
    if (d?.table === table && d.smoothing === smoothing) return d;
    if (d?.table === table) {
      this.base = { ...d, smoothing, smoothed: smoothing ? drawing().movingAverage(d.series.values, smoothing) : undefined };
      return this.base;
    }
    const { trendSeries, dateRange, extremes, movingAverage } = drawing();
    const series = trendSeries(table, this.measure);
    const [start, end] = dateRange(series.dates, this.filter.from, this.filter.to);
    const ext = start === 0 && end === series.dates.length ? series.extremes : extremes(series.values, start, end);
    const smoothed = smoothing ? movingAverage(series.values, smoothing) : undefined;
    this.base = { table, series, start, end, extremes: ext, smoothing, smoothed };
    return this.base;
  }

  /** The series, and with `compare` the compared period (its code a chunk of its own). */
  private load(context: LoadContext): GoldTable | Promise<GoldTable> {
    const table = context.load(this.resolvedDataset, ['event_date', this.measure]);
    const { compare, measure, locale } = this;
    this.comparison = undefined;
    if (!compare) return table;
    return Promise.all([table, import('./comparison.js')]).then(async ([t, m]) => {
      const comparison = await m.TrendComparison.load(context, t, { dataset: this.resolvedDataset, measure, mode: compare, ...this.filter, locale });
      if (!context.signal.aborted) this.comparison = comparison;
      return t;
    });
  }

  /** Loads the zoom's chunk (once); undefined when it cannot be loaded. */
  private loadZoom = () => (this.zoomLoad ??= import('./zoom.js').then((m) => (this.zoomer = new m.TrendZoom(this as never)), () => undefined));

  /** Hands a plot event to the zoom, loading it first; true when the zoom took it. */
  private zoomEvent = (event: Event): boolean | void => {
    if (this.zoomer) return this.zoomer.handle(event);
    if ((event as WheelEvent).ctrlKey) event.preventDefault();
    void this.loadZoom().then((z) => z?.handle(event));
  };

  private layout(derived: Derived): TrendLayout {
    const { width, height } = this.plotSize.size;
    const key = `${width}|${height}|${this.numberFormat}|${this.locale ?? ''}|${this.currency ?? ''}`;
    if (this.layoutCache?.derived === derived && this.layoutCache.key === key) return this.layoutCache.layout;
    const { series, extremes: ext } = derived;
    const layout = drawing().trendLayout({
      series,
      start: derived.start,
      end: derived.end,
      smoothed: derived.smoothed,
      downsample: derived.downsample,
      width,
      height,
      lo: series.values[ext.low]!,
      hi: Math.max(series.values[ext.peak]!, this.comparison?.max(series, derived.start, derived.end) ?? -Infinity),
      format: this.numberFormat,
      options: this.formatOptions,
    });
    this.layoutCache = { key, derived, layout };
    return layout;
  }

  /** The CSV export: the days shown (after from/to), sorted, with the moving average when drawn. */
  protected override exportTable(): GoldTable | undefined {
    const d = this.table ? this.derive(this.table) : undefined;
    if (!d) return undefined;
    const { series, start, end } = d;
    const columns = [new NumberColumn('event_date', 'date', series.dates.subarray(start, end)), new NumberColumn(this.measure, 'number', series.values.subarray(start, end))];
    if (d.smoothed) columns.push(new NumberColumn(`${this.measure}_avg_${d.smoothing}`, 'number', d.smoothed.subarray(start, end)));
    const c = this.comparison;
    if (c) columns.push(new NumberColumn(`${this.measure}_${c.mode.replace('-', '_')}`, 'number', c.alignedTo(series).subarray(start, end)));
    return new GoldTable(this.resolvedDataset, end - start, columns);
  }

  /** The x domain (epoch ms) and y domain drawn now; undefined before data arrives. */
  get domains(): { x: readonly [number, number]; y: readonly [number, number] } | undefined {
    const cached = this.layoutCache;
    return cached ? { x: cached.layout.x.domain, y: cached.layout.y.domain } : undefined;
  }

  /** How many points the line was drawn through after downsampling. */
  get drawnPoints(): number {
    return this.layoutCache?.layout.drawnPoints ?? 0;
  }

  private value(i: number): string {
    return formatNumber(this.derived?.series.values[i], this.numberFormat, this.formatOptions);
  }

  private when(i: number): string {
    const d = this.derived;
    return d ? formatInstant(d.series.dates[i]!, d.series.subDay, this.locale) : '';
  }

  protected renderReady(table: GoldTable): TemplateResult {
    const derived = this.derive(table);
    const layout = this.layout(derived);
    const { series, start, end, extremes: ext } = derived;
    const { margin } = layout;
    const title = this.accessibleLabel;
    const peakText = `Peak ${this.when(ext.peak)}: ${this.value(ext.peak)}`;
    const lowText = `Low ${this.when(ext.low)}: ${this.value(ext.low)}`;
    const count = end - start;
    const first = this.when(start);
    const last = this.when(end - 1);
    const { extremeMarker, gridAndAxes } = drawing();
    const marker = (i: number, kind: 'peak' | 'low') => extremeMarker(layout, series.dates[i]!, series.values[i]!, kind);
    return html`<div class="chart">
      <div class="head">
        <p part="title">${title}</p>
        <p part="summary" id="summary">${peakText} · ${lowText}</p>
        ${this.comparison?.legend(this.measureLabel)}
        <button
          part="table-toggle"
          type="button"
          aria-expanded=${this.showTable ? 'true' : 'false'}
          aria-controls="table-view"
          @click=${() => (this.showTable = !this.showTable)}
        >
          ${this.showTable ? 'Hide table' : 'Table'}
        </button>
        ${this.zoomer?.controls()}
      </div>
      <div
        part="plot"
        class="plot"
        tabindex="0"
        role="group"
        aria-label=${`${title}, ${first} to ${last}, ${formatNumber(count, 'integer', this.formatOptions)} points. Use the arrow keys to move between points, + and - to zoom, Escape to reset.`}
        aria-describedby="summary"
        @pointermove=${this.onPointerMove}
        @pointerleave=${this.onPointerLeave}
        @pointerenter=${this.loadZoom}
        @pointerdown=${this.zoomEvent}
        @pointerup=${this.zoomEvent}
        @pointercancel=${this.zoomEvent}
        @wheel=${this.zoomEvent}
        @dblclick=${this.zoomEvent}
        @click=${this.onClick}
        @keydown=${this.onKeyDown}
        @focus=${this.onFocus}
        @blur=${this.onBlur}
      >
        <svg width=${layout.width} height=${layout.height} viewBox="0 0 ${layout.width} ${layout.height}" aria-hidden="true">
          <g transform="translate(${margin.left},${margin.top})">
            ${guard([layout], () => gridAndAxes(layout))}
            ${this.variant === 'line' ? nothing : svg`<path part="area" class="area" d=${layout.area}></path>`}
            <path part="line" class=${layout.band ? 'line band' : layout.dense ? 'line dense' : 'line'} d=${layout.line}></path>
            ${layout.smoothed ? svg`<path part="smoothed" class="smoothed" d=${layout.smoothed}></path>` : nothing}
            ${this.comparison?.path(layout, series, start, end)}
            ${marker(ext.low, 'low')} ${marker(ext.peak, 'peak')} ${this.renderCrosshair(layout)} ${this.zoomer?.brush(layout)}
          </g>
        </svg>
        ${this.renderTooltip(layout)}
      </div>
      <p class="visually-hidden" aria-live="polite" part="live">${this.liveText}</p>
      <div id="table-view" class="table-view" role="region" aria-label=${`${title}: data table`} tabindex=${this.showTable ? '0' : '-1'} ?hidden=${!this.showTable}>
        ${this.showTable ? this.renderTable(derived) : nothing}
      </div>
    </div>`;
  }

  private renderCrosshair(layout: TrendLayout): TemplateResult | typeof nothing {
    const i = this.activeIndex;
    const d = this.derived;
    return !d || i < d.start || i >= d.end ? nothing : drawing().crosshair(layout, d.series.dates[i]!, d.series.values[i]!);
  }

  private renderTooltip(layout: TrendLayout): TemplateResult | typeof nothing {
    const i = this.activeIndex;
    const d = this.derived;
    if (!d || i < d.start || i >= d.end) return nothing;
    const left = layout.margin.left + layout.x(d.series.dates[i]!);
    const flip = left > layout.width / 2;
    const smoothed = d.smoothed
      ? html`<span>${d.smoothing}-point average: ${formatNumber(d.smoothed[i], this.numberFormat, this.formatOptions)}</span>`
      : nothing;
    return html`<div
      part="tooltip"
      aria-hidden="true"
      ${cssProps({ left: `${left.toFixed(0)}px`, transform: `translateX(${flip ? 'calc(-100% - 12px)' : '12px'})` })}
    >
      <strong>${this.when(i)}</strong>
      <span>${this.measureLabel}: ${this.value(i)}</span><br />${smoothed}${this.comparison?.tip(d.series, i, this.numberFormat, this.formatOptions)}
    </div>`;
  }

  private renderTable(derived: Derived): TemplateResult {
    const { series, start, end, smoothed, smoothing } = derived;
    const shown = Math.min(end - start, Math.max(0, Math.floor(this.tableRows) || 0));
    const c = this.comparison;
    const headers = ['Date', this.measureLabel, ...(smoothed ? [`${smoothing}-point average`] : []), ...(c ? [c.label] : [])];
    const options = this.formatOptions;
    const rows: string[][] = [];
    for (let i = start; i < start + shown; i++) {
      const row = [formatInstant(series.dates[i]!, series.subDay, this.locale), formatNumber(series.values[i], this.numberFormat, options)];
      if (smoothed) row.push(formatNumber(smoothed[i], this.numberFormat, options));
      if (c) row.push(c.text(series, i, this.numberFormat, options));
      rows.push(row);
    }
    const note =
      shown < end - start
        ? `(first ${formatNumber(shown, 'integer', options)} of ${formatNumber(end - start, 'integer', options)} rows; the arrow keys on the chart reach every row)`
        : undefined;
    return dataTable(this.accessibleLabel, headers, rows, note, true);
  }

  /** Moves the crosshair to a series row and says its value (keyboard) or not (pointer). */
  private activate(index: number, speak: boolean): void {
    const d = this.derived;
    if (!d || d.end <= d.start) return;
    const i = Math.max(d.start, Math.min(d.end - 1, index));
    if (speak) {
      const avg = d.smoothed ? `, ${d.smoothing}-point average ${formatNumber(d.smoothed[i], this.numberFormat, this.formatOptions)}` : '';
      const mark = i === d.extremes.peak ? ' (peak)' : i === d.extremes.low ? ' (low)' : '';
      this.liveText = `${this.when(i)}: ${this.measureLabel} ${this.value(i)}${avg}${mark}`;
    }
    if (i !== this.activeIndex) this.activeIndex = i;
    else if (speak) this.requestUpdate();
  }

  /** O(log n): the pointer's x is turned into a time and found by binary search. */
  private indexAt(clientX: number): number {
    const d = this.derived;
    const layout = this.layoutCache?.layout;
    const svgEl = this.renderRoot.querySelector('[part~="plot"] svg');
    if (!d || !layout || !svgEl) return -1;
    const left = svgEl.getBoundingClientRect().left + layout.margin.left;
    return nearestIndex(d.series.dates, layout.x.invert(clientX - left), d.start, d.end);
  }

  private onPointerMove = (event: PointerEvent): void => {
    // A pinch's fingers move the view, not the crosshair.
    if (this.zoomer?.handle(event)) return;
    const i = this.indexAt(event.clientX);
    if (i >= 0) this.activate(i, false);
  };

  private onPointerLeave = (): void => {
    if (this.shadowRoot?.activeElement?.matches('[part~="plot"]')) return;
    this.activeIndex = -1;
  };

  private onClick = (event: MouseEvent): void => {
    // While the zoom loads, the click waits for it: it may end a brush, not choose a point (a
    // zoom that could not load leaves the click to choose one).
    if (this.zoomLoad && !this.zoomer) return void this.zoomLoad.then((zoom) => (zoom ? this.onClick(event) : this.pick(event)));
    if (!this.zoomer?.handle(event)) this.pick(event);
  };

  /** Chooses the point under a click. */
  private pick(event: MouseEvent): void {
    const i = this.indexAt(event.clientX);
    if (i >= 0) this.select(i);
  }

  private onFocus = (event: FocusEvent): void => {
    // A click focuses the plot too; only keyboard focus starts at the latest point.
    if (!(event.target as Element).matches(':focus-visible')) return;
    if (this.activeIndex < 0 && this.derived) this.activate(this.derived.end - 1, true);
  };

  private onBlur = (): void => {
    this.activeIndex = -1;
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    if (this.zoomer ? this.zoomer.handle(event) : '+=-_'.includes(event.key) && !this.zoomEvent(event)) return;
    const d = this.derived;
    const action = d ? keyAction(event.key, this.activeIndex, d.start, d.end) : undefined;
    if (!d || !action) return;
    event.preventDefault();
    if (action === 'select') this.select(this.activeIndex < 0 ? d.end - 1 : this.activeIndex);
    else if (action === 'clear') this.activeIndex = -1;
    else this.activate(action.move, true);
  };

  private select(i: number): void {
    const d = this.derived;
    if (!d || i < d.start || i >= d.end) return;
    const v = d.series.values[i]!;
    this.emit<TrendSelectDetail>('goldboard-select', {
      dataset: this.resolvedDataset,
      measure: this.measure,
      date: d.series.dates[i]!,
      day: isoDay(d.series.dates[i]!),
      value: v === v ? v : null,
    });
  }
}
