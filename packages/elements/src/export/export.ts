import type { GoldTable } from '@goldboard/core';
import { SVG_NS, paintSvg } from './paint.js';

/**
 * Exports of what an element shows: its data as CSV, its drawing as SVG or PNG. Pure functions
 * of a table or an SVG element, so they are tested without the element around them.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

// Core's DAY, copied: this lazily loaded chunk imports nothing at run time from the main bundle,
// since a module both share would become a third chunk that the standalone bundle must load at
// startup (test/embed.test.ts checks that it loads none).
const DAY = 86_400_000;

function csvCell(value: string): string {
  // A text cell a spreadsheet would run as a formula is prefixed with a quote (CSV injection).
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The table as RFC 4180 CSV: a header row, numbers as plain decimals, dates as `YYYY-MM-DD`
 * (or full UTC ISO times when a column holds times within days, as hourly data does), nulls empty.
 */
export function tableToCsv(table: GoldTable, columns: readonly string[] = table.columnNames): string {
  const readers = columns.map((name) => {
    const column = table.getChild(name);
    if (!column) throw new TypeError(`${table.dataset} has no column \`${name}\` to export`);
    if (column.kind === 'text') return (i: number) => csvCell(column.get(i) ?? '');
    if (column.kind === 'date') {
      let withTime = false;
      for (let i = 0; i < column.length && !withTime; i++) {
        const v = column.get(i);
        withTime = v !== null && v % DAY !== 0;
      }
      return (i: number) => {
        const v = column.get(i);
        if (v === null) return '';
        const iso = new Date(v).toISOString();
        return withTime ? `${iso.slice(0, 19)}Z` : iso.slice(0, 10);
      };
    }
    return (i: number) => {
      const v = column.get(i);
      return v === null ? '' : String(v);
    };
  });
  const lines = [columns.map(csvCell).join(',')];
  for (let i = 0; i < table.numRows; i++) lines.push(readers.map((read) => read(i)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const INLINED_STYLES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linejoin',
  // Labels outlined in the background colour draw the outline under the text (Peak, Low).
  'paint-order',
  'vector-effect',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
];

/**
 * A standalone copy of a drawn `<svg>`: the styles that came from the shadow root's stylesheets
 * are written onto each node (through CSSOM, which a strict Content-Security-Policy allows), so
 * it looks as the element did.
 */
export function standaloneSvg(svg: SVGSVGElement, background?: string): SVGSVGElement {
  const copy = styledCopy(svg);
  if (background) copy.style.setProperty('background', background);
  return copy;
}

/** An SVG drawing as the text of an SVG file. */
function serializeSvg(svg: SVGSVGElement): string {
  return new XMLSerializer().serializeToString(svg);
}

/** A standalone SVG document of a drawn `<svg>` (see `standaloneSvg`), as text. */
export function svgToString(svg: SVGSVGElement, background?: string): string {
  return serializeSvg(standaloneSvg(svg, background));
}

/** A copy of a drawn `<svg>` with its computed styles written on each node, sized as drawn. */
function styledCopy(svg: SVGSVGElement): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [copy, ...copy.querySelectorAll('*')];
  source.forEach((node, i) => {
    const style = getComputedStyle(node);
    const out = target[i] as SVGElement;
    out.removeAttribute('class');
    out.removeAttribute('part');
    out.removeAttribute('tabindex');
    for (const name of INLINED_STYLES) {
      const value = style.getPropertyValue(name);
      if (value) out.style.setProperty(name, value);
    }
    // Lengths in % of the drawing (a bar list's bars) as drawn, in px: the copy is sized as drawn.
    if (node instanceof SVGRectElement) {
      for (const name of ['x', 'y', 'width', 'height'] as const) {
        if (node.getAttribute(name)?.endsWith('%')) out.setAttribute(name, String(Math.round(node[name].baseVal.value * 100) / 100));
      }
    }
  });
  // Lit's template markers are comments: not part of the drawing.
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const comment of comments) comment.parentNode?.removeChild(comment);
  const box = svg.getBoundingClientRect();
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(Math.round(box.width)));
  copy.setAttribute('height', String(Math.round(box.height)));
  if (!copy.getAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${Math.round(box.width)} ${Math.round(box.height)}`);
  return copy;
}

// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A standalone SVG drawing of an HTML chart as laid out now (the bar lists, the donut with
 * its legend): each box with a background colour becomes a rectangle, each text stands where it
 * is drawn, in its font and colour, clipped to its element's box (as a truncated label is), and
 * an `<svg>` inside goes in as drawn. Visually hidden content (the data table) is left out.
 * Texts are set as text nodes: nothing from the data becomes markup.
 */
export function htmlToSvg(root: HTMLElement, background?: string): { svg: SVGSVGElement; width: number; height: number } {
  const origin = root.getBoundingClientRect();
  const width = Math.round(origin.width);
  const height = Math.round(origin.height);
  const doc = document.implementation.createDocument(SVG_NS, 'svg', null);
  const out = doc.documentElement as unknown as SVGSVGElement;
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  if (background) out.style.setProperty('background', background);
  const r1 = (v: number) => String(Math.round(v * 10) / 10);
  const add = (parent: Element, name: string, attributes: Record<string, string>) => {
    const node = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
    parent.append(node);
    return node;
  };
  const visit = (el: Element) => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || el.classList.contains('visually-hidden')) return;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    const x = box.left - origin.left;
    const y = box.top - origin.top;
    // A drawing within (the donut beside its legend) goes in as drawn, at its place.
    if (el instanceof SVGSVGElement) {
      const inner = doc.importNode(styledCopy(el), true) as Element;
      inner.setAttribute('x', r1(x));
      inner.setAttribute('y', r1(y));
      out.append(inner);
      return;
    }
    // Rectangles for the drawing's own marks only (a row's hover or focus highlight is not one).
    const fill = /\b(bar|swatch|track)\b/.test(el.getAttribute('part') ?? '') ? style.backgroundColor : '';
    if (fill && fill !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(fill)) {
      add(out, 'rect', { x: r1(x), y: r1(y), width: r1(box.width), height: r1(box.height), rx: r1(parseFloat(style.borderTopLeftRadius) || 0), fill });
    }
    for (const child of el.childNodes) {
      if (child.nodeType === Node.ELEMENT_NODE) {
        visit(child as Element);
        continue;
      }
      // Characters XML cannot hold (control characters, lone surrogates) are left out.
      let content = child.nodeType === Node.TEXT_NODE ? child.textContent!.replace(XML_INVALID, '').replace(/\s+/g, ' ').trim() : '';
      if (!content) continue;
      const range = document.createRange();
      range.selectNodeContents(child);
      const t = range.getBoundingClientRect();
      if (t.width === 0) continue;
      // A label cut short on the page (text-overflow: ellipsis) is cut short in the drawing too.
      if (style.textOverflow === 'ellipsis' && t.width > box.width + 0.5) {
        const keep = Math.max(1, Math.floor((content.length * box.width) / t.width) - 1);
        content = `${[...content].slice(0, keep).join('').trimEnd()}…`;
      }
      const rtl = style.direction === 'rtl';
      // A nested <svg> clips its content to the element's box.
      const clip = add(out, 'svg', { x: r1(x), y: r1(y), width: r1(box.width), height: r1(box.height) });
      const text = add(clip, 'text', {
        // Right-to-left text starts at its right edge.
        x: r1((rtl ? Math.min(t.right, box.right) : Math.max(t.left, box.left)) - box.left),
        y: r1(t.top - box.top + t.height / 2),
        direction: style.direction,
        'dominant-baseline': 'central',
        'font-family': style.fontFamily,
        'font-size': style.fontSize,
        'font-weight': style.fontWeight,
        fill: style.color,
      });
      text.textContent = content;
    }
  };
  for (const child of root.children) visit(child);
  return { svg: out, width, height };
}

/**
 * A PNG of a standalone SVG drawing, at `scale` times its size (2 for sharp prints). The drawing
 * is painted onto the canvas node by node (`paintSvg`), not loaded as an image from a `blob:` or
 * `data:` URL, which a Content-Security-Policy's `img-src` may refuse.
 */
export async function svgToPng(svg: SVGSVGElement, width: number, height: number, scale = 2): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw to a canvas.');
  paintSvg(context, svg, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no image (too large, or out of memory).'))), 'image/png'),
  );
}

/** What an element exports as SVG and PNG: its `<svg>`, or an HTML drawing (the bar lists). */
export type Drawing = { svg: SVGSVGElement } | { html: HTMLElement };

/** A drawing as a standalone SVG with its size, on the background of the element's frame. */
function standalone(drawing: Drawing, frame: Element): { svg: SVGSVGElement; width: number; height: number } {
  const background = getComputedStyle(frame).backgroundColor;
  if ('html' in drawing) return htmlToSvg(drawing.html, background);
  const box = drawing.svg.getBoundingClientRect();
  return { svg: standaloneSvg(drawing.svg, background), width: box.width, height: box.height };
}

/** An element's drawing as the text of an SVG file. */
export function drawingToSvg(drawing: Drawing, frame: Element): string {
  return serializeSvg(standalone(drawing, frame).svg);
}

/** An element's drawing as a PNG at twice its size. */
export function drawingToPng(drawing: Drawing, frame: Element): Promise<Blob> {
  const { svg, width, height } = standalone(drawing, frame);
  return svgToPng(svg, width, height);
}

const TYPES = { csv: 'text/csv;charset=utf-8', svg: 'image/svg+xml', png: 'image/png' } as const;

/** Saves an export as a file named after the element's label (`daily-revenue-trend.png`). */
export function saveExport(content: Blob | string, kind: keyof typeof TYPES, label: string, fallback: string): void {
  const name = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || fallback;
  saveFile(content, `${name}.${kind}`, TYPES[kind]);
}

/** Saves a blob or text as a file through a temporary link. */
export function saveFile(content: Blob | string, fileName: string, type: string): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
