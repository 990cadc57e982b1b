// The compatibility rule (README “Release”): a viewer meets issues and feeds written by a
// newer `bulletin`, with optional fields it does not know. It shows them as ever — in the
// lite build (a plain embed of one issue) and the full one (a feed) — and names each unknown
// field in a console warning, not in front of the reader. `bulletin validate` stays
// strict (tests/cli.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withDist, openPage, issueLabel, ROOT } from './browser.mjs';

const read = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, 'www/issues', file), 'utf8'));
const seed = read('lianluo-dongtai-2024-18.json');
const feed = read('feed.json');

// Fields no version of the format has had: what a newer `bulletin` might add.
const newerIssue = {
  ...seed,
  lang: 'zh-CN',
  masthead: { ...seed.masthead, logo: { src: 'logo.svg' } },
  articles: seed.articles.map((a, i) => (i === 1 ? { ...a, tags: ['基层人大'] } : a)),
};
const newerFeed = {
  ...feed,
  publisher: '湖南省人大常委会',
  issues: feed.issues.map((e, i) => ({ ...e, cover: 'cover.png', url: i === 0 ? '/newer/issue.json' : `/issues/${e.url}` })),
};

let browser;
let base;

withDist({
  routes: {
    '/newer/issue.json': { body: JSON.stringify(newerIssue, null, 2) },
    '/newer/feed.json': { body: JSON.stringify(newerFeed, null, 2) },
    '/newer/plain.html': {
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><meta charset="utf-8"><title>newer</title><link rel="icon" href="/favicon.svg">'
        + '<bulletin-viewer src="/newer/issue.json"></bulletin-viewer><script src="/bulletin-viewer.js"></script>',
    },
  },
}, (d) => ({ browser, url: base } = d));

/** Opens `url`, waits for the 报尾, and gives the page, its errors and its console notes. */
async function open(url) {
  const opened = await openPage(browser, { width: 375, height: 812 });
  const notes = [];
  opened.page.on('console', (m) => m.type() === 'warning' && notes.push(m.text()));
  await opened.page.goto(new URL(url, base).href);
  await opened.page.locator('bulletin-viewer footer').waitFor();
  return { ...opened, notes };
}

async function checkShownWhole(page) {
  assert.equal(await issueLabel(page), '第18期');
  assert.equal(await page.locator('bulletin-viewer article').count(), seed.articles.length, 'every article shown');
  assert.equal(await page.locator('bulletin-viewer .bv-problems').count(), 0, 'no problem shown to the reader');
}

test('an issue with fields a newer bulletin wrote: the plain embed (lite build) shows it, the console names each field', async () => {
  const { page, errors, notes, context } = await open('/newer/plain.html');
  await checkShownWhole(page);
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
  assert.ok(scripts.some((n) => /viewer-lite-[0-9a-f]+_bg\.wasm$/.test(n)), 'the lite build ran');
  for (const field of ['lang', 'masthead.logo', 'articles[1].tags']) {
    assert.ok(notes.some((n) => n.includes('/newer/issue.json') && n.endsWith(`: ${field}: unknown field, ignored`)),
      `no console note for ${field}: ${notes.join('\n')}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a feed with fields a newer bulletin wrote: the full build shows it and its newest issue, the console names each field', async () => {
  const { page, errors, notes, context } = await open('?feed=/newer/feed.json');
  await checkShownWhole(page);
  assert.equal(await page.locator('bulletin-viewer nav.bv-issues .bv-archive > summary').textContent(), `往期 ${feed.issues.length}`);
  for (const field of ['publisher', 'issues[0].cover', 'issues[2].cover', 'articles[1].tags']) {
    assert.ok(notes.some((n) => n.endsWith(`: ${field}: unknown field, ignored`)), `no console note for ${field}: ${notes.join('\n')}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
