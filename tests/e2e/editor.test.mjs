// 编辑台 (dist/editor/), as an editor uses it: a .txt, a Word file and a PDF put in; the
// preview in the real viewer; the repairs listed; a problem clicked shows its place; a
// masthead fix in the preview; downloads compared with what the CLI of this build writes for
// the same file (`bulletin convert`, `bulletin feed`, `bulletin render`); work kept across a
// reload; the page's policy with zero violations; axe-clean; keyboard; screenshots at
// 1366×768 and 1024×768 in target/screenshots/editor-*.png.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { withDist, openPage, serveDist, inViewer, waitForIssue, poll, SCREENSHOTS, ROOT, DIST } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const BULLETIN = path.join(ROOT, 'target/debug/bulletin');
const SEED_TXT = path.join(ROOT, 'tests/fixtures/seed/lianluo-dongtai-2024-18.txt');
const SEED_DOCX = path.join(ROOT, 'tests/fixtures/import/seed/lianluo-dongtai-2024-18.docx');
const SEED_PDF = path.join(ROOT, 'tests/fixtures/import/seed/lianluo-dongtai-2024-18.pdf');
const IMAGE_DOCX = path.join(ROOT, 'tests/fixtures/import/image/lianluo-dongtai-2024-19.docx');
const NOT_BULLETIN = path.join(ROOT, 'tests/fixtures/import/not-a-bulletin/tongzhi.docx');
const LAPTOP = { width: 1366, height: 768 };
const TABLET = { width: 1024, height: 768 };

// The page's own policy (its meta element), sent as a header too, as a portal would.
const POLICY = fs.readFileSync(path.join(DIST, 'editor/index.html'), 'utf8').match(/Content-Security-Policy" content="([^"]+)"/)[1];

let browser;
let base;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulletin-editor-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

withDist(async () => {
  if (!fs.existsSync(BULLETIN)) throw new Error('target/debug/bulletin is missing: run the native tests first');
  return { headers: (p) => (p.startsWith('/editor/') ? { 'content-security-policy': POLICY } : {}) };
}, (d) => ({ browser, url: base } = d));

/** What `bulletin CMD…` writes to the file `out` (status 1 with the file written: problems). */
function cli(args, out) {
  try {
    execFileSync(BULLETIN, [...args, '-o', out], { stdio: 'pipe' });
  } catch (e) {
    if (e.status !== 1 || !fs.existsSync(out)) throw e;
  }
  return fs.readFileSync(out, 'utf8');
}

/** The CLI's message for a file it cannot convert. */
function cliError(file) {
  try {
    execFileSync(BULLETIN, ['convert', file], { stdio: 'pipe' });
  } catch (e) {
    return e.stderr.toString();
  }
  throw new Error(`${file} converted`);
}

async function openEditor(viewport = LAPTOP, query = '') {
  const opened = await openPage(browser, viewport);
  await opened.page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await opened.page.goto(`${base}editor/index.html${query}`);
  return opened;
}

/** Puts a file in as a person would: chosen in the file dialog, or dropped on the drop zone. */
async function putIn(page, file, { drop = false } = {}) {
  if (!drop) {
    await page.locator('#file').setInputFiles(file);
    return;
  }
  const bytes = [...fs.readFileSync(file)];
  const transfer = await page.evaluateHandle(({ bytes, name }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], name));
    return dt;
  }, { bytes, name: path.basename(file) });
  await page.dispatchEvent('#drop', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: transfer });
}

async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
  const bytes = fs.readFileSync(await download.path());
  return { name: download.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

const previewText = (page) => inViewer(page, (root) => root?.querySelector('article')?.textContent ?? '');

test('a .txt file: the preview, the repairs, the JSON of bulletin convert, a masthead fix, the feed, the page', async () => {
  const { context, page, errors } = await openEditor();
  await putIn(page, SEED_TXT);
  await waitForIssue(page, '第18期');
  assert.match(await previewText(page), /10月31日，全省基层人大工作推进会在湘潭市湘乡市召开/);
  await page.locator('#file-status').filter({ hasText: 'lianluo-dongtai-2024-18.txt' }).waitFor();

  // The repairs, each with its line and before → after.
  await page.locator('#tab-repairs').click();
  const joined = page.locator('[data-kind="joined-paragraphs"] .ed-repair').first();
  assert.match(await joined.textContent(), /原文第 27 行.*的问题。全¶省各级人大.*→.*的问题。全省各级人大/);
  const comma = page.locator('[data-kind="full-width-punctuation"] .ed-repair').filter({ hasText: '10月31日,全省' });
  assert.match(await comma.textContent(), /原文第 21 行.*10月31日,全省.*→.*10月31日，全省/);
  // Chosen, a repair shows its line in the source.
  await joined.click();
  assert.equal(await page.locator('#panel-source').isVisible(), true);
  const selected = await page.locator('#source').evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, fs.readFileSync(SEED_TXT, 'utf8').split('\n')[26]);
  assert.equal(await page.locator('#source-place').textContent(), '原文第 27 行');

  // No problem: the JSON downloads, byte for byte what `bulletin convert` writes.
  assert.equal(await page.locator('#problem-count').textContent(), '0');
  assert.equal(await page.locator('#why').textContent(), '可以下载。');
  const plain = await downloaded(page, '#download-json');
  const expected = cli(['convert', SEED_TXT], path.join(tmp, 'lianluo-dongtai-2024-18.json'));
  assert.equal(plain.name, 'lianluo-dongtai-2024-18.json');
  assert.equal(plain.text, expected);

  // A masthead fix shows in the preview, and changes that value only.
  await page.locator('#tab-fields').click();
  await page.getByLabel('期号', { exact: true }).fill('第 19 期');
  await waitForIssue(page, '第19期');
  await page.getByLabel('日期', { exact: true }).fill('2024 年 11 月 18 日');
  await poll(() => inViewer(page, (root) => root.querySelector('.bv-masthead time')?.textContent?.replace(/\s/g, '') === '2024年11月18日'), { what: 'the fixed date in the preview' });
  assert.match(await page.locator('#f-masthead_issue-was').textContent(), /原为：第18期/);
  await page.locator('#name').fill('lianluo-dongtai-2024-19');
  await poll(async () => (await page.locator('#why').textContent()) === '可以下载。');
  const fixed = await downloaded(page, '#download-json');
  assert.equal(fixed.name, 'lianluo-dongtai-2024-19.json');
  const want = JSON.parse(expected);
  want.masthead.issue = { label: '第19期', number: 19 };
  want.masthead.date = { iso: '2024-11-18', display: '2024年11月18日' };
  assert.deepEqual(JSON.parse(fixed.text), want);
  assert.equal(fixed.text, `${JSON.stringify(want, null, 2)}\n`);

  // The feed: the portal's current feed.json with this issue added, newest first, as
  // `bulletin feed` writes it for the folder with the new issue in it.
  await page.locator('#feed-file').setInputFiles(path.join(ROOT, 'www/issues/feed.json'));
  await page.locator('#feed-status').filter({ hasText: '本期排第 1' }).waitFor();
  const feed = await downloaded(page, '#download-feed');
  assert.equal(feed.name, 'feed.json');
  const folder = fs.mkdtempSync(path.join(tmp, 'feed-'));
  for (const f of fs.readdirSync(path.join(ROOT, 'www/issues')).filter((f) => f.endsWith('.json') && f !== 'feed.json')) {
    fs.copyFileSync(path.join(ROOT, 'www/issues', f), path.join(folder, f));
  }
  fs.writeFileSync(path.join(folder, 'lianluo-dongtai-2024-19.json'), fixed.text);
  // As `bulletin feed -o` writes it, but for 往期检索's index: the opened feed's is kept (its
  // issues stay searchable; the new one is in it once `bulletin feed -o` runs again).
  const { search: kept, ...ours } = JSON.parse(feed.text);
  const { search: fresh, ...theirs } = JSON.parse(cli(['feed', folder], path.join(folder, 'feed.json')));
  assert.deepEqual(ours, theirs);
  assert.equal(kept, JSON.parse(fs.readFileSync(path.join(ROOT, 'www/issues/feed.json'), 'utf8')).search);
  assert.match(fresh, /^search\/index-[0-9a-f]{16}\.json$/);
  const issues = JSON.parse(feed.text).issues;
  assert.deepEqual([issues[0].label, issues[0].url], ['第19期', 'lianluo-dongtai-2024-19.json']);

  // The static page: what `bulletin render` writes for the issue.
  const page19 = await downloaded(page, '#download-html');
  assert.equal(page19.name, 'lianluo-dongtai-2024-19.html');
  fs.writeFileSync(path.join(tmp, 'fixed.json'), fixed.text);
  assert.equal(page19.text, cli(['render', path.join(tmp, 'fixed.json')], path.join(tmp, 'fixed.html')));

  // Both width switches show the issue; the phone's at 375 px.
  const width = () => page.locator('#preview').evaluate((v) => v.getBoundingClientRect().width);
  assert.equal(await width(), 375);
  await page.locator('#tab-repairs').click();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-laptop-repairs.png') });
  await page.locator('#tab-fields').click();
  await page.locator('#width-desktop').click();
  assert.ok((await width()) > 600, `desktop preview ${await width()} px`);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-laptop.png') });

  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('unsaved work survives a reload, and “start again” clears it', async () => {
  const { context, page, errors } = await openEditor();
  await putIn(page, SEED_TXT);
  await waitForIssue(page, '第18期');
  await page.getByLabel('第 2 篇来源').fill('（摘编自湘潭日报）');
  await poll(() => inViewer(page, (root) => root.querySelector('#a-2 .bv-source')?.textContent?.includes('摘编自湘潭日报')), { what: 'the fixed source note in the preview' });
  await page.waitForTimeout(400);
  await page.reload();
  await page.locator('#restored').filter({ hasText: '已恢复上次未完成的工作' }).waitFor();
  await poll(() => inViewer(page, (root) => root?.querySelector('#a-2 .bv-source')?.textContent?.includes('摘编自湘潭日报')), { what: 'the restored fix in the preview' });
  assert.equal(await page.getByLabel('第 2 篇来源').inputValue(), '（摘编自湘潭日报）');
  // The source changed under the fix: the fix no longer applies, and the page says so.
  await page.locator('#tab-source').click();
  const source = await page.locator('#source').inputValue();
  await page.locator('#source').fill(source.replace('(湘潭市委办公室、市人大常委会办公室 供稿)', '(湘潭市委办公室供稿)'));
  await page.locator('#dropped').filter({ hasText: '第 2 篇来源「（摘编自湘潭日报）」' }).waitFor();
  await poll(() => inViewer(page, (root) => root.querySelector('#a-2 .bv-source')?.textContent === '（湘潭市委办公室供稿）'), { what: 'the new source note in the preview' });
  page.once('dialog', (d) => d.accept());
  await page.locator('#restart').click();
  await page.locator('#preview-empty').waitFor();
  assert.equal(await page.locator('#preview').isHidden(), true);
  await page.reload();
  assert.equal(await page.locator('#restored').isHidden(), true);
  assert.equal(await page.locator('#source').inputValue(), '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a Word file dropped: its problem, clicked, shows the article; the download waits and says why', async () => {
  const { context, page, errors } = await openEditor(TABLET);
  await putIn(page, IMAGE_DOCX, { drop: true });
  await waitForIssue(page, '第19期');
  await page.locator('#file-status').filter({ hasText: 'Word 文档' }).waitFor();
  assert.equal(await page.locator('#problem-count').textContent(), '1');
  assert.equal(await page.locator('#download-json').isDisabled(), true);
  assert.equal(await page.locator('#why').textContent(), '还有 1 个问题，改正后才能下载（见“问题”）。');
  await page.locator('#tab-problems').click();
  const problem = page.locator('.ed-problem').first();
  assert.match(await problem.textContent(), /第 1 篇第 4 块（图片）的说明：不能为空/);
  await problem.click();
  await poll(() => page.locator('#preview').evaluate((v) => v.dataset.shown === 'a-1'), { what: 'the article shown' });
  const outlined = await inViewer(page, (root) => getComputedStyle(root.getElementById('a-1')).outlineStyle);
  assert.equal(outlined, 'solid');
  // …and in the source, the article's heading (with its paragraph in the Word file).
  assert.equal(await page.locator('#panel-source').isVisible(), true);
  const heading = await page.locator('#source').evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.match(heading, /^## 【示例】省人大代表视察代表联络站/);
  assert.match(await page.locator('#source-place').textContent(), /原文第 \d+ 行（第 \d+ 段）/);
  await page.locator('#tab-problems').click();
  // The preview shows the file's pictures (served to it by the page's service worker).
  await poll(() => inViewer(page, (root) => [...root.querySelectorAll('img')].filter((i) => i.complete && i.naturalWidth > 0).length === 2), { what: 'both pictures drawn in the preview' });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-tablet-problem.png') });

  // The description written into the source: the problem goes, and the JSON is the CLI's
  // for the Word file with that one value given.
  await page.locator('#tab-source').click();
  const source = await page.locator('#source').inputValue();
  assert.match(source, /!\[\]\(image-2\.png\)/);
  await page.locator('#source').fill(source.replace('![](image-2.png)', '![会场照片](image-2.png)'));
  await poll(async () => (await page.locator('#problem-count').textContent()) === '0', { what: 'the problem to go' });
  await poll(async () => !(await page.locator('#download-json').isDisabled()));
  const json = await downloaded(page, '#download-json');
  assert.equal(json.name, 'lianluo-dongtai-2024-19.json');
  const want = JSON.parse(cli(['convert', IMAGE_DOCX], path.join(tmp, 'lianluo-dongtai-2024-19.json')));
  want.articles[0].blocks[3].alt = '会场照片';
  assert.deepEqual(JSON.parse(json.text), want);
  // Its pictures, named as the CLI names them, to put beside it.
  assert.equal(await page.locator('#images li').count(), 2);
  const picture = await downloaded(page, '#images li:first-child button');
  assert.equal(picture.name, 'lianluo-dongtai-2024-19-image-1.png');
  assert.ok(picture.bytes.equals(fs.readFileSync(path.join(tmp, 'lianluo-dongtai-2024-19-image-1.png'))), 'the picture the CLI writes');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-tablet.png') });
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a PDF: repairs point at its pages, the JSON is the CLI’s', async () => {
  const { context, page, errors } = await openEditor();
  await putIn(page, SEED_PDF);
  await waitForIssue(page, '第18期');
  await page.locator('#tab-repairs').click();
  const first = await page.locator('.ed-repair .ed-where').first().textContent();
  assert.match(first, /原文第 \d+ 行 · 第 1 页第 \d+ 行/);
  const json = await downloaded(page, '#download-json');
  assert.equal(json.text, cli(['convert', SEED_PDF], path.join(tmp, 'from-pdf.json')));
  // The same issue as from the text and the Word file, by every route.
  assert.equal(json.text, fs.readFileSync(path.join(ROOT, 'www/issues/lianluo-dongtai-2024-18.json'), 'utf8'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a line the converter cannot place names its line; clicked, it shows that line in the source', async () => {
  const { context, page, errors } = await openEditor();
  await putIn(page, SEED_DOCX);
  await waitForIssue(page, '第18期');
  await page.locator('#tab-source').click();
  const lines = (await page.locator('#source').inputValue()).split('\n');
  const at = lines.findIndex((l) => l.includes('2024 年 11 月 4 日') || l.includes('2024年11月4日'));
  assert.ok(at > 0, 'the date line');
  lines.splice(at + 1, 0, '请于本周五前反馈意见');
  await page.locator('#source').fill(lines.join('\n'));
  await poll(async () => (await page.locator('#problem-count').textContent()) === '1', { what: 'the problem listed' });
  assert.equal(await page.locator('#why').textContent(), '还有 1 个问题，改正后才能下载（见“问题”）。');
  // The preview shows the issue as it now converts (the draft).
  assert.equal(await inViewer(page, (root) => root.querySelector('.bv-number').textContent.replace(/\s/g, '')), '第18期');
  await page.locator('#tab-problems').click();
  const problem = page.locator('.ed-problem').first();
  assert.match(await problem.textContent(), new RegExp(`原文第 ${at + 2} 行.*报头中的“请于本周五前反馈意见”不是期号、总期号、编印单位或日期，未收入`));
  await problem.click();
  const selected = await page.locator('#source').evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, '请于本周五前反馈意见');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a text without its issue-number line: the draft in the preview, the problem in Chinese, a click to the field, the number typed enables the downloads', async () => {
  const { context, page, errors } = await openEditor();
  await page.locator('#paste').click();
  const text = fs.readFileSync(SEED_TXT, 'utf8').split('\n').filter((l) => !/^第 18 期/.test(l)).join('\n');
  await page.locator('#source').fill(text);
  // The preview shows the draft, its empty part said as such.
  await poll(async () => /期号未填/.test(await inViewer(page, (root) => root?.querySelector('.bv-masthead')?.textContent ?? '')), { what: 'the draft in the preview' });
  assert.match(await previewText(page), /全省基层人大工作推进会召开/);
  assert.equal(await page.locator('#problem-count').textContent(), '1');
  assert.equal(await page.locator('#download-json').isDisabled(), true);
  await page.locator('#tab-problems').click();
  const problem = page.locator('.ed-problem').first();
  const said = await problem.textContent();
  assert.match(said, /报头没有期号（第 N 期），请补上/);
  // No English sentence anywhere on the Chinese page.
  const body = await page.evaluate(() => document.body.innerText);
  assert.equal(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.test(body.replace(/Word|PDF|JSON|feed\.json|README/g, '')), false, body);
  await problem.click();
  const field = page.locator('[data-path="masthead.issue"]');
  assert.equal(await field.evaluate((e) => e === document.activeElement), true, 'the issue-number field has the focus');
  await page.keyboard.type('第 18 期');
  await poll(async () => !(await page.locator('#download-json').isDisabled()), { what: 'the downloads enabled' });
  assert.equal(await page.locator('#problem-count').textContent(), '0');
  await waitForIssue(page, '第18期');
  const json = await downloaded(page, '#download-json');
  assert.equal(json.text, fs.readFileSync(path.join(ROOT, 'www/issues/lianluo-dongtai-2024-18.json'), 'utf8'));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-draft-1366.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('pasted text converts as it is typed, named by its year and number', async () => {
  const { context, page, errors } = await openEditor();
  await page.locator('#paste').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'source');
  await page.locator('#source').fill(fs.readFileSync(SEED_TXT, 'utf8'));
  await waitForIssue(page, '第18期');
  assert.equal(await page.locator('#file-status').textContent(), '使用粘贴的文本。');
  assert.equal(await page.locator('#name').inputValue(), '2024-18');
  const json = await downloaded(page, '#download-json');
  assert.equal(json.name, '2024-18.json');
  assert.equal(json.text, fs.readFileSync(path.join(ROOT, 'www/issues/lianluo-dongtai-2024-18.json'), 'utf8'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file that is not a bulletin is refused, in the editor’s language, with its place', async () => {
  const { context, page, errors } = await openEditor();
  // After a bulletin: the new file's message, and no longer the old issue.
  await putIn(page, SEED_TXT);
  await waitForIssue(page, '第18期');
  await putIn(page, NOT_BULLETIN);
  const failure = page.locator('#failure');
  await failure.waitFor();
  const said = await failure.textContent();
  assert.match(said, /tongzhi\.docx 不能转换/);
  // The CLI: FILE: paragraph N: MESSAGE (English); the page: 第 N 段: the same in Chinese.
  const place = cliError(NOT_BULLETIN).trim().split(': ')[1];
  assert.equal(place, 'paragraph 1');
  assert.match(said, /第 1 段: 不是简报：标题下没有报头（期号、日期或编印单位），也没有文章标题/);
  assert.equal(await page.locator('#preview').isHidden(), true);
  assert.equal(await page.locator('#download-json').isDisabled(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only, in English, axe-clean', async () => {
  const { context, page, errors } = await openEditor(LAPTOP, '?lang=en');
  assert.equal(await page.locator('h1').textContent(), 'Editor');
  await putIn(page, SEED_TXT);
  await waitForIssue(page, '第18期');
  assert.equal(await page.locator('#preview').getAttribute('lang'), 'en');
  // The tabs: arrows move between them.
  await page.locator('#tab-fields').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-source');
  assert.equal(await page.locator('#panel-source').isVisible(), true);
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-problems');
  await page.keyboard.press('Home');
  // Tab into the form and fix a field by typing.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-masthead_title');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('第 20 期');
  await waitForIssue(page, '第20期');
  for (const tab of ['#tab-fields', '#tab-source', '#tab-repairs', '#tab-problems']) {
    await page.locator(tab).click();
    // axe-core run as DevTools evaluates (a script tag would break the page's policy).
    if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(fs.readFileSync(AXE, 'utf8'));
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      });
      return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    assert.deepEqual(violations, [], tab);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('offline once loaded: with the server gone, the page reloads and converts', async () => {
  // A server of its own, closed halfway.
  const own = await serveDist({ headers: (p) => (p.startsWith('/editor/') ? { 'content-security-policy': POLICY } : {}) });
  const { context, page } = await openPage(browser, LAPTOP);
  await page.goto(`${own.url}editor/index.html`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { what: 'the service worker to take the page' });
  await putIn(page, SEED_TXT);
  await waitForIssue(page, '第18期');
  own.server.closeAllConnections();
  await new Promise((resolve) => own.server.close(resolve));
  await page.reload();
  await page.locator('#restored').waitFor();
  await waitForIssue(page, '第18期');
  await putIn(page, SEED_PDF);
  await page.locator('#file-status').filter({ hasText: 'PDF' }).waitFor();
  // Converted, offline: its repairs point at the PDF's pages.
  await poll(async () => /第 1 页/.test(await page.locator('.ed-repair .ed-where').first().textContent()), { what: 'the PDF converted' });
  assert.equal(await page.locator('#why').textContent(), '可以下载。');
  await context.close();
});
