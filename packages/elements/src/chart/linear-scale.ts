import { nice, ticks } from 'd3-array';

/**
 * A linear scale: d3-scale's `scaleLinear` surface that charts use (map, invert, ticks, domain),
 * on d3-array's `ticks` and `nice`. d3-scale's own brings d3-interpolate, d3-color and
 * d3-format into the bundle (~11 kB gzip measured) for features Intl and plain numbers cover.
 */
export interface LinearScale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  invert(position: number): number;
  ticks(count: number): number[];
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const k = span === 0 ? 0 : (r1 - r0) / span;
  const scale = ((value: number) => (span === 0 ? (r0 + r1) / 2 : r0 + (value - d0) * k)) as LinearScale;
  Object.assign(scale, {
    domain: [d0, d1] as const,
    range: [r0, r1] as const,
    invert: (position: number) => (k === 0 ? d0 : d0 + (position - r0) / k),
    ticks: (count: number) => ticks(d0, d1, Math.max(1, count)),
  });
  return scale;
}

/**
 * The value domain of a bar or area chart: from the data's extent, always holding zero (bars
 * and areas grow from a baseline), extended to round tick values.
 */
export function zeroBasedDomain(lo: number, hi: number, tickCount: number): [number, number] {
  let a = Math.min(0, Number.isFinite(lo) ? lo : 0);
  let b = Math.max(0, Number.isFinite(hi) ? hi : 0);
  if (a === b) b = a + 1;
  [a, b] = nice(a, b, Math.max(1, tickCount));
  return [a, b];
}
