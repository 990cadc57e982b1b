// Writes the third-party notice of a release: for each part shipped (a wasm build, the CLI
// for one target), the crates compiled into it — from `cargo tree` with the features and the
// target of that build, normal dependencies only (no build scripts, proc macros or test
// dependencies: they run while building and ship nothing) — each with its version, license
// and repository; then the runtime linked in (the Rust standard library, musl, mingw-w64);
// then the license texts the crates ship (LICENSE*, COPYING*, NOTICE*…), each distinct text
// once with the crates that carry it. cargo reads the lock file (--locked) and the registry
// sources the builds downloaded.
//
//   node scripts/third-party.mjs OUT.txt "TITLE" "PART=TARGET:FEATURES[:RUNTIME,…]"…
//
// RUNTIME is `rust-std` (the standard library built into every part), `musl` (the static
// Linux CLI), `mingw` (the Windows CLI). The output depends only on the lock file, the
// sources and the toolchain: the same commit gives the same bytes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [out, title, ...specs] = process.argv.slice(2);
if (!out || !title || !specs.length) {
  console.error('usage: node scripts/third-party.mjs OUT.txt "TITLE" "PART=TARGET:FEATURES[:RUNTIME,...]"...');
  process.exit(2);
}

const cargo = (args) => execFileSync('cargo', [...args, '--locked'], {
  cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'inherit'],
});

// Every package's folder (for its license files), by "name version", for the targets named.
const own = new Set();
const packages = new Map();
for (const target of new Set(specs.map((s) => s.split('=')[1]?.split(':')[0]))) {
  const metadata = JSON.parse(cargo(['metadata', '--format-version', '1', '--all-features', '--filter-platform', target]));
  metadata.workspace_members.forEach((id) => own.add(id));
  for (const p of metadata.packages) packages.set(`${p.name} ${p.version}`, p);
}

/** The crates compiled into one build: [{name, version, license, repository}], by name. */
function crates(target, features) {
  const lines = cargo(['tree', '-e', 'normal,no-proc-macro', '--target', target, '--features', features,
    '--prefix', 'none', '--format', '{p}']).split('\n');
  const found = new Map();
  for (const line of lines) {
    const m = /^(\S+) v(\S+)/.exec(line);
    if (!m) continue;
    const p = packages.get(`${m[1]} ${m[2]}`);
    if (!p || own.has(p.id)) continue;
    found.set(`${p.name} ${p.version}`, p);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

const LICENSE_FILE = /^(licen[cs]e|copying|notice|copyright|unlicense|authors)([-._].*)?$/i;

/** The license texts a crate ships: [{file, text}]. */
function licenseTexts(p) {
  const dir = path.dirname(p.manifest_path);
  const names = fs.readdirSync(dir).filter((f) => LICENSE_FILE.test(f) && fs.statSync(path.join(dir, f)).isFile());
  if (p.license_file && !names.includes(p.license_file)) names.push(p.license_file);
  return names.sort().map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), 'utf8').replace(/\r\n/g, '\n').trimEnd() }));
}

const sysroot = (toolchain) => execFileSync('rustc', toolchain ? [`+${toolchain}`, '--print', 'sysroot'] : ['--print', 'sysroot'], { encoding: 'utf8' }).trim();
const nightly = fs.readFileSync(path.join(ROOT, 'scripts/env.sh'), 'utf8').match(/^NIGHTLY=(\S+)/m)?.[1];

// What is linked in besides the crates, with the texts that go with it where the machine has them.
const RUNTIMES = {
  'rust-std': {
    name: 'The Rust standard library',
    words: 'core, alloc and std, and the crates they are built from (compiler_builtins, hashbrown, '
      + 'cfg-if, and dlmalloc as the wasm allocator), by the Rust project and its contributors: '
      + 'MIT OR Apache-2.0 (the texts: LICENSE-MIT, LICENSE-APACHE); compiler_builtins: MIT AND '
      + 'Apache-2.0 WITH LLVM-exception AND (MIT OR Apache-2.0), its text below. '
      + 'https://github.com/rust-lang/rust',
    texts: () => {
      const file = path.join(sysroot(nightly), 'lib/rustlib/src/rust/library/compiler-builtins/LICENSE.txt');
      return fs.existsSync(file) ? [{ file: 'compiler-builtins/LICENSE.txt', text: fs.readFileSync(file, 'utf8').trimEnd() }] : [];
    },
  },
  musl: {
    name: 'musl libc (linked statically into the Linux build)',
    words: 'Copyright © 2005-2020 Rich Felker, et al.: MIT (the text: LICENSE-MIT, with this '
      + 'notice). https://musl.libc.org/',
    texts: () => [],
  },
  mingw: {
    name: 'The mingw-w64 runtime and GCC support library (linked into the Windows build)',
    words: 'mingw-w64 start-up and runtime objects: Zope Public License 2.1 and public domain '
      + '(https://www.mingw-w64.org/); libgcc: GPL-3.0 WITH GCC-exception-3.1, which puts no '
      + 'condition on the program it is linked into.',
    texts: () => [],
  },
};

const parts = specs.map((spec) => {
  const m = /^([^=]+)=([^:]+):([^:]*)(?::(.*))?$/.exec(spec);
  if (!m) throw new Error(`not PART=TARGET:FEATURES[:RUNTIME,...]: ${spec}`);
  const runtimes = (m[4] || '').split(',').filter(Boolean);
  for (const r of runtimes) if (!RUNTIMES[r]) throw new Error(`unknown runtime ${r}`);
  return { name: m[1], target: m[2], crates: crates(m[2], m[3]), runtimes };
});

let text = `${title}\n${'='.repeat(title.length)}\n\n`
  + 'This release contains software by others. Each part below lists the crates compiled into\n'
  + 'it (name, version, license as its manifest declares it, repository) and the runtime linked\n'
  + 'in; the license texts these crates ship follow, each distinct text once, with the crates\n'
  + 'that carry it. Where a crate is offered under a choice of licenses (MIT OR Apache-2.0),\n'
  + 'it is used here under either, at the recipient\'s choice.\n';
const all = new Map();
for (const part of parts) {
  const heading = `${part.name} (${part.target}): ${part.crates.length} crates`;
  text += `\n\n${heading}\n${'-'.repeat(heading.length)}\n\n`;
  for (const p of part.crates) {
    text += `${p.name} ${p.version} — ${p.license || `see ${p.license_file}`}${p.repository ? ` — ${p.repository}` : ''}\n`;
    all.set(`${p.name} ${p.version}`, p);
  }
  for (const r of part.runtimes) text += `\n${RUNTIMES[r].name}: ${RUNTIMES[r].words}\n`;
}

// Distinct texts, in the order of the first crate that carries each.
const texts = new Map();
const keep = (who, file, body) => {
  const k = body.replace(/\s+/g, ' ').trim();
  if (!texts.has(k)) texts.set(k, { body, who: [] });
  texts.get(k).who.push(`${who} (${file})`);
};
const without = [];
for (const p of [...all.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version))) {
  const found = licenseTexts(p);
  if (!found.length) without.push(`${p.name} ${p.version} (${p.license})`);
  for (const { file, text: body } of found) keep(`${p.name} ${p.version}`, file, body);
}
for (const r of new Set(parts.flatMap((p) => p.runtimes))) {
  for (const { file, text: body } of RUNTIMES[r].texts()) keep(RUNTIMES[r].name, file, body);
}
text += '\n\nLicense texts\n-------------\n';
if (without.length) {
  text += `\nThese crates ship no license file; the license their manifest names applies, in its\nstandard text (MIT and Apache-2.0: LICENSE-MIT, LICENSE-APACHE): ${without.join(', ')}.\n`;
}
for (const { body, who } of texts.values()) {
  text += `\n\n==== ${who.join(', ')}\n\n${body}\n`;
}
fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
fs.writeFileSync(out, text);
console.error(`third-party: ${all.size} crates, ${texts.size} distinct license texts → ${out}`);
