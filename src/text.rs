//! Character classes of Chinese text, shared by the converter and the renderer.

/// A Han character (汉字), including 〇.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '〇')
}

/// Chinese punctuation: CJK symbols (。、《》〔〕…), full-width forms (，：；（）…), and the
/// quotes, dashes and ellipsis that Chinese text shares with Western text.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{FF00}'..='\u{FF65}'
        | '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Han character or Chinese punctuation.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Spaces as they come out of text extraction: ASCII, tab, no-break and ideographic space.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{A0}' | '\u{3000}' | '\u{2002}'..='\u{200B}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('湘'));
        assert!(is_han('〇'));
        assert!(!is_han('。'));
        assert!(is_cjk_punct('，'));
        assert!(is_cjk_punct('“'));
        assert!(is_cjk_punct('〔'));
        assert!(!is_cjk('a'));
        assert!(!is_cjk('5'));
        assert!(is_space('\u{3000}'));
    }
}
