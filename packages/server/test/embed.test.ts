/**
 * The server's rendered answers over a small Gold folder: embed pages and fragments, oEmbed
 * answers and refusals, and the embed page in Chromium under its own Content-Security-Policy
 * (no violation, no data request, interactive) and with JavaScript off (the values shown).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { Browser } from 'playwright-core';
// @ts-expect-error: a plain ESM helper without types
import { launchChromium } from '../../../scripts/chromium.mjs';
import { DuckDBEngine } from '../src/index.js';
import { closeServers, rowsOf, smallGold, startServer } from './helpers.js';

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2, minimumFractionDigits: 2 });

describe('embeds and oEmbed', () => {
  let base = '';
  let revenue = 0;
  let browser: Browser | undefined;

  before(async () => {
    const gold = await smallGold('embed', 20_000);
    revenue = Number(rowsOf(tableFromIPC(readFileSync(join(gold, 'kpi_summary.arrow'))))[0]!.revenue);
    base = await startServer(await DuckDBEngine.open({ gold, connections: 2 }));
  });
  after(async () => {
    await browser?.close();
    await closeServers();
  });

  it('answers a standalone page: the element drawn with its value, its data, the script as a file, the discovery link, a strict CSP', async () => {
    const response = await fetch(`${base}/v1/embed/kpi-card?measure=revenue&format=currency&trend`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await response.text();
    assert.match(html, /<kpi-card source="goldboard-embed" measure="revenue" format="currency" trend(="")? locale="en-US" state="ready">/);
    assert.match(html.replace(/<!--[^]*?-->/g, ''), new RegExp(`<p part="value"[^>]*><span>${USD.format(revenue).replace(/[$.]/g, '\\$&')}</span></p>`), 'the revenue, formatted');
    assert.match(html, /<template shadowroot="open" shadowrootmode="open">/);
    assert.match(html, /<script type="application\/json" data-goldboard-snapshot>/);
    assert.match(html, /<script type="module" src="\/v1\/assets\/goldboard-hydrate\.js"><\/script>/);
    // Every script is a file or data: no inline executable script.
    assert.deepEqual([...html.matchAll(/<script(?![^>]*\ssrc=)(?![^>]*type="application\/json")[^>]*>/g)], []);
    const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html);
    assert.ok(link, 'the oEmbed discovery link');
    const oembed = await fetch(link[1]!.replace(/&amp;/g, '&'));
    assert.equal(oembed.status, 200);
    assert.equal((await oembed.json()).type, 'rich');
    // The files it loads are served.
    assert.equal((await fetch(`${base}/v1/assets/goldboard-hydrate.js`)).status, 200);
    assert.equal((await fetch(`${base}/v1/assets/embed.css`)).status, 200);
    assert.equal((await fetch(`${base}/v1/assets/..%2Fpackage.json`)).status, 404);
    // A malformed escape in the element's name is the request's fault.
    assert.equal((await fetch(`${base}/v1/embed/kpi%E0-card`)).status, 400);

  });

  it('answers a fragment: the element and the script tag, no page around it', async () => {
    const response = await fetch(`${base}/v1/embed/segment-breakdown/fragment?variant=bar`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.doesNotMatch(html, /<html|<head/);
    assert.match(html, /^<goldboard-source name="goldboard-embed" server="http:\/\/127\.0\.0\.1:\d+"><\/goldboard-source>\n<segment-breakdown source="goldboard-embed" variant="bar" locale="en-US" state="ready">/);
    assert.match(html, /<script type="module" src="[^"]+\/v1\/assets\/goldboard-hydrate\.js"><\/script>\n$/);
  });

  const refusals: Array<[string, number, RegExp]> = [
    ['/v1/embed/marquee?x=1', 400, /Unknown element `marquee`: embeds are kpi-card, revenue-trend, segment-breakdown, top-list\./],
    ['/v1/embed/kpi-card?onclick=alert(1)', 400, /kpi-card has no attribute `onclick` an embed takes/],
    ['/v1/embed/kpi-card?src=https://evil.example/x.arrow', 400, /kpi-card has no attribute `src`/],
    ['/v1/embed/revenue-trend?variant=pie', 400, /revenue-trend variant must be area or line, got `pie`/],
    ['/v1/embed/kpi-card?measure=nope', 400, /no column `nope`/],
    ['/v1/embed/kpi-card?trend=maybe', 400, /trend is a boolean attribute/],
    ['/v1/embed/revenue-trend?from=2019-02-30', 400, /from must be a calendar day/],
    ['/v1/embed/revenue-trend?width=99999', 400, /width must be at most 4000 pixels/],
    ['/v1/embed/top-list?limit=ten', 400, /limit must be a number/],
  ];
  for (const [path, status, reason] of refusals) {
    it(`refuses ${path} (${status}, with the reason)`, async () => {
      const response = await fetch(base + path);
      assert.equal(response.status, status);
      const body = await response.json();
      assert.match(body.error.message, reason);
    });
  }

  it('escapes hostile text from attributes in the page, its title and the oEmbed answer', async () => {
    const label = '</title><script>alert(1)</script>"\'&';
    const page = `${base}/v1/embed/kpi-card?label=${encodeURIComponent(label)}`;
    const html = await (await fetch(page)).text();
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /<title>&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&#39;&amp; · Goldboard<\/title>/);
    const answer = await (await fetch(`${base}/oembed?url=${encodeURIComponent(page)}&format=json`)).json();
    assert.equal(answer.title, label);
    assert.doesNotMatch(answer.html, /<script/);
    assert.match(answer.html, /title="&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&#39;&amp;"/);
  });

  describe('oEmbed', () => {
    const oembed = (url: string, extra = '') => fetch(`${base}/oembed?url=${encodeURIComponent(url)}&format=json${extra}`);

    it('answers oEmbed 1.0, type rich: an iframe of the embed page within maxwidth and maxheight', async () => {
      const page = `${base}/v1/embed/revenue-trend?measure=revenue`;
      const response = await oembed(page, '&maxwidth=400&maxheight=250');
      assert.equal(response.status, 200);
      const answer = await response.json();
      assert.equal(answer.version, '1.0');
      assert.equal(answer.type, 'rich');
      assert.equal(answer.provider_name, 'Goldboard');
      assert.equal(answer.title, 'Daily Revenue Trend');
      assert.ok(answer.width <= 400 && answer.height <= 250, `${answer.width}×${answer.height} within 400×250`);
      const src = /<iframe src="([^"]+)" width="(\d+)" height="(\d+)"/.exec(answer.html);
      assert.ok(src, answer.html);
      assert.equal(Number(src[2]), answer.width);
      assert.equal(Number(src[3]), answer.height);
      const frame = new URL(src[1]!.replace(/&amp;/g, '&'));
      assert.equal(frame.pathname, '/v1/embed/revenue-trend');
      assert.equal(frame.searchParams.get('measure'), 'revenue');
      assert.equal((await fetch(frame)).status, 200);
    });

    it('a huge maxwidth gives the element its own size, never more than asked', async () => {
      const answer = await (await oembed(`${base}/v1/embed/kpi-card`, '&maxwidth=1000000000000')).json();
      assert.equal(answer.width, 320);
      const small = await (await oembed(`${base}/v1/embed/kpi-card`, '&maxwidth=200')).json();
      assert.equal(small.width, 200);
    });

    const errors: Array<[string, string, number, RegExp]> = [
      ['unknown element', '/v1/embed/blink', 400, /Unknown element `blink`/],
      ['bad attribute', '/v1/embed/kpi-card?style=color:red', 400, /kpi-card has no attribute `style`/],
      ['bad value', '/v1/embed/segment-breakdown?variant=3d', 400, /variant must be/],
      ['another site', 'https://evil.example/v1/embed/kpi-card', 404, /No embed at that url/],
      ['not an embed path', '/v1/datasets/kpi_summary', 404, /No embed at that url/],
    ];
    for (const [what, url, status, reason] of errors) {
      it(`refuses ${what} (${status})`, async () => {
        const response = await oembed(url.startsWith('/') ? base + url : url);
        assert.equal(response.status, status);
        assert.match((await response.json()).error.message, reason);
      });
    }

    it('refuses a negative or non-numeric maxwidth, a format other than json, and no url', async () => {
      assert.equal((await oembed(`${base}/v1/embed/kpi-card`, '&maxwidth=-5')).status, 400);
      assert.equal((await oembed(`${base}/v1/embed/kpi-card`, '&maxheight=big')).status, 400);
      assert.equal((await fetch(`${base}/oembed?url=${encodeURIComponent(`${base}/v1/embed/kpi-card`)}&format=xml`)).status, 501);
      assert.equal((await fetch(`${base}/oembed?format=json`)).status, 400);
    });
  });

  describe('in Chromium', () => {
    const oembed = (url: string, extra = '') => fetch(`${base}/oembed?url=${encodeURIComponent(url)}&format=json${extra}`);
    before(async () => {
      browser = await launchChromium();
    });

    it('the embed page hydrates under its strict CSP with zero violations and no data request, and works', async () => {
      const page = await browser!.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      await page.addInitScript(() => {
        const w = window as unknown as { violations: string[] };
        w.violations = [];
        document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(`${base}/v1/embed/segment-breakdown?variant=bar`);
      await page.waitForFunction(() => {
        const el = document.querySelector('segment-breakdown') as (Element & { hasUpdated?: boolean; state?: string }) | null;
        return el?.hasUpdated && el.state === 'ready';
      });
      const selected = page.evaluate(() => new Promise<string>((resolve) => document.addEventListener('goldboard-select', (e) => resolve((e as CustomEvent<{ segment: string }>).detail.segment), { once: true })));
      await page.locator('segment-breakdown [part~="row"]').first().click();
      assert.ok(await selected);
      assert.deepEqual(await page.evaluate(() => (window as unknown as { violations: string[] }).violations), []);
      assert.deepEqual(requests.filter((p) => p.startsWith('/v1/datasets')), [], 'drawn from the data sent with it');
      assert.deepEqual(problems, []);
      await page.close();
    });

    // The oEmbed height is the height the element takes in the frame, for every element.
    const FRAMES: Array<[string, string]> = [
      ['kpi-card?measure=revenue', ''],
      ['kpi-card?measure=revenue&trend', ''],
      ['kpi-card?measure=users&compare=previous', '&maxwidth=240'],
      ['revenue-trend?measure=revenue', ''],
      ['revenue-trend?measure=revenue', '&maxwidth=400'],
      ['segment-breakdown', ''],
      ['segment-breakdown?measure=revenue&variant=donut', ''],
      ['segment-breakdown?variant=donut', '&maxwidth=400'],
      ['top-list?dataset-name=top_products', ''],
      ['top-list?dataset-name=top_users&limit=4', '&maxwidth=300'],
    ];

    /** A page holding `iframe` (an oEmbed answer's HTML) and, with `withScript`, the host page's script, on another origin. */
    async function framed(iframe: string, withScript = false) {
      const body = `<!doctype html><body><script>window.received = []; addEventListener('message', (e) => received.push(e.data));</script>${
        withScript ? `<script src="${base}/v1/assets/embed-host.js"></script>` : ''
      }${iframe}</body>`;
      const host = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body));
      await new Promise<void>((resolve) => host.listen(0, 'localhost', resolve));
      hosts.push(host);
      const page = await browser!.newPage({ viewport: { width: 1000, height: 1200 } });
      await page.goto(`http://localhost:${(host.address() as AddressInfo).port}/`);
      // The frame's page, once its navigation has started.
      const embedFrame = () => page.frames().find((f) => f.url().includes('/v1/embed/'));
      while (!embedFrame()) await page.waitForTimeout(20);
      const frame = embedFrame()!;
      await frame.waitForLoadState('domcontentloaded');
      await frame.waitForFunction(() => {
        const el = document.querySelector('body > :not(goldboard-source)') as (Element & { hasUpdated?: boolean; state?: string }) | null;
        return el?.hasUpdated && el.state === 'ready';
      });
      await frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      return { page, frame };
    }
    const hosts: Server[] = [];
    after(() => {
      for (const host of hosts) host.close();
    });

    for (const [path, extra] of FRAMES) {
      it(`the oEmbed height of ${path}${extra} is the height its frame's page takes`, async () => {
        const answer = await (await oembed(`${base}/v1/embed/${path}`, extra)).json();
        const { page, frame } = await framed(answer.html);
        const real = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
        assert.equal(await frame.evaluate(() => innerWidth), answer.width);
        assert.ok(Math.abs(answer.height - real) <= 3, `oEmbed height ${answer.height}, the page takes ${real} px at ${answer.width} px`);
        await page.close();
      });
    }

    it('the embed page tells its frame its height (goldboard:resize), and the host script sets it', async () => {
      const answer = await (await oembed(`${base}/v1/embed/top-list?dataset-name=top_products`)).json();
      // A frame far too short: the host script makes it the page's height.
      const iframe = answer.html.replace(/height="\d+"/, 'height="60"');
      const { page, frame } = await framed(iframe, true);
      await page.waitForFunction(() => Number(document.querySelector('iframe')!.height) > 60);
      const real = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      assert.equal(Number(await page.locator('iframe').getAttribute('height')), real);
      assert.ok(Math.abs(real - answer.height) <= 3);
      const received = (await page.evaluate(() => (window as unknown as { received: unknown[] }).received)) as { type: string; height: number; url: string }[];
      assert.deepEqual(received.at(-1), { type: 'goldboard:resize', height: real, url: frame.url() });
      // The frame's page reports again when its height changes.
      await frame.evaluate(() => {
        const grown = document.createElement('div');
        grown.style.setProperty('height', '100px');
        document.body.append(grown);
      });
      await page.waitForFunction((h) => Number(document.querySelector('iframe')!.height) === h, real + 100);
      await page.close();
    });

    it('with JavaScript off the embed page shows the value', async () => {
      const context = await browser!.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${base}/v1/embed/kpi-card?measure=revenue&format=currency`);
      assert.equal(await page.locator('kpi-card [part~="value"]').textContent(), USD.format(revenue));
      await context.close();
    });
  });
});
