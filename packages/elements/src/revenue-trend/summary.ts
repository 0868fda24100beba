import { lowerBound, type Downsampled } from '@goldboard/core';

/**
 * A multi-resolution summary of a series for zooming: a min/max pyramid. Level k holds, for
 * each block of 2^k rows aligned on a multiple of 2^k, the row of its lowest and of its highest
 * defined value. Any row range splits into at most 2·log2(n) such blocks, so the extremes of a
 * range, and the four points M4 keeps per pixel column, cost O(log n) per column whatever the
 * number of rows it spans: a zoom step at a million points reads a few thousand entries, not
 * the million rows. Built once per series in O(n) (8 bytes per row in all).
 */
export interface SeriesSummary {
  readonly values: Float64Array;
  /** Per level ≥ 1, the row of each block's lowest defined value (NONE when all are null). */
  readonly lows: Uint32Array[];
  /** Per level ≥ 1, the row of each block's highest defined value. */
  readonly highs: Uint32Array[];
  /** The rows holding a null (NaN) or an infinity, ascending: where the line has gaps. */
  readonly gaps: Uint32Array;
}

const NONE = 0xffffffff;

const defined = (v: number) => v - v === 0;

/** Builds the summary of `values` (the whole series; any null breaks the line there). */
export function summarize(values: Float64Array): SeriesSummary {
  const n = values.length;
  const lows: Uint32Array[] = [];
  const highs: Uint32Array[] = [];
  let gapCount = 0;
  for (let i = 0; i < n; i++) if (!defined(values[i]!)) gapCount++;
  const gaps = new Uint32Array(gapCount);
  for (let i = 0, g = 0; i < n; i++) if (!defined(values[i]!)) gaps[g++] = i;
  // Level 1 from the rows; level k + 1 from level k.
  let size = Math.ceil(n / 2);
  let lo = new Uint32Array(size);
  let hi = new Uint32Array(size);
  for (let b = 0; b < size; b++) {
    const a = 2 * b;
    const c = a + 1 < n ? a + 1 : a;
    const [l, h] = pair(values, defined(values[a]!) ? a : NONE, defined(values[c]!) ? c : NONE, defined(values[a]!) ? a : NONE, defined(values[c]!) ? c : NONE);
    lo[b] = l;
    hi[b] = h;
  }
  while (size >= 1 && n > 1) {
    lows.push(lo);
    highs.push(hi);
    if (size === 1) break;
    const next = Math.ceil(size / 2);
    const nlo = new Uint32Array(next);
    const nhi = new Uint32Array(next);
    for (let b = 0; b < next; b++) {
      const a = 2 * b;
      const c = a + 1 < size ? a + 1 : a;
      const [l, h] = pair(values, lo[a]!, lo[c]!, hi[a]!, hi[c]!);
      nlo[b] = l;
      nhi[b] = h;
    }
    lo = nlo;
    hi = nhi;
    size = next;
  }
  return { values, lows, highs, gaps };
}

/** The lower of two low rows and the higher of two high rows (first one on ties). */
function pair(values: Float64Array, l1: number, l2: number, h1: number, h2: number): [number, number] {
  const l = l1 === NONE ? l2 : l2 === NONE ? l1 : values[l2]! < values[l1]! ? l2 : l1;
  const h = h1 === NONE ? h2 : h2 === NONE ? h1 : values[h2]! > values[h1]! ? h2 : h1;
  return [l, h];
}

/** Extremes of rows `[a, b)`: the rows of the lowest and highest defined values (-1 when none), first one on ties. */
export function rangeExtremes(s: SeriesSummary, a: number, b: number): { low: number; peak: number } {
  const { values, lows, highs } = s;
  let low = -1;
  let peak = -1;
  let i = a;
  while (i < b) {
    // The largest aligned block starting at i that fits in [i, b).
    let k = 0;
    while (k < lows.length && i % (2 << k) === 0 && i + (2 << k) <= b) k++;
    let l: number;
    let h: number;
    if (k === 0) {
      l = h = defined(values[i]!) ? i : -1;
    } else {
      l = lows[k - 1]![i >> k]!;
      h = highs[k - 1]![i >> k]!;
      if (l === NONE) l = h = -1;
    }
    if (l >= 0) {
      if (low < 0 || values[l]! < values[low]!) low = l;
      if (peak < 0 || values[h]! > values[peak]!) peak = h;
    }
    i += 1 << k;
  }
  return { low, peak };
}

/**
 * M4 from the summary: for `columns` equal columns over `[x0, x1]`, each column's first and
 * last rows, its lowest and highest (from the pyramid) and its first null, in row order. The
 * same points `m4` keeps from the rows (a column starting or ending on a null keeps that null,
 * which breaks the line there as the null does), at O(log n) per column.
 */
export function summaryM4(s: SeriesSummary, xs: Float64Array, columns: number, x0: number, x1: number, start: number, end: number): Downsampled {
  const cols = Math.max(1, Math.floor(columns));
  const index = new Uint32Array(cols * 5);
  const picks = [0, 0, 0, 0, 0];
  const width = (x1 - x0) / cols;
  let kept = 0;
  let a = start;
  for (let c = 0; c < cols && a < end; c++) {
    const b = c === cols - 1 ? end : lowerBound(xs, x0 + (c + 1) * width, a, end);
    if (b === a) continue;
    const { low, peak } = rangeExtremes(s, a, b);
    const g = lowerBound(s.gaps, a);
    const gap = g < s.gaps.length && s.gaps[g]! < b ? s.gaps[g]! : -1;
    picks[0] = a;
    picks[1] = low;
    picks[2] = peak;
    picks[3] = b - 1;
    picks[4] = gap;
    picks.sort((p, q) => p - q);
    for (let k = 0; k < 5; k++) {
      const p = picks[k]!;
      if (p >= 0 && (kept === 0 || index[kept - 1] !== p)) index[kept++] = p;
    }
    a = b;
  }
  const out = index.slice(0, kept);
  const x = new Float64Array(kept);
  const y = new Float64Array(kept);
  for (let i = 0; i < kept; i++) {
    x[i] = xs[out[i]!]!;
    y[i] = s.values[out[i]!]!;
  }
  return { index: out, x, y };
}
