// An archive of generated issues for 往期检索's benchmark and tests: `makeArchive(dir, n)`
// writes n issue files (valid, newest first by date, one a week back from 2024-11-04) whose
// articles are put together from the sentences of the real issue and the two samples, with
// place names, numbers and dates varied, so that no two issues read alike. Deterministic: the
// same n gives the same files. A rare phrase (RARE) is put into exactly three issues.
//
//   node bench/archive.mjs DIR N    writes the archive (then `bulletin feed DIR -o DIR/feed.json`)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const issues = ['lianluo-dongtai-2024-18.json', 'lianluo-dongtai-2024-17-sample.json', 'lianluo-dongtai-2024-16-sample.json']
  .map((f) => JSON.parse(fs.readFileSync(path.join(root, 'www/issues', f), 'utf8')));
const template = issues[0];

/** The rare six-character phrase, and the issues (by position, newest first) that hold it. */
export const RARE = '民情直通车站';
export const rareIn = (n) => [Math.floor(n * 0.137), Math.floor(n * 0.512), Math.floor(n * 0.901)];

// The source text: the issues' paragraphs and the converter's text fixtures (real and
// sample bulletins). Paragraphs are generated from it by a character Markov chain of order
// 2, so their characters and pairs of characters are distributed as in real bulletins (what
// the index's posting lists depend on) while no long run repeats as it would if sentences
// were copied (gzip would then squeeze the text far below what real issues take).
let source = '';
for (const issue of issues) for (const a of issue.articles) for (const b of a.blocks) if (b.text) source += b.text;
const fixtures = path.join(root, 'tests/fixtures');
for (const f of fs.readdirSync(fixtures, { recursive: true })) {
  if (String(f).endsWith('.txt')) source += fs.readFileSync(path.join(fixtures, String(f)), 'utf8').replace(/[\x00-\x7f]+/g, '');
}
source = source.replace(/\s+/g, '');
const chain = new Map();
for (let i = 2; i < source.length; i++) {
  const k = source.slice(i - 2, i);
  if (!chain.has(k)) chain.set(k, []);
  chain.get(k).push(source[i]);
}
const starts = [...chain.keys()].filter((k) => /^[\u4e00-\u9fff]{2}$/.test(k));
/** A paragraph of about `length` characters, ending at a full stop. */
function paragraph(r, length) {
  let k = starts[Math.floor(r() * starts.length)];
  let out = k;
  while (out.length < length * 3) {
    const next = chain.get(k);
    if (!next) { k = starts[Math.floor(r() * starts.length)]; out += '，' + k; continue; }
    const c = next[Math.floor(r() * next.length)];
    out += c;
    k = k[1] + c;
    if (out.length >= length && c === '。') break;
  }
  return out.endsWith('。') ? out : out + '。';
}
const places = ['长沙', '株洲', '湘潭', '衡阳', '邵阳', '岳阳', '常德', '张家界', '益阳', '郴州', '永州', '怀化', '娄底', '湘西', '浏阳', '醴陵', '湘乡', '韶山', '耒阳', '汨罗', '津市', '沅江', '资兴', '洪江', '冷水江', '涟源', '吉首', '宁乡', '攸县', '茶陵'];
const topics = ['代表联络站', '基层立法联系点', '民生实事项目', '乡村振兴', '基层治理', '城市更新', '营商环境', '生态环境保护', '预算审查监督', '代表建议办理', '人居环境整治', '优化教育资源', '养老服务', '食品安全', '河长制'];
const acts = ['开展集中视察', '召开座谈会', '组织代表培训', '推进工作', '听取专项报告', '开展执法检查', '进行专题调研', '举行联络活动', '召开推进会', '开展评议'];
const organs = ['市人大常委会', '县人大常委会', '区人大常委会', '镇人大主席团', '街道人大工委', '代表小组'];

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cn = '〇一二三四五六七八九';
/** 七百二十 for 720 (up to 9,999). */
function chinese(n) {
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  digits.forEach((d, i) => {
    const u = units[digits.length - 1 - i];
    if (d) out += (d === 1 && u === '十' && i === 0 ? '' : cn[d]) + u;
    else if (out && !out.endsWith('〇') && i < digits.length - 1 && digits.slice(i).some(Boolean)) out += '〇';
  });
  return out.replace(/〇+$/, '').replace(/〇/g, '零') || '〇';
}

/** Issue `i` of `n` (0: the newest). */
export function makeIssue(i, n) {
  const r = prng(i * 7919 + 17);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const date = new Date(Date.UTC(2024, 10, 4) - i * 7 * 86400000);
  const iso = date.toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-').map(Number);
  // The issue's number within its year: weeks since the year's first issue, from 1.
  const first = new Date(Date.UTC(y, 0, 1));
  const number = Math.floor((date - first) / (7 * 86400000)) + 1;
  const cumulative = 720 - i;
  const count = 3 + Math.floor(r() * 6);
  const articles = [];
  for (let a = 0; a < count; a++) {
    const place = pick(places);
    const topic = pick(topics);
    const blocks = [];
    const paragraphs = 2 + Math.floor(r() * 5);
    for (let p = 0; p < paragraphs; p++) {
      let text = paragraph(r, 60 + Math.floor(r() * 200))
        .replace(/湘潭|湘乡|长沙|株洲|岳阳/g, () => pick(places))
        .replace(/\d+/g, (x) => String(Math.floor(r() * 10 ** Math.min(x.length, 4))));
      if (p === 0) text = `${m}月${1 + Math.floor(r() * 28)}日，${place}${pick(organs)}围绕${topic}${pick(acts)}。` + text;
      blocks.push({ type: 'paragraph', text });
    }
    if (a === 0 && rareIn(n).includes(i)) {
      blocks.push({ type: 'paragraph', text: `${place}在社区设立${RARE}，代表每月到站接待群众，收集意见建议${1 + Math.floor(r() * 90)}条。` });
    }
    const article = { id: `a-${a + 1}`, title: `${place}${pick(organs)}${pick(acts)}`.replace(/^(.{2,4})(市|县|区)?/, '$1') + `：聚焦${topic}`, blocks };
    if (r() < 0.6) article.source = `${place}市人大常委会供稿`;
    articles.push(article);
  }
  return {
    schema_version: 1,
    masthead: {
      ...template.masthead,
      issue: { label: `第${number}期`, number },
      cumulative: { text: `总第${chinese(Math.max(1, cumulative))}期`, number: Math.max(1, cumulative) },
      date: { iso, display: `${y}年${m}月${d}日` },
    },
    contents: articles.map((a) => ({ title: a.title, article: a.id })),
    articles,
    footer: template.footer,
  };
}

/** Writes issues 0…n−1 into `dir` as `lldt-<date>.json`; returns the file names. */
export function makeArchive(dir, n) {
  fs.mkdirSync(dir, { recursive: true });
  const names = [];
  for (let i = 0; i < n; i++) {
    const issue = makeIssue(i, n);
    const name = `lldt-${issue.masthead.date.iso}.json`;
    fs.writeFileSync(path.join(dir, name), JSON.stringify(issue, null, 1) + '\n');
    names.push(name);
  }
  return names;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, n] = process.argv.slice(2);
  makeArchive(dir, Number(n));
}
