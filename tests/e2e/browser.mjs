// Shared set-up of the end-to-end tests: Debian's Chromium through playwright-core, and the
// release build (dist/) served over HTTP on 127.0.0.1.
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
 *  `{ browser, server, url, log }`. Screenshots' folder is made. */
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
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()}: ${r.url()}`));
  return { context, page, errors };
}

/** The fonts Chromium actually used to draw the text of the first element matching
 *  `selector` inside the (first) viewer's shadow root. */
export async function fontsUsed(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: `document.querySelector('bulletin-viewer').shadowRoot.querySelector(${JSON.stringify(selector)})`,
  });
  const { nodeId } = await cdp.send('DOM.requestNode', { objectId: result.objectId });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}
