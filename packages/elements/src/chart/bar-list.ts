import { html, nothing, type TemplateResult } from 'lit';
import { max, min } from 'd3-array';
import { linearScale, type LinearScale } from './linear-scale.js';

/** One row of a bar list: what it shows and what selecting it reports. */
export interface BarItem<T> {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly valueText: string;
  readonly rank?: number | undefined;
  readonly secondary?: string | undefined;
  readonly share?: string | undefined;
  /** A class giving the row its colour (`--_bar`: segments, see `segmentColourClass`); the accent colour by default. */
  readonly colourClass?: string | undefined;
  readonly selected?: boolean | undefined;
  readonly detail: T;
}

/** The percent scale of bar lengths: zero-based, negatives to the left of zero, NaN ignored. */
export function barScale(values: readonly number[]): LinearScale {
  const lo = Math.min(0, min(values, (v) => (Number.isFinite(v) ? v : undefined)) ?? 0);
  const hi = Math.max(0, max(values, (v) => (Number.isFinite(v) ? v : undefined)) ?? 0);
  return linearScale([lo, hi === lo ? lo + 1 : hi], [0, 100]);
}

/**
 * Horizontal bars as a list of buttons: the label (truncated with the full text in `title` and
 * in the accessible name), the value, an optional share, and the bar. Buttons give Enter, Space
 * and click for free; `onSelect` is called with the row's detail. Bars are SVG rectangles whose
 * length is their `x`/`width` attributes (in % of the track) and whose colour is a class: the
 * markup itself carries them, so a page rendered on the server shows them with JavaScript off,
 * and no style attribute is written, which a strict Content-Security-Policy would refuse.
 */
export function barList<T>(
  items: readonly BarItem<T>[],
  scale: LinearScale,
  label: string,
  onSelect: (item: BarItem<T>) => void,
  options: { bars?: boolean; swatch?: boolean } = {},
): TemplateResult {
  const zero = scale(0);
  const bars = options.bars ?? true;
  return html`<ol part="list" aria-label=${label}>
    ${items.map((item) => {
      const v = Number.isFinite(item.value) ? scale(item.value) : zero;
      const left = Math.min(v, zero);
      const width = Math.abs(v - zero);
      const title = [item.label, item.secondary].filter(Boolean).join(' · ');
      return html`<li>
        <button
          part="row"
          type="button"
          title=${title}
          aria-pressed=${item.selected === undefined ? nothing : item.selected ? 'true' : 'false'}
          class=${item.colourClass ?? nothing}
          @click=${() => onSelect(item)}
        >
          <span class="label">
            ${options.swatch ? html`<span part="swatch" aria-hidden="true"></span>` : nothing}
            ${item.rank !== undefined ? html`<span part="rank">${item.rank}.</span>` : nothing}
            <span part="label">${item.label}</span>
          </span>
          ${item.secondary ? html`<span part="secondary">${item.secondary}</span>` : nothing}
          <span part="value">${item.valueText}${item.share ? html` <span part="share">${item.share}</span>` : nothing}</span>
          ${bars
            ? html`<svg class=${item.secondary ? 'track' : 'track full'} aria-hidden="true"><rect part="bar" x=${`${left.toFixed(2)}%`} width=${`${width.toFixed(2)}%`} height="100%" rx="3"></rect></svg>`
            : nothing}
        </button>
      </li>`;
    })}
  </ol>`;
}
