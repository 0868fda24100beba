import { DAY, m4, formatNumber, type Downsampled, type FormatOptions, type NumberFormatName } from '@goldboard/core';
import { linearScale, zeroBasedDomain, type LinearScale } from '../chart/linear-scale.js';
import { linePaths, tenth } from '../chart/line-path.js';
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
  /** The line is drawn as a filled band (points denser than pixels), not a stroke. */
  readonly band: boolean;
  /** More than one point per two pixels: a 1px line (which rasterises as a fast hairline). */
  readonly dense: boolean;
  /** How many points the line was drawn through (after M4). */
  readonly drawnPoints: number;
}

export interface LayoutInput {
  readonly series: TrendSeries;
  readonly start: number;
  readonly end: number;
  readonly smoothed: Float64Array | undefined;
  /** Downsamples rows `[start, end)` of a series' values to `columns` over `[x0, x1]`; M4 over the rows by default. */
  readonly downsample?: TrendLayoutDownsample | undefined;
  readonly width: number;
  readonly height: number;
  readonly lo: number;
  readonly hi: number;
  readonly format: NumberFormatName;
  readonly options: FormatOptions;
}

export type TrendLayoutDownsample = (values: Float64Array, columns: number, x0: number, x1: number, start: number, end: number) => Downsampled;

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
  const [d0, d1] = x1 > x0 ? [x0, x1] : [x0 - DAY / 2, x0 + DAY / 2];
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
  const xTicks = timeTicks(d0, d1, Math.max(2, Math.floor(plotWidth / 70)), options.locale, series.subDay ? 0 : DAY);
  const yTicks = yProbe.map((value, i) => ({ value, label: yLabels[i]! }));

  // One pixel column per CSS pixel: M4 keeps ≤ 4 points per column, pixel-identical to all of them.
  const columns = Math.max(1, Math.round(plotWidth));
  const sample = input.downsample ?? ((ys, c, a, b, i, j) => m4(series.dates, ys, c, a, b, i, j));
  const main = sample(series.values, columns, d0, d1, start, end);
  const base = y(Math.max(yDomain[0], Math.min(0, yDomain[1])));
  const columnWidth = (d1 - d0) / columns;
  const dense = main.index.length * 2 > plotWidth;
  const drawn = tracePaths(main.x, main.y, x, y, base, (v) => Math.floor((v - d0) / columnWidth), dense ? 1 : 2);
  // The moving average is smooth: a plain stroke, whatever the density.
  const smoothedPath = input.smoothed ? linePaths(...pick(sample(input.smoothed, columns, d0, d1, start, end)), x, y, NaN).line : '';
  return { width, height, margin, x, y, xTicks, yTicks, area: drawn.area, line: drawn.line, band: drawn.band, dense, smoothed: smoothedPath, drawnPoints: main.index.length };
}

const pick = (d: { x: Float64Array; y: Float64Array }): [Float64Array, Float64Array] => [d.x, d.y];

/**
 * The SVG paths of a line through the points and of the area under it (down to `base`; none
 * when `base` is NaN). Nulls and infinities break both into pieces. Up to two points per pixel
 * column give `linePaths`. Denser points give, per column, the band
 * from the lowest to the highest point, widened by half the line's width, to be filled: what a
 * stroke through up to 4 points per column covers, but a polygon that rasterises without a
 * stroker (measured: stroking was most of the paint time at 1e5 points).
 */
function tracePaths(
  xs: Float64Array,
  ys: Float64Array,
  x: (v: number) => number,
  y: (v: number) => number,
  base: number,
  columnOf: (v: number) => number = (v) => Math.floor(x(v)),
  lineWidth = 1.75,
): { line: string; area: string; band: boolean } {
  const n = xs.length;
  // A band from two points per pixel column on (below that, steep slopes would look thin).
  const band = n > 1 && n > 2 * Math.abs(x(xs[n - 1]!) - x(xs[0]!));
  return band ? bandPaths(xs, ys, x, y, base, columnOf, lineWidth / 2) : { ...linePaths(xs, ys, x, y, base), band: false };
}

function bandPaths(
  xs: Float64Array,
  ys: Float64Array,
  x: (v: number) => number,
  y: (v: number) => number,
  base: number,
  columnOf: (v: number) => number,
  half: number,
) {
  let line = '';
  let area = '';
  const withArea = base === base;
  const b = tenth(base);
  // The current run's columns: x, top (smallest y) and bottom (largest y) in pixels.
  const cx: string[] = [];
  const top: number[] = [];
  const bottom: number[] = [];
  let column = NaN;
  const flush = () => {
    const m = cx.length;
    if (!m) return;
    for (let k = 0; k < m; k++) line += `${k ? 'L' : 'M'}${cx[k]},${tenth(top[k]! - half)}`;
    for (let k = m - 1; k >= 0; k--) line += `L${cx[k]},${tenth(bottom[k]! + half)}`;
    line += 'Z';
    if (withArea) {
      for (let k = 0; k < m; k++) area += `${k ? 'L' : 'M'}${cx[k]},${tenth(top[k]!)}`;
      area += `L${cx[m - 1]},${b}L${cx[0]},${b}Z`;
    }
    cx.length = top.length = bottom.length = 0;
    column = NaN;
  };
  for (let i = 0; i < xs.length; i++) {
    const v = ys[i]!;
    if (v - v !== 0) {
      flush();
      continue;
    }
    const py = y(v);
    // The same columns as M4's, so that a column's points are never split between two.
    const c = columnOf(xs[i]!);
    if (c !== column) {
      column = c;
      cx.push(tenth(x(xs[i]!)));
      top.push(py);
      bottom.push(py);
    } else {
      const k = cx.length - 1;
      if (py < top[k]!) top[k] = py;
      if (py > bottom[k]!) bottom[k] = py;
    }
  }
  flush();
  return { line, area, band: true };
}
