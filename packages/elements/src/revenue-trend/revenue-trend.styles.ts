import { css } from 'lit';

export const revenueTrendStyles = css`
  :host {
    min-width: 12em;
  }
  .plot {
    position: relative;
    height: var(--goldboard-chart-height, 240px);
    min-height: 120px;
    border-radius: 4px;
    touch-action: pan-y;
  }
  .area {
    fill: var(--goldboard-trend-area, var(--_accent-soft));
    stroke: none;
    /* No anti-aliasing: its top edge lies under the line, and a plain fill rasterises faster
       (exports, which do not carry this property, keep the smooth edge). */
    shape-rendering: crispEdges;
  }
  .line {
    fill: none;
    stroke: var(--goldboard-trend-line, var(--_accent));
    stroke-width: var(--goldboard-trend-line-width, 2px);
    stroke-linejoin: round;
  }
  /* Dense data: a 1px line, which also rasterises as a fast hairline. */
  .line.dense {
    stroke-width: var(--goldboard-trend-line-width, 1px);
    stroke-linejoin: bevel;
  }
  /* Points denser than pixels: the line is a filled band of the same width. */
  .line.band {
    fill: var(--goldboard-trend-line, var(--_accent));
    stroke: none;
  }
  .smoothed {
    fill: none;
    stroke: var(--goldboard-trend-smoothed, var(--_fg));
    stroke-width: 1.5;
    stroke-dasharray: 5 3;
    opacity: 0.75;
  }
  .peak {
    fill: var(--goldboard-peak-color, var(--_positive));
  }
  .low {
    fill: var(--goldboard-low-color, var(--_negative));
  }
  .peak circle,
  .low circle,
  .crosshair circle {
    stroke: var(--_bg);
    stroke-width: 2;
  }
  .peak text,
  .low text {
    font-size: 11px;
    font-weight: 600;
    paint-order: stroke;
    stroke: var(--_bg);
    stroke-width: 3px;
  }
  .crosshair line {
    stroke: var(--_muted);
    stroke-dasharray: 3 3;
  }
  .crosshair circle {
    fill: var(--goldboard-trend-line, var(--_accent));
  }
  .compare {
    fill: none;
    stroke: var(--goldboard-trend-compare, var(--_muted));
    stroke-width: 1.5;
    stroke-dasharray: 4 3;
  }
  .legend {
    margin: 0;
    flex-basis: 100%;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .legend .key {
    display: inline-block;
    width: 1.5em;
    margin-inline-end: 0.3em;
    vertical-align: middle;
    border-top: 2px solid var(--goldboard-trend-line, var(--_accent));
  }
  .legend .key.compare {
    margin-inline-start: 0.6em;
    border-top: 2px dashed var(--goldboard-trend-compare, var(--_muted));
  }
  [part~='zoom-reset'] {
    font-size: 0.8em;
  }
  @media print {
    [part~='zoom-reset'] {
      display: none;
    }
  }
  [part~='tooltip'] span {
    display: inline-block;
  }
`;
