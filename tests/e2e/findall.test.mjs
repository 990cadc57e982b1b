// 往期检索 (release build over HTTP, Chromium): the bundled feed's index, and an archive of
// generated issues (bench/archive.mjs) with its feed and index made by `bulletin feed`.
// Results are checked against a plain scan of the issues' text; a result opens its issue at
// its article with the in-issue search holding the query; more results page in; a query
// typed over is abandoned; a feed without an index and a missing shard are named.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { withDist, openPage, inViewer, poll, issueLabel, waitForIssue, SCREENSHOTS, ROOT, DIST, VIEWPORTS } from './browser.mjs';
import { makeArchive, RARE, rareIn } from '../../bench/archive.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const N = 40;
const ARCHIVE = path.join(DIST, 'e2e-archive');
const feed = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/issues/feed.json'), 'utf8'));

let browser;
let base;

withDist(async () => {
  fs.rmSync(ARCHIVE, { recursive: true, force: true });
  makeArchive(ARCHIVE, N);
  execFileSync('cargo', ['run', '--quiet', '--features', 'cli', '--', 'feed', ARCHIVE, '-o', path.join(ARCHIVE, 'feed.json')], { cwd: ROOT });
  const { search, ...bare } = feed;
  assert.ok(search, 'the bundled feed names its index');
  return {
    routes: {
      '/no-index/feed.json': { body: JSON.stringify({ ...bare, issues: bare.issues.map((e) => ({ ...e, url: `/issues/${e.url}` })) }) },
    },
  };
}, (d) => ({ browser, url: base } = d));
after(() => fs.rmSync(ARCHIVE, { recursive: true, force: true }));

/** A folder's issues as the test reads them: feed entry, and each article's text. */
function archive(dir = ARCHIVE) {
  const f = JSON.parse(fs.readFileSync(path.join(dir, 'feed.json'), 'utf8'));
  return f.issues.map((e) => {
    const issue = JSON.parse(fs.readFileSync(path.join(dir, e.url), 'utf8'));
    return { entry: e, articles: issue.articles.map((a) => [a.title, ...a.blocks.map((b) => b.text ?? ''), a.source ?? ''].join('\n')) };
  });
}

/** The plain scan: the labels of the issues that hold `q`, newest first, and the count of
 *  articles. */
function scan(q, dir) {
  const found = archive(dir).map((i) => ({ label: `${i.entry.label} · ${i.entry.date_display}`, n: i.articles.filter((t) => t.includes(q)).length })).filter((i) => i.n > 0);
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
