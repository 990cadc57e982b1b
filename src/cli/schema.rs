//! `bulletin schema`: the JSON Schema of the issue or feed format.

use super::write_output;
use crate::model;
use std::io::Write;

/// The arguments of `schema`.
#[derive(clap::Args)]
pub struct SchemaArgs {
    /// The feed format's schema
    #[arg(long)]
    feed: bool,
    /// Where to write it (default: standard output)
    #[arg(short, long, value_name = "FILE.json")]
    output: Option<String>,
}

/// Runs `schema`; the exit status.
pub fn run(args: SchemaArgs, out: &mut dyn Write) -> std::io::Result<i32> {
    let schema = if args.feed {
        feed_schema_json()
    } else {
        schema_json()
    };
    write_output(args.output, &schema, out)?;
    Ok(0)
}

/// The JSON Schema of [`model::Issue`], as shipped in `www/schema/issue.schema.json`.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(model::Issue);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// The JSON Schema of [`model::Feed`], as shipped in `www/schema/feed.schema.json`.
pub fn feed_schema_json() -> String {
    let schema = schemars::schema_for!(model::Feed);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
