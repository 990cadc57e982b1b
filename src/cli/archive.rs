//! `bulletin convert DIR --out DIR`: a whole archive of PDF, Word and text files converted in
//! parallel, one issue JSON each (named by year and issue number), images beside them, and a
//! report of what was converted, converted with problems, or failed and why.

use crate::import::{self, ImageFile, Imported};
use crate::model::{self, Block, FeedEntry};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Extensions of the files converted (and of legacy ones, reported as failed so none is
/// passed over silently).
const EXTENSIONS: [&str; 5] = ["pdf", "docx", "txt", "doc", "wps"];

/// Writes a converted document's images beside `json` (`2024-18-image-1.png`) and points
/// the issue's image blocks at those names.
pub fn write_images(imported: &mut Imported, json: &Path) -> std::io::Result<()> {
    let dir = json.parent().unwrap_or(Path::new(""));
    let stem = json
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut renamed: Vec<(String, String)> = Vec::new();
    for ImageFile { name, bytes } in &imported.images {
        let file = crate::import::picture_file(&stem, name);
        std::fs::write(dir.join(&file), bytes)
            .map_err(|e| super::named(&dir.join(&file), "cannot write", e))?;
        renamed.push((name.clone(), file));
    }
    for block in imported
        .issue
        .articles
        .iter_mut()
        .flat_map(|a| &mut a.blocks)
    {
        if let Block::Image { src, .. } = block {
            if let Some((_, file)) = renamed.iter().find(|(n, _)| n == src) {
                *src = file.clone();
            }
        }
    }
    Ok(())
}

/// What became of one file.
enum Outcome {
    Converted {
        json: String,
        problems: Vec<String>,
        /// The encoding a text file was read in, when it was not UTF-8.
        encoding: Option<&'static str>,
    },
    Failed(String),
}

/// A file converted by a worker: the issue, and its pictures already written under
/// temporary names (so that no picture waits in memory for the others).
struct Converted {
    issue: model::Issue,
    /// The parts the converter could not find (a draft).
    gaps: Vec<import::PlacedGap>,
    /// (name in the issue, temporary file).
    pictures: Vec<(String, PathBuf)>,
    /// The encoding a text file was read in, when it was not UTF-8.
    encoding: Option<&'static str>,
}

/// Reads and converts one file of the folder; its pictures go to temporary files in `to`.
fn convert_one(path: &Path, index: usize, to: &Path) -> Result<Converted, String> {
    let bytes = super::read_import(path).map_err(|e| format!("cannot read: {e}"))?;
    // A panic is a bug of ours; it fails this file, not the whole folder.
    let imported = std::panic::catch_unwind(|| import::import(&bytes))
        .map_err(|_| "the converter failed on this file (a bug: please report it)".to_string())?
        .map_err(|e| e.to_string())?;
    let mut pictures = Vec::new();
    for ImageFile { name, bytes } in imported.images {
        let temp = to.join(format!(".bulletin-{index}-{name}.part"));
        if let Err(e) = std::fs::write(&temp, &bytes) {
            remove(&pictures);
            return Err(format!("{}: {e}", temp.display()));
        }
        pictures.push((name, temp));
    }
    Ok(Converted {
        issue: imported.issue,
        gaps: imported.gaps,
        pictures,
        encoding: imported.encoding,
    })
}

fn remove(pictures: &[(String, PathBuf)]) {
    for (_, temp) in pictures {
        let _ = std::fs::remove_file(temp);
    }
}

/// Gives a converted file its names: pictures `{stem}-image-N.png`, the issue `{stem}.json`
/// (written whole or not at all: a temporary file renamed). The JSON's length in bytes.
fn finish(mut done: Converted, stem: &str, to: &Path) -> Result<usize, String> {
    let mut renamed = Vec::new();
    let result = (|| {
        for (name, temp) in &done.pictures {
            let file = crate::import::picture_file(stem, name);
            std::fs::rename(temp, to.join(&file))
                .map_err(|e| format!("{}: {e}", to.join(&file).display()))?;
            renamed.push((name.clone(), file));
        }
        point_images(&mut done.issue, &renamed);
        let json = to.join(format!("{stem}.json"));
        let temp = to.join(format!(".{stem}.json.part"));
        let text = model::to_json(&done.issue);
        std::fs::write(&temp, &text)
            .and_then(|()| std::fs::rename(&temp, &json))
            .map(|()| text.len())
            .map_err(|e| {
                let _ = std::fs::remove_file(&temp);
                format!("{}: {e}", json.display())
            })
    })();
    if result.is_err() {
        // No picture is left without its issue.
        for (_, file) in &renamed {
            let _ = std::fs::remove_file(to.join(file));
        }
        remove(&done.pictures);
    }
    result
}

/// Points the issue's image blocks at the pictures' new names.
fn point_images(issue: &mut model::Issue, renamed: &[(String, String)]) {
    for block in issue.articles.iter_mut().flat_map(|a| &mut a.blocks) {
        if let Block::Image { src, .. } = block {
            if let Some((_, file)) = renamed.iter().find(|(n, _)| n == src) {
                *src = file.clone();
            }
        }
    }
}

/// Converts every file of `dir` into `to`; prints the report to `out`. Exit status 1 when a
/// file failed, 0 otherwise (problems are listed, not failures).
pub fn convert_dir(
    dir: &Path,
    to: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| super::named(dir, "cannot read the folder", e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        writeln!(
            err,
            "bulletin: {} has no .pdf, .docx or .txt files",
            dir.display()
        )?;
        return Ok(1);
    }
    std::fs::create_dir_all(to).map_err(|e| super::named(to, "cannot create the folder", e))?;

    // Converting is CPU work: one worker per core, each taking the next file.
    let results: Vec<Mutex<Option<Result<Converted, String>>>> =
        files.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    // `err` (standard error, locked by the caller) is written from this thread only: the
    // workers say which file they finished through a channel.
    let progress = std::io::stderr().is_terminal();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    let (finished, finishes) = std::sync::mpsc::channel::<usize>();
    std::thread::scope(|s| -> std::io::Result<()> {
        for _ in 0..workers {
            let finished = finished.clone();
            s.spawn(|| {
                let finished = finished;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let result = convert_one(path, i, to);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(result);
                    }
                    let _ = finished.send(i);
                }
            });
        }
        drop(finished);
        for (n, i) in finishes.iter().enumerate() {
            if progress {
                let name = files[i].file_name().unwrap_or_default().to_string_lossy();
                write!(err, "\r\x1b[2K[{}/{}] {name}", n + 1, files.len())?;
                err.flush()?;
            }
        }
        Ok(())
    })?;
    if progress {
        write!(err, "\r\x1b[2K")?;
    }

    // Names by year and number, in file order; a second issue with the same name gets -2.
    let mut taken = std::collections::HashSet::new();
    let mut outcomes = Vec::new();
    for (path, slot) in files.iter().zip(results) {
        let result = slot
            .into_inner()
            .ok()
            .flatten()
            .unwrap_or_else(|| Err("not converted".into()));
        let outcome = match result {
            Err(e) => Outcome::Failed(e),
            Ok(converted) => {
                let base = file_stem(&converted.issue);
                let mut stem = base.clone();
                let mut n = 2;
                while !taken.insert(stem.clone()) {
                    stem = format!("{base}-{n}");
                    n += 1;
                }
                let mut problems = super::issue_problems(&converted.issue, &converted.gaps);
                if stem != base {
                    problems.push(format!(
                        "another file of this folder is also {base}; written as {stem}.json"
                    ));
                }
                let encoding = converted.encoding;
                match finish(converted, &stem, to) {
                    Ok(length) => {
                        // Among the issue's problems, before the note on its name.
                        if let Some(p) = super::too_large_for_the_viewer(length) {
                            problems.insert(problems.len() - usize::from(stem != base), p);
                        }
                        Outcome::Converted {
                            json: format!("{stem}.json"),
                            problems,
                            encoding,
                        }
                    }
                    Err(e) => Outcome::Failed(format!("cannot write {e}")),
                }
            }
        };
        outcomes.push((path, outcome));
    }

    let (mut ok, mut with_problems, mut failed) = (0, 0, 0);
    for (path, outcome) in &outcomes {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match outcome {
            Outcome::Converted {
                json,
                problems,
                encoding,
            } => {
                let read_as = encoding
                    .map(|e| format!(" (read as {e})"))
                    .unwrap_or_default();
                if problems.is_empty() {
                    ok += 1;
                    writeln!(out, "converted  {name} → {json}{read_as}")?;
                    continue;
                }
                with_problems += 1;
                writeln!(out, "problems   {name} → {json}{read_as}")?;
                for p in problems {
                    writeln!(out, "             {p}")?;
                }
            }
            Outcome::Failed(why) => {
                failed += 1;
                writeln!(out, "failed     {name}: {why}")?;
            }
        }
    }
    writeln!(
        out,
        "\n{} files: {ok} converted, {with_problems} converted with problems, {failed} failed",
        outcomes.len()
    )?;
    if ok + with_problems > 0 {
        writeln!(
            out,
            "next: bulletin feed {} -o {}",
            to.display(),
            to.join("feed.json").display()
        )?;
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// An issue's file name: year and number as links cite it (`2024-18`); special series
/// spelt out (`2024-zengkan-2` for 增刊第2期); the date when there is no number.
fn file_stem(issue: &model::Issue) -> String {
    let key = FeedEntry::of(issue, "").key();
    let Some(special) = &issue.masthead.issue.special else {
        return key;
    };
    let series = match special.as_str() {
        "增刊" => "zengkan",
        "特刊" => "tekan",
        "专刊" => "zhuankan",
        _ => "special",
    };
    match (
        issue.masthead.issue.number,
        issue.masthead.date.iso.get(..4),
    ) {
        (Some(n), Some(year)) => format!("{year}-{series}-{n}"),
        _ => format!("{key}-{series}"),
    }
}
