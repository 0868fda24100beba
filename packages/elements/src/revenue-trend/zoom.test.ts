// Zoom and pan of <revenue-trend> through real input where the test runner has it (the pointer
// drag and key presses go through the browser), dispatched wheel events otherwise.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { DAY, GoldTable, NumberColumn, createRowsAdapter, registerSource, sourceFilter, unregisterSource } from '@goldboard/core';
import './revenue-trend.js';
import type { RevenueTrend } from './revenue-trend.component.js';
import type { TrendZoomDetail } from './zoom.js';
import { expectNothingThrownIntoThePage, part, text, uniqueKey, waitForState } from '@goldboard/test-helpers';

const T0 = Date.parse('2019-10-01T00:00:00Z');
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
/** 100 days from 2019-10-01, revenue 1000 + 10 × the day's index. */
const rows = Array.from({ length: 100 }, (_, i) => ({ event_date: iso(T0 + i * DAY), revenue: 1000 + 10 * i }));
const tableRows = (el: Element) => [...el.shadowRoot!.querySelectorAll('[part~="data-table"] tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
const frames = (n = 2) => new Promise<void>((resolve) => { const step = (i: number) => (i ? requestAnimationFrame(() => step(i - 1)) : resolve()); step(n); });

/** The viewport point at `fraction` of the plot's width (inside its margins), halfway down. */
function at(el: RevenueTrend, fraction: number): [number, number] {
  const box = part(el, 'plot')!.querySelector('.grid')!.getBoundingClientRect();
  const plot = part(el, 'plot')!.getBoundingClientRect();
  return [Math.round(box.left + fraction * box.width), Math.round(plot.top + plot.height / 2)];
}

/** The days shown, from the x domain. */
const shownDays = (el: RevenueTrend) => el.domains!.x.map(iso);

async function trend(attributes = ''): Promise<RevenueTrend> {
  const el = await fixture<RevenueTrend>(html`<revenue-trend locale="en-US" style="width: 640px" .data=${rows}></revenue-trend>`);
  for (const a of attributes.split(' ').filter(Boolean)) el.setAttribute(a, '');
  await waitForState(el, 'ready');
  await frames();
  return el;
}

async function drag(el: RevenueTrend, from: number, to: number): Promise<void> {
  await sendMouse({ type: 'move', position: at(el, from) });
  await sendMouse({ type: 'down' });
  await sendMouse({ type: 'move', position: at(el, (from + to) / 2) });
  await sendMouse({ type: 'move', position: at(el, to) });
  await sendMouse({ type: 'up' });
}

/** Real touch input (the test runner's `touch` command): the fingers touching after each step. */
type Finger = { x: number; y: number; id: number };
const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: Finger[]) => executeServerCommand('touch', { type, points });
const finger = (el: RevenueTrend, id: number, fraction: number): Finger => {
  const [x, y] = at(el, fraction);
  return { x, y, id };
};
/** The plot's fraction of the width at which time `t` is drawn now. */
const fractionOf = (el: RevenueTrend, t: number) => (t - el.domains!.x[0]) / (el.domains!.x[1] - el.domains!.x[0]);

/** The zoom's chunk is loaded on the first interaction: waits until the element shows `days`. */
const untilShown = (el: RevenueTrend, days: number) => waitUntil(() => el.domains && Math.round((el.domains.x[1] - el.domains.x[0]) / DAY) + 1 === days, `${days} days shown`);

describe('<revenue-trend> zoom and pan', () => {
  expectNothingThrownIntoThePage();
  afterEach(() => resetMouse());

  it('brushes a range with a pointer drag: the drawing, data table and CSV follow it, goldboard-zoom says it, no point is selected', async () => {
    const el = await trend('show-table');
    const selected: Event[] = [];
    el.addEventListener('goldboard-select', (e) => selected.push(e));
    const zoomed = oneEvent(el, 'goldboard-zoom');
    // A first drag over the middle fifth of the plot (days 20…60 of 0…99).
    await drag(el, 0.2, 0.6);
    const { detail } = (await zoomed) as CustomEvent<TrendZoomDetail>;
    await el.updateComplete;
    expect(detail.zoomed).to.be.true;
    expect(detail.from).to.equal(shownDays(el)[0]);
    expect(detail.to).to.equal(shownDays(el)[1]);
    const [first, last] = el.domains!.x.map((t) => Math.round((t - T0) / DAY));
    expect(first).to.be.within(19, 21);
    expect(last).to.be.within(58, 60);
    expect(el.zoomRange).to.have.length(2);
    const table = tableRows(el);
    expect(table.length).to.equal(last! - first! + 1);
    expect(table[0]![1]).to.equal(`$${(1000 + 10 * first!).toLocaleString('en-US')}.00`);
    const csv = (await el.toCSV()).trim().split('\r\n');
    expect(csv.length).to.equal(table.length + 1);
    expect(csv[1]).to.equal(`${detail.from},${1000 + 10 * first!}`);
    // The peak and low of what is shown.
    expect(text(el, 'summary')).to.contain(`$${(1000 + 10 * last!).toLocaleString('en-US')}.00`);
    expect(part(el, 'zoom-reset')).to.exist;
    expect(part(el, 'plot')!.getAttribute('aria-label')).to.contain(`${table.length} points`);
    expect(selected).to.have.length(0);
    // A click without a drag still selects a point.
    const [x, y] = at(el, 0.5);
    await sendMouse({ type: 'click', position: [x, y] });
    expect(selected).to.have.length(1);
  });

  it('zooms with ctrl + wheel (and a trackpad pinch) around the pointer, pans with a sideways wheel, leaves a plain wheel to the page', async () => {
    const el = await trend();
    const plot = part(el, 'plot')!;
    const [x, y] = at(el, 0.25);
    const wheel = (init: WheelEventInit) => {
      const event = new WheelEvent('wheel', { clientX: x, clientY: y, bubbles: true, cancelable: true, composed: true, ...init });
      plot.dispatchEvent(event);
      return event.defaultPrevented;
    };
    // The first wheel loads the zoom; it is refused to the page at once.
    expect(wheel({ deltaY: -500, ctrlKey: true })).to.be.true;
    await waitUntil(() => el.zoomRange, 'zoomed by the wheel');
    await el.updateComplete;
    const [a, b] = el.domains!.x;
    // e^-1: about 37 of the 100 days, around the point a quarter in (day ~25 stays a quarter in).
    expect(Math.round((b - a) / DAY) + 1).to.be.within(35, 39);
    expect((T0 + 24.75 * DAY - a) / (b - a)).to.be.within(0.2, 0.3);
    // Sideways: a pan of the same width.
    expect(wheel({ deltaX: 100 })).to.be.true;
    await el.updateComplete;
    const [c, d] = el.domains!.x;
    expect(c).to.be.above(a);
    // (The range keeps its width in time; the days inside it are as many, or one fewer.)
    expect(Math.round((d - c) / DAY)).to.be.within(Math.round((b - a) / DAY) - 1, Math.round((b - a) / DAY));
    // A plain vertical wheel scrolls the page.
    expect(wheel({ deltaY: 100 })).to.be.false;
    // Zooming out past the whole range resets.
    wheel({ deltaY: 500, ctrlKey: true });
    wheel({ deltaY: 500, ctrlKey: true });
    await el.updateComplete;
    expect(el.zoomRange).to.equal(undefined);
    expect(shownDays(el)).to.deep.equal(['2019-10-01', '2020-01-08']);
  });

  it('zooms and pans with two fingers on a touch screen: the days under the fingers stay under them; a one-finger tap still selects', async () => {
    const el = await trend();
    const zooms: TrendZoomDetail[] = [];
    el.addEventListener('goldboard-zoom', (e) => zooms.push((e as CustomEvent<TrendZoomDetail>).detail));
    const selected: Event[] = [];
    el.addEventListener('goldboard-select', (e) => selected.push(e));
    // The first finger loads the zoom's chunk (the plot is entered); then the second joins it.
    await touch('touchStart', [finger(el, 0, 0.4)]);
    await waitUntil(() => (el as unknown as { zoomer?: unknown }).zoomer, 'the zoom loaded');
    await touch('touchStart', [finger(el, 0, 0.4), finger(el, 1, 0.6)]);
    // Days under the fingers when they touched (of 0…99 across the plot).
    const [tA, tB] = [0.4, 0.6].map((f) => el.domains!.x[0] + f * (el.domains!.x[1] - el.domains!.x[0]));
    // Apart, in steps: twice the distance, around the same middle.
    for (const step of [0.25, 0.5, 0.75, 1]) {
      await touch('touchMove', [finger(el, 0, 0.4 - 0.1 * step), finger(el, 1, 0.6 + 0.1 * step)]);
    }
    await waitUntil(() => el.zoomRange, 'zoomed by the pinch');
    await frames(3);
    const [a, b] = el.domains!.x;
    // Half the 99 days' width (the points drawn run from the first to the last row inside it).
    expect(Math.round((b - a) / DAY)).to.be.within(47, 51);
    expect(fractionOf(el, tA!)).to.be.within(0.27, 0.33);
    expect(fractionOf(el, tB!)).to.be.within(0.67, 0.73);
    // Both fingers move left together: a pan, the width kept; the same days stay under them.
    await touch('touchMove', [finger(el, 0, 0.2), finger(el, 1, 0.6)]);
    await waitUntil(() => el.domains!.x[0] > a, 'panned');
    await frames(3);
    const [c, d] = el.domains!.x;
    expect(Math.round((d - c) / DAY)).to.be.within(Math.round((b - a) / DAY) - 1, Math.round((b - a) / DAY) + 1);
    expect(fractionOf(el, tA!)).to.be.within(0.17, 0.23);
    await touch('touchEnd', []);
    await el.updateComplete;
    // The pinch drew no brush and chose no point; goldboard-zoom said the range shown.
    expect(part(el, 'brush')).to.equal(null);
    expect(selected).to.have.length(0);
    expect(zooms.length).to.be.greaterThan(0);
    expect(zooms.at(-1)!.from).to.equal(shownDays(el)[0]);
    expect(zooms.at(-1)!.to).to.equal(shownDays(el)[1]);
    // A pinch apart as far as it goes stops at two points' width.
    await touch('touchStart', [finger(el, 0, 0.49)]);
    await touch('touchStart', [finger(el, 0, 0.49), finger(el, 1, 0.51)]);
    await touch('touchMove', [finger(el, 0, 0), finger(el, 1, 1)]);
    await touch('touchEnd', []);
    await frames(3);
    expect(Math.round((el.domains!.x[1] - el.domains!.x[0]) / DAY)).to.be.within(1, 2);
    // A tap of one finger selects the point under it.
    const picked = oneEvent(el, 'goldboard-select');
    await touch('touchStart', [finger(el, 0, 0.5)]);
    await touch('touchEnd', []);
    expect((await picked as CustomEvent).detail.value).to.be.a('number');
  });

  it('ends a pinch when one finger lifts (the other moves nothing), and forgets fingers whose lift never came once a new gesture starts', async () => {
    const el = await trend();
    const plot = part(el, 'plot')!;
    // Chromium's touch input releases every finger at once: pointer events as a touch screen
    // sends them when the fingers lift one by one.
    const send = (type: string, pointerId: number, fraction: number, isPrimary = false) => {
      const [clientX, clientY] = at(el, fraction);
      plot.dispatchEvent(new PointerEvent(type, { pointerId, pointerType: 'touch', isPrimary, clientX, clientY, button: type === 'pointermove' ? -1 : 0, bubbles: true, composed: true, cancelable: true }));
    };
    send('pointerenter', 1, 0.4, true);
    send('pointerdown', 1, 0.4, true);
    await waitUntil(() => (el as unknown as { zoomer?: unknown }).zoomer, 'the zoom loaded');
    send('pointerdown', 2, 0.6);
    send('pointermove', 2, 0.8);
    await waitUntil(() => el.zoomRange, 'zoomed by the pinch');
    await frames(2);
    const pinched = [...el.domains!.x];
    send('pointerup', 1, 0.4, true);
    send('pointermove', 2, 0.3);
    send('pointermove', 2, 0.1);
    await frames(2);
    expect(el.domains!.x).to.deep.equal(pinched);
    expect(el.zoomRange!.every(Number.isFinite)).to.be.true;
    // Finger 2's lift never reaches the plot; a new gesture's first finger brushes as usual.
    const zoomed = oneEvent(el, 'goldboard-zoom');
    send('pointerdown', 3, 0.2, true);
    send('pointermove', 3, 0.5);
    send('pointerup', 3, 0.5, true);
    await zoomed;
    await frames(2);
    expect(el.domains!.x[1] - el.domains!.x[0]).to.be.lessThan(pinched[1]! - pinched[0]!);
  });

  it('zooms with + and -, pans with the arrows as the crosshair moves past an edge, Home and End, resets with Escape and double-click', async () => {
    const el = await trend('show-table');
    part(el, 'plot')!.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: '+' });
    await untilShown(el, 50);
    // Around the active point (the last day): the second half.
    expect(shownDays(el)).to.deep.equal(['2019-11-20', '2020-01-08']);
    await sendKeys({ press: '+' });
    await untilShown(el, 25);
    expect(shownDays(el)).to.deep.equal(['2019-12-15', '2020-01-08']);
    expect(tableRows(el)).to.have.length(25);
    // Home: the crosshair to the first day, the view with it.
    await sendKeys({ press: 'Home' });
    await waitUntil(() => shownDays(el)[0] === '2019-10-01', 'panned to the start');
    await el.updateComplete;
    expect(shownDays(el)).to.deep.equal(['2019-10-01', '2019-10-25']);
    expect(text(el, 'live')).to.equal('Tue, Oct 1, 2019: Revenue $1,000.00 (low)');
    expect(part(el, 'crosshair')).to.exist;
    // Left of the first day: nothing more. Right of the view's last day: the view follows.
    for (let i = 0; i < 25; i++) await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => shownDays(el)[1] === '2019-10-26', 'panned by one day');
    expect(shownDays(el)[0]).to.equal('2019-10-02');
    await el.updateComplete;
    // The peak of what is shown.
    expect(text(el, 'live')).to.equal('Sat, Oct 26, 2019: Revenue $1,250.00 (peak)');
    await sendKeys({ press: 'End' });
    await waitUntil(() => shownDays(el)[1] === '2020-01-08', 'panned to the end');
    // Twice as wide (49.5 days: 49 or 50 of them shown), still ending on the last day.
    await sendKeys({ press: '-' });
    await waitUntil(() => el.domains!.x[1] - el.domains!.x[0] >= 48 * DAY, 'zoomed out');
    expect(shownDays(el)[1]).to.equal('2020-01-08');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !el.zoomRange, 'reset by Escape');
    expect(shownDays(el)).to.deep.equal(['2019-10-01', '2020-01-08']);
    expect(text(el, 'live')).to.equal('Zoom reset: Tue, Oct 1, 2019 to Wed, Jan 8, 2020.');
    expect(tableRows(el)).to.have.length(100);
    // Escape when not zoomed clears the crosshair, as before.
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(part(el, 'crosshair')).to.equal(null);
    // Double-click resets too.
    await sendKeys({ press: '+' });
    await untilShown(el, 50);
    const [x, y] = at(el, 0.5);
    const reset = oneEvent(el, 'goldboard-zoom');
    await sendMouse({ type: 'move', position: [x, y] });
    part(el, 'plot')!.dispatchEvent(new MouseEvent('dblclick', { clientX: x, clientY: y, bubbles: true, composed: true }));
    expect(((await reset) as CustomEvent<TrendZoomDetail>).detail).to.include({ zoomed: false, from: '2019-10-01', to: '2020-01-08' });
  });

  it('zooms from script through zoomRange, keeps the zoom when the data is refreshed, and the Reset zoom button resets', async () => {
    const el = await trend();
    el.zoomRange = [T0 + 10 * DAY, T0 + 19 * DAY];
    await untilShown(el, 10);
    expect(shownDays(el)).to.deep.equal(['2019-10-11', '2019-10-20']);
    el.data = rows.map((r) => ({ ...r, revenue: r.revenue * 2 }));
    await el.updateComplete;
    expect(shownDays(el)).to.deep.equal(['2019-10-11', '2019-10-20']);
    expect(text(el, 'summary')).to.contain('$2,380.00');
    (part(el, 'zoom-reset') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.zoomRange).to.equal(undefined);
    expect(part(el, 'zoom-reset')).to.equal(null);
  });

  it('with zoom-filter, a zoom sets the source\'s range, which its other elements follow; Escape clears it', async () => {
    const name = `zoomed-${uniqueKey()}`;
    const adapter = createRowsAdapter({ daily_metrics: rows });
    registerSource(name, adapter);
    try {
      const page = await fixture<HTMLDivElement>(html`<div>
        <revenue-trend source=${name} zoom-filter locale="en-US" style="width: 640px"></revenue-trend>
        <revenue-trend source=${name} locale="en-US" style="width: 640px"></revenue-trend>
      </div>`);
      const [el, other] = [...page.querySelectorAll('revenue-trend')] as RevenueTrend[];
      await Promise.all([waitForState(el!, 'ready'), waitForState(other!, 'ready')]);
      await frames();
      const zoomed = oneEvent(el!, 'goldboard-zoom');
      await drag(el!, 0.2, 0.6);
      const { detail } = (await zoomed) as CustomEvent<TrendZoomDetail>;
      expect(sourceFilter(name)).to.deep.equal({ from: detail.from, to: detail.to });
      // Both trends show the source's range (the zooming one as its data, not as a view of it).
      await waitUntil(() => shownDays(other!)[0] === detail.from && shownDays(el!)[0] === detail.from, 'both follow the source');
      expect(shownDays(other!)).to.deep.equal([detail.from, detail.to]);
      expect(el!.zoomRange).to.equal(undefined);
      part(el!, 'plot')!.focus();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !sourceFilter(name).from, 'the source range cleared');
      await waitUntil(() => shownDays(other!)[0] === '2019-10-01', 'everything shown again');
    } finally {
      unregisterSource(name, adapter);
    }
  });

  it('with zoom-filter, zooms out and pans past the data the source\'s range holds; a burst of wheel steps sets the source once', async () => {
    const name = `zoomed-${uniqueKey()}`;
    const loads: string[] = [];
    const inner = createRowsAdapter({ daily_metrics: rows });
    const adapter = { ...inner, load: (query: Parameters<typeof inner.load>[0], signal: AbortSignal) => (loads.push(`${query.from ?? ''}/${query.to ?? ''}`), inner.load(query, signal)) };
    registerSource(name, adapter);
    try {
      const el = await fixture<RevenueTrend>(html`<revenue-trend source=${name} zoom-filter locale="en-US" style="width: 640px"></revenue-trend>`);
      await waitForState(el, 'ready');
      await frames();
      const events: TrendZoomDetail[] = [];
      el.addEventListener('goldboard-zoom', (e) => events.push((e as CustomEvent<TrendZoomDetail>).detail));
      const plot = part(el, 'plot')!;
      const [x, y] = at(el, 0.5);
      const wheel = (init: WheelEventInit) => plot.dispatchEvent(new WheelEvent('wheel', { clientX: x, clientY: y, bubbles: true, cancelable: true, composed: true, ...init }));
      // Ten steps in, as a pinch gives them: one range on the source once they rest.
      wheel({ deltaY: -100, ctrlKey: true });
      await waitUntil(() => el.zoomRange, 'the zoom loaded and shows the range from the data at hand');
      for (let i = 0; i < 9; i++) wheel({ deltaY: -100, ctrlKey: true });
      await waitUntil(() => sourceFilter(name).from, 'the range set on the source');
      const narrow = sourceFilter(name);
      expect(events).to.have.length(1);
      expect(events[0]).to.include({ zoomed: true, from: narrow.from, to: narrow.to });
      await waitUntil(() => shownDays(el)[0] === narrow.from && shownDays(el)[1] === narrow.to, 'the trend shows the source range as its data');
      const before = loads.length;
      // Out past the data the trend holds now: the source's range widens.
      wheel({ deltaY: 300, ctrlKey: true });
      await waitUntil(() => sourceFilter(name).from! < narrow.from!, 'widened');
      const wide = sourceFilter(name);
      expect(wide.to! > narrow.to!).to.be.true;
      await waitUntil(() => shownDays(el)[0] === wide.from, 'the wider data drawn');
      expect(loads.length - before).to.equal(1);
      // A sideways wheel pans the source's range, keeping its width.
      wheel({ deltaX: -200 });
      await waitUntil(() => sourceFilter(name).from! < wide.from!, 'panned back in time');
      const panned = sourceFilter(name);
      expect((Date.parse(panned.to!) - Date.parse(panned.from!)) / DAY).to.equal((Date.parse(wide.to!) - Date.parse(wide.from!)) / DAY);
      // Out past everything: the source's range is cleared, and the trend says so.
      await waitUntil(() => shownDays(el)[0] === panned.from, 'the panned data drawn');
      wheel({ deltaY: 3000, ctrlKey: true });
      for (let i = 0; i < 4; i++) wheel({ deltaY: 3000, ctrlKey: true });
      await waitUntil(() => !sourceFilter(name).from && !sourceFilter(name).to, 'the whole range again');
      expect(events.at(-1)).to.include({ zoomed: false, from: '2019-10-01', to: iso(T0 + 99 * DAY) });
      expect(text(el, 'live')).to.contain('Zoom reset');
    } finally {
      unregisterSource(name, adapter);
    }
  });

  it('with zoom-filter and its own from/to, zooms its own view (its range does not follow the source)', async () => {
    const name = `zoomed-${uniqueKey()}`;
    const adapter = createRowsAdapter({ daily_metrics: rows });
    registerSource(name, adapter);
    try {
      const el = await fixture<RevenueTrend>(html`<revenue-trend source=${name} zoom-filter from="2019-10-01" to="2019-11-09" locale="en-US" style="width: 640px"></revenue-trend>`);
      await waitForState(el, 'ready');
      await frames();
      const zoomed = oneEvent(el, 'goldboard-zoom');
      await drag(el, 0.2, 0.6);
      await zoomed;
      expect(el.zoomRange).to.not.equal(undefined);
      expect(sourceFilter(name)).to.deep.equal({});
    } finally {
      unregisterSource(name, adapter);
    }
  });

  it('at a million points, zooms in steps drawn from the summary: at most a few points per pixel column, the real extremes', async () => {
    const n = 1_000_000;
    const dates = new Float64Array(n);
    const revenue = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      dates[i] = i * 60_000;
      revenue[i] = (i * 7919) % 1000;
    }
    revenue[600_123] = 5000;
    const el = await fixture<RevenueTrend>(html`<revenue-trend style="width: 800px"></revenue-trend>`);
    el.data = new GoldTable('daily_metrics', n, [new NumberColumn('event_date', 'date', dates), new NumberColumn('revenue', 'number', revenue)]);
    await waitForState(el, 'ready');
    el.zoomRange = [dates[500_000]!, dates[700_000]!];
    await waitUntil(() => el.domains!.x[0] === dates[500_000], 'zoomed');
    expect(el.drawnPoints).to.be.within(800, 5 * 800);
    expect(el.domains!.y[1]).to.be.at.least(5000);
    expect(text(el, 'summary')).to.contain('5,000');
    el.zoomRange = [dates[10]!, dates[20]!];
    await el.updateComplete;
    expect(el.domains!.x).to.deep.equal([dates[10], dates[20]]);
    expect(el.drawnPoints).to.equal(11);
  });
});
