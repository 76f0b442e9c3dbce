//! A draft's difference to the published version, in words: texts before and after,
//! options added, removed or pointed elsewhere, nodes added and removed.

use crate::i18n::fill;
use crate::staff::texts::{lang_code, now, st};
use domain::diff::{NodeChange, OptionRef, TreeDiff};
use domain::tree::Localized;
use leptos::prelude::*;

fn text(l: &Option<Localized>, lang: &str) -> String {
    l.as_ref()
        .map(|l| l.get(lang).to_owned())
        .unwrap_or_else(|| now().authoring.none.to_owned())
}

/// The language to show a changed text in: the reader's, unless only another language
/// changed (then that one, named, so "before" and "after" never read the same).
fn changed_language(old: &Option<Localized>, new: &Option<Localized>) -> Option<String> {
    let differs = |lang: &str| text(old, lang) != text(new, lang);
    if differs(lang_code()) {
        return None;
    }
    let keys = old.iter().chain(new.iter()).flat_map(|l| l.0.keys());
    keys.into_iter().find(|l| differs(l)).cloned()
}

/// Before and after, as a small description list (words, not colour, tell which).
fn change(name: String, old: String, new: String) -> impl IntoView {
    view! {
        <li>
            <span class="diff-part">{name}</span>
            <dl class="diff-change">
                <dt>{st(|t| t.authoring.before)}</dt>
                <dd><del>{old}</del></dd>
                <dt>{st(|t| t.authoring.after)}</dt>
                <dd><ins>{new}</ins></dd>
            </dl>
        </li>
    }
}

fn option_name(o: &OptionRef) -> String {
    match &o.label {
        Some(label) => fill(now().authoring.answer, &[("label", label.get(lang_code()))]),
        None => o.key.clone(),
    }
}

fn node(c: NodeChange) -> impl IntoView {
    let t = &now().authoring;
    let mut items: Vec<AnyView> = Vec::new();
    if let Some(k) = &c.kind {
        items.push(
            view! { <li>{fill(t.kind, &[("old", &k.old), ("new", &k.new)])}</li> }.into_any(),
        );
    }
    for p in &c.texts {
        let name = match p.part.as_str() {
            "text" => t.part_text.to_owned(),
            "script" => t.part_script.to_owned(),
            other => fill(
                t.part_variant,
                &[("os", other.trim_start_matches("variant "))],
            ),
        };
        let (name, lang) = match changed_language(&p.old, &p.new) {
            Some(other) => (format!("{name} ({other})"), other),
            None => (name, lang_code().to_owned()),
        };
        items.push(change(name, text(&p.old, &lang), text(&p.new, &lang)).into_any());
    }
    for o in &c.options_added {
        let words = fill(
            t.option_added,
            &[("option", &option_name(o)), ("target", &o.target)],
        );
        items.push(view! { <li>{words}</li> }.into_any());
    }
    for o in &c.options_removed {
        let words = fill(
            t.option_removed,
            &[("option", &option_name(o)), ("target", &o.target)],
        );
        items.push(view! { <li>{words}</li> }.into_any());
    }
    for r in &c.options_retargeted {
        let name = option_name(&OptionRef {
            key: r.key.clone(),
            label: r.label.clone(),
            target: r.new.clone(),
        });
        let words = fill(
            t.option_retargeted,
            &[("option", &name), ("old", &r.old), ("new", &r.new)],
        );
        items.push(view! { <li>{words}</li> }.into_any());
    }
    if !c.other.is_empty() {
        let words = fill(t.d_other, &[("parts", &c.other.join(", "))]);
        items.push(view! { <li>{words}</li> }.into_any());
    }
    view! {
        <li class="diff-node">
            <h4>{fill(t.node, &[("node", &c.node)])}</h4>
            <ul>{items}</ul>
        </li>
    }
}

#[component]
pub(super) fn DiffView(diff: TreeDiff) -> impl IntoView {
    let t = &now().authoring;
    if diff.new_tree {
        let nodes = fill(t.nodes_added, &[("nodes", &diff.nodes_added.join(", "))]);
        return view! {
            <div class="diff" data-testid="diff">
                <p>{t.diff_new}</p>
                <p>{nodes}</p>
            </div>
        }
        .into_any();
    }
    if diff.is_empty() {
        return view! { <div class="diff" data-testid="diff"><p>{t.diff_none}</p></div> }
            .into_any();
    }
    let mut tree: Vec<AnyView> = Vec::new();
    if let Some(c) = &diff.title {
        tree.push(
            change(
                t.d_title.to_owned(),
                c.old.get(lang_code()).to_owned(),
                c.new.get(lang_code()).to_owned(),
            )
            .into_any(),
        );
    }
    if let Some(c) = &diff.description {
        tree.push(
            change(
                t.d_description.to_owned(),
                c.old.get(lang_code()).to_owned(),
                c.new.get(lang_code()).to_owned(),
            )
            .into_any(),
        );
    }
    if let Some(c) = &diff.category {
        tree.push(change(t.d_category.to_owned(), c.old.clone(), c.new.clone()).into_any());
    }
    if let Some(c) = &diff.start {
        tree.push(change(t.d_start.to_owned(), c.old.clone(), c.new.clone()).into_any());
    }
    if !diff.other.is_empty() {
        let words = fill(t.d_other, &[("parts", &diff.other.join(", "))]);
        tree.push(view! { <li>{words}</li> }.into_any());
    }
    if !diff.nodes_added.is_empty() {
        let words = fill(t.nodes_added, &[("nodes", &diff.nodes_added.join(", "))]);
        tree.push(view! { <li>{words}</li> }.into_any());
    }
    if !diff.nodes_removed.is_empty() {
        let words = fill(
            t.nodes_removed,
            &[("nodes", &diff.nodes_removed.join(", "))],
        );
        tree.push(view! { <li>{words}</li> }.into_any());
    }
    let nodes = diff.nodes_changed.into_iter().map(node).collect_view();
    view! {
        <div class="diff" data-testid="diff">
            <ul class="diff-tree">{tree}</ul>
            <ul class="diff-nodes">{nodes}</ul>
        </div>
    }
    .into_any()
}
