// Trunk post-build hook (see Trunk.toml): writes the stable loader bulletin-viewer.js into
// the output, naming the content-hashed JS glue and wasm that Trunk produced and those of the
// lite build (without the template's comments and indentation), minifies the JS glue in
// place (terser), and removes
// the inline start-up script Trunk puts into index.html (the page uses the loader, and a
// strict Content-Security-Policy forbids inline scripts).
//   TRUNK_STAGING_DIR=dist node scripts/make-loader.mjs
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = process.env.TRUNK_STAGING_DIR || process.argv[2] || path.join(ROOT, 'dist');
const files = fs.readdirSync(out);
const glue = files.filter((f) => /^viewer-[0-9a-f]+\.js$/.test(f));
const wasm = files.filter((f) => /^viewer-[0-9a-f]+_bg\.wasm$/.test(f));
if (glue.length !== 1 || wasm.length !== 1) {
  console.error(`make-loader: expected one viewer-*.js and one viewer-*_bg.wasm in ${out}, found ${glue} / ${wasm}`);
  process.exit(1);
}
// The lite build (one issue in reader mode: scripts/build makes it with the `lite` feature,
// wasm-bindgen and wasm-opt into $BULLETIN_LITE_DIR) and the search build (the full one with
// 往期检索, feature `findall`, into $BULLETIN_SEARCH_DIR; the loader brings it when a reader
// first opens 往期检索) are copied in under content-hashed names like Trunk's. Without them (a
// development build), the loader's lite and search builds are the full one.
function copyIn(kind, dir) {
  if (!dir) return [glue[0], wasm[0]];
  const source = [`viewer-${kind}.js`, `viewer-${kind}_bg.wasm`].map((f) => path.resolve(ROOT, dir, f));
  const missing = source.filter((f) => !fs.existsSync(f));
  if (missing.length) {
    console.error(`make-loader: the ${kind} build is missing: ${missing.join(', ')}`);
    process.exit(1);
  }
  const bodies = source.map((f) => fs.readFileSync(f));
  const hash = crypto.createHash('sha256').update(bodies[0]).update(bodies[1]).digest('hex').slice(0, 16);
  const names = [`viewer-${kind}-${hash}.js`, `viewer-${kind}-${hash}_bg.wasm`];
  const stale = new RegExp(`^viewer-${kind}-[0-9a-f]+(_bg\\.wasm|\\.js)(\\.br|\\.gz)?$`);
  for (const old of files.filter((f) => stale.test(f))) fs.rmSync(path.join(out, old));
  names.forEach((name, i) => fs.writeFileSync(path.join(out, name), bodies[i]));
  return names;
}
const lite = copyIn('lite', process.env.BULLETIN_LITE_DIR);
const search = copyIn('search', process.env.BULLETIN_SEARCH_DIR);

// Every first view downloads the loader: its comments (whole lines, and `; // …` after
// code), blank lines and indentation are left out. The template has no multi-line strings
// and no `//` in a string, so no code changes meaning.
const loader = fs.readFileSync(path.join(ROOT, 'www/bulletin-viewer.js'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !/^\s*\/\//.test(line))
  .map((line) => line.trim().replace(/([;{,]) \/\/ .*$/, '$1'))
  .join('\n')
  .replace('__BULLETIN_VIEWER_GLUE__', `./${glue[0]}`)
  .replace('__BULLETIN_VIEWER_WASM__', `./${wasm[0]}`)
  .replace('__BULLETIN_VIEWER_LITE_GLUE__', `./${lite[0]}`)
  .replace('__BULLETIN_VIEWER_LITE_WASM__', `./${lite[1]}`)
  .replace('__BULLETIN_VIEWER_SEARCH_GLUE__', `./${search[0]}`)
  .replace('__BULLETIN_VIEWER_SEARCH_WASM__', `./${search[1]}`);
if (loader.includes('__BULLETIN_VIEWER_')) {
  console.error('make-loader: a placeholder was left in the loader');
  process.exit(1);
}
try {
  new vm.Script(loader, { filename: 'bulletin-viewer.js' }); // parses, does not run
} catch (e) {
  console.error(`make-loader: the loader does not parse once its comments are left out: ${e.message}`);
  process.exit(1);
}

// The JS glue, in place: every first view downloads it. terser as an ES module: top-level
// names are mangled too, the exports (default, initSync, ViewerHandle) keep theirs, and
// property names are never mangled, so the wasm's imports (the `__wbg_…` keys it looks up by
// name) and exports stay as they are. The hashed file name stays: it still changes whenever
// wasm-bindgen's output does. Nothing pins the glue's bytes: the loader's integrity hash
// covers the loader only, and index.html asks Trunk for none (data-integrity="none"); a hash
// of the glue in index.html would no longer match, so it stops the build.
const indexHtml = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
const pinned = (indexHtml.match(/<(?:link|script)\b[^>]*>/gi) || [])
  .find((tag) => tag.includes(glue[0]) && /\bintegrity\s*=/i.test(tag));
if (pinned) {
  console.error(`make-loader: index.html pins the glue's hash, which minifying would break: ${pinned}`);
  process.exit(1);
}
let minify;
try {
  ({ minify } = await import('terser'));
} catch (e) {
  console.error(`make-loader: terser is missing (run scripts/setup, which runs npm ci): ${e.message}`);
  process.exit(1);
}
for (const name of new Set([glue[0], lite[0], search[0]])) {
  const file = path.join(out, name);
  try {
    const { code } = await minify(fs.readFileSync(file, 'utf8'), {
      module: true,
      ecma: 2020,
      compress: {},
      mangle: true,
      format: { comments: false },
    });
    if (!code) throw new Error('terser returned no code');
    fs.writeFileSync(file, code);
  } catch (e) {
    console.error(`make-loader: minifying the JS glue ${name} failed: ${e.message}${e.line ? ` (line ${e.line}, column ${e.col})` : ''}`);
    process.exit(1);
  }
}

fs.writeFileSync(path.join(out, 'bulletin-viewer.js'), loader);

const index = path.join(out, 'index.html');
const html = fs.readFileSync(index, 'utf8');
const stripped = html.replace(/<script type=["']?module["']?>import init[\s\S]*?<\/script>/, '');
if (stripped === html) {
  console.error("make-loader: Trunk's start-up script was not found in index.html");
  process.exit(1);
}
fs.writeFileSync(index, stripped);

// The content-hashed files, precompressed once at the highest settings (brotli 11, gzip 9)
// beside them as NAME.br and NAME.gz, for servers that send such files instead of
// compressing on the fly (nginx `brotli_static`/`gzip_static`, Apache's rewrite to `.br`;
// the book, book/src/reference/hosting.md). Their names change with their content, so a stale copy cannot be sent.
for (const name of new Set([...glue, ...wasm, ...lite, ...search])) {
  const body = fs.readFileSync(path.join(out, name));
  fs.writeFileSync(path.join(out, `${name}.br`), zlib.brotliCompressSync(body, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }));
  fs.writeFileSync(path.join(out, `${name}.gz`), zlib.gzipSync(body, { level: 9 }));
}
