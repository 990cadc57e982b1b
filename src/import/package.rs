//! Zip packages of XML parts — Word's .docx and OFD (GB/T 33190) alike — read within limits:
//! every part and the whole inflate into capped buffers, whatever their headers claim (a zip
//! bomb is refused naming the part), and XML is parsed linearly: elements, nesting,
//! attributes, namespaces in scope and references are capped. Names are resolved by the
//! namespace URI they are bound to, never by the prefix a producer chose; each reader says
//! which URIs it knows ([`Prefixes`]).

use super::{ImportError, ImportFault, MAX_INFLATED_BYTES};
use quick_xml::events::Event;
use std::io::Read;

/// How a reader spells the namespaces it knows: the prefix for a namespace URI (`""` for
/// plain names), None for one it does not know.
pub type Prefixes = fn(&[u8]) -> Option<&'static str>;

/// The largest part of a package read (`word/document.xml`, a page of an OFD, one image).
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// How deep elements may nest (tables in tables in text boxes…).
pub const MAX_DEPTH: usize = 256;

/// The zip archive, read within the size limits.
pub struct Zip<'a> {
    archive: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    /// Bytes inflated so far.
    inflated: u64,
}

impl<'a> Zip<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, ImportError> {
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
            ImportError::file(ImportFault::DamagedZip {
                detail: crate::text::excerpt(&e.to_string(), 200),
            })
        })?;
        Ok(Zip {
            archive,
            inflated: 0,
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// A part's bytes; None when absent. Refuses parts (and a whole) that inflate past the
    /// limits, whatever their headers claim.
    pub fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let damaged = |e: &dyn std::fmt::Display| {
            ImportError::file(ImportFault::DamagedZipPart {
                part: name.to_string(),
                detail: crate::text::excerpt(&e.to_string(), 200),
            })
        };
        let file = self.archive.by_index(index).map_err(|e| damaged(&e))?;
        let budget = MAX_PART_BYTES.min(MAX_INFLATED_BYTES.saturating_sub(self.inflated));
        if file.size() > budget {
            return Err(too_big(name, file.size()));
        }
        let mut out = Vec::new();
        file.take(budget + 1)
            .read_to_end(&mut out)
            .map_err(|e| damaged(&e))?;
        if out.len() as u64 > budget {
            return Err(too_big(name, out.len() as u64));
        }
        self.inflated += out.len() as u64;
        Ok(Some(out))
    }

    pub fn text(&mut self, name: &str) -> Result<Option<String>, ImportError> {
        match self.bytes(name)? {
            None => Ok(None),
            Some(b) => String::from_utf8(b).map(Some).map_err(|e| {
                ImportError::file(ImportFault::PartNotUtf8 {
                    part: name.to_string(),
                    offset: e.utf8_error().valid_up_to(),
                })
            }),
        }
    }
}

fn too_big(name: &str, size: u64) -> ImportError {
    ImportError::file(ImportFault::PartTooBig {
        part: name.to_string(),
        limit_mib: MAX_PART_BYTES.min(MAX_INFLATED_BYTES) >> 20,
        size_mib: size >> 20,
    })
}

/// An XML element: qualified name, attributes, children.
#[derive(Default, Debug)]
pub struct El {
    /// The name as the reader spells it (`w:p`, `ofd:TextCode`).
    pub name: String,
    /// Attributes, names spelt so too.
    pub attrs: Vec<(String, String)>,
    /// Elements and text inside.
    pub kids: Vec<Node>,
}

/// What an element holds: elements and text.
#[derive(Debug)]
pub enum Node {
    /// An element.
    El(El),
    /// Text (references resolved).
    Text(String),
}

impl El {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn els(&self) -> impl Iterator<Item = &El> {
        self.kids.iter().filter_map(|k| match k {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }
    pub fn child(&self, name: &str) -> Option<&El> {
        self.els().find(|e| e.name == name)
    }
    /// The first descendant of that name, depth first.
    pub fn find(&self, name: &str) -> Option<&El> {
        self.els().find_map(|e| {
            if e.name == name {
                Some(e)
            } else {
                e.find(name)
            }
        })
    }
    /// Every descendant of that name, not looking inside those found.
    pub fn find_all(&self, name: &str) -> Vec<&El> {
        let mut out = Vec::new();
        for e in self.els() {
            if e.name == name {
                out.push(e);
            } else {
                out.extend(e.find_all(name));
            }
        }
        out
    }
    pub fn text(&self) -> String {
        self.kids
            .iter()
            .map(|k| match k {
                Node::Text(t) => t.as_str(),
                Node::El(_) => "",
            })
            .collect()
    }
}

/// The most elements one part may have: a bulletin has tens of thousands; a file with
/// millions is refused before its tree fills the memory.
const MAX_ELEMENTS: usize = 500_000;

/// A name as the reader spells it: its prefix by the namespace it is bound to (`w:p` for any
/// prefix bound to WordprocessingML), `?:` for a namespace the reader does not know.
fn canonical(
    resolved: quick_xml::name::ResolveResult,
    local: &[u8],
    prefix_of: Prefixes,
) -> String {
    use quick_xml::name::ResolveResult;
    let local = String::from_utf8_lossy(local);
    match resolved {
        ResolveResult::Bound(ns) => match prefix_of(ns.as_ref()) {
            Some("") => local.into_owned(),
            Some(p) => format!("{p}:{local}"),
            None => format!("?:{local}"),
        },
        ResolveResult::Unbound => local.into_owned(),
        ResolveResult::Unknown(_) => format!("?:{local}"),
    }
}

/// The most attributes one element may have (Word writes a few; its document element has
/// about forty namespace declarations). Counted before they are read, so that reading them
/// (which checks for duplicates) stays linear.
const MAX_ATTRIBUTES: usize = 512;
/// The most namespace declarations in scope at once: each element's name is looked up among
/// them.
const MAX_NAMESPACES: usize = 256;
/// The most entity and character references (`&amp;`, `&#x4E2D;`) one part may use.
const MAX_REFERENCES: usize = 1_000_000;

/// Adds text to an element: joined to the text before it, so that a run of references does
/// not become a node each.
fn add_text(top: Option<&mut El>, text: &str) {
    let Some(top) = top else { return };
    match top.kids.last_mut() {
        Some(Node::Text(t)) => t.push_str(text),
        _ => top.kids.push(Node::Text(text.to_string())),
    }
}

/// Parses XML into elements, keeping text (entities resolved). Linear in the part's size:
/// elements, nesting, attributes, namespaces in scope and references are capped.
pub fn parse(xml: &str, part: &str, prefix_of: Prefixes) -> Result<El, ImportError> {
    let mut reader = quick_xml::NsReader::from_str(xml);
    let mut stack: Vec<El> = vec![El::default()];
    // Namespace declarations of each open element.
    let mut declared: Vec<usize> = vec![0];
    let mut in_scope = 0usize;
    let mut references = 0usize;
    let mut count = 0usize;
    let bad = |e: &dyn std::fmt::Display, at: u64| {
        ImportError::file(ImportFault::DamagedXml {
            part: part.to_string(),
            at,
            detail: crate::text::excerpt(&e.to_string(), 200),
        })
    };
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| bad(&e, at))?;
        if let Event::Start(_) | Event::Empty(_) = event {
            count += 1;
            if count > MAX_ELEMENTS {
                return Err(ImportError::file(ImportFault::TooManyElements {
                    part: part.to_string(),
                    limit: MAX_ELEMENTS,
                }));
            }
            if stack.len() > MAX_DEPTH {
                return Err(ImportError::file(ImportFault::NestedTooDeep {
                    part: part.to_string(),
                    limit: MAX_DEPTH,
                }));
            }
        }
        if let Event::Start(s) | Event::Empty(s) = &event {
            let (mut attributes, mut namespaces) = (0usize, 0usize);
            for a in s.attributes().with_checks(false).flatten() {
                attributes += 1;
                namespaces += usize::from(a.key.as_ref().starts_with(b"xmlns"));
                if attributes > MAX_ATTRIBUTES {
                    return Err(ImportError::file(ImportFault::TooManyAttributes {
                        part: part.to_string(),
                        limit: MAX_ATTRIBUTES,
                    }));
                }
            }
            if in_scope + namespaces > MAX_NAMESPACES {
                return Err(ImportError::file(ImportFault::TooManyNamespaces {
                    part: part.to_string(),
                    limit: MAX_NAMESPACES,
                }));
            }
            if matches!(event, Event::Start(_)) {
                in_scope += namespaces;
                declared.push(namespaces);
            }
        }
        match event {
            Event::Start(s) => stack.push(element(&reader, &s, part, prefix_of)?),
            Event::Empty(s) => {
                let el = element(&reader, &s, part, prefix_of)?;
                if let Some(top) = stack.last_mut() {
                    top.kids.push(Node::El(el));
                }
            }
            Event::End(_) => {
                in_scope -= declared.pop().unwrap_or(0);
                let el = stack.pop().unwrap_or_default();
                match stack.last_mut() {
                    Some(top) => top.kids.push(Node::El(el)),
                    None => return Err(bad(&"unbalanced end tag", at)),
                }
            }
            Event::Text(t) => {
                let text = t.decode().map_err(|e| bad(&e, at))?;
                let text = quick_xml::escape::unescape(&text).map_err(|e| bad(&e, at))?;
                add_text(stack.last_mut(), &text);
            }
            Event::CData(t) => add_text(stack.last_mut(), &String::from_utf8_lossy(&t)),
            Event::GeneralRef(r) => {
                references += 1;
                if references > MAX_REFERENCES {
                    return Err(ImportError::file(ImportFault::TooManyReferences {
                        part: part.to_string(),
                        limit: MAX_REFERENCES,
                    }));
                }
                let name = r.decode().map_err(|e| bad(&e, at))?;
                let text = match r.resolve_char_ref().map_err(|e| bad(&e, at))? {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::unescape(&format!("&{name};"))
                        .map_err(|e| bad(&e, at))?
                        .into_owned(),
                };
                add_text(stack.last_mut(), &text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let root = stack.pop().unwrap_or_default();
    if !stack.is_empty() {
        return Err(ImportError::file(ImportFault::XmlEndsEarly {
            part: part.to_string(),
        }));
    }
    // The document element.
    Ok(root
        .kids
        .into_iter()
        .find_map(|k| match k {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
        .unwrap_or_default())
}

fn element(
    reader: &quick_xml::NsReader<&[u8]>,
    s: &quick_xml::events::BytesStart,
    part: &str,
    prefix_of: Prefixes,
) -> Result<El, ImportError> {
    let (ns, local) = reader.resolve_element(s.name());
    let name = canonical(ns, local.as_ref(), prefix_of);
    let mut attrs = Vec::new();
    for a in s.attributes() {
        let a = a.map_err(|e| {
            ImportError::file(ImportFault::DamagedXmlAttribute {
                part: part.to_string(),
                detail: crate::text::excerpt(&e.to_string(), 200),
            })
        })?;
        if a.key.as_ref().starts_with(b"xmlns") {
            continue;
        }
        let (ns, local) = reader.resolve_attribute(a.key);
        let key = canonical(ns, local.as_ref(), prefix_of);
        let value = a
            .unescape_value()
            .map_err(|e| {
                ImportError::file(ImportFault::DamagedXmlAttribute {
                    part: part.to_string(),
                    detail: crate::text::excerpt(&e.to_string(), 200),
                })
            })?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(El {
        name,
        attrs,
        kids: Vec::new(),
    })
}
