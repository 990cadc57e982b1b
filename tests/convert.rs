//! Converter tests: the seed issue converts exactly to the bundled issue JSON, and each repair
//! rule and error has a fixture in `tests/fixtures/convert/<case>/` (`input.txt`, and
//! `expected.json` or `expected-error.txt`). `UPDATE_GOLDEN=1 cargo test` rewrites the expected
//! files from the current output; review the diff before committing it.

use bulletin::convert::convert;
use bulletin::model::{to_json, validate};
use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::root;

fn check_golden(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create)",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs from the converter's output:\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

#[test]
fn seed_converts_to_the_bundled_issue() {
    let text =
        fs::read_to_string(root().join("tests/fixtures/seed/lianluo-dongtai-2024-18.txt")).unwrap();
    let issue = convert(&text).unwrap();
    assert_eq!(validate(&issue), vec![]);
    check_golden(
        &root().join("www/issues/lianluo-dongtai-2024-18.json"),
        &to_json(&issue),
    );
}

/// Windows (CRLF) and classic Mac (CR) line ends read as LF: the same issue, no CR left in
/// a field (a last line ending in a lone CR included), and errors on the same line.
#[test]
fn line_ends_of_every_system_read_the_same() {
    let text =
        fs::read_to_string(root().join("tests/fixtures/seed/lianluo-dongtai-2024-18.txt")).unwrap();
    let lf = to_json(&convert(&text).unwrap());
    for (name, variant) in [
        ("CRLF", text.replace('\n', "\r\n")),
        ("CR", text.replace('\n', "\r")),
        ("a last lone CR", format!("{text}\r")),
        ("CR, a last CR", format!("{}\r", text.replace('\n', "\r"))),
    ] {
        let got = to_json(&convert(&variant).unwrap_or_else(|e| panic!("{name}: {e}")));
        assert!(got == lf, "{name} reads differently:\n{got}");
    }
    let bad = "# 联络动态\r第 18 期\r这一行不是报头\r";
    assert_eq!(convert(bad).unwrap_err().line, 3);
}

#[test]
fn seed_repairs() {
    let text =
        fs::read_to_string(root().join("tests/fixtures/seed/lianluo-dongtai-2024-18.txt")).unwrap();
    let issue = convert(&text).unwrap();
    let m = &issue.masthead;
    assert_eq!(m.title, "联络动态");
    assert_eq!(m.issue.label, "第18期");
    assert_eq!(m.issue.number, Some(18));
    let cumulative = m.cumulative.as_ref().unwrap();
    assert_eq!(
        (cumulative.text.as_str(), cumulative.number),
        ("总第七百二十期", Some(720))
    );
    assert_eq!(m.organ, "湖南省人大常委会代表工作委员会编");
    assert_eq!(
        (m.date.iso.as_str(), m.date.display.as_str()),
        ("2024-11-04", "2024年11月4日")
    );

    let paragraphs = |i: usize| -> Vec<String> {
        issue.articles[i]
            .blocks
            .iter()
            .map(|b| match b {
                bulletin::model::Block::Paragraph { text } => text.clone(),
                other => panic!("unexpected block {other:?}"),
            })
            .collect()
    };
    let a1 = paragraphs(0);
    assert_eq!(a1.len(), 6, "the paragraph broken after 全 is joined");
    assert!(a1[2].contains("怎么干的问题。全省各级人大要充分认识"));
    assert!(a1[0].starts_with("10月31日，全省"));
    assert_eq!(issue.articles[0].source.as_deref(), Some("摘编自湖南日报"));
    let a2 = paragraphs(1);
    assert_eq!(
        a2.len(),
        4,
        "the paragraph broken before “指挥棒” is joined"
    );
    assert!(a2[1].ends_with("用好工作“指挥棒”，激活人大工作高质量发展新动能。"));
    assert!(a2[3].contains("督促县（市、区）选优"));
    assert_eq!(
        issue.articles[1].title,
        "湘潭市委书记胡贺波在全省基层人大工作推进会上的发言"
    );
    assert_eq!(
        issue.articles[1].source.as_deref(),
        Some("湘潭市委办公室、市人大常委会办公室供稿")
    );
    assert_eq!(issue.contents.len(), 2);
    assert_eq!(issue.contents[1].article, issue.articles[1].id);
    let f = &issue.footer;
    assert_eq!(f.distribution.len(), 1);
    assert_eq!(f.distribution[0].label, "送");
    assert!(f.distribution[0]
        .text
        .starts_with("全国人大常委会代表工作委员会，"));
    assert_eq!(f.editor.as_deref(), Some("汤建"));
    let contact = f.contact.as_ref().unwrap();
    assert_eq!(contact.phone.as_deref(), Some("0731-85309319"));
    assert_eq!(contact.email.as_deref(), Some("hnrldgwxrc@163.com"));
    assert_eq!(f.approval.as_deref(), Some("湘党简准字〔2000〕第28号"));
}

#[test]
fn fixtures() {
    let dir = root().join("tests/fixtures/convert");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "fixtures missing in {}", dir.display());
    for case in cases {
        let input = fs::read_to_string(case.join("input.txt")).unwrap();
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        match convert(&input) {
            Ok(issue) => {
                assert!(
                    !name.starts_with("error-"),
                    "{name}: expected an error, got {issue:#?}"
                );
                assert_eq!(
                    validate(&issue),
                    vec![],
                    "{name}: converted issue is invalid"
                );
                check_golden(&case.join("expected.json"), &to_json(&issue));
            }
            Err(e) => {
                assert!(name.starts_with("error-"), "{name}: unexpected error: {e}");
                check_golden(&case.join("expected-error.txt"), &format!("{e}\n"));
            }
        }
    }
}
