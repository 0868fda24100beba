/**
 * One measured step in its own process, so peak memory (maxRSS) and CPU time (every thread,
 * DuckDB's included) are the step's own. `build` reads a Gold at `out` when there is one
 * (incremental); `build-full` reads every file again.
 */
import { bareScan, floorSteps } from '../../packages/pipeline/src/build/scan.js';
import { buildGold } from '../../packages/pipeline/src/index.js';

const [step, events, out] = process.argv.slice(2) as [string, string, string];
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
if (step === 'floor') {
  const started = performance.now();
  const cpuStart = cpu();
  const steps = await floorSteps(events);
  console.log(JSON.stringify({ step, steps, seconds: (performance.now() - started) / 1000, cpuSeconds: cpu() - cpuStart, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}
const started = performance.now();
const cpuStart = cpu();
let extra = {};
let rows: number;
if (step === 'build' || step === 'build-full') {
  const manifest = await buildGold({ events, out, progress: false, full: step === 'build-full' });
  rows = manifest.rows.read;
  extra = { stageSeconds: manifest.stageSeconds, build: manifest.build };
} else {
  rows = await bareScan(events, { typed: step === 'scan-typed' });
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ step, rows, seconds, cpuSeconds: cpu() - cpuStart, maxRssMB: process.resourceUsage().maxRSS / 1024, ...extra }));
