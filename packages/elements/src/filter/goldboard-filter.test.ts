import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createFolderAdapter, registerSource, sourceFilter, unregisterSource, type GoldAdapter, type GoldQuery } from '@goldboard/core';
import './goldboard-filter.js';
import '../segment-breakdown/segment-breakdown.js';
import '../top-list/top-list.js';
import '../kpi-card/kpi-card.js';
import type { GoldboardFilter } from './goldboard-filter.component.js';
import type { SegmentBreakdown } from '../segment-breakdown/segment-breakdown.component.js';
import type { TopList } from '../top-list/top-list.component.js';
import { expectNothingThrownIntoThePage, GOLD, part, parts, text, uniqueKey, waitForState } from '@goldboard/test-helpers';

function recordingSource(): { name: string; seen: GoldQuery[] } {
  const name = `segment-${uniqueKey()}`;
  const folder = createFolderAdapter({ base: `${GOLD}/`, format: 'json' });
  const seen: GoldQuery[] = [];
  const adapter: GoldAdapter = { key: name, load: (query, signal) => (seen.push(query), folder.load(query, signal)) };
  registerSource(name, adapter);
  return { name, seen };
}

const HIGH = 'High-Value Loyal Customers';
const OCCASIONAL = 'Occasional Buyers';
// The fixture's users 512000000 + i are, by i % 3: High-Value, High-Value, Occasional.
const listed = (list: TopList) => list.items.map((item) => item.id - 512000000);
const pressed = (chart: SegmentBreakdown) =>
  parts(chart, 'row').filter((row) => row.getAttribute('aria-pressed') === 'true').map((row) => row.querySelector('[part~="label"]')!.textContent!.trim());
const menu = (el: GoldboardFilter) => part(el, 'segment') as HTMLSelectElement;

describe('<goldboard-filter segment>', () => {
  expectNothingThrownIntoThePage();
  const address = location.href;
  afterEach(() => history.replaceState(null, '', address));

  it('offers the Gold segments, in the contract\'s order', async () => {
    const { name } = recordingSource();
    const el = await fixture<GoldboardFilter>(html`<goldboard-filter source=${name} segment></goldboard-filter>`);
    await waitUntil(() => menu(el).options.length === 4, 'the segments are read');
    expect([...menu(el).options].map((o) => o.textContent)).to.deep.equal(['All segments', HIGH, OCCASIONAL, 'Browsers / Non-Converters']);
    expect(part(el, 'form')!.getAttribute('aria-label')).to.equal('Segment filter');
    unregisterSource(name);
  });

  it('filters the users of its source and selects the segment on its charts; other sources are untouched', async () => {
    const a = recordingSource();
    const b = recordingSource();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <goldboard-filter source=${a.name} segment></goldboard-filter>
      <top-list id="users" source=${a.name} dataset-name="top_users" limit="12"></top-list>
      <segment-breakdown id="chart" source=${a.name}></segment-breakdown>
      <kpi-card source=${a.name}></kpi-card>
      <top-list id="other" source=${b.name} dataset-name="top_users" limit="12"></top-list>
      <segment-breakdown id="other-chart" source=${b.name}></segment-breakdown>
    </div>`);
    const el = wrapper.querySelector('goldboard-filter')!;
    const [users, other] = [wrapper.querySelector('#users') as TopList, wrapper.querySelector('#other') as TopList];
    const [chart, otherChart] = [wrapper.querySelector('#chart') as SegmentBreakdown, wrapper.querySelector('#other-chart') as SegmentBreakdown];
    for (const e of wrapper.querySelectorAll<TopList>('top-list, segment-breakdown, kpi-card')) await waitForState(e, 'ready');
    expect(listed(users)).to.have.length(12);
    a.seen.length = 0;
    const changed = oneEvent(el, 'goldboard-filter-change');
    el.select(OCCASIONAL);
    expect(((await changed) as CustomEvent).detail).to.deep.equal({ source: a.name, segment: OCCASIONAL });
    await waitUntil(() => users.state === 'ready' && listed(users).length === 4, 'the list shows the segment\'s users');
    expect(listed(users)).to.deep.equal([2, 5, 8, 11]);
    await chart.updateComplete;
    expect(pressed(chart)).to.deep.equal([OCCASIONAL]);
    // Only the users were asked again, for the segment; the card and the chart have no segment to filter.
    expect(a.seen.map((q) => `${q.dataset} ${q.segment}`)).to.deep.equal([`top_users ${OCCASIONAL}`]);
    expect(listed(other), 'another source\'s list').to.have.length(12);
    expect(pressed(otherChart)).to.deep.equal([]);
    el.select('');
    await waitUntil(() => listed(users).length === 12);
    await chart.updateComplete;
    expect(pressed(chart)).to.deep.equal([]);
    unregisterSource(a.name);
    unregisterSource(b.name);
  });

  it('with follow="select": a segment chosen on a chart of its source is chosen, and chosen again is cleared', async () => {
    const a = recordingSource();
    const b = recordingSource();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <goldboard-filter source=${a.name} segment follow="select"></goldboard-filter>
      <segment-breakdown id="users" source=${a.name} measure="users"></segment-breakdown>
      <segment-breakdown id="revenue" source=${a.name} measure="revenue"></segment-breakdown>
      <segment-breakdown id="other" source=${b.name}></segment-breakdown>
    </div>`);
    const el = wrapper.querySelector('goldboard-filter')!;
    const charts = [...wrapper.querySelectorAll<SegmentBreakdown>('segment-breakdown')];
    for (const chart of charts) await waitForState(chart, 'ready');
    const bar = (chart: SegmentBreakdown, segment: string) => parts(chart, 'row').find((row) => row.textContent!.includes(segment))!;
    bar(charts[0]!, HIGH).click();
    expect(el.value).to.equal(HIGH);
    await Promise.all(charts.map((c) => c.updateComplete));
    expect(charts.map(pressed)).to.deep.equal([[HIGH], [HIGH], []]);
    expect(menu(el).value).to.equal(HIGH);
    // Chosen again on the other chart of the source: cleared everywhere.
    bar(charts[1]!, HIGH).click();
    expect(el.value).to.equal('');
    await Promise.all(charts.map((c) => c.updateComplete));
    expect(charts.map(pressed)).to.deep.equal([[], [], []]);
    // A chart of another source does not drive it.
    bar(charts[2]!, OCCASIONAL).click();
    expect(sourceFilter(a.name).segment).to.equal(undefined);
    unregisterSource(a.name);
    unregisterSource(b.name);
  });

  it('is used with the keyboard: arrows choose in the menu; Show all segments clears and gives the focus back to the menu', async () => {
    const { name } = recordingSource();
    const wrapper = await fixture<HTMLDivElement>(html`<div><button>before</button><goldboard-filter source=${name} segment></goldboard-filter></div>`);
    const el = wrapper.querySelector('goldboard-filter')!;
    await waitUntil(() => menu(el).options.length === 4);
    wrapper.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(menu(el));
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.value).to.equal(HIGH);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'clear'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.value).to.equal('');
    expect(part(el, 'clear')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(menu(el));
    unregisterSource(name);
  });

  it('with history: reads the address, makes each choice a history entry, refuses an unknown segment', async () => {
    const { name } = recordingSource();
    const search = (segment: string) => {
      const url = new URL(address);
      url.searchParams.set('segment', segment);
      return url.href;
    };
    history.replaceState(null, '', search(OCCASIONAL));
    const el = await fixture<GoldboardFilter>(html`<goldboard-filter source=${name} segment history></goldboard-filter>`);
    expect(el.value).to.equal(OCCASIONAL);
    el.select(HIGH);
    expect(new URL(location.href).searchParams.get('segment')).to.equal(HIGH);
    const back = new Promise((resolve) => addEventListener('popstate', resolve, { once: true }));
    history.back();
    await back;
    expect(el.value).to.equal(OCCASIONAL);
    el.remove();
    history.replaceState(null, '', search('<b>VIP</b>'));
    const bad = await fixture<GoldboardFilter>(html`<goldboard-filter source=${name} segment history></goldboard-filter>`);
    expect(bad.value).to.equal('');
    expect(text(bad, 'error')).to.contain("The address's segment (<b>VIP</b>) is not a segment");
    expect(bad.shadowRoot!.querySelector('b')).to.equal(null);
    unregisterSource(name);
  });

  it('says what it lacks without the segment attribute', async () => {
    const el = await fixture<GoldboardFilter>(html`<goldboard-filter source="nowhere"></goldboard-filter>`);
    expect(text(el, 'error')).to.contain('add the segment attribute');
  });

  it('is accessible (axe), with a segment chosen, light and dark', async () => {
    const { name } = recordingSource();
    const wrapper = await fixture<HTMLDivElement>(html`<div><goldboard-filter source=${name} segment></goldboard-filter></div>`);
    const el = wrapper.querySelector('goldboard-filter')!;
    await waitUntil(() => menu(el).options.length === 4);
    el.select(HIGH);
    await el.updateComplete;
    await expect(el).to.be.accessible();
    wrapper.style.background = '#161b22';
    el.setAttribute('theme', 'dark');
    await expect(el).to.be.accessible();
    unregisterSource(name);
  });
});
