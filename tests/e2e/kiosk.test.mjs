// Kiosk mode (release build over HTTP, Chromium) on a fake clock with a routed network, so no
// test waits for real minutes: a newer issue replaces the shown one without a blank frame;
// failures keep the last good issue and are retried with backoff; a restart while the server
// is unreachable shows the stored issue; pages turn, a touch or key pauses, idle returns to
// the masthead; nothing to select or leave by; and a soak of 500 refreshes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withDist, inViewer, waitInViewer, issueLabel, waitForIssue, SCREENSHOTS } from './browser.mjs';
import { openKiosk, kioskPageRoute, until, statusText, soak } from './kiosk-harness.mjs';

let browser;
let server;
let base;

withDist({
  routes: {
    '/kiosk.html': kioskPageRoute({ interval: 60, dwell: 10, idle: 30 }),
    '/kiosk-still.html': kioskPageRoute({ interval: 60, dwell: 0, timeout: 1 }),
    '/kiosk-src.html': kioskPageRoute({ src: '/k/issue-18.json', interval: 60, dwell: 0 }),
    '/kiosk-fast.html': kioskPageRoute({ interval: 10, dwell: 10, idle: 30 }),
    '/kiosk-soak.html': kioskPageRoute({ interval: 10, dwell: 4, idle: 30 }),
  },
}, (d) => ({ browser, server, url: base } = d));

const KIOSK = { width: 1080, height: 1920 };
const page = (name) => new URL(name, base).href;
const count = (net, name) => net.requests.filter((r) => r.name === name).length;
/** Until every request made has ended, and the viewer has had a moment to act on it. */
async function settled(net) {
  for (let i = 0; i < 300 && net.done < net.requests.length; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(net.done, net.requests.length, 'requests ended');
  await new Promise((r) => setTimeout(r, 100));
}

test('a newer issue in the feed replaces the one shown, without a blank frame, using conditional requests', async () => {
  const { context, page: p, errors, net } = await openKiosk(browser, page('kiosk-still.html'), { viewport: KIOSK });
  await waitForIssue(p, '第18期');
  assert.match(await statusText(p), /^9:00 确认为最新$/);
  // Record every state the viewer passes through from now on: a frame without the issue
  // would show as a mutation batch that leaves no masthead or no article.
  await inViewer(p, (root) => {
    window.__frames = [];
    new MutationObserver(() => {
      window.__frames.push({
        label: root.querySelector('.bv-number')?.textContent.replace(/\s/g, '') ?? null,
        articles: root.querySelectorAll('article').length,
      });
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });

  // One minute later: nothing new. The feed and the issue are asked for conditionally.
  await p.clock.runFor(60_000);
  await waitInViewer(p, (root) => /9:01/.test(root.querySelector('.bv-kiosk-status')?.textContent));
  const feedAsks = net.requests.filter((r) => r.name === 'feed.json');
  assert.ok(feedAsks.length >= 2 && feedAsks.at(-1).ifNoneMatch, 'the second feed request carries If-None-Match');
  const issueAsks = net.requests.filter((r) => r.name === 'issue-18.json');
  assert.ok(issueAsks.length >= 2 && issueAsks.at(-1).ifNoneMatch, 'the issue is revalidated too');
  assert.equal(await issueLabel(p), '第18期');

  // Issue 19 is published: at the next check it is shown.
  net.newest = [19, 18, 17];
  await p.clock.runFor(60_000);
  await waitForIssue(p, '第19期');
  assert.match(await statusText(p), /^9:02 确认为最新$/);
  const frames = await p.evaluate(() => window.__frames);
  assert.ok(frames.length > 0, 'the switch was observed');
  const blank = frames.filter((f) => !f.label || f.articles === 0);
  assert.deepEqual(blank, [], 'no state without the masthead or the articles');
  assert.deepEqual([...new Set(frames.map((f) => f.label))], ['第18期', '第19期']);
  await p.screenshot({ path: path.join(SCREENSHOTS, 'kiosk-new-issue.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('without a feed, the kiosk revalidates its one issue and shows a correction of it', async () => {
  const { context, page: p, errors, net } = await openKiosk(browser, page('kiosk-src.html'), { viewport: KIOSK });
  await waitForIssue(p, '第18期');
  await p.clock.runFor(60_000);
  await waitInViewer(p, (root) => /9:01/.test(root.querySelector('.bv-kiosk-status')?.textContent));
  assert.equal(count(net, 'feed.json'), 0);
  assert.ok(net.requests.at(-1).ifNoneMatch, 'asked conditionally');
  // The publisher corrects a title in the same file.
  net.issues = { ...net.issues, 18: structuredClone(net.issues[18]) };
  net.issues[18].articles[0].title = '全省基层人大工作推进会召开（更正稿）';
  await p.clock.runFor(60_000);
  await waitInViewer(p, (root) => /更正稿/.test(root.querySelector('article h2').textContent));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a failing server (500, no answer in time, network errors) never blanks the kiosk; retries back off; recovery is shown', async () => {
  const { context, page: p, errors, net } = await openKiosk(browser, page('kiosk-still.html'), { viewport: KIOSK });
  await waitForIssue(p, '第18期');
  // 'hang' runs out the page's timeout="1": one second on the fake clock, moved on below.
  const expire = async (fault) => {
    if (fault !== 'hang') return;
    // Once the request is out (and its timeout set), the second passes.
    for (let i = 0; i < 100 && net.requests.length === net.done; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(net.requests.length > net.done, 'a request is waiting for its answer');
    await p.clock.runFor(1000);
  };
  for (const fault of ['http500', 'hang', 'timedout', 'offline']) {
    net.fault = fault;
    const start = count(net, 'feed.json');
    // The regular check fails...
    await p.clock.runFor(60_000);
    await expire(fault);
    await waitInViewer(p, (root) => root.querySelector('.bv-kiosk-status.bv-failing'), null, { what: `${fault}: failing status` });
    await settled(net);
    assert.equal(count(net, 'feed.json'), start + 1, fault);
    assert.equal(await issueLabel(p), '第18期', `${fault}: the last good issue stays`);
    assert.match(await statusText(p), /^暂时无法更新，显示 9:\d\d 确认的内容，正在重试$/);
    // ...and is retried after 1 s, 2 s, 4 s, 8 s: never sooner.
    let asked = start + 1;
    for (const pause of [1000, 2000, 4000, 8000]) {
      await p.clock.runFor(pause - 50);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(count(net, 'feed.json'), asked, `${fault}: no retry before ${pause} ms`);
      await p.clock.runFor(50);
      asked += 1;
      for (let i = 0; i < 100 && count(net, 'feed.json') < asked; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(count(net, 'feed.json'), asked, `${fault}: retried after ${pause} ms`);
      // The attempt has failed (for 'hang', once its timeout ran out) before the clock moves on.
      await expire(fault);
      await settled(net);
      assert.equal(await issueLabel(p), '第18期');
    }
    await p.screenshot({ path: path.join(SCREENSHOTS, `kiosk-${fault}.png`) });
    // The server is back: the next retry (16 s) confirms the issue again.
    net.fault = null;
    await p.clock.runFor(16_000);
    await waitInViewer(p, (root) => !root.querySelector('.bv-kiosk-status.bv-failing'), null, { what: `${fault}: recovered` });
    assert.match(await statusText(p), /确认为最新$/);
  }
  assert.deepEqual(errors.filter((e) => !/Failed to load resource|500/.test(e)), []);
  await context.close();
});

test('restarted while the server is unreachable, the kiosk shows the last good issue it stored', async () => {
  const { context, page: p, net } = await openKiosk(browser, page('kiosk-still.html'), { viewport: KIOSK, newest: [19, 18, 17] });
  await waitForIssue(p, '第19期');
  // A restart while the server is up: the very first checks are conditional (the validators
  // were kept), and nothing is downloaded again.
  const before = net.requests.length;
  await p.reload();
  await waitForIssue(p, '第19期');
  for (let i = 0; i < 200 && net.done < before + 2; i++) await new Promise((r) => setTimeout(r, 20));
  const [feedAsk, issueAsk] = net.requests.slice(before);
  assert.equal(feedAsk.name, 'feed.json');
  assert.ok(feedAsk.ifNoneMatch, 'the first feed request after the restart is conditional');
  assert.equal(issueAsk.name, 'issue-19.json');
  assert.ok(issueAsk.ifNoneMatch, 'the first issue request after the restart is conditional');
  // The kiosk restarts (same browser profile) while feed and issues cannot be fetched.
  net.fault = 'offline';
  await p.reload();
  await waitForIssue(p, '第19期');
  assert.equal(await inViewer(p, (root) => root.querySelectorAll('article').length), 2);
  await waitInViewer(p, (root) => root.querySelector('.bv-kiosk-status.bv-failing'));
  assert.match(await statusText(p), /^暂时无法更新，显示 9:00 确认的内容，正在重试$/);
  await p.screenshot({ path: path.join(SCREENSHOTS, 'kiosk-offline-restart.png') });
  await context.close();

  // Never having had an issue, it says what is wrong and keeps retrying (no blank screen).
  const fresh = await openKiosk(browser, page('kiosk-still.html'), { viewport: KIOSK, fault: 'offline' });
  await waitInViewer(fresh.page, (root) => root.querySelector('.bv-error .bv-retrying'));
  assert.match(await inViewer(fresh.page, (root) => root.textContent), /无法连接到服务器/);
  // The retry button tries at once (no waiting for the next automatic retry).
  fresh.net.fault = null;
  await fresh.page.locator('bulletin-viewer .bv-error button').click();
  await waitForIssue(fresh.page, '第18期');
  await fresh.context.close();
});

test('what cannot be stored whole is not kept: a restart never shows an issue as newer than it is', async () => {
  // A browser whose storage refuses the issue's text (as when it is full).
  const context = await browser.newContext({ viewport: KIOSK });
  await context.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (/:issue$/.test(k)) throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  const { page: p, net } = await openKiosk(browser, page('kiosk-still.html'), { context });
  await waitForIssue(p, '第18期');
  assert.deepEqual(await p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('bulletin-viewer:kiosk:'))), []);
  net.fault = 'offline';
  await p.reload();
  await waitInViewer(p, (root) => root.querySelector('.bv-error .bv-retrying'));
  assert.equal(await issueLabel(p), null);
  await context.close();
});

test('a feed whose newest entry cannot be fetched: the kiosk keeps its issue and says it cannot update', async () => {
  const { context, page: p, net } = await openKiosk(browser, page('kiosk-still.html'), { viewport: KIOSK });
  await waitForIssue(p, '第18期');
  net.unsafeNewest = true;
  await p.clock.runFor(60_000);
  await waitInViewer(p, (root) => root.querySelector('.bv-kiosk-status.bv-failing'));
  assert.equal(await issueLabel(p), '第18期', 'an older issue is not shown as the newest, nor is the last good one dropped');
  await context.close();
});

test('pages turn by themselves; a touch or a key pauses; after the idle time it returns to the masthead', async () => {
  const { context, page: p, errors } = await openKiosk(browser, page('kiosk.html'), { viewport: KIOSK, hasTouch: true });
  await p.emulateMedia({ reducedMotion: 'reduce' });
  await waitForIssue(p, '第18期');
  const scrollY = () => p.evaluate(() => window.scrollY);
  // The first block not wholly on screen, in page coordinates: the next page starts there.
  const nextBlockTop = () => inViewer(p, (root) => {
    const blocks = root.querySelectorAll('.bv-masthead, .bv-contents li, .bv-article > *, .bv-footer p');
    // The screen above the status line in the corner.
    const bottom = Math.min(innerHeight, root.querySelector('.bv-kiosk-status').getBoundingClientRect().top);
    const cut = [...blocks].find((b) => b.getBoundingClientRect().height > 0 && b.getBoundingClientRect().bottom > bottom + 1);
    return cut.getBoundingClientRect().top + scrollY;
  });
  assert.equal(await scrollY(), 0);

  // Page by page to the end of the issue, then back to the masthead.
  const maxY = await p.evaluate(() => document.documentElement.scrollHeight - innerHeight);
  let y = 0;
  let turns = 0;
  while (y < maxY) {
    const expected = Math.min(maxY, await nextBlockTop());
    await p.clock.runFor(10_000);
    await until(p, (prev) => window.scrollY > prev, y, { what: `page turn ${turns + 1}` });
    y = await scrollY();
    // The block that was cut off now starts at the top: nothing is skipped.
    assert.ok(Math.abs(y - expected) < 3, `turn ${turns + 1}: at ${y}, expected ${expected}`);
    if (++turns === 2) await p.screenshot({ path: path.join(SCREENSHOTS, 'kiosk-page-3.png') });
    assert.ok(turns < 20, 'the end is reached');
  }
  assert.ok(turns >= 2, `${turns} pages`);
  await p.clock.runFor(10_000);
  await until(p, () => window.scrollY === 0, null, { what: 'back to the masthead after the last page' });
  await p.clock.runFor(10_000);
  await until(p, () => window.scrollY > 0, null, { what: 'first page turn again' });

  // A touch pauses: no turn while it is recent, and the status says so.
  await p.touchscreen.tap(540, 900);
  await waitInViewer(p, (root) => /自动翻页已暂停/.test(root.querySelector('.bv-kiosk-status').textContent));
  const held = await scrollY();
  await p.clock.runFor(25_000);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(await scrollY(), held, 'no page turns within 30 s of a touch');
  // A key press extends the pause.
  await p.keyboard.press('Shift');
  await p.clock.runFor(25_000);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(await scrollY(), held, 'still where the reader left it, 50 s after the touch');
  // Idle for 30 s after the key: back to the masthead, and turning resumes.
  await p.clock.runFor(6_000);
  await until(p, () => window.scrollY === 0, null, { what: 'back at the masthead' });
  assert.doesNotMatch(await statusText(p), /暂停/);
  await p.clock.runFor(10_000);
  await until(p, () => window.scrollY > 0, null, { what: 'turning resumed' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a newer issue waits while someone reads, then shows from its masthead', async () => {
  const { context, page: p, errors, net } = await openKiosk(browser, page('kiosk-fast.html'), { viewport: KIOSK, hasTouch: true });
  await p.emulateMedia({ reducedMotion: 'reduce' });
  await waitForIssue(p, '第18期');
  await p.clock.runFor(10_000); // a page turn (and a check: nothing new)
  await until(p, () => window.scrollY > 0);
  await p.touchscreen.tap(540, 900);
  const held = await p.evaluate(() => window.scrollY);
  net.newest = [19, 18, 17];
  await p.clock.runFor(10_000); // the check finds 第19期...
  for (let i = 0; i < 100 && count(net, 'issue-19.json') === 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(count(net, 'issue-19.json'), 1, 'the newer issue was fetched');
  await p.clock.runFor(15_000); // ...but the reader touched the screen 25 s ago
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(await issueLabel(p), '第18期', 'not swapped under the reader');
  assert.equal(await p.evaluate(() => window.scrollY), held);
  await p.clock.runFor(6_000); // idle for 31 s: now it switches, from the masthead
  await waitForIssue(p, '第19期');
  await until(p, () => window.scrollY === 0, null, { what: 'at the masthead' });
  await waitInViewer(p, (root) => !/暂停/.test(root.querySelector('.bv-kiosk-status').textContent), null, { what: 'pause cleared' });
  await p.clock.runFor(10_000);
  await until(p, () => window.scrollY > 0, null, { what: 'pages turn again' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('kiosk type reads at a distance on portrait and landscape screens, with lines of a readable length', async () => {
  for (const viewport of [KIOSK, { width: 1920, height: 1080 }]) {
    const { context, page: p } = await openKiosk(browser, page('kiosk-still.html'), { viewport });
    await waitForIssue(p, '第18期');
    const { size, chars, lines } = await inViewer(p, (root) => {
      const para = root.querySelectorAll('article p.bv-p')[1];
      const size = parseFloat(getComputedStyle(para).fontSize);
      const lineHeight = parseFloat(getComputedStyle(para).lineHeight);
      return { size, chars: para.getBoundingClientRect().width / size, lines: innerHeight / lineHeight };
    });
    const name = `${viewport.width}×${viewport.height}`;
    // At least 2.5 % of the screen's shorter side: legible from a few metres on a lobby display.
    assert.ok(size >= Math.min(viewport.width, viewport.height) * 0.025, `${name}: body ${size}px`);
    assert.ok(chars >= 25 && chars <= 40, `${name}: ${chars.toFixed(1)} characters a line`);
    assert.ok(lines >= 10, `${name}: ${lines.toFixed(1)} lines a screen`);
    await p.screenshot({ path: path.join(SCREENSHOTS, `kiosk-${name}.png`) });
    await context.close();
  }
});

test('kiosk: large type, nothing to select, no context menu, no links away, no hover-only controls', async () => {
  const { context, page: p, errors } = await openKiosk(browser, page('kiosk-still.html'), { viewport: KIOSK });
  await waitForIssue(p, '第18期');
  const facts = await inViewer(p, (root) => {
    const app = root.querySelector('.bv-app');
    const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true, composed: true });
    root.querySelector('article p').dispatchEvent(menu);
    const here = location.href.split('#')[0];
    return {
      select: getComputedStyle(app).userSelect,
      menuBlocked: menu.defaultPrevented,
      body: parseFloat(getComputedStyle(root.querySelector('article p')).fontSize),
      away: [...root.querySelectorAll('a[href]')].map((a) => a.href).filter((h) => !h.startsWith(here + '#')),
      controls: [...root.querySelectorAll('input, button, .bv-controls, .bv-issues, .bv-dock, .bv-skip, .bv-pager')].filter((e) => e.getClientRects().length > 0).length,
      status: getComputedStyle(root.querySelector('.bv-kiosk-status')).position,
    };
  });
  assert.equal(facts.select, 'none');
  assert.ok(facts.menuBlocked, 'the context menu is suppressed');
  assert.ok(facts.body >= 28, `body text ${facts.body}px on a 1080 px wide screen`);
  assert.deepEqual(facts.away, [], 'no link leaves the page (no tel:, mailto:)');
  assert.equal(facts.controls, 0, 'no search, settings, switcher or hover-only controls');
  assert.equal(facts.status, 'fixed');
  // The reader's keyboard shortcuts are off: j does not go to the next article.
  await p.keyboard.press('j');
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(new URL(p.url()).hash, '');
  assert.equal(await inViewer(p, (root) => root.activeElement), null);
  assert.match(await inViewer(p, (root) => root.querySelector('.bv-footer').textContent), /联系方式/);
  await p.screenshot({ path: path.join(SCREENSHOTS, 'kiosk-1080x1920.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('soak: 500 refreshes alternating two issues leave memory, DOM nodes, listeners and timers where they were', async () => {
  const { before: b, after: a, errors, requests } = await soak(browser, page('kiosk-soak.html'), { cycles: 500 });
  console.log(`# soak: heap ${(b.heap / 1e6).toFixed(2)} → ${(a.heap / 1e6).toFixed(2)} MB, wasm ${(b.wasm / 1e6).toFixed(2)} → ${(a.wasm / 1e6).toFixed(2)} MB, nodes ${b.nodes} → ${a.nodes}, listeners ${b.listeners} → ${a.listeners}, timers ${b.timers} → ${a.timers}, ${requests} requests`);
  // Generous bounds: a leak of one node, listener or timer per refresh would pass all of them
  // by hundreds; the figures themselves go to docs/performance.md (bench/run).
  assert.ok(a.nodes <= b.nodes * 1.1 + 100, `DOM nodes ${b.nodes} → ${a.nodes}`);
  assert.ok(a.listeners <= b.listeners + 20, `listeners ${b.listeners} → ${a.listeners}`);
  assert.ok(a.timers <= b.timers + 2, `pending timers ${b.timers} → ${a.timers}`);
  assert.ok(a.heap <= b.heap * 1.5 + 2e6, `JS heap ${b.heap} → ${a.heap}`);
  assert.ok(a.wasm <= b.wasm + 4e6, `wasm memory ${b.wasm} → ${a.wasm}`);
  assert.deepEqual(errors, []);
});
