#!/usr/bin/env node
// The code's shape, measured from the source (book/src/developer/layout.md):
// - no import cycles between modules of src/ (a module's `use crate::…`, `super::…` and
//   paths written in its code, tests and comments left out; a module and the modules inside
//   it are one family, not a cycle) — a cycle fails the check;
// - the longest functions of src/viewer, and `cfg(feature` sites in src/viewer by file —
//   printed, for the structure step (#32) to bring down.
//
//   node scripts/check-structure.mjs          the report; exits 1 on a cycle
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');

function rustFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return rustFiles(p);
    return e.name.endsWith('.rs') ? [p] : [];
  });
}

/** `crate::viewer::fetch` for src/viewer/fetch.rs (and src/viewer/mod.rs → crate::viewer). */
function moduleOf(file) {
  const parts = path.relative(SRC, file).replace(/\.rs$/, '').split(path.sep);
  if (['mod', 'lib', 'main'].includes(parts.at(-1))) parts.pop();
  if (parts[0] === 'bin') return null; // binaries use the crate from outside
  return ['crate', ...parts].join('::');
}

/** The code of a file without comments, string literals and its `mod tests`. */
function code(text) {
  const t = text.replace(/#\[cfg\(test\)\]\s*mod tests\s*\{[\s\S]*$/, '');
  return t
    .replace(/\/\/[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/r#*"[\s\S]*?"#*/g, '""')
    .replace(/"(?:\\.|[^"\\])*"/g, '""');
}

const files = rustFiles(SRC);
const modules = new Map();
for (const f of files) {
  const m = moduleOf(f);
  if (m) modules.set(m, { file: f, code: code(fs.readFileSync(f, 'utf8')) });
}

/** The module a path names from module `from`: the longest prefix that is a module. */
function resolve(from, segments) {
  let base;
  if (segments[0] === 'crate') base = ['crate'];
  else if (segments[0] === 'super' || segments[0] === 'self') base = from.split('::');
  else return null;
  let rest = segments[0] === 'crate' ? segments.slice(1) : segments;
  while (rest[0] === 'super') {
    base = base.slice(0, -1);
    rest = rest.slice(1);
  }
  if (rest[0] === 'self') rest = rest.slice(1);
  let found = null;
  for (let i = 0; i <= rest.length; i++) {
    const m = [...base, ...rest.slice(0, i)].join('::');
    if (modules.has(m)) found = m;
  }
  return found;
}

const family = (a, b) => a === b || a.startsWith(`${b}::`) || b.startsWith(`${a}::`);
const edges = new Map();
for (const [m, { code: c }] of modules) {
  const deps = new Set();
  const add = (segments) => {
    const r = resolve(m, segments);
    if (r && !family(m, r)) deps.add(r);
  };
  // Paths in the code: crate::a::b, super::super::c.
  for (const [p] of c.matchAll(/\b(?:crate|super|self)(?:::\w+)+/g)) add(p.split('::'));
  // Groups: use super::{a, b::c, self}.
  for (const [, base, group] of c.matchAll(/\b((?:crate|super|self)(?:::\w+)*)::\{([^}]*)\}/g)) {
    for (const item of group.split(',').map((s) => s.trim()).filter((s) => s && s !== 'self')) {
      add([...base.split('::'), ...item.split('::')[0].split(' ')[0].split('::')]);
    }
  }
  edges.set(m, deps);
}

// Strongly connected components (Tarjan): a component of more than one module is a cycle.
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
let counter = 0;
function connect(v) {
  index.set(v, counter);
  low.set(v, counter);
  counter++;
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!index.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) === index.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const v of edges.keys()) if (!index.has(v)) connect(v);

/** Functions of a file with their lengths in lines (a `fn` to its closing brace). */
function functions(file) {
  const lines = code(fs.readFileSync(file, 'utf8')).split('\n');
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(/^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:const\s+)?fn\s+(\w+)/);
    if (!m) continue;
    let depth = 0;
    let opened = false;
    let j = i;
    for (; j < lines.length; j++) {
      for (const ch of lines[j]) {
        if (ch === '{') { depth++; opened = true; }
        else if (ch === '}') depth--;
        else if (ch === ';' && !opened && depth === 0) break;
      }
      if (opened && depth <= 0) break;
      if (!opened && /;\s*$/.test(lines[j])) break;
    }
    if (opened) found.push({ name: m[1], line: i + 1, lines: j - i + 1 });
  }
  return found;
}

const viewer = files.filter((f) => f.startsWith(path.join(SRC, 'viewer') + path.sep));
const longest = viewer
  .flatMap((f) => functions(f).map((fn) => ({ ...fn, file: path.relative(ROOT, f) })))
  .sort((a, b) => b.lines - a.lines)
  .slice(0, 8);
const cfgs = viewer
  .map((f) => ({ file: path.relative(ROOT, f), n: (fs.readFileSync(f, 'utf8').match(/cfg(_attr)?\(\s*(all\(|any\(|not\()*\s*feature/g) ?? []).length }))
  .filter((c) => c.n > 0)
  .sort((a, b) => b.n - a.n);

console.log('module cycles in src/:', cycles.length ? '' : 'none');
for (const c of cycles) console.log(`  ${c.join(' ↔ ')}`);
console.log('\nlongest functions in src/viewer (lines):');
for (const f of longest) console.log(`  ${String(f.lines).padStart(4)}  ${f.name} (${f.file}:${f.line})`);
console.log(`\ncfg(feature …) sites in src/viewer: ${cfgs.reduce((n, c) => n + c.n, 0)} in ${cfgs.length} files`);
for (const c of cfgs) console.log(`  ${String(c.n).padStart(4)}  ${c.file}`);
process.exit(cycles.length ? 1 : 0);
