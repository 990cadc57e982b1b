//! Static HTML of an issue, rendered by the viewer's own components (Yew server-side
//! rendering): a complete page that reads, and whose 要目 links work, with no JavaScript.
//! The output depends only on the issue: the same input gives byte-identical HTML.

use crate::model::Issue;
use crate::ui::UiLang;
use crate::viewer::{ArchiveIndexProps, ArchiveIndexView, IssueView, IssueViewProps, CSS};
use std::rc::Rc;

/// The markup of the issue alone, as the viewer renders it, inside its root elements;
/// `classes` marks where it is used (`bv-static`, or `bv-static bv-ssr` in a fragment), and
/// `link_base` starts the links to articles.
async fn issue_markup(issue: &Issue, classes: &str, link_base: &'static str) -> String {
    // A draft (or any issue with problems) is shown as the viewer shows it: under the notice
    // that lists them (not printed).
    let props = yew::props!(IssueViewProps {
        issue: Rc::new(issue.clone()),
        problems: Rc::new(crate::model::validate(issue)),
        lang: UiLang::ZhCn,
        link_base,
    });
    let body = render_html::<IssueView>(props).await;
    format!(
        "<div class=\"bv-root {classes}\"><section class=\"bv-app {}\" aria-label=\"{}\">{body}</section></div>",
        default_classes(),
        escape(&label(issue))
    )
}

/// The classes of the viewer's root as a first-time reader sees it (the default reader
/// settings), so that static pages are styled as the live viewer is.
fn default_classes() -> String {
    crate::ui::ReaderPrefs::default().classes()
}

/// A complete, standalone page: title, language, description, structured data (schema.org
/// `PublicationIssue` with its articles), the viewer's stylesheet, the issue.
pub fn page(issue: &Issue) -> String {
    futures_executor::block_on(page_html(issue))
}

/// [`page`], for callers that cannot block (the editor's wasm, where Yew's renderer runs on
/// the browser's task queue).
pub async fn page_html(issue: &Issue) -> String {
    let m = &issue.masthead;
    // A draft's empty parts are left out (no empty brackets, no empty titles).
    let contents: Vec<&str> = issue
        .articles
        .iter()
        .map(|a| a.title.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let date = m.date.display.trim();
    let description = format!(
        "{}{}{}{}要目：{}",
        label(issue),
        if date.is_empty() { "" } else { "（" },
        date,
        if date.is_empty() { "" } else { "）" },
        contents.join("；")
    );
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n{icon}\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\n\
         <title>{title}</title>\n<meta name=\"description\" content=\"{description}\">\n\
         <script type=\"application/ld+json\">{ld}</script>\n<style>{css}{page_css}</style>\n</head>\n<body>\n{markup}\n</body>\n</html>\n",
        icon = ICON,
        title = escape(&label(issue)),
        description = escape(&description),
        ld = structured_data(issue),
        css = CSS,
        page_css = PAGE_CSS,
        markup = issue_markup(issue, "bv-static", "#").await,
    )
}

/// Where a prerendered embed's styles come from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stylesheet<'a> {
    /// `<link rel="stylesheet" href="…">` to viewer.css: cached across pages, but its first
    /// paint waits for that file.
    Link(&'a str),
    /// The viewer's stylesheet in a `<style>` element: painted with the page's first bytes;
    /// a strict Content-Security-Policy must allow it by its hash ([`inline_css`]).
    Inline,
}

/// The text of the `<style>` element of [`Stylesheet::Inline`], whose hash a
/// Content-Security-Policy's `style-src` lists.
pub fn inline_css() -> &'static str {
    CSS
}

/// The embed with the issue already drawn in it, for a CMS to paste into its own page:
///
/// ```html
/// <bulletin-viewer src="SRC"><template shadowrootmode="open">
///   <link rel="stylesheet" href="CSS"> …the issue… </template></bulletin-viewer>
/// ```
///
/// (or `<style>…</style>` in place of the link, with [`Stylesheet::Inline`]).
///
/// The browser builds the shadow root from the declarative template while parsing, so the
/// issue shows, styled and isolated from the page, before any script runs; when the viewer
/// has loaded (`bulletin-viewer.js`) it draws the issue again in the same shadow root and
/// removes this copy in one step (Yew's hydration cannot adopt markup inside a shadow root).
pub fn fragment(issue: &Issue, src: &str, css: Stylesheet) -> String {
    let style = match css {
        Stylesheet::Link(url) => format!("<link rel=\"stylesheet\" href=\"{}\">", escape(url)),
        // The stylesheet is the build's own (www/viewer.css, minified): it holds no `</style`.
        Stylesheet::Inline => format!("<style>{CSS}</style>"),
    };
    format!(
        "<bulletin-viewer src=\"{}\"><template shadowrootmode=\"open\">{style}{}</template></bulletin-viewer>\n",
        escape(src),
        // The viewer's own link form: the ids are inside the shadow root, where a plain
        // fragment cannot reach; the viewer follows `#bulletin/a-2` once it has loaded.
        futures_executor::block_on(issue_markup(issue, "bv-static bv-ssr", "#bulletin/"))
    )
}

/// The archive's index: every issue of the feed, newest first, with its date and 要目, each
/// linking to its page (`pages`: the entry and its page's file name).
pub fn archive_index(
    feed: &crate::model::Feed,
    pages: &[(crate::model::FeedEntry, String)],
) -> String {
    let props = yew::props!(ArchiveIndexProps {
        title: feed.title.clone(),
        pages: Rc::new(
            pages
                .iter()
                .map(|(e, page)| (e.clone(), url_path(page)))
                .collect::<Vec<_>>()
        ),
    });
    let body = render_to_string::<ArchiveIndexView>(props);
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n{icon}\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · 往期</title>\n<meta name=\"description\" content=\"{title}往期目录\">\n<style>{css}{page_css}{archive_css}</style>\n</head>\n<body>\n\
         <div class=\"bv-root bv-static\"><section class=\"bv-app {classes}\" aria-label=\"{title}\">{body}</section></div>\n</body>\n</html>\n",
        icon = ICON,
        title = escape(&feed.title),
        classes = default_classes(),
        css = CSS,
        page_css = PAGE_CSS,
        archive_css = ARCHIVE_CSS,
    )
}

/// Static HTML of a component (no hydration markers).
fn render_to_string<C>(props: C::Properties) -> String
where
    C: yew::BaseComponent,
{
    futures_executor::block_on(render_html::<C>(props))
}

async fn render_html<C>(props: C::Properties) -> String
where
    C: yew::BaseComponent,
{
    yew::LocalServerRenderer::<C>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

/// The page's icon, inline (the bulletin's red masthead rule as `www/favicon.svg` draws it),
/// so that a page copied anywhere does not ask its server for a `/favicon.ico` it lacks.
const ICON: &str = "<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='4' fill='%23fff'/%3E%3Crect x='4' y='6' width='24' height='6' fill='%23c00018'/%3E%3Crect x='4' y='15' width='24' height='2' fill='%23c00018'/%3E%3Crect x='4' y='20' width='24' height='2' fill='%23555'/%3E%3Crect x='4' y='25' width='16' height='2' fill='%23555'/%3E%3C/svg%3E\">";

const ARCHIVE_CSS: &str = ".bv-archive{list-style:none;margin:0;padding:0}.bv-archive-issue{margin:0 0 2em}.bv-archive-issue h2{text-align:left;margin:0}.bv-archive-date{margin:0;color:var(--bv-muted)}.bv-archive-issue a{color:inherit}";

/// What the page itself needs around the viewer's styles: the A4 page box of GB/T 9704 for
/// printing, and a plain body.
const PAGE_CSS: &str = "body{margin:0}@page{size:A4;margin:37mm 26mm 35mm 28mm;@bottom-center{content:\"— \" counter(page) \" —\";font-size:10pt}}";

/// 联络动态 第18期; of a draft, what it has (简报 when it has neither).
fn label(issue: &Issue) -> String {
    let m = &issue.masthead;
    match (m.title.trim(), m.issue.label.trim()) {
        ("", "") => UiLang::ZhCn.text().name.to_string(),
        (title, "") => title.to_string(),
        ("", number) => number.to_string(),
        (title, number) => format!("{title} {number}"),
    }
}

/// schema.org data for search engines, as JSON safe inside a `<script>` element.
fn structured_data(issue: &Issue) -> String {
    let m = &issue.masthead;
    let organ = m.organ.strip_suffix('编').unwrap_or(&m.organ);
    let published = (!m.date.iso.is_empty()).then_some(&m.date.iso);
    let ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "PublicationIssue",
        "name": label(issue),
        "issueNumber": m.issue.label,
        // A draft's missing date: no date at all (null) rather than an empty one.
        "datePublished": published,
        "inLanguage": "zh-CN",
        "isPartOf": {
            "@type": "Periodical",
            "name": m.title,
            "publisher": { "@type": "GovernmentOrganization", "name": organ },
        },
        "hasPart": issue.articles.iter().map(|a| serde_json::json!({
            "@type": "NewsArticle",
            "headline": a.title,
            "url": format!("#{}", a.id),
            "datePublished": published,
        })).collect::<Vec<_>>(),
    });
    // `</script>` or `<!--` inside a string must not end or confuse the element.
    ld.to_string().replace('<', "\\u003c")
}

/// A file name as a relative URL: bytes other than letters, digits and `-._~` are
/// percent-encoded, so that `#`, `?`, `%` or `\` in a name cannot break the link (the name
/// of an issue file in a feed, of a page in the archive).
pub fn url_path(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The file path a relative URL names: each `%XX` decoded (the inverse of [`url_path`] for
/// every segment). None when the decoded bytes are not UTF-8.
pub fn path_of_url(url: &str) -> Option<String> {
    let bytes = url.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |k: usize| {
            bytes
                .get(k)
                .and_then(|b| (*b as char).to_digit(16))
                .map(|d| d as u8)
        };
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push(h * 16 + l);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Escapes text for HTML text and attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
