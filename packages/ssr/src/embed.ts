import { NUMBER_FORMATS, type GoldAdapter } from '@goldboard/core';
import type { PropertyDeclaration } from 'lit';
import { escapeAttribute, escapeHtml } from './escape.js';
import { frameHeight } from './frame-height.js';
import { renderElement, styleHashes, type RenderedHtml } from './render-element.js';

/** The elements an embed shows: the charts and cards of one dataset (filters and insights belong to a page). */
export const EMBEDDED_ELEMENTS = ['kpi-card', 'revenue-trend', 'segment-breakdown', 'top-list'] as const;
export type EmbeddedElement = (typeof EMBEDDED_ELEMENTS)[number];

/**
 * Embeds: one element over its Gold data as a standalone HTML page, an HTML fragment for a page
 * of one's own, and oEmbed 1.0 answers (`type: rich`) for CMSs that embed from a pasted URL.
 * Only the elements, attributes and values of the contract pass (`EmbedError`, status 400,
 * with the reason); whatever comes from attributes or data is escaped; the pages need no
 * inline script or style attribute (see `embedCsp`).
 */

/** A request an embed refuses: its HTTP status and a reason a person can act on. */
export class EmbedError extends Error {
  override readonly name = 'EmbedError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Attributes an embed does not take: where the data comes from is the server's business. */
const NOT_EMBEDDABLE = new Set(['src', 'source', 'fields', 'state', 'trend-src']);
/** Query parameters that are not attributes: the size the chart is laid out at. */
const SIZE_PARAMS = ['width', 'height'] as const;
const MAX_SIZE = 4000;
const MAX_VALUE = 200;

type Declarations = ReadonlyMap<PropertyKey, PropertyDeclaration>;

/** The attributes of `tag` an embed accepts, with their declarations. */
export function embedAttributes(tag: EmbeddedElement): Map<string, PropertyDeclaration> {
  const ctor = customElements.get(tag) as unknown as { elementProperties: Declarations };
  const out = new Map<string, PropertyDeclaration>();
  for (const [key, d] of ctor.elementProperties) {
    if (d.attribute === false || d.state) continue;
    const name = typeof d.attribute === 'string' ? d.attribute : String(key).toLowerCase();
    if (!NOT_EMBEDDABLE.has(name)) out.set(name, d);
  }
  return out;
}

export interface EmbedRequest {
  readonly tag: EmbeddedElement;
  readonly attributes: Readonly<Record<string, string>>;
  readonly width: number | undefined;
  readonly height: number | undefined;
}

function isRendered(tag: string): tag is EmbeddedElement {
  return (EMBEDDED_ELEMENTS as readonly string[]).includes(tag);
}

/** A size parameter: a whole number of px from 1; undefined when absent. */
export function sizeParam(name: string, text: string | null): number | undefined {
  if (text === null || text === '') return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new EmbedError(400, `${name} must be a whole number of pixels from 1, got \`${text.slice(0, 40)}\`.`);
  return n;
}

/** Checks an embed's element and query (attributes, and `width`/`height`) against the contract. */
export function parseEmbedRequest(tag: string, params: URLSearchParams): EmbedRequest {
  if (!isRendered(tag)) throw new EmbedError(400, `Unknown element \`${tag.slice(0, 40)}\`: embeds are ${EMBEDDED_ELEMENTS.join(', ')}.`);
  const accepted = embedAttributes(tag);
  const attributes: Record<string, string> = {};
  for (const [name, value] of params) {
    if ((SIZE_PARAMS as readonly string[]).includes(name)) continue;
    const d = accepted.get(name);
    if (!d) throw new EmbedError(400, `${tag} has no attribute \`${name.slice(0, 40)}\` an embed takes (attributes: ${[...accepted.keys()].join(', ')}).`);
    if (name in attributes) throw new EmbedError(400, `${tag} ${name} is given twice.`);
    if (value.length > MAX_VALUE) throw new EmbedError(400, `${tag} ${name} is longer than ${MAX_VALUE} characters.`);
    if (d.type === Boolean) {
      if (value === 'false') continue;
      if (value !== '' && value !== 'true' && value !== name) throw new EmbedError(400, `${tag} ${name} is a boolean attribute: give it empty, true or false, got \`${value.slice(0, 40)}\`.`);
      attributes[name] = '';
      continue;
    }
    if (d.type === Number && !/^-?\d+(\.\d+)?$/.test(value)) throw new EmbedError(400, `${tag} ${name} must be a number, got \`${value.slice(0, 40)}\`.`);
    if (name === 'format' && !(NUMBER_FORMATS as readonly string[]).includes(value)) throw new EmbedError(400, `${tag} format must be ${NUMBER_FORMATS.join(', ')}, got \`${value.slice(0, 40)}\`.`);
    if (name === 'theme' && value !== 'light' && value !== 'dark') throw new EmbedError(400, `${tag} theme must be light or dark, got \`${value.slice(0, 40)}\`.`);
    attributes[name] = value;
  }
  const size = (name: string) => {
    const n = sizeParam(name, params.get(name));
    if (n !== undefined && n > MAX_SIZE) throw new EmbedError(400, `${name} must be at most ${MAX_SIZE} pixels, got ${n}.`);
    return n;
  };
  return { tag, attributes, width: size('width'), height: size('height') };
}

/** Renders an embed's element; an attribute value the element refuses is a 400 with its reason. */
export async function renderEmbed(request: EmbedRequest, adapter: GoldAdapter): Promise<RenderedHtml> {
  const rendered = await renderElement(request.tag, request.attributes, { adapter, width: request.width, height: request.height });
  const code = rendered.error?.code;
  if (code === 'bad-param' || code === 'unknown-dataset') throw new EmbedError(400, rendered.error!.message);
  return rendered;
}

/**
 * The Content-Security-Policy of embed pages: scripts and styles from the server only (the
 * elements' shadow stylesheets by hash), no inline script; any page may frame them.
 */
export function embedCsp(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${styleHashes(EMBEDDED_ELEMENTS).join(' ')}`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    'frame-ancestors *',
    "require-trusted-types-for 'script'",
  ].join('; ');
}

/** The stylesheet of embed pages (served as a file: no inline style). */
export const EMBED_CSS = `html, body { margin: 0; background: transparent; }
body > :is(kpi-card, revenue-trend, segment-breakdown, top-list) { display: block; }
`;

/**
 * The script of embed pages that tells the page framing them their height, whenever it changes
 * (served as a file: no inline script). The message, posted to the parent window with target
 * origin `*` (it holds nothing but the height and the embed's own address):
 * `{ type: 'goldboard:resize', height: number, url: string }`, `height` in CSS px, the whole
 * page's. `EMBED_HOST_JS` is the host page's side.
 */
export const EMBED_JS = `// Goldboard embed: tells the page framing this one its height ({ type: 'goldboard:resize', height, url }).
if (window.parent !== window) {
  let last = -1;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'goldboard:resize', height, url: location.href }, '*');
  };
  new ResizeObserver(report).observe(document.documentElement);
}
`;

/**
 * For a page holding Goldboard embeds in iframes (oEmbed answers): each frame takes the height
 * its embed page reports (`goldboard:resize`). A frame is found by the window that posted the
 * message, so an embed can only ever resize its own frame.
 */
export const EMBED_HOST_JS = `// Goldboard embeds: each iframe takes the height its embed page reports ({ type: 'goldboard:resize', height }).
addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'goldboard:resize' || typeof data.height !== 'number' || !(data.height > 0)) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.height = String(Math.min(Math.ceil(data.height), 20000));
  }
});
`;

export interface EmbedUrls {
  /** The embed page's own URL, absolute. */
  readonly page: string;
  /** Where `goldboard-hydrate.js` is served. */
  readonly script: string;
  /** Where the embed stylesheet is served. */
  readonly css: string;
  /** Where `EMBED_JS` (the height reported to a framing page) is served. */
  readonly frame: string;
  /** The oEmbed endpoint, absolute. */
  readonly oembed: string;
  /** The Gold server for the element's later loads (Retry): `<goldboard-source server>`. */
  readonly server: string;
}

/** The element with `source` set to the page's Gold server source, so a Retry loads from it. */
function withSource(rendered: RenderedHtml, tag: string): string {
  return rendered.html.replace(new RegExp(`^<${tag} `), `<${tag} source="goldboard-embed" `);
}

/**
 * A standalone page: the element rendered, its data, the hydration script and the oEmbed
 * discovery link. Its files are linked by path: whichever origin serves the page (a proxy in
 * front of the Gold server, say), they are its own, as its policy's 'self' wants.
 */
export function embedPage(request: EmbedRequest, rendered: RenderedHtml, urls: EmbedUrls): string {
  const title = escapeHtml(`${rendered.label} · Goldboard`);
  const discovery = `${urls.oembed}?url=${encodeURIComponent(urls.page)}&format=json`;
  return `<!doctype html>
<html lang="${escapeAttribute(request.attributes.locale ?? 'en-US')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
<link rel="alternate" type="application/json+oembed" href="${escapeAttribute(discovery)}" title="${title}">
<link rel="stylesheet" href="${escapeAttribute(new URL(urls.css).pathname)}">
<script type="module" src="${escapeAttribute(new URL(urls.script).pathname)}"></script>
<script type="module" src="${escapeAttribute(new URL(urls.frame).pathname)}"></script>
</head>
<body>
<goldboard-source name="goldboard-embed" server="${escapeAttribute(urls.server)}"></goldboard-source>
${withSource(rendered, request.tag)}
</body>
</html>
`;
}

/**
 * The fragment for a page of one's own: the element rendered (readable without script), and
 * the script tag that makes it interactive. A page with a Content-Security-Policy allows the
 * script's origin and the elements' style hashes (`styleHashes()`).
 */
export function embedFragment(request: EmbedRequest, rendered: RenderedHtml, urls: EmbedUrls): string {
  return `<goldboard-source name="goldboard-embed" server="${escapeAttribute(urls.server)}"></goldboard-source>
${withSource(rendered, request.tag)}
<script type="module" src="${escapeAttribute(urls.script)}"></script>
`;
}

/** The width of an embed's frame by element when the consumer asks for none (px). */
const FRAME_WIDTH: Readonly<Record<EmbeddedElement, number>> = {
  'kpi-card': 320,
  'revenue-trend': 640,
  'segment-breakdown': 480,
  'top-list': 480,
};

/**
 * The iframe size an oEmbed answer gives: the element's width, down to `maxwidth`, and the
 * height the rendered element takes at that width (`frameHeight`), cut to `maxheight`.
 */
export function frameSize(request: EmbedRequest, rendered: RenderedHtml, maxwidth: number | undefined, maxheight: number | undefined): [number, number] {
  const w = FRAME_WIDTH[request.tag];
  const width = Math.max(1, Math.min(w, maxwidth ?? w));
  const height = Math.min(frameHeight(request.tag, rendered.html, width, request.attributes), maxheight ?? Infinity);
  return [width, Math.max(1, height)];
}

export interface OEmbedAnswer {
  readonly version: '1.0';
  readonly type: 'rich';
  readonly title: string;
  readonly provider_name: 'Goldboard';
  readonly provider_url: string;
  readonly cache_age: number;
  readonly html: string;
  readonly width: number;
  readonly height: number;
}

/** An oEmbed 1.0 `rich` answer: an iframe of the embed page at a size within maxwidth × maxheight. */
export function oembedAnswer(request: EmbedRequest, rendered: RenderedHtml, pageUrl: URL, provider: string, maxwidth: number | undefined, maxheight: number | undefined, cacheAge: number): OEmbedAnswer {
  const [width, height] = frameSize(request, rendered, maxwidth, maxheight);
  const src = new URL(pageUrl);
  // The chart is laid out at the frame's width (its padding aside) on the server already.
  src.searchParams.set('width', String(Math.max(1, width - 34)));
  const title = rendered.label;
  const html = `<iframe src="${escapeAttribute(src.href)}" width="${width}" height="${height}" title="${escapeAttribute(title)}" loading="lazy" referrerpolicy="no-referrer"></iframe>`;
  return { version: '1.0', type: 'rich', title, provider_name: 'Goldboard', provider_url: provider, cache_age: cacheAge, html, width, height };
}
