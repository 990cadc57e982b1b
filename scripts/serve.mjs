// A small static HTTP server for the release build: the demo and the end-to-end tests use it.
//   node scripts/serve.mjs DIR [PORT]      (PORT 0 picks a free one)
// Imported, `serve(dir, {port, headers, routes, prefix})` resolves to {server, url, log}:
// `headers` is an object, or a function of the path giving one (e.g. a CSP for one page);
// `routes` maps a path to a response ({status, type, body, delay, headers}) that tests set
// up, or to a function (req, res) for behaviour beyond that;
// `prefix` serves DIR under that path instead of at the root; `log` lists the paths
// requested. Binds 127.0.0.1 only.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
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

export function serve(dir, { port = 0, headers = {}, routes = {}, prefix = '/' } = {}) {
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
      const body = await fs.readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-cache',
        ...extra,
      });
      res.end(body);
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
  // The strict-CSP demo page gets its policy as a header too, as a portal would send it.
  const headers = (p) => (p.endsWith('/strict-csp.html') ? { 'content-security-policy': STRICT_CSP } : {});
  const { url } = await serve(dir, { port: Number(port), headers });
  console.log(`serving ${dir} at ${url}`);
}
