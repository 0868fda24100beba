// Elements met before their definition, as a framework meets them when it renders first (a lazy
// import, a server render hydrated later): properties set on the undefined element are taken on
// upgrade, and an object given as an attribute (`data="[object Object]"`) is an error saying to
// set the property.
import { expect, oneEvent } from '@open-wc/testing';
import { createRowsAdapter } from '@goldboard/core';
import type { LitElement } from 'lit';
import { KpiCard } from '../kpi-card/kpi-card.component.js';
import { RevenueTrend } from '../revenue-trend/revenue-trend.component.js';
import { SegmentBreakdown } from '../segment-breakdown/segment-breakdown.component.js';
import { TopList } from '../top-list/top-list.component.js';
import type { GoldElement, GoldErrorDetail } from './gold-element.js';
import type { GoldProperty } from './attributes.js';
import { expectNothingThrownIntoThePage, text, waitForState } from '@goldboard/test-helpers';

type Element = GoldElement & Record<string, unknown>;
type ElementClass = typeof KpiCard | typeof RevenueTrend | typeof SegmentBreakdown | typeof TopList;

let count = 0;
/** A tag that is not defined yet, and the function that defines it, for a subclass of `base` (a class is defined once). */
function later(base: ElementClass): { tag: string; define: () => void } {
  const tag = `upgrade-${base.name.toLowerCase()}-${++count}`;
  const sub = class extends (base as typeof KpiCard) {};
  return { tag, define: () => customElements.define(tag, sub) };
}

/** A tag defined now, for a subclass of `base`. */
function define(base: ElementClass): string {
  const { tag, define } = later(base);
  define();
  return tag;
}

const ROWS = [{ revenue: 5_493_771.23, purchases: 12 }];

describe('properties set before the element is defined', () => {
  expectNothingThrownIntoThePage();

  for (const base of [KpiCard, RevenueTrend, SegmentBreakdown, TopList]) {
    it(`${base.name}: every declared property set before the definition is taken on upgrade`, async () => {
      const { tag, define } = later(base);
      const el = document.createElement(tag) as Element;
      const given = new Map<PropertyKey, unknown>();
      void base.observedAttributes; // finalizes the class: its declarations, inherited ones included
      for (const [key, d] of (base as unknown as typeof LitElement).elementProperties as Map<PropertyKey, GoldProperty>) {
        // The element's own state, and aliases that forward to another property, are not inputs.
        if (d.state || d.noAccessor || key === 'state') continue;
        const value =
          key === 'data' ? [...ROWS] : key === 'adapter' ? createRowsAdapter({}) : d.type === Number ? 7 : d.type === Boolean ? true : `given-${String(key)}`;
        el[key as string] = value;
        given.set(key, value);
      }
      expect(given.size, 'the common properties and the element’s own').to.be.greaterThan(15);
      document.body.append(el);
      define();
      await el.updateComplete;
      for (const [key, value] of given) {
        expect(el[key as string], String(key)).to.equal(value);
        // No own property left shadowing the accessor: a later set still renders.
        expect(Object.hasOwn(el, key), `own ${String(key)}`).to.be.false;
      }
      el.remove();
    });
  }

  it('draws data, measure and locale set before the definition, and fires goldboard-ready to a listener added then', async () => {
    const { tag, define } = later(KpiCard);
    const el = document.createElement(tag) as KpiCard;
    el.data = ROWS;
    el.measure = 'purchases';
    el.locale = 'en-US';
    el.metric = 'purchases';
    document.body.append(el);
    const ready = oneEvent(el, 'goldboard-ready');
    define();
    await ready;
    expect(el.state).to.equal('ready');
    expect(text(el, 'value')).to.equal('12');
    // Set after the upgrade, through the accessor: drawn again.
    el.data = [{ revenue: 1, purchases: 34 }];
    await el.updateComplete;
    expect(text(el, 'value')).to.equal('34');
    el.remove();
  });

  it('a value set between the upgrade and the first update wins over the one set before the definition', async () => {
    const { tag, define } = later(KpiCard);
    const el = document.createElement(tag) as KpiCard;
    el.data = ROWS;
    el.measure = 'revenue';
    document.body.append(el);
    define();
    el.measure = 'purchases';
    el.data = [{ revenue: 1, purchases: 34 }];
    await el.updateComplete;
    expect(el.measure).to.equal('purchases');
    expect(text(el, 'value')).to.equal('34');
    el.remove();
  });

  it('takes a top-list’s dataset and data set as properties before the definition', async () => {
    const { tag, define } = later(TopList);
    const el = document.createElement(tag) as TopList;
    el.datasetName = 'top_users';
    el.data = [{ rank: 1, user_id: 42, purchases: 3, spend: 120, events: 9, segment: 'A' }];
    document.body.append(el);
    define();
    await waitForState(el, 'ready');
    expect(text(el, 'title')).to.equal('Top Users by Spend');
    expect(text(el, 'label')).to.equal('User 42');
    el.remove();
  });
});

describe('an object given as an attribute (data="[object Object]")', () => {
  expectNothingThrownIntoThePage();

  it('is an error, with goldboard-error, that says to set the data property, when the element is defined after the attribute', async () => {
    const { tag, define } = later(KpiCard);
    const el = document.createElement(tag) as KpiCard;
    // What a framework writes for `data={rows}` on an element it does not know yet.
    el.setAttribute('data', String({}));
    el.setAttribute('measure', 'purchases');
    document.body.append(el);
    const failed = oneEvent(el, 'goldboard-error');
    define();
    const event = (await failed) as CustomEvent<GoldErrorDetail>;
    expect(el.state).to.equal('error');
    expect(event.detail.error.code).to.equal('bad-param');
    expect(event.detail.message).to.contain('data="[object Object]"');
    expect(event.detail.message).to.contain('set the data property');
    expect(text(el, 'error')).to.contain('set the data property');
    // Setting the property mends it; the stale attribute is then ignored.
    el.data = ROWS;
    await waitForState(el, 'ready');
    expect(text(el, 'value')).to.equal('12');
    el.remove();
  });

  it('is an error on a defined element too, for data and adapter, and not when the property is set', async () => {
    for (const base of [KpiCard, RevenueTrend, SegmentBreakdown, TopList]) {
      const el = document.createElement(define(base)) as Element;
      document.body.append(el);
      await el.updateComplete;
      expect(el.state, base.name).to.equal('empty');
      const failed = oneEvent(el, 'goldboard-error');
      el.setAttribute('data', '[object Object]');
      expect(((await failed) as CustomEvent<GoldErrorDetail>).detail.message, base.name).to.contain('set the data property (element.data = rows or a table)');
      el.removeAttribute('data');
      await el.updateComplete;
      expect(el.state, `${base.name} without the attribute`).to.equal('empty');
      el.setAttribute('adapter', '[object Object]');
      await el.updateComplete;
      expect(el.state, base.name).to.equal('error');
      expect(text(el, 'error'), base.name).to.contain('set the adapter property');
      el.remove();
    }
  });
});
