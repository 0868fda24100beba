// The reference dashboard rendered on the server: every Goldboard element of the built page
// drawn over the Gold server's data (Declarative Shadow DOM, with the data it hydrates from) —
// the date range with the range of the address, which the elements of its source load, the
// segment filter and the insights too — and both pages shown when JavaScript is off.
// `pnpm start` serves it; the dashboard benchmark measures it.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { createServerAdapter } from '@goldboard/core';
import { escapeHtml, renderPage, styleHashes } from '@goldboard/ssr';

/**
 * The width the dashboard's trend is drawn at on the server: its plot's width when the page is
 * at its widest (the body's max-width, 1280 px), on screens about 1344 px wide and more (1360 px
 * with classic scrollbars), which is most desktops; there it is not laid out again. On a
 * narrower screen the browser lays it out again once it has measured it. The rendered
 * dashboard's e2e test checks it against the CSS.
 */
export const TREND_WIDTH = 1246;

/** Shown with JavaScript off: every page of the dashboard, one under the other. */
export const NOSCRIPT_CSS = '.page[hidden] { display: block !important; }\n.tabs { display: none; }\n';

/**
 * The rendered dashboard's Content-Security-Policy: scripts and styles from the site only (the
 * elements' shadow stylesheets by hash), no inline script, no style attribute; data from the
 * site (the Gold server behind it).
 */
export function dashboardCsp() {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${styleHashes().join(' ')}`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/**
 * A connect-style handler rendering `/dashboard/` (the built `examples/dist/dashboard`) over the
 * Gold server at `api`; other paths go to `next`. `timings` collects each render's elements
 * and total time (the benchmark reads it).
 *
 * A rendered page whose every element is ready (or empty) is kept, with its compressed form, for
 * the next visits of the same address while the Gold and the built page are the same, for at most
 * `maxAgeMs` (the Gold server's own answers are kept a minute): before answering, the catalog of
 * the Gold server is asked with If-None-Match (its ETag changes with a rebuild, where the engine
 * tracks one) — a 304 serves the kept page, anything else renders anew. A request with
 * `Cache-Control: no-cache` renders anew too. `Server-Timing` says which: `render;dur=…` or
 * `cache;desc=hit`. A page with an element in error is never kept: the next visit tries again.
 */
export function renderedDashboard({ api, root = '.', timings, keep = 32, maxAgeMs = 60_000 } = {}) {
  const adapter = createServerAdapter({ base: api });
  const page = resolve(root, 'examples/dist/dashboard/index.html');
  const csp = dashboardCsp();
  /** Pages kept by address, oldest first; all made from the Gold whose catalog ETag is `goldTag`. */
  const kept = new Map();
  let goldTag;
  const catalog = new URL('v1/datasets', api.endsWith('/') ? api : `${api}/`).href;
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/dashboard/noscript.css') {
      res.setHeader('Content-Type', 'text/css');
      res.end(NOSCRIPT_CSS);
      return;
    }
    if (url.pathname !== '/dashboard/index.html') return next();
    const started = performance.now();
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const answer = (entry, timing) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Security-Policy', csp);
      res.setHeader('Server-Timing', timing);
      res.setHeader('Vary', 'Accept-Encoding');
      // Every shadow root repeats its stylesheet: compressed, they cost little.
      if (gzip) {
        res.setHeader('Content-Encoding', 'gzip');
        res.end((entry.gz ??= gzipSync(entry.html)));
      } else res.end(entry.html);
    };
    const built = readFileSync(page, 'utf8');
    const fresh = /\bno-cache\b/.test(req.headers['cache-control'] ?? '');
    currentGold()
      .then(async (tag) => {
        const key = url.search;
        const hit = !fresh && tag !== undefined && kept.get(key);
        if (hit && hit.built === built && Date.now() - hit.at <= maxAgeMs) {
          remember(key, hit);
          answer(hit, 'cache;desc=hit');
          return;
        }
        const { html, elements } = await render(url, built);
        const ms = performance.now() - started;
        timings?.push({ ms, elements });
        const entry = { built, html, gz: undefined, at: Date.now() };
        const whole = elements.every((e) => e.state === 'ready' || e.state === 'empty');
        if (whole && tag !== undefined && tag === goldTag) remember(key, entry);
        answer(entry, `render;dur=${ms.toFixed(1)}`);
      })
      .catch((error) => {
        res.statusCode = 500;
        res.end(`Rendering failed: ${error.message}`);
      });
  };

  /** Keeps `entry` for `key` as the most recently used, dropping the least recent past `keep`. */
  function remember(key, entry) {
    kept.delete(key);
    kept.set(key, entry);
    if (kept.size > keep) kept.delete(kept.keys().next().value);
  }

  /**
   * The ETag of the Gold server's catalog; a new one drops the kept pages. Undefined when the
   * server does not answer one: nothing is served from or added to the kept pages then, and they
   * stay for when it answers again.
   */
  async function currentGold() {
    let tag;
    try {
      const response = await fetch(catalog, { headers: goldTag ? { 'if-none-match': goldTag } : {} });
      await response.arrayBuffer();
      tag = response.status === 304 ? goldTag : response.ok ? (response.headers.get('etag') ?? undefined) : undefined;
    } catch {
      return undefined;
    }
    if (tag !== undefined && tag !== goldTag) {
      kept.clear();
      goldTag = tag;
    }
    return tag;
  }

  async function render(url, built) {
    // The date range reads the address's range (it keeps it there), and the elements of its source load it.
    const rendered = await renderPage(built, { adapter, address: url, widthOf: (tag) => (tag === 'revenue-trend' ? TREND_WIDTH : undefined) });
    let html = rendered.html;
    // The elements' data came with the page: no Gold file to preload, nor the Arrow decoder
    // (29 kB) that reads them; it loads with the first data the page asks for (a new range).
    html = html.replace(/\s*<link rel="preload" as="fetch"[^>]*href="\/gold\/[^"]*"[^>]*>/g, '');
    html = html.replace(/\s*<link rel="modulepreload"[^>]*href="[^"]*\/arrow-decode-[^"]*"[^>]*>/g, '');
    // The page reads this Gold server (the one it was rendered from), and shows every page without script.
    html = html.replace('</head>', `<meta name="goldboard-server" content="/" />\n<noscript><link rel="stylesheet" href="/dashboard/noscript.css" /></noscript>\n</head>`);
    return { html, elements: rendered.elements };
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
