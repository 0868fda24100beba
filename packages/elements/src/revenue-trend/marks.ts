import { nothing, svg, type TemplateResult } from 'lit';
import { svgLabels, type SvgLabel } from '../chart/svg-labels.js';
import type { TrendLayout } from './layout.js';

/**
 * The marks of a trend as SVG templates, pure functions of its layout: grid, axes, the peak and
 * low markers and the crosshair. Coordinates are inside the plot (the margin is a transform).
 */

const f1 = (v: number) => v.toFixed(1);

/** Horizontal grid lines as one path (one element, not one per tick), the zero line apart, and both axes' labels. */
export function gridAndAxes(layout: TrendLayout): TemplateResult {
  const { x, y, xTicks, yTicks } = layout;
  const plotW = x.range[1];
  const plotH = y.range[0];
  let grid = '';
  let zero = '';
  for (const t of yTicks) {
    const line = `M0,${f1(y(t.value))}H${f1(plotW)}`;
    if (t.value === 0) zero = line;
    else grid += line;
  }
  return svg`<path class="grid" d=${grid}></path>
    ${zero ? svg`<path class="grid zero" d=${zero}></path>` : nothing}
    <g part="y-axis" class="axis">
      <text text-anchor="end" ${svgLabels(yTicks.map((t): SvgLabel => ({ x: -8, y: y(t.value), dy: '0.32em', text: t.label })))}></text>
    </g>
    <g part="x-axis" class="axis" transform="translate(0,${plotH})">
      <text ${svgLabels(
        xTicks.map((t): SvgLabel => {
          const tx = x(t.value);
          return { x: tx, y: 17, anchor: tx < 24 ? 'start' : tx > plotW - 24 ? 'end' : 'middle', text: t.label };
        }),
      )}></text>
    </g>`;
}

/** A peak or low marker at (time, value), labelled when the plot is wide enough. */
export function extremeMarker(layout: TrendLayout, time: number, value: number, kind: 'peak' | 'low'): TemplateResult {
  const plotW = layout.x.range[1];
  const plotH = layout.y.range[0];
  const cx = layout.x(time);
  const cy = layout.y(value);
  const ty = kind === 'peak' ? Math.max(-6, cy - 9) : Math.min(plotH + 4, cy + 16);
  const anchor = cx < 30 ? 'start' : cx > plotW - 30 ? 'end' : 'middle';
  return svg`<g part=${kind} class=${kind}>
    <circle cx=${f1(cx)} cy=${f1(cy)} r="4"></circle>
    ${plotW >= 200 ? svg`<text x=${f1(cx)} y=${f1(ty)} text-anchor=${anchor}>${kind === 'peak' ? 'Peak' : 'Low'}</text>` : nothing}
  </g>`;
}

/** The crosshair at (time, value); no dot on a null value. */
export function crosshair(layout: TrendLayout, time: number, value: number): TemplateResult {
  const cx = f1(layout.x(time));
  return svg`<g part="crosshair" class="crosshair">
    <line x1=${cx} x2=${cx} y1="0" y2=${layout.y.range[0]}></line>
    ${value - value === 0 ? svg`<circle cx=${cx} cy=${f1(layout.y(value))} r="4"></circle>` : nothing}
  </g>`;
}
