// A kiosk page on a fake clock with a routed network, for the kiosk tests and the soak
// figures of the benchmark (bench/bench.mjs). The feed and issues are answered by Playwright
// routes from `net`, which a test changes between polls: what the newest issue is, whether
// the server fails, and every request made (with its conditional headers).
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, inViewer, poll, waitForIssue } from './browser.mjs';

const read = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'www/issues', name), 'utf8'));

/** Issue 18 (the seed), the sample issue 17, and an issue 19 made from the sample (marked 示例). */
export function issues() {
  const i18 = read('lianluo-dongtai-2024-18.json');
  const i17 = read('lianluo-dongtai-2024-17-sample.json');
  const i19 = structuredClone(i17);
  i19.masthead.issue = { label: '第19期', number: 19 };
  i19.masthead.cumulative = { text: '总第七百二十一期', number: 721 };
  i19.masthead.date = { iso: '2024-11-18', display: '2024年11月18日' };
  i19.articles[0].title = '【示例】第十九期：代表联络站开展“家门口”履职活动';
  i19.contents[0].title = i19.articles[0].title;
  return { 17: i17, 18: i18, 19: i19 };
}

function entry(issue, n) {
  const m = issue.masthead;
  return {
    label: m.issue.label,
    number: m.issue.number,
    date: m.date.iso,
    date_display: m.date.display,
    title: m.title,
    headlines: issue.contents.map((c) => c.title),
    url: `issue-${n}.json`,
  };
}

/** The kiosk test page: one viewer with `attrs`, and the loader. */
export function kioskPageRoute(attrs) {
  const a = Object.entries(attrs).map(([k, v]) => `${k}="${v}"`).join(' ');
  return {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>kiosk</title>
<style>html,body{margin:0}</style></head><body>
<bulletin-viewer mode="kiosk" ${attrs.src ? '' : 'feed="/k/feed.json"'} ${a}></bulletin-viewer>
<script src="/bulletin-viewer.js"></script></body></html>`,
  };
}

/**
 * Opens `pageUrl` on a fake clock (starting `start`) with the feed and issues routed.
 * `net.newest` lists the issue numbers of the feed, newest first; `net.issues` has the issues
 * by number (a test may correct one); `net.unsafeNewest` puts an entry with a javascript: URL
 * first in the feed; `net.fault` makes every
 * feed and issue request fail ('http500'; 'timedout' and 'offline' as network errors; 'hang':
 * no answer at all, so the viewer's `timeout` runs out); `net.requests` records them, and
 * `net.done` counts those that have ended.
 */
export async function openKiosk(browser, pageUrl, { viewport, hasTouch = false, start = new Date('2026-11-26T09:00:00'), newest = [18, 17], fault = null, storage, context: shared } = {}) {
  const all = issues();
  const context = shared ?? await browser.newContext({ viewport, deviceScaleFactor: 1, hasTouch });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  const net = { newest, fault, requests: [], done: 0, issues: all };
  // Requests of the feed or an issue that have ended, answered or failed.
  const ended = (r) => { if (/\/k\/[^/]+\.json$/.test(new URL(r.url()).pathname)) net.done++; };
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  await page.route('**/k/*.json', async (route) => {
    const req = route.request();
    const name = new URL(req.url()).pathname.split('/').pop();
    const headers = await req.allHeaders();
    net.requests.push({ name, ifNoneMatch: headers['if-none-match'] ?? null });
    if (net.fault === 'http500') return route.fulfill({ status: 500, body: 'server error' });
    if (net.fault === 'timedout') return route.abort('timedout');
    if (net.fault === 'offline') return route.abort('internetdisconnected');
    if (net.fault === 'hang') return; // never answered: the viewer's own timeout ends it
    let body;
    if (name === 'feed.json') {
      const issues = net.newest.map((n) => entry(all[n], n));
      if (net.unsafeNewest) issues.unshift({ ...entry(all[19], 19), url: 'javascript:alert(1)' });
      body = JSON.stringify({ schema_version: 1, title: '联络动态', issues });
    } else {
      const n = Number(name.match(/issue-(\d+)\.json/)?.[1]);
      if (!net.issues[n]) return route.fulfill({ status: 404, body: 'not found' });
      body = JSON.stringify(net.issues[n]);
    }
    const etag = `"${Buffer.from(body).length}-${hash(body)}"`;
    if (headers['if-none-match'] === etag) return route.fulfill({ status: 304, headers: { etag } });
    return route.fulfill({ status: 200, contentType: 'application/json', headers: { etag }, body });
  });
  // Time stands still except when a test moves it (runFor).
  await page.clock.install({ time: start });
  await page.clock.pauseAt(new Date(start.getTime() + 1000));
  if (storage) await page.addInitScript((s) => Object.entries(s).forEach(([k, v]) => localStorage.setItem(k, v)), storage);
  // Test instrumentation only: the wasm memory, and the timers pending on the (fake) clock.
  await page.addInitScript(() => {
    const keep = (r) => { window.__wasmMemory = (r.instance || r).exports?.memory; return r; };
    const streaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = (...a) => streaming(...a).then(keep);
    const plain = WebAssembly.instantiate;
    WebAssembly.instantiate = (...a) => plain(...a).then(keep);
    const live = new Set();
    const [set, clear] = [window.setTimeout, window.clearTimeout];
    window.setTimeout = (fn, ms, ...args) => {
      const id = set(() => { live.delete(id); typeof fn === 'function' ? fn(...args) : 0; }, ms);
      live.add(id);
      return id;
    };
    window.clearTimeout = (id) => { live.delete(id); clear(id); };
    window.__pendingTimers = () => live.size;
  });
  await page.goto(pageUrl);
  return { context, page, errors, net };
}

function hash(s) {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}

/** Evaluates `fn` in the page until it returns something truthy (real time, not the fake clock). */
export function until(page, fn, arg, { timeout = 10000, what = String(fn) } = {}) {
  return poll(() => page.evaluate(fn, arg), { timeout, what });
}

/** The kiosk's status line, or null when there is none. */
export const statusText = (page) => inViewer(page, (root) => root?.querySelector('.bv-kiosk-status')?.textContent ?? null);

/** Heap, DOM nodes, listeners (CDP Performance.getMetrics, after a garbage collection), wasm
 *  memory and pending timers. */
export async function metrics(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const get = (name) => m.find((x) => x.name === name)?.value ?? NaN;
  const page_ = await inViewer(page, (root) => ({
    wasm: window.__wasmMemory?.buffer.byteLength ?? NaN,
    timers: window.__pendingTimers?.() ?? NaN,
    viewerNodes: root.querySelectorAll('*').length,
  }));
  return { heap: get('JSHeapUsedSize'), nodes: get('Nodes'), listeners: get('JSEventListeners'), ...page_ };
}

/**
 * The soak: `cycles` refreshes on the fake clock, the feed's newest issue alternating between
 * 19 and 18 each time, so that every refresh replaces the issue shown. Returns the metrics
 * after a warm-up of 10 cycles and at the end.
 */
export async function soak(browser, pageUrl, { cycles = 500, interval = 10, viewport = { width: 1080, height: 1920 } } = {}) {
  const { context, page, errors, net } = await openKiosk(browser, pageUrl, { viewport, newest: [18, 17] });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await waitForIssue(page, '第18期');
  let before;
  for (let i = 1; i <= cycles; i++) {
    const n = i % 2 ? 19 : 18;
    net.newest = n === 19 ? [19, 18, 17] : [18, 17];
    await page.clock.runFor(interval * 1000);
    await waitForIssue(page, `第${n}期`);
    if (i === 10) before = await metrics(page);
  }
  const after = await metrics(page);
  await context.close();
  return { before, after, errors, requests: net.requests.length };
}
