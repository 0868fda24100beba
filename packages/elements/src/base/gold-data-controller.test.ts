import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../revenue-trend/revenue-trend.js';
import '../kpi-card/kpi-card.js';
import '../segment-breakdown/segment-breakdown.js';
import '../top-list/top-list.js';
import { RevenueTrend } from '../revenue-trend/revenue-trend.component.js';
import type { TemplateResult } from 'lit';
import { DAY, type DatasetName } from '@goldboard/core';
import { GoldElement } from './gold-element.js';
import { GoldDataController } from './gold-data-controller.js';
import { expectNothingThrownIntoThePage, GOLD, waitForState } from '@goldboard/test-helpers';

const days = (n: number, start = Date.UTC(2019, 9, 1)) =>
  Array.from({ length: n }, (_, i) => ({ event_date: new Date(start + i * DAY).toISOString().slice(0, 10), revenue: 100 + i }));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Probe = HTMLElement & Record<string, unknown>;

/** Runs `body` on a new `tag` element, given its data source by `setup` and put in the page; removes it after. */
async function withElement<T>(tag: string, setup: (el: Probe) => void, body: (el: Probe) => Promise<T>): Promise<T> {
  const el = document.createElement(tag) as Probe;
  setup(el);
  document.body.append(el);
  try {
    return await body(el);
  } finally {
    el.remove();
  }
}

/** The text of the element's error view, spaces collapsed. */
const errorText = (el: Element) => el.shadowRoot!.querySelector('[part~="error"]')!.textContent!.replace(/\s+/g, ' ');

/** The error a `tag` element set up by `setup` shows, and the goldboard-error events it fired. */
function failure(setup: (el: Probe) => void, tag = 'revenue-trend'): Promise<{ shown: string; events: string[] }> {
  const events: string[] = [];
  return withElement(
    tag,
    (el) => {
      el.addEventListener('goldboard-error', (event) => events.push((event as CustomEvent<{ message: string }>).detail.message));
      setup(el);
    },
    async (el) => {
      await waitForState(el as never, 'error');
      return { shown: errorText(el), events };
    },
  );
}

/** An element whose emptiness check throws: the controller must show it as an error. */
class ThrowingTrend extends GoldElement {
  protected readonly gold: GoldDataController = new GoldDataController(this, {
    request: () => this.dataRequest(['event_date', 'revenue']),
    isEmpty: () => {
      throw new Error('isEmpty failed on purpose');
    },
  });
  protected get defaultDataset(): DatasetName {
    return 'daily_metrics';
  }
  protected get accessibleLabel(): string {
    return 'Throwing trend';
  }
  protected renderReady(): TemplateResult {
    return html`<p>drawn</p>`;
  }
}
customElements.define('throwing-trend', ThrowingTrend);

describe('inline data and the order of loads (GoldDataController)', () => {
  expectNothingThrownIntoThePage();

  it('fires goldboard-error once for bad inline data, after the update, and honours data set by its listener', async () => {
    const el = document.createElement('revenue-trend') as RevenueTrend;
    const errors: string[] = [];
    let readies = 0;
    el.addEventListener('goldboard-error', (event) => {
      errors.push((event as CustomEvent<{ message: string }>).detail.message);
      // A listener's answer: good data instead.
      el.data = days(5);
    });
    el.addEventListener('goldboard-ready', () => readies++);
    el.data = [{ event_date: 'yesterday', revenue: 1 }];
    document.body.append(el);
    try {
      await waitForState(el, 'ready');
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain('`event_date` should be date');
      expect(readies).to.equal(1);
      expect(el.drawnPoints).to.equal(5);
    } finally {
      el.remove();
    }
  });

  it('ends on inline data given while a file is still loading, and never shows the file after', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend src="/test-api/slow?ms=300&file=test/fixtures/gold/daily_metrics.arrow"></revenue-trend>`);
    expect(el.state).to.equal('loading');
    const datasets: number[] = [];
    el.addEventListener('goldboard-ready', (event) => datasets.push((event as CustomEvent<{ rows: number }>).detail.rows));
    el.data = days(3);
    await waitForState(el, 'ready');
    expect(el.drawnPoints).to.equal(3);
    await pause(450);
    expect(el.drawnPoints).to.equal(3);
    expect(datasets).to.deep.equal([3]);
  });

  it('ends the call under way when a drawing attribute turns invalid, and loads again once it is fixed', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend src="/test-api/slow?ms=300&file=test/fixtures/gold/daily_metrics.arrow"></revenue-trend>`);
    expect(el.state).to.equal('loading');
    el.setAttribute('variant', 'bars');
    await waitForState(el, 'error');
    await pause(450);
    expect(el.state, 'the late answer does not replace the error').to.equal('error');
    el.setAttribute('variant', 'line');
    await waitForState(el, 'ready');
    expect(el.drawnPoints).to.equal(14);
  });

  it('shows an error, not a stuck loading view, when its emptiness check throws on inline data', async () => {
    await withElement('throwing-trend', (el) => (el.data = days(4)), async (el) => {
      await waitForState(el as never, 'error');
      expect(errorText(el)).to.contain('isEmpty failed on purpose');
    });
  });

  it('loads a file after inline data when src replaces it', async () => {
    await withElement('revenue-trend', (el) => (el.data = days(2)), async (probe) => {
      const el = probe as unknown as RevenueTrend;
      await waitForState(el, 'ready');
      el.data = undefined;
      el.src = `${GOLD}/daily_metrics.arrow`;
      await el.updateComplete;
      expect(el.state).to.equal('loading');
      await waitUntil(() => el.drawnPoints === 14, 'the file is drawn');
      expect(el.state).to.equal('ready');
    });
  });
});

describe('input that is not a table (GoldDataController)', () => {
  expectNothingThrownIntoThePage();

  it('names a row of inline data that is not an object', async () => {
    const { shown, events } = await failure((el) => (el.data = [...days(2), null, ...days(1)]));
    expect(shown).to.contain('data row 3 is not an object with named fields');
    expect(events).to.deep.equal(['data row 3 is not an object with named fields']);
  });

  it('refuses inline data that is neither a table nor an array of rows', async () => {
    const { shown } = await failure((el) => (el.data = 'hello'));
    expect(shown).to.contain('data is not an array of rows');
  });

  it('says which dataset is unknown, with the contract’s list, for every element', async () => {
    for (const tag of ['revenue-trend', 'kpi-card', 'segment-breakdown']) {
      const { shown } = await failure((el) => {
        el.setAttribute('dataset-name', 'nope');
        el.data = days(2);
      }, tag);
      expect(shown, tag).to.match(/Unknown dataset `nope` \(datasets: kpi_summary, daily_metrics/);
    }
    // <top-list> names the two datasets it reads.
    const list = await failure((el) => {
      el.setAttribute('dataset-name', 'nope');
      el.data = days(2);
    }, 'top-list');
    expect(list.shown).to.contain('top-list reads top_products or top_users, not nope');
  });

  it('shows an abort the adapter makes itself (its own timeout) as an error, not an endless loading view', async () => {
    const { shown, events } = await failure((el) => (el.adapter = { load: async () => Promise.reject(new DOMException('The fetch timed out', 'AbortError')) }));
    expect(shown).to.contain('The request was cancelled.');
    expect(events).to.have.length(1);
  });

  it('says an adapter returned something that is not a table', async () => {
    const { shown } = await failure((el) => (el.adapter = { load: async () => null as never }));
    expect(shown).to.contain('daily_metrics is not a table (got null)');
    const other = await failure((el) => (el.adapter = { load: async () => ({}) as never }));
    expect(other.shown).to.contain('is not a table (got an object without numRows');
  });
});

describe('the from/to range (GoldDataController)', () => {
  expectNothingThrownIntoThePage();

  it('refuses a day that does not exist or is not a day (a time too, as the server does), naming the attribute', async () => {
    for (const [attribute, value] of [['from', 'garbage'], ['to', '2019-02-30'], ['from', '10/05/2019'], ['to', '2019-10-03T12:00'], ['from', ' 2019-10-03']]) {
      const { shown } = await failure((el) => {
        el.setAttribute(attribute!, value!);
        el.data = days(5);
      });
      expect(shown).to.contain(`revenue-trend ${attribute} must be a calendar day like 2019-11-01, got \`${value}\``);
    }
  });

  it('refuses a range that ends before it starts, on every element', async () => {
    for (const tag of ['revenue-trend', 'kpi-card']) {
      const { shown } = await failure((el) => {
        el.setAttribute('from', '2019-10-10');
        el.setAttribute('to', '2019-10-03');
        el.data = days(5);
      }, tag);
      expect(shown).to.contain(`${tag} to (2019-10-03) is before from (2019-10-10)`);
    }
  });
});

describe('the limit attribute (GoldDataController)', () => {
  expectNothingThrownIntoThePage();

  it('refuses a limit that is not a whole number of rows, and draws again once it is fixed', async () => {
    const products = Array.from({ length: 12 }, (_, i) => ({ rank: i + 1, product_id: i + 1, category_code: 'a', brand: 'b', revenue: 100 - i, purchases: 1, views: 1, carts: 1, conversion_rate: 1 }));
    for (const value of ['abc', '-1', '0', '2.5']) {
      const setup = (el: Probe) => {
        el.setAttribute('limit', value);
        el.data = products;
      };
      await withElement('top-list', setup, async (el) => {
        const rows = () => el.shadowRoot!.querySelectorAll('[part~="row"]').length;
        await waitForState(el as never, 'error');
        expect(errorText(el)).to.contain(`top-list limit must be a whole number of rows from 1, got \`${value}\``);
        el.setAttribute('limit', '1');
        await waitForState(el as never, 'ready');
        expect(rows()).to.equal(1);
        // Removed: the default of 10 rows, no error.
        el.removeAttribute('limit');
        await (el as unknown as RevenueTrend).updateComplete;
        await waitForState(el as never, 'ready');
        expect(rows()).to.equal(10);
      });
    }
  });
});

describe('attributes outside their domain (GoldElement and the charts)', () => {
  expectNothingThrownIntoThePage();

  const cases: [string, Record<string, string>, string][] = [
    ['revenue-trend', { locale: 'en_US!' }, 'revenue-trend locale must be a language tag like en-US, got `en_US!`'],
    ['revenue-trend', { currency: 'dollars' }, 'revenue-trend currency must be a three-letter ISO 4217 code like USD, got `dollars`'],
    ['revenue-trend', { variant: 'bars' }, 'revenue-trend variant must be area or line, got `bars`'],
    ['revenue-trend', { smoothing: '-3' }, 'revenue-trend smoothing must be a whole number of points (0 for none), got `-3`'],
    ['segment-breakdown', { variant: 'pie' }, 'segment-breakdown variant must be bar or donut, got `pie`'],
    ['kpi-card', { 'trend-days': 'abc' }, 'kpi-card trend-days must be a whole number of days from 1, got `abc`'],
  ];

  for (const [tag, attributes, message] of cases) {
    it(`${tag} ${Object.entries(attributes).map(([k, v]) => `${k}="${v}"`).join(' ')}: an error naming it, gone once fixed`, async () => {
      const setup = (el: Probe) => {
        for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
        el.data = days(3);
      };
      await withElement(tag, setup, async (el) => {
        await waitForState(el as never, 'error');
        expect(errorText(el)).to.contain(message);
        for (const k of Object.keys(attributes)) el.removeAttribute(k);
        // Fixed: checked again (the data is then judged on its own: days suit only the trend).
        await waitUntil(() => !el.shadowRoot!.querySelector('[part~="error"]')?.textContent?.includes(message), 'the attribute error is gone');
      });
    });
  }
});

describe('drawing attributes change without a reload (GoldElement)', () => {
  expectNothingThrownIntoThePage();

  it('redraws for a valid locale, smoothing or variant, and neither loads again nor fires ready again', async () => {
    let loads = 0;
    const rows = days(20);
    const el = document.createElement('revenue-trend') as RevenueTrend;
    el.adapter = { load: async () => (loads++, rows) as never };
    let readies = 0;
    el.addEventListener('goldboard-ready', () => readies++);
    const states: string[] = [];
    new MutationObserver(() => states.push(el.getAttribute('state') ?? '')).observe(el, { attributes: true, attributeFilter: ['state'] });
    document.body.append(el);
    try {
      await waitForState(el, 'ready');
      const plot = el.shadowRoot!.querySelector('[part~="plot"]');
      for (const [name, value] of [['locale', 'de-DE'], ['smoothing', '3'], ['variant', 'line'], ['currency', 'EUR']]) {
        el.setAttribute(name!, value!);
        await el.updateComplete;
      }
      expect(el.shadowRoot!.querySelector('[part~="smoothed"]')).not.to.equal(null);
      expect(el.shadowRoot!.querySelector('[part~="area"]')).to.equal(null);
      expect(el.shadowRoot!.querySelector('[part~="summary"]')!.textContent).to.contain('€');
      // The same plot node (the keyboard's focus and crosshair stay), one load, one ready.
      expect(el.shadowRoot!.querySelector('[part~="plot"]')).to.equal(plot);
      expect([loads, readies]).to.deep.equal([1, 1]);
      expect(states.filter((s) => s !== 'ready')).to.deep.equal(['loading']);
      // An invalid value is an error; fixing it draws the data again.
      el.setAttribute('smoothing', '-2');
      await waitForState(el, 'error');
      el.setAttribute('smoothing', '2');
      await waitForState(el, 'ready');
      expect(el.shadowRoot!.querySelector('[part~="smoothed"]')).not.to.equal(null);
    } finally {
      el.remove();
    }
  });
});

describe('changes while disconnected (GoldDataController)', () => {
  expectNothingThrownIntoThePage();

  it('loads the new data once connected again, though it showed data when removed', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend></revenue-trend>`);
    el.data = days(2);
    await waitForState(el, 'ready');
    const parent = el.parentNode!;
    el.remove();
    el.data = days(6);
    await el.updateComplete;
    parent.append(el);
    await waitUntil(() => el.drawnPoints === 6, 'the data given while disconnected is drawn');
    expect(el.state).to.equal('ready');
  });
});
