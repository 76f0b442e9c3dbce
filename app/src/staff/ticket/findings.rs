//! Automatic results in staff's words: what a `check` node found in the user's
//! browser, and the names of the browser details sent with a hand-off.
//!
//! The portal tells the user "Your device is connected to a network"; a specialist
//! reads a list of results ("Online: connected to a network"), so the words are the
//! workspace's own, with the raw value where it says more.

use crate::checks::agent;
use crate::i18n::fill;
use crate::staff::texts::ticket::TicketTexts;
use domain::Node;
use domain::tree::CheckKind;

/// One check's result in words.
pub fn check_words(t: &TicketTexts, node: Option<&Node>, outcome: &str, value: &str) -> String {
    let Some(Node::Check { check, url, .. }) = node else {
        return raw(outcome, value);
    };
    match check {
        CheckKind::Online if outcome == "online" => t.check_online.into(),
        CheckKind::Online => t.check_offline.into(),
        CheckKind::Rtt => match outcome {
            "fast" => fill(t.check_rtt_fast, &[("ms", value)]),
            "slow" => fill(t.check_rtt_slow, &[("ms", value)]),
            _ => t.check_rtt_none.into(),
        },
        CheckKind::Reach => {
            let host = url.as_deref().map(host).unwrap_or_default();
            let template = if outcome == "reachable" {
                t.check_reachable
            } else {
                t.check_unreachable
            };
            fill(template, &[("host", host)])
        }
        CheckKind::Os => match agent::os_name(outcome) {
            Some(name) => fill(t.check_os, &[("name", name)]),
            None => t.check_os_other.into(),
        },
        CheckKind::Browser => match agent::browser_name(outcome) {
            Some(name) => fill(t.check_browser, &[("name", name)]),
            None => t.check_browser_other.into(),
        },
        CheckKind::Screen => fill(t.check_screen, &[("n", value)]),
        CheckKind::Storage if outcome == "available" => t.check_storage.into(),
        CheckKind::Storage => t.check_storage_blocked.into(),
        CheckKind::Timezone => {
            let template = if outcome == "expected" {
                t.check_zone
            } else {
                t.check_zone_unexpected
            };
            fill(template, &[("zone", value)])
        }
        CheckKind::Language => {
            let template = if outcome == "expected" {
                t.check_language
            } else {
                t.check_language_unexpected
            };
            fill(template, &[("lang", value)])
        }
        CheckKind::Unknown(_) => raw(outcome, value),
    }
}

/// A result no words are known for: as recorded.
fn raw(outcome: &str, value: &str) -> String {
    if value.is_empty() {
        outcome.to_owned()
    } else {
        format!("{outcome}: {value}")
    }
}

/// `https://intranet.example.org/path` → `intranet.example.org`.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// The label of a browser detail the hand-off form sends (`browser.user_agent`), or
/// `None` for a name this version does not know (shown as it is).
pub fn detail_label(t: &TicketTexts, name: &str) -> Option<&'static str> {
    Some(match name {
        "browser.user_agent" => t.detail_user_agent,
        "browser.languages" => t.detail_languages,
        "browser.online" => t.detail_online,
        "browser.cookies" => t.detail_cookies,
        "browser.time_zone" => t.detail_time_zone,
        "screen.size" => t.detail_screen,
        "window.size" => t.detail_window,
        "device.os" => t.detail_os,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::texts::ticket::EN;
    use domain::tree::Localized;

    fn check(kind: &str, url: Option<&str>) -> Node {
        Node::Check {
            text: Localized::default(),
            script: None,
            variants: Default::default(),
            check: CheckKind::from(kind.to_owned()),
            url: url.map(str::to_owned),
            expect: Vec::new(),
            fact: None,
            outcomes: Default::default(),
            otherwise: Some("next".into()),
        }
    }

    #[test]
    fn results_read_as_findings() {
        assert_eq!(
            check_words(&EN, Some(&check("rtt", None)), "slow", "870"),
            "Lotse answered slowly (870 ms)"
        );
        assert_eq!(
            check_words(
                &EN,
                Some(&check("reach", Some("https://intranet.example.org/x"))),
                "unreachable",
                ""
            ),
            "intranet.example.org not reachable"
        );
        assert_eq!(
            check_words(&EN, Some(&check("os", None)), "windows", "windows"),
            "Operating system: Windows"
        );
        assert_eq!(check_words(&EN, None, "fast", "85"), "fast: 85");
    }

    #[test]
    fn known_details_have_labels() {
        assert_eq!(detail_label(&EN, "device.os"), Some("Operating system"));
        assert_eq!(detail_label(&EN, "something.else"), None);
    }
}
