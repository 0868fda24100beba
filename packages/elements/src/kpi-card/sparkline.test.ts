import { expect } from '@open-wc/testing';
import { DAY } from '@goldboard/core';
import { sparkline } from './sparkline.js';

const days = (n: number) => Float64Array.from({ length: n }, (_, i) => i * DAY);

describe('sparkline', () => {
  it('scales a short series into the box, lowest at the bottom', () => {
    const s = sparkline(days(3), Float64Array.of(10, 30, 20), 100, 28)!;
    expect(s.path).to.equal('M0,27L50,1L100,14');
    expect([s.min, s.max]).to.deep.equal([10, 30]);
  });

  it('breaks the line at a null day', () => {
    const s = sparkline(days(4), Float64Array.of(1, NaN, 2, 3), 30, 10)!;
    expect(s.path).to.equal('M0,9M20,5L30,1');
  });

  it('keeps at most four points a column for a long series, with its extremes', () => {
    const n = 100_000;
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 500) * 100 + (i === 77_777 ? 5000 : 0));
    const s = sparkline(days(n), values, 100, 28)!;
    expect(s.path.match(/[ML]/g)!.length).to.be.at.most(400);
    expect(s.max).to.be.greaterThan(4000);
    expect(s.path).to.contain(',1L'); // the spike reaches the top
  });

  it('needs two days with a value', () => {
    expect(sparkline(days(1), Float64Array.of(5))).to.equal(undefined);
    expect(sparkline(days(3), Float64Array.of(NaN, NaN, NaN))).to.equal(undefined);
  });
});
