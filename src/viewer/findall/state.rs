//! 往期检索's state over plain data: what the panel shows ([`Finding`]), the query's run
//! (its plan and candidates, under one generation that abandoned work is told apart by) and
//! what every run shares (the index's manifest for the feed's URL, the shards read). Its
//! transitions are [`Search`]'s methods, tested here without a browser; the hook
//! ([`mod@super::hook`]) fetches and calls them.

use crate::index::{self, Candidate, Manifest, Plan, Refusal, Unsearchable};
use crate::viewer::load::{LoadError, Shelf};
use std::collections::HashMap;
use std::rc::Rc;

/// Issues checked (and shown) per page of results.
pub const PAGE: usize = 10;
/// The most issues not in the index that a query checks against their text (the newest:
/// two pages' fetches at most); more are said in the panel, for `bulletin feed` to index.
pub const UNLISTED: usize = 20;
/// The most articles an issue shows before its text is read: those the index names in it
/// (the first of them; the text check gives the ones it holds).
pub const NAMED_SHOWN: usize = 100;

/// One article found.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundArticle {
    /// Its index in the issue.
    pub article: usize,
    /// Its id, once the issue is read (links name it).
    pub id: Option<String>,
    /// Its title (from the feed's 要目 until the issue is read).
    pub title: String,
    /// Hits in the title, as byte ranges.
    pub title_marks: Vec<(usize, usize)>,
    /// Text around the first hit outside the title: before, the hit, after.
    pub snippet: Option<(String, String, String)>,
}

/// Where the check of an issue stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// Its text is not read yet.
    Pending,
    /// Read: its articles are the ones that hold the query.
    Done,
    /// Its JSON could not be fetched or read.
    Failed,
}

/// One issue with articles found.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundIssue {
    /// Its index in the feed.
    pub entry: usize,
    /// The articles the index names in it, until its text is read (shared: the results are
    /// copied on every change).
    pub named: Rc<[usize]>,
    /// Whether the feed's 要目 titles stand for its articles' (they match one to one).
    pub titled: bool,
    /// Its articles that hold the query, once its text is read.
    pub articles: Vec<FoundArticle>,
    /// Its check.
    pub check: Check,
    /// Whether the index lists it; if not, only its text says whether it holds the query.
    pub listed: bool,
}

/// What the panel shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Finding {
    /// No query.
    #[default]
    Idle,
    /// The feed has no index.
    NoIndex,
    /// The query cannot be looked up.
    Unsearchable(Unsearchable),
    /// Looking up.
    Searching,
    /// The index could not be fetched or read.
    Failed(String),
    /// Issues found.
    Found(Found),
    /// The index does not add up: 往期检索 is not available.
    Unavailable(Refused),
}

/// Why the feed's index was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// The file that showed it (the manifest or a shard), by its name.
    pub file: String,
    /// How it does not add up; None: the manifest cannot be read.
    pub why: Option<Refusal>,
}

/// Why a look-up failed.
#[derive(Clone, Debug, PartialEq)]
pub enum LookFault {
    /// A file could not be fetched (which, and why).
    Failed(String),
    /// The index was refused.
    Refused(Refused),
}

/// The issues a query found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    /// Every issue that may hold the query, newest first.
    pub issues: Vec<FoundIssue>,
    /// Whether they all do (the posting lists are exact): then they are shown before their
    /// check.
    pub exact: bool,
    /// How many of `issues` are shown (exact) or have been checked.
    pub window: usize,
    /// Whether issues are being checked.
    pub checking: bool,
    /// Shards that could not be fetched.
    pub missing: Vec<String>,
    /// Issues the index does not list that were left unchecked (past [`UNLISTED`]).
    pub unchecked: usize,
}

impl Found {
    /// The issues to show: the window's, once they are known to hold the query.
    /// An issue whose JSON could not be read is shown with a note (it may hold the query:
    /// nothing is missed); one whose text does not hold it (an index older than the issue)
    /// is not.
    pub fn shown(&self) -> impl Iterator<Item = &FoundIssue> {
        self.issues[..self.window.min(self.issues.len())]
            .iter()
            .filter(|i| self.holds(i))
    }

    /// Whether `issue` is known to hold the query (or may: its JSON could not be read).
    /// Exact posting lists say so before the text is read, for the issues the index lists.
    fn holds(&self, issue: &FoundIssue) -> bool {
        match issue.check {
            Check::Pending => self.exact && issue.listed,
            Check::Failed => true,
            Check::Done => !issue.articles.is_empty(),
        }
    }

    /// The issues and articles found so far: exact, every issue the index lists (checked or
    /// not) and the shown ones it does not; else the shown ones.
    pub fn tally(&self) -> (usize, usize) {
        let window = self.window.min(self.issues.len());
        self.issues
            .iter()
            .enumerate()
            .filter(|(k, i)| match self.exact && i.listed {
                true => i.check != Check::Done || !i.articles.is_empty(),
                false => *k < window && self.holds(i),
            })
            .fold((0, 0), |(n, a), (_, i)| {
                let articles = match i.check {
                    Check::Done => i.articles.len(),
                    _ => i.named.len(),
                };
                (n + 1, a + articles)
            })
    }

    /// Whether there are issues past the window.
    pub fn more(&self) -> bool {
        self.window < self.issues.len()
    }
}

/// Abandoned: what the caller drops (its generation is past).
pub const ABANDONED: LookFault = LookFault::Failed(String::new());

/// A manifest as read: with its count of articles, or why the index was refused.
pub type Read = Result<(Rc<Manifest>, u32), Refused>;

/// Reads the manifest fetched from `url`: refused when it cannot be read or its counts do
/// not add up.
pub fn read_manifest(url: &str, text: &str) -> Read {
    let refused = |why| Refused {
        file: file_name(url),
        why,
    };
    let m = index::parse_manifest(text).map_err(|_| refused(None))?;
    let articles = m.articles().map_err(|r| refused(Some(r)))?;
    Ok((Rc::new(m), articles))
}

/// The last part of a URL's path: how the panel names a file of the index.
pub fn file_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    path.rsplit('/').next().unwrap_or(path).to_string()
}

/// Which file, and what went wrong where that says more than the file.
pub fn describe(e: &LoadError) -> String {
    match e {
        LoadError::NoSource => String::new(),
        LoadError::Http { url, status } => format!("{url} (HTTP {status})"),
        LoadError::Timeout { url, seconds } => format!("{url} ({seconds} s)"),
        LoadError::Network { url, .. }
        | LoadError::NotJson { url, .. }
        | LoadError::Unsafe { url }
        | LoadError::Empty { url }
        | LoadError::TooLarge { url, .. }
        | LoadError::Invalid { url, .. } => url.clone(),
    }
}

/// What every run shares: the index's manifest, once fetched, and the shards read.
#[derive(Default)]
pub struct Cache {
    /// The manifest's URL, and the manifest with its count of articles, or why the index was
    /// refused (by the manifest or, later, by a shard).
    manifest: Option<(String, Read)>,
    /// Shards by absolute URL.
    shards: HashMap<String, Rc<str>>,
}

impl Cache {
    /// The manifest read from `url`, if it was (another feed's is not it).
    pub fn manifest(&self, url: &str) -> Option<Read> {
        self.manifest
            .as_ref()
            .filter(|(u, _)| u == url)
            .map(|(_, m)| m.clone())
    }

    /// Keeps the manifest read from `url` (a refusal too: the index is not fetched again).
    pub fn keep_manifest(&mut self, url: &str, read: Read) {
        self.manifest = Some((url.to_string(), read));
    }

    /// Why the index at `url` was refused, if it was.
    pub fn refused(&self, url: &str) -> Option<Refused> {
        self.manifest(url)?.err()
    }

    /// The shard at `url`, if it was read.
    pub fn shard(&self, url: &str) -> Option<Rc<str>> {
        self.shards.get(url).cloned()
    }

    /// Keeps the shard read from `url`.
    pub fn keep_shard(&mut self, url: String, text: Rc<str>) {
        self.shards.insert(url, text);
    }
}

/// A query's run: what later pages need.
struct Run {
    plan: Plan,
    /// Each issue that may hold the query, and its URL.
    candidates: Rc<Vec<(Candidate, String)>>,
    exact: bool,
}

/// The candidates of a run to check: the plan, each issue with its URL, whether the posting
/// lists were exact.
pub type ToCheck = (Rc<Plan>, Rc<Vec<(Candidate, String)>>, bool);

/// 往期检索's state: the query, its run and what was found, and the cache.
#[derive(Default)]
pub struct Search {
    /// Bumped by every query and by leaving: the work of an earlier one is dropped.
    generation: u32,
    finding: Finding,
    /// The query as typed.
    typed: String,
    run: Option<Run>,
    /// What every run shares.
    pub cache: Cache,
}

impl Search {
    /// The query `text` typed, for the feed `shelf` (None: 往期检索 is off). Some(generation,
    /// plan) when it is to be looked up (after the pause after typing).
    pub fn query(&mut self, text: String, shelf: Option<&Shelf>) -> Option<(u32, Plan)> {
        self.generation = self.generation.wrapping_add(1);
        self.run = None;
        let finding = match shelf {
            None => None,
            Some(s) if s.search.is_none() => Some(Finding::NoIndex),
            Some(_) if text.trim().is_empty() => Some(Finding::Idle),
            Some(_) => match index::plan(&text) {
                Err(u) => Some(Finding::Unsearchable(u)),
                Ok(plan) => {
                    self.run = Some(Run {
                        plan,
                        candidates: Rc::default(),
                        exact: false,
                    });
                    // Said at once, so that nothing older stands as the answer while the
                    // pause runs.
                    Some(Finding::Searching)
                }
            },
        };
        self.typed = text;
        if let Some(f) = finding {
            self.finding = f;
        }
        let run = self.run.as_ref()?;
        Some((self.generation, run.plan.clone()))
    }

    /// Another feed, the feed fetched again, or the viewer gone: the run is abandoned, and
    /// what it found (the field is cleared: its results would be of the feed before).
    pub fn leave(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        self.run = None;
        self.finding = Finding::Idle;
        self.typed.clear();
    }

    /// The index was refused when the panel opened (its manifest does not add up): said at
    /// once.
    pub fn unavailable(&mut self, r: Refused) {
        self.finding = Finding::Unavailable(r);
    }

    /// The look-up of generation `g` in the index at `index_url` ended; true when it found
    /// candidates to check ([`Search::to_check`]). A refusal is kept whatever the generation:
    /// the index is not read again.
    pub fn looked(
        &mut self,
        g: u32,
        index_url: &str,
        looked: Result<(Found, Vec<(Candidate, String)>), LookFault>,
    ) -> bool {
        if let Err(LookFault::Refused(r)) = &looked {
            // Never read again: its shards need not be kept.
            self.cache.keep_manifest(index_url, Err(r.clone()));
            self.cache.shards.clear();
        }
        if g != self.generation {
            return false;
        }
        match looked {
            Err(LookFault::Failed(message)) => self.finding = Finding::Failed(message),
            Err(LookFault::Refused(r)) => self.finding = Finding::Unavailable(r),
            Ok((found, candidates)) => {
                let exact = found.exact;
                self.finding = Finding::Found(found);
                if let Some(run) = self.run.as_mut() {
                    (run.candidates, run.exact) = (Rc::new(candidates), exact);
                    return true;
                }
            }
        }
        false
    }

    /// What the run of generation `g` has to check, if it is the current one.
    pub fn to_check(&self, g: u32) -> Option<ToCheck> {
        let run = self.run.as_ref().filter(|_| g == self.generation)?;
        Some((Rc::new(run.plan.clone()), run.candidates.clone(), run.exact))
    }

    /// 更多: the generation, and where the next page starts — the issues looked at so far and
    /// those shown of them.
    pub fn more(&self) -> Option<(u32, (usize, usize))> {
        self.run.as_ref()?;
        let at = match &self.finding {
            Finding::Found(f) => (f.window, f.shown().count()),
            _ => (0, 0),
        };
        Some((self.generation, at))
    }

    /// The results of generation `g`, if it is the current one and found any.
    fn found(&mut self, g: u32) -> Option<&mut Found> {
        match &mut self.finding {
            Finding::Found(found) if g == self.generation => Some(found),
            _ => None,
        }
    }

    /// Issues up to `end` are looked at (shown at once when exact).
    pub fn window(&mut self, g: u32, end: usize) -> bool {
        self.found(g).map(|f| f.window = end).is_some()
    }

    /// Issues are being checked, or no longer.
    pub fn checking(&mut self, g: u32, on: bool) -> bool {
        self.found(g).map(|f| f.checking = on).is_some()
    }

    /// The issue at feed entry `entry` was read: the articles that hold the query, or None
    /// when it could not be fetched or read.
    pub fn checked(&mut self, g: u32, entry: usize, articles: Option<Vec<FoundArticle>>) -> bool {
        let Some(found) = self.found(g) else {
            return false;
        };
        if let Some(issue) = found.issues.iter_mut().find(|i| i.entry == entry) {
            match articles {
                Some(a) => (issue.articles, issue.check) = (a, Check::Done),
                None => issue.check = Check::Failed,
            }
        }
        true
    }

    /// What the panel shows for the feed (`has_feed`) whose index is at `index_url`: no
    /// index, the refusal of the index (whatever the field holds), or what was found.
    pub fn finding(&self, index_url: Option<&str>, has_feed: bool) -> Finding {
        let refused = index_url.and_then(|u| self.cache.refused(u));
        match (&self.finding, refused) {
            _ if index_url.is_none() && has_feed => Finding::NoIndex,
            (f, Some(r)) if !matches!(f, Finding::Unavailable(_)) => Finding::Unavailable(r),
            (f, _) => f.clone(),
        }
    }

    /// The query as typed.
    pub fn typed(&self) -> &str {
        &self.typed
    }

    /// The query as the in-issue search takes it over when a result is opened.
    pub fn for_issue(&self) -> String {
        self.run
            .as_ref()
            .map(|r| r.plan.longest().to_string())
            .unwrap_or_default()
    }

    /// The current generation.
    pub fn generation(&self) -> u32 {
        self.generation
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{build_feed, parse_issue};

    /// The feed of the bundled 第18期, with an index at `search` (None: without one).
    fn shelf(search: Option<&str>) -> Shelf {
        let json = include_str!("../../../www/issues/lianluo-dongtai-2024-18.json");
        let feed = build_feed(&[("a/18.json".into(), parse_issue(json).unwrap())]);
        Shelf {
            keys: crate::model::feed_keys(&feed),
            feed,
            newest_unusable: None,
            url: "a/feed.json".into(),
            search: search.map(String::from),
        }
    }

    fn found(entry: usize) -> Found {
        Found {
            issues: vec![FoundIssue {
                entry,
                named: Rc::from([0usize].as_slice()),
                titled: true,
                articles: Vec::new(),
                check: Check::Pending,
                listed: true,
            }],
            exact: true,
            window: 0,
            checking: true,
            missing: Vec::new(),
            unchecked: 0,
        }
    }

    fn refused(file: &str) -> Refused {
        Refused {
            file: file.into(),
            why: Some(Refusal::Counts),
        }
    }

    #[test]
    fn what_a_query_becomes_before_it_is_looked_up() {
        let (with, without) = (shelf(Some("a/index.json")), shelf(None));
        let mut s = Search::default();
        assert_eq!(s.query("代表".into(), None), None, "往期检索 off: nothing");
        assert_eq!(s.finding(None, false), Finding::Idle);
        assert_eq!(s.typed(), "代表");
        assert_eq!(s.query("代表".into(), Some(&without)), None);
        assert_eq!(s.finding(None, true), Finding::NoIndex);
        assert_eq!(s.query("  ".into(), Some(&with)), None);
        assert_eq!(s.finding(Some("a/index.json"), true), Finding::Idle);
        assert_eq!(s.query("代".into(), Some(&with)), None);
        assert_eq!(
            s.finding(Some("a/index.json"), true),
            Finding::Unsearchable(Unsearchable::TooShort)
        );
        let (g, plan) = s.query("代表".into(), Some(&with)).unwrap();
        assert_eq!(g, s.generation());
        assert_eq!(plan.longest(), "代表");
        assert_eq!(s.finding(Some("a/index.json"), true), Finding::Searching);
        assert_eq!(s.for_issue(), "代表");
        assert_eq!(s.more(), Some((g, (0, 0))));
    }

    #[test]
    fn typing_on_abandons_the_query_in_flight_and_what_it_would_have_found() {
        let with = shelf(Some("a/index.json"));
        let mut s = Search::default();
        let (first, _) = s.query("胡贺波".into(), Some(&with)).unwrap();
        let (second, _) = s.query("示例".into(), Some(&with)).unwrap();
        assert_ne!(first, second);
        // The first query's answer comes late: never shown, nothing to check.
        assert!(!s.looked(first, "a/index.json", Ok((found(0), Vec::new()))));
        assert_eq!(s.finding(Some("a/index.json"), true), Finding::Searching);
        assert_eq!(s.to_check(first), None);
        let candidate = Candidate {
            entry: 0,
            articles: Some(vec![0]),
        };
        let looked = Ok((found(0), vec![(candidate.clone(), "a/18.json".into())]));
        assert!(s.looked(second, "a/index.json", looked));
        let (plan, candidates, exact) = s.to_check(second).unwrap();
        assert_eq!((plan.longest(), candidates.len(), exact), ("示例", 1, true));
        // Its checks count; the first's do not.
        assert!(!s.window(first, 10));
        assert!(!s.checked(first, 0, None));
        assert!(s.window(second, 10));
        let article = FoundArticle {
            article: 0,
            id: Some("a".into()),
            title: "示例".into(),
            title_marks: vec![(0, 6)],
            snippet: None,
        };
        assert!(s.checked(second, 0, Some(vec![article])));
        assert!(s.checking(second, false));
        let Finding::Found(f) = s.finding(Some("a/index.json"), true) else {
            panic!("found");
        };
        assert_eq!((f.window, f.checking), (10, false));
        assert_eq!(f.issues[0].check, Check::Done);
        assert_eq!(f.shown().count(), 1);
        assert_eq!(f.tally(), (1, 1));
        // Leaving (another feed) abandons it too, and clears the field.
        s.leave();
        assert_eq!(s.finding(Some("a/index.json"), true), Finding::Idle);
        assert_eq!((s.typed(), s.for_issue().as_str()), ("", ""));
        assert!(!s.checked(second, 0, None));
        assert_eq!(s.more(), None);
    }

    #[test]
    fn a_failed_look_up_says_which_files_and_a_stale_one_is_not_said() {
        let with = shelf(Some("a/index.json"));
        let mut s = Search::default();
        let (g, _) = s.query("基层治理".into(), Some(&with)).unwrap();
        let failed = || Err(LookFault::Failed("s1.json, s2.json".into()));
        assert!(!s.looked(g.wrapping_sub(1), "a/index.json", failed()));
        assert_eq!(s.finding(Some("a/index.json"), true), Finding::Searching);
        assert!(!s.looked(g, "a/index.json", failed()));
        assert_eq!(
            s.finding(Some("a/index.json"), true),
            Finding::Failed("s1.json, s2.json".into())
        );
    }

    #[test]
    fn the_cache_is_the_feed_s_the_manifest_by_its_url_a_refusal_kept() {
        let mut c = Cache::default();
        assert_eq!(c.manifest("a/index.json"), None);
        let read = read_manifest("a/search/index-1.json", "not json");
        assert_eq!(
            read,
            Err(Refused {
                file: "index-1.json".into(),
                why: None
            })
        );
        c.keep_manifest("a/search/index-1.json", read.clone());
        assert_eq!(c.manifest("a/search/index-1.json"), Some(read));
        assert_eq!(
            c.manifest("b/search/index-1.json"),
            None,
            "another feed's index"
        );
        assert_eq!(c.refused("b/search/index-1.json"), None);
        c.keep_shard("a/search/s1.json".into(), Rc::from("{}"));
        assert_eq!(c.shard("a/search/s1.json").as_deref(), Some("{}"));
        assert_eq!(c.shard("b/search/s1.json"), None);

        // A shard that does not add up refuses the index for good, also when its query was
        // abandoned meanwhile; its shards are dropped; another feed's index is not refused.
        let with = shelf(Some("a/index.json"));
        let mut s = Search::default();
        s.cache.keep_shard("a/s1.json".into(), Rc::from("{}"));
        let (g, _) = s.query("代表".into(), Some(&with)).unwrap();
        s.query("代表们".into(), Some(&with));
        assert!(!s.looked(
            g,
            "a/index.json",
            Err(LookFault::Refused(refused("s1.json")))
        ));
        assert_eq!(s.cache.refused("a/index.json"), Some(refused("s1.json")));
        assert_eq!(s.cache.shard("a/s1.json"), None);
        assert_eq!(
            s.finding(Some("a/index.json"), true),
            Finding::Unavailable(refused("s1.json")),
            "whatever the field holds"
        );
        assert_eq!(s.finding(Some("b/index.json"), true), Finding::Searching);
        // Refused when the panel opened: said at once.
        let mut t = Search::default();
        t.unavailable(refused("index.json"));
        assert_eq!(
            t.finding(Some("a/index.json"), true),
            Finding::Unavailable(refused("index.json"))
        );
    }

    #[test]
    fn files_are_named_by_the_last_part_of_their_path() {
        assert_eq!(
            file_name("https://x.cn/a/search/s3-ab.json?v=1#t"),
            "s3-ab.json"
        );
        assert_eq!(file_name("s3.json"), "s3.json");
        let e = LoadError::Http {
            url: "https://x.cn/s.json".into(),
            status: 404,
        };
        assert_eq!(describe(&e), "https://x.cn/s.json (HTTP 404)");
    }
}
