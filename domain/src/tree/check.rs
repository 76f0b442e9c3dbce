//! Automatic browser diagnostics a `check` node can run, and the outcomes of each.
//!
//! The browser runs the check and reports an outcome and a value; the engine only
//! accepts outcomes listed here, so a tree can be validated for dead ends without
//! running anything.

use serde::{Deserialize, Serialize};

/// Operating system families, used by `os` checks and by text variants.
pub const OS_FAMILIES: &[&str] = &["windows", "macos", "linux", "chromeos", "android", "ios"];

/// A diagnostic the browser can run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum CheckKind {
    /// `navigator.onLine`: `online` or `offline`.
    Online,
    /// Round-trip time to the Lotse server: `fast` (under 300 ms), `slow` or `unreachable`;
    /// the value is the time in milliseconds.
    Rtt,
    /// Whether the node's `url` answers: `reachable` or `unreachable`.
    Reach,
    /// Operating system family: one of [`OS_FAMILIES`] or `other`.
    Os,
    /// Browser: `chrome`, `edge`, `firefox`, `safari` or `other`.
    Browser,
    /// Screen width: `small` (under 600 px), `medium` (under 1200 px) or `large`.
    Screen,
    /// Whether cookies and local storage work: `available` or `blocked`.
    Storage,
    /// IANA time zone: `expected` when it is one of the node's `expect` values, else `unexpected`.
    Timezone,
    /// Browser language: `expected` when its primary tag is in `expect`, else `unexpected`.
    Language,
    /// A name no version of Lotse knows; validation reports it.
    Unknown(String),
}

impl CheckKind {
    /// Every known check, for messages and documentation.
    pub const ALL: [CheckKind; 9] = [
        CheckKind::Online,
        CheckKind::Rtt,
        CheckKind::Reach,
        CheckKind::Os,
        CheckKind::Browser,
        CheckKind::Screen,
        CheckKind::Storage,
        CheckKind::Timezone,
        CheckKind::Language,
    ];

    /// The name used in tree files.
    pub fn name(&self) -> &str {
        match self {
            CheckKind::Online => "online",
            CheckKind::Rtt => "rtt",
            CheckKind::Reach => "reach",
            CheckKind::Os => "os",
            CheckKind::Browser => "browser",
            CheckKind::Screen => "screen",
            CheckKind::Storage => "storage",
            CheckKind::Timezone => "timezone",
            CheckKind::Language => "language",
            CheckKind::Unknown(name) => name,
        }
    }

    /// Every outcome this check can report.
    pub fn outcomes(&self) -> &'static [&'static str] {
        match self {
            CheckKind::Online => &["online", "offline"],
            CheckKind::Rtt => &["fast", "slow", "unreachable"],
            CheckKind::Reach => &["reachable", "unreachable"],
            CheckKind::Os => &[
                "windows", "macos", "linux", "chromeos", "android", "ios", "other",
            ],
            CheckKind::Browser => &["chrome", "edge", "firefox", "safari", "other"],
            CheckKind::Screen => &["small", "medium", "large"],
            CheckKind::Storage => &["available", "blocked"],
            CheckKind::Timezone | CheckKind::Language => &["expected", "unexpected"],
            CheckKind::Unknown(_) => &[],
        }
    }
}

impl From<String> for CheckKind {
    fn from(name: String) -> Self {
        CheckKind::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .unwrap_or(CheckKind::Unknown(name))
    }
}

impl From<CheckKind> for String {
    fn from(kind: CheckKind) -> Self {
        kind.name().to_owned()
    }
}
