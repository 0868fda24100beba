// A static server for the built examples, as a plain web host would serve them: the built
// dashboard at /dashboard/, the CMS page at /cms-embed/, the Gold folder at /gold/ and the
// standalone bundle at /goldboard/. Used by the end-to-end tests and the dashboard benchmark.
import { createServer, request } from 'node:http';
import { resolve } from 'node:path';
import { serveFolder } from './gold-files.mjs';
import { renderedCmsPage, renderedDashboard } from './rendered-pages.mjs';

/** Forwards /v1/* to a Goldboard server, as `pnpm start`'s dev server does. */
function proxyApi(target) {
  const base = new URL(target);
  return (req, res, next) => {
    if (!req.url?.startsWith('/v1/')) return next();
    const upstream = request(
      { host: base.hostname, port: base.port, path: req.url, method: req.method, headers: { ...req.headers, host: base.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // A stream (the server's /v1/events) ends with the page's connection.
    res.on('close', () => upstream.destroy());
    upstream.on('error', (error) => {
      res.statusCode = 502;
      res.end(`Gold server unreachable: ${error.message}`);
    });
    req.pipe(upstream);
  };
}

/**
 * Starts the server on 127.0.0.1 (port 0 = any free port); resolves to { url, close }. With
 * `api`, requests to /v1/ go to that Goldboard server; with `render` too, the dashboard is
 * rendered on the server over that server's data (`timings` collects the render times; `render`
 * may be the rendered dashboard's options, such as `{ maxAgeMs }`).
 */
export function startStaticServer({ port = 0, goldDir = 'gold-sample', root = '.', api, render = false, timings, host = '127.0.0.1' } = {}) {
  const at = (path) => resolve(root, path);
  const handlers = [
    ...(api ? [proxyApi(api)] : []),
    ...(api && render ? [renderedDashboard({ api, root, timings, ...(typeof render === 'object' ? render : {}) }), renderedCmsPage({ api, root })] : []),
    serveFolder('/gold/', at(goldDir)),
    serveFolder('/goldboard/', at('packages/elements/dist')),
    serveFolder('/cms-embed/', at('examples/cms-embed')),
    serveFolder('/', at('examples/dist')),
  ];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.endsWith('/')) url.pathname += 'index.html';
    else if (/^\/(dashboard|cms-embed)$/.test(url.pathname)) url.pathname += '/index.html';
    req.url = url.pathname + url.search;
    let i = 0;
    const next = () => {
      const handler = handlers[i++];
      if (handler) handler(req, res, next);
      else {
        res.statusCode = 404;
        res.end('Not found');
      }
    };
    next();
  });
  return new Promise((resolvePromise) => {
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolvePromise({ url: `http://127.0.0.1:${actual}`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) });
    });
  });
}
