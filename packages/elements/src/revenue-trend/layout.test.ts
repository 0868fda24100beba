import { expect } from '@open-wc/testing';
import { DAY } from '@goldboard/core';
import { trendLayout } from './layout.js';
import { extremes } from './series.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('trendLayout', () => {
  it('writes the line and area through every point to a tenth of a pixel, below zero and across gaps', () => {
    // Five days, -50 to 100 with a null on day 3: y's domain is [-50, 100] (nice), x spans 4 days.
    const dates = Float64Array.from([0, 1, 2, 3, 4].map((i) => day('2019-10-01') + i * DAY));
    const values = Float64Array.from([-50, 100, NaN, 12.34, 0]);
    const layout = trendLayout({
      series: { dates, values, subDay: false, extremes: extremes(values, 0, 5) },
      start: 0,
      end: 5,
      smoothed: undefined,
      width: 460,
      height: 192,
      lo: -50,
      hi: 100,
      format: 'number',
      options: { locale: 'en-US' },
    });
    const { x, y } = layout;
    const at = (v: number) => String(Math.round(v * 10) / 10);
    const p = (i: number) => `${at(x(dates[i]!))},${at(y(values[i]!))}`;
    expect(y.domain[0]).to.be.below(0);
    expect(layout.line).to.equal(`M${p(0)}L${p(1)}M${p(3)}L${p(4)}`);
    const base = at(y(0));
    expect(layout.area).to.equal(`M${p(0)}L${p(1)}L${at(x(dates[1]!))},${base}L${at(x(dates[0]!))},${base}ZM${p(3)}L${p(4)}L${at(x(dates[4]!))},${base}L${at(x(dates[3]!))},${base}Z`);
    expect(layout.line).to.match(/^M0,\d+(\.\d)?L/);
  });

});
