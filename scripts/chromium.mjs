// The one place that finds Chromium and knows the flags it needs here: the browser tests, the
// end-to-end tests and the benchmarks all launch it through this.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Chromium's path: CHROME_PATH (or CHROMIUM_PATH), else `chromium`, `chromium-browser` or
 * `google-chrome` on PATH (Debian's package installs /usr/bin/chromium); undefined when none.
 */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH || process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin'];
  for (const dir of dirs) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

/** findChromium(), or an error that says how to get one. */
export function requireChromium() {
  const path = findChromium();
  if (!path) {
    throw new Error("No Chromium found. Install Debian's package (apt-get install -y chromium) or set CHROME_PATH to a Chrome/Chromium binary.");
  }
  return path;
}

/**
 * Flags for headless Chromium on these machines: root needs no sandbox, and with no network but
 * the package registries its background services would only fail (and be flagged).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-setuid-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
];

/** The median of numbers (benchmarks report medians). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Headless Chromium through playwright-core (loaded on first use, so the test runner's config,
 * which only needs the path, does not load it), with this machine's flags plus `extraArgs`.
 */
export async function launchChromium(extraArgs = []) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: requireChromium(), headless: true, timeout: 60_000, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
