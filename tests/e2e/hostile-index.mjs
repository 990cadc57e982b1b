// 往期检索 indexes that do not add up (#33), made from the bundled feed and its index: a feed
// of the three bundled issues whose index claims what its files do not hold. Each variant is
// a folder with feed.json (the bundled feed, its issues at ../../issues/) and search/ (a
// manifest and one shard, named as `bulletin feed` names them). `代表` is the query they
// answer: the bundled issues hold it, and each variant gives it a posting list of its own.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { ROOT } from './browser.mjs';

const ISSUES = path.join(ROOT, 'www/issues');
/** The term whose posting list the variants replace (a bigram: one shard, exact). */
export const TERM = '代表';

const hex = (text) => crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);

/** A shard's text as `bulletin feed` writes it: one member per line, keys sorted. */
function shardText(members) {
  const keys = Object.keys(members).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(members[k])}`).join(',\n')}}\n`;
}

/** Writes a variant into `dir`: the bundled feed and an index whose manifest lists
 *  `issues` ({url, articles}, the URLs relative to the feed) and whose one shard holds the
 *  bundled index's lists with `extra` members put over them. */
function variant(dir, issues, extra) {
  const feed = JSON.parse(fs.readFileSync(path.join(ISSUES, 'feed.json'), 'utf8'));
  const bundled = JSON.parse(fs.readFileSync(path.join(ISSUES, feed.search), 'utf8'));
  const members = JSON.parse(fs.readFileSync(path.join(ISSUES, 'search', bundled.shards[0]), 'utf8'));
  const shard = shardText({ ...members, ...extra });
  const shardName = `s0-${hex(shard)}.json`;
  const manifest = `${JSON.stringify({ buckets: 1, issues, schema_version: 1, shards: [shardName] })}\n`;
  const manifestName = `index-${hex(manifest)}.json`;
  fs.mkdirSync(path.join(dir, 'search'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'search', shardName), shard);
  fs.writeFileSync(path.join(dir, 'search', manifestName), manifest);
  const issuesAt = path.relative(dir, path.join(ROOT, 'dist/issues')).split(path.sep).join('/');
  const entries = feed.issues.map((e) => ({ ...e, url: `${issuesAt}/${e.url}` }));
  fs.writeFileSync(path.join(dir, 'feed.json'), JSON.stringify({ ...feed, issues: entries, search: `search/${manifestName}` }, null, 2));
  return { feed: entries, shardBytes: Buffer.byteLength(shard), manifest: JSON.parse(manifest) };
}

/** The bundled issues as a manifest lists them (real article counts), URLs as in `variant`. */
function realIssues(dir) {
  const feed = JSON.parse(fs.readFileSync(path.join(ISSUES, 'feed.json'), 'utf8'));
  const issuesAt = path.relative(dir, path.join(ROOT, 'dist/issues')).split(path.sep).join('/');
  return feed.issues.map((e) => ({
    url: `${issuesAt}/${e.url}`,
    articles: JSON.parse(fs.readFileSync(path.join(ISSUES, e.url), 'utf8')).articles.length,
  }));
}

/** A posting list of `n` consecutive articles (0, 1, 2…: each a gap of 0, one character). */
const consecutive = (n) => '0'.repeat(n);

/**
 * The manifest claims 4,000,000,000 articles (the newest issue 3,999,999,997 of them), and
 * the shard gives `TERM` a list of `bytes` consecutive articles, every one of them inside
 * that claim: the index the adversarial pass of #33 froze the tab with.
 */
export function claimsBillions(dir, bytes) {
  const issues = realIssues(dir);
  const others = issues.slice(1).reduce((s, i) => s + i.articles, 0);
  issues[0].articles = 4_000_000_000 - others;
  return variant(dir, issues, { [TERM]: consecutive(bytes) });
}

/**
 * The manifest adds up (the issues' real counts), but the shard does not: a member whose key
 * is `bytes` long comes first (a key longer than any term: read through), then `TERM`'s list
 * names more articles than the manifest counts.
 */
export function pastTheEnd(dir, bytes) {
  const issues = realIssues(dir);
  const total = issues.reduce((s, i) => s + i.articles, 0);
  return variant(dir, issues, { ['一'.repeat(Math.floor(bytes / 3))]: '0', [TERM]: consecutive(total + 1) });
}

/**
 * An index that adds up but is large: the manifest lists 2,000 issues of 2,000 articles each
 * (the bundled three first, then issues the feed does not have), and `TERM`'s list names
 * `bytes` consecutive articles (every one of the bundled issues' 2,000 and far beyond).
 * Nothing is refused; what is found is what the issues' text holds.
 */
export function largeButConsistent(dir, bytes) {
  const issues = realIssues(dir).map((i) => ({ ...i, articles: 2000 }));
  for (let n = issues.length; n < 2000; n++) issues.push({ url: `gone/${n}.json`, articles: 2000 });
  return variant(dir, issues, { [TERM]: consecutive(bytes) });
}
