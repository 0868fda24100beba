// A tiny static server for dist/ and data/, bound to 127.0.0.1 on an ephemeral port.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.arrow': 'application/vnd.apache.arrow.file' };

/** roots: { '/': dir, '/data/': dir }. Resolves to { url, close }. */
export function serve(roots) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const prefix = Object.keys(roots).sort((a, b) => b.length - a.length).find((p) => path.startsWith(p));
    const rel = normalize(path.slice(prefix.length) || 'index.html');
    if (rel.startsWith('..') || rel.includes(`${sep}..`)) { res.writeHead(403).end(); return; }
    const file = join(roots[prefix], rel);
    let size;
    try { size = statSync(file).size; } catch { res.writeHead(404).end(); return; }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': size,
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}
