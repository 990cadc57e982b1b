// How long the 编辑台's worker takes to read each real fixture (Word and PDF files of
// tests/fixtures/import and tests/fixtures/intake) in headless Chromium, from the release
// build (dist/editor): what its time limit per conversion is set against (book/src/reference/editor.md).
// For each file, a fresh worker: “start” is the converter's wasm made ready, “read” the file
// read once it is (the `open` message, answered), “again” the same file read a second time in
// that worker. The largest files first; the slowest read last.
//
//   scripts/build && node bench/editor-worker.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = ['tests/fixtures/import', 'tests/fixtures/intake']
  .flatMap((dir) => fs.readdirSync(path.join(ROOT, dir), { recursive: true }).map((f) => path.join(dir, String(f))))
  .filter((f) => /\.(pdf|docx)$/.test(f) && !/\/bad\//.test(f))
  .sort((a, b) => fs.statSync(path.join(ROOT, b)).size - fs.statSync(path.join(ROOT, a)).size);

const { server, url } = await serve(path.join(ROOT, 'dist'));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto(`${url}editor/index.html`);
const rows = [];
for (const file of files) {
  const bytes = [...fs.readFileSync(path.join(ROOT, file))];
  const times = await page.evaluate(async (bytes) => {
    const worker = new Worker('worker.js', { type: 'module' });
    const answer = (id) => new Promise((resolve) => {
      worker.addEventListener('message', function on({ data }) {
        if (data.id === id || (id === 'ready' && data.ready)) {
          worker.removeEventListener('message', on);
          resolve(data);
        }
      });
    });
    const t0 = performance.now();
    await answer('ready');
    const t1 = performance.now();
    const read = async (id) => {
      const buffer = new Uint8Array(bytes).buffer;
      const start = performance.now();
      worker.postMessage({ id, op: 'open', bytes: buffer, lang: 'zh' }, [buffer]);
      const data = await answer(id);
      return [performance.now() - start, data.result?.ok];
    };
    const [first, ok] = await read(1);
    const [again] = await read(2);
    worker.terminate();
    return { start: t1 - t0, first, again, ok };
  }, bytes);
  rows.push({ file, kb: Math.round(bytes.length / 1024), ...times });
  console.log(`${file.padEnd(80)} ${String(Math.round(bytes.length / 1024)).padStart(4)} KB  start ${times.start.toFixed(0).padStart(5)} ms  read ${times.first.toFixed(0).padStart(5)} ms  again ${times.again.toFixed(0).padStart(5)} ms${times.ok ? '' : '  (refused)'}`);
}
const slowest = rows.reduce((a, b) => (b.first > a.first ? b : a));
console.log(`slowest read: ${slowest.file} (${slowest.kb} KB), ${slowest.first.toFixed(0)} ms`);
await browser.close();
server.close();
