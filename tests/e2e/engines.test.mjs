// The cross-engine set: what readers do, in the three engines they use — Chromium (Android,
// most desktops), WebKitGTK (Safari's engine: every browser on iOS) and Firefox ESR — through
// engines.mjs (one browser per engine for this file, Debian's binaries). Phone widths in
// WebKitGTK are an iframe (its window is at least 447 px wide: see engines.mjs). Screenshots in
// target/screenshots/engines/<engine>-….png; each engine's boxes of the main regions, compared
// with Chromium's at the end.
// BULLETIN_ENGINES=webkit node --test tests/e2e/engines.test.mjs runs one engine.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SCREENSHOTS } from './browser.mjs';
import { ENGINES, startEngine, serveForEngines, openTab, testPage } from './engines.mjs';
import { STRICT_CSP, prerenderedCsp } from '../../scripts/serve.mjs';

const SHOTS = path.join(SCREENSHOTS, 'engines');
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1366, height: 768 };
const seed = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/issues/lianluo-dongtai-2024-18.json'), 'utf8'));
const ISSUE = '/issues/lianluo-dongtai-2024-18.json';
const SPEECH_ON = 'size=1;elder=0;contrast=0;theme=light;speech=1;rate=1';
const LIGHT = 'size=1;elder=0;contrast=0;theme=light;speech=0;rate=1';
const ELDER = 'size=1;elder=1;contrast=0;theme=light;speech=0;rate=1';
/** The demo pages a portal copies, as served by scripts/demo (with their policies). */
const PAGES = ['/', '/embed/minimal.html', '/embed/portal.html', '/embed/strict-csp.html', '/embed/prerendered.html', '/embed/kiosk.html'];

/** The `<link rel="preload">` lines the book gives portals (the element's reference and the
 *  部署指南), pointed at the served build: a page of each. */
const ADVICE = Object.fromEntries(['book/src/reference/element.md', 'book/src/deploy/embed.md'].map((file) => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const links = text.match(/<link rel="preload"[^>]*>/g) ?? [];
  assert.ok(links.length > 0, `${file} gives preload lines`);
  const head = links.map((l) => l.replace(/href="[^"]*bulletin-viewer\.js"/, 'href="/bulletin-viewer.js"').replace(/href="\/bulletins\/[^"]*"/, `href="${ISSUE}"`)).join('');
  return [`/advice-${path.basename(file, '.md')}.html`, testPage(`<bulletin-viewer src="${ISSUE}"></bulletin-viewer><script src="/bulletin-viewer.js"></script>`, head)];
}));

/** Files of the viewer and issues asked for more than once (a preload not reused). */
const twice = (requests) => requests.filter((r, i) => /\.(wasm|js|json)$/.test(r) && !r.startsWith('/__engines/') && requests.indexOf(r) !== i);
/** Each engine's boxes of the main regions (engine → width → region → box), for the last test. */
const geometry = {};

/** The sentences of a text as read aloud (as speech.test.mjs states them). */
function sentences(text) {
  return text.match(/[^。！？；\n]+(?:[。！？；]+[”’」』）》】]*|$)|[。！？；]+[”’」』）》】]*/g)?.map((s) => s.trim()).filter(Boolean) ?? [];
}

/** Pixels of `png` in `box` (viewport px) within `tol` of the colour [r, g, b]. */
function countColour(png, box, [r, g, b], tol = 8) {
  let n = 0;
  const x0 = Math.max(0, Math.floor(box.left));
  const y0 = Math.max(0, Math.floor(box.top));
  const x1 = Math.min(png.width, Math.ceil(box.right));
  const y1 = Math.min(png.height, Math.ceil(box.bottom));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * 4;
      if (Math.abs(png.data[i] - r) <= tol && Math.abs(png.data[i + 1] - g) <= tol && Math.abs(png.data[i + 2] - b) <= tol) n++;
    }
  }
  return n;
}

/** Pixels that differ between two screenshots of the same size by more than 24 in a channel:
 *  what a person could see (WebKit redraws the text of a field under a clipped link with other
 *  anti-aliasing, up to 16 apart: measured). */
function differing(a, b) {
  assert.deepEqual([a.width, a.height], [b.width, b.height]);
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.max(Math.abs(a.data[i] - b.data[i]), Math.abs(a.data[i + 1] - b.data[i + 1]), Math.abs(a.data[i + 2] - b.data[i + 2])) > 24) n++;
  }
  return n;
}

/** Waits until the page's live viewer (not a prerendered copy) has drawn its issue. */
const drawn = (tab, selector) => tab.waitInViewer((root) => [...(root?.querySelectorAll('.bv-root') ?? [])]
  .some((r) => !r.classList.contains('bv-ssr') && !r.classList.contains('bv-pending') && r.querySelector('footer')), null, { what: 'the issue drawn', selector });

for (const engine of ENGINES) {
  describe(engine, () => {
    let browser;
    let server;
    const shot = (tab, name) => tab.shot(SHOTS, `${engine}-${name}.png`);
    const open = async (p, { viewport = PHONE, prefs = LIGHT, speech } = {}) => openTab(browser, server, p, { viewport, init: { prefs, speech } });

    before(async () => {
      server = await serveForEngines({
        headers: (p) => (p.endsWith('/strict-csp.html') ? { 'content-security-policy': STRICT_CSP }
          : p.endsWith('/prerendered.html') ? { 'content-security-policy': prerenderedCsp(path.join(ROOT, 'dist')) } : {}),
        routes: {
          ...ADVICE,
          '/kiosk-turning.html': testPage(`<bulletin-viewer mode="kiosk" feed="/issues/feed.json" dwell="1" idle="60"></bulletin-viewer><script src="/bulletin-viewer.js"></script>`, '<style>html,body{margin:0}</style>'),
        },
      });
      browser = await startEngine(engine);
    });
    after(async () => {
      await browser?.close();
      server?.server.close();
    });

    test('every demo page renders at 375 and 1366 px: the issue\'s text, no console error, no CSP violation; the skip link unseen until focused', async () => {
      for (const page of PAGES) {
        for (const viewport of [PHONE, DESKTOP]) {
          const tab = await open(page, { viewport });
          await drawn(tab);
          const text = await tab.inViewer((root) => root.textContent);
          assert.match(text, /联络动态/, `${page} ${viewport.width}`);
          assert.ok(text.includes(seed.articles[0].title), `${page} ${viewport.width}: the first article`);
          const name = `${page === '/' ? 'feed' : path.basename(page, '.html')}-${viewport.width}`;
          const png = await tab.stableScreenshot();
          await shot(tab, name);
          if (page !== '/embed/kiosk.html') {
            // Nothing of the skip link is painted while it has no focus: hiding it changes no pixel.
            await tab.inViewer((root) => { root.querySelector('.bv-skip').style.visibility = 'hidden'; });
            const without = await tab.stableScreenshot();
            assert.equal(differing(png, without), 0, `${name}: the skip link shows without focus`);
          }
          assert.deepEqual(await tab.errors(), [], name);
          assert.deepEqual(twice(tab.requests()), [], `${name}: files downloaded twice`);
          await tab.close();
        }
      }
    });

    test('the preload lines the book gives portals download nothing twice', async () => {
      for (const page of Object.keys(ADVICE)) {
        const tab = await open(page, { viewport: PHONE });
        await tab.waitForIssue();
        await new Promise((r) => setTimeout(r, 300));
        const requests = tab.requests();
        assert.ok(requests.includes(ISSUE), requests.join(' '));
        assert.deepEqual(twice(requests), [], `${page}: downloaded twice`);
        assert.deepEqual(await tab.errors(), [], page);
        await tab.close();
      }
    });

    test('the skip link, focused by Tab, shows inside the viewer and leads to the first article', async () => {
      for (const page of ['/embed/minimal.html', '/embed/portal.html']) {
        const tab = await open(page, { viewport: DESKTOP });
        await tab.waitForIssue();
        // The portal has its own links first: Tab until the skip link has the focus.
        for (let i = 0; i < 20 && !(await tab.inViewer((root) => root.activeElement?.classList.contains('bv-skip'))); i++) await tab.press('Tab');
        assert.ok(await tab.inViewer((root) => root.activeElement?.classList.contains('bv-skip')), `${page}: Tab reaches the skip link`);
        const shown = await tab.stableScreenshot();
        const box = await tab.inViewer((root) => {
          const r = root.querySelector('.bv-skip').getBoundingClientRect();
          const host = root.host.getBoundingClientRect();
          return { inside: r.top >= host.top && r.left >= host.left && r.bottom <= host.bottom && r.right <= host.right && r.width > 20 && r.height > 20, top: r.top, hostTop: host.top };
        });
        assert.ok(box.inside, `${page}: ${JSON.stringify(box)}`);
        // (Made transparent, not hidden: a hidden link would lose the focus.)
        await tab.inViewer((root) => { root.querySelector('.bv-skip').style.opacity = '0'; });
        assert.ok(differing(shown, await tab.stableScreenshot()) > 100, `${page}: the focused skip link is painted`);
        await tab.inViewer((root) => { root.querySelector('.bv-skip').style.opacity = ''; });
        if (page.includes('minimal')) await shot(tab, 'skip-focused-1366');
        await tab.press('Enter');
        await tab.waitInViewer((root) => root.activeElement?.id === 'a-1-title', null, { what: 'the first article\'s title focused' });
        assert.deepEqual(await tab.errors(), []);
        await tab.close();
      }
    });

    test('要目: an entry leads to its article, and the address opens it again', async () => {
      const tab = await open('/embed/minimal.html', { viewport: DESKTOP });
      await tab.waitForIssue();
      const id = seed.articles[1].id;
      await tab.click((root) => root.querySelectorAll('.bv-contents a')[1]);
      await tab.waitFor(() => tab.eval((h) => location.hash === h, `#bulletin/${id}`), { what: 'the fragment' });
      const inView = (t) => t.waitInViewer((root, i) => {
        const r = root.getElementById(i)?.getBoundingClientRect();
        return r && r.top > -4 && r.top < innerHeight / 3;
      }, id, { what: `article ${id} at the top` });
      await inView(tab);
      await tab.waitInViewer((root) => root.querySelector('.bv-contents .bv-current')?.textContent.includes('湘潭'), null, { what: 'the 要目 marking it' });
      await shot(tab, 'contents-1366');
      await tab.close();
      const again = await open(`/embed/minimal.html#bulletin/${id}`, { viewport: PHONE });
      await again.waitForIssue();
      await inView(again);
      assert.deepEqual(await again.errors(), []);
      await again.close();
    });

    test('search at 375 px: the hits counted and stepped through, and the field keeps a usable width', async () => {
      for (const page of ['/embed/minimal.html', '/']) {
        const tab = await open(page);
        await tab.waitForIssue();
        await tab.click((root) => root.querySelector('.bv-search-input'));
        await tab.type('基层');
        await tab.waitInViewer((root) => /\d/.test(root.querySelector('.bv-search-status')?.textContent ?? ''), null, { what: 'the count' });
        await tab.press('Enter');
        await tab.waitInViewer((root) => /^第 1 处，共 \d+ 处$/.test(root.querySelector('.bv-search-status').textContent), null, { what: 'the first hit' });
        const seen = await tab.inViewer((root) => {
          const input = root.querySelector('.bv-search-input');
          const r = input.getBoundingClientRect();
          const hit = root.querySelector('.bv-hit-current').getBoundingClientRect();
          const status = root.querySelector('.bv-search-status').getBoundingClientRect();
          return { width: r.width, value: input.value, hitShown: hit.top >= 0 && hit.bottom <= innerHeight, status: status.width > 0 && status.right <= innerWidth, marks: root.querySelectorAll('.bv-hit').length };
        });
        assert.equal(seen.value, '基层');
        assert.ok(seen.width >= 120, `${page}: the search field is ${seen.width} px wide`);
        assert.ok(seen.hitShown && seen.status && seen.marks > 1, JSON.stringify(seen));
        await shot(tab, `search-${page === '/' ? 'feed' : 'minimal'}-375`);
        await tab.close();
      }
    });

    test('settings: dark and 适老化 apply and are kept across a reload', async () => {
      const tab = await open('/embed/minimal.html');
      await tab.waitForIssue();
      await tab.click((root) => root.querySelector('.bv-settings'));
      await tab.click((root) => [...root.querySelectorAll('.bv-settings-panel button')].find((b) => b.textContent === '深色'));
      await tab.click((root) => [...root.querySelectorAll('.bv-settings-panel button')].find((b) => b.textContent === '适老化'));
      const look = () => tab.inViewer((root) => ({
        paper: getComputedStyle(root.querySelector('.bv-app')).backgroundColor,
        body: parseFloat(getComputedStyle(root.querySelector('.bv-p')).fontSize),
      }));
      await tab.waitFor(async () => (await look()).paper === 'rgb(22, 21, 20)', { what: 'the dark paper' });
      assert.ok((await look()).body >= 24, JSON.stringify(await look()));
      await shot(tab, 'settings-375');
      await tab.reload();
      await tab.waitForIssue();
      const kept = await look();
      assert.equal(kept.paper, 'rgb(22, 21, 20)');
      assert.ok(kept.body >= 24);
      assert.deepEqual(await tab.errors(), []);
      await tab.close();
    });

    test('a feed: 上一期 and back, and 往期检索 finding an article in another issue', async () => {
      const tab = await open('/', { viewport: DESKTOP });
      await tab.waitForIssue();
      assert.equal(await tab.label(), '第18期');
      await tab.click((root) => root.querySelector('.bv-issues .bv-older'));
      await tab.waitFor(async () => (await tab.label()) === '第17期', { what: '第17期' });
      await tab.click((root) => root.querySelector('.bv-issues .bv-newer'));
      await tab.waitFor(async () => (await tab.label()) === '第18期', { what: '第18期 again' });
      await tab.click((root) => root.querySelector('.bv-findall > summary'));
      await tab.waitInViewer((root) => !!root?.querySelector('.bv-findall-input'), null, { what: 'the 往期检索 field' });
      await tab.click((root) => root.querySelector('.bv-findall-input'));
      await tab.type('示例');
      await tab.waitInViewer((root) => root.querySelectorAll('.bv-found > li').length > 0 && !/正在/.test(root.querySelector('.bv-findall-status')?.textContent ?? ''), null, { what: 'results' });
      const issues = await tab.inViewer((root) => [...root.querySelectorAll('.bv-found-issue')].map((a) => a.textContent.replace(/\s+/g, '')));
      assert.ok(issues.some((i) => i.includes('第17期')), issues.join(' '));
      await shot(tab, 'findall-1366');
      await tab.click((root) => [...root.querySelectorAll('.bv-found a.bv-found-title')].find((a) => a.closest('.bv-found > li')?.textContent.replace(/\s/g, '').includes('第17期')));
      await tab.waitFor(async () => (await tab.label()) === '第17期', { what: 'the result opening 第17期' });
      assert.equal(await tab.inViewer((root) => root.querySelector('.bv-search-input').value), '示例');
      assert.deepEqual(await tab.errors(), []);
      await tab.close();
    });

    test('reading aloud with the stand-in voice: the highlight moves sentence by sentence and clears on stop, as painted', async () => {
      const tab = await open('/embed/minimal.html', { speech: {}, prefs: SPEECH_ON });
      await tab.waitInViewer((root) => !!root?.querySelector('.bv-read'), null, { what: '朗读本篇' });
      await tab.click((root) => root.querySelector('.bv-read'));
      const expected = [...sentences(seed.articles[0].title), ...sentences(seed.articles[0].blocks[0].text)].slice(0, 4);
      // The highlight's colour (light theme) and the boxes of the sentence it covers.
      const lit = () => tab.eval(() => {
        const h = CSS.highlights.get('bv-speaking');
        const range = h && [...h][0];
        return range ? { text: range.toString(), boxes: [...range.getClientRects()].map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })) } : null;
      });
      const BLUE = [0xcf, 0xe3, 0xff];
      const blue = (png, boxes) => boxes.reduce((n, b) => n + countColour(png, b, BLUE, 3), 0);
      let before = null;
      for (const [i, s] of expected.entries()) {
        await tab.waitFor(async () => (await lit())?.text === s, { what: `the highlight on “${s}”` });
        const png = await tab.stableScreenshot();
        const now = await lit();
        assert.ok(blue(png, now.boxes) > 50, `${engine}: sentence ${i} is painted as highlighted`);
        if (before) {
          // The sentence before is painted plain again (boxes of the sentence now read excepted).
          const stale = blue(png, before.boxes.filter((b) => !now.boxes.some((n) => n.top < b.bottom && b.top < n.bottom)));
          assert.equal(stale, 0, `${engine}: “${before.text}” still painted highlighted while “${s}” is read`);
        }
        if (i === 1) await shot(tab, 'speech-375');
        before = now;
        await tab.eval(() => window.__speech.finish());
      }
      await tab.click((root) => [...root.querySelectorAll('.bv-player button')].find((b) => b.textContent === '停止'));
      await tab.waitInViewer((root) => !root.querySelector('.bv-player'), null, { what: 'the player gone' });
      const png = await tab.stableScreenshot();
      assert.equal(countColour(png, { left: 0, top: 0, right: png.width, bottom: png.height }, BLUE, 3), 0, `${engine}: a highlight is still painted after stop`);
      assert.deepEqual(await tab.errors(), []);
      await tab.close();
    });

    test('reading aloud without a Chinese voice: the reader is told where they pressed', async () => {
      for (const [where, button] of [['top', '.bv-read-all'], ['article', '.bv-read']]) {
        const tab = await open('/embed/minimal.html', { speech: { voices: [{ name: 'English', lang: 'en-US' }] }, prefs: SPEECH_ON });
        await tab.waitInViewer((root) => !!root?.querySelector('.bv-read-all'), null, { what: '朗读全文' });
        await tab.click((root, b) => [...root.querySelectorAll(b)].at(-1), button);
        const seen = await tab.waitInViewer((root) => {
          const fault = root.querySelector('.bv-speech-fault');
          if (!fault?.textContent.includes('本设备没有中文语音')) return null;
          const r = fault.getBoundingClientRect();
          const at = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return { top: r.top, bottom: r.bottom, height: innerHeight, onTop: !!at && fault.contains(at) };
        }, null, { what: 'the notice' });
        assert.ok(seen.top >= 0 && seen.bottom <= seen.height && seen.onTop, `${where}: the notice is at ${JSON.stringify(seen)}`);
        assert.deepEqual(await tab.eval(() => window.__speech.said()), []);
        await shot(tab, `no-voice-${where}-375`);
        await tab.close();
      }
    });

    test('a kiosk turns its page by itself, and at phone width its status line covers no text', async () => {
      for (const viewport of [DESKTOP, PHONE]) {
        const tab = await open('/kiosk-turning.html', { viewport, prefs: null });
        await tab.waitForIssue();
        await tab.waitInViewer((root) => root.querySelector('.bv-kiosk-status')?.textContent.trim(), null, { what: 'the status line' });
        const y = await tab.eval(() => scrollY);
        await tab.waitFor(() => tab.eval((y0) => scrollY > y0 + 100, y), { what: 'a page turn', timeout: 10000 });
        // No text shows beside the status line in its rows, nor through it: it is either clear
        // of every line, or a bar across the screen that hides what is below its top edge,
        // as the screen's own edge does (a page turn shows the rest).
        const seen = await tab.inViewer((root) => {
          const s = root.querySelector('.bv-kiosk-status');
          const r = s.getBoundingClientRect();
          const cs = getComputedStyle(s);
          const opaque = cs.opacity === '1' && !/rgba\(.*, 0(\.\d+)?\)$/.test(cs.backgroundColor) && cs.backgroundColor !== 'transparent';
          const covered = [];
          const walker = document.createTreeWalker(root.querySelector('.bv-issue'), NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (!n.nodeValue.trim()) continue;
            range.selectNodeContents(n);
            for (const b of range.getClientRects()) {
              const rows = b.top < r.bottom && r.top < b.bottom;
              if (!rows || b.right <= r.left || b.left >= r.right) continue;
              if (!(opaque && b.left >= r.left - 1 && b.right <= r.right + 1)) covered.push(n.nodeValue.slice(0, 12));
            }
          }
          return { covered, box: [r.left, r.top, r.right, r.bottom].map(Math.round) };
        });
        assert.deepEqual(seen.covered, [], `${viewport.width}: the status line ${seen.box} covers text`);
        await shot(tab, `kiosk-${viewport.width}`);
        assert.deepEqual(await tab.errors(), []);
        await tab.close();
      }
    });

    test('the 编辑台 converts a .txt and a .docx into the preview', async () => {
      const tab = await open('/editor/index.html', { viewport: DESKTOP, prefs: undefined });
      await tab.waitInViewer(() => true, null, { selector: 'body', what: 'the page' });
      for (const file of ['tests/fixtures/seed/lianluo-dongtai-2024-18.txt', 'tests/fixtures/import/seed/lianluo-dongtai-2024-18.docx']) {
        await tab.setFiles('#file', path.join(ROOT, file));
        await tab.waitFor(() => tab.eval((n) => document.getElementById('file-status')?.textContent.includes(`已读入 ${n}`), path.basename(file)), { what: `${file} read`, timeout: 30000 });
        await tab.waitInViewer((root) => root?.querySelector('article')?.textContent.includes('10月31日，全省基层人大工作推进会在湘潭市湘乡市召开'), null, { selector: '#preview', what: `${file}'s first article in the preview`, timeout: 30000 });
        await tab.waitInViewer((root) => root?.querySelector('.bv-number')?.textContent.replace(/\s/g, '') === '第18期', null, { selector: '#preview', what: 'the masthead in the preview' });
      }
      // Every field of the form, drawn now, has text of 16 px at least (iOS zooms otherwise).
      const small = await tab.eval(() => [...document.querySelectorAll('input:not([type=file]), select, textarea')]
        .filter((f) => f.getClientRects().length && parseFloat(getComputedStyle(f).fontSize) < 16).map((f) => `#${f.id || f.className} ${getComputedStyle(f).fontSize}`));
      assert.deepEqual(small, [], 'fields under 16 px');
      await shot(tab, 'editor-1366');
      assert.deepEqual(await tab.errors(), []);
      await tab.close();
    });

    test('no field a reader types in is under 16 px (iOS zooms the page on such a field)', async () => {
      const sizes = {};
      const tab = await open('/');
      await tab.waitForIssue();
      sizes.search = await tab.inViewer((root) => getComputedStyle(root.querySelector('.bv-search-input')).fontSize);
      await tab.click((root) => root.querySelector('.bv-findall > summary'));
      await tab.waitInViewer((root) => !!root?.querySelector('.bv-findall-input'), null, { what: 'the 往期检索 field' });
      sizes.findall = await tab.inViewer((root) => getComputedStyle(root.querySelector('.bv-findall-input')).fontSize);
      await tab.close();
      const editor = await open('/editor/index.html', { prefs: undefined });
      Object.assign(sizes, await editor.eval(() => Object.fromEntries([...document.querySelectorAll('input:not([type=file]), select, textarea')]
        .map((f) => [`editor #${f.id}`, getComputedStyle(f).fontSize]))));
      await editor.close();
      const small = Object.entries(sizes).filter(([, s]) => parseFloat(s) < 16);
      assert.deepEqual(small, [], JSON.stringify(sizes));
    });

    test('要目: the current entry\'s bar stands clear of its ◉ (of the text in 适老化), and no marker is underlined', async () => {
      for (const [viewport, prefs] of [[PHONE, LIGHT], [DESKTOP, LIGHT], [PHONE, ELDER]]) {
        const tab = await open('/embed/minimal.html', { viewport, prefs });
        await tab.waitForIssue();
        await tab.inViewer((root) => root.querySelector('.bv-contents').scrollIntoView({ block: 'center' }));
        const png = await tab.stableScreenshot();
        // Each entry's link, the first line of its text and where that text begins.
        const now = await tab.inViewer((root) => [...root.querySelectorAll('.bv-contents li a')].map((a) => {
          const r = a.getBoundingClientRect();
          const text = document.createTreeWalker(a, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (n.nodeValue.trim() ? 1 : 3) }).nextNode();
          const range = document.createRange();
          range.setStart(text, text.nodeValue.search(/\S/));
          range.setEnd(text, text.nodeValue.search(/\S/) + 1);
          const first = range.getClientRects()[0];
          return { current: !!a.closest('.bv-current'), left: r.left, top: first.top, bottom: first.bottom, text: first.left, bar: parseFloat(getComputedStyle(a).fontSize) * 0.1875 };
        }));
        await shot(tab, `contents-marker-${viewport.width}${prefs === ELDER ? '-elder' : ''}`);
        const RED = [0xc0, 0x00, 0x18];
        for (const [i, b] of now.entries()) {
          const line = { top: Math.ceil(b.top), bottom: Math.floor(b.bottom) };
          const bar = Math.round(b.bar);
          if (b.current) {
            // Just right of the bar a column with no red: the ◉ does not touch the bar.
            const columns = [];
            for (let x = Math.round(b.left) + bar; x < Math.round(b.left) + bar + 4; x++) columns.push(countColour(png, { left: x, right: x + 1, ...line }, RED, 60));
            assert.ok(columns.some((n) => n === 0), `${viewport.width}: the bar touches the ◉ (red pixels per column after the bar: ${columns})`);
            // Nothing is drawn over the bar (适老化 has no marker: the text itself must stand clear).
            // (Its whole columns: the edge pixel is shaded where the bar's width is not whole.)
            const solid = { left: Math.ceil(b.left), right: Math.floor(b.left + b.bar) - 1, ...line };
            const over = countColour(png, solid, RED, 60);
            assert.equal(over, (solid.right - solid.left) * (line.bottom - line.top), `${viewport.width} ${prefs}: text drawn over the bar`);
          }
          // The underline's colour beneath the marker: none (text-decoration-color: #d8d8d8).
          const under = { left: Math.round(b.left) + bar + 1, right: Math.floor(b.text) - 1, top: line.top, bottom: line.bottom + 12 };
          const lineHere = countColour(png, { left: Math.ceil(b.text), right: Math.ceil(b.text) + 40, top: line.top, bottom: line.bottom + 12 }, [0xd8, 0xd8, 0xd8], 6);
          if (lineHere > 10) assert.ok(countColour(png, under, [0xd8, 0xd8, 0xd8], 6) < 2, `${viewport.width}: entry ${i + 1}'s marker is underlined`);
        }
        await tab.close();
      }
    });

    test('boxes of the masthead, the 要目 and the first article at 375 and 1366 px', async () => {
      geometry[engine] = {};
      for (const viewport of [PHONE, DESKTOP]) {
        const tab = await open('/embed/minimal.html', { viewport, prefs: LIGHT });
        await tab.waitForIssue();
        geometry[engine][viewport.width] = await tab.inViewer((root) => {
          const host = root.host.getBoundingClientRect();
          const box = (sel) => {
            const r = root.querySelector(sel).getBoundingClientRect();
            return { left: r.left - host.left, top: r.top - host.top, width: r.width, height: r.height };
          };
          return {
            controls: box('.bv-controls'),
            masthead: box('.bv-masthead'),
            title: box('.bv-title'),
            contents: box('.bv-contents'),
            article: box('.bv-article'),
            'article title': box('.bv-article-title'),
            'first paragraph': box('.bv-article .bv-p'),
          };
        });
        await tab.close();
      }
    });
  });
}

test('the main regions agree across engines: no overlap, no collapse, within what fonts explain', { skip: ENGINES.length < 2 || !ENGINES.includes('chromium') }, () => {
  const ref = geometry.chromium;
  assert.ok(ref, 'Chromium\'s boxes were measured');
  const report = [];
  for (const [engine, widths] of Object.entries(geometry)) {
    for (const [width, regions] of Object.entries(widths)) {
      // Within each engine: the regions follow one another down the page (or, at 1366, the
      // 要目 beside the articles), and none is empty.
      const r = regions;
      assert.ok(Object.values(r).every((b) => b.width > 40 && b.height > 10), `${engine} ${width}: a region collapsed`);
      assert.ok(r.masthead.top + r.masthead.height <= r.contents.top + 1, `${engine} ${width}: the masthead overlaps the 要目`);
      if (Number(width) < 1000) assert.ok(r.contents.top + r.contents.height <= r.article.top + 1, `${engine} ${width}: the 要目 overlaps the article`);
      else assert.ok(r.contents.left + r.contents.width <= r.article.left + 1, `${engine} ${width}: the 要目 overlaps the article`);
      if (engine === 'chromium') continue;
      // Against Chromium: across the page, edges within 6 px (the same layout, fonts drawn
      // alike); down the page, within 24 px or 8 % (Firefox, without text-autospace, spaces Latin and digits
      // by the stylesheet's fallback margins and breaks a few lines more: 94 px of the first
      // article at 375 px, measured; a line more or less where glyph widths
      // differ a little), and heights the same way.
      for (const [name, b] of Object.entries(regions)) {
        const c = ref[width][name];
        const off = {
          left: Math.abs(b.left - c.left),
          width: Math.abs(b.width - c.width),
          top: Math.abs(b.top - c.top),
          height: Math.abs(b.height - c.height),
        };
        report.push(`${engine} ${width} ${name}: ${Object.entries(off).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
        assert.ok(off.left <= 6 && off.width <= 6, `${engine} ${width} ${name}: across ${JSON.stringify(b)} vs Chromium ${JSON.stringify(c)}`);
        assert.ok(off.top <= Math.max(24, 0.08 * c.top) && off.height <= Math.max(24, 0.08 * c.height), `${engine} ${width} ${name}: down ${JSON.stringify(b)} vs Chromium ${JSON.stringify(c)}`);
      }
    }
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(path.join(SHOTS, 'geometry.txt'), `${report.join('\n')}\n`);
});
