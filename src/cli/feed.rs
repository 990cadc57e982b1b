//! `bulletin feed`: the feed of a folder of issues, newest first.

use super::{read_valid, write_output};
use crate::model;
use std::io::Write;
use std::path::{Component, Path};

/// The arguments of `feed`.
#[derive(clap::Args)]
pub struct FeedArgs {
    /// The folder of issue JSON files
    dir: String,
    /// Where to write the feed; the issues' URLs are relative to it (default: standard
    /// output, with URLs as for a feed kept in DIR)
    #[arg(short, long, value_name = "FEED.json")]
    output: Option<String>,
    /// Do not write the search index (往期检索) into `search/` beside the feed; it is
    /// written only with --output
    #[arg(long)]
    no_search: bool,
    /// Also write one JSON document per article, newline-delimited, for a search engine
    /// (OpenSearch, Meilisearch: docs/search.md)
    #[arg(long, value_name = "FILE.ndjson")]
    documents: Option<String>,
}

/// Runs `feed`; the exit status.
pub fn run(args: FeedArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let FeedArgs {
        dir,
        output,
        no_search,
        documents,
    } = args;

    let folder = Path::new(&dir);
    let unreadable = |e: std::io::Error| super::named(folder, "cannot read the folder", e);
    let issues_at = std::fs::canonicalize(folder).map_err(unreadable)?;
    // URLs are relative to the feed file's folder; on standard output, to DIR (where a feed
    // is usually kept: `bulletin feed DIR > DIR/feed.json`).
    let feed_at = match &output {
        Some(file) => {
            let parent = match Path::new(file).parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            std::fs::canonicalize(parent)
                .map_err(|e| super::named(Path::new(file), "cannot write", e))?
        }
        None => issues_at.clone(),
    };
    let prefix = pathdiff::diff_paths(&issues_at, &feed_at).unwrap_or(issues_at);
    let written = output.as_ref().and_then(|f| std::fs::canonicalize(f).ok());

    let mut files = super::issue_files(folder)?;
    // A feed written into the folder under another name is not one of its issues.
    files.retain(|p| written.is_none() || std::fs::canonicalize(p).ok() != written);
    if files.is_empty() {
        writeln!(
            err,
            "bulletin: {dir} has no issue files (*.json besides feed.json); a feed lists at \
             least one issue"
        )?;
        return Ok(1);
    }
    let mut issues = Vec::new();
    let mut code = 0;
    for path in files {
        // A URL names a file by its name in UTF-8: a name in another encoding cannot be one.
        let Some(url) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|name| url(&prefix, name))
        else {
            writeln!(
                err,
                "{}: the file's name (or its folder's) is not UTF-8, so no URL can name it; \
                 rename it",
                path.to_string_lossy()
            )?;
            code = code.max(1);
            continue;
        };
        match read_valid(&path.to_string_lossy(), err)? {
            Ok(issue) => issues.push((url, issue)),
            Err(c) => code = code.max(c),
        }
    }
    if code != 0 {
        return Ok(code);
    }
    let mut feed = model::build_feed(&issues);
    // The index this feed named before (its files go once the new feed is written).
    let earlier = output
        .as_ref()
        .map(|f| earlier_index(Path::new(f), &feed_at));
    let mut written = Vec::new();
    if !no_search && output.is_some() {
        let folder = feed_at.join(SEARCH_DIR);
        let (url, files) = write_index(&feed, &issues, &folder)?;
        feed.search = Some(url);
        written = files;
    }
    if let Some(file) = documents {
        let text = article_documents(&feed, &issues);
        std::fs::write(&file, text)
            .map_err(|e| super::named(Path::new(&file), "cannot write", e))?;
    }
    let mut json = serde_json::to_string_pretty(&feed).unwrap_or_default();
    json.push('\n');
    write_output(output, &json, out)?;
    // Only the files of the index this feed named before, and only those no longer named:
    // another feed's index in the same folder stays.
    for path in earlier.into_iter().flatten() {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.is_some_and(|n| is_index_file(&n) && !written.contains(&n)) {
            let _ = std::fs::remove_file(&path);
        }
    }
    Ok(0)
}

/// The files of the index the feed at `file` names (its manifest and shards, in the feed's
/// `search/`), if it names one that can be read.
fn earlier_index(file: &Path, feed_at: &Path) -> Vec<std::path::PathBuf> {
    let Some(search) = std::fs::read_to_string(file)
        .ok()
        .and_then(|t| model::parse_feed(&t).ok())
        .and_then(|f| f.search)
    else {
        return Vec::new();
    };
    let Some(name) = search.strip_prefix(&format!("{SEARCH_DIR}/")) else {
        return Vec::new();
    };
    if !is_index_file(name) {
        return Vec::new();
    }
    let folder = feed_at.join(SEARCH_DIR);
    let manifest = folder.join(name);
    let mut files = vec![manifest.clone()];
    if let Some(m) = std::fs::read_to_string(&manifest)
        .ok()
        .and_then(|t| crate::index::parse_manifest(&t).ok())
    {
        files.extend(m.shards.iter().map(|s| folder.join(s)));
    }
    files
}

/// The URL of the file `name` in the folder at `prefix` (a relative path, `../issues`),
/// each part percent-encoded as a URL path needs it: `a#b.json` is `a%23b.json`, `%41.json`
/// `%2541.json` (not another issue's `A.json`), a backslash `%5C`.
/// None when a part of the path is not UTF-8.
fn url(prefix: &Path, name: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in prefix.components() {
        match c {
            Component::ParentDir => parts.push("..".to_string()),
            Component::Normal(p) => parts.push(crate::render::url_path(p.to_str()?)),
            _ => {}
        }
    }
    parts.push(crate::render::url_path(name));
    Some(parts.join("/"))
}

/// The folder of the search index, beside the feed.
const SEARCH_DIR: &str = "search";

/// Writes the search index of the feed's issues into `folder` (made if missing); returns the
/// manifest's URL relative to the feed, and the files' names.
fn write_index(
    feed: &model::Feed,
    issues: &[(String, model::Issue)],
    folder: &Path,
) -> std::io::Result<(String, Vec<String>)> {
    // In the feed's order (newest first): article numbers follow it.
    let by_url: std::collections::HashMap<&str, &model::Issue> =
        issues.iter().map(|(u, i)| (u.as_str(), i)).collect();
    let ordered: Vec<(String, &model::Issue)> = feed
        .issues
        .iter()
        .filter_map(|e| Some((e.url.clone(), *by_url.get(e.url.as_str())?)))
        .collect();
    let built = crate::index::build(&ordered);
    let cannot = |p: &Path, e| super::named(p, "cannot write", e);
    std::fs::create_dir_all(folder).map_err(|e| cannot(folder, e))?;
    for (name, text) in &built.files {
        let path = folder.join(name);
        std::fs::write(&path, text).map_err(|e| cannot(&path, e))?;
    }
    let names = built.files.iter().map(|(n, _)| n.clone()).collect();
    Ok((format!("{SEARCH_DIR}/{}", built.manifest_file), names))
}

/// Whether a file name is one the index writes.
fn is_index_file(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".json") else {
        return false;
    };
    let hashed = |rest: &str| rest.len() == 16 && rest.bytes().all(|b| b.is_ascii_hexdigit());
    match stem.split_once('-') {
        Some(("index", h)) => hashed(h),
        Some((s, h)) => {
            s.strip_prefix('s')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                && hashed(h)
        }
        None => false,
    }
}

/// One JSON document per article of the feed's issues, newest first, a line each: what a
/// search engine would index (docs/search.md).
fn article_documents(feed: &model::Feed, issues: &[(String, model::Issue)]) -> String {
    let by_url: std::collections::HashMap<&str, &model::Issue> =
        issues.iter().map(|(u, i)| (u.as_str(), i)).collect();
    let keys = model::feed_keys(feed);
    let mut out = String::new();
    for (entry, key) in feed.issues.iter().zip(&keys) {
        let Some(issue) = by_url.get(entry.url.as_str()) else {
            continue;
        };
        let fields = crate::search::fields(issue);
        for (a, article) in issue.articles.iter().enumerate() {
            let text: Vec<&str> = fields
                .iter()
                .filter(|(f, _)| {
                    matches!(f, crate::search::Field::Block(x, ..) | crate::search::Field::Caption(x, _) if *x == a)
                })
                .map(|(_, t)| *t)
                .collect();
            let doc = serde_json::json!({
                "id": format!("{key}/{}", article.id),
                "issue": key,
                "url": entry.url,
                "article": article.id,
                "bulletin": entry.title,
                "label": entry.label,
                "date": entry.date,
                "title": article.title,
                "byline": article.byline,
                "text": text.join("\n"),
                "source": article.source,
            });
            out.push_str(&serde_json::to_string(&doc).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}
