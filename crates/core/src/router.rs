//! Page URLs and navigation failures, worded as the platform words them.

use serde_json::{Map, Value};
use std::fmt;

/// A navigation the platform refuses; prints as its `errMsg` (`navigateTo:fail …`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteError {
    pub api: &'static str,
    pub reason: String,
}

impl RouteError {
    pub fn new(api: &'static str, reason: impl Into<String>) -> Self {
        RouteError { api, reason: reason.into() }
    }
}

impl fmt::Display for RouteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:fail {}", self.api, self.reason)
    }
}

impl std::error::Error for RouteError {}

/// Splits `url` (`/pages/a/a?x=1`, `pages/a/a`, or relative `../b/b?y=2`, resolved from the
/// current page `from`) into a route and its query. Query values stay strings, undecoded,
/// as pages receive them in onLoad.
pub fn parse_url(from: &str, url: &str) -> (String, Map<String, Value>) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let route = if path.starts_with('/') || !path.starts_with('.') {
        path.trim_start_matches('/').to_string()
    } else {
        wxemu_package::resolve_path(from, path)
    };
    let query = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k.to_string(), Value::from(v))
        })
        .collect();
    (route, query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_route_and_string_query() {
        let (route, query) = parse_url("pages/a/a", "/pages/b/b?id=3&name=a%20b&flag");
        assert_eq!(route, "pages/b/b");
        assert_eq!(Value::Object(query), serde_json::json!({"id": "3", "name": "a%20b", "flag": ""}));
        assert_eq!(parse_url("pages/a/a", "../c/c").0, "pages/c/c");
        assert_eq!(parse_url("pages/a/a", "pages/d/d").0, "pages/d/d");
    }
}
