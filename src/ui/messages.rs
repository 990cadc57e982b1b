//! Problems and faults — what validation, the reader and serde_json found — in the
//! interface language. English is the model's own `Display`; Chinese renders every kind
//! here with an exhaustive `match`, so a kind added to the model does not compile until it
//! is translated. Values the messages quote (ids, URLs, dates) stay as written.

use super::UiLang;
use crate::model::{Counted, JsonFault, JsonType, JsonValue, Part, Problem, ProblemKind};

/// What is wrong — the kind, the place in the text when there is one, and what became of a
/// part left out — without the JSON path: `不能为空`, `类型不对：应为字符串，实为整数 \`3\`（第 4
/// 行第 14 个字符）`.
pub fn problem_text(p: &Problem, lang: UiLang) -> String {
    match lang {
        UiLang::En => p.message(),
        UiLang::ZhCn => {
            let mut s = kind_zh(&p.kind);
            if let Some(at) = p.at {
                s.push_str(&format!("（第 {} 行第 {} 个字符）", at.line, at.column));
            }
            if let ProblemKind::LeftOut { part, .. } = &p.kind {
                s.push('；');
                s.push_str(match part {
                    Part::ContentsEntry => "这一条要目未显示",
                    Part::Article => "这篇文章未显示",
                    Part::Footer => "报尾未显示",
                    Part::Field => "已忽略",
                });
            }
            s
        }
    }
}

fn kind_zh(kind: &ProblemKind) -> String {
    use ProblemKind as K;
    match kind {
        K::Empty => "不能为空".into(),
        K::Missing => "未填写，请补上（草稿）".into(),
        K::BidiControl(c) => format!(
            "含有不可见的双向控制字符 U+{:04X}，可能用来伪装文字",
            *c as u32
        ),
        K::UnsupportedVersion {
            found: Some(v),
            reads,
        } => format!("不支持第 {v} 版格式；本阅读器读取第 {reads} 版"),
        K::UnsupportedVersion { found: None, reads } => {
            format!("缺少格式版本号；本阅读器读取第 {reads} 版")
        }
        K::BadId(id) => {
            format!("\"{id}\" 不能用作编号：只能用小写字母 a-z、数字和“-”，并以字母开头")
        }
        K::DuplicateId(id) => format!("\"{id}\" 已被前面的文章使用"),
        K::NoArticles => "一期简报至少要有一篇文章".into(),
        K::NoBlocks => "一篇文章至少要有一段内容".into(),
        K::EmptyList => "列表至少要有一项".into(),
        K::EmptyTable => "表格至少要有一个有文字的单元格".into(),
        K::EmptyRow => "表格的每一行至少要有一个单元格".into(),
        K::UnsafeImage(src) => {
            format!("\"{src}\" 不允许：图片地址只能用 http、https 或相对地址")
        }
        K::BadDate(d) => format!("\"{d}\" 不是 YYYY-MM-DD 格式的日期"),
        K::NotPhone(p) => format!("\"{p}\" 不是电话号码（只能有数字、空格、-、+ 和括号）"),
        K::NotEmail(e) => format!("\"{e}\" 不是电子邮件地址"),
        K::UnknownArticle(id) => format!("没有编号为 \"{id}\" 的文章"),
        K::TooMany { what, found, max } => {
            let unit = match what {
                Counted::Articles => "篇文章",
                Counted::Blocks => "段内容",
                Counted::Cells => "个单元格",
                Counted::ContentsEntries => "条要目",
                Counted::ListItems => "个列表项",
                Counted::DistributionEntries => "条报送单位",
            };
            format!("共 {found} {unit}，超过本阅读器显示的上限 {max}；只显示前 {max}")
        }
        K::TooLong { found, max } => format!("长 {found} 个字符，超过此处的上限 {max}"),
        K::Json(fault) | K::LeftOut { fault, .. } => fault_zh(fault),
        K::NotUtf8 { byte } => {
            format!("数据从第 {byte} 个字节起不是 UTF-8 编码，无法识别的字符显示为 \u{FFFD}")
        }
        K::FeedNotIssue => "这是一份往期目录（feed），不是一期简报：请用 feed 属性指定它".into(),
        K::IssueNotFeed => "这是一期简报，不是往期目录（feed）：请用 src 属性指定它".into(),
        K::NoIssues => "目录中没有任何一期".into(),
        K::NotNewestFirst => "目录须把最新的一期排在最前".into(),
        K::UnsafeUrl(url) => format!("\"{url}\" 不是 http(s) 地址或相对地址"),
    }
}

fn fault_zh(fault: &JsonFault) -> String {
    match fault {
        JsonFault::EndOfInput(_) => "数据在此处意外结束（可能下载不完整）".into(),
        JsonFault::ExpectedValue => "此处应有一个值".into(),
        JsonFault::TrailingCharacters => "数据结束后还有多余的字符".into(),
        JsonFault::KeyMustBeString => "对象的键必须是带引号的字符串".into(),
        JsonFault::ControlCharacter => "字符串中有控制字符".into(),
        JsonFault::RecursionLimit => "数据嵌套的层数太多，超过了阅读器的上限".into(),
        JsonFault::BadEscape(_) => "字符串中有无效的转义（以 \\ 开头的字符）".into(),
        JsonFault::MissingField(f) => format!("缺少字段 `{f}`"),
        JsonFault::UnknownField { field, .. } => format!("未知字段 `{field}`"),
        JsonFault::DuplicateField(f) => format!("字段 `{f}` 重复"),
        JsonFault::UnknownVariant { variant, .. } => format!("未知的类型 `{variant}`"),
        JsonFault::InvalidType { found, expected } => format!(
            "类型不对：应为{}，实为{}",
            value_zh(expected),
            value_zh(found)
        ),
        // serde_json's words for what this build does not know: as written.
        JsonFault::Other(m) => m.clone(),
    }
}

/// A kind of JSON value in Chinese, with the value it quotes.
fn value_zh(v: &JsonValue) -> String {
    let name = match v.kind {
        JsonType::String => "字符串",
        JsonType::Integer => "整数",
        JsonType::Float => "小数",
        JsonType::Boolean => "布尔值",
        JsonType::Sequence => "列表",
        JsonType::Object => "对象",
        JsonType::Null => " null",
        JsonType::Other => return format!(" {}", v.text),
    };
    match &v.shown {
        Some(shown) => format!("{name} {shown}"),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Position;

    fn at_path(kind: ProblemKind) -> Problem {
        Problem::at_path("x", kind)
    }

    fn fault(message: &str) -> JsonFault {
        JsonFault::of_message(message)
    }

    fn placed(kind: ProblemKind, line: usize, column: usize) -> Problem {
        Problem {
            at: Some(Position { line, column }),
            ..at_path(kind)
        }
    }

    /// Every kind of problem, once: the `match` fails to compile when a kind is added and
    /// not listed here.
    fn every_kind() -> Vec<ProblemKind> {
        use crate::model::{Counted, Part};
        use ProblemKind as K;
        let fault = JsonFault::ExpectedValue;
        let all = vec![
            K::Empty,
            K::Missing,
            K::BidiControl('\u{202E}'),
            K::UnsupportedVersion {
                found: Some("2".into()),
                reads: 1,
            },
            K::UnsupportedVersion {
                found: None,
                reads: 1,
            },
            K::BadId("A 1".into()),
            K::DuplicateId("a-1".into()),
            K::NoArticles,
            K::NoBlocks,
            K::EmptyList,
            K::EmptyTable,
            K::EmptyRow,
            K::UnsafeImage("javascript:x".into()),
            K::BadDate("2024-13-01".into()),
            K::NotPhone("abc".into()),
            K::NotEmail("abc".into()),
            K::UnknownArticle("a-9".into()),
            K::TooMany {
                what: Counted::Articles,
                found: 300,
                max: 200,
            },
            K::TooLong {
                found: 300,
                max: 200,
            },
            K::Json(fault.clone()),
            K::LeftOut {
                part: Part::Article,
                fault,
            },
            K::NotUtf8 { byte: 3 },
            K::FeedNotIssue,
            K::IssueNotFeed,
            K::NoIssues,
            K::NotNewestFirst,
            K::UnsafeUrl("ftp://x".into()),
        ];
        for k in &all {
            match k {
                K::Empty
                | K::Missing
                | K::BidiControl(_)
                | K::UnsupportedVersion { .. }
                | K::BadId(_)
                | K::DuplicateId(_)
                | K::NoArticles
                | K::NoBlocks
                | K::EmptyList
                | K::EmptyTable
                | K::EmptyRow
                | K::UnsafeImage(_)
                | K::BadDate(_)
                | K::NotPhone(_)
                | K::NotEmail(_)
                | K::UnknownArticle(_)
                | K::TooMany { .. }
                | K::TooLong { .. }
                | K::Json(_)
                | K::LeftOut { .. }
                | K::NotUtf8 { .. }
                | K::FeedNotIssue
                | K::IssueNotFeed
                | K::NoIssues
                | K::NotNewestFirst
                | K::UnsafeUrl(_) => {}
            }
        }
        all
    }

    #[test]
    fn every_problem_kind_has_a_chinese_text() {
        for kind in every_kind() {
            let p = Problem::at_path("masthead.issue", kind);
            let zh = problem_text(&p, UiLang::ZhCn);
            let en = problem_text(&p, UiLang::En);
            assert!(zh.chars().any(crate::text::is_han), "{zh}");
            assert_ne!(zh, en);
            assert_eq!(crate::text::english_sentence(&zh), None, "{zh}");
        }
    }

    #[test]
    fn detail_lines_in_chinese() {
        let zh = |p: Problem| problem_text(&p, UiLang::ZhCn);
        assert_eq!(zh(at_path(ProblemKind::Empty)), "不能为空");
        let left_out = ProblemKind::LeftOut {
            part: Part::Article,
            fault: fault("invalid type: integer `42`, expected a string"),
        };
        assert_eq!(
            zh(placed(left_out, 12, 7)),
            "类型不对：应为字符串，实为整数 `42`（第 12 行第 7 个字符）；这篇文章未显示"
        );
        let json = |m| ProblemKind::Json(fault(m));
        assert_eq!(
            zh(placed(
                json("invalid type: string \"十八\", expected u32"),
                7,
                24
            )),
            "类型不对：应为整数，实为字符串 \"十八\"（第 7 行第 24 个字符）"
        );
        assert_eq!(zh(at_path(json("missing field `date`"))), "缺少字段 `date`");
        assert_eq!(
            zh(at_path(json(
                "unknown field `titel`, expected one of `title`, `issue`"
            ))),
            "未知字段 `titel`"
        );
        assert_eq!(
            zh(at_path(ProblemKind::UnknownArticle("a-9".into()))),
            "没有编号为 \"a-9\" 的文章"
        );
        assert_eq!(
            zh(at_path(ProblemKind::BadDate("2024-13-01".into()))),
            "\"2024-13-01\" 不是 YYYY-MM-DD 格式的日期"
        );
        let too_many = ProblemKind::TooMany {
            what: Counted::Articles,
            found: 2400,
            max: 2000,
        };
        assert_eq!(
            zh(at_path(too_many)),
            "共 2400 篇文章，超过本阅读器显示的上限 2000；只显示前 2000"
        );
        assert_eq!(
            zh(placed(json("EOF while parsing a string"), 2, 10)),
            "数据在此处意外结束（可能下载不完整）（第 2 行第 10 个字符）"
        );
        // serde_json's words that this build does not know stay as written.
        assert_eq!(
            zh(at_path(json("something new happened"))),
            "something new happened"
        );
        // English is the model's own wording.
        assert_eq!(
            problem_text(&at_path(ProblemKind::Empty), UiLang::En),
            "must not be empty"
        );
        assert_eq!(
            zh(at_path(ProblemKind::UnsupportedVersion {
                found: None,
                reads: 1
            })),
            "缺少格式版本号；本阅读器读取第 1 版"
        );
    }
}
