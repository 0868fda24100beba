// A static server for the built examples, as a plain web host would serve them: the built
// dashboard at /dashboard/, the CMS page at /cms-embed/, the Gold folder at /gold/ and the
// standalone bundle at /goldboard/. Used by the end-to-end tests and the dashboard benchmark.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { serveFolder } from './gold-files.mjs';

/** Starts the server on 127.0.0.1 (port 0 = any free port); resolves to { url, close }. */
export function startStaticServer({ port = 0, goldDir = 'gold-sample', root = '.' } = {}) {
  const at = (path) => resolve(root, path);
  const handlers = [
    serveFolder('/gold/', at(goldDir)),
    serveFolder('/goldboard/', at('packages/elements/dist')),
    serveFolder('/cms-embed/', at('examples/cms-embed')),
    serveFolder('/', at('examples/dist')),
  ];
  const server = createServer((req, res) => {
    if (req.url?.endsWith('/')) req.url += 'index.html';
    else if (/^\/(dashboard|cms-embed)$/.test(req.url ?? '')) req.url += '/index.html';
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
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolvePromise({ url: `http://127.0.0.1:${actual}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
