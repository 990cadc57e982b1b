#!/usr/bin/env node
// The code's shape, measured from the source (book/src/developer/layout.md). Each of these
// fails the check (#32):
// - an import cycle between modules of src/ (a module's `use crate::…`, `super::…` and
//   paths written in its code, tests and comments left out; a module and the modules inside
//   it are one family, not a cycle);
// - a function of src/viewer longer than MAX_FN lines, or `App` longer than MAX_APP;
// - `cfg(feature …)` (or `cfg!`, `cfg_attr`) in src/viewer outside the modules that say what
//   each build has (VARIANTS: the lite, full and search builds' stand-ins, and the element,
//   which the native render build has not) — features add code there, nowhere else.
// It prints the longest functions and the sites, whatever it finds.
//
//   node scripts/check-structure.mjs          the report; exits 1 on any of the above
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
/** The longest a function of src/viewer may be, in lines (a `fn` to its closing brace). */
const MAX_FN = 150;
/** The longest the App may be: the list of what the viewer does. */
const MAX_APP = 120;
/** The only module of src/viewer that may name a feature (its folder). */
const VARIANTS = ['src/viewer/variant/'];

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
  .map((f) => ({ file: path.relative(ROOT, f), n: (fs.readFileSync(f, 'utf8').match(/cfg(_attr|!)?\(\s*(all\(|any\(|not\()*\s*feature/g) ?? []).length }))
  .filter((c) => c.n > 0)
  .sort((a, b) => b.n - a.n);
const app = functions(path.join(SRC, 'viewer', 'app.rs')).find((f) => f.name === 'App');
const appText = app
  ? code(fs.readFileSync(path.join(SRC, 'viewer', 'app.rs'), 'utf8')).split('\n').slice(app.line - 1, app.line - 1 + app.lines).join('\n')
  : '';
const faults = [];
if (cycles.length) faults.push(`${cycles.length} import cycle(s)`);
for (const f of longest.filter((f) => f.lines > MAX_FN)) faults.push(`${f.name} (${f.file}:${f.line}) is ${f.lines} lines, more than ${MAX_FN}`);
if (!app) faults.push('no App in src/viewer/app.rs');
else if (app.lines > MAX_APP) faults.push(`App is ${app.lines} lines, more than ${MAX_APP}`);
if (/cfg/.test(appText)) faults.push('App names a build (cfg): say it in src/viewer/variant/');
for (const c of cfgs.filter((c) => !VARIANTS.some((v) => c.file.split(path.sep).join('/').startsWith(v)))) {
  faults.push(`${c.file} names a feature (${c.n} cfg): build variants belong in ${VARIANTS.join(' or ')}`);
}

console.log('module cycles in src/:', cycles.length ? '' : 'none');
for (const c of cycles) console.log(`  ${c.join(' ↔ ')}`);
console.log(`\nlongest functions in src/viewer (lines; at most ${MAX_FN}, App ${MAX_APP}):`);
for (const f of longest) console.log(`  ${String(f.lines).padStart(4)}  ${f.name} (${f.file}:${f.line})`);
console.log(`\ncfg(feature …) sites in src/viewer: ${cfgs.reduce((n, c) => n + c.n, 0)} in ${cfgs.length} files (only in ${VARIANTS.join(', ')})`);
for (const c of cfgs) console.log(`  ${String(c.n).padStart(4)}  ${c.file}`);
for (const f of faults) console.log(`\nFAILED: ${f}`);
process.exit(faults.length ? 1 : 0);
