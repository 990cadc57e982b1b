// 往期检索 with a hostile or broken index (#33): indexes made by tests/e2e/hostile-index.mjs
// from the bundled feed. A manifest that claims 4,000,000,000 articles, with a 3.9 MB or a
// 300 KB shard (what froze the tab for minutes, then stopped the viewer), and a shard whose
// list runs past the manifest's count behind a 3.9 MB key, are refused: 往期检索 says it is
// unavailable and why, and the issue stays readable and usable (要目, search in the issue,
// another issue). An index that adds up but is large (2,000 issues of 2,000 articles, a list
// of 3.9 million) is read in slices and answers as a plain scan of the text does. Throughout,
// no task of the page is longer than 200 ms (a PerformanceObserver for 'longtask').
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withDist, openPage, inViewer, poll, issueLabel, waitForIssue, SCREENSHOTS, ROOT, DIST, VIEWPORTS } from './browser.mjs';
import { claimsBillions, pastTheEnd, largeButConsistent, TERM } from './hostile-index.mjs';

const DIR = path.join(DIST, 'e2e-hostile');
const MB = 3_900_000;
const KB = 300_000;
/** The longest task a reader may wait on (the 往期检索 work is sliced far below it). */
const LONGEST = 200;

let browser;
let base;
const made = {};

withDist(() => {
  fs.rmSync(DIR, { recursive: true, force: true });
  made.billionsBig = claimsBillions(path.join(DIR, 'billions-big'), MB);
  made.billionsSmall = claimsBillions(path.join(DIR, 'billions-small'), KB);
  made.pastTheEnd = pastTheEnd(path.join(DIR, 'past-the-end'), MB);
  made.large = largeButConsistent(path.join(DIR, 'large'), MB);
  // The bundled feed, its index named on another origin.
  const feed = JSON.parse(fs.readFileSync(path.join(DIR, 'large', 'feed.json'), 'utf8'));
  fs.mkdirSync(path.join(DIR, 'elsewhere'), { recursive: true });
  fs.writeFileSync(path.join(DIR, 'elsewhere', 'feed.json'), JSON.stringify({ ...feed, search: 'https://elsewhere.example/search/index-0.json' }));
  return {};
}, (d) => ({ browser, url: base } = d));
after(() => fs.rmSync(DIR, { recursive: true, force: true }));

const panel = (p) => p.locator('bulletin-viewer .bv-root:not(.bv-ssr) .bv-findall');
const status = (p) => panel(p).locator('.bv-findall-status');
const withoutSpaces = (s) => s.replace(/\s/g, '');
// The page's own issue, asked for before the element was pointed at the feed, is aborted.
const notThePagesIssue = (errors) => errors.filter((e) => !e.endsWith('/issues/lianluo-dongtai-2024-18.json'));

/** The plain embed's page on the phone, pointed at a variant's feed, with every long task
 *  of the page recorded from its start (`window.__longTasks`, their durations in ms). */
async function openVariant(name, { lang } = {}) {
  const opened = await openPage(browser, VIEWPORTS.phone);
  const p = opened.page;
  await p.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
  await p.emulateMedia({ reducedMotion: 'reduce' });
  await p.goto(new URL('/embed/minimal.html', base).href);
  await p.evaluate(([f, l]) => {
    const v = document.querySelector('bulletin-viewer');
    v.removeAttribute('src');
    if (l) v.setAttribute('lang', l);
    v.setAttribute('feed', f);
  }, [`/e2e-hostile/${name}/feed.json`, lang]);
  await p.locator('bulletin-viewer nav.bv-issues').waitFor();
  await p.locator('bulletin-viewer footer').waitFor();
  await waitForIssue(p, '第18期');
  return opened;
}

/** The page's long tasks so far (ms), and since when it counts them: from now on. */
async function longTasks(p, { reset = false } = {}) {
  return p.evaluate((r) => {
    const got = window.__longTasks.slice();
    if (r) window.__longTasks.length = 0;
    return got;
  }, reset);
}

/** Whether the page answers within `ms`: a frame is drawn (a frozen tab draws none). */
function responsive(p, ms = 1000) {
  return Promise.race([
    p.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(true)))),
    new Promise((r) => setTimeout(() => r(false), ms)),
  ]);
}

/** Opens 往期检索 and types the query; resolves to the status once nothing is looked up. */
async function ask(p, q = TERM) {
  if ((await panel(p).getAttribute('open')) === null) await panel(p).locator('summary').click();
  await panel(p).locator('input').fill(q);
  return poll(async () => {
    assert.ok(await responsive(p), 'the page answers while the index is read');
    const s = await status(p).textContent();
    return s && !/正在/.test(s) && s;
  }, { what: `the answer to ${q}`, timeout: 60000 });
}

/** The issue reads and works: its articles are drawn, the 要目 leads to an article, the
 *  search in the issue finds and marks, and another issue opens from 往期. */
async function stillReadable(p) {
  assert.equal(await issueLabel(p), '第18期');
  const titles = await inViewer(p, (root) => [...root.querySelectorAll('article .bv-article-title')].map((h) => h.textContent.trim()));
  assert.equal(titles.length, 2, 'both articles drawn');
  await p.locator('bulletin-viewer .bv-root:not(.bv-ssr) .bv-contents a').nth(1).click();
  await poll(() => inViewer(p, (root) => {
    const r = root.getElementById('a-2').getBoundingClientRect();
    return r.top < innerHeight && r.bottom > 0;
  }), { what: 'the second article in view from the 要目' });
  const search = p.locator('bulletin-viewer .bv-root:not(.bv-ssr) .bv-search .bv-search-input');
  await search.fill('胡贺波');
  await poll(() => inViewer(p, (root) => root.querySelectorAll('mark.bv-hit').length >= 2), { what: 'hits marked in the issue' });
  await search.fill('');
  await p.locator('bulletin-viewer .bv-root:not(.bv-ssr) nav.bv-issues .bv-older').click();
  await waitForIssue(p, '第17期');
}

for (const [key, name, shard] of [
  ['billionsBig', 'billions-big', '3.9 MB'],
  ['billionsSmall', 'billions-small', '300 KB'],
]) {
  test(`a manifest claiming 4,000,000,000 articles (${shard} shard) is refused at once: 往期检索不可用, the issue readable, no long task`, async () => {
    const v = made[key];
    assert.equal(v.manifest.issues.reduce((s, i) => s + i.articles, 0), 4_000_000_000);
    const size = key === 'billionsBig' ? MB : KB;
    assert.ok(v.shardBytes >= size && v.shardBytes < size + 50_000, `${v.shardBytes} bytes`);
    const { page: p, errors, context } = await openVariant(name);
    const requested = [];
    p.on('request', (r) => requested.push(r.url()));
    await longTasks(p, { reset: true });
    // Said as soon as the panel opens (the manifest is read then), and for a query.
    await panel(p).locator('summary').click();
    await poll(async () => /往期检索不可用/.test(await status(p).textContent()), { what: 'unavailable said on opening' });
    const said = await ask(p);
    assert.equal(withoutSpaces(said), '往期检索不可用：检索索引称一期有3999999997篇文章，超过每期2000篇的上限。');
    assert.ok(!requested.some((u) => /\/search\/s0-/.test(u)), 'its shard is never fetched');
    assert.equal(await panel(p).locator('.bv-found').count(), 0);
    if (key === 'billionsBig') await p.screenshot({ path: path.join(SCREENSHOTS, 'findall-hostile-phone.png') });
    await stillReadable(p);
    const long = await longTasks(p);
    assert.ok(long.every((d) => d <= LONGEST), `long tasks: ${long.join(', ')} ms`);
    console.log(`${name}: long tasks after opening 往期检索: [${long.join(', ')}] ms`);
    assert.deepEqual(notThePagesIssue(errors), []);
    await context.close();
  });
}

test('a shard whose list runs past the manifest\'s count, behind a 3.9 MB key, is read in slices and refused; the next query is refused at once', async () => {
  assert.ok(made.pastTheEnd.shardBytes > MB, `${made.pastTheEnd.shardBytes} bytes`);
  const { page: p, errors, context } = await openVariant('past-the-end');
  await longTasks(p, { reset: true });
  const said = await ask(p);
  const shard = made.pastTheEnd.manifest.shards[0];
  assert.equal(withoutSpaces(said), `往期检索不可用：检索索引${shard}所列的文章超出索引所记的5篇。`);
  // Remembered: another query (of another term of the same shard) says so without reading it again.
  await panel(p).locator('input').fill('人大');
  await poll(async () => /往期检索不可用/.test(await status(p).textContent()), { what: 'still unavailable' });
  await stillReadable(p);
  const long = await longTasks(p);
  assert.ok(long.every((d) => d <= LONGEST), `long tasks: ${long.join(', ')} ms`);
  console.log(`past-the-end: long tasks after opening 往期检索: [${long.join(', ')}] ms`);
  assert.deepEqual(notThePagesIssue(errors), []);
  await context.close();
});

test('an index that adds up but is large (4,000,000 articles, a list of 3.9 million) answers as a plain scan does, without a long task', async () => {
  // The plain scan of the bundled issues: which hold the term, and how many of their articles.
  const feed = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/issues/feed.json'), 'utf8'));
  const want = feed.issues
    .map((e) => {
      const issue = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/issues', e.url), 'utf8'));
      const n = issue.articles.filter((a) => [a.title, ...a.blocks.map((b) => b.text ?? ''), a.source ?? ''].join('\n').includes(TERM)).length;
      return { label: `${e.label}·${e.date_display}`, n };
    })
    .filter((i) => i.n > 0);
  assert.ok(want.length > 0);
  const { page: p, errors, context } = await openVariant('large');
  await longTasks(p, { reset: true });
  const said = await ask(p);
  assert.equal(withoutSpaces(said), `找到${want.length}期，${want.reduce((s, i) => s + i.n, 0)}篇`);
  const listed = (await panel(p).locator('.bv-found-issue').allTextContents()).map(withoutSpaces);
  assert.deepEqual(listed, want.map((i) => i.label));
  assert.equal(await panel(p).locator('.bv-found-title').count(), want.reduce((s, i) => s + i.n, 0));
  const long = await longTasks(p);
  assert.ok(long.every((d) => d <= LONGEST), `long tasks: ${long.join(', ')} ms`);
  console.log(`large: long tasks after opening 往期检索: [${long.join(', ')}] ms`);
  assert.deepEqual(notThePagesIssue(errors), []);
  await context.close();
});

test('in English: the refusal and its reason in the interface language', async () => {
  const { page: p, errors, context } = await openVariant('billions-small', { lang: 'en' });
  await panel(p).locator('summary').click();
  await poll(async () => /unavailable/.test(await status(p).textContent()), { what: 'unavailable said' });
  assert.equal(await status(p).textContent(), 'Search across issues is unavailable: its index says an issue has 3999999997 articles, more than the 2000 an issue may have.');
  assert.deepEqual(notThePagesIssue(errors), []);
  await context.close();
});

test('an index named on another origin is not used: no query leaves for it, 往期检索 says there is no index', async () => {
  const { page: p, errors, context } = await openVariant('elsewhere');
  const requested = [];
  p.on('request', (r) => requested.push(r.url()));
  await panel(p).locator('summary').click();
  await panel(p).locator('input').fill(TERM);
  await poll(async () => (await status(p).textContent()) === '这份往期目录没有检索索引，暂不能检索往期。', { what: 'no index said' });
  assert.ok(!requested.some((u) => u.includes('elsewhere.example')), requested.join('\n'));
  await stillReadable(p);
  assert.deepEqual(notThePagesIssue(errors), []);
  await context.close();
});
