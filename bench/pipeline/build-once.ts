/** One measured step in its own process, so peak memory (maxRSS) is the step's own. */
import { bareScan, floorSteps } from '../../packages/pipeline/src/build/scan.js';
import { buildGold } from '../../packages/pipeline/src/index.js';

const [step, events, out] = process.argv.slice(2) as [string, string, string];
if (step === 'floor') {
  const started = performance.now();
  const steps = await floorSteps(events);
  console.log(JSON.stringify({ step, steps, seconds: (performance.now() - started) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}
const started = performance.now();
const rows =
  step === 'build'
    ? (await buildGold({ events, out, progress: false })).rows.read
    : await bareScan(events, { typed: step === 'scan-typed' });
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ step, rows, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
