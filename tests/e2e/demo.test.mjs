// The demo page (release build over HTTP) at phone, desktop and kiosk sizes: the whole seed
// bulletin is visible, in real CJK fonts, with no console errors; screenshots go to
// target/screenshots/ for a person to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withDist, openPage, fontsUsed, VIEWPORTS, SCREENSHOTS, ROOT } from './browser.mjs';

let browser;
let base;
const fixture = fs.readFileSync(path.join(ROOT, 'tests/fixtures/convert/article-blocks/expected.json'));

withDist({
  routes: {
    '/other/issue-7.json': { body: fixture },
    '/other/broken.json': { body: '{"schema_version": 1,\n "masthead": ' },
    // Relative image URLs in an issue are relative to the issue file, not to the page.
    '/other/images/hall.jpg': {
      type: 'image/svg+xml',
      body: '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" fill="#8a9"/></svg>',
    },
  },
}, (d) => ({ browser, url: base } = d));

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`demo shows the whole seed bulletin on a ${name} screen (${viewport.width}×${viewport.height})`, async () => {
    const { context, page, errors } = await openPage(browser, viewport);
    // The console stays clean: no warnings either (once, an ignored `integrity` on a preload).
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(base);
    await page.locator('footer').waitFor();

    const masthead = page.locator('header');
    await assertVisibleText(masthead.locator('h1'), '联络动态');
    await assertVisibleText(masthead, '第18期');
    await assertVisibleText(masthead, '（总第七百二十期）');
    await assertVisibleText(masthead, '湖南省人大常委会代表工作委员会编');
    await assertVisibleText(masthead, '2024年11月4日');

    const entries = page.locator('nav.bv-contents a');
    assert.equal(await entries.count(), 2);
    await assertVisibleText(entries.nth(0), '全省基层人大工作推进会召开沈晓明作出批示');
    await assertVisibleText(entries.nth(1), '湘潭市委书记胡贺波在全省基层人大工作推进会上的发言');

    const articles = page.locator('article');
    assert.equal(await articles.count(), 2);
    // Repaired paragraphs: joined where extraction broke them, full-width punctuation.
    await assertVisibleText(articles.nth(0), '怎么干的问题。全省各级人大要充分认识');
    await assertVisibleText(articles.nth(0), '（摘编自湖南日报）');
    await assertVisibleText(articles.nth(1), '用好工作“指挥棒”，激活人大工作');
    await assertVisibleText(articles.nth(1), '（湘潭市委办公室、市人大常委会办公室供稿）');

    const footer = page.locator('footer');
    await assertVisibleText(footer, '送：全国人大常委会代表工作委员会');
    await assertVisibleText(footer, '责任编辑：汤建');
    await assertVisibleText(footer, '批准文号：湘党简准字〔2000〕第28号');
    assert.equal(await footer.locator('a[href="mailto:hnrldgwxrc@163.com"]').count(), 1);

    // Nothing sticks out sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);

    // Chinese is drawn with real CJK fonts, not boxes.
    const titleFonts = await fontsUsed(page, 'h1');
    assert.ok(titleFonts.some((f) => /CJK|Han|Song|Hei|WenQuanYi/i.test(f)), `h1 drawn with ${titleFonts}`);
    const bodyFonts = await fontsUsed(page, 'article p');
    assert.ok(bodyFonts.some((f) => /Serif CJK|Song|Ming/i.test(f)), `body drawn with ${bodyFonts}`);

    // What a reader sees first, and the whole issue.
    await page.screenshot({ path: path.join(SCREENSHOTS, `demo-${name}.png`) });
    await page.screenshot({ path: path.join(SCREENSHOTS, `demo-${name}-full.png`), fullPage: true });

    // A 要目 entry leads to its article.
    await page.emulateMedia({ reducedMotion: 'reduce' }); // jump, do not glide
    await entries.nth(1).click();
    await page.waitForFunction(() => location.hash === '#bulletin/2024-18/a-2');
    // At the top of the screen, or as near as the end of the page allows.
    const { top, atEnd, height } = await articles.nth(1).evaluate((el) => ({
      top: el.getBoundingClientRect().top,
      atEnd: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1,
      height: window.innerHeight,
    }));
    assert.ok(Math.abs(top) < 2 || (atEnd && top > 0 && top < height), `article 2 is at ${top}px after following its 要目 link`);
    await page.screenshot({ path: path.join(SCREENSHOTS, `demo-${name}-article-2.png`) });

    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, []);
    await context.close();
  });
}

test('?src= loads another issue', async () => {
  const { context, page, errors } = await openPage(browser, VIEWPORTS.desktop);
  await page.goto(`${base}?src=other/issue-7.json`);
  await page.locator('article').waitFor();
  await assertVisibleText(page.locator('header'), '第7期');
  await assertVisibleText(page.locator('article h3'), '一、小标题');
  await assertVisibleText(page.locator('article blockquote'), '引文一段。');
  assert.equal(await page.locator('article li').count(), 2);
  const image = page.locator('article img');
  assert.equal(await image.getAttribute('alt'), '会场照片');
  await image.evaluate((img) => img.decode());
  assert.equal(await image.evaluate((img) => img.naturalWidth), 320, 'image loaded from beside the issue');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken issue shows what failed and where, not a blank page', async () => {
  const { context, page } = await openPage(browser, VIEWPORTS.phone);
  await page.goto(`${base}?src=other/broken.json`);
  const alert = page.locator('[role=alert]');
  await alert.waitFor();
  await assertVisibleText(alert, '简报无法显示');
  await assertVisibleText(alert, 'other/broken.json');
  await assertVisibleText(alert, '第 2 行');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'error-phone.png') });
  await context.close();
});

async function assertVisibleText(locator, text) {
  const target = locator.getByText(text, { exact: false }).first();
  const own = (await locator.textContent()) ?? '';
  assert.ok(own.includes(text), `expected “${text}” in: ${own.slice(0, 200)}`);
  // Visible to a reader: laid out with a size, not hidden.
  const el = (await target.count()) ? target : locator;
  assert.ok(await el.isVisible(), `“${text}” is not visible`);
}
