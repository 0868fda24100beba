import { expect } from '@open-wc/testing';
import { compareCode } from './kpi-card/compare-code.js';
import * as all from './all.js';

describe('@goldboard/elements/all.js', () => {
  it('defines every element at once, the filter and insight elements included, with the cards’ trend code evaluated', () => {
    // Nothing awaited since the import: no chunk was waited for.
    for (const tag of ['kpi-card', 'revenue-trend', 'segment-breakdown', 'top-list', 'goldboard-source', 'goldboard-date-range', 'goldboard-filter', 'goldboard-insight']) {
      expect(customElements.get(tag), `<${tag}> defined`).to.be.a('function');
    }
    expect(compareCode()?.loadTrend).to.be.a('function');
    expect(compareCode()?.compareFigure).to.be.a('function');
    // What `@goldboard/elements` exports, it exports too.
    expect(all.KpiCard).to.equal(customElements.get('kpi-card'));
    expect(all.GoldElement).to.be.a('function');
  });
});
