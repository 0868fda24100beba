import { expect } from '@open-wc/testing';
import { DAY } from '@goldboard/core';
import { timeTicks } from './time-ticks.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('timeTicks', () => {
  it('ticks a single day of daily data at that day, not at hours', () => {
    const d = day('2019-10-01');
    expect(timeTicks(d - 43_200_000, d + 43_200_000, 8, 'en-US', DAY).map((t) => t.label)).to.deep.equal(['Oct 1']);
    expect(timeTicks(d, d + DAY, 4, 'en-US').map((t) => t.label)).to.deep.equal(['Oct 1', '6:00 AM', '12:00 PM', '6:00 PM', 'Oct 2']);
    expect(timeTicks(day('2019-10-01'), day('2020-04-30'), 8, 'en-US').map((t) => t.label)).to.deep.equal(['Oct 2019', 'Nov', 'Dec', 'Jan 2020', 'Feb', 'Mar', 'Apr']);
  });

});
