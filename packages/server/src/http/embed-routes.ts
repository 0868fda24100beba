/**
 * The server's rendered answers: `GET /v1/embed/{element}?…attributes…` (a standalone page),
 * `GET /v1/embed/{element}/fragment?…` (the element's HTML for a page of one's own),
 * `GET /oembed?url=…&format=json[&maxwidth&maxheight]` (oEmbed 1.0, `type: rich`), and the
 * files those pages load under `/v1/assets/` (the hydration bundle and its chunks, the embed
 * stylesheet: beside the API, so that a proxy of /v1 serves them too). Elements are rendered
 * on the server from the same queries `/v1/datasets` answers.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GoldError, type GoldAdapter, type GoldQuery } from '@goldboard/core';
import type { Table } from 'apache-arrow';
import { EMBED_CSS, EMBED_HOST_JS, EMBED_JS, EmbedError, embedCsp, embedFragment, embedPage, oembedAnswer, parseEmbedRequest, renderEmbed, sizeParam, type EmbedUrls } from '@goldboard/ssr';
import { RequestError } from './errors.js';

export interface EmbedRoutesOptions {
  /** Runs a dataset query (through the server's cache and limits) for the response `res`. */
  readonly load: (query: GoldQuery, signal: AbortSignal, res: ServerResponse) => Promise<Table>;
  /** The server's public origin (`https://gold.example.com`); the request's Host by default. */
  readonly publicUrl?: string | undefined;
  /** Seconds a rendered answer may be reused. */
  readonly maxAge: number;
}

const bundleDir = dirname(fileURLToPath(import.meta.resolve('@goldboard/elements/goldboard-hydrate.js')));

/** The origin pages are linked under: the configured one, else the request's (a Host that is not a host name is not used). */
function originOf(req: IncomingMessage, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const host = req.headers.host ?? '';
  return `http://${/^[\w.-]+(:\d{1,5})?$/.test(host) ? host : 'localhost'}`;
}

export function createEmbedRoutes(options: EmbedRoutesOptions) {
  /** An adapter answering the elements' queries through the server; a refused parameter is the element's bad-param. */
  const adapterFor = (res: ServerResponse): GoldAdapter => ({
    async load(query, signal) {
      try {
        return await options.load(query, signal ?? new AbortController().signal, res);
      } catch (error) {
        if (error instanceof RequestError && error.status === 400) throw new GoldError('bad-param', error.message);
        throw error;
      }
    },
  });

  function urls(origin: string, page: string): EmbedUrls {
    return { page, script: `${origin}/v1/assets/goldboard-hydrate.js`, css: `${origin}/v1/assets/embed.css`, frame: `${origin}/v1/assets/embed-frame.js`, oembed: `${origin}/oembed`, server: origin };
  }

  function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.writeHead(status);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** An element name from the path; a malformed escape is a bad request, not a failure of the server. */
  function tagOf(segment: string): string {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new RequestError(400, 'bad-param', 'The element name in the address is not valid URL encoding.');
    }
  }

  function refuse(error: unknown): never {
    if (error instanceof EmbedError) throw new RequestError(error.status, error.status === 404 ? 'not-found' : 'bad-param', error.message);
    throw error;
  }

  async function file(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === 'embed.css') return send(req, res, 200, 'text/css; charset=utf-8', EMBED_CSS, { 'Cache-Control': 'public, max-age=3600' });
    // The embed page's height reporter, and the host page's side of it (loaded by other sites).
    if (path === 'embed-frame.js' || path === 'embed-host.js') {
      return send(req, res, 200, 'text/javascript; charset=utf-8', path === 'embed-frame.js' ? EMBED_JS : EMBED_HOST_JS, { 'Cache-Control': 'public, max-age=3600', 'Cross-Origin-Resource-Policy': 'cross-origin' });
    }
    if (!/^(goldboard-hydrate\.js|chunks\/[\w.-]+\.js)$/.test(path)) throw new RequestError(404, 'not-found', `No such file: /v1/assets/${path.slice(0, 60)}.`);
    let body: Buffer;
    try {
      body = await readFile(join(bundleDir, path));
    } catch {
      throw new RequestError(404, 'not-found', `No such file: /v1/assets/${path}.`);
    }
    send(req, res, 200, 'text/javascript; charset=utf-8', body, { 'Cache-Control': 'public, max-age=3600', 'Cross-Origin-Resource-Policy': 'cross-origin' });
  }

  /** Handles the path when it is one of these routes; false when it is not. */
  return async function embeds(req: IncomingMessage, res: ServerResponse, url: URL, fields: Record<string, unknown>): Promise<boolean> {
    const origin = originOf(req, options.publicUrl);
    if (url.pathname.startsWith('/v1/assets/')) {
      await file(req, res, url.pathname.slice('/v1/assets/'.length));
      return true;
    }
    const embed = /^\/v1\/embed\/([^/]+)(\/fragment)?$/.exec(url.pathname);
    if (embed) {
      const tag = tagOf(embed[1]!);
      let request;
      try {
        request = parseEmbedRequest(tag, url.searchParams);
      } catch (error) {
        refuse(error);
      }
      fields.element = request.tag;
      const started = performance.now();
      const rendered = await renderEmbed(request, adapterFor(res)).catch(refuse);
      fields.renderMs = Math.round((performance.now() - started) * 100) / 100;
      const page = `${origin}${url.pathname.replace(/\/fragment$/, '')}${url.search}`;
      const headers = { 'Cache-Control': `public, max-age=${options.maxAge}`, 'Server-Timing': `render;dur=${fields.renderMs}` };
      if (embed[2]) send(req, res, 200, 'text/html; charset=utf-8', embedFragment(request, rendered, urls(origin, page)), { ...headers, 'Access-Control-Allow-Origin': '*' });
      else send(req, res, 200, 'text/html; charset=utf-8', embedPage(request, rendered, urls(origin, page)), { ...headers, 'Content-Security-Policy': embedCsp() });
      return true;
    }
    if (url.pathname === '/oembed') {
      const format = url.searchParams.get('format') ?? 'json';
      if (format !== 'json') throw new RequestError(501, 'bad-param', `oEmbed answers are JSON only (format=json), not ${format.slice(0, 20)}.`, { param: 'format' });
      const target = url.searchParams.get('url');
      if (!target) throw new RequestError(400, 'bad-param', 'oEmbed needs url: the address of an embed page (/v1/embed/{element}?…).', { param: 'url' });
      let pageUrl: URL;
      try {
        pageUrl = new URL(target);
      } catch {
        throw new RequestError(400, 'bad-param', 'oEmbed url is not an absolute URL.', { param: 'url' });
      }
      const match = /^\/v1\/embed\/([^/]+)$/.exec(pageUrl.pathname);
      if (pageUrl.origin !== origin || !match) throw new RequestError(404, 'not-found', `No embed at that url: this server embeds ${origin}/v1/embed/{element}?… pages.`, { param: 'url' });
      let maxwidth: number | undefined;
      let maxheight: number | undefined;
      let request;
      try {
        maxwidth = sizeParam('maxwidth', url.searchParams.get('maxwidth'));
        maxheight = sizeParam('maxheight', url.searchParams.get('maxheight'));
        request = parseEmbedRequest(tagOf(match[1]!), pageUrl.searchParams);
      } catch (error) {
        refuse(error);
      }
      const rendered = await renderEmbed(request, adapterFor(res)).catch(refuse);
      const answer = oembedAnswer(request, rendered, pageUrl, origin, maxwidth, maxheight, options.maxAge);
      send(req, res, 200, 'application/json; charset=utf-8', JSON.stringify(answer), { 'Cache-Control': `public, max-age=${options.maxAge}`, 'Access-Control-Allow-Origin': '*' });
      return true;
    }
    return false;
  };
}
