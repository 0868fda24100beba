import { expect } from '@open-wc/testing';
import { dateRange, extremes, movingAverage } from './series.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('trend series', () => {
  it('finds the rows of a day range, both days included', () => {
    const dates = Float64Array.from([day('2019-10-01'), day('2019-10-02'), day('2019-10-03')]);
    expect(dateRange(dates, '2019-10-02', '2019-10-02')).to.deep.equal([1, 2]);
    expect(dateRange(dates, undefined, '2019-10-01')).to.deep.equal([0, 1]);
    expect(dateRange(dates, 'nonsense', '')).to.deep.equal([0, 3]);
    expect(dateRange(dates, '2019-10-05', '2019-10-01')).to.deep.equal([3, 3]);
  });

  it('averages a trailing window, skipping nulls', () => {
    expect([...movingAverage(Float64Array.from([1, 2, NaN, 4, 5]), 2)]).to.deep.equal([1, 1.5, 2, 4, 4.5]);
  });

  it('finds peak and low, ignoring nulls and infinities', () => {
    expect(extremes(Float64Array.from([NaN, 3, Infinity, -1, 3]), 0, 5)).to.deep.equal({ peak: 1, low: 3, defined: 3 });
  });
});
