//! Search within an issue, over the model (not the DOM): Chinese substrings need no word
//! segmentation (a query like 人大代表 or 湘潭 matches anywhere), Latin letters match without
//! regard to case, and full-width and half-width forms match each other (Ａ = A, ５ = 5,
//! （ = (). Linear in the size of the issue.

use crate::model::{Block, Issue};
use std::collections::HashMap;

/// A text field of an issue that the reader sees and search looks in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// An article's title (article index).
    Title(usize),
    /// An article's byline.
    Byline(usize),
    /// A block's text (article index, block index, list item index or 0).
    Block(usize, usize, usize),
    /// An image caption (article, block).
    Caption(usize, usize),
    /// An article's source note.
    Source(usize),
    /// A distribution line of the 报尾.
    Distribution(usize),
    /// The responsible editor.
    Editor,
    /// 审核: who reviewed the issue.
    Reviewer,
    /// 签发: who signed it off.
    Signer,
    /// The approval number.
    Approval,
    /// Another line of the 报尾, as printed.
    Note(usize),
    /// 印发: the office that printed and sent the issue.
    IssuedBy,
}

impl Field {
    /// The index of the article the field is in, if it is in one (the 报尾's are not).
    pub fn article(self) -> Option<usize> {
        match self {
            Field::Title(a)
            | Field::Byline(a)
            | Field::Block(a, ..)
            | Field::Caption(a, _)
            | Field::Source(a) => Some(a),
            _ => None,
        }
    }
}

/// One match: where, and which bytes of that field's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The field matched.
    pub field: Field,
    /// Byte range of the match in the field's text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// The most hits marked (and stepped through): a one-character query in a huge issue can
/// match 100,000 times, and drawing that many marks would freeze the page. The rest are
/// counted.
pub const MAX_MARKS: usize = 1000;

/// The hits of one query, in reading order, with an index by field for the renderer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits {
    /// The hits marked, in reading order (the first [`MAX_MARKS`]); a hit's number is its
    /// position here.
    pub all: Vec<Hit>,
    /// How many there are in all, marked or not.
    pub total: usize,
    by_field: HashMap<Field, Vec<usize>>,
}

impl Hits {
    /// The hits in one field, as (number, start, end), in order.
    pub fn in_field(&self, field: Field) -> Vec<(usize, usize, usize)> {
        self.by_field
            .get(&field)
            .map(|ns| {
                ns.iter()
                    .map(|&n| (n, self.all[n].start, self.all[n].end))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The index of the article a hit is in, if it is in one.
    pub fn article_of(&self, n: usize) -> Option<usize> {
        self.all.get(n)?.field.article()
    }
}

/// Folds a character for matching: full-width ASCII forms to ASCII, the ideographic space to
/// a space, Latin letters to lower case. One character in, one out, so positions carry over.
pub fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// The fields of an issue, in reading order, with their text.
pub fn fields(issue: &Issue) -> Vec<(Field, &str)> {
    let mut out = Vec::new();
    for (a, article) in issue.articles.iter().enumerate() {
        out.push((Field::Title(a), article.title.as_str()));
        if let Some(b) = &article.byline {
            out.push((Field::Byline(a), b.as_str()));
        }
        for (b, block) in article.blocks.iter().enumerate() {
            match block {
                Block::Paragraph { text } | Block::Heading { text } | Block::Quote { text } => {
                    out.push((Field::Block(a, b, 0), text.as_str()))
                }
                Block::List { items, .. } => {
                    for (i, item) in items.iter().enumerate() {
                        out.push((Field::Block(a, b, i), item.as_str()));
                    }
                }
                Block::Image { caption, .. } => {
                    if let Some(c) = caption {
                        out.push((Field::Caption(a, b), c.as_str()));
                    }
                }
                Block::Table { rows, caption, .. } => {
                    if let Some(c) = caption {
                        out.push((Field::Caption(a, b), c.as_str()));
                    }
                    // Cells are numbered row by row.
                    for (k, cell) in rows.iter().flatten().enumerate() {
                        out.push((Field::Block(a, b, k), cell.as_str()));
                    }
                }
            }
        }
        if let Some(s) = &article.source {
            out.push((Field::Source(a), s.as_str()));
        }
    }
    for (d, line) in issue.footer.distribution.iter().enumerate() {
        out.push((Field::Distribution(d), line.text.as_str()));
    }
    let f = &issue.footer;
    let lines = [
        (Field::Editor, &f.editor),
        (Field::Reviewer, &f.reviewer),
        (Field::Signer, &f.signer),
        (Field::Approval, &f.approval),
    ];
    for (field, text) in lines {
        if let Some(t) = text {
            out.push((field, t.as_str()));
        }
    }
    for (n, note) in f.notes.iter().enumerate() {
        out.push((Field::Note(n), note.as_str()));
    }
    if let Some(by) = f.issued.as_ref().and_then(|i| i.by.as_ref()) {
        out.push((Field::IssuedBy, by.as_str()));
    }
    out
}

/// Every occurrence of `query` in the articles and the 报尾 (not overlapping), in reading
/// order: the first [`MAX_MARKS`] with their places, and the count of all. An empty or blank
/// query finds nothing. Compares folded characters in place, without copying the text.
pub fn search(issue: &Issue, query: &str) -> Hits {
    let needle: Vec<char> = query.trim().chars().map(fold).collect();
    let mut hits = Hits::default();
    let Some(&first) = needle.first() else {
        return hits;
    };
    for (field, text) in fields(issue) {
        let mut from = 0;
        while let Some((start, end)) = find(text, from, first, &needle) {
            hits.total += 1;
            if hits.all.len() < MAX_MARKS {
                hits.by_field.entry(field).or_default().push(hits.all.len());
                hits.all.push(Hit { field, start, end });
            }
            from = end;
        }
    }
    hits
}

/// The next match of `needle` (folded, starting with `first`) in `text` at or after byte
/// `from`, as a byte range.
fn find(text: &str, from: usize, first: char, needle: &[char]) -> Option<(usize, usize)> {
    let rest = text.get(from..)?;
    for (i, c) in rest.char_indices() {
        if fold(c) != first {
            continue;
        }
        let mut chars = rest[i..].char_indices().map(|(j, c)| (j, fold(c)));
        let whole = needle
            .iter()
            .all(|n| chars.next().is_some_and(|(_, c)| c == *n));
        if whole {
            let end = chars.next().map_or(rest.len(), |(j, _)| i + j);
            return Some((from + i, from + end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_issue;

    fn seed() -> Issue {
        parse_issue(include_str!("../www/issues/lianluo-dongtai-2024-18.json")).unwrap()
    }

    #[test]
    fn the_whole_footer_is_searched_in_reading_order() {
        let mut issue = seed();
        let f = &mut issue.footer;
        f.reviewer = Some("审核人甲".into());
        f.signer = Some("签发人甲".into());
        f.notes = vec!["另一行甲".into()];
        f.issued = Some(crate::model::Issued {
            by: Some("办公室甲".into()),
            date: None,
        });
        let hits = search(&issue, "甲");
        let fields: Vec<Field> = hits.all.iter().map(|h| h.field).collect();
        assert_eq!(
            fields,
            [
                Field::Reviewer,
                Field::Signer,
                Field::Note(0),
                Field::IssuedBy
            ]
        );
        assert_eq!(hits.article_of(0), None);
    }

    #[test]
    fn chinese_substrings() {
        let issue = seed();
        let hits = search(&issue, "胡贺波");
        assert_eq!(hits.all.len(), 2);
        assert_eq!(hits.all[0].field, Field::Title(1));
        let title = &issue.articles[1].title;
        assert_eq!(&title[hits.all[0].start..hits.all[0].end], "胡贺波");
        assert_eq!(hits.in_field(Field::Title(1)), [(0, 18, 27)]);
        assert_eq!(hits.article_of(1), Some(1));
        assert!(search(&issue, "人大").all.len() > 50);
        assert!(search(&issue, "  ").all.is_empty());
        assert!(search(&issue, "不存在的词").all.is_empty());
    }

    #[test]
    fn width_and_case_insensitive() {
        let issue = seed();
        let ascii = search(&issue, "HNRLDGWXRC").all.len();
        assert_eq!(ascii, 0, "e-mail is not a searched field");
        assert_eq!(search(&issue, "５１００").all.len(), 1);
        assert_eq!(search(&issue, "5100").all.len(), 1);
        assert_eq!(search(&issue, "（市、区）").all.len(), 1);
        assert_eq!(search(&issue, "(市、区)").all.len(), 1);
        assert_eq!(fold('Ａ'), 'a');
    }

    #[test]
    fn no_overlaps_and_counts_by_field() {
        let mut issue = seed();
        issue.articles[0].blocks = vec![Block::Paragraph {
            text: "啊啊啊啊啊".into(),
        }];
        let hits = search(&issue, "啊啊");
        assert_eq!(hits.in_field(Field::Block(0, 0, 0)).len(), 2);
    }

    #[test]
    fn marks_are_capped_and_the_rest_counted() {
        let mut issue = seed();
        issue.articles.truncate(1);
        let article = &mut issue.articles[0];
        (article.title, article.byline, article.source) = ("标题".into(), None, None);
        article.blocks = vec![Block::Paragraph {
            text: "基层".repeat(MAX_MARKS * 3),
        }];
        issue.footer = Default::default();
        let hits = search(&issue, "基");
        assert_eq!(hits.total, MAX_MARKS * 3);
        assert_eq!(hits.all.len(), MAX_MARKS);
        assert_eq!(hits.in_field(Field::Block(0, 0, 0)).len(), MAX_MARKS);
        let under = search(&seed(), "人大");
        assert_eq!(
            under.total,
            under.all.len(),
            "under the cap, every hit is marked"
        );
    }
}
