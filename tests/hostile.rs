//! Hostile office files (tests/fixtures/hostile/, made by `scripts/make-hostile-fixtures`):
//! crafted PDF and Word files of a few KB that once aborted `bulletin convert` or ran for
//! minutes. Each now ends in seconds with a short message naming the budget it is over, a
//! folder run with them converts the good files and lists the bad, and what a reader's budget
//! misses ends in the reading child (memory, time) without taking the run with it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

mod common;
use common::{bulletin_command, root, stderr};

fn hostile(name: &str) -> PathBuf {
    root().join("tests/fixtures/hostile").join(name)
}

fn bulletin(args: &[&str], env: &[(&str, &str)]) -> (Output, Duration) {
    let start = Instant::now();
    let o = bulletin_command(args)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (o, start.elapsed())
}

/// What a person sees for each crafted file: the part of the message that names the limit.
const EXPECTED: [(&str, &str); 15] = [
    ("xobject-no-subtype.pdf", "draw themselves in a loop"),
    // Said to be a picture: its pixels are not read, so it draws nothing (and no loop).
    ("xobject-said-image.pdf", "no article found"),
    ("flate-in-flate.pdf", "inflates to more than 64 MiB"),
    ("lzw-bomb.pdf", "inflates to more than 64 MiB"),
    ("endstream-inside.pdf", "inflates to more than 64 MiB"),
    ("encrypted-bomb.pdf", "inflates to more than 64 MiB"),
    ("tounicode-4-byte-range.pdf", "maps more than 131072 codes"),
    ("tounicode-many-ranges.pdf", "maps more than 131072 codes"),
    ("forms-fan-out.pdf", "draw more than 5000000 operators"),
    // lopdf lists a page-tree entry no more often than the file has objects: five pages.
    ("shared-content-2000-pages.pdf", "no article found"),
    ("nested-q.pdf", "graphics states nest more than 256 deep"),
    ("numbering-four-billion.docx", "no article found"),
    ("many-attributes.docx", "more than 512 attributes"),
    ("many-namespaces.docx", "more than 256 XML namespaces"),
    (
        "entity-references.docx",
        "more than 1000000 entity references",
    ),
];

#[test]
fn every_crafted_file_ends_in_seconds_with_a_short_message() {
    let tmp = tempfile::tempdir().unwrap();
    let listed: Vec<String> = {
        let mut names: Vec<String> = fs::read_dir(root().join("tests/fixtures/hostile"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let mut expected: Vec<String> = EXPECTED.iter().map(|(n, _)| n.to_string()).collect();
    expected.sort();
    assert_eq!(listed, expected, "every crafted file has its expectation");
    for (name, says) in EXPECTED {
        let file = hostile(name);
        let json = tmp.path().join(name).with_extension("json");
        let (o, took) = bulletin(
            &[
                "convert",
                file.to_str().unwrap(),
                "-o",
                json.to_str().unwrap(),
            ],
            &[],
        );
        let text = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: {text}");
        assert!(took < Duration::from_secs(10), "{name}: {took:?}");
        assert!(text.contains(says), "{name}: {text}");
        // A few lines, each short: no paragraph or library dump quoted whole.
        assert!(text.lines().count() <= 6, "{name}: {text}");
        assert!(
            text.lines().all(|l| l.chars().count() <= 400),
            "{name}: {text}"
        );
        assert!(text.starts_with(file.to_str().unwrap()), "{name}: {text}");
    }
    // The list's counter past four billion is written short, in digits.
    let file = hostile("numbering-four-billion.docx");
    let (o, _) = bulletin(&["convert", file.to_str().unwrap(), "--text"], &[]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("4000000000.一项\n"), "{text}");
    assert!(text.contains("4000000002.一项\n"), "{text}");
}

/// A folder of good files and crafted ones: the good are written, the crafted listed with
/// why, exit status 1, and no temporary file left.
#[test]
fn a_folder_run_converts_the_good_files_and_lists_the_bad() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    let out = tmp.path().join("out");
    fs::create_dir(&dir).unwrap();
    for (from, to) in [
        (
            "tests/fixtures/import/seed/lianluo-dongtai-2024-18.pdf",
            "a.pdf",
        ),
        (
            "tests/fixtures/import/image/lianluo-dongtai-2024-19.docx",
            "b.docx",
        ),
        ("tests/fixtures/hostile/forms-fan-out.pdf", "c.pdf"),
        ("tests/fixtures/hostile/entity-references.docx", "d.docx"),
    ] {
        fs::copy(root().join(from), dir.join(to)).unwrap();
    }
    let (o, took) = bulletin(
        &[
            "convert",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &[],
    );
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(1), "{report}{}", stderr(&o));
    assert!(took < Duration::from_secs(20), "{took:?}");
    assert!(
        report.contains("converted  a.pdf → 2024-18.json"),
        "{report}"
    );
    assert!(report.contains("b.docx → 2024-19.json"), "{report}");
    assert!(
        report.contains("failed     c.pdf: this PDF asks more"),
        "{report}"
    );
    assert!(
        report.contains("failed     d.docx: word/document.xml: more than"),
        "{report}"
    );
    assert!(
        report.contains("4 files: 1 converted, 1 converted with problems, 2 failed"),
        "{report}"
    );
    let mut written: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "2024-18.json",
            "2024-19-image-1.png",
            "2024-19-image-2.png",
            "2024-19.json"
        ]
    );

    // Again, into the same folder: the report says which issues it replaced.
    let (o, _) = bulletin(
        &[
            "convert",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &[],
    );
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        report.contains("a.pdf → 2024-18.json (replaced the one an earlier run wrote)"),
        "{report}"
    );
}

/// Whatever a budget misses ends in the reading child: an allocation past its memory (a
/// lowered limit here, so that an ordinary file needs more) or a file read past its time.
/// The file is named with the reason; in a folder run the other files are still written and
/// nothing temporary is left.
#[test]
fn what_a_budget_misses_ends_in_the_reading_child() {
    let tmp = tempfile::tempdir().unwrap();
    let bomb = hostile("lzw-bomb.pdf");
    let (o, _) = bulletin(
        &[
            "convert",
            bomb.to_str().unwrap(),
            "-o",
            tmp.path().join("x.json").to_str().unwrap(),
        ],
        &[("BULLETIN_MEMORY_LIMIT_MIB", "40")],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim_end(),
        format!(
            "{}: could not be read: reading it needed more than the 40 MiB of memory a file \
             may use",
            bomb.display()
        )
    );

    // 2,000 pages of text (five read, as lopdf lists them): seconds of work, over 1 s.
    let slow = hostile("shared-content-2000-pages.pdf");
    let (o, took) = bulletin(
        &["convert", slow.to_str().unwrap(), "--time-limit", "1"],
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).ends_with(
            "could not be read: reading it took longer than 1 s, the time limit (--time-limit)\n"
        ),
        "{}",
        stderr(&o)
    );
    assert!(took < Duration::from_secs(4), "{took:?}");

    let dir = tmp.path().join("in");
    let out = tmp.path().join("out");
    fs::create_dir(&dir).unwrap();
    fs::copy(&bomb, dir.join("bomb.pdf")).unwrap();
    fs::copy(
        root().join("tests/fixtures/import/image/lianluo-dongtai-2024-19.docx"),
        dir.join("good.docx"),
    )
    .unwrap();
    let (o, _) = bulletin(
        &[
            "convert",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &[("BULLETIN_MEMORY_LIMIT_MIB", "40")],
    );
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(1), "{report}");
    assert!(
        report.contains(
            "failed     bomb.pdf: could not be read: reading it needed more than the 40 MiB"
        ),
        "{report}"
    );
    assert!(report.contains("good.docx → 2024-19.json"), "{report}");
    let left: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part") || n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Links that lead nowhere or in a loop, named pipes: listed as skipped with the reason, and
/// the run goes on (a pipe is not opened, so nothing waits for a writer).
#[cfg(unix)]
#[test]
fn entries_that_are_not_files_are_listed_as_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    fs::create_dir(&dir).unwrap();
    fs::copy(root().join(common::SEED_PDF), dir.join("a.pdf")).unwrap();
    std::os::unix::fs::symlink("loop.docx", dir.join("loop.docx")).unwrap();
    std::os::unix::fs::symlink("nowhere.pdf", dir.join("dangling.pdf")).unwrap();
    std::os::unix::fs::symlink("a.pdf", dir.join("link.pdf")).unwrap();
    let fifo = std::ffi::CString::new(dir.join("pipe.pdf").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let out = tmp.path().join("out");
    let (o, took) = bulletin(
        &[
            "convert",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &[],
    );
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(took < Duration::from_secs(20));
    assert!(
        report.contains("skipped    dangling.pdf: a link that leads nowhere"),
        "{report}"
    );
    assert!(
        report.contains("skipped    loop.docx: a link in a loop"),
        "{report}"
    );
    assert!(
        report.contains("skipped    pipe.pdf: a named pipe (FIFO), not a file"),
        "{report}"
    );
    // A link to a file is that file (the same issue twice: the second gets -2).
    assert!(
        report.contains("converted  a.pdf → 2024-18.json"),
        "{report}"
    );
    assert!(report.contains("link.pdf → 2024-18-2.json"), "{report}");
    assert!(
        report.contains("5 files: 1 converted, 1 converted with problems, 0 failed, 3 skipped"),
        "{report}"
    );
    assert!(Path::new(&out.join("2024-18.json")).exists());
}

/// A PDF of one page with `filler` between the header and the first object.
fn pdf_with(filler: &[u8]) -> Vec<u8> {
    let objects: [&[u8]; 5] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length 46 >>\nstream\nBT /F1 18 Tf 72 760 Td (Gongzuo Jianbao) Tj ET\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    out.extend_from_slice(filler);
    let mut offsets = Vec::new();
    for (n, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

/// Millions of empty `stream … endstream` pairs (60 MB): checked in one pass, in seconds.
#[test]
fn millions_of_empty_streams_are_checked_in_one_pass() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("pairs.pdf");
    fs::write(&file, pdf_with(&b"stream\nendstream\n".repeat(3_500_000))).unwrap();
    let (o, took) = bulletin(&["convert", file.to_str().unwrap(), "--text"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Gongzuo Jianbao"));
    assert!(took < Duration::from_secs(10), "{took:?}");
}
