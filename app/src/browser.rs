//! What the app asks of the browser outside the DOM it renders: storage, preferred
//! languages, the document's language and title, the clock.
//!
//! Every call here tolerates a browser that says no (storage blocked in private mode,
//! an API missing in an old browser): the app then simply forgets more, it never fails.

use wasm_bindgen::{JsCast, JsValue};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn local() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

/// A value remembered across visits.
pub fn local_get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

pub fn local_set(key: &str, value: &str) {
    if let Some(storage) = local() {
        let _ = storage.set_item(key, value);
    }
}

/// As [`local_set`], saying whether the browser kept the value (it refuses when
/// storage is blocked or full).
pub fn local_try_set(key: &str, value: &str) -> bool {
    local().is_some_and(|storage| storage.set_item(key, value).is_ok())
}

pub fn local_remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

fn session() -> Option<web_sys::Storage> {
    window()?.session_storage().ok().flatten()
}

/// A value remembered while the tab stays open.
pub fn session_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

pub fn session_set(key: &str, value: &str) {
    if let Some(storage) = session() {
        let _ = storage.set_item(key, value);
    }
}

pub fn session_remove(key: &str) {
    if let Some(storage) = session() {
        let _ = storage.remove_item(key);
    }
}

/// The keys of every value remembered across visits.
pub fn local_keys() -> Vec<String> {
    let Some(storage) = local() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect()
}

/// `navigator.languages`, falling back to `navigator.language`.
pub fn languages() -> Vec<String> {
    let Some(navigator) = window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

/// Sets `<html lang>`.
pub fn set_document_lang(code: &str) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", code);
    }
}

/// Sets the tab's title: "`page` – Lotse", or just "Lotse".
pub fn set_title(page: &str) {
    if let Some(document) = window().and_then(|w| w.document()) {
        if page.is_empty() {
            document.set_title("Lotse");
        } else {
            document.set_title(&format!("{page} – Lotse"));
        }
    }
}

/// Removes the page template's start-up notice (`id="boot"`, "Lotse is loading"), if
/// it has one: once the app runs, it shows its own status.
pub fn remove_boot_notice() {
    if let Some(notice) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        notice.remove();
    }
}

/// Whether `value` matches a field's `pattern` as a whole, by the browser's `RegExp`
/// (with the `u` flag, so classes and counts work on characters, as in regex-lite).
/// The app ships no regex engine of its own; for the patterns trees use (classes,
/// counts, alternatives, groups) both engines agree, and the server, which checks with
/// regex-lite, has the last word. A pattern `RegExp` refuses matches nothing.
pub fn pattern_matches(pattern: &str, value: &str) -> bool {
    let whole = "^(?:".to_owned() + pattern + ")$";
    // `new RegExp` throws on a bad pattern; `Reflect.construct` turns that into an `Err`.
    let made = property(&js_sys::global(), "RegExp").map(|regexp| {
        js_sys::Reflect::construct(
            regexp.unchecked_ref::<js_sys::Function>(),
            &js_sys::Array::of2(&JsValue::from_str(&whole), &JsValue::from_str("u")),
        )
    });
    match made {
        Some(Ok(re)) => re.unchecked_into::<js_sys::RegExp>().test(value),
        _ => false,
    }
}

/// Milliseconds since the Unix epoch, for the timestamps of moves.
pub fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// Whether the browser believes it has a network connection (`navigator.onLine`): a
/// `false` is reliable, a `true` only means "some network".
pub fn online() -> bool {
    window().is_none_or(|w| w.navigator().on_line())
}

/// 16 bytes from `crypto.getRandomValues`. Where a browser has no Web Crypto (none
/// that runs this app), the clock and `Math.random` stand in: the bytes only need to
/// differ between hand-offs, not to be secret.
pub fn random_16() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let filled = window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        let now = js_sys::Date::now() as u64;
        for (i, b) in bytes.iter_mut().enumerate() {
            let noise = (js_sys::Math::random() * 256.0) as u64;
            *b = ((now >> ((i % 8) * 8)) ^ noise) as u8;
        }
    }
    bytes
}

/// A property of a JavaScript object that web-sys has no binding for (or only an
/// unstable one), read without throwing.
pub fn property(target: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}
