//! 编辑台: what the authoring page (`www/editor/`) does with an editor's document, in Rust.
//!
//! Read the dropped file ([`open`]: [`crate::import`] into the converter's text form), convert
//! that text with the log of its repairs, apply the editor's fixes to the fields of the form,
//! validate, and write what the CLI writes ([`update`]: the issue JSON exactly as `bulletin
//! convert` writes it; [`feed_with`]: a feed with the issue added as `bulletin feed` orders it;
//! the static page by [`crate::render`]). No browser calls here: the page's worker calls this
//! through `wasm` (feature `editor`), and native tests call it directly to hold it to the CLI.
//!
//! A fix is what the editor typed into a field of the form, keyed by the field's path
//! (`masthead.issue`, `articles.a-2.title`, `footer.contact.phone`…). It is read as that text
//! would be read in the source (`第 19 期` by the same parser, titles with the same repairs),
//! so an issue with a fix is the issue the corrected source would give.

pub mod field;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use crate::convert::{self, fields, repair, Repair};
use crate::import::{self, ImageFile, Place};
use crate::model::{self, Feed, Issue, Problem};
use crate::ui::{problem_text, UiLang};
pub use field::{ArticleField, FieldPath, FooterField, JsonPath, MastheadField};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a line of the text form came from in the file: a page and line of a PDF, a
/// paragraph of a Word document, a line of a text file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Source {
    /// Page of a PDF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Line of a text file, or of a PDF's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Paragraph of a Word document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
}

impl From<Place> for Source {
    fn from(p: Place) -> Self {
        let none = Source {
            page: None,
            line: None,
            paragraph: None,
        };
        match p {
            Place::Line(line) => Source {
                line: Some(line),
                ..none
            },
            Place::Page { page, line } => Source {
                page: Some(page),
                line: Some(line),
                ..none
            },
            Place::Paragraph(n) => Source {
                paragraph: Some(n),
                ..none
            },
        }
    }
}

/// A file opened: the text form the editor sees and edits, and where its lines came from.
#[derive(Clone, Debug, Serialize)]
pub struct Opened {
    /// `pdf`, `docx` or `text`.
    pub format: &'static str,
    /// The text form (for Word and PDF, headed by [`convert::EXPLICIT_PARAGRAPHS`], as
    /// `bulletin convert --text` prints it): converting it gives what `bulletin convert`
    /// gives for the file.
    pub text: String,
    /// For each line of `text`, where it came from in the file (none for the heading line).
    pub places: Vec<Option<Source>>,
    /// The encoding of a text file that was not UTF-8.
    pub encoding: Option<&'static str>,
    /// The names of the pictures found (their bytes are kept apart).
    pub images: Vec<String>,
}

/// Why a file could not be opened or converted, and where.
#[derive(Clone, Debug, Serialize)]
pub struct Failure {
    /// Line of the text form, when the converter names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Where in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Source>,
    /// The message in the interface language (in English, what `bulletin convert` prints).
    pub message: String,
}

/// Reads a PDF, Word or text file into the text form to edit. A failure's message is in
/// `lang` (in English, what `bulletin convert` prints); its place is given apart.
pub fn open(bytes: &[u8], lang: UiLang) -> Result<(Opened, Vec<ImageFile>), Failure> {
    let read = import::read(bytes).map_err(|e| Failure {
        line: None,
        place: e.place.map(Source::from),
        message: e.kind.text(lang),
    })?;
    let (format, heading) = match read.format {
        import::Format::Pdf => ("pdf", true),
        import::Format::Docx => ("docx", true),
        import::Format::Ofd => ("ofd", true),
        import::Format::Text => ("text", false),
    };
    let mut places: Vec<Option<Source>> = read.places.into_iter().map(|p| Some(p.into())).collect();
    let text = if heading {
        places.insert(0, None);
        format!("{}\n{}", convert::EXPLICIT_PARAGRAPHS, read.text)
    } else {
        read.text
    };
    Ok((
        Opened {
            format,
            text,
            places,
            encoding: read.encoding,
            images: read.images.iter().map(|i| i.name.clone()).collect(),
        },
        read.images,
    ))
}

/// What the page sends on every change: the text, the fixes, where the lines came from.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Input {
    /// The text form.
    pub text: String,
    /// Field path → the value the editor typed.
    #[serde(default)]
    pub fixes: BTreeMap<String, String>,
    /// Where each line came from, while the text is as the file gave it.
    #[serde(default)]
    pub places: Vec<Option<Source>>,
    /// `en` for English interface text; Chinese otherwise.
    #[serde(default)]
    pub lang: String,
    /// The name the issue file gets (`NAME.json`): its pictures are named after it.
    #[serde(default)]
    pub name: String,
    /// The pictures of the opened file, by the names the text gives them (`image-1.png`).
    #[serde(default)]
    pub images: Vec<String>,
}

/// A field of the form: its path, what it is, and its value before and after the fix.
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    /// The key of its fix (`masthead.issue`, `articles.a-2.title`, `footer.distribution.0`).
    pub path: FieldPath,
    /// `masthead`, `article` or `footer`.
    pub group: &'static str,
    /// The field's name in the interface language (报头's 期号…).
    pub label: String,
    /// The article it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// The value the converter found (empty: none).
    pub converted: String,
    /// The value in the issue (the fix, read).
    pub value: String,
    /// Whether it may be left empty.
    pub optional: bool,
}

/// A repair, with where it is in the file.
#[derive(Clone, Debug, Serialize)]
pub struct RepairOut {
    /// The repair (line of the text form, kind, before → after).
    #[serde(flatten)]
    pub repair: Repair,
    /// Where that line came from in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Source>,
}

/// A problem that keeps the issue from being downloaded.
#[derive(Clone, Debug, Serialize)]
pub struct ProblemOut {
    /// The message in the interface language.
    pub message: String,
    /// Line of the text form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Where in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Source>,
    /// The JSON path of the value in the issue (`articles[1].title`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The field of the form it is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<FieldPath>,
    /// The article it is in, to show in the preview.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
}

/// The state after a change: the issue, its JSON, the form, the repairs and the problems.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    /// The issue JSON, byte for byte what `bulletin convert` writes (None when the text could
    /// not be converted).
    pub json: Option<String>,
    /// The form's fields, in reading order.
    pub fields: Vec<Field>,
    /// What the converter repaired, in text order.
    pub repairs: Vec<RepairOut>,
    /// What must be put right before the download (empty: ready).
    pub problems: Vec<ProblemOut>,
    /// Fixes of fields that the issue no longer has (an article gone from the text).
    pub stale: Vec<String>,
    /// A name for the issue file: the bulletin's year and number (`2024-18`), or its date.
    pub name: Option<String>,
    /// The pictures the issue shows: the name in the opened file, and the file it is
    /// written to beside the issue JSON (as `bulletin convert -o NAME.json` names it).
    pub pictures: Vec<Picture>,
}

/// A picture of the issue, to download with it.
#[derive(Clone, Debug, Serialize)]
pub struct Picture {
    /// Its name in the opened file (`image-1.png`).
    pub image: String,
    /// The file the issue points at (`lianluo-dongtai-2024-19-image-1.png`).
    pub file: String,
}

/// Converts the text, applies the fixes and checks the issue.
pub fn update(input: &Input) -> Outcome {
    let lang = if input.lang == "en" {
        UiLang::En
    } else {
        UiLang::ZhCn
    };
    let place = |line: usize| input.places.get(line.wrapping_sub(1)).copied().flatten();
    let (converted, repairs) = convert::convert_logged(&input.text);
    let repairs = repairs
        .into_iter()
        .map(|r| RepairOut {
            place: place(r.line),
            repair: r,
        })
        .collect();
    let converted = match converted {
        Ok(converted) => converted,
        Err(e) => {
            return Outcome {
                json: None,
                fields: Vec::new(),
                repairs,
                problems: vec![ProblemOut {
                    message: e.kind.text(lang),
                    line: Some(e.line),
                    place: place(e.line),
                    path: None,
                    field: None,
                    article: None,
                }],
                stale: Vec::new(),
                name: None,
                pictures: Vec::new(),
            }
        }
    };
    let convert::Converted {
        issue: converted,
        gaps,
    } = converted;
    let mut issue = converted.clone();
    let mut problems = Vec::new();
    let mut stale = Vec::new();
    for (key, value) in &input.fixes {
        let Ok(path) = key.parse::<FieldPath>() else {
            stale.push(key.clone());
            continue;
        };
        match apply_fix(&mut issue, &path, value) {
            Applied::Done => {}
            Applied::Unread(message) => problems.push(ProblemOut {
                message: message.text(lang).to_string(),
                line: None,
                place: None,
                path: None,
                article: path.article().map(str::to_string),
                field: Some(path),
            }),
            Applied::NoField => stale.push(key.clone()),
        }
    }
    let pictures = name_pictures(&mut issue, input);
    let fields = form(&converted, &issue, lang);
    let found = model::validate(&issue);
    // Each path read once into its steps.
    let found: Vec<(&Problem, Option<JsonPath>)> = found
        .iter()
        .map(|p| (p, JsonPath::parse(&p.path)))
        .collect();
    let gaps: Vec<(&convert::Gap, Option<JsonPath>)> =
        gaps.iter().map(|g| (g, JsonPath::parse(&g.path))).collect();
    let under = |path: &Option<JsonPath>, gap: &Option<JsonPath>| match (path, gap) {
        (Some(p), Some(g)) => p.under(g),
        _ => false,
    };
    // What the converter could not find, while it is still missing (a gap about a field is
    // closed once the field is filled in); validation's word on the same part is not said
    // twice.
    let mut open_gaps: Vec<&Option<JsonPath>> = Vec::new();
    for (gap, at) in &gaps {
        let about_a_field = !matches!(
            gap.kind,
            convert::GapKind::UnreadMastheadLine(_)
                | convert::GapKind::ArticleAfterFooter(_)
                | convert::GapKind::UnreadContact(_)
        );
        if !about_a_field || found.iter().any(|(_, p)| under(p, at)) {
            open_gaps.push(at);
            problems.push(gap_out(gap, at, &issue, &fields, lang, place(gap.line)));
        }
    }
    for (p, at) in &found {
        if !open_gaps.iter().any(|g| under(at, g)) {
            problems.push(problem_out(p, at, &issue, &fields, lang));
        }
    }
    let json = model::to_json(&issue);
    if json.len() as u64 > crate::ui::defaults::MAX_BYTES as u64 {
        problems.push(ProblemOut {
            message: match lang {
                UiLang::En => format!(
                    "{} bytes of JSON, more than the {} the viewer reads",
                    json.len(),
                    crate::ui::defaults::MAX_BYTES
                ),
                UiLang::ZhCn => format!(
                    "JSON 共 {} 字节，超过阅读器读取的上限 {} 字节",
                    json.len(),
                    crate::ui::defaults::MAX_BYTES
                ),
            },
            line: None,
            place: None,
            path: None,
            field: None,
            article: None,
        });
    }
    let name = Some(model::FeedEntry::of(&issue, "").key());
    Outcome {
        json: Some(json),
        fields,
        repairs,
        problems,
        stale,
        name,
        pictures,
    }
}

/// Points the issue's pictures at the files they are written to, named after the issue file
/// as `bulletin convert` names them; the pictures it shows.
fn name_pictures(issue: &mut Issue, input: &Input) -> Vec<Picture> {
    let mut pictures: Vec<Picture> = Vec::new();
    for block in issue.articles.iter_mut().flat_map(|a| &mut a.blocks) {
        if let model::Block::Image { src, .. } = block {
            if input.images.contains(src) {
                let file = import::picture_file(&input.name, src);
                if !pictures.iter().any(|p| p.image == *src) {
                    pictures.push(Picture {
                        image: src.clone(),
                        file: file.clone(),
                    });
                }
                *src = file;
            }
        }
    }
    pictures
}

/// A fix that could not be read, and what it should look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unread {
    Required,
    IssueNumber,
    Cumulative,
    Date,
    Phone,
    Email,
    Copies,
    Distribution,
}

impl Unread {
    fn text(self, lang: UiLang) -> &'static str {
        match (self, lang) {
            (Unread::Required, UiLang::ZhCn) => "不能为空",
            (Unread::Required, UiLang::En) => "must not be empty",
            (Unread::IssueNumber, UiLang::ZhCn) => {
                "期号应写作“第 18 期”“2025年第5期”或“增刊第 2 期”"
            }
            (Unread::IssueNumber, UiLang::En) => {
                "an issue number reads 第 18 期 (or 增刊第 2 期 for a special series)"
            }
            (Unread::Cumulative, UiLang::ZhCn) => "总期号应写作“总第七百二十期”或“总第 720 期”",
            (Unread::Cumulative, UiLang::En) => {
                "a cumulative number reads 总第七百二十期 or 总第 720 期"
            }
            (Unread::Date, UiLang::ZhCn) => {
                "日期应写作“2024 年 11 月 4 日”（或二〇二四年十一月四日、2024.11.4），且是真实的日期"
            }
            (Unread::Date, UiLang::En) => "a date reads 2024 年 11 月 4 日 and must exist",
            (Unread::Phone, UiLang::ZhCn) => "不是电话号码（如 0731-85309319）",
            (Unread::Phone, UiLang::En) => "not a telephone number (like 0731-85309319)",
            (Unread::Email, UiLang::ZhCn) => "不是电子邮件地址（如 name@example.cn）",
            (Unread::Email, UiLang::En) => "not an e-mail address (like name@example.cn)",
            (Unread::Distribution, UiLang::ZhCn) => {
                "分送行应写作“报：……”“送：……”或“抄送：……”"
            }
            (Unread::Distribution, UiLang::En) => "a distribution line reads 报：…, 送：… or 抄送：…",
            (Unread::Copies, UiLang::ZhCn) => "印数应是份数（如 80 或“共印80份”）",
            (Unread::Copies, UiLang::En) => "the print run is a number of copies (80, or 共印80份)",
        }
    }
}

enum Applied {
    Done,
    Unread(Unread),
    NoField,
}

/// A value typed into a field, as the source text would give it: repaired, or none when
/// left empty.
fn text_value(value: &str) -> Option<String> {
    let v = repair(value.trim_matches(crate::text::is_space));
    (!v.is_empty()).then_some(v)
}

fn apply_fix(issue: &mut Issue, path: &FieldPath, value: &str) -> Applied {
    let required =
        |v: Option<String>| v.map_or(Applied::Unread(Unread::Required), |_| Applied::Done);
    let m = &mut issue.masthead;
    let footer = &mut issue.footer;
    match path {
        FieldPath::Masthead(MastheadField::Title) => {
            let v = text_value(value);
            if let Some(t) = &v {
                m.title = t.clone();
            }
            required(v)
        }
        FieldPath::Masthead(MastheadField::Issue) => {
            // Read as a masthead line is: 第 19 期, 2025年第5期, 增刊第2期, 特刊〔2025〕第3号.
            let read = fields::masthead_line(value)
                .issue
                .filter(|_| fields::masthead_line(value).rest.is_empty());
            match read.or_else(|| fields::issue_number(value.trim())) {
                Some(n) => {
                    m.issue = n;
                    Applied::Done
                }
                None => Applied::Unread(Unread::IssueNumber),
            }
        }
        FieldPath::Masthead(MastheadField::Cumulative) => {
            if text_value(value).is_none() {
                m.cumulative = None;
                return Applied::Done;
            }
            match fields::cumulative_number(value.trim()) {
                Some(c) => {
                    m.cumulative = Some(c);
                    Applied::Done
                }
                None => Applied::Unread(Unread::Cumulative),
            }
        }
        FieldPath::Masthead(MastheadField::Date) => {
            let read = fields::masthead_line(value);
            let read = read
                .date
                .filter(|_| read.rest.is_empty() && read.issue.is_none());
            match read {
                Some(d) => {
                    m.date = d;
                    Applied::Done
                }
                None => Applied::Unread(Unread::Date),
            }
        }
        FieldPath::Masthead(MastheadField::Organ) => {
            let v = text_value(value);
            if let Some(t) = &v {
                m.organ = t.clone();
            }
            required(v)
        }
        FieldPath::Article(id, part) => {
            let Some(article) = issue.articles.iter_mut().find(|a| &a.id == id) else {
                return Applied::NoField;
            };
            match part {
                ArticleField::Title => {
                    let v = text_value(value);
                    if let Some(t) = &v {
                        // A 要目 made from the titles follows them.
                        for entry in issue.contents.iter_mut() {
                            if &entry.article == id && entry.title == article.title {
                                entry.title = t.clone();
                            }
                        }
                        article.title = t.clone();
                    }
                    required(v)
                }
                ArticleField::Source => {
                    // Typed with its brackets, as printed: （摘编自湖南日报）.
                    article.source = text_value(value).map(|v| {
                        if convert::is_bracketed(&v) {
                            v.chars().skip(1).take(v.chars().count() - 2).collect()
                        } else {
                            v
                        }
                    });
                    Applied::Done
                }
            }
        }
        FieldPath::Footer(f) => apply_footer_fix(footer, *f, value),
        // A distribution line added: 报：…, 送：…, 抄送：…
        FieldPath::AddDistribution => {
            let Some(v) = text_value(value) else {
                return Applied::Done;
            };
            match fields::distribution_parts(&v) {
                Some((label, text)) if !text.trim().is_empty() => {
                    footer.distribution.push(model::Distribution {
                        label,
                        text: repair(text.trim()),
                    });
                    Applied::Done
                }
                _ => Applied::Unread(Unread::Distribution),
            }
        }
        FieldPath::Distribution(i) => {
            let Some(line) = footer.distribution.get_mut(*i) else {
                return Applied::NoField;
            };
            let v = text_value(value);
            if let Some(t) = &v {
                line.text = t.clone();
            }
            required(v)
        }
    }
}

/// A fix of a single field of the 报尾.
fn apply_footer_fix(footer: &mut model::Footer, field: FooterField, value: &str) -> Applied {
    match field {
        FooterField::Editor => footer.editor = text_value(value),
        FooterField::Reviewer => footer.reviewer = text_value(value),
        FooterField::Signer => footer.signer = text_value(value),
        FooterField::Approval => footer.approval = text_value(value),
        FooterField::Copies => {
            // 80, 共印80份, （共印 80 份）.
            footer.copies = match text_value(value) {
                None => None,
                Some(v) => match fields::print_run(&v)
                    .filter(|(_, rest)| rest.is_empty())
                    .map(|(n, _)| n)
                    .or_else(|| fields::parse_number(v.trim_end_matches('份')))
                {
                    Some(n) if n > 0 => Some(n),
                    _ => return Applied::Unread(Unread::Copies),
                },
            }
        }
        FooterField::IssuedBy | FooterField::IssuedDate => {
            let issued = footer.issued.get_or_insert_with(Default::default);
            if field == FooterField::IssuedBy {
                issued.by = text_value(value);
            } else if text_value(value).is_none() {
                issued.date = None;
            } else {
                let read = fields::masthead_line(value.trim().trim_end_matches("印发"));
                match read.date.filter(|_| read.rest.is_empty()) {
                    Some(d) => issued.date = Some(d),
                    None => return Applied::Unread(Unread::Date),
                }
            }
            if issued.by.is_none() && issued.date.is_none() {
                footer.issued = None;
            }
        }
        FooterField::Phone | FooterField::Email => {
            let phone = field == FooterField::Phone;
            let found = match text_value(value) {
                None => None,
                Some(v) => {
                    let (p, e) = fields::phone_and_email(&v);
                    match if phone { p } else { e } {
                        Some(found) => Some(found),
                        None if phone => return Applied::Unread(Unread::Phone),
                        None => return Applied::Unread(Unread::Email),
                    }
                }
            };
            let contact = footer.contact.get_or_insert_with(Default::default);
            if phone {
                contact.phone = found;
            } else {
                contact.email = found;
            }
            if contact.phone.is_none() && contact.email.is_none() {
                footer.contact = None;
            }
        }
    }
    Applied::Done
}

/// A field's value in an issue, as the form shows it (empty: none).
fn value_of(issue: &Issue, path: &FieldPath) -> String {
    let m = &issue.masthead;
    let f = &issue.footer;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    match path {
        FieldPath::Masthead(MastheadField::Title) => m.title.clone(),
        FieldPath::Masthead(MastheadField::Issue) => m.issue.label.clone(),
        FieldPath::Masthead(MastheadField::Cumulative) => m
            .cumulative
            .as_ref()
            .map(|c| c.text.clone())
            .unwrap_or_default(),
        FieldPath::Masthead(MastheadField::Date) => m.date.display.clone(),
        FieldPath::Masthead(MastheadField::Organ) => m.organ.clone(),
        FieldPath::Article(id, part) => {
            let article = issue.articles.iter().find(|a| &a.id == id);
            match part {
                ArticleField::Title => article.map(|a| a.title.clone()).unwrap_or_default(),
                ArticleField::Source => article.map(|a| text(&a.source)).unwrap_or_default(),
            }
        }
        FieldPath::Distribution(i) => f
            .distribution
            .get(*i)
            .map(|d| d.text.clone())
            .unwrap_or_default(),
        FieldPath::AddDistribution => String::new(),
        FieldPath::Footer(x) => match x {
            FooterField::Editor => text(&f.editor),
            FooterField::Phone => f
                .contact
                .as_ref()
                .map(|c| text(&c.phone))
                .unwrap_or_default(),
            FooterField::Email => f
                .contact
                .as_ref()
                .map(|c| text(&c.email))
                .unwrap_or_default(),
            FooterField::Approval => text(&f.approval),
            FooterField::Reviewer => text(&f.reviewer),
            FooterField::Signer => text(&f.signer),
            FooterField::Copies => f.copies.map(|n| n.to_string()).unwrap_or_default(),
            FooterField::IssuedBy => f.issued.as_ref().map(|i| text(&i.by)).unwrap_or_default(),
            FooterField::IssuedDate => f
                .issued
                .as_ref()
                .and_then(|i| i.date.as_ref().map(|d| d.display.clone()))
                .unwrap_or_default(),
        },
    }
}

/// The fields of the form, in reading order: the masthead's, each article's title and source
/// note, the 报尾's distribution lines (and one to add), its single fields. Each with its
/// value as converted and as fixed.
fn form(converted: &Issue, issue: &Issue, lang: UiLang) -> Vec<Field> {
    let zh = lang == UiLang::ZhCn;
    let name = |(zh_name, en_name): (&str, &str)| if zh { zh_name } else { en_name }.to_string();
    let mut paths: Vec<(FieldPath, String, bool)> = MastheadField::ALL
        .into_iter()
        .map(|m| (FieldPath::Masthead(m), name(m.name()), m.optional()))
        .collect();
    for (n, art) in issue.articles.iter().enumerate() {
        let number = n + 1;
        let (title, source) = match zh {
            true => (format!("第 {number} 篇标题"), format!("第 {number} 篇来源")),
            false => (
                format!("Article {number}: title"),
                format!("Article {number}: source"),
            ),
        };
        paths.push((
            FieldPath::Article(art.id.clone(), ArticleField::Title),
            title,
            false,
        ));
        paths.push((
            FieldPath::Article(art.id.clone(), ArticleField::Source),
            source,
            true,
        ));
    }
    for (i, d) in issue.footer.distribution.iter().enumerate() {
        paths.push((FieldPath::Distribution(i), format!("{}：", d.label), false));
    }
    // One more distribution line, typed with its label (报：…): empty until used.
    paths.push((
        FieldPath::AddDistribution,
        name((
            "新增分送行（如“送：……”）",
            "Add a distribution line (送：…)",
        )),
        true,
    ));
    paths.extend(
        FooterField::ALL
            .into_iter()
            .map(|f| (FieldPath::Footer(f), name(f.name()), true)),
    );
    paths
        .into_iter()
        .map(|(path, label, optional)| Field {
            group: path.group(),
            article: path.article().map(str::to_string),
            converted: value_of(converted, &path),
            value: value_of(issue, &path),
            label,
            optional,
            path,
        })
        .collect()
}

/// The id of the article a JSON path is in: `articles[1].title` → `a-2`.
fn article_at(path: &Option<JsonPath>, issue: &Issue) -> Option<String> {
    let i = path.as_ref()?.article()?;
    issue.articles.get(i).map(|a| a.id.clone())
}

/// The form's field for the value at `path`, when the form has it.
fn field_at(path: &Option<JsonPath>, issue: &Issue, fields: &[Field]) -> Option<FieldPath> {
    FieldPath::of(path.as_ref()?, issue).filter(|f| fields.iter().any(|x| &x.path == f))
}

/// A validation problem, with the article and the form field it is about.
fn problem_out(
    p: &Problem,
    at: &Option<JsonPath>,
    issue: &Issue,
    fields: &[Field],
    lang: UiLang,
) -> ProblemOut {
    let place = match lang {
        UiLang::ZhCn => at
            .as_ref()
            .and_then(|a| a.in_words(issue))
            .unwrap_or_else(|| p.path.clone()),
        UiLang::En => p.path.clone(),
    };
    let colon = if lang == UiLang::ZhCn { "：" } else { ": " };
    ProblemOut {
        message: format!("{place}{colon}{}", problem_text(p, lang)),
        line: None,
        place: None,
        path: Some(p.path.clone()),
        field: field_at(at, issue, fields),
        article: article_at(at, issue),
    }
}

/// A part the converter could not find, with its line and the form field that fills it.
fn gap_out(
    gap: &convert::Gap,
    at: &Option<JsonPath>,
    issue: &Issue,
    fields: &[Field],
    lang: UiLang,
    place: Option<Source>,
) -> ProblemOut {
    ProblemOut {
        message: gap.kind.text(lang),
        line: Some(gap.line),
        place,
        path: Some(gap.path.clone()),
        field: field_at(at, issue, fields),
        article: article_at(at, issue),
    }
}

/// The feed (its JSON as read) with the issue added at `url`, newest first as `bulletin
/// feed` orders a folder; an entry at the same URL is replaced. Pretty JSON as the CLI writes.
pub fn feed_with(feed_json: &str, issue: &Issue, url: &str) -> Result<String, String> {
    feed_with_in(feed_json, issue, url, UiLang::En)
}

/// [`feed_with`], a feed that cannot be read said in `lang`.
pub fn feed_with_in(
    feed_json: &str,
    issue: &Issue,
    url: &str,
    lang: UiLang,
) -> Result<String, String> {
    let mut feed: Feed = model::parse_feed(feed_json).map_err(|e| {
        let p = Problem::from(e);
        match (lang, p.path.is_empty()) {
            (UiLang::En, _) => p.to_string(),
            (UiLang::ZhCn, true) => problem_text(&p, lang),
            (UiLang::ZhCn, false) => format!("{}：{}", p.path, problem_text(&p, lang)),
        }
    })?;
    model::add_to_feed(&mut feed, issue, url);
    let mut json = serde_json::to_string_pretty(&feed).map_err(|e| e.to_string())?;
    json.push('\n');
    Ok(json)
}

/// The URL an issue file gets in a feed: beside the feed's newest issue (`issues/NAME`), or
/// beside the feed itself when it lists none; the name percent-encoded as `bulletin feed`
/// writes it ([`crate::render::url_path`]: `a#b.json` → `a%23b.json`, `%41.json` →
/// `%2541.json`, Chinese as UTF-8), so that the viewer fetches that very file. A name that
/// cannot be a file's name in a URL — empty, `.` or `..`, with a `/` (a folder) or a control
/// character (a line break, a tab) in it — is refused, said in `lang`.
pub fn url_in_feed(feed_json: &str, file_name: &str, lang: UiLang) -> Result<String, String> {
    if let Some(why) = unfit_name(file_name) {
        return Err(why.text(file_name, lang));
    }
    let folder = model::parse_feed(feed_json)
        .ok()
        .and_then(|f| f.issues.first().map(|e| e.url.clone()))
        .and_then(|u| u.rsplit_once('/').map(|(dir, _)| format!("{dir}/")))
        .unwrap_or_default();
    Ok(format!("{folder}{}", crate::render::url_path(file_name)))
}

/// Why a file name cannot be an issue's name in a URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnfitName {
    Empty,
    Dots,
    Slash,
    Control,
}

fn unfit_name(name: &str) -> Option<UnfitName> {
    if name.trim().is_empty() {
        Some(UnfitName::Empty)
    } else if name == "." || name == ".." {
        Some(UnfitName::Dots)
    } else if name.contains('/') {
        Some(UnfitName::Slash)
    } else if name.chars().any(char::is_control) {
        Some(UnfitName::Control)
    } else {
        None
    }
}

impl UnfitName {
    fn text(self, name: &str, lang: UiLang) -> String {
        match (self, lang) {
            (UnfitName::Empty, UiLang::ZhCn) => "文件名是空的，不能用作期刊的网址。".into(),
            (UnfitName::Empty, UiLang::En) => {
                "The file name is empty: it cannot be the issue's URL.".into()
            }
            (UnfitName::Dots, UiLang::ZhCn) => {
                format!("文件名“{name}”不能用作期刊的网址：它在网址里指文件夹。")
            }
            (UnfitName::Dots, UiLang::En) => {
                format!("The file name “{name}” cannot be the issue's URL: it names a folder.")
            }
            (UnfitName::Slash, UiLang::ZhCn) => format!(
                "文件名“{name}”不能用作期刊的网址：斜杠“/”会把它分成文件夹和文件，请去掉斜杠。"
            ),
            (UnfitName::Slash, UiLang::En) => format!(
                "The file name “{name}” cannot be the issue's URL: a slash (/) would make it a folder and a file; take the slash out."
            ),
            (UnfitName::Control, UiLang::ZhCn) => {
                "文件名里有控制字符（换行、制表符等），不能用作期刊的网址。".into()
            }
            (UnfitName::Control, UiLang::En) => {
                "The file name has a control character in it (a line break, a tab): it cannot be the issue's URL.".into()
            }
        }
    }
}
