//! Browser details offered with a hand-off: what support staff ask first on the phone
//! ("which browser?", "how large is your screen?").
//!
//! They go with the case only if the person agrees (the consent box on the hand-off
//! form); the form lists every name and value before anything is sent. Names follow
//! the API's rule (`a-z 0-9 _ . -`), values are cut to its 500 characters.

use crate::browser;
use wasm_bindgen::JsValue;

/// Longest value the API takes.
const MAX_VALUE: usize = 500;

/// The details, name to value, in a stable order.
pub fn collect() -> Vec<(String, String)> {
    let mut out: Vec<(&str, String)> = Vec::new();
    if let Some(window) = web_sys::window() {
        let navigator = window.navigator();
        if let Ok(agent) = navigator.user_agent() {
            out.push(("browser.user_agent", agent));
        }
        let languages: Vec<String> = browser::languages();
        if !languages.is_empty() {
            out.push(("browser.languages", languages.join(", ")));
        }
        out.push((
            "browser.online",
            if navigator.on_line() { "yes" } else { "no" }.into(),
        ));
        if let Some(cookies) =
            browser::property(&navigator, "cookieEnabled").and_then(|v| v.as_bool())
        {
            out.push(("browser.cookies", if cookies { "yes" } else { "no" }.into()));
        }
        let options =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
                .resolved_options();
        if let Some(zone) =
            browser::property(&JsValue::from(options), "timeZone").and_then(|z| z.as_string())
        {
            out.push(("browser.time_zone", zone));
        }
        if let Ok(screen) = window.screen()
            && let (Ok(w), Ok(h)) = (screen.width(), screen.height())
        {
            out.push(("screen.size", format!("{w} x {h}")));
        }
        let size = |v: Result<JsValue, JsValue>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        let (w, h) = (size(window.inner_width()), size(window.inner_height()));
        out.push((
            "window.size",
            format!("{} x {}", w.round() as u32, h.round() as u32),
        ));
        out.push(("device.os", crate::checks::os_family().to_owned()));
    }
    out.into_iter()
        .map(|(name, value)| (name.to_owned(), value.chars().take(MAX_VALUE).collect()))
        .collect()
}
