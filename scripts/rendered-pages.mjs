// The reference dashboard rendered on the server: every Goldboard element of the built page
// drawn over the Gold server's data (Declarative Shadow DOM, with the data it hydrates from),
// its insights written in, the date range of the address applied, and both pages shown when
// JavaScript is off. `pnpm start` serves it; the dashboard benchmark measures it.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { createServerAdapter, isCalendarDay, validateTable } from '@goldboard/core';
import { escapeHtml, renderPage } from '@goldboard/ssr';
import { tsImport } from 'tsx/esm/api';

const ELEMENTS = /<(kpi-card|revenue-trend|segment-breakdown|top-list)\b([^>]*)>/g;

/** Shown with JavaScript off: every page of the dashboard, one under the other. */
export const NOSCRIPT_CSS = '.page[hidden] { display: block !important; }\n.tabs { display: none; }\n';

/** The insights' lists as the dashboard's script fills them. */
function insightItems(items) {
  const shown = items.length ? items : [{ id: 'none', title: 'Nothing to report', text: 'There is not enough data in this range for these insights.' }];
  return shown.map((i) => `<li data-insight="${escapeHtml(i.id)}"><strong>${escapeHtml(i.title)}</strong> ${escapeHtml(i.text)}</li>`).join('');
}

/**
 * A connect-style handler rendering `/dashboard/` (the built `examples/dist/dashboard`) over the
 * Gold server at `api`; other paths go to `next`. `timings` collects each render's elements
 * and total time (the benchmark reads it).
 */
export function renderedDashboard({ api, root = '.', timings } = {}) {
  const adapter = createServerAdapter({ base: api });
  const insights = tsImport('../examples/dashboard/src/insights.ts', import.meta.url);
  const page = resolve(root, 'examples/dist/dashboard/index.html');
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/dashboard/noscript.css') {
      res.setHeader('Content-Type', 'text/css');
      res.end(NOSCRIPT_CSS);
      return;
    }
    if (url.pathname !== '/dashboard/index.html') return next();
    const started = performance.now();
    render(url, readFileSync(page, 'utf8'))
      .then(({ html, elements }) => {
        const ms = performance.now() - started;
        timings?.push({ ms, elements });
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.setHeader('Server-Timing', `render;dur=${ms.toFixed(1)}`);
        res.setHeader('Vary', 'Accept-Encoding');
        // Thirteen shadow roots repeat their stylesheets: compressed, they cost little.
        if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
          res.setHeader('Content-Encoding', 'gzip');
          res.end(gzipSync(html));
        } else res.end(html);
      })
      .catch((error) => {
        res.statusCode = 500;
        res.end(`Rendering failed: ${error.message}`);
      });
  };

  async function render(url, built) {
    // The range of the address, as the page's script applies it to every element of the Gold source.
    const range = {};
    for (const name of ['from', 'to']) {
      const day = url.searchParams.get(name);
      if (day && isCalendarDay(day)) range[name] = day;
    }
    if (range.from && range.to && range.from > range.to) delete range.to;
    let html = built.replace(ELEMENTS, (tag, name, attributes) =>
      /\ssource="gold"/.test(attributes) ? `<${name}${attributes}${Object.entries(range).map(([k, v]) => ` ${k}="${v}"`).join('')}>` : tag,
    );
    const [rendered, lists] = await Promise.all([renderPage(html, { adapter, widthOf: (tag) => (tag === 'revenue-trend' ? 1100 : undefined) }), insightLists(range)]);
    html = rendered.html;
    for (const [id, items] of Object.entries(lists)) html = html.replace(new RegExp(`(<ul id="${id}"[^>]*>)</ul>`), (_, open) => `${open}${insightItems(items)}</ul>`);
    // The elements' data came with the page: no Gold file to preload.
    html = html.replace(/\s*<link rel="preload" as="fetch"[^>]*href="\/gold\/[^"]*"[^>]*>/g, '');
    // The page reads this Gold server (the one it was rendered from), and shows every page without script.
    html = html.replace('</head>', `<meta name="goldboard-server" content="/" />\n<noscript><link rel="stylesheet" href="/dashboard/noscript.css" /></noscript>\n</head>`);
    return { html, elements: rendered.elements };
  }

  async function insightLists(range) {
    const { keyInsights, recommendations } = await insights;
    const q = (dataset, extra = {}) => ({ dataset, from: range.from, to: range.to, ...extra });
    const load = async (query, columns) => validateTable(query.dataset, await adapter.load(query), columns ? { columns } : {});
    try {
      const [kpi, daily, segments, topUsers] = await Promise.all([
        load(q('kpi_summary'), ['revenue', 'buyers', 'first_date', 'last_date']),
        load(q('daily_metrics'), ['event_date', 'revenue']),
        load(q('segment_summary')),
        load(q('top_users', { limit: 100 }), ['spend']),
      ]);
      const gold = { kpi, daily, segments, topUsers };
      const all = keyInsights(gold);
      const business = ['top-buyers', 'peak-low'];
      return {
        'business-insights': all.filter((i) => business.includes(i.id)),
        'segment-insights': all.filter((i) => !business.includes(i.id)),
        recommendations: recommendations(gold),
      };
    } catch (error) {
      const unavailable = [{ id: 'error', title: 'Insights unavailable', text: error.message }];
      return { 'business-insights': unavailable, 'segment-insights': unavailable, recommendations: unavailable };
    }
  }
}

/** GET `path` from the Gold server at `api` as the page's host asks it (its links then point at the page's origin). */
function fromGoldServer(api, path, host) {
  const base = new URL(api);
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: base.hostname, port: base.port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolvePromise(body) : reject(new Error(`${path} answered ${res.statusCode}: ${body.slice(0, 200)}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The CMS example with the Gold server: its fragment placeholder holds the fragment the server
 * renders, its oEmbed placeholder the answer's iframe and the JSON itself — as a CMS stores them.
 */
export function renderedCmsPage({ api, root = '.' } = {}) {
  const page = resolve(root, 'examples/cms-embed/index.html');
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/cms-embed/index.html') return next();
    const host = /^[\w.-]+(:\d+)?$/.test(req.headers.host ?? '') ? req.headers.host : 'localhost';
    render(readFileSync(page, 'utf8'), host)
      .then((html) => {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(html);
      })
      .catch((error) => {
        res.statusCode = 500;
        res.end(`Rendering failed: ${error.message}`);
      });
  };

  async function render(html, host) {
    const decode = (text) => text.replace(/&amp;/g, '&');
    const places = [...html.matchAll(/<div data-goldboard-(fragment|oembed)="([^"]+)">[\s\S]*?<\/div>/g)];
    const filled = await Promise.all(
      places.map(async ([, kind, path]) => {
        if (kind === 'fragment') return `<div>${await fromGoldServer(api, decode(path), host)}</div>`;
        const query = `/oembed?url=${encodeURIComponent(`http://${host}${decode(path)}`)}&format=json&maxwidth=680`;
        const answer = JSON.parse(await fromGoldServer(api, query, host));
        return `<div>${answer.html}<p>The answer of <code>${escapeHtml(query)}</code>:</p><pre>${escapeHtml(JSON.stringify(answer, null, 2))}</pre></div>`;
      }),
    );
    let i = 0;
    return html.replace(/<div data-goldboard-(fragment|oembed)="([^"]+)">[\s\S]*?<\/div>/g, () => filled[i++]);
  }
}
