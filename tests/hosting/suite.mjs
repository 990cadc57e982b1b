// The hosting tests, run against one real server (nginx or Apache, servers.mjs) that serves
// the viewer's folder and a feed's folder with the shipped server/ files, and a portal page
// on a second origin. Over plain HTTP: every kind of file gets its type, its compression
// (the precompressed copy's very bytes where there is one), its Cache-Control, Vary, an ETag
// that gives a 304, and CORS headers for the portal's origin, preflights answered. In
// Chromium, on the portal's origin: the embed shows the issue, a feed's 往期检索 finds, and a
// kiosk's re-check is answered 304.
//
// The folder served is dist/, or BULLETIN_HOSTING_ROOT (servers.mjs `roots`); a test of
// another tree (an unzipped release) may call `hostingSuite(title, start, { root, feed })`
// itself.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { roots, site, portalPages } from './servers.mjs';
import { inViewer, poll } from '../e2e/browser.mjs';

const SCREENSHOTS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../target/screenshots');
const DESKTOP = { width: 1366, height: 768 };

const SHORT = 'public, max-age=300';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';
/** A content-hashed name of the build (scripts/make-loader.mjs, Trunk) or of the index. */
const HASHED = /-[0-9a-f]{16}(_bg\.wasm|\.js|\.css)$/;
const TYPES = {
  '.js': /^(text|application)\/javascript\b/,
  '.wasm': /^application\/wasm$/,
  '.css': /^text\/css\b/,
  '.json': /^application\/json\b/,
  '.svg': /^image\/svg\+xml\b/,
  '.html': /^text\/html\b/,
};
/** What clients send: browsers (Chromium here adds zstd), one without brotli, and none. */
const ACCEPT = ['gzip, deflate, br', 'gzip, deflate', null];

/** One request: { status, headers, body (Buffer, as sent: not decompressed) }. */
export function request(url, { method = 'GET', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The body as the browser reads it. */
function decoded({ headers, body }) {
  const coding = headers['content-encoding'];
  if (!coding) return body;
  if (coding === 'gzip') return zlib.gunzipSync(body);
  if (coding === 'br') return zlib.brotliDecompressSync(body);
  throw new Error(`unexpected Content-Encoding: ${coding}`);
}

const varies = (h) => String(h.vary ?? '').split(',').map((v) => v.trim().toLowerCase()).includes('accept-encoding');

/** Every file below `dir`, as paths relative to it (with `/`), but dotfiles and the
 *  precompressed copies. */
function files(dir, sub = '') {
  return fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((e) => {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.name.startsWith('.')) return [];
    if (e.isDirectory()) return files(dir, rel);
    return /\.(br|gz)$/.test(e.name) ? [] : [rel];
  });
}

/**
 * Registers the tests of one server, as a suite named `title`: `start(site)` starts it
 * (startNginx, startApache). `root` and `feed` are the folders served (default: `roots()`);
 * `browser: false` leaves out the tests in Chromium.
 */
export function hostingSuite(title, start, { root, feed, browser: inBrowser = true } = {}) {
  const folders = root ? { root, feed: feed ?? path.join(root, 'issues') } : roots();
  describe(title, () => suite(start, { ...folders, inBrowser }));
}

function suite(start, { root, feed, inBrowser }) {
  let s;
  let server;
  let browser;
  let pages;
  const label = () => server.name.toLowerCase();

  before(async () => {
    s = await site(root, feed);
    server = await start(s);
    pages = portalPages(s, server.server);
    if (!inBrowser) return;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--no-first-run'],
    });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (s) fs.rmSync(s.dir, { recursive: true, force: true });
  });

  /** A GET from the portal's origin, as the viewer's fetches and module imports are. */
  const get = (url, headers = {}) => request(url, { headers: { origin: server.origin, ...headers } });

  /** Asserts what a browser gets for `url` (the file `file`) with each Accept-Encoding:
   *  `cache`, `type`, the copy's bytes or the file's, Vary, CORS, and a 304 on its ETag. */
  async function served(url, file, { cache, type, precompressed = false, compressible = true }) {
    const plain = fs.readFileSync(file);
    for (const accept of ACCEPT) {
      const headers = accept ? { 'accept-encoding': accept } : {};
      const r = await get(url, headers);
      const what = `${url} (Accept-Encoding: ${accept ?? 'none'})`;
      assert.equal(r.status, 200, what);
      if (type) assert.match(r.headers['content-type'] ?? '', type, `${what}: Content-Type`);
      assert.equal(r.headers['cache-control'], cache, `${what}: Cache-Control`);
      assert.equal(r.headers['access-control-allow-origin'], server.origin, `${what}: Access-Control-Allow-Origin`);
      assert.match(r.headers['access-control-expose-headers'] ?? '', /\bETag\b/i, `${what}: ETag exposed`);
      assert.equal(r.headers['content-language'], undefined, `${what}: no Content-Language`);
      assert.ok(r.headers.etag, `${what}: ETag`);
      const br = accept?.includes('br');
      const gzip = accept?.includes('gzip');
      if (precompressed) {
        // The build's copy as it is, brotli (quality 11) or gzip (level 9).
        const want = br && server.brotli.precompressed ? 'br' : gzip ? 'gzip' : undefined;
        assert.equal(r.headers['content-encoding'], want, `${what}: Content-Encoding`);
        const copy = want ? fs.readFileSync(`${file}.${want === 'br' ? 'br' : 'gz'}`) : plain;
        assert.ok(r.body.equals(copy), `${what}: the bytes of ${want ? `the .${want === 'br' ? 'br' : 'gz'} copy` : 'the file'}`);
      } else if (compressible) {
        const want = br && server.brotli.onTheFly ? 'br' : gzip ? 'gzip' : undefined;
        assert.equal(r.headers['content-encoding'], want, `${what}: Content-Encoding`);
      }
      assert.ok(decoded(r).equals(plain), `${what}: the file, once decoded`);
      if (compressible) assert.ok(varies(r.headers), `${what}: Vary: Accept-Encoding (got ${r.headers.vary})`);
      // Revalidation: the ETag given back gives a 304, with CORS (a fetch reads it).
      const again = await get(url, { ...headers, 'if-none-match': r.headers.etag });
      assert.equal(again.status, 304, `${what}: If-None-Match ${r.headers.etag}`);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers['access-control-allow-origin'], server.origin, `${what}: 304's Access-Control-Allow-Origin`);
    }
  }

  /** Asserts that an OPTIONS preflight for a conditional GET of `url` is answered 204 with
   *  the headers Chromium checks. */
  async function preflight(url) {
    const r = await request(url, {
      method: 'OPTIONS',
      headers: { origin: server.origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match,if-modified-since' },
    });
    assert.equal(r.status, 204, `OPTIONS ${url}`);
    assert.equal(r.headers['access-control-allow-origin'], server.origin, `OPTIONS ${url}: Access-Control-Allow-Origin`);
    const allowed = String(r.headers['access-control-allow-headers'] ?? '').toLowerCase().split(',').map((h) => h.trim());
    assert.ok(allowed.includes('if-none-match') && allowed.includes('if-modified-since'), `OPTIONS ${url}: Access-Control-Allow-Headers ${allowed}`);
  }

  test('the viewer\'s fixed names: type, gzip (and brotli) on the fly, short cache, Vary, ETag and 304, CORS', async (t) => {
    const v = s.viewerDir;
    const fixed = [
      ['bulletin-viewer.js', '.js'], ['viewer.css', '.css'], ['bv-cursor.svg', '.svg'], ['bv-pointer.svg', '.svg'],
      ['editor/index.html', '.html'], ['editor/editor.js', '.js'], ['editor/converter_bg.wasm', '.wasm'],
      ['schema/issue.schema.json', '.json'],
    ].filter(([f]) => fs.existsSync(path.join(v, f)));
    assert.ok(fixed.length >= 4, 'the loader, the stylesheet and the cursors are there');
    for (const [f, ext] of fixed) {
      await t.test(f, () => served(server.viewer + f, path.join(v, f), { cache: SHORT, type: TYPES[ext] }));
    }
  });

  test('the viewer\'s hashed files: the .br or .gz copy as it is, immutable, Vary, ETag and 304, CORS', async (t) => {
    const hashed = files(s.viewerDir).filter((f) => HASHED.test(f) && /\.(js|wasm)$/.test(f));
    // The full, lite and search builds, each a glue and a wasm.
    assert.ok(hashed.length >= 6, hashed.join());
    for (const f of hashed) {
      const precompressed = fs.existsSync(path.join(s.viewerDir, `${f}.br`)) && fs.existsSync(path.join(s.viewerDir, `${f}.gz`));
      assert.ok(precompressed, `${f} has its .br and .gz copies`);
      await t.test(f, () => served(server.viewer + f, path.join(s.viewerDir, f), { cache: IMMUTABLE, type: TYPES[path.extname(f)], precompressed }));
    }
  });

  test('every file of the viewer\'s folder has a Cache-Control, its type and CORS', async () => {
    const all = files(s.viewerDir);
    for (const f of all) {
      const r = await get(server.viewer + f.split('/').map(encodeURIComponent).join('/'), { 'accept-encoding': 'gzip' });
      assert.equal(r.status, 200, f);
      assert.equal(r.headers['cache-control'], HASHED.test(f) ? IMMUTABLE : SHORT, `${f}: Cache-Control`);
      assert.equal(r.headers['access-control-allow-origin'], server.origin, `${f}: Access-Control-Allow-Origin`);
      const type = TYPES[path.extname(f)];
      if (type) assert.match(r.headers['content-type'] ?? '', type, `${f}: Content-Type`);
    }
  });

  test('the feed, its issues and 往期检索\'s index: no-cache or immutable, compressed, ETag and 304, CORS, preflight 204', async (t) => {
    const jsons = files(s.feedDir).filter((f) => f.endsWith('.json'));
    const index = jsons.filter((f) => /^search\/(index|s[0-9]+)-[0-9a-f]{16}\.json$/.test(f));
    assert.ok(jsons.includes('feed.json') && index.length >= 2, jsons.join());
    for (const f of jsons) {
      const cache = index.includes(f) ? IMMUTABLE : NO_CACHE;
      await t.test(f, () => served(server.feed + f, path.join(s.feedDir, f), { cache, type: TYPES['.json'] }));
    }
    await preflight(`${server.feed}feed.json`);
    await preflight(server.feed + pages.issue.url);
    await preflight(server.feed + index[0]);
    // A missing issue: the viewer can tell a 404 (CORS on the error too), not a network error.
    const missing = await get(`${server.feed}no-such-issue.json`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['access-control-allow-origin'], server.origin);
  });

  test('preflights to the viewer\'s files are answered 204 too', async () => {
    const wasm = files(s.viewerDir).find((f) => /^viewer-[0-9a-f]{16}_bg\.wasm$/.test(f));
    await preflight(`${server.viewer}bulletin-viewer.js`);
    await preflight(server.viewer + wasm);
  });

  if (!inBrowser) return;

  /** A page on the portal's origin, recording what goes wrong. */
  async function portal(name, { clock } = {}) {
    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = [];
    const responses = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
    page.on('requestfailed', async (r) => {
      // The kiosk's check stops reading an answer once it is a 304, which has no body: the
      // request is then reported aborted, after its answer came.
      if (r.failure()?.errorText === 'net::ERR_ABORTED' && (await r.response())?.status() === 304) return;
      errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
    });
    page.on('response', (r) => {
      responses.push(r);
      if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    if (clock) {
      await page.clock.install({ time: clock });
      await page.clock.pauseAt(new Date(clock.getTime() + 1000));
    }
    await page.goto(server.portal + name);
    return { context, page, errors, responses };
  }

  // What the end-to-end tests ask of a page, shared (tests/e2e/browser.mjs): `inViewer`
  // runs a function on the viewer's shadow root, `poll` asks until it is so.
  const until = (check, what, timeout = 20000) => poll(check, { what, timeout });
  const masthead = (page) => inViewer(page, (root) => {
    const m = root?.querySelector('.bv-masthead');
    const text = (sel) => m?.querySelector(sel)?.textContent.replace(/\s/g, '') ?? null;
    return m && { title: text('.bv-title'), number: text('.bv-number'), organ: text('.bv-organ'), date: text('.bv-date') };
  });

  test('in Chromium, the portal on another origin shows the issue with the README\'s two lines', async (t) => {
    const { context, page, errors, responses } = await portal('issue.html');
    const issue = JSON.parse(fs.readFileSync(path.join(s.feedDir, pages.issue.url), 'utf8'));
    const m = await until(async () => {
      const got = await masthead(page);
      return got?.number === issue.masthead.issue.label && got;
    }, 'the masthead');
    assert.deepEqual(m, {
      title: issue.masthead.title.replace(/\s/g, ''),
      number: issue.masthead.issue.label,
      organ: issue.masthead.organ.replace(/\s/g, ''),
      date: issue.masthead.date.display.replace(/\s/g, ''),
    });
    await page.locator('bulletin-viewer footer').waitFor();
    // The articles are there, and the wasm came from the server, compressed.
    assert.ok(await inViewer(page, (root) => root.querySelectorAll('article').length) >= 1);
    const wasm = responses.filter((r) => r.url().endsWith('.wasm'));
    assert.equal(wasm.length, 1, wasm.map((r) => r.url()).join());
    assert.ok(wasm[0].url().startsWith(server.viewer), wasm[0].url());
    const coding = (await wasm[0].allHeaders())['content-encoding'];
    assert.match(coding ?? '', /^(gzip|br)$/);
    t.diagnostic(`${server.version}: Chromium asked with Accept-Encoding: ${(await wasm[0].request().allHeaders())['accept-encoding']}; the wasm came as ${coding}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, `hosting-${label()}-portal.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('in Chromium, a feed from the other origin: its issues, and 往期检索 finds 代表', async () => {
    const { context, page, errors } = await portal('feed.html');
    await page.locator('bulletin-viewer nav.bv-issues').waitFor();
    await page.locator('bulletin-viewer footer').waitFor();
    const panel = page.locator('bulletin-viewer .bv-root:not(.bv-ssr) .bv-findall');
    await panel.locator('summary').click();
    await panel.locator('input').fill('代表');
    const status = panel.locator('.bv-findall-status');
    const said = await until(async () => {
      const t = (await status.textContent())?.replace(/\s/g, '');
      return t && !/正在/.test(t) && t;
    }, 'the results of 往期检索');
    // The issues that hold the word, by a plain scan of the feed's files.
    const holding = pages.feed.issues.filter((e) => {
      const issue = fs.readFileSync(path.join(s.feedDir, e.url), 'utf8');
      return JSON.parse(issue).articles.some((a) => JSON.stringify(a).includes('代表'));
    });
    assert.ok(holding.length >= 1);
    assert.match(said, new RegExp(`^找到${holding.length}期，\\d+篇$`));
    const listed = (await panel.locator('.bv-found-issue').allTextContents()).map((t) => t.replace(/\s/g, ''));
    assert.deepEqual(listed, holding.map((e) => `${e.label}·${e.date_display}`));
    await page.screenshot({ path: path.join(SCREENSHOTS, `hosting-${label()}-findall.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('in Chromium, a kiosk on the portal re-checks the feed and the issue: preflighted, answered 304', async () => {
    const start = new Date('2026-11-26T09:00:00');
    const { context, page, errors, responses } = await portal('kiosk.html', { clock: start });
    const feedUrl = `${server.feed}feed.json`;
    const issueUrl = new URL(pages.issue.url, feedUrl).href;
    await until(async () => (await masthead(page))?.number === pages.issue.label, 'the kiosk\'s issue');
    await until(() => inViewer(page, (root) => /确认为最新/.test(root.querySelector('.bv-kiosk-status')?.textContent ?? '')), 'the first check');
    const before = responses.length;
    // A minute later (interval="60"): the check, with the validators of the first answers.
    await page.clock.runFor(60_000);
    const checked = async () => {
      const later = responses.slice(before);
      const feedAsk = later.find((r) => r.url() === feedUrl);
      const issueAsk = later.find((r) => r.url() === issueUrl);
      return feedAsk && issueAsk && [feedAsk, issueAsk];
    };
    const [feedAsk, issueAsk] = await until(checked, 'the re-check of the feed and the issue');
    for (const r of [feedAsk, issueAsk]) {
      assert.equal(r.status(), 304, `${r.url()}: ${r.status()}`);
      assert.ok((await r.request().allHeaders())['if-none-match'], `${r.url()} asked with If-None-Match (the ETag was exposed)`);
    }
    await until(() => inViewer(page, (root) => /^9:01 确认为最新$/.test(root.querySelector('.bv-kiosk-status')?.textContent ?? '')), 'the status line at 9:01');
    assert.equal((await masthead(page)).number, pages.issue.label);
    // The server saw the preflight and answered it, then the conditional GET.
    const log = fs.readFileSync(server.accessLog, 'utf8');
    const feedPath = new URL(feedUrl).pathname;
    assert.match(log, new RegExp(`"OPTIONS ${feedPath} HTTP/1\\.1" 204 `), 'the preflight, in the access log');
    assert.match(log, new RegExp(`"GET ${feedPath} HTTP/1\\.1" 304 `), 'the 304, in the access log');
    assert.deepEqual(errors, []);
    await context.close();
  });
}
