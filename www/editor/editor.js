// 编辑台: the page around the converter. Everything an issue is made of — reading the file,
// converting, the repairs, the problems, the fixes, the JSON, the feed, the static page — is
// done by the Rust converter in worker.js; this script draws the form and the lists, keeps
// the work in localStorage, shows the issue in a real <bulletin-viewer>, and downloads.

const STORE = 'bulletin-editor';
const $ = (id) => document.getElementById(id);

const TEXT = {
  'zh-CN': {
    title: '编辑台', tagline: '把 Word、PDF 或文本做成网上的简报：文件只在本机浏览器里处理，不会上传。',
    language: '界面语言', restart: '重新开始', guide: '编辑指南', demo: '阅读器演示', stepIn: '1 导入文件',
    dropHint: '把 Word（.docx）、PDF、OFD 或文本（.txt）文件拖到这里，或者', choose: '选择文件', paste: '粘贴文本',
    stepFix: '2 核对与修改', stepFixLabel: '核对与修改', tabFields: '字段', tabSource: '原文', tabRepairs: '已修复', tabProblems: '问题',
    fieldsEmpty: '导入文件后，这里列出报头、各篇标题和来源、报尾各项，可以直接修改。',
    sourceHelp: '这是转换器读到的文字。改动后会重新转换；写法见下面的“原文的写法”。',
    sourceGuideTitle: '原文的写法',
    sourceGuide: [
      ['# 联络动态', '第一行：简报名称'],
      ['2025年第5期（总第133期）', '报头各行，顺序不限：期号（第N期、第N号、增刊第N期、特刊）、总期号、编印单位、日期（2025年3月18日、二〇二五年三月十八日、2025.3.18）；一行可写几项'],
      ['---', '分隔线（也可用 ━━━、───、＊＊＊ 等）'],
      ['## 要目', '要目（可不写，按文章标题生成）；下面每行一条：- 标题，或 1. 标题'],
      ['## 文章标题', '每篇文章以 ## 开头的标题行开始；段落之间空一行'],
      ['编者按：……', '文章开头的编者按，显示为引文；也可写成 > 引文'],
      ['### 小标题', '文章里的小标题；- 开头为列表项'],
      ['| 区县 | 件数 |', '表格的一行；第一行下面加 | --- | --- | 即为表头；表格上一行写 Table: 表题'],
      ['![说明](图片地址 "题注")', '图片，说明给看不到图片的读者'],
      ['（摘编自湖南日报）', '文章最后一段带括号的，是来源'],
      ['报：… 送：… 抄送：…', '报尾：分送单位，各占一行，顺序照印'],
      ['责任编辑：… 审核：… 签发：…', '报尾：责任编辑、审核、签发、联系电话、电子邮箱、批准文号'],
      ['××办公室　2025年3月18日印发', '版记：印发单位和日期；（共印80份）为印数'],
      ['\\- 1 -', '行首加 \\ 的行照原样作为正文'],
    ],
    repairsHelp: '转换器按编辑的习惯修复了提取出的文字。点一条可在原文中查看。',
    problemsNone: '没有问题。', stepOut: '3 下载发布', fileName: '文件名',
    downloadJson: '下载期刊 JSON', downloadHtml: '下载静态网页', openFeed: '打开现有 feed.json',
    downloadFeed: '下载加入本期的 feed.json',
    whereFiles: '期刊 JSON 和图片放在网站上 feed.json 所列期刊的同一文件夹里，再换上新的 feed.json。',
    preview: '读者看到的样子', width: '预览宽度', phone: '手机', desktop: '电脑',
    previewEmpty: '导入文件后，这里显示读者看到的简报。',
    masthead: '报头', articles: '文章', footer: '报尾', was: '原为', none: '（无）', undo: '还原',
    stop: '。', reading: (name) => `正在读取 ${name}…`, opened: (name, format) => `已读入 ${name}（${format}）`,
    encoding: (e) => `，按 ${e} 编码读取`, pasted: '使用粘贴的文本。',
    formats: { pdf: 'PDF', docx: 'Word 文档', ofd: 'OFD 版式文件', text: '文本' },
    failed: (name) => `${name} 不能转换`, noConverter: '转换器未能启动（网站上的编辑台文件不全？），请刷新页面。', unsaved: '无法保存到浏览器存储（空间已满或被禁用）：刷新页面会丢失这次的修改。',
    dropped: (list) => `原文改动后，这些修改对应的内容已变，已取消：${list}`, crashed: '读取这个文件时转换器出错，已重新启动；请换一个文件（例如原始的 Word 文件）。',
    line: (n) => `原文第 ${n} 行`, page: (p, l) => `第 ${p} 页第 ${l} 行`, paragraph: (n) => `第 ${n} 段`, fileLine: (n) => `文件第 ${n} 行`,
    kinds: { 'joined-paragraphs': '接续被分页或换行断开的段落', 'full-width-punctuation': '半角标点改为全角', 'removed-space': '删去多余空格', ideograph: '部首字改为正字' },
    ready: '可以下载。', blocked: (n) => `还有 ${n} 个问题，改正后才能下载（见“问题”）。`, noIssue: '还没有可下载的期刊：先导入文件。',
    notConverted: '原文不能转换，改正后才能下载（见“问题”）。',
    feedNone: '可以打开网站现有的 feed.json，下载加入本期后的新 feed。',
    feedReady: (n, pos, url) => `feed.json 共 ${n} 期，本期排第 ${pos}（${url}）。`,
    feedBad: (m) => `这个 feed.json 不能读取：${m}`,
    images: (n) => `本期有 ${n} 张图片，放在期刊 JSON 旁边：`, download: '下载', reopen: '要下载图片，请再次导入原文件',
    restored: '已恢复上次未完成的工作。要从头开始，请按“重新开始”。',
    confirmRestart: '清除当前的工作，从头开始？',
    sourcePlace: (line, where) => `原文第 ${line} 行${where ? `（${where}）` : ''}`,
    notBulletin: '文件里找不到简报的报头或文章。',
    cancel: '取消', notRead: (name) => `未能读取 ${name}`, cancelled: '已取消读取。',
    tookTooLong: (s) => `读取超过 ${s} 秒仍未完成，已停止。这个文件可能已损坏或过于复杂；请换一个文件（例如原始的 Word 文件），或把文字粘贴到“原文”。`,
    convertTooLong: (s) => `转换超过 ${s} 秒仍未完成，已停止，转换器已重新启动。`,
    offer: (name, when) => `有一份未完成的工作，没有在其他标签页中打开：${name}（最后修改于 ${when}）。`,
    pastedWork: '粘贴的文本', restoreOffer: '恢复这份工作', discardOffer: '丢弃',
    confirmDiscard: '丢弃这份未完成的工作？丢弃后不能恢复。', taken: '这份工作已在另一个标签页中打开。',
  },
  en: {
    title: 'Editor', tagline: 'Make a web bulletin from a Word, PDF or text file: the file is read in this browser and never uploaded.',
    language: 'Language', restart: 'Start again', guide: 'Editing guide (in Chinese)', demo: 'Viewer demo', stepIn: '1 Import a file',
    dropHint: 'Drop a Word (.docx), PDF, OFD or text (.txt) file here, or', choose: 'Choose a file', paste: 'Paste text',
    stepFix: '2 Check and correct', stepFixLabel: 'Check and correct', tabFields: 'Fields', tabSource: 'Source', tabRepairs: 'Repaired', tabProblems: 'Problems',
    fieldsEmpty: 'Once a file is imported, the masthead, each article’s title and source and the footer are listed here to correct.',
    sourceHelp: 'The text the converter read. Changes are converted again; how it is written is below.',
    sourceGuideTitle: 'How the source is written',
    sourceGuide: [
      ['# 联络动态', 'First line: the bulletin’s name'],
      ['2025年第5期（总第133期）', 'Masthead lines, in any order: issue number (第N期, 第N号, 增刊第N期, 特刊), cumulative number, compiling organ, date (2025年3月18日, 二〇二五年三月十八日, 2025.3.18); several on one line'],
      ['---', 'A rule (━━━, ───, ＊＊＊ too)'],
      ['## 要目', 'Contents (optional: made from the titles); one entry a line: - title, or 1. title'],
      ['## 文章标题', 'Each article starts with a ## title line; a blank line between paragraphs'],
      ['编者按：……', 'An editor’s note opening an article, shown as a quotation; or > quotation'],
      ['### 小标题', 'A sub-heading; lines starting with - are list items'],
      ['| 区县 | 件数 |', 'A table row; | --- | --- | under the first makes it the header; Table: caption above'],
      ['![说明](图片地址 "题注")', 'A picture, with its description for readers who cannot see it'],
      ['（摘编自湖南日报）', 'A last bracketed paragraph is the article’s source'],
      ['报：… 送：… 抄送：…', 'Footer: who receives the issue, a line each, in printed order'],
      ['责任编辑：… 审核：… 签发：…', 'Footer: editor, reviewer, signer, telephone, e-mail, approval number'],
      ['××办公室　2025年3月18日印发', 'The 版记: office and date of printing; （共印80份） the print run'],
      ['\\- 1 -', 'A line starting with \\ is text as written'],
    ],
    repairsHelp: 'What the converter repaired in the extracted text. Choose one to see it in the source.',
    problemsNone: 'No problems.', stepOut: '3 Download and publish', fileName: 'File name',
    downloadJson: 'Download issue JSON', downloadHtml: 'Download static page', openFeed: 'Open the current feed.json',
    downloadFeed: 'Download feed.json with this issue',
    whereFiles: 'Put the issue JSON and its pictures in the folder of the issues feed.json lists, then replace feed.json.',
    preview: 'As readers will see it', width: 'Preview width', phone: 'Phone', desktop: 'Desktop',
    previewEmpty: 'Once a file is imported, the bulletin shows here as readers will see it.',
    masthead: 'Masthead', articles: 'Articles', footer: 'Footer', was: 'Was', none: '(none)', undo: 'Undo',
    stop: '.', reading: (name) => `Reading ${name}…`, opened: (name, format) => `Read ${name} (${format})`,
    encoding: (e) => `, decoded as ${e}`, pasted: 'Using pasted text.',
    formats: { pdf: 'PDF', docx: 'Word document', ofd: 'OFD', text: 'text' },
    failed: (name) => `${name} cannot be converted`, noConverter: 'The converter could not start (files of the editor missing on the site?); reload the page.', unsaved: 'Cannot save to the browser’s storage (full or disabled): a reload would lose these changes.',
    dropped: (list) => `The source changed under these corrections, which were dropped: ${list}`, crashed: 'The converter failed on this file and was restarted; try another file (the original Word file, for one).',
    line: (n) => `source line ${n}`, page: (p, l) => `page ${p}, line ${l}`, paragraph: (n) => `paragraph ${n}`, fileLine: (n) => `file line ${n}`,
    kinds: { 'joined-paragraphs': 'Paragraphs cut by a page or line break joined', 'full-width-punctuation': 'Half-width punctuation made full-width', 'removed-space': 'Stray spaces removed', ideograph: 'Radicals made ideographs' },
    ready: 'Ready to download.', blocked: (n) => `${n} problem(s) to put right before the download (see Problems).`, noIssue: 'Nothing to download yet: import a file first.',
    notConverted: 'The source cannot be converted; put it right to download (see Problems).',
    feedNone: 'Open the site’s current feed.json to download it with this issue added.',
    feedReady: (n, pos, url) => `feed.json lists ${n} issues; this one is number ${pos} (${url}).`,
    feedBad: (m) => `This feed.json cannot be read: ${m}`,
    images: (n) => `This issue has ${n} picture(s), to put beside the issue JSON:`, download: 'Download', reopen: 'import the file again to download it',
    restored: 'Your unfinished work was restored. Start again to begin afresh.',
    confirmRestart: 'Clear the current work and start again?',
    sourcePlace: (line, where) => `Source line ${line}${where ? ` (${where})` : ''}`,
    notBulletin: 'No masthead or article of a bulletin found in the file.',
    cancel: 'Cancel', notRead: (name) => `${name} could not be read`, cancelled: 'Reading was cancelled.',
    tookTooLong: (s) => `Reading took more than ${s} seconds and was stopped. The file may be damaged or too complex; try another file (the original Word file, for one), or paste its text into Source.`,
    convertTooLong: (s) => `Converting took more than ${s} seconds and was stopped; the converter was restarted.`,
    offer: (name, when) => `There is unfinished work not open in another tab: ${name} (last changed ${when}).`,
    pastedWork: 'pasted text', restoreOffer: 'Restore this work', discardOffer: 'Discard',
    confirmDiscard: 'Discard this unfinished work? It cannot be restored afterwards.', taken: 'This work is now open in another tab.',
  },
};

// What the editor is working on; kept in localStorage on every change.
let state = {
  v: 1, lang: 'zh-CN', text: '', original: null, places: [], fixes: {}, fileName: '', format: '',
  encoding: null, name: '', nameEdited: false, feed: null, feedName: '', imageNames: [],
};
let outcome = null;   // the converter's answer to the current state
let images = [];      // pictures of the opened file: {name, bytes} (not kept across reloads)
let lastGood = null;  // the last issue JSON that converted, shown while the text is broken
let t = TEXT['zh-CN'];

// ---- the converter, in a worker that is restarted when it fails or takes too long -------
// The time limit per conversion, in seconds: the page's `data-time-limit` (index.html: 30),
// read at each request, so that a portal may set another and a test a shorter one. A
// conversion is timed from the moment the worker takes it (it answers in order, so the
// oldest unanswered request) and the converter has started: the wasm's download is not.
const TIME_LIMIT = 30;
function timeLimit() {
  const s = Number(document.body.dataset.timeLimit);
  return s > 0 ? s : TIME_LIMIT;
}
let worker = null;
let workerReady = false;
let nextId = 1;
// The requests not yet answered, oldest first: id → {message, transfer, resolve, reject}.
const waiting = new Map();
let watched = 0;
let watchdog = 0;
const errorOf = (message, how = {}) => Object.assign(new Error(message), how);
function failAll(message) {
  for (const [, p] of waiting) p.reject(errorOf(message, { crashed: true }));
  waiting.clear();
}
function startWorker() {
  worker = new Worker(new URL('worker.js', import.meta.url), { type: 'module' });
  workerReady = false;
  // The converter could not start (a file missing after a partial deployment): nothing
  // waits for an answer that cannot come; the next request tries a fresh worker.
  worker.onerror = (e) => {
    e.preventDefault();
    stopWorker();
    failAll(t.noConverter);
  };
  worker.onmessage = ({ data }) => {
    if (data.ready) {
      workerReady = true;
      watch();
      return;
    }
    const pending = waiting.get(data.id);
    if (!pending) return;
    waiting.delete(data.id);
    if (data.crashed) {
      // A trap: that instance cannot be used again. What failed goes to the console.
      console.warn(`bulletin editor: the converter stopped: ${data.message}`);
      stopWorker();
      failAll(t.crashed);
      pending.reject(errorOf(t.crashed, { crashed: true }));
    } else {
      pending.resolve(data);
      watch();
    }
  };
}
function stopWorker() {
  clearTimeout(watchdog);
  watched = 0;
  worker?.terminate();
  worker = null;
  workerReady = false;
}
/** Times the oldest request: the one the worker is converting. */
function watch() {
  const [first = 0] = waiting.keys();
  if (first === watched) return;
  clearTimeout(watchdog);
  watched = workerReady ? first : 0;
  if (!watched) return;
  const limit = timeLimit();
  const said = waiting.get(first).message.op === 'open' ? t.tookTooLong : t.convertTooLong;
  watchdog = setTimeout(() => abandon(first, errorOf(said(limit), { timedOut: true })), limit * 1000);
}
/** Gives request `id` up (too long, or cancelled): the worker, busy with it and deaf to
 *  anything else, is stopped, and a fresh one started; the requests queued behind it go
 *  to the new one. */
function abandon(id, error) {
  const pending = waiting.get(id);
  if (!pending) return;
  waiting.delete(id);
  const queued = [...waiting];
  waiting.clear();
  stopWorker();
  startWorker();
  pending.reject(error);
  for (const [qid, q] of queued) {
    // A file's bytes went to the stopped worker (transferred): that reading is over too.
    if (q.transfer.length) q.reject(errorOf(t.cancelled, { cancelled: true }));
    else send(qid, q);
  }
}
function send(id, request) {
  if (!worker) startWorker();
  waiting.set(id, request);
  worker.postMessage({ id, ...request.message }, request.transfer);
  watch();
}
/** The worker's answer to `message`; the promise's `id` names the request (for `abandon`). */
function ask(message, transfer = []) {
  const id = nextId++;
  const answer = new Promise((resolve, reject) => send(id, { message, transfer, resolve, reject }));
  answer.id = id;
  return answer;
}

// ---- storage: each tab's own work ---------------------------------------------------------
// A tab's work is a document with an id of its own, kept in sessionStorage (per tab, and kept
// across a reload of it): its state in localStorage under `bulletin-editor:doc:ID`, its
// pictures in the cache under pictures/ID/. While the page is open it holds a Web Lock
// named after its document: a document whose lock no page holds was left by a tab since
// closed, and a tab that has no work of its own offers the most recent such work to restore.
// A duplicated tab (sessionStorage copied, the same id) finds the lock held by its original
// and goes on with a copy under an id of its own. Two open tabs never share a document.
const DOC = 'bulletin-editor:doc:';
const TAB = 'bulletin-editor:tab';
const LANG = 'bulletin-editor:lang';
// The one slot of earlier versions, shared by every tab: moved to a document of its own.
const LEGACY = 'bulletin-editor';
const KEEP_CLOSED = 3;
const KEEP_DAYS = 30;
let doc = '';
// Whether this page holds its document's lock: until it does, saving waits (a duplicated
// tab must not write over its original's work).
let holding = false;
let unsavedChange = false;
const releases = new Map();
let offered = null;

const newDoc = () => (crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);
function tabDoc() {
  try {
    const id = sessionStorage.getItem(TAB);
    if (id && /^[\w-]{8,64}$/.test(id)) return id;
  } catch {
    // No sessionStorage: the work of this page only.
  }
  return setTabDoc(newDoc());
}
function setTabDoc(id) {
  try {
    sessionStorage.setItem(TAB, id);
  } catch {
    // Kept for this page only.
  }
  return id;
}
const hasWork = (s) => Boolean(s.text || s.feed);
function save() {
  if (!holding) {
    unsavedChange = true;
    return;
  }
  if (!hasWork(state)) {
    forget();
    $('unsaved').hidden = true;
    return;
  }
  try {
    localStorage.setItem(DOC + doc, JSON.stringify({ ...state, savedAt: Date.now() }));
    $('unsaved').hidden = true;
  } catch {
    // Storage full or refused (private mode): the work goes on in this tab, and the editor
    // is told that a reload would lose it (an older copy must not seem to be this one).
    forget();
    $('unsaved').textContent = t.unsaved;
    $('unsaved').hidden = false;
  }
}
function forget(id = doc) {
  try {
    localStorage.removeItem(DOC + id);
  } catch {
    // Storage refused altogether: there is nothing kept to forget.
  }
}
function readDoc(id) {
  try {
    const saved = JSON.parse(localStorage.getItem(DOC + id) || 'null');
    if (saved && saved.v === 1 && typeof saved.text === 'string') return saved;
  } catch {
    // Not JSON (written by something else): not a work to restore.
  }
  return null;
}
function restore() {
  const saved = readDoc(doc);
  if (saved) state = { ...state, ...saved };
  return Boolean(saved);
}
function savedLang() {
  try {
    return localStorage.getItem(LANG);
  } catch {
    return null;
  }
}
function saveLang() {
  try {
    localStorage.setItem(LANG, state.lang);
  } catch {
    // The interface language is then this tab's only.
  }
}

/** Holds the lock of document `id` while the page is open. Resolves to whether it got it:
 *  at once (`wait` 0), or within `wait` ms — a reloaded page's lock may be released a
 *  moment after the page is back. True where there are no Web Locks (nothing to tell). */
function lockDoc(id, wait = 0) {
  if (!navigator.locks) return Promise.resolve(true);
  return new Promise((resolve) => {
    const stop = new AbortController();
    if (wait) setTimeout(() => stop.abort(), wait);
    const how = wait ? { signal: stop.signal } : { ifAvailable: true };
    navigator.locks.request(DOC + id, how, (lock) => {
      resolve(Boolean(lock));
      if (!lock) return undefined;
      return new Promise((release) => releases.set(id, release));
    }).catch(() => resolve(false));
  });
}
function unlockDoc(id) {
  releases.get(id)?.();
  releases.delete(id);
}

/** This page's document made its own: its lock held, or, when another page holds it (a
 *  duplicated tab), the work copied to a new document. Then what earlier versions kept is
 *  moved, the work of long-closed tabs removed, and the most recent one offered. */
async function claimDoc() {
  const forked = !(await lockDoc(doc, 3000));
  if (forked) {
    const from = doc;
    doc = setTabDoc(newDoc());
    await lockDoc(doc);
    await copyPictures(from, doc);
    delete $('preview').dataset.json;
    drawPreview();
  }
  holding = true;
  if (unsavedChange || forked) save();
  // Pictures of files this tab had before (kept while the page was open).
  if (state.pictureSet) await dropPictures(doc, state.pictureSet);
  await tidy();
}

/** Every document kept: {id, saved}. */
function keptDocs() {
  const docs = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(DOC)) continue;
      const id = key.slice(DOC.length);
      const saved = readDoc(id);
      if (saved) docs.push({ id, saved });
      else docs.push({ id, saved: null });
    }
  } catch {
    // Storage refused: nothing kept.
  }
  return docs;
}
async function removeDoc(id) {
  forget(id);
  await dropPictures(id);
}
async function tidy() {
  // Without Web Locks, the work of an open tab cannot be told from a closed one's: nothing
  // is offered, and only what is older than KEEP_DAYS removed.
  const locks = navigator.locks;
  const run = async () => {
    await moveLegacy();
    const open = new Set();
    if (locks) {
      const now = await locks.query();
      for (const l of [...now.held, ...now.pending]) open.add(l.name);
    }
    const closed = keptDocs()
      .filter((d) => d.id !== doc && (!locks || !open.has(DOC + d.id)))
      .sort((a, b) => (b.saved?.savedAt || 0) - (a.saved?.savedAt || 0));
    const old = Date.now() - KEEP_DAYS * 864e5;
    let kept = 0;
    offered = null;
    for (const d of closed) {
      const at = d.saved?.savedAt || 0;
      // The issue downloaded after its last change: nothing in it is lost.
      const done = at < old || (locks && (!d.saved || !hasWork(d.saved) || d.saved.downloaded));
      // The newest few, and any saved in the last minute (a tab being reloaded).
      if (done || (locks && kept >= KEEP_CLOSED && at < Date.now() - 60000)) {
        await removeDoc(d.id);
      } else if (locks) {
        kept++;
        offered ??= d;
      }
    }
  };
  try {
    if (locks) await locks.request('bulletin-editor:tidy', run);
    else await run();
  } catch {
    // Storage refused: nothing to tidy.
  }
  showOffer();
}
/** The single slot of earlier versions (every tab's work in one): a document of its own,
 *  offered as the work of a closed tab; its pictures moved under it. */
async function moveLegacy() {
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(LEGACY) || 'null');
  } catch {
    // Not JSON: removed below.
  }
  const id = saved && saved.v === 1 && typeof saved.text === 'string' && hasWork(saved) ? newDoc() : null;
  if (id) localStorage.setItem(DOC + id, JSON.stringify({ ...saved, savedAt: Date.now() }));
  localStorage.removeItem(LEGACY);
  if (!window.caches || !(await caches.has(PICTURES))) return;
  const cache = await caches.open(PICTURES);
  const folder = new URL('pictures/', location.href).href;
  for (const request of await cache.keys()) {
    const name = request.url.startsWith(folder) && request.url.slice(folder.length);
    if (!name || name.includes('/')) continue;
    if (id) await cache.put(`${folder}${id}/${name}`, await cache.match(request));
    await cache.delete(request);
  }
}
function showOffer() {
  const box = $('offer');
  // Offered only to a tab with no work of its own, until it starts some.
  if (!offered || hasWork(state)) {
    box.hidden = true;
    return;
  }
  const s = offered.saved;
  const name = s.fileName || s.name || t.pastedWork;
  const when = new Intl.DateTimeFormat(state.lang, { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(s.savedAt);
  $('offer-text').textContent = t.offer(name, when);
  box.hidden = false;
}
/** The offered work of a closed tab becomes this tab's. */
async function adopt() {
  const d = offered;
  if (!d) return;
  if (!(await lockDoc(d.id))) {
    // Restored in another tab meanwhile: it is that tab's now.
    $('offer-text').textContent = t.taken;
    $('offer-buttons').hidden = true;
    return;
  }
  const saved = readDoc(d.id);
  if (!saved) {
    unlockDoc(d.id);
    await tidy();
    return;
  }
  unlockDoc(doc);
  await removeDoc(doc);
  doc = setTabDoc(d.id);
  offered = null;
  const lang = state.lang;
  state = { ...state, ...saved, lang };
  $('offer').hidden = true;
  $('source').value = state.text;
  describeFile();
  $('restored').textContent = t.restored;
  $('restored').hidden = false;
  $('tab-fields').focus();
  await convert();
}
async function discard() {
  const d = offered;
  if (!d || !window.confirm(t.confirmDiscard)) return;
  if (await lockDoc(d.id)) {
    await removeDoc(d.id);
    unlockDoc(d.id);
  }
  await tidy();
  if ($('offer').hidden) $('file').focus();
}

// ---- pictures: kept in the cache the service worker serves the preview's pictures from ----
const PICTURES = 'bulletin-editor-pictures';
// A file's pictures are at pictures/DOC/SET/NAME, SET new for each file put in (state.pictureSet),
// so that a new file's pictures never take the URLs the preview has shown another's at;
// the work of earlier versions has its pictures at pictures/DOC/NAME.
const pictureUrl = (image, id = doc, set = state.pictureSet) => new URL(`pictures/${id}/${set ? `${set}/` : ''}${encodeURIComponent(image)}`, location.href).href;
/** The pictures of document `id` in the cache: {cache, request, name} (name: past pictures/ID/). */
async function picturesOf(id) {
  if (!window.caches || !(await caches.has(PICTURES))) return [];
  const cache = await caches.open(PICTURES);
  const folder = pictureUrl('', id, '');
  return (await cache.keys()).filter((r) => r.url.startsWith(folder)).map((r) => ({ cache, request: r, name: r.url.slice(folder.length) }));
}
/** Removes the pictures of document `id`, all of them or all but those of `set`. */
async function dropPictures(id, set = '') {
  try {
    const keep = set && pictureUrl('', id, set);
    for (const { cache, request } of await picturesOf(id)) {
      if (!keep || !request.url.startsWith(keep)) await cache.delete(request);
    }
  } catch {
    // No cache here: nothing kept.
  }
}
async function copyPictures(from, to) {
  try {
    for (const { cache, request, name } of await picturesOf(from)) await cache.put(`${pictureUrl('', to, '')}${name}`, await cache.match(request));
  } catch {
    // No cache here: the preview shows the pictures' descriptions only.
  }
}
/** Keeps the pictures of a file put in; resolves to their SET. The file of before's go a
 *  little later (the preview shows them until it shows the new file), or at the next load. */
async function keepPictures(list) {
  const set = Date.now().toString(36);
  if (!window.caches) return set;
  try {
    const cache = await caches.open(PICTURES);
    for (const image of list) {
      const type = /\.png$/i.test(image.name) ? 'image/png' : /\.gif$/i.test(image.name) ? 'image/gif' : /\.svg$/i.test(image.name) ? 'image/svg+xml' : 'image/jpeg';
      await cache.put(pictureUrl(image.name, doc, set), new Response(image.bytes, { headers: { 'content-type': type } }));
    }
    const id = doc;
    setTimeout(() => dropPictures(id, set), 10000);
  } catch {
    // No cache here (storage refused): the preview shows the pictures' descriptions only.
  }
  return set;
}
async function pictureBytes(image) {
  const kept = images.find((i) => i.name === image);
  if (kept) return kept.bytes;
  const found = window.caches && await caches.match(pictureUrl(image));
  return found ? new Uint8Array(await found.arrayBuffer()) : null;
}
/** The JSON the preview shows: the issue, its pictures at the URLs the worker serves. */
function previewJson(json, pictures) {
  if (!pictures.length) return json;
  const issue = JSON.parse(json);
  for (const block of issue.articles.flatMap((a) => a.blocks)) {
    const picture = block.type === 'image' && pictures.find((p) => p.file === block.src);
    if (picture) block.src = pictureUrl(picture.image);
  }
  return JSON.stringify(issue);
}
let waitedForWorker = false;
async function controlled() {
  if (!navigator.serviceWorker || navigator.serviceWorker.controller || waitedForWorker) return;
  waitedForWorker = true;
  await Promise.race([
    new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })),
    new Promise((resolve) => setTimeout(resolve, 3000)),
  ]);
}

// ---- interface language -----------------------------------------------------------------
function applyLanguage() {
  t = TEXT[state.lang] || TEXT['zh-CN'];
  document.documentElement.lang = state.lang;
  document.title = `${t.title} · ${state.lang === 'en' ? 'Bulletin' : '简报'}`;
  for (const el of document.querySelectorAll('[data-t]')) {
    if (typeof t[el.dataset.t] === 'string') el.textContent = t[el.dataset.t];
  }
  for (const el of document.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', t[el.dataset.tLabel]);
  // How the source is written, in the interface language (rendered as text).
  const guide = $('source-guide-list');
  guide.replaceChildren();
  for (const [markup, meaning] of t.sourceGuide) {
    const dt = document.createElement('dt');
    dt.append(Object.assign(document.createElement('code'), { textContent: markup }));
    const dd = document.createElement('dd');
    dd.textContent = meaning;
    guide.append(dt, dd);
  }
  $('lang').value = state.lang;
  $('preview').setAttribute('lang', state.lang);
}

// ---- places -----------------------------------------------------------------------------
function placeText(place) {
  if (!place) return '';
  if (place.page) return t.page(place.page, place.line);
  if (place.paragraph) return t.paragraph(place.paragraph);
  if (place.line) return t.fileLine(place.line);
  return '';
}
function where(item) {
  const parts = [];
  if (item.line) parts.push(t.line(item.line));
  // A text file's lines are the source's lines: said once.
  if (item.place && !(state.format === 'text' && item.place.line === item.line && !item.place.page)) parts.push(placeText(item.place));
  return parts.join(' · ');
}

// ---- reading a file ---------------------------------------------------------------------
// The file being read: {name, id} (id: its request to the worker, once sent).
let reading = null;
async function openFile(file) {
  // A file put in while another is read replaces it.
  cancelReading(false);
  const mine = { name: file.name, id: 0 };
  reading = mine;
  $('failure').hidden = true;
  $('offer').hidden = true;
  $('file-status').textContent = t.reading(file.name);
  $('cancel').hidden = false;
  let answer;
  try {
    const bytes = await file.arrayBuffer();
    if (reading !== mine) return;
    const asked = ask({ op: 'open', bytes, lang: state.lang === 'en' ? 'en' : 'zh' }, [bytes]);
    mine.id = asked.id;
    answer = await asked;
  } catch (e) {
    // Cancelled (said by cancelReading), or replaced by another file: nothing to say.
    if (reading !== mine) return;
    endReading();
    if (e.timedOut) showFailure(file.name, { message: e.message }, t.notRead(file.name));
    else showFailure(file.name, { message: String(e.message) });
    // The status line says again what is being edited (the work of before, if any).
    describeFile();
    return;
  }
  if (reading !== mine) return;
  endReading();
  const opened = answer.result;
  if (!opened.ok) {
    showFailure(file.name, opened);
    describeFile();
    return;
  }
  generation++;
  droppedFixes = [];
  lastGood = null;
  previewPictures = [];
  delete $('preview').dataset.json;
  images = answer.images;
  const pictureSet = await keepPictures(images);
  state = {
    ...state, fixBase: {}, pictureSet, imageNames: images.map((i) => i.name), text: opened.text, original: opened.text, places: opened.places, fixes: {},
    fileName: file.name, format: opened.format, encoding: opened.encoding, nameEdited: false, downloaded: false,
    name: file.name.replace(/\.(docx|pdf|ofd|txt)$/i, ''),
  };
  $('source').value = state.text;
  describeFile();
  await convert();
}

/** The reading of a file, over: its 取消 goes (the focus, if there, to the file button). */
function endReading() {
  reading = null;
  const cancel = $('cancel');
  const focused = document.activeElement === cancel;
  cancel.hidden = true;
  if (focused) $('file').focus();
}

/** Stops the file being read (its worker stopped, a fresh one started); `say`: the page
 *  says it was not read (取消), else it is replaced without a word. */
function cancelReading(say = true) {
  const r = reading;
  if (!r) return;
  endReading();
  if (r.id) abandon(r.id, errorOf(t.cancelled, { cancelled: true }));
  if (!say) return;
  describeFile();
  showFailure(r.name, { message: t.cancelled }, t.notRead(r.name));
}

function describeFile() {
  if (!state.fileName && !state.text) {
    $('file-status').textContent = '';
    return;
  }
  if (!state.fileName) {
    $('file-status').textContent = t.pasted;
    return;
  }
  let s = t.opened(state.fileName, t.formats[state.format] || t.formats.text);
  if (state.encoding) s += t.encoding(state.encoding);
  $('file-status').textContent = s + t.stop;
}

function showFailure(name, failure, said = t.failed(name)) {
  const box = $('failure');
  box.replaceChildren();
  const head = document.createElement('p');
  head.className = 'ed-failure-head';
  head.textContent = said;
  const body = document.createElement('p');
  const at = placeText(failure.place);
  body.textContent = at ? `${at}: ${failure.message}` : failure.message;
  box.append(head, body);
  box.hidden = false;
}

// ---- converting -------------------------------------------------------------------------
let converting = null;
let again = false;
// Bumped by a new file and by 重新开始: an answer to an older generation is dropped.
let generation = 0;
// The converted value each fix was made against: a fix whose field the source has since
// changed under it (an article added above it, its line rewritten) no longer applies.
function fixBases() {
  state.fixBase = state.fixBase || {};
  return state.fixBase;
}
async function convert() {
  // One conversion at a time; changes made meanwhile are converted right after.
  if (converting) {
    again = true;
    return converting;
  }
  converting = (async () => {
    do {
      again = false;
      const input = {
        text: state.text,
        fixes: state.fixes,
        places: state.text === state.original ? state.places : [],
        lang: state.lang === 'en' ? 'en' : 'zh',
        // Pictures are named after the issue file, as `bulletin convert -o NAME.json` does.
        name: fileName(),
        images: state.imageNames || [],
      };
      const asked = generation;
      let answer;
      try {
        answer = (await ask({ op: 'update', input })).result;
      } catch (e) {
        answer = { problems: [{ message: String(e.message) }] };
      }
      if (asked !== generation) continue;
      outcome = { json: null, fields: [], repairs: [], problems: [], stale: [], pictures: [], ...answer };
      if (answer.ok === false) outcome.problems = [{ message: answer.message }];
      const dropped = [];
      const bases = fixBases();
      for (const path of outcome.stale) dropped.push(path);
      for (const f of outcome.fields) {
        if (f.path in state.fixes && f.path in bases && bases[f.path] !== f.converted) dropped.push(f.path);
      }
      for (const path of dropped) {
        if (!(path in state.fixes)) continue;
        const label = outcome.fields.find((f) => f.path === path)?.label || path;
        droppedFixes.push(`${label}「${state.fixes[path]}」`);
        delete state.fixes[path];
        delete bases[path];
      }
      if (dropped.length) {
        again = true;
        continue;
      }
      if (!state.nameEdited && outcome.name && !state.fileName) state.name = outcome.name;
      // A file that gives no issue at all is said at once, where it was put in.
      if (!outcome.json && !lastGood && state.fileName && outcome.problems.length) showFailure(state.fileName, outcome.problems[0]);
      else if (outcome.json) $('failure').hidden = true;
      $('dropped').textContent = droppedFixes.length ? t.dropped(droppedFixes.join(state.lang === 'en' ? '; ' : '，')) : '';
      $('dropped').hidden = !droppedFixes.length;
      save();
      await draw();
    } while (again);
  })();
  try {
    await converting;
  } finally {
    converting = null;
  }
}

let droppedFixes = [];
let timer = 0;
let pendingEdit = false;
function convertSoon() {
  state.downloaded = false;
  save();
  clearTimeout(timer);
  pendingEdit = true;
  timer = setTimeout(() => {
    pendingEdit = false;
    convert();
  }, 250);
}
/** Every edit made so far converted: what a download must wait for. */
async function settled() {
  if (pendingEdit) {
    clearTimeout(timer);
    pendingEdit = false;
    await convert();
  }
  while (converting) await converting;
}

// ---- drawing ----------------------------------------------------------------------------
async function draw() {
  drawFields();
  drawRepairs();
  drawProblems();
  await drawPreview();
  drawDownloads();
  await drawFeed();
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
}

function fieldId(path) {
  return `f-${path.replace(/[^a-zA-Z0-9-]/g, '_')}`;
}

function drawFields() {
  const form = $('fields');
  const fields = outcome?.fields || [];
  $('fields-empty').hidden = fields.length > 0;
  // Keep the field being typed in: rebuild only when the set of fields changed.
  const paths = fields.map((f) => f.path).join('|');
  const errors = new Map();
  for (const p of outcome?.problems || []) if (p.field) errors.set(p.field, p.message);
  if (form.dataset.paths !== paths) {
    form.dataset.paths = paths;
    form.replaceChildren();
    const groups = { masthead: t.masthead, article: t.articles, footer: t.footer };
    for (const [group, legend] of Object.entries(groups)) {
      const list = fields.filter((f) => f.group === group);
      if (!list.length) continue;
      const set = el('fieldset', { class: 'ed-group' }, el('legend', {}, legend));
      for (const f of list) set.append(fieldRow(f));
      form.append(set);
    }
  }
  for (const f of fields) {
    const input = $(fieldId(f.path));
    if (!input) continue;
    const fixed = Object.prototype.hasOwnProperty.call(state.fixes, f.path);
    if (document.activeElement !== input) input.value = fixed ? state.fixes[f.path] : f.value;
    const row = input.closest('.ed-field');
    row.classList.toggle('ed-fixed', fixed);
    const was = row.querySelector('.ed-was');
    was.hidden = !fixed;
    was.querySelector('.ed-was-text').textContent = `${t.was}：${f.converted || t.none}`;
    const error = errors.get(f.path);
    const msg = row.querySelector('.ed-error');
    msg.textContent = error || '';
    msg.hidden = !error;
    // Only the notes that show are read with the field.
    const notes = [fixed && `${fieldId(f.path)}-was`, error && `${fieldId(f.path)}-error`].filter(Boolean).join(' ');
    if (notes) input.setAttribute('aria-describedby', notes);
    else input.removeAttribute('aria-describedby');
    if (error) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

function fieldRow(f) {
  const id = fieldId(f.path);
  // What the converter found for this field now (the source may have changed since).
  const converted = () => outcome?.fields?.find((x) => x.path === f.path)?.converted ?? f.converted;
  const input = el('input', {
    id, class: 'ed-input', autocomplete: 'off', spellcheck: 'false', 'data-path': f.path,
    oninput: (e) => {
      const value = e.target.value;
      // Typing the converted value again is no fix.
      if (value === converted()) {
        delete state.fixes[f.path];
        delete fixBases()[f.path];
      } else {
        state.fixes[f.path] = value;
        if (!(f.path in fixBases())) fixBases()[f.path] = converted();
      }
      convertSoon();
    },
  });
  const undo = el('button', {
    type: 'button', class: 'ed-undo',
    onclick: () => {
      delete state.fixes[f.path];
      delete fixBases()[f.path];
      input.value = converted();
      convertSoon();
      input.focus();
    },
  }, t.undo);
  return el('div', { class: 'ed-field' },
    el('label', { for: id }, f.label),
    input,
    el('p', { class: 'ed-was', id: `${id}-was`, hidden: true }, el('span', { class: 'ed-was-text' }), ' ', undo),
    el('p', { class: 'ed-error', id: `${id}-error`, hidden: true }));
}

function drawRepairs() {
  const repairs = outcome?.repairs || [];
  $('repair-count').textContent = String(repairs.length);
  const box = $('repairs');
  box.replaceChildren();
  const kinds = Object.keys(t.kinds);
  for (const kind of kinds) {
    const list = repairs.filter((r) => r.kind === kind);
    if (!list.length) continue;
    const items = el('ol', { class: 'ed-repair-list' });
    for (const r of list) {
      items.append(el('li', {}, el('button', {
        type: 'button', class: 'ed-repair', onclick: () => showInSource(r.line, r.place),
      },
      el('span', { class: 'ed-where' }, where(r)),
      el('span', { class: 'ed-before', lang: 'zh-CN' }, r.before),
      el('span', { class: 'ed-arrow', 'aria-label': state.lang === 'en' ? 'becomes' : '改为' }, '→'),
      el('span', { class: 'ed-after', lang: 'zh-CN' }, r.after))));
    }
    box.append(el('details', { class: 'ed-kind', open: list.length <= 20, 'data-kind': kind },
      el('summary', {}, `${t.kinds[kind]}（${list.length}）`), items));
  }
}

function drawProblems() {
  const problems = outcome?.problems || [];
  $('problem-count').textContent = String(problems.length);
  $('tab-problems').classList.toggle('ed-has-problems', problems.length > 0);
  $('problems-none').hidden = problems.length > 0;
  const list = $('problems');
  list.replaceChildren();
  for (const p of problems) {
    const at = where(p);
    list.append(el('li', {}, el('button', {
      type: 'button', class: 'ed-problem', onclick: () => showProblem(p),
    }, at ? el('span', { class: 'ed-where' }, at) : null, el('span', {}, p.message))));
  }
}

let previewUrl = null;
let previewPictures = [];
async function drawPreview() {
  if (outcome?.json) {
    lastGood = outcome.json;
    previewPictures = outcome.pictures || [];
  }
  const json = lastGood;
  const viewer = $('preview');
  $('preview-empty').hidden = Boolean(json);
  viewer.hidden = !json;
  if (!json) return;
  // The pictures' URLs name the tab's document: a duplicated tab's change with its copy.
  if (viewer.dataset.json === json && viewer.dataset.doc === doc) return;
  viewer.dataset.json = json;
  viewer.dataset.doc = doc;
  // The pictures come from the service worker: wait for it to take the page the first time.
  if (previewPictures.length) await controlled();
  const old = previewUrl;
  previewUrl = URL.createObjectURL(new Blob([previewJson(json, previewPictures)], { type: 'application/json' }));
  viewer.setAttribute('src', previewUrl);
  if (old) setTimeout(() => URL.revokeObjectURL(old), 10000);
}

function blockingReason() {
  if (!outcome) return t.noIssue;
  if (!outcome.json) return state.text.trim() ? t.notConverted : t.noIssue;
  if (outcome.problems.length) return t.blocked(outcome.problems.length);
  return '';
}

function drawDownloads() {
  const reason = blockingReason();
  $('download-json').disabled = Boolean(reason);
  $('download-html').disabled = Boolean(reason);
  $('why').textContent = reason || t.ready;
  $('why').classList.toggle('ed-why-ok', !reason);
  if (document.activeElement !== $('name')) $('name').value = state.name;
  const pictures = outcome?.json ? outcome.pictures || [] : [];
  const box = $('images');
  box.hidden = pictures.length === 0;
  box.replaceChildren();
  if (pictures.length) {
    box.append(el('p', {}, t.images(pictures.length)));
    const ul = el('ul', {});
    for (const picture of pictures) {
      ul.append(el('li', {}, picture.file, ' ', el('button', {
        type: 'button', class: 'ed-button ed-small', 'aria-label': `${t.download} ${picture.file}`,
        onclick: async (e) => {
          const bytes = await pictureBytes(picture.image);
          if (bytes) download(bytes, picture.file, 'application/octet-stream');
          else e.target.replaceWith(el('span', { class: 'ed-why' }, t.reopen));
        },
      }, t.download)));
    }
    box.append(ul);
  }
}

let feedResult = null;
async function drawFeed() {
  const status = $('feed-status');
  feedResult = null;
  if (!state.feed) {
    status.textContent = t.feedNone;
    $('download-feed').disabled = true;
    return;
  }
  if (!outcome?.json || blockingReason()) {
    status.textContent = `${state.feedName}: ${blockingReason()}`;
    $('download-feed').disabled = true;
    return;
  }
  let answer;
  try {
    answer = (await ask({ op: 'feed', feed: state.feed, issue: outcome.json, name: `${fileName()}.json`, lang: state.lang === 'en' ? 'en' : 'zh' })).result;
  } catch (e) {
    answer = { ok: false, message: String(e.message) };
  }
  if (!answer.ok) {
    // A name that cannot be a URL is said as it is; a feed that cannot be read, as such.
    status.textContent = answer.name ? answer.message : t.feedBad(answer.message);
    $('download-feed').disabled = true;
    return;
  }
  feedResult = answer;
  const feed = JSON.parse(answer.json);
  const position = feed.issues.findIndex((e) => e.url === answer.url) + 1;
  status.textContent = t.feedReady(feed.issues.length, position, answer.url);
  $('download-feed').disabled = false;
}

function fileName() {
  const name = (state.name || outcome?.name || 'issue').trim().replace(/\.json$/i, '');
  // A name that works in a URL and on any file system.
  return name.replace(/[\\/:*?"<>|#%\s]+/g, '-') || 'issue';
}

function download(data, name, type) {
  const url = URL.createObjectURL(data instanceof Blob ? data : new Blob([data], { type }));
  const a = el('a', { href: url, download: name, class: 'ed-visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ---- showing a place --------------------------------------------------------------------
function selectTab(id, focus = false) {
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const on = tab.id === id;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    $(tab.getAttribute('aria-controls')).hidden = !on;
    if (on && focus) tab.focus();
  }
}

function showInSource(line, place) {
  if (!line) return;
  selectTab('tab-source');
  const source = $('source');
  const lines = source.value.split('\n');
  const n = Math.min(Math.max(line, 1), lines.length);
  const start = lines.slice(0, n - 1).reduce((s, l) => s + l.length + 1, 0);
  const end = start + lines[n - 1].length;
  source.focus();
  source.setSelectionRange(start, end);
  // Chromium and Firefox scroll to the selection when the field regains focus.
  source.blur();
  source.focus();
  // A text file's lines are the source's own: its place is said once.
  $('source-place').textContent = t.sourcePlace(n, state.format === 'text' ? '' : placeText(place));
}

function showInPreview(target) {
  const viewer = $('preview');
  const root = viewer.shadowRoot;
  if (!root || !target) return;
  let node = null;
  if (target.article) node = root.getElementById(target.article) || root.querySelector(`[id$="${CSS.escape(target.article)}"]`);
  else if (target.part === 'masthead') node = root.querySelector('.bv-masthead');
  else if (target.part === 'footer') node = root.querySelector('.bv-footer');
  if (!node) return;
  node.scrollIntoView({ block: 'start' });
  // The place, outlined for a moment (a style property: allowed under the strict policy).
  node.style.outline = '3px solid #d4380d';
  node.style.outlineOffset = '4px';
  setTimeout(() => { node.style.outline = ''; node.style.outlineOffset = ''; }, 2500);
  viewer.dataset.shown = target.article || target.part;
}

function showProblem(p) {
  const part = p.field?.startsWith('masthead') || p.path?.startsWith('masthead') ? 'masthead'
    : p.field?.startsWith('footer') || p.path?.startsWith('footer') ? 'footer' : null;
  showInPreview({ article: p.article, part });
  if (p.field && $(fieldId(p.field))) {
    selectTab('tab-fields');
    $(fieldId(p.field)).focus();
  } else if (p.line) {
    showInSource(p.line, p.place);
  } else if (p.article) {
    // Inside an article (a picture's description, a table cell): its heading in the source.
    const line = articleLine(p.article);
    if (line) showInSource(line, state.text === state.original ? state.places[line - 1] : null);
  }
}

/** The line of article `a-N`'s heading in the source: the N-th `## ` heading after 要目. */
function articleLine(id) {
  const n = Number(id.replace(/^a-/, ''));
  let seen = 0;
  const lines = $('source').value.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*##(?!#)\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    const compact = m[1].replace(/\s/g, '');
    if (seen === 0 && (compact === '要目' || compact === '本期要目')) continue;
    seen++;
    if (seen === n) return i + 1;
  }
  return 0;
}

// ---- events -----------------------------------------------------------------------------
function wire() {
  $('file').addEventListener('change', (e) => {
    const [file] = e.target.files;
    if (file) openFile(file);
    e.target.value = '';
  });
  const drop = $('drop');
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add('ed-over'); });
  }
  drop.addEventListener('dragleave', () => drop.classList.remove('ed-over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('ed-over');
    const [file] = e.dataTransfer.files;
    if (file) openFile(file);
  });
  // A file dropped anywhere else must not replace the page with itself.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());

  $('paste').addEventListener('click', () => {
    selectTab('tab-source');
    $('source').focus();
  });
  $('source').addEventListener('input', (e) => {
    state.text = e.target.value;
    $('offer').hidden = true;
    if (!state.fileName) state.format = 'text';
    describeFile();
    convertSoon();
  });

  const tabs = [...document.querySelectorAll('[role=tab]')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => selectTab(tab.id));
    tab.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(tab);
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      selectTab(tabs[(to + tabs.length) % tabs.length].id, true);
    });
  }

  for (const [id, wide] of [['width-phone', false], ['width-desktop', true]]) {
    $(id).addEventListener('click', () => {
      $('frame').classList.toggle('ed-phone', !wide);
      $('width-phone').setAttribute('aria-pressed', String(!wide));
      $('width-desktop').setAttribute('aria-pressed', String(wide));
    });
  }

  $('name').addEventListener('input', (e) => {
    state.name = e.target.value;
    state.nameEdited = true;
    convertSoon();
  });
  $('download-json').addEventListener('click', async () => {
    await settled();
    if (!outcome?.json || blockingReason()) return;
    download(outcome.json, `${fileName()}.json`, 'application/json');
    // Downloaded as it is: a closed tab's work that has nothing more is not offered again.
    state.downloaded = true;
    save();
  });
  $('download-html').addEventListener('click', async () => {
    await settled();
    if (!outcome?.json || blockingReason()) return;
    let html;
    try {
      html = (await ask({ op: 'page', issue: outcome.json })).result;
    } catch (e) {
      $('why').textContent = e.message;
      $('why').classList.remove('ed-why-ok');
      return;
    }
    download(html, `${fileName()}.html`, 'text/html');
  });
  $('feed-file').addEventListener('change', async (e) => {
    const [file] = e.target.files;
    e.target.value = '';
    if (!file) return;
    state.feed = await file.text();
    state.feedName = file.name;
    $('offer').hidden = true;
    save();
    await drawFeed();
  });
  $('download-feed').addEventListener('click', async () => {
    await settled();
    await drawFeed();
    if (feedResult) download(feedResult.json, 'feed.json', 'application/json');
  });

  $('lang').addEventListener('change', (e) => {
    state.lang = e.target.value;
    save();
    saveLang();
    applyLanguage();
    showOffer();
    $('fields').dataset.paths = '';
    describeFile();
    convert();
  });
  $('cancel').addEventListener('click', () => cancelReading());
  $('offer-restore').addEventListener('click', adopt);
  $('offer-discard').addEventListener('click', discard);
  $('restart').addEventListener('click', () => {
    if (state.text && !window.confirm(t.confirmRestart)) return;
    cancelReading(false);
    const lang = state.lang;
    generation++;
    clearTimeout(timer);
    pendingEdit = false;
    droppedFixes = [];
    forget();
    state = { v: 1, lang, text: '', original: null, places: [], fixes: {}, fileName: '', format: '', encoding: null, name: '', nameEdited: false, feed: null, feedName: '', imageNames: [] };
    outcome = null;
    lastGood = null;
    images = [];
    dropPictures(doc);
    $('source').value = '';
    $('restored').hidden = true;
    $('failure').hidden = true;
    $('dropped').hidden = true;
    previewPictures = [];
    $('preview').removeAttribute('src');
    delete $('preview').dataset.json;
    describeFile();
    draw();
    $('file').focus();
  });
}

function main() {
  // Offline once loaded, and the preview's pictures (sw.js); the page works without it.
  navigator.serviceWorker?.register('sw.js').catch(() => {});
  doc = tabDoc();
  const preferred = savedLang();
  if (preferred === 'en' || preferred === 'zh-CN') state.lang = preferred;
  const restored = restore();
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'zh-CN') state.lang = asked;
  applyLanguage();
  startWorker();
  wire();
  $('source').value = state.text;
  describeFile();
  if (restored && state.text) {
    $('restored').textContent = t.restored;
    $('restored').hidden = false;
    convert();
  } else {
    draw();
  }
  claimDoc();
}

main();
