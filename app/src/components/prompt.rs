//! The text of a node on its screen: a heading, then the rest.
//!
//! Tree authors write a node's text as Markdown, not as "heading + body". The screen
//! still needs a heading (it takes the focus on every step, and it is what a screen
//! reader announces), so one is derived from the text by [`lead`]: a short first
//! paragraph, or its bold opening sentence, becomes the heading; a text without one
//! gets a heading that names the kind of screen ("Try this").

use super::markdown::{Markdown, inlines};
use crate::checks;
use crate::focus;
use crate::i18n::{Texts, tr, use_i18n};
use domain::Node;
use domain::markdown::{self, Block, Inline};
use domain::tree::Localized;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Longest first paragraph, in characters, that still reads as a heading: a question
/// is its own best heading even when long; an instruction that long reads better as
/// text under a short heading.
const QUESTION_MAX: usize = 160;
const HEADING_MAX: usize = 90;

/// The `id` of the step heading; answer groups are labelled by it.
pub const HEADING_ID: &str = "step-heading";

/// A node's text with its per-OS variants.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeText {
    text: Localized,
    variants: BTreeMap<String, Localized>,
}

impl NodeText {
    pub fn of(node: &Node) -> Option<NodeText> {
        node.prompt().map(|p| NodeText {
            text: p.text.clone(),
            variants: p.variants.clone(),
        })
    }

    /// The text for this language and OS family: the OS's variant where the tree has one.
    pub fn pick(&self, lang: &str, os: &str) -> &str {
        self.variants.get(os).unwrap_or(&self.text).get(lang)
    }

    /// The systems this text has its own instructions for, in the tree's order of
    /// families.
    fn systems(&self) -> Vec<&'static str> {
        domain::tree::OS_FAMILIES
            .iter()
            .copied()
            .filter(|f| self.variants.contains_key(*f))
            .collect()
    }
}

/// A text split into the heading of its screen and what follows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Lead {
    pub heading: Option<Vec<Inline>>,
    pub body: Vec<Block>,
}

/// Splits off the heading: a first paragraph that opens with a bold sentence
/// (`**Check the cable.** Then …`) gives that sentence; else a first paragraph of at
/// most `limit` characters is the heading; else there is none.
pub fn lead(mut blocks: Vec<Block>, limit: usize) -> Lead {
    let Some(Block::Paragraph(first)) = blocks.first() else {
        return Lead {
            heading: None,
            body: blocks,
        };
    };
    if let [Inline::Strong(bold), rest @ ..] = first.as_slice() {
        let sentence = plain(bold);
        if !rest.is_empty() && sentence.trim_end().ends_with(['.', '?', '!', ':']) {
            let heading = bold.clone();
            let mut rest = rest.to_vec();
            if let Some(Inline::Text(t)) = rest.first_mut() {
                *t = t.trim_start().to_owned();
            }
            blocks[0] = Block::Paragraph(rest);
            return Lead {
                heading: Some(heading),
                body: blocks,
            };
        }
    }
    if plain(first).chars().count() <= limit {
        let Block::Paragraph(first) = blocks.remove(0) else {
            unreachable!("checked above");
        };
        return Lead {
            heading: Some(first),
            body: blocks,
        };
    }
    Lead {
        heading: None,
        body: blocks,
    }
}

fn plain(content: &[Inline]) -> String {
    let mut out = String::new();
    for piece in content {
        match piece {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Strong(c) | Inline::Emphasis(c) => out.push_str(&plain(c)),
            Inline::Link { label, .. } => out.push_str(&plain(label)),
        }
    }
    out
}

/// A short plain-text summary of a node's text (its lead, or the start of its first
/// block), for the path summary.
pub fn summary(text: &str) -> String {
    let blocks = markdown::parse(text);
    let lead = lead(blocks.clone(), QUESTION_MAX);
    let full = match lead.heading {
        Some(h) => plain(&h),
        None => blocks
            .first()
            .map(|b| match b {
                Block::Paragraph(p) => plain(p),
                Block::List { items, .. } => items.first().map(|i| plain(i)).unwrap_or_default(),
                Block::Code(c) => c.clone(),
            })
            .unwrap_or_default(),
    };
    if full.chars().count() <= QUESTION_MAX {
        return full;
    }
    let cut: String = full.chars().take(QUESTION_MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

/// The heading and text of the node on screen. The heading takes the focus when the
/// screen appears (see [`focus`]).
#[component]
pub fn Prompt(
    text: NodeText,
    fallback: fn(&'static Texts) -> &'static str,
    /// A question may keep a longer first paragraph as its heading.
    #[prop(optional)]
    question: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let limit = if question { QUESTION_MAX } else { HEADING_MAX };
    let systems = text.systems();
    let parts = Memo::new(move |_| {
        let lang = i18n.lang();
        lead(
            markdown::parse(text.pick(lang.code(), checks::chosen_os())),
            limit,
        )
    });
    let heading = NodeRef::<leptos::html::H2>::new();
    focus::on_mount(heading);
    view! {
        <h2 id=HEADING_ID class="step-heading" tabindex="-1" data-testid="step-heading" node_ref=heading>
            {move || match parts.with(|p| p.heading.clone()) {
                Some(content) => inlines(content).into_any(),
                None => fallback(i18n.t()).into_any(),
            }}
        </h2>
        {(!systems.is_empty()).then(|| view! { <SystemSwitch systems /> })}
        <div class="prose">{move || view! { <Markdown blocks=parts.with(|p| p.body.clone()) /> }}</div>
    }
}

/// The switch between a step's instructions per system, set to the detected (or
/// earlier chosen) one; "other systems" shows the general text.
#[component]
fn SystemSwitch(systems: Vec<&'static str>) -> impl IntoView {
    let options = systems
        .iter()
        .copied()
        .map(|f| (f, checks::agent::os_name(f).unwrap_or(f)))
        .collect::<Vec<_>>();
    let shown = Memo::new(move |_| {
        let os = checks::chosen_os();
        if systems.contains(&os) {
            os
        } else {
            checks::agent::OS_FAMILY_OTHER
        }
    });
    let options = options
        .into_iter()
        .map(
            |(f, name)| view! { <option value=f selected=move || shown.get() == f>{name}</option> },
        )
        .collect_view();
    view! {
        <p class="system-switch">
            <label for="system-switch">{tr(|t| t.walk.os_label)}</label>
            " "
            <select
                id="system-switch"
                data-testid="system-switch"
                on:change=move |ev| checks::choose_os(&event_target_value(&ev))
            >
                {options}
                <option value=checks::agent::OS_FAMILY_OTHER selected=move || shown.get() == checks::agent::OS_FAMILY_OTHER>
                    {tr(|t| t.walk.os_general)}
                </option>
            </select>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading_of(text: &str) -> Option<String> {
        lead(markdown::parse(text), QUESTION_MAX)
            .heading
            .map(|h| plain(&h))
    }

    #[test]
    fn bold_opening_sentence_becomes_the_heading() {
        let l = lead(
            markdown::parse("**Check the cable.** Then reload the page."),
            HEADING_MAX,
        );
        assert_eq!(
            l.heading.map(|h| plain(&h)).as_deref(),
            Some("Check the cable.")
        );
        assert_eq!(
            l.body,
            vec![Block::Paragraph(vec![Inline::Text(
                "Then reload the page.".into()
            )])]
        );
    }

    #[test]
    fn short_first_paragraph_is_the_heading_long_one_is_not() {
        assert_eq!(
            heading_of("What happens when you print?").as_deref(),
            Some("What happens when you print?")
        );
        assert_eq!(
            heading_of("**The Wi-Fi password is not yours** – it is a key:").as_deref(),
            Some("The Wi-Fi password is not yours – it is a key:")
        );
        assert_eq!(heading_of(&"word ".repeat(40)), None);
        assert_eq!(heading_of("1. first\n2. second"), None);
    }

    #[test]
    fn summaries_are_cut_at_a_word() {
        let long = "word ".repeat(60);
        let s = summary(&long);
        assert!(s.ends_with(" …") && s.chars().count() <= QUESTION_MAX + 2);
    }
}
