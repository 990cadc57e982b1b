//! Repairs of text that extraction from print broke, as a careful editor would make them.
//!
//! - ideographs that a PDF's text layer gave as look-alike radicals (⼈ for 人, ⻓ for 长)
//!   become the ideographs again ([`crate::text::ideograph`]);
//! - half-width punctuation inside Chinese text becomes full-width (`,` → `，`, `(…)` → `（…）`,
//!   `:` → `：`, `;` → `；`, `!` → `！`, `?` → `？`), never inside URLs, e-mail addresses or
//!   numbers (`10:30`, `1,000`, `5.2%` stay as they are);
//! - spaces next to Chinese characters or punctuation are removed: the stray space in
//!   “基层人大 工作推进会”, and the space extraction leaves between Chinese and digits or Latin
//!   (“第 18 期”, “5100 余名”), so that all such pairs are stored alike (the renderer spaces
//!   Chinese and Latin consistently); runs of spaces between Latin words become one space.
//!
//! Within [`logging`] (what [`super::convert_logged`] runs), [`repair_at`] also logs each
//! change as a [`Repair`] with the input line it is on; outside, it is [`repair`].

use super::{Repair, RepairKind};
use crate::text::{is_cjk, is_han, is_space};
use std::cell::RefCell;

/// Applies the repairs above to one paragraph or line of Chinese text.
pub fn repair(text: &str) -> String {
    repair_with(text, &mut |_| {})
}

/// One change a stage of [`repair`] made, at char positions of the text it was given.
enum Change {
    /// The char at this position became that char.
    Char(usize, char, RepairKind),
    /// The `(` and `)` at these positions became `（` and `）`.
    Pair(usize, usize),
    /// The spaces in this range were removed, or made one space (`true`). Every run of
    /// spaces is reported, changed or not.
    Spaces(usize, usize, bool),
}

/// [`repair`], telling `log` each change.
fn repair_with(text: &str, log: &mut impl FnMut(Change)) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter_mut().enumerate() {
        if let Some(d) = crate::text::ideograph(*c).filter(|d| d != c) {
            log(Change::Char(i, d, RepairKind::Ideograph));
            *c = d;
        }
    }
    let protected = protected_spans(&chars);
    widen_punctuation(&mut chars, &protected, log);
    drop_spaces(&chars, &protected, log)
}

thread_local! {
    /// The repairs logged on this thread while [`logging`] runs; `None` otherwise, when
    /// [`repair_at`] is just [`repair`].
    static LOG: RefCell<Option<Vec<Repair>>> = const { RefCell::new(None) };
}

/// Runs `f`, collecting the repairs that [`repair_at`] and [`note`] make meanwhile (on this
/// thread), in the order they were made.
pub(crate) fn logging<T>(f: impl FnOnce() -> T) -> (T, Vec<Repair>) {
    // Restores the enclosing scope's log, even if `f` panics.
    struct Restore(Option<Vec<Repair>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            LOG.with(|l| *l.borrow_mut() = self.0.take());
        }
    }
    let _restore = Restore(LOG.with(|l| l.borrow_mut().replace(Vec::new())));
    let value = f();
    (
        value,
        LOG.with(|l| l.borrow_mut().take()).unwrap_or_default(),
    )
}

fn is_logging() -> bool {
    LOG.with(|l| l.borrow().is_some())
}

/// Where a piece of the text given to [`repair_at`] came from.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Piece {
    /// Char position in the text where the piece starts.
    pub at: usize,
    /// Line of the input it came from.
    pub line: usize,
    /// How it is joined to the text before it.
    pub join: Join,
}

/// How the converter joined a piece to the text before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Join {
    /// Not at all: the piece starts the text, or continues it as written.
    None,
    /// With a space, the piece's first char, that stands for a line break.
    Line,
    /// With a space, the piece's first char, that stands for a blank line inside a sentence
    /// (paragraphs joined).
    Blank,
}

impl Piece {
    /// The whole of a text that is one line of the input, `line`.
    pub fn line(line: usize) -> [Piece; 1] {
        [Piece {
            at: 0,
            line,
            join: Join::None,
        }]
    }
}

/// [`repair`] of a text made of `pieces` of the input (sorted by `at`, the first at 0);
/// within [`logging`], logs each change.
pub(crate) fn repair_at(text: &str, pieces: &[Piece]) -> String {
    if !is_logging() {
        return repair(text);
    }
    let source: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let repaired = repair_with(text, &mut |change| {
        found.extend(describe(&source, pieces, change));
    });
    found.sort_by_key(|&(at, _)| at);
    LOG.with(|l| {
        if let Some(log) = l.borrow_mut().as_mut() {
            log.extend(found.into_iter().map(|(_, r)| r));
        }
    });
    repaired
}

/// Within [`logging`], logs the repairs of a text of one line whose repaired form a field's
/// parser makes itself (the masthead's 第 18 期, date…).
pub(crate) fn note(text: &str, line: usize) {
    if is_logging() {
        repair_at(text, &Piece::line(line));
    }
}

/// Chars of context shown on each side of a change.
const CONTEXT: usize = 6;

/// The repair a change is, with its position for ordering; `None` for a change that changes
/// nothing or is not a repair (the space the converter put for a line break, spaces trimmed
/// at the ends).
fn describe(source: &[char], pieces: &[Piece], change: Change) -> Option<(usize, Repair)> {
    let join_at = |i: usize| {
        pieces
            .iter()
            .find(|p| p.at == i && p.join != Join::None)
            .map(|p| p.join)
    };
    let line_of = |i: usize| {
        pieces
            .iter()
            .take_while(|p| p.at <= i)
            .last()
            .map_or(1, |p| p.line)
    };
    let (at, kind, spans) = match change {
        Change::Char(i, c, kind) => (i, kind, vec![(i, i + 1, c.to_string())]),
        Change::Pair(open, close) => (
            open,
            RepairKind::FullWidthPunctuation,
            vec![
                (open, open + 1, "（".into()),
                (close, close + 1, "）".into()),
            ],
        ),
        Change::Spaces(start, end, kept) => {
            if start == 0 || end == source.len() {
                return None;
            }
            let blank = (start..end).find(|&i| join_at(i) == Some(Join::Blank));
            let written = (start..end).find(|&i| join_at(i).is_none());
            let unchanged = kept && end - start == 1 && source[start] == ' ';
            let (at, kind) = match (blank, written) {
                (Some(j), _) => (j, RepairKind::JoinedParagraphs),
                (None, Some(w)) if !unchanged => (w, RepairKind::RemovedSpace),
                _ => return None,
            };
            let after = if kept { " " } else { "" };
            (at, kind, vec![(start, end, after.to_string())])
        }
    };
    let (before, after) = excerpt(source, &spans, join_at);
    let line = line_of(at);
    Some((
        at,
        Repair {
            line,
            kind,
            before,
            after,
        },
    ))
}

/// The text around `spans` (start, end, replacement) as it is and with the spans replaced:
/// [`CONTEXT`] chars each side, a long gap between spans elided as `…`. A joining space
/// shows as `¶` for a blank line, as a space for a line break.
fn excerpt(
    source: &[char],
    spans: &[(usize, usize, String)],
    join_at: impl Fn(usize) -> Option<Join>,
) -> (String, String) {
    let show = |i: usize, out: &mut String| match join_at(i) {
        Some(_) if i == 0 => {}
        Some(Join::Blank) => out.push('¶'),
        _ => out.push(source[i]),
    };
    let (mut before, mut after) = (String::new(), String::new());
    let mut shown = 0;
    for (k, (start, end, replacement)) in spans.iter().enumerate() {
        let from = start.saturating_sub(CONTEXT).max(shown);
        if k > 0 && from > shown {
            before.push('…');
            after.push('…');
        }
        for i in from..*start {
            show(i, &mut before);
            show(i, &mut after);
        }
        (*start..*end).for_each(|i| show(i, &mut before));
        after.push_str(replacement);
        let next = spans.get(k + 1).map_or(source.len(), |s| s.0);
        let to = (end + CONTEXT).min(next.max(*end)).min(source.len());
        for i in *end..to {
            show(i, &mut before);
            show(i, &mut after);
        }
        shown = to;
    }
    (before, after)
}

/// Marks the characters of URLs and e-mail addresses, which are left exactly as they are.
fn protected_spans(chars: &[char]) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let token_char = |c: char| c.is_ascii() && !c.is_ascii_whitespace() && !"\"<>".contains(c);
    let mut i = 0;
    while i < chars.len() {
        if !token_char(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && token_char(chars[i]) {
            i += 1;
        }
        let token: String = chars[start..i].iter().collect();
        let lower = token.to_ascii_lowercase();
        let is_url = ["http://", "https://", "www.", "mailto:", "tel:"]
            .iter()
            .any(|p| lower.contains(p));
        let is_email = token
            .split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'));
        if is_url || is_email {
            // A URL or address ends where the sentence's punctuation begins.
            let mut end = i;
            while end > start && ",.;:!?)".contains(chars[end - 1]) {
                end -= 1;
            }
            let begin = start
                + chars[start..end]
                    .iter()
                    .position(|c| c.is_ascii_alphanumeric())
                    .unwrap_or(0);
            for m in &mut mask[begin..end] {
                *m = true;
            }
        }
    }
    mask
}

/// The nearest character before `i` that is not a space.
fn prev_visible(chars: &[char], i: usize) -> Option<char> {
    chars[..i].iter().rev().copied().find(|&c| !is_space(c))
}

/// The nearest character after `i` that is not a space.
fn next_visible(chars: &[char], i: usize) -> Option<char> {
    chars[i + 1..].iter().copied().find(|&c| !is_space(c))
}

fn widen_punctuation(chars: &mut [char], protected: &[bool], log: &mut impl FnMut(Change)) {
    for i in 0..chars.len() {
        if protected[i] {
            continue;
        }
        let wide = match chars[i] {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '!' => '！',
            '?' => '？',
            // A full stop ends a Chinese sentence when nothing but the end, a space or
            // Chinese follows, and the sentence is Chinese: 发邮件至a@b.com. → …a@b.com。
            '.' => {
                let ends = next_visible(chars, i).is_none_or(is_cjk);
                let chinese = chars[..i]
                    .iter()
                    .enumerate()
                    .rev()
                    .find(|&(j, c)| !protected[j] && !c.is_ascii())
                    .is_some_and(|(_, &c)| is_cjk(c));
                if ends && chinese {
                    chars[i] = '。';
                    log(Change::Char(i, '。', RepairKind::FullWidthPunctuation));
                }
                continue;
            }
            '(' => {
                if let Some(close) = matching_paren(chars, protected, i) {
                    let inner_han = chars[i + 1..close].iter().any(|&c| is_han(c));
                    let around = prev_visible(chars, i).is_some_and(is_cjk)
                        || next_visible(chars, close).is_some_and(is_cjk);
                    if inner_han || around {
                        chars[i] = '（';
                        chars[close] = '）';
                        log(Change::Pair(i, close));
                    }
                }
                continue;
            }
            _ => continue,
        };
        let prev = prev_visible(chars, i);
        let next = next_visible(chars, i);
        // 1,000 and 10:30 are numbers, not sentences.
        let between_digits =
            prev.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit());
        if !between_digits && (prev.is_some_and(is_cjk) || next.is_some_and(is_cjk)) {
            chars[i] = wide;
            log(Change::Char(i, wide, RepairKind::FullWidthPunctuation));
        }
    }
}

/// The `)` closing the `(` at `open`, outside protected text.
fn matching_paren(chars: &[char], protected: &[bool], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (j, &c) in chars.iter().enumerate().skip(open) {
        if protected[j] {
            continue;
        }
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

fn drop_spaces(chars: &[char], protected: &[bool], log: &mut impl FnMut(Change)) -> String {
    let mut out = String::with_capacity(chars.len() * 3);
    let mut i = 0;
    while i < chars.len() {
        if !is_space(chars[i]) || protected[i] {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_space(chars[i]) && !protected[i] {
            i += 1;
        }
        let before = start.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i).copied();
        let kept = matches!((before, after), (Some(b), Some(a)) if !is_cjk(b) && !is_cjk(a));
        if kept {
            out.push(' ');
        }
        log(Change::Spaces(start, i, kept));
    }
    out
}

/// Whether a paragraph ends a sentence. One that does not was cut by a line or page break
/// in extraction (“…全” / “省各级人大…”) and continues in the next paragraph.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(is_space);
    let core = t.trim_end_matches(|c: char| "”’」』）)】〕》\"'".contains(c));
    match core.chars().last() {
        None => true,
        Some(c) => "。！？!?…；;：:.".contains(c) || is_bracketed(t),
    }
}

/// Whether the whole text stands in one pair of brackets: （摘编自湖南日报）.
pub fn is_bracketed(text: &str) -> bool {
    let t = text.trim_matches(is_space);
    let inner = t
        .strip_prefix(['（', '('])
        .and_then(|s| s.strip_suffix(['）', ')']));
    inner.is_some_and(|s| !s.contains(['（', '(', '）', ')']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widens_punctuation_in_chinese() {
        assert_eq!(
            repair("10月31日,全省基层人大工作推进会在湘潭市湘乡市召开。"),
            "10月31日，全省基层人大工作推进会在湘潭市湘乡市召开。"
        );
        assert_eq!(repair("督促县(市、区)选优"), "督促县（市、区）选优");
        assert_eq!(repair("如下: 一是;二是"), "如下：一是；二是");
        assert_eq!(repair("真的?好!"), "真的？好！");
    }

    #[test]
    fn leaves_numbers_urls_and_emails() {
        assert_eq!(repair("增长5.2%,达到1,000亿元"), "增长5.2%，达到1,000亿元");
        assert_eq!(repair("会议于10:30召开"), "会议于10:30召开");
        assert_eq!(
            repair("详见 https://www.example.gov.cn/a,b;c?x=1:2 。"),
            "详见https://www.example.gov.cn/a,b;c?x=1:2。"
        );
        assert_eq!(
            repair("邮箱:hnrldgwxrc@163.com,电话"),
            "邮箱：hnrldgwxrc@163.com，电话"
        );
        assert_eq!(repair("Hello, world (test)."), "Hello, world (test).");
        assert_eq!(repair("采用Yew框架 v1.0."), "采用Yew框架v1.0。");
        assert_eq!(repair("见第3.2节"), "见第3.2节");
    }

    #[test]
    fn removes_stray_spaces() {
        assert_eq!(
            repair("湘潭市委书记胡贺波在全省基层人大 工作推进会上的发言"),
            "湘潭市委书记胡贺波在全省基层人大工作推进会上的发言"
        );
        assert_eq!(repair("第 18 期"), "第18期");
        assert_eq!(repair("全市 5100 余名"), "全市5100余名");
        assert_eq!(repair("用好工作 “指挥棒”"), "用好工作“指挥棒”");
        assert_eq!(repair("  the  Yew   app  "), "the Yew app");
        assert_eq!(repair("办公室 供稿)"), "办公室供稿)");
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("打通人大工作的“神经末梢”。"));
        assert!(ends_sentence("他说：“我们要努力。”"));
        assert!(ends_sentence("（摘编自湖南日报）"));
        assert!(ends_sentence("主要有以下三点："));
        assert!(!ends_sentence(
            "关键是要解决好基层人大工作怎么看、干什么、怎么干的问题。全"
        ));
        assert!(!ends_sentence("用好工作"));
    }
}
