/**
 * M4 downsampling (Jugel et al., "M4: A Visualization-Oriented Time Series Data Aggregation",
 * VLDB 2014): for every pixel column keep the first, last, lowest and highest point. A line
 * drawn through those is pixel-identical to one drawn through every point, so a million-point
 * series costs what a few thousand cost. Pure functions over flat typed arrays: no per-point
 * allocation, no Date objects.
 */

/** The kept points, in data order: their row indices and positions. */
export interface Downsampled {
  /** Row indices into the input arrays, ascending; a gap (null value) is kept as its own index. */
  readonly index: Uint32Array;
  /** x of each kept point (copied from the input). */
  readonly x: Float64Array;
  /** y of each kept point (NaN marks a gap, so lines break there). */
  readonly y: Float64Array;
}

/**
 * The first index in `xs[lo, hi)` whose value is ≥ `value` (`xs` ascending); `hi` when none.
 * O(log n): what a crosshair does per pointer move.
 */
export function lowerBound(xs: ArrayLike<number>, value: number, lo = 0, hi = xs.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index in `xs[lo, hi)` whose value is nearest to `value` (`xs` ascending); -1 when the range is empty. */
export function nearestIndex(xs: ArrayLike<number>, value: number, lo = 0, hi = xs.length): number {
  if (hi <= lo) return -1;
  const i = lowerBound(xs, value, lo, hi);
  if (i <= lo) return lo;
  if (i >= hi) return hi - 1;
  return value - xs[i - 1]! <= xs[i]! - value ? i - 1 : i;
}

/**
 * Downsamples rows `[start, end)` of an x-ascending series to at most four points per column,
 * for `columns` equal columns spanning `[x0, x1]` (the visible domain). Rows outside the
 * domain are not read. A column holding a null (NaN) keeps one NaN point at its place, so
 * gaps survive. When the rows already fit (≤ 4 per column), every row is kept.
 */
export function m4(
  xs: Float64Array,
  ys: Float64Array,
  columns: number,
  x0: number,
  x1: number,
  start = 0,
  end = xs.length,
): Downsampled {
  const lo = Math.max(0, start);
  const hi = Math.min(end, xs.length, ys.length);
  const cols = Math.max(1, Math.floor(columns));
  const count = Math.max(0, hi - lo);
  if (count <= cols * 4 || !(x1 > x0)) return keepAll(xs, ys, lo, hi);

  const index = new Uint32Array(Math.min(count, cols * 5));
  const picks = new Int32Array(5);
  const candidates = new Int32Array(5); // the column's first, min, max, last and gap rows (-1: none)
  let kept = 0;
  const width = (x1 - x0) / cols;
  let a = lo;
  for (let c = 0; c < cols && a < hi; c++) {
    // The column's rows by binary search on x (sorted): the inner loop only compares values.
    const b = c === cols - 1 ? hi : lowerBound(xs, x0 + (c + 1) * width, a, hi);
    if (b === a) continue;
    let first = -1;
    let last = -1;
    let min = -1;
    let max = -1;
    let gap = -1;
    let low = Infinity;
    let high = -Infinity;
    for (let i = a; i < b; i++) {
      const y = ys[i]!;
      if (y !== y) {
        if (gap < 0) gap = i;
        continue;
      }
      if (first < 0) first = i;
      last = i;
      if (y < low) {
        low = y;
        min = i;
      }
      if (y > high) {
        high = y;
        max = i;
      }
    }
    a = b;
    // Up to five rows (first, min, max, last, a gap), written in ascending order without repeats.
    candidates[0] = first;
    candidates[1] = min;
    candidates[2] = max;
    candidates[3] = last;
    candidates[4] = gap;
    let m = 0;
    for (let c = 0; c < 5; c++) {
      const p = candidates[c]!;
      if (p < 0) continue;
      let k = m++;
      while (k > 0 && picks[k - 1]! > p) {
        picks[k] = picks[k - 1]!;
        k--;
      }
      picks[k] = p;
    }
    for (let k = 0; k < m; k++) if (k === 0 || picks[k] !== picks[k - 1]) index[kept++] = picks[k]!;
  }
  return gather(xs, ys, index.subarray(0, kept));
}

/** Every row of [lo, hi), copied (a caller may change what it gets without touching its input). */
function keepAll(xs: Float64Array, ys: Float64Array, lo: number, hi: number): Downsampled {
  const count = Math.max(0, hi - lo);
  const index = new Uint32Array(count);
  for (let i = 0; i < count; i++) index[i] = lo + i;
  return { index, x: xs.slice(lo, lo + count), y: ys.slice(lo, lo + count) };
}

function gather(xs: Float64Array, ys: Float64Array, index: Uint32Array): Downsampled {
  const x = new Float64Array(index.length);
  const y = new Float64Array(index.length);
  for (let i = 0; i < index.length; i++) {
    x[i] = xs[index[i]!]!;
    y[i] = ys[index[i]!]!;
  }
  return { index, x, y };
}

/** True when `xs` is ascending (NaN-free, equal neighbours allowed). O(n), no allocation. */
export function isAscending(xs: ArrayLike<number>): boolean {
  for (let i = 1; i < xs.length; i++) if (!(xs[i]! >= xs[i - 1]!)) return false;
  return xs.length === 0 || xs[0] === xs[0];
}

/** True when `xs` rises at every step (ascending, no value twice) and holds no NaN: both of isAscending and firstRepeat's answers in one pass. */
export function isStrictlyAscending(xs: ArrayLike<number>): boolean {
  for (let i = 1; i < xs.length; i++) if (!(xs[i]! > xs[i - 1]!)) return false;
  return xs.length === 0 || xs[0] === xs[0];
}

/** The first index whose value equals the one before it (`xs` ascending); -1 when none repeats. */
export function firstRepeat(xs: ArrayLike<number>): number {
  for (let i = 1; i < xs.length; i++) if (xs[i] === xs[i - 1]) return i;
  return -1;
}
