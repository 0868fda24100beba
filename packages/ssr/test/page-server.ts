// A page server for the hydration tests: server-rendered elements on a page that loads the
// built hydration bundle, under a strict Content-Security-Policy, counting data requests.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { styleHashes } from '../src/index.js';

const dist = new URL('../../elements/dist/', import.meta.url);
const gold = new URL('../../../test/fixtures/gold/', import.meta.url);

export interface PageServer {
  readonly url: string;
  /** Requests for data (`/gold/…`) seen so far. */
  readonly dataRequests: string[];
  /** Serves `body` (rendered elements) at `path`. */
  page(path: string, body: string, head?: string): void;
  /** Holds the answers to scripts whose path matches `pattern` for `ms` (none: every script at once again). */
  delayScripts(pattern?: RegExp, ms?: number): void;
  close(): Promise<void>;
}

export const STRICT_CSP = () => `default-src 'self'; style-src 'self' ${styleHashes().join(' ')}; require-trusted-types-for 'script'`;

export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, string>();
  const dataRequests: string[] = [];
  let delay: { pattern: RegExp; ms: number } | undefined;
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const page = pages.get(path);
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': STRICT_CSP() });
      res.end(page);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    try {
      if (path.startsWith('/gold/')) {
        dataRequests.push(path);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(readFileSync(new URL(path.slice('/gold/'.length), gold)));
        return;
      }
      if (/^\/(goldboard-hydrate\.js|chunks\/[\w.-]+\.js)$/.test(path)) {
        if (delay?.pattern.test(path)) await new Promise((resolve) => setTimeout(resolve, delay!.ms));
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(readFileSync(new URL(path.slice(1), dist)));
        return;
      }
      if (path === '/page.css') {
        res.writeHead(200, { 'content-type': 'text/css' });
        res.end('body { margin: 0; font: 14px sans-serif; } .box { width: 700px; }');
        return;
      }
    } catch {
      // falls through to 404
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    dataRequests,
    page(path, body, head = '') {
      pages.set(
        path,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rendered</title><link rel="stylesheet" href="/page.css">${head}<script type="module" src="/goldboard-hydrate.js"></script></head><body><div class="box">${body}</div></body></html>`,
      );
    },
    delayScripts(pattern, ms = 0) {
      delay = pattern && { pattern, ms };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
