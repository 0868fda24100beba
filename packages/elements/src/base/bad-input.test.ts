import { expect, fixture, html } from '@open-wc/testing';
import '../kpi-card/kpi-card.js';
import '../revenue-trend/revenue-trend.js';
import '../top-list/top-list.js';
import type { TopList } from '../top-list/top-list.component.js';
import { productIdText, productLabel, rankItems } from '../top-list/ranking.js';
import { GoldError, loadArrowDecoder, RowTable, validateTable } from '@goldboard/core';
import { parseFieldMap } from './field-map.js';
import { expectNothingThrownIntoThePage, GOLD, OTHER_ORIGIN, type Stateful, waitForState } from '@goldboard/test-helpers';

const CORRUPT = '/test/fixtures/corrupt';
const shadowText = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const errorText = (el: Element) => el.shadowRoot!.querySelector('[part~="error"]')!.textContent!.replace(/\s+/g, ' ');
const texts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll(`[part~="${name}"]`)].map((p) => p.textContent!.replace(/\s+/g, ' ').trim());

/** The state an element reaches and the messages of its goldboard-error events. */
async function settle(el: Stateful): Promise<string[]> {
  const events: string[] = [];
  el.addEventListener('goldboard-error', (event) => events.push((event as CustomEvent<{ message: string }>).detail.message));
  await waitForState(el, 'error');
  return events;
}

describe('corrupt Arrow files are errors naming the file, in the element', () => {
  expectNothingThrownIntoThePage();
  // The time below is the element's; the decoder's first download is not.
  before(() => loadArrowDecoder());

  for (const [tag, file] of [
    ['kpi-card', 'kpi_summary.arrow'], // a count of 0x10000000 at byte 1116: 24-38 s of allocation before
    ['revenue-trend', 'daily_metrics.arrow'], // byte 244 changed: out of memory in Node before
    ['kpi-card', 'zero-bytes.arrow'], // both of these read as an empty table: "No data for this selection."
    ['kpi-card', 'negative-length.arrow'],
  ]) {
    it(`<${tag} src=".../corrupt/${file}"> goes to error within a second`, async () => {
      const started = performance.now();
      const el = document.createElement(tag) as Stateful;
      el.setAttribute('src', `${CORRUPT}/${file}`);
      const events = settle(el);
      document.body.append(el);
      try {
        const messages = await events;
        expect(performance.now() - started).to.be.below(1000);
        expect(errorText(el)).to.contain(`corrupt/${file} is not an Arrow IPC file or stream`);
        expect(messages.length).to.equal(1);
        expect(messages[0]).to.contain(`corrupt/${file}`);
        expect(shadowText(el)).not.to.contain('No data for this selection.');
      } finally {
        el.remove();
      }
    });
  }
});

describe('data on another origin that does not allow this page', () => {
  expectNothingThrownIntoThePage();

  it('is shown as a CORS refusal, not as a server that is not running', async () => {
    const el = await fixture<Stateful>(html`<kpi-card src="${OTHER_ORIGIN}${GOLD}/kpi_summary.arrow"></kpi-card>`);
    const events = await settle(el);
    expect(errorText(el)).to.contain('The server answered, but the browser withheld the answer');
    expect(errorText(el)).to.contain('(CORS');
    expect(errorText(el)).to.not.contain('server is running');
    expect(events).to.have.length(1);
  });
});

describe('numbers that are not finite, and missing ids', () => {
  expectNothingThrownIntoThePage();
  const product = (rank: number, fields: Record<string, unknown> = {}) => ({ rank, product_id: 1000 + rank, category_code: null, brand: `b${rank}`, revenue: 100 - rank, ...fields });

  it('an infinite revenue is an error naming the column and the row, not "$∞"', async () => {
    const el = await fixture<TopList>(html`<top-list .data=${[product(1), product(2, { revenue: Infinity })]} locale="en-US"></top-list>`);
    await waitForState(el, 'error');
    expect(errorText(el)).to.contain('top_products column `revenue` holds Infinity at row 2; numbers must be finite');
    expect(shadowText(el)).not.to.contain('∞');
    const card = await fixture<Stateful>(html`<kpi-card .data=${[{ revenue: -Infinity }]} measure="revenue"></kpi-card>`);
    await waitForState(card, 'error');
    expect(errorText(card)).to.contain('kpi_summary column `revenue` holds -Infinity at row 1');
  });

  it('an infinite or NaN id is an error naming the column and the row, not "User -Infinity" or "#NaN"', async () => {
    const users = [{ rank: 1, user_id: -Infinity, purchases: 1, spend: 5 }];
    const el = await fixture<TopList>(html`<top-list dataset-name="top_users" .data=${users}></top-list>`);
    await waitForState(el, 'error');
    expect(errorText(el)).to.contain('top_users column `user_id` holds -Infinity at row 1');
    const products = await fixture<TopList>(html`<top-list .data=${[product(1, { product_id: NaN })]}></top-list>`);
    await waitForState(products, 'error');
    expect(errorText(products)).to.contain('top_products column `product_id` holds NaN at row 1');
  });

  it('a missing (null) product id reads "—" in the label, the second fact and the table', async () => {
    const el = await fixture<TopList>(html`<top-list .data=${[product(1), product(2, { product_id: null, brand: null })]} locale="en-US"></top-list>`);
    await waitForState(el, 'ready');
    expect(texts(el, 'label')).to.deep.equal(['b1', 'Product —']);
    expect(texts(el, 'secondary')).to.deep.equal(['#1001', '—']);
    expect(shadowText(el)).not.to.match(/NaN|Infinity/);
    expect(productIdText(NaN)).to.equal('—');
    expect(productLabel(null, null, NaN)).to.equal('Product —');
    const users = validateTable('top_users', new RowTable([{ rank: 1, user_id: null, spend: 5 }]), { columns: ['rank', 'user_id', 'spend'] });
    expect(rankItems(users, 'top_users', 'spend', 10)[0]!.label).to.equal('User —');
  });
});

describe('fields map only own properties', () => {
  expectNothingThrownIntoThePage();

  it('fields="revenue:constructor" reads the rows\' own `constructor` only', async () => {
    const rows: Record<string, unknown>[] = [
      { rank: 1, product_id: 1, category_code: null, brand: 'a', constructor: 30 },
      { rank: 2, product_id: 2, category_code: null, brand: 'b' }, // Object's constructor is no revenue
    ];
    const el = await fixture<TopList>(html`<top-list fields="revenue:constructor" .data=${rows} locale="en-US"></top-list>`);
    await waitForState(el, 'ready');
    expect(texts(el, 'label')).to.deep.equal(['a', 'b']);
    expect(texts(el, 'value')).to.deep.equal(['$30.00', '—']);
    for (const name of ['toString', '__proto__']) {
      const other = await fixture<TopList>(html`<top-list fields=${`revenue:${name}`} .data=${rows.slice(1)}></top-list>`);
      await waitForState(other, 'error');
      expect(errorText(other), name).to.contain(`has no column \`${name}\` (mapped from \`revenue\`)`);
    }
  });

  it('a fields map from JSON with "__proto__" keeps it as an entry and pollutes no prototype', () => {
    const map = parseFieldMap('{"__proto__": "sales", "constructor": "x"}');
    expect(Object.keys(map)).to.deep.equal(['__proto__', 'constructor']);
    expect(map['__proto__']).to.equal('sales');
    expect(({} as Record<string, unknown>)['sales']).to.equal(undefined);
    expect(Object.getPrototypeOf({})).to.equal(Object.prototype);
    expect(() => parseFieldMap('{"__proto__": {"revenue": "x"}}')).to.throw(GoldError, /maps `__proto__` to a non-text value/);
    expect(({} as Record<string, unknown>)['revenue']).to.equal(undefined);
    const pairs = parseFieldMap('__proto__:sales, revenue:total');
    expect(Object.keys(pairs)).to.deep.equal(['__proto__', 'revenue']);
    expect('toString' in pairs).to.equal(false);
  });
});
