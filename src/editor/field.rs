//! The fields of the 编辑台's form as a type: [`FieldPath`] names one (`masthead.issue`,
//! `articles.a-2.title`, `footer.distribution.0`…: its `Display` is the key the page keeps a
//! fix under, and `FromStr` reads it back), and [`JsonPath`] is a JSON path of the issue
//! (`articles[1].blocks[3].alt`) read once into its steps, so that a problem is mapped to its
//! field, and said in an editor's words, from the same steps.

use crate::model::Issue;
use std::fmt;
use std::str::FromStr;

/// A field of the masthead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MastheadField {
    /// 名称.
    Title,
    /// 期号.
    Issue,
    /// 总期号.
    Cumulative,
    /// 日期.
    Date,
    /// 编印单位.
    Organ,
}

impl MastheadField {
    /// Every masthead field, in the order the form shows them.
    pub const ALL: [MastheadField; 5] = [
        MastheadField::Title,
        MastheadField::Issue,
        MastheadField::Cumulative,
        MastheadField::Date,
        MastheadField::Organ,
    ];

    /// Its key: the name of its member in the issue's `masthead`.
    pub fn key(self) -> &'static str {
        match self {
            MastheadField::Title => "title",
            MastheadField::Issue => "issue",
            MastheadField::Cumulative => "cumulative",
            MastheadField::Date => "date",
            MastheadField::Organ => "organ",
        }
    }

    /// Its name in Chinese, and in English.
    pub fn name(self) -> (&'static str, &'static str) {
        match self {
            MastheadField::Title => ("名称", "Title"),
            MastheadField::Issue => ("期号", "Issue number"),
            MastheadField::Cumulative => ("总期号", "Cumulative number"),
            MastheadField::Date => ("日期", "Date"),
            MastheadField::Organ => ("编印单位", "Compiled by"),
        }
    }

    /// Whether it may be left empty.
    pub fn optional(self) -> bool {
        self == MastheadField::Cumulative
    }
}

/// A field of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ArticleField {
    /// Its title.
    Title,
    /// Its source note (（摘编自湖南日报）).
    Source,
}

impl ArticleField {
    /// Its key: the name of its member in an article.
    pub fn key(self) -> &'static str {
        match self {
            ArticleField::Title => "title",
            ArticleField::Source => "source",
        }
    }
}

/// A single field of the 报尾 (the distribution lines are [`FieldPath::Distribution`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FooterField {
    /// 责任编辑.
    Editor,
    /// 联系电话.
    Phone,
    /// 电子邮箱.
    Email,
    /// 批准文号.
    Approval,
    /// 审核.
    Reviewer,
    /// 签发.
    Signer,
    /// 印数.
    Copies,
    /// 印发单位.
    IssuedBy,
    /// 印发日期.
    IssuedDate,
}

impl FooterField {
    /// Every single field of the 报尾, in the order the form shows them.
    pub const ALL: [FooterField; 9] = [
        FooterField::Editor,
        FooterField::Phone,
        FooterField::Email,
        FooterField::Approval,
        FooterField::Reviewer,
        FooterField::Signer,
        FooterField::Copies,
        FooterField::IssuedBy,
        FooterField::IssuedDate,
    ];

    /// Its key: its path in the issue's `footer`.
    pub fn key(self) -> &'static str {
        match self {
            FooterField::Editor => "editor",
            FooterField::Phone => "contact.phone",
            FooterField::Email => "contact.email",
            FooterField::Approval => "approval",
            FooterField::Reviewer => "reviewer",
            FooterField::Signer => "signer",
            FooterField::Copies => "copies",
            FooterField::IssuedBy => "issued.by",
            FooterField::IssuedDate => "issued.date",
        }
    }

    /// Its name in the form, in Chinese and in English.
    pub fn name(self) -> (&'static str, &'static str) {
        match self {
            FooterField::Editor => ("责任编辑", "Editor"),
            FooterField::Phone => ("联系电话", "Telephone"),
            FooterField::Email => ("电子邮箱", "E-mail"),
            FooterField::Approval => ("批准文号", "Approval number"),
            FooterField::Reviewer => ("审核", "Reviewed by"),
            FooterField::Signer => ("签发", "Signed off by"),
            FooterField::Copies => ("印数（份）", "Copies printed"),
            FooterField::IssuedBy => ("印发单位", "Printed and sent by"),
            FooterField::IssuedDate => ("印发日期", "Printed and sent on"),
        }
    }

    /// Its name in a sentence about the 报尾 (报尾的印数).
    fn word(self) -> &'static str {
        match self {
            FooterField::Copies => "印数",
            f => f.name().0,
        }
    }
}

/// A field of the form: what a fix is keyed by.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldPath {
    /// A field of the masthead (`masthead.issue`).
    Masthead(MastheadField),
    /// A field of the article of this id (`articles.a-2.title`).
    Article(String, ArticleField),
    /// The text of a distribution line, by its index (`footer.distribution.0`).
    Distribution(usize),
    /// A distribution line to add, typed with its label (`footer.distribution.add`).
    AddDistribution,
    /// A single field of the 报尾 (`footer.contact.phone`).
    Footer(FooterField),
}

impl FieldPath {
    /// The id of the article the field is in.
    pub fn article(&self) -> Option<&str> {
        match self {
            FieldPath::Article(id, _) => Some(id),
            _ => None,
        }
    }

    /// The form's group it is shown in: `masthead`, `article` or `footer`.
    pub fn group(&self) -> &'static str {
        match self {
            FieldPath::Masthead(_) => "masthead",
            FieldPath::Article(..) => "article",
            _ => "footer",
        }
    }

    /// The field that fills in the value at `path` in `issue` (a problem's or a gap's), if
    /// the form has one: `articles[1].title` → `articles.a-2.title`, `masthead.date.display`
    /// → `masthead.date`, `footer.distribution[0].text` → `footer.distribution.0`.
    pub fn of(path: &JsonPath, issue: &Issue) -> Option<FieldPath> {
        use Step::{Index, Name};
        match path.0.as_slice() {
            [Name(m), Name(f), ..] if m == "masthead" => MastheadField::ALL
                .into_iter()
                .find(|x| x.key() == f)
                .map(FieldPath::Masthead),
            [Name(a), Index(i), Name(f), ..] if a == "articles" => {
                let part = [ArticleField::Title, ArticleField::Source]
                    .into_iter()
                    .find(|x| x.key() == f)?;
                Some(FieldPath::Article(issue.articles.get(*i)?.id.clone(), part))
            }
            [Name(f), Name(d), Index(i), ..] if f == "footer" && d == "distribution" => {
                Some(FieldPath::Distribution(*i))
            }
            [Name(f), rest @ ..] if f == "footer" => {
                // footer.issued.date.display → issued.date; footer.contact.phone as it is.
                let names: Vec<&str> = rest
                    .iter()
                    .map_while(|s| match s {
                        Name(n) => Some(n.as_str()),
                        Index(_) => None,
                    })
                    .collect();
                FooterField::ALL
                    .into_iter()
                    .find(|x| {
                        let key: Vec<&str> = x.key().split('.').collect();
                        names.starts_with(&key)
                    })
                    .map(FieldPath::Footer)
            }
            _ => None,
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Masthead(m) => write!(f, "masthead.{}", m.key()),
            FieldPath::Article(id, part) => write!(f, "articles.{id}.{}", part.key()),
            FieldPath::Distribution(i) => write!(f, "footer.distribution.{i}"),
            FieldPath::AddDistribution => f.write_str("footer.distribution.add"),
            FieldPath::Footer(x) => write!(f, "footer.{}", x.key()),
        }
    }
}

/// A key that names no field of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoSuchField;

impl FromStr for FieldPath {
    type Err = NoSuchField;

    fn from_str(s: &str) -> Result<FieldPath, NoSuchField> {
        if let Some(key) = s.strip_prefix("masthead.") {
            return MastheadField::ALL
                .into_iter()
                .find(|m| m.key() == key)
                .map(FieldPath::Masthead)
                .ok_or(NoSuchField);
        }
        if let Some(rest) = s.strip_prefix("articles.") {
            // The id is the article's (a-2, or one an author chose): the part is after the
            // last dot.
            let (id, key) = rest.rsplit_once('.').ok_or(NoSuchField)?;
            let part = [ArticleField::Title, ArticleField::Source]
                .into_iter()
                .find(|p| p.key() == key)
                .ok_or(NoSuchField)?;
            return match id.is_empty() {
                true => Err(NoSuchField),
                false => Ok(FieldPath::Article(id.to_string(), part)),
            };
        }
        let key = s.strip_prefix("footer.").ok_or(NoSuchField)?;
        if key == "distribution.add" {
            return Ok(FieldPath::AddDistribution);
        }
        if let Some(i) = key.strip_prefix("distribution.") {
            // Digits only: `+1` or ` 1` name no line.
            return match i.bytes().all(|b| b.is_ascii_digit()) {
                true => i
                    .parse()
                    .map(FieldPath::Distribution)
                    .map_err(|_| NoSuchField),
                false => Err(NoSuchField),
            };
        }
        FooterField::ALL
            .into_iter()
            .find(|x| x.key() == key)
            .map(FieldPath::Footer)
            .ok_or(NoSuchField)
    }
}

impl serde::Serialize for FieldPath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One step of a JSON path: a member's name, or an index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// `.title`
    Name(String),
    /// `[1]`
    Index(usize),
}

/// A JSON path of an issue as the model writes it (`articles[1].blocks[3].alt`,
/// `footer.distribution[0].text`, `rows[2][1]`), read into its steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonPath(pub Vec<Step>);

impl JsonPath {
    /// Reads a path; None when it is not of that shape.
    pub fn parse(path: &str) -> Option<JsonPath> {
        let mut steps = Vec::new();
        let mut rest = path;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('[') {
                let (i, r) = r.split_once(']')?;
                steps.push(Step::Index(i.parse().ok()?));
                rest = r;
            } else {
                let r = match steps.is_empty() {
                    true => rest,
                    false => rest.strip_prefix('.')?,
                };
                let end = r.find(['.', '[']).unwrap_or(r.len());
                if end == 0 {
                    return None;
                }
                steps.push(Step::Name(r[..end].to_string()));
                rest = &r[end..];
            }
        }
        Some(JsonPath(steps))
    }

    /// The index of the article the path is in (`articles[1]…` → 1).
    pub fn article(&self) -> Option<usize> {
        match self.0.as_slice() {
            [Step::Name(a), Step::Index(i), ..] if a == "articles" => Some(*i),
            _ => None,
        }
    }

    /// Whether the path is `prefix` or under it (`articles[1].title` is under `articles[1]`;
    /// only the empty path is under the empty path).
    pub fn under(&self, prefix: &JsonPath) -> bool {
        self.0.starts_with(&prefix.0) && (!prefix.0.is_empty() || self.0.is_empty())
    }

    /// The path in an editor's words: `articles[0].blocks[3].alt` → 第 1 篇第 4 块（图片）的说明.
    /// None for a path of another shape (said as it is).
    pub fn in_words(&self, issue: &Issue) -> Option<String> {
        use Step::{Index, Name};
        let member = |steps: &[Step]| -> Option<&'static str> {
            Some(match steps {
                [] => "",
                [Name(f)] => match f.as_str() {
                    "title" => "标题",
                    "byline" => "作者",
                    "source" => "来源",
                    "id" => "编号",
                    "text" => "文字",
                    "alt" => "说明",
                    "caption" => "题注",
                    "src" => "地址",
                    "label" => "名目",
                    "article" => "所指文章",
                    _ => return None,
                },
                _ => return None,
            })
        };
        let join = |head: String, steps: &[Step]| -> Option<String> {
            Some(match member(steps)? {
                "" => head,
                f => format!("{head}的{f}"),
            })
        };
        let is = |s: &Step, name: &str| matches!(s, Name(n) if n == name);
        match self.0.as_slice() {
            [m, Name(f), ..] if is(m, "masthead") => {
                let field = MastheadField::ALL.into_iter().find(|x| x.key() == f)?;
                Some(format!("报头的{}", field.name().0))
            }
            [c, Index(i), rest @ ..] if is(c, "contents") => {
                join(format!("要目第 {} 条", i + 1), rest)
            }
            [a, Index(i), rest @ ..] if is(a, "articles") => {
                let head = format!("第 {} 篇", i + 1);
                let [b, Index(j), rest @ ..] = rest else {
                    return join(head, rest);
                };
                if !is(b, "blocks") {
                    return None;
                }
                let kind = match issue.articles.get(*i)?.blocks.get(*j)? {
                    crate::model::Block::Paragraph { .. } => "段落",
                    crate::model::Block::Heading { .. } => "小标题",
                    crate::model::Block::List { .. } => "列表",
                    crate::model::Block::Quote { .. } => "引文",
                    crate::model::Block::Image { .. } => "图片",
                    crate::model::Block::Table { .. } => "表格",
                };
                let head = format!("{head}第 {} 块（{kind}）", j + 1);
                match rest {
                    [n, Index(k), rest @ ..] if is(n, "items") => {
                        join(format!("{head}第 {} 项", k + 1), rest)
                    }
                    // rows[2] (a row) or rows[2][1] (a cell).
                    [r, Index(row), Index(cell), ..] if is(r, "rows") => {
                        Some(format!("{head}第 {} 行第 {} 格", row + 1, cell + 1))
                    }
                    [r, Index(row), ..] if is(r, "rows") => {
                        Some(format!("{head}第 {} 行", row + 1))
                    }
                    rest => join(head, rest),
                }
            }
            [f, d, Index(i), rest @ ..] if is(f, "footer") && is(d, "distribution") => {
                join(format!("报尾第 {} 行分送", i + 1), rest)
            }
            [f, n, Index(i), ..] if is(f, "footer") && is(n, "notes") => {
                Some(format!("报尾其他第 {} 行", i + 1))
            }
            [f, Name(i)] if is(f, "footer") && i == "issued" => {
                Some(format!("报尾的{}", FooterField::IssuedBy.word()))
            }
            [f, ..] if is(f, "footer") => {
                let field = FieldPath::of(self, issue)?;
                match field {
                    FieldPath::Footer(x) => Some(format!("报尾的{}", x.word())),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue() -> Issue {
        crate::model::parse_issue(include_str!(
            "../../www/issues/lianluo-dongtai-2024-18.json"
        ))
        .unwrap()
    }

    #[test]
    fn every_field_reads_back_from_its_key() {
        let mut all: Vec<FieldPath> = MastheadField::ALL.map(FieldPath::Masthead).to_vec();
        all.extend(FooterField::ALL.map(FieldPath::Footer));
        all.extend([
            FieldPath::Article("a-2".into(), ArticleField::Title),
            FieldPath::Article("x.y".into(), ArticleField::Source),
            FieldPath::Distribution(12),
            FieldPath::AddDistribution,
        ]);
        for f in all {
            assert_eq!(f.to_string().parse::<FieldPath>(), Ok(f.clone()), "{f}");
        }
        assert_eq!(
            "articles.a-2.title".parse(),
            Ok(FieldPath::Article("a-2".into(), ArticleField::Title))
        );
        for bad in [
            "",
            "masthead",
            "masthead.nope",
            "articles.title",
            "articles.a-2.body",
            "footer.distribution.+1",
            "footer.distribution.",
            "footer.contact",
            "header.title",
        ] {
            assert_eq!(bad.parse::<FieldPath>(), Err(NoSuchField), "{bad}");
        }
    }

    #[test]
    fn json_paths_read_into_steps() {
        use Step::{Index, Name};
        assert_eq!(
            JsonPath::parse("articles[1].blocks[3].rows[2][0]"),
            Some(JsonPath(vec![
                Name("articles".into()),
                Index(1),
                Name("blocks".into()),
                Index(3),
                Name("rows".into()),
                Index(2),
                Index(0)
            ]))
        );
        assert_eq!(
            JsonPath::parse("masthead.date.display").map(|p| p.0.len()),
            Some(3)
        );
        for bad in ["articles[x]", "a..b", ".a", "a[1", "a[1]b"] {
            assert_eq!(JsonPath::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_problem_names_the_field_that_fills_it_in() {
        let issue = issue();
        let field = |p: &str| FieldPath::of(&JsonPath::parse(p).unwrap(), &issue);
        let id = issue.articles[1].id.clone();
        assert_eq!(
            field("articles[1].title"),
            Some(FieldPath::Article(id, ArticleField::Title))
        );
        assert_eq!(
            field("masthead.date.display"),
            Some(FieldPath::Masthead(MastheadField::Date))
        );
        assert_eq!(
            field("masthead.issue.label"),
            Some(FieldPath::Masthead(MastheadField::Issue))
        );
        assert_eq!(
            field("footer.issued.date.display"),
            Some(FieldPath::Footer(FooterField::IssuedDate))
        );
        assert_eq!(
            field("footer.contact.email"),
            Some(FieldPath::Footer(FooterField::Email))
        );
        assert_eq!(
            field("footer.distribution[0].text"),
            Some(FieldPath::Distribution(0))
        );
        // No field: a block's text, an article past the end, the 要目.
        assert_eq!(field("articles[0].blocks[1].text"), None);
        assert_eq!(field("articles[99].title"), None);
        assert_eq!(field("contents[0].title"), None);
    }

    #[test]
    fn paths_in_an_editors_words() {
        let issue = issue();
        let words = |p: &str| JsonPath::parse(p).unwrap().in_words(&issue);
        assert_eq!(words("masthead.issue.label").as_deref(), Some("报头的期号"));
        assert_eq!(
            words("contents[1].article").as_deref(),
            Some("要目第 2 条的所指文章")
        );
        assert_eq!(words("articles[0].title").as_deref(), Some("第 1 篇的标题"));
        assert_eq!(
            words("articles[0].blocks[0].text").as_deref(),
            Some("第 1 篇第 1 块（段落）的文字")
        );
        assert_eq!(
            words("footer.distribution[1].text").as_deref(),
            Some("报尾第 2 行分送的文字")
        );
        assert_eq!(words("footer.copies").as_deref(), Some("报尾的印数"));
        assert_eq!(words("footer.issued").as_deref(), Some("报尾的印发单位"));
        assert_eq!(
            words("footer.issued.date.iso").as_deref(),
            Some("报尾的印发日期")
        );
        assert_eq!(words("footer.notes[2]").as_deref(), Some("报尾其他第 3 行"));
        assert_eq!(words("schema_version"), None);
    }
}
