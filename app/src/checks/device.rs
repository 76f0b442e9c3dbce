//! Checks that only ask the browser about itself: connection flag, OS, browser, screen,
//! storage, time zone and language. They answer at once.

use super::Finding;
use super::agent;
use crate::browser;
use wasm_bindgen::JsValue;

fn navigator() -> Option<web_sys::Navigator> {
    web_sys::window().map(|w| w.navigator())
}

pub fn online() -> Finding {
    let online = navigator().is_none_or(|n| n.on_line());
    let outcome = if online { "online" } else { "offline" };
    Finding::new(outcome, outcome)
}

/// The user agent (what support staff recognise) and, in Chromium, the platform it
/// reports separately.
fn agent() -> (String, Option<String>, i32) {
    let Some(navigator) = navigator() else {
        return (String::new(), None, 0);
    };
    let user_agent = navigator.user_agent().unwrap_or_default();
    let platform = browser::property(&navigator, "userAgentData")
        .and_then(|data| browser::property(&data, "platform"))
        .and_then(|p| p.as_string());
    (user_agent, platform, navigator.max_touch_points())
}

/// The detected OS family; also picks the text variant of a node.
pub fn os_family() -> &'static str {
    let (user_agent, platform, touch) = agent();
    agent::os_family(&user_agent, platform.as_deref(), touch)
}

pub fn os() -> Finding {
    let (user_agent, platform, touch) = agent();
    let family = agent::os_family(&user_agent, platform.as_deref(), touch);
    let value = match platform {
        Some(p) if !p.is_empty() => format!("{p}; {user_agent}"),
        _ => user_agent,
    };
    Finding::new(family, &value)
}

pub fn browser() -> Finding {
    let (user_agent, _, _) = agent();
    Finding::new(agent::browser_family(&user_agent), &user_agent)
}

/// The screen's width in CSS pixels (not the window's: a narrow window on a wide screen
/// is not a phone).
pub fn screen() -> Finding {
    let width = web_sys::window()
        .and_then(|w| w.screen().ok())
        .and_then(|s| s.width().ok())
        .unwrap_or(0);
    let outcome = match width {
        w if w < 600 => "small",
        w if w < 1200 => "medium",
        _ => "large",
    };
    Finding::new(outcome, &width.to_string())
}

/// Local storage must accept a write and cookies must be on.
pub fn storage() -> Finding {
    const PROBE: &str = "lotse.probe";
    let local = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|s| {
            let ok = s.set_item(PROBE, "1").is_ok();
            let _ = s.remove_item(PROBE);
            ok
        });
    // `cookieEnabled` has no web-sys binding.
    let cookies = navigator()
        .and_then(|n| browser::property(&n, "cookieEnabled"))
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let outcome = if local && cookies {
        "available"
    } else {
        "blocked"
    };
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let value = format!(
        "local storage: {}; cookies: {}",
        yes_no(local),
        yes_no(cookies)
    );
    Finding::new(outcome, &value)
}

pub fn timezone(expect: &[String]) -> Finding {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    let zone = browser::property(&JsValue::from(options), "timeZone")
        .and_then(|z| z.as_string())
        .unwrap_or_default();
    let outcome = if expect.iter().any(|e| e == &zone) {
        "expected"
    } else {
        "unexpected"
    };
    Finding::new(outcome, &zone)
}

/// The browser's first language; `expect` holds primary tags (`de`) or full ones (`de-AT`).
pub fn language(expect: &[String]) -> Finding {
    let language = navigator().and_then(|n| n.language()).unwrap_or_default();
    let primary = language.split('-').next().unwrap_or("");
    let outcome = if expect
        .iter()
        .any(|e| e.eq_ignore_ascii_case(primary) || e.eq_ignore_ascii_case(&language))
    {
        "expected"
    } else {
        "unexpected"
    };
    Finding::new(outcome, &language)
}
