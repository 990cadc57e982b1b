//! Searching the issue shown: the query, its hits, and the hit stepped to.

use crate::model::Issue;
use crate::search::{search, Hits};
use crate::viewer::scroll::show_hit;
use std::rc::Rc;
use yew::prelude::*;

/// The query and the hit stepped to, which change together (a new query starts before the
/// first hit).
#[derive(Clone, Debug, Default, PartialEq)]
struct Query {
    text: String,
    current: Option<usize>,
}

enum QueryAction {
    Type(String),
    Step { by: i32, count: usize },
}

impl Reducible for Query {
    type Action = QueryAction;

    fn reduce(self: Rc<Self>, action: QueryAction) -> Rc<Self> {
        match action {
            QueryAction::Type(text) => Rc::new(Query {
                text,
                current: None,
            }),
            QueryAction::Step { count: 0, .. } => self,
            QueryAction::Step { by, count } => {
                let n = count as i64;
                let next = match self.current {
                    None if by > 0 => 0,
                    None => n - 1,
                    Some(i) => (i as i64 + i64::from(by)).rem_euclid(n),
                };
                Rc::new(Query {
                    current: Some(next as usize),
                    ..(*self).clone()
                })
            }
        }
    }
}

/// What the search box shows and does.
pub struct Search {
    /// Whether a query is entered.
    pub active: bool,
    /// The query.
    pub text: String,
    /// The hits of the query.
    pub hits: Rc<Hits>,
    /// The hit stepped to.
    pub current: Option<usize>,
    /// The query changed.
    pub on_query: Callback<String>,
    /// Step to the next (+1) or previous (−1) hit.
    pub on_step: Callback<i32>,
    /// The search field, so that `/` can focus it.
    pub input: NodeRef,
}

/// Search in `issue`; stepping to a hit brings it into view inside `root`.
#[hook]
pub fn use_search(root: NodeRef, issue: Option<Rc<Issue>>) -> Search {
    let input = use_node_ref();
    let query = use_reducer_eq(Query::default);
    let hits = use_memo((issue, query.text.clone()), |(issue, text)| match issue {
        Some(issue) => search(issue, text),
        None => Hits::default(),
    });
    use_effect_with(query.current, move |n| {
        if let Some(n) = n {
            show_hit(&root, *n);
        }
    });
    let on_query = {
        let query = query.dispatcher();
        Callback::from(move |text| query.dispatch(QueryAction::Type(text)))
    };
    let on_step = {
        let (query, count) = (query.dispatcher(), hits.all.len());
        Callback::from(move |by| query.dispatch(QueryAction::Step { by, count }))
    };
    Search {
        active: !query.text.trim().is_empty(),
        text: query.text.clone(),
        hits,
        current: query.current,
        on_query,
        on_step,
        input,
    }
}
