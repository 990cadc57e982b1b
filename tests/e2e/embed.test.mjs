// <bulletin-viewer> on portal pages (release build over HTTP): isolation from hostile portal
// CSS, a strict Content-Security-Policy, several viewers per page, src changes and removal,
// loader forms and hosting paths, deep links, narrow containers, attributes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { withDist, openPage, inViewer, waitInViewer, SCREENSHOTS, ROOT } from './browser.mjs';
import { STRICT_CSP as CSP } from '../../scripts/serve.mjs';

const LOADER = '/static/bv/bulletin-viewer.js';
const SEED = '/static/bv/issues/lianluo-dongtai-2024-18.json';
const issue7 = fs.readFileSync(path.join(ROOT, 'tests/fixtures/convert/article-blocks/expected.json'));
const seed = fs.readFileSync(path.join(ROOT, 'www/issues/lianluo-dongtai-2024-18.json'));

/** A test page at /portal/NAME.html (not under the viewer's folder). */
const page = (body, head = '') => ({
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">${head}<link rel="icon" href="/static/bv/favicon.svg"></head><body>${body}</body></html>`,
});

let browser;
let base;
let log;

withDist({
  // The release output as a webmaster would host it: in a folder of its own.
  prefix: '/static/bv/',
  headers: (p) => (p.endsWith('/strict-csp.html') ? { 'content-security-policy': CSP } : {}),
  routes: {
    '/data/issue-7.json': { body: issue7 },
    '/data/images/hall.jpg': {
      type: 'image/svg+xml',
      body: '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" fill="#8a9"/></svg>',
    },
    '/data/slow-old.json': { body: issue7, delay: 1200 },
    '/data/slow-seed.json': { body: seed, delay: 1500 },
    '/portal/classic.html': page(`<bulletin-viewer src="${SEED}"></bulletin-viewer><script src="${LOADER}"></script>`),
    '/portal/defer.html': page(`<bulletin-viewer src="${SEED}"></bulletin-viewer>`, `<script defer src="${LOADER}"></script>`),
    '/portal/async.html': page(`<bulletin-viewer src="${SEED}"></bulletin-viewer>`, `<script async src="${LOADER}"></script>`),
    '/portal/module.html': page(`<bulletin-viewer src="${SEED}"></bulletin-viewer><script type="module" src="${LOADER}"></script>`),
    '/portal/twice.html': page(`<script src="${LOADER}"></script><bulletin-viewer src="${SEED}"></bulletin-viewer><script src="${LOADER}"></script><script type="module" src="${LOADER}"></script>`),
    '/portal/two.html': page(`<bulletin-viewer id="one" src="${SEED}"></bulletin-viewer><bulletin-viewer id="two" src="/data/issue-7.json"></bulletin-viewer><script src="${LOADER}"></script>`),
    '/portal/base.html': page(`<bulletin-viewer src="issues/lianluo-dongtai-2024-18.json"></bulletin-viewer><script src="bulletin-viewer.js"></script>`, '<base href="/static/bv/">'),
    '/portal/narrow.html': page(`<div style="width:280px;border:1px solid #ccc"><bulletin-viewer src="${SEED}"></bulletin-viewer></div><script src="${LOADER}"></script>`),
    '/portal/empty.html': page(`<bulletin-viewer></bulletin-viewer><script src="${LOADER}"></script>`),
    // A loader whose viewer files are missing (a half-copied folder).
    '/broken/bulletin-viewer.js': {
      type: 'text/javascript',
      body: fs.readFileSync(path.join(ROOT, 'dist/bulletin-viewer.js'), 'utf8').replace(/\.\/viewer-/g, './missing-viewer-'),
    },
    '/portal/broken.html': page(`<bulletin-viewer src="${SEED}"></bulletin-viewer><script src="/broken/bulletin-viewer.js"></script>`),
    '/portal/slow.html': page(`<bulletin-viewer src="/data/slow-seed.json"></bulletin-viewer><script src="${LOADER}"></script>`),
  },
}, (d) => ({ browser, url: base, log } = d));

/** Opens `url` and waits until the (first, or `selector`) viewer shows its footer. */
async function openViewer(url, { viewport = { width: 1000, height: 900 }, selector = 'bulletin-viewer' } = {}) {
  const opened = await openPage(browser, viewport);
  await opened.page.goto(new URL(url, base).href);
  await opened.page.locator(`${selector} footer`).waitFor();
  return opened;
}

const STYLE_PROPS = ['font-size', 'font-family', 'font-weight', 'color', 'line-height', 'text-indent',
  'text-align', 'letter-spacing', 'margin-top', 'margin-left', 'padding-left', 'list-style-type',
  'float', 'display', 'width', 'box-sizing'];

async function styles(p) {
  return inViewer(p, (root, props) => {
    const pick = (sel) => {
      const cs = getComputedStyle(root.querySelector(sel));
      return Object.fromEntries(props.map((k) => [k, cs.getPropertyValue(k)]));
    };
    return { title: pick('h1'), paragraph: pick('p.bv-p'), contents: pick('nav ol'), entry: pick('nav li'), link: pick('nav a') };
  }, STYLE_PROPS);
}

test("a hostile portal's CSS changes nothing in the bulletin, and the bulletin's CSS nothing in the portal", async () => {
  // Same component width (640 px) on both pages: the portal's main column, and a bare page
  // whose body (8 px margins) is 656 px wide.
  const minimal = await openViewer('/static/bv/embed/minimal.html', { viewport: { width: 656, height: 900 } });
  const portal = await openViewer('/static/bv/embed/portal.html', { viewport: { width: 1000, height: 900 } });
  await portal.page.screenshot({ path: path.join(SCREENSHOTS, 'embed-portal.png') });
  const [a, b] = [await styles(minimal.page), await styles(portal.page)];
  assert.deepEqual(b, a);
  assert.equal(a.paragraph['text-indent'], `${2 * parseFloat(a.paragraph['font-size'])}px`);

  // Text drawn at another sub-pixel offset is anti-aliased differently: put the bare page's
  // viewer at the same fraction of a pixel as the portal's (its header is 87.4 px tall).
  const offset = await portal.page.locator('bulletin-viewer').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x % 1, y: r.y % 1 };
  });
  await minimal.page.addStyleTag({ content: `body { margin: ${8 + offset.y}px ${8 - offset.x}px 8px ${8 + offset.x}px; }` });
  const shots = [];
  for (const { page: p } of [minimal, portal]) {
    shots.push(PNG.sync.read(await p.locator('bulletin-viewer').screenshot()));
  }
  assert.deepEqual([shots[1].width, shots[1].height], [shots[0].width, shots[0].height], 'same size');
  const { width, height } = shots[0];
  const diff = new PNG({ width, height });
  const differing = pixelmatch(shots[0].data, shots[1].data, diff.data, width, height, { threshold: 0.1 });
  fs.writeFileSync(path.join(SCREENSHOTS, 'embed-portal-diff.png'), PNG.sync.write(diff));
  assert.ok(differing / (width * height) < 0.001, `${differing} of ${width * height} pixels differ`);

  // The portal keeps its own look, and gets no styles from the viewer.
  const own = await portal.page.evaluate(() => ({
    crumb: getComputedStyle(document.querySelector('.crumb')).fontSize,
    side: getComputedStyle(document.querySelector('.side')).cssFloat,
    foot: getComputedStyle(document.querySelector('.foot')).display,
    adopted: document.adoptedStyleSheets.length,
    styles: document.querySelectorAll('style').length,
  }));
  assert.deepEqual(own, { crumb: '12px', side: 'left', foot: 'block', adopted: 0, styles: 1 });
  assert.deepEqual([...minimal.errors, ...portal.errors], []);
  await minimal.context.close();
  await portal.context.close();
});

test('under a strict Content-Security-Policy: no violations, no console errors', async () => {
  const opened = await openPage(browser, { width: 1000, height: 900 });
  await opened.page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await opened.page.goto(new URL('/static/bv/embed/strict-csp.html', base).href);
  assert.equal(response.headers()['content-security-policy'], CSP);
  await opened.page.locator('bulletin-viewer footer').waitFor();
  assert.equal(await opened.page.locator('bulletin-viewer h1').textContent(), '联络动态');
  assert.deepEqual(await opened.page.evaluate(() => window.__violations), []);
  assert.deepEqual(opened.errors, []);
  await opened.context.close();
});

test('the loader works classic, defer, async, as a module, and included twice, from another folder', async () => {
  for (const form of ['classic', 'defer', 'async', 'module', 'twice']) {
    const { page: p, errors, context } = await openViewer(`/portal/${form}.html`);
    assert.equal(await p.locator('bulletin-viewer h1').textContent(), '联络动态', form);
    assert.deepEqual(errors, [], form);
    await context.close();
  }
  const { page: p, errors, context } = await openViewer('/portal/base.html');
  assert.equal(await p.locator('bulletin-viewer .bv-number').textContent(), '第18期', 'src resolved against <base href>');
  // Following a 要目 link stays on this page: the fragment is not resolved against <base href>.
  await p.locator('bulletin-viewer nav.bv-contents a').nth(1).click();
  await p.waitForFunction(() => location.hash === '#bulletin/a-2');
  assert.equal(new URL(p.url()).pathname, '/portal/base.html');
  assert.deepEqual(errors, []);
  await context.close();
});

test('two viewers on one page show their own issues; src changes end on the last one', async () => {
  const { page: p, errors, context } = await openViewer('/portal/two.html', { selector: '#one' });
  await p.locator('#two article').waitFor();
  assert.equal(await p.locator('#one .bv-number').textContent(), '第18期');
  assert.equal(await p.locator('#two .bv-number').textContent(), '第7期');

  // Change src three times quickly; the slow answers of the first two must never show.
  await p.evaluate(() => {
    const v = document.querySelector('#one');
    v.setAttribute('src', '/data/slow-seed.json');
    v.setAttribute('src', '/data/slow-old.json');
    v.setAttribute('src', '/data/issue-7.json');
  });
  await waitInViewer(p, (root) => root.querySelector('.bv-number')?.textContent === '第7期', null, { selector: '#one' });
  await p.waitForTimeout(2000); // longer than the slow answers take
  assert.equal(await p.locator('#one .bv-number').textContent(), '第7期');
  assert.equal(await p.locator('#two .bv-number').textContent(), '第7期');
  assert.deepEqual(errors, []);
  await context.close();
});

test('removing the element aborts its fetch and removes its listeners', async () => {
  const opened = await openPage(browser, { width: 1000, height: 900 });
  const { page: p } = opened;
  const aborted = [];
  p.on('requestfailed', (r) => aborted.push(`${new URL(r.url()).pathname} ${r.failure()?.errorText}`));
  await p.goto(new URL('/portal/slow.html', base).href);
  // The viewer's own loading line (not the loader's, shown before the viewer runs): its fetch
  // of the issue is under way.
  await p.locator('bulletin-viewer .bv-status').waitFor();
  await p.evaluate(() => document.querySelector('bulletin-viewer').remove());
  await p.waitForTimeout(2000);
  assert.deepEqual(aborted, ['/data/slow-seed.json net::ERR_ABORTED']);

  // A viewer showing an issue listens for fragment changes; removed, it no longer does.
  await p.goto(new URL('/portal/classic.html', base).href);
  await p.locator('bulletin-viewer footer').waitFor();
  const cdp = await p.context().newCDPSession(p);
  const listeners = async () => {
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
    const { listeners: all } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    return all.filter((l) => l.type === 'hashchange').length;
  };
  assert.equal(await listeners(), 1);
  const requests = log.length;
  await p.evaluate(() => document.querySelector('bulletin-viewer').remove());
  assert.equal(await listeners(), 0);
  await p.waitForTimeout(500);
  assert.equal(log.length, requests, 'no requests after removal');
  await opened.context.close();
});

test('deep links open at the article, 要目 links update the URL, back returns', async () => {
  const url = '/static/bv/embed/minimal.html';
  const { page: p, errors, context } = await openViewer(`${url}#bulletin/a-2`, { viewport: { width: 375, height: 812 } });
  await waitInViewer(p, (root) => Math.abs(root.getElementById('a-2').getBoundingClientRect().top) < 2);

  await p.evaluate(() => window.scrollTo(0, 0));
  await p.locator('bulletin-viewer nav.bv-contents a').nth(0).click();
  assert.equal(new URL(p.url()).hash, '#bulletin/a-1');
  // Scrolled there (smoothly), and keyboard focus is on the article's heading.
  await waitInViewer(p, (root) => Math.abs(root.getElementById('a-1').getBoundingClientRect().top) < 2);
  assert.equal(await inViewer(p, (root) => root.activeElement?.id), 'a-1-title');
  // The link itself is a real one: absolute, to this page, with the namespaced fragment.
  const href = await p.locator('bulletin-viewer nav.bv-contents a').nth(1).getAttribute('href');
  assert.equal(href, `${new URL(url, base).href}#bulletin/a-2`);

  await p.goBack();
  await p.waitForFunction(() => location.hash === '#bulletin/a-2');
  await waitInViewer(p, (root) => Math.abs(root.getElementById('a-2').getBoundingClientRect().top) < 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('fits a 280 px container without sideways scrolling', async () => {
  const { page: p, errors, context } = await openViewer('/portal/narrow.html', { viewport: { width: 375, height: 812 } });
  const sizes = await inViewer(p, (root) => {
    const box = root.querySelector('.bv-root');
    return { page: document.documentElement.scrollWidth - innerWidth, inner: box.scrollWidth - box.clientWidth, width: box.clientWidth };
  });
  assert.deepEqual(sizes, { page: 0, inner: 0, width: 280 });
  await p.screenshot({ path: path.join(SCREENSHOTS, 'embed-narrow-280.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('attributes: lang switches the interface, bad values warn and fall back', async () => {
  const opened = await openPage(browser, { width: 800, height: 600 });
  const warnings = [];
  opened.page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await opened.page.goto(new URL('/portal/empty.html', base).href);
  const alert = opened.page.locator('bulletin-viewer [role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /没有指定要显示的简报/);
  await opened.page.evaluate(() => document.querySelector('bulletin-viewer').setAttribute('lang', 'en'));
  await waitInViewer(opened.page, (root) => /No bulletin given/.test(root.textContent));
  await opened.page.evaluate(() => {
    const v = document.querySelector('bulletin-viewer');
    v.setAttribute('mode', 'slideshow');
    v.setAttribute('src', '/data/issue-7.json');
  });
  await opened.page.locator('bulletin-viewer footer, bulletin-viewer article').first().waitFor();
  assert.ok(warnings.some((w) => w.includes('mode="slideshow"')), warnings.join('\n'));
  assert.deepEqual(opened.errors, []);
  await opened.context.close();
});

test('when the viewer files cannot load, the element says so instead of staying blank', async () => {
  const { page: p, context } = await openPage(browser, { width: 800, height: 600 });
  await p.goto(new URL('/portal/broken.html', base).href);
  const alert = p.locator('bulletin-viewer [role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /简报阅读器未能加载/);
  await context.close();
});

test('without constructable stylesheets the styles come in a <style> element in the shadow root', async () => {
  const { page: p, errors, context } = await openPage(browser, { width: 800, height: 600 });
  await p.addInitScript(() => { delete CSSStyleSheet.prototype.replaceSync; });
  await p.goto(new URL('/portal/classic.html', base).href);
  await p.locator('bulletin-viewer footer').waitFor();
  const seen = await inViewer(p, (root) => {
    return {
      adopted: root.adoptedStyleSheets.length,
      style: root.querySelectorAll('style').length,
      red: getComputedStyle(root.querySelector('h1')).color,
      inDocument: document.querySelectorAll('style').length,
    };
  });
  assert.deepEqual(seen, { adopted: 0, style: 1, red: 'rgb(192, 0, 24)', inDocument: 0 });
  assert.deepEqual(errors, []);
  await context.close();
});
