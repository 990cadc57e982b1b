//! The `bulletin` command as a user runs it: output, messages and exit status.

use std::fs;
use std::process::Output;

mod common;
use common::{
    bulletin, bulletin_command, root, stderr, SEED, SEED_DOCX, SEED_FILE, SEED_JSON, SEED_NAME,
    SEED_PDF, SEED_TEXT, SEED_TXT,
};

#[test]
fn convert_writes_the_bundled_issue() {
    let o = bulletin(&["convert", SEED_TXT]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bundled = SEED.to_string();
    assert_eq!(String::from_utf8(o.stdout).unwrap(), bundled);
}

#[test]
fn convert_to_a_file() {
    let tmp_out = tempfile::tempdir().unwrap();
    let out = tmp_out.path().join("bulletin-cli.json");
    let o = bulletin(&["convert", SEED_TXT, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let written = fs::read_to_string(&out).unwrap();
    assert!(written.contains("\"title\": \"联络动态\""));
}

#[test]
fn convert_reports_the_line_it_cannot_read() {
    // A draft: written with -o, each missing part said with its line, exit 1.
    let file = "tests/fixtures/convert/draft-no-issue-line/input.txt";
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("draft.json");
    let o = bulletin(&["convert", file, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!(
            "{file}: converted issue: line 1: the masthead has no issue number (第 N 期); fill it in\n"
        )),
        "{err}"
    );
    assert!(err.contains("as a draft"), "{err}");
    // Said once, not again by validation.
    assert_eq!(err.matches("masthead.issue").count(), 0, "{err}");
    let draft = fs::read_to_string(&out).unwrap();
    assert!(draft.contains("\"label\": \"\""), "{draft}");
    // `validate` refuses the draft, naming the part.
    let o = bulletin(&["validate", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("masthead.issue: missing: this is a draft; fill it in"),
        "{}",
        stderr(&o)
    );
    // Not a bulletin at all: refused, with the line.
    let file = "tests/fixtures/convert/error-not-a-bulletin/input.txt";
    let o = bulletin(&["convert", file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(
        stderr(&o).starts_with(&format!("{file}:1: not a bulletin: no masthead")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn validate_lists_every_problem_with_its_path() {
    let tmp_bad = tempfile::tempdir().unwrap();
    let bad = tmp_bad.path().join("bulletin-cli-bad.json");
    let seed = SEED.to_string();
    let broken = seed
        .replacen("\"article\": \"a-2\"", "\"article\": \"a-3\"", 1)
        .replacen("\"iso\": \"2024-11-04\"", "\"iso\": \"2024-11-31\"", 1);
    fs::write(&bad, broken).unwrap();
    let o = bulletin(&["validate", SEED_JSON, bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        format!("{SEED_JSON}: valid (2 articles)\n")
    );
    let err = stderr(&o);
    let lines: Vec<&str> = err
        .lines()
        .map(|l| l.split_once(".json: ").unwrap().1)
        .collect();
    assert_eq!(
        lines,
        [
            "masthead.date.iso: \"2024-11-31\" is not a date in the form YYYY-MM-DD",
            "contents[1].article: no article with id \"a-3\"",
        ]
    );
}

#[test]
fn validate_reports_json_errors_with_path_and_line() {
    let o = bulletin(&["validate", SEED_TXT]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with(&format!(
            "{SEED_NAME}.txt: expected value (line 3, character 1)\n"
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_and_unreadable_files_exit_2() {
    let o = bulletin(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Usage:"));
    // An option a command does not take is named, not ignored.
    for args in [
        &["validate", "-o", "x.json", SEED_JSON][..],
        &["render", SEED_JSON, "--out", "dir"],
        &["render", SEED_JSON, "--src", "x.json"],
        &["feed", "www/issues", "--fragment"],
        &["convert", SEED_TXT, "--out", "dir"],
    ] {
        let o = bulletin(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        let said = stderr(&o);
        assert!(
            ["-o", "--out", "--fragment"]
                .iter()
                .any(|a| said.contains(a)),
            "{args:?}: {said}"
        );
    }
    // Each command has its own help.
    for command in ["convert", "validate", "render", "feed", "schema"] {
        let o = bulletin(&[command, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{command}");
        let help = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(
            help.contains(&format!("Usage: bulletin {command}")),
            "{help}"
        );
    }
    let o = bulletin(&["convert", "no/such/file.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("no/such/file.txt: cannot read"),
        "{}",
        stderr(&o)
    );
    let o = bulletin(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        help.contains("bulletin convert FILE [-o FILE.json]"),
        "{help}"
    );
    assert!(help.contains("bulletin convert DIR --out DIR"), "{help}");
    // The version a release carries (Cargo.toml's), for a webmaster to tell which one runs.
    let o = bulletin(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        format!("bulletin {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_shipped_schema_is_the_generated_one() {
    let o = bulletin(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let shipped = fs::read_to_string(root().join("www/schema/issue.schema.json")).unwrap();
    assert!(
        String::from_utf8(o.stdout).unwrap() == shipped,
        "www/schema/issue.schema.json is stale: run `cargo run --features cli -- schema -o www/schema/issue.schema.json`"
    );
}

#[test]
fn validate_reports_every_faulty_part_not_only_the_first() {
    let tmp_bad = tempfile::tempdir().unwrap();
    let bad = tmp_bad.path().join("bulletin-cli-parts.json");
    let seed = SEED.to_string();
    let broken = seed
        .replacen("\"article\": \"a-1\"", "\"article\": 1", 1)
        .replacen("\"editor\": \"汤建\"", "\"editor\": 7", 1);
    fs::write(&bad, broken).unwrap();
    let o = bulletin(&["validate", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let paths: Vec<&str> = err
        .lines()
        .map(|l| {
            l.split_once(".json: ")
                .unwrap()
                .1
                .split(':')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(paths, ["contents[0].article", "footer.editor"], "{err}");
}

/// The compatibility rule (README “Release”): a viewer reads past a field a newer `bulletin`
/// wrote, but `validate` stays strict and names it.
#[test]
fn validate_names_unknown_fields_the_viewer_reads_past() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("newer.json");
    let seed = SEED.to_string();
    let newer = seed
        .replacen(
            "\"schema_version\": 1,",
            "\"schema_version\": 1, \"lang\": \"zh-CN\",",
            1,
        )
        .replacen("\"id\": \"a-2\",", "\"id\": \"a-2\", \"tags\": [],", 1);
    fs::write(&file, newer).unwrap();
    let o = bulletin(&["validate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].contains("newer.json: lang: unknown field `lang`"),
        "{err}"
    );
    assert!(
        lines[1].contains("articles[1].tags: unknown field `tags`"),
        "{err}"
    );
    assert!(lines.iter().all(|l| l.ends_with("; ignored")), "{err}");
}

#[test]
fn the_bundled_feed_is_what_feed_makes_of_the_bundled_issues() {
    // The issues alone, in a folder of their own: the feed and its search index made there
    // are the shipped ones, byte for byte.
    let tmp = tempfile::tempdir().unwrap();
    let issues = root().join("www/issues");
    for entry in fs::read_dir(&issues).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") && name != "feed.json" {
            fs::copy(entry.path(), tmp.path().join(&name)).unwrap();
        }
    }
    let dir = tmp.path().to_string_lossy().into_owned();
    let out = tmp.path().join("feed.json").to_string_lossy().into_owned();
    let o = bulletin(&["feed", &dir, "-o", &out]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let stale = "www/issues/feed.json or www/issues/search/ is stale: run \
                 `cargo run --features cli -- feed www/issues -o www/issues/feed.json`";
    let shipped = fs::read_to_string(issues.join("feed.json")).unwrap();
    assert!(fs::read_to_string(&out).unwrap() == shipped, "{stale}");
    let names = |d: &std::path::Path| {
        let mut v: Vec<(String, Vec<u8>)> = fs::read_dir(d)
            .unwrap()
            .flatten()
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert!(
        names(&tmp.path().join("search")) == names(&issues.join("search")),
        "{stale}"
    );
    let feed = bulletin::model::parse_feed(&shipped).unwrap();
    let labels: Vec<&str> = feed.issues.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(labels, ["第18期", "第17期", "第16期"], "newest first");
    assert!(bulletin::model::validate_feed(&feed).is_empty());
    let o = bulletin(&["schema", "--feed"]);
    let schema = fs::read_to_string(root().join("www/schema/feed.schema.json")).unwrap();
    assert!(
        String::from_utf8_lossy(&o.stdout) == schema,
        "www/schema/feed.schema.json is stale"
    );
}

#[test]
fn feed_refuses_a_folder_with_an_invalid_issue() {
    let tmp_dir = tempfile::tempdir().unwrap();
    let dir = tmp_dir.path().join("bulletin-feed");
    fs::create_dir_all(&dir).unwrap();
    let seed = SEED.to_string();
    fs::write(dir.join("good.json"), &seed).unwrap();
    fs::write(
        dir.join("bad.json"),
        seed.replacen("\"iso\": \"2024-11-04\"", "\"iso\": \"2024-13-04\"", 1),
    )
    .unwrap();
    let o = bulletin(&["feed", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("bad.json: masthead.date.iso"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn render_feed_writes_a_page_per_issue_and_an_index() {
    let tmp_out = tempfile::tempdir().unwrap();
    let out = tmp_out.path().join("bulletin-archive");
    let o = bulletin(&[
        "render",
        "--feed",
        "www/issues/feed.json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut files: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "index.html",
            "lianluo-dongtai-2024-16-sample.html",
            "lianluo-dongtai-2024-17-sample.html",
            &format!("{SEED_NAME}.html")
        ]
    );
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    for page in &files[1..] {
        assert!(
            index.contains(&format!("href=\"{page}\"")),
            "index links {page}"
        );
    }
    let tmp_again = tempfile::tempdir().unwrap();
    let again = tmp_again.path().join("bulletin-archive-2");
    bulletin(&[
        "render",
        "--feed",
        "www/issues/feed.json",
        "--out",
        again.to_str().unwrap(),
    ]);
    for f in &files {
        assert_eq!(
            fs::read(out.join(f)).unwrap(),
            fs::read(again.join(f)).unwrap(),
            "{f} is deterministic"
        );
    }
}

/// The archive reads the files the feed's relative URLs lead to (as the viewer would fetch
/// them), never an absolute path or another site's URL.
#[test]
fn the_archive_reads_only_files_at_relative_paths() {
    let tmp_dir = tempfile::tempdir().unwrap();
    let dir = tmp_dir.path().join("bulletin-feed-escape");
    fs::create_dir_all(&dir).unwrap();
    let feed = fs::read_to_string(root().join("www/issues/feed.json")).unwrap();
    let feed_file = dir.join("feed.json");
    for url in ["/etc/secret.json", "https://example.org/x.json"] {
        fs::write(
            &feed_file,
            feed.replacen(
                &format!("\"url\": \"{SEED_FILE}\""),
                &format!("\"url\": \"{url}\""),
                1,
            ),
        )
        .unwrap();
        let o = bulletin(&[
            "render",
            "--feed",
            feed_file.to_str().unwrap(),
            "--out",
            dir.join("out").to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{url}");
        assert!(
            stderr(&o).contains(&format!(
                "issues[0].url: \"{url}\" is not the relative path of a file"
            )),
            "{}",
            stderr(&o)
        );
        assert!(!dir.join("out").exists());
    }
}

const IMPORT: &str = "tests/fixtures/import";

fn run_in(dir: &std::path::Path, args: &[&str]) -> Output {
    bulletin_command(args).current_dir(dir).output().unwrap()
}

#[test]
fn convert_reads_pdf_and_word_files_by_their_content() {
    let bundled = SEED.to_string();
    for file in [SEED_DOCX, SEED_PDF] {
        let o = bulletin(&["convert", file]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        assert!(String::from_utf8(o.stdout).unwrap() == bundled, "{file}");
    }
    // Recognised by content, not by name: a PDF named .txt is read as a PDF; a legacy Word
    // file named .wps gets the same advice as a .doc.
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("issue.txt");
    fs::copy(root().join(SEED_PDF), &pdf).unwrap();
    let o = bulletin(&["convert", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let wps = tmp.path().join("old.wps");
    fs::copy(root().join(IMPORT).join("bad/legacy-word.doc"), &wps).unwrap();
    let o = bulletin(&["convert", wps.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("old.wps: a legacy Word (.doc) or WPS (.wps) file"),
        "{}",
        stderr(&o)
    );
    // Where a Word file is not a bulletin: the paragraph; in a PDF: page and line.
    let o = bulletin(&[
        "convert",
        "tests/fixtures/import/not-a-bulletin/tongzhi.pdf",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "tests/fixtures/import/not-a-bulletin/tongzhi.pdf: page 1, line 1: not a bulletin: no masthead (issue number, date or compiling organ under the title) and no article heading; a notice or a letter is not converted\n"
    );
    // The text form a PDF is read as, to correct by hand.
    let o = bulletin(&["convert", SEED_PDF, "--text"]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.starts_with("<!-- bulletin: paragraphs end at blank lines -->\n# 联络动态\n"),
        "{text}"
    );
    assert!(text.contains("\n## 要目\n"), "{text}");
    // Converted again, the text gives the same issue.
    let tmp = tempfile::tempdir().unwrap();
    let txt = tmp.path().join("issue.txt");
    fs::write(&txt, &text).unwrap();
    let o = bulletin(&["convert", txt.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), SEED.to_string());
}

#[test]
fn images_are_written_beside_the_issue() {
    let tmp = tempfile::tempdir().unwrap();
    let json = tmp.path().join("issue.json");
    let docx = root()
        .join(IMPORT)
        .join("image/lianluo-dongtai-2024-19.docx");
    let o = bulletin(&[
        "convert",
        docx.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
    ]);
    // Written, with the missing description reported: status 1 says it needs fixing.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).ends_with("converted issue: articles[0].blocks[3].alt: must not be empty\n"),
        "{}",
        stderr(&o)
    );
    let issue = fs::read_to_string(&json).unwrap();
    assert!(issue.contains("\"src\": \"issue-image-1.png\""), "{issue}");
    assert!(issue.contains("\"src\": \"issue-image-2.png\""), "{issue}");
    for name in ["issue-image-1.png", "issue-image-2.png"] {
        let png = fs::read(tmp.path().join(name)).unwrap();
        assert!(png.starts_with(b"\x89PNG"), "{name}");
    }
    // Without -o there is nowhere to put them: a usage error that says so.
    let o = bulletin(&["convert", docx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("has pictures (2)"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn a_folder_of_mixed_files_converts_with_a_report() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    fs::create_dir(&archive).unwrap();
    let copies = [
        (SEED_DOCX, "2024-18期.docx"),
        (SEED_PDF, "2024-18期（门户网站）.pdf"),
        ("tests/fixtures/import/special/zengkan-2.pdf", "增刊2.PDF"),
        (
            "tests/fixtures/import/table/lianluo-dongtai-2024-20.docx",
            "20.docx",
        ),
        (
            "tests/fixtures/import/image/lianluo-dongtai-2024-19.docx",
            "19.docx",
        ),
        ("tests/fixtures/import/bad/scanned.pdf", "扫描件.pdf"),
        ("tests/fixtures/import/bad/legacy-word.doc", "旧稿.doc"),
    ];
    for (from, to) in copies {
        fs::copy(root().join(from), archive.join(to)).unwrap();
    }
    fs::copy(
        root().join("tests/fixtures/samples/lianluo-dongtai-2024-17-sample.txt"),
        archive.join("17.txt"),
    )
    .unwrap();
    fs::write(archive.join("说明.md"), "not an issue").unwrap();

    // Without OCR: the scan is refused, said as such (tests/ocr.rs converts scans).
    let o = run_in(
        tmp.path(),
        &["convert", "archive", "--out", "json", "--ocr", "never"],
    );
    let report = String::from_utf8(o.stdout.clone()).unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "a file failed: {report}{}",
        stderr(&o)
    );
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(
        lines,
        [
            "converted  17.txt → 2024-17.json",
            "problems   19.docx → 2024-19.json",
            "             articles[0].blocks[3].alt: must not be empty",
            "converted  20.docx → 2024-20.json",
            "converted  2024-18期.docx → 2024-18.json",
            "problems   2024-18期（门户网站）.pdf → 2024-18-2.json",
            "             another file of this folder is also 2024-18; written as 2024-18-2.json",
            "converted  增刊2.PDF → 2024-zengkan-2.json",
            "failed     扫描件.pdf: page 1 has no text layer (a scan or a picture of the page): it needs OCR, and --ocr never was given: convert it with --ocr auto",
            "failed     旧稿.doc: a legacy Word (.doc) or WPS (.wps) file, or a password-protected document: open it in Word or WPS and save it as .docx (Word 2007 and later), without a password",
            "",
            "8 files: 4 converted, 2 converted with problems, 2 failed",
            "next: bulletin feed json -o json/feed.json",
        ],
        "{report}"
    );
    let out = tmp.path().join("json");
    let mut written: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "2024-17.json",
            "2024-18-2.json",
            "2024-18.json",
            "2024-19-image-1.png",
            "2024-19-image-2.png",
            "2024-19.json",
            "2024-20.json",
            "2024-zengkan-2.json",
        ]
    );
    assert_eq!(
        fs::read_to_string(out.join("2024-18.json")).unwrap(),
        SEED.to_string()
    );
    // The feed of the folder refuses the issue whose picture has no description, naming it;
    // without it, the feed lists the others, newest first.
    let o = run_in(tmp.path(), &["feed", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("2024-19.json: articles[0].blocks[3].alt: must not be empty"),
        "{}",
        stderr(&o)
    );
    fs::remove_file(out.join("2024-19.json")).unwrap();
    let o = run_in(tmp.path(), &["feed", "json", "-o", "json/feed.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let feed = fs::read_to_string(out.join("feed.json")).unwrap();
    let order: Vec<usize> = [
        "2024-zengkan-2.json",
        "2024-20.json",
        "2024-18",
        "2024-17.json",
    ]
    .iter()
    .map(|u| feed.find(u).unwrap_or_else(|| panic!("{u} in {feed}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{feed}");
}

#[test]
fn a_file_that_cannot_be_written_fails_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    fs::create_dir(&archive).unwrap();
    for (from, to) in [
        ("image/lianluo-dongtai-2024-19.docx", "19.docx"),
        ("table/lianluo-dongtai-2024-20.docx", "20.docx"),
    ] {
        fs::copy(root().join(IMPORT).join(from), archive.join(to)).unwrap();
    }
    // Something already stands where the issue would go.
    fs::create_dir_all(tmp.path().join("json/2024-19.json")).unwrap();
    let o = run_in(tmp.path(), &["convert", "archive", "--out", "json"]);
    let report = String::from_utf8(o.stdout.clone()).unwrap();
    assert_eq!(o.status.code(), Some(1), "{report}{}", stderr(&o));
    assert!(
        report.starts_with("failed     19.docx: cannot write json/2024-19.json: "),
        "{report}"
    );
    assert!(
        report.contains("\nconverted  20.docx → 2024-20.json\n"),
        "{report}"
    );
    assert!(
        report.contains("2 files: 1 converted, 0 converted with problems, 1 failed"),
        "{report}"
    );
    // Nothing half-made is left: no temporary files, no pictures without their issue.
    let mut left: Vec<String> = fs::read_dir(tmp.path().join("json"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["2024-19.json", "2024-20.json"]);
}

/// On a terminal, a folder's conversion shows a progress line (and finishes: the workers
/// never write to the standard error the command holds).
#[cfg(unix)]
#[test]
fn a_progress_line_on_a_terminal() {
    use std::io::Read;
    use std::os::fd::FromRawFd;
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    fs::create_dir(&archive).unwrap();
    for (from, to) in [
        ("special/zengkan-2.docx", "a.docx"),
        ("table/lianluo-dongtai-2024-20.docx", "b.docx"),
        ("bad/scanned.pdf", "c.pdf"),
    ] {
        fs::copy(root().join(IMPORT).join(from), archive.join(to)).unwrap();
    }
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two descriptors it opened; each is owned by one File below.
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(opened, 0);
    let (mut terminal, stderr) =
        unsafe { (fs::File::from_raw_fd(master), fs::File::from_raw_fd(slave)) };
    let mut child = bulletin_command(["convert", "archive", "--out", "json", "--ocr", "never"])
        .current_dir(tmp.path())
        .stdout(std::process::Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        // Ends when the command closes the terminal (EIO on Linux).
        while let Ok(n) = terminal.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
        }
        String::from_utf8_lossy(&seen).into_owned()
    });
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("convert did not finish with a terminal on standard error");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(1), "c.pdf fails");
    let shown = reader.join().unwrap();
    for n in 1..=3 {
        assert!(shown.contains(&format!("[{n}/3] ")), "{shown:?}");
    }
    // The line is cleared at the end, before the report.
    assert!(shown.ends_with("\r\x1b[2K"), "{shown:?}");
}

/// A byte-order mark before the JSON (as Windows editors save it) is read everywhere, as the
/// viewer reads it: validate, feed, render and render --feed.
#[test]
fn json_with_a_byte_order_mark_is_read_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let issues = tmp.path().join("issues");
    fs::create_dir(&issues).unwrap();
    let seed = SEED.to_string();
    let sample =
        fs::read_to_string(root().join("www/issues/lianluo-dongtai-2024-17-sample.json")).unwrap();
    fs::write(issues.join("18.json"), format!("\u{feff}{seed}")).unwrap();
    fs::write(issues.join("17.json"), &sample).unwrap();

    let o = run_in(tmp.path(), &["validate", "issues/18.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "issues/18.json: valid (2 articles)\n"
    );
    let o = run_in(tmp.path(), &["render", "issues/18.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("联络动态"));

    let o = run_in(tmp.path(), &["feed", "issues"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let feed = String::from_utf8(o.stdout).unwrap();
    assert!(feed.contains("\"url\": \"18.json\""), "{feed}");
    assert!(feed.contains("\"url\": \"17.json\""), "{feed}");
    fs::write(issues.join("feed.json"), format!("\u{feff}{feed}")).unwrap();
    let o = run_in(
        tmp.path(),
        &["render", "--feed", "issues/feed.json", "--out", "archive"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(tmp.path().join("archive/18.html").is_file());
    assert!(tmp.path().join("archive/17.html").is_file());
}

/// Text saved in GB18030 (GBK) or UTF-16 converts as its UTF-8 form does, with a note saying
/// which encoding was read; in a folder, the report says it. Neither UTF-8 nor GB18030:
/// refused, naming the file.
#[test]
fn convert_reads_gb18030_and_utf16_text_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = SEED_TEXT.to_string();
    let bundled = SEED.to_string();
    let windows = seed.replace('\n', "\r\n");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&windows);
    assert!(!unmappable);
    let utf16: Vec<u8> = std::iter::once(0xFEFF)
        .chain(windows.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    let archive = tmp.path().join("archive");
    fs::create_dir(&archive).unwrap();
    fs::write(archive.join("gbk.txt"), &gbk).unwrap();
    fs::write(tmp.path().join("unicode.txt"), &utf16).unwrap();
    for (file, encoding) in [("archive/gbk.txt", "GB18030"), ("unicode.txt", "UTF-16LE")] {
        let o = run_in(tmp.path(), &["convert", file]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        assert!(String::from_utf8_lossy(&o.stdout) == bundled, "{file}");
        assert_eq!(
            stderr(&o),
            format!("{file}: read as {encoding} text (not UTF-8)\n")
        );
        // The text form comes out as UTF-8 with LF line ends.
        let o = run_in(tmp.path(), &["convert", file, "--text"]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        assert_eq!(String::from_utf8(o.stdout).unwrap(), seed, "{file}");
    }
    let o = run_in(tmp.path(), &["convert", "archive", "--out", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .starts_with("converted  gbk.txt → 2024-18.json (read as GB18030)\n"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    fs::write(tmp.path().join("mixed.txt"), b"# \xe8\x81\x94\xff\n").unwrap();
    let o = run_in(tmp.path(), &["convert", "mixed.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("mixed.txt: neither UTF-8 nor GB18030 (GBK) text"),
        "{}",
        stderr(&o)
    );
}

/// A feed's issue URLs are relative to the feed file, wherever -o puts it (in the folder, a
/// sibling, a subfolder, the parent), so that the viewer and `render --feed` find the issues;
/// on standard output they are the file names, for a feed kept in the folder.
#[test]
fn feed_urls_are_relative_to_the_feed_file() {
    let tmp = tempfile::tempdir().unwrap();
    let issues = tmp.path().join("site/issues");
    fs::create_dir_all(&issues).unwrap();
    fs::create_dir_all(tmp.path().join("site/feeds/all")).unwrap();
    for name in [SEED_FILE, "lianluo-dongtai-2024-17-sample.json"] {
        fs::copy(root().join("www/issues").join(name), issues.join(name)).unwrap();
    }
    for (output, prefix) in [
        ("site/issues/feed.json", ""),
        ("site/feeds/feed.json", "../issues/"),
        ("site/issues/all/feed.json", "../"),
        ("site/feeds/all/feed.json", "../../issues/"),
        ("site/feed.json", "issues/"),
    ] {
        if let Some(parent) = std::path::Path::new(output).parent() {
            fs::create_dir_all(tmp.path().join(parent)).unwrap();
        }
        let o = run_in(tmp.path(), &["feed", "site/issues", "-o", output]);
        assert_eq!(o.status.code(), Some(0), "{output}: {}", stderr(&o));
        let feed = fs::read_to_string(tmp.path().join(output)).unwrap();
        let url = format!("\"url\": \"{prefix}{SEED_FILE}\"");
        assert!(feed.contains(&url), "{output}: {feed}");
        let o = run_in(
            tmp.path(),
            &["render", "--feed", output, "--out", "archive"],
        );
        assert_eq!(o.status.code(), Some(0), "{output}: {}", stderr(&o));
        assert!(tmp
            .path()
            .join(format!("archive/{SEED_NAME}.html"))
            .is_file());
        fs::remove_dir_all(tmp.path().join("archive")).unwrap();
    }
    // Given by an absolute path, or from inside the folder: the same URLs.
    let o = run_in(
        &issues,
        &[
            "feed",
            ".",
            "-o",
            tmp.path().join("site/feeds/feed.json").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let feed = fs::read_to_string(tmp.path().join("site/feeds/feed.json")).unwrap();
    assert!(
        feed.contains(&format!("\"url\": \"../issues/{SEED_FILE}\"")),
        "{feed}"
    );
    // Standard output: the names, as for a feed in the folder (`> site/issues/feed.json`).
    let o = run_in(tmp.path(), &["feed", "site/issues"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains(&format!("\"url\": \"{SEED_FILE}\"")),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

/// A folder without issues has no feed, and an empty feed no archive: the viewer refuses an
/// empty feed.
#[test]
fn an_empty_folder_makes_no_feed_and_an_empty_feed_no_archive() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("issues")).unwrap();
    fs::write(tmp.path().join("issues/notes.txt"), "not an issue").unwrap();
    let o = run_in(tmp.path(), &["feed", "issues", "-o", "issues/feed.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert_eq!(
        stderr(&o),
        "bulletin: issues has no issue files (*.json besides feed.json); a feed lists at least one issue\n"
    );
    assert!(!tmp.path().join("issues/feed.json").exists());
    // Nor does an empty feed make an archive.
    fs::write(
        tmp.path().join("feed.json"),
        "{\"schema_version\": 1, \"title\": \"联络动态\", \"issues\": []}",
    )
    .unwrap();
    let o = run_in(
        tmp.path(),
        &["render", "--feed", "feed.json", "--out", "archive"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stderr(&o), "feed.json: issues: the feed lists no issues\n");
    assert!(!tmp.path().join("archive").exists());
}

/// Every file the commands cannot read or write is named, with what was being done and the
/// system's reason (exit status 2) — never the reason alone.
#[test]
fn io_errors_name_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_str().unwrap();
    // Something that is a file where a folder is needed.
    fs::write(tmp.path().join("file"), "").unwrap();
    let seed = SEED_TXT;
    let issue = SEED_JSON;
    let pictures = "tests/fixtures/import/image/lianluo-dongtai-2024-19.docx";
    let missing = format!("{dir}/no/such");
    let under_file = format!("{dir}/file");
    let cases: Vec<(Vec<String>, String, &str)> = vec![
        (
            vec![
                "convert".into(),
                seed.into(),
                "-o".into(),
                format!("{missing}/x.json"),
            ],
            format!("{missing}/x.json: cannot write"),
            "No such file or directory",
        ),
        (
            vec![
                "convert".into(),
                seed.into(),
                "--text".into(),
                "-o".into(),
                format!("{missing}/x.txt"),
            ],
            format!("{missing}/x.txt: cannot write"),
            "No such file or directory",
        ),
        (
            vec![
                "convert".into(),
                pictures.into(),
                "-o".into(),
                format!("{missing}/x.json"),
            ],
            format!("{missing}/x-image-1.png: cannot write"),
            "No such file or directory",
        ),
        (
            vec![
                "convert".into(),
                "tests/fixtures/import/image".into(),
                "--out".into(),
                format!("{under_file}/json"),
            ],
            format!("{under_file}/json: cannot create the folder"),
            "Not a directory",
        ),
        (
            vec!["convert".into(), format!("{missing}.txt")],
            format!("{missing}.txt: cannot read"),
            "No such file or directory",
        ),
        (
            vec!["validate".into(), format!("{missing}.json")],
            format!("{missing}.json: cannot read"),
            "No such file or directory",
        ),
        (
            vec![
                "render".into(),
                issue.into(),
                "-o".into(),
                format!("{missing}/x.html"),
            ],
            format!("{missing}/x.html: cannot write"),
            "No such file or directory",
        ),
        (
            vec![
                "render".into(),
                "--feed".into(),
                "www/issues/feed.json".into(),
                "--out".into(),
                format!("{under_file}/archive"),
            ],
            format!("{under_file}/archive: cannot create the folder"),
            "Not a directory",
        ),
        (
            vec![
                "render".into(),
                "--feed".into(),
                format!("{missing}.json"),
                "--out".into(),
                format!("{dir}/archive"),
            ],
            format!("{missing}.json: cannot read"),
            "No such file or directory",
        ),
        (
            vec!["feed".into(), seed.into()],
            format!("{seed}: cannot read the folder"),
            "Not a directory",
        ),
        (
            vec![
                "feed".into(),
                "www/issues".into(),
                "-o".into(),
                format!("{missing}/feed.json"),
            ],
            format!("{missing}/feed.json: cannot write"),
            "No such file or directory",
        ),
        (
            vec!["schema".into(), "-o".into(), format!("{missing}/s.json")],
            format!("{missing}/s.json: cannot write"),
            "No such file or directory",
        ),
    ];
    for (args, names, reason) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = bulletin(&args);
        let said = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {said}");
        assert!(said.contains(&names), "{args:?}: {said}");
        assert!(said.contains(reason), "{args:?}: {said}");
        assert_eq!(said.lines().count(), 1, "{args:?}: {said}");
    }
    // A page of the archive that cannot be written (a folder stands in its place).
    let out = tmp.path().join("archive");
    fs::create_dir_all(out.join(format!("{SEED_NAME}.html"))).unwrap();
    let o = bulletin(&[
        "render",
        "--feed",
        "www/issues/feed.json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("{}/{SEED_NAME}.html: cannot write", out.display())),
        "{}",
        stderr(&o)
    );
    // Standard output that cannot be written.
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = bulletin_command(["schema"]).stdout(full).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("standard output: cannot write: No space left on device"),
        "{}",
        stderr(&o)
    );
}

/// Issue and feed JSON are read up to what the viewer reads (5,000,000 bytes by default):
/// a larger file is refused, naming the file and the limit, before it is read.
#[test]
fn json_larger_than_the_viewer_reads_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = SEED.to_string();
    let padded = |size: usize| format!("{seed}{}", " ".repeat(size - seed.len()));
    let issues = tmp.path().join("issues");
    fs::create_dir(&issues).unwrap();
    fs::write(issues.join("at.json"), padded(5_000_000)).unwrap();
    let o = run_in(tmp.path(), &["validate", "issues/at.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    fs::write(issues.join("over.json"), padded(5_000_001)).unwrap();
    let refused =
        "issues/over.json: cannot read: larger than 5,000,000 bytes, the most the viewer reads (its max-bytes)\n";
    for args in [
        &["validate", "issues/over.json"][..],
        &["render", "issues/over.json"],
        &["feed", "issues"],
    ] {
        let o = run_in(tmp.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o), refused, "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    let feed = fs::read_to_string(root().join("www/issues/feed.json")).unwrap();
    fs::write(
        issues.join("feed.json"),
        format!("{feed}{}", " ".repeat(5_000_001 - feed.len())),
    )
    .unwrap();
    let o = run_in(
        tmp.path(),
        &["render", "--feed", "issues/feed.json", "--out", "archive"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("issues/feed.json: cannot read: larger than 5,000,000 bytes"),
        "{}",
        stderr(&o)
    );
}

/// A device or a named pipe (which may never end, or wait for a writer for good) is refused at
/// once, not read.
#[cfg(unix)]
#[test]
fn devices_and_named_pipes_are_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("issue.pdf");
    let path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
    let fifo = fifo.to_str().unwrap();
    for (args, file) in [
        (&["validate", "/dev/zero"][..], "/dev/zero"),
        (&["render", "/dev/zero"], "/dev/zero"),
        (
            &["render", "--feed", "/dev/zero", "--out", "/nonexistent"],
            "/dev/zero",
        ),
        (&["convert", "/dev/zero"], "/dev/zero"),
        // Nobody writes into the pipe: reading it would wait for good.
        (&["convert", fifo], fifo),
        (&["validate", fifo], fifo),
    ] {
        let o = bulletin(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).starts_with(&format!("{file}: cannot read: not a regular file")),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

/// An issue converted into more JSON than the viewer reads is written (with -o) but reported,
/// exit status 1: `validate` and the viewer would refuse it.
#[test]
fn convert_reports_an_issue_too_large_for_the_viewer() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = SEED_TEXT.to_string();
    let masthead = &seed[..seed.find("## 要").unwrap()];
    let paragraph =
        "全省各级人大要坚持以习近平新时代中国特色社会主义思想为指导，推动基层人大工作高质量发展。"
            .repeat(10);
    let mut text = masthead.to_string();
    for n in 1..200 {
        text.push_str(&format!("## 第{n}篇文章的标题\n\n"));
        for _ in 0..20 {
            text.push_str(&paragraph);
            text.push_str("\n\n");
        }
    }
    fs::write(tmp.path().join("big.txt"), &text).unwrap();
    let o = run_in(tmp.path(), &["convert", "big.txt", "-o", "big.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let written = fs::metadata(tmp.path().join("big.json")).unwrap().len();
    assert!(written > 5_000_000, "{written}");
    assert!(
        stderr(&o).contains(&format!(
            "big.txt: converted issue: {written} bytes of JSON, more than the 5,000,000 the viewer reads (its max-bytes)\n"
        )),
        "{}",
        stderr(&o)
    );
    let o = run_in(tmp.path(), &["convert", "big.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    fs::create_dir(tmp.path().join("archive")).unwrap();
    fs::rename(
        tmp.path().join("big.txt"),
        tmp.path().join("archive/big.txt"),
    )
    .unwrap();
    let o = run_in(tmp.path(), &["convert", "archive", "--out", "json"]);
    let report = String::from_utf8_lossy(&o.stdout);
    assert!(
        report.contains("bytes of JSON, more than the 5,000,000 the viewer reads"),
        "{report}"
    );
    assert!(report.contains("1 converted with problems"), "{report}");
}

#[test]
fn an_inline_fragment_prints_the_hash_that_allows_its_stylesheet() {
    use base64::Engine;
    use sha2::Digest;
    let o = bulletin(&["render", SEED_JSON, "--fragment", "--inline-css"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = String::from_utf8(o.stdout.clone()).unwrap();
    let css = html
        .split_once("<style>")
        .and_then(|(_, rest)| rest.split_once("</style>"))
        .map(|(css, _)| css)
        .expect("a <style> in the fragment");
    assert!(!html.contains("<link"), "no stylesheet link");
    // The hash a browser computes over the <style> element's text, as CSP writes it.
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(css));
    let said = stderr(&o);
    assert!(
        said.contains(&format!("style-src 'sha256-{hash}'")),
        "{said}"
    );
    // --css and --inline-css are one or the other.
    let both = bulletin(&[
        "render",
        SEED_JSON,
        "--fragment",
        "--inline-css",
        "--css",
        "x.css",
    ]);
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
}

#[test]
fn feed_writes_its_search_index_beside_it_and_replaces_an_older_one() {
    let tmp = tempfile::tempdir().unwrap();
    let issues = tmp.path().join("issues");
    fs::create_dir(&issues).unwrap();
    for name in [SEED_FILE, "lianluo-dongtai-2024-17-sample.json"] {
        fs::copy(root().join("www/issues").join(name), issues.join(name)).unwrap();
    }
    // The feed in a folder of its own: the index goes beside it, and names issues as it does.
    let site = tmp.path().join("site");
    fs::create_dir(&site).unwrap();
    let o = run_in(tmp.path(), &["feed", "issues", "-o", "site/feed.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let feed =
        bulletin::model::parse_feed(&fs::read_to_string(site.join("feed.json")).unwrap()).unwrap();
    let search = feed.search.clone().expect("the feed names its index");
    assert!(search.starts_with("search/index-"), "{search}");
    let manifest =
        bulletin::index::parse_manifest(&fs::read_to_string(site.join(&search)).unwrap()).unwrap();
    let urls: Vec<&str> = manifest.issues.iter().map(|i| i.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            format!("../issues/{SEED_FILE}").as_str(),
            "../issues/lianluo-dongtai-2024-17-sample.json"
        ],
        "the feed's URLs, in its order"
    );
    for shard in &manifest.shards {
        assert!(site.join("search").join(shard).is_file(), "{shard}");
    }
    let first: Vec<String> = fs::read_dir(site.join("search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();

    // A third issue: a new index, the old one's files gone, anything else left alone (a file
    // another feed's index might have in the same folder too).
    fs::write(site.join("search/README.txt"), "kept").unwrap();
    fs::copy(
        site.join("search").join(&manifest.shards[0]),
        site.join("search/s0-00000000000000aa.json"),
    )
    .unwrap();
    fs::copy(
        root().join("www/issues/lianluo-dongtai-2024-16-sample.json"),
        issues.join("lianluo-dongtai-2024-16-sample.json"),
    )
    .unwrap();
    let o = run_in(tmp.path(), &["feed", "issues", "-o", "site/feed.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let feed =
        bulletin::model::parse_feed(&fs::read_to_string(site.join("feed.json")).unwrap()).unwrap();
    assert_ne!(feed.search.as_deref(), Some(search.as_str()));
    let now: Vec<String> = fs::read_dir(site.join("search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(now.contains(&"README.txt".to_string()));
    assert!(
        now.contains(&"s0-00000000000000aa.json".to_string()),
        "a file no index of this feed named"
    );
    assert!(
        !now.iter().any(|n| first.contains(n)),
        "{first:?} → {now:?}"
    );

    // --no-search: no index named; on standard output: none written.
    let o = run_in(
        tmp.path(),
        &["feed", "issues", "-o", "site/plain.json", "--no-search"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!fs::read_to_string(site.join("plain.json"))
        .unwrap()
        .contains("\"search\""));
    let o = run_in(tmp.path(), &["feed", "issues"]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("\"search\""));
    assert!(!issues.join("search").exists());

    // --documents: an article a line, for a search engine.
    let o = run_in(
        tmp.path(),
        &[
            "feed",
            "issues",
            "-o",
            "site/feed.json",
            "--documents",
            "site/articles.ndjson",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = fs::read_to_string(site.join("articles.ndjson")).unwrap();
    let lines: Vec<serde_json::Value> = docs
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2 + 2 + 1, "every article of the three issues");
    assert_eq!(lines[1]["id"], "2024-18/a-2");
    assert_eq!(lines[1]["label"], "第18期");
    assert_eq!(lines[1]["date"], "2024-11-04");
    assert!(lines[1]["title"].as_str().unwrap().contains("胡贺波"));
    assert!(lines[1]["text"].as_str().unwrap().len() > 1000);
}

#[test]
fn a_feed_with_an_unsafe_index_url_is_reported() {
    let mut feed = bulletin::model::parse_feed(
        &fs::read_to_string(root().join("www/issues/feed.json")).unwrap(),
    )
    .unwrap();
    feed.search = Some("javascript:alert(1)".into());
    let problems = bulletin::model::validate_feed(&feed);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "search");
}

/// Issue file names that mean something else in a URL (`#`, `?`, `%`, a backslash, a space)
/// are percent-encoded in the feed, so the viewer fetches the file of that name — `%41.json`
/// never opens `A.json` — and `render --feed` reads the same files back.
#[test]
fn feed_urls_name_their_files_whatever_the_names() {
    let tmp = tempfile::tempdir().unwrap();
    let issues = tmp.path().join("issues");
    fs::create_dir(&issues).unwrap();
    let names = [
        "a#b.json",
        "q?x=1.json",
        "%41.json",
        "A.json",
        "a\\b.json",
        "第 18 期.json",
    ];
    for (k, name) in names.iter().enumerate() {
        // Each its own issue (another number), so that the feed lists every file.
        let issue = common::SEED.replacen("\"number\": 18", &format!("\"number\": {}", 30 + k), 1);
        fs::write(issues.join(name), issue).unwrap();
    }
    let feed = tmp.path().join("feed.json");
    let o = bulletin(&[
        "feed",
        issues.to_str().unwrap(),
        "-o",
        feed.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&feed).unwrap()).unwrap();
    let urls: Vec<&str> = written["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["url"].as_str().unwrap())
        .collect();
    assert_eq!(urls.len(), names.len());
    for url in &urls {
        assert!(!url.contains(['#', '?', '\\', ' ']), "{url}");
        assert!(url.starts_with("issues/"), "{url}");
    }
    assert!(urls.contains(&"issues/%2541.json"), "{urls:?}");
    assert!(urls.contains(&"issues/A.json"), "{urls:?}");
    assert!(urls.contains(&"issues/a%23b.json"), "{urls:?}");
    assert!(urls.contains(&"issues/a%5Cb.json"), "{urls:?}");
    // Each URL, decoded as a web server decodes it, is one of the files.
    for url in &urls {
        let path = bulletin::render::path_of_url(url).unwrap();
        assert!(tmp.path().join(&path).is_file(), "{url} → {path}");
    }
    let out = tmp.path().join("archive");
    let o = bulletin(&[
        "render",
        "--feed",
        feed.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.join("%41.html").is_file() && out.join("A.html").is_file());

    // A name that is not UTF-8 cannot be a URL: refused, named, no feed written.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.json");
        fs::write(issues.join(latin1), common::SEED).unwrap();
        let again = tmp.path().join("again.json");
        let o = bulletin(&[
            "feed",
            issues.to_str().unwrap(),
            "-o",
            again.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("caf\u{FFFD}.json: the file's name (or its folder's) is not UTF-8"),
            "{}",
            stderr(&o)
        );
        assert!(!again.exists());
    }
}
