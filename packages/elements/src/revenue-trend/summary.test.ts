import { expect } from '@open-wc/testing';
import { lowerBound } from '@goldboard/core';
import { rangeExtremes, summarize, summaryM4 } from './summary.js';

/** A series with repeats, negative values and nulls (NaN), from a fixed seed. */
function series(n: number, seed = 7): Float64Array {
  const values = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const r = s / 2147483648;
    values[i] = r < 0.05 ? NaN : Math.round((r - 0.3) * 200);
  }
  return values;
}

function bruteExtremes(values: Float64Array, a: number, b: number) {
  let low = -1;
  let peak = -1;
  for (let i = a; i < b; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    if (low < 0 || v < values[low]!) low = i;
    if (peak < 0 || v > values[peak]!) peak = i;
  }
  return { low, peak };
}

describe('multi-resolution summary', () => {
  it('gives the rows of the lowest and highest values of any range, as a scan does (first one on ties)', () => {
    for (const n of [1, 2, 3, 5, 16, 17, 1000, 4097]) {
      const values = series(n, n);
      const s = summarize(values);
      for (let a = 0; a < n; a += Math.max(1, Math.floor(n / 37))) {
        for (let b = a + 1; b <= n; b += Math.max(1, Math.floor(n / 23))) {
          expect(rangeExtremes(s, a, b), `n=${n} [${a}, ${b})`).to.deep.equal(bruteExtremes(values, a, b));
        }
      }
    }
  });

  it('says -1 for a range of nulls only', () => {
    const s = summarize(new Float64Array([1, NaN, NaN, NaN, NaN, 2]));
    expect(rangeExtremes(s, 1, 5)).to.deep.equal({ low: -1, peak: -1 });
    expect(rangeExtremes(s, 0, 6)).to.deep.equal({ low: 0, peak: 5 });
  });

  it('keeps per pixel column its first and last rows, lowest and highest values and first null, in row order', () => {
    const n = 100_000;
    const values = series(n);
    const xs = new Float64Array(n).map((_, i) => i * 10);
    const s = summarize(values);
    const columns = 300;
    const [start, end] = [12_345, 87_654];
    const [x0, x1] = [xs[start]!, xs[end - 1]!];
    const out = summaryM4(s, xs, columns, x0, x1, start, end);
    expect(out.index.length).to.be.at.most(columns * 5);
    for (let i = 1; i < out.index.length; i++) expect(out.index[i]!).to.be.above(out.index[i - 1]!);
    const width = (x1 - x0) / columns;
    let a = start;
    for (let c = 0; c < columns; c++) {
      const b = c === columns - 1 ? end : lowerBound(xs, x0 + (c + 1) * width, a, end);
      const kept = [...out.index].filter((i) => i >= a && i < b);
      const { low, peak } = bruteExtremes(values, a, b);
      expect(kept).to.include.members([a, b - 1, low, peak]);
      const firstNull = values.subarray(a, b).findIndex((v) => v !== v);
      if (firstNull >= 0) expect(kept).to.include(a + firstNull);
      expect(kept.length).to.be.at.most(5);
      a = b;
    }
    for (let i = 0; i < out.index.length; i++) {
      expect(out.x[i]).to.equal(xs[out.index[i]!]);
      expect(Object.is(out.y[i], values[out.index[i]!])).to.be.true;
    }
  });
});
