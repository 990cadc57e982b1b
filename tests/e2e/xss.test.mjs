// Every string field of an issue filled with script-injection payloads: no script runs (a
// page-side trap records any that does), the text shows literally, no unsafe element or URL
// reaches the page, and the problems are reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withDist, openPage, inViewer, SCREENSHOTS } from './browser.mjs';

import { PAYLOADS, hostileIssue } from './hostile.mjs';

let browser;
let base;

withDist({ routes: { '/xss.json': { body: JSON.stringify(hostileIssue()) } } }, (d) => ({ browser, url: base } = d));

test('payloads in every field: nothing runs, the text shows literally', async () => {
  const { page: p, context } = await openPage(browser, { width: 1000, height: 900 });
  const dialogs = [];
  p.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await p.addInitScript(() => {
    window.__xss = [];
    window.alert = window.confirm = window.prompt = (m) => window.__xss.push(`dialog ${m}`);
  });
  await p.goto(new URL('/?src=xss.json', base).href);
  await p.locator('bulletin-viewer .bv-problems').waitFor();
  await p.locator('bulletin-viewer footer').waitFor();
  // Let anything that would run, run; interact a little too.
  await p.locator('bulletin-viewer .bv-skip').focus();
  await p.keyboard.press('Enter');
  await p.locator('bulletin-viewer input[type=search]').fill('<script>');
  await p.waitForTimeout(500);
  assert.deepEqual(await p.evaluate(() => window.__xss), []);
  assert.deepEqual(dialogs, []);

  const seen = await inViewer(p, (root) => {
    const all = [...root.querySelectorAll('*')];
    return {
      title: root.querySelector('h1').textContent,
      text: root.textContent,
      dangerous: all.filter((e) => /^(SCRIPT|IFRAME|OBJECT|EMBED|SVG|MATH|STYLE|DETAILS)$/i.test(e.tagName)).map((e) => e.tagName),
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`)),
      hrefs: [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      imgs: [...root.querySelectorAll('img')].map((i) => i.getAttribute('src')),
    };
  });
  assert.equal(seen.title, hostileIssue().masthead.title);
  for (const payload of PAYLOADS.slice(0, 12)) {
    assert.ok(seen.text.includes(payload), `shown literally: ${payload}`);
  }
  assert.deepEqual(seen.dangerous, []);
  assert.deepEqual(seen.handlers, []);
  for (const href of seen.hrefs) assert.match(href, /^(https?:|mailto:|tel:|#)/, href);
  assert.ok(!seen.hrefs.some((h) => /^(mailto|tel):/.test(h)), 'no link made of a bad e-mail or phone');
  assert.deepEqual(seen.imgs, [], 'no image from a javascript: or data: URL');
  const notice = await p.locator('bulletin-viewer .bv-problems').textContent();
  assert.match(notice, /articles\[0\]\.blocks\[\d+\]\.src/);
  assert.match(notice, /U\+202E/);
  await p.screenshot({ path: path.join(SCREENSHOTS, 'xss.png') });
  await context.close();
});
