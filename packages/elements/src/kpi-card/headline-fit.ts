import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How the headline is shown: exact or compact, at a scale of its font size. */
export interface Fit {
  readonly compact: boolean;
  readonly scale: number;
}

/** The smallest scale at which the exact number is kept rather than its compact form. */
const EXACT_MIN_SCALE = 0.8;

/**
 * What fits: the exact number at full size, else at a slightly smaller size (down to 80%), else
 * the compact number ($5.5M), smaller if even that is too wide (never cut). Widths are the two forms' natural
 * widths at full size.
 */
export function fitHeadline(available: number, exactWidth: number, compactWidth: number): Fit {
  if (!(available > 0) || exactWidth <= available) return { compact: false, scale: 1 };
  // A pixel to spare: widths are fractional, and the scaled text is laid out again.
  const exact = floor2((available - 1) / exactWidth);
  if (exact >= EXACT_MIN_SCALE) return { compact: false, scale: exact };
  return { compact: true, scale: Math.min(1, floor2((available - 1) / compactWidth)) };
}

const floor2 = (x: number) => Math.floor(x * 100) / 100;

/**
 * Keeps a KPI headline whole in its card: a ResizeObserver follows the value's box and two
 * hidden rulers holding the exact and the compact text at full size; when their widths or the
 * box change, the fit is chosen again (`fitHeadline`). The scale is set on the box
 * through CSSOM (no style attribute, no render); only a switch between the exact and the compact
 * text draws the card again. The observer reports after layout and before paint, so the first
 * frame shown is already fitted, and reading the widths there forces no extra layout.
 */
export class HeadlineFit implements ReactiveController {
  /** Whether the compact text is shown. */
  compact = false;
  private observer: ResizeObserver | undefined;
  /** The value's box, then the rulers of the exact and the compact text (drawn together). */
  private boxes: HTMLElement[] = [];

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostUpdated(): void {
    const boxes = [...(this.host.shadowRoot?.querySelectorAll<HTMLElement>('[part~="value"], .ruler') ?? [])];
    if (boxes[0] === this.boxes[0] || typeof ResizeObserver === 'undefined') return;
    this.observer ??= new ResizeObserver(() => this.measure());
    this.observer.disconnect();
    for (const box of boxes) this.observer.observe(box);
    this.boxes = boxes;
  }

  hostConnected(): void {
    for (const box of this.boxes) this.observer?.observe(box);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  private measure(): void {
    const [value, exact, compact] = this.boxes;
    if (!value || !exact || !compact) return;
    const fit = fitHeadline(value.clientWidth, exact.getBoundingClientRect().width, compact.getBoundingClientRect().width);
    // Neither changes an observed size (the box is one full-size line): the observer settles in this pass.
    value.style.setProperty('--_fit', String(fit.scale));
    if (fit.compact !== this.compact) {
      this.compact = fit.compact;
      this.host.requestUpdate();
    }
  }
}
