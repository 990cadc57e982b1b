// Static HTML of the bundled issues (`bulletin render --feed`, built into dist/archive/ by
// scripts/build):
// read with JavaScript switched off, 要目 links working as plain fragment links; and an issue
// full of script-injection payloads rendered inert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { withDist, SCREENSHOTS, ROOT } from './browser.mjs';
import { PAYLOADS, hostileValidIssue } from './hostile.mjs';

let browser;
let base;
let hostileHtml;

withDist(async () => {
  // Render the hostile issue with the real command.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulletin-static-'));
  const json = path.join(dir, 'hostile.json');
  fs.writeFileSync(json, JSON.stringify(hostileValidIssue()));
  hostileHtml = execFileSync('cargo', ['run', '--quiet', '--features', 'cli', '--', 'render', json], { cwd: ROOT, encoding: 'utf8' });
  return { routes: { '/hostile.html': { type: 'text/html; charset=utf-8', body: hostileHtml } } };
}, (d) => ({ browser, url: base } = d));

for (const [name, viewport] of [['phone', { width: 375, height: 812 }], ['desktop', { width: 1366, height: 768 }]]) {
  test(`the static page reads without JavaScript (${name})`, async () => {
    const context = await browser.newContext({ viewport, javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(new URL('/archive/lianluo-dongtai-2024-18.html', base).href);
    assert.equal(await p.title(), '联络动态 第18期');
    assert.equal(await p.locator('h1').textContent(), '联络动态');
    assert.equal(await p.locator('article').count(), 2);
    assert.ok(await p.getByText('怎么干的问题。全省各级人大要充分认识', { exact: false }).isVisible());
    assert.ok(await p.getByText('批准文号', { exact: false }).isVisible());
    assert.equal(await p.evaluate(() => document.documentElement.scrollWidth - innerWidth), 0);
    const indent = await p.locator('article p').first().evaluate((e) => getComputedStyle(e).textIndent);
    const size = await p.locator('article p').first().evaluate((e) => getComputedStyle(e).fontSize);
    assert.equal(parseFloat(indent), 2 * parseFloat(size), 'the viewer\'s typography applies');
    await p.screenshot({ path: path.join(SCREENSHOTS, `static-${name}.png`) });
    // A 要目 link is a plain fragment link.
    await p.locator('nav a').nth(1).click();
    assert.equal(new URL(p.url()).hash, '#a-2');
    const top = await p.locator('#a-2').evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(Math.abs(top) < 2, `article 2 at ${top}px`);
    await context.close();
  });
}

test('the archive index lists every issue of the feed and links to its page, without JavaScript', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, javaScriptEnabled: false });
  const p = await context.newPage();
  await p.goto(new URL('/archive/', base).href);
  assert.equal(await p.title(), '联络动态 · 往期');
  const issues = p.locator('.bv-archive-issue h2 a');
  assert.deepEqual(await issues.allTextContents(), ['联络动态 第18期', '联络动态 第17期', '联络动态 第16期']);
  await p.screenshot({ path: path.join(SCREENSHOTS, 'archive-index.png') });
  await issues.nth(1).click();
  await p.waitForURL(/lianluo-dongtai-2024-17-sample\.html$/);
  assert.match(await p.locator('article h2').first().textContent(), /^【示例】/);
  await context.close();
});

test('payloads in every field of a static page stay text', async () => {
  const context = await browser.newContext();
  const p = await context.newPage();
  const dialogs = [];
  p.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await p.addInitScript(() => {
    window.__xss = [];
    window.alert = window.confirm = window.prompt = (m) => window.__xss.push(`dialog ${m}`);
  });
  await p.goto(new URL('/hostile.html', base).href);
  await p.waitForTimeout(300);
  assert.deepEqual(await p.evaluate(() => window.__xss), []);
  assert.deepEqual(dialogs, []);
  const seen = await p.evaluate(() => ({
    text: document.body.textContent,
    scripts: document.querySelectorAll('script:not([type="application/ld+json"]), iframe, object, svg, math, img').length,
    handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on'))).length,
  }));
  assert.deepEqual({ scripts: seen.scripts, handlers: seen.handlers }, { scripts: 0, handlers: 0 });
  for (const payload of PAYLOADS.slice(0, 11)) assert.ok(seen.text.includes(payload), `shown literally: ${payload}`);
  await context.close();
});
