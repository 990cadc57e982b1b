//! 报尾: distribution, editor, contact, approval number.

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

/// 报尾, set off by rules as in print. Empty footers render nothing.
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
    html! {
        <footer class="bv-footer">
            if !f.distribution.is_empty() {
                <div class="bv-distribution">
                    { for f.distribution.iter().enumerate().map(|(i, d)| html! {
                        <p><span class="bv-label">{ spaced(&d.label) }{ "：" }</span>{ text(Field::Distribution(i), &d.text) }</p>
                    }) }
                </div>
            }
            <div class="bv-colophon">
                if let Some(editor) = &f.editor {
                    <p><span class="bv-label">{ "责任编辑：" }</span>{ text(Field::Editor, editor) }</p>
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
            </div>
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
