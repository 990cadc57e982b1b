// Issue files whose names a URL must escape (#33): `a#b.json`, `q?x=1.json`, `%41.json` (and an
// `A.json` beside it, which `%41` would name unescaped). `bulletin feed` writes the feed and
// its index; the viewer, over HTTP, opens each issue from the feed (往期 navigation) and from
// 往期检索 (its own phrase found, the result clicked), and each is the issue its file holds.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { withDist, openPage, inViewer, poll, issueLabel, waitForIssue, ROOT, DIST, VIEWPORTS } from './browser.mjs';

const BULLETIN = path.join(ROOT, 'target/debug/bulletin');
const DIR = path.join(DIST, 'e2e-names');
// File name → the issue number it holds and a phrase only it has.
const FILES = [
  ['a#b.json', 31, '井号文件之问'],
  ['q?x=1.json', 32, '问号文件之答'],
  ['%41.json', 33, '百分号文件'],
  ['A.json', 34, '大写字母文件'],
];

let browser;
let base;

withDist(() => {
  if (!fs.existsSync(BULLETIN)) throw new Error('target/debug/bulletin is missing: run the native tests first');
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(DIR, 'issues'), { recursive: true });
  const seed = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/issues/lianluo-dongtai-2024-18.json'), 'utf8'));
  for (const [name, number, phrase] of FILES) {
    const issue = structuredClone(seed);
    issue.masthead.issue.number = number;
    issue.masthead.issue.label = `第${number}期`;
    issue.articles[0].blocks.push({ type: 'paragraph', text: `本期专记${phrase}。` });
    fs.writeFileSync(path.join(DIR, 'issues', name), JSON.stringify(issue));
  }
  execFileSync(BULLETIN, ['feed', path.join(DIR, 'issues'), '-o', path.join(DIR, 'feed.json')], { stdio: 'pipe' });
  return {};
}, (d) => ({ browser, url: base } = d));
after(() => fs.rmSync(DIR, { recursive: true, force: true }));

const panel = (p) => p.locator('bulletin-viewer .bv-root:not(.bv-ssr) .bv-findall');
// The page's own issue, asked for before the element was pointed at the feed, is aborted.
const notThePagesIssue = (errors) => errors.filter((e) => !e.endsWith('/issues/lianluo-dongtai-2024-18.json'));

async function openFeed() {
  const opened = await openPage(browser, VIEWPORTS.desktop);
  const p = opened.page;
  await p.goto(new URL('/embed/minimal.html', base).href);
  await p.evaluate(() => {
    const v = document.querySelector('bulletin-viewer');
    v.removeAttribute('src');
    v.setAttribute('feed', '/e2e-names/feed.json');
  });
  await p.locator('bulletin-viewer nav.bv-issues').waitFor();
  return opened;
}

test('bulletin feed names each oddly named file so that the viewer opens it from the feed', async () => {
  const feed = JSON.parse(fs.readFileSync(path.join(DIR, 'feed.json'), 'utf8'));
  const urls = Object.fromEntries(feed.issues.map((e) => [e.number, e.url]));
  assert.equal(urls[31], 'issues/a%23b.json');
  assert.equal(urls[32], 'issues/q%3Fx%3D1.json');
  assert.equal(urls[33], 'issues/%2541.json');
  assert.equal(urls[34], 'issues/A.json');
  const { page: p, errors, context } = await openFeed();
  // Newest first: 34, 33, 32, 31; each older one through 往期 navigation.
  await waitForIssue(p, '第34期');
  for (const n of [33, 32, 31]) {
    await p.locator('bulletin-viewer .bv-root:not(.bv-ssr) nav.bv-issues .bv-older').click();
    await waitForIssue(p, `第${n}期`);
    const phrase = FILES.find((f) => f[1] === n)[2];
    await poll(() => inViewer(p, (root, t) => root.textContent.includes(t), phrase), { what: `${phrase} in 第${n}期` });
  }
  assert.deepEqual(notThePagesIssue(errors), []);
  await context.close();
});

test('往期检索 finds each file\'s own phrase and its result opens that file\'s issue', async () => {
  const { page: p, errors, context } = await openFeed();
  await waitForIssue(p, '第34期');
  for (const [name, number, phrase] of FILES) {
    if ((await panel(p).getAttribute('open')) === null) await panel(p).locator('summary').click();
    await panel(p).locator('input').fill(phrase);
    await poll(async () => /找到1期/.test((await panel(p).locator('.bv-findall-status').textContent()).replace(/\s/g, '')), { what: `${phrase} found (${name})` });
    await panel(p).locator('.bv-found-title').first().click();
    await waitForIssue(p, `第${number}期`);
    assert.equal(await issueLabel(p), `第${number}期`, name);
  }
  assert.deepEqual(notThePagesIssue(errors), []);
  await context.close();
});
