// Every network and data fault, table-driven, against the release build over HTTP: the
// message a reader sees, a retry button, and a page that stays responsive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withDist, serveDist, openPage, SCREENSHOTS, ROOT } from './browser.mjs';

const seedText = fs.readFileSync(path.join(ROOT, 'www/issues/lianluo-dongtai-2024-18.json'), 'utf8');
const seed = JSON.parse(seedText);
const edit = (f) => { const i = structuredClone(seed); f(i); return JSON.stringify(i, null, 2); };

let browser;
let server;
let other; // another origin, without CORS headers
let base;
let flaky = 0;

withDist({
  routes: {
    '/f/404.json': { status: 404, type: 'text/plain', body: 'not found' },
    '/f/503.json': { status: 503, type: 'text/plain', body: 'busy' },
    '/f/403.json': { status: 403, type: 'text/plain', body: 'no' },
    '/f/slow.json': { body: seedText, delay: 3000 },
    '/f/truncated.json': { body: seedText.slice(0, 4000) },
    '/f/png.json': { type: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
    '/f/html.json': { type: 'text/html; charset=utf-8', body: '<!doctype html><title>出错了</title><h1>502 Bad Gateway</h1>' },
    '/f/loop.json': (req, res) => { res.writeHead(302, { location: '/f/loop.json' }); res.end(); },
    '/f/endless.json': (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"schema_version": 1, "padding": "');
      const timer = setInterval(() => res.write('x'.repeat(16384)), 5);
      const stop = () => clearInterval(timer);
      req.on('close', stop);
      setTimeout(() => { stop(); res.end(); }, 20000);
    },
    '/f/flaky.json': (req, res) => {
      flaky += 1;
      if (flaky % 2 === 1) { res.writeHead(500); res.end('first time fails'); return; }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(seedText);
    },
    '/f/syntax.json': { body: '{\n  "schema_version": 1,\n  "masthead": {\n    "title": "联络动态",,\n' },
    '/f/types.json': { body: edit((i) => { i.masthead.issue.number = '十八'; }) },
    '/f/missing.json': { body: edit((i) => { delete i.masthead.date; }) },
    '/f/version.json': { body: edit((i) => { i.schema_version = 3; }) },
    '/f/dangling.json': { body: edit((i) => { i.contents[1].article = 'a-9'; }) },
    '/f/duplicate.json': { body: edit((i) => { i.articles[1].id = 'a-1'; }) },
    '/f/empty.json': { body: edit((i) => { i.articles = []; i.contents = []; }) },
    '/f/bad-article.json': { body: edit((i) => { i.articles[0].blocks[1] = { type: 'paragraph', text: 42 }; }) },
    '/f/blank.json': { body: '' },
    '/f/bom.json': { body: `\ufeff${seedText}` },
  },
}, (d) => ({ browser, server, url: base } = d));

// The other origin: the same build on another port, without routes or CORS headers.
before(async () => { other = await serveDist(); });
after(() => other?.server.close());

/** Shows `src` in a viewer with `attrs`; resolves to the page once it has settled. */
async function show(src, attrs = 'retries="0"', viewport = { width: 800, height: 900 }) {
  const opened = await openPage(browser, viewport);
  await opened.page.route('**/f/refused.json', (r) => r.abort('connectionrefused'));
  const html = `<!doctype html><meta charset="utf-8"><link rel="icon" href="/favicon.svg"><bulletin-viewer src="${src}" ${attrs}></bulletin-viewer><script src="/bulletin-viewer.js"></script>`;
  await opened.page.route('**/fault-page.html', (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await opened.page.goto(new URL('/fault-page.html', base).href);
  return opened;
}

async function responsive(p) {
  const ok = await Promise.race([
    p.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(true)))),
    new Promise((r) => setTimeout(() => r(false), 2000)),
  ]);
  assert.ok(ok, 'the page still paints');
}

const NETWORK = [
  ['404', '/f/404.json', '', /服务器上找不到这期简报.*HTTP 404/s],
  ['403', '/f/403.json', '', /服务器拒绝提供这期简报.*HTTP 403/s],
  ['5xx', '/f/503.json', '', /服务器出错.*HTTP 503/s],
  ['timeout', '/f/slow.json', 'timeout="1"', /服务器在 1 秒内没有送达这期简报/],
  ['connection refused', '/f/refused.json', '', /无法连接到服务器/],
  ['CORS rejection', 'OTHER/issues/lianluo-dongtai-2024-18.json', '', /无法连接到服务器.*跨域/s],
  ['redirect loop', '/f/loop.json', '', /无法连接到服务器/],
  ['truncated body', '/f/truncated.json', '', /简报数据不完整.*数据在此处意外结束（可能下载不完整）（第 \d+ 行第 \d+ 个字符）/s],
  ['wrong content type', '/f/png.json', '', /数据有误.*Content-Type: image\/png/s],
  ['an HTML error page', '/f/html.json', '', /送来的是一个网页.*Content-Type: text\/html/s],
  ['over the size cap', '/issues/lianluo-dongtai-2024-18.json', 'max-bytes="5000"', /简报数据超过 0.005 MB，已停止下载/],
  ['an endless answer', '/f/endless.json', 'max-bytes="300000"', /简报数据超过 0.3 MB，已停止下载/],
  ['an empty answer', '/f/blank.json', '', /服务器送来的内容是空的/],
  ['invalid JSON', '/f/syntax.json', '', /数据有误.*对象的键必须是带引号的字符串（第 4 行第 21 个字符）/s],
  ['a wrong type in the masthead', '/f/types.json', '', /数据有误.*masthead\.issue\.number：类型不对：应为整数，实为字符串 "十八"（第 7 行第 20 个字符）/s],
  ['a missing required field', '/f/missing.json', '', /数据有误.*masthead：缺少字段 `date`/s],
  ['an unknown schema_version', '/f/version.json', '', /schema_version：不支持第 3 版格式；本阅读器读取第 1 版/],
];

for (const [name, src, attrs, expected] of NETWORK) {
  test(`fault: ${name}`, async () => {
    const url = src.replace('OTHER', other.url.replace(/\/$/, ''));
    const { page: p, context } = await show(url, `retries="0" ${attrs}`);
    const alert = p.locator('bulletin-viewer [role=alert]');
    await alert.waitFor({ timeout: 10000 });
    const text = await alert.textContent();
    assert.match(text, expected);
    assert.match(text, /^简报无法显示/);
    assert.equal(await alert.locator('button').textContent(), '重试');
    await responsive(p);
    if (name === 'timeout') await p.screenshot({ path: path.join(SCREENSHOTS, 'fault-timeout.png') });
    await context.close();
  });
}

const DATA = [
  ['contents pointing at a missing article', '/f/dangling.json', ['contents[1].article：没有编号为 "a-9" 的文章'], 2],
  ['duplicate article ids', '/f/duplicate.json', ['articles[1].id："a-1" 已被前面的文章使用'], 2],
  ['an empty issue', '/f/empty.json', ['articles：一期简报至少要有一篇文章'], 0],
  ['a faulty article among good ones', '/f/bad-article.json', ['articles[0].blocks[1].text：类型不对：应为字符串，实为整数 `42`', '这篇文章未显示'], 1],
];

for (const [name, src, messages, articles] of DATA) {
  test(`data problem: ${name} — named by path, the rest shown`, async () => {
    const { page: p, errors, context } = await show(src);
    const notice = p.locator('bulletin-viewer .bv-problems');
    await notice.waitFor();
    const text = await notice.textContent();
    for (const m of messages) assert.ok(text.includes(m), `${m} in: ${text}`);
    assert.equal(await p.locator('bulletin-viewer h1').textContent(), '联络动态');
    assert.equal(await p.locator('bulletin-viewer article').count(), articles);
    await responsive(p);
    if (name.startsWith('a faulty')) {
      // Its 要目 entry stays, as text, not as a link that leads nowhere.
      assert.equal(await p.locator('bulletin-viewer nav.bv-contents li.bv-unavailable').textContent(), '全省基层人大工作推进会召开沈晓明作出批示（无法显示）');
      assert.equal(await p.locator('bulletin-viewer nav.bv-contents a').count(), 1);
      await p.screenshot({ path: path.join(SCREENSHOTS, 'fault-article.png') });
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('issue JSON saved with a byte-order mark reads', async () => {
  const { page: p, errors, context } = await show('/f/bom.json');
  await p.locator('bulletin-viewer footer').waitFor();
  assert.equal(await p.locator('bulletin-viewer .bv-problems').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('transient faults are retried by themselves, with a word while waiting', async () => {
  flaky = 0;
  const { page: p, context } = await show('/f/flaky.json', '');
  const retrying = p.locator('bulletin-viewer .bv-retrying');
  await retrying.waitFor();
  assert.equal(await retrying.textContent(), '正在重试（第 1 次，共 3 次）…');
  await p.locator('bulletin-viewer footer').waitFor({ timeout: 5000 });
  assert.equal(flaky, 2);
  await context.close();
});

test('the retry button loads again', async () => {
  flaky = 0;
  const { page: p, context } = await show('/f/flaky.json', 'retries="0"');
  await p.locator('bulletin-viewer [role=alert] button').click();
  await p.locator('bulletin-viewer footer').waitFor();
  await context.close();
});

test('the English interface says the same', async () => {
  const { page: p, context } = await show('/f/404.json', 'retries="0" lang="en"');
  const alert = p.locator('bulletin-viewer [role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /^The bulletin cannot be shown.*This issue is not on the server.*HTTP 404.*Retry$/s);
  await context.close();
  // Data faults keep the reader's own words in English.
  const en = await show('/f/types.json', 'retries="0" lang="en"');
  const said = en.page.locator('bulletin-viewer [role=alert]');
  await said.waitFor();
  assert.match(await said.textContent(), /masthead\.issue\.number: invalid type: string "十八", expected u32 \(line 7, character 20\)/);
  await en.context.close();
});

test('requests carry no cookies across origins unless asked', async () => {
  const seen = [];
  const { page: p, context } = await openPage(browser, { width: 800, height: 600 });
  await p.route(`${other.url}**`, (r) => { seen.push(r.request().headers().cookie ?? ''); r.fulfill({ body: seedText, contentType: 'application/json', headers: { 'access-control-allow-origin': base.replace(/\/$/, ''), 'access-control-allow-credentials': 'true' } }); });
  await context.addCookies([{ name: 'session', value: 'secret', url: other.url }]);
  const page = (attrs) => `<!doctype html><meta charset="utf-8"><link rel="icon" href="/favicon.svg"><bulletin-viewer src="${other.url}issues/x.json" ${attrs}></bulletin-viewer><script src="/bulletin-viewer.js"></script>`;
  await p.route('**/cookie-*.html', (r) => r.fulfill({ contentType: 'text/html', body: page(r.request().url().includes('include') ? 'credentials="include"' : '') }));
  await p.goto(new URL('/cookie-default.html', base).href);
  await p.locator('bulletin-viewer footer').waitFor();
  await p.goto(new URL('/cookie-include.html', base).href);
  await p.locator('bulletin-viewer footer').waitFor();
  assert.deepEqual(seen, ['', 'session=secret']);
  await context.close();
});
