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
}

/// Runs `feed`; the exit status.
pub fn run(args: FeedArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let FeedArgs { dir, output } = args;

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
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match read_valid(&path.to_string_lossy(), err)? {
            Ok(issue) => issues.push((url(&prefix, &name), issue)),
            Err(c) => code = code.max(c),
        }
    }
    if code != 0 {
        return Ok(code);
    }
    let feed = model::build_feed(&issues);
    let mut json = serde_json::to_string_pretty(&feed).unwrap_or_default();
    json.push('\n');
    write_output(output, &json, out)?;
    Ok(0)
}

/// The URL of the file `name` in the folder at `prefix` (a relative path, `../issues`).
fn url(prefix: &Path, name: &str) -> String {
    let mut parts: Vec<String> = prefix
        .components()
        .filter_map(|c| match c {
            Component::ParentDir => Some("..".to_string()),
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.push(name.to_string());
    parts.join("/")
}
