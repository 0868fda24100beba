import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { render, LitElementRenderer } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import type { LitElement } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { GoldError, WrittenTextMap, onTextWritten, type GoldAdapter, type GoldTable, type SourceFilter, type WrittenTexts } from '@goldboard/core';
import { GoldElement } from '@goldboard/elements';
// Defined on first use in a browser (a lazy chunk); on the server, defined here.
import '@goldboard/elements/goldboard-insight.js';
import '@goldboard/elements/goldboard-date-range.js';
import '@goldboard/elements/goldboard-filter.js';
import { parseSnapshot, type SnapshotJson } from '@goldboard/elements/snapshot.js';
import { escapeAttribute, jsonForScript } from './escape.js';

/** The filter elements: drawn with their choices and what is chosen, before the elements of their source. */
export const FILTER_ELEMENTS = ['goldboard-date-range', 'goldboard-filter'] as const;
/** The elements a server renders (`<goldboard-source>` draws nothing). */
export const RENDERED_ELEMENTS = ['kpi-card', 'revenue-trend', 'segment-breakdown', 'top-list', 'goldboard-insight', ...FILTER_ELEMENTS] as const;
export type RenderedElement = (typeof RENDERED_ELEMENTS)[number];
export type FilterElement = (typeof FILTER_ELEMENTS)[number];

/** A filter element's server rendering (see `FilterControl.prerender`). */
interface FilterInstance extends HTMLElement {
  prerender(adapter: GoldAdapter, search: string): Promise<{ filter: SourceFilter; dataset: string; table?: GoldTable; columns: readonly string[]; error?: { code: string; message: string } }>;
}

export interface RenderOptions {
  /** The adapter the element's data is loaded through (the Gold server's queries, a folder…). */
  readonly adapter: GoldAdapter;
  /**
   * The size a chart that follows its container is laid out at, in px (480 × 240 by default);
   * the browser lays it out again only when its real size differs.
   */
  readonly width?: number | undefined;
  readonly height?: number | undefined;
  /** The locale numbers and dates are written in when the element has none (en-US). */
  readonly locale?: string | undefined;
  /** Tables with at most this many rows are sent whole; larger ones only with the columns drawn (100). */
  readonly wholeRows?: number | undefined;
  /**
   * The range the filters of the element's source chose (a date range following the address):
   * the element loads it unless it sets its own `from` / `to`, as in the browser. Not written on
   * the element: in the browser it follows its source's filters.
   */
  readonly range?: Pick<SourceFilter, 'from' | 'to'> | undefined;
  /** The page's address query (`?from=…`): a filter element with `history` reads its choice from it. */
  readonly search?: string | undefined;
}

export interface RenderedHtml {
  /** The element with its Declarative Shadow DOM and, inside it, the data it hydrates from. */
  readonly html: string;
  readonly state: 'ready' | 'empty' | 'error' | 'loading';
  /** The error shown (state `error`). */
  readonly error?: GoldError | undefined;
  /** The element's name for people (its title, or its measure's): a page title, an oEmbed title. */
  readonly label: string;
  /** The snapshot's JSON as sent (its size in bytes is the cost of hydrating without a request). */
  readonly snapshot: string;
  /** A filter element's: what it chose for its source (the source's elements follow it). */
  readonly filter?: SourceFilter | undefined;
}

/** The element being drawn, across its awaits (elements of a page are drawn concurrently). */
const writing = new AsyncLocalStorage<WrittenTextMap>();
onTextWritten((key, value, text) => writing.getStore()?.add(key, value, text));

/**
 * `fn` run with the numbers and dates it writes recorded: sent with the element (the snapshot's
 * `t`), so that the browser takes the markup over without building Intl formatters.
 */
async function writingTexts<T>(fn: () => Promise<T>): Promise<{ result: T; texts: WrittenTexts | undefined }> {
  const written = new WrittenTextMap();
  const result = await writing.run(written, fn);
  return { result, texts: written.toJSON() };
}

/** A snapshot's JSON text (an object's) with the texts written (`t`) added when there are any. */
const withTexts = (json: string, t: WrittenTexts | undefined): string => (t ? `${json.slice(0, -1)},"t":${JSON.stringify(t)}}` : json);

/** The instance the next Goldboard element rendered is (one element per `render`), settled already. */
let next: HTMLElement | undefined;

/** Lit's renderer for Goldboard elements: renders the instance settled from its snapshot. */
class GoldElementRenderer extends LitElementRenderer {
  static override matchesClass(ctor: typeof HTMLElement): boolean {
    return ctor.prototype instanceof GoldElement || (next !== undefined && next.constructor === ctor);
  }
  constructor(tagName: string) {
    super(tagName);
    if (next && next.constructor === customElements.get(tagName)) this.element = next as unknown as LitElement;
    next = undefined;
  }
}

function isRendered(tag: string): tag is RenderedElement {
  return (RENDERED_ELEMENTS as readonly string[]).includes(tag);
}

/** A table as the wire form: numbers (dates as epoch ms) with null for none, text as text. */
function columnsOf(table: GoldTable, names: Iterable<string>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const name of names) {
    const column = table.getChild(name);
    if (!column) continue;
    out[name] = column.kind === 'text' ? [...column.values] : Array.from(column.values, (v) => (Number.isNaN(v) ? null : v));
  }
  return out;
}

/**
 * Renders one Goldboard element on the server to the view its data gives (ready, empty or
 * error), as Declarative Shadow DOM, with the data it was drawn from in a
 * `<script type="application/json">` child the browser hydrates it from. The data is loaded
 * through `options.adapter` by the element's own logic, and the element is drawn from the same
 * snapshot the browser will read, so both draw the same markup.
 */
export async function renderElement(tag: string, attributes: Readonly<Record<string, string>>, options: RenderOptions): Promise<RenderedHtml> {
  if (!isRendered(tag)) throw new GoldError('bad-param', `No element <${tag}> to render (elements: ${RENDERED_ELEMENTS.join(', ')}).`);
  const ctor = customElements.get(tag) as unknown as typeof GoldElement | undefined;
  if (!ctor) throw new GoldError('bad-param', `<${tag}> is not defined.`);
  const attrs: Record<string, string> = { ...attributes };
  // The browser must write numbers as the server did: the locale is made explicit.
  if (!attrs.locale) attrs.locale = options.locale ?? 'en-US';

  const create = () => {
    const el = new (ctor as unknown as new () => GoldElement)();
    for (const [name, value] of Object.entries(attrs)) {
      el.setAttribute(name, value);
      el.attributeChangedCallback(name, null, value);
    }
    // The source's range, unless the element has its own (properties: the markup does not say it).
    if (el instanceof GoldElement && !attrs.from && options.range?.from) el.from = options.range.from;
    if (el instanceof GoldElement && !attrs.to && options.range?.to) el.to = options.range.to;
    return el;
  };
  if ((FILTER_ELEMENTS as readonly string[]).includes(tag)) return renderFilter(tag, attrs, create() as unknown as FilterInstance, options);
  // Loaded by the element's own logic, through the adapter given.
  const probe = create();
  probe.adapter = options.adapter;
  const { key, error, tables } = await probe.prerender();

  const whole = options.wholeRows ?? 100;
  const json: { -readonly [K in keyof SnapshotJson]: SnapshotJson[K] } = { v: 1, key, tables: {} };
  if (ctor.sizedByContainer) json.size = [Math.round(options.width ?? 480), Math.round(options.height ?? 240)];
  if (error) json.error = { code: error.code, message: error.message };
  else {
    const out: Record<string, { n: number; c: Record<string, unknown[]> }> = {};
    for (const [dataset, { table, columns }] of tables) {
      out[dataset] = { n: table.numRows, c: columnsOf(table, table.numRows <= whole ? table.columnNames : columns) };
    }
    json.tables = out;
  }
  // Drawn from the snapshot as the browser reads it (its JSON parsed back), not from the tables loaded.
  const drawn = create();
  const tablesText = JSON.stringify(json);
  const { result: markup, texts } = await writingTexts(async () => {
    await drawn.renderFrom(parseSnapshot(tablesText)!);
    return draw(tag, attrs, drawn);
  });
  const snapshotText = withTexts(tablesText, texts);
  const state = (/^<[a-z-]+[^>]*\sstate="(\w+)"/.exec(markup)?.[1] ?? 'loading') as RenderedHtml['state'];
  const label = (probe as unknown as { accessibleLabel: string }).accessibleLabel;
  return { html: withSnapshot(tag, markup, snapshotText), state, error, label, snapshot: snapshotText };
}

/** The markup of `el` (settled) under its tag and attributes. */
function draw(tag: string, attrs: Readonly<Record<string, string>>, el: HTMLElement): string {
  next = el;
  const open = `<${tag}${Object.entries(attrs)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('')}></${tag}>`;
  let markup: string;
  try {
    markup = collectResultSync(render(staticHtml`${unsafeStatic(open)}`, { elementRenderers: [GoldElementRenderer, LitElementRenderer] }));
  } finally {
    next = undefined;
  }
  // Lit's markers of the wrapping template are not the element's: the element alone.
  return markup.replace(/^<!--lit-part[^>]*-->/, '').replace(/<!--\/lit-part-->$/, '').replace(/^<([a-z-]+)\s+/, '<$1 ');
}

/** The element's markup with the snapshot it hydrates from as its last child. */
function withSnapshot(tag: string, markup: string, snapshotText: string): string {
  const close = markup.lastIndexOf(`</${tag}>`);
  const script = `<script type="application/json" data-goldboard-snapshot>${jsonForScript(snapshotText)}</script>`;
  return markup.slice(0, close) + script + markup.slice(close);
}

/**
 * A filter element in its first view: its controls, with the choices read through the adapter
 * (sent with it, so that the browser takes the markup over without a request) and what is chosen
 * (from the page's address, with `history`), which it returns for the elements of its source.
 */
async function renderFilter(tag: string, attrs: Readonly<Record<string, string>>, el: FilterInstance, options: RenderOptions): Promise<RenderedHtml> {
  // What its first view writes (a range's summary) is sent with it: from its prerender and its drawing.
  const {
    result: [{ filter, dataset, table, columns, error }, markup],
    texts,
  } = await writingTexts(async () => {
    const read = await el.prerender(options.adapter, options.search ?? '');
    return [read, draw(tag, attrs, el)] as const;
  });
  const json: SnapshotJson = error
    ? { v: 1, key: dataset, tables: {}, error }
    : { v: 1, key: dataset, tables: { [dataset]: { n: table!.numRows, c: columnsOf(table!, columns) } } };
  const snapshotText = withTexts(JSON.stringify(json), texts);
  const label = attrs.label || (tag === 'goldboard-filter' ? 'Segment filter' : 'Date range');
  const gold = error ? new GoldError(error.code as GoldError['code'], error.message) : undefined;
  return { html: withSnapshot(tag, markup, snapshotText), state: error ? 'error' : 'ready', error: gold, label, snapshot: snapshotText, filter };
}

/** The text of the `<style>` a rendered element's shadow root holds. */
export function styleText(tag: RenderedElement): string {
  const ctor = customElements.get(tag) as unknown as { elementStyles?: { cssText: string }[] } | undefined;
  return (ctor?.elementStyles ?? []).map((s) => s.cssText).join('');
}

/**
 * The CSP sources allowing the rendered elements' `<style>` elements (`'sha256-…'`, for
 * `style-src`): a page of rendered elements needs no `'unsafe-inline'`.
 */
export function styleHashes(tags: readonly RenderedElement[] = RENDERED_ELEMENTS): string[] {
  return [...new Set(tags.map((tag) => `'sha256-${createHash('sha256').update(styleText(tag)).digest('base64')}'`))];
}
