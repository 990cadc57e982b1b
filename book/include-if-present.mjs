// An mdBook preprocessor: `{{#include-if-present PATH}}` becomes mdBook's own
// `{{#include PATH}}` when PATH (relative to the chapter's file, as for #include) exists, and
// nothing when it does not — for a file another branch adds (docs/hosting.md). mdBook runs it
// (book.toml) with `supports RENDERER` to ask, then with [context, book] as JSON on standard
// input, and reads the book back from standard output.
import fs from 'node:fs';
import path from 'node:path';

if (process.argv.includes('supports')) process.exit(0); // every renderer

const [context, book] = JSON.parse(fs.readFileSync(0, 'utf8'));
const src = path.join(context.root, context.config.book.src || 'src');
// Not when escaped (\{{#include-if-present …}}: mdBook then shows it as written).
const DIRECTIVE = /(?<!\\)\{\{#include-if-present\s+([^}\s]+)\s*\}\}/g;

function visit(items) {
  for (const item of items) {
    const chapter = item.Chapter;
    if (!chapter) continue;
    if (chapter.content && chapter.source_path) {
      const dir = path.dirname(path.join(src, chapter.source_path));
      chapter.content = chapter.content.replace(DIRECTIVE, (_, file) => (
        fs.existsSync(path.resolve(dir, file)) ? `{{#include ${file}}}` : ''));
    }
    visit(chapter.sub_items || []);
  }
}
visit(book.sections || book.items || []);
process.stdout.write(JSON.stringify(book));
