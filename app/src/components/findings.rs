//! The results of automatic checks, in plain words.
//!
//! Check nodes pass by themselves, so their results are shown on the screen that
//! follows them ("What we checked"), in a live region that screen readers announce.
//! The same words appear in the path summary of an escalation: people see what is
//! passed on before it is sent.

use crate::checks::agent;
use crate::i18n::{Texts, fill, use_i18n};
use crate::walk::{LiveWalk, use_walk};
use domain::Node;
use domain::tree::CheckKind;
use domain::walk::Move;
use leptos::prelude::*;

/// One check's result, in words.
pub fn words(t: &Texts, node: &Node, outcome: &str, value: &str) -> String {
    let Node::Check { check, url, .. } = node else {
        return String::new();
    };
    let c = &t.check;
    match check {
        CheckKind::Online if outcome == "online" => c.online.into(),
        CheckKind::Online => c.offline.into(),
        CheckKind::Rtt => match outcome {
            "fast" => fill(c.rtt_fast, &[("ms", value)]),
            "slow" => fill(c.rtt_slow, &[("ms", value)]),
            _ => c.rtt_unreachable.into(),
        },
        CheckKind::Reach => {
            let host = url.as_deref().map(host).unwrap_or_default();
            let template = if outcome == "reachable" {
                c.reachable
            } else {
                c.unreachable
            };
            fill(template, &[("url", host)])
        }
        CheckKind::Os => match agent::os_name(outcome) {
            Some(name) => fill(c.os, &[("name", name)]),
            None => c.os_other.into(),
        },
        CheckKind::Browser => match agent::browser_name(outcome) {
            Some(name) => fill(c.browser, &[("name", name)]),
            None => c.browser_other.into(),
        },
        CheckKind::Screen => fill(c.screen, &[("n", value)]),
        CheckKind::Storage if outcome == "available" => c.storage_available.into(),
        CheckKind::Storage => c.storage_blocked.into(),
        CheckKind::Timezone => {
            let template = if outcome == "expected" {
                c.timezone_expected
            } else {
                c.timezone_unexpected
            };
            fill(template, &[("zone", value)])
        }
        CheckKind::Language => {
            let template = if outcome == "expected" {
                c.language_expected
            } else {
                c.language_unexpected
            };
            fill(template, &[("lang", value)])
        }
        CheckKind::Unknown(_) => String::new(),
    }
}

/// `https://intranet.example.org/path` → `intranet.example.org`: what people recognise.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// The words for the checks run since the last move a person made, oldest first.
fn recent(live: LiveWalk, t: &'static Texts) -> Vec<String> {
    live.with(|walk, catalog| {
        let start = walk
            .transcript
            .iter()
            .rposition(|s| !matches!(s.made, Move::Checked { .. }))
            .map_or(0, |i| i + 1);
        walk.transcript[start..]
            .iter()
            .filter_map(|step| {
                let Move::Checked { outcome, value } = &step.made else {
                    return None;
                };
                let node = catalog.tree(&step.tree)?.node(&step.node)?;
                Some(words(t, node, outcome, value))
            })
            .collect()
    })
}

/// The results of the checks that led to the current screen. The live region stays in
/// the page across steps, so that screen readers announce what appears in it.
#[component]
pub fn Findings() -> impl IntoView {
    let i18n = use_i18n();
    let live = use_walk();
    let found = move || recent(live, i18n.t());
    view! {
        <div class="findings-slot" role="status" aria-live="polite">
            {move || {
                let found = found();
                (!found.is_empty())
                    .then(|| {
                        view! {
                            <div class="findings" data-testid="findings">
                                // Not a heading: it stands above the step's heading.
                                <p class="findings-title">{i18n.t().walk.findings}</p>
                                <ul>{found.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn hosts() {
        assert_eq!(host("https://www.example.org/"), "www.example.org");
        assert_eq!(host("http://intranet:8080/x?y"), "intranet:8080");
    }
}
