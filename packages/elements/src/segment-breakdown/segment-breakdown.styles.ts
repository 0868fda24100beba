import { css } from 'lit';

export const segmentBreakdownStyles = css`
  :host {
    min-width: 12em;
  }
  .donut {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 12px 20px;
  }
  .donut svg {
    width: min(100%, var(--goldboard-donut-size, 200px));
    height: auto;
    flex: none;
  }
  .donut [part~='list'] {
    flex: 1 1 14em;
    min-width: 0;
  }
  [part~='slice'] {
    fill: var(--_bar);
    stroke: var(--_bg);
    stroke-width: 2;
    cursor: pointer;
  }
  [part~='slice'].selected {
    stroke: var(--_fg);
  }
  [part~='total'] {
    fill: var(--_fg);
    font-size: 20px;
    font-weight: 650;
    font-variant-numeric: tabular-nums;
  }
  .total-label {
    fill: var(--_muted);
    font-size: 11px;
  }
  /* Three segments: their names wrap rather than truncate. */
  [part~='label'] {
    white-space: normal;
  }
  [part~='swatch'] {
    flex: none;
    width: 10px;
    height: 10px;
    border-radius: 2px;
    background: var(--_bar);
    align-self: center;
  }
`;
