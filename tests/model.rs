//! Model tests: reading issue JSON, the JSON paths of errors, and validation.

use bulletin::model::{parse_issue, read_issue, validate, Block, Issue, MAX_ARTICLES};

mod common;
use common::SEED;

fn seed() -> Issue {
    parse_issue(SEED).unwrap()
}

/// The path serde_path_to_error finds while deserialising, to compare ours with.
fn tracked_path(json: &str) -> String {
    let de = &mut serde_json::Deserializer::from_str(json);
    let err = serde_path_to_error::deserialize::<_, Issue>(de).unwrap_err();
    let p = err.path().to_string();
    if p == "." {
        String::new()
    } else {
        p
    }
}

#[test]
fn the_seed_round_trips() {
    let issue = seed();
    assert_eq!(validate(&issue), vec![]);
    assert_eq!(bulletin::model::to_json(&issue), SEED);
}

#[test]
fn type_errors_name_path_line_and_column() {
    let json = "{\n  \"schema_version\": 1,\n  \"masthead\": {\n    \"title\": 3\n  }\n}";
    let e = parse_issue(json).unwrap_err();
    assert_eq!(e.path, "masthead.title");
    assert_eq!(e.line, 4);
    assert_eq!(
        e.fault.to_string(),
        "invalid type: integer `3`, expected a string"
    );
    assert_eq!(
        e.to_string(),
        "masthead.title: invalid type: integer `3`, expected a string (line 4, character 14)"
    );
}

#[test]
fn not_json_at_all() {
    let e = parse_issue("<!doctype html><title>404</title>").unwrap_err();
    assert_eq!((e.path.as_str(), e.line, e.column), ("", 1, 1));
    assert_eq!(e.fault.to_string(), "expected value");
}

/// Broken variants of the seed, one per kind of mistake, anywhere in the tree.
fn broken_variants() -> Vec<(&'static str, String)> {
    vec![
        (
            "wrong type deep in an array",
            SEED.replacen(
                "\"type\": \"paragraph\",\n          \"text\": \"胡贺波",
                "\"type\": \"paragraph\",\n          \"text\": [\"胡贺波",
                1,
            )
            .replacen("三个关键。\"", "三个关键。\"]", 1),
        ),
        (
            "missing field",
            SEED.replacen("\"organ\": \"湖南省人大常委会代表工作委员会编\",", "", 1),
        ),
        (
            "unknown field",
            SEED.replacen("\"editor\": \"汤建\",", "\"editer\": \"汤建\",", 1),
        ),
        (
            "unknown block type",
            SEED.replacen("\"type\": \"paragraph\"", "\"type\": \"para\"", 3),
        ),
        (
            "wrong type of a number",
            SEED.replacen("\"number\": 720", "\"number\": \"720\"", 1),
        ),
        (
            "negative version",
            SEED.replacen("\"schema_version\": 1", "\"schema_version\": -1", 1),
        ),
        (
            "missing article id",
            SEED.replacen("\"id\": \"a-2\",", "", 1),
        ),
        ("truncated", SEED[..SEED.len() / 2].to_string()),
        (
            "contents entry not an object",
            SEED.replacen("\"contents\": [", "\"contents\": [\"x\",", 1),
        ),
    ]
}

#[test]
fn paths_match_a_tracking_deserializer() {
    for (what, json) in broken_variants() {
        let e = parse_issue(&json).unwrap_err();
        assert!(
            !e.path.is_empty() || what == "truncated",
            "{what}: no path in {e}"
        );
        // serde reads a block whole (its `type` says which fields it has), so the tracking
        // deserializer stops at the block; ours names the field in it.
        let tracked = tracked_path(&json);
        let in_block = tracked.contains(".blocks[")
            && e.path
                .strip_prefix(tracked.as_str())
                .is_some_and(|field| field.starts_with('.'));
        assert!(
            e.path == tracked || in_block,
            "{what}: {e}, tracked {tracked}"
        );
    }
}

#[test]
fn validation_reports_every_problem_with_its_path() {
    let mut issue = seed();
    issue.schema_version = 2;
    issue.masthead.date.iso = "2024-02-30".into();
    issue.articles[1].title = " ".into();
    issue.articles[1].id = "a-1".into();
    issue.contents[1].article = "a-3".into();
    issue.articles[0].blocks.push(Block::Image {
        src: "javascript:alert(1)".into(),
        alt: "".into(),
        caption: None,
    });
    issue.footer.contact.as_mut().unwrap().email = Some("not-an-address".into());
    let problems: Vec<String> = validate(&issue).iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "schema_version: version 2 is not supported; this viewer reads version 1",
            "masthead.date.iso: \"2024-02-30\" is not a date in the form YYYY-MM-DD",
            "articles[0].blocks[6].src: \"javascript:alert(1)\" is not allowed: images must use http, https or a relative URL",
            "articles[0].blocks[6].alt: must not be empty",
            "articles[1].id: \"a-1\" is used by an earlier article",
            "articles[1].title: missing: this is a draft; fill it in",
            "contents[1].article: no article with id \"a-3\"",
            "footer.contact.email: \"not-an-address\" is not an e-mail address",
        ]
    );
}

#[test]
fn an_issue_needs_articles_and_articles_need_text() {
    let mut issue = seed();
    issue.articles[0].blocks.clear();
    issue.articles[0].id = "第一篇".into();
    let problems: Vec<String> = validate(&issue).iter().map(ToString::to_string).collect();
    assert!(
        problems.contains(&"articles[0].blocks: an article needs at least one block".to_string()),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("articles[0].id: \"第一篇\" is not a usable id")),
        "{problems:?}"
    );
    issue.articles.clear();
    issue.contents.clear();
    let problems: Vec<String> = validate(&issue).iter().map(ToString::to_string).collect();
    assert_eq!(problems, ["articles: an issue needs at least one article"]);
}

#[test]
fn a_faulty_article_is_left_out_and_said_so_the_rest_is_kept() {
    let json = SEED.replacen(
        "\"id\": \"a-2\",\n      \"title\": \"湘潭市委书记胡贺波在全省基层人大工作推进会上的发言\"",
        "\"id\": \"a-2\",\n      \"title\": 3",
        1,
    );
    assert!(parse_issue(&json).is_err());
    let (issue, problems) = read_issue(&json).unwrap();
    assert_eq!(issue.articles.len(), 1);
    assert_eq!(issue.articles[0].id, "a-1");
    assert_eq!(issue.contents.len(), 2, "the 要目 is kept whole");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "articles[1].title");
    let line = json
        .lines()
        .position(|l| l.contains("\"title\": 3"))
        .unwrap()
        + 1;
    assert!(
        problems[0].message().starts_with(&format!(
            "invalid type: integer `3`, expected a string (line {line}, character"
        )),
        "{}",
        problems[0].message()
    );
    assert!(problems[0]
        .message()
        .ends_with("; this article is left out"));
    // The 要目 entry of the article left out is reported by validation.
    let more: Vec<String> = validate(&issue).iter().map(ToString::to_string).collect();
    assert_eq!(more, ["contents[1].article: no article with id \"a-2\""]);
}

#[test]
fn faulty_contents_and_footer_are_left_out() {
    let json = SEED
        .replacen("\"article\": \"a-1\"", "\"article\": 1", 1)
        .replacen("\"editor\": \"汤建\"", "\"editor\": [\"汤建\"]", 1);
    let (issue, problems) = read_issue(&json).unwrap();
    assert_eq!(issue.contents.len(), 1);
    assert_eq!(issue.articles.len(), 2);
    assert_eq!(issue.footer.approval, None, "the whole 报尾 is left out");
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["contents[0].article", "footer.editor"]);
}

#[test]
fn what_stops_reading() {
    let e = read_issue(&SEED.replacen("\"schema_version\": 1", "\"schema_version\": 2", 1))
        .unwrap_err();
    assert_eq!(e.to_string(), "schema_version: version 2 is not supported; this viewer reads version 1 (line 1, character 1)");
    let e = read_issue(&SEED.replacen("\"schema_version\": 1,", "", 1)).unwrap_err();
    assert!(e.message().contains("missing"), "{e}");
    let e =
        read_issue(&SEED.replacen("\"title\": \"联络动态\"", "\"title\": null", 1)).unwrap_err();
    assert_eq!(e.path, "masthead.title");
    assert_eq!(e.at.map(|p| p.line), Some(4));
    let e = read_issue("<html><body>502 Bad Gateway</body></html>").unwrap_err();
    assert_eq!(e.kind.to_string(), "expected value");
    let cut = SEED.char_indices().nth(3000).unwrap().0;
    let e = read_issue(&SEED[..cut]).unwrap_err();
    assert!(e.message().starts_with("EOF while parsing"), "{e}");
    assert!(read_issue("[]").is_err());
}

#[test]
fn huge_issues_are_cut_to_the_limits_with_a_word() {
    let mut issue = seed();
    let article = issue.articles[0].clone();
    issue.articles = (0..MAX_ARTICLES + 5)
        .map(|i| bulletin::model::Article {
            id: format!("a-{i}"),
            ..article.clone()
        })
        .collect();
    issue.contents.clear();
    let (read, problems) = read_issue(&bulletin::model::to_json(&issue)).unwrap();
    assert_eq!(read.articles.len(), MAX_ARTICLES);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message().contains("the first 2000 are shown"));
}

#[test]
fn deep_nesting_names_where_it_starts_in_a_path_that_stays_short() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    // A block is read whole before its type is known, so serde_json descends into it.
    let json = SEED.replacen(
        "\"text\": \"10月31日",
        &format!("\"text\": {deep}, \"x\": \""),
        1,
    );
    let e = parse_issue(&json).unwrap_err();
    assert_eq!(e.fault, bulletin::model::JsonFault::RecursionLimit);
    assert!(
        e.path.starts_with("articles[0].blocks[0].text[0][0]"),
        "{}",
        e.path
    );
    assert!(e.path.contains("levels)"), "{}", e.path);
    assert!(
        e.path.len() < 120,
        "{} characters: {}",
        e.path.len(),
        e.path
    );
    let (_, problems) = read_issue(&json).unwrap();
    let zh = bulletin::ui::problem_text(&problems[0], bulletin::ui::UiLang::ZhCn);
    assert!(zh.starts_with("数据嵌套的层数太多"), "{zh}");
}

#[test]
fn minified_json_with_chinese_is_placed_by_characters() {
    // One line, Chinese before the fault: the column counts characters, not bytes.
    let value: serde_json::Value = serde_json::from_str(SEED).unwrap();
    let mut json = serde_json::to_string(&value).unwrap();
    json = json.replacen("\"iso\":\"2024-11-04\"", "\"iso\":7", 1);
    let e = parse_issue(&json).unwrap_err();
    assert_eq!(e.path, "masthead.date.iso");
    assert_eq!(e.line, 1);
    let before: String = json.chars().take(e.column).collect();
    assert!(
        before.ends_with("\"iso\":7"),
        "column {} ends at {before:?}",
        e.column
    );
}

#[test]
fn every_array_the_viewer_draws_has_a_limit_that_validation_reports_too() {
    use bulletin::model::{ProblemKind, MAX_CONTENTS, MAX_DISTRIBUTION, MAX_LIST_ITEMS};
    let mut issue = seed();
    issue.articles[0].blocks.push(Block::List {
        ordered: false,
        items: (0..MAX_LIST_ITEMS + 10)
            .map(|i| format!("第{i}项"))
            .collect(),
    });
    let entry = issue.contents[0].clone();
    issue.contents = vec![entry; MAX_CONTENTS + 1];
    let d = issue.footer.distribution[0].clone();
    issue.footer.distribution = vec![d; MAX_DISTRIBUTION + 50];
    let list = issue.articles[0].blocks.len() - 1;
    let counted = |problems: &[bulletin::model::Problem]| -> Vec<String> {
        problems
            .iter()
            .filter(|p| matches!(p.kind, ProblemKind::TooMany { .. }))
            .map(|p| p.to_string())
            .collect()
    };
    let expected = [
        format!("contents: {} 要目 entries, more than the {MAX_CONTENTS} this viewer shows; the first {MAX_CONTENTS} are shown", MAX_CONTENTS + 1),
        format!("articles[0].blocks[{list}].items: {} list items, more than the {MAX_LIST_ITEMS} this viewer shows; the first {MAX_LIST_ITEMS} are shown", MAX_LIST_ITEMS + 10),
        format!("footer.distribution: {} distribution entries, more than the {MAX_DISTRIBUTION} this viewer shows; the first {MAX_DISTRIBUTION} are shown", MAX_DISTRIBUTION + 50),
    ];
    // `bulletin validate` reports them…
    assert_eq!(counted(&validate(&issue)), expected);
    // …and the viewer draws the first ones, with the same words.
    let (read, problems) = read_issue(&bulletin::model::to_json(&issue)).unwrap();
    assert_eq!(counted(&problems), expected);
    assert_eq!(read.contents.len(), MAX_CONTENTS);
    assert_eq!(read.footer.distribution.len(), MAX_DISTRIBUTION);
    let Block::List { items, .. } = &read.articles[0].blocks[list] else {
        panic!("not a list");
    };
    assert_eq!(items.len(), MAX_LIST_ITEMS);
    assert!(
        counted(&validate(&read)).is_empty(),
        "what is drawn is within the limits"
    );
}

#[test]
fn a_title_is_a_line_not_a_book() {
    let mut issue = seed();
    issue.masthead.title = "W".repeat(50_000);
    issue.articles[1].blocks[0] = Block::Paragraph {
        text: "长".repeat(bulletin::model::MAX_TEXT + 1),
    };
    let problems: Vec<String> = validate(&issue).iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "masthead.title: 50000 characters long, more than the 500 such a text may have".to_string(),
            format!(
                "articles[1].blocks[0].text: {} characters long, more than the {} such a text may have",
                bulletin::model::MAX_TEXT + 1,
                bulletin::model::MAX_TEXT
            ),
        ]
    );
}

#[test]
fn feed_entries_are_named_by_year_and_number_in_links() {
    let feed = bulletin::model::parse_feed(include_str!("../www/issues/feed.json")).unwrap();
    let keys: Vec<String> = feed.issues.iter().map(|e| e.key()).collect();
    assert_eq!(keys, ["2024-18", "2024-17", "2024-16"]);
    // Without a number, the date names it.
    let mut e = feed.issues[0].clone();
    e.number = None;
    assert_eq!(e.key(), "2024-11-04");
    // Every key reads back from a fragment as that issue.
    for key in keys {
        let fragment = format!("#bulletin/{key}/a-2");
        let place = bulletin::ui::place_in_fragment(&fragment, "bulletin").unwrap();
        assert_eq!(
            (place.issue, place.article),
            (Some(key.as_str()), Some("a-2"))
        );
    }
}

#[test]
fn feed_keys_stay_unique_when_issues_share_year_and_number() {
    let mut feed = bulletin::model::parse_feed(include_str!("../www/issues/feed.json")).unwrap();
    let before = bulletin::model::feed_keys(&feed);
    // 增刊第17期 is published after 第18期, with the same year and number as 第17期.
    let mut supplement = feed.issues[1].clone();
    supplement.label = "增刊第17期".into();
    feed.issues.insert(0, supplement);
    let after = bulletin::model::feed_keys(&feed);
    assert_eq!(after, ["2024-17-2", "2024-18", "2024-17", "2024-16"]);
    // The keys already given out still name the same issues.
    assert_eq!(&after[1..], &before[..]);
}

#[test]
fn tables_are_checked_and_kept_within_what_the_viewer_draws() {
    let mut issue = seed();
    let table = |rows: Vec<Vec<&str>>| Block::Table {
        header: true,
        rows: rows
            .into_iter()
            .map(|r| r.into_iter().map(String::from).collect())
            .collect(),
        caption: Some(String::new()),
    };
    issue.articles[0].blocks = vec![table(vec![]), table(vec![vec!["", ""], vec![]])];
    let problems: Vec<String> = validate(&issue).iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [
            "articles[0].blocks[0].rows: a table needs at least one cell with text",
            "articles[0].blocks[0].caption: must not be empty",
            "articles[0].blocks[1].rows: a table needs at least one cell with text",
            "articles[0].blocks[1].rows[1]: a table row needs at least one cell",
            "articles[0].blocks[1].caption: must not be empty",
        ]
    );

    // 200 × 60 cells: the viewer draws the first 10,000 and says so.
    let row: Vec<&str> = vec!["格"; 60];
    issue.articles[0].blocks = vec![table(vec![row; 200])];
    let json = bulletin::model::to_json(&issue);
    let (read, problems) = read_issue(&json).unwrap();
    let Block::Table { rows, .. } = &read.articles[0].blocks[0] else {
        panic!("a table")
    };
    assert_eq!(rows.iter().map(Vec::len).sum::<usize>(), 10_000);
    assert!(
        problems.iter().any(|p| p.to_string()
            == "articles[0].blocks[0].rows: 12000 cells, more than the 10000 this viewer shows; the first 10000 are shown"),
        "{problems:?}"
    );
}

#[test]
fn a_block_with_two_types_is_refused_where_the_second_is() {
    let json = SEED.replacen(
        "\"type\": \"paragraph\",",
        "\"type\": \"paragraph\", \"type\": \"heading\",",
        1,
    );
    let e = parse_issue(&json).unwrap_err();
    assert_eq!(e.fault.to_string(), "duplicate field `type`");
    assert_eq!(e.path, "articles[0].blocks[0].type");
    let line = json.lines().nth(e.line - 1).unwrap();
    let before: String = line.chars().take(e.column).collect();
    assert!(
        before.ends_with("\"type\": \"paragraph\", \"type\""),
        "{before}"
    );
    // serde_json refuses it too.
    assert!(serde_json::from_str::<Issue>(&json).is_err());
}
