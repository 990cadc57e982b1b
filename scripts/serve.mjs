// A small static HTTP server for the release build: the demo and the end-to-end tests use it.
//   node scripts/serve.mjs DIR [PORT]      (PORT 0 picks a free one)
// Imported, `serve(dir, {port, headers, routes, prefix})` resolves to {server, url, log}:
// `headers` is an object, or a function of the path giving one (e.g. a CSP for one page);
// `routes` maps a path to a response ({status, type, body, delay, headers}) that tests set
// up, or to a function (req, res) for behaviour beyond that;
// `prefix` serves DIR under that path instead of at the root; `html` is a function (text,
// path) giving the HTML pages of DIR as sent (the cross-engine tests put their recorder's
// script first in each page; such pages go out uncompressed); `log` lists the paths
// requested. Binds 127.0.0.1 only.
// Files are sent compressed as the README's nginx and Apache settings send them: brotli or
// gzip, as the request accepts, for HTML, JS, CSS, JSON, SVG and wasm (`compress: false`
// sends them as they are, `compress: 'gzip'` never brotli): a precompressed NAME.br or NAME.gz
// beside the file if there is one, else compressed on the fly and kept until the file changes.
import http from 'node:http';
import fs from 'node:fs/promises';
import fsSync from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The strict policy the viewer must work under (see www/embed/strict-csp.html). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/** The strict policy with the hash of the prerendered demo's inline stylesheet (the build
 *  keeps what `bulletin render --fragment --inline-css` printed in embed/prerendered.style-src). */
export function prerenderedCsp(dir) {
  const hash = fsSync.readFileSync(path.join(dir, 'embed/prerendered.style-src'), 'utf8').trim();
  return STRICT_CSP.replace("style-src 'self'", `style-src 'self' ${hash}`);
}

/** The types a web server compresses (images other than SVG are compressed already). */
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.txt', '.svg']);
const packed = new Map(); // file → {mtime, br, gzip}

/** `body` of `file` in the encoding the request accepts: [body, encoding or null]. */
function encoded(req, file, mtime, body, only) {
  const accept = String(req.headers['accept-encoding'] || '');
  const coding = /\bbr\b/.test(accept) && only !== 'gzip' ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
  if (!coding || !COMPRESSED.has(path.extname(file)) || body.length < 256) return [body, null];
  // A precompressed copy beside the file (scripts/make-loader.mjs writes them for the hashed
  // files), as nginx's brotli_static/gzip_static send it, when it is not older than the file.
  const ready = `${file}.${coding === 'br' ? 'br' : 'gz'}`;
  try {
    if (fsSync.statSync(ready).mtimeMs >= mtime) return [fsSync.readFileSync(ready), coding];
  } catch { /* none: compressed on the fly */ }
  let entry = packed.get(file);
  if (!entry || entry.mtime !== mtime) packed.set(file, (entry = { mtime }));
  if (!entry[coding]) {
    // Quality 5 for brotli, level 6 for gzip: what nginx and Apache use on the fly.
    entry[coding] = coding === 'br'
      ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
      : zlib.gzipSync(body, { level: 6 });
  }
  return [entry[coding], coding];
}

export function serve(dir, { port = 0, headers = {}, routes = {}, prefix = '/', compress = true, html } = {}) {
  const root = path.resolve(dir);
  const log = [];
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      log.push(url.pathname);
      const extra = typeof headers === 'function' ? headers(url.pathname) : headers;
      const route = routes[url.pathname];
      if (typeof route === 'function') {
        route(req, res);
        return;
      }
      if (route) {
        if (route.delay) await new Promise((r) => setTimeout(r, route.delay));
        res.writeHead(route.status ?? 200, { 'content-type': route.type ?? 'application/json', ...extra, ...route.headers });
        res.end(route.body);
        return;
      }
      if (!url.pathname.startsWith(prefix)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      let file = path.join(root, decodeURIComponent(url.pathname.slice(prefix.length - 1)));
      if (!file.startsWith(root)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await fs.stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const stat = await fs.stat(file);
      let plain = await fs.readFile(file);
      const rewritten = html && path.extname(file) === '.html';
      if (rewritten) plain = Buffer.from(html(plain.toString('utf8'), url.pathname));
      const [body, coding] = compress && !rewritten ? encoded(req, file, stat.mtimeMs, plain, compress) : [plain, null];
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-cache',
        'content-length': body.length,
        ...(coding ? { 'content-encoding': coding } : {}),
        ...(compress ? { vary: 'Accept-Encoding' } : {}),
        ...extra,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(e.code === 'ENOENT' || e.code === 'ENOTDIR' ? 404 : 500, { 'content-type': 'text/plain' });
      res.end(e.code === 'ENOENT' || e.code === 'ENOTDIR' ? 'not found\n' : 'server error\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({ server, log, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  // The strict-CSP demo page gets its policy as a header too, as a portal would send it; so
  // does the prerendered one, allowing its inline stylesheet by hash.
  const headers = (p) => (p.endsWith('/strict-csp.html') ? { 'content-security-policy': STRICT_CSP }
    : p.endsWith('/prerendered.html') ? { 'content-security-policy': prerenderedCsp(dir) } : {});
  const { url } = await serve(dir, { port: Number(port), headers });
  console.log(`serving ${dir} at ${url}`);
}
