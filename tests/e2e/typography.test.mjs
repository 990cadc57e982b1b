// Typography, responsive layout, themes, reader controls and print, measured in Chromium on
// the demo (release build over HTTP). Screenshots of every size and mode, and the printed A4
// pages as PNG, go to target/screenshots/typography/ for a person to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { withDist, openPage, inViewer, SCREENSHOTS } from './browser.mjs';

const SHOTS = path.join(SCREENSHOTS, 'typography');
const SIZES = {
  'phone-320': { width: 320, height: 640 },
  'phone-375': { width: 375, height: 812 },
  'tablet-768': { width: 768, height: 1024 },
  'desktop-1366': { width: 1366, height: 768 },
  'desktop-1920': { width: 1920, height: 1080 },
  'kiosk-1080': { width: 1080, height: 1920 },
};
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

let browser;
let base;

withDist({
  routes: {
    '/fonts/latin.ttf': { type: 'font/ttf', body: fs.readFileSync(FONT) },
    '/plain.html': {
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="favicon.svg"><bulletin-viewer controls="none" src="issues/lianluo-dongtai-2024-18.json"></bulletin-viewer><script src="bulletin-viewer.js"></script>',
    },
    '/webfont.html': {
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="favicon.svg"><bulletin-viewer font="/fonts/latin.ttf" src="issues/lianluo-dongtai-2024-18.json"></bulletin-viewer><script src="bulletin-viewer.js"></script>',
    },
  },
}, (d) => {
  ({ browser, url: base } = d);
  fs.mkdirSync(SHOTS, { recursive: true });
});

async function open(viewport, { url = '', colorScheme = 'light' } = {}) {
  const opened = await openPage(browser, viewport);
  await opened.page.emulateMedia({ colorScheme });
  await opened.page.goto(new URL(url, base).href);
  await opened.page.locator('bulletin-viewer footer').waitFor();
  return opened;
}

/** Measurements of the rendered viewer, taken inside its shadow root. */
function measure(p) {
  return inViewer(p, (root) => {
    const q = (s) => root.querySelector(s);
    const cs = (s) => getComputedStyle(q(s));
    const px = (v) => parseFloat(v);
    const p = q('p.bv-p');
    const para = cs('p.bv-p');
    const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
      const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const contrast = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((m, n) => m - n); return (y + 0.05) / (x + 0.05); };
    const paper = getComputedStyle(q('.bv-app')).backgroundColor;
    const nav = q('nav.bv-contents').getBoundingClientRect();
    const main = q('.bv-articles').getBoundingClientRect();
    return {
      overflow: document.documentElement.scrollWidth - innerWidth,
      bodyPx: px(para.fontSize),
      indentEm: px(para.textIndent) / px(para.fontSize),
      lineHeight: px(para.lineHeight) / px(para.fontSize),
      lineBreak: para.lineBreak,
      align: para.textAlign,
      charsPerLine: p.getBoundingClientRect().width / px(para.fontSize),
      titleContrast: contrast(cs('h1').color, paper),
      textContrast: contrast(para.color, paper),
      paper,
      sideColumn: nav.right <= main.left && nav.top < main.bottom,
      linkHeights: [...root.querySelectorAll('nav.bv-contents a')].map((a) => a.getBoundingClientRect().height),
      controlSizes: [...root.querySelectorAll('.bv-control')].filter((b) => b.offsetParent).map((b) => {
        const r = b.getBoundingClientRect();
        return Math.min(r.width, r.height);
      }),
    };
  });
}

for (const [name, viewport] of Object.entries(SIZES)) {
  test(`typography and layout at ${name}`, async () => {
    const { page: p, errors, context } = await open(viewport);
    const m = await measure(p);
    assert.equal(m.overflow, 0, 'no sideways scrolling');
    assert.equal(m.indentEm, 2);
    assert.equal(m.lineBreak, 'strict');
    assert.equal(m.align, 'justify');
    assert.ok(m.lineHeight >= 1.75 && m.lineHeight <= 2.0, `line-height ${m.lineHeight}`);
    assert.ok(m.charsPerLine <= 40.5, `${m.charsPerLine} characters a line`);
    assert.ok(m.titleContrast >= 4.5, `masthead red contrast ${m.titleContrast}`);
    const kiosk = name.startsWith('kiosk');
    const phone = name.startsWith('phone');
    if (kiosk) assert.ok(m.bodyPx >= 28, `kiosk body ${m.bodyPx}px`);
    else assert.ok(m.bodyPx >= 17 && m.bodyPx <= 20, `body ${m.bodyPx}px`);
    assert.equal(m.sideColumn, name.startsWith('desktop'), 'contents beside the text only on wide screens');
    if (phone) {
      for (const h of [...m.linkHeights, ...m.controlSizes]) assert.ok(h >= 44, `touch target ${h}px`);
    }
    await p.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('dark theme (system setting) keeps the masthead red readable', async () => {
  const { page: p, errors, context } = await open(SIZES['phone-375'], { colorScheme: 'dark' });
  const m = await measure(p);
  assert.equal(m.paper, 'rgb(22, 21, 20)');
  assert.ok(m.titleContrast >= 4.5, `red on dark ${m.titleContrast}`);
  assert.ok(m.textContrast >= 7, `text on dark ${m.textContrast}`);
  await p.screenshot({ path: path.join(SHOTS, 'phone-375-dark.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('reader controls: 适老化, high contrast, theme, size persist across reloads', async () => {
  const { page: p, errors, context } = await open(SIZES['phone-375']);
  const before = await measure(p);
  const settings = p.locator('bulletin-viewer .bv-settings');
  assert.equal(await settings.getAttribute('aria-expanded'), 'false');
  await settings.click();
  const toolbar = p.getByRole('toolbar');
  await toolbar.getByRole('button', { name: 'A+ 放大字号' }).click();
  const larger = await measure(p);
  assert.ok(larger.bodyPx > before.bodyPx, `${larger.bodyPx} > ${before.bodyPx}`);

  await toolbar.getByRole('button', { name: '适老化' }).click();
  assert.equal(await toolbar.getByRole('button', { name: '适老化' }).getAttribute('aria-pressed'), 'true');
  const elder = await measure(p);
  assert.ok(elder.bodyPx >= 24, `适老化 body ${elder.bodyPx}px`);
  assert.ok(elder.lineHeight >= 1.8);
  for (const s of elder.controlSizes) assert.ok(s >= 60, `适老化 control ${s}px`);
  assert.equal(elder.overflow, 0);
  await p.screenshot({ path: path.join(SHOTS, 'phone-375-elder.png') });

  await toolbar.getByRole('button', { name: '高对比度' }).click();
  const contrast = await measure(p);
  assert.ok(contrast.textContrast >= 7 && contrast.titleContrast >= 7, `high contrast ${contrast.textContrast} / ${contrast.titleContrast}`);
  await p.screenshot({ path: path.join(SHOTS, 'phone-375-contrast.png') });
  await toolbar.getByRole('radio', { name: '深色' }).click();
  const darkContrast = await measure(p);
  assert.ok(darkContrast.textContrast >= 7 && darkContrast.titleContrast >= 7);
  await p.screenshot({ path: path.join(SHOTS, 'phone-375-contrast-dark.png') });

  // Keyboard: the settings are real buttons in the tab order.
  await p.keyboard.press('Shift+Tab');
  const focused = await inViewer(p, (root) => root.activeElement?.textContent);
  assert.equal(focused, '浅色');
  // Esc closes the panel and puts focus back on its button.
  await p.keyboard.press('Escape');
  assert.equal(await settings.getAttribute('aria-expanded'), 'false');
  assert.equal(await inViewer(p, (root) => root.activeElement?.className), 'bv-control bv-settings');

  await p.reload();
  await p.locator('bulletin-viewer footer').waitFor();
  const after = await measure(p);
  assert.equal(after.bodyPx, darkContrast.bodyPx, 'size and 适老化 kept');
  assert.equal(after.paper, 'rgb(0, 0, 0)', 'high contrast dark kept');
  assert.deepEqual(errors, []);
  await context.close();
});

test('controls="none" hides the reader controls (search stays)', async () => {
  const { page: p, context } = await open(SIZES['desktop-1366'], { url: '/plain.html' });
  assert.equal(await p.locator('bulletin-viewer .bv-settings').count(), 0);
  assert.equal(await p.locator('bulletin-viewer input[type=search]').count(), 1);
  await context.close();
});

test('Chinese–Latin spacing is the same with and without CSS text-autospace', async () => {
  const { page: p, context } = await open(SIZES['desktop-1366']);
  const r = await inViewer(p, (root) => {
    const spans = [...root.querySelectorAll('.bv-issue .bv-wl, .bv-issue .bv-wr')];
    return {
      native: CSS.supports('text-autospace', 'normal'),
      spans: spans.length,
      texts: spans.slice(0, 3).map((s) => s.textContent),
      margins: spans.map((s) => parseFloat(getComputedStyle(s).marginLeft) + parseFloat(getComputedStyle(s).marginRight)),
    };
  });
  assert.ok(r.spans >= 10, `${r.spans} Latin/digit runs next to Han`);
  assert.deepEqual(r.texts, ['18', '2024', '11']);
  // Where the browser spaces them itself the spans add nothing; elsewhere they add the space.
  for (const m of r.margins) assert.equal(m > 0, !r.native);
  await context.close();
});

test('a web font given by the font attribute is loaded and used first', async () => {
  const { page: p, errors, context } = await open(SIZES['desktop-1366'], { url: '/webfont.html' });
  await p.waitForFunction(() => [...document.fonts].some((f) => f.family.includes('Bulletin Webfont') && f.status === 'loaded'));
  const family = await inViewer(p, (root) => getComputedStyle(root.querySelector('p.bv-p')).fontFamily);
  assert.match(family, /^"Bulletin Webfont"/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('prints on A4 with the red masthead, without controls', async () => {
  const { page: p, context } = await open(SIZES['desktop-1366']);
  await p.emulateMedia({ media: 'print' });
  assert.equal(await p.locator('bulletin-viewer .bv-controls').isVisible(), false);
  assert.equal(await p.locator('bulletin-viewer .bv-pager').first().isVisible(), false);
  const pdf = path.join(SHOTS, 'print.pdf');
  await p.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(SHOTS, 'print')]);
  const pages = fs.readdirSync(SHOTS).filter((f) => /^print-\d+\.png$/.test(f)).sort();
  assert.ok(pages.length >= 2, `${pages.length} pages`);
  const first = PNG.sync.read(fs.readFileSync(path.join(SHOTS, pages[0])));
  assert.ok(Math.abs(first.height / first.width - 297 / 210) < 0.01, 'A4 proportions');
  // The masthead prints red: enough clearly red pixels in the top third of page 1.
  let red = 0;
  for (let y = 0; y < first.height / 3; y++) {
    for (let x = 0; x < first.width; x++) {
      const i = (y * first.width + x) * 4;
      const [r, g, b] = [first.data[i], first.data[i + 1], first.data[i + 2]];
      if (r > 150 && g < 80 && b < 80) red++;
    }
  }
  assert.ok(red > 200, `${red} red pixels in the masthead`);
  // GB/T 9704 margins: nothing printed in the top 37 mm (≈ 12.5 % of 297 mm) or left 28 mm.
  const inked = (x0, x1, y0, y1) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
      const i = (y * first.width + x) * 4;
      if (first.data[i] < 200) return true;
    }
    return false;
  };
  assert.equal(inked(0, first.width, 0, Math.floor(first.height * 0.12)), false, 'top margin empty');
  assert.equal(inked(0, Math.floor(first.width * 0.125), 0, first.height), false, 'left margin empty');
  await context.close();
});
