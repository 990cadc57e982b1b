// 往期检索 (release build over HTTP, Chromium): the bundled feed's index, and an archive of
// generated issues (bench/archive.mjs) with its feed and index made by `bulletin feed`.
// Results are checked against a plain scan of the issues' text; a result opens its issue at
// its article with the in-issue search holding the query; more results page in; a query
// typed over is abandoned; a feed without an index and a missing shard are named.
// A feed ahead of its index (issues added by the 编辑台's own `feedWith`, run here from
// dist/editor, without `bulletin feed` again): the issues the index does not list are checked
// against their text and merged in, up to the bound, the rest said; an issue the index lists
// that the feed no longer has is passed over.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { withDist, openPage, inViewer, poll, issueLabel, waitForIssue, SCREENSHOTS, ROOT, DIST, VIEWPORTS } from './browser.mjs';
import { makeArchive, makeIssue, RARE, rareIn } from '../../bench/archive.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const N = 40;
const ARCHIVE = path.join(DIST, 'e2e-archive');
// The same archive, its feed then published to without `bulletin feed` (see `ahead`).
const AHEAD = path.join(DIST, 'e2e-ahead');
// Issues of feed-15.json added by the 编辑台 after its index was built: past the viewer's
// bound of 20 (archive.rs `UNLISTED`).
const LATER = 25;
// A phrase only the issue published from the 编辑台 holds.
const NEW_WORD = '云端议事厅';
const feed = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/issues/feed.json'), 'utf8'));

let browser;
let base;

/** `bulletin feed DIR -o OUT`: the feed and its index. */
function bulletinFeed(dir, out) {
  execFileSync('cargo', ['run', '--quiet', '--features', 'cli', '--', 'feed', dir, '-o', out], { cwd: ROOT });
}

/** The 编辑台's “feed with the issue added” (`feedWith` of its wasm, as its worker calls it):
 *  (feed JSON, issue JSON, file name) → { json, url }. */
async function editorFeedWith() {
  const glue = await import(pathToFileURL(path.join(DIST, 'editor/converter.js')).href);
  glue.initSync({ module: fs.readFileSync(path.join(DIST, 'editor/converter_bg.wasm')) });
  return (feed, issue, name) => {
    const r = JSON.parse(glue.feedWith(feed, issue, name));
    if (!r.ok) throw new Error(r.message);
    return r;
  };
}

/** The issue an office publishes from the 编辑台 a week after the archive's newest: its
 *  second article holds NEW_WORD (in the title and the text), 代表 and the rare phrase. */
function published() {
  const issue = makeIssue(-1, N);
  const a = issue.articles[1];
  a.title = `${NEW_WORD}正式开通`;
  a.blocks.push({ type: 'paragraph', text: `全市开通${NEW_WORD}，人大代表在线接待群众，各地${RARE}同步接入。` });
  issue.contents[1].title = a.title;
  return issue;
}

/** e2e-ahead/: the archive in issues/; feed-15.json with the index of its 15 oldest issues
 *  and the 25 newer added by the 编辑台 one by one; feed.json with the index of all 40 and one
 *  issue published from the 编辑台 (published()); feed-dropped.json, that feed without one
 *  issue the index lists (a rare phrase's). */
async function ahead() {
  fs.rmSync(AHEAD, { recursive: true, force: true });
  const issues = path.join(AHEAD, 'issues');
  const later = path.join(AHEAD, 'later');
  const names = makeArchive(issues, N);
  fs.mkdirSync(later);
  for (const n of names.slice(0, LATER)) fs.renameSync(path.join(issues, n), path.join(later, n));
  bulletinFeed(issues, path.join(AHEAD, 'feed-15.json'));
  for (const n of names.slice(0, LATER)) fs.renameSync(path.join(later, n), path.join(issues, n));
  bulletinFeed(issues, path.join(AHEAD, 'feed.json'));
  const feedWith = await editorFeedWith();
  const read = (f) => fs.readFileSync(path.join(AHEAD, f), 'utf8');
  let older = read('feed-15.json');
  for (const n of names.slice(0, LATER).reverse()) older = feedWith(older, read(`issues/${n}`), n).json;
  fs.writeFileSync(path.join(AHEAD, 'feed-15.json'), older);
  const fresh = published();
  const issue = JSON.stringify(fresh, null, 1);
  const added = feedWith(read('feed.json'), issue, `lldt-${fresh.masthead.date.iso}.json`);
  fs.writeFileSync(path.join(AHEAD, added.url), issue);
  fs.writeFileSync(path.join(AHEAD, 'feed.json'), added.json);
  const f = JSON.parse(added.json);
  const gone = `issues/${names[rareIn(N)[0]]}`;
  fs.writeFileSync(path.join(AHEAD, 'feed-dropped.json'), JSON.stringify({ ...f, issues: f.issues.filter((e) => e.url !== gone) }, null, 2));
  return { newUrl: added.url, gone };
}
/** What `ahead` made: the new issue's URL (relative to the feed), the dropped one's. */
let made;

withDist(async () => {
  fs.rmSync(ARCHIVE, { recursive: true, force: true });
  makeArchive(ARCHIVE, N);
  bulletinFeed(ARCHIVE, path.join(ARCHIVE, 'feed.json'));
  made = await ahead();
  const { search, ...bare } = feed;
  assert.ok(search, 'the bundled feed names its index');
  return {
    routes: {
      '/no-index/feed.json': { body: JSON.stringify({ ...bare, issues: bare.issues.map((e) => ({ ...e, url: `/issues/${e.url}` })) }) },
    },
  };
}, (d) => ({ browser, url: base } = d));
after(() => {
  fs.rmSync(ARCHIVE, { recursive: true, force: true });
  fs.rmSync(AHEAD, { recursive: true, force: true });
});

/** A folder's issues as the test reads them (those its feed lists): feed entry, and each
 *  article's text. */
function archive(dir = ARCHIVE, feedFile = 'feed.json') {
  const f = JSON.parse(fs.readFileSync(path.join(dir, feedFile), 'utf8'));
  return f.issues.map((e) => {
    const issue = JSON.parse(fs.readFileSync(path.join(dir, e.url), 'utf8'));
    return { entry: e, articles: issue.articles.map((a) => [a.title, ...a.blocks.map((b) => b.text ?? ''), a.source ?? ''].join('\n')) };
  });
}

/** The plain scan: the labels of the issues that hold `q`, newest first, and the count of
 *  articles. */
function scan(q, dir, feedFile) {
  return scanOf(archive(dir, feedFile), q);
}

/** The plain scan over `issues` (as `archive` gives them). */
function scanOf(issues, q) {
  const found = issues.map((i) => ({ label: `${i.entry.label} · ${i.entry.date_display}`, n: i.articles.filter((t) => t.includes(q)).length })).filter((i) => i.n > 0);
  return { labels: found.map((i) => i.label), articles: found.reduce((s, i) => s + i.n, 0) };
}

async function open(url, { viewport = VIEWPORTS.phone } = {}) {
  const opened = await openPage(browser, viewport);
  await opened.page.emulateMedia({ reducedMotion: 'reduce' });
  await opened.page.goto(new URL(url, base).href);
  await opened.page.locator('bulletin-viewer footer').waitFor();
  return opened;
}

// The drawing in use (not the copy of the full build's that stays until the search build has drawn).
const panel = (p) => p.locator('bulletin-viewer .bv-root:not(.bv-ssr) .bv-findall');
const status = (p) => panel(p).locator('.bv-findall-status');

/** Waits until nothing is being looked up or checked. */
function settle(p, what = 'results') {
  return poll(async () => {
    const s = await status(p).textContent();
    return s && !/正在/.test(s);
  }, { what });
}

/** Opens 往期检索 and types `q`; waits until no issue is being checked. */
async function find(p, q) {
  if (!(await panel(p).getAttribute('open').then((v) => v !== null))) await panel(p).locator('summary').click();
  await panel(p).locator('input').fill(q);
  await settle(p, `results for ${q}`);
}

/** Clicks 更多结果 until every result is shown. */
async function all(p) {
  for (let i = 0; i < 100 && (await panel(p).locator('.bv-more').count()); i++) {
    await panel(p).locator('.bv-more').click();
    await settle(p);
  }
}

/** The issues listed, as their label · date, in order. */
async function listed(p) {
  return (await panel(p).locator('.bv-found-issue').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

const withoutSpaces = (s) => s.replace(/\s/g, '');

test('the bundled feed: a name is found in its issue, with the hit marked; the result opens the issue at that article, its hits marked', async () => {
  const { page: p, errors, context } = await open('/#bulletin/2024-16');
  const wasm = () => p.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name.split('/').pop()).filter((n) => n.endsWith('.wasm')));
  await waitForIssue(p, '第16期');
  // A feed's first view carries the full build; 往期检索 brings the search build.
  const before = await wasm();
  assert.ok(before.length === 1 && /^viewer-[0-9a-f]+_bg\.wasm$/.test(before[0]), before.join());
  await find(p, '胡贺波');
  const after = await wasm();
  assert.ok(after.length === 2 && /^viewer-search-[0-9a-f]+_bg\.wasm$/.test(after[1]), after.join());
  assert.equal(await issueLabel(p), '第16期', 'the issue shown stays');
  assert.equal(withoutSpaces(await status(p).textContent()), '找到1期，1篇');
  assert.deepEqual((await listed(p)).map(withoutSpaces), ['第18期·2024年11月4日']);
  const title = panel(p).locator('.bv-found-title').first();
  assert.equal(withoutSpaces(await title.textContent()), '湘潭市委书记胡贺波在全省基层人大工作推进会上的发言');
  assert.equal(await title.locator('mark').textContent(), '胡贺波');
  const snippet = panel(p).locator('.bv-found-snippet').first();
  assert.equal(await snippet.locator('mark').textContent(), '胡贺波');
  assert.ok((await snippet.textContent()).length > 20, 'text around the hit');
  assert.equal(await title.getAttribute('href'), `${base.split('#')[0]}#bulletin/2024-18/a-2`);
  await p.screenshot({ path: path.join(SCREENSHOTS, 'findall-phone.png') });

  await title.click();
  await waitForIssue(p, '第18期');
  assert.equal(new URL(p.url()).hash, '#bulletin/2024-18/a-2');
  // The in-issue search holds the query, its hits marked, and the article is in view.
  assert.equal(await p.locator('bulletin-viewer .bv-search .bv-search-input').inputValue(), '胡贺波');
  await poll(() => inViewer(p, (root) => root.querySelectorAll('mark.bv-hit').length >= 2), { what: 'hits marked' });
  await poll(() => inViewer(p, (root) => {
    const r = root.getElementById('a-2').getBoundingClientRect();
    return r.top < innerHeight && r.bottom > 0;
  }), { what: 'the article in view' });
  // The results stay for the next one.
  assert.deepEqual((await listed(p)).map(withoutSpaces), ['第18期·2024年11月4日']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two characters are answered by the index alone; one character asks for more; Latin and digits are words', async () => {
  const { page: p, errors, context } = await open('/');
  await find(p, '示例');
  const samples = scan('示例', path.join(ROOT, 'www/issues'));
  assert.equal(samples.labels.length, 2);
  assert.deepEqual(await listed(p), samples.labels);
  await find(p, '人');
  assert.equal(await status(p).textContent(), '请至少输入两个字，或一个英文词、一个数字。');
  await find(p, '不存在的说法');
  assert.equal(await status(p).textContent(), '往期中没有找到。');
  // Full-width digits are found as half-width ones (10月31日), and digits as whole words.
  await find(p, '３１');
  assert.deepEqual((await listed(p)).map(withoutSpaces), ['第18期·2024年11月4日']);
  await find(p, '3');
  assert.equal(await status(p).textContent(), '往期中没有找到。', '3 is not a word of 31');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a generated archive: common, four-character and rare queries agree with a plain scan, newest first, with paging', async () => {
  // The plain embed's page, pointed at the archive's feed.
  const { page: q, errors: errs, context: ctx } = await openPage(browser, VIEWPORTS.desktop);
  await q.goto(new URL('/embed/minimal.html', base).href);
  await q.evaluate(() => {
    const v = document.querySelector('bulletin-viewer');
    v.removeAttribute('src');
    v.setAttribute('feed', '/e2e-archive/feed.json');
  });
  await q.locator('bulletin-viewer nav.bv-issues').waitFor();
  await q.locator('bulletin-viewer footer').waitFor();

  // Common: more than a page; 更多结果 pages on.
  const common = scan('代表');
  assert.ok(common.labels.length > 10, `${common.labels.length} issues hold 代表`);
  await find(q, '代表');
  assert.equal(withoutSpaces(await status(q).textContent()), `找到${common.labels.length}期，${common.articles}篇`);
  assert.deepEqual(await listed(q), common.labels.slice(0, 10));
  await panel(q).locator('.bv-more').click();
  await poll(async () => (await listed(q)).length === Math.min(20, common.labels.length), { what: 'the second page' });
  assert.deepEqual(await listed(q), common.labels.slice(0, 20));
  await q.screenshot({ path: path.join(SCREENSHOTS, 'findall-desktop.png') });

  // Four characters: checked against the text, every page.
  const four = scan('基层治理');
  await find(q, '基层治理');
  await all(q);
  assert.deepEqual(await listed(q), four.labels);
  assert.equal(withoutSpaces(await status(q).textContent()), `找到${four.labels.length}期，${four.articles}篇`);
  for (const s of await panel(q).locator('.bv-found mark').allTextContents()) assert.equal(s, '基层治理');

  // The rare phrase: in exactly its three issues.
  const rare = scan(RARE);
  assert.equal(rare.labels.length, 3);
  assert.deepEqual(rare.labels, archive().filter((_, i) => rareIn(N).includes(i)).map((i) => `${i.entry.label} · ${i.entry.date_display}`));
  await find(q, RARE);
  assert.deepEqual(await listed(q), rare.labels);
  // The page's own issue, asked for before the element was pointed at the feed, is aborted.
  assert.deepEqual(errs.filter((e) => !e.endsWith('/issues/lianluo-dongtai-2024-18.json')), []);
  await ctx.close();
});

test('typing on abandons the query in flight: its requests are aborted and its results never shown', async () => {
  const { page: p, context } = await open('/');
  // The shards answer slowly, so that the first query is still waiting when the second comes.
  const aborted = [];
  p.on('requestfailed', (r) => aborted.push(r.url()));
  let slow = true;
  await p.route('**/issues/search/s*.json', async (route) => {
    if (slow) await new Promise((r) => setTimeout(r, 1500));
    await route.continue().catch(() => {});
  });
  await panel(p).locator('summary').click();
  await panel(p).locator('input').fill('胡贺波');
  await p.waitForTimeout(600); // past the pause after typing: its shard is requested
  slow = false;
  await panel(p).locator('input').fill('示例');
  await poll(async () => /找到/.test(await status(p).textContent()), { what: 'the second query answered' });
  await p.waitForTimeout(1500); // the first query's shard would have come by now
  assert.ok(!(await listed(p)).some((l) => l.includes('第18期')), 'nothing of the first query');
  assert.ok(aborted.some((u) => /\/search\/s\d+-/.test(u)), `the first query's request was aborted: ${aborted}`);
  await context.close();
});

test('a feed without an index says search is not available; a missing shard is named and the rest still used', async () => {
  const { page: p, context } = await open('/embed/minimal.html');
  await p.evaluate(() => {
    const v = document.querySelector('bulletin-viewer');
    v.removeAttribute('src');
    v.setAttribute('feed', '/no-index/feed.json');
  });
  await p.locator('bulletin-viewer nav.bv-issues').waitFor();
  await panel(p).locator('summary').click();
  await panel(p).locator('input').fill('代表');
  await poll(async () => /没有检索索引/.test(await status(p).textContent()), { what: 'no index' });
  await context.close();

  // The archive with the shard of one of the query's terms gone.
  const { page: q, context: ctx } = await openPage(browser, VIEWPORTS.phone);
  await q.goto(new URL('/embed/minimal.html', base).href);
  const f = JSON.parse(fs.readFileSync(path.join(ARCHIVE, 'feed.json'), 'utf8'));
  const manifest = JSON.parse(fs.readFileSync(path.join(ARCHIVE, f.search), 'utf8'));
  const fnv = (s) => {
    let h = 0xcbf29ce484222325n;
    for (const b of Buffer.from(s)) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
    return Number(h & BigInt(manifest.buckets - 1));
  };
  const gone = manifest.shards[fnv('治理')];
  assert.notEqual(gone, manifest.shards[fnv('基层')], 'the two terms are in different shards');
  await q.route(`**/search/${gone}`, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await q.evaluate(() => {
    const v = document.querySelector('bulletin-viewer');
    v.removeAttribute('src');
    v.setAttribute('feed', '/e2e-archive/feed.json');
  });
  await q.locator('bulletin-viewer nav.bv-issues').waitFor();
  await find(q, '基层治理');
  await all(q);
  assert.match(await panel(q).locator('.bv-findall-note').first().textContent(), new RegExp(gone.replace('.', '\\.')));
  assert.deepEqual(await listed(q), scan('基层治理').labels, 'still exact, from the other term and the text');
  // A query whose only shard is gone: the message names it.
  await find(q, '治理');
  assert.match(await status(q).textContent(), new RegExp(`检索索引无法载入：.*${gone.replace('.', '\\.')}`));
  await q.screenshot({ path: path.join(SCREENSHOTS, 'findall-missing-shard.png') });
  // An issue whose JSON cannot be fetched is listed with a note, not left out: it may hold
  // the query.
  const first = archive().find((i) => i.articles.some((t) => t.includes('基层治理')));
  await q.route(`**/e2e-archive/${first.entry.url}`, (route) => route.fulfill({ status: 500, body: 'down' }));
  await find(q, '基层治理');
  assert.equal((await listed(q))[0], `${first.entry.label} · ${first.entry.date_display}`);
  assert.equal(await panel(q).locator('.bv-found > li').first().locator('.bv-findall-note').textContent(), '本期无法载入');
  await ctx.close();
});

/** The plain embed's page pointed at `feed`, with its issues listed. */
async function openFeed(feed, viewport = VIEWPORTS.phone) {
  const opened = await openPage(browser, viewport);
  await opened.page.emulateMedia({ reducedMotion: 'reduce' });
  await opened.page.goto(new URL('/embed/minimal.html', base).href);
  await opened.page.evaluate((f) => {
    const v = document.querySelector('bulletin-viewer');
    v.removeAttribute('src');
    v.setAttribute('feed', f);
  }, feed);
  await opened.page.locator('bulletin-viewer nav.bv-issues').waitFor();
  await opened.page.locator('bulletin-viewer footer').waitFor();
  return opened;
}

// The page's own issue, asked for before the element was pointed at the feed, is aborted.
const notThePagesIssue = (errors) => errors.filter((e) => !e.endsWith('/issues/lianluo-dongtai-2024-18.json'));

test('an issue published from the 编辑台, which the index does not list yet, is found as if indexed: its title and hit shown, merged newest first', async () => {
  const feed = JSON.parse(fs.readFileSync(path.join(AHEAD, 'feed.json'), 'utf8'));
  const manifest = JSON.parse(fs.readFileSync(path.join(AHEAD, feed.search), 'utf8'));
  assert.equal(feed.issues.length, N + 1);
  assert.equal(feed.issues[0].url, made.newUrl, 'the new issue is the newest');
  assert.ok(!manifest.issues.some((i) => i.url === made.newUrl), 'and the index does not list it');
  const { page: p, errors, context } = await openFeed('/e2e-ahead/feed.json');
  const newest = `${feed.issues[0].label} · ${feed.issues[0].date_display}`;

  // Only the new issue holds the word: found by its text alone.
  const only = scan(NEW_WORD, AHEAD);
  assert.deepEqual(only.labels, [newest]);
  await find(p, NEW_WORD);
  assert.deepEqual(await listed(p), only.labels);
  assert.equal(withoutSpaces(await status(p).textContent()), '找到1期，1篇');
  const title = panel(p).locator('.bv-found-title').first();
  assert.equal(withoutSpaces(await title.textContent()), `${NEW_WORD}正式开通`);
  assert.equal(await title.locator('mark').textContent(), NEW_WORD);
  const snippet = panel(p).locator('.bv-found-snippet').first();
  assert.equal(await snippet.locator('mark').textContent(), NEW_WORD);
  assert.match(withoutSpaces(await snippet.textContent()), /人大代表在线接待群众/);
  assert.match(await title.getAttribute('href'), /#bulletin\/[^/]+\/a-2$/);
  await p.screenshot({ path: path.join(SCREENSHOTS, 'findall-unlisted-phone.png') });
  await title.click();
  await waitForIssue(p, withoutSpaces(feed.issues[0].label));
  assert.equal(await p.locator('bulletin-viewer .bv-search .bv-search-input').inputValue(), NEW_WORD);

  // Two characters (exact from the index) and the rare phrase (exact by positions): the
  // index's issues at once, the new one once its text is checked, in the feed's order.
  for (const q of ['代表', RARE]) {
    const want = scan(q, AHEAD);
    assert.equal(want.labels[0], newest, `the new issue holds ${q}`);
    await find(p, q);
    await all(p);
    assert.deepEqual(await listed(p), want.labels, q);
    assert.equal(withoutSpaces(await status(p).textContent()), `找到${want.labels.length}期，${want.articles}篇`, q);
  }
  // Four characters: checked against the text, the new issue with the others.
  const four = scan('基层治理', AHEAD);
  await find(p, '基层治理');
  await all(p);
  assert.deepEqual(await listed(p), four.labels);
  assert.equal(await panel(p).locator('.bv-findall-note').count(), 0, 'nothing left unsearched');
  assert.deepEqual(notThePagesIssue(errors), []);
  await context.close();
});

test('an index that lists an issue the feed no longer has passes it over; an unlisted issue that cannot be fetched is listed with 本期无法载入', async () => {
  const { page: p, errors, context } = await openFeed('/e2e-ahead/feed-dropped.json');
  const want = scan(RARE, AHEAD, 'feed-dropped.json');
  assert.equal(want.labels.length, 3, 'the new issue and two of the rare phrase\'s three');
  await find(p, RARE);
  assert.deepEqual(await listed(p), want.labels);
  await find(p, '代表');
  await all(p);
  assert.deepEqual(await listed(p), scan('代表', AHEAD, 'feed-dropped.json').labels);
  assert.deepEqual(notThePagesIssue(errors), []);

  await p.route(`**/e2e-ahead/${made.newUrl}`, (route) => route.fulfill({ status: 500, body: 'down' }));
  await find(p, NEW_WORD);
  const f = JSON.parse(fs.readFileSync(path.join(AHEAD, 'feed-dropped.json'), 'utf8'));
  assert.deepEqual(await listed(p), [`${f.issues[0].label} · ${f.issues[0].date_display}`]);
  assert.equal(await panel(p).locator('.bv-found > li').first().locator('.bv-findall-note').textContent(), '本期无法载入');
  await context.close();
});

test('more unlisted issues than the bound: the newest 20 are checked with the index\'s, the rest are said', async () => {
  const issues = archive(AHEAD, 'feed-15.json');
  const feed = JSON.parse(fs.readFileSync(path.join(AHEAD, 'feed-15.json'), 'utf8'));
  const manifest = JSON.parse(fs.readFileSync(path.join(AHEAD, feed.search), 'utf8'));
  assert.equal(manifest.issues.length, N - LATER);
  assert.deepEqual(feed.issues.slice(LATER).map((e) => e.url), manifest.issues.map((i) => i.url), 'the index lists the oldest');
  const { page: p, errors, context } = await openFeed('/e2e-ahead/feed-15.json', VIEWPORTS.desktop);
  // The newest 20 and the indexed 15: the 5 unlisted past the bound are not searched.
  const searched = issues.filter((_, i) => i < 20 || i >= LATER);
  for (const q of ['代表', '基层治理']) {
    const want = scanOf(searched, q);
    assert.ok(scanOf(issues, q).labels.length > want.labels.length, `the 5 left out hold ${q}`);
    await find(p, q);
    await all(p);
    assert.deepEqual(await listed(p), want.labels, q);
    assert.equal(withoutSpaces(await panel(p).locator('.bv-findall-note').textContent()), '另有5期尚未编入检索索引，这次没有检索。');
  }
  await p.screenshot({ path: path.join(SCREENSHOTS, 'findall-unlisted-bound.png') });
  assert.deepEqual(notThePagesIssue(errors), []);
  await context.close();
});

test('keyboard: the panel opens from its button with the field focused; results are links in order; axe-clean in every theme', async () => {
  for (const prefs of ['theme=light', 'theme=dark', 'contrast=1;theme=light', 'contrast=1;theme=dark', 'elder=1;theme=light']) {
    const opened = await openPage(browser, VIEWPORTS.desktop);
    await opened.page.addInitScript((v) => localStorage.setItem('bulletin-viewer:reader', v), prefs);
    await opened.page.goto(new URL('/', base).href);
    const p = opened.page;
    await p.locator('bulletin-viewer footer').waitFor();
    await panel(p).locator('summary').focus();
    await p.keyboard.press('Enter');
    await poll(() => inViewer(p, (root) => root.activeElement?.classList.contains('bv-findall-input')), { what: 'the field focused' });
    await p.keyboard.type('人大');
    await find(p, '人大');
    await p.keyboard.press('Tab');
    assert.ok(await inViewer(p, (root) => root.activeElement?.classList.contains('bv-found-issue')), 'the first result next');
    await p.addScriptTag({ path: AXE });
    const violations = await p.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    assert.deepEqual(violations, [], prefs);
    if (prefs === 'theme=dark') await p.screenshot({ path: path.join(SCREENSHOTS, 'findall-dark.png') });
    await opened.context.close();
  }
});

test('not in kiosk mode', async () => {
  const { page: p, context } = await openPage(browser, VIEWPORTS.kiosk);
  await p.goto(new URL('/embed/minimal.html', base).href);
  await p.evaluate(() => {
    const v = document.querySelector('bulletin-viewer');
    v.removeAttribute('src');
    v.setAttribute('mode', 'kiosk');
    v.setAttribute('feed', '/issues/feed.json');
  });
  await p.locator('bulletin-viewer footer').waitFor();
  assert.equal(await issueLabel(p), '第18期');
  assert.equal(await panel(p).count(), 0);
  await context.close();
});

test('when the search build cannot be fetched, 往期检索 says so and tries again on request', async () => {
  const { page: p, context } = await open('/');
  const blocked = (route) => route.fulfill({ status: 404, body: 'gone' });
  await p.route('**/viewer-search-*', blocked);
  await panel(p).locator('summary').click();
  await poll(async () => (await status(p).textContent()) === '往期检索未能载入。', { what: 'the failure said' });
  assert.equal(await issueLabel(p), '第18期', 'the issue stays');
  await p.unroute('**/viewer-search-*', blocked);
  await panel(p).getByRole('button', { name: '重试' }).click();
  await panel(p).locator('input').waitFor();
  await find(p, '胡贺波');
  assert.deepEqual((await listed(p)).map(withoutSpaces), ['第18期·2024年11月4日']);
  await context.close();
});
