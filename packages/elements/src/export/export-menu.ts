import { html, nothing, type TemplateResult } from 'lit';

export type ExportKind = 'csv' | 'svg' | 'png';

/**
 * The Export menu of an element: a `<details>` (keyboard-reachable as it is) offering the data
 * as CSV and, when the element draws, the drawing as SVG or PNG.
 */
export function exportMenu(
  label: string,
  hasDrawing: boolean,
  choose: (kind: ExportKind) => void,
  toggled: (open: boolean) => void,
): TemplateResult {
  return html`<details part="export-menu" class="export-menu" @toggle=${(event: Event) => toggled((event.target as HTMLDetailsElement).open)}>
    <summary aria-label="Export ${label}">Export</summary>
    <div class="export-items">
      <button type="button" @click=${() => choose('csv')}>Data (CSV)</button>
      ${hasDrawing
        ? html`<button type="button" @click=${() => choose('svg')}>Drawing (SVG)</button>
            <button type="button" @click=${() => choose('png')}>Image (PNG)</button>`
        : nothing}
    </div>
  </details>`;
}
