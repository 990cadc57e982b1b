//! Places in the page's URL fragment: what `#bulletin/2024-17/a-2` names, and where a
//! viewer's own links point.

/// The fragment namespace of a viewer: deep links read `#<namespace>/<article id>`, so they
/// cannot clash with the page's own anchors. It is the element's `id` when that is a plain
/// token, else `bulletin`.
pub fn fragment_namespace(element_id: Option<&str>) -> String {
    match element_id {
        Some(id)
            if !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
        {
            id.to_string()
        }
        _ => "bulletin".to_string(),
    }
}

/// What a fragment of a viewer's namespace names: `#bulletin/a-2` an article (of the issue
/// shown, or of the newest in a feed), `#bulletin/2024-17` an issue of the feed (its
/// [`FeedEntry::key`](crate::model::FeedEntry::key)), `#bulletin/2024-17/a-2` an article of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place<'a> {
    /// The issue's key, when the fragment names one.
    pub issue: Option<&'a str>,
    /// The article's id, when the fragment names one.
    pub article: Option<&'a str>,
}

/// Reads a fragment (with or without `#`) of namespace `ns`; None when it is not one.
pub fn place_in_fragment<'a>(fragment: &'a str, ns: &str) -> Option<Place<'a>> {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    let rest = f.strip_prefix(ns)?.strip_prefix('/')?;
    let id = |s: &'a str| crate::model::is_fragment_id(s).then_some(s);
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        let (key, article) = match rest.split_once('/') {
            Some((key, article)) => (key, id(article)),
            None => (rest, None),
        };
        let key_ok = key.chars().all(|c| c.is_ascii_digit() || c == '-');
        return key_ok.then_some(Place {
            issue: Some(key),
            article,
        });
    }
    Some(Place {
        issue: None,
        article: Some(id(rest)?),
    })
}

/// Where a viewer's deep links point: its namespace and, when it shows an issue of a feed,
/// that issue's key (links name it, so a shared link keeps its issue when a newer appears).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Anchor {
    /// The fragment namespace ([`fragment_namespace`]).
    pub ns: String,
    /// The key of the feed's issue shown; None outside a feed.
    pub issue: Option<String>,
    /// Whether the issue shown is the feed's newest (`#bulletin/a-2` then names its articles).
    pub newest: bool,
}

impl Anchor {
    /// What follows `#` in links, before the article id: `bulletin` or `bulletin/2024-17`.
    pub fn path(&self) -> String {
        match &self.issue {
            Some(key) => format!("{}/{key}", self.ns),
            None => self.ns.clone(),
        }
    }

    /// The article of the issue shown that a fragment names, if any.
    pub fn article_in<'a>(&self, fragment: &'a str) -> Option<&'a str> {
        let place = place_in_fragment(fragment, &self.ns)?;
        let ours = match (place.issue, self.issue.as_deref()) {
            (None, None) => true,
            (None, Some(_)) => self.newest,
            (Some(key), Some(mine)) => key == mine,
            (Some(_), None) => false,
        };
        place.article.filter(|_| ours)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments() {
        assert_eq!(fragment_namespace(None), "bulletin");
        assert_eq!(fragment_namespace(Some("lldt-18")), "lldt-18");
        assert_eq!(fragment_namespace(Some("a b")), "bulletin");
        let plain = Anchor {
            ns: "bulletin".into(),
            ..Anchor::default()
        };
        assert_eq!(plain.path(), "bulletin");
        assert_eq!(plain.article_in("#bulletin/a-2"), Some("a-2"));
        assert_eq!(plain.article_in("bulletin/a-2"), Some("a-2"));
        assert_eq!(plain.article_in("#a-2"), None);
        assert_eq!(plain.article_in("#other/a-2"), None);
        assert_eq!(plain.article_in("#bulletin/<x>"), None);
        assert_eq!(plain.article_in("#bulletin/2024-17/a-2"), None);
    }

    #[test]
    fn fragments_in_a_feed() {
        let place = |f| place_in_fragment(f, "bulletin");
        assert_eq!(
            place("#bulletin/2024-17/a-2"),
            Some(Place {
                issue: Some("2024-17"),
                article: Some("a-2")
            })
        );
        assert_eq!(place("#bulletin/2024-17").unwrap().issue, Some("2024-17"));
        assert_eq!(place("#bulletin/2024-17/<x>").unwrap().article, None);
        assert_eq!(place("#bulletin/2024-1x"), None);
        assert_eq!(place("#bulletin/"), None);
        let older = Anchor {
            ns: "bulletin".into(),
            issue: Some("2024-17".into()),
            newest: false,
        };
        assert_eq!(older.path(), "bulletin/2024-17");
        assert_eq!(older.article_in("#bulletin/2024-17/a-2"), Some("a-2"));
        assert_eq!(older.article_in("#bulletin/2024-18/a-2"), None);
        assert_eq!(older.article_in("#bulletin/a-2"), None);
        let newest = Anchor {
            issue: Some("2024-18".into()),
            newest: true,
            ..older
        };
        assert_eq!(newest.article_in("#bulletin/a-2"), Some("a-2"));
        assert_eq!(newest.article_in("#bulletin/2024-18/a-3"), Some("a-3"));
    }
}
