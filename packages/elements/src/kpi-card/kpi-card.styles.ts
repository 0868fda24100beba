import { css } from 'lit';

// The value shrinks with the card (12cqi); a number still too wide is made smaller or compact,
// never cut (headline-fit.ts), measured on the two hidden rulers (the exact and the compact text
// at full size, in a box of no size so that they never widen the page). The scaled text sits in a box of one full-size line, so a new fit changes no
// size the ResizeObserver follows and it settles in one pass. (No comments inside the CSS: it
// ships as written.)
export const kpiCardStyles = css`
  :host {
    min-width: 10em;
    container-type: inline-size;
  }
  .card {
    position: relative;
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
  [part~='value'],
  .ruler {
    font-size: var(--goldboard-kpi-value-size, clamp(1.2em, 12cqi, 2.1em));
    font-weight: 650;
    font-variant-numeric: tabular-nums;
    letter-spacing: -0.01em;
    line-height: 1.2;
    margin: 0;
    white-space: nowrap;
  }
  [part~='value'] {
    height: 1.2em;
  }
  [part~='value'] > span {
    font-size: calc(1em * var(--_fit, 1));
  }
  .rulers {
    position: absolute;
    width: 0;
    height: 0;
    overflow: hidden;
    visibility: hidden;
  }
  .ruler {
    position: absolute;
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
