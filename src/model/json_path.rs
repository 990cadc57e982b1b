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

/// Frames of a path shown in full; a deeper one (a recursion bomb) is shown by its first
/// and last frames around the count of those left out.
const SHOWN_FRAMES: usize = 16;

/// The path to the value at `line`:`column` of `json`, as serde_json reports them (lines
/// from 1; the column counts *bytes* from the line's start); empty at the top level.
pub fn path_at(json: &str, line: usize, column: usize) -> String {
    path_before(json, byte_offset(json, line, column), false)
}

/// Like [`path_at`], for a fault in a value (a wrong type, a missing field) rather than in
/// the JSON syntax: serde_json reports a block's faults only once it has read the whole block
/// (an internally tagged enum is read whole to find its `type`), and after the last block of
/// an array it stands past the array's `]` too, so that is stepped back over as well.
pub fn value_path_at(json: &str, line: usize, column: usize) -> String {
    path_before(json, byte_offset(json, line, column), true)
}

/// The place serde_json reports as a character column (from 1): what a person counts.
pub fn char_column(json: &str, line: usize, column: usize) -> usize {
    let end = byte_offset(json, line, column);
    let start = json[..end].rfind('\n').map_or(0, |i| i + 1);
    json[start..end].chars().count()
}

/// The byte offset of serde_json's `line`:`column` (column in bytes), at a character
/// boundary, within the text.
fn byte_offset(json: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match json[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return json.len(),
        }
    }
    let mut end = (start + column).min(json.len());
    while !json.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The path to the value at byte `end` of `json`; with `in_value`, an array closed right
/// after an object is stepped back into.
fn path_before(json: &str, end: usize, in_value: bool) -> String {
    // serde_json may have read past the value it complains about (an internally tagged block
    // is checked only once its whole object is read, with the reader at the next element):
    // step back over the white space and commas that separate values.
    let separators = |c: char| c.is_whitespace() || c == ',';
    let mut text = json[..end].trim_end_matches(separators);
    if in_value {
        if let Some(inner) = text.strip_suffix(']') {
            let inner = inner.trim_end_matches(separators);
            if inner.ends_with('}') {
                text = inner;
            }
        }
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut it = text.chars();
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
    let hidden = stack.len().saturating_sub(SHOWN_FRAMES);
    for (n, frame) in stack.iter().enumerate() {
        if hidden > 0 && n >= SHOWN_FRAMES - 4 && n < stack.len() - 4 {
            if n == SHOWN_FRAMES - 4 {
                path.push_str(&format!("…({hidden} levels)…"));
            }
            continue;
        }
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
