// Issues converted from Word files by `bulletin convert` (the CLI of this build), shown by the
// release build: a table that scrolls inside its block on a phone (never the page), a picture
// with its description and caption, a picture without one, axe-clean. Screenshots at phone
// and desktop sizes go to target/screenshots/import-*.png.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { withDist, openPage, inViewer, VIEWPORTS, SCREENSHOTS, ROOT } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const BULLETIN = path.join(ROOT, 'target/debug/bulletin');

let browser;
let base;
let tmp;

/** Converts a fixture with the CLI, as a webmaster would; returns the files written. */
function convert(fixture, name) {
  const out = path.join(tmp, `${name}.json`);
  try {
    execFileSync(BULLETIN, ['convert', path.join(ROOT, 'tests/fixtures/import', fixture), '-o', out], { stdio: 'pipe' });
  } catch (e) {
    // Status 1 with the issue written: a problem to fix (a picture without description).
    if (e.status !== 1 || !fs.existsSync(out)) throw e;
  }
  return fs.readdirSync(tmp).filter((f) => f.startsWith(name));
}

withDist(async () => {
  if (!fs.existsSync(BULLETIN)) throw new Error('target/debug/bulletin is missing: run scripts/build first');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulletin-import-'));
  const files = [...convert('table/lianluo-dongtai-2024-20.docx', '2024-20'), ...convert('image/lianluo-dongtai-2024-19.docx', '2024-19')];
  const routes = {};
  for (const f of files) {
    routes[`/imported/${f}`] = { type: f.endsWith('.png') ? 'image/png' : 'application/json', body: fs.readFileSync(path.join(tmp, f)) };
  }
  return { routes };
}, (d) => ({ browser, url: base } = d));

after(async () => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function show(viewport, issue) {
  const opened = await openPage(browser, viewport);
  await opened.page.goto(`${base}?src=/imported/${issue}.json`);
  await opened.page.locator('bulletin-viewer footer').waitFor();
  return opened;
}

for (const size of ['phone', 'desktop']) {
  test(`a converted table reads on a ${size} and scrolls inside its block`, async () => {
    const { context, page, errors } = await show(VIEWPORTS[size], '2024-20');
    const table = page.locator('bulletin-viewer figure.bv-table');
    await table.scrollIntoViewIfNeeded();
    await table.screenshot({ path: path.join(SCREENSHOTS, `import-table-${size}-block.png`) });
    await page.screenshot({ path: path.join(SCREENSHOTS, `import-table-${size}.png`) });
    assert.equal(await table.locator('figcaption').textContent(), '表1部分市州代表建议办理情况');
    const heads = await table.locator('thead th').allTextContents();
    assert.deepEqual(heads, ['市州', '代表建议（件）', '已办结（件）', '办结率', '代表满意或基本满意率']);
    assert.equal(await table.locator('tbody tr').count(), 5);
    assert.deepEqual(await table.locator('tbody tr').last().locator('td').allTextContents(), ['合计', '3,419', '3,416', '99.9%', '98.8%']);
    // The page never scrolls sideways; on a phone the table's own box does.
    const widths = await inViewer(page, (root) => {
      const box = root.querySelector('.bv-table-scroll');
      return {
        page: document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth,
        box: box.scrollWidth - box.clientWidth,
        boxFits: box.getBoundingClientRect().right <= window.innerWidth,
      };
    });
    assert.equal(widths.page, 0, 'the page scrolls sideways');
    assert.ok(widths.boxFits, 'the table box is wider than the screen');
    if (size === 'phone') assert.ok(widths.box > 0, 'on a phone the table is wider than its box and scrolls in it');
    // The keyboard reaches the scrolling box.
    assert.equal(await table.locator('.bv-table-scroll').getAttribute('tabindex'), '0');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`converted pictures show on a ${size}, with their description and caption`, async () => {
    const { context, page, errors } = await show(VIEWPORTS[size], '2024-19');
    const figures = page.locator('bulletin-viewer figure.bv-figure');
    assert.equal(await figures.count(), 2);
    const first = figures.nth(0);
    await first.scrollIntoViewIfNeeded();
    const img = first.locator('img');
    await img.evaluate((i) => i.decode());
    assert.equal(await img.getAttribute('alt'), '柱状图：2021年至2024年全省代表联络站接待群众人次逐年增长');
    assert.equal(await img.evaluate((i) => i.naturalWidth), 480);
    assert.equal(await first.locator('figcaption').textContent(), '图为2021—2024年全省代表联络站接待群众人次');
    const box = await img.boundingBox();
    assert.ok(box.width > 200 && box.x >= 0 && box.x + box.width <= VIEWPORTS[size].width, JSON.stringify(box));
    // The picture without a description is shown; the missing description is reported.
    assert.equal(await figures.nth(1).locator('img').getAttribute('alt'), '');
    await page.screenshot({ path: path.join(SCREENSHOTS, `import-image-${size}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the converted table passes axe-core', async () => {
  const { context, page } = await show(VIEWPORTS.phone, '2024-20');
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  assert.deepEqual(violations, []);
  await context.close();
});
