/** What the server benchmarks share: Gold folders built once, a free port, the server in a child process. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGold, generateEvents } from '../../packages/pipeline/src/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
export const root = join(here, '..', '..');
const data = join(here, '.data');

/** A Gold folder of `size` generated events (seed 1), built once under bench/server/.data/. */
export async function ensureGold(size: number): Promise<string> {
  const gold = join(data, `gold-${size}`);
  if (existsSync(join(gold, 'manifest.json')) && JSON.parse(readFileSync(join(gold, 'manifest.json'), 'utf8')).rows.read === size) return gold;
  const events = join(data, `events-${size}`);
  console.error(`generating ${size.toLocaleString('en-US')} events and building Gold (once)…`);
  await generateEvents({ out: events, events: size, seed: 1 });
  await buildGold({ events, out: gold, progress: false });
  return gold;
}

/** A port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Starts `goldboard serve` (or another server entry, `bin`) in a child process, its request log
 * to /dev/null; resolves once it answers /healthz. `cwd`: another checkout's root, whose own
 * dependencies the server then loads.
 */
export async function serve(gold: string, extra: string[], bin = join(root, 'packages/server/src/bin.ts'), cwd = root): Promise<{ base: string; port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', bin, '--gold', gold, '--port', String(port), ...extra], {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    const up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (up) return { base, port, child };
    if (i > 200) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
