//! Static HTML (`bulletin render`): a complete page with the issue's structure, links that
//! resolve, escaped text, structured data, and the same bytes for the same input.

use bulletin::model::{parse_issue, Issue};
use bulletin::render::page;
use bulletin::render::Stylesheet::{Inline, Link};

mod common;
use common::{check_golden, SEED};

fn seed() -> Issue {
    parse_issue(SEED).unwrap()
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[test]
fn a_complete_page() {
    let html = page(&seed());
    assert!(html.starts_with("<!doctype html>\n<html lang=\"zh-CN\">"));
    assert!(html.contains("<title>联络动态 第18期</title>"));
    assert!(html.contains("<meta name=\"description\" content=\"联络动态 第18期（2024年11月4日）要目：全省基层人大工作推进会召开沈晓明作出批示；湘潭市委书记胡贺波在全省基层人大工作推进会上的发言\">"));
    assert!(
        html.contains(".bv-p{margin:0 0 0.35em;text-indent:2em;"),
        "the viewer's styles are in"
    );
    assert_eq!(
        count(&html, "<script"),
        1,
        "no script but the structured data"
    );
}

#[test]
fn landmarks_headings_and_links_that_resolve() {
    let html = page(&seed());
    assert_eq!(count(&html, "<header class=\"bv-masthead\">"), 1);
    assert_eq!(
        count(&html, "<nav aria-labelledby=\"bv-contents-heading\""),
        1
    );
    assert_eq!(count(&html, "<article "), 2);
    assert_eq!(count(&html, "<footer class=\"bv-footer\">"), 1);
    assert_eq!(count(&html, "<h1 "), 1);
    assert!(html.contains("<h1 class=\"bv-title\">联络动态</h1>"));
    // Every fragment link leads to an element with that id.
    let mut links = 0;
    for part in html.split("href=\"#").skip(1) {
        let id = &part[..part.find('"').unwrap()];
        assert!(
            html.contains(&format!("id=\"{id}\"")),
            "#{id} leads nowhere"
        );
        links += 1;
    }
    assert_eq!(links, 4, "2 要目 links and previous/next");
    // Digits next to Han characters carry the spacing spans; next to punctuation they do not.
    assert!(html
        .contains("批准文号：</span>湘党简准字〔2000〕第<span class=\"bv-wl bv-wr\">28</span>号"));
}

#[test]
fn structured_data_describes_the_issue() {
    let html = page(&seed());
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(ld["@type"], "PublicationIssue");
    assert_eq!(ld["datePublished"], "2024-11-04");
    assert_eq!(ld["isPartOf"]["name"], "联络动态");
    assert_eq!(
        ld["isPartOf"]["publisher"]["name"],
        "湖南省人大常委会代表工作委员会"
    );
    assert_eq!(ld["hasPart"].as_array().unwrap().len(), 2);
    assert_eq!(ld["hasPart"][1]["url"], "#a-2");
}

#[test]
fn text_is_escaped_everywhere() {
    let mut issue = seed();
    let payload = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";
    issue.masthead.title = payload.into();
    issue.articles[0].title = payload.into();
    issue.contents[0].title = payload.into();
    if let bulletin::model::Block::Paragraph { text } = &mut issue.articles[1].blocks[0] {
        *text = payload.into();
    }
    let html = page(&issue);
    assert_eq!(count(&html, "<script"), 1, "only the structured data block");
    assert_eq!(count(&html, "<img"), 0);
    assert!(html.contains(
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
    ));
    let ld_start = html.find("application/ld+json").unwrap();
    let ld_end = ld_start + html[ld_start..].find("</script>").unwrap();
    assert!(
        !html[ld_start..ld_end].contains("</"),
        "the payload cannot end the data block"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    assert_eq!(page(&seed()), page(&seed()));
    let a = bulletin::render::fragment(&seed(), "a.json", Link("viewer.css"));
    assert_eq!(
        a,
        bulletin::render::fragment(&seed(), "a.json", Link("viewer.css"))
    );
}

#[test]
fn the_fragment_is_the_embed_with_a_declarative_shadow_root() {
    let html = bulletin::render::fragment(
        &seed(),
        "/b/\"><script>x</script>.json",
        Link("/c/viewer.css"),
    );
    assert!(html.starts_with("<bulletin-viewer src=\"/b/&quot;&gt;&lt;script&gt;x&lt;/script&gt;.json\"><template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"/c/viewer.css\"><div class=\"bv-root bv-static bv-ssr\">"));
    assert!(html.ends_with("</template></bulletin-viewer>\n"));
    assert_eq!(count(&html, "<script"), 0);
    // Links in the viewer's own form, followed by the viewer once it has loaded.
    assert!(html.contains("href=\"#bulletin/a-2\""));
}

#[test]
fn an_inline_fragment_carries_the_stylesheet_and_no_link() {
    let html = bulletin::render::fragment(&seed(), "a.json", Inline);
    let css = bulletin::render::inline_css();
    assert!(css.contains(".bv-masthead"), "the viewer's stylesheet");
    assert!(html.starts_with(&format!(
        "<bulletin-viewer src=\"a.json\"><template shadowrootmode=\"open\"><style>{css}</style><div class=\"bv-root bv-static bv-ssr\">"
    )));
    assert_eq!(count(&html, "<link"), 0);
    assert_eq!(count(&html, "</style"), 1);
}

#[test]
fn the_archive_index_escapes_and_encodes() {
    let mut issue = seed();
    issue.masthead.title = "<b>联络</b>".into();
    let feed = bulletin::model::build_feed(&[("a#b?.json".into(), issue)]);
    let entry = feed.issues[0].clone();
    let html = bulletin::render::archive_index(&feed, &[(entry, "a#b?.html".into())]);
    assert!(html.contains("href=\"a%23b%3F.html\""));
    assert!(html.contains("&lt;b&gt;联络&lt;/b&gt; 第18期"));
    assert!(!html.contains("<b>"));
}

#[test]
fn the_command_refuses_invalid_issues() {
    let tmp_bad = tempfile::tempdir().unwrap();
    let bad = tmp_bad.path().join("bulletin-render.json");
    std::fs::write(
        &bad,
        SEED.replacen("\"article\": \"a-2\"", "\"article\": \"a-9\"", 1),
    )
    .unwrap();
    let o = common::bulletin_command(["render", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("contents[1].article: no article with id \"a-9\""));
    assert!(o.stdout.is_empty());
}

/// A table converted from a Word file: a real table with a header row and its caption, in a
/// box that scrolls sideways by itself (and can be reached by keyboard), cells as text.
#[test]
fn tables_are_drawn_as_tables() {
    let issue = parse_issue(include_str!("fixtures/import/table/expected.json")).unwrap();
    let html = page(&issue);
    assert_eq!(count(&html, "<table>"), 1);
    assert_eq!(count(&html, "<th scope=\"col\">"), 5);
    assert_eq!(count(&html, "<td>"), 25);
    // The caption with the quarter-em between Han and digits, as all text is spaced.
    assert!(html.contains(
        "<figcaption>表<span class=\"bv-wl bv-wr\">1</span>部分市州代表建议办理情况</figcaption>"
    ));
    assert!(html.contains(
        "<div role=\"region\" tabindex=\"0\" aria-label=\"表1部分市州代表建议办理情况\" class=\"bv-table-scroll\">"
    ));
    assert!(html.contains("<th scope=\"col\">代表满意或基本满意率</th>"));
    assert!(html.contains("<td>合计</td>"));
}

#[test]
fn static_pages_carry_their_own_icon() {
    // Copied to any server, a page must not ask it for a /favicon.ico it lacks (a 404 on every
    // page of an archive): the icon is inline.
    let page = bulletin::render::page(&seed());
    let feed = bulletin::model::build_feed(&[("a.json".into(), seed())]);
    let entry = feed.issues[0].clone();
    let index = bulletin::render::archive_index(&feed, &[(entry, "a.html".into())]);
    for html in [&page, &index] {
        assert_eq!(count(html, "rel=\"icon\""), 1);
        assert!(html.contains("<link rel=\"icon\" href=\"data:image/svg+xml,"));
    }
}

/// The markup between `<body>` and `</body>`: what the golden files hold (the stylesheet
/// is left out, so that a change of style does not rewrite them).
fn body(html: &str) -> String {
    let start = html.find("<body>\n").unwrap() + 7;
    let end = html.rfind("\n</body>").unwrap();
    let mut out = html[start..end].replace("><", ">\n<");
    out.push('\n');
    out
}

/// The text a reader sees in `html`: tags dropped, entities as they read.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
}

/// The element `<tag … class="class"…>…</tag>` (the first, not nested in one of its kind).
fn element<'a>(html: &'a str, tag: &str, class: &str) -> &'a str {
    let at = html
        .find(&format!("class=\"{class}\""))
        .unwrap_or_else(|| panic!("no <{tag} class=\"{class}\">"));
    let start = html[..at].rfind(&format!("<{tag} ")).unwrap();
    let end = start + html[start..].find(&format!("</{tag}>")).unwrap() + tag.len() + 3;
    &html[start..end]
}

fn fixture(case: &str) -> Issue {
    let path = common::root().join(format!("tests/fixtures/render/{case}/issue.json"));
    parse_issue(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A 报尾 with every field reads as printed: the distribution lines in order, 责任编辑, 审核
/// and 签发, contact, approval number, the other lines, then the 版记: the office and
/// 2025年3月18日印发, and the print run under the last rule.
#[test]
fn the_whole_footer_reads_as_printed() {
    let html = page(&fixture("full-footer"));
    let footer = element(&html, "footer", "bv-footer");
    let text = visible(footer);
    let order = [
        "报：省政府办公厅。",
        "送：市委办公室",
        "发：各县市区人民政府",
        "抄送：市纪委监委。",
        "分送：市委、市人大",
        "责任编辑：王明",
        "审核：李华",
        "签发：张强",
        "联系方式：0731-88880000 jianbao@example.gov.cn",
        "批准文号：湘内资准字〔2025〕第12号",
        "本期共印发至县级。",
        "（内部资料　注意保存）",
        "某某市人民政府办公室秘书科",
        "2025年3月18日印发",
        "（共印80份）",
    ];
    let mut at = 0;
    for line in order {
        let found = text[at..]
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} not after {at} in {text}"));
        at += found + line.len();
    }
    assert!(text.ends_with("（共印80份）"), "the print run comes last");
    // 责任编辑 审核 签发 share one line, apart.
    assert!(text.contains("责任编辑：王明 审核：李华 签发：张强"));
    // The 印发 line: the office and the date apart (left and right), the date a <time>.
    let issued = element(footer, "div", "bv-issued");
    assert!(
        issued.contains("<span>某某市人民政府办公室秘书科</span> <span class=\"bv-issued-date\">")
    );
    // Below the last rule: the print run is outside the ruled parts.
    assert!(footer.ends_with("</div><p class=\"bv-copies\">（共印80份）</p></footer>"));
    check_golden(
        "tests/fixtures/render/full-footer/expected.html",
        &body(&html),
    );
}

/// A 印发 line with only the office (no date), or only the date: 印发 stays at the right; an
/// empty footer draws nothing.
#[test]
fn the_issued_line_without_its_date_or_office() {
    let mut issue = fixture("full-footer");
    let issued = issue.footer.issued.as_mut().unwrap();
    let date = issued.date.take();
    let html = page(&issue);
    assert_eq!(
        visible(element(&html, "div", "bv-issued")),
        "某某市人民政府办公室秘书科 印发"
    );
    let issued = issue.footer.issued.as_mut().unwrap();
    issued.by = None;
    issued.date = date;
    let html = page(&issue);
    assert_eq!(
        visible(element(&html, "div", "bv-issued")),
        " 2025年3月18日印发"
    );
    issue.footer = Default::default();
    assert!(!page(&issue).contains("<footer"));
}

/// A draft (the converter left parts it could not find empty): every empty part shows a
/// stand-in, the 要目 entry without an article is no link, every link still leads somewhere,
/// and the notice lists what is missing.
#[test]
fn a_draft_shows_what_is_missing() {
    let issue = fixture("draft");
    let html = page(&issue);
    let masthead = visible(element(&html, "header", "bv-masthead"));
    assert_eq!(
        masthead,
        "（名称未填）第 — 期（期号未填）（编印单位未填）（日期未填）"
    );
    assert!(!html.contains("datetime=\"\""), "no empty date");
    let nav = &html[html.find("<nav ").unwrap()..html.find("</nav>").unwrap()];
    assert_eq!(count(nav, "<a "), 2, "the entry with no article is no link");
    assert!(visible(nav).contains("基层治理工作经验交流（未找到对应文章）"));
    let articles = all_articles(&html);
    assert_eq!(articles.len(), 3);
    assert!(visible(&articles[1]).starts_with("（标题未填）"));
    assert!(visible(&articles[2]).contains("正文没有找到的文章（正文未填）"));
    // The pager names the untitled article by its stand-in.
    assert!(visible(&articles[0]).contains("下一篇：（标题未填）"));
    for part in html.split("href=\"#").skip(1) {
        let id = &part[..part.find('"').unwrap()];
        assert!(
            !id.is_empty() && html.contains(&format!("id=\"{id}\"")),
            "#{id}"
        );
    }
    // The notice lists the missing parts (the screen's; print leaves it out).
    let notice = visible(element(&html, "div", "bv-problems"));
    assert!(notice.contains("本期数据有 7 处问题"), "{notice}");
    assert!(
        notice.contains("masthead.date：未填写，请补上（草稿）"),
        "{notice}"
    );
    // No empty name or brackets in the page's title and description.
    assert!(html.contains("<title>简报</title>"));
    assert!(html.contains("<meta name=\"description\" content=\"简报要目：全市一季度重点工作推进会召开；正文没有找到的文章\">"));
    check_golden("tests/fixtures/render/draft/expected.html", &body(&html));
}

fn all_articles(html: &str) -> Vec<String> {
    html.split("<article ")
        .skip(1)
        .map(|a| format!("<article {}", &a[..a.find("</article>").unwrap()]))
        .collect()
}

/// `bulletin render` takes a draft (its missing parts said on stderr) and still refuses an
/// issue with other problems (`the_command_refuses_invalid_issues`).
#[test]
fn the_command_renders_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("draft.html");
    let o = common::bulletin_command(["render", "tests/fixtures/render/draft/issue.json", "-o"])
        .arg(&out)
        .current_dir(common::root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    // Written, and said to be a draft: exit 1, as `convert` writes one.
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("masthead.title: missing: this is a draft; fill it in"));
    assert!(stderr.contains("rendered as a draft"), "{stderr}");
    assert!(std::fs::read_to_string(out)
        .unwrap()
        .contains("（日期未填）"));
}
