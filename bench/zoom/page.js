// The in-page harness of the zoom benchmark (bundled by run.mjs with uPlot; the Goldboard
// standalone bundle is loaded as published, with its chunks). The same 1e6 points for both
// libraries at the same size. window.zoomBench:
//   prepare(lib)     draws the chart and warms its zoom (Goldboard's zoom chunk and summary);
//   move(lib, k)     one pointer move over the plot: script time of the handler and the update;
//   zoom(lib, k)     one zoom step (ctrl + wheel on <revenue-trend>, setScale on uPlot): time to
//                    the end of the next painted frame;
//   reset(lib)       shows the whole series again.
import uPlot from 'uplot';
import { HEIGHT, WIDTH, afterPaint, trendSeries, uplotOptions } from '../shared/trend-page.js';

const N = Number(new URLSearchParams(location.search).get('n') ?? 1_000_000);
const { ms, seconds, revenue: trendRevenue, table } = trendSeries(N, 60_000);

const charts = {};

/** The zoom steps: in by 0.7 ten times around 40 % of the width, then out again; the same for both. */
const FACTORS = [...Array(10).fill(0.7), ...Array(10).fill(1 / 0.7)];

const libraries = {
  goldboard: {
    async prepare() {
      const host = document.createElement('div');
      document.body.append(host);
      const el = document.createElement('revenue-trend');
      el.style.cssText = `display:block;width:${WIDTH + 34}px;--goldboard-chart-height:${HEIGHT}px`;
      const ready = new Promise((resolve) => el.addEventListener('goldboard-ready', resolve, { once: true }));
      el.data = table;
      host.append(el);
      await ready;
      await afterPaint();
      const plot = el.shadowRoot.querySelector('[part~="plot"]');
      const grid = () => plot.querySelector('.grid').getBoundingClientRect();
      // The zoom's chunk, and its summary of the series, are ready before the first timing: one
      // zoom in and out (what a first interaction costs once is reported apart).
      const first = performance.now();
      plot.dispatchEvent(new PointerEvent('pointerenter'));
      el.zoomRange = [ms[0], ms[N / 2]];
      while (el.domains.x[1] !== ms[N / 2]) await afterPaint();
      const firstZoomMs = performance.now() - first;
      el.zoomRange = undefined;
      await el.updateComplete;
      await afterPaint();
      charts.goldboard = { el, plot, grid };
      return { firstZoomMs, points: el.drawnPoints };
    },
    move(k) {
      const { el, plot, grid } = charts.goldboard;
      const box = grid();
      const x = box.left + ((k * 37) % 100) / 100 * box.width;
      const start = performance.now();
      plot.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: box.top + box.height / 2, bubbles: true, composed: true }));
      // Lit renders in a microtask: the update is script too, so it is awaited before timing.
      return el.updateComplete.then(() => performance.now() - start);
    },
    async zoom(k) {
      const { el, plot, grid } = charts.goldboard;
      const box = grid();
      const factor = FACTORS[k % FACTORS.length];
      // ctrl + wheel: e^(deltaY · 0.002) is the factor.
      const deltaY = Math.log(factor) / 0.002;
      const start = performance.now();
      plot.dispatchEvent(new WheelEvent('wheel', { deltaY, ctrlKey: true, clientX: box.left + 0.4 * box.width, clientY: box.top + 10, bubbles: true, cancelable: true, composed: true }));
      await el.updateComplete;
      const script = performance.now() - start;
      await afterPaint();
      return { script, total: performance.now() - start, points: el.drawnPoints, span: el.domains.x[1] - el.domains.x[0] };
    },
    async reset() {
      charts.goldboard.el.zoomRange = undefined;
      await charts.goldboard.el.updateComplete;
      await afterPaint();
    },
  },
  uplot: {
    async prepare() {
      const host = document.createElement('div');
      document.body.append(host);
      let drawn;
      const done = new Promise((r) => (drawn = r));
      const chart = new uPlot(uplotOptions(drawn), [seconds, trendRevenue], host);
      await done;
      await afterPaint();
      charts.uplot = { chart, over: chart.over };
      return {};
    },
    move(k) {
      const { over } = charts.uplot;
      const box = over.getBoundingClientRect();
      const x = box.left + ((k * 37) % 100) / 100 * box.width;
      const start = performance.now();
      over.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: box.top + box.height / 2, bubbles: true }));
      return Promise.resolve(performance.now() - start);
    },
    async zoom(k) {
      const { chart } = charts.uplot;
      const factor = FACTORS[k % FACTORS.length];
      const { min, max } = chart.scales.x;
      const at = min + 0.4 * (max - min);
      const span = Math.min((max - min) * factor, seconds[N - 1] - seconds[0]);
      let lo = at - 0.4 * span;
      let hi = lo + span;
      if (lo < seconds[0]) [lo, hi] = [seconds[0], seconds[0] + span];
      if (hi > seconds[N - 1]) [lo, hi] = [seconds[N - 1] - span, seconds[N - 1]];
      const start = performance.now();
      // What uPlot's own zoom (a drag select, or a wheel plugin) calls: setScale, redrawn at once.
      chart.setScale('x', { min: lo, max: hi });
      const script = performance.now() - start;
      await afterPaint();
      return { script, total: performance.now() - start, span: (hi - lo) * 1000 };
    },
    async reset() {
      charts.uplot.chart.setScale('x', { min: seconds[0], max: seconds[N - 1] });
      await afterPaint();
    },
  },
};

globalThis.zoomBench = {
  n: N,
  userAgent: navigator.userAgent,
  libraries: Object.keys(libraries),
  ready: () => customElements.get('revenue-trend') !== undefined,
  prepare: (lib) => libraries[lib].prepare(),
  move: (lib, k) => libraries[lib].move(k),
  zoom: (lib, k) => libraries[lib].zoom(k),
  reset: (lib) => libraries[lib].reset(),
};
