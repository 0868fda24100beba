// Serves a Gold folder (and the standalone bundle) to the dev server: a tiny static handler,
// so the examples read Gold exactly as a page reads it from any static host (ETags and 304s
// included, as static hosts send them).
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
    // Revalidated on every use: an ETag from the file's size and time, a 304 when it matches
    // (a rebuilt Gold gets new files, so new ETags).
    const stat = statSync(file);
    const etag = `W/"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('ETag', etag);
    const asked = req.headers['if-none-match'];
    if (asked && asked.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag.slice(2))) {
      res.statusCode = 304;
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };
}
