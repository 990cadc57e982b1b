// The three engines readers use, driven alike for the cross-engine tests (engines.test.mjs):
// Chromium (Debian's, through Playwright, as the rest of the suite), WebKitGTK (Safari's
// engine: Debian's MiniBrowser through WebKitWebDriver, classic WebDriver, selenium-webdriver,
// on a virtual X display) and Firefox ESR (Debian's, through WebDriver BiDi, puppeteer-core).
// Nothing is downloaded: each driver is given the Debian binary.
//
// What a test asks of a page goes through one small interface, `Tab`, the same in the three:
//   open(path, {width, height, init})  a page of the served build at that viewport size
//   eval(fn, arg) / inViewer(fn, arg)  a function run in the page (on the viewer's shadow root)
//   click(fn, arg)                     a real pointer click at the centre of what fn(root, arg)
//                                      gives (scrolled into view first)
//   type(text) / press(key)            real key presses to what has focus
//   screenshot()                       the viewport as a PNG (pngjs object)
//   setFiles(selector, file)           a file chosen in a file input
//   errors()                           console errors, uncaught exceptions, CSP violations and
//                                      error responses seen since the page opened
// Classic WebDriver has no init scripts and no console: the test server puts a script of its
// own first in every HTML page (`/__engines/init.js`) that records errors and violations in
// the page, sets the reader's stored settings and installs the speech stand-in, in every
// engine alike; Playwright and puppeteer add the browser's own console errors.
//
// Phone widths in WebKitGTK: MiniBrowser's window cannot be narrower than 447 px (measured:
// asked for 375, it stays 447), so below 460 px the page is opened in a 375×812 iframe at
// the top left of a wider window (`/__engines/frame.html`); scripts run in the frame, clicks
// and screenshots at the same coordinates in the window. Media and container queries, fixed
// and sticky positions and `innerWidth` then see the frame as the viewport, as on a phone.
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { Builder, Key, Origin } from 'selenium-webdriver';
import { PNG } from 'pngjs';
import { spawn, execFileSync } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serveDist } from './browser.mjs';
import { installSpeech } from './speech-standin.mjs';

/** The engines to run, from BULLETIN_ENGINES (comma-separated), all three by default. */
export const ENGINES = (process.env.BULLETIN_ENGINES || 'chromium,webkit,firefox').split(',').map((s) => s.trim()).filter(Boolean);

const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
/** Below this width WebKitGTK's page is put in an iframe (its window is at least 447 px). */
const WEBKIT_MIN_WINDOW = 460;
const PREFS_KEY = 'bulletin-viewer:reader';

/** The page-side recorder and set-up, run first in every HTML page served. */
function initScript(cfg) {
  return `(() => {
  const cfg = ${JSON.stringify(cfg)};
  const rec = (window.__engine = { errors: [], violations: [] });
  const text = (v) => { try { return v instanceof Error ? v.message : typeof v === 'string' ? v : JSON.stringify(v); } catch { return String(v); } };
  const error = console.error;
  console.error = function (...args) { rec.errors.push('console: ' + args.map(text).join(' ')); return error.apply(this, args); };
  addEventListener('error', (e) => {
    if (e instanceof ErrorEvent) rec.errors.push('exception: ' + e.message);
    else if (e.target && e.target !== window) rec.errors.push('failed to load: ' + (e.target.src || e.target.href || e.target.tagName));
  }, true);
  addEventListener('unhandledrejection', (e) => rec.errors.push('rejection: ' + text(e.reason)));
  document.addEventListener('securitypolicyviolation', (e) => rec.violations.push(e.violatedDirective + ' ' + e.blockedURI));
  try {
    // The stored settings are set when the tab opens, not again on a reload.
    if (sessionStorage.getItem('__engines') === cfg.token) return;
    sessionStorage.setItem('__engines', cfg.token);
    if (cfg.prefs === null) localStorage.removeItem(${JSON.stringify(PREFS_KEY)});
    else if (cfg.prefs) localStorage.setItem(${JSON.stringify(PREFS_KEY)}, cfg.prefs);
  } catch {}
})();
(() => {
  const cfg = ${JSON.stringify(cfg)};
  if (cfg.speech) (${installSpeech})(cfg.speech);
})();
`;
}

const INIT_TAG = '<script src="/__engines/init.js"></script>';
/** `html` with the recorder's script first in its head. */
export function withInit(html) {
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (h) => `${h}${INIT_TAG}`) : `${INIT_TAG}${html}`;
}

/** A page of the tests' own: `body` after the loader-less head (the loader is the page's). */
export const testPage = (body, head = '') => ({
  type: 'text/html; charset=utf-8',
  body: withInit(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">${head}<title>test</title></head><body>${body}</body></html>`),
});

/**
 * Serves dist/ for the cross-engine tests: `routes` as serveDist's, the recorder's script in
 * every HTML page, the WebKit phone frame page, and a list of error responses (status ≥ 400)
 * that each Tab's `errors()` reports. Resolves to { server, url, log, setInit }.
 */
export async function serveForEngines({ routes = {}, headers } = {}) {
  let cfg = {};
  const served = await serveDist({
    headers,
    html: (text) => withInit(text),
    routes: {
      ...routes,
      '/__engines/init.js': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        res.end(initScript(cfg));
      },
      '/__engines/frame.html': (req, res) => {
        const q = new URL(req.url, 'http://x').searchParams;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(`<!doctype html><html><head><meta charset="utf-8"><title>phone</title><link rel="icon" href="data:,">
<style>html,body{margin:0;overflow:hidden;background:#777}iframe{display:block;border:0;background:#fff}</style></head>
<body><iframe id="phone" width="${Number(q.get('w'))}" height="${Number(q.get('h'))}"></iframe>
<script src="/__engines/frame.js"></script></body></html>`);
      },
      // The frame's address from the page's own (a script of its own: no inline script).
      '/__engines/frame.js': {
        type: 'text/javascript',
        body: "document.getElementById('phone').src = new URLSearchParams(location.search).get('src');",
      },
    },
  });
  const failed = [];
  served.server.on('request', (req, res) => res.on('finish', () => {
    if (res.statusCode >= 400) failed.push(`HTTP ${res.statusCode}: ${req.url}`);
  }));
  return { ...served, failed, setInit: (c) => { cfg = c; } };
}

/** Resolves `path` of the served build against its base URL. */
const at = (base, p) => new URL(p, base).href;

/** The source of an expression calling fn(arg) in the page. */
const call = (fn, arg) => `(${fn})(${JSON.stringify(arg ?? null)})`;
/** The same, with the (first) viewer's shadow root (or the `selector` one) first. */
const callOnRoot = (fn, arg, selector = 'bulletin-viewer') =>
  `(${fn})(document.querySelector(${JSON.stringify(selector)})?.shadowRoot ?? null, ${JSON.stringify(arg ?? null)})`;

/** In the page: scrolls what `find` gives into view and gives the centre of its first box
 *  on the screen (viewport coordinates), or null when there is none or it is not drawn. */
const CENTRE = `(el) => {
  if (!el) return null;
  el.scrollIntoView({ block: 'center', inline: 'nearest' });
  const r = [...el.getClientRects()].find((b) => b.width > 0 && b.height > 0);
  if (!r) return null;
  return { x: Math.round(r.left + Math.min(r.width / 2, 20)), y: Math.round(r.top + r.height / 2) };
}`;

class Tab {
  constructor(engine, server) {
    this.engine = engine;
    this.server = server;
    this.failedFrom = server.failed.length;
    this.logFrom = server.log.length;
  }

  /** The paths requested from the server since the page was opened. */
  requests() { return this.server.log.slice(this.logFrom); }

  /** Runs `fn(arg)` in the page. */
  eval(fn, arg) { return this.evalSource(call(fn, arg)); }

  /** Runs `fn(root, arg)` on the shadow root of the viewer (`selector`, the first by default). */
  inViewer(fn, arg, selector) { return this.evalSource(callOnRoot(fn, arg, selector)); }

  /** Waits until `fn(root, arg)` gives something truthy, and resolves to it. */
  async waitInViewer(fn, arg, { timeout = 20000, what = String(fn), selector } = {}) {
    return this.waitFor(() => this.inViewer(fn, arg, selector), { timeout, what });
  }

  /** Waits until `check()` (in the test) gives something truthy. */
  async waitFor(check, { timeout = 20000, what = String(check) } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const v = await check().catch((e) => (Date.now() > end ? Promise.reject(e) : null));
      if (v) return v;
      if (Date.now() > end) throw new Error(`${this.engine}: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A real click at what `fn(root, arg)` gives in the viewer (fn(document, arg) with
   *  `{ page: true }`). */
  async click(fn, arg, { page = false } = {}) {
    const source = page ? `(${CENTRE})((${fn})(document, ${JSON.stringify(arg ?? null)}))` : `(${CENTRE})(${callOnRoot(fn, arg)})`;
    // As Playwright's clicks do: wait (5 s at most) for it to be there and drawn.
    const at = await this.waitFor(() => this.evalSource(source), { timeout: 5000, what: `something to click for ${fn}` });
    await this.clickAt(at.x, at.y);
  }

  /** Console errors, uncaught exceptions, failed loads, CSP violations and error responses
   *  since the page was opened. */
  async errors() {
    const inPage = await this.eval(() => window.__engine ? [...window.__engine.errors, ...window.__engine.violations.map((v) => `CSP violation: ${v}`)] : ['no recorder in the page']);
    return [...inPage, ...this.console, ...this.server.failed.slice(this.failedFrom)];
  }

  /** The (first) viewer's masthead label, e.g. 第18期. */
  label() {
    return this.inViewer((root) => root?.querySelector('.bv-number')?.textContent?.replace(/\s/g, '') ?? null);
  }

  /** Waits until the (first) viewer has drawn its issue to the footer. */
  waitForIssue(selector) {
    return this.waitInViewer((root) => !!root?.querySelector('footer'), null, { what: 'the issue drawn', selector });
  }

  /** A screenshot once the page has stopped changing: two in a row alike, at most 3 s.
   *  WebKit fades its scroll bar out, fonts and pictures arrive late, and WebKitGTK's
   *  screenshot of a page in the phone frame can show it as it was a moment before (seen:
   *  the search field with one character of two typed, after the page had both). */
  async stableScreenshot() {
    let last = await this.screenshot();
    for (let i = 0; i < 30; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const now = await this.screenshot();
      if (Buffer.compare(now.data, last.data) === 0) return now;
      last = now;
    }
    return last;
  }

  /** Screenshot of the viewport saved as `name` in `dir`; resolves to the PNG object. */
  async shot(dir, name) {
    const png = await this.stableScreenshot();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), PNG.sync.write(png));
    return png;
  }
}

// ---------------------------------------------------------------- Chromium (Playwright)

class ChromiumTab extends Tab {
  async open(url, { width, height }) {
    this.context = await this.browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
    this.page = await this.context.newPage();
    this.console = [];
    this.page.on('console', (m) => m.type() === 'error' && this.console.push(`console: ${m.text()}`));
    this.page.on('pageerror', (e) => this.console.push(`exception: ${e.message}`));
    await this.page.goto(url);
  }
  evalSource(source) { return this.page.evaluate(source); }
  clickAt(x, y) { return this.page.mouse.click(x, y); }
  type(text) { return this.page.keyboard.type(text); }
  press(key) { return this.page.keyboard.press(key); }
  async reload() { await this.page.reload(); }
  async goto(url) { await this.page.goto(url); }
  async screenshot() { return PNG.sync.read(await this.page.screenshot()); }
  setFiles(selector, file) { return this.page.locator(selector).setInputFiles(file); }
  close() { return this.context?.close(); }
}

async function startChromium() {
  const browser = await launch();
  return {
    tab: (server) => Object.assign(new ChromiumTab('chromium', server), { browser }),
    close: () => browser.close(),
  };
}

// ---------------------------------------------------------------- Firefox (puppeteer, BiDi)

const PUPPETEER_KEYS = { Enter: 'Enter', Tab: 'Tab', Escape: 'Escape', ArrowDown: 'ArrowDown', End: 'End', Home: 'Home' };

class FirefoxTab extends Tab {
  async open(url, { width, height }) {
    this.context = await this.browser.createBrowserContext();
    this.page = await this.context.newPage();
    await this.page.setViewport({ width, height });
    this.console = [];
    this.page.on('console', (m) => m.type() === 'error' && this.console.push(`console: ${m.text()}`));
    this.page.on('pageerror', (e) => this.console.push(`exception: ${e.message}`));
    await this.page.goto(url, { waitUntil: 'load' });
  }
  evalSource(source) { return this.page.evaluate(source); }
  clickAt(x, y) { return this.page.mouse.click(x, y); }
  type(text) { return this.page.keyboard.type(text); }
  press(key) { return this.page.keyboard.press(PUPPETEER_KEYS[key] ?? key); }
  async reload() { await this.page.reload({ waitUntil: 'load' }); }
  async goto(url) { await this.page.goto(url, { waitUntil: 'load' }); }
  async screenshot() { return PNG.sync.read(Buffer.from(await this.page.screenshot())); }
  async setFiles(selector, file) { await (await this.page.$(selector)).uploadFile(file); }
  close() { return this.context?.close(); }
}

async function startFirefox() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // No updates, studies or telemetry: nothing reaches out of the machine.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'network.captive-portal-service.enabled': false,
      'layout.css.devPixelsPerPx': '1.0',
      // Scroll bars over the page, as on phones (and as Chromium's headless and WebKitGTK's
      // are): a classic one would take 12 px of every width measured.
      'ui.useOverlayScrollbars': 1,
      'widget.gtk.overlay-scrollbars.enabled': true,
    },
  });
  return {
    tab: (server) => Object.assign(new FirefoxTab('firefox', server), { browser }),
    close: () => browser.close(),
  };
}

// ---------------------------------------------------------------- WebKitGTK (WebKitWebDriver)

const WEBDRIVER_KEYS = { Enter: Key.ENTER, Tab: Key.TAB, Escape: Key.ESCAPE, ArrowDown: Key.ARROW_DOWN, End: Key.END, Home: Key.HOME };

class WebKitTab extends Tab {
  async open(url, { width, height }) {
    const d = this.driver;
    this.console = [];
    this.size = { width, height };
    this.framed = width < WEBKIT_MIN_WINDOW;
    await d.switchTo().defaultContent();
    const w = Math.max(width, WEBKIT_MIN_WINDOW);
    await d.manage().window().setRect({ x: 0, y: 0, width: w + this.chrome.width, height: height + this.chrome.height });
    // A fresh start: no page of the last test left running in the window.
    await d.get('about:blank');
    await this.goto(url);
  }
  async goto(url) {
    const d = this.driver;
    await d.switchTo().defaultContent();
    if (!this.framed) {
      await d.get(url);
      return;
    }
    const { width, height } = this.size;
    await d.get(`${new URL('/__engines/frame.html', url).href}?w=${width}&h=${height}&src=${encodeURIComponent(url)}`);
    await d.switchTo().frame(0);
  }
  async reload() {
    if (!this.framed) {
      await this.driver.navigate().refresh();
      return;
    }
    await this.goto(await this.evalSource('location.href'));
  }
  async evalSource(source) {
    const out = await this.driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => ${source}).then((value) => done({ value: value === undefined ? null : value }), (e) => done({ error: String(e && e.stack || e) }));`);
    if (out?.error) throw new Error(`${this.engine}: ${out.error}`);
    return out?.value;
  }
  async clickAt(x, y) {
    // Pointer actions are in the window's coordinates; the frame sits at its top left.
    await this.driver.actions({ async: true }).move({ x, y, origin: Origin.VIEWPORT, duration: 0 }).press().release().perform();
  }
  type(text) { return this.driver.actions({ async: true }).sendKeys(text).perform(); }
  press(key) { return this.driver.actions({ async: true }).sendKeys(WEBDRIVER_KEYS[key] ?? key).perform(); }
  async screenshot() {
    if (this.framed) await this.driver.switchTo().defaultContent();
    const png = PNG.sync.read(Buffer.from(await this.driver.takeScreenshot(), 'base64'));
    if (!this.framed) return png;
    await this.driver.switchTo().frame(0);
    const { width, height } = this.size;
    const out = new PNG({ width, height });
    PNG.bitblt(png, out, 0, 0, width, height, 0, 0);
    return out;
  }
  async setFiles(selector, file) {
    const el = await this.driver.executeScript(`return document.querySelector(${JSON.stringify(selector)})`);
    await el.sendKeys(file);
  }
  async close() {
    try {
      await this.driver.switchTo().defaultContent();
      await this.driver.get('about:blank');
    } catch { /* the session is ended with the browser */ }
  }
}

const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/** Starts a virtual X display, WebKitWebDriver on it and one MiniBrowser session. */
async function startWebKit() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '2048x2048x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'], detached: true });
  const display = await new Promise((resolve, reject) => {
    let got = '';
    xvfb.stdio[3].on('data', (b) => { got += b; if (got.includes('\n')) resolve(got.trim()); });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
    setTimeout(() => reject(new Error('Xvfb did not start')), 10000);
  });
  const port = await freePort();
  const driverProcess = spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], {
    stdio: 'ignore', detached: true, env: { ...process.env, DISPLAY: `:${display}` },
  });
  const stop = () => {
    for (const p of [driverProcess, xvfb]) { try { process.kill(-p.pid, 'SIGTERM'); } catch { /* gone */ } }
  };
  // Their own process groups (so that the browser's helpers go with them): ended with this
  // process too, if it ends without closing the browser.
  process.once('exit', stop);
  try {
    const end = Date.now() + 15000;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > end) throw new Error('WebKitWebDriver did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    }).build();
    await driver.manage().setTimeouts({ script: 30000, pageLoad: 30000 });
    // The window's own parts (toolbar, frame) around the page: measured once.
    await driver.manage().window().setRect({ x: 0, y: 0, width: 1000, height: 800 });
    const rect = await driver.manage().window().getRect();
    const inner = await driver.executeScript('return [innerWidth, innerHeight]');
    const chrome = { width: rect.width - inner[0], height: rect.height - inner[1] };
    // The X display has no window manager to give the window the keyboard focus, and without
    // it WebKit matches no :focus (a Tab moves document.activeElement, but :focus styles never
    // apply, as in a window in the background): xdotool gives it, as a person's click would.
    const x = { env: { ...process.env, DISPLAY: `:${display}` } };
    for (const id of execFileSync('xdotool', ['search', '--sync', '--onlyvisible', '--class', 'MiniBrowser'], x).toString().trim().split('\n')) {
      execFileSync('xdotool', ['windowfocus', '--sync', id], x);
    }
    return {
      display: `:${display}`,
      tab: (server) => Object.assign(new WebKitTab('webkit', server), { driver, chrome }),
      close: async () => { try { await driver.quit(); } finally { stop(); } },
    };
  } catch (e) {
    stop();
    throw e;
  }
}

const STARTERS = { chromium: startChromium, webkit: startWebKit, firefox: startFirefox };

/** Starts `engine`'s browser: resolves to { tab(server) → Tab, close() }. */
export function startEngine(engine) {
  const start = STARTERS[engine];
  if (!start) throw new Error(`unknown engine ${engine} (chromium, webkit, firefox)`);
  return start();
}

/**
 * A page of `server` (serveForEngines) open in `browser` (startEngine) at `path`, with
 * `viewport` ({width, height}) and `init` ({prefs: the stored settings, a string, null to
 * clear, undefined to leave; speech: options of the speech stand-in, or none}).
 */
export async function openTab(browser, server, pathname, { viewport, init = {} } = {}) {
  server.setInit({ ...init, token: `${Date.now()}-${Math.random()}` });
  const tab = browser.tab(server);
  await tab.open(at(server.url, pathname), viewport);
  return tab;
}
