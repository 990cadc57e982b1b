//! bulletin viewer: one issue of a government bulletin (简报) as JSON, and the tools around it.
//!
//! - [`model`]: the issue format, its parsing and validation (no UI, compiles natively);
//! - [`convert`]: plain text extracted from a printed issue → [`model::Issue`];
//! - `import` (feature `import`): Word (.docx) and PDF files → that text → an issue;
//! - [`search`]: finding text in an issue (Chinese substrings, width- and case-folded);
//! - [`index`]: 往期检索, the search index over a feed's issues, built and queried;
//! - [`speech`]: what 朗读 says for an issue, sentence by sentence;
//! - [`ui`]: the embed's settings (element attributes) and interface text;
//! - `viewer` (feature `viewer`): the Yew components that render an issue;
//! - `render` (feature `render`): static HTML of an issue, by the viewer's components;
//! - `cli` (feature `cli`): the `bulletin` command;
//! - `editor` (feature `editor`): the authoring page's converter (its own wasm).
//!
//! The converter and the viewer never share code paths: both meet at the model.
#![warn(missing_docs)]

pub mod convert;
#[cfg(feature = "import")]
pub mod import;
pub mod index;
pub mod model;
pub mod search;
pub mod speech;
pub mod text;
pub mod ui;

#[cfg(feature = "cli")]
pub mod cli;

#[cfg(feature = "editor")]
pub mod editor;

#[cfg(feature = "render")]
pub mod render;

#[cfg(any(feature = "viewer", feature = "render"))]
pub mod viewer;
