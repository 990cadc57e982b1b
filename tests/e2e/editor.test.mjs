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
import { PNG } from 'pngjs';
import { withDist, openPage, recordErrors, serveDist, inViewer, waitForIssue, poll, SCREENSHOTS, ROOT, DIST } from './browser.mjs';
import { zipEntries, replaceInZip } from './zip.mjs';

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
const PHONE = { width: 375, height: 812 };
// The stand-in worker whose files starting with HANG never finish (editor-hang-worker.js).
const HANG_WORKER = path.join(ROOT, 'tests/e2e/editor-hang-worker.js');

// The page's own policy (its meta element), sent as a header too, as a portal would.
const POLICY = fs.readFileSync(path.join(DIST, 'editor/index.html'), 'utf8').match(/Content-Security-Policy" content="([^"]+)"/)[1];
const policyHeaders = (p) => (p.startsWith('/editor/') ? { 'content-security-policy': POLICY } : {});

let browser;
let base;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulletin-editor-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

withDist(async () => {
  if (!fs.existsSync(BULLETIN)) throw new Error('target/debug/bulletin is missing: run the native tests first');
  return { headers: policyHeaders };
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

async function openEditor(viewport = LAPTOP, query = '', site = base) {
  const opened = await openPage(browser, viewport);
  await opened.page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await opened.page.goto(`${site}editor/index.html${query}`);
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
  const own = await serveDist({ headers: policyHeaders });
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

/** A file whose reading never ends with the stand-in worker: its bytes begin with HANG. */
async function putInEndless(page, name) {
  const transfer = await page.evaluateHandle((name) => {
    const dt = new DataTransfer();
    dt.items.add(new File(['HANG %PDF-1.7 a conversion that never finishes'], name, { type: 'application/pdf' }));
    return dt;
  }, name);
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: transfer });
}

/** Resolves when `worker` has been terminated; fails after `timeout` ms. */
function closing(worker, what, timeout = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeout);
    worker.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

test('a file that never finishes: stopped at the time limit, the worker started afresh, the next file opens; 取消 and a new file stop one at once', async () => {
  // The real page and worker, but for a stand-in in front of the worker (the real one at
  // worker-real.js): the page's time limit, 取消 and restart are what is tested.
  const own = await serveDist({
    headers: policyHeaders,
    routes: {
      '/editor/worker.js': { type: 'text/javascript; charset=utf-8', body: fs.readFileSync(HANG_WORKER) },
      '/editor/worker-real.js': { type: 'text/javascript; charset=utf-8', body: fs.readFileSync(path.join(DIST, 'editor/worker.js')) },
    },
  });
  const { context, page, errors } = await openEditor(LAPTOP, '', own.url);
  assert.equal(await page.evaluate(() => document.body.dataset.timeLimit), '30', 'the page’s own limit, in seconds');
  // Work of its own first: kept through what follows.
  await putIn(page, SEED_TXT);
  await waitForIssue(page, '第18期');

  // The limit shortened for the test, as a portal may set its own.
  await page.evaluate(() => { document.body.dataset.timeLimit = '2'; });
  const [hung] = page.workers();
  const stopped = closing(hung, 'the busy worker to be terminated');
  const started = Date.now();
  await putInEndless(page, '无尽.pdf');
  await page.locator('#cancel').waitFor();
  assert.equal(await page.locator('#file-status').textContent(), '正在读取 无尽.pdf…');
  const failure = page.locator('#failure');
  await failure.filter({ hasText: '未能读取 无尽.pdf' }).waitFor({ timeout: 15000 });
  const took = Date.now() - started;
  assert.ok(took >= 1900 && took < 12000, `stopped after ${took} ms (limit 2 s)`);
  assert.match(await failure.textContent(), /读取超过 2 秒仍未完成，已停止。这个文件可能已损坏或过于复杂/);
  assert.equal(await page.locator('#cancel').isHidden(), true);
  // The status line says what is edited still: the file of before.
  assert.equal(await page.locator('#file-status').textContent(), '已读入 lianluo-dongtai-2024-18.txt（文本）。');
  // The worker that was busy is gone; one fresh worker in its place.
  await stopped;
  await poll(() => page.workers().length === 1 && page.workers()[0] !== hung, { what: 'a fresh worker' });
  // The work of before stays, in the preview and the form.
  assert.equal(await page.getByLabel('期号', { exact: true }).inputValue(), '第18期');
  await waitForIssue(page, '第18期');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-timeout-1366.png') });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-timeout-375.png') });
  await page.setViewportSize(LAPTOP);

  // The page's own limit back: a real file, a PDF, reads in the fresh worker.
  await page.evaluate(() => { document.body.dataset.timeLimit = '30'; });
  await putIn(page, SEED_PDF);
  await page.locator('#file-status').filter({ hasText: 'lianluo-dongtai-2024-18.pdf（PDF）' }).waitFor();
  assert.equal(await failure.isHidden(), true);
  await page.locator('#tab-repairs').click();
  assert.match(await page.locator('.ed-repair .ed-where').first().textContent(), /第 1 页/);
  assert.equal(await page.locator('#why').textContent(), '可以下载。');

  // 取消: stops the reading at once, long before the limit.
  const [busy] = page.workers();
  const cancelled = closing(busy, 'the worker stopped by 取消');
  await putInEndless(page, '无尽.pdf');
  const cancel = page.locator('#cancel');
  await cancel.waitFor();
  assert.equal(await cancel.textContent(), '取消');
  assert.equal(await cancel.getAttribute('aria-describedby'), 'file-status');
  await cancel.focus();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-reading-1366.png') });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-reading-375.png') });
  await page.setViewportSize(LAPTOP);
  const pressed = Date.now();
  await page.keyboard.press('Enter');
  await failure.filter({ hasText: '未能读取 无尽.pdf' }).waitFor();
  assert.ok(Date.now() - pressed < 5000, `cancelled after ${Date.now() - pressed} ms`);
  assert.match(await failure.textContent(), /已取消读取。/);
  assert.doesNotMatch(await failure.textContent(), /超过/);
  assert.equal(await cancel.isHidden(), true);
  // The focus, on 取消 as it went, is on the file button.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'file');
  await cancelled;

  // A file put in while another is read replaces it: the Word file opens, nothing is said
  // of the one replaced.
  const [third] = page.workers();
  const replaced = closing(third, 'the worker stopped by the next file');
  await putInEndless(page, '无尽.pdf');
  await cancel.waitFor();
  await putIn(page, SEED_DOCX, { drop: true });
  await page.locator('#file-status').filter({ hasText: 'lianluo-dongtai-2024-18.docx（Word 文档）' }).waitFor();
  await replaced;
  assert.equal(await failure.isHidden(), true);
  assert.equal(await cancel.isHidden(), true);
  await waitForIssue(page, '第18期');
  assert.equal(await page.locator('#why').textContent(), '可以下载。');

  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
  own.server.closeAllConnections();
  own.server.close();
});

/** A PNG of one colour, `width`×`height`. */
function png(width, height, [r, g, b]) {
  const image = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) image.data.set([r, g, b, 255], i * 4);
  return PNG.sync.write(image);
}

/** The pictures the preview draws, each as {w, h, bytes} (bytes: base64 of what its URL
 *  serves), sorted by their bytes; null until every one is drawn. */
function previewPictures(page, count) {
  return inViewer(page, async (root, count) => {
    const imgs = [...(root?.querySelectorAll('img') ?? [])];
    if (imgs.length !== count || !imgs.every((i) => i.complete && i.naturalWidth > 0)) return null;
    const drawn = await Promise.all(imgs.map(async (i) => {
      const bytes = new Uint8Array(await (await fetch(i.src)).arrayBuffer());
      return { w: i.naturalWidth, h: i.naturalHeight, bytes: btoa(String.fromCharCode(...bytes)) };
    }));
    return drawn.sort((a, b) => (a.bytes < b.bytes ? -1 : 1));
  }, count);
}

/** Waits (10 s at most: the preview may still show the file of before, the same issue) for
 *  the preview to draw these pictures, and fails with what it draws if it does not. */
async function showsPictures(page, expected) {
  let drawn = null;
  try {
    await poll(async () => {
      drawn = await previewPictures(page, expected.length);
      return JSON.stringify(drawn) === JSON.stringify(expected);
    }, { timeout: 10000 });
  } catch {
    // Said below, with what was drawn.
  }
  assert.deepEqual(drawn, expected);
}

/** What `previewPictures` should give for these PNG files. */
const expectedPictures = (pngs) => pngs
  .map((b) => ({ w: b.readUInt32BE(16), h: b.readUInt32BE(20), bytes: b.toString('base64') }))
  .sort((a, b) => (a.bytes < b.bytes ? -1 : 1));

const docsKept = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('bulletin-editor:doc:')).sort());
const tabDoc = (page) => page.evaluate(() => sessionStorage.getItem('bulletin-editor:tab'));

test('two tabs: each keeps its own work and pictures across a reload; a closed tab’s work is offered to a new one; a duplicated tab goes on with a copy', async () => {
  // Tab A has the Word file with pictures; tab B the same file with other pictures under the
  // same names (image1.png, image2.png).
  const media = zipEntries(fs.readFileSync(IMAGE_DOCX)).filter((e) => e.name.startsWith('word/media/'));
  assert.equal(media.length, 2);
  const ours = expectedPictures(media.map((e) => e.bytes));
  const theirsPng = [png(64, 40, [0, 90, 200]), png(30, 50, [0, 160, 60])];
  const theirs = expectedPictures(theirsPng);
  const otherDocx = path.join(tmp, 'lianluo-dongtai-2024-19-b.docx');
  fs.writeFileSync(otherDocx, replaceInZip(fs.readFileSync(IMAGE_DOCX), { 'word/media/image1.png': theirsPng[0], 'word/media/image2.png': theirsPng[1] }));

  const context = await browser.newContext({ viewport: LAPTOP, deviceScaleFactor: 1 });
  const open = async () => {
    const page = await context.newPage();
    const errors = recordErrors(page);
    await page.goto(`${base}editor/index.html`);
    return { page, errors };
  };
  const { page: a, errors: aErrors } = await open();
  await putIn(a, IMAGE_DOCX);
  await waitForIssue(a, '第19期');
  const { page: b, errors: bErrors } = await open();
  // B had A's file first: a file put in after it shows its own pictures, not the first's.
  await putIn(b, IMAGE_DOCX);
  await waitForIssue(b, '第19期');
  await showsPictures(b, ours);
  await putIn(b, otherDocx);
  await b.locator('#file-status').filter({ hasText: 'lianluo-dongtai-2024-19-b.docx' }).waitFor();
  await waitForIssue(b, '第19期');
  await showsPictures(b, theirs);
  // Each edits.
  await a.getByLabel('期号', { exact: true }).fill('第 20 期');
  await waitForIssue(a, '第20期');
  await b.getByLabel('期号', { exact: true }).fill('第 21 期');
  await waitForIssue(b, '第21期');
  assert.notEqual(await tabDoc(a), await tabDoc(b));
  assert.equal((await docsKept(a)).length, 2);

  // A reloaded: A's work, A's pictures — not B's, which came later under the same names.
  await a.reload();
  await a.locator('#restored').filter({ hasText: '已恢复上次未完成的工作' }).waitFor();
  await waitForIssue(a, '第20期');
  assert.equal(await a.getByLabel('期号', { exact: true }).inputValue(), '第 20 期');
  assert.match(await a.locator('#file-status').textContent(), /已读入 lianluo-dongtai-2024-19\.docx（Word 文档）/);
  await showsPictures(a, ours);
  assert.equal(await a.locator('#offer').isHidden(), true, 'nothing offered to a tab with its own work');
  // B reloaded: B's.
  await b.reload();
  await waitForIssue(b, '第21期');
  assert.match(await b.locator('#file-status').textContent(), /lianluo-dongtai-2024-19-b\.docx/);
  await showsPictures(b, theirs);
  // Still one document per tab (a reload keeps its own, it does not copy it).
  assert.equal((await docsKept(a)).length, 2);

  // B closed: a new tab offers B's work (not A's: A is open), and restores it with its pictures.
  const bDoc = await tabDoc(b);
  await b.close();
  const { page: c, errors: cErrors } = await open();
  const offer = c.locator('#offer');
  await offer.waitFor();
  await c.screenshot({ path: path.join(SCREENSHOTS, 'editor-offer-1366.png') });
  assert.match(await c.locator('#offer-text').textContent(), /^有一份未完成的工作，没有在其他标签页中打开：lianluo-dongtai-2024-19-b\.docx（最后修改于 .+）。$/);
  await c.locator('#offer-restore').click();
  await waitForIssue(c, '第21期');
  assert.equal(await offer.isHidden(), true);
  assert.equal(await c.locator('#restored').isVisible(), true);
  assert.equal(await tabDoc(c), bDoc, 'the closed tab’s document is the new tab’s');
  await showsPictures(c, theirs);
  assert.equal((await docsKept(a)).length, 2);

  // A tab duplicated from A (the browser copies its sessionStorage: the same document id)
  // shows a copy of A's work and goes on under a document of its own.
  const aDoc = await tabDoc(a);
  const d = await context.newPage();
  const dErrors = recordErrors(d);
  await d.addInitScript((id) => {
    if (!sessionStorage.getItem('bulletin-editor:tab')) sessionStorage.setItem('bulletin-editor:tab', id);
  }, aDoc);
  await d.goto(`${base}editor/index.html`);
  await waitForIssue(d, '第20期');
  await poll(async () => (await tabDoc(d)) !== aDoc, { what: 'the duplicated tab to take a document of its own' });
  await showsPictures(d, ours);
  await d.getByLabel('期号', { exact: true }).fill('第 22 期');
  await waitForIssue(d, '第22期');
  assert.equal((await docsKept(a)).length, 3);
  await a.reload();
  await waitForIssue(a, '第20期');
  await d.reload();
  await waitForIssue(d, '第22期');
  await showsPictures(d, ours);

  // A starts again: its work and pictures go, no other tab's.
  a.once('dialog', (dialog) => dialog.accept());
  await a.locator('#restart').click();
  await a.locator('#preview-empty').waitFor();
  assert.equal((await docsKept(a)).length, 2);
  await c.reload();
  await waitForIssue(c, '第21期');
  await showsPictures(c, theirs);
  await d.reload();
  await waitForIssue(d, '第22期');
  await showsPictures(d, ours);
  await c.screenshot({ path: path.join(SCREENSHOTS, 'editor-restored-1366.png') });

  assert.deepEqual({ a: aErrors, b: bErrors, c: cErrors, d: dErrors }, { a: [], b: [], c: [], d: [] });
  await context.close();
});

test('the work an earlier version kept for every tab is offered once, its pictures moved; 丢弃 removes it', async () => {
  const { context, page, errors } = await openPage(browser, LAPTOP);
  // What earlier versions wrote: one slot, and pictures straight under pictures/ — written
  // from another page of the site (the demo), before the editor is opened.
  const text = fs.readFileSync(SEED_TXT, 'utf8');
  await page.goto(`${base}index.html`);
  // The demo's own requests done first: leaving while one is under way would abort it (a
  // failed request, on a loaded machine).
  await page.waitForLoadState('networkidle');
  await page.evaluate(async (text) => {
    localStorage.setItem('bulletin-editor', JSON.stringify({
      v: 1, lang: 'zh-CN', text, original: text, places: [], fixes: {}, fileName: '旧的.txt', format: 'text',
      encoding: null, name: '旧的', nameEdited: false, feed: null, feedName: '', imageNames: [],
    }));
    const cache = await caches.open('bulletin-editor-pictures');
    await cache.put(new URL('editor/pictures/image-1.png', location.href).href, new Response('old picture'));
  }, text);
  await page.goto(`${base}editor/index.html`);
  await page.locator('#offer').waitFor();
  assert.match(await page.locator('#offer-text').textContent(), /：旧的\.txt（最后修改于/);
  const kept = await page.evaluate(async () => ({
    legacy: localStorage.getItem('bulletin-editor'),
    docs: Object.keys(localStorage).filter((k) => k.startsWith('bulletin-editor:doc:')),
    pictures: (await (await caches.open('bulletin-editor-pictures')).keys()).map((r) => new URL(r.url).pathname),
  }));
  assert.equal(kept.legacy, null, 'the old slot is gone');
  assert.equal(kept.docs.length, 1);
  const id = kept.docs[0].slice('bulletin-editor:doc:'.length);
  assert.deepEqual(kept.pictures, [`/editor/pictures/${id}/image-1.png`]);
  // Not offered again to another new tab once this one has it.
  await page.locator('#offer-restore').click();
  await waitForIssue(page, '第18期');
  assert.equal(await page.locator('#file-status').textContent(), '已读入 旧的.txt（文本）。');
  const other = await context.newPage();
  await other.goto(`${base}editor/index.html`);
  await other.locator('#drop').waitFor();
  await other.waitForTimeout(500);
  assert.equal(await other.locator('#offer').isHidden(), true);
  // Closed, it is offered again; 丢弃 (confirmed) removes it and its pictures.
  assert.deepEqual(errors, []);
  await page.close();
  await other.reload();
  await other.locator('#offer').waitFor();
  other.once('dialog', (d) => d.accept());
  await other.locator('#offer-discard').click();
  await other.locator('#offer').waitFor({ state: 'hidden' });
  const left = await other.evaluate(async () => ({
    docs: Object.keys(localStorage).filter((k) => k.startsWith('bulletin-editor:doc:')),
    pictures: (await (await caches.open('bulletin-editor-pictures')).keys()).length,
  }));
  assert.deepEqual(left, { docs: [], pictures: 0 });
  await context.close();
});
