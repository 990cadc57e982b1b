//! Property tests: the converter, the reader, validation, JSON paths and search are total
//! (they return, never panic, on any input) and what the converter writes reads back the same.
//! `PROPTEST_CASES=20000 cargo test --test properties` for a longer run.

use bulletin::convert::{convert, convert_logged};
use bulletin::model::{parse_issue, read_issue, to_json, validate, Issue};
use bulletin::search::search;
use proptest::prelude::*;
use serde_json::Value;

mod common;
use common::{SEED as SEED_JSON, SEED_TEXT};

/// Whether a fault is in the values (a wrong type, a missing field), not in the JSON syntax.
fn is_data(fault: &bulletin::model::JsonFault) -> bool {
    use bulletin::model::JsonFault as F;
    match fault {
        F::MissingField(_) | F::UnknownField { .. } | F::DuplicateField(_) => true,
        F::UnknownVariant { .. } | F::InvalidType { .. } => true,
        F::Other(words) => words.starts_with("invalid value"),
        _ => false,
    }
}

/// Lines that look like the text form: headings, rules, masthead and 报尾 lines, prose with
/// half-width punctuation, URLs, stray spaces and broken sentences.
fn text_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("---".to_string()),
        Just("## 要 目".to_string()),
        "[#]{1,3} [人大湘潭工作会议 ]{0,12}".prop_map(|s| s.to_string()),
        "- [人大代表湘潭 ]{1,10}".prop_map(|s| s.to_string()),
        "第 [0-9十百]{1,3} 期".prop_map(|s| s.to_string()),
        "[（(]总第[七百二十0-9 ]{1,6}期[)）]".prop_map(|s| s.to_string()),
        "[0-9二〇]{4} 年 [0-9十]{1,2} 月 [0-9一二三]{1,2} 日".prop_map(|s| s.to_string()),
        "[\\*]{0,2}[送发报][:：][\\*]{0,2}[省市县委人大，、。]{0,20}".prop_map(|s| s.to_string()),
        "责任编辑：[汤建 ]{1,4}( 联系方式：[0-9—-]{3,13}( [a-z]{1,5}@[a-z0-9]{1,4}\\.com)?)?"
            .prop_map(|s| s.to_string()),
        "批准文号：[湘党简准字〔〕0-9第号 ]{1,16}".prop_map(|s| s.to_string()),
        "[会议指出人大工作湘潭,(): ;。“”a-zA-Z0-9.%/@]{0,60}".prop_map(|s| s.to_string()),
        "https?://[a-z.]{1,12}/[a-z,;:?=]{0,10}".prop_map(|s| s.to_string()),
        any::<String>(),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[a-z0-9 人大\\-]{0,8}".prop_map(Value::String),
        Just(Value::String("a-1".into())),
        Just(Value::String("paragraph".into())),
        Just(Value::from(1)),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let key = prop_oneof![
            Just("schema_version"),
            Just("masthead"),
            Just("title"),
            Just("issue"),
            Just("label"),
            Just("organ"),
            Just("date"),
            Just("iso"),
            Just("display"),
            Just("contents"),
            Just("article"),
            Just("articles"),
            Just("id"),
            Just("blocks"),
            Just("type"),
            Just("text"),
            Just("items"),
            Just("src"),
            Just("alt"),
            Just("footer"),
            Just("distribution"),
            Just("contact"),
            Just("email"),
            Just("x"),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..8).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}

/// JSON pointers of every string value in `value`.
fn string_leaves(value: &mut Value, at: &mut Vec<String>, out: &mut Vec<String>) {
    match value {
        Value::String(_) => out.push(format!("/{}", at.join("/"))),
        Value::Array(items) => {
            for (i, v) in items.iter_mut().enumerate() {
                at.push(i.to_string());
                string_leaves(v, at, out);
                at.pop();
            }
        }
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                at.push(k.clone());
                string_leaves(v, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1000)
    ))]

    #[test]
    fn the_converter_is_total_and_its_output_reads_back(lines in prop::collection::vec(text_line(), 0..40)) {
        let text = lines.join("\n");
        if let Ok(converted) = convert(&text) {
            let issue = converted.issue;
            let _ = validate(&issue);
            let json = to_json(&issue);
            prop_assert_eq!(parse_issue(&json).unwrap(), issue);
            let count = bulletin::convert::normalize_line_ends(&text).lines().count();
            for g in &converted.gaps {
                prop_assert!((1..=count.max(1)).contains(&g.line), "{:?} outside 1..={}", g, count);
            }
        }
    }

    #[test]
    fn logging_changes_nothing(lines in prop::collection::vec(text_line(), 0..40), crlf in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        let (logged, repairs) = convert_logged(&text);
        prop_assert_eq!(logged, convert(&text));
        let count = bulletin::convert::normalize_line_ends(&text).lines().count();
        for r in &repairs {
            prop_assert!((1..=count).contains(&r.line), "{:?} outside 1..={}", r, count);
            prop_assert_ne!(&r.before, &r.after, "a repair that changes nothing: {:?}", r);
        }
        prop_assert!(repairs.windows(2).all(|w| w[0].line <= w[1].line));
        // Logging leaves nothing behind: a plain convert afterwards is the same.
        prop_assert_eq!(convert(&text), convert_logged(&text).0);
    }

    #[test]
    fn mutated_seed_text_never_panics(cut in 0usize..7000, insert in text_line()) {
        let at = SEED_TEXT.char_indices().map(|(i, _)| i).find(|&i| i >= cut).unwrap_or(SEED_TEXT.len());
        let text = format!("{}{}{}", &SEED_TEXT[..at], insert, &SEED_TEXT[at..]);
        if let Ok(converted) = convert(&text) {
            let json = to_json(&converted.issue);
            prop_assert_eq!(parse_issue(&json).unwrap(), converted.issue);
        }
    }

    #[test]
    fn reading_and_validation_are_total_on_any_json(value in json_value()) {
        let json = serde_json::to_string_pretty(&value).unwrap();
        if let Ok((issue, _)) = read_issue(&json) {
            let _ = validate(&issue);
            let _ = search(&issue, "人大");
        }
        let _ = parse_issue(&json);
    }

    #[test]
    fn reading_is_total_on_any_text(text in any::<String>(), cut in 0usize..9500) {
        let _ = read_issue(&text);
        let at = SEED_JSON.char_indices().map(|(i, _)| i).find(|&i| i >= cut).unwrap_or(SEED_JSON.len());
        let broken = format!("{}{}{}", &SEED_JSON[..at], text, &SEED_JSON[at..]);
        match read_issue(&broken) {
            Ok((issue, _)) => { let _ = validate(&issue); }
            Err(e) => prop_assert!(e.at.is_some_and(|p| p.line >= 1)),
        }
    }

    /// The model's own JSON reader against serde_json with serde's derives (the oracle):
    /// a broken issue (text put in or cut out anywhere) is accepted by both or by neither,
    /// read to the same issue, and refused with the same words at the same place.
    #[test]
    fn the_reader_agrees_with_serde_json(
        insert in "[ \\n\\\\\"{}\\[\\],:0-9.eE+-truenl人a-z]{0,6}",
        at in 0usize..9500,
        cut in 0usize..4,
    ) {
        let at = SEED_JSON.char_indices().map(|(i, _)| i).find(|&i| i >= at).unwrap_or(SEED_JSON.len());
        let mut end = at;
        for _ in 0..cut {
            end += SEED_JSON[end..].chars().next().map_or(0, char::len_utf8);
        }
        let json = format!("{}{}{}", &SEED_JSON[..at], insert, &SEED_JSON[end..]);
        let ours = parse_issue(&json);
        let theirs = serde_json::from_str::<Issue>(&json);
        // The viewer's lenient reading keeps all of a valid issue, and leaves out only with a
        // word why.
        match (&ours, read_issue(&json)) {
            (Ok(strict), Ok((lenient, problems))) => {
                prop_assert_eq!(strict, &lenient);
                prop_assert!(problems.is_empty(), "{:?}", problems);
            }
            (Err(_), Ok((_, problems))) => prop_assert!(!problems.is_empty()),
            (Ok(strict), Err(e)) => prop_assert!(
                strict.schema_version != 1
                    && matches!(e.kind, bulletin::model::ProblemKind::UnsupportedVersion { .. }),
                "the lenient reading refused a valid issue: {}", e
            ),
            (Err(_), Err(_)) => {}
        }
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(a), Err(b)) => {
                let words = b.to_string();
                let words = &words[..words.rfind(" at line ").unwrap_or(words.len())];
                let near = json.get(at.saturating_sub(20)..(end + 20).min(json.len()));
                if b.is_data() && !is_data(&a.fault) {
                    // serde_json reads as it goes and stops at a wrong value before a syntax
                    // fault further on; ours reads the whole text first.
                    prop_assert!(b.line() <= a.line, "{} / {} near {:?}", a, b, near);
                } else {
                    prop_assert_eq!(a.fault.to_string(), words, "{:?}", near);
                    if a.path.contains(".blocks[") && b.is_data() {
                        // serde_json reads a block whole (its `type` says which fields it
                        // has) and places its faults past it; ours, at the fault.
                        prop_assert!(a.line <= b.line(), "{} / {}", a, b);
                    } else {
                        prop_assert_eq!(a.line, b.line(), "{} / {}", a, b);
                    }
                }
            }
            _ => prop_assert!(false, "ours {:?}, serde_json {:?}", ours.map(|_| ()), theirs.map(|_| ())),
        }
    }

    /// A wrong value anywhere in an issue, minified or pretty, with Chinese before it: the
    /// path is the one a tracking deserializer finds, and the column counts characters
    /// (the character before it is the end of the wrong value).
    #[test]
    fn json_paths_and_columns_are_exact(
        texts in proptest::collection::vec("[人大代表湘潭工作，。“”a-z 0-9]{0,12}", 1..40),
        pick in any::<prop::sample::Index>(),
        pretty in any::<bool>(),
    ) {
        let mut value: Value = serde_json::from_str(SEED_JSON).unwrap();
        // Every string leaf gets some Chinese text (ids and dates keep their form).
        let mut leaves = Vec::new();
        string_leaves(&mut value, &mut Vec::new(), &mut leaves);
        let mut n = 0;
        for pointer in &leaves {
            if pointer.ends_with("/id") || pointer.ends_with("/article") || pointer.ends_with("/iso") || pointer.ends_with("/type") {
                continue;
            }
            let text = &texts[n % texts.len()];
            n += 1;
            *value.pointer_mut(pointer).unwrap() = Value::String(format!("{text}{}", value.pointer(pointer).unwrap().as_str().unwrap()));
        }
        // One of them (not a block's type tag, whose errors serde reports elsewhere) becomes a number.
        let wrong: Vec<&String> = leaves.iter().filter(|p| !p.ends_with("/type")).collect();
        let target = wrong[pick.index(wrong.len())];
        *value.pointer_mut(target).unwrap() = Value::from(7);
        let json = if pretty { serde_json::to_string_pretty(&value).unwrap() } else { serde_json::to_string(&value).unwrap() };
        let e = parse_issue(&json).unwrap_err();
        // The path of the JSON pointer: /articles/1/title is articles[1].title.
        let mut path = String::new();
        for step in target.split('/').skip(1) {
            match step.parse::<usize>() {
                Ok(i) => path.push_str(&format!("[{i}]")),
                Err(_) if path.is_empty() => path.push_str(step),
                Err(_) => path.push_str(&format!(".{step}")),
            }
        }
        prop_assert_eq!(&e.path, &path, "{}", e);
        let line = json.lines().nth(e.line - 1).unwrap();
        let before: String = line.chars().take(e.column).collect();
        // Right after the wrong value, inside a block too (serde_json, which reads a block
        // whole before its fields, placed those past the block).
        prop_assert!(before.ends_with('7'), "{} in {}", e, line);
    }

    #[test]
    fn search_is_total(query in any::<String>()) {
        let issue = parse_issue(SEED_JSON).unwrap();
        let hits = search(&issue, &query);
        for hit in &hits.all {
            // Every hit is a real slice of its field's text.
            let field_text = bulletin::search::fields(&issue).into_iter().find(|(f, _)| *f == hit.field).unwrap().1;
            prop_assert!(field_text.get(hit.start..hit.end).is_some());
        }
    }
}

/// What a Word or PDF reader may hand over: paragraphs of any alignment and size (with the
/// text form's markup, 报尾 labels, line breaks), paragraphs in masthead styles, rules,
/// pictures and tables.
fn layout_part() -> impl Strategy<Value = bulletin::import::layout::Part> {
    use bulletin::import::layout::{Align, Part};
    let align = prop_oneof![Just(Align::Left), Just(Align::Centre), Just(Align::Right)];
    prop_oneof![
        (
            text_line(),
            "[\n\t]{0,2}",
            text_line(),
            align,
            10u8..30,
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(|(a, sep, b, align, size, bold, list)| Part::Text {
                text: format!("{a}{sep}{b}"),
                align,
                size: f32::from(size),
                bold,
                list,
            }),
        Just(Part::Rule),
        // A paragraph in Word's Title or Subtitle style.
        (
            text_line(),
            "[\n]{0,1}",
            text_line(),
            any::<bool>(),
            10u8..40
        )
            .prop_map(|(a, sep, b, title, size)| Part::Masthead {
                text: format!("{a}{sep}{b}"),
                title,
                align: Align::Left,
                size: f32::from(size),
            }),
        (text_line(), "[a-z]{1,8}").prop_map(|(alt, name)| Part::Image {
            src: format!("{name}.png"),
            alt,
        }),
        (
            proptest::collection::vec(proptest::collection::vec(text_line(), 1..4), 1..4),
            any::<bool>()
        )
            .prop_map(|(rows, header)| Part::Table { rows, header }),
    ]
}

proptest! {
    /// The layout writer gives one place per line it writes, whatever the parts hold, and
    /// the converter reads what it writes without panicking: an error names one of those
    /// lines, so every error points at a place in the file.
    #[test]
    fn layout_text_has_a_place_for_every_line(
        parts in proptest::collection::vec(layout_part(), 0..24),
    ) {
        use bulletin::import::layout::{to_text, Located};
        use bulletin::import::Place;
        let located: Vec<Located> = parts
            .into_iter()
            .enumerate()
            .map(|(i, part)| Located { part, at: Place::Paragraph(i + 1) })
            .collect();
        let (text, places) = to_text(&located);
        prop_assert_eq!(text.lines().count(), places.len());
        let options = bulletin::convert::Options { explicit_paragraphs: true };
        if let Err(e) = bulletin::convert::convert_with(&text, options) {
            prop_assert!(e.line >= 1 && e.line <= places.len().max(1), "line {} of {}", e.line, places.len());
        }
    }

    /// Any one masthead or 报尾 line taken out of a good text, in any of the layouts offices
    /// use: the issue is a draft with exactly that part missing (a masthead field: one gap at
    /// it, and validation's Missing there) or without exactly that 报尾 field, and nothing
    /// else changes.
    #[test]
    fn removing_one_masthead_or_footer_line_gives_exactly_that_gap(
        layout in (0usize..3, 0usize..3, 0usize..3, 0usize..2),
        number in 1u32..60,
        remove in 0usize..10,
    ) {
        use bulletin::model::{Issue, IssueDate, IssueNumber};
        let (issue_style, organ_style, date_style, footer_style) = layout;
        let issue_line = match issue_style {
            0 => format!("第 {number} 期"),
            1 => format!("2025年第{number}期（总第{}期）", number + 100),
            _ => format!("〔2025〕第{number}号"),
        };
        let organ_line = match organ_style {
            0 => "某某市人大常委会代表工作委员会编",
            1 => "某某市人大常委会代表工作室",
            _ => "主办：某某县政务服务中心",
        };
        let date_line = match date_style {
            0 => "2025 年 3 月 18 日",
            1 => "二〇二五年三月十八日",
            _ => "2025.3.18",
        };
        let footer_lines: Vec<&str> = if footer_style == 0 {
            vec!["报：市委办公室。", "送：市政府办公室。", "审核：王某　签发：李某", "责任编辑：张某", "某某市人大常委会办公室　2025年3月18日印发", "（共印80份）"]
        } else {
            vec!["抄　送：各区县。", "责任编辑：张某　联系电话：0731-1234567", "审　　核：王某", "签　　发：李某", "（共印120份）", "某某办公室印发"]
        };
        let mut masthead_lines = vec!["# 工作简报".to_string(), issue_line, organ_line.to_string(), date_line.to_string()];
        let body = "\n━━━━━━━━━━\n\n## 一篇文章\n\n正文第一段，共收到建议1260条。\n\n## 另一篇文章\n\n正文。\n\n───────────\n";
        let whole = format!("{}\n{body}\n{}\n", masthead_lines.join("\n"), footer_lines.join("\n"));
        let full = convert(&whole).unwrap();
        prop_assert_eq!(&full.gaps, &vec![], "the whole text: {}", whole);
        prop_assert_eq!(validate(&full.issue), vec![]);
        let mut footer = footer_lines.clone();
        let mut expected: Issue = full.issue.clone();
        let gap_path = if remove < 4 {
            masthead_lines.remove(remove);
            let m = &mut expected.masthead;
            match remove {
                0 => { m.title.clear(); Some("masthead.title") }
                1 => {
                    m.issue = IssueNumber { label: String::new(), number: None, special: None };
                    m.cumulative = None;
                    Some("masthead.issue")
                }
                2 => { m.organ.clear(); Some("masthead.organ") }
                _ => { m.date = IssueDate { iso: String::new(), display: String::new() }; Some("masthead.date") }
            }
        } else {
            let k = (remove - 4) % footer.len();
            let line = footer.remove(k);
            // What that line gave, taken from the expected footer.
            let whole_footer = &full.issue.footer;
            let mut without = convert(&format!("{}\n{body}\n{}\n", masthead_lines.join("\n"), footer.join("\n"))).unwrap();
            // Whatever field that line filled is now empty, and nothing else changed.
            let f = &mut expected.footer;
            if line.contains('：') && bulletin::convert::fields::distribution(line).is_some() {
                f.distribution.retain(|d| !line.contains(d.text.as_str()));
            }
            if line.contains("审") { f.reviewer = None; }
            if line.contains("签") { f.signer = None; }
            if line.contains("责任编辑") { f.editor = None; f.contact = None; }
            if line.contains("共印") { f.copies = None; }
            if line.ends_with("印发") { f.issued = None; }
            prop_assert_ne!(&expected.footer, whole_footer, "removing {:?} changes nothing", line);
            prop_assert_eq!(&without.gaps, &vec![]);
            without.issue.footer.distribution.sort_by(|a, b| a.label.cmp(&b.label));
            expected.footer.distribution.sort_by(|a, b| a.label.cmp(&b.label));
            prop_assert_eq!(without.issue, expected);
            return Ok(());
        };
        let text = format!("{}\n{body}\n{}\n", masthead_lines.join("\n"), footer.join("\n"));
        let draft = convert(&text).unwrap();
        let paths: Vec<&str> = draft.gaps.iter().map(|g| g.path.as_str()).collect();
        prop_assert_eq!(paths, vec![gap_path.unwrap()], "{}", text);
        prop_assert_eq!(&draft.issue, &expected);
        let problems = validate(&draft.issue);
        prop_assert_eq!(problems.len(), 1, "{:?}", problems);
        prop_assert_eq!(problems[0].path.as_str(), gap_path.unwrap());
        prop_assert_eq!(&problems[0].kind, &bulletin::model::ProblemKind::Missing);
    }
}
