import { expect } from '@open-wc/testing';
import { periodPresets } from './presets.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('periodPresets', () => {
  it('offers every day, the last 7 and 30 days and each month of a long period, months cut to it', () => {
    const presets = periodPresets(day('2019-10-15'), day('2019-12-03'), { locale: 'en-US' });
    expect(presets).to.deep.equal([
      { label: 'All days', from: '', to: '' },
      { label: 'Last 7 days', from: '2019-11-27', to: '2019-12-03' },
      { label: 'Last 30 days', from: '2019-11-04', to: '2019-12-03' },
      { label: 'Oct 2019', from: '2019-10-15', to: '2019-10-31' },
      { label: 'Nov 2019', from: '2019-11-01', to: '2019-11-30' },
      { label: 'Dec 2019', from: '2019-12-01', to: '2019-12-03' },
    ]);
  });

  it('leaves out the last n days when the period is no longer, and names months in the locale', () => {
    const presets = periodPresets(day('2020-02-25'), day('2020-03-01'), { locale: 'de-DE' });
    expect(presets.map((p) => p.label)).to.deep.equal(['All days', 'Feb. 2020', 'März 2020']);
    expect(presets[1]).to.include({ from: '2020-02-25', to: '2020-02-29' });
  });
});
