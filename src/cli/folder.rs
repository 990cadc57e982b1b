//! `bulletin convert DIR --out DIR`: a whole folder of PDF, Word, OFD and text files converted in
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
const EXTENSIONS: [&str; 6] = ["pdf", "docx", "ofd", "txt", "doc", "wps"];

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
        encoding: Option<String>,
        /// An issue of that name was in the folder before this run: replaced.
        replaced: bool,
        /// What OCR read, when it read pages.
        ocr: Option<String>,
    },
    Failed(String),
    /// Not a regular file (a named pipe, a device, a link that leads nowhere): why.
    Skipped(String),
}

/// A file converted by a reading child: the issue, what it still needs, and its pictures
/// already written under temporary names (so that no picture waits in memory for the
/// others). The child writes it as JSON for the parent.
#[derive(serde::Serialize, serde::Deserialize)]
struct Converted {
    issue: model::Issue,
    /// What the issue still needs, one line each.
    problems: Vec<String>,
    /// (name in the issue, temporary file).
    pictures: Vec<(String, PathBuf)>,
    /// The encoding a text file was read in, when it was not UTF-8.
    encoding: Option<String>,
    /// What OCR read, when it read pages (its summary).
    #[serde(default)]
    ocr: Option<String>,
}

/// What a reading child says of its file.
#[derive(serde::Serialize, serde::Deserialize)]
enum Reply {
    Converted(Box<Converted>),
    Failed(String),
}

/// The temporary files of file `index` in `to` start so: the child's pictures, its reply.
fn temporary_prefix(index: usize) -> String {
    format!(".bulletin-{index}-")
}

/// Reads and converts one file of the folder; its pictures go to temporary files in `to`.
fn convert_one(
    path: &Path,
    index: usize,
    to: &Path,
    mode: import::OcrMode,
    time_limit: u64,
) -> Result<Converted, String> {
    let bytes = super::read_import(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut engine = super::ocr::Tesseract::new(time_limit);
    let mut ocr = import::Ocr {
        mode,
        engine: Some(&mut engine),
    };
    // A panic is a bug of ours; it fails this file, not the whole folder.
    let imported = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        import::import_with(&bytes, &mut ocr)
    }))
    .map_err(|_| "the converter failed on this file (a bug: please report it)".to_string())?
    .map_err(|e| e.to_string())?;
    let mut problems = super::issue_problems(&imported.issue, &imported.gaps);
    let ocr = imported.ocr.as_ref().map(|report| {
        problems.extend(super::ocr_report::ocr_checks(report));
        super::ocr_report::ocr_summary(report)
    });
    let mut pictures = Vec::new();
    for ImageFile { name, bytes } in imported.images {
        let temp = to.join(format!("{}{name}.part", temporary_prefix(index)));
        if let Err(e) = std::fs::write(&temp, &bytes) {
            remove(&pictures);
            return Err(format!("{}: {e}", temp.display()));
        }
        pictures.push((name, temp));
    }
    Ok(Converted {
        issue: imported.issue,
        problems,
        pictures,
        encoding: imported.encoding.map(str::to_string),
        ocr,
    })
}

/// The reading child of a folder run (`convert FILE --worker-out DIR --worker-index N`):
/// converts the file and writes its [`Reply`] for the parent.
pub fn worker(
    path: &Path,
    index: usize,
    to: &Path,
    mode: import::OcrMode,
    time_limit: u64,
) -> std::io::Result<i32> {
    let reply = match convert_one(path, index, to, mode, time_limit) {
        Ok(c) => Reply::Converted(Box::new(c)),
        Err(why) => Reply::Failed(why),
    };
    let file = to.join(format!("{}reply.part", temporary_prefix(index)));
    let json = serde_json::to_string(&reply).map_err(std::io::Error::other)?;
    std::fs::write(&file, json).map_err(|e| super::named(&file, "cannot write", e))?;
    Ok(0)
}

/// Converts one file of the folder in a reading child, within the limits; whatever becomes
/// of the child, none of its temporary files is left but the pictures of a converted file.
fn convert_isolated(
    path: &Path,
    index: usize,
    to: &Path,
    (time_limit, ocr): (u64, &str),
) -> Result<Converted, String> {
    let args = [
        "convert".to_string(),
        path.to_string_lossy().into_owned(),
        "--worker-out".to_string(),
        to.to_string_lossy().into_owned(),
        "--worker-index".to_string(),
        index.to_string(),
        "--ocr".to_string(),
        ocr.to_string(),
        "--time-limit".to_string(),
        time_limit.to_string(),
    ];
    let reply_file = to.join(format!("{}reply.part", temporary_prefix(index)));
    let ran = super::isolate::run(&args, std::process::Stdio::null(), time_limit);
    let reply = std::fs::read_to_string(&reply_file).ok();
    let _ = std::fs::remove_file(&reply_file);
    let result = match (ran, reply) {
        (Err(e), _) => Err(format!("cannot start the reader: {e}")),
        (Ok((super::isolate::End::Failed(why), _)), _) => Err(format!("could not be read: {why}")),
        (Ok(_), Some(reply)) => match serde_json::from_str::<Reply>(&reply) {
            Ok(Reply::Converted(c)) => Ok(*c),
            Ok(Reply::Failed(why)) => Err(why),
            Err(e) => Err(format!("the reader's reply is damaged: {e}")),
        },
        (Ok((_, stderr)), None) => Err(format!(
            "the reader stopped without a reply{}",
            stderr
                .lines()
                .last()
                .map(|l| format!(": {}", crate::text::excerpt(l, 200)))
                .unwrap_or_default()
        )),
    };
    if result.is_err() {
        remove_temporaries(to, index);
    }
    result
}

/// Removes what a reading child left in `to` (its pictures, a reply it did not finish).
fn remove_temporaries(to: &Path, index: usize) {
    let prefix = temporary_prefix(index);
    if let Ok(entries) = std::fs::read_dir(to) {
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(&prefix) && name.ends_with(".part") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
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

/// Converts every file of `dir` into `to`, each read within `limits` (the time limit, and
/// `--ocr`'s value); prints the report to `out`. Exit status 1 when a file failed, 0
/// otherwise (problems are listed, not failures).
pub fn convert_dir(
    dir: &Path,
    to: &Path,
    limits: (u64, &str),
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| super::named(dir, "cannot read the folder", e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
        .collect();
    entries.sort();
    // Regular files (through links) are converted; the rest is listed with the reason.
    let mut skipped = Vec::new();
    let mut files = Vec::new();
    for path in entries {
        match not_a_file(&path) {
            None => files.push(path),
            Some(why) => skipped.push((path, why)),
        }
    }
    if files.is_empty() && skipped.is_empty() {
        writeln!(
            err,
            "bulletin: {} has no .pdf, .docx, .ofd or .txt files",
            dir.display()
        )?;
        return Ok(1);
    }
    std::fs::create_dir_all(to).map_err(|e| super::named(to, "cannot create the folder", e))?;
    // The issues already there, from an earlier run: the report says which are replaced.
    let earlier: std::collections::HashSet<String> = super::issue_files(to)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();

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
                    let result = convert_isolated(path, i, to, limits);
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
            Ok(mut converted) => {
                let base = file_stem(&converted.issue);
                let mut stem = base.clone();
                let mut n = 2;
                while !taken.insert(stem.clone()) {
                    stem = format!("{base}-{n}");
                    n += 1;
                }
                let mut problems = std::mem::take(&mut converted.problems);
                if stem != base {
                    problems.push(format!(
                        "another file of this folder is also {base}; written as {stem}.json"
                    ));
                }
                let encoding = converted.encoding.take();
                let ocr = converted.ocr.take();
                let json = format!("{stem}.json");
                let replaced = earlier.contains(&json);
                match finish(converted, &stem, to) {
                    Ok(length) => {
                        // Among the issue's problems, before the note on its name.
                        if let Some(p) = super::too_large_for_the_viewer(length) {
                            problems.insert(problems.len() - usize::from(stem != base), p);
                        }
                        Outcome::Converted {
                            json,
                            problems,
                            encoding,
                            replaced,
                            ocr,
                        }
                    }
                    Err(e) => Outcome::Failed(format!("cannot write {e}")),
                }
            }
        };
        outcomes.push((path, outcome));
    }
    for (path, why) in &skipped {
        outcomes.push((path, Outcome::Skipped(why.clone())));
    }

    let (mut ok, mut with_problems, mut failed, mut passed_over) = (0, 0, 0, 0);
    let mut by_ocr = 0;
    for (path, outcome) in &outcomes {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match outcome {
            Outcome::Converted {
                json,
                problems,
                encoding,
                replaced,
                ocr,
            } => {
                let mut read_as = encoding
                    .as_ref()
                    .map(|e| format!(" (read as {e})"))
                    .unwrap_or_default();
                if *replaced {
                    read_as.push_str(" (replaced the one an earlier run wrote)");
                }
                if let Some(ocr) = ocr {
                    by_ocr += 1;
                    read_as.push_str(&format!(" ({ocr})"));
                }
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
            Outcome::Skipped(why) => {
                passed_over += 1;
                writeln!(out, "skipped    {name}: {why}")?;
            }
        }
    }
    let mut skipped_note = if passed_over > 0 {
        format!(", {passed_over} skipped")
    } else {
        String::new()
    };
    if by_ocr > 0 {
        skipped_note.push_str(&format!(
            "; {by_ocr} read by OCR (check the words listed against the pages)"
        ));
    }
    writeln!(
        out,
        "\n{} files: {ok} converted, {with_problems} converted with problems, {failed} \
         failed{skipped_note}",
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

/// Why an entry of the folder is not converted: not a regular file, or a link that leads
/// nowhere (or in a loop). None for a file (or a link to one).
fn not_a_file(path: &Path) -> Option<String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some("a link that leads nowhere".to_string())
        }
        Err(e) if e.raw_os_error() == Some(40) => {
            return Some("a link in a loop (it leads back to itself)".to_string())
        }
        Err(e) => return Some(format!("cannot be read ({e})")),
    };
    if meta.is_file() {
        return None;
    }
    if meta.is_dir() {
        return Some("a folder, not a file".to_string());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return Some("a named pipe (FIFO), not a file".to_string());
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("a device, not a file".to_string());
        }
        if t.is_socket() {
            return Some("a socket, not a file".to_string());
        }
    }
    Some("not a regular file".to_string())
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
