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
  // A choice closes the menu, and so does Escape, with the focus back on its summary.
  const close = (details: HTMLDetailsElement) => {
    details.open = false;
    details.querySelector('summary')?.focus();
  };
  const pick = (kind: ExportKind) => (event: Event) => {
    close((event.currentTarget as HTMLElement).closest('details')!);
    choose(kind);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const details = event.currentTarget as HTMLDetailsElement;
    if (event.key !== 'Escape' || !details.open) return;
    event.preventDefault();
    event.stopPropagation();
    close(details);
  };
  return html`<details part="export-menu" class="export-menu" @toggle=${(event: Event) => toggled((event.target as HTMLDetailsElement).open)} @keydown=${onKeyDown}>
    <summary aria-label="Export ${label}">Export</summary>
    <div class="export-items">
      <button type="button" @click=${pick('csv')}>Data (CSV)</button>
      ${hasDrawing
        ? html`<button type="button" @click=${pick('svg')}>Drawing (SVG)</button>
            <button type="button" @click=${pick('png')}>Image (PNG)</button>`
        : nothing}
    </div>
  </details>`;
}
