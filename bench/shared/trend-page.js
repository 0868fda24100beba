// What the in-page harnesses of the render and zoom benchmarks share (each page is bundled with
// esbuild): the chart size, the synthetic series every library draws, uPlot's options, and a
// wait for the next painted frame.

export const WIDTH = 800;
export const HEIGHT = 300;

/**
 * n points, one every `step` ms from 2019-10-01: epoch ms and seconds (uPlot's x), revenue, and
 * the same columns as an Arrow-like table (as flechette or apache-arrow decode them), which is
 * what Goldboard reads.
 */
export function trendSeries(n, step) {
  const t0 = Date.UTC(2019, 9, 1);
  const ms = new Float64Array(n);
  const seconds = new Float64Array(n);
  const revenue = new Float64Array(n);
  let seed = 42;
  for (let i = 0; i < n; i++) {
    ms[i] = t0 + i * step;
    seconds[i] = ms[i] / 1000;
    seed = (seed * 1664525 + 1013904223) >>> 0;
    revenue[i] = 200_000 + 80_000 * Math.sin((i / n) * 12) + 30_000 * Math.sin(i / 7) + (seed / 2 ** 32) * 20_000;
  }
  const column = (values) => ({ length: n, nullCount: 0, get: (i) => values[i], toArray: () => values });
  const table = {
    numRows: n,
    schema: { fields: [{ name: 'event_date', type: { typeId: 10 } }, { name: 'revenue', type: { typeId: 3 } }] },
    getChild: (name) => (name === 'event_date' ? column(ms) : name === 'revenue' ? column(revenue) : null),
  };
  return { ms, seconds, revenue, table };
}

/** A WIDTH × HEIGHT box appended to the page, for a chart. */
export function box() {
  const el = document.createElement('div');
  el.style.cssText = `width:${WIDTH}px;height:${HEIGHT}px;position:relative`;
  document.body.append(el);
  return el;
}

/** uPlot's options for the trend, `drawn` called once it has drawn. */
export const uplotOptions = (drawn) => ({
  width: WIDTH,
  height: HEIGHT,
  scales: { x: { time: true } },
  axes: [{}, { size: 64 }],
  series: [{}, { label: 'Revenue', stroke: '#b07d12', fill: 'rgba(176,125,18,0.16)', width: 1 }],
  hooks: { draw: [() => drawn()] },
});

/** Resolves after the next frame has been painted (a task queued from rAF runs after the paint). */
export const afterPaint = () =>
  new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  });
