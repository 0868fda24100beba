import { m4 } from '@goldboard/core';
import { linePaths } from '../chart/line-path.js';

export interface Sparkline {
  /** SVG path data in a `width` × `height` box; a null (NaN) day breaks the line. */
  readonly path: string;
  readonly min: number;
  readonly max: number;
}

/**
 * The sparkline of a daily series: downsampled with M4 to `width` columns (a line through the
 * kept points is the line through all of them at that size), scaled to the box with a 1-unit
 * margin, written by the charts' `linePaths`. Undefined when fewer than two days have a value.
 */
export function sparkline(dates: Float64Array, values: Float64Array, width = 100, height = 28): Sparkline | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const n = Math.min(dates.length, values.length);
  if (n < 2 || min > max) return undefined;
  const { x, y } = m4(dates, values, width, dates[0]!, dates[n - 1]!);
  const x0 = dates[0]!;
  const xScale = width / (dates[n - 1]! - x0 || 1);
  const yScale = (height - 2) / (max - min || 1);
  const { line } = linePaths(x, y, (t) => (t - x0) * xScale, (v) => height - 1 - (v - min) * yScale, NaN);
  return { path: line, min, max };
}
