import { css } from 'lit';

export const kpiCardStyles = css`
  :host {
    min-width: 10em;
    container-type: inline-size;
  }
  .card {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 2px;
  }
  [part~='label'] {
    color: var(--_muted);
    font-size: 0.9em;
    font-weight: 500;
    margin: 0;
  }
  [part~='value'] {
    /* Shrinks with the card so that long currency values stay on one line. */
    font-size: var(--goldboard-kpi-value-size, clamp(1.2em, 12cqi, 2.1em));
    font-weight: 650;
    font-variant-numeric: tabular-nums;
    letter-spacing: -0.01em;
    line-height: 1.2;
    margin: 0;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  [part~='delta'] {
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
    display: block;
    width: var(--goldboard-sparkline-width, 100%);
    height: var(--goldboard-sparkline-height, 32px);
    margin-top: 6px;
    overflow: visible;
  }
  [part~='sparkline'] path {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
  }
`;
