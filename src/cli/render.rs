//! `bulletin render`: a standalone page of an issue, the prerendered embed (`--fragment`), or
//! an archive of a feed's issues with an index (`--feed … --out DIR`).

use super::{read, read_checked, read_valid, write_output};
use crate::model;
use std::fs;
use std::io::Write;

/// The arguments of `render`.
#[derive(clap::Args)]
pub struct RenderArgs {
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
    /// With --fragment: the stylesheet in the fragment, so that it paints without waiting for
    /// viewer.css (prints the hash a Content-Security-Policy's style-src needs)
    #[arg(long, requires = "fragment", conflicts_with = "css")]
    inline_css: bool,
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
}

/// Runs `render`; the exit status.
pub fn run(args: RenderArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let RenderArgs {
        file,
        output,
        fragment,
        src,
        css,
        inline_css,
        feed,
        out: dir,
    } = args;
    match (feed, dir) {
        (Some(feed), Some(dir)) => return render_archive(&feed, &dir, err),
        // clap's `requires` does not see --out without --feed.
        (None, Some(_)) => {
            writeln!(
                err,
                "bulletin: render --out DIR is for --feed; for a page use -o FILE"
            )?;
            return Ok(2);
        }
        _ => {}
    }

    // clap requires the file unless --feed (with --out) is given.
    let file = file.unwrap_or_default();
    // A draft renders (its empty parts said on stderr and shown on the page, exit 1), so that
    // it can be looked at before it is finished; an archive takes finished issues only.
    let issue = match read_checked(&file, true, err)? {
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
        if inline_css {
            // On stderr: standard output may be the fragment itself.
            writeln!(
                err,
                "bulletin: the stylesheet is inline; a page with a Content-Security-Policy allows it with\n  style-src {}",
                style_hash(crate::render::inline_css())
            )?;
            crate::render::fragment(&issue, &src, crate::render::Stylesheet::Inline)
        } else {
            crate::render::fragment(&issue, &src, crate::render::Stylesheet::Link(&css))
        }
    } else {
        crate::render::page(&issue)
    };
    write_output(output, &html, out)?;
    // A draft's page is written, to be looked at, but the status says it is not finished.
    if model::validate(&issue).is_empty() {
        Ok(0)
    } else {
        writeln!(
            err,
            "{file}: rendered as a draft (its empty parts shown as such): fill in what is missing above before publishing it"
        )?;
        Ok(1)
    }
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
    let mut problems = model::validate_feed(&feed);
    // The viewer refuses a feed without issues; so does the archive.
    if feed.issues.is_empty() {
        problems.push(model::Problem::at_path(
            "issues",
            model::ProblemKind::NoIssues,
        ));
    }
    for p in &problems {
        writeln!(err, "{feed_file}: {p}")?;
    }
    if !problems.is_empty() {
        return Ok(1);
    }
    let base = std::path::Path::new(feed_file)
        .parent()
        .unwrap_or(std::path::Path::new("."));
    // The archive is made of the issue files the feed's URLs lead to, relative to the feed as
    // the viewer reads them (`../issues/2024-18.json` for a feed beside the issues' folder):
    // no absolute paths or other sites, one page each, none named like the index.
    let mut stems = std::collections::HashSet::from(["index".to_string()]);
    let mut paths = Vec::new();
    for (i, entry) in feed.issues.iter().enumerate() {
        let url = entry.url.as_str();
        let local = !url.contains(':') && !url.starts_with('/');
        // The file a URL names: its %XX decoded, as the web server decodes it.
        let path = crate::render::path_of_url(url).unwrap_or_default();
        let stem = std::path::Path::new(&path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        paths.push(path);
        if !local || !stem.is_some_and(|s| stems.insert(s)) {
            writeln!(
                err,
                "{feed_file}: issues[{i}].url: \"{url}\" is not the relative path of a file with a name of its own"
            )?;
            return Ok(1);
        }
    }
    // Every issue is read and checked before anything is written.
    let mut pages = Vec::new();
    for (entry, path) in feed.issues.iter().zip(&paths) {
        let path = base.join(path);
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
    let dir = std::path::Path::new(dir);
    fs::create_dir_all(dir).map_err(|e| super::named(dir, "cannot create the folder", e))?;
    let write = |name: &str, html: String| {
        let path = dir.join(name);
        fs::write(&path, html).map_err(|e| super::named(&path, "cannot write", e))
    };
    for (_, page, issue) in &pages {
        write(page, crate::render::page(issue))?;
    }
    let pages: Vec<_> = pages.into_iter().map(|(e, page, _)| (e, page)).collect();
    write("index.html", crate::render::archive_index(&feed, &pages))?;
    Ok(0)
}

/// A Content-Security-Policy source allowing an inline `<style>` whose text is `css`:
/// `'sha256-…'`, the SHA-256 of its UTF-8 bytes in Base64.
pub fn style_hash(css: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(css.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}
