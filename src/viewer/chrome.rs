//! The reader's chrome around an issue: the skip link, the feed's issues (given as
//! children), the search box and the reader settings.

use super::controls::ReaderControls;
use super::find::{search_box, SearchBox};
use crate::ui::{ReaderPrefs, UiLang};
use yew::prelude::*;

/// What [`chrome`] draws.
pub struct Chrome {
    /// Interface language.
    pub lang: UiLang,
    /// The link to the first article (the skip link's target).
    pub first_article: AttrValue,
    /// The skip link was followed: go to the first article.
    pub on_skip: Callback<()>,
    /// Number of search hits marked.
    pub hits: usize,
    /// Number of search hits in all.
    pub hits_total: usize,
    /// The hit stepped to.
    pub current_hit: Option<usize>,
    /// Whether a query is entered.
    pub searching: bool,
    /// The search field.
    pub search_input: NodeRef,
    /// The query in it.
    pub query: String,
    /// The query changed.
    pub on_query: Callback<String>,
    /// Step through the hits.
    pub on_step: Callback<i32>,
    /// Whether the reader settings are offered (`controls`).
    pub controls: bool,
    /// The reader's settings.
    pub prefs: ReaderPrefs,
    /// The reader changed them.
    pub on_prefs: Callback<ReaderPrefs>,
    /// What stands between the skip link and the controls: the feed's issues.
    pub issues: Html,
    /// 语音阅读 is on: the 朗读全文 button is offered.
    pub speech: bool,
    /// Read the whole issue aloud.
    pub on_read: Callback<Option<usize>>,
}

/// Skip link, the feed's issues, search and settings, in that order (the skip link first, so
/// that it is the first thing a keyboard reaches). A function of the App's render, not a
/// component of its own: it has no state, and a component would cost the wasm ~1 KB.
pub fn chrome(props: Chrome) -> Html {
    let t = props.lang.text();
    let skip = {
        let on_skip = props.on_skip.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            on_skip.emit(());
        })
    };
    html! {
        <>
        <a class="bv-skip" href={props.first_article.clone()} onclick={skip}>{ t.skip }</a>
        { props.issues }
        <div class={classes!("bv-controls", props.searching.then_some("bv-searching"))}>
            { search_box(SearchBox {
                count: props.hits,
                total: props.hits_total,
                current: props.current_hit,
                active: props.searching,
                lang: props.lang,
                input: props.search_input,
                query: props.query,
                on_query: props.on_query,
                on_step: props.on_step,
            }) }
            if super::variant::FULL && props.speech {
                { super::speech::read_all(props.lang, &props.on_read) }
            }
            if props.controls {
                <ReaderControls prefs={props.prefs} lang={props.lang} on_change={props.on_prefs.clone()} />
            }
        </div>
        </>
    }
}
