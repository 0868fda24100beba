import { resolve } from 'node:path';
import { defineConfig, type Plugin, type ResolvedConfig } from 'vite';
// @ts-expect-error: a plain ESM helper without types
import { serveFolder } from './scripts/gold-files.mjs';

const goldDir = resolve(process.env.GOLD_DIR ?? 'gold-sample');
// The Gold server behind /v1 (pnpm start sets it): same origin for the page, no CORS needed.
const goldServer = process.env.GOLD_SERVER_TARGET;
const proxy = goldServer ? { '/v1': { target: goldServer, changeOrigin: true } } : undefined;
const bundleDir = resolve('packages/elements/dist');

/**
 * The dashboard's Gold files start downloading while the page's script is still loading, when
 * it reads static files (no Gold server configured): the datasets its first page shows. The
 * Arrow decoder chunk is preloaded in both cases (the page rendered on the server drops that
 * preload: its elements' data comes with the page).
 */
function preloadGold(): Plugin {
  const datasets = ['kpi_summary', 'daily_metrics', 'top_products', 'top_users', 'segment_summary'];
  let config: ResolvedConfig;
  return {
    name: 'goldboard-preload-gold',
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml(html, context) {
      if (!context.path.includes('dashboard')) return html;
      // The Arrow decoder is a lazy chunk of the elements, needed by the first data to arrive:
      // fetched and compiled alongside the page's own code rather than after it has run.
      const chunks = Object.values(context.bundle ?? {}).filter((c) => c.type === 'chunk');
      const decoder = chunks.filter((c) => c.name === 'arrow-decode');
      if (context.bundle && decoder.length === 0) config.logger.warn('goldboard-preload-gold: no arrow-decode chunk in the bundle; the decoder is not preloaded.');
      // The dashboard's code, which its entry imports once the page is painted: fetched with the
      // page, with what it imports but the entry (which the page loads as its script).
      const appChunk = chunks.find((c) => c.name === 'dashboard-app');
      if (context.bundle && !appChunk) config.logger.warn('goldboard-preload-gold: no dashboard-app chunk in the bundle; the dashboard code is not preloaded.');
      const app = appChunk ? [appChunk, ...chunks.filter((c) => !c.isEntry && appChunk.imports.includes(c.fileName))] : [];
      const tags = [...app, ...decoder].map((c) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `${config.base}${c.fileName}` }, injectTo: 'head-prepend' as const }));
      if (process.env.VITE_GOLD_SERVER) return tags;
      return [...datasets.map((d) => ({ tag: 'link', attrs: { rel: 'preload', as: 'fetch', crossorigin: '', href: `/gold/${d}.arrow` }, injectTo: 'head-prepend' as const })), ...tags];
    },
  };
}

/** /gold/* from the Gold folder, /goldboard.js (+ chunks) from the standalone bundle. */
function goldFiles(): Plugin {
  const gold = serveFolder('/gold/', goldDir);
  const bundle = serveFolder('/goldboard/', bundleDir);
  return {
    name: 'goldboard-files',
    configureServer(server) {
      server.middlewares.use(gold);
      server.middlewares.use(bundle);
      server.middlewares.use((req, res, next) => {
        if (req.url === '/' || req.url === '/index.html') {
          res.statusCode = 302;
          res.setHeader('Location', '/dashboard/');
          res.end();
          return;
        }
        next();
      });
    },
  };
}

// The examples: the reference dashboard at /dashboard/, the CMS embed at /cms-embed/.
export default defineConfig({
  root: 'examples',
  resolve: { conditions: ['source'] },
  plugins: [goldFiles(), preloadGold()],
  server: { port: Number(process.env.PORT ?? 5173), strictPort: true, host: '127.0.0.1', proxy },
  build: {
    outDir: resolve('examples/dist'),
    emptyOutDir: true,
    rolldownOptions: {
      input: { dashboard: resolve('examples/dashboard/index.html') },
      // The dashboard imports every element's code up front (`@goldboard/elements/all.js`): the
      // elements' own dynamic imports of that code then stay as they are, as intended.
      onLog(level, log, handler) {
        if (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT' && /packages\/elements\/src\/(?:base\/lazy-chunk|kpi-card\/compare)\.ts is dynamically imported/.test(log.message)) return;
        handler(level, log);
      },
    },
  },
});
