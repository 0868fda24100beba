import { css } from 'lit';

export const kpiCardStyles = css`
  :host {
    min-width: 10em;
  }
  .card {
    display: grid;
    grid-template-columns: 1fr auto;
    grid-template-areas:
      'label label'
      'value value'
      'delta sparkline';
    align-items: end;
    gap: 4px 12px;
  }
  [part~='label'] {
    grid-area: label;
    color: var(--_muted);
    font-size: 0.9em;
    font-weight: 500;
    margin: 0;
  }
  [part~='value'] {
    grid-area: value;
    font-size: var(--goldboard-kpi-value-size, 2em);
    font-weight: 650;
    font-variant-numeric: tabular-nums;
    letter-spacing: -0.01em;
    margin: 0;
    overflow-wrap: anywhere;
  }
  [part~='delta'] {
    grid-area: delta;
    font-size: 0.85em;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  [part~='delta'].up {
    color: var(--_positive);
  }
  [part~='delta'].down {
    color: var(--_negative);
  }
  [part~='sparkline'] {
    grid-area: sparkline;
    width: var(--goldboard-sparkline-width, 96px);
    height: var(--goldboard-sparkline-height, 28px);
    overflow: visible;
  }
  [part~='sparkline'] path {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
  }
`;
