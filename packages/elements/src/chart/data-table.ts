import { html, nothing, type TemplateResult } from 'lit';

/**
 * The data-table view of a chart: a `<table>` holding the real values (never the downsampled
 * ones), visually hidden by default (for screen readers and copying) or shown. `note` says when
 * rows were left out (a million rows do not belong in the DOM).
 */
export function dataTable(caption: string, headers: readonly string[], rows: readonly (readonly string[])[], note?: string, visible = false): TemplateResult {
  const table = html`<table part="data-table" id="data-table" class=${visible ? 'data-table' : ''}>
    <caption>${caption}${note ? html` <span>${note}</span>` : nothing}</caption>
    <thead>
      <tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr>
    </thead>
    <tbody>
      ${rows.map((cells) => html`<tr>${cells.map((c, i) => (i === 0 ? html`<th scope="row">${c}</th>` : html`<td>${c}</td>`))}</tr>`)}
    </tbody>
  </table>`;
  // Hidden inside a clipping box: a table is never narrower than its content, so a hidden table
  // itself would still widen the page (sideways scrolling on a phone).
  return visible ? table : html`<div class="visually-hidden">${table}</div>`;
}
