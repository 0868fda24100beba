// The in-page harness of the render benchmark (bundled by build.mjs with uPlot and ECharts; the
// Goldboard standalone bundle is loaded as published, from its own <script type="module">).
// window.renderBench.run(lib, n) draws one chart of n points into a fresh box and returns
// { scriptMs, totalMs }: from handing over the data to the library's "drawn" signal, and to the
// end of the next painted frame.
import uPlot from 'uplot';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { HEIGHT, WIDTH, afterPaint, box, trendSeries, uplotOptions } from '../shared/trend-page.js';

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

const DAY = 86_400_000;

/** The same data for every library: n points, one a minute from 2019-10-01 (n ≤ 1e3: one a day). */
const datasets = new Map();
function dataset(n) {
  let d = datasets.get(n);
  if (d) return d;
  const { ms, seconds, revenue, table } = trendSeries(n, n <= 1000 ? DAY : 60_000);
  // ECharts reads a flat typed array [t0, v0, t1, v1, …] (its fastest input; an array of a
  // million [t, v] pairs would also weigh on every garbage collection of the page).
  const flat = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    flat[2 * i] = ms[i];
    flat[2 * i + 1] = revenue[i];
  }
  d = { table, uplot: [seconds, revenue], flat };
  datasets.set(n, d);
  return d;
}

const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));

const libraries = {
  /** <revenue-trend>: the element's plot box (axes included) is WIDTH × HEIGHT, as uPlot's and ECharts' canvases. */
  async goldboard(n, host) {
    const { table } = dataset(n);
    host.style.height = 'auto';
    const el = document.createElement('revenue-trend');
    // The frame's padding and border (2 × 16 + 2) outside the plot box.
    el.style.cssText = `width:${WIDTH + 34}px;--goldboard-chart-height:${HEIGHT}px`;
    const ready = new Promise((resolve, reject) => {
      el.addEventListener('goldboard-ready', resolve, { once: true });
      el.addEventListener('goldboard-error', (e) => reject(new Error(e.detail.message)), { once: true });
    });
    el.data = table;
    host.append(el);
    await ready;
    return () => el.remove();
  },
  async uplot(n, host) {
    const { uplot } = dataset(n);
    let drawn;
    const done = new Promise((r) => (drawn = r));
    const chart = new uPlot(uplotOptions(drawn), uplot, host);
    await done;
    return () => chart.destroy();
  },
  async echarts(n, host) {
    const { flat } = dataset(n);
    const chart = echarts.init(host, null, { renderer: 'canvas', width: WIDTH, height: HEIGHT });
    chart.setOption({
      animation: false,
      grid: { left: 60, right: 16, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time' },
      yAxis: { type: 'value' },
      series: [{ type: 'line', data: flat, dimensions: ['time', 'revenue'], encode: { x: 'time', y: 'revenue' }, showSymbol: false, sampling: 'lttb', areaStyle: { opacity: 0.16 }, lineStyle: { width: 1 } }],
    });
    return () => chart.dispose();
  },
};

async function run(lib, n) {
  dataset(n); // data prepared outside the timing
  globalThis.gc?.();
  // Start from a quiet page: the previous run's frames painted and rasterised, the collector done.
  await new Promise((r) => setTimeout(r, 40));
  await afterPaint();
  await afterPaint();
  const host = box();
  await nextFrame();
  const t0 = performance.now();
  const cleanup = await libraries[lib](n, host);
  const t1 = performance.now();
  await afterPaint();
  const t2 = performance.now();
  const check = describe(lib, host);
  cleanup();
  host.remove();
  return { scriptMs: t1 - t0, totalMs: t2 - t0, check };
}

/** What was drawn, to check that every library drew something of the expected size. */
function describe(lib, host) {
  if (lib === 'goldboard') {
    const el = host.querySelector('revenue-trend');
    const svg = el.shadowRoot.querySelector('[part~="plot"] svg');
    return { width: Number(svg.getAttribute('width')), height: Number(svg.getAttribute('height')), points: el.drawnPoints, state: el.state };
  }
  const canvas = host.querySelector('canvas');
  return { width: canvas ? Math.round(canvas.getBoundingClientRect().width) : 0, height: canvas ? Math.round(canvas.getBoundingClientRect().height) : 0 };
}

/** Draws one chart and leaves it on the page (for looking at it). */
async function show(lib, n) {
  const host = box();
  await libraries[lib](n, host);
  return describe(lib, host);
}

window.renderBench = {
  show,
  libraries: Object.keys(libraries),
  run,
  prepare: (n) => void dataset(n),
  forget: () => datasets.clear(),
  userAgent: navigator.userAgent,
  hardwareConcurrency: navigator.hardwareConcurrency,
  size: { width: WIDTH, height: HEIGHT },
  ready: () => Boolean(customElements.get('revenue-trend')),
};
