//! The `bulletin` command:
//! - `convert`: a text, Word or PDF file (or a folder of them, `cli/archive.rs`) → issue JSON;
//! - `validate`: issue JSON, every problem with its path;
//! - `render`: a static page, the prerendered embed (`--fragment`), an archive (`--feed`);
//! - `feed`: the feed of a folder of issues;
//! - `schema`: the JSON Schema of the issue or feed format.
//!
//! Arguments are parsed by clap: each command takes only its own options and has its own
//! `--help`; wrong usage exits with status 2.

mod archive;

use crate::{import, model};
use std::fs;
use std::io::Write;

/// The overview the top-level `--help` ends with.
const OVERVIEW: &str = "\
Examples:
  bulletin convert FILE [-o FILE.json]       a PDF, Word (.docx) or text file of an issue →
                                             issue JSON (images written beside -o FILE)
  bulletin convert FILE --text [-o FILE.txt] the text form a PDF or Word file is read as,
                                             to correct by hand and convert
  bulletin convert DIR --out DIR             every .pdf/.docx/.txt in DIR, one JSON per
                                             issue named by year and number, and a report
  bulletin validate FILE.json...             check issue JSON; lists every problem
  bulletin render FILE.json [-o FILE.html]   a standalone HTML page of the issue (no JS needed)
  bulletin render FILE.json --fragment [--src URL] [--css URL] [-o FILE.html]
                                             the <bulletin-viewer> embed with the issue drawn
                                             in it, for a CMS page (src: the issue's URL,
                                             default its file name; css: viewer.css)
  bulletin render --feed FEED.json --out DIR one page per issue of the feed, and an index
  bulletin feed DIR [-o FEED.json]           the feed of the issues in DIR, newest first
  bulletin schema [--feed] [-o FILE.json]    the JSON Schema of the issue (or feed) format

Each command has its own --help.
Exit status: 0 ok, 1 the input has problems, 2 wrong usage or unreadable file.";

/// The command line (parsed by clap: a wrong option for a command is a usage error that names
/// it, exit status 2).
#[derive(clap::Parser)]
#[command(
    name = "bulletin",
    about = "Converts, validates and renders issues of a bulletin (简报), and builds feeds",
    after_help = OVERVIEW
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// A PDF, Word (.docx) or text file of an issue → issue JSON; or every such file of a
    /// folder, with a report
    #[command(
        after_help = "Exit status: 0 converted; 1 the file has problems (with -o the \
                            issue is still written) or, for a folder, a file failed; 2 wrong \
                            usage or unreadable file."
    )]
    Convert {
        /// The file (.pdf, .docx, .txt — recognised by content), or a folder of them
        input: String,
        /// Where to write the issue JSON (default: standard output); pictures go beside it
        #[arg(short, long, value_name = "FILE")]
        output: Option<String>,
        /// For a folder: where to write one JSON per issue (and their pictures)
        #[arg(long, value_name = "DIR", conflicts_with = "text")]
        out: Option<String>,
        /// Print the text form the file is read as, to correct by hand and convert again
        #[arg(long)]
        text: bool,
    },
    /// Check issue JSON files; lists every problem with its JSON path
    Validate {
        /// The issue files
        #[arg(required = true, value_name = "FILE.json")]
        files: Vec<String>,
    },
    /// A standalone HTML page of an issue, the prerendered embed (--fragment), or a page per
    /// issue of a feed (--feed … --out DIR)
    Render {
        /// The issue JSON (not with --feed)
        #[arg(required_unless_present = "feed", conflicts_with = "feed")]
        file: Option<String>,
        /// Where to write the HTML (default: standard output)
        #[arg(short, long, value_name = "FILE", conflicts_with = "feed")]
        output: Option<String>,
        /// Write the <bulletin-viewer> element with the issue drawn in it, for a CMS page
        #[arg(long)]
        fragment: bool,
        /// With --fragment: the issue's URL (default: its file name)
        #[arg(long, value_name = "URL", requires = "fragment")]
        src: Option<String>,
        /// With --fragment: the URL of viewer.css
        #[arg(long, value_name = "URL", requires = "fragment")]
        css: Option<String>,
        /// A feed: one page per issue, and an index, into --out
        #[arg(
            long,
            value_name = "FEED.json",
            requires = "out",
            conflicts_with = "fragment"
        )]
        feed: Option<String>,
        /// With --feed: the folder to write the pages to
        #[arg(long, value_name = "DIR", requires = "feed")]
        out: Option<String>,
    },
    /// The feed of the issues in a folder, newest first
    Feed {
        /// The folder of issue JSON files
        dir: String,
        /// Where to write the feed (default: standard output)
        #[arg(short, long, value_name = "FEED.json")]
        output: Option<String>,
    },
    /// The JSON Schema of the issue format (or of the feed format)
    Schema {
        /// The feed format's schema
        #[arg(long)]
        feed: bool,
        /// Where to write it (default: standard output)
        #[arg(short, long, value_name = "FILE.json")]
        output: Option<String>,
    },
}

/// Runs the command with its arguments (without the program name); returns the exit status.
pub fn run(args: &[String]) -> i32 {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    match run_to(args, &mut out, &mut err) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "bulletin: {e}");
            2
        }
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
        Command::Convert {
            input,
            output,
            out: to,
            text,
        } if std::path::Path::new(&input).is_dir() => {
            let Some(to) = to.or(output) else {
                writeln!(
                    err,
                    "bulletin: convert DIR needs --out DIR (see bulletin convert --help)"
                )?;
                return Ok(2);
            };
            if text {
                writeln!(err, "bulletin: --text takes a file, not a folder")?;
                return Ok(2);
            }
            archive::convert_dir(input.as_ref(), to.as_ref(), out, err)
        }
        Command::Convert { out: Some(_), .. } => {
            writeln!(
                err,
                "bulletin: --out DIR is for a folder; for a file use -o FILE"
            )?;
            Ok(2)
        }
        Command::Convert {
            input: file,
            output,
            text: true,
            ..
        } => {
            let file = file.as_str();
            let Some(bytes) = read_bytes(file, err)? else {
                return Ok(2);
            };
            match import::read(&bytes) {
                Ok(read) => {
                    // Converting this text again gives the same issue: it says that its
                    // paragraphs end at blank lines (a text file's did already).
                    let text = if read.format == import::Format::Text {
                        read.text
                    } else {
                        format!("{}\n{}", crate::convert::EXPLICIT_PARAGRAPHS, read.text)
                    };
                    write_output(output, &text, out)?;
                    Ok(0)
                }
                Err(e) => {
                    writeln!(err, "{file}: {e}")?;
                    Ok(1)
                }
            }
        }
        Command::Convert {
            input: file,
            output,
            ..
        } => {
            let file = file.as_str();
            let Some(bytes) = read_bytes(file, err)? else {
                return Ok(2);
            };
            let mut imported = match import::import(&bytes) {
                Ok(imported) => imported,
                Err(e) => {
                    match e.place {
                        // Text keeps the form editors and compilers use: file:line: message.
                        Some(import::Place::Line(n)) => writeln!(err, "{file}:{n}: {}", e.message)?,
                        _ => writeln!(err, "{file}: {e}")?,
                    }
                    return Ok(1);
                }
            };
            if !imported.images.is_empty() {
                let Some(json) = &output else {
                    writeln!(
                        err,
                        "bulletin: {file} has pictures ({}), written as files beside the issue: give -o FILE.json",
                        imported.images.len()
                    )?;
                    return Ok(2);
                };
                archive::write_images(&mut imported, std::path::Path::new(json))?;
            }
            let problems = model::validate(&imported.issue);
            for p in &problems {
                writeln!(err, "{file}: converted issue: {p}")?;
            }
            // With problems the issue is still written (when it goes to a file), to be fixed
            // there; the exit status says it needs that.
            if problems.is_empty() || output.is_some() {
                write_output(output, &model::to_json(&imported.issue), out)?;
            }
            Ok(if problems.is_empty() { 0 } else { 1 })
        }
        Command::Validate { files } => {
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
        Command::Render {
            feed: Some(feed),
            out: Some(dir),
            ..
        } => render_archive(&feed, &dir, err),
        Command::Render {
            feed: None,
            out: Some(_),
            ..
        } => {
            writeln!(
                err,
                "bulletin: render --out DIR is for --feed; for a page use -o FILE"
            )?;
            Ok(2)
        }
        Command::Feed { dir, output } => {
            let mut issues = Vec::new();
            let mut code = 0;
            for path in issue_files(&dir)? {
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
        Command::Render {
            file,
            output,
            fragment,
            src,
            css,
            ..
        } => {
            // clap requires the file unless --feed (with --out) is given.
            let file = file.unwrap_or_default();
            let issue = match read_valid(&file, err)? {
                Ok(issue) => issue,
                Err(code) => return Ok(code),
            };
            let html = if fragment {
                let name = std::path::Path::new(&file)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let src = src.unwrap_or(name);
                let css = css.unwrap_or_else(|| "viewer.css".into());
                crate::render::fragment(&issue, &src, &css)
            } else {
                crate::render::page(&issue)
            };
            write_output(output, &html, out)?;
            Ok(0)
        }
        Command::Schema { feed, output } => {
            let schema = if feed {
                feed_schema_json()
            } else {
                schema_json()
            };
            write_output(output, &schema, out)?;
            Ok(0)
        }
    }
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

/// The issue files in a folder (`*.json` but `feed.json`), by name.
fn issue_files(dir: &str) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut files: Vec<_> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.file_name().is_none_or(|n| n != "feed.json"))
        .collect();
    files.sort();
    Ok(files)
}

/// An issue file read strictly and validated; its problems are written to `err`. The error
/// is the exit status: 2 unreadable, 1 faulty.
fn read_valid(file: &str, err: &mut dyn Write) -> std::io::Result<Result<model::Issue, i32>> {
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
    Ok(if problems.is_empty() {
        Ok(issue)
    } else {
        Err(1)
    })
}

/// `render --feed FEED --out DIR`: a page per issue (named after its JSON file) and an index.
fn render_archive(feed_file: &str, dir: &str, err: &mut dyn Write) -> std::io::Result<i32> {
    let Some(text) = read(feed_file, err)? else {
        return Ok(2);
    };
    let feed = match model::parse_feed(&text) {
        Ok(feed) => feed,
        Err(e) => {
            writeln!(err, "{feed_file}: {e}")?;
            return Ok(1);
        }
    };
    let problems = model::validate_feed(&feed);
    for p in &problems {
        writeln!(err, "{feed_file}: {p}")?;
    }
    if !problems.is_empty() {
        return Ok(1);
    }
    let base = std::path::Path::new(feed_file)
        .parent()
        .unwrap_or(std::path::Path::new("."));
    // The archive is made of the issue files in the feed's folder: no other places, one page
    // each, none named like the index.
    let mut stems = std::collections::HashSet::from(["index".to_string()]);
    for (i, entry) in feed.issues.iter().enumerate() {
        let url = entry.url.as_str();
        let local =
            !url.contains(':') && !url.starts_with('/') && !url.split('/').any(|p| p == "..");
        let stem = std::path::Path::new(url)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        if !local || !stem.is_some_and(|s| stems.insert(s)) {
            writeln!(
                err,
                "{feed_file}: issues[{i}].url: \"{url}\" is not a file in the feed's folder with a name of its own"
            )?;
            return Ok(1);
        }
    }
    // Every issue is read and checked before anything is written.
    let mut pages = Vec::new();
    for entry in &feed.issues {
        let path = base.join(&entry.url);
        let issue = match read_valid(&path.to_string_lossy(), err)? {
            Ok(issue) => issue,
            Err(code) => return Ok(code),
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        pages.push((entry.clone(), format!("{stem}.html"), issue));
    }
    fs::create_dir_all(dir)?;
    for (_, page, issue) in &pages {
        fs::write(
            std::path::Path::new(dir).join(page),
            crate::render::page(issue),
        )?;
    }
    let pages: Vec<_> = pages.into_iter().map(|(e, page, _)| (e, page)).collect();
    fs::write(
        std::path::Path::new(dir).join("index.html"),
        crate::render::archive_index(&feed, &pages),
    )?;
    Ok(0)
}

/// A file's bytes, up to [`import::MAX_FILE_BYTES`]; None (after saying why) when it cannot
/// be read.
fn read_bytes(file: &str, err: &mut dyn Write) -> std::io::Result<Option<Vec<u8>>> {
    match archive::read_limited(std::path::Path::new(file)) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) => {
            writeln!(err, "{file}: cannot read: {e}")?;
            Ok(None)
        }
    }
}

fn read(file: &str, err: &mut dyn Write) -> std::io::Result<Option<String>> {
    match fs::read(file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(Some(text)),
            Err(e) => {
                writeln!(
                    err,
                    "{file}: not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                )?;
                Ok(None)
            }
        },
        Err(e) => {
            writeln!(err, "{file}: cannot read: {e}")?;
            Ok(None)
        }
    }
}

fn write_output(output: Option<String>, text: &str, out: &mut dyn Write) -> std::io::Result<()> {
    match output {
        Some(path) => fs::write(path, text),
        None => out.write_all(text.as_bytes()),
    }
}
