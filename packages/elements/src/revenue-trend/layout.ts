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
  const base = y(Math.max(yDomain[0], Math.min(0, yDomain[1])));
  const drawn = tracePaths(main.x, main.y, x, y, base);
  const smoothedPath = input.smoothed ? tracePaths(...pick(m4(series.dates, input.smoothed, columns, d0, d1, start, end)), x, y, NaN).line : '';
  return { width, height, margin, x, y, xTicks, yTicks, area: drawn.area, line: drawn.line, smoothed: smoothedPath, drawnPoints: main.index.length };
}

const pick = (d: { x: Float64Array; y: Float64Array }): [Float64Array, Float64Array] => [d.x, d.y];

/** Rounds to a tenth of a pixel: shorter paths, same drawing. */
const tenth = (v: number) => Math.round(v * 10) / 10;

/**
 * The SVG path of a line through the points and of the area under it (down to `base`; none
 * when `base` is NaN), in one pass. Nulls and infinities break both into pieces. This is
 * d3-shape's `line` and `area` with a linear curve, written as one loop because it runs on every
 * redraw of up to 4 points per pixel column (the generic generators cost ~10× more here). When
 * points are denser than pixels the area follows the top of each pixel column only: the line's
 * stroke covers the rest, and a polygon a quarter the size rasterises much faster.
 */
export function tracePaths(xs: Float64Array, ys: Float64Array, x: (v: number) => number, y: (v: number) => number, base: number): { line: string; area: string } {
  let line = '';
  let area = '';
  const withArea = base === base;
  const n = xs.length;
  const dense = n > 1 && n > Math.abs(x(xs[n - 1]!) - x(xs[0]!));
  const b = tenth(base);
  let runStart = 0;
  let px = 0;
  let open = false;
  // The pending area vertex: its pixel column and the highest point in it (lowest y).
  let column = NaN;
  let columnX = 0;
  let top = 0;
  for (let i = 0; i < n; i++) {
    const v = ys[i]!;
    if (v - v !== 0) {
      if (open && withArea) {
        if (dense && column === column) area += `L${columnX},${top}`;
        area += `L${px},${b}L${runStart},${b}Z`;
      }
      open = false;
      column = NaN;
      continue;
    }
    px = tenth(x(xs[i]!));
    const py = tenth(y(v));
    line += `${open ? 'L' : 'M'}${px},${py}`;
    if (withArea) {
      if (!dense) {
        area += `${open ? 'L' : 'M'}${px},${py}`;
      } else {
        const c = Math.floor(px);
        if (!open) {
          area += `M${px},${py}`;
          column = NaN;
        }
        if (c !== column) {
          if (column === column) area += `L${columnX},${top}`;
          column = c;
          columnX = px;
          top = py;
        } else if (py < top) top = py;
      }
    }
    if (!open) runStart = px;
    open = true;
  }
  if (open && withArea) {
    if (dense && column === column) area += `L${columnX},${top}`;
    area += `L${px},${b}L${runStart},${b}Z`;
  }
  return { line, area };
}
