// The loader and the element's life on a portal page (release build over HTTP, Chromium):
// never blank — the viewer's own files late or never answering, a fetch polyfill that never
// answers, the element's name taken by another script, broken built-ins; web fonts that fail
// or change a thousand times; two viewers in one fragment namespace; moving the element.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withDist, openPage, inViewer, waitInViewer, poll, issueLabel, waitForIssue, fontsUsed, DIST, SCREENSHOTS } from './browser.mjs';
import { STRICT_CSP } from '../../scripts/serve.mjs';

const ISSUE = '/issues/lianluo-dongtai-2024-18.json';
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/** A page at /p/NAME.html. */
const page = (body, head = '') => ({
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg">${head}</head><body>${body}</body></html>`,
});
const script = (body) => ({ type: 'text/javascript; charset=utf-8', body });

/** One of the viewer's files (glue or wasm), served from a folder of its own, that answers
 *  only once let through: until then every request is held open, as a server that never
 *  answers would. `asked` lists the URLs requested. */
class Gate {
  constructor(file, type) {
    this.body = fs.readFileSync(path.join(DIST, file));
    this.type = type;
    this.open = false;
    this.held = [];
    this.asked = [];
    this.route = (req, res) => {
      this.asked.push(req.url);
      if (this.open) this.send(res);
      else this.held.push(res);
    };
  }

  send(res) {
    res.writeHead(200, { 'content-type': this.type, 'cache-control': 'no-cache' });
    res.end(this.body);
  }

  /** Answers every request from now on, and the held ones too if `held`. */
  letThrough({ held }) {
    this.open = true;
    if (held) this.held.splice(0).forEach((res) => this.send(res));
  }
}

/** The files of the viewer's builds in DIST: the lite one (one issue) and the full one. */
export function builds() {
  const files = fs.readdirSync(DIST);
  const find = (re) => files.find((f) => re.test(f));
  return {
    lite: { glue: find(/^viewer-lite-[0-9a-f]+\.js$/), wasm: find(/^viewer-lite-[0-9a-f]+_bg\.wasm$/) },
    full: { glue: find(/^viewer-[0-9a-f]+\.js$/), wasm: find(/^viewer-[0-9a-f]+_bg\.wasm$/) },
  };
}

/** The viewer's folder copied to /NAME/ (loader, glue, wasm of both builds), each glue and
 *  wasm gated: `glue` and `wasm` are the lite build's (what a `src` element loads), `full`
 *  the full build's (a feed's). */
function folder(name) {
  const { lite, full } = builds();
  const glue = new Gate(lite.glue, 'text/javascript');
  const wasm = new Gate(lite.wasm, 'application/wasm');
  const fullGlue = new Gate(full.glue, 'text/javascript');
  const fullWasm = new Gate(full.wasm, 'application/wasm');
  const routes = {
    [`/${name}/bulletin-viewer.js`]: script(fs.readFileSync(path.join(DIST, 'bulletin-viewer.js'))),
    [`/${name}/${lite.glue}`]: glue.route,
    [`/${name}/${lite.wasm}`]: wasm.route,
    [`/${name}/${full.glue}`]: fullGlue.route,
    [`/${name}/${full.wasm}`]: fullWasm.route,
  };
  return { glue, wasm, full: { glue: fullGlue, wasm: fullWasm }, routes, loader: `/${name}/bulletin-viewer.js`, glueFile: lite.glue, wasmFile: lite.wasm, fullFiles: full };
}

const folders = {};
let firstIssue;
let browser;
let base;
let log;

withDist(() => {
  for (const name of ['never', 'late', 'held', 'parallel', 'switch']) folders[name] = folder(name);
  firstIssue = new Gate('issues/lianluo-dongtai-2024-18.json', 'application/json');
  folders.never.wasm.letThrough({ held: true }); // only the glue never answers there
  folders.late.glue.letThrough({ held: true }); // only the wasm is late there
  return {
    headers: (p) => (p === '/p/csp-portal.html' ? { 'content-security-policy': STRICT_CSP } : {}),
    routes: {
      ...folders.never.routes,
      ...folders.late.routes,
      ...folders.held.routes,
      ...folders.parallel.routes,
      ...folders.switch.routes,
      '/p/parallel.html': page(`<bulletin-viewer src="${ISSUE}?parallel"></bulletin-viewer><bulletin-viewer id="two" feed="/issues/feed.json?parallel"></bulletin-viewer><script src="${folders.parallel.loader}"></script>`),
      '/switch/first.json': firstIssue.route, // never answers
      '/p/switch.html': page(`<bulletin-viewer src="/switch/first.json"></bulletin-viewer><script src="${folders.switch.loader}"></script>`),
      '/fonts/f-999.ttf': { type: 'font/ttf', body: fs.readFileSync(FONT) },
      '/p/never.html': page(`<bulletin-viewer timeout="2" src="${ISSUE}"></bulletin-viewer><script src="${folders.never.loader}"></script>`),
      '/p/late.html': page(`<bulletin-viewer timeout="1" src="${ISSUE}"></bulletin-viewer><script src="${folders.late.loader}"></script>`),
      '/p/hostile.css': {
        type: 'text/css',
        body: `* { font-size: 12px !important; color: #333 !important; background: #eef !important; padding: 0 !important;
                    margin: 0 !important; border: 0 !important; font-family: serif !important; }
               bulletin-viewer { font-size: 10px !important; color: green !important; display: inline !important; }`,
      },
      '/p/csp-portal.html': page(`<main><bulletin-viewer timeout="1" lang="en" src="${ISSUE}"></bulletin-viewer></main><script src="${folders.held.loader}"></script>`,
        '<link rel="stylesheet" href="/p/hostile.css">'),
      '/p/hang-fetch.js': script('window.fetch = function () { return new Promise(function () {}); };'),
      '/p/hang-fetch.html': page(`<script src="/p/hang-fetch.js"></script><bulletin-viewer timeout="2" src="${ISSUE}"></bulletin-viewer><script src="/bulletin-viewer.js"></script>`),
      '/p/other-element.js': script("customElements.define('bulletin-viewer', class extends HTMLElement {});"),
      '/p/taken.html': page(`<script src="/p/other-element.js"></script><bulletin-viewer src="${ISSUE}"></bulletin-viewer><script src="/bulletin-viewer.js"></script>`),
      '/p/other-shadow.js': script("customElements.define('bulletin-viewer', class extends HTMLElement { connectedCallback() { if (!this.shadowRoot) this.attachShadow({ mode: 'open' }).textContent = 'their own element'; } });"),
      '/p/taken-shadow.html': page(`<script src="/p/other-shadow.js"></script><bulletin-viewer src="${ISSUE}"></bulletin-viewer><script src="/bulletin-viewer.js"></script>`),
      '/p/no-promise.js': script('window.Promise = undefined;'),
      '/p/no-promise.html': page(`<script src="/p/no-promise.js"></script><bulletin-viewer src="${ISSUE}"></bulletin-viewer><script src="/bulletin-viewer.js"></script>`),
      '/p/fake-promise.js': script('window.Promise = function FakePromise() {};'),
      '/p/fake-promise.html': page(`<script src="/p/fake-promise.js"></script><bulletin-viewer src="${ISSUE}"></bulletin-viewer><script src="/bulletin-viewer.js"></script>`),
      '/p/includes-yes.js': script('Array.prototype.includes = function () { return true; };'),
      '/p/includes-yes.html': page(`<script src="/p/includes-yes.js"></script><bulletin-viewer src="${ISSUE}"></bulletin-viewer><script src="/bulletin-viewer.js"></script>`),
      '/p/includes-throws.js': script("Array.prototype.includes = function () { throw new TypeError('includes is not allowed here'); };"),
      '/p/includes-throws.html': page(`<script src="/p/includes-throws.js"></script><bulletin-viewer src="${ISSUE}"></bulletin-viewer><script src="/bulletin-viewer.js"></script>`),
      '/p/font-missing.html': page(`<bulletin-viewer font="/fonts/missing.ttf" src="${ISSUE}"></bulletin-viewer><script src="/bulletin-viewer.js"></script>`),
      '/p/plain.html': page(`<bulletin-viewer src="${ISSUE}"></bulletin-viewer><script src="/bulletin-viewer.js"></script>`),
      '/p/two-namespaces.html': page(`<bulletin-viewer id="one" src="${ISSUE}"></bulletin-viewer><bulletin-viewer id="two" src="${ISSUE}"></bulletin-viewer><script src="/bulletin-viewer.js"></script>`),
      '/p/one-namespace.html': page(`<bulletin-viewer src="${ISSUE}"></bulletin-viewer><bulletin-viewer id="news letter" src="${ISSUE}"></bulletin-viewer><script src="/bulletin-viewer.js"></script>`),
      '/p/move.html': page(`<div id="left"><bulletin-viewer src="${ISSUE}"></bulletin-viewer></div><div id="right"></div><script src="/bulletin-viewer.js"></script>`),
    },
  };
}, (d) => ({ browser, url: base, log } = d));

// Requests still held open when the tests end are closed.
after(() => [...Object.values(folders).flatMap(({ glue, wasm, full }) => [glue, wasm, full.glue, full.wasm]), firstIssue].forEach((gate) => gate.held.forEach((res) => res.destroy())));

/** Opens `url` (a path) without waiting for the load event; records console warnings too. */
async function open(url, viewport = { width: 800, height: 700 }) {
  const opened = await openPage(browser, viewport);
  opened.warnings = [];
  opened.page.on('console', (m) => m.type() === 'warning' && opened.warnings.push(m.text()));
  await opened.page.goto(new URL(url, base).href, { waitUntil: 'domcontentloaded' });
  return opened;
}

/** What the element's shadow root shows: its text, and its role=status / role=alert lines. */
function shown(p, selector = 'bulletin-viewer') {
  return inViewer(p, (root) => ({
    text: root?.textContent ?? null,
    status: root?.querySelector('[role=status]')?.textContent ?? null,
    alert: root?.querySelector('[role=alert]')?.textContent ?? null,
    buttons: [...(root?.querySelectorAll('[role=alert] button') ?? [])].map((b) => b.textContent),
  }), null, { selector });
}

test("while the viewer's files are on the way it says so; when they never come it says so after `timeout` s, and 重试 loads them", async () => {
  const { page: p, errors, context } = await open('/p/never.html');
  const opened = Date.now();
  const { glue, glueFile } = folders.never;
  // At once: a loading line, while the glue's request is held.
  await waitInViewer(p, (root) => root?.querySelector('[role=status]'), null, { what: 'the loading line' });
  assert.equal((await shown(p)).status, '正在加载简报…');
  assert.equal((await shown(p)).alert, null);
  assert.deepEqual(glue.asked, [`/never/${glueFile}`]);

  // After the element's timeout (2 s): the viewer could not load, with a retry button.
  await waitInViewer(p, (root) => root.querySelector('[role=alert]'), null, { what: 'the failure line', timeout: 6000 });
  const waited = Date.now() - opened;
  assert.ok(waited >= 1900 && waited < 5000, `the failure showed after ${waited} ms, the timeout is 2 s`);
  assert.deepEqual(await shown(p), { text: '简报阅读器未能加载。重试', status: null, alert: '简报阅读器未能加载。重试', buttons: ['重试'] });
  assert.ok(errors.some((e) => /the viewer could not load from .*\/never\/bulletin-viewer\.js.*no answer in 2 s/.test(e)), errors.join('\n'));
  await p.screenshot({ path: path.join(SCREENSHOTS, 'loader-never.png') });

  // The server answers now (the first request stays unanswered): 重试 asks again, and the
  // viewer shows the issue in place of the message.
  glue.letThrough({ held: false });
  await p.locator('bulletin-viewer [role=alert] button').click();
  await p.locator('bulletin-viewer footer').waitFor();
  assert.equal(await issueLabel(p), '第18期');
  assert.deepEqual(glue.asked, [`/never/${glueFile}`, `/never/${glueFile}?retry=2`]);
  const after = await inViewer(p, (root) => ({ lines: root.querySelectorAll('[role=alert], .bv-status').length, sheets: root.adoptedStyleSheets.length }));
  assert.deepEqual(after, { lines: 0, sheets: 1 }, "no loader line left, and only the viewer's stylesheet");
  await context.close();
});

test("the loader asks for the wasm, the glue and each element's issue or feed at once, and the viewer uses that answer", async () => {
  const { page: p, errors, context } = await open('/p/parallel.html');
  const { glue, wasm, glueFile, wasmFile, full, fullFiles } = folders.parallel;
  // With the glue and the wasm of both builds held (the issue's element needs the lite one,
  // the feed's the full one): all six requests are out, none waits for another.
  await poll(async () => (await p.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)))
    .filter((n) => /\?parallel$/.test(n)).length === 2, { what: 'the issue and the feed requested' });
  assert.deepEqual(glue.asked, [`/parallel/${glueFile}`]);
  assert.deepEqual(wasm.asked, [`/parallel/${wasmFile}`]);
  assert.deepEqual(full.glue.asked, [`/parallel/${fullFiles.glue}`]);
  assert.deepEqual(full.wasm.asked, [`/parallel/${fullFiles.wasm}`]);
  // (Resource Timing lists answered requests only: both were answered while the viewer's
  // files were still held.)
  const answered = await p.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\?parallel$/.test(e.name)).map((e) => new URL(e.name).pathname));
  assert.deepEqual(answered.sort(), ['/issues/feed.json', ISSUE]);
  for (const gate of [glue, wasm, full.glue, full.wasm]) gate.letThrough({ held: true });
  await p.locator('bulletin-viewer footer').first().waitFor();
  await p.locator('#two').locator('footer').waitFor();
  assert.equal(await issueLabel(p), '第18期');
  // The viewer took the loader's answers: one request each, not two.
  const names = await p.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname + new URL(e.name).search));
  assert.equal(names.filter((n) => n === `${ISSUE}?parallel`).length, 1, names.join('\n'));
  assert.equal(names.filter((n) => n === '/issues/feed.json?parallel').length, 1, names.join('\n'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a src changed before the viewer runs: the loader drops the first request and the viewer shows the new issue', async () => {
  const { page: p, errors, context } = await open('/p/switch.html');
  const { glue, wasm } = folders.switch;
  await poll(() => glue.asked.length === 1 && wasm.asked.length === 1 && firstIssue.asked.length === 1, { what: "the viewer's files and the issue asked for" });
  await p.evaluate(() => document.querySelector('bulletin-viewer').setAttribute('src', '/issues/lianluo-dongtai-2024-17-sample.json?second'));
  glue.letThrough({ held: true });
  wasm.letThrough({ held: true });
  await waitForIssue(p, '第17期');
  const names = await p.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname + new URL(e.name).search));
  assert.equal(names.filter((n) => /-17-sample\.json\?second$/.test(n)).length, 1, names.join('\n'));
  // The first request was aborted (Playwright reports it as failed), and nothing else failed.
  assert.deepEqual(errors.map((e) => e.replace(/^request failed: http:\/\/[^/]+/, '')), ['/switch/first.json']);
  await context.close();
});

test('a wasm that arrives after the timeout still replaces the message with the issue', async () => {
  const { page: p, errors, context } = await open('/p/late.html');
  await waitInViewer(p, (root) => root?.querySelector('[role=status]'), null, { what: 'the loading line' });
  await waitInViewer(p, (root) => root.querySelector('[role=alert]'), null, { what: 'the failure line', timeout: 5000 });
  assert.match((await shown(p)).alert, /简报阅读器未能加载/);
  folders.late.wasm.letThrough({ held: true });
  await p.locator('bulletin-viewer footer').waitFor();
  assert.equal(await issueLabel(p), '第18期');
  assert.equal((await shown(p)).alert, null);
  assert.deepEqual(folders.late.wasm.asked, [`/late/${folders.late.wasmFile}`], 'no second request for the wasm');
  assert.deepEqual(errors.filter((e) => !/no answer in 1 s/.test(e)), []);
  await context.close();
});

test("the loader's lines are styled in the shadow root: the portal's CSS does not reach them, the strict CSP allows them", async () => {
  const { page: p, context } = await openPage(browser, { width: 800, height: 700 });
  await p.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await p.goto(new URL('/p/csp-portal.html', base).href, { waitUntil: 'domcontentloaded' });
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
  const look = (role) => inViewer(p, (root, r) => {
    const box = root.querySelector(`[role=${r}]`);
    if (!box) return null;
    const cs = getComputedStyle(box);
    const host = getComputedStyle(root.host);
    const button = box.querySelector('button');
    return {
      text: box.textContent,
      host: host.display,
      size: cs.fontSize,
      color: cs.color,
      background: cs.backgroundColor,
      padding: cs.paddingTop,
      border: cs.borderTopWidth,
      button: button ? getComputedStyle(button).minHeight : null,
    };
  }, role);
  const loading = await poll(() => look('status'), { what: 'the loading line' });
  await p.locator('bulletin-viewer').screenshot({ path: path.join(SCREENSHOTS, 'loader-loading-portal.png') });
  assert.deepEqual(loading, {
    text: 'Loading the bulletin…', host: 'block', size: '16px', color: 'rgb(26, 26, 26)',
    background: 'rgb(255, 255, 255)', padding: '16px', border: '0px', button: null,
  });
  const failed = await poll(() => look('alert'), { what: 'the failure line', timeout: 5000 });
  assert.deepEqual(failed, {
    text: 'The bulletin viewer could not load.Retry', host: 'block', size: '16px', color: 'rgb(26, 26, 26)',
    background: 'rgb(255, 245, 245)', padding: '16px', border: '2px', button: '44px',
  });
  await p.locator('bulletin-viewer').screenshot({ path: path.join(SCREENSHOTS, 'loader-failed-portal.png') });
  assert.deepEqual(await p.evaluate(() => window.__violations), [], 'no Content-Security-Policy violations');
  await context.close();
});

test('a fetch polyfill that never answers: the element says the viewer could not load', async () => {
  const { page: p, errors, context } = await open('/p/hang-fetch.html');
  await waitInViewer(p, (root) => root?.querySelector('[role=status]'), null, { what: 'the loading line' });
  await waitInViewer(p, (root) => root.querySelector('[role=alert]'), null, { what: 'the failure line', timeout: 6000 });
  assert.deepEqual((await shown(p)).buttons, ['重试']);
  assert.ok(errors.some((e) => /no answer in 2 s/.test(e)), errors.join('\n'));
  await context.close();
});

test('the name taken by another script: a console error naming the conflict, and a word in the elements it leaves empty', async () => {
  const { page: p, errors, context } = await open('/p/taken.html');
  await waitInViewer(p, (root) => root?.querySelector('[role=alert]'), null, { what: 'the conflict in the element' });
  assert.equal((await shown(p)).alert, '简报阅读器无法启动：本页另有脚本占用了 <bulletin-viewer> 名称。');
  assert.ok(errors.some((e) => /another script on this page defined <bulletin-viewer>, so the viewer from http:.*\/bulletin-viewer\.js cannot run; remove the other definition/.test(e)), errors.join('\n'));
  await context.close();

  // An element the other script draws itself is left to it; the console still says why.
  const other = await open('/p/taken-shadow.html');
  await poll(() => other.errors.some((e) => /another script on this page defined <bulletin-viewer>/.test(e)), { what: 'the console error' });
  assert.equal((await shown(other.page)).text, 'their own element');
  await other.context.close();
});

test('a page that replaced window.Promise: the failure line in the element, and the console says why', async () => {
  for (const name of ['no-promise', 'fake-promise']) {
    const { page: p, errors, context } = await open(`/p/${name}.html`);
    await waitInViewer(p, (root) => root?.querySelector('[role=alert]'), null, { what: `the failure line (${name})` });
    // Retrying cannot help: no button.
    assert.deepEqual(await shown(p), { text: '简报阅读器未能加载。', status: null, alert: '简报阅读器未能加载。', buttons: [] }, name);
    assert.ok(errors.some((e) => /window\.Promise has been replaced/.test(e)), `${name}: ${errors.join('\n')}`);
    assert.deepEqual(errors.filter((e) => /^exception/.test(e)), [], name);
    await context.close();
  }
});

test('a page whose Array.prototype.includes lies or throws: the viewer is styled all the same', async () => {
  for (const name of ['includes-yes', 'includes-throws']) {
    const { page: p, errors, context } = await open(`/p/${name}.html`);
    await p.locator('bulletin-viewer footer').waitFor();
    const look = await inViewer(p, (root) => ({
      title: getComputedStyle(root.querySelector('h1')).color,
      sheets: root.adoptedStyleSheets.length,
    }));
    assert.deepEqual(look, { title: 'rgb(192, 0, 24)', sheets: 1 }, name);
    assert.deepEqual(errors, [], name);
    await context.close();
  }
});

test('a font that cannot be loaded: one console warning, no uncaught error, the system fonts', async () => {
  const { page: p, errors, warnings, context } = await open('/p/font-missing.html');
  await p.locator('bulletin-viewer footer').waitFor();
  await poll(() => warnings.some((w) => /fonts\/missing\.ttf/.test(w)), { what: 'the font warning' });
  // Settings that re-read the attributes do not load it (or warn) again.
  await p.evaluate(() => document.querySelector('bulletin-viewer').setAttribute('controls', 'none'));
  await p.waitForTimeout(500);
  const about = warnings.filter((w) => /missing\.ttf/.test(w));
  assert.equal(about.length, 1, about.join('\n'));
  assert.match(about[0], /^<bulletin-viewer>: the font http:\/\/127\.0\.0\.1:\d+\/fonts\/missing\.ttf could not be loaded; using the system fonts/);
  // What the browser itself reports about the 404 is all there is.
  assert.deepEqual(errors.filter((e) => !/missing\.ttf|Failed to load resource/.test(e)), []);
  assert.equal(log.filter((l) => l === '/fonts/missing.ttf').length, 1);
  const used = await fontsUsed(p, 'p.bv-p');
  assert.ok(used.some((f) => /Noto Serif CJK|Noto Sans CJK/.test(f)), `the body is drawn in ${used}`);
  await context.close();
});

test('the font attribute changed 1,000 times in a row loads only the last font', async () => {
  const { page: p, errors, warnings, context } = await open('/p/plain.html');
  await p.locator('bulletin-viewer footer').waitFor();
  await p.evaluate(() => {
    const viewer = document.querySelector('bulletin-viewer');
    for (let i = 0; i < 1000; i++) viewer.setAttribute('font', `/fonts/f-${i}.ttf`);
  });
  await p.waitForFunction(() => [...document.fonts].some((f) => f.family.includes('Bulletin Webfont') && f.status === 'loaded'));
  await p.waitForTimeout(500);
  assert.deepEqual(log.filter((l) => l.startsWith('/fonts/f-')), ['/fonts/f-999.ttf']);
  assert.match(await inViewer(p, (root) => getComputedStyle(root.querySelector('p.bv-p')).fontFamily), /^"Bulletin Webfont"/);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  await context.close();
});

test('two viewers in one fragment namespace get a console warning; viewers with their own ids do not', async () => {
  const shared = await open('/p/one-namespace.html');
  await shared.page.locator('bulletin-viewer >> nth=1 >> footer').waitFor();
  await poll(() => shared.warnings.length, { what: 'a warning' });
  assert.deepEqual(shared.warnings, [
    '<bulletin-viewer>: another viewer on this page uses the fragment namespace #bulletin/…, so a link to an article of one opens it in the other after a reload; give each its own id (id="news" makes #news/…)',
  ]);
  await shared.context.close();

  const own = await open('/p/two-namespaces.html');
  await own.page.locator('#two footer').waitFor();
  await own.page.locator('#one footer').waitFor();
  await own.page.waitForTimeout(300);
  assert.deepEqual(own.warnings, []);
  assert.deepEqual(own.errors, []);
  await own.context.close();
});

test("moving the element keeps its viewer (no new fetch, the reader's search kept); removing it still stops it", async () => {
  const { page: p, errors, context } = await open('/p/move.html');
  await p.locator('bulletin-viewer footer').waitFor();
  const search = p.locator('bulletin-viewer input[type=search]');
  await search.fill('人大');
  await search.press('Enter');
  const status = p.locator('bulletin-viewer #bv-search-status');
  await poll(async () => /\d/.test(await status.textContent()), { what: 'the search count' });
  const counted = await status.textContent();
  await inViewer(p, (root) => { root.querySelector('.bv-root').dataset.mark = 'the same viewer'; });
  const fetched = log.filter((l) => l === ISSUE).length;

  // 200 moves between two parents, in one task.
  await p.evaluate(() => {
    const viewer = document.querySelector('bulletin-viewer');
    const [left, right] = [document.getElementById('left'), document.getElementById('right')];
    for (let i = 0; i < 200; i++) (i % 2 ? left : right).appendChild(viewer);
  });
  await p.waitForTimeout(1000);
  assert.equal(log.filter((l) => l === ISSUE).length, fetched, 'no new request for the issue');
  const kept = await inViewer(p, (root) => ({
    parent: root.host.parentElement.id,
    mark: root.querySelector('.bv-root')?.dataset.mark,
    search: root.querySelector('input[type=search]').value,
    hits: root.querySelectorAll('mark').length > 0,
  }));
  assert.deepEqual(kept, { parent: 'left', mark: 'the same viewer', search: '人大', hits: true });
  assert.equal(await status.textContent(), counted);

  // Removed for good, it stops: no fragment listener left, nothing drawn.
  const cdp = await context.newCDPSession(p);
  const listeners = async () => {
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
    const { listeners: all } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    return all.filter((l) => l.type === 'hashchange').length;
  };
  assert.equal(await listeners(), 1);
  await p.evaluate(() => document.querySelector('bulletin-viewer').remove());
  assert.equal(await listeners(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

// A panic aborts the viewer's wasm (-Cpanic=immediate-abort): the trap is thrown out of one
// of its functions. Here the test makes one: it frees a handle at an address far outside the
// wasm's memory (a memory access out of bounds, a trap as a panic's `unreachable` is), from
// a timer (an uncaught error) and from a promise job (an unhandled rejection), as the viewer's
// own listeners and futures would meet it.
for (const [how, run] of [['an event listener', 'setTimeout(trap)'], ['a promise job', 'Promise.resolve().then(trap)']]) {
  test(`a trap in the viewer's wasm, from ${how}: every viewer on the page says it stopped, and nothing calls into it again`, async () => {
    const { page: p, errors, context } = await open('/p/two-namespaces.html');
    await p.locator('bulletin-viewer#two footer').waitFor();
    const glueFile = builds().lite.glue; // the elements show one issue each
    await p.evaluate(async ([glue, run]) => {
      const exports = await (await import(glue)).default(); // the running instance's exports
      const trap = () => exports.__wbg_viewerhandle_free(0x7ffffff0, 1);
      eval(run); // eslint-disable-line no-eval
    }, [`/${glueFile}`, run]);
    for (const index of [0, 1]) {
      await waitInViewer(p, (root) => root.querySelector('[role=alert]'), null, { index, what: `viewer ${index}'s alert` });
    }
    const seen = await p.evaluate(() => [...document.querySelectorAll('bulletin-viewer')].map((el) => el.shadowRoot.textContent));
    assert.deepEqual(seen, ['简报显示出错，请刷新页面重试。', '简报显示出错，请刷新页面重试。']);
    assert.ok(errors.some((e) => /the viewer stopped, after an error in its code/.test(e)), errors.join('\n'));
    // Changing an attribute, moving or adding an element calls nothing: no new error.
    const before = errors.length;
    await p.evaluate(() => {
      const one = document.querySelector('bulletin-viewer');
      one.setAttribute('lang', 'en');
      document.body.appendChild(one);
      const added = document.createElement('bulletin-viewer');
      added.setAttribute('lang', 'en');
      document.body.appendChild(added);
    });
    await p.waitForTimeout(300);
    assert.equal(await inViewer(p, (root) => root.textContent, null, { index: 2 }), 'The bulletin viewer stopped; please reload the page.');
    assert.deepEqual(errors.slice(before), []);
    await context.close();
  });
}

test("a trap in another script's wasm leaves the viewer alone", async () => {
  const { page: p, errors, context } = await open('/p/plain.html');
  await p.locator('bulletin-viewer footer').waitFor();
  await p.evaluate(() => {
    // (module (func (export "f") unreachable))
    const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 5, 1, 3, 0, 0, 11]);
    const { f } = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
    setTimeout(f);
  });
  await p.waitForTimeout(300);
  assert.equal(await inViewer(p, (root) => root.querySelector('[role=alert]')), null);
  assert.equal(await issueLabel(p), '第18期');
  assert.ok(errors.some((e) => /unreachable/.test(e)), `the other script's trap is uncaught: ${errors.join('\n')}`);
  assert.ok(!errors.some((e) => /the viewer stopped/.test(e)), errors.join('\n'));
  await context.close();
});

test('each element gets the build it needs: the lite one for an issue, the full one for a feed; an issue turned into a feed switches', async () => {
  const { lite, full } = builds();
  const { page: p, errors, context } = await open('/p/plain.html');
  await p.locator('bulletin-viewer footer').waitFor();
  const loaded = () => p.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.slice(1)));
  let names = await loaded();
  assert.ok(names.includes(lite.wasm) && names.includes(lite.glue), names.join('\n'));
  assert.ok(!names.includes(full.wasm) && !names.includes(full.glue), `the plain embed loads the lite build only: ${names.join('\n')}`);
  // Given a feed, it needs what the lite build leaves out: the full build shows the feed's
  // newest issue with its 往期 list.
  await p.evaluate(() => {
    const el = document.querySelector('bulletin-viewer');
    el.removeAttribute('src');
    el.setAttribute('feed', '/issues/feed.json');
  });
  await p.locator('bulletin-viewer .bv-issues').waitFor();
  await p.locator('bulletin-viewer footer').waitFor();
  names = await loaded();
  assert.ok(names.includes(full.wasm) && names.includes(full.glue), names.join('\n'));
  assert.equal(await inViewer(p, (root) => root.querySelectorAll('.bv-app').length), 1, 'one viewer in the element');
  assert.deepEqual(errors, []);
  await context.close();
});
