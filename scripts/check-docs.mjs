// The documentation's test (a step of scripts/test): builds the book (`mdbook build book` →
// target/book/) and checks, without any network,
//   - every link and anchor of the built book (href and src of each page) names a file of the
//     book, and an id in that page;
//   - every link and anchor of README.md names a file of the repository, and a heading of the
//     Markdown file it names;
//   - the 编辑台's 编辑指南 link (www/editor/index.html, #guide) names a page of the built book,
//     with editor/ and book/ side by side as in the release;
//   - README.md has at most 150 lines, with the embed's two lines in its first 40.
// Links to other sites (http:, https:, mailto:…) are not followed. Exit status 1 on any fault.
//   node scripts/check-docs.mjs [--no-build]     (--no-build: check target/book as it is)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BOOK = path.join(ROOT, 'target/book');
const README = path.join(ROOT, 'README.md');
const faults = [];
const fault = (where, what) => faults.push(`${where}: ${what}`);

// 1. The book, built. mdBook reports a chapter's failed {{#include}} as an error in its log
//    but exits 0: the log is read too.
if (!process.argv.includes('--no-build')) {
  const run = spawnSync('mdbook', ['build', 'book'], { cwd: ROOT, encoding: 'utf8' });
  const log = `${run.stdout || ''}${run.stderr || ''}`;
  if (run.error || run.status !== 0) {
    console.error(log || String(run.error));
    console.error('check-docs: mdbook build book failed (scripts/setup installs mdbook)');
    process.exit(1);
  }
  for (const line of log.split('\n')) if (/\[(ERROR|WARN)\]/.test(line)) fault('mdbook build book', line.replace(/^.*?\[(ERROR|WARN)\] /, ''));
}
if (!fs.existsSync(path.join(BOOK, 'index.html'))) {
  console.error(`check-docs: ${path.relative(ROOT, BOOK)}/index.html is missing: is build-dir still ../target/book?`);
  process.exit(1);
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };
const unescape = (s) => s.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e) => ENTITIES[e]);
const external = (url) => /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');
const decode = (s) => { try { return decodeURIComponent(s); } catch { return s; } };

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file, out);
    else out.push(file);
  }
  return out;
}

// 2. The built book: every page's links and anchors. print.html (every chapter in one page,
//    its links rewritten by mdBook's script) and 404.html (links from the site's root) are
//    made from the same chapters and left out.
const idsOf = new Map();
function ids(file) {
  if (!idsOf.has(file)) {
    const html = fs.readFileSync(file, 'utf8');
    idsOf.set(file, new Set([...html.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => unescape(m[1]))));
  }
  return idsOf.get(file);
}
const pages = walk(BOOK).filter((f) => f.endsWith('.html') && !['print.html', '404.html'].includes(path.relative(BOOK, f)));
let checked = 0;
for (const page of pages) {
  // Code is text: an href in an example of HTML is no link.
  const html = fs.readFileSync(page, 'utf8').replace(/<pre\b[\s\S]*?<\/pre>/g, '').replace(/<code\b[\s\S]*?<\/code>/g, '');
  const where = path.relative(ROOT, page);
  // A preprocessor mdBook could not run is skipped without a word: its directive stays.
  if (html.includes('{{#include-if-present')) fault(where, 'holds {{#include-if-present …}} as text: the preprocessor did not run (node, book/include-if-present.mjs)');
  for (const [, attr, raw] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const url = unescape(raw);
    if (!url || url === '#' || external(url)) continue;
    checked++;
    if (url.startsWith('/')) {
      fault(where, `${attr}="${url}" starts at the site's root: the book must read from any folder`);
      continue;
    }
    const [pathPart, fragment] = url.split('?')[0].split('#');
    let target = pathPart ? path.resolve(path.dirname(page), decode(pathPart)) : page;
    if (fs.existsSync(target) && fs.statSync(target).isDirectory()) target = path.join(target, 'index.html');
    if (!target.startsWith(BOOK + path.sep) || !fs.existsSync(target)) {
      fault(where, `${attr}="${url}": no such file in the book`);
      continue;
    }
    if (fragment && target.endsWith('.html') && !ids(target).has(decode(fragment))) {
      fault(where, `${attr}="${url}": no id "${decode(fragment)}" in ${path.relative(BOOK, target)}`);
    }
  }
}

// 3. README.md: its Markdown links and images, and any HTML ones.
/** The anchors of a Markdown file's headings, as GitHub (and mdBook) make them. */
const slugsOf = new Map();
function slugs(file) {
  if (!slugsOf.has(file)) {
    const seen = new Map();
    const set = new Set();
    const text = fs.readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
    for (const [, heading] of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
      const base = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').toLowerCase()
        .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '').trim().replace(/\s/g, '-');
      const n = seen.get(base) || 0;
      seen.set(base, n + 1);
      set.add(n ? `${base}-${n}` : base);
    }
    slugsOf.set(file, set);
  }
  return slugsOf.get(file);
}
const readme = fs.readFileSync(README, 'utf8');
const prose = readme.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
const readmeLinks = [
  ...[...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
  ...[...prose.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => unescape(m[1])),
];
for (const url of readmeLinks) {
  if (external(url)) continue;
  checked++;
  const [pathPart, fragment] = url.split('#');
  const target = pathPart ? path.resolve(ROOT, decode(pathPart)) : README;
  if (!target.startsWith(ROOT + path.sep) || !fs.existsSync(target)) {
    fault('README.md', `(${url}): no such file in the repository`);
    continue;
  }
  if (fragment && target.endsWith('.md') && !slugs(target).has(decode(fragment).toLowerCase())) {
    fault('README.md', `(${url}): no heading "${fragment}" in ${path.relative(ROOT, target)}`);
  }
}

// 4. The 编辑台's link to the 编辑指南: editor/index.html and book/ side by side, as the release
//    lays them out (the book's HTML, target/book, shipped as book/).
const editorPage = fs.readFileSync(path.join(ROOT, 'www/editor/index.html'), 'utf8');
const guide = editorPage.match(/<a\b[^>]*\bid="guide"[^>]*>/);
const guideHref = guide && guide[0].match(/\shref="([^"]*)"/);
if (!guideHref) {
  fault('www/editor/index.html', 'no 编辑指南 link (<a id="guide" href="…">)');
} else {
  checked++;
  const [pathPart, fragment] = unescape(guideHref[1]).split('#');
  const inRelease = path.posix.normalize(path.posix.join('editor', pathPart));
  if (!inRelease.startsWith('book/')) {
    fault('www/editor/index.html', `the 编辑指南 link ${guideHref[1]} leads out of book/ (the release has editor/ and book/ side by side)`);
  } else {
    const target = path.join(BOOK, inRelease.slice('book/'.length));
    if (!fs.existsSync(target)) fault('www/editor/index.html', `the 编辑指南 link ${guideHref[1]}: no ${path.relative(ROOT, target)} in the built book`);
    else if (fragment && !ids(target).has(decode(fragment))) fault('www/editor/index.html', `the 编辑指南 link ${guideHref[1]}: no id "${fragment}"`);
    else if (!/编辑指南/.test(fs.readFileSync(target, 'utf8'))) fault('www/editor/index.html', `the 编辑指南 link ${guideHref[1]} leads to a page that is not the 编辑指南`);
  }
}

// 5. The README as a front page.
const lines = readme.replace(/\n$/, '').split('\n');
if (lines.length > 150) fault('README.md', `${lines.length} lines; the front page keeps to 150 (the rest belongs in the book)`);
const top = lines.slice(0, 40).join('\n');
if (!/<bulletin-viewer src="[^"]+"><\/bulletin-viewer>/.test(top) || !/<script src="[^"]+\/bulletin-viewer\.js"><\/script>/.test(top)) {
  fault('README.md', 'the embed\'s two lines (<bulletin-viewer src=…> and its <script src=…/bulletin-viewer.js>) are not in the first 40 lines');
}

for (const f of faults) console.error(`check-docs: ${f}`);
console.log(`check-docs: ${pages.length} pages of the book and README.md, ${checked} links: ${faults.length ? `${faults.length} fault(s)` : 'all resolve'}; README.md ${lines.length} lines`);
process.exit(faults.length ? 1 : 0);
