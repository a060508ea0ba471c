//! The router: the platform's rules for navigateTo, redirectTo, navigateBack, reLaunch and
//! switchTab, page URLs, and navigation failures worded as the platform words them.

/// The JS half of the router (their members of `wx`), loaded into the logic layer after the framework.
pub(crate) const SCRIPT: (&str, &str) = ("router.js", include_str!("router.js"));

use crate::{Simulator, MAX_PAGES};
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
    let route = if path.starts_with('/') || !path.starts_with('.') { path.trim_start_matches('/').to_string() } else { wxemu_package::resolve_path(from, path) };
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

impl Simulator {
    pub(crate) fn is_tab(&self, route: &str) -> bool {
        self.package.is_tab_page(route)
    }

    fn target(&self, api: &'static str, url: &str) -> Result<(String, Map<String, Value>), RouteError> {
        let (route, query) = parse_url(self.current_route().unwrap_or(""), url);
        if !self.package.pages.contains_key(&route) {
            return Err(RouteError::new(api, format!("page \"{route}\" is not found")));
        }
        Ok((route, query))
    }

    fn opened(&mut self, api: &'static str, route: &str, query: Map<String, Value>) -> Result<(), RouteError> {
        self.open(route, query).map_err(|d| RouteError::new(api, d.to_string()))
    }

    /// `wx.navigateTo`: opens a page on top of the current one (at most 10 pages).
    pub fn navigate_to(&mut self, url: &str) -> Result<(), RouteError> {
        let (route, query) = self.target("navigateTo", url)?;
        if self.is_tab(&route) {
            return Err(RouteError::new("navigateTo", "can not navigateTo a tabbar page"));
        }
        if self.stack.len() >= MAX_PAGES {
            return Err(RouteError::new("navigateTo", "webview count limit exceed"));
        }
        self.hide_top();
        self.opened("navigateTo", &route, query)
    }

    /// `wx.redirectTo`: replaces the current page.
    pub fn redirect_to(&mut self, url: &str) -> Result<(), RouteError> {
        let (route, query) = self.target("redirectTo", url)?;
        if self.is_tab(&route) {
            return Err(RouteError::new("redirectTo", "can not redirectTo a tabbar page"));
        }
        self.close_top();
        self.opened("redirectTo", &route, query)
    }

    /// `wx.navigateBack`: closes `delta` pages (at least one page stays).
    pub fn navigate_back(&mut self, delta: usize) -> Result<(), RouteError> {
        if self.stack.len() <= 1 {
            return Err(RouteError::new("navigateBack", "cannot navigate back at first page."));
        }
        let delta = delta.clamp(1, self.stack.len() - 1);
        for _ in 0..delta {
            self.close_top();
        }
        self.show_top();
        Ok(())
    }

    /// `wx.reLaunch`: closes every page (tab pages too) and opens `url`.
    pub fn re_launch(&mut self, url: &str) -> Result<(), RouteError> {
        let (route, query) = self.target("reLaunch", url)?;
        while !self.stack.is_empty() {
            self.close_top();
        }
        for page in std::mem::take(&mut self.parked_tabs) {
            self.stack.push(page);
            self.close_top();
        }
        self.opened("reLaunch", &route, query)
    }

    /// `wx.switchTab`: shows a tab page, closing every non-tab page; tab pages stay alive.
    pub fn switch_tab(&mut self, url: &str) -> Result<(), RouteError> {
        let (route, _) = self.target("switchTab", url)?;
        if !self.is_tab(&route) {
            return Err(RouteError::new("switchTab", "can not switch to no-tabBar page"));
        }
        if self.current_route() == Some(route.as_str()) && self.stack.len() == 1 {
            return Ok(());
        }
        while let Some(top) = self.stack.last() {
            if self.is_tab(&top.route) {
                self.hide_top();
                let page = self.stack.pop().expect("checked");
                self.parked_tabs.push(page);
                self.sync_stack();
            } else {
                self.close_top();
            }
        }
        match self.parked_tabs.iter().position(|p| p.route == route) {
            Some(i) => {
                let page = self.parked_tabs.remove(i);
                self.stack.push(page);
                self.sync_stack();
                self.show_top();
                Ok(())
            }
            None => self.opened("switchTab", &route, Map::new()),
        }
    }
}

impl Simulator {
    /// A router call (navigateTo, redirectTo, reLaunch, switchTab, navigateBack).
    pub(crate) fn route_api(&mut self, api: &str, call: u32, args: &Map<String, Value>) {
        let url = args.get("url").and_then(Value::as_str).unwrap_or_default().to_string();
        let delta = args.get("delta").and_then(Value::as_f64).map_or(1, |d| d.max(0.0) as u64);
        let channel = args.get("channel").and_then(Value::as_u64).unwrap_or(0) as u32;
        let done = match api {
            "navigateTo" => {
                self.opener_channel = channel;
                let done = self.navigate_to(&url);
                self.opener_channel = 0;
                done
            }
            "redirectTo" => self.redirect_to(&url),
            "reLaunch" => self.re_launch(&url),
            "switchTab" => self.switch_tab(&url),
            "navigateBack" => self.navigate_back(delta as usize),
            other => unreachable!("framework.js sends no `{other}` calls"),
        };
        let result = match done {
            Ok(()) if api == "navigateTo" => serde_json::json!({ "errMsg": "navigateTo:ok", "channel": channel }),
            Ok(()) => serde_json::json!({ "errMsg": format!("{api}:ok") }),
            Err(e) => serde_json::json!({ "errMsg": e.to_string() }),
        };
        self.app.api_result(call, result);
    }
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
