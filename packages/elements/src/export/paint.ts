/**
 * Paints a standalone SVG drawing (as `standaloneSvg` and `htmlToSvg` make them) onto a canvas
 * with the canvas's own calls. The usual way, an `<img>` of the SVG from a `blob:` or `data:` URL,
 * is refused by a Content-Security-Policy whose `img-src` allows neither; painting needs no URL.
 *
 * It draws what Goldboard's drawings hold: nested `<svg>` with a viewBox, `<g>` transforms,
 * paths, rects, circles, ellipses, lines, polylines, polygons and texts of tspans, with the
 * styles the exports write on each node (fill, stroke, dashes, opacities, paint order,
 * non-scaling strokes, fonts, anchors, baselines). Gradients, patterns, markers, clip paths,
 * `<use>` and images are not drawn. Texts are drawn in the page's fonts.
 */

type Styles = Readonly<Record<string, string>>;

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Properties a node takes from its parent when it does not set them, with their initial values. */
const INHERITED: Styles = {
  fill: 'black',
  'fill-opacity': '1',
  'fill-rule': 'nonzero',
  stroke: 'none',
  'stroke-width': '1',
  'stroke-opacity': '1',
  'stroke-dasharray': 'none',
  'stroke-linejoin': 'miter',
  'stroke-linecap': 'butt',
  'stroke-miterlimit': '4',
  'paint-order': 'normal',
  'font-family': 'sans-serif',
  'font-size': '16px',
  'font-weight': '400',
  'font-style': 'normal',
  'text-anchor': 'start',
  'dominant-baseline': 'auto',
  direction: 'ltr',
  visibility: 'visible',
};
const OWN = ['opacity', 'display', 'overflow', 'vector-effect'];

// `central` is drawn from the font's metrics (see `glyphs`): the canvas's `middle` is the em
// square's, not halfway between the font's ascent and descent as SVG's and a line box's are.
const BASELINES: Readonly<Record<string, CanvasTextBaseline>> = {
  middle: 'middle',
  hanging: 'hanging',
  ideographic: 'ideographic',
  'text-before-edge': 'top',
  'text-top': 'top',
  'text-after-edge': 'bottom',
  'text-bottom': 'bottom',
};

/** Not drawn themselves, nor their content. */
const SKIPPED = new Set(['title', 'desc', 'metadata', 'defs', 'style', 'script', 'clipPath', 'mask', 'marker', 'pattern', 'linearGradient', 'radialGradient', 'symbol', 'use', 'image', 'foreignObject']);

/** A style of a node: its inline style (the exports write computed styles there), else its presentation attribute. */
function own(el: Element, name: string): string {
  const value = ((el as SVGElement).style?.getPropertyValue(name) || el.getAttribute(name) || '').trim();
  return value === 'inherit' ? '' : value;
}

function stylesOf(el: Element, parent: Styles): Styles {
  const styles: Record<string, string> = {};
  for (const name of Object.keys(INHERITED)) styles[name] = own(el, name) || parent[name]!;
  for (const name of OWN) styles[name] = own(el, name);
  return styles;
}

const number = (text: string | null | undefined, fallback = 0): number => {
  const v = parseFloat(text ?? '');
  return Number.isFinite(v) ? v : fallback;
};

/** The first length of an attribute (x, y, dx, dy may list one per character), `em` in the font size. */
function firstLength(text: string | null, fontSize: number): number {
  const first = (text ?? '').trim().split(/[\s,]+/)[0] ?? '';
  return first.endsWith('em') && !first.endsWith('rem') ? number(first) * fontSize : number(first);
}

/** A paint as a canvas style; none for `none`, paint servers and context paints, which are not drawn. */
function paint(value: string): string | undefined {
  return !value || value === 'none' || value.startsWith('url(') || value.startsWith('context-') ? undefined : value;
}

const unit = (text: string) => Math.min(1, Math.max(0, number(text, 1)));

function shapeOf(el: Element): Path2D | undefined {
  const n = (name: string) => number(el.getAttribute(name));
  const path = new Path2D();
  switch (el.localName) {
    case 'path': {
      const d = el.getAttribute('d');
      return d ? new Path2D(d) : undefined;
    }
    case 'rect': {
      const [w, h] = [n('width'), n('height')];
      if (!(w > 0 && h > 0)) return undefined;
      const rx = Math.min(w / 2, el.hasAttribute('rx') ? n('rx') : n('ry'));
      const ry = Math.min(h / 2, el.hasAttribute('ry') ? n('ry') : n('rx'));
      if (rx > 0 && ry > 0) path.roundRect(n('x'), n('y'), w, h, [{ x: rx, y: ry }]);
      else path.rect(n('x'), n('y'), w, h);
      return path;
    }
    case 'circle':
      if (!(n('r') > 0)) return undefined;
      path.arc(n('cx'), n('cy'), n('r'), 0, 2 * Math.PI);
      return path;
    case 'ellipse':
      if (!(n('rx') > 0 && n('ry') > 0)) return undefined;
      path.ellipse(n('cx'), n('cy'), n('rx'), n('ry'), 0, 0, 2 * Math.PI);
      return path;
    case 'line':
      path.moveTo(n('x1'), n('y1'));
      path.lineTo(n('x2'), n('y2'));
      return path;
    case 'polyline':
    case 'polygon': {
      const values = (el.getAttribute('points') ?? '').trim().split(/[\s,]+/).map(Number);
      for (let i = 0; i + 1 < values.length; i += 2) {
        if (i === 0) path.moveTo(values[0]!, values[1]!);
        else path.lineTo(values[i]!, values[i + 1]!);
      }
      if (el.localName === 'polygon') path.closePath();
      return path;
    }
    default:
      return undefined;
  }
}

class Painter {
  constructor(
    private readonly context: CanvasRenderingContext2D,
    /** The transform of the root's own units: non-scaling strokes are as wide as in these. */
    private readonly base: DOMMatrix,
  ) {}

  /** An `<svg>`'s viewBox fitted into w × h at the current origin, then its content. */
  viewport(svg: Element, w: number, h: number, styles: Styles): void {
    const box = (svg.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
    if (box.length === 4 && box.every(Number.isFinite) && box[2]! > 0 && box[3]! > 0 && w > 0 && h > 0) {
      const [vx, vy, vw, vh] = box as [number, number, number, number];
      const [align = 'xMidYMid', mode = 'meet'] = (svg.getAttribute('preserveAspectRatio') ?? '').trim().split(/\s+/).filter(Boolean);
      let [sx, sy, tx, ty] = [w / vw, h / vh, 0, 0];
      if (align !== 'none') {
        sx = sy = mode === 'slice' ? Math.max(sx, sy) : Math.min(sx, sy);
        tx = (w - vw * sx) * (align.includes('xMid') ? 0.5 : align.includes('xMax') ? 1 : 0);
        ty = (h - vh * sy) * (align.includes('YMid') ? 0.5 : align.includes('YMax') ? 1 : 0);
      }
      this.context.translate(tx, ty);
      this.context.scale(sx, sy);
      this.context.translate(-vx, -vy);
    }
    this.children(svg, styles);
  }

  private children(el: Element, styles: Styles): void {
    for (const child of el.children) if (child.namespaceURI === SVG_NS) this.node(child, styles);
  }

  private node(el: Element, parent: Styles): void {
    if (SKIPPED.has(el.localName)) return;
    const styles = stylesOf(el, parent);
    if (styles.display === 'none') return;
    const context = this.context;
    context.save();
    if (styles.opacity) context.globalAlpha *= unit(styles.opacity);
    const matrix = el.hasAttribute('transform') ? (el as SVGGraphicsElement).transform?.baseVal.consolidate()?.matrix : undefined;
    if (matrix) context.transform(matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f);
    switch (el.localName) {
      case 'svg': {
        const [w, h] = [number(el.getAttribute('width')), number(el.getAttribute('height'))];
        context.translate(number(el.getAttribute('x')), number(el.getAttribute('y')));
        // An inner <svg> clips its content to its box, unless told not to.
        if (w > 0 && h > 0 && styles.overflow !== 'visible') {
          context.beginPath();
          context.rect(0, 0, w, h);
          context.clip();
        }
        this.viewport(el, w, h, styles);
        break;
      }
      case 'text':
        this.text(el, styles, { x: 0, y: 0 });
        break;
      case 'g':
      case 'a':
      case 'switch':
        this.children(el, styles);
        break;
      default: {
        const shape = shapeOf(el);
        if (shape) this.paint(styles, (fill) => context.fill(shape, fill), (stroke) => stroke(shape));
      }
    }
    context.restore();
  }

  /** A `<text>` or `<tspan>`: its position attributes, then its texts and tspans in order. */
  private text(el: Element, styles: Styles, at: { x: number; y: number }): void {
    const size = number(styles['font-size'], 16);
    if (el.hasAttribute('x')) at.x = firstLength(el.getAttribute('x'), size);
    if (el.hasAttribute('y')) at.y = firstLength(el.getAttribute('y'), size);
    at.x += firstLength(el.getAttribute('dx'), size);
    at.y += firstLength(el.getAttribute('dy'), size);
    for (const child of el.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        // SVG's default white space: no new lines, runs of spaces as one.
        const content = (child.textContent ?? '').replace(/[\r\n]/g, '').replace(/\s+/g, ' ').trim();
        if (content) at.x += this.glyphs(content, at, styles);
      } else if (child.nodeType === Node.ELEMENT_NODE && (child as Element).localName === 'tspan') {
        const inner = stylesOf(child as Element, styles);
        if (inner.display !== 'none') this.text(child as Element, inner, at);
      }
    }
  }

  /** Draws one run of text at `at`; returns its advance. */
  private glyphs(content: string, at: { x: number; y: number }, styles: Styles): number {
    const context = this.context;
    context.save();
    context.font = `${styles['font-style']} ${styles['font-weight']} ${styles['font-size']} ${styles['font-family']}`;
    context.direction = styles.direction === 'rtl' ? 'rtl' : 'ltr';
    const anchor = styles['text-anchor'];
    context.textAlign = anchor === 'middle' ? 'center' : anchor === 'end' ? 'end' : 'start';
    context.textBaseline = BASELINES[styles['dominant-baseline']!] ?? 'alphabetic';
    const metrics = context.measureText(content);
    const y = styles['dominant-baseline'] === 'central' ? at.y + (metrics.fontBoundingBoxAscent - metrics.fontBoundingBoxDescent) / 2 : at.y;
    // A stroke around glyphs is as wide as the text's own units say (no non-scaling text).
    this.paint(
      { ...styles, 'vector-effect': '' },
      () => context.fillText(content, at.x, y),
      () => context.strokeText(content, at.x, y),
    );
    context.restore();
    return metrics.width;
  }

  /** Fill and stroke in the node's paint order, each with its own paint, opacity and line. */
  private paint(styles: Styles, fill: (rule: CanvasFillRule) => void, stroke: (draw: (path: Path2D) => void) => void): void {
    if (styles.visibility === 'hidden' || styles.visibility === 'collapse') return;
    const context = this.context;
    const given = styles['paint-order'] === 'normal' ? [] : styles['paint-order']!.split(/\s+/);
    const order = [...given, ...['fill', 'stroke'].filter((k) => !given.includes(k))];
    for (const step of order) {
      const colour = paint(styles[step]!);
      if (step === 'fill' && colour) {
        context.save();
        context.globalAlpha *= unit(styles['fill-opacity']!);
        context.fillStyle = colour;
        fill(styles['fill-rule'] === 'evenodd' ? 'evenodd' : 'nonzero');
        context.restore();
      }
      const width = number(styles['stroke-width'], 1);
      if (step === 'stroke' && colour && width > 0) {
        context.save();
        context.globalAlpha *= unit(styles['stroke-opacity']!);
        context.strokeStyle = colour;
        context.lineWidth = width;
        const join = styles['stroke-linejoin'];
        context.lineJoin = join === 'round' || join === 'bevel' ? join : 'miter';
        const cap = styles['stroke-linecap'];
        context.lineCap = cap === 'round' || cap === 'square' ? cap : 'butt';
        // SVG's default is 4, the canvas's 10 (spikes on outlined text).
        context.miterLimit = Math.max(1, number(styles['stroke-miterlimit'], 4));
        const dashes = styles['stroke-dasharray'] === 'none' ? [] : styles['stroke-dasharray']!.split(/[\s,]+/).map((d) => number(d, -1));
        context.setLineDash(dashes.some((d) => d < 0) || dashes.every((d) => d === 0) ? [] : dashes);
        if (styles['vector-effect'] === 'non-scaling-stroke') {
          // The path in the root's units, stroked there: its width does not scale with the viewBox.
          const toRoot = this.base.inverse().multiply(context.getTransform());
          context.setTransform(this.base);
          stroke((path) => {
            const mapped = new Path2D();
            mapped.addPath(path, toRoot);
            context.stroke(mapped);
          });
        } else {
          stroke((path) => context.stroke(path));
        }
        context.restore();
      }
    }
  }
}

/**
 * Paints a standalone `<svg>` onto `context`, filling `width` × `height` pixels as an image of it
 * drawn at that size would (its `width` and `height` stretched), its background first.
 */
export function paintSvg(context: CanvasRenderingContext2D, svg: SVGSVGElement, width: number, height: number): void {
  const w = number(svg.getAttribute('width'), width);
  const h = number(svg.getAttribute('height'), height);
  if (!(w > 0 && h > 0)) return;
  context.save();
  context.scale(width / w, height / h);
  const background = paint(svg.style.getPropertyValue('background-color'));
  if (background) {
    context.fillStyle = background;
    context.fillRect(0, 0, w, h);
  }
  const styles = stylesOf(svg, INHERITED);
  if (styles.display !== 'none') {
    if (styles.opacity) context.globalAlpha *= unit(styles.opacity);
    new Painter(context, context.getTransform()).viewport(svg, w, h, styles);
  }
  context.restore();
}
