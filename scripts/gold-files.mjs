// Serves a Gold folder (and the standalone bundle) to the dev server: a tiny static handler,
// so the examples read Gold exactly as a page reads it from any static host.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.arrow': 'application/vnd.apache.arrow.file',
  '.json': 'application/json',
  '.parquet': 'application/vnd.apache.parquet',
  '.js': 'text/javascript',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** Connect middleware serving files under `dir` at `prefix` (no directory listing, no escaping `dir`). */
export function serveFolder(prefix, dir) {
  const root = resolve(dir);
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(prefix)) return next();
    const relative = decodeURIComponent(url.pathname.slice(prefix.length));
    const file = normalize(join(root, relative));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end(`Not found: ${url.pathname}`);
      return;
    }
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'no-cache');
    createReadStream(file).pipe(res);
  };
}
