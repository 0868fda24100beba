// The built Storybook's Docs pages in headless Chromium: every element of the manifest
// (custom-elements.json, generated from the elements' JSDoc) has one, showing its description,
// its attributes, events, slots and CSS parts in the args table, and its first story drawn, with
// nothing thrown into the page. Run by README's test command after `pnpm build-storybook`
// (`pnpm test:storybook`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { launchChromium } from '../scripts/chromium.mjs';
import { serveFolder } from '../scripts/gold-files.mjs';

const BUILT = 'storybook-static';
const manifest = JSON.parse(readFileSync('packages/elements/custom-elements.json', 'utf8'));
const ELEMENTS = [
  ...new Map(
    manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => [d.tagName, d]),
  ).values(),
].sort((a, b) => a.tagName.localeCompare(b.tagName));

/** Markdown's inline code marks left out, whitespace collapsed: the text a reader sees. */
const plain = (markdown) => markdown.replace(/`/g, '').replace(/\s+/g, ' ').trim();

let server;
let url;
let browser;
let entries;

before(async () => {
  assert.ok(existsSync(`${BUILT}/iframe.html`), 'Storybook is not built: run `pnpm build-storybook` first.');
  entries = Object.values(JSON.parse(readFileSync(`${BUILT}/index.json`, 'utf8')).entries);
  const serve = serveFolder('/', BUILT);
  server = createServer((req, res) =>
    serve(req, res, () => {
      res.statusCode = 404;
      res.end();
    }),
  );
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** The args table's rows, by section (ATTRIBUTES, PROPERTIES, EVENTS, SLOTS, CSS SHADOW PARTS, …): the names in their first cell. */
function argsTable() {
  const sections = {};
  let section = '';
  for (const row of document.querySelectorAll('.docblock-argstable tbody tr')) {
    const first = row.querySelector('td')?.innerText.trim() ?? '';
    const heading = /([A-Z][A-Z ]+)$/.exec(first);
    if (heading && /^(Hide|Show) /.test(first)) section = heading[1];
    else (sections[section] ??= []).push(first.split('\n')[0].replace(/\*$/, '').trim());
  }
  return sections;
}

it('Storybook has one Docs page per element of the manifest, and no other', () => {
  assert.ok(ELEMENTS.length >= 8, `the manifest lists the elements (found ${ELEMENTS.map((d) => d.tagName)})`);
  const docs = entries.filter((e) => e.type === 'docs').map((e) => e.title.replace(/^Elements\//, ''));
  assert.deepEqual(docs.sort(), ELEMENTS.map((d) => d.tagName));
});

describe('Docs pages', () => {
  for (const element of ELEMENTS) {
    const tag = element.tagName;
    it(`<${tag}>: its JSDoc description, its attributes in the args table, its first story drawn`, async () => {
      const entry = entries.find((e) => e.type === 'docs' && e.title === `Elements/${tag}`);
      assert.ok(entry, `<${tag}> has a Docs page`);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
      const problems = [];
      const failed = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
      page.on('response', (r) => r.status() >= 400 && failed.push(new URL(r.url()).pathname));
      try {
        await page.goto(`${url}/iframe.html?id=${entry.id}&viewMode=docs`);
        await page.waitForSelector('.docblock-argstable tbody tr', { timeout: 30_000 });

        // The description is the class's JSDoc, as the manifest has it.
        assert.ok(element.description?.length > 40, `<${tag}> has a JSDoc description`);
        const docsText = plain(await page.locator('.sbdocs-content').innerText());
        assert.ok(docsText.includes(plain(element.description)), `<${tag}>'s Docs page shows its description:\n${plain(element.description)}`);

        // The args table: every attribute, event, slot and CSS part of the manifest.
        const table = await page.evaluate(argsTable);
        const expectIn = (section, names) => {
          const shown = new Set(table[section] ?? []);
          const missing = names.filter((n) => !shown.has(n));
          assert.deepEqual(missing, [], `<${tag}>'s args table lists under ${section}: ${[...shown].join(', ')}`);
        };
        expectIn('ATTRIBUTES', (element.attributes ?? []).map((a) => a.name));
        expectIn('EVENTS', (element.events ?? []).map((e) => e.name));
        expectIn('SLOTS', (element.slots ?? []).map((s) => s.name));
        // Parts are listed as a stylesheet names them (see .storybook/preview.ts).
        expectIn('CSS SHADOW PARTS', (element.cssParts ?? []).map((p) => `::part(${p.name})`));
        assert.ok(!(table.ATTRIBUTES ?? []).includes('dataset'), 'no attribute is named dataset (it is dataset-name)');
        if (tag === 'kpi-card') expectIn('ATTRIBUTES', ['measure', 'dataset-name', 'compare', 'trend']);
        if (tag === 'top-list') expectIn('ATTRIBUTES', ['dataset-name', 'measure', 'limit', 'segment']);
        if (tag === 'goldboard-date-range') expectIn('EVENTS', ['goldboard-filter-change']);

        // The first story (the canvas at the top) holds the element, defined and drawn: the
        // data elements in it ready, the filters offering the Gold's choices.
        const canvas = page.locator('.docs-story').first();
        await canvas.locator(tag).first().waitFor({ state: 'attached', timeout: 30_000 });
        const drawn = () =>
          page.evaluate((tag) => {
            const story = document.querySelector('.docs-story');
            const el = story.querySelector(tag);
            const ctor = customElements.get(tag);
            if (!ctor || !(el instanceof ctor)) return { defined: false };
            const states = [...story.querySelectorAll('[state]')].map((e) => `${e.localName}:${e.getAttribute('state')}`);
            const menus = [...story.querySelectorAll('goldboard-date-range, goldboard-filter')].map((e) => e.shadowRoot?.querySelectorAll('select option:not([hidden])').length ?? 0);
            return { defined: true, states, menus, rendered: tag === 'goldboard-source' || (el.shadowRoot?.childElementCount ?? 0) > 0 };
          }, tag);
        let seen;
        const deadline = Date.now() + 30_000;
        do {
          seen = await drawn();
          if (seen.defined && seen.rendered && seen.states.length > 0 && seen.states.every((s) => s.endsWith(':ready')) && seen.menus.every((n) => n > 1)) break;
          await page.waitForTimeout(100);
        } while (Date.now() < deadline);
        assert.equal(seen.defined, true, `<${tag}> is defined in its story`);
        assert.equal(seen.rendered, true, `<${tag}> rendered its shadow root`);
        assert.ok(seen.states.length > 0 && seen.states.every((s) => s.endsWith(':ready')), `the first story's elements are ready: ${seen.states}`);
        assert.ok(seen.menus.every((n) => n > 1), `the first story's filters offer the Gold's choices: ${seen.menus}`);
        if (tag !== 'goldboard-source') assert.ok(seen.states.some((s) => s.startsWith(`${tag}:`)) || seen.menus.length > 0, `<${tag}> itself is drawn`);

        // Nothing thrown; the only failed requests are the error stories' (a missing Gold folder, a bad file's missing neighbour).
        assert.deepEqual(problems, [], 'no error in the page');
        assert.deepEqual(failed.filter((path) => !/^\/gold\/(missing|bad)\//.test(path)), [], 'no request failed but the error stories\'');
      } finally {
        await page.close();
      }
    });
  }
});
