import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { formatNumber, measureSpec, sourceFilter, type DatasetName, type GoldTable, type MeasureSpec, type NumberFormatName } from '@goldboard/core';
import { GoldElement, oneOf, type GoldProperties } from '../base/gold-element.js';
import { barList, barScale, type BarItem } from '../chart/bar-list.js';
import { barListStyles, chartStyles } from '../chart/chart.styles.js';
import { dataTable } from '../chart/data-table.js';
import { donutPaths } from '../chart/donut.js';
import { segmentColourClass, segmentColourStyles } from '../chart/segment-colors.js';
import type { LinearScale } from '../chart/linear-scale.js';
import { segmentBreakdownStyles } from './segment-breakdown.styles.js';
import { segmentData, type SegmentDatum } from './segments.js';


/** Detail of `goldboard-select` from `<segment-breakdown>`. */
export interface SegmentSelectDetail {
  dataset: string;
  /** The segment label (what `<top-list segment=…>` filters by). */
  segment: string;
  measure: string;
  value: number | null;
  /** True when the segment is now selected, false when the click cleared the selection. */
  selected: boolean;
  /** The segment's row, every column (dates as epoch ms). */
  row: Record<string, number | string | null>;
}

/**
 * One bar (or donut slice) per customer segment of `segment_summary` for a measure (users,
 * revenue, average revenue, engagement, shares, conversion), with values and shares labelled and
 * a stable colour per segment label. Choosing a segment (click, Enter or Space) selects it and
 * fires `goldboard-select`, which a page uses to filter other elements by segment.
 *
 * @tagname segment-breakdown
 * @summary Customer segments compared on one measure, as bars or a donut.
 *
 * @example
 * <segment-breakdown src="gold/segment_summary.arrow" measure="avg_revenue" variant="bar"></segment-breakdown>
 *
 * @event {CustomEvent<SegmentSelectDetail>} goldboard-select - A segment was chosen. `detail: { dataset, segment, measure, value, selected, row }`.
 *
 * @csspart title - The chart's title.
 * @csspart list - The list of segments (buttons).
 * @csspart row - One segment's button.
 * @csspart label - A segment's label.
 * @csspart value - A segment's formatted value.
 * @csspart share - A segment's share of the whole.
 * @csspart bar - A segment's bar.
 * @csspart swatch - A segment's colour key (donut).
 * @csspart slice - A donut slice.
 * @csspart total - The total in the donut's hole.
 * @csspart message - The note on segments left out beyond `limit` (24 by default).
 * @csspart data-table - The visually hidden table of the values.
 *
 * @cssprop --goldboard-segment-high-value - Colour of "High-Value Loyal Customers".
 * @cssprop --goldboard-segment-occasional - Colour of "Occasional Buyers".
 * @cssprop --goldboard-segment-browsers - Colour of "Browsers / Non-Converters".
 * @cssprop --goldboard-segment-other - Colour of any other label (a fallback palette by label otherwise).
 * @cssprop --goldboard-donut-size - Largest size of the donut (200px).
 */
export class SegmentBreakdown extends GoldElement {
  static override styles = [...GoldElement.styles, chartStyles, barListStyles, segmentColourStyles, segmentBreakdownStyles];

  static override properties: GoldProperties = {
    measure: { type: String, default: 'users', data: true },
    variant: { type: String, reflect: true, default: 'bar', check: oneOf('bar', 'donut') },
    label: { type: String },
    selected: { type: String, reflect: true },
  };

  /** The `segment_summary` column compared (users, user_share, revenue, revenue_share, avg_revenue, avg_events, avg_purchases, conversion_rate). */
  declare measure: string;
  /** `bar` (default) or `donut`. */
  declare variant: 'bar' | 'donut';
  /** The title; `<Measure> by Segment` by default. */
  declare label: string | undefined;
  /** The selected segment label; set by a click, or by the page. */
  declare selected: string | undefined;

  protected readonly gold = this.dataController({
    columns: () => ['segment', this.measure],
    numeric: () => ['measure', this.measure],
  });
  private cache: { table: GoldTable; data: SegmentDatum[]; hidden: number; scale: LinearScale } | undefined;
  /** The segment last chosen for the source by its filters. */
  private chosenSegment: string | undefined;

  /** A segment chosen for the source (`<goldboard-filter segment>`) becomes the selection of its charts. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const chosen = this.source ? sourceFilter(this.source).segment : undefined;
    if (chosen !== this.chosenSegment) this.selected = this.chosenSegment = chosen;
  }

  protected get defaultDataset(): DatasetName {
    return 'segment_summary';
  }

  /** The measure compared, as core's measures describe it. */
  private get measureSpec(): MeasureSpec {
    return measureSpec(this.resolvedDataset, this.measure);
  }

  protected get accessibleLabel(): string {
    return this.label || `${this.measureSpec.label} by Segment`;
  }

  protected override defaultFormat(): NumberFormatName {
    return this.measureSpec.format;
  }

  /** The CSV export: the segments in the order drawn. */
  protected override exportTable(): GoldTable | undefined {
    return this.table ? this.table.take(this.derive(this.table).data.map((d) => d.row)) : undefined;
  }

  /** …with the segment, the measure and its share column. */
  protected override exportColumns(table: GoldTable): readonly string[] {
    const share = this.measureSpec.share;
    return ['segment', this.measure, ...(share && table.getChild(share) ? [share] : [])];
  }

  /** The segments drawn now, in order, with their values; empty before data arrives. */
  get segments(): readonly SegmentDatum[] {
    return this.cache?.data ?? [];
  }

  /** The value domain of the bars (zero-based). */
  get valueDomain(): readonly [number, number] | undefined {
    return this.cache?.scale.domain;
  }

  /** At most this many segments are drawn (`limit`, 24 by default): a chart of 100k bars helps nobody. */
  private get segmentLimit(): number {
    return this.limitOr(24);
  }

  /** The segments drawn: recomputed per table (a new measure or limit loads a new table). */
  private derive(table: GoldTable) {
    if (this.cache?.table !== table) {
      const all = segmentData(table, this.measure);
      const data = all.length > this.segmentLimit ? all.slice(0, this.segmentLimit) : all;
      this.cache = { table, data, hidden: all.length - data.length, scale: barScale(data.map((d) => d.value)) };
    }
    return this.cache;
  }

  protected renderReady(table: GoldTable): TemplateResult {
    const { data, scale, hidden } = this.derive(table);
    const info = this.measureSpec;
    const options = this.formatOptions;
    const shareText = (d: SegmentDatum) => (info.isShare || Number.isNaN(d.share) ? undefined : formatNumber(d.share, 'percent', options));
    const items: BarItem<SegmentDatum>[] = data.map((d, i) => ({
      key: `${i}|${d.segment}`,
      label: d.segment,
      value: d.value,
      valueText: formatNumber(d.value, this.numberFormat, options),
      share: shareText(d),
      colourClass: segmentColourClass(d.segment),
      selected: this.selected === d.segment,
      detail: d,
    }));
    const title = this.accessibleLabel;
    const list = barList(items, scale, title, (item) => this.choose(item.detail), { bars: this.variant !== 'donut', swatch: this.variant === 'donut' });
    const headers = ['Segment', info.label, ...(info.share ? ['Share'] : [])];
    const rows = data.map((d) => [d.segment, formatNumber(d.value, this.numberFormat, options), ...(info.share ? [formatNumber(d.share, 'percent', options)] : [])]);
    return html`<div class="chart">
      <div class="head"><p part="title">${title}</p></div>
      ${this.variant === 'donut' ? html`<div class="donut">${this.renderDonut(data, info.share !== undefined || info.isShare === true)}${list}</div>` : list}
      ${hidden > 0
        ? html`<p part="message">${`${formatNumber(hidden, 'integer', this.formatOptions)} more segment${hidden === 1 ? '' : 's'} not shown (limit ${this.segmentLimit}).`}</p>`
        : nothing}
      ${dataTable(title, headers, rows)}
    </div>`;
  }

  /** The bars are HTML, and the donut's key is: the SVG/PNG export draws them as laid out. */
  protected override exportHtmlDrawing(): HTMLElement | null {
    return this.shadowRoot?.querySelector<HTMLElement>(this.variant === 'donut' ? '.donut' : '[part~="list"]') ?? null;
  }

  /** The donut goes out with its key (the HTML drawing), not alone. */
  protected override exportSvgElement(): SVGSVGElement | null {
    return this.variant === 'donut' ? null : super.exportSvgElement();
  }

  private renderDonut(data: readonly SegmentDatum[], additive: boolean): TemplateResult {
    const values = data.map((d) => (d.value > 0 && d.value < Infinity ? d.value : 0));
    const paths = donutPaths(values, 62, 96);
    const total = values.reduce((a, b) => a + b, 0);
    const info = this.measureSpec;
    const centre = additive && !info.isShare ? formatNumber(total, info.format === 'currency' ? 'compact-currency' : 'compact', this.formatOptions) : '';
    return html`<svg viewBox="-100 -100 200 200" aria-hidden="true">
      ${paths.map((path, i) => {
        const d = data[i]!;
        return svg`<path
          part="slice"
          class=${`${segmentColourClass(d.segment)}${this.selected === d.segment ? ' selected' : ''}`}
          d=${path}
          @click=${() => this.choose(d)}
        ><title .textContent=${d.segment}></title></path>`;
      })}
      ${centre
        ? svg`<text part="total" text-anchor="middle" dy="0.2em">${centre}</text><text class="total-label" text-anchor="middle" dy="2.1em">total</text>`
        : nothing}
    </svg>`;
  }

  private choose(d: SegmentDatum): void {
    const selected = this.selected !== d.segment;
    this.selected = selected ? d.segment : undefined;
    this.emit<SegmentSelectDetail>('goldboard-select', {
      dataset: this.resolvedDataset,
      segment: d.segment,
      measure: this.measure,
      value: d.value - d.value === 0 ? d.value : null,
      selected,
      row: this.table?.row(d.row) ?? {},
    });
  }
}
