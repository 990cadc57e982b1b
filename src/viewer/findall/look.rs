//! 往期检索's look-up over what was fetched, with no browser: the shards of a query's terms
//! read against the manifest ([`look_up`]), giving the issues that may hold it, newest first,
//! with the feed's issues the index does not list; and an issue's text checked ([`found_in`]).
//! Long work is done in slices, with a pause between them that the caller gives (the hook
//! yields to the page there; a test does not).

use super::state::{
    Check, Found, FoundArticle, FoundIssue, LookFault, Refused, ABANDONED, UNLISTED,
};
use crate::index::{
    self, article_hits, snippet, Candidate, Common, Coverage, Fault, Manifest, Plan, Progress,
    ShardRead, SLICE,
};
use crate::model::{FeedEntry, Issue};
use crate::search::{fields, Field};
use std::collections::HashMap;
use std::rc::Rc;

/// Characters of context either side of a hit in a snippet.
const CONTEXT: usize = 28;

/// The shard file of each of the plan's terms, in the plan's order.
pub fn shard_files(m: &Manifest, plan: &Plan) -> Vec<String> {
    plan.terms
        .iter()
        .map(|t| m.shards[index::shard_of(t, m.buckets)].clone())
        .collect()
}

/// What a look-up reads: the manifest (with its count of articles), the feed's issues, the
/// URLs of the manifest's issues as the feed's are written (absolute), and each term's
/// shard file ([`shard_files`]).
pub struct Index<'a> {
    /// The manifest.
    pub manifest: &'a Manifest,
    /// Its count of articles.
    pub articles: u32,
    /// The feed's issues, newest first.
    pub feed: &'a [FeedEntry],
    /// The manifest's issues' URLs, made absolute as the feed's are.
    pub listed: &'a [String],
    /// The shard file of each term of the plan.
    pub files: &'a [String],
}

/// Looks the query of `plan` up in the index: the issues that may hold it, newest first, each
/// with its URL, and with them the feed's issues the index does not list (the newest
/// [`UNLISTED`]). `shards`: each file fetched, with its text (None: it could not be; another
/// term's shard stands in, the text check keeps the results exact). `next` runs between
/// slices of work; false abandons the look-up.
pub async fn look_up(
    ix: Index<'_>,
    plan: &Plan,
    shards: Vec<(String, Option<Rc<str>>)>,
    mut next: impl AsyncFnMut() -> bool,
) -> Result<(Found, Vec<(Candidate, String)>), LookFault> {
    let m = ix.manifest;
    // Each shard read once for its terms, in slices; one that does not add up refuses the
    // index.
    let mut lists: HashMap<String, index::List> = HashMap::new();
    let mut missing = Vec::new();
    for (file, text) in shards {
        let terms: Vec<&str> = plan
            .terms
            .iter()
            .zip(ix.files)
            .filter(|(_, f)| **f == file)
            .map(|(t, _)| t.as_str())
            .collect();
        let Some(text) = text else {
            missing.push(file);
            continue;
        };
        let mut read = ShardRead::new(&text, &terms, ix.articles);
        while read.step() == Progress::More {
            if !next().await {
                return Err(ABANDONED);
            }
        }
        match read.finish() {
            Ok(found) => {
                for term in terms {
                    let list = found
                        .iter()
                        .find(|(t, _)| t == term)
                        .map(|(_, l)| l.clone())
                        .unwrap_or_default();
                    lists.insert(term.to_string(), list);
                }
            }
            Err(Fault::Unreadable) => missing.push(file),
            Err(Fault::Refused(why)) => {
                return Err(LookFault::Refused(Refused {
                    file,
                    why: Some(why),
                }))
            }
        }
    }
    missing.sort();
    missing.dedup();
    if lists.is_empty() {
        return Err(LookFault::Failed(missing.join(", ")));
    }
    let mut common = Common::new(lists.values().map(|l| l.docs.clone()).collect());
    while common.step() == Progress::More {
        if !next().await {
            return Err(ABANDONED);
        }
    }
    let mut docs = common.finish();
    let mut exact = plan.exact;
    // Rare terms keep their positions (at most RARE, which the shard's reading checked): a
    // query made of them is decided here, exactly.
    if let Some(held) = index::exact_docs(plan, &lists, &docs) {
        (docs, exact) = (held, true);
    }
    drop(lists);
    let exact = exact && missing.is_empty();
    // Article numbers → feed entries, by the issues' URLs (both relative to the feed): an
    // issue the feed no longer has is passed over, one the index does not list yet is
    // checked whole.
    let feed: Vec<&str> = ix.feed.iter().map(|e| e.url.as_str()).collect();
    let listed: Vec<&str> = ix.listed.iter().map(String::as_str).collect();
    let coverage = Coverage::of(&feed, &listed);
    // Articles per issue, by the feed's entry (its 要目 titles stand for theirs if they match).
    let counts: HashMap<usize, usize> = coverage
        .entries
        .iter()
        .zip(&m.issues)
        .filter_map(|(e, i)| Some(((*e)?, i.articles as usize)))
        .collect();
    // Placed a slice at a time.
    let mut gather = coverage.gather();
    let mut cursor = (0, 0);
    for part in docs.chunks(SLICE) {
        gather.add(&m.places_on(part, &mut cursor));
        if !next().await {
            return Err(ABANDONED);
        }
    }
    let (candidates, unchecked) = gather.finish(UNLISTED);
    let issues = candidates
        .iter()
        .map(|c| FoundIssue {
            entry: c.entry,
            named: c.articles.as_deref().unwrap_or_default().into(),
            titled: counts.get(&c.entry).copied() == Some(ix.feed[c.entry].headlines.len()),
            articles: Vec::new(),
            check: Check::Pending,
            listed: c.articles.is_some(),
        })
        .collect();
    let candidates = candidates
        .into_iter()
        .map(|c| {
            let url = ix.feed[c.entry].url.clone();
            (c, url)
        })
        .collect();
    Ok((
        Found {
            issues,
            exact,
            window: 0,
            checking: true,
            missing,
            unchecked,
        },
        candidates,
    ))
}

/// How many issues a check shows of one issue read (`found`: what its text holds, None: it
/// could not be read): exact and listed, it is shown whatever its text says (as
/// `Found::shown` does).
pub fn shows(exact: bool, c: &Candidate, found: Option<&[FoundArticle]>) -> usize {
    match exact && c.articles.is_some() {
        true => 1,
        false => found.map_or(0, |f| usize::from(!f.is_empty())),
    }
}

/// The articles of `issue` among `articles` (None: all of them) that hold the query, with
/// their snippets.
pub fn found_in(issue: &Issue, articles: Option<&[usize]>, plan: &Plan) -> Vec<FoundArticle> {
    let texts = fields(issue);
    let every: Vec<usize>;
    let articles = match articles {
        Some(a) => a,
        None => {
            every = (0..issue.articles.len()).collect();
            &every
        }
    };
    articles
        .iter()
        .filter_map(|&a| {
            let article = issue.articles.get(a)?;
            let hits = article_hits(issue, a, plan)?;
            let mut title_marks: Vec<(usize, usize)> = hits
                .iter()
                .filter(|(f, ..)| *f == Field::Title(a))
                .map(|&(_, s, e)| (s, e))
                .collect();
            // Segment by segment: in order, and not overlapping, to be drawn.
            title_marks.sort_unstable();
            let mut end = 0;
            title_marks.retain(|&(s, e)| {
                let keep = s >= end;
                if keep {
                    end = e;
                }
                keep
            });
            let snippet =
                hits.iter()
                    .find(|(f, ..)| *f != Field::Title(a))
                    .and_then(|&(f, s, e)| {
                        let text = texts.iter().find(|(g, _)| *g == f)?.1;
                        Some(snippet(text, s, e, CONTEXT))
                    });
            Some(FoundArticle {
                article: a,
                id: Some(article.id.clone()),
                title: article.title.clone(),
                title_marks,
                snippet,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{build, plan};
    use crate::model::{build_feed, parse_issue, Block};

    fn seed() -> Issue {
        parse_issue(include_str!(
            "../../../www/issues/lianluo-dongtai-2024-18.json"
        ))
        .unwrap()
    }

    /// The bundled 第18期, copies of it as 第1–17期, and a later issue of one article about
    /// 基层治理, in a feed and an index of them all: the feed's issues and the index built.
    fn archive() -> (Vec<FeedEntry>, crate::index::Built) {
        let mut later = seed();
        later.masthead.issue.label = "第19期".into();
        later.masthead.issue.number = Some(19);
        later.masthead.date.iso = "2024-11-20".into();
        later.articles.truncate(1);
        later.articles[0].title = "基层治理的新办法".into();
        later.articles[0].blocks = vec![Block::Paragraph {
            text: "社区把基层治理做细做实。".into(),
        }];
        // Earlier issues enough for the index to take more than one shard.
        let mut issues = vec![("19.json".to_string(), later), ("18.json".into(), seed())];
        for n in 1..=17 {
            let mut earlier = seed();
            earlier.masthead.issue.label = format!("第{n}期");
            earlier.masthead.issue.number = Some(n);
            earlier.masthead.date.iso = format!("2024-{:02}-01", n.min(10));
            issues.push((format!("{n}.json"), earlier));
        }
        let feed = build_feed(&issues).issues;
        let built = build(
            &issues
                .iter()
                .map(|(u, i)| (u.clone(), i))
                .collect::<Vec<_>>(),
        );
        (feed, built)
    }

    /// Looks `query` up over the archive, with the files `gone` not fetched.
    fn look(query: &str, gone: &[&str], articles: Option<u32>) -> Result<Found, LookFault> {
        let (feed, built) = archive();
        let m = &built.manifest;
        let plan = plan(query).unwrap();
        let files = shard_files(m, &plan);
        let mut wanted = files.clone();
        wanted.sort();
        wanted.dedup();
        let shards = wanted
            .into_iter()
            .map(|f| {
                let text = built.files.iter().find(|(n, _)| *n == f).map(|(_, t)| t);
                let text = text.filter(|_| !gone.contains(&f.as_str()));
                (f, text.map(|t| Rc::from(t.as_str())))
            })
            .collect();
        let listed: Vec<String> = m.issues.iter().map(|i| i.url.clone()).collect();
        let ix = Index {
            manifest: m,
            articles: articles.unwrap_or(m.articles().unwrap()),
            feed: &feed,
            listed: &listed,
            files: &files,
        };
        let looked = futures_executor::block_on(look_up(ix, &plan, shards, async || true));
        looked.map(|(found, candidates)| {
            assert_eq!(found.issues.len(), candidates.len());
            for (i, (c, url)) in found.issues.iter().zip(&candidates) {
                assert_eq!((i.entry, url), (c.entry, &feed[c.entry].url));
            }
            found
        })
    }

    #[test]
    fn a_query_finds_its_issues_newest_first_and_the_text_check_marks_the_hit() {
        let found = look("基层治理", &[], None).unwrap();
        let entries: Vec<usize> = found.issues.iter().map(|i| i.entry).collect();
        assert_eq!(entries[0], 0, "the later issue first");
        assert!(found.missing.is_empty());
        let (feed, _) = archive();
        assert_eq!(feed[0].label, "第19期");
        // Its text holds it: the title's hit marked, a snippet of the paragraph.
        let mut later = seed();
        later.articles.truncate(1);
        later.articles[0].title = "基层治理的新办法".into();
        later.articles[0].blocks = vec![Block::Paragraph {
            text: "社区把基层治理做细做实。".into(),
        }];
        let a = found_in(
            &later,
            Some(&found.issues[0].named),
            &plan("基层治理").unwrap(),
        );
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].title_marks, vec![(0, "基层治理".len())]);
        let (_, hit, _) = a[0].snippet.clone().unwrap();
        assert_eq!(hit, "基层治理");
    }

    #[test]
    fn a_missing_shard_is_named_and_the_other_terms_stand_in_for_it() {
        let (_, built) = archive();
        let p = plan("基层治理").unwrap();
        let files = shard_files(&built.manifest, &p);
        let mut distinct = files.clone();
        distinct.sort();
        distinct.dedup();
        assert!(
            distinct.len() > 1,
            "the terms are in more than one shard: {files:?}"
        );
        let whole = look("基层治理", &[], None).unwrap();
        let without = look("基层治理", &[&distinct[0]], None).unwrap();
        assert_eq!(without.missing, vec![distinct[0].clone()]);
        assert!(!without.exact, "no longer exact: the text check decides");
        let entries = |f: &Found| f.issues.iter().map(|i| i.entry).collect::<Vec<_>>();
        for e in entries(&whole) {
            assert!(entries(&without).contains(&e), "still a candidate: {e}");
        }
        // Every shard of the query gone: the look-up fails, naming them.
        let all: Vec<&str> = distinct.iter().map(String::as_str).collect();
        assert_eq!(
            look("基层治理", &all, None),
            Err(LookFault::Failed(distinct.join(", ")))
        );
    }

    #[test]
    fn a_shard_that_names_articles_past_the_manifest_s_count_refuses_the_index() {
        match look("基层治理", &[], Some(1)) {
            Err(LookFault::Refused(r)) => {
                assert!(r.file.starts_with('s'), "a shard: {}", r.file);
                assert!(matches!(
                    r.why,
                    Some(crate::index::Refusal::PastTheEnd { .. })
                ));
            }
            other => panic!("refused, not {other:?}"),
        }
    }

    #[test]
    fn an_abandoned_look_up_stops_between_slices() {
        let (feed, built) = archive();
        let m = &built.manifest;
        let p = plan("基层治理").unwrap();
        let files = shard_files(m, &p);
        let shards = built
            .files
            .iter()
            .filter(|(n, _)| files.contains(n))
            .map(|(n, t)| (n.clone(), Some(Rc::from(t.as_str()))))
            .collect();
        let listed: Vec<String> = m.issues.iter().map(|i| i.url.clone()).collect();
        let ix = Index {
            manifest: m,
            articles: m.articles().unwrap(),
            feed: &feed,
            listed: &listed,
            files: &files,
        };
        let looked = futures_executor::block_on(look_up(ix, &p, shards, async || false));
        assert_eq!(looked.err(), Some(ABANDONED));
    }
}
