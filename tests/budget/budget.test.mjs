// Size budget of the release build (sizes are deterministic, unlike timings). The budget is
// the measured size plus a small margin: a change that grows the wasm or the embed's first
// view past it fails here. Then measure what grew, e.g.
//   cargo build --release --target wasm32-unknown-unknown --features viewer,lite --bin viewer
//   wasm-bindgen --keep-debug --out-dir /tmp/wb --target web target/wasm32-unknown-unknown/release/viewer.wasm
//   twiggy top -n 30 /tmp/wb/viewer_bg.wasm
// and make it smaller, or raise the budget here on purpose, saying why in the commit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { sizes } from '../../scripts/size-report.mjs';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
// Measured 2026-11-26: wasm 177.5 KB gzip, first view 190.7 KB gzip. Feeds and kiosk mode
// added 24 KB to the wasm, Chinese detail lines for data faults 3 KB (before them: 150.3 and
// 162.9). 2026-11-28: table blocks (model, reading, drawing, search, styles) added 3.2 KB:
// wasm 180.7, first view 193.9. 2026-12-01: the restructuring (typed problems, App as
// hooks) left it at 180.2 and 193.4: typed problems cost ~6 KB of code before wasm-opt, won
// back by drawing stateless parts (chrome, search box, status lines) as functions rather
// than components (~1 KB each) and one non-generic error placement. The hardening pass that
// followed added: limits on every array drawn, exact JSON paths, capped search marks, the 往期
// by year and in pieces, wrong-kind and non-UTF-8 notices, unsafe addresses refused (+5.3 KB
// wasm); the loader's loading and failure lines (retry, name taken, broken Promise, moves, one
// refresh per task: +0.75 KB gzip, after make-loader leaves its comments out), a failing
// font's warning and the shared namespace warning (+0.6 KB wasm): wasm 186.5, first view
// 200.6. The goal is 100 KB for the whole first view (docs/performance.md says how far off
// and why; the prerendered embed meets it).
// 2026-12-02: std rebuilt for size by the pinned nightly (scripts/build): wasm 179.9, first
// view 194.6 (the loader's parallel requests +0.1 KB). Then, for the goal of 150 KB (#17):
// the model's own JSON reader instead of serde_json's visitors (−20 KB), panics that abort
// and no Debug formatting in the release (−9.5 KB), the glue minified by terser (−0.4 KB),
// and a lite build for the plain embed of one issue, without feeds and kiosk mode (−17 KB):
// lite wasm 129.7, its first view 143.9; full wasm 148.6, a feed's first view 163.6.
// 2026-12-02 (#18): 朗读 (reading aloud: sentences, numbers as words, the player, the
// highlight) is in the full build only, +15 KB there: full wasm ~164, a feed's first view
// ~180. The lite build gained the 语音阅读 switch (which brings the full build), the cursor
// and player styles and their words: +2.6 KB, lite wasm 132.3, its first view 146.8.
// 2026-12-03 (#19): 往期检索 (the index reader, its fetches, the panel) measured +25.9 KB gzip
// in the full build (190.4 KB): far more than the few KB a feed's first view may pay, so it is
// a build of its own (feature `findall`), loaded when a reader first opens 往期检索; the full
// build keeps only its button (with its failure line and retry) and the feed's `search`
// (+1.7 KB: full wasm 166.2, a feed's first view 182.2 with the loader's third build, +0.1);
// the search wasm is 192.0. The lite build gained the new words and styles, the in-issue
// search field drawn with its query, and the handle's fifth argument (+1.0 KB: wasm 133.3,
// first view 148.0; the 150 KB goal below still holds).
// 2026-12-07 (#28): the whole 报尾 in the model, the reader and validation (审核, 签发, other
// lines, the 印发 line, the print run), drafts' Missing parts and their stand-ins (zh/en), and
// search over the new 报尾 lines: +3.7 KB on the lite wasm as scripts/build made it (133.3 →
// 137.0), then `wasm-opt --low-memory-unused --converge` (scripts/build, index.html) −1.1 KB on
// every viewer build: lite wasm 135.9 (+2.6 in all, within #28's 3 KB), its first view 150.6
// (a clean build's figure); full wasm 169.1, search 196.1. The plain embed's first view is
// now 0.6 KB over #17's 150 KB goal: said in the test below and in book/src/developer/sizes.md, not hidden.
// 2026-12-07 (#33, hostile index): the search build reads 往期检索's index checked and in
// slices (a shard scanned and its lists decoded a character at a time with every count
// checked, lists compared and placed a slice at a time with yields to the page, the refusal
// and its reasons in zh/en): +3.2 KB, search wasm 199.3. The lite and full builds are
// unchanged (the index reader is in the search build only).
// 2026-12-07 (#29, compatibility): unknown fields in an issue or a feed read past and named in
// a console warning; a feed read as an issue told by the reader (the viewer's own check gone):
// lite wasm +250 B (136.2, its first view 150.9), full +239 B (169.4), search +349 B (199.9).
// 2026-12-07 (#30, three engines): the skip link clipped, the search field's wrap and 16 px
// text, the no-voice notice at the foot of the screen, the 要目's markers in boxes of their own,
// a narrow kiosk's status bar (CSS, in every build), and one Highlight whose range changes
// (full and search builds, written to cost little): lite +85 B gzip (136.2 KB), full +59 B
// (169.5), search +66 B (199.98 of 200: 20 B left). No budget raised.
// 2026-12-07 (#32, the viewer by feature): 朗读 and 往期检索 as state machines over plain data
// (往期检索's state changed in place, no longer copied per step), the App split from what each
// state shows, the builds' stand-ins in one module: gzip -9 of the optimized wasm against main
// (485d012) on the same machine, lite −137 B (138,371), full −63 B (171,987), search −702 B
// (202,533). No budget changed.
const BUDGET = {
  lite: { wasmGzip: 136.5 * 1024, firstViewGzip: 151 * 1024 },
  full: { wasmGzip: 170 * 1024, firstViewGzip: 186 * 1024 },
};
const SEARCH_WASM = 200 * 1024;

for (const build of ['lite', 'full']) {
  test(`the ${build} build's wasm and its first view stay within budget`, () => {
    const rows = sizes(DIST, build);
    const wasm = rows.find((r) => r.file.endsWith('.wasm'));
    assert.ok(wasm, `no ${build} wasm in dist/`);
    const total = rows.reduce((t, r) => t + r.gzip, 0);
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    const budget = BUDGET[build];
    assert.ok(wasm.gzip <= budget.wasmGzip, `${wasm.file} is ${kb(wasm.gzip)} gzip, budget ${kb(budget.wasmGzip)}: measure with twiggy (see this file)`);
    assert.ok(total <= budget.firstViewGzip, `first view is ${kb(total)} gzip, budget ${kb(budget.firstViewGzip)}: measure with twiggy (see this file)`);
  });
}

test('the search build (往期检索) stays within its budget, and only the loader names it', () => {
  const rows = sizes(DIST, 'search');
  const wasm = rows.find((r) => r.file.endsWith('.wasm'));
  assert.ok(wasm, 'no search wasm in dist/');
  assert.ok(wasm.gzip <= SEARCH_WASM, `${wasm.file} is ${(wasm.gzip / 1024).toFixed(1)} KB gzip, budget ${SEARCH_WASM / 1024} KB`);
  const full = sizes(DIST, 'full').find((r) => r.file.endsWith('.wasm'));
  assert.notEqual(full.file, wasm.file, 'the full build is not the search build');
  assert.match(fs.readFileSync(path.join(DIST, 'bulletin-viewer.js'), 'utf8'), new RegExp(wasm.file.replace('.', '\\.')));
});

// #17's goal was 150 KB; #28's 报尾 and drafts left it at 150.6 (see BUDGET above): the test
// holds that figure with the budgets' small margin, so that any further growth is seen.
test('the plain embed of one issue loads at most 151 KB gzip before its text shows (#17: 150)', () => {
  const total = sizes(DIST, 'lite').reduce((t, r) => t + r.gzip, 0);
  assert.ok(total <= 151 * 1024, `${(total / 1024).toFixed(1)} KB`);
});

test('the prerendered embed paints its first view within the 100 KB goal', () => {
  // What the page needs before the issue shows: the page with the prerendered issue and its
  // stylesheet inline (--inline-css), and the loader (which then fetches glue and wasm).
  // Measured 2026-11-26: 11.8 KB gzip with viewer.css linked.
  const files = ['embed/prerendered.html', 'bulletin-viewer.js'];
  const total = files.reduce((t, f) => t + zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length, 0);
  assert.ok(total <= 14 * 1024, `prerendered first view is ${(total / 1024).toFixed(1)} KB gzip, budget 14 KB`);
});

test('the editor page loads its own wasm, within its budget, and the viewer none of it', () => {
  // The authoring page (dist/editor/): the converter with the Word, PDF and OFD readers and Yew's
  // server renderer, 675.5 KB gzip measured 2026-12-01; 721.7 KB on 2026-12-07 with the PDF
  // reader's budgets (every filter decoded here with a cap, LZW among them; content counted),
  // the Word reader's caps and the per-tab work. 736.4 KB on 2026-12-07 with #31: OFD import
  // (the package, text objects, templates and layers, runs overprinted; the 编辑台 opens OFD
  // files) and the pages that need OCR named with why, in Chinese: +14.8 KB (twiggy diff: the
  // OFD reader inlined into import::read_with, the positioned-text step and its OCR hook).
  // What only an OCR engine's words need (placing them, the review: 5.7 KB) is left out of
  // this wasm (feature `ocr`). Budget raised from 735 to 750 KB for it. Loaded by that page
  // only: the viewer's loader never names it.
  const wasm = zlib.gzipSync(fs.readFileSync(path.join(DIST, 'editor/converter_bg.wasm')), { level: 9 }).length;
  assert.ok(wasm <= 750 * 1024, `editor wasm is ${(wasm / 1024).toFixed(1)} KB gzip, budget 750 KB`);
  const loader = fs.readFileSync(path.join(DIST, 'bulletin-viewer.js'), 'utf8');
  assert.doesNotMatch(loader, /converter|editor/);
});

test("every hashed viewer file has brotli and gzip copies of its own bytes, and the server sends them", async () => {
  const { serve } = await import('../../scripts/serve.mjs');
  const hashed = fs.readdirSync(DIST).filter((f) => /^viewer-(?:lite-|search-)?[0-9a-f]{8,}(?:_bg\.wasm|\.js)$/.test(f));
  assert.equal(hashed.length, 6, `the three builds' glue and wasm: ${hashed}`);
  const { server, url } = await serve(DIST);
  try {
    for (const name of hashed) {
      const body = fs.readFileSync(path.join(DIST, name));
      const br = fs.readFileSync(path.join(DIST, `${name}.br`));
      const gz = fs.readFileSync(path.join(DIST, `${name}.gz`));
      assert.ok(zlib.brotliDecompressSync(br).equals(body), `${name}.br is not ${name}`);
      assert.ok(zlib.gunzipSync(gz).equals(body), `${name}.gz is not ${name}`);
      // Brotli at quality 11 is smaller than the server's on-the-fly quality 5.
      assert.ok(br.length < zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }).length);
      for (const [accept, coding, copy] of [['br, gzip', 'br', br], ['gzip', 'gzip', gz]]) {
        const res = await fetch(url + name, { headers: { 'accept-encoding': accept } });
        assert.equal(res.headers.get('content-encoding'), coding);
        assert.match(res.headers.get('content-type'), name.endsWith('.wasm') ? /^application\/wasm/ : /^text\/javascript/);
        // Node's fetch decodes the body: compare the length the server sent, then the bytes.
        assert.equal(Number(res.headers.get('content-length')), copy.length);
        assert.ok(Buffer.from(await res.arrayBuffer()).equals(body));
      }
    }
  } finally {
    server.close();
  }
});
