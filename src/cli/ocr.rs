//! The OCR engine of `bulletin convert`: Tesseract's command (Debian's `tesseract-ocr` with
//! its Chinese model `tesseract-ocr-chi-sim`), PDF pages rendered for it by poppler's
//! `pdftoppm` at 300 dpi. Commands rather than a binding: the command then runs, and converts
//! everything else, on a machine without Tesseract, and says how to install it when a page
//! needs it; and each page is read in a process of its own, under the limits of the reading
//! child that runs it (`isolate.rs`).
//!
//! Time: each command is stopped at `--time-limit` seconds (its CPU time is limited so too:
//! it inherits the reading child's limit), and before each page the child tells the parent
//! ([`PAGE_STARTED`]), which gives it that much more time: a scan of N pages may take
//! (N + 1) × the limit in all, never a page more than the limit.

use crate::import::ocr::{OcrEngine, OcrFailure, PageImage, Recognised, Word};
use crate::import::OcrMissing;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a reading child writes on standard error as it starts OCR'ing a page: the parent
/// gives it another `--time-limit` for it and does not show the line.
pub const PAGE_STARTED: &str = "\u{1}bulletin: OCR page";

/// Resolution pages are rendered at for Tesseract: its Chinese model reads 300 dpi best
/// (measured on the fixtures' scans: see book/src/reference/import.md).
const DPI: u32 = 300;

/// Tesseract's command, found when first needed.
pub struct Tesseract {
    /// Seconds a page may take.
    time_limit: u64,
    /// A folder of its own for the page pictures, removed when done.
    work: Option<PathBuf>,
    /// The PDF written there, and which bytes it holds.
    pdf: Option<(usize, usize)>,
    /// `tesseract --version`'s first line, once checked.
    version: Option<String>,
    /// Pictures written so far (their names).
    pictures: usize,
}

impl Tesseract {
    /// An engine whose commands may each take `time_limit` seconds.
    pub fn new(time_limit: u64) -> Self {
        Tesseract {
            time_limit,
            work: None,
            pdf: None,
            version: None,
            pictures: 0,
        }
    }

    /// Checks, once, that Tesseract and its Chinese model are there.
    fn check(&mut self) -> Result<(), OcrFailure> {
        if self.version.is_some() {
            return Ok(());
        }
        let version = Command::new("tesseract")
            .arg("--version")
            .stdin(Stdio::null())
            .output()
            .map_err(|_| OcrFailure::Unavailable(OcrMissing::Tesseract))?;
        // Tesseract 4 printed its version on standard error, 5 on standard output.
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&version.stdout),
            String::from_utf8_lossy(&version.stderr)
        );
        let langs = Command::new("tesseract")
            .arg("--list-langs")
            .stdin(Stdio::null())
            .output()
            .map_err(|_| OcrFailure::Unavailable(OcrMissing::Tesseract))?;
        let listed = format!(
            "{}{}",
            String::from_utf8_lossy(&langs.stdout),
            String::from_utf8_lossy(&langs.stderr)
        );
        if !listed.lines().any(|l| l.trim() == "chi_sim") {
            return Err(OcrFailure::Unavailable(OcrMissing::ChineseModel));
        }
        let first =
            text.lines()
                .next()
                .unwrap_or("tesseract")
                .trim()
                .replacen("tesseract", "Tesseract", 1);
        self.version = Some(first);
        Ok(())
    }

    /// The folder of this engine's files, made when first needed.
    fn work(&mut self) -> Result<PathBuf, OcrFailure> {
        if let Some(w) = &self.work {
            return Ok(w.clone());
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!("bulletin-ocr-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| OcrFailure::Failed(format!("{}: {e}", dir.display())))?;
        self.work = Some(dir.clone());
        Ok(dir)
    }

    /// Runs a command within the time limit, its output to files in the work folder.
    fn run(&self, command: &mut Command, what: &str) -> Result<(), OcrFailure> {
        let work = self.work.clone().unwrap_or_default();
        let stderr_file = work.join("stderr.txt");
        let stderr = std::fs::File::create(&stderr_file)
            .map_err(|e| OcrFailure::Failed(format!("{}: {e}", stderr_file.display())))?;
        end_with_this_process(command);
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .env("OMP_THREAD_LIMIT", "1")
            .spawn()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound if what == "pdftoppm" => {
                    OcrFailure::Unavailable(OcrMissing::Renderer)
                }
                std::io::ErrorKind::NotFound => OcrFailure::Unavailable(OcrMissing::Tesseract),
                _ => OcrFailure::Failed(format!("{what}: {e}")),
            })?;
        let deadline = Instant::now() + Duration::from_secs(self.time_limit);
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(OcrFailure::Failed(format!(
                        "{what} took longer than {} s, the time limit (--time-limit)",
                        self.time_limit
                    )));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => return Err(OcrFailure::Failed(format!("{what}: {e}"))),
            }
        };
        if status.success() {
            return Ok(());
        }
        let said = std::fs::read_to_string(&stderr_file).unwrap_or_default();
        let last = said
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string();
        Err(OcrFailure::Failed(format!(
            "{what} failed ({status}){}",
            if last.is_empty() {
                String::new()
            } else {
                format!(": {last}")
            }
        )))
    }

    /// The picture of a page, as a file Tesseract reads (a PDF page rendered at `dpi`).
    fn picture(&mut self, image: PageImage<'_>, dpi: u32) -> Result<PathBuf, OcrFailure> {
        let work = self.work()?;
        self.pictures += 1;
        let failed =
            |p: &Path, e: std::io::Error| OcrFailure::Failed(format!("{}: {e}", p.display()));
        match image {
            PageImage::Pdf { pdf, page } => {
                let file = work.join("file.pdf");
                let key = (pdf.as_ptr() as usize, pdf.len());
                if self.pdf != Some(key) {
                    std::fs::write(&file, pdf).map_err(|e| failed(&file, e))?;
                    self.pdf = Some(key);
                }
                let base = work.join(format!("page-{}", self.pictures));
                let page = page.to_string();
                let dpi = dpi.to_string();
                self.run(
                    Command::new("pdftoppm")
                        .args([
                            "-r",
                            &dpi,
                            "-gray",
                            "-png",
                            "-singlefile",
                            "-f",
                            &page,
                            "-l",
                            &page,
                        ])
                        .arg(&file)
                        .arg(&base),
                    "pdftoppm",
                )?;
                Ok(base.with_extension("png"))
            }
            PageImage::Picture { bytes } => {
                let file = work.join(format!("picture-{}", self.pictures));
                std::fs::write(&file, bytes).map_err(|e| failed(&file, e))?;
                Ok(file)
            }
        }
    }
}

impl Drop for Tesseract {
    fn drop(&mut self) {
        if let Some(w) = &self.work {
            let _ = std::fs::remove_dir_all(w);
        }
    }
}

impl Tesseract {
    /// Reads a picture with Tesseract.
    fn read(&mut self, picture: &Path, dpi: u32, psm: &str) -> Result<Recognised, OcrFailure> {
        // Tesseract adds `.tsv` and `.hocr` to the name it is given: the words from the one,
        // where each character stands from the other (one reading, written twice).
        let out = picture.with_file_name(format!("words-{}", self.pictures));
        self.run(
            Command::new("tesseract").arg(picture).arg(&out).args([
                "-l",
                "chi_sim",
                "--psm",
                psm,
                "--dpi",
                &dpi.to_string(),
                "-c",
                "hocr_char_boxes=1",
                "hocr",
                "tsv",
            ]),
            "tesseract",
        )?;
        let file = |ext: &str| picture.with_file_name(format!("words-{}.{ext}", self.pictures));
        let (tsv, hocr) = (file("tsv"), file("hocr"));
        let text = std::fs::read_to_string(&tsv)
            .map_err(|e| OcrFailure::Failed(format!("{}: {e}", tsv.display())));
        let boxes = std::fs::read_to_string(&hocr).unwrap_or_default();
        let _ = (std::fs::remove_file(&tsv), std::fs::remove_file(&hocr));
        let mut read = read_tsv(&text?);
        place_chars(&mut read, &hocr_chars(&boxes));
        Ok(read)
    }
}

impl OcrEngine for Tesseract {
    fn recognise(&mut self, image: PageImage<'_>) -> Result<Recognised, OcrFailure> {
        self.check()?;
        // The parent gives the page its own time (see the module's note).
        eprintln!("{PAGE_STARTED}");
        let picture = self.picture(image, DPI)?;
        // Read twice (measured on the fixtures): as one uniform block of text (--psm 6),
        // which reads a bulletin's lines best — the masthead's among them — but leaves a
        // bordered table's rows out (69% of the Chromium table page's characters found); and
        // as one column of text of various sizes (--psm 4), which reads the table (93%) but
        // misreads more of the rest. The lines of the second where the first read none are
        // added to it. (Tesseract's own page analysis, --psm 3, cut the organ ⇥ date line and
        // reordered lines; the layout step orders lines by position anyway.)
        let block = self.read(&picture, DPI, "6");
        let column = self.read(&picture, DPI, "4");
        let _ = std::fs::remove_file(&picture);
        let mut read = with_lines_left_out(block?, &column?);
        // Large type (a masthead's title) is read again where its characters are of the
        // size the model reads best (Tesseract's Chinese model misreads characters several
        // times its usual size): a PDF page is rendered once more at the resolution that
        // makes them so, and its lines replace the large ones they are read over when the
        // engine is surer of them.
        if let (PageImage::Pdf { .. }, Some(height)) = (image, large_type(&read)) {
            let dpi = ((f64::from(DPI) * LARGE_TYPE_PIXELS / height) as u32).clamp(50, 200);
            let picture = self.picture(image, dpi)?;
            let again = self.read(&picture, dpi, "6");
            let _ = std::fs::remove_file(&picture);
            let again = again?;
            read = with_large_type(read, &again, f64::from(DPI) / f64::from(dpi));
        }
        Ok(read)
    }

    fn describe(&self) -> String {
        format!(
            "{}, chi_sim",
            self.version.as_deref().unwrap_or("Tesseract")
        )
    }
}

/// `read` with the lines of `other` (the same picture, read otherwise) that stand where
/// `read` has none: no line of `read` covers a third of their height.
fn with_lines_left_out(read: Recognised, other: &Recognised) -> Recognised {
    let have = lines_of(&read);
    let mut words = read.words;
    for l in lines_of(other) {
        let (top, bottom) = (l.3, l.4);
        let covered = have
            .iter()
            .any(|h| (h.4.min(bottom) - h.3.max(top)) > (bottom - top) / 3.0);
        if !covered {
            words.extend(other.words[l.0..l.1].iter().cloned());
        }
    }
    Recognised { words, ..read }
}

/// The height, in pixels, that the characters of large type are read again at.
const LARGE_TYPE_PIXELS: f64 = 45.0;

/// The lines of a reading: (first word, last word + 1, mean confidence, top, bottom).
fn lines_of(read: &Recognised) -> Vec<(usize, usize, f32, f64, f64)> {
    let mut out: Vec<(usize, usize, f32, f64, f64)> = Vec::new();
    for (i, w) in read.words.iter().enumerate() {
        match out.last_mut() {
            Some(l) if l.4 == w.line_bottom && l.4 - l.3 == w.line_height => l.1 = i + 1,
            _ => out.push((i, i + 1, 0.0, w.line_bottom - w.line_height, w.line_bottom)),
        }
    }
    for l in &mut out {
        let words = &read.words[l.0..l.1];
        l.2 = words.iter().map(|w| w.confidence).sum::<f32>() / words.len() as f32;
    }
    out
}

/// The height of the largest type the engine was unsure of, when a line is set more than
/// twice as large as the text (its lines' median height) and read with less than 90%
/// confidence.
fn large_type(read: &Recognised) -> Option<f64> {
    let lines = lines_of(read);
    let mut heights: Vec<f64> = lines.iter().map(|l| l.4 - l.3).collect();
    heights.sort_by(f64::total_cmp);
    let median = *heights.get(heights.len() / 2)?;
    lines
        .iter()
        .filter(|l| l.4 - l.3 > 2.0 * median && l.2 < 90.0)
        .map(|l| l.4 - l.3)
        .max_by(f64::total_cmp)
}

/// `read` with its large, unsure lines replaced by the lines of `again` (read at `scale`
/// times fewer pixels) that stand over them and were read with more confidence.
fn with_large_type(read: Recognised, again: &Recognised, scale: f64) -> Recognised {
    let lines = lines_of(&read);
    let mut heights: Vec<f64> = lines.iter().map(|l| l.4 - l.3).collect();
    heights.sort_by(f64::total_cmp);
    let median = heights.get(heights.len() / 2).copied().unwrap_or(0.0);
    let other = lines_of(again);
    let mut used = vec![false; other.len()];
    let mut words = Vec::new();
    for l in &lines {
        let large = l.4 - l.3 > 2.0 * median && l.2 < 90.0;
        let over = |o: &(usize, usize, f32, f64, f64)| {
            let (top, bottom) = (o.3 * scale, o.4 * scale);
            (bottom.min(l.4) - top.max(l.3)) > 0.5 * (bottom - top).min(l.4 - l.3)
        };
        let better: Vec<usize> = (0..other.len())
            .filter(|&k| large && !used[k] && over(&other[k]))
            .collect();
        let surer = !better.is_empty()
            && better.iter().map(|&k| other[k].2).sum::<f32>() / better.len() as f32 > l.2;
        if surer {
            for k in better {
                used[k] = true;
                let o = &other[k];
                words.extend(again.words[o.0..o.1].iter().map(|w| {
                    Word {
                        left: w.left * scale,
                        right: w.right * scale,
                        line_bottom: w.line_bottom * scale,
                        line_height: w.line_height * scale,
                        height: w.height * scale,
                        confidence: w.confidence,
                        text: w.text.clone(),
                        chars: w
                            .chars
                            .iter()
                            .map(|&(l, r)| (l * scale, r * scale))
                            .collect(),
                    }
                }));
            }
        } else {
            words.extend(read.words[l.0..l.1].iter().cloned());
        }
    }
    Recognised { words, ..read }
}

/// Makes `command` end when this process ends, however it ends (the reading child killed
/// at its time limit, or the command stopped with Ctrl-C): on Linux; elsewhere the reading
/// child's process group is ended with it by the time limit.
fn end_with_this_process(command: &mut Command) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: getpid before the fork; in the child only prctl, getppid and raise, which
        // are async-signal-safe, as pre_exec requires.
        let parent = unsafe { libc::getpid() };
        unsafe {
            command.pre_exec(move || {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                if libc::getppid() != parent {
                    libc::raise(libc::SIGKILL);
                }
                Ok(())
            });
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = command;
}

/// Tesseract's TSV: the page's size (level 1), lines (level 4) and words (level 5) with
/// their boxes and confidence. Words stand on their line's box (its bottom and height).
pub fn read_tsv(tsv: &str) -> Recognised {
    let mut out = Recognised::default();
    let mut line: Option<(f64, f64)> = None; // bottom, height
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 12 {
            continue;
        }
        let n = |i: usize| f[i].trim().parse::<f64>().unwrap_or(0.0);
        match f[0] {
            "1" => {
                out.width = n(8);
                out.height = n(9);
            }
            "4" => line = Some((n(7) + n(9), n(9))),
            "5" => {
                let text = f[11..].join("\t");
                if text.trim().is_empty() {
                    continue;
                }
                let (bottom, height) = line.unwrap_or((n(7) + n(9), n(9)));
                out.words.push(Word {
                    left: n(6),
                    right: n(6) + n(8),
                    line_bottom: bottom,
                    line_height: height,
                    height: n(9),
                    confidence: n(10) as f32,
                    text: text.trim().to_string(),
                    chars: Vec::new(),
                });
            }
            _ => {}
        }
    }
    out
}

/// The characters of each word of Tesseract's hOCR (with `hocr_char_boxes`): each word's
/// characters with their left and right edges. An hOCR Tesseract did not write, or could not
/// be read, gives none.
pub fn hocr_chars(hocr: &str) -> Vec<Vec<(String, f64, f64)>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(hocr);
    let mut words: Vec<Vec<(String, f64, f64)>> = Vec::new();
    // The box of the character whose text comes next.
    let mut pending: Option<(f64, f64)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"span" => {
                let attr = |name: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                };
                match attr(b"class").as_deref() {
                    Some("ocrx_word") => words.push(Vec::new()),
                    Some("ocrx_cinfo") => {
                        // title='x_bboxes 690 173 866 345; x_conf 98.3'
                        let title = attr(b"title").unwrap_or_default();
                        let n: Vec<f64> = title
                            .split(';')
                            .find_map(|p| p.trim().strip_prefix("x_bboxes "))
                            .map(|b| {
                                b.split_whitespace()
                                    .filter_map(|v| v.parse().ok())
                                    .collect()
                            })
                            .unwrap_or_default();
                        pending = (n.len() == 4).then(|| (n[0], n[2]));
                    }
                    _ => {}
                }
            }
            Ok(Event::Text(t)) => {
                if let (Some((left, right)), Some(word)) = (pending.take(), words.last_mut()) {
                    if let Ok(text) = t.decode() {
                        word.push((text.trim().to_string(), left, right));
                    }
                }
            }
            Ok(Event::GeneralRef(r)) => {
                // A character written as a reference (&amp;, &lt;, &#34;).
                if let (Some((left, right)), Some(word)) = (pending.take(), words.last_mut()) {
                    let name = r.decode().unwrap_or_default();
                    let text = match name.as_ref() {
                        "amp" => "&".to_string(),
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        n => n
                            .strip_prefix("#x")
                            .and_then(|h| u32::from_str_radix(h, 16).ok())
                            .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                            .and_then(char::from_u32)
                            .map(String::from)
                            .unwrap_or_default(),
                    };
                    word.push((text, left, right));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    words
}

/// Gives each word the edges of its characters from `words` ([`hocr_chars`]): the hOCR's
/// words in the same order, matched by their text (those of no word with text skipped).
pub fn place_chars(read: &mut Recognised, words: &[Vec<(String, f64, f64)>]) {
    let mut next = words.iter();
    for w in &mut read.words {
        let flat: String = w.text.chars().filter(|c| !c.is_whitespace()).collect();
        let chars = flat.chars().count();
        for hocr in next.by_ref() {
            let text: String = hocr.iter().map(|c| c.0.as_str()).collect();
            if text == flat && hocr.len() == chars {
                w.chars = hocr.iter().map(|c| (c.1, c.2)).collect();
                break;
            }
            if !text.is_empty() {
                // A word the TSV has otherwise: stop matching.
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_stand_on_their_lines() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t2481\t3508\t-1\t\n\
                   4\t1\t1\t1\t1\t0\t1133\t774\t237\t61\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t1133\t774\t61\t61\t96.7\t第\n\
                   5\t1\t1\t1\t1\t2\t1217\t780\t73\t51\t92.8\t18\n\
                   5\t1\t1\t1\t1\t3\t1310\t775\t60\t60\t54.7\t期\n\
                   5\t1\t1\t1\t1\t4\t1400\t775\t60\t60\t95\t \n";
        let r = read_tsv(tsv);
        assert_eq!((r.width, r.height), (2481.0, 3508.0));
        assert_eq!(r.words.len(), 3);
        assert!(r
            .words
            .iter()
            .all(|w| w.line_bottom == 835.0 && w.line_height == 61.0));
        assert_eq!(r.words[1].text, "18");
        assert_eq!(r.words[2].confidence, 54.7);
        assert_eq!((r.words[1].left, r.words[1].right), (1217.0, 1290.0));
    }

    #[test]
    fn characters_take_their_edges_from_the_hocr() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t2481\t3508\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t690\t172\t383\t175\t90\t代表\n\
                   5\t1\t1\t1\t1\t2\t1100\t172\t90\t175\t90\t&\n";
        let hocr = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html><body>\
            <span class='ocr_line' title='bbox 690 172 1190 347'>\
            <span class='ocrx_word' title='bbox 690 172 1073 347; x_wconf 90'>\
            <span class='ocrx_cinfo' title='x_bboxes 690 173 866 345; x_conf 98.3'>代</span>\
            <span class='ocrx_cinfo' title='x_bboxes 956 172 1073 347; x_conf 82.3'>表</span>\
            </span> <span class='ocrx_word' title='bbox 1100 172 1190 347; x_wconf 90'>\
            <span class='ocrx_cinfo' title='x_bboxes 1100 173 1190 345; x_conf 90'>&amp;</span>\
            </span></span></body></html>";
        let mut r = read_tsv(tsv);
        place_chars(&mut r, &hocr_chars(hocr));
        assert_eq!(r.words[0].chars, [(690.0, 866.0), (956.0, 1073.0)]);
        assert_eq!(r.words[1].chars, [(1100.0, 1190.0)]);
        // No hOCR: no edges, the words as they were.
        let mut bare = read_tsv(tsv);
        place_chars(&mut bare, &hocr_chars(""));
        assert!(bare.words.iter().all(|w| w.chars.is_empty()));
    }
}
