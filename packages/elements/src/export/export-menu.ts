import { adoptStyles, css, html, nothing, type LitElement, type TemplateResult } from 'lit';

export type ExportKind = 'csv' | 'svg' | 'png';

/**
 * The menu's styles: this module is a chunk loaded when an element is first exportable and
 * ready, so its styles are added to the element's own then (adopted style sheets, which a
 * strict Content-Security-Policy allows).
 */
export const exportMenuStyles = css`
  .export-menu,
  [part~='export-error'] {
    position: absolute;
    top: 4px;
    right: 6px;
    font-size: 0.8em;
    z-index: 2;
  }
  [part~='export-error'] {
    left: 6px;
    right: 6em;
    margin: 3px 0;
    color: var(--_negative);
    text-align: end;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .export-menu summary {
    list-style: none;
    cursor: pointer;
    color: var(--_muted);
    border: 1px solid transparent;
    border-radius: 6px;
    padding: 2px 8px;
  }
  .export-menu summary::-webkit-details-marker {
    display: none;
  }
  .export-menu summary:hover,
  .export-menu[open] summary {
    border-color: var(--_border);
    color: var(--_fg);
  }
  .export-menu summary:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .export-items {
    position: absolute;
    right: 0;
    margin-top: 4px;
    display: grid;
    gap: 4px;
    padding: 6px;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: 8px;
    box-shadow: 0 4px 12px rgba(0, 0, 0, 0.15);
    white-space: nowrap;
  }
  @media print {
    .export-menu,
    [part~='export-error'] {
      display: none;
    }
  }
`;

const styled = new WeakSet<ShadowRoot>();

/** Adds the menu's styles to `element`'s shadow root, once. */
export function adoptExportMenuStyles(element: LitElement): void {
  const root = element.renderRoot;
  if (!(root instanceof ShadowRoot) || styled.has(root)) return;
  styled.add(root);
  adoptStyles(root, [...(element.constructor as typeof LitElement).elementStyles, exportMenuStyles]);
}

/**
 * The Export menu of an element: a `<details>` (keyboard-reachable as it is) offering the data
 * as CSV and, when the element draws, the drawing as SVG or PNG; beside it, why the last export
 * failed (`error`), on one line left of the menu's Export (6em from the right), in the room kept
 * above the content: the alert reads it out whole, the title shows it.
 */
export function exportMenu(
  label: string,
  hasDrawing: boolean,
  choose: (kind: ExportKind) => void,
  toggled: (open: boolean) => void,
  error: string | undefined,
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
  </details>${error ? html`<p part="export-error" role="alert" title=${error}>${error}</p>` : nothing}`;
}
