import type { GoldTable } from '@goldboard/core';

/**
 * Exports of what an element shows: its data as CSV, its drawing as SVG or PNG. Pure functions
 * of a table or an SVG element, so they are tested without the element around them.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string): string {
  // A text cell a spreadsheet would run as a formula is prefixed with a quote (CSV injection).
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const DAY = 86_400_000;

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
 * A standalone SVG document of a drawn `<svg>`: the styles that came from the shadow root's
 * stylesheets are written onto each node, so the file looks as the element did.
 */
export function svgToString(svg: SVGSVGElement, background?: string): string {
  const copy = styledCopy(svg);
  if (background) copy.style.setProperty('background', background);
  return new XMLSerializer().serializeToString(copy);
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
  });
  // Lit's template markers are comments: not part of the drawing.
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const comment of comments) comment.parentNode?.removeChild(comment);
  const box = svg.getBoundingClientRect();
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(Math.round(box.width)));
  copy.setAttribute('height', String(Math.round(box.height)));
  if (!copy.getAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${Math.round(box.width)} ${Math.round(box.height)}`);
  return copy;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A standalone SVG document drawing an HTML chart as laid out now (the bar lists, the donut with
 * its legend): each box with a background colour becomes a rectangle, each text stands where it
 * is drawn, in its font and colour, clipped to its element's box (as a truncated label is), and
 * an `<svg>` inside goes in as drawn. Visually hidden content (the data table) is left out.
 * Texts are set as text nodes: nothing from the data becomes markup.
 */
export function htmlToSvg(root: HTMLElement, background?: string): { svg: string; width: number; height: number } {
  const origin = root.getBoundingClientRect();
  const width = Math.round(origin.width);
  const height = Math.round(origin.height);
  const doc = document.implementation.createDocument(SVG_NS, 'svg', null);
  const out = doc.documentElement;
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  if (background) out.setAttribute('style', `background: ${background}`);
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
  return { svg: new XMLSerializer().serializeToString(out), width, height };
}

/** A PNG of an SVG document, at `scale` times its size (2 for sharp prints). */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw to a canvas.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
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
