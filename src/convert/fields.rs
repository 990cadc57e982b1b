//! Recognising the masthead's and the 报尾's lines: issue numbers, dates, contact details.

use super::repair::repair;
use crate::model::{is_iso_date, CumulativeNumber, IssueDate, IssueNumber, Issued};
use crate::text::is_space;

/// The value of a Chinese numeral (七百二十 → 720, 十八 → 18, 二〇二四 → 2024) or of ASCII or
/// full-width digits.
pub fn parse_number(s: &str) -> Option<u32> {
    let s = s.trim_matches(is_space);
    if s.is_empty() {
        return None;
    }
    if let Some(n) = parse_digits(s) {
        return Some(n);
    }
    let digit = |c: char| "〇零一二三四五六七八九".find(c).map(|_| ());
    // 二〇二四: digit by digit, as years are written.
    if s.chars().count() > 1 && s.chars().all(|c| digit(c).is_some() || c == '两') {
        return s.chars().try_fold(0u32, |acc, c| {
            acc.checked_mul(10)?.checked_add(digit_value(c)?)
        });
    }
    let mut total = 0u32;
    let mut section = 0u32;
    let mut current: Option<u32> = None;
    for c in s.chars() {
        if let Some(d) = digit_value(c) {
            current = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => {
                section = (section + current.take().unwrap_or(0)).checked_mul(10_000)?;
                total = total.checked_add(section)?;
                section = 0;
                continue;
            }
            _ => return None,
        };
        // 十八: a unit with no digit before it counts once.
        section += current.take().unwrap_or(1) * unit;
    }
    total
        .checked_add(section)?
        .checked_add(current.unwrap_or(0))
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '〇' | '零' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

fn parse_digits(s: &str) -> Option<u32> {
    let ascii: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    if ascii.chars().all(|c| c.is_ascii_digit()) {
        ascii.parse().ok()
    } else {
        None
    }
}

/// Whether `c` may stand in a number as printed: ASCII or full-width digits, or the Chinese
/// numerals (〇一二…十百千万, 零, 两).
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "〇零一二两三四五六七八九十百千万".contains(c)
}

/// The series names a special issue is printed with before 第 (增刊第2期), or alone (特刊).
const SERIES: [&str; 8] = [
    "增刊", "特刊", "专刊", "专辑", "专报", "号外", "副刊", "合刊",
];

/// What one line of a masthead holds: the fields found anywhere in it, in any order and
/// brackets, and the text that is none of them (the organ, or a line to report).
#[derive(Debug, Default, PartialEq)]
pub struct MastheadLine {
    /// 第N期 / 第N号 / 增刊第N期 / 2025年第5期 / 特刊.
    pub issue: Option<IssueNumber>,
    /// 总第N期.
    pub cumulative: Option<CumulativeNumber>,
    /// The date: 2025年3月18日, 二〇二五年三月十八日, 2025.3.18, 2025-03-18.
    pub date: Option<IssueDate>,
    /// The rest, piece by piece (brackets and separators around it dropped), as written.
    pub rest: Vec<String>,
    /// The fields found, each as written (before its repairs), in line order.
    pub written: Vec<String>,
}

impl MastheadLine {
    /// Whether it holds any of the masthead's numbered fields.
    pub fn has_field(&self) -> bool {
        self.issue.is_some() || self.cumulative.is_some() || self.date.is_some()
    }
}

/// Reads a masthead line: `2025年第5期（总第133期）`, `〔2025〕第3号`, `第5期 总第133期`,
/// `××市人大常委会代表工作室 2025年3月18日`, `特刊`… Each field is found wherever it stands;
/// what is left, split where a field or a wide gap stood, is [`MastheadLine::rest`].
pub fn masthead_line(line: &str) -> MastheadLine {
    let text = plain(line);
    let chars: Vec<char> = text.chars().collect();
    let mut out = MastheadLine::default();
    // Spans of chars taken by a field: (start, end).
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((end, c)) = cumulative_at(&chars, i) {
            if out.cumulative.is_none() {
                out.cumulative = Some(c);
            }
            taken.push((i, end));
            i = end;
            continue;
        }
        if let Some((start, end, n)) = issue_at(&chars, i) {
            if out.issue.is_none() {
                out.issue = Some(n);
            }
            taken.push((start, end));
            i = end;
            continue;
        }
        if let Some((end, d)) = date_at(&chars, i) {
            if out.date.is_none() {
                out.date = Some(d);
            }
            taken.push((i, end));
            i = end;
            continue;
        }
        i += 1;
    }
    // A span found by looking back (the year or series before 第) may overlap the one
    // before it: keep them in order, merged.
    taken.sort_unstable();
    out.written = taken
        .iter()
        .map(|&(start, end)| chars[start..end].iter().collect())
        .collect();
    let mut pieces = Vec::new();
    let mut from = 0;
    for (start, end) in taken {
        if start > from {
            pieces.push(chars[from..start].iter().collect::<String>());
        }
        from = from.max(end);
    }
    pieces.push(chars[from.min(chars.len())..].iter().collect());
    for piece in pieces {
        for part in split_line(&piece) {
            let part = part.trim_matches(|c: char| is_space(c) || is_separator(c));
            if part.is_empty() {
                continue;
            }
            let compact: String = part.chars().filter(|c| !is_space(*c)).collect();
            if out.issue.is_none() && SERIES.contains(&compact.as_str()) {
                out.issue = Some(IssueNumber {
                    label: compact.clone(),
                    number: None,
                    special: Some(compact),
                });
                continue;
            }
            out.rest.push(part.to_string());
        }
    }
    out
}

/// Brackets and separators that stand around or between masthead fields.
fn is_separator(c: char) -> bool {
    "（）()〔〕[]【】〈〉《》「」<>|｜/／·•、，,：:;；—－-_ ".contains(c)
}

/// A number as printed starting at `i` (spaces inside allowed): its value and where it
/// ends.
fn number_at(chars: &[char], mut i: usize) -> Option<(usize, u32)> {
    while i < chars.len() && is_space(chars[i]) {
        i += 1;
    }
    let start = i;
    while i < chars.len() && (is_numeral(chars[i]) || (is_space(chars[i]) && i > start)) {
        i += 1;
    }
    let digits: String = chars[start..i].iter().filter(|c| !is_space(**c)).collect();
    let value = parse_number(&digits)?;
    // Trailing spaces belong to what follows.
    while i > start && is_space(chars[i - 1]) {
        i -= 1;
    }
    Some((i, value))
}

/// Skips spaces from `i`.
fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && is_space(chars[i]) {
        i += 1;
    }
    i
}

/// 总第N期 (or 总第N号, 总N期) at `i`: where it ends, and the number.
fn cumulative_at(chars: &[char], i: usize) -> Option<(usize, CumulativeNumber)> {
    if chars.get(i) != Some(&'总') {
        return None;
    }
    let mut j = skip_spaces(chars, i + 1);
    if chars.get(j) == Some(&'第') {
        j += 1;
    }
    let (end, _) = number_at(chars, j)?;
    let end = skip_spaces(chars, end);
    if !matches!(chars.get(end), Some('期' | '号')) {
        return None;
    }
    let text: String = chars[i..=end].iter().collect();
    let text = repair(&text);
    let number = parse_number(
        text.trim_start_matches(['总', '第'])
            .trim_end_matches(['期', '号']),
    );
    Some((end + 1, CumulativeNumber { text, number }))
}

/// 第N期 / 第N号 at `i` (not after 总), with a series name (增刊) or a year (2025年, 〔2025〕)
/// standing right before it: where it starts and ends, and the number.
fn issue_at(chars: &[char], i: usize) -> Option<(usize, usize, IssueNumber)> {
    if chars.get(i) != Some(&'第') {
        return None;
    }
    let before = chars[..i].iter().rev().find(|c| !is_space(**c)).copied();
    if before == Some('总') {
        return None;
    }
    let (end, number) = number_at(chars, i + 1)?;
    let end = skip_spaces(chars, end);
    if !matches!(chars.get(end), Some('期' | '号')) {
        return None;
    }
    // Look back past spaces for a series name, then for a year.
    let mut start = i;
    let back = |from: usize| {
        let mut k = from;
        while k > 0 && is_space(chars[k - 1]) {
            k -= 1;
        }
        k
    };
    let mut special = None;
    // A series name ending at `k`: where it starts.
    let series_before = |k: usize| {
        SERIES.iter().find_map(|series| {
            let n = series.chars().count();
            (k >= n && chars[k - n..k].iter().copied().eq(series.chars()))
                .then(|| (k - n, series.to_string()))
        })
    };
    if let Some((s, name)) = series_before(back(start)) {
        special = Some(name);
        start = s;
    }
    let k = back(start);
    // 2025年 or 〔2025〕 / [2025] / （2025） right before.
    let year_start = if k > 0 && chars[k - 1] == '年' {
        let mut s = k - 1;
        while s > 0 && (is_numeral(chars[s - 1]) || is_space(chars[s - 1])) {
            s -= 1;
        }
        (s < k - 1).then_some(s)
    } else if k > 0 && "〕]）)】".contains(chars[k - 1]) {
        let mut s = k - 1;
        while s > 0 && is_numeral(chars[s - 1]) {
            s -= 1;
        }
        (s > 0 && s + 4 < k && "〔[（(【".contains(chars[s - 1])).then(|| s - 1)
    } else {
        None
    };
    if let Some(s) = year_start {
        let s = skip_spaces(chars, s);
        if s < start {
            start = s;
        }
        // 特刊 〔2025〕第3号: the series may stand before the year.
        if special.is_none() {
            if let Some((s, name)) = series_before(back(start)) {
                special = Some(name);
                start = s;
            }
        }
    }
    let label: String = chars[start..=end].iter().collect();
    Some((
        start,
        end + 1,
        IssueNumber {
            label: repair(&label),
            number: Some(number),
            special,
        },
    ))
}

/// A date at `i`: 2025年3月18日 (digits or Chinese numerals, spaces allowed), or 2025.3.18,
/// 2025-03-18, 2025/3/18: where it ends, and the date.
fn date_at(chars: &[char], i: usize) -> Option<(usize, IssueDate)> {
    if !is_numeral(chars[i]) || (i > 0 && is_numeral(chars[i - 1])) {
        return None;
    }
    let (e1, y) = number_at(chars, i)?;
    let j = skip_spaces(chars, e1);
    if chars.get(j) == Some(&'年') {
        let (e2, m) = number_at(chars, j + 1)?;
        let k = skip_spaces(chars, e2);
        if chars.get(k) != Some(&'月') {
            return None;
        }
        let (e3, d) = number_at(chars, k + 1)?;
        let l = skip_spaces(chars, e3);
        if chars.get(l) != Some(&'日') {
            return None;
        }
        let display: String = chars[i..=l].iter().collect();
        let iso = format!("{y:04}-{m:02}-{d:02}");
        return is_iso_date(&iso).then(|| {
            (
                l + 1,
                IssueDate {
                    iso,
                    display: repair(&display),
                },
            )
        });
    }
    // 2025.3.18: a four-digit year and the same separator twice, digits only.
    let sep = *chars.get(e1)?;
    if !(y >= 1900 && e1 - i == 4 && ".-/．－／".contains(sep)) {
        return None;
    }
    let digits = |from: usize| {
        let mut k = from;
        while k < chars.len() && chars[k].is_ascii_digit() {
            k += 1;
        }
        (k > from && k - from <= 2).then(|| (k, chars[from..k].iter().collect::<String>()))
    };
    let (e2, m) = digits(e1 + 1)?;
    if chars.get(e2) != Some(&sep) {
        return None;
    }
    let (e3, d) = digits(e2 + 1)?;
    if chars.get(e3).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    let iso = format!("{y:04}-{m:02}-{d:02}");
    is_iso_date(&iso).then(|| {
        (
            e3,
            IssueDate {
                iso,
                display: chars[i..e3].iter().collect(),
            },
        )
    })
}

/// Removes the Markdown emphasis (`**`) and spaces around a line.
pub fn plain(line: &str) -> String {
    line.replace("**", "").trim_matches(is_space).to_string()
}

/// The parts of a line that extraction put side by side, separated by two or more spaces or
/// a tab (the printed masthead sets organ left and date right on one line).
pub fn split_line(line: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut spaces = String::new();
    for c in line.chars() {
        if is_space(c) {
            spaces.push(c);
            continue;
        }
        if !spaces.is_empty() {
            if spaces.chars().count() >= 2 || spaces.contains('\t') {
                parts.push(std::mem::take(&mut current));
            } else {
                current.push_str(&spaces);
            }
            spaces.clear();
        }
        current.push(c);
    }
    parts.push(current);
    parts.retain(|p| !p.is_empty());
    parts
}

/// 第18期, 增刊第2期, 第 18 期 → [`IssueNumber`].
pub fn issue_number(line: &str) -> Option<IssueNumber> {
    let label = repair(line);
    let (special, rest) = label.split_once('第')?;
    let number = rest.strip_suffix('期')?;
    let special = special.trim_matches(is_space);
    // Only a short series name may stand before 第 (增刊, 特刊, 专刊).
    if special.chars().count() > 4 || special.chars().any(|c| !crate::text::is_han(c)) {
        return None;
    }
    let number = parse_number(number)?;
    Some(IssueNumber {
        special: (!special.is_empty()).then(|| special.to_string()),
        label,
        number: Some(number),
    })
}

/// (总第七百二十期) → [`CumulativeNumber`].
pub fn cumulative_number(line: &str) -> Option<CumulativeNumber> {
    let text = repair(line);
    let inner = text
        .strip_prefix('（')
        .and_then(|s| s.strip_suffix('）'))
        .unwrap_or(&text);
    let number = inner.strip_prefix("总第")?.strip_suffix('期')?;
    Some(CumulativeNumber {
        number: parse_number(number),
        text: inner.to_string(),
    })
}

/// 2024 年 11 月 4 日, 二〇二四年十一月四日 → [`IssueDate`].
pub fn issue_date(line: &str) -> Option<IssueDate> {
    let display = repair(line);
    let (y, rest) = display.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let (y, m, d) = (parse_number(y)?, parse_number(m)?, parse_number(d)?);
    let iso = format!("{y:04}-{m:02}-{d:02}");
    is_iso_date(&iso).then_some(IssueDate { iso, display })
}

/// 湖南省人大常委会代表工作委员会编: the compiling organ's line.
pub fn is_organ(line: &str) -> bool {
    let t = repair(line);
    t.chars().next().is_some_and(crate::text::is_han)
        && ["编", "编印", "主办", "印发", "办公室", "办公厅"]
            .iter()
            .any(|s| t.ends_with(s))
}

/// A labelled line of the 报尾 such as `送：…` or `**送：**…`: its label and its text.
pub fn distribution(line: &str) -> Option<(String, String)> {
    distribution_parts(line).map(|(label, text)| (label, repair(&text)))
}

/// [`distribution`] with the text as written (not repaired).
pub fn distribution_parts(line: &str) -> Option<(String, String)> {
    let t = plain(line);
    let (label, text) = t.split_once(['：', ':'])?;
    // 抄　送：, 报 送： — labels are often spaced out to the width of the longest.
    let label: String = label.chars().filter(|c| !is_space(*c)).collect();
    [
        "送", "报", "发", "抄送", "分送", "报送", "抄报", "主送", "印送",
    ]
    .contains(&label.as_str())
    .then(|| (label, text.to_string()))
}

/// The labels of the 报尾's fields (besides the distribution lines), as [`footer_fields`]
/// finds them.
pub const FOOTER_LABELS: [&str; 17] = [
    "责任编辑",
    "本期编辑",
    "编辑",
    "审核",
    "审稿",
    "审定",
    "签发",
    "签批",
    "主编",
    "校对",
    "联系方式",
    "联系电话",
    "电话",
    "电子邮箱",
    "邮箱",
    "批准文号",
    "准印证号",
];

/// The labelled fields of a 报尾 line, in order: `责任编辑：汤 建 联系方式：0731—85309319 …`
/// → `[("责任编辑", "汤 建"), ("联系方式", "0731—85309319 …")]`; `审　　核：张三　签发：李四`
/// → `[("审核", "张三"), ("签发", "李四")]` (a label may be spaced out). None when the line
/// does not start with a known label.
pub fn footer_fields(line: &str) -> Option<Vec<(&'static str, String)>> {
    let t: Vec<char> = plain(line).chars().collect();
    // A label at `i`, its characters perhaps spaced out, then a colon: the label and where
    // its value starts.
    let label_at = |i: usize| -> Option<(&'static str, usize)> {
        FOOTER_LABELS.iter().find_map(|label| {
            let mut k = i;
            for (n, c) in label.chars().enumerate() {
                if n > 0 {
                    while k < t.len() && is_space(t[k]) {
                        k += 1;
                    }
                }
                if t.get(k) != Some(&c) {
                    return None;
                }
                k += 1;
            }
            while k < t.len() && is_space(t[k]) {
                k += 1;
            }
            matches!(t.get(k), Some('：' | ':')).then_some((*label, k + 1))
        })
    };
    let mut found: Vec<(usize, &'static str, usize)> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match label_at(i) {
            Some((label, value)) => {
                found.push((i, label, value));
                i = value;
            }
            None => i += 1,
        }
    }
    if found.first().map(|f| f.0) != Some(0) {
        return None;
    }
    let mut fields = Vec::new();
    for (k, &(_, label, value)) in found.iter().enumerate() {
        let end = found.get(k + 1).map_or(t.len(), |f| f.0);
        let value: String = t[value..end].iter().collect();
        fields.push((label, value.trim_matches(is_space).to_string()));
    }
    Some(fields)
}

/// The print run in a 报尾 line — `（共印80份）`, `共印 80 份`, `印数：80份` — and the line
/// without it (brackets and spaces around it dropped).
pub fn print_run(line: &str) -> Option<(u32, String)> {
    let t: Vec<char> = plain(line).chars().collect();
    let mut i = 0;
    while i + 1 < t.len() {
        let after = if t[i] == '共' && t[i + 1] == '印' {
            Some(i + 2)
        } else if t[i] == '印' && t[i + 1] == '数' {
            let k = skip_spaces(&t, i + 2);
            matches!(t.get(k), Some('：' | ':')).then_some(k + 1)
        } else {
            None
        };
        if let Some((end, n)) = after.and_then(|a| number_at(&t, a)) {
            let mut end = skip_spaces(&t, end);
            if t.get(end) == Some(&'份') {
                end += 1;
            } else if t[i] == '共' {
                i += 1;
                continue;
            }
            let mut start = i;
            while start > 0 && (is_space(t[start - 1]) || "（(〔[【".contains(t[start - 1])) {
                start -= 1;
            }
            while end < t.len() && (is_space(t[end]) || "）)〕]】".contains(t[end])) {
                end += 1;
            }
            let rest: String = t[..start].iter().chain(&t[end..]).collect();
            return Some((n, rest.trim_matches(is_space).to_string()));
        }
        i += 1;
    }
    None
}

/// The 版记's 印发 line — `××办公室    2025年3月18日印发`, `××办公室印发` — as the office
/// and the date. None for anything else (a sentence that ends in 印发 has punctuation).
pub fn issued_line(line: &str) -> Option<Issued> {
    let t = plain(line);
    let body = t.strip_suffix("印发")?.trim_matches(is_space);
    if body.is_empty() || body.chars().any(|c| "。，；！？,;!?".contains(c)) {
        return None;
    }
    let m = masthead_line(body);
    if m.issue.is_some() || m.cumulative.is_some() || m.rest.len() > 1 {
        return None;
    }
    let by = m.rest.into_iter().next().map(|b| repair(&b));
    if by.as_ref().is_some_and(|b| b.chars().count() > 40) {
        return None;
    }
    (by.is_some() || m.date.is_some()).then_some(Issued { by, date: m.date })
}

/// Splits 联系方式's value into a phone number and an e-mail address.
pub fn phone_and_email(value: &str) -> (Option<String>, Option<String>) {
    let mut phone = None;
    let mut email = None;
    for token in value.split(|c: char| is_space(c) || "，,；;、".contains(c)) {
        if token.is_empty() {
            continue;
        }
        if token.contains('@') {
            email = Some(token.to_string());
        } else if crate::model::tel_digits(token).is_some() {
            phone = Some(phone_text(token));
        }
    }
    (phone, email)
}

/// A telephone number as it should be written on screen: print's dashes (0731—85309319)
/// become a hyphen.
pub fn phone_text(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '—' | '–' | '－') {
                '-'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        assert_eq!(parse_number("七百二十"), Some(720));
        assert_eq!(parse_number("十八"), Some(18));
        assert_eq!(parse_number("二十"), Some(20));
        assert_eq!(parse_number("一千零五"), Some(1005));
        assert_eq!(parse_number("二〇二四"), Some(2024));
        assert_eq!(parse_number("18"), Some(18));
        assert_eq!(parse_number("１８"), Some(18));
        assert_eq!(parse_number("三万二千"), Some(32000));
        assert_eq!(parse_number("十八a"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn issue_numbers() {
        let n = issue_number("第 18 期").unwrap();
        assert_eq!(
            (n.label.as_str(), n.number, n.special),
            ("第18期", Some(18), None)
        );
        let n = issue_number("增刊第 2 期").unwrap();
        assert_eq!(n.special.as_deref(), Some("增刊"));
        assert_eq!(n.number, Some(2));
        assert_eq!(issue_number("第十八期").unwrap().number, Some(18));
        assert!(issue_number("会议第一次全体会议召开时期").is_none());
        let c = cumulative_number("(总第七百二十期)").unwrap();
        assert_eq!((c.text.as_str(), c.number), ("总第七百二十期", Some(720)));
        assert_eq!(cumulative_number("总第 720 期").unwrap().number, Some(720));
    }

    #[test]
    fn dates() {
        let d = issue_date("2024 年 11 月 4 日").unwrap();
        assert_eq!(
            (d.iso.as_str(), d.display.as_str()),
            ("2024-11-04", "2024年11月4日")
        );
        assert_eq!(
            issue_date("二〇二四年十一月四日").unwrap().iso,
            "2024-11-04"
        );
        assert!(issue_date("2024年2月30日").is_none());
        assert!(issue_date("湖南省人大常委会代表工作委员会编").is_none());
    }

    #[test]
    fn footer_lines() {
        let (label, text) = distribution("**送：**全国人大常委会，省委组织部。").unwrap();
        assert_eq!(
            (label.as_str(), text.as_str()),
            ("送", "全国人大常委会，省委组织部。")
        );
        assert!(distribution("责任编辑：汤建").is_none());
        let f =
            footer_fields("责任编辑：汤 建 联系方式：0731—85309319 hnrldgwxrc@163.com").unwrap();
        assert_eq!(f[0], ("责任编辑", "汤 建".to_string()));
        assert_eq!(
            f[1],
            ("联系方式", "0731—85309319 hnrldgwxrc@163.com".to_string())
        );
        let (phone, email) = phone_and_email(&f[1].1);
        assert_eq!(phone.as_deref(), Some("0731-85309319"));
        assert_eq!(email.as_deref(), Some("hnrldgwxrc@163.com"));
        assert!(footer_fields("会议强调，责任编辑：要").is_none());
        assert_eq!(
            split_line("湖南省人大常委会代表工作委员会编    2024 年 11 月 4 日"),
            ["湖南省人大常委会代表工作委员会编", "2024 年 11 月 4 日"]
        );
    }
}
