import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { SEGMENT_LABELS } from '@goldboard/core';
import './segment-breakdown.js';
import type { SegmentBreakdown } from './segment-breakdown.component.js';
import { segmentColourClass } from '../chart/segment-colors.js';
import { expectNothingThrownIntoThePage, GOLD, part, parts, runGoldElementConformance, text, waitForState } from '@goldboard/test-helpers';

const texts = (el: Element, name: string) => parts(el, name).map((p) => p.textContent!.replace(/\s+/g, ' ').trim());
const widths = (el: Element) => parts(el, 'bar').map((b) => parseFloat(b.getAttribute('width')!));

const [HIGH, OCCASIONAL, BROWSERS] = SEGMENT_LABELS;

runGoldElementConformance('segment-breakdown', {
  file: 'segment_summary.arrow',
  rows: () => [{ segment: 'Occasional Buyers', users: 10 }, { segment: 'Browsers / Non-Converters', users: 5 }],
  column: 'users',
});

describe('<segment-breakdown>', () => {
  expectNothingThrownIntoThePage();

  it('draws one bar per segment, in business order, with values and shares', async () => {
    const el = await fixture<SegmentBreakdown>(html`<segment-breakdown src="${GOLD}/segment_summary.arrow" locale="en-US"></segment-breakdown>`);
    await waitForState(el, 'ready');
    expect(text(el, 'title')).to.equal('Users by Segment');
    expect(parts(el, 'bar').length).to.equal(3);
    expect(texts(el, 'label')).to.deep.equal([HIGH, OCCASIONAL, BROWSERS]);
    expect(texts(el, 'value')).to.deep.equal(['1,000 10%', '3,000 30%', '6,000 60%']);
    expect(texts(el, 'share')).to.deep.equal(['10%', '30%', '60%']);
    expect(el.valueDomain).to.deep.equal([0, 6000]);
    expect(widths(el)).to.deep.equal([16.67, 50, 100]);
  });

  for (const [measure, values, title] of [
    ['avg_revenue', ['$800.00', '$66.67', '$0.00'], 'Average Revenue per User by Segment'],
    ['avg_events', ['250', '40', '10'], 'Engagement (Events per User) by Segment'],
    ['revenue_share', ['80%', '20%', '0%'], 'Share of Revenue by Segment'],
    ['conversion_rate', ['98%', '95%', '0%'], 'Conversion Rate by Segment'],
  ] as const) {
    it(`compares ${measure}`, async () => {
      const el = await fixture<SegmentBreakdown>(html`<segment-breakdown src="${GOLD}/segment_summary.json" measure=${measure} locale="en-US"></segment-breakdown>`);
      await waitForState(el, 'ready');
      expect(text(el, 'title')).to.equal(title);
      expect(texts(el, 'value')).to.deep.equal(values);
      expect(parts(el, 'share').length).to.equal(0);
    });
  }

  it('draws a donut with one slice per segment and the total', async () => {
    const el = await fixture<SegmentBreakdown>(html`<segment-breakdown src="${GOLD}/segment_summary.json" measure="revenue" variant="donut" locale="en-US"></segment-breakdown>`);
    await waitForState(el, 'ready');
    expect(parts(el, 'slice').length).to.equal(3);
    expect(text(el, 'total')).to.equal('$1M');
    expect(texts(el, 'share')).to.deep.equal(['80%', '20%', '0%']);
    expect(parts(el, 'bar').length).to.equal(0);
    expect(parts(el, 'swatch').length).to.equal(3);
  });

  it('gives each segment a stable colour, customisable by CSS custom properties', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--goldboard-segment-occasional: rgb(1, 2, 3)">
      <segment-breakdown src="${GOLD}/segment_summary.arrow"></segment-breakdown>
    </div>`);
    const el = wrapper.querySelector('segment-breakdown') as SegmentBreakdown;
    await waitForState(el, 'ready');
    expect(getComputedStyle(parts(el, 'bar')[1]!).fill).to.equal('rgb(1, 2, 3)');
    // The colours come from classes of the markup (no style attribute): each segment its own.
    const fills = parts(el, 'bar').map((b) => getComputedStyle(b).fill);
    expect(new Set(fills).size).to.equal(3);
    expect(parts(el, 'row').map((r) => r.getAttribute('class'))).to.deep.equal([HIGH, OCCASIONAL, BROWSERS].map(segmentColourClass));
    expect(el.shadowRoot!.querySelectorAll('[style]').length).to.equal(0);
    expect(segmentColourClass('Something New')).to.equal(segmentColourClass('Something New'));
    expect(segmentColourClass('Something New')).to.match(/^segment-other-\d$/);
  });

  it('fires goldboard-select on click and on Enter, and marks the selection', async () => {
    const el = await fixture<SegmentBreakdown>(html`<segment-breakdown src="${GOLD}/segment_summary.arrow"></segment-breakdown>`);
    await waitForState(el, 'ready');
    const rows = parts(el, 'row');
    setTimeout(() => rows[1]!.click());
    const event = (await oneEvent(el, 'goldboard-select')) as CustomEvent;
    expect(event.bubbles && event.composed).to.be.true;
    expect(event.detail).to.include({ dataset: 'segment_summary', segment: OCCASIONAL, measure: 'users', value: 3000, selected: true });
    expect(event.detail.row).to.include({ segment: OCCASIONAL, cluster: 1, users: 3000 });
    await el.updateComplete;
    expect(el.selected).to.equal(OCCASIONAL);
    expect(parts(el, 'row').map((r) => r.getAttribute('aria-pressed'))).to.deep.equal(['false', 'true', 'false']);
    // Buttons, so focusable keyboard targets (real Enter and Space presses: chart/keyboard.test.ts).
    expect(rows[0]!.tagName).to.equal('BUTTON');
    rows[0]!.focus();
    expect(el.shadowRoot!.activeElement).to.equal(rows[0]);
    // Clicking the selected one again clears the selection.
    setTimeout(() => parts(el, 'row')[1]!.click());
    const cleared = (await oneEvent(el, 'goldboard-select')) as CustomEvent;
    expect(cleared.detail.selected).to.be.false;
    expect(el.selected).to.equal(undefined);
  });

  it('exports the segments in the order drawn as CSV', async () => {
    const el = await fixture<SegmentBreakdown>(html`<segment-breakdown src="${GOLD}/segment_summary.arrow"></segment-breakdown>`);
    await waitForState(el, 'ready');
    expect(await el.toCSV()).to.equal(`segment,users,user_share\r\n${HIGH},1000,0.1\r\n${OCCASIONAL},3000,0.3\r\n${BROWSERS},6000,0.6\r\n`);
  });

  it('selects from a donut slice too', async () => {
    const el = await fixture<SegmentBreakdown>(html`<segment-breakdown src="${GOLD}/segment_summary.arrow" variant="donut"></segment-breakdown>`);
    await waitForState(el, 'ready');
    setTimeout(() => parts(el, 'slice')[0]!.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    const event = (await oneEvent(el, 'goldboard-select')) as CustomEvent;
    expect(event.detail.segment).to.equal(HIGH);
  });

  it('copes with bad data: nulls, NaN, negative values, unknown labels', async () => {
    const rows = [
      { segment: 'Zeta', users: -50 },
      { segment: BROWSERS, users: null },
      { segment: HIGH, users: 100 },
      { segment: null, users: 20 },
    ];
    const el = await fixture<SegmentBreakdown>(html`<segment-breakdown .data=${rows} locale="en-US"></segment-breakdown>`);
    await waitForState(el, 'ready');
    expect(texts(el, 'label')).to.deep.equal([HIGH, BROWSERS, 'Zeta', '(no segment)']);
    expect(texts(el, 'value').map((v) => v.split(' ')[0])).to.deep.equal(['100', '—', '-50', '20']);
    expect(el.valueDomain).to.deep.equal([-50, 100]);
    // The negative bar grows left from zero.
    const zeta = parts(el, 'bar')[2]!;
    expect(parseFloat(zeta.getAttribute('x')!)).to.equal(0);
    expect(parseFloat(zeta.getAttribute('width')!)).to.be.closeTo(100 / 3, 0.01);
    const donut = await fixture<SegmentBreakdown>(html`<segment-breakdown .data=${rows} variant="donut"></segment-breakdown>`);
    await waitForState(donut, 'ready');
    expect(parts(donut, 'slice').length).to.equal(4);
  });

  it('exports the donut with its key, and the bars, as SVG', async () => {
    const rows = [{ segment: 'Alpha', users: 30 }, { segment: 'Beta', users: 10 }];
    const donut = await fixture<SegmentBreakdown>(html`<segment-breakdown .data=${rows} variant="donut" locale="en-US" style="width: 600px"></segment-breakdown>`);
    await waitForState(donut, 'ready');
    const doc = new DOMParser().parseFromString(await donut.toSVG(), 'image/svg+xml');
    expect(doc.querySelector('parsererror')).to.equal(null);
    // The slices (in the inner drawing) and the key's labels beside them.
    expect(doc.querySelectorAll('svg svg path').length).to.be.at.least(2);
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).to.include.members(['Alpha', 'Beta']);
    expect((await donut.toPNG()).type).to.equal('image/png');
    const bars = await fixture<SegmentBreakdown>(html`<segment-breakdown .data=${rows} locale="en-US" style="width: 600px"></segment-breakdown>`);
    await waitForState(bars, 'ready');
    const barDoc = new DOMParser().parseFromString(await bars.toSVG(), 'image/svg+xml');
    expect([...barDoc.querySelectorAll('text')].map((t) => t.textContent)).to.include.members(['Alpha', 'Beta']);
    expect(barDoc.querySelectorAll('rect').length).to.be.at.least(2);
  });

  it('refuses an infinite value naming it; the donut itself would leave it out instead of emptying every other slice', async () => {
    const rows = [{ segment: 'A', users: Infinity }, { segment: 'B', users: 5 }, { segment: 'C', users: 15 }];
    const el = await fixture<SegmentBreakdown>(html`<segment-breakdown .data=${rows} variant="donut" locale="en-US"></segment-breakdown>`);
    await waitForState(el, 'error');
    expect(part(el, 'error')!.textContent).to.contain('segment_summary column `users` holds Infinity at row 1; numbers must be finite');
    // The slices' own function: B and C share the ring 1 : 3 (B ends a quarter of the way round).
    const { donutPaths } = await import('../chart/donut.js');
    const [none, b, c] = donutPaths([Infinity, 5, 15], 62, 96, 0);
    expect(none).to.equal('');
    // The outer arc's start and end angles, clockwise from twelve o'clock: `M x,y A r,r,0,large,1,x,y L …`.
    const arc = (path: string) => {
      const m = /^M(-?[\d.]+),(-?[\d.]+)A[^L]*,(-?[\d.]+),(-?[\d.]+)L/.exec(path)!;
      const angle = (x: string, y: string) => (Math.atan2(Number(x), -Number(y)) + 2 * Math.PI) % (2 * Math.PI);
      return [angle(m[1]!, m[2]!), angle(m[3]!, m[4]!)];
    };
    const [bStart, bEnd] = arc(b!);
    expect(bStart).to.be.closeTo(0, 0.01);
    expect(bEnd).to.be.closeTo(Math.PI / 2, 0.01);
    expect(arc(c!)[0]).to.be.closeTo(Math.PI / 2, 0.01);
  });

  it('draws at most limit segments of 100k rows, and says how many were left out', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ segment: `Cluster ${i}`, users: i }));
    const el = await fixture<SegmentBreakdown>(html`<segment-breakdown .data=${rows} locale="en-US"></segment-breakdown>`);
    await waitForState(el, 'ready');
    expect(parts(el, 'row').length).to.equal(24);
    expect(text(el, 'message')).to.equal('99,976 more segments not shown (limit 24).');
    el.limit = 3;
    await el.updateComplete;
    await waitForState(el, 'ready');
    expect(texts(el, 'label')).to.deep.equal(['Cluster 0', 'Cluster 1', 'Cluster 2']);
  });

  it('names wrong types and refuses a text measure', async () => {
    const el = await fixture<SegmentBreakdown>(html`<segment-breakdown .data=${[{ segment: HIGH, users: 'many' }]}></segment-breakdown>`);
    await waitForState(el, 'error');
    expect(text(el, 'error')).to.contain('column `users` should be int64 but holds text "many" at row 1');
    const text2 = await fixture<SegmentBreakdown>(html`<segment-breakdown src="${GOLD}/segment_summary.json" measure="segment"></segment-breakdown>`);
    await waitForState(text2, 'error');
    expect(part(text2, 'error')!.textContent).to.contain('measure `segment` is text, not a number');
  });

  it('shows markup from data as text', async () => {
    (window as { __pwned?: number }).__pwned = 0;
    const el = await fixture<SegmentBreakdown>(html`<segment-breakdown .data=${[{ segment: '<img src=x onerror="window.__pwned=1">', users: 1 }]}></segment-breakdown>`);
    await waitForState(el, 'ready');
    expect(text(el, 'label')).to.equal('<img src=x onerror="window.__pwned=1">');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(0);
  });

  it('holds the values in a data table and is accessible (axe), bar and donut, light and dark', async () => {
    const el = await fixture<SegmentBreakdown>(html`<segment-breakdown src="${GOLD}/segment_summary.arrow" locale="en-US"></segment-breakdown>`);
    await waitForState(el, 'ready');
    const cells = [...el.shadowRoot!.querySelectorAll('[part~="data-table"] tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()).join(' '));
    expect(cells).to.deep.equal([`${HIGH} 1,000 10%`, `${OCCASIONAL} 3,000 30%`, `${BROWSERS} 6,000 60%`]);
    await expect(el).to.be.accessible();
    const donut = await fixture<SegmentBreakdown>(html`<segment-breakdown src="${GOLD}/segment_summary.arrow" variant="donut" theme="dark" selected=${HIGH}></segment-breakdown>`);
    await waitForState(donut, 'ready');
    await expect(donut).to.be.accessible();
  });
});

describe('donutPaths', () => {
  it('draws one sector per positive value, a ring for a single one, nothing for zero or less', async () => {
    const { donutPaths } = await import('../chart/donut.js');
    const [a, b, c, d] = donutPaths([3, 1, 0, -2], 60, 100, 0);
    expect(a).to.equal('M0.00,-100.00A100,100,0,1,1,-100.00,0.00L-60.00,0.00A60,60,0,1,0,0.00,-60.00Z');
    expect(b).to.match(/^M-100\.00,-?0\.00A100,100,0,0,1,/);
    expect([c, d]).to.deep.equal(['', '']);
    expect(donutPaths([5], 60, 100)[0]).to.match(/^M0,-100A100,100,0,1,1,0,100/);
  });
});
