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
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('svgLabels() goes on an SVG <text> element.');
  }

  render(_labels: readonly SvgLabel[]): unknown {
    return noChange;
  }

  override update(part: ElementPart, [labels]: [readonly SvgLabel[]]): unknown {
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

export const svgLabels = directive(SvgLabelsDirective);
