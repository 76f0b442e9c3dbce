//! The automatic diagnostics of `check` nodes, run in the browser.
//!
//! Each check reports an outcome (one the engine accepts for its kind, see
//! `domain::tree::CheckKind::outcomes`) and a short value for support staff (the
//! milliseconds, the user agent, the time zone). The words shown to the user are made
//! from both in `components::findings`.

pub mod agent;
mod chosen_os;
mod device;
mod network;

pub use chosen_os::{choose_os, chosen_os};
pub use device::os_family;

use domain::tree::CheckKind;
use domain::walk::MAX_CHECK_VALUE;

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub outcome: String,
    pub value: String,
}

impl Finding {
    fn new(outcome: &str, value: &str) -> Finding {
        // The engine refuses longer values; a long user agent is cut, not lost.
        let value: String = value.chars().take(MAX_CHECK_VALUE).collect();
        Finding {
            outcome: outcome.to_owned(),
            value,
        }
    }
}

/// Runs a check. `url` is the address of `reach`, `expect` the expected values of
/// `timezone` and `language`.
pub async fn run(check: &CheckKind, url: Option<&str>, expect: &[String]) -> Finding {
    match check {
        CheckKind::Online => device::online(),
        CheckKind::Rtt => network::rtt().await,
        CheckKind::Reach => match url {
            Some(url) => network::reach(url).await,
            None => Finding::new("unreachable", ""),
        },
        CheckKind::Os => device::os(),
        CheckKind::Browser => device::browser(),
        CheckKind::Screen => device::screen(),
        CheckKind::Storage => device::storage(),
        CheckKind::Timezone => device::timezone(expect),
        CheckKind::Language => device::language(expect),
        // Validation rejects unknown checks; the engine refuses the empty outcome and
        // the walk shows its "cannot take this step" message.
        CheckKind::Unknown(_) => Finding::new("", ""),
    }
}
