//! Converter tests: the seed issue converts exactly to the bundled issue JSON, and each repair
//! rule and error has a fixture in `tests/fixtures/convert/<case>/` (`input.txt`, and
//! `expected.json` or `expected-error.txt`). `UPDATE_GOLDEN=1 cargo test` rewrites the expected
//! files from the current output; review the diff before committing it.

use bulletin::convert::{convert, convert_logged, Repair, RepairKind};
use bulletin::model::{to_json, validate};
use std::fs;
use std::path::PathBuf;

mod common;
use common::{check_golden, root};

#[test]
fn seed_converts_to_the_bundled_issue() {
    let text =
        fs::read_to_string(root().join("tests/fixtures/seed/lianluo-dongtai-2024-18.txt")).unwrap();
    let converted = convert(&text).unwrap();
    assert_eq!(converted.gaps, vec![]);
    let issue = converted.issue;
    assert_eq!(validate(&issue), vec![]);
    check_golden(common::SEED_JSON, &to_json(&issue));
}

/// Windows (CRLF) and classic Mac (CR) line ends read as LF: the same issue, no CR left in
/// a field (a last line ending in a lone CR included), and errors on the same line.
#[test]
fn line_ends_of_every_system_read_the_same() {
    let text =
        fs::read_to_string(root().join("tests/fixtures/seed/lianluo-dongtai-2024-18.txt")).unwrap();
    let lf = to_json(&convert(&text).unwrap().issue);
    for (name, variant) in [
        ("CRLF", text.replace('\n', "\r\n")),
        ("CR", text.replace('\n', "\r")),
        ("a last lone CR", format!("{text}\r")),
        ("CR, a last CR", format!("{}\r", text.replace('\n', "\r"))),
    ] {
        let got = to_json(
            &convert(&variant)
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .issue,
        );
        assert!(got == lf, "{name} reads differently:\n{got}");
    }
    // A part the converter cannot find is said on the same line whatever the line ends.
    let draft = "# 联络动态\r第 18 期\r某某委员会编\r2024年11月4日\r请反馈\r\r## 文章\r\r正文。\r";
    assert_eq!(convert(draft).unwrap().gaps[0].line, 5);
}

#[test]
fn seed_repairs() {
    let text =
        fs::read_to_string(root().join("tests/fixtures/seed/lianluo-dongtai-2024-18.txt")).unwrap();
    let issue = convert(&text).unwrap().issue;
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
        // error-*: refused; draft-*: a draft whose gaps are expected-gaps.txt; the others
        // convert whole and valid.
        match convert(&input) {
            Ok(converted) => {
                assert!(
                    !name.starts_with("error-"),
                    "{name}: expected an error, got {converted:#?}"
                );
                let gaps: String = converted
                    .gaps
                    .iter()
                    .map(|g| format!("{g} [{}]\n", g.path))
                    .collect();
                if name.starts_with("draft-") {
                    assert!(!gaps.is_empty(), "{name}: expected a draft");
                    check_golden(case.join("expected-gaps.txt"), &gaps);
                    // Every gap about a part is the validation problem at that part.
                    let problems = validate(&converted.issue);
                    for g in &converted.gaps {
                        if g.path.starts_with("masthead.") || g.path.starts_with("contents[") {
                            assert!(
                                problems.iter().any(|p| p.path == g.path),
                                "{name}: validation does not refuse {}",
                                g.path
                            );
                        }
                    }
                } else {
                    assert_eq!(gaps, "", "{name}: unexpected gaps");
                    assert_eq!(
                        validate(&converted.issue),
                        vec![],
                        "{name}: converted issue is invalid"
                    );
                }
                check_golden(case.join("expected.json"), &to_json(&converted.issue));
            }
            Err(e) => {
                assert!(name.starts_with("error-"), "{name}: unexpected error: {e}");
                check_golden(case.join("expected-error.txt"), &format!("{e}\n"));
            }
        }
        let (logged, repairs) = convert_logged(&input);
        assert_eq!(logged, convert(&input), "{name}: convert_logged differs");
        let lines = input.lines().count();
        for r in &repairs {
            assert!((1..=lines).contains(&r.line), "{name}: {r:?}");
            assert_ne!(r.before, r.after, "{name}: {r:?}");
        }
    }
}

/// The seed's repairs a person would point at, with their lines (checked against the file).
#[test]
fn seed_repair_log() {
    use RepairKind::*;
    let text =
        fs::read_to_string(root().join("tests/fixtures/seed/lianluo-dongtai-2024-18.txt")).unwrap();
    let (issue, log) = convert_logged(&text);
    assert_eq!(issue, convert(&text));
    let line = |no: usize| text.lines().nth(no - 1).unwrap();
    let repair = |line, kind, before: &str, after: &str| Repair {
        line,
        kind,
        before: before.into(),
        after: after.into(),
    };
    let expected = [
        // “…怎么干的问题。全” / blank line / “省各级人大要…”: the line of the second part.
        (
            repair(
                27,
                JoinedParagraphs,
                "干的问题。全¶省各级人大要",
                "干的问题。全省各级人大要",
            ),
            "省各级人大要",
        ),
        (
            repair(
                43,
                JoinedParagraphs,
                "核,用好工作¶“指挥棒”，",
                "核,用好工作“指挥棒”，",
            ),
            "“指挥棒”",
        ),
        (
            repair(
                21,
                FullWidthPunctuation,
                "10月31日,全省基层人大",
                "10月31日，全省基层人大",
            ),
            "10月31日,全省",
        ),
        // A comma on the second line of a joined paragraph is on that line.
        (
            repair(
                27,
                FullWidthPunctuation,
                "的极端重要性,加强制度化、",
                "的极端重要性，加强制度化、",
            ),
            "重要性,加强",
        ),
        (
            repair(
                37,
                RemovedSpace,
                "全省基层人大 工作推进会上",
                "全省基层人大工作推进会上",
            ),
            "基层人大 工作推进会",
        ),
        (
            repair(
                47,
                FullWidthPunctuation,
                "责人,督促县(市、区)选优选好乡镇",
                "责人,督促县（市、区）选优选好乡镇",
            ),
            "县(市、区)",
        ),
        (repair(5, RemovedSpace, "第 18 期", "第18 期"), "第 18 期"),
        (repair(5, RemovedSpace, "第 18 期", "第 18期"), "第 18 期"),
        (repair(59, RemovedSpace, "汤 建", "汤建"), "汤 建"),
    ];
    for (r, written) in &expected {
        assert!(log.contains(r), "{r:?} not in the log");
        assert!(
            line(r.line).contains(written),
            "line {}: {}",
            r.line,
            line(r.line)
        );
    }
    let count = |kind| log.iter().filter(|r| r.kind == kind).count();
    assert_eq!(count(JoinedParagraphs), 2);
    assert_eq!(count(Ideograph), 0);
    // Every `,` in the file is widened (none is in a number), each its own entry, and the
    // brackets of 县(市、区) and the two sources (the masthead's are not kept: the cumulative
    // number is stored without them).
    assert_eq!(count(FullWidthPunctuation), text.matches(',').count() + 3);
    // 第 18 期 (2), the date (5), 人大 工作 (1), 5 部 and 5100 余名 (4), 办公室 供稿 (1),
    // 汤 建 (1), 第 28 号 (2).
    assert_eq!(count(RemovedSpace), 16);
    assert!(
        log.windows(2).all(|w| w[0].line <= w[1].line),
        "in input order"
    );
    let json = serde_json::to_value(&log[0]).unwrap();
    assert_eq!(json["kind"], "removed-space");
    assert_eq!(json["line"], 5);
}

/// Lines inside a paragraph, radicals, full stops, and what is not a repair.
#[test]
fn repair_log_lines_and_kinds() {
    use RepairKind::*;
    let text = "# 联络动态\n第 1 期\n某某委员会编\n2024年3月1日\n## 标题\n\
                第一行没有结束\n第二行也没有\n第三行,这里⼈大\n\n接着写.\n";
    let (issue, log) = convert_logged(text);
    assert_eq!(issue, convert(text));
    let kinds: Vec<(usize, RepairKind, &str, &str)> = log
        .iter()
        .map(|r| (r.line, r.kind, r.before.as_str(), r.after.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (2, RemovedSpace, "第 1 期", "第1 期"),
            (2, RemovedSpace, "第 1 期", "第 1期"),
            // The line breaks inside the paragraph are not repairs; the comma is on line 8.
            (
                8,
                FullWidthPunctuation,
                "没有 第三行,这里⼈大¶接",
                "没有 第三行，这里⼈大¶接"
            ),
            (
                8,
                Ideograph,
                "第三行,这里⼈大¶接着写.",
                "第三行,这里人大¶接着写."
            ),
            (
                10,
                JoinedParagraphs,
                "行,这里⼈大¶接着写.",
                "行,这里⼈大接着写."
            ),
            (10, FullWidthPunctuation, "⼈大¶接着写.", "⼈大¶接着写。"),
        ]
    );
    // A blank line always ends a paragraph in explicit mode: nothing is joined.
    let explicit = format!("{}\n{text}", bulletin::convert::EXPLICIT_PARAGRAPHS);
    let (_, log) = convert_logged(&explicit);
    assert!(log.iter().all(|r| r.kind != JoinedParagraphs));
    assert!(log.iter().any(|r| r.line == 11 && r.after.ends_with('。')));
    // Nothing to repair, nothing logged.
    let clean = "# 联络动态\n第1期\n某某委员会编\n2024年3月1日\n## 标题\n正文，没有问题。\n";
    assert_eq!(convert_logged(clean).1, []);
}

/// A 要目 entry whose list mark was read as a character (OCR reads ◆ as 令, ● as 急): one
/// character more than the title it names, at its start — also when a character of the rest
/// was misread — is the title; an entry that differs otherwise is kept as printed.
#[test]
fn a_list_mark_read_as_a_character_is_not_part_of_the_entry() {
    let seed =
        fs::read_to_string(root().join("tests/fixtures/seed/lianluo-dongtai-2024-18.txt")).unwrap();
    let entries = |text: &str| -> Vec<(String, String)> {
        convert(text)
            .unwrap()
            .issue
            .contents
            .into_iter()
            .map(|e| (e.title, e.article))
            .collect()
    };
    let want = entries(&seed);
    let marked = seed
        .replace(
            "- 全省基层人大工作推进会召开",
            "- 令全省基层人大工作推进会召开",
        )
        .replace("- 湘潭市委书记胡贺波", "- 急湘潭市委书纪胡贺波");
    let got = entries(&marked);
    assert_eq!(got[0], want[0]);
    // The misread character of the rest stays as read: only the mark goes.
    assert_eq!(got[1].0, want[1].0.replace("书记", "书纪"));
    assert_eq!(got[1].1, want[1].1);
    // Two characters more is not a mark.
    let longer = seed.replace(
        "- 全省基层人大工作推进会召开",
        "- 关于全省基层人大工作推进会召开",
    );
    assert!(entries(&longer)[0].0.starts_with("关于"));
}

/// `1. 项` lines in an article: an ordered list, numbered from 1 on; a number out of turn is
/// a paragraph of its own, its number kept — never lines joined into one paragraph with their
/// numbers' points made full stops (“2。”).
#[test]
fn numbered_lines_are_an_ordered_list() {
    let seed =
        fs::read_to_string(root().join("tests/fixtures/seed/lianluo-dongtai-2024-18.txt")).unwrap();
    let heading = "## 全省基层人大工作推进会召开沈晓明作出批示\n";
    let at = seed.find(heading).unwrap() + heading.len();
    let text = format!(
        "{}\n会议提出三点要求：\n\n1. 提高认识。\n2. 加强领导。\n3．狠抓落实。\n\n会议强调。\n\n5. 另起一段。\n{}",
        &seed[..at],
        &seed[at..]
    );
    // `3．` has no space after its point: not an item (the form is `N. `).
    let issue = convert(&text).unwrap().issue;
    let blocks = serde_json::to_value(&issue.articles[0].blocks).unwrap();
    assert_eq!(
        blocks[1],
        serde_json::json!({"type": "list", "ordered": true, "items": ["提高认识。", "加强领导。"]})
    );
    let paragraphs: Vec<&str> = blocks
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["text"].as_str())
        .collect();
    assert!(paragraphs.contains(&"3．狠抓落实。"), "{paragraphs:?}");
    assert!(paragraphs.contains(&"5.另起一段。"), "{paragraphs:?}");
    assert!(
        !paragraphs.iter().any(|p| p.contains("2。")),
        "{paragraphs:?}"
    );
}
