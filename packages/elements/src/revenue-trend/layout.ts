import { area, line } from 'd3-shape';
import { m4, formatNumber, type FormatOptions, type NumberFormatName } from '@goldboard/core';
import { linearScale, zeroBasedDomain, type LinearScale } from '../chart/linear-scale.js';
import { timeTicks, type TimeTick } from '../chart/time-ticks.js';
import type { TrendSeries } from './series.js';

export interface Margin {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** Everything drawn for one (data, range, size): computed once, read by every render. */
export interface TrendLayout {
  readonly width: number;
  readonly height: number;
  readonly margin: Margin;
  /** Time (epoch ms) -> x in the plot; domain is the visible range. */
  readonly x: LinearScale;
  /** Measure -> y in the plot; domain is zero-based and nice. */
  readonly y: LinearScale;
  readonly xTicks: readonly TimeTick[];
  readonly yTicks: readonly { value: number; label: string }[];
  readonly area: string;
  readonly line: string;
  readonly smoothed: string;
  /** How many points the line was drawn through (after M4). */
  readonly drawnPoints: number;
}

export interface LayoutInput {
  readonly series: TrendSeries;
  readonly start: number;
  readonly end: number;
  readonly smoothed: Float64Array | undefined;
  readonly width: number;
  readonly height: number;
  readonly lo: number;
  readonly hi: number;
  readonly format: NumberFormatName;
  readonly options: FormatOptions;
}

const AXIS_FORMAT: Partial<Record<NumberFormatName, NumberFormatName>> = {
  currency: 'compact-currency',
  'compact-currency': 'compact-currency',
  percent: 'percent',
};

/** Scales, ticks and paths of a trend, with the series downsampled (M4) to the plot's pixel columns. */
export function trendLayout(input: LayoutInput): TrendLayout {
  const { series, start, end, width, height, options } = input;
  const x0 = series.dates[start]!;
  const x1 = series.dates[end - 1]!;
  // A single day still gets a visible span.
  const [d0, d1] = x1 > x0 ? [x0, x1] : [x0 - 43_200_000, x0 + 43_200_000];
  const yTickCount = Math.max(2, Math.min(8, Math.floor(height / 48)));
  const yDomain = zeroBasedDomain(input.lo, input.hi, yTickCount);
  const axisFormat = AXIS_FORMAT[input.format] ?? 'compact';
  const yProbe = linearScale(yDomain, [0, 1]).ticks(yTickCount);
  const yLabels = yProbe.map((v) => formatNumber(v, axisFormat, options));
  const longest = yLabels.reduce((m, s) => Math.max(m, s.length), 0);
  const margin: Margin = { top: 18, right: 14, bottom: 24, left: Math.min(90, Math.max(28, Math.ceil(longest * 6.6) + 10)) };
  const plotWidth = Math.max(10, width - margin.left - margin.right);
  const plotHeight = Math.max(10, height - margin.top - margin.bottom);
  const x = linearScale([d0, d1], [0, plotWidth]);
  const y = linearScale(yDomain, [plotHeight, 0]);
  const xTicks = timeTicks(d0, d1, Math.max(2, Math.floor(plotWidth / 70)), options.locale);
  const yTicks = yProbe.map((value, i) => ({ value, label: yLabels[i]! }));

  // One pixel column per CSS pixel: M4 keeps ≤ 4 points per column, pixel-identical to all of them.
  const columns = Math.max(1, Math.round(plotWidth));
  const main = m4(series.dates, series.values, columns, d0, d1, start, end);
  const finite = (i: number, ys: Float64Array) => ys[i]! - ys[i]! === 0;
  const indices = (n: number) => Array.from({ length: n }, (_, i) => i);
  const mainIdx = indices(main.index.length);
  const base = y(Math.max(yDomain[0], Math.min(0, yDomain[1])));
  const areaPath =
    area<number>()
      .defined((i) => finite(i, main.y))
      .x((i) => x(main.x[i]!))
      .y0(base)
      .y1((i) => y(main.y[i]!))
      .digits(1)(mainIdx) ?? '';
  const linePath =
    line<number>()
      .defined((i) => finite(i, main.y))
      .x((i) => x(main.x[i]!))
      .y((i) => y(main.y[i]!))
      .digits(1)(mainIdx) ?? '';
  let smoothedPath = '';
  if (input.smoothed) {
    const s = m4(series.dates, input.smoothed, columns, d0, d1, start, end);
    smoothedPath =
      line<number>()
        .defined((i) => finite(i, s.y))
        .x((i) => x(s.x[i]!))
        .y((i) => y(s.y[i]!))
        .digits(1)(indices(s.index.length)) ?? '';
  }
  return { width, height, margin, x, y, xTicks, yTicks, area: areaPath, line: linePath, smoothed: smoothedPath, drawnPoints: main.index.length };
}
