//! Which stylesheets style the current page in which scope (app.wxss and the page's, one
//! scope per custom component with its isolation, external classes and virtual host), each
//! loaded once per screen with its @font-face fonts.

use crate::draw::Screen;
use crate::Simulator;
use serde_json::Value as Json;
use std::collections::HashMap;
use std::rc::Rc;
use wxemu_view::styled::PageStyles;
use wxemu_wxss::{Isolation, Sheet};

/// How a custom component's elements are styled (see [`Simulator::component_styling`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentStyling {
    /// The component's path from the package root, without extension.
    pub path: String,
    pub isolation: Isolation,
    /// The class names its owner may pass (`externalClasses`).
    pub external_classes: Vec<String>,
    /// `options.virtualHost`: its host element has no box.
    pub virtual_host: bool,
}

impl Simulator {
    /// The current page's sheets: app.wxss and the page's in scope 0, one scope per component.
    pub(crate) fn page_styles(&mut self, screen: &mut Screen) -> PageStyles {
        let mut styles = PageStyles { isolation: vec![Isolation::Isolated], ..PageStyles::default() };
        let Some(page) = self.stack.last() else { return styles };
        let mut files = vec![(0, "app.wxss".to_string())];
        files.push((0, format!("{}.wxss", page.route)));
        let mut components: Vec<(u32, String)> = page.components.values().map(|c| (c.id, c.path.clone())).collect();
        components.sort();
        let mut scope_of_path: HashMap<String, u32> = HashMap::new();
        for (id, path) in components {
            let component = self.styling(id, path);
            let next = styles.isolation.len() as u32;
            let scope = *scope_of_path.entry(component.path.clone()).or_insert(next);
            if scope == next {
                styles.isolation.push(component.isolation);
                files.push((scope, format!("{}.wxss", component.path)));
            }
            styles.scopes.insert(id, scope);
            if !component.external_classes.is_empty() {
                styles.external_classes.insert(id, component.external_classes);
            }
            if component.virtual_host {
                styles.virtual_hosts.insert(id);
            }
        }
        for (scope, file) in files {
            if let Some(sheet) = self.sheet(screen, &file) {
                styles.sheets.push((scope, sheet));
            }
        }
        styles
    }

    /// How a component instance of the current page is styled: its path, `styleIsolation`
    /// (from its .json, or its options; `addGlobalClass: true` is apply-shared),
    /// `externalClasses` and `virtualHost`. None for the page itself or an unknown id.
    pub fn component_styling(&mut self, id: u32) -> Option<ComponentStyling> {
        let path = self.stack.last()?.components.values().find(|c| c.id == id)?.path.clone();
        Some(self.styling(id, path))
    }

    /// How instance `id` of the component at `path` is styled.
    fn styling(&mut self, id: u32, path: String) -> ComponentStyling {
        let options = self.app.component_options(id);
        let from_json = self.package.components.get(&path).and_then(|u| u.config.style_isolation.clone());
        let named = options.get("styleIsolation").and_then(Json::as_str).map(str::to_string).or(from_json);
        let isolation = match named.as_deref() {
            Some("apply-shared") => Isolation::ApplyShared,
            Some("shared") => Isolation::Shared,
            _ if options.get("addGlobalClass").and_then(Json::as_bool) == Some(true) => Isolation::ApplyShared,
            _ => Isolation::Isolated,
        };
        let external_classes = self.app.external_classes(id);
        let virtual_host = options.get("virtualHost").and_then(Json::as_bool) == Some(true);
        ComponentStyling { path, isolation, external_classes, virtual_host }
    }

    /// A stylesheet, loaded once per screen; its problems join the diagnostics.
    fn sheet(&mut self, screen: &mut Screen, file: &str) -> Option<Rc<Sheet>> {
        if let Some(sheet) = screen.sheets.get(file) {
            return Some(sheet.clone());
        }
        // A sheet that is not there is no sheet; one that cannot be read is reported.
        let first = self.styles.read(file);
        if first == Err(wxemu_package::FileError::Missing) {
            return None;
        }
        let sheet = Rc::new(wxemu_wxss::load(file, &self.styling_device(), &|path| if path == file { first.clone() } else { self.styles.read(path) }));
        self.diagnostics.extend(sheet.diagnostics.iter().cloned());
        for face in &sheet.font_faces {
            self.load_font_face(screen, face);
        }
        screen.sheets.insert(file.to_string(), sheet.clone());
        Some(sheet)
    }
}
