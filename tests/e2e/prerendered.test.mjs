// The prerendered embed (`bulletin render --fragment`, demo at /embed/prerendered.html): the
// issue is painted from the page's own HTML before the wasm arrives (the wasm is held back
// here), then the viewer takes over in place: no duplicate content, no console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withDist, openPage, inViewer, waitInViewer, DIST, SCREENSHOTS } from './browser.mjs';
import { prerenderedCsp } from '../../scripts/serve.mjs';

let browser;
let base;

// The prerendered page is sent with the strict policy, its inline stylesheet allowed by the
// hash `bulletin render --fragment --inline-css` printed: nothing it does may need more.
const CSP = prerenderedCsp(DIST);
withDist({ headers: (p) => (p.endsWith('/prerendered.html') ? { 'content-security-policy': CSP } : {}) }, (d) => ({ browser, url: base } = d));

test('text is painted before the wasm arrives, then the viewer takes over without duplicates', async () => {
  const { page: p, errors, context } = await openPage(browser, { width: 375, height: 812 });
  await p.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  let wasmDone = false;
  await p.route('**/*_bg.wasm', async (route) => {
    await new Promise((r) => setTimeout(r, 2500));
    await route.continue();
  });
  p.on('requestfinished', (r) => { if (r.url().endsWith('_bg.wasm')) wasmDone = true; });
  const asked = [];
  p.on('request', (r) => asked.push(r.url()));
  const response = await p.goto(new URL('/embed/prerendered.html', base).href);
  assert.equal(response.headers()['content-security-policy'], CSP);

  // Before the wasm: the prerendered issue, styled, in the element's shadow root.
  await p.locator('bulletin-viewer').getByText('怎么干的问题。全省各级人大要充分认识', { exact: false }).waitFor();
  assert.equal(wasmDone, false, 'the text showed before the wasm finished loading');
  const before = await inViewer(p, (root) => {
    const title = root.querySelector('h1');
    return { ssr: !!root.querySelector('.bv-ssr'), color: getComputedStyle(title).color, articles: root.querySelectorAll('article').length };
  });
  assert.deepEqual(before, { ssr: true, color: 'rgb(192, 0, 24)', articles: 2 });
  // Styled by the stylesheet in the page: no stylesheet was asked for.
  assert.deepEqual(asked.filter((u) => /\.css(\?|$)/.test(u)), []);
  await p.screenshot({ path: path.join(SCREENSHOTS, 'prerendered-before-wasm.png') });

  const paint = await p.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
  assert.ok(paint > 0, 'first contentful paint recorded');

  // After: the live viewer (search box, controls), one copy of everything.
  await p.locator('bulletin-viewer input[type=search]').waitFor({ timeout: 15000 });
  assert.equal(wasmDone, true);
  const wasmEnd = await p.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('_bg.wasm')).responseEnd);
  assert.ok(paint < wasmEnd, `first paint ${paint} ms, wasm ${wasmEnd} ms`);
  const after = await inViewer(p, (root) => {
    return {
      ssr: root.querySelectorAll('.bv-ssr').length,
      pending: root.querySelectorAll('.bv-pending').length,
      articles: root.querySelectorAll('article').length,
      h1: root.querySelectorAll('h1').length,
      ids: new Set([...root.querySelectorAll('[id]')].map((e) => e.id)).size === root.querySelectorAll('[id]').length,
    };
  });
  assert.deepEqual(after, { ssr: 0, pending: 0, articles: 2, h1: 1, ids: true });
  // Interactive now: the 要目 navigates inside the shadow root.
  await p.emulateMedia({ reducedMotion: 'reduce' });
  await p.locator('bulletin-viewer nav.bv-contents a').nth(1).click();
  await p.waitForFunction(() => location.hash === '#bulletin/a-2');
  assert.deepEqual(await p.evaluate(() => window.__violations), [], 'no Content-Security-Policy violations');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an attribute changed while the viewer fetches the issue does not leave the copy in place', async () => {
  const { page: p, errors, context } = await openPage(browser, { width: 800, height: 900 });
  // The viewer is up (wasm loaded) but its issue is still on the way.
  await p.route('**/issues/lianluo-dongtai-2024-18.json', async (route) => {
    await new Promise((r) => setTimeout(r, 2000));
    await route.continue();
  });
  await p.goto(new URL('/embed/prerendered.html', base).href);
  await p.waitForFunction(() => document.querySelector('bulletin-viewer')._viewer);
  assert.equal(await inViewer(p, (root) => root.querySelectorAll('.bv-ssr').length), 1);
  await p.evaluate(() => document.querySelector('bulletin-viewer').setAttribute('controls', 'none'));
  await waitInViewer(p, (root) => !root.querySelector('.bv-ssr'), null, { timeout: 10000 });
  assert.equal(await inViewer(p, (root) => root.querySelectorAll('.bv-pending').length), 0);
  await p.locator('bulletin-viewer input[type=search]').waitFor();
  assert.equal(await p.locator('bulletin-viewer .bv-settings').count(), 0, 'controls="none" applied');
  assert.deepEqual(errors, []);
  await context.close();
});
