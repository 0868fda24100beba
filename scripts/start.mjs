// pnpm start: makes sure the sample Gold and the builds exist, starts the Gold server over the
// Gold folder (exact figures for any date range), and serves the reference dashboard rendered
// on the server over its data (readable without JavaScript, interactive once its script runs)
// and the CMS embed example, forwarding /v1 to the Gold server. GOLD_MODE=files serves the
// static Gold files with Vite's dev server instead, as before.
//   PORT      the dashboard's port (5173)
//   GOLD_DIR  a Gold folder written by `pnpm goldboard build` (default: the sample, built here)
//   GOLD_URL  a running Goldboard server to use instead of starting one
//   GOLD_MODE=files  no server: the dashboard reads the static Gold files only
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

const children = [];
function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
function stop(code = 0) {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}

const goldDir = process.env.GOLD_DIR ?? 'gold-sample';
if (!process.env.GOLD_DIR) run('pnpm', ['run', '--silent', 'sample']);
else if (!existsSync(`${goldDir}/kpi_summary.arrow`)) {
  console.error(`GOLD_DIR=${goldDir} holds no kpi_summary.arrow: point it at a folder written by \`pnpm goldboard build\`.`);
  process.exit(1);
}
const built = ['packages/elements/dist/goldboard-hydrate.js', 'packages/server/dist/index.js', 'packages/ssr/dist/index.js', 'examples/dist/dashboard/index.html'];
if (!built.every((file) => existsSync(file))) run('pnpm', ['run', '--silent', 'build']);

const env = { ...process.env, GOLD_DIR: goldDir };
let serverNote = 'static Gold files (GOLD_MODE=files)';
if (process.env.GOLD_URL) {
  env.GOLD_SERVER_TARGET = process.env.GOLD_URL;
  env.VITE_GOLD_SERVER = '/';
  serverNote = `the Gold server at ${process.env.GOLD_URL}`;
} else if (process.env.GOLD_MODE !== 'files') {
  // Port 0: the system picks a free one, and the server says which in its "listening" line.
  const server = spawn(process.execPath, ['packages/server/dist/bin.js', '--gold', goldDir, '--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(server);
  server.on('exit', (code) => {
    console.error(`The Gold server stopped (exit ${code}).`);
    stop(1);
  });
  // The server logs JSON lines; show the first (listening) and any error, not every request.
  const url = await new Promise((resolve) => {
    createInterface({ input: server.stdout }).on('line', (line) => {
      if (line.includes('"listening"')) resolve(JSON.parse(line).url);
      else if (line.includes('"level":"error"')) console.error(line);
    });
  });
  env.GOLD_SERVER_TARGET = url;
  env.VITE_GOLD_SERVER = '/';
  serverNote = `the Gold server over ${goldDir} (DuckDB)`;
}

const port = process.env.PORT ?? '5173';
if (env.GOLD_SERVER_TARGET) {
  // Rendered on the server: the built dashboard, the Gold server's data.
  const { startStaticServer } = await import('./serve-built.mjs');
  const site = await startStaticServer({ port: Number(port), goldDir, api: env.GOLD_SERVER_TARGET, render: true });
  console.log(`\n  Goldboard reference dashboard: http://localhost:${port}/dashboard/  (rendered on the server; data: ${serverNote})`);
  console.log(`  CMS embed example:             http://localhost:${port}/cms-embed/\n`);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => site.close().then(() => stop(0)));
} else {
  const vite = spawn('pnpm', ['exec', 'vite', '--clearScreen', 'false'], { env: { ...env, PORT: port }, stdio: ['inherit', 'pipe', 'inherit'] });
  children.push(vite);
  let announced = false;
  vite.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (!announced && /ready in/i.test(String(chunk))) {
      announced = true;
      console.log(`\n  Goldboard reference dashboard: http://localhost:${port}/dashboard/  (data: ${serverNote})`);
      console.log(`  CMS embed example:             http://localhost:${port}/cms-embed/\n`);
    }
  });
  vite.on('exit', (code) => stop(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));
}
