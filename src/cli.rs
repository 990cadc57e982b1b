//! The `bulletin` command:
//! - `convert`: a text, Word or PDF file (or a folder of them, `cli/folder.rs`) → issue JSON;
//! - `validate`: issue JSON, every problem with its path;
//! - `render`: a static page, the prerendered embed (`--fragment`), an archive (`--feed`);
//! - `feed`: the feed of a folder of issues;
//! - `schema`: the JSON Schema of the issue or feed format.
//!
//! Arguments are parsed by clap: each command takes only its own options and has its own
//! `--help`; wrong usage exits with status 2. One file per command; what they share (reading
//! and writing files) is here.

mod convert;
mod feed;
mod folder;
mod isolate;
mod ocr;
mod ocr_report;
mod render;
mod schema;
mod validate;

pub use schema::{feed_schema_json, schema_json};

use crate::model;
use std::fs;
use std::io::Write;
use std::path::Path;

/// The overview the top-level `--help` ends with.
const OVERVIEW: &str = "\
Examples:
  bulletin convert FILE [-o FILE.json]       a PDF, Word (.docx), OFD or text file of an issue
                                             → issue JSON (images written beside -o FILE;
                                             scans read by OCR: --ocr never|auto|always)
  bulletin convert FILE --text [-o FILE.txt] the text form a PDF or Word file is read as,
                                             to correct by hand and convert
  bulletin convert DIR --out DIR             every .pdf/.docx/.ofd/.txt in DIR, one JSON per
                                             issue named by year and number, and a report
  bulletin validate FILE.json...             check issue JSON; lists every problem
  bulletin render FILE.json [-o FILE.html]   a standalone HTML page of the issue (no JS needed;
                                             a draft's empty parts shown as such)
  bulletin render FILE.json --fragment [--src URL] [--css URL | --inline-css] [-o FILE.html]
                                             the <bulletin-viewer> embed with the issue drawn
                                             in it, for a CMS page (src: the issue's URL,
                                             default its file name; css: viewer.css;
                                             --inline-css: the stylesheet in it, and its
                                             style-src hash printed)
  bulletin render --feed FEED.json --out DIR one page per issue of the feed, and an index
  bulletin feed DIR [-o FEED.json]           the feed of the issues in DIR, newest first
                                             (their URLs relative to FEED.json)
  bulletin schema [--feed] [-o FILE.json]    the JSON Schema of the issue (or feed) format

Text to convert: UTF-8, GB18030 (GBK) or UTF-16 with a byte-order mark. JSON: UTF-8, up to
the 5,000,000 bytes the viewer reads; files to convert up to 64 MiB.
Each command has its own --help.
Exit status: 0 ok, 1 the input has problems, 2 wrong usage or unreadable file.";

/// The command line (parsed by clap: a wrong option for a command is a usage error that names
/// it, exit status 2).
#[derive(clap::Parser)]
#[command(
    name = "bulletin",
    version,
    about = "Converts, validates and renders issues of a bulletin (简报), and builds feeds",
    after_help = OVERVIEW
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// A PDF, Word (.docx), OFD or text file of an issue → issue JSON; or every such file of a
    /// folder, with a report
    #[command(
        after_help = "Exit status: 0 converted; 1 the file has problems (with -o the \
                            issue is still written) or, for a folder, a file failed; 2 wrong \
                            usage or unreadable file."
    )]
    Convert(convert::ConvertArgs),
    /// Check issue JSON files; lists every problem with its JSON path
    Validate(validate::ValidateArgs),
    /// A standalone HTML page of an issue, the prerendered embed (--fragment), or a page per
    /// issue of a feed (--feed … --out DIR)
    Render(render::RenderArgs),
    /// The feed of the issues in a folder, newest first
    Feed(feed::FeedArgs),
    /// The JSON Schema of the issue format (or of the feed format)
    Schema(schema::SchemaArgs),
}

/// Runs the command with its arguments (without the program name); returns the exit status.
pub fn run(args: &[String]) -> i32 {
    let mut out = StandardOutput(std::io::stdout().lock());
    let mut err = std::io::stderr().lock();
    // What is still buffered is written (or fails, named) before the status is known.
    match run_to(args, &mut out, &mut err).and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "bulletin: {e}");
            2
        }
    }
}

/// Standard output, whose errors say that they are standard output's (`bulletin schema >
/// /dev/full`: "standard output: cannot write: No space left on device").
struct StandardOutput<W>(W);

impl<W: Write> Write for StandardOutput<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf).map_err(Self::named)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush().map_err(Self::named)
    }
}

impl<W> StandardOutput<W> {
    fn named(e: std::io::Error) -> std::io::Error {
        std::io::Error::new(e.kind(), format!("standard output: cannot write: {e}"))
    }
}

fn run_to(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    use clap::Parser;
    let cli = match Cli::try_parse_from(
        std::iter::once("bulletin").chain(args.iter().map(String::as_str)),
    ) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            let text = e.render().to_string();
            return Ok(match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    write!(out, "{text}")?;
                    0
                }
                // No command at all: the help, as a usage error.
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    write!(err, "{text}")?;
                    2
                }
                _ => {
                    write!(err, "{text}")?;
                    2
                }
            });
        }
    };
    match cli.command {
        Command::Convert(args) => convert::run(args, out, err),
        Command::Validate(args) => validate::run(args, out, err),
        Command::Render(args) => render::run(args, out, err),
        Command::Feed(args) => feed::run(args, out, err),
        Command::Schema(args) => schema::run(args, out),
    }
}

/// An I/O error that names the file and what was being done (`x.json: cannot write: No
/// such file or directory`), for the message the command ends with.
pub(crate) fn named(path: &Path, doing: &str, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {doing}: {e}", path.display()))
}

/// The issue files in a folder (`*.json` but `feed.json`), by name.
pub(crate) fn issue_files(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .map_err(|e| named(dir, "cannot read the folder", e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.file_name().is_none_or(|n| n != "feed.json"))
        .collect();
    files.sort();
    Ok(files)
}

/// An issue file read strictly and validated; its problems are written to `err`. The error
/// is the exit status: 2 unreadable, 1 faulty.
pub(crate) fn read_valid(
    file: &str,
    err: &mut dyn Write,
) -> std::io::Result<Result<model::Issue, i32>> {
    read_checked(file, false, err)
}

/// [`read_valid`], letting a draft through when `drafts`: an issue whose only problems are
/// parts left empty (`Missing`, or an article without blocks), which are still written to
/// `err`.
pub(crate) fn read_checked(
    file: &str,
    drafts: bool,
    err: &mut dyn Write,
) -> std::io::Result<Result<model::Issue, i32>> {
    let Some(text) = read(file, err)? else {
        return Ok(Err(2));
    };
    let issue = match model::parse_issue(&text) {
        Ok(issue) => issue,
        Err(e) => {
            writeln!(err, "{file}: {e}")?;
            return Ok(Err(1));
        }
    };
    let problems = model::validate(&issue);
    for p in &problems {
        writeln!(err, "{file}: {p}")?;
    }
    // An article with no blocks is said as NoBlocks, though a draft leaves one so too.
    let draft = drafts
        && problems.iter().all(|p| {
            matches!(
                p.kind,
                model::ProblemKind::Missing | model::ProblemKind::NoBlocks
            )
        });
    Ok(if problems.is_empty() || draft {
        Ok(issue)
    } else {
        Err(1)
    })
}

/// A file's bytes, refusing one larger than `limit` bytes (`too_large` says so): before
/// reading it when its size is known, else (a device such as /dev/zero, a pipe) once `limit`
/// bytes have been read.
fn read_limited(path: &Path, limit: u64, too_large: &str) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let refused = || std::io::Error::new(std::io::ErrorKind::FileTooLarge, too_large);
    // Opened without waiting for a writer, should a named pipe have taken the file's place;
    // then only a regular file is read.
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a folder, a named pipe or a device)",
        ));
    }
    if meta.len() > limit {
        return Err(refused());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(refused());
    }
    Ok(bytes)
}

/// The most issue or feed JSON read: what the viewer reads (its `max-bytes` default).
const MAX_JSON_BYTES: u64 = crate::ui::defaults::MAX_BYTES as u64;

/// What a converted issue still needs, one line each: first the parts the converter could
/// not find (a draft: `page 1, line 3: the masthead has no date …; fill it in`), then what
/// validation finds besides them (not the same part said twice).
pub(crate) fn issue_problems(
    issue: &crate::model::Issue,
    gaps: &[crate::import::PlacedGap],
) -> Vec<String> {
    let mut lines: Vec<String> = gaps
        .iter()
        .map(|g| match g.place {
            Some(place) => format!("{place}: {}", g.gap.kind),
            None => format!("line {}: {}", g.gap.line, g.gap.kind),
        })
        .collect();
    let covered = |path: &str| {
        gaps.iter().any(|g| {
            path.strip_prefix(g.gap.path.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        })
    };
    lines.extend(
        crate::model::validate(issue)
            .iter()
            .filter(|p| !covered(&p.path))
            .map(ToString::to_string),
    );
    lines
}

/// Why the viewer would not read issue JSON this long, if it would not (what `convert`
/// reports, as `validate` would refuse it).
pub(crate) fn too_large_for_the_viewer(length: usize) -> Option<String> {
    (length as u64 > MAX_JSON_BYTES).then(|| {
        format!(
            "{length} bytes of JSON, more than the {} the viewer reads (its max-bytes)",
            thousands(MAX_JSON_BYTES)
        )
    })
}

/// A PDF, Word or text file to convert, up to [`crate::import::MAX_FILE_BYTES`].
pub(crate) fn read_import(path: &Path) -> std::io::Result<Vec<u8>> {
    let limit = crate::import::MAX_FILE_BYTES as u64;
    let too_large = format!(
        "larger than {} MiB; files that large are not read",
        limit >> 20
    );
    read_limited(path, limit, &too_large)
}

/// `1,000,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A file's bytes, up to [`crate::import::MAX_FILE_BYTES`]; None (after saying why) when it cannot
/// be read.
pub(crate) fn read_bytes(file: &str, err: &mut dyn Write) -> std::io::Result<Option<Vec<u8>>> {
    match read_import(Path::new(file)) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) => {
            writeln!(err, "{file}: cannot read: {e}")?;
            Ok(None)
        }
    }
}

/// Issue or feed JSON as text, up to what the viewer reads; None (after saying why) when it
/// cannot be read. A UTF-8 byte-order mark before the JSON is dropped, as the viewer drops it.
pub(crate) fn read(file: &str, err: &mut dyn Write) -> std::io::Result<Option<String>> {
    let too_large = format!(
        "larger than {} bytes, the most the viewer reads (its max-bytes)",
        thousands(MAX_JSON_BYTES)
    );
    let bytes = match read_limited(Path::new(file), MAX_JSON_BYTES, &too_large) {
        Ok(bytes) => bytes,
        Err(e) => {
            writeln!(err, "{file}: cannot read: {e}")?;
            return Ok(None);
        }
    };
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    match std::str::from_utf8(&bytes[bom..]) {
        Ok(text) => Ok(Some(text.to_owned())),
        Err(e) => {
            writeln!(
                err,
                "{file}: not UTF-8 text (invalid byte at offset {})",
                bom + e.valid_up_to()
            )?;
            Ok(None)
        }
    }
}

pub(crate) fn write_output(
    output: Option<String>,
    text: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match output {
        Some(path) => {
            fs::write(&path, text).map_err(|e| named(Path::new(&path), "cannot write", e))
        }
        None => out.write_all(text.as_bytes()),
    }
}
