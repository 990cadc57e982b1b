//! 往期检索: a search index over every issue of a feed, as static files beside it
//! (`bulletin feed DIR -o feed.json` writes `search/`), and the query side the viewer runs.
//!
//! **Units.** Text is read as the in-issue search reads it ([`fold`]: full-width forms as
//! ASCII, Latin in lower case), then cut into units: each Chinese character (or any other
//! character that is neither punctuation nor space) is a unit, and each run of Latin letters
//! and digits is one unit (a token: `2024`, `opensearch`). Spaces and punctuation separate
//! units. Fields never join.
//!
//! **Terms.** An article (a document) is indexed under every token it holds and every pair of
//! adjacent units (a bigram: 人大, 第 18, 18 期). No word segmenter is needed: any run of two
//! or more units is found through its bigrams.
//!
//! **Queries.** A query is cut into segments at spaces and punctuation, each a run of units;
//! an article matches when it holds every segment as a run of units (Latin and digits whole:
//! 18 does not find 2018). A query of one segment of two units (代表, 第 18) or one token is
//! answered by its posting list alone: the list is exactly the articles that hold it. A longer
//! one fetches the bigrams that cover it and checks the articles they have in common against
//! their text, so no article is shown that does not hold it, and none is missed.
//!
//! **Files.** Terms are spread over `buckets` shards by a hash of the term; a query fetches
//! only the shards of its terms. Posting lists are article numbers, newest issue first, as
//! gaps in a base-32 varint written with URL-safe characters. Every file is named by a hash of
//! its content, so it caches as the viewer's files do; the feed names the manifest.

use crate::model::json::{self, fields, list, missing, string, u32_of, At, Kind, Read, Value};
use crate::model::{parse_error, Issue, ParseError, MAX_ARTICLES};
use crate::search::{fields as issue_fields, fold, Field};
use std::collections::{HashMap, HashSet};

/// The `schema_version` of the index manifest this build reads and writes.
pub const INDEX_VERSION: u32 = 1;
/// Tokens longer than this (in characters) are indexed by their first this many: a query
/// holding one is checked against the text.
pub const MAX_TOKEN: usize = 32;
/// The most terms a query fetches (the covering bigrams of a long query are thinned).
pub const MAX_TERMS: usize = 8;
/// The size a shard is aimed at, in bytes of posting lists.
pub const SHARD_TARGET: usize = 24 * 1024;
/// Terms that occur at most this often in the archive keep their positions, so that a
/// query made of them is exact without the text (one round trip fewer); commoner ones keep
/// the articles only (their positions would cost more bytes than the trip).
pub const RARE: u32 = 1000;

/// Whether a folded character is a space, punctuation or a control: what separates units.
fn separates(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || c.is_control()
        || matches!(c as u32,
            0x00A0..=0x00BF | 0x00D7 | 0x00F7 | 0x2000..=0x206F | 0x2190..=0x21FF
            | 0x2500..=0x27BF | 0x3000..=0x3004 | 0x3008..=0x3020 | 0x3030 | 0x303D
            | 0x30FB | 0xFE10..=0xFE1F | 0xFE30..=0xFE6F | 0xFF5F..=0xFF65 | 0xFFFD)
}

/// One unit of a text: its bytes in the (unfolded) text, whether it is a token (Latin and
/// digits), and whether it follows the previous unit with nothing between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset past its last character.
    pub end: usize,
    /// A run of Latin letters and digits.
    pub token: bool,
    /// Adjacent to the unit before it.
    pub joined: bool,
}

/// The units of a text, in order.
pub fn units(text: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut gap = true;
    for (i, c) in text.char_indices() {
        let f = fold(c);
        let end = i + c.len_utf8();
        if separates(f) {
            gap = true;
            continue;
        }
        let token = f.is_ascii_alphanumeric();
        match out.last_mut() {
            Some(last) if !gap && token && last.token => last.end = end,
            _ => out.push(Unit {
                start: i,
                end,
                token,
                joined: !gap,
            }),
        }
        gap = false;
    }
    out
}

/// Appends a unit's key (its folded text; a token cut at [`MAX_TOKEN`]) to `key`.
fn push_key(key: &mut String, text: &str, u: &Unit) {
    key.extend(text[u.start..u.end].chars().take(MAX_TOKEN).map(fold));
}

/// A unit's whole folded text, as the text check compares it.
fn full_key(text: &str, u: &Unit) -> String {
    text[u.start..u.end].chars().map(fold).collect()
}

/// The key of a bigram: the two units' keys, with a space between when one is a token (two
/// Chinese characters need none: a unit is one character).
fn push_pair(key: &mut String, text: &str, a: &Unit, b: &Unit) {
    push_key(key, text, a);
    if a.token || b.token {
        key.push(' ');
    }
    push_key(key, text, b);
}

/// The shard a term is kept in: FNV-1a of its UTF-8 bytes, modulo the bucket count (a power
/// of two).
pub fn shard_of(term: &str, buckets: u32) -> usize {
    (fnv(term.as_bytes()) as u32 & buckets.saturating_sub(1)) as usize
}

/// FNV-1a, 64 bits.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

// ---- posting lists ----

/// The 64 characters of the varint: 0–31 end a number, 32–63 say more follow.
const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Appends a number as a varint.
fn push_number(out: &mut String, mut n: u32) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(DIGITS[low] as char);
            return;
        }
        out.push(DIGITS[low + 32] as char);
    }
}

/// Writes ascending article numbers as gaps.
pub fn encode(docs: &[u32]) -> String {
    let mut list = Posting::default();
    for &d in docs {
        list.add(d, None);
    }
    list.finish()
}

/// A posting list being built: the articles as gap text (about a byte per article and term,
/// not the four of a number), how often the term occurred, and while it is rare
/// (≤ [`RARE`]) each article's positions.
#[derive(Default)]
struct Posting {
    text: String,
    last: Option<u32>,
    count: u32,
    positions: Option<Vec<(u32, Vec<u32>)>>,
}

impl Posting {
    /// A list that keeps positions while the term is rare.
    fn positional() -> Posting {
        Posting {
            positions: Some(Vec::new()),
            ..Posting::default()
        }
    }

    /// Adds an occurrence in article `d` (not below the last one), at `pos`.
    fn add(&mut self, d: u32, pos: Option<u32>) {
        self.count += 1;
        if self.count > RARE {
            self.positions = None;
        }
        if let (Some(list), Some(pos)) = (self.positions.as_mut(), pos) {
            match list.last_mut() {
                Some((doc, ps)) if *doc == d => ps.push(pos),
                _ => list.push((d, vec![pos])),
            }
        }
        let gap = match self.last {
            None => d,
            Some(l) if l == d => return,
            Some(l) => d - l - 1,
        };
        self.last = Some(d);
        push_number(&mut self.text, gap);
    }

    /// The list's text: the article gaps; or, with positions, `.` and for each article its
    /// gap, its count of positions and their gaps.
    fn finish(self) -> String {
        let Some(list) = self.positions else {
            return self.text;
        };
        let mut out = String::from(".");
        let mut prev: Option<u32> = None;
        for (d, ps) in list {
            push_number(&mut out, prev.map_or(d, |p| d - p - 1));
            prev = Some(d);
            push_number(&mut out, ps.len() as u32);
            let mut last: Option<u32> = None;
            for p in ps {
                push_number(&mut out, last.map_or(p, |l| p - l - 1));
                last = Some(p);
            }
        }
        out
    }
}

/// The value of a varint character: 0–31 end a number, 32–63 say more follow.
fn digit_of(b: u8) -> Option<u32> {
    let d = match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'z' => b - b'a' + 10,
        b'A'..=b'Z' => b - b'A' + 36,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(d))
}

/// Why a posting list or a shard was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// It is not one as [`build`] writes it: a character that is not a varint digit, a
    /// number that does not end, a shard that is not a JSON object of posting lists. The
    /// viewer names such a shard and searches with the others (the text check keeps the
    /// results exact).
    Unreadable,
    /// It reads, but its numbers do not add up: the whole index is refused.
    Refused(Refusal),
}

/// How an index does not add up: what the viewer says when it refuses one (往期检索不可用),
/// while the issue stays readable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The manifest says that an issue (its place in the manifest) holds more articles than
    /// an issue may ([`MAX_ARTICLES`], a limit of validation, which `bulletin feed` keeps).
    Articles {
        /// The issue's place in the manifest.
        issue: usize,
        /// The articles it claims.
        claimed: u32,
    },
    /// The manifest's issues add up to more articles than article numbers count.
    Total {
        /// The sum of their articles.
        claimed: u64,
    },
    /// A posting list names an article past the manifest's count of articles.
    PastTheEnd {
        /// The article number.
        doc: u64,
        /// The manifest's count.
        total: u32,
    },
    /// A posting list's counts are not what it holds: a count of positions past its end or
    /// of none, more positions than a rare term has ([`RARE`]), a number past 2³² − 1.
    Counts,
}

/// What a posting list's next number is, for a list with positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Next {
    /// The gap to the next article.
    Gap,
    /// Its count of positions.
    Count,
    /// A position's gap; this many left.
    Position(u32),
}

/// A posting list being read, a character at a time (so that a long one can be read in
/// slices): every article number is checked against `bound`, every count against what the
/// list holds; nothing is allocated by a count the list claims.
#[derive(Clone, Debug)]
struct ListRead {
    /// Article numbers are below this.
    bound: u64,
    /// The number being read, its shift, whether it has begun.
    value: u32,
    shift: u32,
    open: bool,
    /// With positions: what the next number is; without: None.
    next: Option<Next>,
    /// The last article (as read so far), and the last position of it.
    last: Option<u32>,
    last_position: Option<u32>,
    /// Positions read in all.
    positions_read: u32,
    /// Whether the list is kept (else only checked).
    keep: bool,
    list: List,
}

impl ListRead {
    fn new(positional: bool, bound: u64) -> ListRead {
        ListRead::of(positional, bound, true)
    }

    /// A list read and checked, and kept if `keep`.
    fn of(positional: bool, bound: u64, keep: bool) -> ListRead {
        ListRead {
            bound,
            value: 0,
            shift: 0,
            open: false,
            next: positional.then_some(Next::Gap),
            last: None,
            last_position: None,
            positions_read: 0,
            keep,
            list: List {
                docs: Vec::new(),
                positions: positional.then(Vec::new),
            },
        }
    }

    /// Reads a character of the list (a varint digit).
    fn byte(&mut self, b: u8) -> Result<(), Fault> {
        let digit = digit_of(b).ok_or(Fault::Unreadable)?;
        if self.shift >= 32 {
            return Err(Fault::Refused(Refusal::Counts));
        }
        let value = u64::from(self.value) | (u64::from(digit & 31) << self.shift);
        self.value = u32::try_from(value).map_err(|_| Fault::Refused(Refusal::Counts))?;
        if digit >= 32 {
            self.shift += 5;
            self.open = true;
            return Ok(());
        }
        let n = self.value;
        (self.value, self.shift, self.open) = (0, 0, false);
        self.number(n)
    }

    /// One number of the list.
    fn number(&mut self, n: u32) -> Result<(), Fault> {
        let refused = Fault::Refused(Refusal::Counts);
        match self.next {
            None | Some(Next::Gap) => {
                let doc = match self.last {
                    None => u64::from(n),
                    Some(p) => u64::from(p) + u64::from(n) + 1,
                };
                if doc >= self.bound {
                    let total = u32::try_from(self.bound).unwrap_or(u32::MAX);
                    return Err(Fault::Refused(Refusal::PastTheEnd { doc, total }));
                }
                let doc = u32::try_from(doc).map_err(|_| refused)?;
                self.last = Some(doc);
                if self.keep {
                    self.list.docs.push(doc);
                }
                if let Some(ps) = self.list.positions.as_mut() {
                    if self.keep {
                        ps.push(Vec::new());
                    }
                    self.next = Some(Next::Count);
                }
            }
            Some(Next::Count) => {
                // Every article of a rare term's list has a position, and the term has at
                // most RARE in all (`build` keeps no positions past that).
                if n == 0 || n > RARE - self.positions_read {
                    return Err(refused);
                }
                self.positions_read += n;
                self.last_position = None;
                self.next = Some(Next::Position(n));
            }
            Some(Next::Position(left)) => {
                let p = match self.last_position {
                    None => u64::from(n),
                    Some(l) => u64::from(l) + u64::from(n) + 1,
                };
                let p = u32::try_from(p).map_err(|_| refused)?;
                self.last_position = Some(p);
                if let Some(last) = self.list.positions.as_mut().and_then(|ps| ps.last_mut()) {
                    last.push(p);
                }
                // (A list only checked has no article to push to.)
                self.next = Some(match left - 1 {
                    0 => Next::Gap,
                    more => Next::Position(more),
                });
            }
        }
        Ok(())
    }

    /// The list, once every character is read: a number must end, and a count must have its
    /// positions.
    fn finish(self) -> Result<List, Fault> {
        if self.open {
            return Err(Fault::Unreadable);
        }
        match self.next {
            None | Some(Next::Gap) => Ok(self.list),
            Some(_) => Err(Fault::Refused(Refusal::Counts)),
        }
    }
}

/// Reads a posting list (with positions after a `.`, or without), its article numbers below
/// `bound`.
fn read_list(text: &str, bound: u64) -> Result<List, Fault> {
    let (positional, rest) = match text.strip_prefix('.') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut list = ListRead::new(positional, bound);
    for b in rest.bytes() {
        list.byte(b)?;
    }
    list.finish()
}

/// Any article number (below 2³²).
const ANY: u64 = 1 << 32;

/// Reads what [`encode`] wrote; None if a character is not one of its digits or a number
/// does not end.
pub fn decode(text: &str) -> Option<Vec<u32>> {
    let mut list = ListRead::new(false, ANY);
    for b in text.bytes() {
        list.byte(b).ok()?;
    }
    list.finish().ok().map(|l| l.docs)
}

/// A term's posting list as read: its articles, ascending, and for a rare term each
/// article's positions (units from the article's start; a run of spaces or punctuation, and
/// the start of each field, take one position too).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct List {
    /// The articles.
    pub docs: Vec<u32>,
    /// The positions, article by article, if the term is rare.
    pub positions: Option<Vec<Vec<u32>>>,
}

/// Reads a posting list (with positions or without).
pub fn decode_list(text: &str) -> Option<List> {
    read_list(text, ANY).ok()
}

/// Work that is done a slice at a time says after each slice whether it is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// More slices to do.
    More,
    /// Finished (or stopped by a fault it keeps).
    Done,
}

/// The most work one slice does: characters of a shard read, articles compared or placed.
/// The viewer runs slices until a few milliseconds have passed, then yields to the page, so
/// that no task is long however large a shard is.
pub const SLICE: usize = 16 * 1024;

/// The common articles of ascending lists, a slice at a time: the shortest list's articles,
/// each looked up in the others from where the last one was found.
pub struct Common {
    /// The lists, shortest first.
    lists: Vec<Vec<u32>>,
    /// The next article of the shortest to look up.
    at: usize,
    /// Where each other list was looked up last.
    from: Vec<usize>,
    out: Vec<u32>,
}

impl Common {
    /// Starts on `lists`.
    pub fn new(mut lists: Vec<Vec<u32>>) -> Common {
        lists.sort_by_key(Vec::len);
        let from = vec![0; lists.len()];
        Common {
            lists,
            at: 0,
            from,
            out: Vec::new(),
        }
    }

    /// Looks up the next [`SLICE`] articles of the shortest list.
    pub fn step(&mut self) -> Progress {
        let Some((first, others)) = self.lists.split_first() else {
            return Progress::Done;
        };
        let end = (self.at + SLICE).min(first.len());
        for &d in &first[self.at..end] {
            let held = others.iter().zip(self.from.iter_mut()).all(|(o, from)| {
                // From the last place on: a binary search, so that no slice walks far.
                *from += o[*from..].partition_point(|&x| x < d);
                o.get(*from) == Some(&d)
            });
            if held {
                self.out.push(d);
            }
        }
        self.at = end;
        match end == first.len() {
            true => Progress::Done,
            false => Progress::More,
        }
    }

    /// The common articles.
    pub fn finish(self) -> Vec<u32> {
        self.out
    }
}

/// The numbers in every list (each ascending).
pub fn intersect(lists: Vec<Vec<u32>>) -> Vec<u32> {
    let mut common = Common::new(lists);
    while common.step() == Progress::More {}
    common.finish()
}

// ---- building ----

/// One issue of the index: its URL as the feed gives it, and how many articles it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexedIssue {
    /// The issue's URL, as in the feed (relative to the feed).
    pub url: String,
    /// Its number of articles (documents).
    pub articles: u32,
}

/// The index's manifest: what the feed's `search` names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    /// The number of shards, a power of two.
    pub buckets: u32,
    /// The shards' file names (relative to the manifest), by bucket.
    pub shards: Vec<String>,
    /// The issues, in the feed's order (newest first); their articles are numbered in turn.
    pub issues: Vec<IndexedIssue>,
}

impl Manifest {
    /// The issue (its index here) and article of article number `doc`.
    pub fn place(&self, doc: u32) -> Option<(usize, usize)> {
        let (doc, mut first) = (u64::from(doc), 0u64);
        for (i, issue) in self.issues.iter().enumerate() {
            let next = first + u64::from(issue.articles);
            if doc < next {
                return Some((i, (doc - first) as usize));
            }
            first = next;
        }
        None
    }

    /// The issue and article of each of `docs` (ascending), in one pass.
    pub fn places(&self, docs: &[u32]) -> Vec<(usize, usize)> {
        self.places_on(docs, &mut (0, 0))
    }

    /// [`Manifest::places`] of a part of an ascending list, on from `cursor` (the issue the
    /// part before ended in, and the number of that issue's first article; `(0, 0)` to
    /// start), so that a long list is placed a slice at a time.
    pub fn places_on(&self, docs: &[u32], cursor: &mut (usize, u64)) -> Vec<(usize, usize)> {
        let mut out = Vec::with_capacity(docs.len());
        let (i, first) = cursor;
        for &doc in docs {
            let doc = u64::from(doc);
            while *i < self.issues.len() && doc >= *first + u64::from(self.issues[*i].articles) {
                *first += u64::from(self.issues[*i].articles);
                *i += 1;
            }
            if *i == self.issues.len() {
                break;
            }
            out.push((*i, (doc - *first) as usize));
        }
        out
    }

    /// The number of articles the index counts, once the counts add up: no issue claims more
    /// than an issue may hold ([`MAX_ARTICLES`]: `bulletin feed` indexes valid issues only),
    /// and together they are numbered by 32 bits. Every article number of a posting list is
    /// then checked against it (the shard is refused past it).
    pub fn articles(&self) -> Result<u32, Refusal> {
        let mut claimed = 0u64;
        for (issue, i) in self.issues.iter().enumerate() {
            if i.articles as usize > MAX_ARTICLES {
                return Err(Refusal::Articles {
                    issue,
                    claimed: i.articles,
                });
            }
            claimed += u64::from(i.articles);
        }
        u32::try_from(claimed).map_err(|_| Refusal::Total { claimed })
    }

    /// The manifest as JSON.
    pub fn to_json(&self) -> String {
        let issues: Vec<serde_json::Value> = self
            .issues
            .iter()
            .map(|i| serde_json::json!({ "url": i.url, "articles": i.articles }))
            .collect();
        let value = serde_json::json!({
            "schema_version": INDEX_VERSION,
            "buckets": self.buckets,
            "shards": self.shards,
            "issues": issues,
        });
        let mut out = serde_json::to_string(&value).unwrap_or_default();
        out.push('\n');
        out
    }
}

/// A built index: the manifest's file name and text, and the shards' names and texts.
pub struct Built {
    /// `index-<hash>.json`.
    pub manifest_file: String,
    /// The manifest.
    pub manifest: Manifest,
    /// Each file (the shards, then the manifest): its name and text.
    pub files: Vec<(String, String)>,
    /// Article numbers in the index.
    pub documents: u32,
    /// Distinct terms.
    pub terms: usize,
}

/// Indexes the articles of `issues` (URL as in the feed, issue), in the feed's order.
pub fn build(issues: &[(String, &Issue)]) -> Built {
    build_with(issues, true)
}

/// [`build`], with positions for rare terms or without any (the tests try both).
fn build_with(issues: &[(String, &Issue)], positions: bool) -> Built {
    let mut postings: HashMap<Box<str>, Posting> = HashMap::new();
    let mut key = String::new();
    let mut doc = 0u32;
    let mut add = |key: &str, doc: u32, pos: u32| match postings.get_mut(key) {
        Some(list) => list.add(doc, Some(pos)),
        None => {
            let mut list = match positions {
                true => Posting::positional(),
                false => Posting::default(),
            };
            list.add(doc, Some(pos));
            postings.insert(key.into(), list);
        }
    };
    let mut indexed = Vec::new();
    for (url, issue) in issues {
        let all = issue_fields(issue);
        for a in 0..issue.articles.len() {
            // Positions: units from the article's start; a field's start and a run of
            // separators take one too, so that adjacent positions are joined units.
            let mut pos = 0u32;
            for (_, text) in all.iter().filter(|(f, _)| f.article() == Some(a)) {
                let us = units(text);
                pos += 1;
                for (j, u) in us.iter().enumerate() {
                    if j > 0 && !u.joined {
                        pos += 1;
                    }
                    if u.token {
                        key.clear();
                        push_key(&mut key, text, u);
                        add(&key, doc, pos);
                    }
                    if u.joined && j > 0 {
                        key.clear();
                        push_pair(&mut key, text, &us[j - 1], u);
                        add(&key, doc, pos - 1);
                    }
                    pos += 1;
                }
            }
            doc += 1;
        }
        indexed.push(IndexedIssue {
            url: url.clone(),
            articles: issue.articles.len() as u32,
        });
    }
    let encoded: Vec<(Box<str>, String)> = postings
        .into_iter()
        .map(|(term, list)| (term, list.finish()))
        .collect();
    let bytes: usize = encoded.iter().map(|(t, e)| t.len() + e.len() + 6).sum();
    let buckets = (bytes / SHARD_TARGET).max(1).next_power_of_two().min(4096) as u32;
    let mut by_bucket: Vec<Vec<(&str, &str)>> = vec![Vec::new(); buckets as usize];
    for (term, e) in &encoded {
        by_bucket[shard_of(term, buckets)].push((term, e));
    }
    let mut files = Vec::new();
    let mut shards = Vec::new();
    for (b, mut terms) in by_bucket.into_iter().enumerate() {
        terms.sort_unstable();
        let mut text = String::from("{");
        for (i, (term, e)) in terms.iter().enumerate() {
            if i > 0 {
                text.push_str(",\n");
            }
            text.push_str(&serde_json::to_string(term).unwrap_or_default());
            text.push(':');
            text.push('"');
            text.push_str(e);
            text.push('"');
        }
        text.push_str("}\n");
        let name = format!("s{b}-{:016x}.json", fnv(text.as_bytes()));
        shards.push(name.clone());
        files.push((name, text));
    }
    let manifest = Manifest {
        buckets,
        shards,
        issues: indexed,
    };
    let json = manifest.to_json();
    let manifest_file = format!("index-{:016x}.json", fnv(json.as_bytes()));
    files.push((manifest_file.clone(), json));
    Built {
        manifest_file,
        manifest,
        files,
        documents: doc,
        terms: encoded.len(),
    }
}

// ---- reading ----

/// Reads a manifest strictly, with the JSON path of any fault.
pub fn parse_manifest(text: &str) -> Result<Manifest, ParseError> {
    json::parse(text)
        .and_then(|v| manifest(&v, &At::TOP))
        .map_err(|f| parse_error(text, f))
}

fn manifest(v: &Value, at: &At) -> Read<Manifest> {
    const NAMES: &[&str] = &["schema_version", "buckets", "shards", "issues"];
    let mut f = fields(v, at, "struct Manifest", NAMES)?;
    let (mut version, mut buckets, mut shards, mut issues) = (None, None, None, None);
    while let Some(m) = f.next(at, None) {
        let (i, x) = m?;
        let at = at.key(NAMES[i]);
        match i {
            0 => version = Some(u32_of(x, &at)?),
            1 => buckets = Some(u32_of(x, &at)?),
            2 => shards = Some(list(x, &at, string)?),
            _ => issues = Some(list(x, &at, indexed_issue)?),
        }
    }
    let version = version.ok_or_else(|| missing(v, at, "schema_version"))?;
    let buckets = buckets.ok_or_else(|| missing(v, at, "buckets"))?;
    let shards: Vec<String> = shards.ok_or_else(|| missing(v, at, "shards"))?;
    let wrong = |key: &str, words: String| {
        let at = at.key(key);
        Err(at.fault(v.end, crate::model::JsonFault::Other(words)))
    };
    if version != INDEX_VERSION {
        return wrong(
            "schema_version",
            format!("this viewer reads index version {INDEX_VERSION}"),
        );
    }
    if !buckets.is_power_of_two() || shards.len() != buckets as usize {
        return wrong(
            "shards",
            format!("expected {buckets} shard names, a power of two"),
        );
    }
    // Names as `build` writes them, in the manifest's folder: nothing else is fetched.
    if let Some(bad) = shards.iter().find(|n| !is_shard_name(n)) {
        return wrong(
            "shards",
            format!("not a shard's name: {}", json::quoted(bad)),
        );
    }
    Ok(Manifest {
        buckets,
        shards,
        issues: issues.ok_or_else(|| missing(v, at, "issues"))?,
    })
}

/// Whether `name` is a shard's file name as [`build`] writes it: `s<N>-<16 hex>.json`.
pub fn is_shard_name(name: &str) -> bool {
    let Some((n, rest)) = name
        .strip_prefix('s')
        .and_then(|r| r.strip_suffix(".json"))
        .and_then(|r| r.split_once('-'))
    else {
        return false;
    };
    !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
        && rest.len() == 16
        && rest.bytes().all(|b| b.is_ascii_hexdigit())
}

fn indexed_issue(v: &Value, at: &At) -> Read<IndexedIssue> {
    const NAMES: &[&str] = &["url", "articles"];
    let mut f = fields(v, at, "struct IndexedIssue", NAMES)?;
    let (mut url, mut articles) = (None, None);
    while let Some(m) = f.next(at, None) {
        let (i, x) = m?;
        let at = at.key(NAMES[i]);
        match i {
            0 => url = Some(string(x, &at)?),
            _ => articles = Some(u32_of(x, &at)?),
        }
    }
    Ok(IndexedIssue {
        url: url.ok_or_else(|| missing(v, at, "url"))?,
        articles: articles.ok_or_else(|| missing(v, at, "articles"))?,
    })
}

/// Where a shard's reading is, in its JSON (an object of posting lists, as [`build`] writes
/// it: `{"term":"list",…}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scan {
    /// Before the `{`.
    Open,
    /// After the `{`: a key or the `}`.
    First,
    /// After a `,`: a key.
    Key,
    /// In a key that starts at this byte; whether a `\` came just before, and at all.
    InKey {
        start: usize,
        escaped: bool,
        escapes: bool,
    },
    /// Before the `:`.
    Colon,
    /// Before a posting list's `"`.
    Value,
    /// In a posting list; whether it is at its first character.
    InValue { first: bool },
    /// After a posting list: a `,` or the `}`.
    Next,
    /// After the `}`: white space only.
    Closed,
}

/// The longest key of a term in a shard, in bytes: two tokens of [`MAX_TOKEN`] characters
/// and a space, every character escaped as `\uXXXX\uXXXX`.
const MAX_KEY: usize = (2 * MAX_TOKEN + 1) * 12;

/// A shard read for some terms, a slice at a time ([`ShardRead::step`]): one pass over its
/// text, checking that it is an object of posting lists, every list's numbers checked (each
/// article number against the manifest's count, [`Manifest::articles`]) and those of the
/// terms kept.
pub struct ShardRead<'t> {
    text: &'t [u8],
    terms: Vec<String>,
    bound: u64,
    at: usize,
    scan: Scan,
    /// The list being read (every list is checked), and the term it is of if it is kept.
    reading: Option<(Option<usize>, ListRead)>,
    /// The terms' lists, by their place in `terms`.
    found: Vec<Option<List>>,
    fault: Option<Fault>,
}

impl<'t> ShardRead<'t> {
    /// Starts reading `text` for `terms`, its article numbers below `articles`.
    pub fn new(text: &'t str, terms: &[&str], articles: u32) -> ShardRead<'t> {
        ShardRead {
            text: text.as_bytes(),
            terms: terms.iter().map(|t| t.to_string()).collect(),
            bound: u64::from(articles),
            at: 0,
            scan: Scan::Open,
            reading: None,
            found: vec![None; terms.len()],
            fault: None,
        }
    }

    /// Reads the next [`SLICE`] characters.
    pub fn step(&mut self) -> Progress {
        if self.fault.is_some() {
            return Progress::Done;
        }
        let end = (self.at + SLICE).min(self.text.len());
        while self.at < end {
            let b = self.text[self.at];
            if let Err(f) = self.byte(b) {
                self.fault = Some(f);
                return Progress::Done;
            }
            self.at += 1;
        }
        match self.at == self.text.len() {
            true => Progress::Done,
            false => Progress::More,
        }
    }

    /// One byte of the shard.
    fn byte(&mut self, b: u8) -> Result<(), Fault> {
        let space = matches!(b, b' ' | b'\n' | b'\r' | b'\t');
        self.scan = match (self.scan, b) {
            (s, _) if space && !matches!(s, Scan::InKey { .. } | Scan::InValue { .. }) => s,
            (Scan::Open, b'{') => Scan::First,
            (Scan::First | Scan::Key, b'"') => Scan::InKey {
                start: self.at + 1,
                escaped: false,
                escapes: false,
            },
            (Scan::First | Scan::Next, b'}') => Scan::Closed,
            (
                Scan::InKey {
                    start,
                    escaped,
                    escapes,
                },
                _,
            ) => match b {
                0..0x20 => return Err(Fault::Unreadable),
                b'"' if !escaped => {
                    self.key(start, escapes)?;
                    Scan::Colon
                }
                b'\\' => Scan::InKey {
                    start,
                    escaped: !escaped,
                    escapes: true,
                },
                _ => Scan::InKey {
                    start,
                    escaped: false,
                    escapes,
                },
            },
            (Scan::Colon, b':') => Scan::Value,
            (Scan::Value, b'"') => Scan::InValue { first: true },
            (Scan::InValue { .. }, b'"') => {
                if let Some((term, list)) = self.reading.take() {
                    let list = list.finish()?;
                    if let Some(i) = term {
                        self.found[i] = Some(list);
                    }
                }
                Scan::Next
            }
            (Scan::InValue { first: true }, b'.') => {
                if let Some((term, list)) = self.reading.as_mut() {
                    *list = ListRead::of(true, self.bound, term.is_some());
                }
                Scan::InValue { first: false }
            }
            (Scan::InValue { .. }, _) => {
                if let Some((_, list)) = self.reading.as_mut() {
                    list.byte(b)?;
                }
                Scan::InValue { first: false }
            }
            (Scan::Next, b',') => Scan::Key,
            _ => return Err(Fault::Unreadable),
        };
        Ok(())
    }

    /// A key has ended (before `self.at`): if it is a term wanted and not met before, its
    /// list is read.
    fn key(&mut self, start: usize, escapes: bool) -> Result<(), Fault> {
        let raw = &self.text[start..self.at];
        // Longer than any term, escaped: not one of them (and not read as JSON at once).
        if raw.len() > MAX_KEY {
            self.reading = Some((None, ListRead::of(false, self.bound, false)));
            return Ok(());
        }
        let key: std::borrow::Cow<str> = match escapes {
            // A key with escapes is read as JSON reads it (`build` writes serde_json's).
            true => match json::parse(
                std::str::from_utf8(&self.text[start - 1..=self.at])
                    .map_err(|_| Fault::Unreadable)?,
            ) {
                Ok(Value {
                    kind: Kind::Str(s), ..
                }) => std::borrow::Cow::Owned(s.to_string()),
                _ => return Err(Fault::Unreadable),
            },
            false => std::str::from_utf8(raw)
                .map_err(|_| Fault::Unreadable)?
                .into(),
        };
        let wanted = self
            .terms
            .iter()
            .position(|t| *t == key)
            .filter(|&i| self.found[i].is_none());
        self.reading = Some((wanted, ListRead::of(false, self.bound, wanted.is_some())));
        Ok(())
    }

    /// Each of the terms the shard holds, with its list; or what is wrong with the shard.
    pub fn finish(self) -> Result<Vec<(String, List)>, Fault> {
        if let Some(f) = self.fault {
            return Err(f);
        }
        if self.scan != Scan::Closed {
            return Err(Fault::Unreadable);
        }
        Ok(self
            .terms
            .into_iter()
            .zip(self.found)
            .filter_map(|(t, l)| Some((t, l?)))
            .collect())
    }
}

/// Reads a shard whole ([`ShardRead`]): each of `terms` it holds, with its posting list,
/// its article numbers below `articles`.
pub fn read_shard(text: &str, terms: &[&str], articles: u32) -> Result<Vec<(String, List)>, Fault> {
    let mut read = ShardRead::new(text, terms, articles);
    while read.step() == Progress::More {}
    read.finish()
}

// ---- queries ----

/// Why a query cannot be looked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsearchable {
    /// Nothing but spaces and punctuation.
    Empty,
    /// No part of it is two characters long (a single Chinese character is not indexed).
    TooShort,
}

/// A query, ready to look up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Its segments, each as the folded texts of its units.
    pub segments: Vec<Vec<String>>,
    /// The segments as typed.
    pub typed: Vec<String>,
    /// The terms to fetch (every article that matches holds them all).
    pub terms: Vec<String>,
    /// Whether the terms' common articles are exactly the matches (no text check needed).
    pub exact: bool,
    /// Each segment's terms and their offsets in it, when every segment is made of indexed
    /// terms (no lone Chinese character, no cut token, no thinning): then the terms'
    /// positions, if they have them, decide exactly ([`exact_docs`]).
    pub picks: Option<Vec<Vec<(String, u32)>>>,
}

impl Plan {
    /// The longest segment, as typed (for the in-issue search of an opened result).
    pub fn longest(&self) -> &str {
        // The first of the longest (max_by_key keeps the last).
        self.typed
            .iter()
            .rev()
            .max_by_key(|s| s.chars().count())
            .map_or("", String::as_str)
    }
}

/// Plans a query.
pub fn plan(query: &str) -> Result<Plan, Unsearchable> {
    let mut segments: Vec<Vec<String>> = Vec::new();
    let mut typed = Vec::new();
    let mut terms: Vec<String> = Vec::new();
    let mut exact = true;
    let mut picked: Vec<Vec<(String, u32)>> = Vec::new();
    let mut checkable = true;
    let mut current: Vec<Unit> = Vec::new();
    let all = units(query);
    if all.is_empty() {
        return Err(Unsearchable::Empty);
    }
    let mut runs: Vec<Vec<Unit>> = Vec::new();
    for u in all {
        if !u.joined && !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
        current.push(u);
    }
    runs.push(current);
    for run in &runs {
        let keys: Vec<String> = run.iter().map(|u| full_key(query, u)).collect();
        typed.push(query[run[0].start..run[run.len() - 1].end].to_string());
        if run
            .iter()
            // MAX_TOKEN characters or more: the index's cut keys of longer tokens match it.
            .any(|u| query[u.start..u.end].chars().count() >= MAX_TOKEN)
        {
            exact = false;
            checkable = false;
        }
        let mut seg_picks = Vec::new();
        match run.as_slice() {
            [u] if !u.token => {
                // One Chinese character: not indexed; checked against the text.
                exact = false;
                checkable = false;
            }
            [u] => {
                let mut k = String::new();
                push_key(&mut k, query, u);
                seg_picks.push((k.clone(), 0));
                terms.push(k);
            }
            _ => {
                // Bigrams 0, 2, 4 … and the last: together they cover every unit.
                let pairs = run.len() - 1;
                let mut picks: Vec<usize> = (0..pairs).step_by(2).collect();
                if picks.last() != Some(&(pairs - 1)) {
                    picks.push(pairs - 1);
                }
                if run.len() > 2 {
                    exact = false;
                }
                for p in picks {
                    let mut k = String::new();
                    push_pair(&mut k, query, &run[p], &run[p + 1]);
                    seg_picks.push((k.clone(), p as u32));
                    terms.push(k);
                }
            }
        }
        picked.push(seg_picks);
        segments.push(keys);
    }
    if segments.len() > 1 {
        exact = false;
    }
    terms.sort();
    terms.dedup();
    if terms.is_empty() {
        return Err(Unsearchable::TooShort);
    }
    if terms.len() > MAX_TERMS {
        // Keep an even spread; the text check makes up for the rest.
        let step = terms.len() as f64 / MAX_TERMS as f64;
        terms = (0..MAX_TERMS)
            .map(|i| terms[(i as f64 * step) as usize].clone())
            .collect();
        exact = false;
        checkable = false;
    }
    Ok(Plan {
        segments,
        typed,
        terms,
        exact,
        picks: checkable.then_some(picked),
    })
}

/// The articles among `docs` that hold the query, decided by the terms' positions: Some when
/// every term of every segment has them (rare terms), else None (the text decides). A
/// segment is held where its first term is at some position p and each other term at p plus
/// its offset: adjacent positions are joined units, so that is the segment's run of units.
pub fn exact_docs(plan: &Plan, lists: &HashMap<String, List>, docs: &[u32]) -> Option<Vec<u32>> {
    let picks = plan.picks.as_ref()?;
    let mut terms: Vec<Vec<(&List, u32)>> = Vec::new();
    for seg in picks {
        let mut row = Vec::new();
        for (t, o) in seg {
            let list = lists.get(t)?;
            list.positions.as_ref()?;
            row.push((list, *o));
        }
        terms.push(row);
    }
    fn at(list: &List, d: u32) -> Option<&[u32]> {
        let i = list.docs.binary_search(&d).ok()?;
        list.positions.as_ref()?.get(i).map(Vec::as_slice)
    }
    let held = |d: u32| {
        terms.iter().all(|seg| {
            let Some((first, _)) = seg.first() else {
                return false;
            };
            at(first, d).unwrap_or_default().iter().any(|&p| {
                seg.iter().all(|(list, o)| {
                    at(list, d).is_some_and(|ps| ps.binary_search(&(p + o)).is_ok())
                })
            })
        })
    };
    Some(docs.iter().copied().filter(|&d| held(d)).collect())
}

// ---- the feed beside its index ----

/// An issue a query checks: its entry in the feed, and the articles the index found the
/// query's terms in; None when the index does not list the issue (published after the index
/// was built, by the 编辑台 say), so that each of its articles is checked against its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The issue's index in the feed.
    pub entry: usize,
    /// The articles to check; None: every article (the issue is not in the index).
    pub articles: Option<Vec<usize>>,
}

/// An index matched to its feed by the issues' URLs (resolved alike by the caller).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// For each issue of the manifest, its entry in the feed; None when the feed no longer
    /// lists it (its articles are passed over: article numbers still count them).
    pub entries: Vec<Option<usize>>,
    /// The feed's entries the manifest does not list, newest first (in the feed's order).
    pub unlisted: Vec<usize>,
    /// The number of the feed's entries.
    pub feed: usize,
}

impl Coverage {
    /// Matches the manifest's issue URLs (`listed`) to the feed's (`feed`, newest first). A
    /// URL the manifest lists twice counts once (its first place).
    pub fn of(feed: &[&str], listed: &[&str]) -> Coverage {
        let mut by_url: HashMap<&str, usize> = HashMap::new();
        for (i, u) in feed.iter().enumerate() {
            by_url.entry(u).or_insert(i);
        }
        let mut seen: HashSet<&str> = HashSet::new();
        let entries = listed
            .iter()
            .map(|u| match seen.insert(u) {
                true => by_url.get(u).copied(),
                false => None,
            })
            .collect();
        let unlisted = (0..feed.len())
            .filter(|&i| !seen.contains(feed[i]))
            .collect();
        Coverage {
            entries,
            unlisted,
            feed: feed.len(),
        }
    }

    /// The issues a query checks, in the feed's order: those the index found its terms in
    /// (`places`: manifest issue and article, as [`Manifest::places`] gives them) and the
    /// first `max` unlisted ones (the newest), whole. Also how many unlisted issues are left
    /// unchecked.
    pub fn candidates(&self, places: &[(usize, usize)], max: usize) -> (Vec<Candidate>, usize) {
        let mut gather = self.gather();
        gather.add(places);
        gather.finish(max)
    }

    /// [`Coverage::candidates`] gathered a part of the places at a time.
    pub fn gather(&self) -> Gather<'_> {
        Gather {
            coverage: self,
            by_entry: vec![None; self.feed],
        }
    }
}

/// The candidates of a query being gathered from its places ([`Coverage::gather`]).
pub struct Gather<'c> {
    coverage: &'c Coverage,
    /// By entry: None, not a candidate; Some(None), checked whole; Some(Some(articles)).
    by_entry: Vec<Option<Option<Vec<usize>>>>,
}

impl Gather<'_> {
    /// Adds places (manifest issue and article), in order.
    pub fn add(&mut self, places: &[(usize, usize)]) {
        for &(i, a) in places {
            let Some(slot) = self
                .coverage
                .entries
                .get(i)
                .copied()
                .flatten()
                .and_then(|e| self.by_entry.get_mut(e))
            else {
                continue;
            };
            if let Some(articles) = slot.get_or_insert_with(|| Some(Vec::new())) {
                articles.push(a);
            }
        }
    }

    /// The candidates, with the first `max` unlisted issues whole, and how many unlisted
    /// issues are left unchecked.
    pub fn finish(self, max: usize) -> (Vec<Candidate>, usize) {
        let Gather {
            coverage,
            mut by_entry,
        } = self;
        let checked = coverage.unlisted.len().min(max);
        for &entry in &coverage.unlisted[..checked] {
            if let Some(slot) = by_entry.get_mut(entry) {
                *slot = Some(None);
            }
        }
        let out = by_entry
            .into_iter()
            .enumerate()
            .filter_map(|(entry, c)| {
                Some(Candidate {
                    entry,
                    articles: c?,
                })
            })
            .collect();
        (out, coverage.unlisted.len() - checked)
    }
}

/// Where each segment of `plan` occurs in `text`, as byte ranges, in order (not
/// overlapping within a segment).
pub fn find(text: &str, plan: &Plan) -> Vec<(usize, usize)> {
    let us = units(text);
    let keys: Vec<String> = us.iter().map(|u| full_key(text, u)).collect();
    let mut out = Vec::new();
    for seg in &plan.segments {
        let mut i = 0;
        while i + seg.len() <= us.len() {
            let whole = seg.iter().enumerate().all(|(j, k)| {
                let u = &us[i + j];
                (j == 0 || u.joined) && keys[i + j] == *k
            });
            if whole {
                out.push((us[i].start, us[i + seg.len() - 1].end));
                i += seg.len();
            } else {
                i += 1;
            }
        }
    }
    out.sort_unstable();
    out
}

/// The hits of `plan` in article `a` of `issue`, by field, if it holds every segment.
pub fn article_hits(issue: &Issue, a: usize, plan: &Plan) -> Option<Vec<(Field, usize, usize)>> {
    let mut hits = Vec::new();
    let mut found = vec![false; plan.segments.len()];
    for (field, text) in issue_fields(issue) {
        if field.article() != Some(a) {
            continue;
        }
        for (si, seg) in plan.segments.iter().enumerate() {
            let one = Plan {
                segments: vec![seg.clone()],
                typed: Vec::new(),
                terms: Vec::new(),
                exact: true,
                picks: None,
            };
            let spans = find(text, &one);
            if !spans.is_empty() {
                found[si] = true;
            }
            hits.extend(spans.into_iter().map(|(s, e)| (field, s, e)));
        }
    }
    found.iter().all(|f| *f).then_some(hits)
}

/// A snippet of `text` around the bytes `start..end`: up to `width` characters either
/// side, cut with … where the text goes on.
pub fn snippet(text: &str, start: usize, end: usize, width: usize) -> (String, String, String) {
    let before: String = {
        let b: Vec<char> = text[..start].chars().rev().take(width + 1).collect();
        let cut = b.len() > width;
        let mut s: String = b
            .into_iter()
            .take(width)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if cut {
            s.insert(0, '…');
        }
        s
    };
    let after: String = {
        let a: Vec<char> = text[end..].chars().take(width + 1).collect();
        let cut = a.len() > width;
        let mut s: String = a.into_iter().take(width).collect();
        if cut {
            s.push('…');
        }
        s
    };
    (before, text[start..end].to_string(), after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_issue, Block};
    use proptest::prelude::*;

    fn seed() -> Issue {
        parse_issue(include_str!("../www/issues/lianluo-dongtai-2024-18.json")).unwrap()
    }

    /// The plain scan the index must agree with: an article matches when its folded text
    /// holds every segment of the query, with Latin and digits whole at both ends.
    fn scan(issue: &Issue, a: usize, query: &str) -> bool {
        let folded_query: String = query.chars().map(fold).collect();
        let segs: Vec<String> = folded_query
            .split(separates)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        let texts: Vec<String> = issue_fields(issue)
            .into_iter()
            .filter(|(f, _)| f.article() == Some(a))
            .map(|(_, t)| t.chars().map(fold).collect())
            .collect();
        !segs.is_empty()
            && segs.iter().all(|seg| {
                texts.iter().any(|t| {
                    t.match_indices(seg.as_str()).any(|(i, m)| {
                        let before = t[..i].chars().next_back();
                        let after = t[i + m.len()..].chars().next();
                        let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                        let (starts, ends) = (
                            seg.starts_with(|c: char| c.is_ascii_alphanumeric()),
                            seg.ends_with(|c: char| c.is_ascii_alphanumeric()),
                        );
                        !(alnum(before) && starts || alnum(after) && ends)
                    })
                })
            })
    }

    /// Looks a query up as the viewer does: the shards of its terms, their common articles,
    /// and (unless exact) the text check. The articles found, as (issue, article).
    fn look_up(built: &Built, issues: &[Issue], query: &str) -> Option<Vec<(usize, usize)>> {
        let urls: Vec<String> = (0..issues.len()).map(|i| format!("{i}.json")).collect();
        let feed: Vec<(&str, &Issue)> = urls.iter().map(String::as_str).zip(issues).collect();
        let (found, left) = look_up_in(built, &feed, query, 0)?;
        assert_eq!(left, 0, "an index of the whole feed lists every issue");
        Some(found)
    }

    /// [`look_up`] over a feed (URL and issue, newest first) that the index may not match:
    /// issues it does not list are text-checked, the first `max` of them; issues it lists
    /// that the feed no longer has are passed over. The articles found, as (entry, article),
    /// and how many unlisted issues were left.
    fn look_up_in(
        built: &Built,
        feed: &[(&str, &Issue)],
        query: &str,
        max: usize,
    ) -> Option<(Vec<(usize, usize)>, usize)> {
        let plan = plan(query).ok()?;
        let files: HashMap<&str, &str> = built
            .files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let m = parse_manifest(files[built.manifest_file.as_str()]).unwrap();
        let mut lists = HashMap::new();
        for term in &plan.terms {
            let shard = files[m.shards[shard_of(term, m.buckets)].as_str()];
            let got = read_shard(shard, &[term.as_str()], m.articles().unwrap()).unwrap();
            let list = got.into_iter().next().map(|(_, l)| l).unwrap_or_default();
            lists.insert(term.clone(), list);
        }
        let mut docs = intersect(lists.values().map(|l| l.docs.clone()).collect());
        let mut exact = plan.exact;
        if let Some(d) = exact_docs(&plan, &lists, &docs) {
            (docs, exact) = (d, true);
        }
        let places: Vec<(usize, usize)> = docs.iter().filter_map(|&d| m.place(d)).collect();
        assert_eq!(
            m.places(&docs),
            places,
            "one pass gives what each look-up gives"
        );
        let urls: Vec<&str> = feed.iter().map(|(u, _)| *u).collect();
        let listed: Vec<&str> = m.issues.iter().map(|i| i.url.as_str()).collect();
        let (candidates, left) = Coverage::of(&urls, &listed).candidates(&places, max);
        let mut found = Vec::new();
        for c in candidates {
            let issue = feed[c.entry].1;
            let held = |&a: &usize| article_hits(issue, a, &plan).is_some();
            let articles: Vec<usize> = match c.articles {
                Some(a) if exact => a,
                Some(a) => a.into_iter().filter(held).collect(),
                None => (0..issue.articles.len()).filter(held).collect(),
            };
            found.extend(articles.into_iter().map(|a| (c.entry, a)));
        }
        Some((found, left))
    }

    fn all_articles(issues: &[Issue]) -> Vec<(usize, usize)> {
        issues
            .iter()
            .enumerate()
            .flat_map(|(i, x)| (0..x.articles.len()).map(move |a| (i, a)))
            .collect()
    }

    fn index(issues: &[Issue]) -> Built {
        index_with(issues, true)
    }

    /// With positions for rare terms (as `build`), or none (every longer query text-checked).
    fn index_with(issues: &[Issue], positions: bool) -> Built {
        let named: Vec<(String, &Issue)> = issues
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("{i}.json"), x))
            .collect();
        build_with(&named, positions)
    }

    #[test]
    fn units_and_terms() {
        let text = "第18期：OpenSearch 与 ２０２４年";
        let us = units(text);
        let shown: Vec<&str> = us.iter().map(|u| &text[u.start..u.end]).collect();
        assert_eq!(
            shown,
            ["第", "18", "期", "OpenSearch", "与", "２０２４", "年"]
        );
        let joined: Vec<bool> = us.iter().map(|u| u.joined).collect();
        assert_eq!(joined, [false, true, true, false, false, false, true]);
        let p = plan("第18期").unwrap();
        assert_eq!(p.terms, ["18 期", "第 18"]);
        assert!(!p.exact);
        assert!(plan("代表").unwrap().exact);
        assert!(plan("２０２４").unwrap().exact);
        assert_eq!(plan("２０２４").unwrap().terms, ["2024"]);
        assert_eq!(plan("人").unwrap_err(), Unsearchable::TooShort);
        assert_eq!(plan("，。 ").unwrap_err(), Unsearchable::Empty);
        assert_eq!(plan("人大代表联络站").unwrap().terms.len(), 4);
        assert_eq!(plan("人大  代表").unwrap().longest(), "人大");
    }

    #[test]
    fn a_manifest_names_only_shards_beside_it() {
        let built = index(&[seed()]);
        let text = &built.files.last().unwrap().1;
        assert!(parse_manifest(text).is_ok());
        let shard = &built.manifest.shards[0];
        for bad in [
            "https://elsewhere.example/s0-0123456789abcdef.json",
            "../s0-0123456789abcdef.json",
            "s0-xyz.json",
        ] {
            let e = parse_manifest(&text.replace(shard.as_str(), bad)).unwrap_err();
            assert_eq!(e.path, "shards", "{bad}");
        }
        assert!(is_shard_name("s12-0123456789abcdef.json"));
        // A long word is looked up by its first MAX_TOKEN characters: never exact.
        assert!(!plan(&"a".repeat(MAX_TOKEN)).unwrap().exact);
        assert!(plan(&"a".repeat(MAX_TOKEN - 1)).unwrap().exact);
    }

    #[test]
    fn rare_terms_keep_their_positions_and_decide_exactly() {
        let issues = vec![seed()];
        let built = index(&issues);
        let m = &built.manifest;
        let list = |t: &str| {
            let name = &m.shards[shard_of(t, m.buckets)];
            let shard = &built.files.iter().find(|(n, _)| n == name).unwrap().1;
            read_shard(shard, &[t], m.articles().unwrap())
                .unwrap()
                .pop()
                .map(|(_, l)| l)
        };
        // 胡贺 is in the title and the text of article 2 (number 1).
        let l = list("胡贺").unwrap();
        assert_eq!(l.docs, [1]);
        assert_eq!(l.positions.as_ref().unwrap()[0].len(), 2);
        let p = plan("胡贺波").unwrap();
        assert!(!p.exact && p.picks.is_some());
        let lists: HashMap<String, List> = p
            .terms
            .iter()
            .map(|t| (t.clone(), list(t).unwrap()))
            .collect();
        assert_eq!(exact_docs(&p, &lists, &[0, 1]), Some(vec![1]));
        // A lone character's segment leaves it to the text.
        assert_eq!(plan("胡 贺波").unwrap().picks, None);
        assert_eq!(decode_list(".0"), None, "a count missing");
        assert_eq!(
            decode_list(".0213").unwrap(),
            List {
                docs: vec![0],
                positions: Some(vec![vec![1, 5]])
            }
        );
    }

    #[test]
    fn varints_round_trip_and_refuse_junk() {
        let docs = [0, 1, 2, 31, 32, 33, 1000, 40_000, 40_001, 1 << 30];
        assert_eq!(decode(&encode(&docs)).unwrap(), docs);
        assert_eq!(encode(&[0, 1, 2]), "000");
        assert_eq!(decode("!"), None);
        assert_eq!(decode("A"), None, "a number that does not end");
        assert_eq!(decode(""), Some(vec![]));
    }

    /// The built index of `issues`: its manifest and its one shard's text (the seed's index
    /// has one bucket).
    fn one_shard(issues: &[Issue]) -> (Manifest, String) {
        let built = index(issues);
        assert_eq!(built.manifest.buckets, 1);
        (built.manifest, built.files[0].1.clone())
    }

    #[test]
    fn a_manifest_whose_counts_cannot_be_is_refused() {
        let (m, _) = one_shard(&[seed(), seed()]);
        assert_eq!(m.articles(), Ok(4), "what `build` writes adds up");
        // An issue may hold MAX_ARTICLES articles, not one more.
        let mut most = m.clone();
        most.issues[1].articles = MAX_ARTICLES as u32;
        assert_eq!(most.articles(), Ok(2 + MAX_ARTICLES as u32));
        for claimed in [MAX_ARTICLES as u32 + 1, 4_000_000_000, u32::MAX] {
            let mut huge = m.clone();
            huge.issues[1].articles = claimed;
            assert_eq!(
                huge.articles(),
                Err(Refusal::Articles { issue: 1, claimed }),
                "{claimed}"
            );
        }
        // Every issue within the limit, but more articles than 32 bits number.
        let many = u32::MAX as usize / MAX_ARTICLES + 1;
        let sum = Manifest {
            buckets: 1,
            shards: m.shards.clone(),
            issues: vec![
                IndexedIssue {
                    url: String::new(),
                    articles: MAX_ARTICLES as u32,
                };
                many
            ],
        };
        assert_eq!(
            sum.articles(),
            Err(Refusal::Total {
                claimed: (many * MAX_ARTICLES) as u64
            })
        );
        // Negative, fractional and overflowing counts are not read at all.
        let text = m.to_json();
        for bad in [
            "-1",
            "-4000000000",
            "4294967296",
            "1e30",
            "2.5",
            "\"2\"",
            "null",
        ] {
            let e =
                parse_manifest(&text.replace("\"articles\":2,", &format!("\"articles\":{bad},")))
                    .unwrap_err();
            assert_eq!(e.path, "issues[0].articles", "{bad}");
        }
        for bad in ["-1", "4294967296", "3"] {
            let e = parse_manifest(&text.replace("\"buckets\":1", &format!("\"buckets\":{bad}")))
                .unwrap_err();
            assert!(
                ["buckets", "shards"].contains(&e.path.as_str()),
                "{bad}: {}",
                e.path
            );
        }
    }

    #[test]
    fn a_shard_is_checked_against_the_manifests_count() {
        let (m, shard) = one_shard(&[seed()]);
        let total = m.articles().unwrap();
        let term = "人大";
        let whole = read_shard(&shard, &[term], total).unwrap();
        assert_eq!(whole[0].1.docs, [0, 1]);
        // A manifest whose count is less than the shard's lists: the shard does not add up.
        assert_eq!(
            read_shard(&shard, &[term], 1),
            Err(Fault::Refused(Refusal::PastTheEnd { doc: 1, total: 1 }))
        );
        // Whatever the terms asked: the whole shard is read, and each list checked.
        assert!(matches!(
            read_shard(&shard, &["不在"], 1),
            Err(Fault::Refused(Refusal::PastTheEnd { .. }))
        ));
        // A list of consecutive articles past a manifest of 5 (as a hostile index has them),
        // and one whose gaps add up past 2³².
        let list = |l: &str| format!("{{\"代表\":\"{l}\"}}");
        assert_eq!(
            read_shard(&list(&"0".repeat(10)), &["代表"], 5),
            Err(Fault::Refused(Refusal::PastTheEnd { doc: 5, total: 5 }))
        );
        let max = encode(&[u32::MAX - 1]);
        assert!(matches!(
            read_shard(&list(&format!("{max}{max}")), &["代表"], u32::MAX),
            Err(Fault::Refused(Refusal::PastTheEnd { .. }))
        ));
        assert_eq!(decode(&format!("{max}{max}")), None, "past 2³² − 1");
    }

    #[test]
    fn counts_in_a_list_that_are_not_what_it_holds_are_refused() {
        let refused = Err(Fault::Refused(Refusal::Counts));
        let read = |l: &str| read_list(l, 1000);
        // A number past 2³² − 1: seven digits that go on (35 bits), or 2³² itself.
        assert_eq!(read("WWWWWWW0"), refused);
        assert_eq!(read(&format!("{}4", "V".repeat(6))), refused);
        assert_eq!(
            read(&encode(&[u32::MAX]).to_string()),
            Err(Fault::Refused(Refusal::PastTheEnd {
                doc: u32::MAX as u64,
                total: 1000
            }))
        );
        // Positions: a count past the list's end, a count of none, more than RARE in all, a
        // position past 2³² − 1.
        assert_eq!(read(".05"), refused);
        assert_eq!(read(".00"), refused);
        let mut many = String::from(".0");
        push_number(&mut many, RARE + 1);
        many.push_str(&"0".repeat(RARE as usize + 1));
        assert_eq!(read(&many), refused);
        let mut rare = String::from(".0");
        push_number(&mut rare, RARE);
        rare.push_str(&"0".repeat(RARE as usize));
        assert_eq!(
            read(&rare).unwrap().positions.unwrap()[0].len(),
            RARE as usize
        );
        let mut past = String::from(".02");
        push_number(&mut past, u32::MAX);
        past.push('0');
        assert_eq!(read(&past), refused);
        // Not a list: a character that is no digit, a number that does not end.
        assert_eq!(read("0!"), Err(Fault::Unreadable));
        assert_eq!(read("0W"), Err(Fault::Unreadable));
        assert_eq!(read("0.0"), Err(Fault::Unreadable));
    }

    #[test]
    fn a_shard_read_in_slices_reads_as_a_whole() {
        // A long list (several slices) between others, a key with escapes, a long key.
        let docs: Vec<u32> = (0..3 * SLICE as u32).map(|d| d * 3).collect();
        let long_key = "键".repeat(MAX_KEY);
        let shard = format!(
            "{{\"a b\":\"{}\",\n{}:\"{}\",\n\"\\u4eba\\u5927\":\".0213\",\n\"{long_key}\":\"0\"}}\n",
            encode(&[7]),
            serde_json::to_string("代表").unwrap(),
            encode(&docs),
        );
        let total = 10 * SLICE as u32;
        let mut read = ShardRead::new(&shard, &["代表", "人大", "a b", &long_key], total);
        let mut steps = 1;
        while read.step() == Progress::More {
            steps += 1;
        }
        assert!(steps > 3, "{steps} slices");
        let got = read.finish().unwrap();
        let names: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            names,
            ["代表", "人大", "a b"],
            "a key past MAX_KEY is no term"
        );
        assert_eq!(got[0].1.docs, docs);
        assert_eq!(got[1].1.positions, Some(vec![vec![1, 5]]));
        assert_eq!(got[2].1.docs, [7]);
        // Compared and placed in slices, as at once.
        let other: Vec<u32> = (0..2 * SLICE as u32).map(|d| d * 2).collect();
        let mut common = Common::new(vec![docs.clone(), other.clone()]);
        let mut steps = 1;
        while common.step() == Progress::More {
            steps += 1;
        }
        let both = common.finish();
        assert!(steps > 1);
        assert_eq!(
            both,
            docs.iter()
                .copied()
                .filter(|d| other.binary_search(d).is_ok())
                .collect::<Vec<_>>()
        );
        let m = Manifest {
            buckets: 1,
            shards: vec!["s0-0123456789abcdef.json".into()],
            issues: (0..100)
                .map(|i| IndexedIssue {
                    url: format!("{i}.json"),
                    articles: 2000,
                })
                .collect(),
        };
        let mut cursor = (0, 0);
        let parts: Vec<(usize, usize)> = docs
            .chunks(1000)
            .flat_map(|part| m.places_on(part, &mut cursor))
            .collect();
        assert_eq!(parts, m.places(&docs));
        assert_eq!(parts.len(), docs.len());
        // Not a shard: truncated, a trailing comma, a list with other characters, an array.
        for bad in [
            &shard[..shard.len() / 2],
            "{\"a\":\"0\",}",
            "{\"a\":\"0 1\"}",
            "[\"0\"]",
            "{\"a\":0}",
            "",
        ] {
            assert_eq!(
                read_shard(bad, &["a"], total),
                Err(Fault::Unreadable),
                "{bad:.40}"
            );
        }
        assert_eq!(read_shard(" { } ", &["a"], total), Ok(vec![]));
    }

    #[test]
    fn a_feed_ahead_of_its_index_is_matched_by_url() {
        // The index lists b, c and x (since taken out of the feed); the feed has a (newer,
        // published without rebuilding the index), b and c; y is listed twice.
        let c = Coverage::of(&["a", "b", "c", "y"], &["b", "c", "x", "y", "y"]);
        assert_eq!(c.entries, [Some(1), Some(2), None, Some(3), None]);
        assert_eq!(c.unlisted, [0]);
        // Hits in b (articles 0, 2), in x (passed over), in the second y (passed over).
        let places = [(0, 0), (0, 2), (2, 1), (4, 0)];
        let (found, left) = c.candidates(&places, 5);
        assert_eq!(
            found,
            [
                Candidate {
                    entry: 0,
                    articles: None
                },
                Candidate {
                    entry: 1,
                    articles: Some(vec![0, 2])
                },
            ]
        );
        assert_eq!(left, 0);
        // Bounded: the newest unlisted are checked, the rest counted.
        let c = Coverage::of(&["n1", "n2", "n3", "b"], &["b"]);
        let (found, left) = c.candidates(&[], 2);
        let entries: Vec<usize> = found.iter().map(|c| c.entry).collect();
        assert_eq!((entries, left), (vec![0, 1], 1));
        // No feed issue in the index at all, and an empty index.
        assert_eq!(Coverage::of(&["a"], &[]).unlisted, [0]);
        assert_eq!(Coverage::of(&[], &["a"]).entries, [None]);
    }

    #[test]
    fn the_seed_is_found_as_a_scan_finds_it() {
        let mut older = seed();
        older.articles.reverse();
        let issues = vec![seed(), older];
        for positions in [true, false] {
            let built = index_with(&issues, positions);
            for q in [
                "胡贺波",
                "基层人大",
                "人大",
                "湘潭 发言",
                "代表联络站",
                "2024",
                "不存在的词",
            ] {
                let want: Vec<(usize, usize)> = all_articles(&issues)
                    .into_iter()
                    .filter(|&(i, a)| scan(&issues[i], a, q))
                    .collect();
                assert_eq!(look_up(&built, &issues, q).unwrap(), want, "{q}");
            }
            assert!(look_up(&built, &issues, "胡贺波").unwrap().len() == 2);
        }
    }

    #[test]
    fn a_hit_has_its_place_and_a_snippet() {
        let issue = seed();
        let p = plan("胡贺波").unwrap();
        let hits = article_hits(&issue, 1, &p).unwrap();
        let (field, s, e) = hits[0];
        assert_eq!(field, Field::Title(1));
        let title = &issue.articles[1].title;
        assert_eq!(&title[s..e], "胡贺波");
        let (before, hit, after) = snippet(title, s, e, 4);
        assert_eq!(hit, "胡贺波");
        assert_eq!(before, "…市委书记");
        assert!(after.ends_with('…') && after.chars().count() == 5);
    }

    /// Issues of one-paragraph articles with these texts (titled 标题).
    fn issues_of(texts: &[Vec<String>]) -> Vec<Issue> {
        let base = seed();
        texts
            .iter()
            .map(|articles| {
                let mut issue = base.clone();
                issue.articles.truncate(1);
                let template = issue.articles[0].clone();
                issue.articles = articles
                    .iter()
                    .map(|t| {
                        let mut a = template.clone();
                        (a.title, a.byline, a.source) = ("标题".into(), None, None);
                        a.blocks = vec![Block::Paragraph { text: t.clone() }];
                        a
                    })
                    .collect();
                issue
            })
            .collect()
    }

    /// Random short texts over a few characters, so that queries often match.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("人"),
                Just("大"),
                Just("代"),
                Just("表"),
                Just("站"),
                Just("1"),
                Just("8"),
                Just("a"),
                Just("Ｂ"),
                Just("b"),
                Just("，"),
                Just(" "),
                Just("　"),
                Just("、"),
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Every article the index finds holds the query, and none that holds it is missed.
        #[test]
        fn the_index_agrees_with_a_plain_scan(
            texts in proptest::collection::vec(proptest::collection::vec(text(), 1..4), 1..6),
            queries in proptest::collection::vec(text(), 1..6),
        ) {
            let issues = issues_of(&texts);
            let mut queries = queries;
            // Substrings of the texts too, which find something.
            for a in texts.iter().flatten().take(3) {
                let chars: Vec<char> = a.chars().collect();
                if chars.len() > 3 {
                    queries.push(chars[1..chars.len().min(5)].iter().collect());
                }
            }
            for positions in [true, false] {
                let built = index_with(&issues, positions);
                for q in &queries {
                    let Some(found) = look_up(&built, &issues, q) else { continue };
                    let want: Vec<(usize, usize)> = all_articles(&issues)
                        .into_iter()
                        .filter(|&(i, a)| scan(&issues[i], a, q))
                        .collect();
                    prop_assert_eq!(found, want, "query {:?}, positions {}", q, positions);
                }
            }
        }

        /// An index built before the newest issues were added to the feed (from the 编辑台,
        /// without `bulletin feed`), and listing issues the feed has since dropped, still
        /// finds what a plain scan of the feed finds: the issues it does not list are checked
        /// against their text, up to the bound, and the rest are counted.
        #[test]
        fn an_index_behind_its_feed_agrees_with_a_plain_scan(
            texts in proptest::collection::vec(proptest::collection::vec(text(), 1..4), 1..7),
            newer in 0usize..4,
            dropped in proptest::collection::vec(any::<bool>(), 7),
            max in 0usize..4,
            queries in proptest::collection::vec(text(), 1..5),
        ) {
            let issues = issues_of(&texts);
            let newer = newer.min(issues.len());
            let urls: Vec<String> = (0..issues.len()).map(|i| format!("issues/{i}.json")).collect();
            // The index: every issue but the newer ones.
            let indexed: Vec<(String, &Issue)> =
                urls.iter().cloned().zip(&issues).skip(newer).collect();
            // The feed: every issue but the dropped older ones (the newer ones stay).
            let feed: Vec<(&str, &Issue)> = urls
                .iter()
                .map(String::as_str)
                .zip(&issues)
                .enumerate()
                .filter(|&(i, _)| i < newer || !dropped[i])
                .map(|(_, x)| x)
                .collect();
            let mut queries = queries;
            for a in texts.iter().flatten().take(3) {
                let chars: Vec<char> = a.chars().collect();
                if chars.len() > 3 {
                    queries.push(chars[1..chars.len().min(5)].iter().collect());
                }
            }
            for positions in [true, false] {
                let built = build_with(&indexed, positions);
                for q in &queries {
                    let Some((found, left)) = look_up_in(&built, &feed, q, max) else { continue };
                    let checked = newer.min(max);
                    prop_assert_eq!(left, newer - checked);
                    let want: Vec<(usize, usize)> = feed
                        .iter()
                        .enumerate()
                        .filter(|&(e, _)| e < checked || e >= newer)
                        .flat_map(|(e, (_, x))| (0..x.articles.len()).map(move |a| (e, a)))
                        .filter(|&(e, a)| scan(feed[e].1, a, q))
                        .collect();
                    prop_assert_eq!(found, want, "query {:?}, positions {}", q, positions);
                }
            }
        }

        #[test]
        fn posting_lists_round_trip(mut docs in proptest::collection::vec(0u32..5_000_000, 0..200)) {
            docs.sort_unstable();
            docs.dedup();
            prop_assert_eq!(decode(&encode(&docs)).unwrap(), docs);
        }
    }
}
