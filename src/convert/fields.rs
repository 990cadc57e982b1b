//! Recognising the masthead's and the 报尾's lines: issue numbers, dates, contact details.

use super::repair::repair;
use crate::model::{is_iso_date, CumulativeNumber, IssueDate, IssueNumber};
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
    let label = label.trim_matches(is_space);
    ["送", "报", "发", "抄送", "分送", "报送", "抄报", "印发"]
        .contains(&label)
        .then(|| (label.to_string(), text.to_string()))
}

/// The labelled fields of a 报尾 line, in order: `责任编辑：汤 建 联系方式：0731—85309319 …`
/// → `[("责任编辑", "汤 建"), ("联系方式", "0731—85309319 …")]`. None when the line does not
/// start with a known label.
pub fn footer_fields(line: &str) -> Option<Vec<(&'static str, String)>> {
    const LABELS: [&str; 9] = [
        "责任编辑",
        "编辑",
        "联系方式",
        "联系电话",
        "电话",
        "电子邮箱",
        "邮箱",
        "批准文号",
        "准印证号",
    ];
    let t = plain(line);
    let mut found: Vec<(usize, &'static str)> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let rest = &t[i..];
        let hit = LABELS.iter().find(|l| {
            rest.strip_prefix(**l)
                .is_some_and(|r| r.trim_start_matches(is_space).starts_with(['：', ':']))
        });
        match hit {
            Some(l) => {
                found.push((i, l));
                i += l.len();
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if found.first().map(|f| f.0) != Some(0) {
        return None;
    }
    let mut fields = Vec::new();
    for (k, &(start, label)) in found.iter().enumerate() {
        let end = found.get(k + 1).map_or(t.len(), |f| f.0);
        let value = t[start + label.len()..end]
            .trim_start_matches(is_space)
            .trim_start_matches(['：', ':'])
            .trim_matches(is_space);
        fields.push((label, value.to_string()));
    }
    Some(fields)
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
