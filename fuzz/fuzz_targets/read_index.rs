//! Any bytes as 往期检索's index: a manifest, a shard and a query, separated by NUL. Reading
//! returns, never panics; a manifest that is read counts its articles or is refused; a shard
//! read in slices reads as a shard read whole, and what it gives adds up: every article
//! number below the manifest's count, lists ascending, a rare term's positions (at most
//! RARE) one list per article; common articles are in every list; places are inside their
//! issue's count.
#![no_main]
use bulletin::index::{self, Common, Coverage, Manifest, Progress, ShardRead, RARE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, '\0');
    let manifest = parts.next().unwrap_or_default();
    let shard = parts.next().unwrap_or_default();
    let query = parts.next().unwrap_or("代表");
    let m: Option<Manifest> = index::parse_manifest(manifest).ok();
    // A refused manifest stops the viewer before any shard; its shard is read here anyway,
    // against a count of its own.
    let counted = m.as_ref().map(|m| m.articles());
    if let Some(Ok(total)) = counted {
        let m = m.as_ref().unwrap();
        let sum: u64 = m.issues.iter().map(|i| u64::from(i.articles)).sum();
        assert_eq!(sum, u64::from(total));
        assert!(m
            .issues
            .iter()
            .all(|i| i.articles as usize <= bulletin::model::MAX_ARTICLES));
    }
    let total = match counted {
        Some(Ok(t)) => t,
        _ => 1000,
    };
    let plan = index::plan(query).ok();
    let terms: Vec<&str> = match &plan {
        Some(p) => p.terms.iter().map(String::as_str).collect(),
        None => vec!["代表", "人大"],
    };
    let mut read = ShardRead::new(shard, &terms, total);
    while read.step() == Progress::More {}
    let sliced = read.finish();
    assert_eq!(sliced, index::read_shard(shard, &terms, total));
    let Ok(found) = sliced else { return };
    for (term, list) in &found {
        assert!(terms.contains(&term.as_str()));
        assert!(list.docs.windows(2).all(|w| w[0] < w[1]));
        assert!(list.docs.iter().all(|&d| d < total));
        if let Some(ps) = &list.positions {
            assert_eq!(ps.len(), list.docs.len());
            assert!(ps
                .iter()
                .all(|p| !p.is_empty() && p.windows(2).all(|w| w[0] < w[1])));
            assert!(ps.iter().map(Vec::len).sum::<usize>() <= RARE as usize);
        }
    }
    let lists: Vec<Vec<u32>> = found.iter().map(|(_, l)| l.docs.clone()).collect();
    let mut common = Common::new(lists.clone());
    while common.step() == Progress::More {}
    let docs = common.finish();
    assert!(docs
        .iter()
        .all(|d| lists.iter().all(|l| l.binary_search(d).is_ok())));
    if let Some(plan) = &plan {
        let by_term: std::collections::HashMap<String, index::List> =
            found.iter().cloned().collect();
        if let Some(held) = index::exact_docs(plan, &by_term, &docs) {
            assert!(held.iter().all(|d| docs.binary_search(d).is_ok()));
        }
    }
    if let (Some(m), Some(Ok(_))) = (&m, counted) {
        let places = m.places(&docs);
        assert_eq!(places.len(), docs.len());
        assert!(places
            .iter()
            .all(|&(i, a)| a < m.issues[i].articles as usize));
        let mut cursor = (0, 0);
        let parts: Vec<(usize, usize)> = docs
            .chunks(3)
            .flat_map(|part| m.places_on(part, &mut cursor))
            .collect();
        assert_eq!(parts, places);
        // A feed of every other issue the manifest lists.
        let urls: Vec<&str> = m.issues.iter().step_by(2).map(|i| i.url.as_str()).collect();
        let listed: Vec<&str> = m.issues.iter().map(|i| i.url.as_str()).collect();
        let (candidates, _) = Coverage::of(&urls, &listed).candidates(&places, 2);
        assert!(candidates.iter().all(|c| c.entry < urls.len()));
    }
});
