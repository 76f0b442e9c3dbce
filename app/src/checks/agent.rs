//! Operating system and browser, read from the user agent.
//!
//! Pure string work, so it is unit-tested natively; the browser calls live in
//! [`super::device`]. `navigator.userAgentData.platform` is preferred where the browser
//! has it (Chromium): the user-agent string of Chromium is frozen and less precise.

/// The family of a system that is none of `domain::tree::OS_FAMILIES`.
pub const OS_FAMILY_OTHER: &str = "other";

/// The OS family (one of `domain::tree::OS_FAMILIES`, or `other`).
///
/// `platform` is `userAgentData.platform` when present; `touch_points` tells an iPad
/// (which claims to be a Mac since iPadOS 13) from a Mac.
pub fn os_family(user_agent: &str, platform: Option<&str>, touch_points: i32) -> &'static str {
    if let Some(platform) = platform {
        let by_platform = match platform.to_ascii_lowercase().replace(' ', "").as_str() {
            "windows" => Some("windows"),
            "macos" => Some("macos"),
            "linux" => Some("linux"),
            "chromeos" | "chromiumos" => Some("chromeos"),
            "android" => Some("android"),
            "ios" => Some("ios"),
            _ => None,
        };
        if let Some(family) = by_platform {
            return family;
        }
    }
    let ua = user_agent;
    if ua.contains("Windows") {
        "windows"
    } else if ua.contains("Android") {
        // Before Linux: Android user agents name Linux too.
        "android"
    } else if ua.contains("CrOS") {
        "chromeos"
    } else if ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod") {
        "ios"
    } else if ua.contains("Macintosh") || ua.contains("Mac OS X") {
        if touch_points > 1 { "ios" } else { "macos" }
    } else if ua.contains("Linux") || ua.contains("X11") {
        "linux"
    } else {
        "other"
    }
}

/// The browser family: `chrome`, `edge`, `firefox`, `safari` or `other`.
pub fn browser_family(user_agent: &str) -> &'static str {
    let ua = user_agent;
    // Order matters: Edge and Opera name Chrome, and Chrome names Safari.
    if ua.contains("Edg/") || ua.contains("EdgA/") || ua.contains("EdgiOS/") {
        "edge"
    } else if ua.contains("OPR/") || ua.contains("SamsungBrowser/") {
        "other"
    } else if ua.contains("Firefox/") || ua.contains("FxiOS/") {
        "firefox"
    } else if ua.contains("Chrome/") || ua.contains("CriOS/") || ua.contains("Chromium/") {
        "chrome"
    } else if ua.contains("Safari/") {
        "safari"
    } else {
        "other"
    }
}

/// How an OS family is named to people.
pub fn os_name(family: &str) -> Option<&'static str> {
    Some(match family {
        "windows" => "Windows",
        "macos" => "macOS",
        "linux" => "Linux",
        "chromeos" => "ChromeOS",
        "android" => "Android",
        "ios" => "iOS / iPadOS",
        _ => return None,
    })
}

/// How a browser family is named to people.
pub fn browser_name(family: &str) -> Option<&'static str> {
    Some(match family {
        "chrome" => "Chrome",
        "edge" => "Microsoft Edge",
        "firefox" => "Firefox",
        "safari" => "Safari",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIN_EDGE: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 \
        (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0";
    const ANDROID_CHROME: &str = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 \
        (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36";
    const MAC_SAFARI: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) \
        AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15";
    const LINUX_FIREFOX: &str =
        "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0";
    const HEADLESS: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 \
        (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36";

    #[test]
    fn operating_systems() {
        assert_eq!(os_family(WIN_EDGE, None, 0), "windows");
        assert_eq!(os_family(ANDROID_CHROME, None, 5), "android");
        assert_eq!(os_family(MAC_SAFARI, None, 0), "macos");
        assert_eq!(
            os_family(MAC_SAFARI, None, 5),
            "ios",
            "an iPad asking for the desktop site"
        );
        assert_eq!(os_family(LINUX_FIREFOX, None, 0), "linux");
        assert_eq!(os_family(HEADLESS, Some("Linux"), 0), "linux");
        assert_eq!(os_family(HEADLESS, Some("Chrome OS"), 0), "chromeos");
        assert_eq!(os_family("curl/8", Some(""), 0), "other");
    }

    #[test]
    fn browsers() {
        assert_eq!(browser_family(WIN_EDGE), "edge");
        assert_eq!(browser_family(ANDROID_CHROME), "chrome");
        assert_eq!(browser_family(MAC_SAFARI), "safari");
        assert_eq!(browser_family(LINUX_FIREFOX), "firefox");
        assert_eq!(browser_family(HEADLESS), "chrome");
    }
}
