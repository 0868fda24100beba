// The built dashboard and CMS pages as the end-to-end tests meet them: served with the Gold
// server over a Gold folder behind /v1, and a Chromium to open them.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { DuckDBEngine, createGoldServer, silentLogger } from '@goldboard/server';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { startStaticServer } from '../../../scripts/serve-built.mjs';

/**
 * Starts the site over `gold` (rendered on the server, as `pnpm start` serves it, with `render`:
 * true, or the rendered dashboard's options) and a browser; `close()` stops all three.
 */
export async function startSite({ gold = 'gold-sample', render = false } = {}) {
  assert.ok(existsSync('examples/dist/dashboard/index.html'), 'The dashboard is not built: run `pnpm build` first.');
  const goldServer = createGoldServer({ engine: await DuckDBEngine.open({ gold }), log: silentLogger });
  const address = await goldServer.listen(0, '127.0.0.1');
  const server = await startStaticServer({ goldDir: gold, api: `http://127.0.0.1:${address.port}`, ...(render ? { render } : {}) });
  const browser = await launchChromium();
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await goldServer.close();
    },
  };
}
