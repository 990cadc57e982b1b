// Prints the sizes (raw, gzip, brotli) of what a reader downloads for the first view of the
// demo: the page, the JS glue, the wasm, the styles and the bundled issue.
//   node scripts/size-report.mjs [DIST]        (--json for machine-readable output)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export function sizes(dist) {
  const files = fs.readdirSync(dist, { recursive: true })
    .map((f) => path.join(dist, f))
    .filter((f) => fs.statSync(f).isFile())
    .filter((f) => /\.(html|js|wasm|css)$/.test(f) || /issues\/lianluo-dongtai-2024-18\.json$/.test(f))
    .sort();
  return files.map((f) => {
    const body = fs.readFileSync(f);
    return {
      file: path.relative(dist, f),
      raw: body.length,
      gzip: zlib.gzipSync(body, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(body, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length,
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dist = args.find((a) => !a.startsWith('--')) || 'dist';
  const rows = sizes(dist);
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  if (args.includes('--json')) {
    console.log(JSON.stringify({ files: rows, total }, null, 2));
  } else {
    const kb = (n) => (n / 1024).toFixed(1);
    console.log('\nFirst view: what a reader downloads (KB)\n');
    console.log('| file | raw | gzip | brotli |\n|---|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
    console.log(`| **total** | ${kb(total.raw)} | ${kb(total.gzip)} | ${kb(total.brotli)} |`);
  }
}
