import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createRowsAdapter } from '@goldboard/core';
import './top-list.js';
import type { TopList } from './top-list.component.js';
import { productLabel } from './ranking.js';
import { expectNothingThrownIntoThePage, GOLD, part, parts, runGoldElementConformance, text, waitForState, exportMenu } from '@goldboard/test-helpers';

const texts = (el: Element, name: string) => parts(el, name).map((p) => p.textContent!.replace(/\s+/g, ' ').trim());

runGoldElementConformance('top-list', {
  file: 'top_products.arrow',
  rows: () => [1, 2, 3].map((rank) => ({ rank, product_id: rank, category_code: 'electronics.smartphone', brand: 'b', revenue: 100 - rank })),
  column: 'revenue',
});

describe('<top-list>', () => {
  expectNothingThrownIntoThePage();

  it('lists the top 10 products by revenue, labelled by brand and category', async () => {
    const el = await fixture<TopList>(html`<top-list src="${GOLD}/top_products.arrow" locale="en-US"></top-list>`);
    await waitForState(el, 'ready');
    expect(text(el, 'title')).to.equal('Top Products by Revenue');
    expect(parts(el, 'bar').length).to.equal(10);
    expect(texts(el, 'rank')).to.deep.equal(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.', '10.']);
    const labels = texts(el, 'label');
    expect(labels.slice(0, 4)).to.deep.equal(['brand1 · electronics.smartphone', 'brand2 · electronics.smartphone', 'electronics.smartphone', 'brand4']);
    expect(labels[5]).to.equal('Product 1005');
    expect(texts(el, 'value')[0]).to.equal('$12,000.00');
    expect(texts(el, 'value')[9]).to.equal('$3,000.00');
    expect(el.valueDomain).to.deep.equal([0, 12000]);
    expect(parseFloat(parts(el, 'bar')[0]!.getAttribute('width')!)).to.equal(100);
    expect(parseFloat(parts(el, 'bar')[9]!.getAttribute('width')!)).to.equal(25);
  });

  it('truncates long labels and keeps the full text in the title and the accessible name', async () => {
    const el = await fixture<TopList>(html`<top-list src="${GOLD}/top_products.arrow" style="width: 260px"></top-list>`);
    await waitForState(el, 'ready');
    const label = parts(el, 'label')[7]!;
    const full = 'samsung · appliances.kitchen.refrigerators.side_by_side_with_ice_maker_and_water_dispenser';
    expect(label.textContent).to.equal(full);
    expect(label.scrollWidth).to.be.greaterThan(label.clientWidth);
    expect(getComputedStyle(label).textOverflow).to.equal('ellipsis');
    expect(parts(el, 'row')[7]!.title).to.equal(`${full} · #1007`);
  });

  it('follows its width: the label gets its own line when narrow', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 520px"><top-list src="${GOLD}/top_products.arrow" limit="3"></top-list></div>`);
    const el = wrapper.querySelector('top-list') as TopList;
    await waitForState(el, 'ready');
    const label = () => parts(el, 'label')[0]!.getBoundingClientRect();
    const value = () => parts(el, 'value')[0]!.getBoundingClientRect();
    expect(Math.abs(label().top - value().top)).to.be.below(4);
    const wide = label().width;
    wrapper.style.width = '200px';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(value().top).to.be.greaterThan(label().bottom - 1);
    expect(label().width).to.be.below(wide);
    expect(parseFloat(parts(el, 'bar')[0]!.getAttribute('width')!)).to.equal(100);
  });

  it('keeps its hidden data table inside its own box: a narrow page does not scroll sideways', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px; overflow: auto"><top-list src="${GOLD}/top_products.arrow"></top-list></div>`);
    const el = wrapper.querySelector('top-list') as TopList;
    await waitForState(el, 'ready');
    const table = part(el, 'data-table')!;
    // Still in the document for assistive technology, with every row, but clipped.
    expect(table.querySelectorAll('tbody tr').length).to.equal(10);
    expect(table.offsetWidth).to.be.greaterThan(300);
    expect(wrapper.scrollWidth).to.equal(wrapper.clientWidth);
  });

  it('asks the adapter for a limit only when the list keeps its order, so a re-ranked list is right', async () => {
    // An adapter like the Gold server: rows ranked by revenue, cut to the limit asked.
    const rows = [
      { rank: 1, product_id: 1, category_code: 'a', brand: 'x', revenue: 500, purchases: 1, views: 10, carts: 1, conversion_rate: 0.1 },
      { rank: 2, product_id: 2, category_code: 'b', brand: 'y', revenue: 400, purchases: 9, views: 10, carts: 1, conversion_rate: 0.9 },
      { rank: 3, product_id: 3, category_code: 'c', brand: 'z', revenue: 300, purchases: 5, views: 10, carts: 1, conversion_rate: 0.5 },
    ];
    const asked: (number | undefined)[] = [];
    const adapter = { load: async (query: { limit?: number }) => (asked.push(query.limit), rows.slice(0, query.limit ?? rows.length)) };
    const el = await fixture<TopList>(html`<top-list .adapter=${adapter} measure="purchases" limit="2" locale="en-US"></top-list>`);
    await waitForState(el, 'ready');
    expect(asked).to.deep.equal([undefined]);
    expect(texts(el, 'value').map((v) => v.split(' ')[0])).to.deep.equal(['9', '5']);
    const byRevenue = await fixture<TopList>(html`<top-list .adapter=${adapter} limit="2"></top-list>`);
    await waitForState(byRevenue, 'ready');
    expect(asked.at(-1)).to.equal(2);
    expect(parts(byRevenue, 'row').length).to.equal(2);
  });

  it('exports its bars as a drawing: SVG with a bar per row and the labels as text, and PNG', async () => {
    const rows = [
      { rank: 1, product_id: 1, category_code: 'a.b', brand: '<b>bold</b> & co\u0001', revenue: 500, purchases: 1, views: 10, carts: 1, conversion_rate: 0.1 },
      { rank: 2, product_id: 2, category_code: 'c.d', brand: 'y', revenue: 250, purchases: 9, views: 10, carts: 1, conversion_rate: 0.9 },
    ];
    const el = await fixture<TopList>(html`<top-list exportable .data=${rows} locale="en-US" style="width: 500px"></top-list>`);
    await waitForState(el, 'ready');
    const menu = await exportMenu(el);
    menu.querySelector('summary')!.click();
    await oneEvent(menu, 'toggle');
    await el.updateComplete;
    expect([...menu.querySelectorAll('button')].map((b) => b.textContent)).to.deep.equal(['Data (CSV)', 'Drawing (SVG)', 'Image (PNG)']);
    const doc = new DOMParser().parseFromString(await el.toSVG(), 'image/svg+xml');
    expect(doc.querySelector('parsererror')).to.equal(null);
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).to.include('<b>bold</b> & co · a.b');
    expect(texts).to.include('$500.00');
    expect(doc.querySelector('b')).to.equal(null);
    // The bars: the second half as long as the first, as drawn.
    const bars = parts(el, 'bar').map((b) => b.getBoundingClientRect().width);
    const rects = [...doc.querySelectorAll('rect')].map((r) => Number(r.getAttribute('width')));
    // One rectangle per bar, and nothing else (no row highlight).
    expect(rects.length).to.equal(bars.length);
    for (const w of bars) expect(rects.some((r) => Math.abs(r - w) < 0.2)).to.equal(true);
    expect((await el.toPNG()).type).to.equal('image/png');
    // Narrow: the label is cut short with an ellipsis, as on the page.
    el.style.width = '200px';
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const narrow = new DOMParser().parseFromString(await el.toSVG(), 'image/svg+xml');
    expect([...narrow.querySelectorAll('text')].some((t) => t.textContent!.endsWith('…'))).to.equal(true);
  });

  it('re-ranks by another measure and honours limit', async () => {
    const el = await fixture<TopList>(html`<top-list src="${GOLD}/top_products.arrow" measure="purchases" limit="3" locale="en-US"></top-list>`);
    await waitForState(el, 'ready');
    expect(text(el, 'title')).to.equal('Top Products by Purchases');
    expect(texts(el, 'value')).to.deep.equal(['145', '100', '95']);
    expect(el.items.map((i) => i.rank)).to.deep.equal([12, 1, 2]);
    expect(texts(el, 'rank')).to.deep.equal(['1.', '2.', '3.']);
  });

  it('lists top users by spend with their purchases, and filters by segment', async () => {
    const el = await fixture<TopList>(html`<top-list src="${GOLD}/top_users.json" dataset-name="top_users" limit="5" locale="en-US"></top-list>`);
    await waitForState(el, 'ready');
    expect(text(el, 'title')).to.equal('Top Users by Spend');
    expect(texts(el, 'label')).to.deep.equal(['User 512000000', 'User 512000001', 'User 512000002', 'User 512000003', 'User 512000004']);
    expect(texts(el, 'secondary')[0]).to.equal('40 purchases');
    expect(texts(el, 'value')[0]).to.equal('$9,000.00');
    el.segment = 'Occasional Buyers';
    await el.updateComplete;
    await waitForState(el, 'ready');
    expect(texts(el, 'label')).to.deep.equal(['User 512000002', 'User 512000005', 'User 512000008', 'User 512000011']);
    el.measure = 'purchases';
    await el.updateComplete;
    await waitForState(el, 'ready');
    expect(texts(el, 'secondary')[0]).to.equal('$8,000.00 spend');
    el.segment = 'Nobody';
    await el.updateComplete;
    await waitForState(el, 'empty');
    expect(text(el, 'message')).to.equal('No users in the segment “Nobody”.');
  });

  it('fires goldboard-select per row, with the product id or user id', async () => {
    const el = await fixture<TopList>(html`<top-list src="${GOLD}/top_products.arrow"></top-list>`);
    await waitForState(el, 'ready');
    setTimeout(() => parts(el, 'row')[2]!.click());
    const event = (await oneEvent(el, 'goldboard-select')) as CustomEvent;
    expect(event.bubbles && event.composed).to.be.true;
    expect(event.detail).to.include({ dataset: 'top_products', id: 1002, productId: 1002, rank: 3, measure: 'revenue', value: 10000, label: 'electronics.smartphone' });
    expect(event.detail.row).to.include({ product_id: 1002, brand: null });
    const users = await fixture<TopList>(html`<top-list src="${GOLD}/top_users.json" dataset-name="top_users"></top-list>`);
    await waitForState(users, 'ready');
    const row = parts(users, 'row')[0]!;
    expect(row.tagName).to.equal('BUTTON'); // a keyboard target (real Enter presses: chart/keyboard.test.ts)
    row.focus();
    expect(users.shadowRoot!.activeElement).to.equal(row);
    setTimeout(() => row.click());
    const selected = (await oneEvent(users, 'goldboard-select')) as CustomEvent;
    expect(selected.detail).to.include({ dataset: 'top_users', id: 512000000, userId: 512000000 });
  });

  it('copes with bad data: nulls, NaN, negative values, 100k rows', async () => {
    const rows = [
      { rank: 1, product_id: 1, category_code: null, brand: 'a', revenue: null },
      { rank: 2, product_id: 2, category_code: null, brand: 'b', revenue: -5 },
      { rank: 3, product_id: 3, category_code: null, brand: 'c', revenue: 10 },
    ];
    const el = await fixture<TopList>(html`<top-list .data=${rows} locale="en-US"></top-list>`);
    await waitForState(el, 'ready');
    expect(texts(el, 'label')).to.deep.equal(['c', 'b', 'a']);
    expect(texts(el, 'value')).to.deep.equal(['$10.00', '-$5.00', '—']);
    expect(el.valueDomain).to.deep.equal([-5, 10]);
    const many = Array.from({ length: 100_000 }, (_, i) => ({ rank: i + 1, product_id: i, category_code: 'x', brand: null, revenue: i % 977 }));
    const big = await fixture<TopList>(html`<top-list .data=${many} limit="5"></top-list>`);
    await waitForState(big, 'ready');
    expect(parts(big, 'row').length).to.equal(5);
    expect(big.items[0]!.value).to.equal(976);
  });

  it('draws inline data in its first render', async () => {
    const el = document.createElement('top-list') as TopList;
    el.data = [
      { rank: 1, product_id: 7, category_code: 'electronics.smartphone', brand: 'apple', revenue: 30 },
      { rank: 2, product_id: 8, category_code: null, brand: null, revenue: 10 },
    ];
    document.body.append(el);
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(parts(el, 'row').length).to.equal(2);
    el.remove();
  });

  it('names wrong types, a wrong dataset and a text measure', async () => {
    const el = await fixture<TopList>(html`<top-list .data=${[{ rank: 1, product_id: 1, category_code: null, brand: null, revenue: 'lots' }]}></top-list>`);
    await waitForState(el, 'error');
    expect(text(el, 'error')).to.contain('column `revenue` should be float64 but holds text "lots"');
    const wrong = await fixture<TopList>(html`<top-list src="${GOLD}/daily_metrics.arrow" dataset-name="daily_metrics"></top-list>`);
    await waitForState(wrong, 'error');
    expect(text(wrong, 'error')).to.contain('top-list reads top_products or top_users');
    const measure = await fixture<TopList>(html`<top-list src="${GOLD}/top_products.arrow" measure="brand"></top-list>`);
    await waitForState(measure, 'error');
    expect(text(measure, 'error')).to.contain('measure `brand` is text');
    // Inline data of the wrong dataset is refused by the same check, in the first update.
    const inline = document.createElement('top-list') as TopList;
    inline.setAttribute('dataset-name', 'daily_metrics');
    inline.data = [{ event_date: '2019-10-01', revenue: 1 }];
    document.body.append(inline);
    await inline.updateComplete;
    expect(inline.state).to.equal('error');
    expect(text(inline, 'error')).to.contain('top-list reads top_products or top_users');
    inline.remove();
  });

  it('reads the dataset from dataset-name, and from the deprecated dataset attribute without taking over HTMLElement.dataset', async () => {
    const el = await fixture<TopList>(html`<top-list src="${GOLD}/top_users.json" dataset="top_users" data-kind="old page" locale="en-US"></top-list>`);
    await waitForState(el, 'ready');
    expect(el.datasetName).to.equal('top_users');
    expect(text(el, 'title')).to.equal('Top Users by Spend');
    // `dataset` stays the data-* map: a framework setting it gets the DOM's behaviour, not ours.
    expect(el.dataset).to.be.instanceOf(DOMStringMap);
    expect(el.dataset.kind).to.equal('old page');
    expect(el.hasAttribute('dataset-name')).to.be.false;
    // dataset-name wins over the old attribute, whichever comes last.
    el.setAttribute('dataset-name', 'top_products');
    el.setAttribute('dataset', 'top_users');
    expect(el.datasetName).to.equal('top_products');
    el.removeAttribute('dataset');
    expect(el.datasetName).to.equal('top_products');
  });

  it('shows markup from data as text', async () => {
    (window as { __pwned?: number }).__pwned = 0;
    const el = await fixture<TopList>(html`<top-list src="${GOLD}/top_products.json"></top-list>`);
    await waitForState(el, 'ready');
    expect(text(el, 'label')).to.equal('<script>window.__pwned=1</script> · <img src=x onerror="window.__pwned=1">');
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(0);
  });

  it('holds the values in a data table and is accessible (axe), light, dark and narrow', async () => {
    const el = await fixture<TopList>(html`<top-list src="${GOLD}/top_users.json" dataset-name="top_users" locale="en-US"></top-list>`);
    await waitForState(el, 'ready');
    const first = el.shadowRoot!.querySelector('[part~="data-table"] tbody tr')!;
    expect([...first.children].map((c) => c.textContent!.trim())).to.deep.equal(['1', 'User 512000000', '40 purchases', '$9,000.00']);
    await expect(el).to.be.accessible();
    const dark = await fixture<TopList>(html`<top-list src="${GOLD}/top_products.arrow" theme="dark" style="width: 200px"></top-list>`);
    await waitForState(dark, 'ready');
    await expect(dark).to.be.accessible();
  });
});

describe('productLabel', () => {
  it('joins brand and category, or falls back to the product id', () => {
    expect(productLabel('lg', 'appliances.kitchen', 1)).to.equal('lg · appliances.kitchen');
    expect(productLabel(null, 'appliances.kitchen', 1)).to.equal('appliances.kitchen');
    expect(productLabel('lg', null, 1)).to.equal('lg');
    expect(productLabel(null, ' ', 7)).to.equal('Product 7');
  });
});

describe('<top-list> export', () => {
  it('exports the rows listed: the segment filter and the limit applied, in order', async () => {
    const el = await fixture<TopList>(html`<top-list dataset-name="top_users" measure="spend" limit="2" segment="B"></top-list>`);
    el.adapter = createRowsAdapter({
      top_users: [
        { rank: 1, user_id: 1, purchases: 5, spend: 500, events: 50, segment: 'A' },
        { rank: 2, user_id: 2, purchases: 4, spend: 400, events: 40, segment: 'B' },
        { rank: 3, user_id: 3, purchases: 3, spend: 300, events: 30, segment: 'B' },
        { rank: 4, user_id: 4, purchases: 2, spend: 200, events: 20, segment: 'B' },
      ],
    });
    await waitForState(el, 'ready');
    const lines = (await el.toCSV()).trim().split('\r\n');
    expect(lines[0]).to.equal('rank,user_id,purchases,spend,segment,events');
    expect(lines.slice(1)).to.deep.equal(['2,2,4,400,B,40', '3,3,3,300,B,30']);
  });
});
