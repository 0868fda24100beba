// <goldboard-source refresh>: the elements of a revalidated source show new data in place.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { DAY, createRowsAdapter, sharedLoader, type GoldAdapter } from '@goldboard/core';
import { startLive } from './live.js';
import './goldboard-source.js';
import '../kpi-card/kpi-card.js';
import '../revenue-trend/revenue-trend.js';
import type { KpiCard } from '../kpi-card/kpi-card.component.js';
import type { RevenueTrend } from '../revenue-trend/revenue-trend.component.js';
import { expectNothingThrownIntoThePage, part, text, uniqueKey, waitForState } from '@goldboard/test-helpers';

const T0 = Date.parse('2019-10-01T00:00:00Z');

/**
 * A Gold folder of JSON files that a test can "rebuild": each file has an ETag of the build's
 * version and is answered `304` to `If-None-Match` with it. Counts requests per file.
 */
function rebuildableFolder(base: string) {
  let version = 1;
  const requests = new Map<string, number[]>();
  const files = (v: number): Record<string, unknown[]> => ({
    'kpi_summary.json': [{ revenue: 1000 * v, first_date: '2019-10-01', last_date: '2019-10-30' }],
    'daily_metrics.json': Array.from({ length: 30 }, (_, i) => ({ event_date: new Date(T0 + i * DAY).toISOString().slice(0, 10), revenue: v * (100 + i) })),
  });
  const original = window.fetch;
  window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), location.href);
    if (!url.pathname.startsWith(base)) return original(input, init);
    const name = url.pathname.slice(base.length);
    const etag = `"build-${version}"`;
    const status = new Headers(init?.headers).get('If-None-Match') === etag ? 304 : 200;
    requests.set(name, [...(requests.get(name) ?? []), status]);
    const body = files(version)[name];
    if (!body) return new Response('missing', { status: 404 });
    return new Response(status === 304 ? null : JSON.stringify(body), { status, headers: { ETag: etag, 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return {
    requests,
    rebuild: () => version++,
    restore: () => (window.fetch = original),
  };
}

describe('<goldboard-source refresh> live refresh', () => {
  expectNothingThrownIntoThePage();

  it('revalidates one request per dataset for all its elements; new data is shown in place, keeping focus and zoom', async () => {
    const name = `live-${uniqueKey()}`;
    const base = `/${name}/`;
    const folder = rebuildableFolder(base);
    try {
      const page = await fixture<HTMLDivElement>(html`<div>
        <goldboard-source name=${name} base=${base} file-format="json" refresh="3600"></goldboard-source>
        <kpi-card source=${name} measure="revenue" locale="en-US"></kpi-card>
        <kpi-card source=${name} measure="revenue" locale="en-US" format="compact-currency"></kpi-card>
        <revenue-trend source=${name} locale="en-US" show-table style="width: 600px"></revenue-trend>
      </div>`);
      const source = page.querySelector('goldboard-source') as HTMLElement & { revalidate(): Promise<number> };
      const [card, compact] = [...page.querySelectorAll('kpi-card')] as KpiCard[];
      const trend = page.querySelector('revenue-trend') as RevenueTrend;
      await Promise.all([waitForState(card!, 'ready'), waitForState(compact!, 'ready'), waitForState(trend, 'ready')]);
      expect(text(card!, 'value')).to.equal('$1,000.00');
      // The reader's place: focus on the trend's plot, zoomed to ten days.
      trend.zoomRange = [T0 + 5 * DAY, T0 + 14 * DAY];
      await waitUntil(() => trend.domains?.x[0] === T0 + 5 * DAY, 'zoomed');
      const plot = part(trend, 'plot')!;
      plot.focus();
      const states: string[] = [];
      const observer = new MutationObserver((records) => records.forEach((r) => states.push(`${(r.target as Element).localName}:${(r.target as Element).getAttribute('state')}`)));
      for (const el of [card!, compact!, trend]) observer.observe(el, { attributes: true, attributeFilter: ['state'] });

      // Nothing changed: one conditional request per dataset, each a 304, nothing drawn again.
      expect(await source.revalidate()).to.equal(0);
      expect(folder.requests.get('kpi_summary.json')).to.deep.equal([200, 304]);
      expect(folder.requests.get('daily_metrics.json')).to.deep.equal([200, 304]);

      folder.rebuild();
      expect(await source.revalidate()).to.equal(2);
      await waitUntil(() => text(card!, 'value') === '$2,000.00', 'the card shows the new total');
      await waitUntil(() => text(compact!, 'value') === '$2K', 'the other card too');
      await waitUntil(() => trend.shadowRoot!.querySelector('[part~="data-table"] tbody tr td:last-child')?.textContent?.trim() === '$210.00', 'the trend shows the new days');
      // Still one request per dataset for the three elements.
      expect(folder.requests.get('kpi_summary.json')).to.deep.equal([200, 304, 200]);
      expect(folder.requests.get('daily_metrics.json')).to.deep.equal([200, 304, 200]);
      // In place: no loading view, the same plot still focused, the zoom kept.
      observer.disconnect();
      expect(states.filter((s) => s.endsWith(':loading'))).to.deep.equal([]);
      expect(part(trend, 'plot')).to.equal(plot);
      expect(trend.shadowRoot!.activeElement).to.equal(plot);
      expect(trend.domains!.x).to.deep.equal([T0 + 5 * DAY, T0 + 14 * DAY]);
    } finally {
      folder.restore();
    }
  });

  it('revalidates on its own every `refresh` seconds, and stops when removed', async () => {
    const name = `tick-${uniqueKey()}`;
    const base = `/${name}/`;
    const folder = rebuildableFolder(base);
    try {
      const page = await fixture<HTMLDivElement>(html`<div>
        <goldboard-source name=${name} base=${base} file-format="json" refresh="1"></goldboard-source>
        <kpi-card source=${name} measure="revenue" locale="en-US"></kpi-card>
      </div>`);
      const card = page.querySelector('kpi-card') as KpiCard;
      await waitForState(card, 'ready');
      folder.rebuild();
      await waitUntil(() => text(card, 'value') === '$2,000.00', 'refreshed by the clock', { timeout: 4000 });
      page.querySelector('goldboard-source')!.remove();
      const asked = folder.requests.get('kpi_summary.json')!.length;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(folder.requests.get('kpi_summary.json')!.length).to.equal(asked);
    } finally {
      folder.restore();
    }
  });

  it('runs one revalidation at a time: a tick while one is slow waits for it', async () => {
    const rows = createRowsAdapter({ kpi_summary: [{ revenue: 1 }] });
    let running = 0;
    let most = 0;
    let calls = 0;
    const adapter: GoldAdapter = {
      key: `slow-${uniqueKey()}`,
      async load(query, signal) {
        calls++;
        running++;
        most = Math.max(most, running);
        try {
          // The first load (the page's) is quick; each revalidation takes 2.5 clock ticks.
          if (calls > 1) await new Promise((resolve) => setTimeout(resolve, 2500));
          return rows.load(query, signal);
        } finally {
          running--;
        }
      },
    };
    await sharedLoader.load(adapter, { dataset: 'kpi_summary' }, new AbortController().signal);
    const stop = startLive(adapter, 1, undefined);
    try {
      await waitUntil(() => calls >= 3, 'two revalidations, one after the other', { timeout: 9000 });
    } finally {
      stop();
    }
    expect(most).to.equal(1);
  });
});
