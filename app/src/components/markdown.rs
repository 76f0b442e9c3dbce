//! Tree texts on the page: `domain::markdown` blocks built into elements.
//!
//! Never `inner_html`: the blocks only ever become text nodes and a fixed set of
//! elements, so a tree text cannot inject markup. Links open in a new tab (the walk
//! must survive a click on a help link) and say so to screen readers.

use crate::i18n::{tr, use_i18n};
use domain::markdown::{Block, Inline};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Blocks of a text, in order.
#[component]
pub fn Markdown(blocks: Vec<Block>) -> impl IntoView {
    blocks.into_iter().map(block).collect_view()
}

fn block(block: Block) -> AnyView {
    match block {
        Block::Paragraph(content) => view! { <p>{inlines(content)}</p> }.into_any(),
        Block::List { ordered, items } => {
            let items = items
                .into_iter()
                .map(|item| view! { <li>{inlines(item)}</li> })
                .collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Code(code) => view! { <CodeBlock code /> }.into_any(),
    }
}

/// Running text: also used on its own for headings.
pub fn inlines(content: Vec<Inline>) -> Vec<AnyView> {
    content.into_iter().map(inline).collect()
}

fn inline(piece: Inline) -> AnyView {
    match piece {
        Inline::Text(text) => text.into_any(),
        Inline::Strong(content) => view! { <strong>{inlines(content)}</strong> }.into_any(),
        Inline::Emphasis(content) => view! { <em>{inlines(content)}</em> }.into_any(),
        Inline::Code(code) => view! { <code>{code}</code> }.into_any(),
        Inline::Link { href, label } => view! {
            <a href=href target="_blank" rel="noopener noreferrer">
                {inlines(label)}
                <span class="visually-hidden">" " {tr(|t| t.common.new_tab)}</span>
            </a>
        }
        .into_any(),
    }
}

/// How copying went, for the message next to the button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    Yes,
    /// No clipboard access (an `http:` address other than localhost, or refused):
    /// the text is selected instead, so Ctrl+C does the rest.
    Manually,
}

/// A command or setting to type: shown as is, with a copy button.
#[component]
fn CodeBlock(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(None::<Copied>);
    let text = StoredValue::new(code.clone());
    let code_ref = NodeRef::<leptos::html::Code>::new();
    let copy = move |_| {
        let text = text.get_value();
        leptos::task::spawn_local(async move {
            let outcome = if write_clipboard(&text).await {
                Copied::Yes
            } else {
                if let Some(element) = code_ref.get_untracked() {
                    select(element.unchecked_ref());
                }
                Copied::Manually
            };
            copied.set(Some(outcome));
        });
    };
    view! {
        <div class="code-block">
            <pre><code node_ref=code_ref>{code}</code></pre>
            <div class="code-actions">
                <button type="button" class="button button-small" on:click=copy>
                    {tr(|t| t.common.copy)}
                </button>
                <span class="code-copied" role="status">
                    {move || match copied.get() {
                        Some(Copied::Yes) => i18n.t().common.copied,
                        Some(Copied::Manually) => i18n.t().common.copy_manually,
                        None => "",
                    }}
                </span>
            </div>
        </div>
    }
}

/// Writes to the clipboard; false when the browser has no clipboard here or refuses.
pub(crate) async fn write_clipboard(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    // `navigator.clipboard` is missing outside secure contexts; calling into it then
    // would throw.
    if crate::browser::property(&navigator, "clipboard").is_none() {
        return false;
    }
    JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .is_ok()
}

fn select(node: &web_sys::Node) {
    if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        let _ = selection.select_all_children(node);
    }
}
