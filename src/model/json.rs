//! JSON text read into values that know where they stand in it, and the model's types read
//! from those values with the JSON path of every fault.
//!
//! The viewer used to read with serde_json and serde's derived visitors, and to recover the
//! path of a fault by scanning the text up to serde_json's line and column. Those visitors
//! were 20 KB more of the wasm (gzip) than this reader, which does the same job with
//! exact paths (it knows them as it reads) and positions. serde's derives stay in the model
//! for writing JSON and, in the tests, as the oracle this reader is checked against
//! (tests/properties.rs: the same texts accepted, the same values, faults of the same kind).
//!
//! Faults are worded as serde_json words them (`invalid type: integer \`3\`, expected a
//! string`), so that [`JsonFault`] and its translations cover both, and a fault is placed
//! where serde_json places it: a syntax fault at the character that breaks it, a wrong value
//! at its last character, a missing field at the end of its object.

use super::problem::JsonFault;
use super::{JsonType, JsonValue};
use std::borrow::Cow;
use std::cell::RefCell;

/// One JSON value: its kind and the bytes of the text it spans.
pub struct Value<'a> {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
    /// What it is.
    pub kind: Kind<'a>,
}

/// The kinds of JSON value, with their contents.
pub enum Kind<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (checked against JSON's grammar).
    Number(&'a str),
    /// A string, its escapes resolved.
    Str(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object's members in the order written (a key may repeat).
    Object(Vec<Member<'a>>),
}

/// One member of an object.
pub struct Member<'a> {
    /// The key, its escapes resolved.
    pub key: Cow<'a, str>,
    /// Byte offset just past the key's closing quote.
    pub key_end: usize,
    /// The value.
    pub value: Value<'a>,
}

/// A fault and where: the JSON path, and the byte offset just past the character it is
/// reported at.
#[derive(Debug)]
pub struct Fault {
    /// The JSON path (`articles[1].title`), empty at the top level.
    pub path: String,
    /// Just past the character the fault is reported at.
    pub end: usize,
    /// What is wrong.
    pub fault: JsonFault,
}

/// Nesting deeper than this is refused (as serde_json does): a recursion bomb does not
/// exhaust the stack.
const DEPTH: usize = 128;

/// Frames of a path shown in full; a deeper one (a recursion bomb) is shown by its first
/// and last frames around the count of those left out.
const SHOWN_FRAMES: usize = 16;

/// Where a value is: the steps from the top.
#[derive(Clone, Copy)]
pub enum Step<'p> {
    /// An object's member.
    Key(&'p str),
    /// An array's element.
    Index(usize),
    /// The top of a lenient reading ([`At::lenient`]): where a member of a name the format
    /// does not have is noted, and then passed over (a field a newer `bulletin` wrote). No
    /// part of the path.
    Notes(&'p RefCell<Vec<Fault>>),
}

/// A path as a chain of steps from the value up to the top; written out only for a fault.
#[derive(Clone, Copy)]
pub struct At<'p> {
    up: Option<(&'p At<'p>, Step<'p>)>,
}

impl<'p> At<'p> {
    /// The top level.
    pub const TOP: At<'static> = At { up: None };

    /// The top level, read passing over unknown fields: the fault of each is noted in `notes`.
    pub fn lenient(notes: &'p RefCell<Vec<Fault>>) -> At<'p> {
        At {
            up: Some((&At::TOP, Step::Notes(notes))),
        }
    }

    /// The member `key` of the value here.
    pub fn key(&'p self, key: &'p str) -> At<'p> {
        At {
            up: Some((self, Step::Key(key))),
        }
    }

    /// The element `i` of the value here.
    pub fn index(&'p self, i: usize) -> At<'p> {
        At {
            up: Some((self, Step::Index(i))),
        }
    }

    /// The path written out: `articles[1].title`.
    pub fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut at = self;
        while let Some((up, step)) = &at.up {
            if !matches!(step, Step::Notes(_)) {
                steps.push(*step);
            }
            at = up;
        }
        steps.reverse();
        path_of(&steps)
    }

    /// A fault at this path, reported just before byte `end`.
    pub fn fault(&self, end: usize, fault: JsonFault) -> Fault {
        Fault {
            path: self.path(),
            end,
            fault,
        }
    }

    /// Where unknown fields are noted, if this reading is lenient.
    fn notes(&self) -> Option<&'p RefCell<Vec<Fault>>> {
        let mut at = self;
        while let Some((up, step)) = &at.up {
            if let Step::Notes(notes) = step {
                return Some(notes);
            }
            at = up;
        }
        None
    }
}

fn path_of(steps: &[Step]) -> String {
    let mut path = String::new();
    let hidden = steps.len().saturating_sub(SHOWN_FRAMES);
    for (n, step) in steps.iter().enumerate() {
        if hidden > 0 && n >= SHOWN_FRAMES - 4 && n < steps.len() - 4 {
            if n == SHOWN_FRAMES - 4 {
                path.push_str("…(");
                push_number(&mut path, hidden);
                path.push_str(" levels)…");
            }
            continue;
        }
        match step {
            Step::Key(k) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Step::Index(i) => {
                path.push('[');
                push_number(&mut path, *i);
                path.push(']');
            }
            Step::Notes(_) => {}
        }
    }
    path
}

fn push_number(s: &mut String, n: usize) {
    use std::fmt::Write;
    let _ = write!(s, "{n}");
}

/// Line (from 1) and column (in characters, from 1) of the character that ends just before
/// byte `end`: as serde_json reports places, but counting characters, as a person does.
pub fn place(text: &str, end: usize) -> (usize, usize) {
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count())
}

/// Reads a whole JSON text (nothing but white space may follow the value).
pub fn parse(text: &str) -> Result<Value<'_>, Fault> {
    match parse_nested(text)? {
        (_, Some(deep)) => Err(deep),
        (value, None) => Ok(value),
    }
}

/// Like [`parse`], but a value nested too deep is passed over (it reads as `null`) and its
/// fault given beside the rest: a reader can leave out the part that holds it.
pub fn parse_nested(text: &str) -> Result<(Value<'_>, Option<Fault>), Fault> {
    let mut p = Parser {
        text,
        pos: 0,
        frames: Vec::new(),
        deep: None,
    };
    let value = p.value()?;
    p.space();
    if p.pos < text.len() {
        return Err(p.here(JsonFault::TrailingCharacters));
    }
    Ok((value, p.deep))
}

/// The path while reading: an object's last key (none before its first), an array's index.
enum Frame<'a> {
    Object(Option<&'a str>),
    Array(usize),
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    frames: Vec<Frame<'a>>,
    /// The first value nested too deep, passed over.
    deep: Option<Fault>,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    /// A fault at the character at the reading position (or at the end of the text).
    fn here(&self, fault: JsonFault) -> Fault {
        let len = self.text[self.pos..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        self.fault_at(self.pos + len, fault)
    }

    fn fault_at(&self, end: usize, fault: JsonFault) -> Fault {
        let steps: Vec<Step> = self
            .frames
            .iter()
            .filter_map(|f| match f {
                Frame::Object(key) => key.map(Step::Key),
                Frame::Array(i) => Some(Step::Index(*i)),
            })
            .collect();
        Fault {
            path: path_of(&steps),
            end,
            fault,
        }
    }

    fn eof(&self, what: &str) -> Fault {
        self.fault_at(self.text.len(), JsonFault::EndOfInput(what.to_string()))
    }

    fn other(&self, words: &str) -> Fault {
        self.here(JsonFault::Other(words.to_string()))
    }

    fn value(&mut self) -> Result<Value<'a>, Fault> {
        self.space();
        let start = self.pos;
        let kind = match self.peek() {
            None => return Err(self.eof("a value")),
            Some(b'{' | b'[') if self.frames.len() + 1 >= DEPTH => self.too_deep()?,
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => Kind::Str(self.string()?),
            Some(b't') => self.word("true", Kind::Bool(true))?,
            Some(b'f') => self.word("false", Kind::Bool(false))?,
            Some(b'n') => self.word("null", Kind::Null)?,
            Some(b'-' | b'0'..=b'9') => Kind::Number(self.number()?),
            Some(_) => return Err(self.here(JsonFault::ExpectedValue)),
        };
        Ok(Value {
            start,
            end: self.pos,
            kind,
        })
    }

    fn word(&mut self, word: &str, kind: Kind<'a>) -> Result<Kind<'a>, Fault> {
        for b in word.bytes() {
            match self.peek() {
                None => return Err(self.eof("a value")),
                Some(c) if c == b => self.pos += 1,
                Some(_) => return Err(self.other("expected ident")),
            }
        }
        Ok(kind)
    }

    fn number(&mut self) -> Result<&'a str, Fault> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos > from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
            // No leading zeros (`024`), as JSON (and serde_json) have it.
            if matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.other("invalid number"));
            }
        } else if !digits(self) {
            return Err(self.other("invalid number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.other("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.other("invalid number"));
            }
        }
        Ok(&self.text[start..self.pos])
    }

    /// A string, the reading position at its opening quote; borrowed unless it has escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, Fault> {
        self.pos += 1;
        let start = self.pos;
        self.plain_run();
        if self.peek() == Some(b'"') {
            let s = &self.text[start..self.pos];
            self.pos += 1;
            return Ok(Cow::Borrowed(s));
        }
        self.string_rest(self.text[start..self.pos].to_string())
    }

    /// Advances over characters that need no copying work (no quote, backslash or control
    /// character) and returns where the run ends.
    fn plain_run(&mut self) -> usize {
        while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
            self.pos += 1;
        }
        self.pos
    }

    /// The rest of a string once it has an escape: everything is copied into `s`.
    fn string_rest(&mut self, mut s: String) -> Result<Cow<'a, str>, Fault> {
        loop {
            let Some(b) = self.peek() else {
                return Err(self.eof("a string"));
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(Cow::Owned(s));
                }
                b'\\' => s.push(self.escape()?),
                0..=0x1f => return Err(self.here(JsonFault::ControlCharacter)),
                _ => {
                    let from = self.pos;
                    let to = self.plain_run();
                    s.push_str(&self.text[from..to]);
                }
            }
        }
    }

    /// One escape, the reading position at its backslash.
    fn escape(&mut self) -> Result<char, Fault> {
        self.pos += 1;
        let Some(b) = self.peek() else {
            return Err(self.eof("a string"));
        };
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.pos += 1;
                return self.unicode_escape();
            }
            _ => return Err(self.here(JsonFault::BadEscape("invalid escape".into()))),
        };
        self.pos += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, Fault> {
        let mut n = 0;
        for _ in 0..4 {
            let Some(b) = self.peek() else {
                return Err(self.eof("a string"));
            };
            let d = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(self.here(JsonFault::BadEscape("invalid escape".into()))),
            };
            n = n * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(n)
    }

    /// `\uXXXX`, and its trailing surrogate if it is a leading one; the position after `u`.
    fn unicode_escape(&mut self) -> Result<char, Fault> {
        let bad = |p: &Self, words: &str| p.here(JsonFault::BadEscape(words.into()));
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.text[self.pos..].starts_with("\\u") {
                    self.pos += 2;
                } else if self.pos >= self.text.len() {
                    return Err(self.eof("a string"));
                } else {
                    return Err(bad(self, "lone leading surrogate in hex escape"));
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(bad(self, "lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            n => n,
        };
        char::from_u32(code).ok_or_else(|| bad(self, "invalid unicode code point"))
    }

    fn enter(&mut self, frame: Frame<'a>) -> Result<(), Fault> {
        self.frames.push(frame);
        self.pos += 1;
        Ok(())
    }

    /// An array or object nested deeper than [`DEPTH`]: its fault is kept, and the value is
    /// passed over by counting brackets (no recursion), to read as `null`.
    fn too_deep(&mut self) -> Result<Kind<'a>, Fault> {
        if self.deep.is_none() {
            self.deep = Some(self.here(JsonFault::RecursionLimit));
        }
        let mut depth = 0usize;
        let mut in_string = false;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match (in_string, b) {
                (true, b'\\') => self.pos += 1,
                (true, b'"') => in_string = false,
                (true, _) => {}
                (false, b'"') => in_string = true,
                (false, b'[' | b'{') => depth += 1,
                (false, b']' | b'}') => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(Kind::Null);
                    }
                }
                (false, _) => {}
            }
        }
        // The text ends inside it: the depth was the first fault met.
        self.pos = self.text.len();
        Err(self.deep.take().unwrap_or_else(|| self.eof("a list")))
    }

    fn array(&mut self) -> Result<Kind<'a>, Fault> {
        self.enter(Frame::Array(0))?;
        let mut items = Vec::new();
        self.space();
        match self.peek() {
            None => return Err(self.eof("a list")),
            Some(b']') => {}
            Some(_) => loop {
                items.push(self.value()?);
                self.space();
                match self.peek() {
                    None => return Err(self.eof("a list")),
                    Some(b',') => {
                        self.pos += 1;
                        if let Some(Frame::Array(i)) = self.frames.last_mut() {
                            *i += 1;
                        }
                        self.space();
                        if self.peek() == Some(b']') {
                            return Err(self.other("trailing comma"));
                        }
                    }
                    Some(b']') => break,
                    Some(_) => return Err(self.other("expected `,` or `]`")),
                }
            },
        }
        self.pos += 1;
        self.frames.pop();
        Ok(Kind::Array(items))
    }

    fn object(&mut self) -> Result<Kind<'a>, Fault> {
        self.enter(Frame::Object(None))?;
        let mut members = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.frames.pop();
            return Ok(Kind::Object(members));
        }
        loop {
            match self.peek() {
                None => return Err(self.eof("an object")),
                Some(b'"') => {}
                Some(_) => return Err(self.here(JsonFault::KeyMustBeString)),
            }
            let key_start = self.pos + 1;
            let key = self.string()?;
            let key_end = self.pos;
            if let Some(Frame::Object(k)) = self.frames.last_mut() {
                // The key as written (without its quotes): what a person finds in the text.
                *k = Some(&self.text[key_start..key_end - 1]);
            }
            self.space();
            match self.peek() {
                None => return Err(self.eof("an object")),
                Some(b':') => self.pos += 1,
                Some(_) => return Err(self.other("expected `:`")),
            }
            let value = self.value()?;
            members.push(Member {
                key,
                key_end,
                value,
            });
            self.space();
            match self.peek() {
                None => return Err(self.eof("an object")),
                Some(b',') => {
                    self.pos += 1;
                    self.space();
                    if self.peek() == Some(b'}') {
                        return Err(self.other("trailing comma"));
                    }
                }
                Some(b'}') => break,
                Some(_) => return Err(self.other("expected `,` or `}`")),
            }
        }
        self.pos += 1;
        self.frames.pop();
        Ok(Kind::Object(members))
    }
}

// ---- Reading the model's types from values -------------------------------------------

/// A reading result.
pub type Read<T> = Result<T, Fault>;

/// `invalid type: <what it is>, expected <what>`, at the value's last character.
pub fn invalid_type(v: &Value, at: &At, expected: &str) -> Fault {
    let found = match &v.kind {
        Kind::Null => JsonValue::named("null", JsonType::Null, None),
        Kind::Bool(b) => {
            JsonValue::named("boolean", JsonType::Boolean, Some(ticked(bool_word(*b))))
        }
        Kind::Number(n) if is_integer(n) => {
            JsonValue::named("integer", JsonType::Integer, Some(ticked(n)))
        }
        Kind::Number(n) => JsonValue::named("floating point", JsonType::Float, Some(ticked(n))),
        Kind::Str(s) => JsonValue::named("string", JsonType::String, Some(quoted(s))),
        Kind::Array(_) => JsonValue::named("sequence", JsonType::Sequence, None),
        Kind::Object(_) => JsonValue::named("map", JsonType::Object, None),
    };
    let expected = JsonValue::expected(expected);
    at.fault(
        v.end,
        JsonFault::InvalidType {
            found: Box::new(found),
            expected: Box::new(expected),
        },
    )
}

fn bool_word(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

fn is_integer(n: &str) -> bool {
    !n.contains(['.', 'e', 'E'])
}

fn ticked(s: &str) -> String {
    let mut t = String::with_capacity(s.len() + 2);
    t.push('`');
    t.push_str(s);
    t.push('`');
    t
}

/// A string quoted as Rust's `{:?}` quotes it (as serde_json's messages show strings):
/// quotes and backslashes escaped, control and invisible formatting characters as
/// `\u{…}`, so that what the message shows cannot disguise itself.
pub fn quoted(s: &str) -> String {
    use std::fmt::Write;
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\r' => q.push_str("\\r"),
            '\t' => q.push_str("\\t"),
            '\0' => q.push_str("\\0"),
            c if c < ' '
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || super::is_bidi_control(c)
                || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}') =>
            {
                let _ = write!(q, "\\u{{{:x}}}", c as u32);
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// A string value.
pub fn string(v: &Value, at: &At) -> Read<String> {
    match &v.kind {
        Kind::Str(s) => Ok(s.to_string()),
        _ => Err(invalid_type(v, at, "a string")),
    }
}

/// A value that may be `null` or absent (as serde reads `Option`).
pub fn optional<T>(
    v: Option<&Value>,
    at: &At,
    read: impl Fn(&Value, &At) -> Read<T>,
) -> Read<Option<T>> {
    match v {
        None => Ok(None),
        Some(Value {
            kind: Kind::Null, ..
        }) => Ok(None),
        Some(v) => read(v, at).map(Some),
    }
}

/// A whole number from 0 to `u32::MAX`.
pub fn u32_of(v: &Value, at: &At) -> Read<u32> {
    match &v.kind {
        Kind::Number(n) if is_integer(n) => n.parse::<u32>().map_err(|_| {
            let mut words = String::from("invalid value: integer ");
            words.push_str(&ticked(n));
            words.push_str(", expected u32");
            at.fault(v.end, JsonFault::Other(words))
        }),
        _ => Err(invalid_type(v, at, "u32")),
    }
}

/// `true` or `false`.
pub fn boolean(v: &Value, at: &At) -> Read<bool> {
    match v.kind {
        Kind::Bool(b) => Ok(b),
        _ => Err(invalid_type(v, at, "a boolean")),
    }
}

/// An array, each element read by `read` at its index.
pub fn list<T>(v: &Value, at: &At, read: impl Fn(&Value, &At) -> Read<T>) -> Read<Vec<T>> {
    match &v.kind {
        Kind::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| read(item, &at.index(i)))
            .collect(),
        _ => Err(invalid_type(v, at, "a sequence")),
    }
}

/// The elements of an array, unread.
pub fn elements<'v, 'a>(v: &'v Value<'a>, at: &At) -> Read<&'v [Value<'a>]> {
    match &v.kind {
        Kind::Array(items) => Ok(items),
        _ => Err(invalid_type(v, at, "a sequence")),
    }
}

/// An object of a struct with the fields `names` and no others: its members in the order
/// written, each with the index of its name. A member not in `names`, or given twice, is a
/// fault met in that order (as serde reads a struct, member by member) — unless `at` reads
/// leniently ([`At::lenient`]): then a member not in `names` is noted there and passed over.
pub fn fields<'v, 'a>(
    v: &'v Value<'a>,
    at: &At,
    expected: &str,
    names: &'static [&'static str],
) -> Read<Fields<'v, 'a>> {
    match &v.kind {
        Kind::Object(members) => Ok(Fields {
            members: members.iter(),
            names,
            seen: 0,
        }),
        _ => Err(invalid_type(v, at, expected)),
    }
}

/// The members of a struct's object, by [`fields`].
pub struct Fields<'v, 'a> {
    members: std::slice::Iter<'v, Member<'a>>,
    names: &'static [&'static str],
    seen: u64,
}

impl<'v, 'a> Fields<'v, 'a> {
    /// The next member: the index of its name and its value; a fault for a name not
    /// expected (noted and passed over when `at` reads leniently) or given before (members
    /// named in `skip` are passed over: a tag).
    pub fn next(&mut self, at: &At, skip: Option<&str>) -> Option<Read<(usize, &'v Value<'a>)>> {
        loop {
            let m = self.members.next()?;
            if skip == Some(&*m.key) {
                continue;
            }
            let Some(i) = self.names.iter().position(|n| *n == m.key) else {
                match unknown(at, m, self.names) {
                    Some(fault) => return Some(Err(fault)),
                    None => continue,
                }
            };
            if self.seen & (1 << i) != 0 {
                let fault = JsonFault::DuplicateField(self.names[i].to_string());
                return Some(Err(at.key(&m.key).fault(m.key_end, fault)));
            }
            self.seen |= 1 << i;
            return Some(Ok((i, &m.value)));
        }
    }
}

/// A member of a name not in `names`: its fault, or None once noted where a lenient
/// reading notes them (out of line: rare, and [`Fields::next`] is inlined everywhere).
#[inline(never)]
fn unknown(at: &At, m: &Member, names: &[&str]) -> Option<Fault> {
    let fault = at.key(&m.key).fault(
        m.key_end,
        JsonFault::UnknownField {
            field: m.key.to_string(),
            rest: expected_one_of(names),
        },
    );
    match at.notes() {
        Some(notes) => {
            notes.borrow_mut().push(fault);
            None
        }
        None => Some(fault),
    }
}

/// serde's words for what was expected instead of an unknown name.
pub fn expected_one_of(names: &[&str]) -> String {
    match names {
        [] => "there are no fields".to_string(),
        [one] => format!("expected `{one}`"),
        [a, b] => format!("expected `{a}` or `{b}`"),
        names => {
            let mut s = String::from("expected one of ");
            for (i, n) in names.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                s.push_str(&ticked(n));
            }
            s
        }
    }
}

/// A required field that the object `v` lacks: reported at the object's end.
pub fn missing(v: &Value, at: &At, name: &str) -> Fault {
    at.fault(v.end, JsonFault::MissingField(name.to_string()))
}

/// The member `key` of an object, if it has one (the first, if it repeats).
pub fn member<'v, 'a>(v: &'v Value<'a>, key: &str) -> Option<&'v Member<'a>> {
    match &v.kind {
        Kind::Object(members) => members.iter().find(|m| m.key == key),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(text: &str) -> (String, (usize, usize), String) {
        let f = parse(text).err().expect("a fault");
        (f.path, place(text, f.end), f.fault.to_string())
    }

    #[test]
    fn values_and_their_places() {
        let text =
            "{\"a\": [1, -2.5e3, \"x\\u00e9\\ud83d\\ude00\"], \"b\": {\"c\": null, \"d\": true}}";
        let v = parse(text).unwrap();
        let Kind::Object(m) = &v.kind else { panic!() };
        assert_eq!(m.len(), 2);
        let Kind::Array(items) = &m[0].value.kind else {
            panic!()
        };
        assert!(matches!(items[1].kind, Kind::Number("-2.5e3")));
        let Kind::Str(s) = &items[2].kind else {
            panic!()
        };
        assert_eq!(s, "xé😀");
        assert_eq!(
            &text[items[2].start..items[2].end],
            "\"x\\u00e9\\ud83d\\ude00\""
        );
    }

    #[test]
    fn syntax_faults_name_path_and_place_as_serde_json_does() {
        assert_eq!(
            fault("<html>"),
            ("".into(), (1, 1), "expected value".into())
        );
        assert_eq!(
            fault("{\n  \"m\": {\n    \"t\": \"联络\",,\n"),
            ("m.t".into(), (3, 15), "key must be a string".into())
        );
        assert_eq!(
            fault("[1, 2"),
            ("[1]".into(), (1, 5), "EOF while parsing a list".into())
        );
        assert_eq!(
            fault("{\"a\": \"b"),
            ("a".into(), (1, 8), "EOF while parsing a string".into())
        );
        assert_eq!(
            fault("[1] x"),
            ("".into(), (1, 5), "trailing characters".into())
        );
        assert_eq!(fault("[tru]").2, "expected ident");
        assert_eq!(fault("[\"\\q\"]").2, "invalid escape");
        assert_eq!(
            fault("[\"a\u{1}\"]").2,
            "control character (\\u0000-\\u001F) found while parsing a string"
        );
        assert_eq!(fault("[-]").2, "invalid number");
        assert_eq!(fault("[024]").2, "invalid number");
        assert_eq!(fault(&"[".repeat(200)).2, "recursion limit exceeded");
        assert!(fault(&"[".repeat(200)).0.contains("levels)…"));
    }

    #[test]
    fn strings_are_quoted_so_that_they_cannot_disguise_themselves() {
        assert_eq!(quoted("十八"), "\"十八\"");
        assert_eq!(quoted("a\"b\\\n\u{202e}"), "\"a\\\"b\\\\\\n\\u{202e}\"");
        assert_eq!(
            quoted("a\"b\\\n\u{202e}"),
            format!("{:?}", "a\"b\\\n\u{202e}")
        );
    }
}
