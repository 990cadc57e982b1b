//! `bulletin validate`: issue JSON files checked as the viewer reads them, every problem with
//! its JSON path.

use super::read;
use crate::model;
use std::io::Write;

/// The arguments of `validate`.
#[derive(clap::Args)]
pub struct ValidateArgs {
    /// The issue files
    #[arg(required = true, value_name = "FILE.json")]
    files: Vec<String>,
}

/// Runs `validate`; the exit status.
pub fn run(args: ValidateArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let files = args.files;

    let mut code = 0;
    for file in &files {
        let Some(text) = read(file, err)? else {
            code = 2;
            continue;
        };
        // Read as the viewer does, so that every faulty part is reported, not only
        // the first.
        match model::read_issue(&text) {
            Err(e) => {
                writeln!(err, "{file}: {e}")?;
                code = code.max(1);
            }
            Ok((issue, mut problems)) => {
                problems.extend(model::validate(&issue));
                for p in &problems {
                    writeln!(err, "{file}: {p}")?;
                }
                if problems.is_empty() {
                    writeln!(out, "{file}: valid ({} articles)", issue.articles.len())?;
                } else {
                    code = code.max(1);
                }
            }
        }
    }
    Ok(code)
}
