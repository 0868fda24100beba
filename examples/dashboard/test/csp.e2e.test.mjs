// End to end: the reference dashboard rendered on the server (as `pnpm start` serves it) under
// its strict Content-Security-Policy — scripts from the site only, no inline script, the
// elements' shadow stylesheets allowed by hash — loads with no violation, and every element
// hydrates. Run by README's test command after `pnpm build` (`pnpm test:e2e`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './site.mjs';

const ELEMENTS = 'kpi-card, revenue-trend, top-list, segment-breakdown';
let server;
let browser;

let site;
before(async () => {
  site = await startSite({ render: true });
  ({ server, browser } = site);
});

after(() => site?.close());


describe('reference dashboard rendered on the server, under a strict Content-Security-Policy', () => {
  it('is served with a policy that allows no inline script, and holds none', async () => {
    const response = await fetch(`${server.url}/dashboard/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /(^|; )script-src 'self'(;|$)/);
    assert.match(csp, /(^|; )style-src 'self'( 'sha256-[\w+/=]+')+(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await response.text();
    // Executable scripts are files; the elements' data is JSON, which no browser runs.
    assert.deepEqual([...html.matchAll(/<script(?![^>]*\ssrc=)(?![^>]*type="application\/json")[^>]*>/g)].map((m) => m[0]), []);
    assert.doesNotMatch(html, /\sstyle="/);
  });

  it('loads with no violation, and every element hydrates in place and responds', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const problems = [];
    page.on('console', (m) => (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.addInitScript(() => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    await page.goto(`${server.url}/dashboard/`);
    await page.waitForFunction((s) => [...document.querySelectorAll(s)].every((el) => el.hasUpdated && el.getAttribute('state') === 'ready'), ELEMENTS);
    const count = await page.locator(ELEMENTS).count();
    assert.ok(count >= 13, `${count} elements`);
    // Hydrated, not drawn again: the server's part markers are still in every shadow root.
    assert.ok(await page.$$eval(ELEMENTS, (els) => els.every((el) => el.shadowRoot.innerHTML.includes('<!--lit-part'))));
    // Interactive: the trend's table toggle (a handler bound at hydration) shows its table.
    await page.locator('#business revenue-trend [part~="table-toggle"]').click();
    await page.locator('#business revenue-trend [part~="data-table"]').waitFor();
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
