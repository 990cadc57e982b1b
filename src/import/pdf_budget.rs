//! Budgets for reading a PDF, by design rather than per trick: every file ends in bounded
//! time and memory, whatever its streams, drawings and fonts do.
//!
//! - **Bytes.** Every stream is decoded here, through each filter of its chain, into a
//!   capped buffer: [`MAX_STREAM_BYTES`] a stream and [`MAX_INFLATED_BYTES`] for the whole
//!   document, however the data ends (a decoder stops where its own data ends, not at the
//!   first `endstream` in the bytes). Twice: from the file's bytes before the PDF library
//!   opens it (it inflates object and cross-reference streams while opening), and from the
//!   opened document (after decryption), whose streams are then replaced by what they
//!   decode to, so that neither the PDF library nor the text extractor inflates anything.
//!   Pictures are emptied: their pixels are not read.
//! - **Drawing.** Before any text is read, each page's content is counted: its operators,
//!   and those of every drawing (XObject, whatever its subtype) it invokes, as many times as
//!   it invokes it ([`MAX_OPERATORS`] a document, recursion and fan-out alike); drawings may
//!   nest [`MAX_FORM_DEPTH`] deep and never draw themselves; graphics states nest
//!   [`MAX_SAVE_DEPTH`] deep; arrays [`MAX_NESTING`] deep.
//! - **Fonts.** A CMap maps at most [`MAX_CMAP_CODES`] codes; the fonts a page selects, page
//!   after page, at most [`MAX_FONT_CODES`] codes in all (the text extractor reads each
//!   page's fonts anew).
//! - **Pages and text**: [`MAX_PAGES`] pages, [`MAX_GLYPHS`] characters.
//!
//! The numbers are far above what bulletins use: [`super::pdf::figures`] measures a file, and
//! a test holds the real PDFs of the fixtures to a tenth of each.

use super::{ImportError, ImportFault, PdfBudget, MAX_INFLATED_BYTES};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The most one stream may decode to (64 MiB).
pub const MAX_STREAM_BYTES: u64 = 64 << 20;
/// How deeply drawings (XObjects) may draw one another.
pub const MAX_FORM_DEPTH: usize = 32;
/// The filters one stream may chain.
pub const MAX_FILTERS: usize = 8;
/// Content operators a document may run, each drawing counted every time it is drawn.
pub const MAX_OPERATORS: u64 = 5_000_000;
/// How deeply graphics states (`q`) may nest in one content stream.
pub const MAX_SAVE_DEPTH: usize = 256;
/// How deeply arrays and dictionaries may nest in a content stream or CMap.
pub const MAX_NESTING: usize = 32;
/// Codes one CMap may map (a two-byte code space has 65,536).
pub const MAX_CMAP_CODES: u64 = 1 << 17;
/// Codes of the CMaps of the fonts the pages select, page after page, in all.
pub const MAX_FONT_CODES: u64 = 16 << 20;
/// Pages a document may have.
pub const MAX_PAGES: usize = 2_000;
/// Characters a document may show.
pub const MAX_GLYPHS: usize = 4_000_000;

fn over(what: PdfBudget, limit: u64) -> ImportError {
    ImportError::file(ImportFault::PdfOverBudget { what, limit })
}

fn stream_bomb() -> ImportError {
    ImportError::file(ImportFault::PdfStreamBomb {
        stream_mib: MAX_STREAM_BYTES >> 20,
        total_mib: MAX_INFLATED_BYTES >> 20,
    })
}

fn bomb() -> ImportError {
    ImportError::file(ImportFault::PdfBomb {
        stream_mib: MAX_STREAM_BYTES >> 20,
        total_mib: MAX_INFLATED_BYTES >> 20,
    })
}

fn form_loop() -> ImportError {
    ImportError::file(ImportFault::FormLoop {
        depth: MAX_FORM_DEPTH,
    })
}

// ---- decoding, capped --------------------------------------------------------------------

/// A stream filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Filter {
    Flate,
    Lzw,
    Ascii85,
    AsciiHex,
    RunLength,
    /// A picture's (DCT, JPX, CCITT, JBIG2) or an unknown one: not decoded here.
    Other,
}

impl Filter {
    fn named(name: &[u8]) -> Filter {
        match name {
            b"FlateDecode" | b"Fl" => Filter::Flate,
            b"LZWDecode" | b"LZW" => Filter::Lzw,
            b"ASCII85Decode" | b"A85" => Filter::Ascii85,
            b"ASCIIHexDecode" | b"AHx" => Filter::AsciiHex,
            b"RunLengthDecode" | b"RL" => Filter::RunLength,
            _ => Filter::Other,
        }
    }
}

/// How a filter is decoded: LZW's early change, a PNG predictor's row.
#[derive(Clone, Copy, Debug, Default)]
struct Params {
    early_change: bool,
    /// Bytes per pixel and per row, when a PNG predictor (10–15) is set.
    png: Option<(usize, usize)>,
}

impl Params {
    fn of(dict: Option<&Dictionary>) -> Params {
        let int = |key: &[u8]| dict.and_then(|d| d.get(key).ok()?.as_i64().ok());
        let predictor = int(b"Predictor").unwrap_or(1);
        let png = (10..=15).contains(&predictor).then(|| {
            let colors = int(b"Colors").unwrap_or(1).clamp(1, 64) as usize;
            let bits = int(b"BitsPerComponent").unwrap_or(8).clamp(8, 16) as usize;
            let columns = int(b"Columns").unwrap_or(1).clamp(1, 1 << 20) as usize;
            let per_pixel = colors * bits / 8;
            (per_pixel, per_pixel * columns)
        });
        Params {
            early_change: int(b"EarlyChange").is_none_or(|v| v != 0),
            png,
        }
    }
}

/// Over a cap.
#[derive(Debug)]
struct Over;

/// Appends to `out`, failing past `cap` bytes.
fn push(out: &mut Vec<u8>, bytes: &[u8], cap: u64) -> Result<(), Over> {
    if (out.len() + bytes.len()) as u64 > cap {
        return Err(Over);
    }
    out.extend_from_slice(bytes);
    Ok(())
}

/// Makes room at the end of `out` for more output, at most up to `cap` + 1 bytes in all
/// (one past the cap tells that it is over). The room grows with the output, so that empty
/// or short data costs no large buffer.
fn room(out: &mut Vec<u8>, cap: u64) {
    if out.len() < out.capacity() {
        return;
    }
    let limit = usize::try_from(cap.saturating_add(1)).unwrap_or(usize::MAX);
    let more = out
        .len()
        .clamp(256, 1 << 20)
        .min(limit.saturating_sub(out.len()));
    out.reserve_exact(more);
}

/// Inflates `data` (zlib, or raw deflate) into `out` up to `cap`; whether the data was
/// whole (it ended as deflate data ends). The decompressors are made once a thread and
/// reset for each stream: making one costs more than inflating a short stream.
fn inflate_into(data: &[u8], zlib: bool, out: &mut Vec<u8>, cap: u64) -> Result<bool, Over> {
    use flate2::{Decompress, FlushDecompress, Status};
    use std::cell::RefCell;
    thread_local! {
        static DECOMPRESS: RefCell<[Decompress; 2]> =
            RefCell::new([Decompress::new(true), Decompress::new(false)]);
    }
    DECOMPRESS.with(|d| {
        let mut d = d.borrow_mut();
        let d = &mut d[usize::from(!zlib)];
        d.reset(zlib);
        loop {
            room(out, cap);
            let (read, written) = (d.total_in(), d.total_out());
            let rest = data.get(read as usize..).unwrap_or_default();
            let status = d.decompress_vec(rest, out, FlushDecompress::None);
            if out.len() as u64 > cap {
                return Err(Over);
            }
            match status {
                Err(_) => return Ok(false),
                Ok(Status::StreamEnd) => return Ok(true),
                Ok(_)
                    if d.total_in() == read
                        && d.total_out() == written
                        && out.len() < out.capacity() =>
                {
                    // The data ended before the deflate stream did.
                    return Ok(false);
                }
                Ok(_) => {}
            }
        }
    })
}

/// Whether data starts as zlib data does (deflate, a header whose check bits hold).
fn looks_like_zlib(data: &[u8]) -> bool {
    matches!(data, [a, b, ..] if a & 0x0F == 8 && (u16::from(*a) << 8 | u16::from(*b)) % 31 == 0)
}

/// zlib data; as the PDF library does, raw deflate after the two header bytes when the zlib
/// stream gives nothing (damaged checksums of some encrypted files).
fn inflate(data: &[u8], cap: u64) -> Result<Vec<u8>, Over> {
    let mut out = Vec::new();
    if data.is_empty() {
        return Ok(out);
    }
    let whole = inflate_into(data, true, &mut out, cap)?;
    if !whole && out.is_empty() && data.len() > 2 {
        inflate_into(&data[2..], false, &mut out, cap)?;
    }
    Ok(out)
}

fn lzw(data: &[u8], early_change: bool, cap: u64) -> Result<Vec<u8>, Over> {
    use weezl::{decode::Decoder, BitOrder, LzwStatus};
    let mut decoder = if early_change {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut out: Vec<u8> = Vec::new();
    let mut input = data;
    loop {
        let len = out.len();
        let limit = usize::try_from(cap.saturating_add(1)).unwrap_or(usize::MAX);
        let more = len.clamp(256, 1 << 20).min(limit - len);
        out.resize(len + more, 0);
        let r = decoder.decode_bytes(input, &mut out[len..]);
        out.truncate(len + r.consumed_out);
        input = &input[r.consumed_in..];
        if out.len() as u64 > cap {
            return Err(Over);
        }
        match r.status {
            Ok(LzwStatus::Ok) if r.consumed_in + r.consumed_out > 0 => {}
            _ => return Ok(out),
        }
    }
}

/// ASCII85, up to `~>` or the first byte that is not ASCII85 (as the PDF library reads it).
fn ascii85(data: &[u8], cap: u64) -> Result<Vec<u8>, Over> {
    let mut out = Vec::new();
    let (mut value, mut k) = (0u64, 0);
    for &b in data {
        match b {
            b'z' if k == 0 => push(&mut out, &[0; 4], cap)?,
            b'!'..=b'u' => {
                value = value * 85 + u64::from(b - b'!');
                k += 1;
                if k == 5 {
                    push(&mut out, &(value as u32).to_be_bytes(), cap)?;
                    (value, k) = (0, 0);
                }
            }
            b if b.is_ascii_whitespace() => {}
            _ => break,
        }
    }
    if k > 1 {
        for _ in k..5 {
            value = value * 85 + 84;
        }
        push(&mut out, &(value as u32).to_be_bytes()[..k - 1], cap)?;
    }
    Ok(out)
}

fn ascii_hex(data: &[u8], cap: u64) -> Result<Vec<u8>, Over> {
    let mut out = Vec::new();
    let mut high: Option<u8> = None;
    for &b in data {
        let Some(d) = (b as char).to_digit(16) else {
            if b.is_ascii_whitespace() {
                continue;
            }
            break;
        };
        match high.take() {
            None => high = Some(d as u8),
            Some(h) => push(&mut out, &[h << 4 | d as u8], cap)?,
        }
    }
    if let Some(h) = high {
        push(&mut out, &[h << 4], cap)?;
    }
    Ok(out)
}

fn run_length(data: &[u8], cap: u64) -> Result<Vec<u8>, Over> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&n) = data.get(i) {
        match n {
            128 => break,
            0..=127 => {
                let run = data.get(i + 1..).unwrap_or_default();
                let run = &run[..run.len().min(usize::from(n) + 1)];
                push(&mut out, run, cap)?;
                i += 2 + usize::from(n);
            }
            _ => {
                let Some(&b) = data.get(i + 1) else { break };
                let run = 257 - usize::from(n);
                if (out.len() + run) as u64 > cap {
                    return Err(Over);
                }
                out.resize(out.len() + run, b);
                i += 2;
            }
        }
    }
    Ok(out)
}

/// Decodes `data` through `filters` as far as they are decoded here (up to the first
/// picture filter), each stage capped at `cap`.
fn decode(data: &[u8], filters: &[Filter], params: &[Params], cap: u64) -> Result<Vec<u8>, Over> {
    let mut out: Option<Vec<u8>> = None;
    for (i, &filter) in filters.iter().enumerate() {
        let input = out.as_deref().unwrap_or(data);
        let p = params.get(i).copied().unwrap_or_default();
        let mut next = match filter {
            Filter::Flate => inflate(input, cap)?,
            Filter::Lzw => lzw(input, p.early_change, cap)?,
            Filter::Ascii85 => ascii85(input, cap)?,
            Filter::AsciiHex => ascii_hex(input, cap)?,
            Filter::RunLength => run_length(input, cap)?,
            Filter::Other => break,
        };
        if let (Filter::Flate | Filter::Lzw, Some((per_pixel, row))) = (filter, p.png) {
            if row > 0 && row < next.len() {
                if let Ok(unpredicted) =
                    lopdf::filters::png::decode_frame(&next, per_pixel, row / per_pixel.max(1))
                {
                    next = unpredicted;
                }
            }
        }
        out = Some(next);
    }
    Ok(out.unwrap_or_else(|| data.to_vec()))
}

// ---- the file's bytes, before the PDF library opens them ---------------------------------

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::rfind(haystack, needle)
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// The names after `/Filter` in a dictionary's text: None when they are not written there
/// (a reference) or there is no filter.
fn filters_in(dict: &[u8]) -> Option<Vec<Filter>> {
    let at = rfind(dict, b"/Filter")? + 7;
    let rest = &dict[at..];
    let rest = &rest[rest.iter().position(|&b| !is_white(b))?..];
    let names = match rest.first()? {
        b'/' => {
            &rest[..1 + rest[1..]
                .iter()
                .position(|&b| is_white(b) || is_delimiter(b))
                .unwrap_or(rest.len() - 1)]
        }
        b'[' => &rest[1..rest.iter().position(|&b| b == b']')?],
        _ => return None,
    };
    Some(
        names
            .split(|&b| b == b'/')
            .map(|n| n.trim_ascii())
            .filter(|n| !n.is_empty())
            .map(Filter::named)
            .collect(),
    )
}

/// Where each object's definition (`N G obj`) starts its body, the last definition of each:
/// one pass over the file.
fn object_offsets(file: &[u8]) -> HashMap<(u64, u64), usize> {
    let mut offsets = HashMap::new();
    let mut at = 0;
    while let Some(p) = find(&file[at..], b" obj") {
        let end = at + p + 4;
        at = end;
        // Two integers before ` obj`, separated by white space.
        let head = &file[end.saturating_sub(30)..end - 4];
        let mut words = head
            .rsplit(|&b| is_white(b))
            .filter(|w| !w.is_empty())
            .take(2)
            .map(|w| std::str::from_utf8(w).ok()?.parse::<u64>().ok());
        if let (Some(Some(g)), Some(Some(n))) = (words.next(), words.next()) {
            offsets.insert((n, g), end);
        }
    }
    offsets
}

/// An integer written after `key` in a dictionary's text, or the integer an indirect
/// `N G R` names (found through [`object_offsets`], made on the first need).
fn integer_in(
    dict: &[u8],
    key: &[u8],
    file: &[u8],
    offsets: &mut Option<HashMap<(u64, u64), usize>>,
) -> Option<usize> {
    let at = rfind(dict, key)? + key.len();
    let words: Vec<&[u8]> = dict[at..]
        .split(|&b| is_white(b) || b == b'/' || b == b'>')
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    let number = |w: &[u8]| std::str::from_utf8(w).ok()?.parse::<usize>().ok();
    match words.as_slice() {
        [n, g, r, ..] if *r == b"R" => {
            let key = (number(n)? as u64, number(g)? as u64);
            let def = *offsets
                .get_or_insert_with(|| object_offsets(file))
                .get(&key)?;
            let rest = &file[def..file.len().min(def + 64)];
            let start = rest.iter().position(|&b| !is_white(b))?;
            let end = rest[start..]
                .iter()
                .position(|&b| !b.is_ascii_digit())
                .map_or(rest.len(), |e| start + e);
            number(&rest[start..end])
        }
        [n, ..] => number(n),
        [] => None,
    }
}

/// Refuses, from the file's bytes, a PDF whose streams decode past the limits. Every
/// `stream … endstream` is decoded through the filters its dictionary names (zlib is tried
/// when they cannot be told), from where its data starts: for `/Length` bytes when the
/// length is known, else as far as the decoder's own data goes. One pass over the file.
pub(super) fn check_bytes(bytes: &[u8]) -> Result<(), ImportError> {
    let mut total = 0u64;
    let mut at = 0;
    // Where the last `obj` keyword seen ends, and how far the file has been searched for it.
    let (mut object_start, mut searched) = (0usize, 0usize);
    let mut offsets = None;
    while let Some(p) = find(&bytes[at..], b"stream") {
        let keyword = at + p;
        at = keyword + 6;
        if keyword >= 3 && &bytes[keyword - 3..keyword] == b"end" {
            continue;
        }
        // The data starts after the end of line that follows the keyword.
        let start = match bytes.get(at..at + 2) {
            Some([b'\r', b'\n']) => at + 2,
            Some([b'\n', _]) | Some([b'\r', _]) => at + 1,
            _ => continue,
        };
        // The stream's dictionary: from its object's `obj` (at most 64 KB back) to the keyword.
        let searched_from = searched.min(keyword);
        if let Some(o) = rfind(&bytes[searched_from..keyword], b"obj") {
            object_start = searched_from + o + 3;
        }
        // No further back than the previous stream's end.
        let from = object_start
            .max(searched)
            .max(keyword.saturating_sub(1 << 16));
        let dict = &bytes[from.min(keyword)..keyword];
        searched = keyword + 6;
        // Filters not written in the dictionary (a reference): zlib data is inflated.
        let filters = filters_in(dict).unwrap_or_else(|| {
            if looks_like_zlib(&bytes[start..]) {
                vec![Filter::Flate]
            } else {
                Vec::new()
            }
        });
        if filters.len() > MAX_FILTERS {
            return Err(over(PdfBudget::Filters, MAX_FILTERS as u64));
        }
        if filters.first().is_none_or(|f| *f == Filter::Other) {
            // Nothing inflates (a picture's or an unknown filter is not decoded).
            continue;
        }
        let params = vec![
            Params {
                early_change: find(dict, b"/EarlyChange 0").is_none(),
                png: None,
            };
            filters.len()
        ];
        let end = match integer_in(dict, b"/Length", bytes, &mut offsets) {
            Some(n) if start.saturating_add(n) <= bytes.len() => start + n,
            _ => bytes.len(),
        };
        let data = &bytes[start..end];
        let n = decode(data, &filters, &params, MAX_STREAM_BYTES)
            .map_err(|Over| stream_bomb())?
            .len() as u64;
        total += n;
        if total > MAX_INFLATED_BYTES {
            return Err(bomb());
        }
        if end < bytes.len() {
            at = end;
            searched = end;
        }
    }
    Ok(())
}

// ---- the opened document -----------------------------------------------------------------

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn dict_of<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    deref(doc, o)?.as_dict().ok()
}

/// The filters of a stream and their parameters, references resolved.
fn chain(doc: &Document, dict: &Dictionary) -> (Vec<Filter>, Vec<Params>) {
    let filters: Vec<Filter> = match dict.get(b"Filter").ok().and_then(|f| deref(doc, f)) {
        Some(Object::Name(n)) => vec![Filter::named(n)],
        Some(Object::Array(a)) => a
            .iter()
            .map(|f| match deref(doc, f) {
                Some(Object::Name(n)) => Filter::named(n),
                _ => Filter::Other,
            })
            .collect(),
        _ => Vec::new(),
    };
    let params = match dict.get(b"DecodeParms").ok().and_then(|p| deref(doc, p)) {
        Some(Object::Array(a)) => a.iter().map(|p| Params::of(dict_of(doc, p))).collect(),
        Some(Object::Dictionary(d)) => vec![Params::of(Some(d)); filters.len()],
        _ => vec![Params::default(); filters.len()],
    };
    (filters, params)
}

/// Decodes every stream of the opened document (decrypted) within the limits and puts what
/// it decodes to in its place; empties pictures, and streams in filters not decoded here.
/// Afterwards no stream has a filter: nothing inflates past this point.
pub(super) fn decode_streams(doc: &mut Document) -> Result<(), ImportError> {
    let ids: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| matches!(o, Object::Stream(_)).then_some(*id))
        .collect();
    let mut total = 0u64;
    for id in ids {
        let Some(Object::Stream(stream)) = doc.objects.get(&id) else {
            continue;
        };
        let picture = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"Image");
        let (filters, params) = chain(doc, &stream.dict);
        if filters.len() > MAX_FILTERS {
            return Err(over(PdfBudget::Filters, MAX_FILTERS as u64));
        }
        let decoded = if picture || filters.contains(&Filter::Other) {
            Vec::new()
        } else if filters.is_empty() {
            // Not decoded: counted all the same (it is what the readers below go through).
            total += stream.content.len() as u64;
            continue;
        } else {
            decode(&stream.content, &filters, &params, MAX_STREAM_BYTES)
                .map_err(|Over| stream_bomb())?
        };
        total += decoded.len() as u64;
        if total > MAX_INFLATED_BYTES {
            return Err(bomb());
        }
        if let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) {
            stream.dict.remove(b"Filter");
            stream.dict.remove(b"DecodeParms");
            stream.set_content(decoded);
        }
    }
    Ok(())
}

// ---- content streams and CMaps, counted ----------------------------------------------------

/// A token of a content stream or CMap.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Token<'d> {
    /// An operator (`Tj`, `Do`, `beginbfrange`).
    Op(&'d [u8]),
    /// A name, without its slash.
    Name(&'d [u8]),
    /// A hex string's digits.
    Hex(&'d [u8]),
    /// `[`, `<<`, `{`.
    Open,
    /// `]`, `>>`, `}`.
    Close,
    /// A number, a literal string, `true`…
    Operand,
}

/// The tokens of a content stream or CMap, in one pass; an inline picture's data skipped.
struct Lexer<'d> {
    data: &'d [u8],
    at: usize,
}

impl<'d> Lexer<'d> {
    fn new(data: &'d [u8]) -> Self {
        Lexer { data, at: 0 }
    }

    fn run(&mut self, from: usize) -> &'d [u8] {
        let d = self.data;
        let end = d[from..]
            .iter()
            .position(|&b| is_white(b) || is_delimiter(b))
            .map_or(d.len(), |e| from + e);
        self.at = end;
        &d[from..end]
    }

    /// Skips an inline picture's data, after `ID`: up to `EI` between white space.
    fn skip_inline_picture(&mut self) {
        let d = self.data;
        let mut i = self.at + 1;
        while i + 2 <= d.len() {
            if &d[i..i + 2] == b"EI"
                && is_white(d[i - 1])
                && d.get(i + 2).is_none_or(|&b| is_white(b))
            {
                self.at = i + 2;
                return;
            }
            i += 1;
        }
        self.at = d.len();
    }
}

impl<'d> Iterator for Lexer<'d> {
    type Item = Token<'d>;

    fn next(&mut self) -> Option<Token<'d>> {
        let d = self.data;
        loop {
            let &b = d.get(self.at)?;
            match b {
                b if is_white(b) => self.at += 1,
                b'%' => {
                    self.at = d[self.at..]
                        .iter()
                        .position(|&b| b == b'\n' || b == b'\r')
                        .map_or(d.len(), |e| self.at + e);
                }
                _ => break,
            }
        }
        let start = self.at;
        Some(match d[start] {
            b'(' => {
                let mut depth = 0usize;
                let mut i = start;
                while i < d.len() {
                    match d[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                self.at = (i + 1).min(d.len());
                Token::Operand
            }
            b'<' if d.get(start + 1) == Some(&b'<') => {
                self.at = start + 2;
                Token::Open
            }
            b'<' => {
                let end = d[start..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(d.len(), |e| start + e);
                self.at = (end + 1).min(d.len());
                Token::Hex(&d[start + 1..end])
            }
            b'>' if d.get(start + 1) == Some(&b'>') => {
                self.at = start + 2;
                Token::Close
            }
            b'[' | b'{' => {
                self.at = start + 1;
                Token::Open
            }
            b']' | b'}' => {
                self.at = start + 1;
                Token::Close
            }
            b'/' => Token::Name(self.run(start + 1)),
            b')' | b'>' => {
                self.at = start + 1;
                Token::Operand
            }
            _ => {
                let word = self.run(start);
                match word {
                    b"true" | b"false" | b"null" => Token::Operand,
                    [b'0'..=b'9' | b'+' | b'-' | b'.', ..] => Token::Operand,
                    b"ID" => {
                        self.skip_inline_picture();
                        Token::Op(word)
                    }
                    _ => Token::Op(word),
                }
            }
        })
    }
}

/// What a content stream asks for.
#[derive(Default)]
struct Scan<'d> {
    operators: u64,
    depth: usize,
    max_depth: usize,
    max_nesting: usize,
    /// The drawings it invokes, by name, and how many times.
    draws: HashMap<&'d [u8], u64>,
    /// The fonts it selects, by name.
    fonts: HashSet<&'d [u8]>,
}

impl<'d> Scan<'d> {
    fn feed(&mut self, data: &'d [u8]) {
        let mut name: Option<&'d [u8]> = None;
        let mut nesting = 0usize;
        for token in Lexer::new(data) {
            match token {
                Token::Open => {
                    nesting += 1;
                    self.max_nesting = self.max_nesting.max(nesting);
                }
                Token::Close => nesting = nesting.saturating_sub(1),
                Token::Name(n) => name = Some(n),
                Token::Op(op) => {
                    self.operators += 1;
                    match op {
                        b"q" => {
                            self.depth += 1;
                            self.max_depth = self.max_depth.max(self.depth);
                        }
                        b"Q" => self.depth = self.depth.saturating_sub(1),
                        b"Do" => {
                            if let Some(n) = name {
                                *self.draws.entry(n).or_default() += 1;
                            }
                        }
                        b"Tf" => {
                            if let Some(n) = name {
                                self.fonts.insert(n);
                            }
                        }
                        _ => {}
                    }
                    name = None;
                }
                Token::Hex(_) | Token::Operand => {}
            }
        }
    }
}

/// The codes a CMap maps (ranges counted whole), refused past [`MAX_CMAP_CODES`] or nested
/// past [`MAX_NESTING`].
fn cmap_codes(data: &[u8]) -> Result<u64, ImportError> {
    let code = |hex: &[u8]| {
        hex.iter()
            .filter_map(|&b| (b as char).to_digit(16))
            .try_fold(0u64, |v, d| v.checked_mul(16)?.checked_add(u64::from(d)))
            .unwrap_or(u64::MAX)
    };
    #[derive(PartialEq)]
    enum Section {
        None,
        /// `bfrange`, `cidrange`…: low, high, then a destination.
        Ranges,
        /// `bfchar`, `cidchar`…: pairs.
        Chars,
    }
    let (mut section, mut ranges, mut chars, mut nesting) = (Section::None, 0u64, 0u64, 0usize);
    let mut low: Option<u64> = None;
    let mut expect_high = false;
    let total = |ranges: u64, chars: u64| ranges.saturating_add(chars / 2);
    for token in Lexer::new(data) {
        match token {
            Token::Op(op) => {
                section = match op {
                    b"beginbfrange" | b"begincidrange" | b"beginnotdefrange" => Section::Ranges,
                    b"beginbfchar" | b"begincidchar" | b"beginnotdefchar" => Section::Chars,
                    _ => Section::None,
                };
                (low, expect_high) = (None, false);
            }
            Token::Open => {
                nesting += 1;
                if nesting > MAX_NESTING {
                    return Err(over(PdfBudget::Nesting, MAX_NESTING as u64));
                }
            }
            Token::Close => nesting = nesting.saturating_sub(1),
            // A range: its low and high codes, then where it maps to (skipped).
            Token::Hex(h) if nesting == 0 && section == Section::Ranges => {
                match (low, expect_high) {
                    (None, _) => (low, expect_high) = (Some(code(h)), true),
                    (Some(lo), true) => {
                        let n = code(h).saturating_sub(lo).saturating_add(1);
                        ranges = ranges.saturating_add(n);
                        expect_high = false;
                    }
                    (Some(_), false) => low = None,
                }
            }
            // A code and what it maps to: two strings a code.
            Token::Hex(_) | Token::Name(_) if nesting == 0 && section == Section::Chars => {
                chars += 1;
            }
            Token::Operand if nesting == 0 && section == Section::Ranges && !expect_high => {
                low = None;
            }
            _ => {}
        }
        if nesting == 0 && low.is_some() && !expect_high && matches!(token, Token::Close) {
            // An array of destinations ended.
            low = None;
        }
        if total(ranges, chars) > MAX_CMAP_CODES {
            return Err(over(PdfBudget::CmapCodes, MAX_CMAP_CODES));
        }
    }
    Ok(total(ranges, chars))
}

/// What drawing a content stream costs: operators, with its drawings', and the fonts it and
/// they select (by their dictionaries' addresses).
#[derive(Clone, Default)]
struct Cost {
    operators: u64,
    fonts: BTreeSet<usize>,
}

/// Counts the pages' content, drawings and fonts against the budgets.
struct Walk<'a> {
    doc: &'a Document,
    /// A drawing's cost by (object, the resources it inherits when it has none).
    memo: HashMap<(ObjectId, usize), Cost>,
    path: HashSet<(ObjectId, usize)>,
    /// Codes of each font's CMaps, by the font dictionary's address.
    font_codes: HashMap<usize, u64>,
    figures: Figures,
}

/// What a document uses of each budget.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    /// Pages.
    pub pages: usize,
    /// Operators of all pages, drawings counted as often as they are drawn.
    pub operators: u64,
    /// The deepest nesting of graphics states.
    pub save_depth: usize,
    /// The deepest nesting of arrays and dictionaries in content.
    pub nesting: usize,
    /// The deepest nesting of drawings.
    pub form_depth: usize,
    /// The most codes one CMap maps.
    pub cmap_codes: u64,
    /// CMap codes of the fonts pages select, page after page.
    pub font_codes: u64,
}

fn address(d: &Dictionary) -> usize {
    d as *const Dictionary as usize
}

impl<'a> Walk<'a> {
    fn lookup(
        &self,
        resources: Option<&'a Dictionary>,
        kind: &[u8],
        name: &[u8],
    ) -> Option<&'a Object> {
        let doc = self.doc;
        let group = dict_of(doc, resources?.get(kind).ok()?)?;
        group.get(name).ok()
    }

    fn cost(
        &mut self,
        content: &[&'a [u8]],
        resources: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<Cost, ImportError> {
        let doc = self.doc;
        self.figures.form_depth = self.figures.form_depth.max(depth);
        let mut scan = Scan::default();
        for part in content {
            scan.feed(part);
        }
        self.figures.save_depth = self.figures.save_depth.max(scan.max_depth);
        self.figures.nesting = self.figures.nesting.max(scan.max_nesting);
        if scan.max_depth > MAX_SAVE_DEPTH {
            return Err(over(PdfBudget::SaveDepth, MAX_SAVE_DEPTH as u64));
        }
        if scan.max_nesting > MAX_NESTING {
            return Err(over(PdfBudget::Nesting, MAX_NESTING as u64));
        }
        let mut cost = Cost {
            operators: scan.operators,
            fonts: BTreeSet::new(),
        };
        for name in &scan.fonts {
            if let Some(font) = self
                .lookup(resources, b"Font", name)
                .and_then(|f| dict_of(doc, f))
            {
                cost.fonts.insert(address(font));
                if !self.font_codes.contains_key(&address(font)) {
                    let mut codes = 0;
                    for key in [&b"ToUnicode"[..], b"Encoding"] {
                        if let Some(Object::Stream(s)) =
                            font.get(key).ok().and_then(|o| deref(doc, o))
                        {
                            let n = cmap_codes(&s.content)?;
                            self.figures.cmap_codes = self.figures.cmap_codes.max(n);
                            codes += n;
                        }
                    }
                    self.font_codes.insert(address(font), codes);
                }
            }
        }
        for (name, times) in scan.draws {
            let Some(Ok(id)) = self
                .lookup(resources, b"XObject", name)
                .map(Object::as_reference)
            else {
                continue;
            };
            let Some(Object::Stream(drawing)) = doc.objects.get(&id) else {
                continue;
            };
            let own = drawing
                .dict
                .get(b"Resources")
                .ok()
                .and_then(|r| dict_of(doc, r));
            let key = (
                id,
                if own.is_some() {
                    0
                } else {
                    resources.map_or(0, address)
                },
            );
            if self.path.contains(&key) || depth + 1 > MAX_FORM_DEPTH {
                return Err(form_loop());
            }
            let drawn = match self.memo.get(&key) {
                Some(c) => c.clone(),
                None => {
                    self.path.insert(key);
                    let c = self.cost(&[&drawing.content], own.or(resources), depth + 1)?;
                    self.path.remove(&key);
                    self.memo.insert(key, c.clone());
                    c
                }
            };
            cost.operators = cost
                .operators
                .saturating_add(drawn.operators.saturating_mul(times));
            if cost.operators > MAX_OPERATORS {
                return Err(over(PdfBudget::Operators, MAX_OPERATORS));
            }
            cost.fonts.extend(drawn.fonts);
        }
        Ok(cost)
    }
}

/// For each page, in order, whether it draws a picture (an image XObject, directly or in a
/// drawing it draws, four deep at most): a page without text that draws one is a scan; one
/// that draws none is blank, and no OCR would find anything on it.
pub(super) fn pages_with_pictures(doc: &Document) -> Vec<bool> {
    fn draws_picture(doc: &Document, resources: Option<&Dictionary>, depth: usize) -> bool {
        let Some(xobjects) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| dict_of(doc, x))
        else {
            return false;
        };
        xobjects.iter().take(4096).any(|(_, object)| {
            let Some(Object::Stream(s)) = object
                .as_reference()
                .ok()
                .and_then(|id| doc.objects.get(&id))
            else {
                return false;
            };
            match s.dict.get(b"Subtype").and_then(Object::as_name) {
                Ok(b"Image") => true,
                Ok(b"Form") if depth < 4 => {
                    let own = s.dict.get(b"Resources").ok().and_then(|r| dict_of(doc, r));
                    draws_picture(doc, own, depth + 1)
                }
                _ => false,
            }
        })
    }
    doc.get_pages()
        .values()
        .map(|&id| {
            doc.get_dictionary(id)
                .is_ok_and(|page| draws_picture(doc, page_resources(doc, page), 0))
        })
        .collect()
}

/// The resources of a page, inherited from the page tree when it has none.
fn page_resources<'a>(doc: &'a Document, page: &'a Dictionary) -> Option<&'a Dictionary> {
    let mut node = page;
    for _ in 0..64 {
        if let Some(r) = node.get(b"Resources").ok().and_then(|r| dict_of(doc, r)) {
            return Some(r);
        }
        node = node.get(b"Parent").ok().and_then(|p| dict_of(doc, p))?;
    }
    None
}

/// Counts every page (after [`decode_streams`]) against the budgets; the figures.
pub(super) fn check_pages(doc: &Document) -> Result<Figures, ImportError> {
    let pages = doc.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(over(PdfBudget::Pages, MAX_PAGES as u64));
    }
    let mut walk = Walk {
        doc,
        memo: HashMap::new(),
        path: HashSet::new(),
        font_codes: HashMap::new(),
        figures: Figures {
            pages: pages.len(),
            ..Figures::default()
        },
    };
    for &id in pages.values() {
        let Ok(page) = doc.get_dictionary(id) else {
            continue;
        };
        let content: Vec<&[u8]> = doc
            .get_page_contents(id)
            .into_iter()
            .filter_map(|c| match doc.objects.get(&c) {
                Some(Object::Stream(s)) => Some(s.content.as_slice()),
                _ => None,
            })
            .collect();
        let cost = walk.cost(&content, page_resources(doc, page), 0)?;
        walk.figures.operators = walk.figures.operators.saturating_add(cost.operators);
        if walk.figures.operators > MAX_OPERATORS {
            return Err(over(PdfBudget::Operators, MAX_OPERATORS));
        }
        let codes: u64 = cost
            .fonts
            .iter()
            .filter_map(|f| walk.font_codes.get(f))
            .sum();
        walk.figures.font_codes = walk.figures.font_codes.saturating_add(codes);
        if walk.figures.font_codes > MAX_FONT_CODES {
            return Err(over(PdfBudget::FontCodes, MAX_FONT_CODES));
        }
    }
    Ok(walk.figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let t: Vec<Token> = Lexer::new(b"q 1 0 0 1 0 0 cm /F1 12 Tf (a (b) \\) c) Tj <4142> [1 2] << /A 1 >> Q % c\nBI /W 1 ID \x00EI\x01 EI Do")
            .collect();
        assert_eq!(
            t,
            vec![
                Token::Op(b"q"),
                Token::Operand,
                Token::Operand,
                Token::Operand,
                Token::Operand,
                Token::Operand,
                Token::Operand,
                Token::Op(b"cm"),
                Token::Name(b"F1"),
                Token::Operand,
                Token::Op(b"Tf"),
                Token::Operand,
                Token::Op(b"Tj"),
                Token::Hex(b"4142"),
                Token::Open,
                Token::Operand,
                Token::Operand,
                Token::Close,
                Token::Open,
                Token::Name(b"A"),
                Token::Operand,
                Token::Close,
                Token::Op(b"Q"),
                Token::Op(b"BI"),
                Token::Name(b"W"),
                Token::Operand,
                Token::Op(b"ID"),
                Token::Op(b"Do"),
            ]
        );
    }

    #[test]
    fn cmap_ranges_are_counted_whole() {
        let cmap = b"2 beginbfrange <0000> <00FF> <0041> <0100> <0101> [<0041> <0042>] endbfrange \
                     1 beginbfchar <0003> <0020> endbfchar";
        assert_eq!(cmap_codes(cmap).unwrap(), 256 + 2 + 1);
        let huge = b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange";
        assert!(cmap_codes(huge).is_err());
        let deep = [b"1 beginbfrange <00> <01> ".as_slice(), &[b'['; 40]].concat();
        assert!(cmap_codes(&deep).is_err());
    }

    #[test]
    fn each_filter_of_a_chain_is_capped() {
        let zeros = vec![0u8; 1 << 20];
        let once = {
            use std::io::Write;
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            e.write_all(&zeros).unwrap();
            e.finish().unwrap()
        };
        let twice = {
            use std::io::Write;
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            e.write_all(&once).unwrap();
            e.finish().unwrap()
        };
        let p = [Params::default(); 2];
        let both = [Filter::Flate, Filter::Flate];
        assert_eq!(decode(&twice, &both, &p, 2 << 20).unwrap().len(), 1 << 20);
        assert!(decode(&twice, &both, &p, 1 << 19).is_err());
        assert!(decode(&once, &[Filter::Flate], &p, 1 << 19).is_err());
        // Run-length and hex, each with its own end.
        assert_eq!(
            run_length(&[2, b'a', b'b', b'c', 253, b'z', 128, 0], 99).unwrap(),
            b"abczzzz"
        );
        assert_eq!(ascii_hex(b"41 42 4>", 99).unwrap(), b"AB@");
        assert_eq!(ascii85(b"87cURD]j7BEbo7~>", 99).unwrap(), b"Hello world");
    }

    #[test]
    fn filters_named_in_a_dictionary() {
        assert_eq!(
            filters_in(b"<< /Length 5 /Filter [/FlateDecode /FlateDecode] >>"),
            Some(vec![Filter::Flate, Filter::Flate])
        );
        assert_eq!(
            filters_in(b"<< /Filter /LZWDecode/Length 5 >>"),
            Some(vec![Filter::Lzw])
        );
        assert_eq!(filters_in(b"<< /Filter 7 0 R >>"), None);
        assert_eq!(
            integer_in(b"<< /Length 12 >>", b"/Length", b"", &mut None),
            Some(12)
        );
        let file = b"x\n7 0 obj\n 345\nendobj\n17 0 obj 9 endobj";
        assert_eq!(
            integer_in(b"<< /Length 7 0 R >>", b"/Length", file, &mut None),
            Some(345)
        );
        assert_eq!(
            integer_in(b"<< /Length 17 0 R >>", b"/Length", file, &mut None),
            Some(9)
        );
        assert!(looks_like_zlib(&[0x78, 0x9c]));
        assert!(!looks_like_zlib(b"endstream"));
    }
}
