//! The JSON path (`articles[1].title`) of a position in JSON text.
//!
//! serde_json reports where a value is wrong by line and column; the path to it is what a
//! person needs to find and fix it. Tracking paths during deserialisation
//! (serde_path_to_error) doubles the wasm code of every model type, so the path is instead
//! recovered, only when there is an error, by scanning the text up to that position.

/// One level of nesting on the way to the position.
enum Frame {
    Object { key: Option<String>, in_key: bool },
    Array { index: usize },
}

/// The path to the value at `line`:`column` (1-based, as serde_json reports them) of `json`;
/// empty at the top level.
pub fn path_at(json: &str, line: usize, column: usize) -> String {
    // serde_json may have read past the value it complains about (an internally tagged block
    // is checked only once its whole object is read, with the reader at the next element):
    // step back over the white space and commas that separate values.
    let end = char_index(json, line, column);
    let chars: Vec<char> = json.chars().take(end).collect();
    let end = chars
        .iter()
        .rposition(|c| !c.is_whitespace() && *c != ',')
        .map_or(0, |i| i + 1);
    let mut stack: Vec<Frame> = Vec::new();
    let mut it = chars[..end].iter().copied();
    while let Some(ch) = it.next() {
        match ch {
            '{' => stack.push(Frame::Object {
                key: None,
                in_key: true,
            }),
            '[' => stack.push(Frame::Array { index: 0 }),
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { in_key, .. }) => *in_key = true,
                None => {}
            },
            ':' => {
                if let Some(Frame::Object { in_key, .. }) = stack.last_mut() {
                    *in_key = false;
                }
            }
            '"' => {
                let mut s = String::new();
                let mut escaped = false;
                for sc in it.by_ref() {
                    if escaped {
                        s.push(sc);
                        escaped = false;
                    } else if sc == '\\' {
                        escaped = true;
                    } else if sc == '"' {
                        break;
                    } else {
                        s.push(sc);
                    }
                }
                if let Some(Frame::Object { key, in_key: true }) = stack.last_mut() {
                    *key = Some(s);
                }
            }
            _ => {}
        }
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// The index of the character before `line`:`column` (1-based; column 0 is a line's start).
fn char_index(json: &str, line: usize, column: usize) -> usize {
    let (mut l, mut c) = (1usize, 0usize);
    for (i, ch) in json.chars().enumerate() {
        if (l, c) >= (line, column) {
            return i;
        }
        if ch == '\n' {
            l += 1;
            c = 0;
        } else {
            c += 1;
        }
    }
    json.chars().count()
}
