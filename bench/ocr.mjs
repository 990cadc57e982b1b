// OCR's time per page (#31): `bulletin convert` of the OCR fixtures on one core (taskset -c 0;
// Tesseract is held to one thread by the command, OMP_THREAD_LIMIT=1), RUNS times each, the
// median wall-clock time divided by the pages read by OCR — rendering (pdftoppm), Tesseract,
// a second reading of large type and the layout all included. Target: at most 10 s an A4 page.
// Writes docs/ocr-performance.md. Run: node bench/ocr.mjs (builds the release command first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS || 3);
const TARGET_S = 10;

const build = spawnSync('cargo', ['build', '--quiet', '--release', '--features', 'cli'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const bulletin = path.join(ROOT, 'target/release/bulletin');

const files = [
  ['tests/fixtures/ocr/zengkan-2.scan-300dpi.pdf', 'scan, 300 dpi (LibreOffice print)'],
  ['tests/fixtures/ocr/zengkan-2.scan-150dpi.pdf', 'scan, 150 dpi'],
  ['tests/fixtures/ocr/zengkan-2.scan-300dpi-skewed.pdf', 'scan, 300 dpi, turned 0.8°'],
  ['tests/fixtures/ocr/lianluo-dongtai-2024-20.chromium-scan-300dpi.pdf', 'scan, 300 dpi (Chromium print)'],
  ['tests/fixtures/ocr/zengkan-2.unmapped.pdf', 'fonts without ToUnicode'],
  ['tests/fixtures/ofd/renda-tongxun-2025-9/renda-tongxun-2025-9.easyofd-pictures.ofd', 'OFD of page pictures (96 dpi)'],
];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ocr-'));
const rows = [];
for (const [file, what] of files) {
  const times = [];
  let pages = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const run = spawnSync('taskset', ['-c', '0', bulletin, 'convert', path.join(ROOT, file), '-o', path.join(tmp, 'issue.json')], { encoding: 'utf8' });
    times.push((performance.now() - started) / 1000);
    const said = run.stderr.match(/read by OCR \([^)]*\): pages? ([0-9–, ]+)/);
    if (!said) throw new Error(`${file}: not read by OCR: ${run.stderr}`);
    pages = said[1].split(',').reduce((n, part) => {
      const [a, b] = part.trim().split('–').map(Number);
      return n + (b ? b - a + 1 : 1);
    }, 0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  rows.push({ what, file: path.basename(file), pages, median, perPage: median / pages });
}
fs.rmSync(tmp, { recursive: true, force: true });

const tesseract = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const lines = [
  '# OCR: time per page',
  '',
  `Measured by \`node bench/ocr.mjs\` on ${new Date().toISOString().slice(0, 10)}: ${cpu}, one core (taskset -c 0), ` +
    `${(tesseract.stdout || tesseract.stderr).split('\n')[0]}, chi_sim; median of ${RUNS} runs of ` +
    '`bulletin convert FILE -o issue.json` (release build), the whole conversion divided by the pages read by OCR. ' +
    `Target (#31): at most ${TARGET_S} s an A4 page.`,
  '',
  '| file | what | pages | s | s / page |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.file} | ${r.what} | ${r.pages} | ${r.median.toFixed(1)} | ${r.perPage.toFixed(1)} |`),
  '',
];
fs.writeFileSync(path.join(ROOT, 'docs/ocr-performance.md'), lines.join('\n'));
console.log(lines.join('\n'));
const worst = Math.max(...rows.map((r) => r.perPage));
if (worst > TARGET_S) {
  console.error(`slowest: ${worst.toFixed(1)} s a page, over the ${TARGET_S} s target`);
  process.exit(1);
}
