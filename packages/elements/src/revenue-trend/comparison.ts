import { html, svg, type TemplateResult } from 'lit';
import { DAY, formatDate, formatNumber, isAbortError, isoDay, m4, parseIsoDate, type FormatOptions, type GoldTable, type NumberFormatName } from '@goldboard/core';
import type { LoadContext } from '../base/gold-data-controller.js';
import { linePaths } from '../chart/line-path.js';
import { comparedPeriod, yearBefore, type CompareMode } from '../kpi-card/compare.js';
import type { TrendLayout } from './layout.js';
import type { TrendSeries } from './series.js';

/**
 * The comparison line of `<revenue-trend compare>`, a chunk loaded only by trends that compare:
 * the same measure over the period before the one shown (`previous`, as long) or the same days a
 * year earlier (`last-year`), shifted onto the current time axis, so each day is drawn over the
 * day it is compared with. Read through the element's source for that period (one request);
 * listed in the legend, the tooltip, the data table and the CSV.
 */
export class TrendComparison {
  /** Per series (by its dates), the compared values aligned to its rows (NaN: no such day). */
  private aligned = new WeakMap<Float64Array, Float64Array>();

  private constructor(
    readonly mode: CompareMode,
    /** `Previous period` or `Last year`. */
    readonly label: string,
    /** The compared days, for people; or why there is no comparison. */
    readonly note: string,
    private readonly shift: (time: number) => number,
    private readonly values: Map<number, number>,
  ) {}

  /**
   * Loads the compared period of the trend's table: the element's range (`from`, `to`), else the
   * table's first and last days. A failure is a comparison with no values and a note saying why.
   */
  static async load(context: LoadContext, table: GoldTable, options: { dataset: Parameters<LoadContext['load']>[0]; measure: string; mode: CompareMode; from?: string | undefined; to?: string | undefined; locale?: string | undefined }): Promise<TrendComparison> {
    const { mode, measure, locale } = options;
    const label = mode === 'last-year' ? 'Last year' : 'Previous period';
    const dates = table.numbers('event_date');
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < dates.length; i++) {
      const t = dates[i]!;
      if (t < first) first = t;
      if (t > last) last = t;
    }
    const from = options.from ? parseIsoDate(options.from) : Math.floor(first / DAY) * DAY;
    const to = options.to ? parseIsoDate(options.to) : Math.floor(last / DAY) * DAY;
    if (!(to >= from)) return new TrendComparison(mode, label, 'no days to compare', () => NaN, new Map());
    const [a, b] = comparedPeriod(mode, from, to);
    const offset = from - a;
    const shift = mode === 'last-year' ? (t: number) => yearBefore(t - (t % DAY)) + (t % DAY) : (t: number) => t - offset;
    const note = `${formatDate(a, 'day', { locale })} – ${formatDate(b, 'day', { locale })}`;
    try {
      const compared = await context.load(options.dataset, ['event_date', measure], { from: isoDay(a), to: isoDay(b) });
      const days = compared.numbers('event_date');
      const values = compared.numbers(measure);
      const byTime = new Map<number, number>();
      for (let i = 0; i < days.length; i++) if (days[i]! >= a && days[i]! < b + DAY) byTime.set(days[i]!, values[i]!);
      return new TrendComparison(mode, label, byTime.size ? note : `${note}: no data`, shift, byTime);
    } catch (error) {
      if (isAbortError(error) || context.signal.aborted) throw error;
      return new TrendComparison(mode, label, `${note}: ${(error as Error).message}`, shift, new Map());
    }
  }

  /** The compared value of each row of a series (NaN where that day has none). */
  alignedTo(series: TrendSeries): Float64Array {
    let out = this.aligned.get(series.dates);
    if (!out) {
      out = new Float64Array(series.dates.length);
      for (let i = 0; i < out.length; i++) out[i] = this.values.get(this.shift(series.dates[i]!)) ?? NaN;
      this.aligned.set(series.dates, out);
    }
    return out;
  }

  /** The highest compared value over rows `[start, end)` (so the y axis holds the line); -Infinity when none. */
  max(series: TrendSeries, start: number, end: number): number {
    const values = this.alignedTo(series);
    let max = -Infinity;
    for (let i = start; i < end; i++) if (values[i]! > max) max = values[i]!;
    return max;
  }

  /** The line, downsampled to the plot's columns as the main line is. */
  path(layout: TrendLayout, series: TrendSeries, start: number, end: number): TemplateResult {
    const [d0, d1] = layout.x.domain;
    const kept = m4(series.dates, this.alignedTo(series), Math.max(1, Math.round(layout.x.range[1])), d0, d1, start, end);
    return svg`<path part="compare" class="compare" d=${linePaths(kept.x, kept.y, layout.x, layout.y, NaN).line}></path>`;
  }

  /** The legend: the measure's line and the comparison's. */
  legend(measureLabel: string): TemplateResult {
    return html`<p part="legend" class="legend">
      <span class="key"></span>${measureLabel} <span class="key compare"></span>${this.label} (${this.note})
    </p>`;
  }

  /** The tooltip's line for row `i`. */
  tip(series: TrendSeries, i: number, format: NumberFormatName, options: FormatOptions): TemplateResult {
    return html`<br /><span>${this.label}: ${this.text(series, i, format, options)}</span>`;
  }

  /** The compared value of row `i`, formatted. */
  text(series: TrendSeries, i: number, format: NumberFormatName, options: FormatOptions): string {
    return formatNumber(this.alignedTo(series)[i], format, options);
  }
}
