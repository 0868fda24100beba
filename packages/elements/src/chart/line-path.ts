// SVG path text for lines and areas: coordinates to a tenth of a pixel.

/**
 * A coordinate rounded to a tenth of a pixel, as path text: shorter paths, same drawing. Written
 * from integers (`-12.3` from -123), which V8 turns into text ~3× faster than a fractional number:
 * this runs twice per point on every redraw.
 */
export function tenth(v: number): string {
  let k = Math.round(v * 10);
  let sign = '';
  if (k < 0) {
    sign = '-';
    k = -k;
  }
  const whole = Math.trunc(k / 10);
  const frac = k - whole * 10;
  return frac ? `${sign}${whole}.${frac}` : `${sign}${whole}`;
}

/**
 * The SVG paths of a line through the points and of the area under it, down to `base` (no area
 * when `base` is NaN); nulls and infinities break both into pieces. What d3-shape's linear
 * `line` and `area` give, written as one loop because it runs on every redraw (the generic
 * generators cost ~10× more here). Used by `<revenue-trend>` and the KPI card's sparkline.
 */
export function linePaths(xs: Float64Array, ys: Float64Array, x: (v: number) => number, y: (v: number) => number, base: number): { line: string; area: string } {
  let line = '';
  let area = '';
  const withArea = base === base;
  const b = tenth(base);
  let runStart = '';
  let px = '';
  let open = false;
  for (let i = 0; i < xs.length; i++) {
    const v = ys[i]!;
    if (v - v !== 0) {
      if (open && withArea) area += `L${px},${b}L${runStart},${b}Z`;
      open = false;
      continue;
    }
    px = tenth(x(xs[i]!));
    const segment = `${open ? 'L' : 'M'}${px},${tenth(y(v))}`;
    line += segment;
    if (withArea) area += segment;
    if (!open) runStart = px;
    open = true;
  }
  if (open && withArea) area += `L${px},${b}L${runStart},${b}Z`;
  return { line, area };
}
