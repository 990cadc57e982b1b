// The release a webmaster gets (scripts/release --viewer-only, from the dist/ scripts/build
// made; the command's cross builds are checked by scripts/release itself): the zip unpacks
// into an empty folder as bulletin-viewer-<version>/ with exactly the served files, the book,
// the server files and the example, each entry dated and permitted alike; from that folder,
// served over HTTP, the example pages load in Chromium (the lite and the full build); the
// hosting tests pass on that folder as Debian's nginx and Apache serve it with its own
// server/ files, with no Rust toolchain on PATH; the npm package installs offline into an
// empty folder and its files load in a page; and two runs give the same bytes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, issueLabel, ROOT, DIST } from '../e2e/browser.mjs';
import { zipEntries } from '../e2e/zip.mjs';
import { serve } from '../../scripts/serve.mjs';

const VERSION = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
const NAME = `bulletin-viewer-${VERSION}`;
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'bulletin-release-'));
const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Runs scripts/release --viewer-only into `out`; the names and sha256 of what it made. */
function release(out) {
  execFileSync(path.join(ROOT, 'scripts/release'), ['--viewer-only'], {
    cwd: ROOT, env: { ...process.env, RELEASE_OUT: out }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  return Object.fromEntries(fs.readdirSync(out).sort().map((f) => [f, sha256(path.join(out, f))]));
}

/** Every file under `dir`, relative, with `/`, sorted. */
function files(dir, rel = '') {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const name = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? files(dir, name) : [name];
  }).sort();
}

/** The files a portal serves, as dist/ has them: loader, builds and their copies, styles,
 *  cursors, schemas, licenses. */
function servedFiles() {
  const builds = fs.readdirSync(DIST).filter((f) => /^viewer(-lite|-search)?-[0-9a-f]+(\.js|_bg\.wasm)(\.br|\.gz)?$/.test(f));
  assert.equal(builds.length, 18, `three builds of six files each in dist/: ${builds}`);
  return [
    'bulletin-viewer.js', 'viewer.css', 'bv-cursor.svg', 'bv-pointer.svg', 'LICENSE-MIT', 'LICENSE-APACHE',
    'schema/issue.schema.json', 'schema/feed.schema.json', ...builds,
  ];
}

/** The central directory's date, time and Unix mode of each entry. */
function entryStamps(zip) {
  let end = zip.length - 22;
  while (zip.readUInt32LE(end) !== 0x06054b50) end--;
  const stamps = [];
  for (let i = 0, at = zip.readUInt32LE(end + 16); i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    stamps.push({
      name: zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      when: `${zip.readUInt16LE(at + 14)}/${zip.readUInt16LE(at + 12)}`,
      mode: (zip.readUInt32LE(at + 38) >>> 16).toString(8),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return stamps;
}

let first;
let second;
let browser;
before(() => {
  first = release(path.join(WORK, 'a'));
  second = release(path.join(WORK, 'b'));
});
after(async () => {
  await browser?.close();
  fs.rmSync(WORK, { recursive: true, force: true });
});

test('two runs give the same bytes, listed in SHA256SUMS', () => {
  assert.deepEqual(Object.keys(first), ['SHA256SUMS', `${NAME}.tgz`, `${NAME}.zip`]);
  assert.deepEqual(second, first);
  const sums = fs.readFileSync(path.join(WORK, 'a/SHA256SUMS'), 'utf8');
  assert.equal(sums, `${first[`${NAME}.zip`]}  ${NAME}.zip\n${first[`${NAME}.tgz`]}  ${NAME}.tgz\n`);
});

test(`the zip unpacks to ${NAME}/ with the served files, the 编辑台, the example, licenses and changelog, nothing else`, () => {
  const zip = fs.readFileSync(path.join(WORK, 'a', `${NAME}.zip`));
  const into = path.join(WORK, 'unzipped');
  fs.mkdirSync(into);
  for (const { name, bytes } of zipEntries(zip)) {
    assert.ok(name.startsWith(`${NAME}/`), `${name} outside ${NAME}/`);
    if (name.endsWith('/')) fs.mkdirSync(path.join(into, name), { recursive: true });
    else fs.writeFileSync(path.join(into, name), bytes);
  }
  assert.deepEqual(fs.readdirSync(into), [NAME]);
  const expected = [
    ...servedFiles(),
    ...files(path.join(DIST, 'editor')).map((f) => `editor/${f}`),
    ...files(path.join(DIST, 'book')).filter((f) => f !== '.nojekyll').map((f) => `book/${f}`),
    ...files(path.join(ROOT, 'server')).map((f) => `server/${f}`),
    ...files(path.join(DIST, 'issues')).map((f) => `example/issues/${f}`),
    'example/index.html', 'example/feed.html', 'example/kiosk.html',
    'README.md', 'CHANGELOG.md', 'THIRD-PARTY-NOTICES.txt',
  ].sort();
  assert.deepEqual(files(path.join(into, NAME)), expected);
  // Each file as built or as the repository has it.
  for (const f of ['bulletin-viewer.js', 'editor/converter_bg.wasm', ...servedFiles().filter((n) => n.startsWith('viewer'))]) {
    assert.ok(fs.readFileSync(path.join(into, NAME, f)).equals(fs.readFileSync(path.join(DIST, f))), f);
  }
  // The 编辑台's link to the 编辑指南 lands on a page of the book in the release.
  const editor = fs.readFileSync(path.join(into, NAME, 'editor/index.html'), 'utf8');
  const guide = editor.match(/href="(\.\.\/book\/[^"#]+)/)?.[1];
  assert.ok(guide, 'the 编辑台 links into ../book/');
  assert.ok(fs.existsSync(path.join(into, NAME, 'editor', guide)), `${guide} is in the release`);
  assert.match(fs.readFileSync(path.join(into, NAME, 'book/deploy/index.html'), 'utf8'), /部署指南/);
  // No placeholder left in what was made from templates.
  for (const f of ['README.md', 'example/index.html', 'example/feed.html', 'example/kiosk.html']) {
    const text = fs.readFileSync(path.join(into, NAME, f), 'utf8');
    assert.ok(!text.includes('{{') && text.includes(VERSION), `${f}: the version filled in`);
  }
  for (const f of ['CHANGELOG.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'server/nginx/bulletin-viewer.conf', 'server/apache/viewer.htaccess']) {
    assert.ok(fs.readFileSync(path.join(into, NAME, f)).equals(fs.readFileSync(path.join(ROOT, f))), f);
  }
  assert.match(fs.readFileSync(path.join(into, NAME, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## \\[${VERSION.replace(/\./g, '\\.')}\\]`, 'm'));
  // The notice names what the wasm is made of, with license texts.
  const notice = fs.readFileSync(path.join(into, NAME, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
  for (const crate of [/^yew 0\.23\.\d+ — MIT OR Apache-2\.0/m, /^wasm-bindgen 0\.2\.\d+ — /m, /^pdf-extract \S+ — /m, /The Rust standard library/]) {
    assert.match(notice, crate);
  }
  assert.match(notice, /Permission is hereby granted, free of charge/);
  // One date for every entry, 0644 for files and 0755 for folders.
  const stamps = entryStamps(zip);
  assert.equal(new Set(stamps.map((s) => s.when)).size, 1, 'one date');
  for (const s of stamps) assert.equal(s.mode, s.name.endsWith('/') ? '40755' : '100644', s.name);
  assert.deepEqual(stamps.map((s) => s.name), [...stamps.map((s) => s.name)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))), 'entries sorted');
});

/** Serves `dir` (and `routes`) and opens `page` in Chromium: the issue shown, the builds it
 *  fetched, and what went wrong. */
async function show(dir, page, routes = {}) {
  browser ??= await launch();
  // A browser asks for /favicon.ico; the pages here name none.
  const icon = { type: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg"/>' };
  const { server, url } = await serve(dir, { routes: { '/favicon.ico': icon, ...routes } });
  try {
    const opened = await openPage(browser, { width: 1366, height: 768 });
    await opened.page.goto(new URL(page, url).href);
    await opened.page.locator('bulletin-viewer footer').waitFor();
    const label = await issueLabel(opened.page);
    const fetched = await opened.page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
    await opened.context.close();
    return { label, fetched, errors: opened.errors };
  } finally {
    server.close();
  }
}

test('from the unzipped folder over HTTP: the example pages for an issue (lite build) and a feed (full build) load', async () => {
  const folder = path.join(WORK, 'unzipped', NAME);
  const example = await show(folder, '/example/');
  assert.equal(example.label, '第18期');
  assert.ok(example.fetched.some((p) => /^\/viewer-lite-[0-9a-f]+_bg\.wasm$/.test(p)), example.fetched.join(' '));
  assert.deepEqual(example.errors, []);

  const feed = await show(folder, '/example/feed.html');
  assert.equal(feed.label, '第18期');
  assert.ok(feed.fetched.some((p) => /^\/viewer-[0-9a-f]+_bg\.wasm$/.test(p)), feed.fetched.join(' '));
  assert.ok(feed.fetched.includes('/example/issues/feed.json'), feed.fetched.join(' '));
  assert.deepEqual(feed.errors, []);
});

/** PATH as a machine without Rust has it: the system's folders, none holding cargo or rustc. */
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

test('the unzipped release on real nginx and Apache, its server/ files included in their stock configs, no Rust on PATH: every file kind, the embed, 往期检索 and a kiosk\'s 304 from another origin', () => {
  const folder = path.join(WORK, 'unzipped', NAME);
  for (const tool of ['cargo', 'rustc', 'rustup', 'trunk']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { env: { PATH: SYSTEM_PATH } });
    assert.notEqual(found.status, 0, `${tool} is on ${SYSTEM_PATH}: ${found.stdout}`);
  }
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'tests/hosting/'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300000,
    env: {
      PATH: SYSTEM_PATH,
      HOME: process.env.HOME,
      LANG: 'C.UTF-8',
      BULLETIN_HOSTING_ROOT: folder,
      BULLETIN_HOSTING_FEED: path.join(folder, 'example/issues'),
      BULLETIN_HOSTING_SERVER: path.join(folder, 'server'),
    },
  });
  const out = `${run.stdout}${run.stderr}`;
  assert.equal(run.status, 0, out.slice(-6000));
  const count = (what) => Number(out.match(new RegExp(`^# ${what} (\\d+)$`, 'm'))?.[1]);
  assert.equal(count('fail'), 0, out.slice(-6000));
  // Both servers' suites ran, each with its browser steps (servers.mjs, suite.mjs).
  assert.ok(count('pass') >= 100, `${count('pass')} passed:\n${out.slice(-3000)}`);
  for (const server of ['nginx', 'Apache']) assert.match(out, new RegExp(`^# Subtest: ${server}`, 'mi'), `${server} ran`);
});

test('the npm package installs offline into an empty folder, and a page loads its files', async () => {
  const project = path.join(WORK, 'npm-project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), '{"name": "portal", "version": "1.0.0", "private": true}\n');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', path.join(WORK, 'a', `${NAME}.tgz`)], { cwd: project, stdio: 'pipe' });
  const installed = path.join(project, 'node_modules/bulletin-viewer');
  const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'bulletin-viewer');
  assert.equal(pkg.version, VERSION);
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
  assert.equal(pkg.exports['.'], './bulletin-viewer.js');
  assert.deepEqual(files(installed), [...servedFiles(), 'CHANGELOG.md', 'README.md', 'THIRD-PARTY-NOTICES.txt', 'package.json'].sort());
  // The two lines with a versioned CDN path.
  const readme = fs.readFileSync(path.join(installed, 'README.md'), 'utf8');
  assert.ok(readme.includes(`<script src="https://cdn.jsdelivr.net/npm/bulletin-viewer@${VERSION}/bulletin-viewer.js"></script>`), readme);
  assert.ok(!readme.includes('{{'), 'no placeholder left');
  // Resolved by its exports, as a bundler or Node would.
  const resolved = execFileSync('node', ['-p', 'require.resolve("bulletin-viewer")'], { cwd: project, encoding: 'utf8' }).trim();
  assert.equal(resolved, path.join(installed, 'bulletin-viewer.js'));

  fs.copyFileSync(path.join(ROOT, 'www/issues/lianluo-dongtai-2024-18.json'), path.join(project, 'issue.json'));
  fs.writeFileSync(path.join(project, 'index.html'), '<!doctype html><meta charset="utf-8"><title>portal</title>'
    + '<bulletin-viewer src="/issue.json"></bulletin-viewer><script src="/node_modules/bulletin-viewer/bulletin-viewer.js"></script>');
  const shown = await show(project, '/');
  assert.equal(shown.label, '第18期');
  assert.ok(shown.fetched.some((p) => /^\/node_modules\/bulletin-viewer\/viewer-lite-[0-9a-f]+_bg\.wasm$/.test(p)), shown.fetched.join(' '));
  assert.deepEqual(shown.errors, []);
});
