/** One measured step in its own process, so peak memory (maxRSS) is the step's own. */
import { bareScan } from '../../packages/pipeline/src/build/scan.js';
import { buildGold } from '../../packages/pipeline/src/index.js';

const [step, events, out] = process.argv.slice(2) as [string, string, string];
const started = performance.now();
const rows =
  step === 'build'
    ? (await buildGold({ events, out, progress: false })).rows.read
    : await bareScan(events, { typed: step === 'scan-typed' });
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ step, rows, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
