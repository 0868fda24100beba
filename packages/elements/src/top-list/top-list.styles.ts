import { css } from 'lit';

export const topListStyles = css`
  :host {
    min-width: 12em;
  }
  [part~='rank'] {
    min-width: 1.6em;
    text-align: end;
  }
`;
