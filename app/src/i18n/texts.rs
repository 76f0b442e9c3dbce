//! The shape of the app's texts: one field per user-visible string, grouped by where it
//! shows. Placeholders in braces (`{n}`) are filled with [`super::fill`].

/// Every text of the app in one language.
#[derive(Debug)]
pub struct Texts {
    pub common: CommonTexts,
    pub landing: LandingTexts,
    pub walk: WalkTexts,
    pub field: FieldTexts,
    pub check: CheckTexts,
    pub status: super::status::StatusTexts,
    pub handoff: super::handoff::HandoffTexts,
}

/// The frame around every page, errors, the not-found page, and shared controls.
#[derive(Debug)]
pub struct CommonTexts {
    pub skip_link: &'static str,
    /// Under the product name in the page header.
    pub tagline: &'static str,
    /// Accessible name of the language switch.
    pub language: &'static str,
    pub retry: &'static str,
    /// The API cannot be reached at all (no network, server down).
    pub unreachable: &'static str,
    /// The API answered with an error.
    pub server_error: &'static str,
    /// Heading of a page whose data could not be loaded.
    pub load_failed_title: &'static str,
    /// Read out after a link that opens a new tab.
    pub new_tab: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    /// When the browser does not let the app write to the clipboard.
    pub copy_manually: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub go_home: &'static str,
}

/// The landing page: the list of trees.
#[derive(Debug)]
pub struct LandingTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub loading: &'static str,
    pub empty: &'static str,
    /// Heading of trees whose category the list does not name.
    pub other_topics: &'static str,
    /// Label of the search box above the topics.
    pub search_label: &'static str,
    /// Status while searching, one topic found.
    pub found_one: &'static str,
    /// Status while searching; `{n}` is the number of topics found.
    pub found_many: &'static str,
    /// Status and message when no topic matches.
    pub no_match: &'static str,
    pub no_match_hint: &'static str,
}

/// The walk page: one node per screen, the ends, and moving back.
#[derive(Debug)]
pub struct WalkTexts {
    pub loading: &'static str,
    pub unknown_tree_title: &'static str,
    pub unknown_tree_text: &'static str,
    pub all_topics: &'static str,
    pub back: &'static str,
    pub start_over: &'static str,
    /// Shown when the engine refuses a move (only possible with a broken tree).
    pub move_failed: &'static str,
    pub did_it_help: &'static str,
    pub helped_yes: &'static str,
    pub helped_no: &'static str,
    /// Headings for nodes whose text has no short first paragraph to use as one.
    pub heading_question: &'static str,
    pub heading_step: &'static str,
    pub heading_input: &'static str,
    pub heading_check: &'static str,
    pub heading_resolved: &'static str,
    pub heading_escalate: &'static str,
    /// Heading of the results of the automatic checks just run.
    pub findings: &'static str,
    pub required_note: &'static str,
    /// Read out for the required mark (`*`).
    pub required: &'static str,
    pub submit: &'static str,
    pub form_has_errors: &'static str,
    /// Label of the switch between a step's per-system instructions.
    pub os_label: &'static str,
    /// The switch's entry for the general instructions (a system without its own).
    pub os_general: &'static str,
    pub glad_title: &'static str,
    pub glad_text: &'static str,
    /// "Was this guide helpful?" under a solved end, with its two answers.
    pub rate_question: &'static str,
    pub rate_yes: &'static str,
    pub rate_no: &'static str,
    /// Shown (and read out) after either answer.
    pub rate_thanks: &'static str,
    pub handoff_title: &'static str,
    pub handoff_text: &'static str,
    /// Heading of the path summary at an escalation.
    pub handoff_summary: &'static str,
    pub summary_helped: &'static str,
    pub summary_not_helped: &'static str,
    /// A field left empty, in the path summary.
    pub summary_empty: &'static str,
    /// Above each step: `{n}` is the step's number, `{m}` the most steps that may follow.
    pub progress: &'static str,
    /// Heading of the answers so far, each a way back to its step.
    pub answers_title: &'static str,
    /// Read out before an entry of the answers so far (the entry returns there).
    pub answers_return: &'static str,
}

/// Inline messages for field values, one per `domain::tree::FieldError`.
#[derive(Debug)]
pub struct FieldTexts {
    pub required: &'static str,
    pub required_choice: &'static str,
    pub too_short: &'static str,
    pub too_long: &'static str,
    pub not_a_number: &'static str,
    pub below_min: &'static str,
    pub above_max: &'static str,
    pub not_an_option: &'static str,
    pub not_an_email: &'static str,
    pub not_a_phone: &'static str,
    pub not_a_date: &'static str,
    pub pattern_mismatch: &'static str,
}

/// Results of the automatic checks, in plain words.
#[derive(Debug)]
pub struct CheckTexts {
    pub running: &'static str,
    pub online: &'static str,
    pub offline: &'static str,
    pub rtt_fast: &'static str,
    pub rtt_slow: &'static str,
    pub rtt_unreachable: &'static str,
    pub reachable: &'static str,
    pub unreachable: &'static str,
    pub os: &'static str,
    pub os_other: &'static str,
    pub browser: &'static str,
    pub browser_other: &'static str,
    pub screen: &'static str,
    pub storage_available: &'static str,
    pub storage_blocked: &'static str,
    pub timezone_expected: &'static str,
    pub timezone_unexpected: &'static str,
    pub language_expected: &'static str,
    pub language_unexpected: &'static str,
}
