//! Where a key press landed, for the workspace's single-key shortcuts (the Queue's
//! j/k/c, the console's number keys): a shortcut must never fire while a person types
//! into a field, and the screens read that from the same place.

use wasm_bindgen::JsCast;

/// The element a key press was aimed at.
pub struct KeyTarget {
    /// Its tag name, lower case (`input`, `button`, ...; empty when there is none).
    pub tag: String,
    editable: bool,
    /// Whether it stands inside a `<dialog>`.
    pub in_dialog: bool,
}

impl KeyTarget {
    pub fn of(event: &web_sys::KeyboardEvent) -> KeyTarget {
        let target = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        KeyTarget {
            tag: target
                .as_ref()
                .map(|t| t.tag_name().to_ascii_lowercase())
                .unwrap_or_default(),
            editable: target
                .as_ref()
                .and_then(|t| t.dyn_ref::<web_sys::HtmlElement>())
                .is_some_and(|t| t.is_content_editable()),
            in_dialog: target
                .as_ref()
                .is_some_and(|t| t.closest("dialog").ok().flatten().is_some()),
        }
    }

    /// Whether the key goes into a field: a form control or editable text.
    pub fn typing(&self) -> bool {
        self.editable || matches!(self.tag.as_str(), "input" | "select" | "textarea")
    }
}
