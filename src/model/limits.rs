//! How much of an issue the viewer draws: a bound on the work (and the page) a huge issue
//! can cause. Every array the viewer draws has a limit; past it the viewer shows the first
//! ones with a notice ([`apply_limits`]), and validation reports the same limits as problems
//! ([`over_limits`]), so an issue that `bulletin validate` passes is drawn whole. Texts have
//! a length limit too (validation only): a title is a line, not a book.

use super::problem::{Counted, Problem, ProblemKind};
use super::{Block, Issue};

/// Articles shown.
pub const MAX_ARTICLES: usize = 2000;
/// 要目 entries shown.
pub const MAX_CONTENTS: usize = MAX_ARTICLES;
/// Blocks shown per article.
pub const MAX_BLOCKS: usize = 2000;
/// Items shown per list.
pub const MAX_LIST_ITEMS: usize = 2000;
/// Cells shown per table.
pub const MAX_TABLE_CELLS: usize = 10_000;
/// 报尾 distribution entries (送, 发…) shown.
pub const MAX_DISTRIBUTION: usize = 100;
/// Characters in a line of the bulletin: a title, a label, a name, a caption.
pub const MAX_LINE: usize = 500;
/// Characters in a paragraph, quote, list item or distribution text.
pub const MAX_TEXT: usize = 20_000;

fn too_many(path: String, what: Counted, found: usize, max: usize) -> Problem {
    Problem::at_path(path, ProblemKind::TooMany { what, found, max })
}

/// The arrays of `issue` longer than the viewer draws, as problems.
pub fn over_limits(issue: &Issue) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut check = |path: &dyn Fn() -> String, what, found: usize, max| {
        if found > max {
            problems.push(too_many(path(), what, found, max));
        }
    };
    check(
        &|| "articles".into(),
        Counted::Articles,
        issue.articles.len(),
        MAX_ARTICLES,
    );
    check(
        &|| "contents".into(),
        Counted::ContentsEntries,
        issue.contents.len(),
        MAX_CONTENTS,
    );
    for (i, a) in issue.articles.iter().enumerate().take(MAX_ARTICLES) {
        check(
            &|| format!("articles[{i}].blocks"),
            Counted::Blocks,
            a.blocks.len(),
            MAX_BLOCKS,
        );
        for (j, b) in a.blocks.iter().enumerate().take(MAX_BLOCKS) {
            match b {
                Block::List { items, .. } => check(
                    &|| format!("articles[{i}].blocks[{j}].items"),
                    Counted::ListItems,
                    items.len(),
                    MAX_LIST_ITEMS,
                ),
                Block::Table { rows, .. } => check(
                    &|| format!("articles[{i}].blocks[{j}].rows"),
                    Counted::Cells,
                    rows.iter().map(Vec::len).sum(),
                    MAX_TABLE_CELLS,
                ),
                _ => {}
            }
        }
    }
    check(
        &|| "footer.distribution".into(),
        Counted::DistributionEntries,
        issue.footer.distribution.len(),
        MAX_DISTRIBUTION,
    );
    problems
}

/// Keeps an issue within what the viewer draws, saying what was cut.
pub fn apply_limits(issue: &mut Issue) -> Vec<Problem> {
    let problems = over_limits(issue);
    if problems.is_empty() {
        return problems;
    }
    issue.articles.truncate(MAX_ARTICLES);
    issue.contents.truncate(MAX_CONTENTS);
    issue.footer.distribution.truncate(MAX_DISTRIBUTION);
    for a in &mut issue.articles {
        a.blocks.truncate(MAX_BLOCKS);
        for b in &mut a.blocks {
            match b {
                Block::List { items, .. } => items.truncate(MAX_LIST_ITEMS),
                Block::Table { rows, .. } => {
                    let mut left = MAX_TABLE_CELLS;
                    rows.retain_mut(|row| {
                        row.truncate(left);
                        left -= row.len();
                        !row.is_empty()
                    });
                }
                _ => {}
            }
        }
    }
    problems
}
