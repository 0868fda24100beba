// uPlot fed as a careful page would feed it from Arrow: the stream decoded by apache-arrow, the
// time column turned into seconds in one pass over its batches' buffers (int64 words or date32
// days, no BigInt per value), the revenue column's Float64Array as it is.
import { tableFromIPC } from 'apache-arrow';
import uPlot from 'uplot';
import { box, fail, HEIGHT, n, report, url, WIDTH } from './common.js';

function seconds(vector) {
  const out = new Float64Array(n);
  let at = 0;
  for (const d of vector.data) {
    const v = d.values;
    if (v instanceof Int32Array) {
      for (let i = 0; i < d.length; i++) out[at + i] = v[i] * 86_400;
    } else {
      const w = new Int32Array(v.buffer, v.byteOffset, 2 * d.length);
      for (let i = 0; i < d.length; i++) out[at + i] = (w[2 * i + 1] * 4294967296 + (w[2 * i] >>> 0)) / 1000;
    }
    at += d.length;
  }
  return out;
}

try {
  const table = tableFromIPC(new Uint8Array(await (await fetch(url)).arrayBuffer()));
  const data = [seconds(table.getChild('event_date')), table.getChild('revenue').toArray()];
  const host = box();
  let drawn = false;
  new uPlot(
    {
      width: WIDTH,
      height: HEIGHT,
      scales: { x: { time: true } },
      axes: [{}, { size: 64 }],
      series: [{}, { label: 'Revenue', stroke: '#b07d12', fill: 'rgba(176,125,18,0.16)', width: 1 }],
      hooks: {
        draw: [
          () => {
            if (drawn) return;
            drawn = true;
            const canvas = host.querySelector('canvas').getBoundingClientRect();
            report(performance.now(), { width: Math.round(canvas.width), height: Math.round(canvas.height) });
          },
        ],
      },
    },
    data,
    host,
  );
} catch (error) {
  fail(error);
}
