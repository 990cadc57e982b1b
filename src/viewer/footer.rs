//! 报尾: distribution, who made the issue, contact, approval number, other lines, and the
//! 版记 (印发 line, print run).

use super::spaced::{marked, spaced};
use crate::model::{is_email, tel_digits, Footer};
use crate::search::{Field, Hits};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`FooterView`].
#[derive(Properties, PartialEq)]
pub struct FooterProps {
    /// The footer to show.
    pub footer: Footer,
    /// Search hits to mark.
    #[prop_or_default]
    pub hits: Rc<Hits>,
    /// The hit stepped to.
    #[prop_or_default]
    pub current_hit: Option<usize>,
    /// Whether phone numbers and e-mail addresses are links (not on a kiosk).
    #[prop_or(true)]
    pub links: bool,
}

/// 报尾, set off by rules as in print: who receives the issue; then who made it (责任编辑,
/// 审核, 签发), how to reach them, the approval number and any other line as printed; then
/// the 版记's 印发 line (the office left, the date right) and the print run at the right under
/// the last rule. Empty footers render nothing. (Each element here costs the wasm bytes:
/// the 印发 line is two spans, its date no `<time>`.)
#[function_component]
pub fn FooterView(props: &FooterProps) -> Html {
    let f = &props.footer;
    let text = |field: Field, s: &str| marked(s, &props.hits.in_field(field), props.current_hit);
    if *f == Footer::default() {
        return html! {};
    }
    let contact = f.contact.as_ref();
    let phone = contact.and_then(|c| c.phone.as_ref());
    let email = contact.and_then(|c| c.email.as_ref());
    // 责任编辑、审核、签发 share a line, as printed, and wrap name by name (the space after
    // each keeps them apart in copied text).
    let role = |label: &'static str, field: Field, name: &Option<String>| match name {
        Some(name) => html! {
            <span class="bv-role"><span class="bv-label">{ label }</span>{ text(field, name) }{ " " }</span>
        },
        None => Html::default(),
    };
    let staff = f.editor.is_some() || f.reviewer.is_some() || f.signer.is_some();
    let colophon =
        staff || phone.is_some() || email.is_some() || f.approval.is_some() || !f.notes.is_empty();
    html! {
        <footer class="bv-footer">
            if !f.distribution.is_empty() {
                <div class="bv-distribution">
                    { for f.distribution.iter().enumerate().map(|(i, d)| html! {
                        <p><span class="bv-label">{ spaced(&d.label) }{ "：" }</span>{ text(Field::Distribution(i), &d.text) }</p>
                    }) }
                </div>
            }
            if colophon {
                <div class="bv-colophon">
                    { role("责任编辑：", Field::Editor, &f.editor) }
                    { role("审核：", Field::Reviewer, &f.reviewer) }
                    { role("签发：", Field::Signer, &f.signer) }
                    if phone.is_some() || email.is_some() {
                        <p>
                            <span class="bv-label">{ "联系方式：" }</span>
                            if let Some(phone) = phone {
                                { link(tel_digits(phone).filter(|_| props.links).map(|d| format!("tel:{d}")), phone) }
                            }
                            if phone.is_some() && email.is_some() { { " " } }
                            if let Some(email) = email {
                                { link((props.links && is_email(email)).then(|| format!("mailto:{email}")), email) }
                            }
                        </p>
                    }
                    if let Some(approval) = &f.approval {
                        <p><span class="bv-label">{ "批准文号：" }</span>{ text(Field::Approval, approval) }</p>
                    }
                    { for f.notes.iter().enumerate().map(|(n, note)| html! {
                        <p class="bv-note">{ text(Field::Note(n), note) }</p>
                    }) }
                </div>
            }
            if let Some(issued) = &f.issued {
                // 版记: ××办公室    2025年3月18日印发 (印发 at the right also without a date).
                <div class="bv-issued">
                    <span>{ issued.by.as_deref().map(|by| text(Field::IssuedBy, by)) }</span>
                    { " " }
                    <span class="bv-issued-date">{ issued.date.as_ref().map(|d| spaced(&d.display)) }{ "印发" }</span>
                </div>
            }
            if let Some(copies) = f.copies {
                <p class="bv-copies">{ "（共印" }{ copies }{ "份）" }</p>
            }
        </footer>
    }
}

/// A link when the URL passed the safety check, plain text otherwise.
fn link(href: Option<String>, text: &str) -> Html {
    match href {
        Some(href) => html! { <a {href}>{ text }</a> },
        None => html! { <span>{ text }</span> },
    }
}
