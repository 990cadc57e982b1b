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
/// the last rule. Empty footers render nothing.
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
    // 责任编辑、审核、签发 share a line, as printed, and wrap item by item.
    let staff: Vec<Html> = [
        ("责任编辑：", Field::Editor, &f.editor),
        ("审核：", Field::Reviewer, &f.reviewer),
        ("签发：", Field::Signer, &f.signer),
    ]
    .into_iter()
    .filter_map(|(label, field, name)| {
        let name = name.as_ref()?;
        Some(html! { <span class="bv-role"><span class="bv-label">{ label }</span>{ text(field, name) }</span> })
    })
    .collect();
    let colophon = !staff.is_empty()
        || phone.is_some()
        || email.is_some()
        || f.approval.is_some()
        || !f.notes.is_empty();
    let issued = f.issued.as_ref();
    let by = issued.and_then(|i| i.by.as_ref());
    let date = issued.and_then(|i| i.date.as_ref());
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
                    if !staff.is_empty() {
                        // Spaces between the names, so that copied text keeps them apart.
                        <p class="bv-staff">{ for staff.into_iter().enumerate().map(|(n, s)| html! { <>{ (n > 0).then_some(" ") }{ s }</> }) }</p>
                    }
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
            if issued.is_some() {
                // 版记: ××办公室    2025年3月18日印发 ("印发" after the date, or the office
                // when no date is given).
                <div class="bv-issued">
                    <p>
                        if let Some(by) = by {
                            <span class="bv-issued-by">{ text(Field::IssuedBy, by) }{ date.is_none().then_some("印发") }</span>
                        }
                        if let Some(date) = date {
                            { " " }
                            <time class="bv-issued-date" datetime={date.iso.clone()}>{ spaced(&date.display) }{ "印发" }</time>
                        }
                    </p>
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
