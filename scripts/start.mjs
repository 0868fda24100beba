// pnpm start: makes sure the sample Gold and the standalone bundle exist, then serves the
// reference dashboard (and the CMS embed example) with Vite. PORT and GOLD_DIR are honoured.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!process.env.GOLD_DIR) run('pnpm', ['run', '--silent', 'sample']);
else if (!existsSync(`${process.env.GOLD_DIR}/kpi_summary.arrow`)) {
  console.error(`GOLD_DIR=${process.env.GOLD_DIR} holds no kpi_summary.arrow: point it at a folder written by \`pnpm goldboard build\`.`);
  process.exit(1);
}
if (!existsSync('packages/elements/dist/goldboard.js')) run('pnpm', ['run', '--silent', 'build']);

const port = process.env.PORT ?? '5173';
const vite = spawn('pnpm', ['exec', 'vite', '--port', port, '--strictPort', '--clearScreen', 'false'], { stdio: ['inherit', 'pipe', 'inherit'] });
let announced = false;
vite.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /ready in/i.test(String(chunk))) {
    announced = true;
    console.log(`\n  Goldboard reference dashboard: http://localhost:${port}/dashboard/`);
    console.log(`  CMS embed example:             http://localhost:${port}/cms-embed/\n`);
  }
});
vite.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => vite.kill(signal));
