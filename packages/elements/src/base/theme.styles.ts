import { css } from 'lit';

/**
 * The shared look of every Goldboard element. Public custom properties (`--goldboard-*`) set
 * the theme; private ones (`--_*`) hold the resolved value for light or dark. The loading
 * skeleton's shimmer starts after a second: most loads end before it, and a moving background
 * repaints the page every frame (on the main thread) while the data is read and drawn.
 */
export const themeStyles = css`
  :host {
    /* light-dark() follows color-scheme: the page's preference, or the theme attribute. */
    color-scheme: light dark;
    --_bg: var(--goldboard-background, light-dark(#ffffff, #161b22));
    --_fg: var(--goldboard-color, light-dark(#1b1f24, #e6edf3));
    --_muted: var(--goldboard-muted-color, light-dark(#57606a, #9da7b3));
    --_border: var(--goldboard-border-color, light-dark(#d8dee4, #30363d));
    --_accent: var(--goldboard-accent, light-dark(#b07d12, #e3b341));
    --_accent-soft: var(--goldboard-accent-soft, light-dark(rgba(176, 125, 18, 0.16), rgba(227, 179, 65, 0.2)));
    --_positive: var(--goldboard-positive-color, light-dark(#1a7f37, #3fb950));
    --_negative: var(--goldboard-negative-color, light-dark(#cf222e, #ff7b72));
    --_focus: var(--goldboard-focus-color, light-dark(#0969da, #58a6ff));
    --_radius: var(--goldboard-radius, 10px);
    --_pad: var(--goldboard-padding, 16px);
    display: block;
    box-sizing: border-box;
    min-width: 0;
    font-family: var(--goldboard-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--goldboard-font-size, 14px);
    color: var(--_fg);
    line-height: 1.4;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [part~='base'] {
    position: relative;
    height: 100%;
    padding: var(--_pad);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  [part~='message'] {
    color: var(--_muted);
    margin: 0;
  }
  [part~='error'] {
    color: var(--_negative);
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  [part~='error'] p {
    margin: 0;
    flex: 1 1 12em;
    overflow-wrap: anywhere;
  }
  button {
    font: inherit;
    color: var(--_fg);
    background: transparent;
    border: 1px solid var(--_border);
    border-radius: 6px;
    padding: 2px 10px;
    cursor: pointer;
  }
  button:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  /* Room above the content for the Export menu, so it never covers a title. */
  :host([exportable][state='ready']) [part~='base'] {
    padding-top: calc(var(--_pad) + 12px);
  }
  .skeleton {
    height: 100%;
    min-height: 3em;
    border-radius: 6px;
    background: linear-gradient(90deg, var(--_border) 0%, var(--_bg) 50%, var(--_border) 100%);
    background-size: 200% 100%;
    animation: goldboard-shimmer 1.4s ease-in-out 1s infinite;
    opacity: 0.7;
  }
  @keyframes goldboard-shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
    * {
      transition: none !important;
    }
  }
  @media print {
    :host {
      color-scheme: light;
      break-inside: avoid;
    }
    :host([exportable][state='ready']) [part~='base'] {
      padding-top: var(--_pad);
    }
    /* Controls are not for paper; data drawn as buttons (rows, bars) stays. */
    [part~='retry-button'],
    .skeleton {
      display: none;
    }
  }
`;
