import type { GoldAdapter, SourceFilter } from '@goldboard/core';
import { renderElement, FILTER_ELEMENTS, RENDERED_ELEMENTS, type RenderedElement } from './render-element.js';

/** Character references an attribute value of a page may hold. */
const REFERENCES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
    return REFERENCES[ref.toLowerCase()] ?? whole;
  });
}

/** The attributes of a start tag's attribute text (`a="b" c d='e'`). */
export function parseAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = m[1]!.toLowerCase();
    if (!(name in out)) out[name] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

export interface PageRenderOptions {
  /** Loads each element's data (the Gold server's queries, say). */
  readonly adapter: GoldAdapter;
  /** The locale of elements that set none (en-US). */
  readonly locale?: string | undefined;
  /** The width a chart following its container is laid out at, by element (480 by default). */
  readonly widthOf?: ((tag: RenderedElement, attributes: Readonly<Record<string, string>>) => number | undefined) | undefined;
  /**
   * The page's address (or its query): a filter element with `history` reads its choice from it,
   * as in the browser, and the elements of its source load the range chosen.
   */
  readonly address?: string | URL | undefined;
}

export interface RenderedPage {
  readonly html: string;
  /** The elements rendered, with their server render time in ms. */
  readonly elements: readonly { tag: RenderedElement; state: string; ms: number }[];
}

const ELEMENT = new RegExp(`<(${RENDERED_ELEMENTS.join('|')})(\\s[^>]*)?>\\s*</\\1>`, 'g');

/**
 * Renders every Goldboard element of a page (empty tags, as a page's HTML writes them) to its
 * view over `adapter`, in place: the page's own markup, scripts and styles are left as they
 * are. A page that loads `hydrate.js` (or `goldboard-hydrate.js`) before its elements takes
 * them over without a request.
 */
export async function renderPage(html: string, options: PageRenderOptions): Promise<RenderedPage> {
  const found = [...html.matchAll(ELEMENT)].map((m) => ({ tag: m[1] as RenderedElement, attributes: parseAttributes(m[2] ?? '') }));
  const search = options.address === undefined ? '' : typeof options.address === 'string' ? new URL(options.address, 'http://localhost').search : options.address.search;
  const elements: { tag: RenderedElement; state: string; ms: number }[] = [];
  const rendered: string[] = [];
  const one = async (i: number, range?: SourceFilter) => {
    const { tag, attributes } = found[i]!;
    const started = performance.now();
    const r = await renderElement(tag, attributes, { adapter: options.adapter, locale: options.locale, width: options.widthOf?.(tag, attributes), search, range });
    elements.push({ tag, state: r.state, ms: performance.now() - started });
    rendered[i] = r.html;
    return r;
  };
  // The filter elements first: what they chose for a source, its elements load.
  const isFilter = (tag: string) => (FILTER_ELEMENTS as readonly string[]).includes(tag);
  const filters = new Map<string, SourceFilter>();
  await Promise.all(
    found.map(async ({ tag, attributes }, i) => {
      if (!isFilter(tag)) return;
      const { filter } = await one(i);
      if (attributes.source && filter) filters.set(attributes.source, { ...filters.get(attributes.source), ...filter });
    }),
  );
  await Promise.all(found.map(({ tag, attributes }, i) => (isFilter(tag) ? undefined : one(i, attributes.source ? filters.get(attributes.source) : undefined))));
  let i = 0;
  return { html: html.replace(ELEMENT, () => rendered[i++]!), elements };
}
