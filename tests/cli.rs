//! The `bulletin` command as a user runs it: output, messages and exit status.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bulletin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn convert_writes_the_bundled_issue() {
    let o = bulletin(&["convert", "tests/fixtures/seed/lianluo-dongtai-2024-18.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bundled =
        fs::read_to_string(root().join("www/issues/lianluo-dongtai-2024-18.json")).unwrap();
    assert_eq!(String::from_utf8(o.stdout).unwrap(), bundled);
}

#[test]
fn convert_to_a_file() {
    let out = std::env::temp_dir().join(format!("bulletin-cli-{}.json", std::process::id()));
    let o = bulletin(&[
        "convert",
        "tests/fixtures/seed/lianluo-dongtai-2024-18.txt",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let written = fs::read_to_string(&out).unwrap();
    fs::remove_file(&out).unwrap();
    assert!(written.contains("\"title\": \"联络动态\""));
}

#[test]
fn convert_reports_the_line_it_cannot_read() {
    let file = "tests/fixtures/convert/error-unknown-masthead-line/input.txt";
    let o = bulletin(&["convert", file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!(
            "{file}:4: \"这一行不是报头\" is not a masthead line"
        )),
        "{err}"
    );
}

#[test]
fn validate_lists_every_problem_with_its_path() {
    let bad = std::env::temp_dir().join(format!("bulletin-cli-bad-{}.json", std::process::id()));
    let seed = fs::read_to_string(root().join("www/issues/lianluo-dongtai-2024-18.json")).unwrap();
    let broken = seed
        .replacen("\"article\": \"a-2\"", "\"article\": \"a-3\"", 1)
        .replacen("\"iso\": \"2024-11-04\"", "\"iso\": \"2024-11-31\"", 1);
    fs::write(&bad, broken).unwrap();
    let o = bulletin(&[
        "validate",
        "www/issues/lianluo-dongtai-2024-18.json",
        bad.to_str().unwrap(),
    ]);
    fs::remove_file(&bad).unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "www/issues/lianluo-dongtai-2024-18.json: valid (2 articles)\n"
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
    let o = bulletin(&[
        "validate",
        "tests/fixtures/seed/lianluo-dongtai-2024-18.txt",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with("lianluo-dongtai-2024-18.txt: expected value (line 3, column 1)\n"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_and_unreadable_files_exit_2() {
    let o = bulletin(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("usage:"));
    let o = bulletin(&["convert", "no/such/file.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("no/such/file.txt: cannot read"),
        "{}",
        stderr(&o)
    );
    let o = bulletin(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("bulletin convert FILE.txt"));
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
    let bad = std::env::temp_dir().join(format!("bulletin-cli-parts-{}.json", std::process::id()));
    let seed = fs::read_to_string(root().join("www/issues/lianluo-dongtai-2024-18.json")).unwrap();
    let broken = seed
        .replacen("\"article\": \"a-1\"", "\"article\": 1", 1)
        .replacen("\"editor\": \"汤建\"", "\"editor\": 7", 1);
    fs::write(&bad, broken).unwrap();
    let o = bulletin(&["validate", bad.to_str().unwrap()]);
    fs::remove_file(&bad).unwrap();
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

#[test]
fn the_bundled_feed_is_what_feed_makes_of_the_bundled_issues() {
    let o = bulletin(&["feed", "www/issues"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let shipped = fs::read_to_string(root().join("www/issues/feed.json")).unwrap();
    assert!(
        String::from_utf8_lossy(&o.stdout) == shipped,
        "www/issues/feed.json is stale: run `cargo run --features cli -- feed www/issues -o www/issues/feed.json`"
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
    let dir = std::env::temp_dir().join(format!("bulletin-feed-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let seed = fs::read_to_string(root().join("www/issues/lianluo-dongtai-2024-18.json")).unwrap();
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
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn render_feed_writes_a_page_per_issue_and_an_index() {
    let out = std::env::temp_dir().join(format!("bulletin-archive-{}", std::process::id()));
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
            "lianluo-dongtai-2024-18.html"
        ]
    );
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    for page in &files[1..] {
        assert!(
            index.contains(&format!("href=\"{page}\"")),
            "index links {page}"
        );
    }
    let again = std::env::temp_dir().join(format!("bulletin-archive-2-{}", std::process::id()));
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
    fs::remove_dir_all(&out).unwrap();
    fs::remove_dir_all(&again).unwrap();
}

#[test]
fn the_archive_reads_only_files_in_the_feeds_folder() {
    let dir = std::env::temp_dir().join(format!("bulletin-feed-escape-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let feed = fs::read_to_string(root().join("www/issues/feed.json")).unwrap();
    let feed_file = dir.join("feed.json");
    fs::write(
        &feed_file,
        feed.replacen(
            "\"url\": \"lianluo-dongtai-2024-18.json\"",
            "\"url\": \"../secret.json\"",
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
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("issues[0].url: \"../secret.json\" is not a file in the feed's folder"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.join("out").exists());
    fs::remove_dir_all(&dir).unwrap();
}
