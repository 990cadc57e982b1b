// Shared set-up of the end-to-end tests: Debian's Chromium through playwright-core, and the
// release build (dist/) served over HTTP on 127.0.0.1; and what the tests ask of a page:
// `inViewer` runs a function on the viewer's shadow root, `waitInViewer` waits on one,
// `issueLabel` / `waitForIssue` read and wait for the masthead's issue label.
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const SCREENSHOTS = path.join(ROOT, 'target/screenshots');

/** Phone, desktop and lobby-kiosk screens the viewer must read well on. */
export const VIEWPORTS = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1366, height: 768 },
  kiosk: { width: 1080, height: 1920 },
};

export async function launch() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error('dist/ has no release build: run scripts/build first');
  }
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export function serveDist(options) {
  return serve(DIST, options);
}

/** Registers the suite's set-up and tear-down: Chromium launched and dist/ served over HTTP
 *  with `options` (routes, headers, prefix — or an async function giving them, run first in
 *  `before`, for set-up that must happen before serving); `into` receives
 *  `{ browser, server, url, log }`, in `before`, once the screenshots' folder is made. What a
 *  file needs besides (a second server, files to remove) it sets up in hooks of its own. */
export function withDist(options, into) {
  let browser;
  let server;
  before(async () => {
    const resolved = typeof options === 'function' ? await options() : options;
    browser = await launch();
    const served = await serveDist(resolved);
    server = served.server;
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    into({ browser, ...served });
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });
}

/** A new page that records console errors, uncaught exceptions, failed requests and
 *  error responses. */
export async function openPage(browser, viewport) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  return { context, page, errors: recordErrors(page) };
}

/** The list, filled as they happen, of `page`'s console errors, uncaught exceptions, failed
 *  requests and error responses (for a page opened otherwise than by `openPage`). */
export function recordErrors(page) {
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
  // A request the page's own navigation (a reload, a new page) cut short is no fault a
  // reader sees: on a loaded machine a late one (the favicon, a demo's issue) still runs
  // when the test moves on. Any other failure, aborted or not, is one.
  let navigations = 0;
  const startedAt = new WeakMap();
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) navigations++;
    startedAt.set(r, navigations);
  });
  page.on('requestfailed', (r) => {
    const cut = r.failure()?.errorText === 'net::ERR_ABORTED' && !r.isNavigationRequest() && navigations > (startedAt.get(r) ?? navigations);
    if (!cut) errors.push(`request failed: ${r.url()}`);
  });
  page.on('response', (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()}: ${r.url()}`));
  return errors;
}

/** The source of an expression calling `fn(root, arg)` in the page on the viewer's shadow
 *  root (see `inViewer`). */
function callOnRoot(fn, arg, { selector = 'bulletin-viewer', index = 0 } = {}) {
  if (typeof fn !== 'function') throw new TypeError(`inViewer wants a function, not ${typeof fn}`);
  const root = `document.querySelectorAll(${JSON.stringify(selector)})[${Number(index)}]?.shadowRoot ?? null`;
  return `(${fn})(${root}, ${JSON.stringify(arg)})`;
}

/**
 * Runs `fn(root, arg)` in the page, where `root` is the shadow root of the viewer — the first
 * `<bulletin-viewer>`, or the `index`-th element matching `selector` — and resolves to what it
 * returns (awaited, if a promise). As with `page.evaluate`, `fn` runs in the browser: it sees
 * `root`, `arg` and the page's globals, never the test's variables. `arg` is passed as JSON
 * (strings, numbers, arrays, plain objects). The root is looked up when the call is made, as
 * `document.querySelector` would: nothing waits for the element, and `root` is null while
 * there is none (or it has no shadow root yet), so `fn` should use `root?.` where that can
 * happen.
 *
 *     const id = await inViewer(page, (root) => root.activeElement?.id);
 *     const top = await inViewer(page, (root, id) => root.getElementById(id).getBoundingClientRect().top, 'a-2');
 *
 * How: `fn`'s source is sent as an expression that calls it on the root, in one
 * `page.evaluate` — as `page.evaluate` itself sends a function's source, so nothing is
 * evaluated in the page that a strict Content-Security-Policy would stop. Not through a
 * handle on the root: a handle on a node makes Playwright inject its own script into the
 * page (13 listeners and half a megabyte of heap), which the kiosk soak would count.
 */
export function inViewer(page, fn, arg, options) {
  return page.evaluate(callOnRoot(fn, arg, options));
}

/** Calls `check` (a function of the test's, async or not) until it gives something truthy,
 *  and resolves to that; polls in real time, so a page's fake clock does not hold it up.
 *  Fails after `timeout` ms, naming `what`. */
export async function poll(check, { timeout = 30000, what = String(check) } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Waits until `inViewer(page, fn, arg, options)` gives something truthy, and resolves to it:
 *  `fn(root, arg)` is asked again every few milliseconds (see `poll`; `timeout` and `what`
 *  as there). In place of `page.waitForFunction`: asked from the test in real time, it works
 *  as well on a page with a fake clock (the kiosk's) and puts nothing of Playwright's into the
 *  page. Where `fn` may run before the viewer is there, it should use `root?.`. */
export function waitInViewer(page, fn, arg, { selector, index, timeout, what = String(fn) } = {}) {
  return poll(() => inViewer(page, fn, arg, { selector, index }), { timeout, what });
}

/** The issue label in the (first) viewer's masthead without white space (第18期), or null
 *  when none is shown. */
export function issueLabel(page) {
  return inViewer(page, (root) => root?.querySelector('.bv-number')?.textContent?.replace(/\s/g, '') ?? null);
}

/** Waits until the (first) viewer's masthead shows `label` (第18期). */
export function waitForIssue(page, label, { timeout } = {}) {
  return poll(async () => (await issueLabel(page)) === label, { timeout, what: `the masthead to show ${label}` });
}

/** The fonts Chromium actually used to draw the text of the first element matching
 *  `selector` inside the (first) viewer's shadow root. */
export async function fontsUsed(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: callOnRoot((root, s) => root.querySelector(s), selector),
  });
  const { nodeId } = await cdp.send('DOM.requestNode', { objectId: result.objectId });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}
