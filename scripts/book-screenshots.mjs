// The 编辑台's screenshots in the book's 编辑指南 (book/src/editing/images/), taken again:
//   node scripts/book-screenshots.mjs            (needs a release build in dist/: scripts/build)
// DIST=/other/dist serves another build. The page's own files (index.html, editor.js,
// editor.css) are served from www/editor/ — the build copies them unchanged — so a change to
// them shows without rebuilding the wasm. Not part of scripts/test: pictures are looked at by
// a person, not compared. About a minute, half of it the real 30 s time limit.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = process.env.DIST || path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'book/src/editing/images');
const SEED_TXT = path.join(ROOT, 'tests/fixtures/seed/lianluo-dongtai-2024-18.txt');
const SEED_DOCX = path.join(ROOT, 'tests/fixtures/import/seed/lianluo-dongtai-2024-18.docx');
const FEED = path.join(ROOT, 'www/issues/feed.json');
const LAPTOP = { width: 1366, height: 768 };
const LEFT = { x: 0, y: 0, width: 620, height: 768 }; // the working column, without the preview

const file = (name, type) => ({ type, body: fs.readFileSync(path.join(ROOT, 'www/editor', name)) });
const routes = {
  '/editor/index.html': file('index.html', 'text/html; charset=utf-8'),
  '/editor/editor.js': file('editor.js', 'text/javascript; charset=utf-8'),
  '/editor/editor.css': file('editor.css', 'text/css; charset=utf-8'),
};
// The stand-in worker of the tests: a file starting with HANG is read for ever.
const hanging = {
  ...routes,
  '/editor/worker.js': { type: 'text/javascript; charset=utf-8', body: fs.readFileSync(path.join(ROOT, 'tests/e2e/editor-hang-worker.js')) },
  '/editor/worker-real.js': { type: 'text/javascript; charset=utf-8', body: fs.readFileSync(path.join(DIST, 'editor/worker.js')) },
};

fs.mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
const site = await serve(DIST, { port: 0, routes });
const slow = await serve(DIST, { port: 0, routes: hanging });

const shot = async (page, name, clip) => {
  await page.waitForTimeout(300); // the preview's last paint
  await page.screenshot({ path: path.join(OUT, name), clip });
  console.log(`book-screenshots: ${name}`);
};
const waitForIssue = (page, label) => page.waitForFunction((label) => {
  const root = document.querySelector('bulletin-viewer')?.shadowRoot;
  return root?.querySelector('.bv-masthead')?.textContent.replace(/\s/g, '').includes(label);
}, label, { timeout: 60000 });
const open = async (context, url = site.url) => {
  const page = await context.newPage();
  await page.goto(`${url}editor/index.html`);
  return page;
};

try {
  // 1. The page as it opens.
  let context = await browser.newContext({ viewport: LAPTOP, deviceScaleFactor: 1 });
  let page = await open(context);
  await shot(page, 'start.png');

  // 2. A Word file put in: the fields, the preview.
  await page.locator('#file').setInputFiles(SEED_DOCX);
  await waitForIssue(page, '第18期');
  await shot(page, 'fields.png');
  // 3. 原文, with its guide open.
  await page.locator('#tab-source').click();
  await page.locator('#source-guide summary').click();
  await shot(page, 'source.png', LEFT);
  await page.close();
  await context.close();

  // 5. A text without its issue number and date: a draft, its problems (filled in as 第19期).
  context = await browser.newContext({ viewport: LAPTOP, deviceScaleFactor: 1 });
  page = await open(context);
  const text = fs.readFileSync(SEED_TXT, 'utf8').split('\n')
    .filter((l) => !/^第 18 期/.test(l) && !/^2024 年 11 月 4 日/.test(l)).join('\n');
  await page.locator('#paste').click();
  await page.locator('#source').fill(text);
  await page.waitForFunction(() => document.querySelector('#problem-count')?.textContent === '2', null, { timeout: 60000 });
  // 4. 已修复: what the converter repaired in the text (a Word file needs no repairs).
  await page.locator('#tab-repairs').click();
  await shot(page, 'repairs.png', LEFT);
  await page.locator('#tab-problems').click();
  await shot(page, 'problems.png');
  // 6. A problem chosen: the field that fills it.
  await page.locator('.ed-problem').first().click();
  await page.keyboard.type('第 19 期');
  await page.waitForFunction(() => document.querySelector('#problem-count')?.textContent === '1', null, { timeout: 60000 });
  await shot(page, 'problem-field.png', LEFT);
  await page.getByLabel('日期', { exact: true }).fill('2024 年 11 月 18 日');
  await page.waitForFunction(() => document.querySelector('#problem-count')?.textContent === '0', null, { timeout: 60000 });
  // 7. The downloads, with the site's feed.json opened.
  await page.locator('#name').fill('2024-19');
  await page.locator('#feed-file').setInputFiles(FEED);
  await page.locator('#feed-status').filter({ hasText: 'feed.json' }).waitFor();
  await page.evaluate(() => document.querySelector('.ed-out').previousElementSibling.scrollIntoView());
  await shot(page, 'download.png', { x: 0, y: 0, width: 620, height: 290 });
  await page.close();
  await context.close();

  // 8. A file being read, with 取消; 9. a file that takes longer than the time limit (30 s).
  context = await browser.newContext({ viewport: LAPTOP, deviceScaleFactor: 1 });
  page = await open(context, slow.url);
  await page.locator('#file').setInputFiles(SEED_DOCX);
  await waitForIssue(page, '第18期');
  const hang = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['HANG %PDF-1.7 a conversion that never finishes'], '第19期.pdf', { type: 'application/pdf' }));
    return dt;
  });
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: hang });
  await page.locator('#cancel').waitFor();
  await shot(page, 'reading.png', { x: 0, y: 50, width: 620, height: 260 });
  await page.locator('#failure').filter({ hasText: '未能读取' }).waitFor({ timeout: 60000 });
  await shot(page, 'timeout.png', { x: 0, y: 50, width: 620, height: 380 });
  await page.close();
  await context.close();

  // 10. A closed tab's work offered to a new tab.
  context = await browser.newContext({ viewport: LAPTOP, deviceScaleFactor: 1 });
  page = await open(context);
  await page.locator('#file').setInputFiles(SEED_DOCX);
  await waitForIssue(page, '第18期');
  await page.getByLabel('期号', { exact: true }).fill('第 19 期');
  await waitForIssue(page, '第19期');
  await page.close();
  page = await open(context);
  await page.locator('#offer').waitFor();
  await shot(page, 'offer.png', { x: 0, y: 50, width: 620, height: 330 });
  await context.close();
} finally {
  await browser.close();
  site.server.close();
  slow.server.close();
}
