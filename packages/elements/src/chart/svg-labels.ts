import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

/** One label of an axis: a `<tspan>` at (x, y) inside the axis's single `<text>`. */
export interface SvgLabel {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly dy?: string;
  readonly anchor?: 'start' | 'middle' | 'end';
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const f1 = (v: number) => v.toFixed(1);

/**
 * Fills an SVG `<text>` with one `<tspan>` per label, built with DOM calls: an axis is one text
 * to lay out and no template instance per label. Labels are set as text, never markup.
 */
class SvgLabelsDirective extends Directive {
  private last: readonly SvgLabel[] | undefined;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('svgLabels() goes on an SVG <text> element.');
  }

  render(_labels: readonly SvgLabel[]): unknown {
    return noChange;
  }

  override update(part: ElementPart, [labels]: [readonly SvgLabel[]]): unknown {
    // The same labels again (a re-render for the crosshair, say): the tspans stay as they are.
    if (this.last && sameLabels(this.last, labels)) return noChange;
    this.last = labels;
    const spans = labels.map((label) => {
      const tspan = document.createElementNS(SVG_NS, 'tspan');
      tspan.setAttribute('x', f1(label.x));
      tspan.setAttribute('y', f1(label.y));
      if (label.dy) tspan.setAttribute('dy', label.dy);
      if (label.anchor) tspan.setAttribute('text-anchor', label.anchor);
      tspan.textContent = label.text;
      return tspan;
    });
    part.element.replaceChildren(...spans);
    return noChange;
  }
}

function sameLabels(a: readonly SvgLabel[], b: readonly SvgLabel[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((l, i) => {
    const m = b[i]!;
    return l.x === m.x && l.y === m.y && l.text === m.text && l.dy === m.dy && l.anchor === m.anchor;
  });
}

export const svgLabels = directive(SvgLabelsDirective);
