// What an adversarial pass broke, in the release build over HTTP: inputs within the
// documented limits that froze the page (long unbroken Latin text, huge arrays, search in a
// 4 MB paragraph, a 5,000-issue feed), addresses and files of the wrong kind, bytes that are
// not UTF-8, and what print and a kiosk show. Timings are measured with a long-task observer
// against the same page showing the bundled issue, so a loaded machine does not fail them
// while a freeze (seconds, not tenths) still does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withDist, openPage, inViewer, waitInViewer, SCREENSHOTS, ROOT, VIEWPORTS } from './browser.mjs';

const seedText = fs.readFileSync(path.join(ROOT, 'www/issues/lianluo-dongtai-2024-18.json'), 'utf8');
const seed = JSON.parse(seedText);
const edit = (f) => { const i = structuredClone(seed); f(i); return JSON.stringify(i); };

const FEED_SIZE = 5000;
const HUGE = 220_000; // × 6 characters, 18 bytes: a 4 MB paragraph
/** A feed of FEED_SIZE issues over 20 years, newest first, all pointing at the seed. */
function bigFeed() {
  const issues = [];
  for (let n = 0; n < FEED_SIZE; n++) {
    const year = 2024 - Math.floor(n / 250);
    const number = 250 - (n % 250);
    const day = String(1 + (number % 28)).padStart(2, '0');
    const month = String(1 + Math.floor((number - 1) / 21)).padStart(2, '0');
    issues.push({
      label: `第${number}期`, number, date: `${year}-${month}-${day}`, date_display: `${year}年${+month}月${+day}日`,
      title: '联络动态', headlines: [`第${number}期的第一篇文章`], url: `/h/seed.json?${n}`,
    });
  }
  return JSON.stringify({ schema_version: 1, title: '联络动态', issues });
}

let browser;
let base;
withDist({
  routes: {
    '/h/seed.json': { body: seedText },
    '/h/long-title.json': { body: edit((i) => { i.masthead.title = 'W'.repeat(50_000); i.contents[0].title = 'W'.repeat(50_000); }) },
    // Each under the viewer's 5,000,000-byte cap.
    '/h/many-items.json': {
      body: edit((i) => { i.articles[0].blocks.push({ type: 'list', ordered: false, items: Array.from({ length: 200_000 }, (_, k) => `${k}`) }); }),
    },
    '/h/many-distribution.json': {
      body: edit((i) => { i.footer.distribution = Array.from({ length: 150_000 }, () => ({ label: '送', text: '市' })); }),
    },
    '/h/huge-paragraph.json': { body: edit((i) => { i.articles[0].blocks[0].text = '基层人大工作'.repeat(HUGE); }) },
    '/h/feed.json': { body: bigFeed() },
    // Two bytes that are not UTF-8 inside the masthead's title.
    '/h/not-utf8.json': { body: Buffer.concat([Buffer.from(seedText.slice(0, seedText.indexOf('联络动态') + 2)), Buffer.from([0xff, 0xfe]), Buffer.from(seedText.slice(seedText.indexOf('联络动态') + 2))]) },
  },
}, (d) => ({ browser, url: base } = d));

/** Opens the demo page at `query` on a desktop screen, recording long tasks from the start. */
async function open(query, viewport = VIEWPORTS.desktop) {
  const opened = await openPage(browser, viewport);
  await opened.page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask' });
  });
  await opened.page.goto(new URL(query, base).href);
  return opened;
}

/** The longest task since `since` (ms on the page's clock), after things settle. */
async function longestSince(page, since) {
  await page.waitForTimeout(500);
  return page.evaluate((t) => Math.max(0, ...window.__tasks.filter((x) => x.start + x.ms >= t).map((x) => x.ms)), since);
}

/** The longest task while the bundled issue loads and draws: what this machine takes for a
 *  normal issue now. */
let control;
async function budget() {
  if (control === undefined) {
    const { page, context } = await open('?src=/h/seed.json');
    await waitInViewer(page, (root) => root?.querySelector('footer'));
    control = await longestSince(page, 0);
    await context.close();
  }
  return Math.max(200, 2.5 * control);
}

test('long unbroken Latin text in the masthead and 要目 draws without freezing the page', async () => {
  const limit = await budget();
  const { page, errors, context } = await open('?src=/h/long-title.json');
  await waitInViewer(page, (root) => root?.querySelector('.bv-title')?.textContent.length >= 50_000, null, { timeout: 60_000 });
  const longest = await longestSince(page, 0);
  assert.ok(longest < limit, `a task took ${Math.round(longest)} ms (limit ${Math.round(limit)} ms)`);
  // The text wraps in its column instead of widening the page.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
  assert.equal(wide, false, 'no sideways scrolling');
  // Validation names the absurd length.
  const notice = await inViewer(page, (root) => root.querySelector('.bv-problems')?.textContent ?? '');
  assert.match(notice, /masthead\.title：长 50000 个字符，超过此处的上限 500/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'hardening-long-title.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('200,000 list items and 150,000 distribution entries: the first ones drawn, with a notice, quickly', async () => {
  const limit = await budget();
  // Both files are megabytes of JSON: reading one (serde_json, in one task) takes 200–370 ms
  // on this 2-core machine on its own, whatever is drawn (measured 2026-12-01, five runs of
  // the 200,000 items: 301, 336, 368 ms and two under 200), so both get twice the limit; what
  // this test holds is the drawing, which took 8 s before the caps. Reading in pieces is the
  // next step (the closing note of 编辑台's session).
  for (const [src, what, drawnCount, notice, allowance] of [
    ['/h/many-items.json', (root) => root.querySelectorAll('.bv-article li').length, 2000, /共 200000 个列表项，超过本阅读器显示的上限 2000；只显示前 2000/, 2],
    ['/h/many-distribution.json', (root) => [...root.querySelectorAll('.bv-footer .bv-label')].filter((l) => l.textContent === '送：').length, 100, /共 150000 条报送单位，超过本阅读器显示的上限 100；只显示前 100/, 2],
  ]) {
    const { page, errors, context } = await open(`?src=${src}`);
    await waitInViewer(page, (root) => root?.querySelector('footer'), null, { timeout: 60_000 });
    const longest = await longestSince(page, 0);
    assert.ok(longest < limit * allowance, `${src}: a task took ${Math.round(longest)} ms (limit ${Math.round(limit * allowance)} ms)`);
    assert.equal(await inViewer(page, what), drawnCount, src);
    const nodes = await inViewer(page, (root) => root.querySelectorAll('*').length);
    assert.ok(nodes < 10_000, `${src}: ${nodes} elements`);
    assert.match(await inViewer(page, (root) => root.querySelector('.bv-problems')?.textContent ?? ''), notice);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('search in a 4 MB paragraph marks the first 1,000 hits, counts the rest, and stays responsive', async () => {
  const limit = await budget();
  const { page, errors, context } = await open('?src=/h/huge-paragraph.json');
  await waitInViewer(page, (root) => root?.querySelector('footer'), null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const since = await page.evaluate(() => performance.now());
  await page.locator('bulletin-viewer .bv-search-input').fill('基');
  await waitInViewer(page, (root) => /标出前/.test(root?.querySelector('.bv-search-status')?.textContent ?? ''), null, { timeout: 30_000 });
  const status = await inViewer(page, (root) => root.querySelector('.bv-search-status').textContent);
  // The fields search looks in: the articles and the 报尾's lines (not the masthead or 要目).
  const searched = JSON.stringify([seed.articles, seed.footer.distribution, seed.footer.editor, seed.footer.approval]);
  const count = (t) => (t.match(/基/g) ?? []).length;
  const expected = HUGE + count(searched) - count(seed.articles[0].blocks[0].text);
  assert.equal(status, `找到 ${expected} 处（标出前 1000 处）`);
  assert.equal(await inViewer(page, (root) => root.querySelectorAll('mark').length), 1000);
  await page.locator('bulletin-viewer .bv-search-input').press('Enter');
  await waitInViewer(page, (root) => root?.querySelector('.bv-hit-current'));
  assert.equal(await inViewer(page, (root) => root.querySelector('.bv-search-status').textContent), `第 1 处，共 ${expected} 处（标出前 1000 处）`);
  const longest = await longestSince(page, since);
  assert.ok(longest < 4 * limit, `a keystroke's task took ${Math.round(longest)} ms`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 5,000-issue feed: 往期 by year, drawn only while open, in a box of its own; switching stays cheap', async () => {
  const limit = await budget();
  const { page, errors, context } = await open('?feed=/h/feed.json', VIEWPORTS.phone);
  await waitInViewer(page, (root) => root?.querySelector('footer'), null, { timeout: 60_000 });
  const closed = await inViewer(page, (root) => root.querySelectorAll('*').length);
  assert.ok(closed < 1500, `${closed} elements with the list closed`);
  await page.locator('bulletin-viewer .bv-archive > summary').click();
  await waitInViewer(page, (root) => root?.querySelector('.bv-archive-list li'));
  const shown = await inViewer(page, (root) => {
    const list = root.querySelector('.bv-archive-list');
    const years = [...root.querySelectorAll('.bv-year')];
    return {
      years: years.length,
      openYears: years.filter((y) => y.open).map((y) => y.querySelector('summary').textContent),
      links: root.querySelectorAll('.bv-archive li a').length,
      boxHeight: list.getBoundingClientRect().height,
      scrolls: list.scrollHeight > list.clientHeight,
      more: root.querySelector('.bv-more')?.textContent,
    };
  });
  assert.equal(shown.years, 20);
  assert.deepEqual(shown.openYears, ['2024 年 · 250 期'], 'the year of the issue shown is open');
  assert.equal(shown.links, 100, 'a year is drawn in pieces');
  assert.equal(shown.more, '显示更多（还有 150 期）');
  assert.ok(shown.boxHeight <= 812 * 0.7 + 1 && shown.scrolls, `the list scrolls in its own box (${shown.boxHeight}px)`);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'hardening-feed-5000.png') });
  // Another year, then an issue of it.
  const year2010 = page.locator('bulletin-viewer .bv-year', { hasText: '2010 年' });
  await year2010.locator('summary').click();
  await year2010.locator('a', { hasText: '第200期' }).click();
  await waitInViewer(page, (root) => root?.querySelector('.bv-older') && location.hash === '#bulletin/2010-200');
  const since = await page.evaluate(() => performance.now());
  await page.locator('bulletin-viewer .bv-older').click();
  await waitInViewer(page, (root) => root?.querySelector('.bv-older') && location.hash === '#bulletin/2010-199');
  const longest = await longestSince(page, since);
  assert.ok(longest < limit, `a switch took a ${Math.round(longest)} ms task`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a javascript: src is refused at once; a feed given as src and an issue as feed are named', async () => {
  const { page, context } = await open('?src=javascript:alert(1)');
  await waitInViewer(page, (root) => root?.querySelector('.bv-error'));
  const said = await inViewer(page, (root) => root.querySelector('.bv-error').textContent);
  assert.match(said, /这个地址不能用来加载简报：只能用 http、https、data 或相对地址/);
  assert.doesNotMatch(said, /重试/, 'nothing to retry');
  await page.waitForTimeout(1500);
  assert.equal(await inViewer(page, (root) => root.querySelector('.bv-retrying')), null, 'no automatic retries');
  await context.close();

  const asSrc = await open('?src=/h/feed.json');
  await waitInViewer(asSrc.page, (root) => root?.querySelector('.bv-error'), null, { timeout: 30_000 });
  assert.match(await inViewer(asSrc.page, (root) => root.textContent), /这是一份往期目录（feed），不是一期简报：请用 feed 属性指定它/);
  await asSrc.context.close();

  const asFeed = await open('?feed=/h/seed.json');
  await waitInViewer(asFeed.page, (root) => root?.querySelector('.bv-error'));
  assert.match(await inViewer(asFeed.page, (root) => root.textContent), /这是一期简报，不是往期目录（feed）：请用 src 属性指定它/);
  await asFeed.context.close();
});

test('an answer that is not UTF-8 is shown with a notice saying from where', async () => {
  const { page, context } = await open('?src=/h/not-utf8.json');
  await waitInViewer(page, (root) => root?.querySelector('footer'));
  const notice = await inViewer(page, (root) => root.querySelector('.bv-problems')?.textContent ?? '');
  assert.match(notice, /数据从第 \d+ 个字节起不是 UTF-8 编码/);
  await context.close();
});

test('on paper every 要目 entry is alike; a kiosk\'s status line is readable from a distance', async () => {
  const { page, context } = await open('?src=/h/seed.json');
  await waitInViewer(page, (root) => root?.querySelector('.bv-current'));
  await page.emulateMedia({ media: 'print' });
  const looks = await inViewer(page, (root) => [...root.querySelectorAll('.bv-contents a')].map((a) => {
    const s = getComputedStyle(a);
    return `${s.fontWeight} ${s.boxShadow} ${getComputedStyle(a, '::before').content}`;
  }));
  assert.equal(new Set(looks).size, 1, looks.join(' | '));
  await context.close();

  const kiosk = await openPage(browser, VIEWPORTS.kiosk);
  await kiosk.page.goto(new URL('/embed/kiosk.html', base).href);
  await waitInViewer(kiosk.page, (root) => root?.querySelector('.bv-kiosk-status')?.textContent.includes('确认为最新'), null, { timeout: 30_000 });
  const sizes = await inViewer(kiosk.page, (root) => ({
    status: parseFloat(getComputedStyle(root.querySelector('.bv-kiosk-status')).fontSize),
    body: parseFloat(getComputedStyle(root.querySelector('.bv-p')).fontSize),
  }));
  assert.ok(sizes.status >= 20 && sizes.status >= sizes.body * 0.6, `status ${sizes.status}px, body ${sizes.body}px`);
  await kiosk.page.screenshot({ path: path.join(SCREENSHOTS, 'hardening-kiosk-status.png') });
  await kiosk.context.close();
});
