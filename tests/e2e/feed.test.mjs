// Reader mode with a feed (the demo: www/issues/feed.json, release build over HTTP, Chromium):
// the newest issue first; 上一期 / 下一期 and the 往期 list switch issues; the URL names the
// issue so a link can be shared and back/forward work; faults in the feed are named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withDist, openPage, waitInViewer, issueLabel, waitForIssue, SCREENSHOTS, ROOT } from './browser.mjs';

const feed = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/issues/feed.json'), 'utf8'));

let browser;
let base;

withDist({
  routes: {
    '/unsafe-newest/feed.json': {
      body: JSON.stringify({ ...feed, issues: [{ ...feed.issues[0], url: 'javascript:alert(1)' }, ...feed.issues.slice(1).map((e) => ({ ...e, url: `/issues/${e.url}` }))] }),
    },
    '/gap/feed.json': {
      body: JSON.stringify({ ...feed, issues: feed.issues.map((e, i) => ({ ...e, url: i === 1 ? '/issues/gone.json' : `/issues/${e.url}` })) }),
    },
    '/empty/feed.json': { body: JSON.stringify({ ...feed, issues: [] }) },
    '/bad/feed.json': { body: '{"schema_version": 1,\n "title": "联络动态",\n "issues": [{"label": 18}]}' },
    '/unsafe/feed.json': {
      body: JSON.stringify({
        ...feed,
        issues: [
          ...feed.issues.map((e) => ({ ...e, url: `/issues/${e.url}` })).slice(0, 1),
          { ...feed.issues[1], label: '第99期', url: 'javascript:alert(1)' },
          ...feed.issues.map((e) => ({ ...e, url: `/issues/${e.url}` })).slice(1),
        ],
      }),
    },
  },
}, (d) => ({ browser, url: base } = d));

const PHONE = { width: 375, height: 812 };

async function open(url, viewport = PHONE) {
  const opened = await openPage(browser, viewport);
  await opened.page.emulateMedia({ reducedMotion: 'reduce' });
  await opened.page.goto(new URL(url, base).href);
  await opened.page.locator('bulletin-viewer footer').waitFor();
  return opened;
}

test('the feed opens at its newest issue; 上一期 / 下一期 and 往期 switch issues and name them in the URL', async () => {
  const { page: p, errors, context } = await open('');
  assert.equal(await issueLabel(p), '第18期');
  const nav = p.locator('bulletin-viewer nav.bv-issues');
  assert.equal(await nav.locator('.bv-newer').count(), 0, 'no newer issue than the newest');
  assert.equal((await nav.locator('.bv-older').textContent()).replace(/\s/g, ''), '上一期第17期');
  assert.equal(await nav.locator('.bv-archive > summary').textContent(), `往期 ${feed.issues.length}`);

  // A real link: it can be opened in a new tab or copied.
  const page = base.split('#')[0];
  assert.equal(await nav.locator('.bv-older').getAttribute('href'), `${page}#bulletin/2024-17`);

  await nav.locator('.bv-older').click();
  await waitForIssue(p, '第17期');
  assert.equal(new URL(p.url()).hash, '#bulletin/2024-17');
  assert.match(await p.locator('bulletin-viewer article h2').first().textContent(), /^【示例】/);
  assert.equal((await nav.locator('.bv-newer').textContent()).replace(/\s/g, ''), '下一期第18期');

  // The list of all issues, with the one shown marked.
  await nav.locator('.bv-archive > summary').click();
  const items = nav.locator('.bv-archive li a');
  await items.first().waitFor(); // the list is drawn once open
  assert.equal(await items.count(), feed.issues.length);
  for (let i = 0; i < feed.issues.length; i++) {
    const text = (await items.nth(i).textContent()).replace(/\s/g, '');
    assert.ok(text.includes(feed.issues[i].label) && text.includes(feed.issues[i].headlines[0].replace(/\s/g, '')), text);
  }
  assert.equal(await items.nth(1).getAttribute('aria-current'), 'page');
  await p.screenshot({ path: path.join(SCREENSHOTS, 'feed-archive-phone.png') });
  await items.nth(2).click();
  await waitForIssue(p, '第16期');
  assert.equal(new URL(p.url()).hash, '#bulletin/2024-16');

  // Back and forward move between the issues.
  await p.goBack();
  await waitForIssue(p, '第17期');
  await p.goBack();
  await waitForIssue(p, '第18期');
  await p.goForward();
  await waitForIssue(p, '第17期');

  // Links to articles name the issue, so they keep pointing at it when a newer one appears.
  const entry = p.locator('bulletin-viewer nav.bv-contents a').nth(1);
  assert.equal(await entry.getAttribute('href'), `${page}#bulletin/2024-17/a-2`);
  await entry.click();
  await p.waitForFunction(() => location.hash === '#bulletin/2024-17/a-2');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a shared link opens its issue, and its article', async () => {
  for (const [hash, want, article] of [
    ['#bulletin/2024-16', '第16期', null],
    ['#bulletin/2024-17/a-2', '第17期', 'a-2'],
    ['#bulletin/a-2', '第18期', 'a-2'], // without an issue: the newest
    ['#bulletin/1999-1', '第18期', null], // an issue the feed no longer lists: the newest
  ]) {
    const { page: p, errors, context } = await open(hash);
    await waitForIssue(p, want);
    if (article) {
      // At the top of the screen, or as near as the end of the page allows.
      await waitInViewer(p, (root, id) => {
        const top = root.getElementById(id).getBoundingClientRect().top;
        const atEnd = scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
        return Math.abs(top) < 2 || (atEnd && top > 0 && top < innerHeight / 2);
      }, article);
    }
    assert.deepEqual(errors, [], hash);
    await context.close();
  }
});

test('switching between reader and kiosk mode on the page keeps an issue shown', async () => {
  const { page: p, errors, context } = await open('');
  const viewer = p.locator('bulletin-viewer');
  await viewer.evaluate((v) => v.setAttribute('mode', 'kiosk'));
  await p.locator('bulletin-viewer .bv-kiosk-status').waitFor();
  await waitForIssue(p, '第18期');
  assert.equal(await p.locator('bulletin-viewer nav.bv-issues').count(), 0);
  await viewer.evaluate((v) => v.setAttribute('mode', 'reader'));
  await p.locator('bulletin-viewer nav.bv-issues').waitFor();
  await waitForIssue(p, '第18期');
  assert.equal(await p.locator('bulletin-viewer .bv-kiosk-status').count(), 0);
  await p.locator('bulletin-viewer nav.bv-issues .bv-older').click();
  await waitForIssue(p, '第17期');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an issue that cannot be loaded keeps the other issues a click away', async () => {
  const { page: p, context } = await openPage(browser, PHONE);
  await p.goto(new URL('?feed=/gap/feed.json#bulletin/2024-17', base).href);
  const error = p.locator('bulletin-viewer .bv-error');
  await error.waitFor();
  assert.match(await error.textContent(), /找不到这期简报.*\/issues\/gone\.json/s);
  const nav = p.locator('bulletin-viewer nav.bv-issues');
  await nav.locator('.bv-archive > summary').click();
  await nav.locator('.bv-archive a[aria-current=page]').first().waitFor();
  assert.equal(await nav.locator('.bv-archive a[aria-current=page]').count(), 1, 'the chosen issue is marked');
  assert.equal((await nav.locator('.bv-older').textContent()).replace(/\s/g, ''), '上一期第16期');
  await nav.locator('.bv-older').click();
  await waitForIssue(p, '第16期');
  await nav.locator('.bv-newer').click();
  await p.waitForFunction(() => location.hash === '#bulletin/2024-17');
  await error.waitFor();
  await nav.locator('.bv-newer').click();
  await waitForIssue(p, '第18期');
  await context.close();
});

test('a faulty feed is named, with where the fault is; unsafe issue URLs are left out', async () => {
  const { page: p, context } = await openPage(browser, PHONE);
  await p.goto(new URL('?feed=/bad/feed.json', base).href);
  const error = p.locator('bulletin-viewer .bv-error');
  await error.waitFor();
  const text = await error.textContent();
  assert.match(text, /\/bad\/feed\.json/);
  assert.match(text, /issues\[0\]\.label/);
  assert.match(text, /第 3 行/);
  await context.close();

  const unsafe = await openPage(browser, PHONE);
  const warnings = [];
  unsafe.page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await unsafe.page.goto(new URL('?feed=/unsafe/feed.json', base).href);
  await unsafe.page.locator('bulletin-viewer footer').waitFor();
  assert.equal(await issueLabel(unsafe.page), '第18期');
  await unsafe.page.locator('bulletin-viewer .bv-archive > summary').click();
  await unsafe.page.locator('bulletin-viewer .bv-archive li').first().waitFor();
  const listed = await unsafe.page.locator('bulletin-viewer .bv-archive li').allTextContents();
  assert.equal(listed.length, feed.issues.length);
  assert.ok(listed.every((t) => !t.includes('99')), 'the javascript: entry is not offered');
  assert.ok(warnings.some((w) => /issues\[1\]\.url/.test(w)), warnings.join('\n'));
  assert.deepEqual(unsafe.errors, []);
  await unsafe.context.close();

  // The newest entry unusable: the reader still gets the others, none marked the newest.
  const third = await openPage(browser, PHONE);
  const said = [];
  third.page.on('console', (m) => m.type() === 'warning' && said.push(m.text()));
  await third.page.goto(new URL('?feed=/unsafe-newest/feed.json', base).href);
  await third.page.locator('bulletin-viewer footer').waitFor();
  assert.equal(await issueLabel(third.page), '第17期');
  await third.page.locator('bulletin-viewer .bv-archive > summary').click();
  await third.page.locator('bulletin-viewer .bv-archive li').first().waitFor();
  const archive = await third.page.locator('bulletin-viewer .bv-archive li').allTextContents();
  assert.equal(archive.length, feed.issues.length - 1);
  assert.ok(archive.every((t) => !t.includes('最新')), archive.join(' | '));
  assert.ok(said.some((w) => /issues\[0\]\.url/.test(w)), said.join('\n'));
  await third.context.close();

  // An empty feed is named as such, not as an empty answer.
  for (const [feedUrl, where] of [['/empty/feed.json', /issues：目录中没有任何一期/]]) {
    const { page: q, context: c } = await openPage(browser, PHONE);
    await q.goto(new URL(`?feed=${feedUrl}`, base).href);
    const e = q.locator('bulletin-viewer .bv-error');
    await e.waitFor();
    const t = await e.textContent();
    assert.match(t, where);
    assert.ok(t.includes(feedUrl), t);
    assert.equal(await q.locator('bulletin-viewer .bv-masthead').count(), 0);
    await c.close();
  }
});
