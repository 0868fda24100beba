// Real key presses (the test runner's sendKeys, through the browser), not dispatched events:
// Tab reaches each chart's points, arrows move, Enter selects.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../revenue-trend/revenue-trend.js';
import '../segment-breakdown/segment-breakdown.js';
import '../top-list/top-list.js';
import type { RevenueTrend } from '../revenue-trend/revenue-trend.component.js';
import type { SegmentBreakdown } from '../segment-breakdown/segment-breakdown.component.js';
import type { TopList } from '../top-list/top-list.component.js';
import { GOLD, part, waitForState } from '@goldboard/test-helpers';

const live = (el: Element) => part(el, 'live')!.textContent!.trim();

describe('keyboard use of the charts', () => {
  it('<revenue-trend>: Tab focuses the plot, arrows move between days, Enter selects', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><button>before</button><revenue-trend src="${GOLD}/daily_metrics.arrow" locale="en-US"></revenue-trend></div>`);
    const el = wrapper.querySelector('revenue-trend') as RevenueTrend;
    await waitForState(el, 'ready');
    wrapper.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    // The Table button comes first in the head, then the plot.
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'table-toggle'));
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'plot'));
    await el.updateComplete;
    expect(live(el)).to.equal('Mon, Oct 14, 2019: Revenue $1,160.00 (peak)');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(live(el)).to.equal('Sat, Oct 12, 2019: Revenue $1,140.00');
    expect(part(el, 'tooltip')!.textContent).to.contain('Oct 12, 2019');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(live(el)).to.contain('Oct 1, 2019');
    const selected = oneEvent(el, 'goldboard-select');
    await sendKeys({ press: 'Enter' });
    expect(((await selected) as CustomEvent).detail.day).to.equal('2019-10-01');
    // Leaving the plot hides the crosshair.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await el.updateComplete;
    expect(part(el, 'crosshair')).to.equal(null);
  });

  it('<segment-breakdown>: Tab reaches each segment, Enter and Space select it', async () => {
    const el = await fixture<SegmentBreakdown>(html`<segment-breakdown src="${GOLD}/segment_summary.arrow"></segment-breakdown>`);
    await waitForState(el, 'ready');
    part(el, 'row')!.focus();
    await sendKeys({ press: 'Tab' });
    const second = el.shadowRoot!.activeElement as HTMLElement;
    expect(second.textContent).to.contain('Occasional Buyers');
    const entered = oneEvent(el, 'goldboard-select');
    await sendKeys({ press: 'Enter' });
    expect(((await entered) as CustomEvent).detail).to.include({ segment: 'Occasional Buyers', selected: true });
    await sendKeys({ press: 'Tab' });
    const spaced = oneEvent(el, 'goldboard-select');
    await sendKeys({ press: 'Space' });
    expect(((await spaced) as CustomEvent).detail.segment).to.equal('Browsers / Non-Converters');
    await el.updateComplete;
    expect(el.selected).to.equal('Browsers / Non-Converters');
  });

  it('<top-list>: Tab reaches each row, Enter selects it', async () => {
    const el = await fixture<TopList>(html`<top-list src="${GOLD}/top_users.json" dataset-name="top_users" limit="3"></top-list>`);
    await waitForState(el, 'ready');
    part(el, 'row')!.focus();
    await sendKeys({ press: 'Tab' });
    const entered = oneEvent(el, 'goldboard-select');
    await sendKeys({ press: 'Enter' });
    expect(((await entered) as CustomEvent).detail).to.include({ dataset: 'top_users', userId: 512000001, rank: 2 });
  });
});
