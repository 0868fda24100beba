// Browser tests: every *.test.ts under packages/*/src runs in headless Chromium (Debian's
// `chromium`, or CHROME_PATH). The middleware below gives tests HTTP failures to meet.
import { readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, requireChromium } from './scripts/chromium.mjs';


function chromiumOrExit() {
  try {
    return requireChromium();
  } catch (error) {
    console.error(`Browser tests: ${error.message}`);
    process.exit(1);
  }
}

// What a strict embedding page allows: the elements must draw, and export, within it.
const STRICT_CSP = "default-src 'self'; style-src 'self'; require-trusted-types-for 'script'";

// Requests seen per `key` query parameter, so tests can count what reached the server.
const hits = new Map();

/** @type {import('@web/dev-server-core').Middleware} */
async function testApi(ctx, next) {
  // Stories read their Gold folder at ./gold, as Storybook serves it.
  if (ctx.path.startsWith('/gold/')) ctx.url = ctx.url.replace('/gold/', '/test/fixtures/gold/');
  const url = new URL(ctx.url, 'http://localhost');
  const key = url.searchParams.get('key');
  if (key && !url.pathname.startsWith('/test-api/hits')) hits.set(key, (hits.get(key) ?? 0) + 1);
  if (url.searchParams.get('cors') === 'allow') {
    // Any file, readable from another origin (tests reach this server as localhost and as 127.0.0.1).
    await next();
    ctx.set('Access-Control-Allow-Origin', '*');
    return;
  }
  if (url.searchParams.get('csp') === 'strict') {
    // Any page, served as a site with a strict Content-Security-Policy would serve it.
    await next();
    ctx.set('Content-Security-Policy', STRICT_CSP);
    return;
  }
  if (url.pathname === '/test-api/hits') {
    ctx.body = JSON.stringify({ hits: hits.get(key) ?? 0 });
    ctx.type = 'application/json';
    return;
  }
  if (url.pathname.startsWith('/test-api/status/')) {
    ctx.status = Number(url.pathname.split('/').pop());
    ctx.body = `status ${ctx.status}`;
    return;
  }
  if (url.pathname === '/test-api/slow') {
    // Serves a fixture after a delay: ?ms=300&file=test/fixtures/gold/kpi_summary.arrow
    const ms = Math.min(Number(url.searchParams.get('ms') ?? 200), 5000);
    await new Promise((resolve) => setTimeout(resolve, ms));
    const file = url.searchParams.get('file') ?? '';
    if (!/^test\/fixtures\/[\w./-]+$/.test(file) || file.includes('..')) {
      ctx.status = 400;
      return;
    }
    ctx.body = readFileSync(file);
    ctx.type = file.endsWith('.json') ? 'application/json' : 'application/vnd.apache.arrow.file';
    return;
  }
  if (url.pathname === '/test-api/trickle') {
    // Serves a fixture in pieces of `bytes`, each sent `ms` after the one before (an Arrow stream
    // arriving slowly): ?file=test/fixtures/gold/daily_metrics.stream.arrow&bytes=100&ms=20;
    // &cut=N ends the answer (cleanly) after N bytes.
    const file = url.searchParams.get('file') ?? '';
    if (!/^test\/fixtures\/[\w./-]+$/.test(file) || file.includes('..')) {
      ctx.status = 400;
      return;
    }
    const data = readFileSync(file);
    const bytes = Math.max(1, Number(url.searchParams.get('bytes') ?? 100));
    const ms = Math.min(Number(url.searchParams.get('ms') ?? 20), 1000);
    const cut = Math.min(Number(url.searchParams.get('cut') ?? data.length), data.length);
    ctx.respond = false;
    ctx.res.writeHead(200, { 'content-type': 'application/vnd.apache.arrow.stream', 'cache-control': 'no-store' });
    for (let at = 0; at < cut && !ctx.res.destroyed; at += bytes) {
      ctx.res.write(data.subarray(at, Math.min(at + bytes, cut)));
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    ctx.res.end();
    return;
  }
  if (url.pathname === '/test-api/cut') {
    // Announces more bytes than it sends, then drops the connection.
    ctx.respond = false;
    ctx.res.writeHead(200, { 'content-length': '100000', 'content-type': 'application/json' });
    ctx.res.write('[{"revenue": 1');
    setTimeout(() => ctx.res.destroy(), 50);
    return;
  }
  return next();
}

/**
 * `executeServerCommand('touch', { type, points })`: real touch input through Chromium's
 * `Input.dispatchTouchEvent` (the browser turns it into pointer events of type `touch`, as a
 * touch screen does); `type` is touchStart, touchMove or touchEnd, `points` the fingers touching
 * after it ({ x, y, id } in viewport px).
 */
function touchPlugin() {
  const sessions = new WeakMap();
  return {
    name: 'goldboard-touch',
    async executeCommand({ command, payload, session }) {
      if (command !== 'touch') return undefined;
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) sessions.set(page, (cdp = await page.createCDPSession()));
      await cdp.send('Input.dispatchTouchEvent', { type: payload.type, touchPoints: payload.points });
      return true;
    },
  };
}

export default {
  files: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'import', 'default'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }), touchPlugin()],
  middleware: [testApi],
  // One page at a time: a page in a background tab gets no animation frames, which fixtures and
  // ResizeObserver-driven drawing wait for.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumOrExit(),
        headless: true,
        args: [
          ...CHROMIUM_ARGS,
          '--disable-renderer-backgrounding',
          '--disable-background-timer-throttling',
          '--disable-backgrounding-occluded-windows',
        ],
      },
    }),
  ],
};
