// <revenue-trend>'s own tests: one file, over 400 lines, as each element's tests are one file beside it (drawing, keys, sizing, first render); its pure helpers are tested beside their code (layout, series, keys, chart/time-ticks).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { DAY, GoldTable, NumberColumn, createRowsAdapter, type GoldQuery } from '@goldboard/core';
import './revenue-trend.js';
import type { RevenueTrend } from './revenue-trend.component.js';
import { expectNothingThrownIntoThePage, GOLD, part, parts, runGoldElementConformance, text, waitForState } from '@goldboard/test-helpers';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const tableRows = (el: Element) => [...el.shadowRoot!.querySelectorAll('[part~="data-table"] tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
const key = (el: Element, k: string) => part(el, 'plot')!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
const frames = (n = 2) => new Promise<void>((resolve) => { const step = (i: number) => (i ? requestAnimationFrame(() => step(i - 1)) : resolve()); step(n); });

/** Daily rows with a column `revenue` computed from the day index. */
function days(n: number, f: (i: number) => unknown, start = '2019-10-01') {
  const t0 = day(start);
  return Array.from({ length: n }, (_, i) => ({ event_date: new Date(t0 + i * DAY).toISOString().slice(0, 10), revenue: f(i) }));
}

/** Boxes of these widths (px) added to the page, in order. */
function boxes(...widths: number[]): HTMLDivElement[] {
  const all = widths.map((w) => Object.assign(document.createElement('div'), { style: `width: ${w}px` }));
  document.body.append(...all);
  return all;
}

/** An adapter holding its daily rows back until `release()`. */
function heldRows(rows: Record<string, unknown>[]) {
  let release!: () => void;
  const arrived = new Promise<void>((resolve) => (release = resolve));
  const inner = createRowsAdapter({ daily_metrics: rows });
  return { release, adapter: { load: async (query: GoldQuery, signal: AbortSignal) => (await arrived, inner.load(query, signal)) } };
}

runGoldElementConformance('revenue-trend', {
  file: 'daily_metrics.arrow',
  rows: () => [1, 2, 3, 4, 5].map((d) => ({ event_date: `2019-10-0${d}`, revenue: 100 * d })),
  column: 'revenue',
});

describe('<revenue-trend>', () => {
  expectNothingThrownIntoThePage();

  it('draws daily revenue from an Arrow file with its domains, peak and low', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend src="${GOLD}/daily_metrics.arrow" locale="en-US" style="width: 600px"></revenue-trend>`);
    await waitForState(el, 'ready');
    expect(text(el, 'title')).to.equal('Daily Revenue Trend');
    expect(el.domains!.x).to.deep.equal([day('2019-10-01'), day('2019-10-14')]);
    expect(el.domains!.y[0]).to.equal(0);
    expect(el.domains!.y[1]).to.be.within(1160, 1400);
    expect(text(el, 'summary')).to.equal('Peak Mon, Oct 14, 2019: $1,160.00 · Low Tue, Oct 1, 2019: $1,000.00');
    expect(part(el, 'line')!.getAttribute('d')).to.match(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){13}$/);
    expect(part(el, 'area')).to.exist;
    expect(part(el, 'peak')!.querySelector('circle')).to.exist;
    // UTC time axis, tick labels by Intl; y axis labels compact currency.
    const xLabels = parts(el, 'x-axis')[0]!.querySelectorAll('tspan');
    expect(xLabels.length).to.be.within(2, 14);
    expect(xLabels[0]!.textContent).to.match(/^Oct \d+$/);
    expect([...part(el, 'y-axis')!.querySelectorAll('tspan')].map((t) => t.textContent)).to.include('$0');
    // The data table holds the real values; it is built when the Table button asks for it.
    expect(part(el, 'data-table')).to.equal(null);
    const toggle = part(el, 'table-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(el.showTable).to.be.true;
    const rows = tableRows(el);
    expect(rows.length).to.equal(14);
    expect(rows[0]).to.deep.equal(['Tue, Oct 1, 2019', '$1,000.00']);
    expect(rows[13]).to.deep.equal(['Mon, Oct 14, 2019', '$1,160.00']);
  });

  it('reads JSON, any daily_metrics measure, and formats by locale', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend src="${GOLD}/daily_metrics.json" measure="users" locale="de-DE" show-table></revenue-trend>`);
    await waitForState(el, 'ready');
    expect(text(el, 'title')).to.equal('Daily Users Trend');
    expect(text(el, 'summary')).to.contain('Peak Di., 1. Okt. 2019: 200');
    expect(tableRows(el)[0]).to.deep.equal(['Di., 1. Okt. 2019', '200']);
  });

  it('filters from/to client-side (static files ignore the range)', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend src="${GOLD}/daily_metrics.arrow" from="2019-10-03" to="2019-10-05" locale="en-US" show-table></revenue-trend>`);
    await waitForState(el, 'ready');
    expect(el.domains!.x).to.deep.equal([day('2019-10-03'), day('2019-10-05')]);
    expect(tableRows(el).map((r) => r[1])).to.deep.equal(['$1,020.00', '$1,030.00', '$1,040.00']);
    expect(text(el, 'summary')).to.equal('Peak Sat, Oct 5, 2019: $1,040.00 · Low Thu, Oct 3, 2019: $1,020.00');
  });

  it('is empty when no day falls in the range', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend src="${GOLD}/daily_metrics.arrow" from="2020-01-01"></revenue-trend>`);
    await waitForState(el, 'empty');
    expect(text(el, 'message')).to.equal('No revenue between 2020-01-01.');
  });

  it('exports the days shown as CSV, with the moving average', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend src="${GOLD}/daily_metrics.arrow" from="2019-10-13" smoothing="2"></revenue-trend>`);
    await waitForState(el, 'ready');
    expect(await el.toCSV()).to.equal('event_date,revenue,revenue_avg_2\r\n2019-10-13,1150,1145\r\n2019-10-14,1160,1155\r\n');
  });

  it('draws a moving average and gives it in the tooltip and table', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend src="${GOLD}/daily_metrics.arrow" smoothing="7" locale="en-US" show-table></revenue-trend>`);
    await waitForState(el, 'ready');
    expect(part(el, 'smoothed')!.getAttribute('d')).to.match(/^M/);
    const rows = tableRows(el);
    expect(rows[6]).to.deep.equal(['Mon, Oct 7, 2019', '$1,060.00', '$1,030.00']);
    expect(rows[0]![2]).to.equal('$1,000.00');
  });

  it('moves the crosshair between days with the keyboard and says each value', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend src="${GOLD}/daily_metrics.arrow" locale="en-US"></revenue-trend>`);
    await waitForState(el, 'ready');
    const plot = part(el, 'plot')!;
    expect(plot.tabIndex).to.equal(0);
    expect(plot.getAttribute('aria-label')).to.contain('Use the arrow keys');
    key(el, 'End');
    await el.updateComplete;
    expect(text(el, 'live')).to.equal('Mon, Oct 14, 2019: Revenue $1,160.00 (peak)');
    expect(part(el, 'crosshair')).to.exist;
    key(el, 'ArrowLeft');
    await el.updateComplete;
    expect(text(el, 'live')).to.equal('Sun, Oct 13, 2019: Revenue $1,150.00');
    expect(text(el, 'tooltip')).to.contain('Sun, Oct 13, 2019');
    key(el, 'Home');
    await el.updateComplete;
    expect(text(el, 'live')).to.equal('Tue, Oct 1, 2019: Revenue $1,000.00 (low)');
    key(el, 'ArrowLeft'); // stays on the first day
    await el.updateComplete;
    expect(text(el, 'live')).to.contain('Oct 1, 2019');
    key(el, 'Escape');
    await el.updateComplete;
    expect(part(el, 'crosshair')).to.equal(null);
  });

  it('fires goldboard-select for the day chosen with Enter or a click', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend src="${GOLD}/daily_metrics.arrow" style="width: 500px"></revenue-trend>`);
    await waitForState(el, 'ready');
    key(el, 'Home');
    key(el, 'ArrowRight');
    await el.updateComplete;
    setTimeout(() => key(el, 'Enter'));
    const event = (await oneEvent(el, 'goldboard-select')) as CustomEvent;
    expect(event.bubbles && event.composed).to.be.true;
    expect(event.detail).to.deep.equal({ dataset: 'daily_metrics', measure: 'revenue', date: day('2019-10-02'), day: '2019-10-02', value: 1010 });
    // A click at the right edge of the plot picks the last day.
    const svgBox = part(el, 'plot')!.querySelector('svg')!.getBoundingClientRect();
    setTimeout(() => part(el, 'plot')!.dispatchEvent(new MouseEvent('click', { clientX: svgBox.right - 2, clientY: svgBox.top + 50, bubbles: true })));
    const clicked = (await oneEvent(el, 'goldboard-select')) as CustomEvent;
    expect(clicked.detail.day).to.equal('2019-10-14');
  });

  it('shows a tooltip that follows the pointer, found by binary search', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend src="${GOLD}/daily_metrics.arrow" locale="en-US" style="width: 500px"></revenue-trend>`);
    await waitForState(el, 'ready');
    const plot = part(el, 'plot')!;
    const svgBox = plot.querySelector('svg')!.getBoundingClientRect();
    const left = svgBox.left;
    plot.dispatchEvent(new PointerEvent('pointermove', { clientX: left + svgBox.width * 0.5, clientY: svgBox.top + 40, bubbles: true }));
    await el.updateComplete;
    expect(text(el, 'tooltip')).to.match(/Oct (7|8), 2019 Revenue: \$1,/);
    plot.dispatchEvent(new PointerEvent('pointerleave'));
    await el.updateComplete;
    expect(part(el, 'tooltip')).to.equal(null);
  });

  it('follows its width: more ticks when wider, a redraw on resize', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 240px"><revenue-trend src="${GOLD}/daily_metrics.arrow"></revenue-trend></div>`);
    const el = wrapper.querySelector('revenue-trend') as RevenueTrend;
    await waitForState(el, 'ready');
    await frames(3);
    const svgEl = () => part(el, 'plot')!.querySelector('svg')!;
    const narrowWidth = Number(svgEl().getAttribute('width'));
    const narrowTicks = part(el, 'x-axis')!.querySelectorAll('tspan').length;
    expect(narrowWidth).to.be.within(150, 240);
    wrapper.style.width = '900px';
    await frames(4);
    await el.updateComplete;
    expect(Number(svgEl().getAttribute('width'))).to.be.greaterThan(800);
    expect(part(el, 'x-axis')!.querySelectorAll('tspan').length).to.be.greaterThan(narrowTicks);
  });

  it('downsamples 100k hourly points to the pixel width, keeps extremes and real values', async () => {
    const n = 100_000;
    const t0 = day('2015-01-01');
    const dates = new Float64Array(n);
    const revenue = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      dates[i] = t0 + i * 3_600_000;
      revenue[i] = 1000 + 100 * Math.sin(i / 500) + (i === 54_321 ? 5000 : 0);
    }
    const el = await fixture<RevenueTrend>(html`<revenue-trend locale="en-US" style="width: 640px" show-table></revenue-trend>`);
    el.data = new GoldTable('daily_metrics', n, [new NumberColumn('event_date', 'date', dates), new NumberColumn('revenue', 'number', revenue)]);
    await waitForState(el, 'ready');
    expect(el.drawnPoints).to.be.at.most(4 * 640).and.at.least(100);
    expect(text(el, 'summary')).to.contain('$6,');
    expect(text(el, 'summary')).to.match(/Peak .*2021.*[AP]M: \$6,0\d\d/);
    expect(tableRows(el).length).to.equal(1000);
    expect(text(el, 'data-table')).to.contain('first 1,000 of 100,000 rows');
    key(el, 'End');
    await el.updateComplete;
    expect(text(el, 'live')).to.match(/^.*2026.*: Revenue \$/);
  });

  it('draws a million points downsampled to the pixel columns (speed: bench/render)', async () => {
    const n = 1_000_000;
    const dates = new Float64Array(n);
    const revenue = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      dates[i] = i * 60_000;
      revenue[i] = (i * 7919) % 1000;
    }
    const el = await fixture<RevenueTrend>(html`<revenue-trend style="width: 800px"></revenue-trend>`);
    el.data = new GoldTable('daily_metrics', n, [new NumberColumn('event_date', 'date', dates), new NumberColumn('revenue', 'number', revenue)]);
    await waitForState(el, 'ready');
    expect(el.drawnPoints).to.be.at.most(4 * 800).and.at.least(800);
    expect(el.domains?.x).to.deep.equal([0, (n - 1) * 60_000]);
    expect(el.domains?.y[1]).to.be.at.least(999);
  });

  it('refuses two rows for one day instead of drawing them as hours', async () => {
    const rows = days(5, (i) => 100 + i);
    const el = await fixture<RevenueTrend>(html`<revenue-trend .data=${[...rows, { ...rows[2]!, revenue: 5 }]}></revenue-trend>`);
    await waitForState(el, 'error');
    expect(text(el, 'error')).to.contain('daily_metrics has two rows for 2019-10-03 (event_date)');
  });

  it('sorts unsorted rows, leaves gaps for nulls and NaN, draws negative values below zero', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend locale="en-US" show-table></revenue-trend>`);
    el.data = [
      { event_date: '2019-10-03', revenue: 30 },
      { event_date: '2019-10-01', revenue: -10 },
      { event_date: '2019-10-02', revenue: null },
      { event_date: '2019-10-05', revenue: 50 },
      { event_date: '2019-10-04', revenue: 40 },
    ];
    await waitForState(el, 'ready');
    expect(el.domains!.y[0]).to.be.below(-9);
    expect(tableRows(el).map((r) => r[1])).to.deep.equal(['-$10.00', '—', '$30.00', '$40.00', '$50.00']);
    // Two pieces: the null on Oct 2 breaks the line.
    expect(part(el, 'line')!.getAttribute('d')!.match(/M/g)!.length).to.equal(2);
    expect(text(el, 'summary')).to.equal('Peak Sat, Oct 5, 2019: $50.00 · Low Tue, Oct 1, 2019: -$10.00');
  });

  it('is empty for 0 rows and for rows that are all null', async () => {
    // Data bound in the template: an element without a source is 'empty' until it has one.
    const none = await fixture<RevenueTrend>(html`<revenue-trend .adapter=${createRowsAdapter({ daily_metrics: [] })}></revenue-trend>`);
    await waitForState(none, 'empty');
    expect(text(none, 'message')).to.equal('No data for this selection.');
    const nulls = await fixture<RevenueTrend>(html`<revenue-trend .data=${days(3, () => null)}></revenue-trend>`);
    await waitForState(nulls, 'empty');
    expect(text(nulls, 'message')).to.equal('No revenue values in this data.');
  });

  it('names the column of wrong types, and refuses a measure that is not a number', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend></revenue-trend>`);
    el.data = days(3, (i) => (i === 1 ? 'lots' : 5));
    await waitForState(el, 'error');
    expect(text(el, 'error')).to.contain('column `revenue` should be float64 but holds text "lots" at row 2');
    const dates = await fixture<RevenueTrend>(html`<revenue-trend measure="event_date" src="${GOLD}/daily_metrics.arrow"></revenue-trend>`);
    await waitForState(dates, 'error');
    expect(text(dates, 'error')).to.contain('measure `event_date` is date, not a number');
    const bad = await fixture<RevenueTrend>(html`<revenue-trend></revenue-trend>`);
    bad.data = [{ event_date: 'yesterday', revenue: 1 }];
    await waitForState(bad, 'error');
    expect(text(bad, 'error')).to.contain('`event_date` should be date');
  });

  it('exports its drawing with the Peak and Low labels drawn over their outline', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend .data=${days(10, (i) => 100 + (i % 4) * 10)} style="width: 600px"></revenue-trend>`);
    await waitForState(el, 'ready');
    const svgText = await el.toSVG();
    expect(svgText).to.match(/<text[^>]*style="[^"]*paint-order: stroke[^"]*"[^>]*>Peak<\/text>/);
  });

  it('draws inline data in its first render, at the width it then measures, and fires ready once', async () => {
    const host = document.createElement('div');
    host.style.width = '634px';
    document.body.append(host);
    try {
      const el = document.createElement('revenue-trend') as RevenueTrend;
      el.style.setProperty('--goldboard-chart-height', '200px');
      el.data = days(30, (i) => 100 + i);
      let readies = 0;
      el.addEventListener('goldboard-ready', () => readies++);
      host.append(el);
      await el.updateComplete;
      // No loading view first: the first update already shows the chart.
      expect(el.state).to.equal('ready');
      const svg = part(el, 'plot')!.querySelector('svg')!;
      const drawnWidth = Number(svg.getAttribute('width'));
      // 634px less the frame's padding (2 × 16px) and border (2 × 1px).
      expect(drawnWidth).to.equal(600);
      let updates = 0;
      el.addController({ hostUpdated: () => updates++ });
      await frames(3);
      // The size observer confirms the estimate: no second drawing.
      expect(updates).to.equal(0);
      expect(Number(part(el, 'plot')!.querySelector('svg')!.getAttribute('width'))).to.equal(part(el, 'plot')!.clientWidth);
      expect(readies).to.equal(1);
      // A width change is still followed.
      host.style.width = '434px';
      await frames(3);
      await el.updateComplete;
      expect(Number(part(el, 'plot')!.querySelector('svg')!.getAttribute('width'))).to.equal(400);
    } finally {
      host.remove();
    }
  });

  it('draws data that arrives after its loading frame was laid out at that width, without reading layout or drawing twice', async () => {
    const [host] = boxes(534) as [HTMLDivElement];
    const { adapter, release } = heldRows(days(30, (i) => 100 + i));
    try {
      const el = document.createElement('revenue-trend') as RevenueTrend;
      // A frame padding not in px: only a measurement gives the width (an estimate from the host cannot).
      el.style.setProperty('--goldboard-padding', '1.5em');
      el.adapter = adapter;
      host.append(el);
      await waitForState(el, 'loading');
      await frames(3);
      const frame = part(el, 'base')!;
      const contentWidth = frame.clientWidth - 2 * parseFloat(getComputedStyle(frame).paddingLeft);
      // Every way to read an element's size from layout, counted while the data is drawn.
      let layoutReads = 0;
      const watched: [object, string][] = [
        [Element.prototype, 'clientWidth'],
        [Element.prototype, 'getBoundingClientRect'],
        [HTMLElement.prototype, 'offsetWidth'],
      ];
      const originals = watched.map(([proto, name]) => Object.getOwnPropertyDescriptor(proto, name)!);
      watched.forEach(([proto, name], i) => {
        const original = originals[i]!;
        Object.defineProperty(proto, name, original.get
          ? { configurable: true, get() { layoutReads++; return original.get!.call(this); } }
          : { configurable: true, writable: true, value(this: Element) { layoutReads++; return (original.value as () => unknown).call(this); } });
      });
      let updates = 0;
      try {
        el.addController({ hostUpdated: () => updates++ });
        release();
        await waitForState(el, 'ready');
      } finally {
        watched.forEach(([proto, name], i) => Object.defineProperty(proto, name, originals[i]!));
      }
      expect(layoutReads).to.equal(0);
      const svgWidth = () => Number(part(el, 'plot')!.querySelector('svg')!.getAttribute('width'));
      expect(svgWidth()).to.equal(Math.round(contentWidth));
      const drawn = updates;
      await frames(3);
      expect(updates, 'no second drawing after the plot box reports its size').to.equal(drawn);
      expect(svgWidth()).to.equal(part(el, 'plot')!.clientWidth);
    } finally {
      host.remove();
    }
  });

  it('measures again after a move while loading: data arriving right after is drawn once, at the new width', async () => {
    const [wide, narrow] = boxes(700, 300) as [HTMLDivElement, HTMLDivElement];
    const { adapter, release } = heldRows(days(30, (i) => 100 + i));
    try {
      const el = document.createElement('revenue-trend') as RevenueTrend;
      el.adapter = adapter;
      wide.append(el);
      await waitForState(el, 'loading');
      await frames(3); // the frame's width in the wide box is reported
      const widths: number[] = [];
      el.addController({ hostUpdated: () => { const svg = part(el, 'plot')?.querySelector('svg'); if (svg) widths.push(Number(svg.getAttribute('width'))); } });
      narrow.append(el);
      release();
      await waitForState(el, 'ready');
      await frames(3);
      expect(widths).to.deep.equal([part(el, 'plot')!.clientWidth]);
      expect(widths[0]).to.be.below(300);
    } finally {
      wide.remove();
      narrow.remove();
    }
  });

  it('draws again once when the first size report differs from the estimate, and follows a move to a narrower place', async () => {
    const [wide, narrow] = boxes(700, 400) as [HTMLDivElement, HTMLDivElement];
    try {
      const el = document.createElement('revenue-trend') as RevenueTrend;
      // A padding not in px cannot be read before the frame exists: the estimate is off.
      el.style.setProperty('--goldboard-padding', '2em');
      el.data = days(30, (i) => 100 + i);
      wide.append(el);
      await el.updateComplete;
      const svgWidth = () => Number(part(el, 'plot')!.querySelector('svg')!.getAttribute('width'));
      await waitUntil(() => svgWidth() === part(el, 'plot')!.clientWidth, 'redrawn at the measured width');
      expect(svgWidth()).to.be.within(600, 680);
      // Moved while ready: the size is followed in the new place too.
      narrow.append(el);
      await waitUntil(() => svgWidth() === part(el, 'plot')!.clientWidth, 'redrawn after the move');
      expect(svgWidth()).to.be.below(400);
    } finally {
      wide.remove();
      narrow.remove();
    }
  });

  it('is accessible (axe) when ready, in dark theme and while focused', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend src="${GOLD}/daily_metrics.arrow" smoothing="3" theme="dark"></revenue-trend>`);
    await waitForState(el, 'ready');
    expect(getComputedStyle(part(el, 'base')!).backgroundColor).to.equal('rgb(22, 27, 34)');
    await expect(el).to.be.accessible();
    key(el, 'End');
    el.showTable = true;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
