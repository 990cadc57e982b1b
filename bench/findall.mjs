// 往期检索's benchmark: an archive of 1,000 generated issues (bench/archive.mjs), its feed
// and index built by `bulletin feed` (and 10,000 for the scaling), then queries in Chromium
// on the slow-4G phone profile and on desktop with a warm cache. Prints a markdown table and
// writes it into docs/performance.md between the `findall` markers. Needs a release build
// (scripts/build) and builds the release CLI.
//
//   node bench/findall.mjs          (RUNS=5 for more runs; the default is 3)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/e2e/browser.mjs';
import { serve } from '../scripts/serve.mjs';
import { makeArchive, RARE } from './archive.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, 'target/bench-findall');
const RUNS = Number(process.env.RUNS || 3);
const QUERIES = [['2 characters', '代表'], ['4 characters', '基层治理'], ['rare 6-character phrase', RARE]];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const kb = (n) => (n / 1024).toFixed(1);
const ms = (n) => (n == null ? '—' : `${Math.round(n)}`);
// The viewer's pause after a keystroke (src/viewer/hooks/archive.rs, DEBOUNCE_MS): times are
// given from its end, when the query is sent.
const PAUSE = 250;
const SLOW4G = { latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };

function cli() {
  execFileSync('cargo', ['build', '--quiet', '--release', '--features', 'cli', '--bin', 'bulletin'], { cwd: ROOT, stdio: 'inherit' });
  return path.join(ROOT, 'target/release/bulletin');
}

/** Seconds `bulletin feed` takes for the folder, median of RUNS, with and without the index. */
function timeFeed(bin, dir) {
  const once = (args) => {
    const t = process.hrtime.bigint();
    execFileSync(bin, ['feed', dir, '-o', path.join(dir, 'feed.json'), ...args]);
    return Number(process.hrtime.bigint() - t) / 1e9;
  };
  const without = median(Array.from({ length: RUNS }, () => once(['--no-search'])));
  const withIndex = median(Array.from({ length: RUNS }, () => once([])));
  return { without, withIndex, index: withIndex - without };
}

/** The index's size on the wire (each file gzip -6, as served) against the issues' text. */
function sizes(dir) {
  const feed = JSON.parse(fs.readFileSync(path.join(dir, 'feed.json'), 'utf8'));
  let text = '';
  let perIssue = 0;
  for (const e of feed.issues) {
    const issue = JSON.parse(fs.readFileSync(path.join(dir, e.url), 'utf8'));
    let t = '';
    for (const a of issue.articles) t += [a.title, ...a.blocks.map((b) => b.text ?? ''), a.source ?? ''].join('\n') + '\n';
    text += t;
    perIssue += zlib.gzipSync(Buffer.from(t), { level: 6 }).length;
  }
  const textGzip = zlib.gzipSync(Buffer.from(text), { level: 6 }).length;
  let index = 0;
  let files = 0;
  for (const f of fs.readdirSync(path.join(dir, 'search'))) {
    index += zlib.gzipSync(fs.readFileSync(path.join(dir, 'search', f)), { level: 6 }).length;
    files++;
  }
  const manifest = zlib.gzipSync(fs.readFileSync(path.join(dir, feed.search)), { level: 6 }).length;
  return { textGzip, perIssue, index, files, manifest, issues: feed.issues.length };
}

/** One query on a fresh page: bytes on the wire after it was typed, and times (ms, from the
 *  input event) to the first issue listed, the first snippet, and the first page checked. */
async function query(browser, url, q, { network, cpu, warm }) {
  const context = await browser.newContext({ viewport: network ? { width: 375, height: 812 } : { width: 1366, height: 768 }, deviceScaleFactor: network ? 2 : 1 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let wire = 0;
  let counting = false;
  const names = [];
  cdp.on('Network.loadingFinished', (e) => { if (counting) wire += e.encodedDataLength; });
  cdp.on('Network.requestWillBeSent', (e) => { if (counting) names.push(e.request.url.split('/').pop()); });
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  if (network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
  await page.goto(url);
  const live = 'bulletin-viewer .bv-root:not(.bv-ssr)';
  const panel = page.locator(`${live} .bv-findall`);
  await page.locator('bulletin-viewer footer').waitFor({ timeout: 120000 });
  await panel.locator('summary').click();
  // The search build takes over with the panel open; it fetches the manifest then.
  await page.locator(`${live} .bv-findall-input`).waitFor({ timeout: 120000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  if (warm) {
    // The same query once before: its shards and issues are cached.
    await panel.locator('input').fill(q);
    await page.waitForFunction(() => /找到/.test(document.querySelector('bulletin-viewer').shadowRoot.querySelector('.bv-root:not(.bv-ssr) .bv-findall-status')?.textContent ?? ''), null, { timeout: 120000 });
    await panel.locator('input').fill('');
  }
  counting = true;
  const times = await page.evaluate(async (q) => {
    const root = document.querySelector('bulletin-viewer').shadowRoot;
    const input = root.querySelector('.bv-root:not(.bv-ssr) .bv-findall-input');
    const t0 = performance.now();
    const out = {};
    const seen = new Promise((resolve) => {
      const check = () => {
        const now = performance.now() - t0;
        if (out.first == null && root.querySelector('.bv-found-issue')) out.first = now;
        if (out.snippet == null && root.querySelector('.bv-found-snippet')) out.snippet = now;
        const status = root.querySelector('.bv-findall-status')?.textContent ?? '';
        if (/找到|没有找到/.test(status) && !/正在/.test(status)) { out.done = now; out.status = status; resolve(); return; }
        if (now > 120000) { resolve(); return; }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    input.value = q;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await seen;
    return out;
  }, q);
  await page.waitForTimeout(200);
  counting = false;
  await context.close();
  return { ...times, wire, requests: names.length, names };
}

async function main() {
  fs.rmSync(WORK, { recursive: true, force: true });
  const bin = cli();
  const site = path.join(WORK, 'site');
  fs.cpSync(path.join(ROOT, 'dist'), site, { recursive: true });
  const dir = path.join(site, 'archive');
  makeArchive(dir, 1000);
  const t1k = timeFeed(bin, dir);
  const size = sizes(dir);
  const big = path.join(WORK, 'archive-10k');
  makeArchive(big, 10000);
  const t10k = timeFeed(bin, big);
  const size10k = sizes(big);
  fs.rmSync(big, { recursive: true, force: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>联络动态 往期</title></head><body><bulletin-viewer feed="feed.json"></bulletin-viewer><script src="../bulletin-viewer.js"></script></body></html>\n');

  const { server, url } = await serve(site, {
    // Hashed files cache for good, as the README's hosting lines say.
    headers: (p) => (p.includes('/search/') ? { 'cache-control': 'public, max-age=31536000, immutable' } : {}),
  });
  const browser = await launch();
  const rows = [];
  for (const [label, q] of QUERIES) {
    const phone = [];
    const desk = [];
    for (let i = 0; i < RUNS; i++) {
      phone.push(await query(browser, `${url}archive/`, q, { network: SLOW4G, cpu: 4 }));
      desk.push(await query(browser, `${url}archive/`, q, { cpu: 1, warm: true }));
    }
    const m = (xs, k) => median(xs.map((x) => x[k] - (['first', 'snippet', 'done'].includes(k) ? PAUSE : 0)));
    rows.push({ label, q, status: phone[0].status, phone: { first: m(phone, 'first'), snippet: m(phone, 'snippet'), done: m(phone, 'done'), wire: m(phone, 'wire'), requests: m(phone, 'requests') }, desk: { first: m(desk, 'first'), done: m(desk, 'done') }, names: phone[0].names });
  }
  await browser.close();
  server.close();

  const lines = ['<!-- findall -->', '## 往期检索 (search across a feed’s issues)', ''];
  lines.push(`\`node bench/findall.mjs\` (${RUNS} runs, medians): an archive of ${size.issues.toLocaleString('en')} generated issues (\`bench/archive.mjs\`: paragraphs from a character Markov chain of the real and sample issues, so characters and pairs are distributed as in real bulletins), its feed and index built by \`bulletin feed\`. Times from the query being sent (the input event plus the ${PAUSE} ms pause the viewer leaves after a keystroke, which a reader's typing adds to); the manifest (${kb(size.manifest)} KB gzip) is fetched when the panel opens, before the query. Bytes: everything fetched for the query (shards, then the issue JSON of the first page, ${10} issues), as on the wire (gzip).`, '');
  lines.push('| query | found | slow-4G phone: first issue listed | first snippet | first page checked | KB on the wire | requests | desktop, warm: first listed | first page checked |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) lines.push(`| ${r.label} (${r.q}) | ${r.status.replace(/\s+/g, '')} | ${ms(r.phone.first)} | ${ms(r.phone.snippet)} | ${ms(r.phone.done)} | ${kb(r.phone.wire)} | ${r.phone.requests} | ${ms(r.desk.first)} | ${ms(r.desk.done)} |`);
  lines.push('');
  const mark = (ok) => (ok ? 'met' : '**not met**');
  lines.push('| | 1,000 issues | 10,000 issues |', '|---|---:|---:|');
  lines.push(`| \`bulletin feed\` with the index (s) | ${t1k.withIndex.toFixed(2)} | ${t10k.withIndex.toFixed(2)} |`);
  lines.push(`| of which the index (s) | ${t1k.index.toFixed(2)} | ${t10k.index.toFixed(2)} |`);
  lines.push(`| index files / gzip KB | ${size.files} / ${kb(size.index)} | ${size10k.files} / ${kb(size10k.index)} |`);
  lines.push(`| the issues' text, gzip as one file / issue by issue (KB) | ${kb(size.textGzip)} / ${kb(size.perIssue)} | ${kb(size10k.textGzip)} / ${kb(size10k.perIssue)} |`);
  lines.push(`| index / text gzip (one file) | ${(size.index / size.textGzip).toFixed(2)} | ${(size10k.index / size10k.textGzip).toFixed(2)} |`);
  lines.push('');
  const worst = Math.max(...rows.map((r) => r.phone.wire));
  const slowest = Math.max(...rows.map((r) => r.phone.first));
  const deskSlowest = Math.max(...rows.map((r) => r.desk.first));
  lines.push('| goal (issue 往期检索) | measured | |', '|---|---:|---|');
  lines.push(`| bytes per query ≤ 150 KB gzip | ${kb(worst)} KB | ${mark(worst <= 150 * 1024)} |`);
  lines.push(`| first results ≤ 1 s, slow-4G phone | ${ms(slowest)} ms | ${mark(slowest <= 1000)} |`);
  lines.push(`| first results ≤ 100 ms, desktop, warm | ${ms(deskSlowest)} ms | ${mark(deskSlowest <= 100)} |`);
  lines.push(`| index ≤ 1.5× the text's gzip | ${(size.index / size.textGzip).toFixed(2)}× | ${mark(size.index <= 1.5 * size.textGzip)} |`);
  lines.push(`| building the index for 1,000 issues ≤ 10 s | ${t1k.withIndex.toFixed(2)} s (all of \`bulletin feed\`) | ${mark(t1k.withIndex <= 10)} |`);
  const ratio = t10k.withIndex / t1k.withIndex;
  lines.push(`| linear: 10,000 / 1,000 ≤ 11 | ${ratio.toFixed(1)} | ${mark(ratio <= 11)} |`);
  lines.push('', '<!-- /findall -->');
  const table = lines.join('\n');
  console.log(table);
  for (const r of rows) console.log(r.label, r.names.join(' '));
  const doc = path.join(ROOT, 'docs/performance.md');
  const old = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '';
  const start = old.indexOf('<!-- findall -->');
  const end = old.indexOf('<!-- /findall -->');
  const next = start >= 0 && end > start
    ? old.slice(0, start) + table + old.slice(end + '<!-- /findall -->'.length)
    : `${old.trimEnd()}\n\n${table}\n`;
  fs.writeFileSync(doc, next);
}

await main();
