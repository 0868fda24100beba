import { expect } from '@open-wc/testing';
import { isAscending, isStrictlyAscending, lowerBound, m4, nearestIndex } from './m4.js';

const series = (n: number, f: (i: number) => number) => {
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = i;
    ys[i] = f(i);
  }
  return { xs, ys };
};

describe('M4 downsampling', () => {
  it('keeps every row when they fit in the columns', () => {
    const { xs, ys } = series(10, (i) => i * 2);
    const d = m4(xs, ys, 10, 0, 9);
    expect([...d.index]).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...d.y]).to.deep.equal([...ys]);
  });

  it('keeps every row of a sub-range that fits, with the points of those rows', () => {
    const { xs, ys } = series(100, (i) => i * 3);
    const d = m4(xs, ys, 50, 20, 29, 20, 30);
    expect([...d.index]).to.deep.equal([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    expect([...d.x]).to.deep.equal([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    expect([...d.y]).to.deep.equal([60, 63, 66, 69, 72, 75, 78, 81, 84, 87]);
    // Copies: changing them leaves the input alone.
    d.y.fill(0);
    expect(ys[20]).to.equal(60);
  });

  it('keeps first, last, min and max of each column, in data order', () => {
    // 2 columns of 50 rows: a spike up at 10 and down at 20 in the first, flat in the second.
    const { xs, ys } = series(100, (i) => (i === 10 ? 100 : i === 20 ? -100 : i < 50 ? 0 : 5));
    const d = m4(xs, ys, 2, 0, 100);
    expect([...d.index]).to.deep.equal([0, 10, 20, 49, 50, 99]);
    expect([...d.y]).to.deep.equal([0, 100, -100, 0, 5, 5]);
    expect([...d.x]).to.deep.equal([0, 10, 20, 49, 50, 99]);
  });

  it('never keeps more than four points per column and keeps the extremes of a million rows', () => {
    const { xs, ys } = series(1_000_000, (i) => Math.sin(i / 1000) * 1000 + (i === 777_777 ? 1e6 : 0) - (i === 123_456 ? 1e6 : 0));
    const d = m4(xs, ys, 800, 0, 1_000_000);
    expect(d.index.length).to.be.at.most(800 * 4);
    expect(d.index.length).to.be.at.least(800 * 2);
    expect([...d.index]).to.include.members([0, 999_999, 777_777, 123_456]);
    for (let i = 1; i < d.index.length; i++) expect(d.index[i]! > d.index[i - 1]!).to.be.true;
  });

  it('keeps a gap (NaN) so lines break there', () => {
    const { xs, ys } = series(100, (i) => (i === 30 ? NaN : i));
    const d = m4(xs, ys, 4, 0, 100);
    const gap = [...d.index].indexOf(30);
    expect(gap).to.be.greaterThan(0);
    expect(Number.isNaN(d.y[gap]!)).to.be.true;
  });

  it('reads only the rows asked for and clamps x outside the domain', () => {
    const { xs, ys } = series(1000, (i) => i);
    const d = m4(xs, ys, 10, 100, 200, 100, 201);
    expect(d.index[0]).to.equal(100);
    expect(d.index[d.index.length - 1]).to.equal(200);
    expect(d.index.length).to.be.at.most(40);
  });

  it('copes with empty input and a zero-width domain', () => {
    expect(m4(new Float64Array(0), new Float64Array(0), 100, 0, 1).index.length).to.equal(0);
    const { xs, ys } = series(1000, () => 1);
    expect(m4(xs, ys, 10, 5, 5).index.length).to.equal(1000);
  });
});

describe('binary search on dates', () => {
  const xs = Float64Array.from([10, 20, 20, 30, 40]);
  it('finds the lower bound', () => {
    expect(lowerBound(xs, 5)).to.equal(0);
    expect(lowerBound(xs, 20)).to.equal(1);
    expect(lowerBound(xs, 21)).to.equal(3);
    expect(lowerBound(xs, 99)).to.equal(5);
  });
  it('finds the nearest index within a range', () => {
    expect(nearestIndex(xs, 24)).to.equal(2);
    expect(nearestIndex(xs, 26)).to.equal(3);
    expect(nearestIndex(xs, -1)).to.equal(0);
    expect(nearestIndex(xs, 99)).to.equal(4);
    expect(nearestIndex(xs, 99, 0, 3)).to.equal(2);
    expect(nearestIndex(xs, 1, 2, 2)).to.equal(-1);
  });
  it('tells an ascending series', () => {
    expect(isAscending(xs)).to.be.true;
    expect(isAscending(Float64Array.from([1, 3, 2]))).to.be.false;
    expect(isAscending(Float64Array.from([1, NaN, 2]))).to.be.false;
    expect(isAscending(new Float64Array(0))).to.be.true;
  });
  it('tells a series that rises at every step', () => {
    expect(isStrictlyAscending(Float64Array.from([10, 20, 30]))).to.be.true;
    expect(isStrictlyAscending(xs)).to.be.false; // 20 twice
    expect(isStrictlyAscending(Float64Array.from([1, 2, 2, 3]))).to.be.false;
    expect(isAscending(Float64Array.from([1, 2, 2, 3]))).to.be.true;
    expect(isStrictlyAscending(Float64Array.from([1, 3, 2]))).to.be.false;
    expect(isStrictlyAscending(Float64Array.from([NaN]))).to.be.false;
    expect(isStrictlyAscending(Float64Array.from([1, NaN, 2]))).to.be.false;
    expect(isStrictlyAscending(new Float64Array(0))).to.be.true;
  });
});
