import { html, svg, type TemplateResult } from 'lit';
import { formatNumber, isoDay, lowerBound, m4, setSourceFilter, sourceFilter, type Downsampled } from '@goldboard/core';
import { formatInstant } from '../chart/time-ticks.js';
import { keyAction } from './keys.js';
import type { TrendLayout } from './layout.js';
import type { Derived } from './revenue-trend.component.js';
import { rangeExtremes, summarize, summaryM4, type SeriesSummary } from './summary.js';

/**
 * Zoom and pan of `<revenue-trend>`, a chunk of its own loaded on the first interaction (or
 * when the pointer enters the plot): drag to brush a range, ctrl + wheel (a trackpad's pinch) to
 * zoom around the pointer, two fingers on a touch screen to zoom and pan (the times under them
 * stay under them), a sideways or shift + wheel to pan, `+` / `-` to zoom around the
 * active point, the arrow keys, Page Up/Down and Home/End move the crosshair and the view
 * follows it, double-click or Escape resets. The visible range is a time range; what is drawn,
 * listed in the data table and exported are the rows inside it. Zoomed views of long series
 * are drawn from a min/max pyramid of the series (`summary.ts`), not from its rows.
 * One file past 400 lines: every input (pointer, touch, wheel, keys) moves the same range and
 * its pending source filter, through `setRange`, and each handler reads the others' state (a
 * brush ends when a second finger lands; a click after a brush is not a selection).
 */

/** Detail of `goldboard-zoom`: the range shown after a zoom, pan or reset by the user. */
export interface TrendZoomDetail {
  dataset: string;
  measure: string;
  /** False after a reset: the whole series is shown. */
  zoomed: boolean;
  /** Time of the first and last point shown, epoch ms UTC. */
  start: number;
  end: number;
  /** Their UTC days, `YYYY-MM-DD`. */
  from: string;
  to: string;
}

/** What the zoom reads and writes on its element. */
export interface ZoomHost extends HTMLElement {
  zoomRange: readonly [number, number] | undefined;
  zoomFilter: boolean;
  source: string | undefined;
  readonly from: string | undefined;
  readonly to: string | undefined;
  measure: string;
  locale: string | undefined;
  readonly resolvedDataset: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The series and rows of the whole range (from/to), unzoomed. */
  readonly base: Derived | undefined;
  /** What is drawn now. */
  readonly derived: Derived | undefined;
  readonly layoutCache: { layout: TrendLayout } | undefined;
  activeIndex: number;
  liveText: string;
  activate(index: number, speak: boolean): void;
  emit<T>(type: string, detail: T): boolean;
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
}

/** Smallest drag (px) that brushes a range; shorter is a click. */
const BRUSH_MIN = 4;
/** With `zoom-filter`: how long a zoom or pan rests before its range is set on the source (ms). */
const FILTER_SETTLE_MS = 200;

export class TrendZoom {
  private summaries = new WeakMap<Float64Array, SeriesSummary>();
  private last: { base: Derived; range: readonly [number, number]; view: Derived } | undefined;
  /** The brush under way: its pointer and start and current x in the plot (px). */
  private brushing: { id: number; x0: number; x1: number } | undefined;
  /** A brush just ended: the click that follows is not a point's selection. */
  private swallowClick = false;
  /** The fingers on the plot (touch pointers): their pointer ids and x in the plot (px). */
  private touches = new Map<number, number>();
  /**
   * The pinch under way: its two fingers, the times under them when it started and the plot's
   * width. Until every finger is up, no brush starts.
   */
  private pinch: { a: number; b: number; ta: number; tb: number; width: number } | undefined;
  /**
   * With `zoom-filter`: the data's whole range, as last loaded with the source unfiltered (how
   * far a zoom out or a pan may go); unknown when the page opened on a range.
   */
  private extent: [number, number] | undefined;
  /** With `zoom-filter`: the range a zoom or pan is settling on, set on the source once it rests. */
  private pending: { range: [number, number]; timer: ReturnType<typeof setTimeout> } | undefined;

  constructor(private readonly host: ZoomHost) {}

  /** The summary of a series' values, built once per array. */
  summary(values: Float64Array): SeriesSummary {
    let s = this.summaries.get(values);
    if (!s) this.summaries.set(values, (s = summarize(values)));
    return s;
  }

  /**
   * The rows of `base` inside `range` (at least two when the series has two), their extremes
   * from the summary and a downsampler reading it; `base` itself when the range holds no value.
   */
  view(base: Derived, range: readonly [number, number] | undefined): Derived {
    if (!range) return base;
    const last = this.last;
    if (last?.base === base && last.range === range) return last.view;
    const [start, end] = this.rows(base, range);
    const values = base.series.values;
    const summary = this.summary(values);
    const { low, peak } = rangeExtremes(summary, start, end);
    let view = base;
    if (peak >= 0 && (start > base.start || end < base.end)) {
      const dates = base.series.dates;
      const downsample = (ys: Float64Array, columns: number, d0: number, d1: number, a: number, b: number): Downsampled =>
        // Few rows: all of them (M4 keeps them all); many: from the pyramid.
        b - a <= columns * 4 ? m4(dates, ys, columns, d0, d1, a, b) : summaryM4(this.summary(ys), dates, columns, d0, d1, a, b);
      view = { ...base, start, end, extremes: { peak, low, defined: 1 }, downsample };
    }
    this.last = { base, range, view };
    return view;
  }

  /** Rows `[start, end)` of `base` whose times are in `range`, widened to two rows at least. */
  private rows(base: Derived, [t0, t1]: readonly [number, number]): [number, number] {
    const { dates } = base.series;
    let start = lowerBound(dates, t0, base.start, base.end);
    // Times are whole ms: half a ms past the end keeps a point on it.
    let end = lowerBound(dates, t1 + 0.5, start, base.end);
    if (end - start < 2) {
      end = Math.min(base.end, Math.max(end, start + 2));
      start = Math.max(base.start, end - 2);
    }
    return [start, end];
  }

  /** The whole range's first and last times. */
  private bounds(): [number, number] | undefined {
    const b = this.host.base;
    return b && b.end - b.start > 1 ? [b.series.dates[b.start]!, b.series.dates[b.end - 1]!] : undefined;
  }

  /** The range shown: the zoom (as set, before it is drawn), or the whole range. */
  private shown(): readonly [number, number] | undefined {
    return this.pending?.range ?? this.host.zoomRange ?? this.bounds();
  }

  /**
   * With `zoom-filter`, how far a zoom or pan may reach: the data's range when the source had
   * no range; no limit when that is unknown.
   */
  private reach(): [number, number] {
    const { from, to } = sourceFilter(this.host.source!);
    const data = this.bounds();
    if (!from && !to && data && !this.pending) this.extent = data;
    return this.extent ?? [-Infinity, Infinity];
  }

  /**
   * Shows `[t0, t1]` (clamped to the whole range, which resets the zoom), says so in the live
   * region and fires `goldboard-zoom`. With `zoom-filter` the range is set on the source, once
   * the zoom or pan has rested (a pinch or a wheel gives many steps; each would load every
   * element of the source again); until then the trend shows it from the data it has.
   */
  setRange(t0: number, t1: number): void {
    const filter = this.filters();
    const data = this.bounds();
    const host = this.host;
    if (!data) return;
    const all = filter ? this.reach() : data;
    const span = Math.min(t1 - t0, all[1] - all[0]);
    // Panning keeps the width: a range past an end slides back inside.
    if (t0 < all[0]) [t0, t1] = [all[0], all[0] + span];
    if (t1 > all[1]) [t0, t1] = [all[1] - span, all[1]];
    const whole = span >= all[1] - all[0];
    if (!filter) {
      host.zoomRange = whole ? undefined : [t0, t1];
      this.announce(whole, t0, t1);
      return;
    }
    if (this.pending) clearTimeout(this.pending.timer);
    const range: [number, number] = [t0, t1];
    // Meanwhile the data at hand shows the part of the range it holds.
    const inside: [number, number] = [Math.max(t0, data[0]), Math.min(t1, data[1])];
    host.zoomRange = whole || inside[0] >= inside[1] || (inside[0] <= data[0] && inside[1] >= data[1]) ? undefined : inside;
    host.requestUpdate();
    this.pending = {
      range,
      timer: setTimeout(() => {
        this.pending = undefined;
        host.zoomRange = undefined;
        this.announce(whole, t0, t1);
      }, FILTER_SETTLE_MS),
    };
  }

  /**
   * Says what is shown now and fires `goldboard-zoom`; with `zoom-filter` sets the source's
   * range to it first (every element reading the source follows it, this trend too).
   */
  private announce(whole: boolean, t0: number, t1: number): void {
    const host = this.host;
    const base = host.base!;
    const dates = base.series.dates;
    const data = this.bounds()!;
    let first = t0;
    let last = t1;
    let points: number | undefined;
    // Inside the data at hand: its first and last points in the range; past it (zoom-filter
    // going out or across), the range's days, whose data loads next.
    if (t0 >= data[0] && t1 <= data[1]) {
      const [start, end] = whole && !this.filters() ? [base.start, base.end] : this.rows(base, [t0, t1]);
      [first, last, points] = [dates[start]!, dates[end - 1]!, end - start];
    }
    if (this.filters()) setSourceFilter(host.source!, whole ? { from: '', to: '' } : { from: isoDay(first), to: isoDay(last) });
    const when = (t: number) => formatInstant(t, base.series.subDay, host.locale);
    const count = points === undefined ? '' : `, ${formatNumber(points, 'integer', { locale: host.locale })} points`;
    host.liveText = whole ? `Zoom reset: ${when(first)} to ${when(last)}.` : `Showing ${when(first)} to ${when(last)}${count}.`;
    host.requestUpdate();
    host.emit<TrendZoomDetail>('goldboard-zoom', {
      dataset: host.resolvedDataset,
      measure: host.measure,
      zoomed: !whole,
      start: first,
      end: last,
      from: isoDay(first),
      to: isoDay(last),
    });
  }

  /** Zooms by `factor` (< 1 in, > 1 out) around time `at`. */
  zoomBy(factor: number, at?: number): void {
    const shown = this.shown();
    if (!shown) return;
    const [t0, t1] = shown;
    const center = at ?? (t0 + t1) / 2;
    const span = Math.max(this.minSpan(), (t1 - t0) * factor);
    const k = t1 > t0 ? (center - t0) / (t1 - t0) : 0.5;
    this.setRange(center - k * span, center - k * span + span);
  }

  /** The narrowest range: two points' width (the series' mean step); zooming in stops there. */
  private minSpan(): number {
    const d = this.host.base!.series.dates;
    return d.length > 1 ? (d[d.length - 1]! - d[0]!) / (d.length - 1) : 0;
  }

  /** Moves the range by `dt` ms, keeping its width. */
  panBy(dt: number): void {
    const range = this.pending?.range ?? this.host.zoomRange ?? (this.filters() && this.zoomed() ? this.bounds() : undefined);
    if (range) this.setRange(range[0] + dt, range[1] + dt);
  }

  /**
   * With `zoom-filter`: a zoom sets the source's range instead of the trend's own view (a trend
   * with its own from/to does not follow the source's range, so it zooms its own view).
   */
  private filters(): boolean {
    const host = this.host;
    return host.zoomFilter && !!host.source && !host.from && !host.to;
  }

  /** Zoomed: a view narrower than the data, or (`zoom-filter`) a range set on the source. */
  private zoomed(): boolean {
    const { from, to } = this.filters() ? sourceFilter(this.host.source!) : {};
    return !!(this.pending || this.host.zoomRange || from || to);
  }

  reset(): void {
    if (!this.zoomed()) return;
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = undefined;
    const all = this.bounds();
    if (!all) return;
    if (!this.filters()) return this.setRange(all[0], all[1]);
    // The source's range cleared: the elements show everything again.
    this.host.zoomRange = undefined;
    const whole = this.extent ?? all;
    this.announce(true, Math.min(whole[0], all[0]), Math.max(whole[1], all[1]));
  }

  /** The plot's x (px, inside the margins) of a pointer event; within the plot unless `free`. */
  private plotX(event: MouseEvent, free = false): number | undefined {
    const layout = this.host.layoutCache?.layout;
    const svgEl = this.host.renderRoot.querySelector('[part~="plot"] svg');
    if (!layout || !svgEl) return undefined;
    const x = event.clientX - svgEl.getBoundingClientRect().left - layout.margin.left;
    return free ? x : this.inPlot(x);
  }

  /** `x` (px) kept within the plot's width. */
  private inPlot(x: number): number {
    return Math.max(0, Math.min(this.host.layoutCache!.layout.x.range[1], x));
  }

  private timeAt(px: number): number {
    return this.host.layoutCache!.layout.x.invert(px);
  }

  /**
   * Handles an event of the plot; true when it was the zoom's (then its default and the
   * element's own handling are skipped).
   */
  handle(event: Event): boolean {
    switch (event.type) {
      case 'pointerdown':
        return this.pointerDown(event as PointerEvent);
      case 'pointermove':
        return this.pointerMove(event as PointerEvent);
      case 'pointerup':
      case 'pointercancel':
        return this.pointerUp(event as PointerEvent);
      case 'click':
        if (!this.swallowClick) return false;
        this.swallowClick = false;
        return true;
      case 'dblclick':
        this.reset();
        return true;
      case 'wheel':
        return this.wheel(event as WheelEvent);
      case 'keydown':
        return this.key(event as KeyboardEvent);
      default:
        return false;
    }
  }

  private pointerDown(event: PointerEvent): boolean {
    if (event.pointerType === 'touch') return this.touchDown(event);
    if (event.button !== 0 || !event.isPrimary) return false;
    const x = this.plotX(event);
    if (x === undefined) return false;
    this.brushing = { id: event.pointerId, x0: x, x1: x };
    this.swallowClick = false;
    this.capture(event);
    return false;
  }

  private capture(event: PointerEvent): void {
    try {
      (event.currentTarget as Element | null)?.setPointerCapture?.(event.pointerId);
    } catch {
      // The pointer was already released (a replayed first event): the brush ends on pointerup anyway.
    }
  }

  /**
   * A finger down: the first brushes as a mouse does; a second ends that brush and starts a
   * pinch between the two; a third is left alone.
   */
  private touchDown(event: PointerEvent): boolean {
    const x = this.plotX(event, true);
    const layout = this.host.layoutCache?.layout;
    if (x === undefined || !layout) return false;
    // The first finger of a gesture: fingers of an earlier one whose lift never reached the plot
    // (it was drawn again meanwhile) are forgotten.
    if (event.isPrimary || this.touches.size === 0) {
      this.touches.clear();
      this.pinch = undefined;
    }
    this.touches.set(event.pointerId, x);
    this.capture(event);
    if (this.touches.size === 1) {
      const inside = this.inPlot(x);
      this.brushing = { id: event.pointerId, x0: inside, x1: inside };
      this.swallowClick = false;
      return false;
    }
    if (this.touches.size !== 2 || this.pinch) return true;
    this.brushing = undefined;
    const [[a, xa], [b, xb]] = [...this.touches];
    this.pinch = { a: a!, b: b!, ta: this.timeAt(xa!), tb: this.timeAt(xb!), width: layout.x.range[1] };
    this.host.requestUpdate();
    return true;
  }

  /**
   * The two fingers moved: the range that keeps the time each touched under it (their distance
   * zooms, their middle pans), no narrower than two points.
   */
  private pinchTo(): void {
    const p = this.pinch!;
    const xa = this.touches.get(p.a);
    const xb = this.touches.get(p.b);
    // One of the two lifted: the pinch is over (the other finger moves nothing until all are up).
    if (xa === undefined || xb === undefined || p.tb === p.ta || xa === xb || (xb - xa) * (p.tb - p.ta) < 0) return;
    const perMs = (xb - xa) / (p.tb - p.ta);
    let span = p.width / perMs;
    const min = this.minSpan();
    let t0 = p.ta - xa / perMs;
    if (span < min) {
      // At the narrowest: centred between the fingers' times.
      t0 = (p.ta + p.tb) / 2 - min / 2;
      span = min;
    }
    this.setRange(t0, t0 + span);
  }

  private pointerMove(event: PointerEvent): boolean {
    const finger = this.touches.has(event.pointerId);
    const b = this.brushing?.id === event.pointerId ? this.brushing : undefined;
    if (!finger && !b) return false;
    // Measured once per move (a layout read), for the pinch and the brush alike.
    const x = this.plotX(event, true);
    if (finger && x !== undefined) this.touches.set(event.pointerId, x);
    if (finger && this.pinch) {
      if (x !== undefined && (event.pointerId === this.pinch.a || event.pointerId === this.pinch.b)) this.pinchTo();
      return true;
    }
    const inside = x === undefined ? undefined : this.inPlot(x);
    if (b && inside !== undefined && inside !== b.x1) {
      b.x1 = inside;
      this.host.requestUpdate();
    }
    return false;
  }

  private pointerUp(event: PointerEvent): boolean {
    if (this.touches.delete(event.pointerId) && this.pinch) return true;
    const b = this.brushing;
    if (!b || event.pointerId !== b.id) return false;
    this.brushing = undefined;
    const x = event.type === 'pointerup' ? this.plotX(event) : undefined;
    if (x !== undefined) b.x1 = x;
    this.host.requestUpdate();
    if (event.type !== 'pointerup' || Math.abs(b.x1 - b.x0) < BRUSH_MIN) return false;
    this.swallowClick = true;
    const [a, c] = b.x0 < b.x1 ? [b.x0, b.x1] : [b.x1, b.x0];
    this.setRange(this.timeAt(a), this.timeAt(c));
    return true;
  }

  private wheel(event: WheelEvent): boolean {
    const layout = this.host.layoutCache?.layout;
    if (!layout) return false;
    // Lines and pages in pixels, as a trackpad gives them.
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? layout.x.range[1] : 1;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      const x = this.plotX(event);
      this.zoomBy(Math.exp(Math.max(-1, Math.min(1, event.deltaY * unit * 0.002))), x === undefined ? undefined : this.timeAt(x));
      return true;
    }
    // Sideways (or shift + wheel) pans a zoomed view; a plain wheel scrolls the page.
    const dx = event.shiftKey && !event.deltaX ? event.deltaY : event.deltaX;
    const pans = this.host.zoomRange || (this.filters() && this.zoomed());
    if (!pans || Math.abs(dx) <= Math.abs(event.shiftKey ? 0 : event.deltaY)) return false;
    event.preventDefault();
    const [d0, d1] = layout.x.domain;
    this.panBy((dx * unit * (d1 - d0)) / Math.max(1, layout.x.range[1]));
    return true;
  }

  private key(event: KeyboardEvent): boolean {
    const host = this.host;
    const k = event.key;
    if (k === '+' || k === '=' || k === '-' || k === '_') {
      event.preventDefault();
      const d = host.derived;
      const i = host.activeIndex;
      const at = d && i >= d.start && i < d.end ? d.series.dates[i] : undefined;
      this.zoomBy(k === '-' || k === '_' ? 2 : 0.5, at);
      return true;
    }
    if (k === 'Escape' && this.zoomed()) {
      event.preventDefault();
      this.reset();
      return true;
    }
    // Zoomed: the crosshair moves over the whole range and the view follows it.
    const base = host.base;
    if (!host.zoomRange) return false;
    const action = base ? keyAction(k, host.activeIndex, base.start, base.end) : undefined;
    if (!base || !action || typeof action !== 'object') return false;
    event.preventDefault();
    const target = Math.max(base.start, Math.min(base.end - 1, action.move));
    const [start, end] = this.rows(base!, host.zoomRange);
    const dates = base.series.dates;
    if (target < start) this.panBy(dates[target]! - dates[start]!);
    else if (target >= end) this.panBy(dates[target]! - dates[end - 1]!);
    // Once the view has moved (the crosshair stays within what is drawn); the live region then says the value.
    void host.updateComplete.then(() => host.activate(target, true));
    return true;
  }

  /** The brush under way, as a rectangle in the plot. */
  brush(layout: TrendLayout): TemplateResult | undefined {
    const b = this.brushing;
    if (!b || Math.abs(b.x1 - b.x0) < BRUSH_MIN) return undefined;
    return svg`<rect part="brush" fill="currentColor" fill-opacity="0.12" x=${Math.min(b.x0, b.x1).toFixed(1)} y="0" width=${Math.abs(b.x1 - b.x0).toFixed(1)} height=${layout.y.range[0]}></rect>`;
  }

  /** The Reset zoom button, while zoomed. */
  controls(): TemplateResult | undefined {
    return this.zoomed()
      ? html`<button part="zoom-reset" type="button" @click=${() => this.reset()}>Reset zoom</button>`
      : undefined;
  }
}
