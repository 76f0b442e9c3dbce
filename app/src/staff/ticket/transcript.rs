//! The walk as a readable transcript: each screen the user saw (the question, the step,
//! the form, the check), what they did there, and when; the node where the walk handed
//! off stands out at the end.
//!
//! Built from the walk's transcript and path as the server replayed them, read against
//! the trees at the versions the walk was made on ([`super::load`]), so the words are
//! the ones the user saw, in the language the staff member reads (the tree has both).

use super::findings::check_words;
use super::{clock, when};
use crate::components::prompt::summary;
use crate::i18n::fill;
use crate::staff::texts::now;
use crate::staff::texts::ticket::TicketTexts;
use domain::api::TicketDetail;
use domain::walk::{Move, Step};
use domain::{Catalog, Node};
use leptos::prelude::*;

/// What kind of screen a step was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Question,
    Step,
    Input,
    Check,
    /// The tree (version) could not be read: the node is known by id only.
    Unknown,
}

/// What the user did at a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    /// Picked this answer.
    Chose(String),
    /// Tried the step: it did not help (or did).
    Tried { helped: bool },
    /// Entered `value` in the field `label` (`None`: left empty).
    Entered {
        label: String,
        value: Option<String>,
    },
    /// An automatic check found this.
    Found(String),
}

/// One step of the walk.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub kind: Kind,
    /// The screen's title: the lead of the node's text, or the node id.
    pub title: String,
    pub node: String,
    pub done: Vec<Done>,
    /// When the move was made (the user's clock), ms since the epoch.
    pub at: u64,
    /// The title of the tree the walk continued in, on the first step after a jump.
    pub entered: Option<String>,
}

/// The steps of `detail`'s walk, read in `lang` from `catalog` (if it could be read).
pub fn entries(
    t: &TicketTexts,
    detail: &TicketDetail,
    catalog: Option<&Catalog>,
    lang: &str,
) -> Vec<Entry> {
    walk_entries(t, &detail.walk, catalog, lang)
}

/// The steps of `walk`, read in `lang` from `catalog` (also the agent console's
/// running transcript of a call).
pub fn walk_entries(
    t: &TicketTexts,
    walk: &domain::walk::Walk,
    catalog: Option<&Catalog>,
    lang: &str,
) -> Vec<Entry> {
    let mut tree = walk.tree.clone();
    walk.transcript
        .iter()
        .map(|step| {
            let entered = (step.tree != tree).then(|| {
                tree = step.tree.clone();
                catalog
                    .and_then(|c| c.tree(&step.tree))
                    .map_or_else(|| step.tree.clone(), |t| t.title.get(lang).to_owned())
            });
            let node = catalog.and_then(|c| c.tree(&step.tree)?.node(&step.node));
            Entry {
                kind: kind(node),
                title: title(node, lang).unwrap_or_else(|| step.node.clone()),
                node: format!("{}/{}", step.tree, step.node),
                done: done(t, step, node, lang),
                at: step.at,
                entered,
            }
        })
        .collect()
}

fn kind(node: Option<&Node>) -> Kind {
    match node {
        Some(Node::Question { .. }) => Kind::Question,
        Some(Node::Step { .. }) => Kind::Step,
        Some(Node::Input { .. }) => Kind::Input,
        Some(Node::Check { .. }) => Kind::Check,
        _ => Kind::Unknown,
    }
}

/// The lead of a node's text in `lang`, as the portal shows it as a heading.
pub fn title(node: Option<&Node>, lang: &str) -> Option<String> {
    let text = node?.prompt()?.text.get(lang);
    Some(summary(text)).filter(|s| !s.is_empty())
}

fn done(t: &TicketTexts, step: &Step, node: Option<&Node>, lang: &str) -> Vec<Done> {
    match (&step.made, node) {
        (Move::Answer { index }, Some(Node::Question { answers, .. })) => {
            let label = answers
                .get(*index)
                .map(|a| domain::markdown::plain_text(a.label.get(lang)));
            vec![Done::Chose(label.unwrap_or_else(|| {
                fill(t.answer_number, &[("n", &(index + 1).to_string())])
            }))]
        }
        (Move::Answer { index }, _) => vec![Done::Chose(fill(
            t.answer_number,
            &[("n", &(index + 1).to_string())],
        ))],
        (Move::Helped { helped }, _) => vec![Done::Tried { helped: *helped }],
        (Move::Values { values }, Some(Node::Input { fields, .. })) => fields
            .iter()
            .map(|field| {
                let raw = values.get(&field.name).map(|v| v.trim()).unwrap_or("");
                let value = field
                    .options
                    .iter()
                    .find(|o| o.value == raw)
                    .map_or(raw, |o| o.label.get(lang));
                Done::Entered {
                    label: field.label.get(lang).trim_end().to_owned(),
                    value: Some(value.to_owned()).filter(|v| !v.is_empty()),
                }
            })
            .collect(),
        (Move::Values { values }, _) => values
            .iter()
            .map(|(name, value)| Done::Entered {
                label: name.clone(),
                value: Some(value.clone()).filter(|v| !v.trim().is_empty()),
            })
            .collect(),
        (Move::Checked { outcome, value }, node) => {
            vec![Done::Found(check_words(t, node, outcome, value))]
        }
    }
}

/// Where the walk handed off: the escalate node's title, and its `tree/node`.
pub fn escalation(
    detail: &TicketDetail,
    catalog: Option<&Catalog>,
    lang: &str,
) -> (String, String) {
    let place = detail.walk.path.last();
    let id = place.map_or_else(
        || detail.item.escalated_at_node.clone(),
        |p| format!("{}/{}", p.tree, p.node),
    );
    let node = place.and_then(|p| catalog?.tree(&p.tree)?.node(&p.node));
    (title(node, lang).unwrap_or_else(|| id.clone()), id)
}

pub fn kind_label(t: &TicketTexts, kind: Kind) -> &'static str {
    match kind {
        Kind::Question => t.kind_question,
        Kind::Step => t.kind_step,
        Kind::Input => t.kind_input,
        Kind::Check => t.kind_check,
        Kind::Unknown => t.kind_unknown,
    }
}

pub fn done_view(t: &'static TicketTexts, done: Done) -> impl IntoView {
    match done {
        Done::Chose(label) => {
            view! { <li><span class="visually-hidden">{t.answer_given}" "</span>{label}</li> }
                .into_any()
        }
        Done::Tried { helped: false } => {
            view! { <li class="done-tried">{t.tried_not_helped}</li> }.into_any()
        }
        Done::Tried { helped: true } => view! { <li>{t.tried_helped}</li> }.into_any(),
        Done::Entered { label, value } => {
            let empty = value.is_none();
            view! {
                <li>
                    <span class="done-label">{label}</span>" "
                    <span class="done-value" class:done-empty=empty>{value.unwrap_or_else(|| t.value_empty.to_owned())}</span>
                </li>
            }
            .into_any()
        }
        Done::Found(words) => view! { <li>{words}</li> }.into_any(),
    }
}

/// The transcript section.
#[component]
pub fn Transcript(detail: TicketDetail, catalog: Option<std::sync::Arc<Catalog>>) -> impl IntoView {
    move || {
        let t = &now().ticket;
        let lang = t.lang;
        let catalog = catalog.as_deref();
        let steps = entries(t, &detail, catalog, lang);
        let (escalated, escalated_id) = escalation(&detail, catalog, lang);
        let started = detail
            .walk
            .transcript
            .first()
            .map(|s| s.at as i64)
            .unwrap_or(detail.item.created_at);
        let tree_title = catalog.and_then(|c| c.tree(&detail.walk.tree)).map_or_else(
            || detail.walk.tree.clone(),
            |tree| tree.title.get(lang).to_owned(),
        );
        let user_lang = match detail.language.as_str() {
            "de" => t.language_de,
            "en" => t.language_en,
            other => other,
        };
        let intro = fill(
            t.walk_intro,
            &[
                ("tree", &tree_title),
                ("when", &when(started)),
                ("lang", user_lang),
            ],
        );
        let own_language =
            (detail.language != lang).then(|| fill(t.walk_other_language, &[("lang", user_lang)]));
        // A call's notes, under the step where the agent wrote them (the last one
        // under the node where the walk handed off).
        let notes = detail
            .call
            .as_ref()
            .map(|c| c.notes.clone())
            .unwrap_or_default();
        let note = move |step: usize| {
            let texts: Vec<String> = notes
                .iter()
                .filter(|n| n.step == step)
                .map(|n| n.text.clone())
                .collect();
            (!texts.is_empty()).then(|| {
                let lines = texts.into_iter().map(|text| view! {
                    <p class="call-note-shown"><strong>{now().calls.call_notes}</strong>" "{text}</p>
                }).collect_view();
                view! { <div class="step-notes" data-testid="call-notes">{lines}</div> }
            })
        };
        let last = steps.len();
        let steps = steps
            .into_iter()
            .enumerate()
            .map(|(i, entry)| {
                let entered = entry.entered.map(|tree| {
                    view! { <li class="transcript-jump">{fill(t.walk_entered, &[("tree", &tree)])}</li> }
                });
                let done = entry.done.into_iter().map(|d| done_view(t, d)).collect_view();
                view! {
                    {entered}
                    <li class="transcript-step" data-node=entry.node>
                        <p class="step-meta">
                            <span class="step-kind">{kind_label(t, entry.kind)}</span>" "
                            <time class="step-time">{clock(entry.at as i64)}</time>
                        </p>
                        <p class="step-title">{entry.title}</p>
                        <ul class="step-done">{done}</ul>
                        {note(i)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <p class="walk-intro">{intro}" "{own_language}</p>
            {catalog.is_none().then(|| view! { <p class="notice notice-info">{t.trees_missing}</p> })}
            <ol class="transcript" data-testid="transcript">
                {steps}
                <li class="transcript-escalated" data-testid="escalated-at" data-node=escalated_id>
                    <p class="step-meta">
                        <span class="escalated-mark" aria-hidden="true">"⚑"</span>" "
                        <strong>{t.escalated_here}</strong>
                    </p>
                    <p class="step-title">{escalated}</p>
                    {note(last)}
                </li>
            </ol>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::texts::ticket::{DE, EN};
    use crate::staff::ticket::sample;

    #[test]
    fn each_step_reads_as_what_was_shown_and_what_the_user_did() {
        let (detail, catalog) = sample::printer_ticket();
        let steps = entries(&EN, &detail, Some(&catalog), "en");
        let kinds: Vec<Kind> = steps.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [Kind::Question, Kind::Question, Kind::Step, Kind::Input]
        );
        assert_eq!(steps[0].title, "What happens when you print?");
        assert_eq!(
            steps[0].done,
            [Done::Chose(
                "Paper jam or a message on the printer’s display".into()
            )]
        );
        assert_eq!(steps[2].title, "Clear the paper jam:");
        assert_eq!(steps[2].done, [Done::Tried { helped: false }]);
        assert_eq!(steps[3].at, 4_000);
        assert!(steps[3].done.contains(&Done::Entered {
            label: "Printer name".into(),
            value: Some("HP LaserJet 2.OG".into()),
        }));
        assert!(steps[3].done.contains(&Done::Entered {
            label: "Asset tag".into(),
            value: None,
        }));
        assert!(steps.iter().all(|s| s.entered.is_none()));
        // German texts come from the same tree version.
        let german = entries(&DE, &detail, Some(&catalog), "de");
        assert_eq!(german[0].title, "Was passiert, wenn Sie drucken?");
        assert_eq!(
            escalation(&detail, Some(&catalog), "en").1,
            "printer/escalate_single"
        );
    }

    #[test]
    fn without_the_trees_steps_are_named_by_id() {
        let (detail, _) = sample::printer_ticket();
        let steps = entries(&EN, &detail, None, "en");
        assert_eq!(steps[0].kind, Kind::Unknown);
        assert_eq!(steps[0].title, "start");
        assert_eq!(steps[0].done, [Done::Chose("answer 3".into())]);
        assert_eq!(
            escalation(&detail, None, "en"),
            (
                "printer/escalate_single".to_owned(),
                "printer/escalate_single".to_owned()
            )
        );
    }
}
