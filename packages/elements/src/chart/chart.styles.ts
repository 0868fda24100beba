import { css } from 'lit';

/** What the charts share: title, axes, grid, tooltip, focus. */
export const chartStyles = css`
  .chart {
    display: flex;
    flex-direction: column;
    gap: 8px;
    height: 100%;
    min-width: 0;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 2px 12px;
  }
  [part~='title'] {
    margin: 0;
    font-weight: 600;
    font-size: 1em;
  }
  [part~='summary'] {
    margin: 0;
    color: var(--_muted);
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  svg {
    display: block;
    overflow: visible;
  }
  .axis text,
  [part~='x-axis'] text,
  [part~='y-axis'] text {
    fill: var(--_muted);
    font-size: 11px;
    font-variant-numeric: tabular-nums;
  }
  .grid {
    fill: none;
    stroke: var(--_border);
    stroke-width: 1;
    shape-rendering: crispEdges;
  }
  .grid.zero {
    stroke: var(--_muted);
  }
  [part~='tooltip'] {
    position: absolute;
    top: 0;
    pointer-events: none;
    z-index: 1;
    padding: 6px 8px;
    border-radius: 6px;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    box-shadow: 0 4px 12px rgba(0, 0, 0, 0.15);
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  [part~='tooltip'] strong {
    display: block;
    font-weight: 600;
  }
  .head [part~='table-toggle'] {
    margin-inline-start: auto;
    font-size: 0.8em;
  }
  .table-view {
    max-height: 16em;
    overflow: auto;
  }
  .table-view[hidden] {
    display: none;
  }
  .data-table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .data-table caption {
    text-align: start;
    color: var(--_muted);
    padding-bottom: 4px;
  }
  .data-table th,
  .data-table td {
    padding: 2px 8px;
    border-bottom: 1px solid var(--_border);
    text-align: end;
    white-space: nowrap;
  }
  .data-table th:first-child,
  .data-table thead th {
    text-align: start;
    font-weight: 500;
  }
  .data-table thead th {
    position: sticky;
    top: 0;
    background: var(--_bg);
  }
  @media print {
    [part~='tooltip'],
    [part~='table-toggle'] {
      display: none;
    }
  }
`;

/** Ranked or labelled horizontal bars drawn as a list of buttons (top-list, segment-breakdown). */
export const barListStyles = css`
  [part~='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 4px;
  }
  [part~='row'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-areas:
      'label value'
      'bar secondary';
    align-items: baseline;
    gap: 2px 12px;
    width: 100%;
    padding: 4px 6px;
    border: 1px solid transparent;
    border-radius: 6px;
    text-align: start;
    font: inherit;
    color: inherit;
    background: transparent;
    cursor: pointer;
  }
  [part~='row']:hover {
    background: var(--_accent-soft);
  }
  [part~='row'][aria-pressed='true'] {
    border-color: var(--_accent);
  }
  .label {
    grid-area: label;
    display: flex;
    gap: 6px;
    align-items: baseline;
    min-width: 0;
  }
  [part~='rank'] {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
    flex: none;
  }
  [part~='label'] {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    min-width: 0;
  }
  [part~='secondary'] {
    grid-area: secondary;
    justify-self: end;
    color: var(--_muted);
    font-size: 0.8em;
    line-height: 1;
    white-space: nowrap;
  }
  [part~='value'] {
    grid-area: value;
    font-variant-numeric: tabular-nums;
    font-weight: 600;
    white-space: nowrap;
  }
  [part~='share'] {
    color: var(--_muted);
    font-weight: 400;
    margin-inline-start: 2px;
  }
  .track {
    grid-area: bar;
    align-self: center;
    display: block;
    width: 100%;
    height: 8px;
    overflow: visible;
  }
  .track.full {
    grid-column: 1 / -1;
  }
  [part~='bar'] {
    fill: var(--_bar, var(--_accent));
  }
  /* Narrow: the label gets its own line. */
  .chart:has(> [part~='list']),
  .donut {
    container-type: inline-size;
  }
  @container (max-width: 280px) {
    [part~='row'] {
      grid-template-columns: auto minmax(0, 1fr);
      grid-template-areas:
        'label label'
        'value secondary'
        'bar bar';
    }
    [part~='secondary'] {
      align-self: center;
    }
    .track {
      grid-column: 1 / -1;
    }
  }
  @media print {
    [part~='bar'] {
      print-color-adjust: exact;
      -webkit-print-color-adjust: exact;
    }
  }
`;
