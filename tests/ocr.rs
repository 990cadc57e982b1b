//! The archive's other formats (#31): OFD files, scans and PDFs whose fonts lost their
//! ToUnicode maps, converted by the built `bulletin` command as a person runs it.
//!
//! The fixtures are made by real tools (`scripts/make-ocr-fixtures`): scans of the
//! LibreOffice and Chromium PDFs of `tests/fixtures/import/` at 300 and 150 dpi and turned by
//! 0.8°, those PDFs with their ToUnicode maps removed by pikepdf, a PDF mixing a scanned page
//! and a text page, and a fresh bulletin written as OFD by two OFD libraries (easyofd, with
//! its own namespace URI, as text and as page pictures; easyofd-writer, with the standard
//! one). The OCR tests run the real Tesseract (Debian's `tesseract-ocr` and
//! `tesseract-ocr-chi-sim`, installed by `scripts/setup`); they fail, saying so, without it.
//!
//! What a person gets is asserted: the issue's masthead as printed, the share of the
//! articles' characters that are right (edit distance to the issue as written), what the
//! command says of the pages it read by OCR and of every word it is unsure of, and the
//! folder report.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{bulletin, bulletin_command, root};

fn fixture(path: &str) -> PathBuf {
    root().join("tests/fixtures").join(path)
}

const OFD_DIR: &str = "ofd/renda-tongxun-2025-9";
const OFD_EXPECTED: &str = "ofd/renda-tongxun-2025-9/expected.json";
/// The issue the zengkan-2 scans were printed from, as its PDF gives it.
const ZENGKAN: &str = "import/special/expected-pdf.json";

/// Converts a file with `extra` options: the issue written, standard error, the exit code.
fn convert(path: &Path, extra: &[&str]) -> (Option<Value>, String, i32) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("issue.json");
    let mut args = vec![
        "convert",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    let o = bulletin(&args);
    let json = std::fs::read_to_string(&out)
        .ok()
        .map(|t| serde_json::from_str(&t).unwrap());
    (
        json,
        String::from_utf8_lossy(&o.stderr).into_owned(),
        o.status.code().unwrap_or(-1),
    )
}

fn expected(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(path)).unwrap()).unwrap()
}

/// The articles' characters, whitespace aside: titles, bylines, blocks (paragraphs, items,
/// cells, captions), sources.
fn article_text(issue: &Value) -> Vec<char> {
    fn strings(v: &Value, out: &mut String) {
        match v {
            Value::String(s) => out.push_str(s),
            Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            Value::Object(o) => o
                .iter()
                .filter(|(k, _)| {
                    !matches!(k.as_str(), "id" | "type" | "src" | "ordered" | "header")
                })
                .for_each(|(_, x)| strings(x, out)),
            _ => {}
        }
    }
    let mut s = String::new();
    strings(&issue["articles"], &mut s);
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The share of the expected articles' characters that are right: 1 − edit distance /
/// length.
fn accuracy(expected: &Value, actual: &Value) -> f64 {
    let (a, b) = (article_text(expected), article_text(actual));
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j + 1] + 1)
                .min(cur[j] + 1)
                .min(prev[j] + usize::from(ca != cb));
        }
        prev = cur;
    }
    1.0 - prev[b.len()] as f64 / a.len() as f64
}

/// Fails with a word on installing Tesseract when it is not there.
fn need_tesseract() {
    let ok = Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l == "chi_sim")
        });
    assert!(
        ok,
        "the OCR tests need Tesseract with its Chinese model: scripts/setup installs them \
         (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
    );
}

// ---- OFD ----

#[test]
fn ofd_files_written_by_two_libraries_convert_to_the_issue_as_written() {
    for name in [
        "renda-tongxun-2025-9.easyofd-text.ofd",
        "renda-tongxun-2025-9.ofd-writer.ofd",
    ] {
        let (json, stderr, code) = convert(&fixture(OFD_DIR).join(name), &["--ocr", "never"]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert_eq!(json.unwrap(), expected(OFD_EXPECTED), "{name}");
        assert!(stderr.is_empty(), "{name}: {stderr}");
    }
}

/// Rewrites a zip's entries: `edit(name, bytes)` gives the new bytes (None: leave it out).
fn rezip(from: &Path, edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            if let Some(bytes) = edit(&name, bytes) {
                w.start_file(name, zip::write::SimpleFileOptions::default())
                    .unwrap();
                w.write_all(&bytes).unwrap();
            }
        }
        w.finish().unwrap();
    }
    out.into_inner()
}

fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn ofd_names_are_read_by_their_namespace_not_their_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture(OFD_DIR).join("renda-tongxun-2025-9.ofd-writer.ofd");
    // Another prefix bound to the standard's URI: the same issue.
    let other_prefix = rezip(&source, |_, b| {
        Some(String::from_utf8(b).map_or_else(
            |e| e.into_bytes(),
            |t| {
                t.replace("<ofd:", "<x:")
                    .replace("</ofd:", "</x:")
                    .replace("xmlns:ofd=", "xmlns:x=")
                    .into_bytes()
            },
        ))
    });
    let file = write_temp(dir.path(), "prefix.ofd", &other_prefix);
    let (json, stderr, code) = convert(&file, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json.unwrap(), expected(OFD_EXPECTED));
    // The `ofd:` prefix bound to another URI is not OFD: said, naming the part.
    let foreign = rezip(&source, |_, b| {
        Some(String::from_utf8(b).map_or_else(
            |e| e.into_bytes(),
            |t| {
                t.replace("http://www.ofdspec.org/2016", "urn:example:not-ofd")
                    .into_bytes()
            },
        ))
    });
    let file = write_temp(dir.path(), "foreign.ofd", &foreign);
    let (json, stderr, code) = convert(&file, &[]);
    assert_eq!((json, code), (None, 1));
    assert!(
        stderr.contains("OFD.xml: its elements are not in the OFD namespace"),
        "{stderr}"
    );
}

/// An OFD package of the given parts (name, XML), as the standard lays one out.
fn ofd(parts: &[(&str, String)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        for (name, text) in parts {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap();
    }
    out.into_inner()
}

const NS: &str = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";

fn entry(root: &str) -> (&'static str, String) {
    (
        "OFD.xml",
        format!("<ofd:OFD {NS} Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocRoot>{root}</ofd:DocRoot></ofd:DocBody></ofd:OFD>"),
    )
}

fn document(pages: &[&str]) -> (&'static str, String) {
    let pages: String = pages
        .iter()
        .enumerate()
        .map(|(i, p)| format!("<ofd:Page ID=\"{}\" BaseLoc=\"{p}\"/>", i + 1))
        .collect();
    (
        "Doc_0/Document.xml",
        format!("<ofd:Document {NS}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>{pages}</ofd:Pages></ofd:Document>"),
    )
}

#[test]
fn hostile_ofd_files_are_refused_naming_what_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let page = |body: &str| {
        format!(
            "<ofd:Page {NS}><ofd:Content><ofd:Layer>{body}</ofd:Layer></ofd:Content></ofd:Page>"
        )
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "traversal.ofd",
            ofd(&[entry("../../etc/Document.xml")]),
            "OFD.xml names the part ../../etc/Document.xml, which leads out of the package: refused",
        ),
        (
            "missing-page.ofd",
            ofd(&[entry("Doc_0/Document.xml"), document(&["Pages/Page_0/Content.xml"])]),
            "Doc_0/Pages/Page_0/Content.xml, named in Doc_0/Document.xml, is not in the OFD file",
        ),
        (
            "no-document.ofd",
            ofd(&[("OFD.xml", format!("<ofd:OFD {NS}><ofd:DocBody/></ofd:OFD>"))]),
            "names no document (DocBody/DocRoot)",
        ),
        (
            "element-bomb.ofd",
            ofd(&[
                entry("Doc_0/Document.xml"),
                document(&["Pages/Page_0/Content.xml"]),
                ("Doc_0/Pages/Page_0/Content.xml", page(&"<ofd:PathObject/>".repeat(600_000))),
            ]),
            "Doc_0/Pages/Page_0/Content.xml: more than 500000 XML elements",
        ),
        (
            "pages.ofd",
            ofd(&[entry("Doc_0/Document.xml"), document(&vec!["p.xml"; 2_001])]),
            "this OFD asks more of the reader than any bulletin does: it has more than 2000 pages",
        ),
    ];
    for (name, bytes, said) in cases {
        let file = write_temp(dir.path(), name, &bytes);
        let started = std::time::Instant::now();
        let (json, stderr, code) = convert(&file, &[]);
        assert_eq!((json.is_none(), code), (true, 1), "{name}: {stderr}");
        assert!(stderr.contains(said), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(started.elapsed().as_secs() < 20, "{name}");
    }
    // A part that inflates past 64 MiB, whatever its header says: a zip bomb.
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        for (n, t) in [
            entry("Doc_0/Document.xml"),
            document(&["Pages/Page_0/Content.xml"]),
        ] {
            w.start_file(n, options).unwrap();
            w.write_all(t.as_bytes()).unwrap();
        }
        w.start_file("Doc_0/Pages/Page_0/Content.xml", options)
            .unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..70 {
            w.write_all(&zeros).unwrap();
        }
        w.finish().unwrap();
    }
    let file = write_temp(dir.path(), "bomb.ofd", &out.into_inner());
    let (json, stderr, code) = convert(&file, &[]);
    assert_eq!((json.is_none(), code), (true, 1), "{stderr}");
    assert!(
        stderr.contains("Doc_0/Pages/Page_0/Content.xml inflates to more than 64 MiB"),
        "{stderr}"
    );
    // A DeltaX that says four billion: expanded no further than the characters it spaces.
    let text = |t: &str, y: f64| {
        format!("<ofd:TextObject ID=\"1\" Boundary=\"20 {y} 170 10\" Size=\"5\"><ofd:TextCode X=\"0\" Y=\"5\" DeltaX=\"g 4000000000 5\">{t}</ofd:TextCode></ofd:TextObject>")
    };
    let body = [
        text("联络动态", 20.0),
        text("第3期", 40.0),
        text("某某办公室编 2025年1月2日", 50.0),
        text("标题", 70.0),
        text("正文。", 80.0),
    ]
    .concat();
    let file = write_temp(
        dir.path(),
        "deltas.ofd",
        &ofd(&[
            entry("Doc_0/Document.xml"),
            document(&["Pages/Page_0/Content.xml"]),
            ("Doc_0/Pages/Page_0/Content.xml", page(&body)),
        ]),
    );
    let started = std::time::Instant::now();
    let o = bulletin(&["convert", file.to_str().unwrap(), "--text"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        text.contains("# 联络动态") && text.contains("正文。"),
        "{text}"
    );
    assert!(started.elapsed().as_secs() < 10);
}

// ---- OCR ----

/// The lines of standard error that name a word to check, and the count line's number.
fn checks(stderr: &str) -> (Vec<&str>, Option<usize>) {
    let named: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(": OCR is unsure of “"))
        .collect();
    let count = stderr
        .lines()
        .find_map(|l| l.split_once("OCR: ").map(|(_, r)| r))
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok());
    (named, count)
}

#[test]
fn scans_and_unmapped_fonts_convert_with_the_masthead_and_95_percent_of_the_text() {
    need_tesseract();
    let zengkan = expected(ZENGKAN);
    for (file, reason, pages) in [
        (
            "ocr/zengkan-2.scan-300dpi.pdf",
            "no text layer",
            "pages 1–2",
        ),
        (
            "ocr/zengkan-2.scan-150dpi.pdf",
            "no text layer",
            "pages 1–2",
        ),
        (
            "ocr/zengkan-2.unmapped.pdf",
            "fonts without a Unicode map",
            "pages 1–2",
        ),
        ("ocr/zengkan-2.mixed.pdf", "no text layer", "page 1 "),
    ] {
        let (json, stderr, code) = convert(&fixture(file), &[]);
        let json = json.unwrap_or_else(|| panic!("{file}: nothing written: {stderr}"));
        assert_eq!(json["masthead"], zengkan["masthead"], "{file}");
        let share = accuracy(&zengkan, &json);
        assert!(
            share >= 0.95,
            "{file}: {:.1}% of the articles' characters right",
            share * 100.0
        );
        // Which pages were read by OCR, why, and with what.
        let summary = stderr
            .lines()
            .find(|l| l.contains("read by OCR (Tesseract"))
            .unwrap_or_else(|| panic!("{file}: {stderr}"));
        assert!(
            summary.contains(pages) && summary.contains(reason),
            "{file}: {summary}"
        );
        // Every word it is unsure of, with its page and line, and how many.
        let (named, count) = checks(&stderr);
        assert_eq!(Some(named.len()), count, "{file}: {stderr}");
        for l in &named {
            assert!(l.contains(": page "), "{file}: {l}");
        }
        // Words to check make the exit status 1, as problems do.
        assert_eq!(
            code,
            i32::from(!named.is_empty() || stderr.contains("converted issue")),
            "{file}"
        );
    }
}

/// A font without a Unicode map draws each character with one code wherever it stands: the
/// pages are laid out from the PDF's own glyphs, each code decoded by what OCR read at all its
/// places, so that a misreading at one place is outvoted — and said, with its place.
#[test]
fn an_unmapped_fonts_codes_are_decoded_by_what_ocr_read_at_all_their_places() {
    need_tesseract();
    for (file, want) in [
        ("ocr/zengkan-2.unmapped.pdf", ZENGKAN),
        (
            "ocr/lianluo-dongtai-2024-20.chromium-unmapped.pdf",
            "import/table/expected.json",
        ),
    ] {
        let (json, stderr, _) = convert(&fixture(file), &[]);
        let json = json.unwrap_or_else(|| panic!("{file}: nothing written: {stderr}"));
        let want = expected(want);
        assert_eq!(json["masthead"], want["masthead"], "{file}");
        // More than OCR's words alone gave (95.8% and 84.4%): the codes read elsewhere.
        let share = accuracy(&want, &json);
        assert!(
            share >= 0.97,
            "{file}: {:.1}% of the articles' characters right",
            share * 100.0
        );
        // Letters and characters only: the converter writes punctuation in Chinese text
        // full-width (“(街道” is “（街道”).
        let letters = |s: &str| -> String { s.chars().filter(|c| c.is_alphanumeric()).collect() };
        let written = letters(&json.to_string());
        let corrected: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains("the font draws it with the codes it read as"))
            .collect();
        assert!(!corrected.is_empty(), "{file}: {stderr}");
        for l in corrected {
            // page N, line M: OCR read “X”; the font draws it with the codes it read as “Y” in
            // K other places: written “Y” (check it)
            assert!(l.contains(": page "), "{l}");
            let now = l
                .split('“')
                .nth(2)
                .and_then(|r| r.split('”').next())
                .unwrap();
            assert!(
                written.contains(&letters(now)),
                "{file}: “{now}” is not in the issue: {l}"
            );
        }
    }
}

#[test]
fn a_mixed_pdf_keeps_its_text_pages_text() {
    need_tesseract();
    let (json, stderr, _) = convert(&fixture("ocr/zengkan-2.mixed.pdf"), &[]);
    let json = json.unwrap();
    // Page 2 (the 报尾) is the PDF's own text, exactly; no word on it is named.
    assert_eq!(json["footer"], expected(ZENGKAN)["footer"]);
    let (named, _) = checks(&stderr);
    assert!(named.iter().all(|l| l.contains(": page 1, ")), "{stderr}");
}

#[test]
fn an_ofd_of_page_pictures_is_read_by_ocr() {
    need_tesseract();
    let file = fixture(OFD_DIR).join("renda-tongxun-2025-9.easyofd-pictures.ofd");
    let (json, stderr, _) = convert(&file, &[]);
    let json = json.unwrap();
    let want = expected(OFD_EXPECTED);
    assert_eq!(json["masthead"], want["masthead"]);
    let share = accuracy(&want, &json);
    assert!(share >= 0.95, "{:.1}%", share * 100.0);
    assert!(stderr.contains("pages 1–2 (no text layer)"), "{stderr}");
}

#[test]
fn the_skewed_scan_reads_the_text_though_not_its_large_title() {
    need_tesseract();
    let zengkan = expected(ZENGKAN);
    let (json, _, _) = convert(&fixture("ocr/zengkan-2.scan-300dpi-skewed.pdf"), &[]);
    let json = json.unwrap();
    for field in ["issue", "cumulative", "organ", "date"] {
        assert_eq!(
            json["masthead"][field], zengkan["masthead"][field],
            "{field}"
        );
    }
    assert!(accuracy(&zengkan, &json) >= 0.95);
}

#[test]
fn ocr_never_says_which_pages_need_it_and_why() {
    for (file, said) in [
        (
            "ocr/zengkan-2.scan-300dpi.pdf",
            "pages 1–2 have no text layer (a scan or a picture of the page): it needs OCR, and --ocr never was given",
        ),
        (
            "ocr/zengkan-2.unmapped.pdf",
            "the text layer of pages 1–2 is not text (its fonts have no Unicode map",
        ),
        (
            "ocr/lianluo-dongtai-2024-20.chromium-unmapped.pdf",
            "the text layer of pages 1–2 is not text",
        ),
        ("ocr/zengkan-2.mixed.pdf", "page 1 has no text layer"),
    ] {
        let (json, stderr, code) = convert(&fixture(file), &["--ocr", "never"]);
        assert_eq!((json.is_none(), code), (true, 1), "{file}");
        assert!(stderr.contains(said), "{file}: {stderr}");
        // Not the misleading word of before: the masthead was never the problem.
        assert!(!stderr.contains("masthead"), "{file}: {stderr}");
    }
    // Text PDFs are not OCR'd: nothing said of OCR.
    let (_, stderr, code) = convert(&fixture("import/special/zengkan-2.pdf"), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("OCR"), "{stderr}");
}

#[test]
fn the_review_suggests_what_the_issue_writes_elsewhere_and_changes_nothing() {
    need_tesseract();
    let mut suggested = 0;
    for file in [
        "ocr/zengkan-2.scan-300dpi.pdf",
        "ocr/zengkan-2.scan-300dpi-skewed.pdf",
        "ocr/zengkan-2.unmapped.pdf",
    ] {
        let (json, stderr, _) = convert(&fixture(file), &[]);
        // The whole issue as written (masthead, articles, 报尾), spaces aside.
        let text: String = json
            .unwrap()
            .to_string()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for l in stderr.lines().filter(|l| l.contains("this issue writes")) {
            suggested += 1;
            // page N, line M: OCR read “X”; this issue writes “Y” K times: check it (not changed)
            let read = l
                .split('“')
                .nth(1)
                .and_then(|r| r.split('”').next())
                .unwrap();
            let instead = l
                .split('“')
                .nth(2)
                .and_then(|r| r.split('”').next())
                .unwrap();
            assert!(l.contains(": page "), "{l}");
            // One character changed, or two read for one.
            let (r, i) = (read.chars().count(), instead.chars().count());
            assert!(r == i || r == i + 1, "{l}");
            // Never applied: what was read is in the issue as read.
            assert!(
                text.contains(read),
                "{file}: “{read}” is not in the issue: {l}"
            );
        }
    }
    // Tesseract's known confusion (常 read as 党) is found in these scans.
    assert!(suggested > 0);
}

#[test]
fn each_page_read_by_ocr_is_held_to_the_time_limit() {
    need_tesseract();
    // One second: too short for Tesseract on a 300 dpi page, so it is stopped, and said.
    let started = std::time::Instant::now();
    let (json, stderr, code) = convert(
        &fixture("ocr/zengkan-2.scan-300dpi.pdf"),
        &["--time-limit", "1"],
    );
    assert_eq!((json.is_none(), code), (true, 1), "{stderr}");
    assert!(
        stderr.contains("took longer than 1 s, the time limit (--time-limit)"),
        "{stderr}"
    );
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}

/// A folder holding one file of every kind the command reads.
fn mixed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (from, to) in [
        ("import/special/zengkan-2.docx", "a-word.docx"),
        ("import/table/lianluo-dongtai-2024-20.pdf", "b-text.pdf"),
        ("ocr/zengkan-2.scan-300dpi.pdf", "c-scan.pdf"),
        ("ocr/zengkan-2.unmapped.pdf", "d-unmapped.pdf"),
        (
            "ofd/renda-tongxun-2025-9/renda-tongxun-2025-9.easyofd-text.ofd",
            "e-text.ofd",
        ),
        (
            "ofd/renda-tongxun-2025-9/renda-tongxun-2025-9.easyofd-pictures.ofd",
            "f-pictures.ofd",
        ),
    ] {
        std::fs::copy(fixture(from), dir.path().join(to)).unwrap();
    }
    dir
}

#[test]
fn a_folder_of_every_kind_converts_and_the_report_says_which_were_read_by_ocr() {
    need_tesseract();
    let dir = mixed_folder();
    let out = tempfile::tempdir().unwrap();
    let o = bulletin(&[
        "convert",
        dir.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let report = String::from_utf8_lossy(&o.stdout);
    let line = |name: &str| {
        report
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name}: {report}"))
            .to_string()
    };
    for name in ["c-scan.pdf", "d-unmapped.pdf", "f-pictures.ofd"] {
        assert!(line(name).contains("(read by OCR (Tesseract"), "{report}");
    }
    for name in ["a-word.docx", "b-text.pdf", "e-text.ofd"] {
        assert!(!line(name).contains("OCR"), "{report}");
        assert!(line(name).starts_with("converted "), "{report}");
    }
    assert!(report.contains("6 files: "), "{report}");
    assert!(report.contains("; 3 read by OCR"), "{report}");
    assert!(!report.contains("failed "), "{report}");
    // Two files are the same issue (the Word file and its scan): the second gets -2, said.
    assert!(out.path().join("2024-zengkan-2.json").is_file());
    assert!(out.path().join("2025-9.json").is_file());
}

#[test]
fn without_tesseract_auto_says_how_to_install_it_and_converts_the_rest() {
    let dir = mixed_folder();
    let out = tempfile::tempdir().unwrap();
    // A PATH with neither tesseract nor pdftoppm.
    let o = bulletin_command([
        "convert",
        dir.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ])
    .env("PATH", out.path())
    .output()
    .unwrap();
    let report = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{report}");
    for name in ["c-scan.pdf", "d-unmapped.pdf", "f-pictures.ofd"] {
        let l = report.lines().find(|l| l.contains(name)).unwrap();
        assert!(l.starts_with("failed "), "{l}");
        assert!(
            l.contains("it needs OCR, and Tesseract (the OCR engine) is not installed: install it (Debian, Ubuntu: `sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils`"),
            "{l}"
        );
    }
    for name in ["a-word.docx", "b-text.pdf", "e-text.ofd"] {
        let l = report.lines().find(|l| l.contains(name)).unwrap();
        assert!(l.starts_with("converted "), "{l}");
    }
    assert!(
        report.contains("6 files: 3 converted, 0 converted with problems, 3 failed"),
        "{report}"
    );
}

/// The processes below `pid` (its children, theirs, …) that are alive (not zombies), with
/// their names, from /proc.
#[cfg(target_os = "linux")]
fn alive_below(pid: u32) -> Vec<(u32, String)> {
    let mut procs: Vec<(u32, u32, char, String)> = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(p) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid …
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let mut rest = stat[close + 2..].split_whitespace();
        let state = rest.next().and_then(|s| s.chars().next()).unwrap_or('?');
        let ppid = rest.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        procs.push((p, ppid, state, stat[open + 1..close].to_string()));
    }
    let mut below = vec![pid];
    let mut i = 0;
    while i < below.len() {
        let parent = below[i];
        below.extend(procs.iter().filter(|p| p.1 == parent).map(|p| p.0));
        i += 1;
    }
    procs
        .into_iter()
        .filter(|p| below[1..].contains(&p.0) && p.2 != 'Z')
        .map(|p| (p.0, p.3))
        .collect()
}

/// Ctrl-C on the command ends what it started: the file's reading child (a process group
/// of its own, which the terminal's Ctrl-C does not reach) and the OCR engine it runs.
#[cfg(target_os = "linux")]
#[test]
fn ctrl_c_ends_the_reading_child_and_the_ocr_engine() {
    use std::time::{Duration, Instant};
    need_tesseract();
    let dir = tempfile::tempdir().unwrap();
    let mut command = bulletin_command(["convert"])
        .arg(fixture("ocr/zengkan-2.scan-300dpi.pdf"))
        .arg("-o")
        .arg(dir.path().join("out.json"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = command.id();
    // Until the engine reads a page (for seconds: not its version asked for at the start),
    // the same process seen running for 300 ms.
    let start = Instant::now();
    let mut seen = Vec::new();
    let mut reading: Option<(u32, Instant)> = None;
    let long_enough = |r: Option<(u32, Instant)>| {
        r.is_some_and(|(_, since)| since.elapsed() > Duration::from_millis(300))
    };
    while start.elapsed() < Duration::from_secs(30) && !long_enough(reading) {
        seen = alive_below(pid);
        let engine = seen
            .iter()
            .find(|(_, name)| name == "tesseract")
            .map(|p| p.0);
        reading = match (reading, engine) {
            (Some((p, since)), Some(e)) if p == e => Some((p, since)),
            (_, Some(e)) => Some((e, Instant::now())),
            _ => None,
        };
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(long_enough(reading), "the engine read no page: {seen:?}");
    let status = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let _ = command.wait();
    // Within half a second (less than the engine takes for a page), nothing it started is
    // left running.
    let start = Instant::now();
    let mut left: Vec<(u32, String)> = seen.clone();
    while start.elapsed() < Duration::from_millis(500) && !left.is_empty() {
        let still = |p: &u32| {
            std::fs::read_to_string(format!("/proc/{p}/stat")).is_ok_and(|s| {
                s.rsplit_once(')')
                    .is_some_and(|(_, r)| !r.trim_start().starts_with('Z'))
            })
        };
        left.retain(|(p, _)| still(p));
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(left.is_empty(), "still running after Ctrl-C: {left:?}");
}
