import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createFolderAdapter, registerSource, sourceFilter, unregisterSource, type GoldAdapter, type GoldQuery } from '@goldboard/core';
import './goldboard-date-range.js';
import '../kpi-card/kpi-card.js';
import '../revenue-trend/revenue-trend.js';
import '../top-list/top-list.js';
import type { GoldboardDateRange } from './goldboard-date-range.component.js';
import type { RevenueTrend } from '../revenue-trend/revenue-trend.component.js';
import type { KpiCard } from '../kpi-card/kpi-card.component.js';
import { expectNothingThrownIntoThePage, GOLD, part, text, uniqueKey, waitForState, type Stateful } from '@goldboard/test-helpers';

/** A source over the JSON fixtures that records every query it answers. */
function recordingSource(): { name: string; seen: GoldQuery[] } {
  const name = `range-${uniqueKey()}`;
  const folder = createFolderAdapter({ base: `${GOLD}/`, format: 'json' });
  const seen: GoldQuery[] = [];
  const adapter: GoldAdapter = { key: name, load: (query, signal) => (seen.push(query), folder.load(query, signal)) };
  registerSource(name, adapter);
  return { name, seen };
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const options = (el: GoldboardDateRange) => [...part(el, 'preset')!.querySelectorAll('option')].filter((o) => !o.hidden).map((o) => o.textContent!.trim());
const settled = (els: Element[]) => Promise.all(els.map((el) => waitForState(el as Stateful, 'ready')));

describe('<goldboard-date-range>', () => {
  expectNothingThrownIntoThePage();
  const address = location.href;
  afterEach(() => history.replaceState(null, '', address));
  const withRange = (from: string, to: string) => {
    const url = new URL(address);
    url.searchParams.set('from', from);
    url.searchParams.set('to', to);
    return url.href;
  };

  it('offers the presets of the source\'s Gold period, and limits the fields to it', async () => {
    const { name } = recordingSource();
    const el = await fixture<GoldboardDateRange>(html`<goldboard-date-range source=${name} locale="en-US"></goldboard-date-range>`);
    await waitUntil(() => el.period, 'the period is read');
    await el.updateComplete;
    expect(options(el)).to.deep.equal(['All days', 'Last 7 days', 'Oct 2019']);
    expect((part(el, 'from') as HTMLInputElement).min).to.equal('2019-10-01');
    expect((part(el, 'to') as HTMLInputElement).max).to.equal('2019-10-14');
    expect(text(el, 'summary')).to.equal('All days: Oct 1, 2019 – Oct 14, 2019');
    expect(part(el, 'form')!.getAttribute('aria-label')).to.equal('Date range');
    unregisterSource(name);
  });

  it('drives every element of its source, and only those; an element\'s own range wins', async () => {
    const a = recordingSource();
    const b = recordingSource();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <goldboard-date-range source=${a.name}></goldboard-date-range>
      <kpi-card source=${a.name} measure="revenue" trend></kpi-card>
      <revenue-trend source=${a.name}></revenue-trend>
      <top-list source=${a.name} dataset-name="top_users"></top-list>
      <kpi-card id="own" source=${a.name} measure="purchases" from="2019-10-01" to="2019-10-02"></kpi-card>
      <kpi-card id="other" source=${b.name} measure="revenue"></kpi-card>
    </div>`);
    const range = wrapper.querySelector('goldboard-date-range')!;
    const data = [...wrapper.querySelectorAll('kpi-card, revenue-trend, top-list')];
    await settled(data);
    a.seen.length = 0;
    b.seen.length = 0;
    const changed = oneEvent(range, 'goldboard-filter-change');
    range.select('2019-10-05', '2019-10-09');
    expect(((await changed) as CustomEvent).detail).to.deep.equal({ source: a.name, from: '2019-10-05', to: '2019-10-09' });
    await waitUntil(() => a.seen.length >= 3, 'the elements of the source load again');
    await settled(data);
    // Equal requests of several elements are one (the card's trend and the chart share daily_metrics).
    const asked = [...new Set(a.seen.map((q) => `${q.dataset} ${q.from} ${q.to}`))].sort();
    expect(asked).to.deep.equal(['daily_metrics 2019-10-05 2019-10-09', 'kpi_summary 2019-10-05 2019-10-09', 'top_users 2019-10-05 2019-10-09']);
    expect(b.seen, 'elements of another source are untouched').to.deep.equal([]);
    // The trend draws the chosen days only (the static file holds every day).
    expect((wrapper.querySelector('revenue-trend') as RevenueTrend).domains!.x).to.deep.equal([day('2019-10-05'), day('2019-10-09')]);
    expect(sourceFilter(a.name)).to.deep.equal({ from: '2019-10-05', to: '2019-10-09' });
    expect((wrapper.querySelector('#own') as KpiCard).filter, 'its own range').to.deep.equal({ from: '2019-10-01', to: '2019-10-02', segment: undefined });
    // Every day again (answers the page already has: drawn at once).
    range.select('', '');
    const trend = wrapper.querySelector('revenue-trend') as RevenueTrend;
    await waitUntil(() => trend.state === 'ready' && trend.domains!.x[0] === day('2019-10-01'), 'the trend shows every day again');
    expect(trend.domains!.x).to.deep.equal([day('2019-10-01'), day('2019-10-14')]);
    unregisterSource(a.name);
    unregisterSource(b.name);
  });

  it('is used with the keyboard: the Period menu by arrows, the fields with Enter, a backwards range refused', async () => {
    const { name } = recordingSource();
    const wrapper = await fixture<HTMLDivElement>(html`<div><button>before</button><goldboard-date-range source=${name} locale="en-US"></goldboard-date-range></div>`);
    const el = wrapper.querySelector('goldboard-date-range')!;
    await waitUntil(() => el.period);
    await el.updateComplete;
    wrapper.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'preset'));
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect([el.from, el.to]).to.deep.equal(['2019-10-08', '2019-10-14']);
    expect(text(el, 'summary')).to.equal('Oct 8, 2019 – Oct 14, 2019');
    expect(part(el, 'summary')!.getAttribute('role')).to.equal('status');
    // The fields follow the choice; a backwards range is refused with a message on the last day.
    const [from, to] = [part(el, 'from') as HTMLInputElement, part(el, 'to') as HTMLInputElement];
    expect([from.value, to.value]).to.deep.equal(['2019-10-08', '2019-10-14']);
    from.value = '2019-10-10';
    to.value = '2019-10-03';
    to.focus();
    await sendKeys({ press: 'Enter' });
    expect(to.validationMessage).to.equal('The last day comes before the first.');
    expect(el.from).to.equal('2019-10-08');
    to.value = '2019-10-12';
    to.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect([el.from, el.to]).to.deep.equal(['2019-10-10', '2019-10-12']);
    expect((part(el, 'preset') as HTMLSelectElement).selectedOptions[0]!.textContent).to.equal('Chosen days');
    // Tab order: the menu, the two fields (Tab also steps through a date field's day, month and
    // year), Apply.
    (part(el, 'preset') as HTMLSelectElement).focus();
    const order: string[] = [];
    for (let i = 0; i < 10 && order.at(-1) !== 'apply'; i++) {
      await sendKeys({ press: 'Tab' });
      const focused = el.shadowRoot!.activeElement?.getAttribute('part') ?? '';
      if (order.at(-1) !== focused) order.push(focused);
    }
    expect(order).to.deep.equal(['from', 'to', 'apply']);
    unregisterSource(name);
  });

  it('with history: reads the address, makes each choice a history entry, and Back returns to the one before', async () => {
    const { name } = recordingSource();
    history.replaceState(null, '', withRange('2019-10-02', '2019-10-04'));
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <goldboard-date-range source=${name} history></goldboard-date-range>
      <revenue-trend source=${name}></revenue-trend>
    </div>`);
    const el = wrapper.querySelector('goldboard-date-range')!;
    const trend = wrapper.querySelector('revenue-trend') as RevenueTrend;
    expect([el.from, el.to]).to.deep.equal(['2019-10-02', '2019-10-04']);
    await waitForState(trend, 'ready');
    expect(trend.domains!.x).to.deep.equal([day('2019-10-02'), day('2019-10-04')]);
    el.select('2019-10-06', '2019-10-07');
    expect(new URL(location.href).searchParams.get('from')).to.equal('2019-10-06');
    const back = new Promise((resolve) => addEventListener('popstate', resolve, { once: true }));
    history.back();
    await back;
    await el.updateComplete;
    expect([el.from, el.to]).to.deep.equal(['2019-10-02', '2019-10-04']);
    await waitUntil(() => trend.domains?.x[0] === day('2019-10-02') && trend.state === 'ready', 'the trend follows Back');
    unregisterSource(name);
  });

  it('with history="name": filters of two sources keep their ranges in the address apart', async () => {
    const a = recordingSource();
    const b = recordingSource();
    const url = new URL(address);
    url.searchParams.set('sales-from', '2019-10-02');
    url.searchParams.set('sales-to', '2019-10-04');
    url.searchParams.set('from', '2019-10-09');
    history.replaceState(null, '', url.href);
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <goldboard-date-range source=${a.name} history="sales"></goldboard-date-range>
      <goldboard-date-range source=${b.name} history="traffic"></goldboard-date-range>
    </div>`);
    const [sales, traffic] = [...wrapper.querySelectorAll('goldboard-date-range')] as GoldboardDateRange[];
    expect(sourceFilter(a.name)).to.deep.equal({ from: '2019-10-02', to: '2019-10-04' });
    // The unnamed keys are not either filter's.
    expect(sourceFilter(b.name)).to.deep.equal({});
    traffic!.select('2019-10-06', '2019-10-07');
    const params = new URL(location.href).searchParams;
    expect([params.get('traffic-from'), params.get('traffic-to'), params.get('sales-from'), params.get('from')]).to.deep.equal(['2019-10-06', '2019-10-07', '2019-10-02', '2019-10-09']);
    const back = new Promise((resolve) => addEventListener('popstate', resolve, { once: true }));
    history.back();
    await back;
    await sales!.updateComplete;
    expect(sourceFilter(b.name)).to.deep.equal({});
    expect(sourceFilter(a.name)).to.deep.equal({ from: '2019-10-02', to: '2019-10-04' });
    unregisterSource(a.name);
    unregisterSource(b.name);
  });

  it('says why a range in the address is not used, and shows every day', async () => {
    const { name } = recordingSource();
    history.replaceState(null, '', withRange('2020-02-10', '2020-01-10'));
    const el = await fixture<GoldboardDateRange>(html`<goldboard-date-range source=${name} history></goldboard-date-range>`);
    expect(text(el, 'error')).to.equal("The address's range ends (2020-01-10) before it starts (2020-02-10); showing every day.");
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(sourceFilter(name)).to.deep.equal({});
    await expect(el).to.be.accessible();
    unregisterSource(name);
  });

  it('is accessible (axe), light and dark', async () => {
    const { name } = recordingSource();
    const wrapper = await fixture<HTMLDivElement>(html`<div><goldboard-date-range source=${name}></goldboard-date-range></div>`);
    const el = wrapper.querySelector('goldboard-date-range')!;
    await waitUntil(() => el.period);
    await expect(el).to.be.accessible();
    // Dark, on a dark page (the control has no frame of its own: it sits on the page's background).
    wrapper.style.background = '#161b22';
    el.setAttribute('theme', 'dark');
    await expect(el).to.be.accessible();
    unregisterSource(name);
  });
});
