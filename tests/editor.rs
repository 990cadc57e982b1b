//! The authoring page's converter (`bulletin::editor`) held to the `bulletin` command: what
//! the page downloads is what `bulletin convert` and `bulletin feed` write for the same files.

use bulletin::editor::{self, Input};
use bulletin::ui::UiLang;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod common;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// What `bulletin convert FILE -o OUT` writes (pictures go beside it), and the problems it
/// reports about the converted issue.
fn cli_convert_checked(path: &str) -> (String, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("issue.json");
    let o = common::bulletin_command(["convert", fixture(path).to_str().unwrap(), "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let problems: Vec<String> = stderr
        .lines()
        .filter_map(|l| {
            l.split_once(": converted issue: ")
                .map(|(_, p)| p.to_string())
        })
        .collect();
    assert_eq!(o.status.success(), problems.is_empty(), "{path}: {stderr}");
    (std::fs::read_to_string(out).unwrap(), problems)
}

fn cli_convert(path: &str) -> String {
    let (json, problems) = cli_convert_checked(path);
    assert!(problems.is_empty(), "{path}: {problems:?}");
    json
}

/// The page's route: open the file, convert its text with the fixes.
fn editor_convert(path: &str, fixes: &[(&str, &str)]) -> editor::Outcome {
    let bytes = std::fs::read(fixture(path)).unwrap();
    let (opened, _) =
        editor::open(&bytes, UiLang::En).unwrap_or_else(|f| panic!("{path}: {}", f.message));
    editor::update(&Input {
        text: opened.text,
        fixes: fixes
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        places: opened.places,
        lang: String::new(),
        // As the CLI is asked to write issue.json, whose pictures are issue-image-N.png.
        name: "issue".into(),
        images: opened.images,
    })
}

const FILES: [&str; 9] = [
    "tests/fixtures/seed/lianluo-dongtai-2024-18.txt",
    "tests/fixtures/import/seed/lianluo-dongtai-2024-18.docx",
    "tests/fixtures/import/seed/lianluo-dongtai-2024-18.pdf",
    "tests/fixtures/import/seed/lianluo-dongtai-2024-18.chromium.pdf",
    "tests/fixtures/import/table/lianluo-dongtai-2024-20.docx",
    "tests/fixtures/import/special/zengkan-2.pdf",
    "tests/fixtures/import/image/lianluo-dongtai-2024-19.docx",
    // Another office suite: LibreOffice's own Word export and print of a web page (masthead
    // in tables, a title that wraps).
    "tests/fixtures/import/other-suite/renda-zhichuang-2025-3.docx",
    "tests/fixtures/import/other-suite/renda-zhichuang-2025-3.pdf",
];

/// The key of a problem's field, as the page keeps it (empty: none).
fn field_key(field: &Option<editor::FieldPath>) -> String {
    field.as_ref().map(ToString::to_string).unwrap_or_default()
}

#[test]
fn the_json_is_byte_for_byte_what_bulletin_convert_writes() {
    for path in FILES {
        let outcome = editor_convert(path, &[]);
        let (json, problems) = cli_convert_checked(path);
        assert_eq!(outcome.json.as_deref(), Some(&json[..]), "{path}");
        // The same problems (the picture without a description of 2024-19), in English.
        let english = editor::update(&Input {
            text: editor::open(&std::fs::read(fixture(path)).unwrap(), UiLang::En)
                .unwrap()
                .0
                .text,
            lang: "en".into(),
            ..Input::default()
        });
        let ours: Vec<String> = english.problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(ours, problems, "{path}");
        assert_eq!(outcome.problems.len(), problems.len(), "{path}");
    }
    // The picture's problem is there to be found; its pictures are named as the CLI names
    // them, and listed to download.
    assert!(!cli_convert_checked(FILES[6]).1.is_empty());
    let pictures: Vec<(String, String)> = editor_convert(FILES[6], &[])
        .pictures
        .into_iter()
        .map(|p| (p.image, p.file))
        .collect();
    assert_eq!(
        pictures,
        [
            ("image-1.png".to_string(), "issue-image-1.png".to_string()),
            ("image-2.png".to_string(), "issue-image-2.png".to_string())
        ]
    );
}

#[test]
fn a_fixed_field_changes_that_value_only() {
    let path = "tests/fixtures/import/seed/lianluo-dongtai-2024-18.docx";
    let cli: Value = serde_json::from_str(&cli_convert(path)).unwrap();
    let fixes = [
        ("masthead.issue", "第 19 期"),
        ("articles.a-2.source", "（摘编自湘潭日报）"),
        ("footer.contact.phone", "0731—85300000"),
    ];
    let outcome = editor_convert(path, &fixes);
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    let fixed: Value = serde_json::from_str(outcome.json.as_deref().unwrap()).unwrap();
    let mut expected = cli.clone();
    // Read as the source would read them: 第 19 期 as the masthead line is parsed, the
    // brackets of a source note dropped, print's dash in a number made a hyphen.
    expected["masthead"]["issue"]["label"] = "第19期".into();
    expected["masthead"]["issue"]["number"] = 19.into();
    expected["articles"][1]["source"] = "摘编自湘潭日报".into();
    expected["footer"]["contact"]["phone"] = "0731-85300000".into();
    assert_eq!(fixed, expected);
    let field = |p: &str| {
        outcome
            .fields
            .iter()
            .find(|f| f.path.to_string() == p)
            .unwrap()
    };
    assert_eq!(field("masthead.issue").converted, "第18期");
    assert_eq!(field("masthead.issue").value, "第19期");
}

#[test]
fn a_fixed_title_is_the_title_the_corrected_source_gives() {
    // The text without a 要目: its 要目 is made from the titles, and follows a fixed title.
    let text = "# 联络动态\n第 3 期\n某某编\n2025 年 1 月 2 日\n---\n## 旧的标题\n正文。\n";
    let fixed = editor::update(&Input {
        text: text.into(),
        fixes: [("articles.a-1.title".to_string(), "新的 标题,二".to_string())].into(),
        ..Input::default()
    });
    let corrected = editor::update(&Input {
        text: text.replace("旧的标题", "新的 标题,二"),
        ..Input::default()
    });
    assert_eq!(fixed.json, corrected.json);
    assert!(fixed.json.unwrap().contains("\"title\": \"新的标题，二\""));
}

#[test]
fn a_fix_that_cannot_be_read_names_its_field_and_blocks_the_download() {
    let outcome = editor_convert(
        "tests/fixtures/seed/lianluo-dongtai-2024-18.txt",
        &[
            ("masthead.date", "2024 年 13 月 4 日"),
            ("articles.a-1.title", "  "),
        ],
    );
    let fields: Vec<(String, &str)> = outcome
        .problems
        .iter()
        .map(|p| (field_key(&p.field), p.message.as_str()))
        .collect();
    assert!(
        fields.contains(&(
            "masthead.date".to_string(),
            "日期应写作“2024 年 11 月 4 日”（或二〇二四年十一月四日、2024.11.4），且是真实的日期"
        )),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("articles.a-1.title".to_string(), "不能为空")),
        "{fields:?}"
    );
    // A 报尾 line's problem is its field's.
    let footer = editor_convert(
        "tests/fixtures/seed/lianluo-dongtai-2024-18.txt",
        &[("footer.distribution.0", "全国人大\u{202E}常委会")],
    );
    let p = footer
        .problems
        .iter()
        .find(|p| p.path.as_deref() == Some("footer.distribution[0].text"));
    assert_eq!(
        p.map(|p| field_key(&p.field)).as_deref(),
        Some("footer.distribution.0"),
        "{:?}",
        footer.problems
    );
    assert!(
        p.unwrap().message.starts_with("报尾第 1 行分送的文字："),
        "{:?}",
        p
    );
    // Validation's problems are said in an editor's words.
    let picture = editor_convert(
        "tests/fixtures/import/image/lianluo-dongtai-2024-19.docx",
        &[],
    );
    assert_eq!(
        picture.problems[0].message,
        "第 1 篇第 4 块（图片）的说明：不能为空"
    );
    assert_eq!(
        picture.problems[0].path.as_deref(),
        Some("articles[0].blocks[3].alt")
    );
    let title = outcome
        .problems
        .iter()
        .find(|p| field_key(&p.field) == "articles.a-1.title");
    assert_eq!(title.unwrap().article.as_deref(), Some("a-1"));
}

#[test]
fn a_converter_error_says_the_line_and_the_place_in_the_file() {
    let bytes = std::fs::read(fixture("tests/fixtures/import/not-a-bulletin/tongzhi.pdf")).unwrap();
    let (opened, _) = editor::open(&bytes, UiLang::En).unwrap();
    // In the Chinese interface, the refusal in Chinese.
    let chinese = editor::update(&Input {
        text: opened.text.clone(),
        places: opened.places.clone(),
        ..Input::default()
    });
    assert!(
        chinese.problems[0].message.starts_with("不是简报："),
        "{}",
        chinese.problems[0].message
    );
    let outcome = editor::update(&Input {
        text: opened.text,
        places: opened.places,
        lang: "en".into(),
        ..Input::default()
    });
    assert!(outcome.json.is_none());
    let p = &outcome.problems[0];
    let place = p.place.expect("a page and line of the PDF");
    // The CLI's message for the same file: FILE: page P, line L: MESSAGE.
    let o = common::bulletin_command(["convert"])
        .arg(fixture("tests/fixtures/import/not-a-bulletin/tongzhi.pdf"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    let said = format!(
        "page {}, line {}: {}",
        place.page.unwrap(),
        place.line.unwrap(),
        p.message
    );
    assert!(stderr.contains(&said), "{stderr} / {said}");
}

#[test]
fn files_that_are_not_bulletins_get_the_messages_of_the_cli() {
    // (A scan is read by the command's OCR; the 编辑台 says where scans go:
    // the_editor_says_in_chinese_where_scans_go_and_opens_ofd.)
    for path in [
        "tests/fixtures/import/bad/legacy-word.doc",
        "tests/fixtures/import/bad/needs-password.pdf",
    ] {
        let bytes = std::fs::read(fixture(path)).unwrap();
        let failure = editor::open(&bytes, UiLang::En)
            .err()
            .unwrap_or_else(|| panic!("{path} opened"));
        let o = common::bulletin_command(["convert"])
            .arg(fixture(path))
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&o.stderr).contains(&failure.message),
            "{path}: {}",
            failure.message
        );
        // In a Chinese interface, the same failure in Chinese.
        let zh = editor::open(&bytes, UiLang::ZhCn).err().unwrap().message;
        assert!(zh.contains("Word") || zh.contains("PDF"), "{zh}");
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert_ne!(zh, failure.message);
    }
}

#[test]
fn the_feed_is_what_bulletin_feed_writes_for_the_folder_with_the_issue() {
    let dir = tempfile::tempdir().unwrap();
    let issues = fixture("www/issues");
    for entry in std::fs::read_dir(&issues).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") && !path.ends_with("feed.json") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let feed = std::fs::read_to_string(issues.join("feed.json")).unwrap();
    // A newer issue: the seed as 第19期 of a later date.
    let outcome = editor_convert(
        "tests/fixtures/seed/lianluo-dongtai-2024-18.txt",
        &[
            ("masthead.issue", "第 19 期"),
            ("masthead.date", "2024 年 11 月 18 日"),
        ],
    );
    let json = outcome.json.unwrap();
    std::fs::write(dir.path().join("lianluo-dongtai-2024-19.json"), &json).unwrap();
    let issue = bulletin::model::parse_issue(&json).unwrap();
    let url = editor::url_in_feed(&feed, "lianluo-dongtai-2024-19.json", UiLang::ZhCn).unwrap();
    assert_eq!(url, "lianluo-dongtai-2024-19.json");
    let ours = editor::feed_with(&feed, &issue, &url).unwrap();
    let o = common::bulletin_command(["feed", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The opened feed's search index is kept (its issues stay searchable; the new one is
    // not in it until `bulletin feed -o` runs again); on standard output `feed` writes none.
    let mut kept: Value = serde_json::from_str(&ours).unwrap();
    let shipped: Value = serde_json::from_str(&feed).unwrap();
    assert_eq!(kept["search"], shipped["search"]);
    kept.as_object_mut().unwrap().remove("search");
    let cli: Value = serde_json::from_str(&String::from_utf8(o.stdout).unwrap()).unwrap();
    assert_eq!(kept, cli);
    let v: Value = serde_json::from_str(&ours).unwrap();
    assert_eq!(v["issues"][0]["label"], "第19期");
    // A feed whose issues are in a folder gets the new one beside them.
    let nested = feed.replace("\"url\": \"", "\"url\": \"issues/");
    assert_eq!(
        editor::url_in_feed(&nested, "x.json", UiLang::ZhCn).unwrap(),
        "issues/x.json"
    );
    // Published again (corrected), it replaces its entry.
    let again = editor::feed_with(&ours, &issue, &url).unwrap();
    assert_eq!(again, ours);
}

/// Issue file names that mean something else in a URL (`#`, `?`, `%`, a backslash, a space,
/// Chinese) get the URL `bulletin feed` gives them in the feed the 编辑台 downloads — the
/// same function's, percent-encoded — and each URL, decoded as a web server decodes it, names
/// that file; a name that cannot be a file's name in a URL is refused, in the page's language.
#[test]
fn feed_urls_name_their_files_whatever_the_names() {
    let dir = tempfile::tempdir().unwrap();
    let issues = dir.path().join("issues");
    std::fs::create_dir(&issues).unwrap();
    let seed = std::fs::read_to_string(fixture("www/issues/lianluo-dongtai-2024-18.json")).unwrap();
    let names = [
        "a#b.json",
        "q?x=1.json",
        "%41.json",
        "A.json",
        "a\\b.json",
        "第 18 期.json",
        "a&b'(1).json",
    ];
    // The feed of the bundled issue, kept in issues/, and an issue added to it by name.
    std::fs::write(issues.join("lianluo-dongtai-2024-18.json"), &seed).unwrap();
    let feed_path = dir.path().join("feed.json");
    let o = common::bulletin_command(["feed", issues.to_str().unwrap(), "-o"])
        .arg(&feed_path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut feed = std::fs::read_to_string(&feed_path).unwrap();
    for (k, name) in names.iter().enumerate() {
        // Each its own issue (another number), so that the feed lists every file.
        let json = seed.replacen("\"number\": 18", &format!("\"number\": {}", 30 + k), 1);
        std::fs::write(issues.join(name), &json).unwrap();
        let issue = bulletin::model::parse_issue(&json).unwrap();
        let url = editor::url_in_feed(&feed, name, UiLang::ZhCn).unwrap();
        assert_eq!(url, format!("issues/{}", bulletin::render::url_path(name)));
        assert!(!url.contains(['#', '?', '\\', ' ']), "{url}");
        let path = bulletin::render::path_of_url(&url).unwrap();
        assert!(dir.path().join(&path).is_file(), "{url} → {path}");
        feed = editor::feed_with(&feed, &issue, &url).unwrap();
    }
    let urls = |feed: &str| -> Vec<String> {
        let v: Value = serde_json::from_str(feed).unwrap();
        let mut urls: Vec<String> = v["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["url"].as_str().unwrap().to_string())
            .collect();
        urls.sort();
        urls
    };
    let ours = urls(&feed);
    assert!(ours.contains(&"issues/%2541.json".to_string()), "{ours:?}");
    assert!(ours.contains(&"issues/A.json".to_string()), "{ours:?}");
    assert!(ours.contains(&"issues/a%23b.json".to_string()), "{ours:?}");
    assert!(ours.contains(&"issues/a%5Cb.json".to_string()), "{ours:?}");
    // The very URLs `bulletin feed` writes for the folder with all of them.
    let o = common::bulletin_command(["feed", issues.to_str().unwrap(), "-o"])
        .arg(&feed_path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(ours, urls(&std::fs::read_to_string(&feed_path).unwrap()));

    // Names that cannot be a file's in a URL: refused, said in Chinese (or English).
    for bad in [
        "",
        "  ",
        ".",
        "..",
        "a/b.json",
        "../x.json",
        "a\nb.json",
        "a\tb.json",
        "\u{7f}.json",
    ] {
        let zh = editor::url_in_feed(&feed, bad, UiLang::ZhCn).unwrap_err();
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{bad:?}: {zh}"
        );
        let en = editor::url_in_feed(&feed, bad, UiLang::En).unwrap_err();
        assert_ne!(zh, en);
    }
}

#[test]
fn repairs_are_listed_with_their_place_in_the_file() {
    let outcome = editor_convert(
        "tests/fixtures/import/seed/lianluo-dongtai-2024-18.pdf",
        &[],
    );
    assert!(!outcome.repairs.is_empty());
    // Every repair of a PDF's text points at a page and line of it.
    for r in &outcome.repairs {
        let place = r.place.unwrap_or_else(|| panic!("{r:?} has no place"));
        assert!(place.page.is_some() && place.line.is_some(), "{r:?}");
    }
}

/// A feed.json that cannot be read is said in the editor's language.
#[test]
fn a_feed_that_cannot_be_read_is_said_in_chinese() {
    let issue = editor_convert("tests/fixtures/seed/lianluo-dongtai-2024-18.txt", &[]);
    let issue = bulletin::model::parse_issue(&issue.json.unwrap()).unwrap();
    let zh = editor::feed_with_in("{\"issues\": 3}", &issue, "x.json", UiLang::ZhCn).unwrap_err();
    assert!(
        zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{zh}"
    );
    let en = editor::feed_with_in("{\"issues\": 3}", &issue, "x.json", UiLang::En).unwrap_err();
    assert_ne!(zh, en);
}

/// A scan, or a PDF whose fonts have no Unicode map, opened in the 编辑台: the page says in
/// Chinese which pages need OCR, that the 编辑台 does not do it and why, and the command that
/// does (#31). An OFD file opens like a PDF.
#[test]
fn the_editor_says_in_chinese_where_scans_go_and_opens_ofd() {
    for (file, pages) in [
        (
            "tests/fixtures/ocr/zengkan-2.scan-300dpi.pdf",
            "第 1–2 页没有文字层（是扫描件或页面的图片）",
        ),
        (
            "tests/fixtures/ocr/zengkan-2.unmapped.pdf",
            "第 1–2 页的字体没有文字映射",
        ),
        (
            "tests/fixtures/ocr/zengkan-2.mixed.pdf",
            "第 1 页没有文字层",
        ),
        (
            "tests/fixtures/ofd/renda-tongxun-2025-9/renda-tongxun-2025-9.easyofd-pictures.ofd",
            "第 1–2 页没有文字层",
        ),
    ] {
        let bytes = std::fs::read(fixture(file)).unwrap();
        let failure = match editor::open(&bytes, UiLang::ZhCn) {
            Err(f) => f,
            Ok(_) => panic!("{file}: opened"),
        };
        let m = &failure.message;
        assert!(m.starts_with(pages), "{file}: {m}");
        assert!(
            m.contains("需要文字识别（OCR）。编辑台不在浏览器里做文字识别"),
            "{m}"
        );
        assert!(m.contains("bulletin convert 文件 --ocr auto"), "{m}");
        assert!(!m.contains("MEASURE"), "{m}");
        // In English, what the command says.
        let en = match editor::open(&bytes, UiLang::En) {
            Err(f) => f.message,
            Ok(_) => unreachable!(),
        };
        assert!(en.contains("bulletin convert FILE --ocr auto"), "{en}");
    }
    let ofd = std::fs::read(fixture(
        "tests/fixtures/ofd/renda-tongxun-2025-9/renda-tongxun-2025-9.easyofd-text.ofd",
    ))
    .unwrap();
    let (opened, _) = editor::open(&ofd, UiLang::ZhCn).unwrap_or_else(|f| panic!("{}", f.message));
    assert_eq!(opened.format, "ofd");
    assert!(opened.text.contains("# 人大工作通讯"));
}
