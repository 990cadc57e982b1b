// Prints what a reader downloads for the first view of an embedded issue (raw, gzip,
// brotli): the loader, the JS glue, the wasm and the issue JSON; and the Subresource
// Integrity hash of the loader for webmasters who pin it.
//   node scripts/size-report.mjs [DIST]        (--json for machine-readable output)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** The files of the first view, as paths relative to DIST: of the plain embed of one issue
 *  (the lite build), or with `build = 'full'` of an embed of a feed (the full build, the feed
 *  and its newest issue). */
export function firstViewFiles(dist, build = 'lite') {
  const top = fs.readdirSync(dist);
  const name = { lite: 'viewer-lite-', search: 'viewer-search-' }[build] ?? 'viewer-';
  return [
    'bulletin-viewer.js',
    ...top.filter((f) => new RegExp(`^${name}[0-9a-f]+\\.js$`).test(f)),
    ...top.filter((f) => new RegExp(`^${name}[0-9a-f]+_bg\\.wasm$`).test(f)),
    ...(build === 'full' ? ['issues/feed.json'] : []),
    'issues/lianluo-dongtai-2024-18.json',
  ];
}

export function sizes(dist, build) {
  return firstViewFiles(dist, build).map((file) => {
    const body = fs.readFileSync(path.join(dist, file));
    return {
      file,
      raw: body.length,
      gzip: zlib.gzipSync(body, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(body, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length,
    };
  });
}

export function loaderIntegrity(dist) {
  const body = fs.readFileSync(path.join(dist, 'bulletin-viewer.js'));
  return `sha384-${crypto.createHash('sha384').update(body).digest('base64')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dist = args.find((a) => !a.startsWith('--')) || 'dist';
  const sum = (rows) => rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const rows = sizes(dist);
  const total = sum(rows);
  const feedRows = sizes(dist, 'full');
  const integrity = loaderIntegrity(dist);
  if (args.includes('--json')) {
    console.log(JSON.stringify({ files: rows, total, feed: { files: feedRows, total: sum(feedRows) }, integrity }, null, 2));
  } else {
    const kb = (n) => (n / 1024).toFixed(1);
    for (const [title, list] of [['an embedded issue (lite build)', rows], ['an embedded feed (full build)', feedRows]]) {
      const t = sum(list);
      console.log(`\nFirst view of ${title}: what a reader downloads (KB)\n`);
      console.log('| file | raw | gzip | brotli |\n|---|---:|---:|---:|');
      for (const r of list) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
      console.log(`| **total** | ${kb(t.raw)} | ${kb(t.gzip)} | ${kb(t.brotli)} |`);
    }
    console.log(`\nLoader integrity (Subresource Integrity, changes with every build):\n  ${integrity}`);
    console.log(`  <script src=".../bulletin-viewer.js" integrity="${integrity}" crossorigin="anonymous"></script>`);
  }
}
