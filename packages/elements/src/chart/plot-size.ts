import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The size of a chart's plot box (the element matching `selector` in the shadow root),
 * followed with a ResizeObserver. Before the plot box exists (the first ready render) it
 * estimates from the element's frame, or from the host when even the frame is not drawn yet,
 * so the first drawing is usually the right width; when the first report differs (a frame
 * restyled through `::part(base)`, a padding not in px), the chart is drawn again once.
 * While the frame shows the loading view, the observer follows the frame: data that arrives
 * after its first report is drawn at the reported width, without making the page lay out.
 */
export class PlotSize implements ReactiveController {
  private observer: ResizeObserver | undefined;
  private observed: Element | undefined;
  private frame = 0;
  private measured: Size | undefined;
  private estimated: Size | undefined;
  /** The frame's content width as last reported while there was no plot box (0: not yet). */
  private frameWidth = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly selector: string,
    private readonly defaultHeight: number,
  ) {
    host.addController(this);
  }

  /**
   * The plot box's size now: measured when known, else estimated — once: the estimate reads
   * layout, and reading it on every render would force a layout of the page each time.
   */
  get size(): Size {
    return this.measured ?? (this.estimated ??= this.estimate());
  }

  /**
   * The size the chart is laid out at until its plot box reports one (a server rendered it at
   * that size): a first report that differs draws it again.
   */
  preset(width: number, height: number): void {
    this.estimated = { width, height };
  }

  hostUpdated(): void {
    const root = this.host.shadowRoot;
    // The plot box when drawn; before that, the frame (for its width).
    const el = root?.querySelector(this.selector) ?? root?.querySelector('[part~="base"]') ?? undefined;
    if (el === this.observed || typeof ResizeObserver === 'undefined') return;
    this.observer ??= new ResizeObserver((entries) => this.onResize(entries));
    if (this.observed) this.observer.unobserve(this.observed);
    if (el) this.observer.observe(el);
    this.observed = el;
  }

  hostConnected(): void {
    // Moved in the page: follow the plot box again (disconnecting stopped observing it).
    if (this.observer && this.observed) this.observer.observe(this.observed);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    // Elsewhere the frame may be another width: measured again there before it is trusted.
    this.frameWidth = 0;
    cancelAnimationFrame(this.frame);
  }

  private onResize(entries: readonly ResizeObserverEntry[]): void {
    const entry = entries[entries.length - 1];
    if (!entry) return;
    const box = entry.contentRect;
    if (!entry.target.matches(this.selector)) {
      // The frame, before a plot box exists: remembered for the first drawing, nothing redrawn.
      this.frameWidth = Math.round(box.width);
      return;
    }
    cancelAnimationFrame(this.frame);
    // Redraw in the next frame, once per frame, and never inside the observer's own callback.
    this.frame = requestAnimationFrame(() => {
      const width = Math.round(box.width);
      const height = Math.round(box.height);
      if (width === 0 && height === 0) return; // hidden (display: none): keep the last size
      const drawn = this.measured ?? this.estimated;
      this.measured = { width, height };
      // The first report usually confirms the estimate the chart was drawn at: nothing to redraw.
      if (width !== drawn?.width || height !== drawn?.height) this.host.requestUpdate();
    });
  }

  private estimate(): Size {
    const frame = this.host.shadowRoot?.querySelector<HTMLElement>('[part~="base"]');
    const hostStyle = getComputedStyle(this.host);
    let width = 0;
    if (frame && this.frameWidth > 0) {
      width = this.frameWidth;
    } else if (frame) {
      const style = getComputedStyle(frame);
      width = frame.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    } else {
      // Data given inline is drawn in the first render, before the frame exists: the host's
      // width less the frame's padding (`--_pad`, set by the theme) and its 1px border (the
      // theme's `[part~='base']` rule).
      const pad = hostStyle.getPropertyValue('--_pad').trim();
      if (/^[\d.]+px$/.test(pad)) width = this.host.clientWidth - 2 * parseFloat(pad) - 2;
    }
    const raw = hostStyle.getPropertyValue('--goldboard-chart-height').trim();
    const declared = /^[\d.]+px$/.test(raw) ? parseFloat(raw) : NaN;
    return { width: width > 0 ? Math.round(width) : 480, height: declared > 0 ? declared : this.defaultHeight };
  }
}
