import { html, nothing, svg, type TemplateResult } from 'lit';
import {
  GoldError,
  formatDate,
  formatNumber,
  KPI_SUMMARY_MEASURES,
  measureIn,
  type DatasetName,
  type GoldTable,
  type MeasureSpec,
  type NumberFormatName,
} from '@goldboard/core';
import { GoldElement, oneOf, wholeNumber, type GoldProperties } from '../base/gold-element.js';
import type { LoadContext } from '../base/gold-data-controller.js';
import { kpiCardStyles } from './kpi-card.styles.js';
import { HeadlineFit } from './headline-fit.js';
import type { KpiTrend as Trend, PeriodDelta } from './trend.js';
import type { Comparison } from './compare.js';
import { compareCode } from './compare-code.js';

/**
 * One headline number from `kpi_summary` (Total Revenue, Total Purchases, …), with an optional
 * sparkline and change against the previous period from `daily_metrics`, or (`compare`) the
 * change against the same-length period before or the same days a year earlier (`compare.ts`).
 *
 * @tagname kpi-card
 * @summary A KPI card: label, value, delta and sparkline.
 *
 * @example
 * <kpi-card src="gold/kpi_summary.arrow" measure="revenue" format="currency" trend></kpi-card>
 *
 * @csspart label - The measure's label.
 * @csspart value - The formatted value.
 * @csspart delta - The change against the previous period.
 * @csspart sparkline - The SVG of the daily series.
 *
 * @cssprop --goldboard-kpi-value-size - Font size of the value (by default it shrinks with the card, up to 2.1em).
 * @cssprop --goldboard-sparkline-width - Width of the sparkline (100%).
 * @cssprop --goldboard-sparkline-height - Height of the sparkline (32px).
 */
export class KpiCard extends GoldElement {
  static override styles = [...GoldElement.styles, kpiCardStyles];

  static override properties: GoldProperties = {
    measure: { type: String, default: 'revenue', data: true },
    // The former name of `measure`, still read; `noAccessor`: the accessor below forwards it.
    metric: { type: String, noAccessor: true },
    label: { type: String },
    trend: { type: Boolean, default: false, data: true },
    trendDays: { type: Number, attribute: 'trend-days', default: 7, data: true, check: wholeNumber(1, 'a whole number of days from 1') },
    trendSrc: { type: String, attribute: 'trend-src', data: true },
    compare: { type: String, data: true, check: oneOf('previous', 'last-year') },
  };

  /** The `kpi_summary` column shown (revenue, purchases, events, users, conversion_rate, …). */
  declare measure: string;
  /** The label; the measure's label (core's measures) by default. */
  declare label: string | undefined;
  /** Shows the daily sparkline and the change against the previous period (reads `daily_metrics`). */
  declare trend: boolean;
  /** The length in days of the periods compared by the delta (7). */
  declare trendDays: number;
  /** URL of the `daily_metrics` file when it is not beside `src`. */
  declare trendSrc: string | undefined;
  /**
   * `previous` (the same-length period before the one shown) or `last-year` (the same days a year
   * earlier): the delta compares with it instead of the trend's last days. Sums come from
   * `daily_metrics`; distinct counts (users, buyers, conversion rate) from `kpi_summary` computed
   * for each period by the source (the Gold server).
   */
  declare compare: 'previous' | 'last-year' | undefined;

  private trendData: Trend | undefined;
  private trendError: string | undefined;
  private compared: Comparison | undefined;

  /** Keeps the headline whole: smaller, or compact ($5.5M), when the exact number does not fit the card. */
  private readonly headline = new HeadlineFit(this);

  protected readonly gold = this.dataController({
    columns: () => [this.measure],
    numeric: () => ['measure', this.measure],
    load: (context) => this.load(context),
    srcFor: (dataset) => (dataset === 'daily_metrics' && this.trendSrc) || undefined,
  });

  /**
   * The former name of `measure`, kept for the pages that use it; `measure` wins when both are set.
   * @deprecated Use `measure`.
   */
  get metric(): string {
    return this.measure;
  }
  set metric(value: string) {
    if (!this.hasAttribute('measure')) this.measure = value || 'revenue';
  }

  /** The measure shown, as core's KPI measures describe it (a headline of whichever dataset is read). */
  private get measureSpec(): MeasureSpec {
    return measureIn(KPI_SUMMARY_MEASURES, this.measure);
  }

  protected get defaultDataset(): DatasetName {
    return 'kpi_summary';
  }

  protected get accessibleLabel(): string {
    return this.label || this.measureSpec.label;
  }

  protected override defaultFormat(): NumberFormatName {
    return this.measureSpec.format;
  }

  /**
   * The summary figure, and the trend from `daily_metrics` and the comparison when asked for
   * (their code is a chunk loaded by the cards that show them).
   */
  private load(context: LoadContext): GoldTable | Promise<GoldTable> {
    const summary = context.load(this.resolvedDataset, [this.measure]);
    const { compare, measure, locale, trend, trendDays } = this;
    // Both from this load: a trend turned off (or fixed) leaves no marker of an earlier failure.
    if (!trend && !compare) {
      this.trendData = this.trendError = this.compared = undefined;
      // Inline data answers at once: the first render draws it.
      return summary instanceof Promise ? summary.then((t) => this.oneFigure(t)) : this.oneFigure(summary);
    }
    // Evaluated already (imported up front, or by an earlier card): no task to wait for.
    const extras = Promise.resolve(compareCode() ?? import('./compare.js')).then((m) =>
      Promise.all([trend ? m.loadTrend(context, measure, trendDays) : ({} as { data?: Trend; error?: string }), compare && Promise.resolve(summary).then((t) => m.compareFigure(context, t, { measure, mode: compare, from: this.filter.from, to: this.filter.to, locale }))]),
    );
    return Promise.all([summary, extras]).then(([table, [trend, comparison]]) => {
      // A superseded load (the trend turned off meanwhile, say) leaves the newer load's trend alone.
      if (context.signal.aborted) return table;
      this.trendData = trend.data;
      this.trendError = trend.error;
      this.compared = comparison || undefined;
      return this.oneFigure(table);
    });
  }

  /**
   * One figure: a table of several rows (daily_metrics, an unfiltered segment_summary) has no
   * single value to show, rather than its first row's.
   */
  private oneFigure(summary: GoldTable): GoldTable {
    if (summary.numRows > 1) {
      throw new GoldError('bad-data', `kpi-card shows one figure, but ${this.resolvedDataset} has ${summary.numRows} rows: read kpi_summary, or a dataset filtered to one row (segment).`, { dataset: this.resolvedDataset });
    }
    return summary;
  }

  /** The CSV holds the value shown (and the period it covers, when the table has it). */
  protected override exportColumns(table: GoldTable): readonly string[] {
    return [this.measure, ...['first_date', 'last_date'].filter((c) => table.getChild(c))];
  }

  protected renderReady(table: GoldTable): TemplateResult {
    const value = table.numbers(this.measure)[0];
    const options = this.formatOptions;
    const text = formatNumber(value, this.numberFormat, options);
    const compared = this.compared;
    const delta = compared ? ('error' in compared ? undefined : compared) : this.trendData?.delta;
    const deltaError = compared && 'error' in compared ? compared.error : this.trendError;
    const deltaText = delta ? this.deltaText(delta) : undefined;
    const period = this.periodText(table);
    const description = [`${this.accessibleLabel}: ${text}`, period, deltaText?.spoken ?? deltaError].filter(Boolean).join('. ');
    // The compact form of the number for a card too narrow for it; the exact one stays in the
    // title and for assistive technology.
    const format = this.numberFormat;
    const compact = formatNumber(value, format === 'currency' ? 'compact-currency' : format === 'number' || format === 'integer' ? 'compact' : format, options);
    return html`<div class="card">
      <p part="label" id="label">${this.accessibleLabel}</p>
      <p part="value" title=${period ? `${text} · ${period}` : text}>${this.headline.compact && compact !== text
        ? html`<span aria-hidden="true">${compact}</span><span class="visually-hidden">${text}</span>`
        : html`<span>${text}</span>`}</p>
      <div class="rulers" aria-hidden="true"><span class="ruler">${text}</span><span class="ruler">${compact}</span></div>
      ${deltaText
        ? html`<span part="delta" class=${deltaText.direction} title=${deltaText.spoken}>${deltaText.shown}</span>`
        : deltaError
          ? html`<span part="delta" class="unavailable" title=${deltaError}>—</span>`
          : nothing}
      ${this.trendData ? this.renderSparkline(this.trendData) : nothing}
      <p class="visually-hidden" id="description">${description}</p>
    </div>`;
  }

  private periodText(table: GoldTable): string | undefined {
    const first = table.getChild('first_date');
    const last = table.getChild('last_date');
    if (!first || !last || first.kind === 'text' || last.kind === 'text') return undefined;
    const options = { locale: this.locale };
    const a = first.get(0);
    const b = last.get(0);
    if (a === null || b === null) return undefined;
    return `${formatDate(a, 'day', options)} – ${formatDate(b, 'day', options)}`;
  }

  private deltaText(delta: PeriodDelta | Exclude<Comparison, { error: string }>): { shown: string; spoken: string; direction: string } | undefined {
    if (Number.isNaN(delta.change)) return undefined;
    const pct = formatNumber(Math.abs(delta.change), 'percent', { locale: this.locale });
    const direction = delta.change > 0 ? 'up' : delta.change < 0 ? 'down' : 'flat';
    const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '■';
    const days = 'label' in delta ? delta.label : `previous ${delta.days} day${delta.days === 1 ? '' : 's'}`;
    return {
      shown: `${arrow} ${pct} vs ${days}`,
      spoken: direction === 'flat' ? `unchanged from the ${days}` : `${direction} ${pct} from the ${days}`,
      direction,
    };
  }

  private renderSparkline({ series, line }: Trend): TemplateResult | typeof nothing {
    if (!line) return nothing;
    const n = series.dates.length;
    const options = this.formatOptions;
    const summary = `Daily ${this.accessibleLabel.toLowerCase()} from ${formatDate(series.dates[0], 'day', options)} to ${formatDate(series.dates[n - 1], 'day', options)}: lowest ${formatNumber(line.min, this.numberFormat, options)}, highest ${formatNumber(line.max, this.numberFormat, options)}`;
    return html`<svg part="sparkline" viewBox="0 0 100 28" preserveAspectRatio="none" role="img" aria-label=${summary}>
      ${svg`<path class="line" d=${line.path}></path>`}
    </svg>`;
  }

}
