/**
 * The height an embed's frame needs for an element rendered at a width: its layout (the
 * default theme: 14 px type, line height 1.4, 16 px padding and a 1 px border) laid out again
 * from the rendered markup — its title, rows, marks and messages. Texts are measured by an
 * average character width, so a line that wraps on one system and not on another makes an
 * estimate off by a line; the embed page reports its real height to its parent once it runs
 * (`goldboard:resize`, see `EMBED_JS`). Lengths in px, measured in Chromium.
 */

const LINE = 14 * 1.4;
/** Padding and border, top and bottom, of every element's frame. */
const FRAME = 2 * (16 + 1);
/** Between the head (title) and the drawing of a chart. */
const CHART_GAP = 8;
const SMALL_LINE = 11.9 * 1.4;
const TOGGLE = 21.7;
const PLOT = 240;
/** Average advance of a character, in em, by weight. */
const REGULAR_EM = 0.55;
const BOLD_EM = 0.64;

const textOf = (html: string) =>
  html
    .replace(/<!--[^]*?-->/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&[#\w]+;/g, 'x')
    .replace(/\s+/g, ' ')
    .trim();

/** The text of the first element with `part` in `html` ('' when none). */
function partText(html: string, part: string): string {
  const m = new RegExp(`<(\\w+)\\s[^>]*part="${part}"[^>]*>([^]*?)</\\1>`).exec(html);
  return m ? textOf(m[2]!) : '';
}

const has = (html: string, part: string) => new RegExp(`part="[^"]*\\b${part}\\b`).test(html);

function width(text: string, px: number, bold = false): number {
  return text.length * px * (bold ? BOLD_EM : REGULAR_EM);
}

/** Lines `text` takes in `room` px. */
function lines(text: string, px: number, room: number, bold = false): number {
  return Math.max(1, Math.ceil(width(text, px, bold) / Math.max(1, room)));
}

/** Flex items wrapped into rows (`gap` across, `rowGap` between rows): the height they take. */
function wrapped(items: readonly { w: number; h: number; text?: { t: string; px: number; bold?: boolean } }[], room: number, gap = 12, rowGap = 2): number {
  let total = 0;
  let rowWidth = -1;
  let rowHeight = 0;
  for (const item of items) {
    if (rowWidth >= 0 && rowWidth + gap + item.w <= room) {
      rowWidth += gap + item.w;
      rowHeight = Math.max(rowHeight, item.h);
      continue;
    }
    if (rowWidth >= 0) total += rowHeight + rowGap;
    const n = item.text && item.w > room ? lines(item.text.t, item.text.px, room, item.text.bold) : 1;
    rowWidth = Math.min(item.w, room);
    rowHeight = item.h * n;
  }
  return total + rowHeight;
}

interface Row {
  readonly label: string;
  readonly value: string;
  readonly secondary: boolean;
}

function rowsOf(html: string): Row[] {
  return [...html.matchAll(/<button\s[^>]*part="row"[^>]*>([^]*?)<\/button>/g)].map(([, row]) => ({
    label: partText(row!, 'label'),
    value: partText(row!, 'value'),
    secondary: has(row!, 'secondary'),
  }));
}

/** A bar list's height at `room` px wide (`.chart` or `.donut` container). */
function listHeight(rows: readonly Row[], room: number, options: { bars: boolean; wraps: boolean; swatch: boolean }): number {
  if (rows.length === 0) return 0;
  // The row's grid inside its 6 px padding and 1 px border; under 280 px the label has its own line.
  const inner = room - 14;
  const narrow = room <= 280;
  const heights = rows.map((row) => {
    const valueWidth = width(row.value, 14, true);
    const labelRoom = (narrow ? inner : inner - 12 - valueWidth) - (options.swatch ? 16 : 0);
    const labelLines = options.wraps ? lines(row.label, 14, labelRoom) : 1;
    // Wide: the bar and the secondary text share the second line; narrow: value and secondary, then the bar.
    const bar = options.bars ? 8 : 0;
    const second = narrow ? LINE + 2 + bar : Math.max(bar, row.secondary ? 11.2 : 0);
    return 10 + labelLines * LINE + 2 + second;
  });
  return heights.reduce((a, b) => a + b, 0) + 4 * (rows.length - 1);
}

/** The height of a rendered element's frame at `frameWidth` px (its border box). */
export function frameHeight(tag: string, html: string, frameWidth: number, attributes: Readonly<Record<string, string>> = {}): number {
  const room = Math.max(1, frameWidth - FRAME);
  const shadow = /<template shadowroot[^>]*>([^]*)<\/template>/.exec(html)?.[1] ?? html;
  const body = shadow.replace(/<style>[^]*?<\/style>/g, '').replace(/<!--[^]*?-->/g, '');
  const message = partText(body, 'message');
  const error = has(body, 'error') ? textOf(/<div part="error"[^>]*>([^]*?)<\/div>/.exec(body)?.[1] ?? '') : '';
  const title = partText(body, 'title');
  const head = (extra: number) => (title ? lines(title, 14, room, true) * LINE + extra : 0);

  if (tag === 'kpi-card') {
    const label = partText(body, 'label');
    let h = lines(label, 12.6, room) * 17.64;
    if (error || !has(body, 'value')) return Math.round(FRAME + h + 2 + lines(error || message, 14, room) * LINE + (error ? 2 + 26 : 0));
    h += 2 + 35.3;
    if (has(body, 'delta')) h += 2 + lines(partText(body, 'delta'), 11.9, room) * SMALL_LINE;
    if (has(body, 'sparkline')) h += 6 + 1.9 + 32;
    return Math.round(FRAME + h);
  }

  let chart: number;
  if (error) chart = head(CHART_GAP) + lines(error, 14, room) * LINE + 2 + 26;
  else if (tag === 'revenue-trend' && has(body, 'plot')) {
    const summary = partText(body, 'summary');
    const toggle = partText(body, 'table-toggle');
    const items: { w: number; h: number; text?: { t: string; px: number; bold?: boolean } }[] = [{ w: width(title, 14, true), h: LINE, text: { t: title, px: 14, bold: true } }];
    if (summary) items.push({ w: width(summary, 11.9), h: SMALL_LINE, text: { t: summary, px: 11.9 } });
    if (toggle) items.push({ w: width(toggle, 11.2) + 22, h: TOGGLE });
    chart = wrapped(items, room) + CHART_GAP + PLOT;
  } else {
    const rows = rowsOf(body);
    const segments = tag === 'segment-breakdown';
    const donut = segments && attributes.variant === 'donut' && has(body, 'slice');
    let drawing: number;
    if (donut) {
      // The donut beside its key when both fit (key at least 14em), else above it.
      const side = room - 200 - 20 >= 14 * 14;
      const key = listHeight(rows, side ? room - 220 : room, { bars: false, wraps: true, swatch: true });
      drawing = side ? Math.max(200.8, key) : Math.min(room, 200) + 12 + key;
    } else drawing = listHeight(rows, room, { bars: true, wraps: segments, swatch: false });
    chart = head(CHART_GAP) + drawing;
    if (message) chart += (drawing ? CHART_GAP : 0) + lines(message, 14, room) * LINE;
  }
  return Math.round(FRAME + chart);
}
