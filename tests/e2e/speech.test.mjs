// 朗读 (reading aloud) and 特大鼠标 in real Chromium. The browser's speech synthesis is
// replaced by a page-side stand-in (speech-standin.mjs) that records what the viewer asks to
// be said and lets the test end each utterance; the last tests use Chromium's own synthesis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { withDist, openPage, inViewer, waitInViewer, poll, SCREENSHOTS, ROOT, VIEWPORTS } from './browser.mjs';
import { installSpeech } from './speech-standin.mjs';
import { STRICT_CSP } from '../../scripts/serve.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const seed = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/issues/lianluo-dongtai-2024-18.json'), 'utf8'));
const ON = 'size=1;elder=0;contrast=0;theme=light;speech=1;rate=1';

const page = (body) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>朗读</title></head>
<body>${body}<script src="/bulletin-viewer.js"></script></body></html>`;
const ISSUE = '/issues/lianluo-dongtai-2024-18.json';

let browser;
let base;
withDist({
  routes: {
    '/two.html': { type: 'text/html', body: page(`<bulletin-viewer id="a" src="${ISSUE}"></bulletin-viewer><bulletin-viewer id="b" src="${ISSUE}"></bulletin-viewer>`) },
    '/kiosk-speech.html': { type: 'text/html', body: page(`<bulletin-viewer mode="kiosk" speech src="${ISSUE}" dwell="0"></bulletin-viewer>`) },
    '/kiosk-quiet.html': { type: 'text/html', body: page(`<bulletin-viewer mode="kiosk" src="${ISSUE}" dwell="0"></bulletin-viewer>`) },
    '/csp.html': { type: 'text/html', body: page(`<bulletin-viewer src="${ISSUE}"></bulletin-viewer>`), headers: { 'content-security-policy': STRICT_CSP } },
  },
}, (d) => ({ browser, url: base } = d));

/** The sentences of a text as the reader sees them: split after 。！？； keeping closing
 *  quotation marks and brackets (an independent statement of what speech.rs does). */
function sentences(text) {
  return text.match(/[^。！？；\n]+(?:[。！？；]+[”’」』）》】]*|$)|[。！？；]+[”’」』）》】]*/g)?.map((s) => s.trim()).filter(Boolean) ?? [];
}

async function open({ url = '/embed/minimal.html', prefs = ON, speech = {}, viewport = VIEWPORTS.phone, wait = true } = {}) {
  const opened = await openPage(browser, viewport);
  await opened.page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  if (speech) await opened.page.addInitScript(installSpeech, speech);
  if (prefs) await opened.page.addInitScript((v) => localStorage.setItem('bulletin-viewer:reader', v), prefs);
  await opened.page.goto(new URL(url, base).href);
  if (wait) await opened.page.locator('bulletin-viewer footer').first().waitFor();
  return opened;
}

const said = (p) => p.evaluate(() => window.__speech.said());
const current = (p) => p.evaluate(() => window.__speech.current());
const finish = (p) => p.evaluate(() => window.__speech.finish());
/** The text the sentence highlight covers, or null. */
const highlighted = (p) => p.evaluate(() => {
  const h = CSS.highlights.get('bv-speaking');
  return h ? [...h][0]?.toString() ?? null : null;
});
const until = (p, what, fn, arg) => poll(() => p.evaluate(fn, arg), { what, timeout: 5000 });
const spokenNow = (p, text) => until(p, `“${text}” spoken`, (t) => window.__speech.current() === t, text);

test('reading aloud is off until the reader turns it on in the settings, and the choice is kept', async () => {
  const { context, page: p, errors } = await open({ prefs: null });
  assert.equal(await inViewer(p, (root) => root.querySelectorAll('.bv-read, .bv-read-all').length), 0);
  await p.locator('bulletin-viewer .bv-settings').click();
  const toggle = p.locator('bulletin-viewer .bv-settings-panel button', { hasText: '语音阅读' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  // The plain embed runs the lite build, which has no 朗读: turning it on brings the full
  // build, and the issue stays in view while it takes over (watched on every change).
  const wasm = () => p.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm')).map((n) => n.split('/').pop().replace(/-[0-9a-f]+_bg\.wasm$/, '')));
  assert.deepEqual(await wasm(), ['viewer-lite']);
  await p.evaluate(() => {
    const root = document.querySelector('bulletin-viewer').shadowRoot;
    window.__blank = 0;
    const shown = () => [...root.querySelectorAll('.bv-root')].some((r) => getComputedStyle(r).display !== 'none' && r.querySelector('footer'));
    new MutationObserver(() => { if (!shown()) window.__blank++; }).observe(root, { childList: true, subtree: true, attributes: true });
  });
  await toggle.click();
  // One 朗读全文 in the toolbar, one 朗读本篇 for each article, named with its title.
  await p.locator('bulletin-viewer .bv-read-all').waitFor();
  assert.deepEqual(await wasm(), ['viewer-lite', 'viewer']);
  assert.equal(await p.evaluate(() => window.__blank), 0, 'the issue never left the screen');
  assert.equal(await inViewer(p, (root) => root.querySelectorAll('.bv-root').length), 1);
  const labels = await inViewer(p, (root) => [...root.querySelectorAll('.bv-read')].map((b) => b.getAttribute('aria-label')));
  assert.deepEqual(labels, seed.articles.map((a) => `朗读本篇：${a.title}`));
  assert.match(await p.evaluate(() => localStorage.getItem('bulletin-viewer:reader')), /speech=1/);
  await p.reload();
  await p.locator('bulletin-viewer .bv-read-all').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the whole issue is read sentence by sentence: masthead, then each article in order, numbers spelt out', async () => {
  const { context, page: p, errors } = await open();
  await p.locator('bulletin-viewer .bv-read-all').click();
  const m = seed.masthead;
  const masthead = '联络动态，第十八期，总第七百二十期，湖南省人大常委会代表工作委员会编，二零二四年十一月四日';
  assert.equal(m.date.display, '2024年11月4日');
  await spokenNow(p, masthead);
  // Then every sentence of every article, one utterance each, in order.
  const expected = [];
  for (const a of seed.articles) {
    expected.push(...sentences(a.title));
    if (a.byline) expected.push(...sentences(a.byline));
    for (const b of a.blocks) {
      if (b.text) expected.push(...sentences(b.text));
      for (const item of b.items ?? []) expected.push(...sentences(item));
    }
    if (a.source) expected.push(...sentences(a.source));
  }
  const heard = [];
  const lit = [];
  for (let i = 0; i < expected.length; i++) {
    assert.ok(await finish(p), `utterance ${i} was being spoken`);
    await poll(async () => (await said(p)).length >= i + 2, { what: `utterance ${i + 1}` });
    // The highlight moves to this sentence (checked below: exactly it, as printed).
    await poll(async () => (await highlighted(p)) === expected[i], { what: `highlight on “${expected[i]}”`, timeout: 5000 }).catch(() => {});
    heard.push(await current(p));
    lit.push(await highlighted(p));
  }
  // What is highlighted is exactly the sentence being read, as printed.
  assert.deepEqual(lit, expected);
  // What is said is that sentence, with its numbers as words and nothing else changed.
  assert.equal(heard.length, expected.length);
  for (const [i, h] of heard.entries()) {
    assert.doesNotMatch(h, /[0-9０-９]/, `no digits left in “${h}”`);
    assert.equal(h.replace(/[零一二三四五六七八九十百千万亿两点之]/g, ''), expected[i].replace(/[0-9.,%％零一二三四五六七八九十百千万亿两点之]/g, ''), `utterance ${i}`);
  }
  const log = await p.evaluate(() => window.__speech.log.filter((e) => e.text));
  assert.ok(log.every((e) => e.lang === 'zh-CN' && e.rate === 1 && e.voice === '测试普通话'), JSON.stringify(log[0]));
  // After the last sentence reading ends by itself: no highlight, no player.
  await finish(p);
  await waitInViewer(p, (root) => !root.querySelector('.bv-player'));
  assert.equal(await highlighted(p), null);
  assert.equal((await said(p)).length, expected.length + 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the sentence stays in view and the 要目 follows the article read; reading moves on to the next article', async () => {
  const { context, page: p } = await open();
  const [first, second] = seed.articles;
  await p.locator('bulletin-viewer .bv-read').first().click();
  await spokenNow(p, first.title);
  const titles = seed.contents.map((c) => c.title);
  const currentEntry = () => inViewer(p, (root) => root.querySelector('.bv-contents .bv-current')?.textContent.trim() ?? null);
  assert.equal(await currentEntry(), titles[0]);
  // On to the last sentence of the first article, then the second's title comes by itself.
  const count = sentences(first.title).length + first.blocks.reduce((n, b) => n + sentences(b.text ?? '').length, 0) + sentences(first.source ?? '').length;
  for (let i = 0; i < count; i++) await finish(p);
  await spokenNow(p, second.title);
  await poll(async () => (await currentEntry()) === titles[1], { what: 'the 要目 to mark the second article' });
  // Its sentence is on the screen, above the player bar.
  const box = await inViewer(p, (root) => {
    const r = CSS.highlights.get('bv-speaking').values().next().value.getBoundingClientRect();
    const bar = root.querySelector('.bv-player').getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, bar: bar.top, height: innerHeight };
  });
  assert.ok(box.top >= 0 && box.bottom <= box.bar, JSON.stringify(box));
  await p.screenshot({ path: path.join(SCREENSHOTS, 'speech-phone.png') });
  await context.close();
});

test('pause resumes at the sentence it paused in, stop ends it, and the speed applies from the sentence read', async () => {
  const { context, page: p } = await open({ viewport: VIEWPORTS.desktop });
  await p.locator('bulletin-viewer .bv-read').first().click();
  const title = seed.articles[0].title;
  await spokenNow(p, title);
  await finish(p);
  const sentence = sentences(seed.articles[0].blocks[0].text)[0];
  await poll(async () => (await highlighted(p)) === sentence, { what: 'the first sentence lit' });
  const spokenSoFar = (await said(p)).length;
  const bar = p.locator('bulletin-viewer .bv-player');
  await bar.getByRole('button', { name: '暂停' }).click();
  await waitInViewer(p, (root) => root.querySelector('.bv-player-status')?.textContent === '朗读已暂停');
  assert.equal(await current(p), null, 'nothing is being said while paused');
  assert.equal(await finish(p), false);
  await bar.getByRole('button', { name: '继续' }).click();
  await poll(async () => (await said(p)).length === spokenSoFar + 1, { what: 'the sentence said again' });
  assert.equal(await highlighted(p), sentence);
  // 快: the sentence is said again at the new speed, and the speed is stored.
  await bar.getByRole('radio', { name: '快' }).click();
  await poll(async () => (await p.evaluate(() => window.__speech.log.filter((e) => e.text).at(-1).rate)) > 1.3, { what: 'a faster utterance' });
  assert.equal((await p.evaluate(() => window.__speech.log.filter((e) => e.text).at(-1).text)), (await said(p)).at(-1));
  assert.match(await p.evaluate(() => localStorage.getItem('bulletin-viewer:reader')), /rate=2/);
  await bar.getByRole('radio', { name: '慢' }).click();
  await poll(async () => (await p.evaluate(() => window.__speech.log.filter((e) => e.text).at(-1).rate)) < 0.8, { what: 'a slower utterance' });
  await p.screenshot({ path: path.join(SCREENSHOTS, 'speech-desktop.png') });
  await bar.getByRole('button', { name: '停止' }).click();
  await waitInViewer(p, (root) => !root.querySelector('.bv-player'));
  assert.equal(await highlighted(p), null);
  assert.equal(await current(p), null);
  await context.close();
});

test('R reads from the article in view and pauses; Esc stops', async () => {
  const { context, page: p } = await open({ viewport: VIEWPORTS.desktop });
  await inViewer(p, (root, id) => root.getElementById(id).scrollIntoView(), seed.articles[1].id);
  await p.waitForTimeout(100);
  await p.keyboard.press('r');
  await spokenNow(p, seed.articles[1].title);
  await p.keyboard.press('r');
  await waitInViewer(p, (root) => root.querySelector('.bv-player-status')?.textContent === '朗读已暂停');
  await p.keyboard.press('Escape');
  await waitInViewer(p, (root) => !root.querySelector('.bv-player'));
  assert.equal(await current(p), null);
  await context.close();
});

test('reading stops when the viewer is removed, when the page is hidden, and when another viewer starts', async () => {
  {
    const { context, page: p, errors } = await open();
    await p.locator('bulletin-viewer .bv-read-all').click();
    await poll(() => current(p), { what: 'reading' });
    await p.evaluate(() => document.querySelector('bulletin-viewer').remove());
    await poll(async () => (await current(p)) === null, { what: 'silence after removal' });
    const before = (await said(p)).length;
    await p.waitForTimeout(200);
    assert.equal((await said(p)).length, before);
    assert.equal(await highlighted(p), null);
    assert.deepEqual(errors, []);
    await context.close();
  }
  {
    const { context, page: p } = await open();
    await p.locator('bulletin-viewer .bv-read-all').click();
    await poll(() => current(p), { what: 'reading' });
    await p.evaluate(() => {
      Object.defineProperty(document, 'hidden', { value: true, configurable: true });
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitInViewer(p, (root) => !root.querySelector('.bv-player'));
    assert.equal(await current(p), null);
    await context.close();
  }
  {
    const { context, page: p } = await open({ url: '/two.html' });
    await p.locator('bulletin-viewer >> nth=1').locator('footer').waitFor();
    await p.locator('#a .bv-read-all').click();
    await poll(() => current(p), { what: 'the first viewer reading' });
    await p.locator('#b .bv-read').nth(1).click();
    await spokenNow(p, seed.articles[1].title);
    assert.equal(await inViewer(p, (root) => !!root.querySelector('.bv-player'), null, { selector: '#a' }), false);
    assert.equal(await inViewer(p, (root) => !!root.querySelector('.bv-player'), null, { selector: '#b' }), true);
    await context.close();
  }
});

test('without a Chinese voice the control says so, and voices that arrive late are used', async () => {
  {
    const { context, page: p } = await open({ speech: { voices: [{ name: 'English', lang: 'en-US' }] } });
    await p.locator('bulletin-viewer .bv-read-all').click();
    await waitInViewer(p, (root) => root.querySelector('.bv-speech-fault[role="status"]')?.textContent.includes('本设备没有中文语音'));
    assert.deepEqual(await said(p), []);
    await context.close();
  }
  {
    const { context, page: p } = await open({ speech: { late: true, voices: [] } });
    await p.locator('bulletin-viewer .bv-read-all').click();
    await p.evaluate(() => setTimeout(() => window.__speech.setVoices([{ name: '晚到的普通话', lang: 'cmn-Hans-CN' }]), 300));
    await poll(() => current(p), { what: 'reading with the late voice' });
    assert.equal((await p.evaluate(() => window.__speech.log.find((e) => e.text).voice)), '晚到的普通话');
    await context.close();
  }
});

test('kiosks read aloud only when the speech attribute says so', async () => {
  const quiet = await open({ url: '/kiosk-quiet.html', prefs: ON, viewport: VIEWPORTS.kiosk });
  assert.equal(await inViewer(quiet.page, (root) => root.querySelectorAll('.bv-read, .bv-read-all').length), 0);
  await quiet.context.close();
  const { context, page: p } = await open({ url: '/kiosk-speech.html', prefs: null, viewport: VIEWPORTS.kiosk });
  await p.locator('bulletin-viewer .bv-read').first().click();
  await spokenNow(p, seed.articles[0].title);
  await p.screenshot({ path: path.join(SCREENSHOTS, 'speech-kiosk.png') });
  await context.close();
});

test('in real Chromium: speechSynthesis is there, the control appears, and with no voice installed it says so', async () => {
  const { context, page: p, errors } = await open({ speech: null });
  assert.equal(await p.evaluate(() => typeof speechSynthesis.speak), 'function');
  const voices = await p.evaluate(() => speechSynthesis.getVoices().length);
  await p.locator('bulletin-viewer .bv-read-all').click();
  if (voices === 0) {
    // This machine has no speech engine for Chromium (see the README): the message shows.
    await waitInViewer(p, (root) => root.querySelector('.bv-speech-fault')?.textContent.includes('本设备没有中文语音'), null, { timeout: 5000 });
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('特大鼠标: a large cursor from the viewer folder in 适老化 mode only, also under a strict CSP', async () => {
  const cursorOf = (p, sel) => inViewer(p, (root, s) => getComputedStyle(root.querySelector(s)).cursor, sel);
  {
    const { context, page: p } = await open({ url: '/csp.html', prefs: 'size=1;elder=0;contrast=0;theme=light;speech=1;rate=1' });
    assert.doesNotMatch(await cursorOf(p, '.bv-p'), /bv-cursor/);
    await context.close();
  }
  const { context, page: p, errors } = await open({ url: '/csp.html', prefs: 'size=1;elder=1;contrast=0;theme=light;speech=1;rate=1' });
  const violations = [];
  await p.exposeFunction('__violation', (v) => violations.push(v));
  await p.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => window.__violation(`${e.violatedDirective} ${e.blockedURI}`)));
  const arrow = await cursorOf(p, '.bv-p');
  const hand = await cursorOf(p, '.bv-read');
  assert.match(arrow, new RegExp(`url\\("${base}bv-cursor\\.svg"\\) 3 2, auto`));
  assert.match(hand, new RegExp(`url\\("${base}bv-pointer\\.svg"\\) 17 2, pointer`));
  // The pictures are there, and are SVG of the size a cursor may be.
  for (const name of ['bv-cursor.svg', 'bv-pointer.svg']) {
    const res = await p.request.get(new URL(name, base).href);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'], /image\/svg\+xml/);
    assert.match(await res.text(), /width="48" height="48"/);
  }
  await p.mouse.move(100, 300);
  await p.waitForTimeout(200);
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('axe finds nothing with the reading controls and the player shown, in every theme', async () => {
  for (const prefs of ['theme=light', 'theme=dark', 'contrast=1;theme=light', 'contrast=1;theme=dark', 'elder=1;theme=light']) {
    const { context, page: p } = await open({ url: '/', prefs: `${prefs};speech=1;rate=1`, viewport: VIEWPORTS.desktop });
    await p.locator('bulletin-viewer .bv-read-all').click();
    await p.locator('bulletin-viewer .bv-player').waitFor();
    await finish(p);
    await p.addScriptTag({ path: AXE });
    const violations = await p.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    assert.deepEqual(violations, [], prefs);
    if (prefs.startsWith('elder')) await p.screenshot({ path: path.join(SCREENSHOTS, 'speech-elder.png') });
    await context.close();
  }
});
