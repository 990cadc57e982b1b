// Navigation, search and accessibility on the demo (release build over HTTP, Chromium):
// axe-core in every theme and mode, a keyboard-only reading, deep links and history, search
// counts checked against counts computed here from the JSON, scroll-spy, the dock, and a
// long issue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { withDist, openPage, inViewer, waitInViewer, SCREENSHOTS, ROOT } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const seed = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/issues/lianluo-dongtai-2024-18.json'), 'utf8'));

/** An issue of `n` articles made from the seed's paragraphs, for long-issue behaviour. */
function longIssue(n) {
  const paragraphs = seed.articles.flatMap((a) => a.blocks);
  const articles = Array.from({ length: n }, (_, i) => ({
    id: `a-${i + 1}`,
    title: `第${i + 1}篇 ${seed.articles[i % 2].title}`,
    blocks: [paragraphs[i % paragraphs.length], paragraphs[(i + 3) % paragraphs.length]],
  }));
  return {
    ...seed,
    contents: articles.map((a) => ({ title: a.title, article: a.id })),
    articles,
  };
}

let browser;
let base;

withDist({
  routes: { '/long.json': { body: JSON.stringify(longIssue(60)) } },
}, (d) => ({ browser, url: base } = d));

const activeId = (p) => inViewer(p, (root) => root.activeElement?.id ?? null);
const topOf = (p, id) => inViewer(p, (root, i) => root.getElementById(i).getBoundingClientRect().top, id);
const waitAtTop = (p, id) => waitInViewer(p, (root, i) => Math.abs(root.getElementById(i).getBoundingClientRect().top) < 2, id);

async function open(viewport, { url = '', prefs, colorScheme = 'light', reducedMotion = 'reduce' } = {}) {
  const opened = await openPage(browser, viewport);
  await opened.page.emulateMedia({ colorScheme, reducedMotion });
  if (prefs) {
    await opened.page.addInitScript((v) => localStorage.setItem('bulletin-viewer:reader', v), prefs);
  }
  await opened.page.goto(new URL(url, base).href);
  await opened.page.locator('bulletin-viewer footer').waitFor();
  return opened;
}

async function axe(p) {
  await p.addScriptTag({ path: AXE });
  return p.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

const MODES = {
  light: { prefs: 'size=1;elder=0;contrast=0;theme=light' },
  dark: { prefs: 'size=1;elder=0;contrast=0;theme=auto', colorScheme: 'dark' },
  elder: { prefs: 'size=1;elder=1;contrast=0;theme=light' },
  contrast: { prefs: 'size=1;elder=0;contrast=1;theme=light' },
  'contrast-dark': { prefs: 'size=1;elder=0;contrast=1;theme=dark' },
  largest: { prefs: 'size=4;elder=1;contrast=0;theme=dark' },
};
const SIZES = { phone: { width: 375, height: 812 }, desktop: { width: 1366, height: 768 }, kiosk: { width: 1080, height: 1920 } };

for (const [size, viewport] of Object.entries(SIZES)) {
  test(`axe-core finds no violations on ${size} in every theme and mode`, async () => {
    for (const [mode, options] of Object.entries(MODES)) {
      const { page: p, context } = await open(viewport, options);
      assert.deepEqual(await axe(p), [], `${size} ${mode}`);
      await context.close();
    }
    // With the settings open and search hits marked.
    const { page: p, context } = await open(viewport, MODES.light);
    await p.locator('bulletin-viewer .bv-settings').click();
    await p.locator('bulletin-viewer input[type=search]').fill('人大');
    await p.locator('bulletin-viewer input[type=search]').press('Enter');
    assert.deepEqual(await axe(p), [], `${size} settings open, search`);
    await p.screenshot({ path: path.join(SCREENSHOTS, `search-${size}.png`) });
    await context.close();
  });
}

test('keyboard only: skip link, contents, article 2, previous/next, search', async () => {
  const { page: p, errors, context } = await open(SIZES.desktop, MODES.light);
  await p.keyboard.press('Tab');
  assert.equal(await inViewer(p, (root) => root.activeElement?.className), 'bv-skip');
  assert.ok(await p.locator('bulletin-viewer .bv-skip').isVisible(), 'the skip link shows when focused');
  await p.keyboard.press('Enter');
  assert.equal(await activeId(p), 'a-1-title');

  // Back to the top, then Tab to the second 要目 entry.
  await p.keyboard.press('Shift+Tab'); // nothing before the heading but the contents
  let steps = 0;
  await p.evaluate(() => document.activeElement?.blur());
  await p.keyboard.press('Tab');
  while (steps++ < 16) {
    const text = await inViewer(p, (root) => root.activeElement?.textContent ?? '');
    if (text.startsWith('湘潭市委书记')) break;
    await p.keyboard.press('Tab');
  }
  assert.ok(steps < 16, 'the 要目 entries are in the tab order');
  await p.keyboard.press('Enter');
  assert.equal(await activeId(p), 'a-2-title');
  await waitAtTop(p, 'a-2');
  assert.equal(new URL(p.url()).hash, '#bulletin/2024-18/a-2');

  // ← / k previous article, → / j next.
  await p.keyboard.press('k');
  assert.equal(await activeId(p), 'a-1-title');
  await p.keyboard.press('ArrowRight');
  assert.equal(await activeId(p), 'a-2-title');
  await p.keyboard.press('ArrowLeft');
  assert.equal(await activeId(p), 'a-1-title');
  await p.keyboard.press('j');
  assert.equal(await activeId(p), 'a-2-title');

  // / goes to search; typing j there types, it does not move.
  await p.keyboard.press('/');
  assert.equal(await inViewer(p, (root) => root.activeElement?.type), 'search');
  await p.keyboard.type('湘潭j');
  assert.equal(await inViewer(p, (root) => root.activeElement?.type), 'search', 'still typing');
  assert.equal(await p.locator('bulletin-viewer input[type=search]').inputValue(), '湘潭j');
  await p.keyboard.press('Backspace');
  const status = p.locator('bulletin-viewer #bv-search-status');
  assert.match(await status.textContent(), /^找到 \d+ 处$/);
  await p.keyboard.press('Enter');
  assert.match(await status.textContent(), /^第 1 处，共 (\d+) 处$/);
  assert.equal(await p.locator('bulletin-viewer mark.bv-hit-current').textContent(), '湘潭');
  await p.keyboard.press('Shift+Enter');
  const total = Number((await status.textContent()).match(/共 (\d+) 处/)[1]);
  assert.equal(await status.textContent(), `第 ${total} 处，共 ${total} 处`);
  const inView = await inViewer(p, (root) => {
    const r = root.querySelector('mark.bv-hit-current').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  assert.ok(inView, 'the current hit is scrolled into view');
  await p.keyboard.press('Escape');
  assert.equal(await p.locator('bulletin-viewer mark').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('deep link survives a reload; back and forward move between articles', async () => {
  const { page: p, errors, context } = await open(SIZES.phone, { ...MODES.light, url: '#bulletin/a-2' });
  await waitAtTop(p, 'a-2');
  await p.reload();
  await p.locator('bulletin-viewer footer').waitFor();
  await waitAtTop(p, 'a-2');

  const entries = p.locator('bulletin-viewer nav.bv-contents a');
  await p.evaluate(() => window.scrollTo(0, 0));
  await entries.nth(0).click();
  await waitAtTop(p, 'a-1');
  await p.evaluate(() => window.scrollTo(0, 0));
  await entries.nth(1).click();
  await waitAtTop(p, 'a-2');
  await p.goBack();
  await p.waitForFunction(() => location.hash === '#bulletin/2024-18/a-1');
  await waitAtTop(p, 'a-1');
  await p.goForward();
  await p.waitForFunction(() => location.hash === '#bulletin/2024-18/a-2');
  await waitAtTop(p, 'a-2');
  assert.deepEqual(errors, []);
  await context.close();
});

/** Occurrences of `query` in the fields the reader sees, counted here from the JSON. */
function expectedHits(issue, query) {
  const fold = (s) => [...s].map((c) => {
    const code = c.codePointAt(0);
    if (code >= 0xff01 && code <= 0xff5e) return String.fromCodePoint(code - 0xfee0);
    return c === '\u3000' ? ' ' : c;
  }).join('').toLowerCase();
  const texts = [];
  for (const a of issue.articles) {
    texts.push(a.title, a.byline ?? '', a.source ?? '');
    for (const b of a.blocks) texts.push(b.text ?? '', ...(b.items ?? []), b.caption ?? '');
  }
  for (const d of issue.footer.distribution ?? []) texts.push(d.text);
  texts.push(issue.footer.editor ?? '', issue.footer.approval ?? '');
  const q = fold(query);
  return texts.reduce((n, t) => n + fold(t).split(q).length - 1, 0);
}

test('search finds Chinese substrings and counts them right', async () => {
  const { page: p, errors, context } = await open(SIZES.desktop, MODES.light);
  const input = p.locator('bulletin-viewer input[type=search]');
  for (const q of ['人大', '湘潭', '胡贺波', '人大代表', '５１００', '（市、区）', '没有这个词']) {
    const expected = expectedHits(seed, q);
    await input.fill(q);
    const marks = await p.locator('bulletin-viewer mark.bv-hit').count();
    assert.equal(marks, expected, `${q}: marks`);
    const status = await p.locator('bulletin-viewer #bv-search-status').textContent();
    assert.equal(status, expected ? `找到 ${expected} 处` : '没有找到', q);
  }
  assert.ok(expectedHits(seed, '人大') > 50);
  assert.equal(expectedHits(seed, '胡贺波'), 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the article being read is marked in the 要目; on phones the dock leads back', async () => {
  const { page: p, errors, context } = await open(SIZES.phone, MODES.light);
  const current = () => p.locator('bulletin-viewer nav.bv-contents a[aria-current=location]').textContent();
  assert.match(await current(), /^全省基层人大/);
  assert.equal(await p.locator('bulletin-viewer .bv-dock').count(), 0, 'no dock while the 要目 is in view');
  await inViewer(p, (root) => {
    const a = root.getElementById('a-2');
    window.scrollTo(0, a.getBoundingClientRect().top + scrollY);
  });
  await waitInViewer(p, (root) => root.querySelector('a[aria-current=location]')?.textContent.startsWith('湘潭'));
  const dock = p.locator('bulletin-viewer .bv-dock');
  await dock.waitFor();
  assert.equal(await dock.textContent(), '要目 2/2');
  assert.equal(await dock.getAttribute('aria-label'), '回到要目（第 2 篇，共 2 篇）');
  const box = await dock.boundingBox();
  assert.ok(box.height >= 44 && box.width >= 44);
  await p.screenshot({ path: path.join(SCREENSHOTS, 'dock-phone.png') });
  await dock.click();
  await waitInViewer(p, (root) => root.querySelector('nav.bv-contents').getBoundingClientRect().top >= -1);
  assert.match(await inViewer(p, (root) => root.activeElement?.textContent), /^全省基层人大/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a long issue: the side 要目 scrolls on its own and keeps the current entry in view', async () => {
  const { page: p, errors, context } = await open(SIZES.desktop, { ...MODES.light, url: '?src=long.json' });
  assert.equal(await p.locator('bulletin-viewer article').count(), 60);
  const nav = await inViewer(p, (root) => {
    const n = root.querySelector('nav.bv-contents');
    return { scrolls: n.scrollHeight > n.clientHeight, sticky: getComputedStyle(n).position };
  });
  assert.deepEqual(nav, { scrolls: true, sticky: 'sticky' });
  await p.locator('bulletin-viewer nav.bv-contents a').nth(49).click();
  await waitAtTop(p, 'a-50');
  await waitInViewer(p, (root) => {
    const n = root.querySelector('nav.bv-contents').getBoundingClientRect();
    const e = root.querySelector('a[aria-current=location]');
    if (!e || !e.textContent.startsWith('第50篇')) return false;
    const r = e.getBoundingClientRect();
    return r.top >= n.top && r.bottom <= n.bottom;
  });
  // Keyboard: next article from 50 is 51.
  await p.keyboard.press('j');
  assert.equal(await activeId(p), 'a-51-title');
  assert.ok(Math.abs(await topOf(p, 'a-51')) < 2);
  await p.screenshot({ path: path.join(SCREENSHOTS, 'long-issue-desktop.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
