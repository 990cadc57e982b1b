//! `bulletin feed`: the feed of a folder of issues, newest first.

use super::{read_valid, write_output};
use crate::model;
use std::io::Write;

/// The arguments of `feed`.
#[derive(clap::Args)]
pub struct FeedArgs {
    /// The folder of issue JSON files
    dir: String,
    /// Where to write the feed (default: standard output)
    #[arg(short, long, value_name = "FEED.json")]
    output: Option<String>,
}

/// Runs `feed`; the exit status.
pub fn run(args: FeedArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let FeedArgs { dir, output } = args;

    let mut issues = Vec::new();
    let mut code = 0;
    for path in super::issue_files(&dir)? {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match read_valid(&path.to_string_lossy(), err)? {
            Ok(issue) => issues.push((name, issue)),
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
