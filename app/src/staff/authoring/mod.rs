//! A tree's versions (`/staff/trees/{id}/versions`): the published one and the earlier
//! ones, uploading a new version as a draft, its preview walk and its difference to
//! the published version, and publishing it (admins). Specialists see the history and
//! open drafts (difference and preview) but neither upload nor publish.
//!
//! - [`history`]: the publications table and the open drafts.
//! - [`upload`]: file picker and text area, the problems of a refused upload.
//! - [`draft`]: one draft: who, the [`diff`], the [`preview`] walk, publish, discard.

mod diff;
mod draft;
mod history;
mod preview;
mod upload;

use super::api::{self, Failure};
use super::session;
use super::texts::{now, st};
use super::widgets::failure_words;
use crate::focus;
use crate::i18n::fill;
use domain::api::{Draft, Role, SourceProblem, TreeHistory};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the screen shows. Async continuations use `try_set`: the screen may be gone
/// when an answer arrives.
#[derive(Debug, Clone, Copy)]
struct Versions {
    tree: StoredValue<String>,
    /// `None`: nothing published and no drafts (a new tree id).
    history: RwSignal<Option<TreeHistory>>,
    loaded: RwSignal<bool>,
    failed: RwSignal<Option<String>>,
    draft: RwSignal<Option<Draft>>,
    /// The outcome of the last action, for the live region.
    notice: RwSignal<Option<String>>,
}

impl Versions {
    fn new(tree: String) -> Versions {
        Versions {
            tree: StoredValue::new(tree),
            history: RwSignal::new(None),
            loaded: RwSignal::new(false),
            failed: RwSignal::new(None),
            draft: RwSignal::new(None),
            notice: RwSignal::new(None),
        }
    }

    fn reload(self) {
        let path = format!("/trees/{}/history", self.tree.get_value());
        spawn_local(async move {
            match api::get::<TreeHistory>(&path).await {
                Ok(history) => {
                    self.history.try_set(Some(history));
                    self.failed.try_set(None);
                }
                Err(Failure::Api { status: 404, .. }) => {
                    self.history.try_set(None);
                    self.failed.try_set(None);
                }
                Err(e) => {
                    self.failed.try_set(Some(failure_words(&e)));
                }
            }
            self.loaded.try_set(true);
        });
    }

    fn open_draft(self, id: i64) {
        spawn_local(async move {
            match api::get::<Draft>(&format!("/tree-drafts/{id}")).await {
                Ok(draft) => {
                    self.draft.try_set(Some(draft));
                }
                Err(e) => {
                    self.notice.try_set(Some(failure_words(&e)));
                }
            }
        });
    }
}

/// The words for one problem of an upload, naming its node (or line) and rule.
fn problem_words(p: &SourceProblem) -> String {
    let t = &now().authoring;
    let place = match (&p.node, p.line) {
        (Some(node), _) => fill(t.problem_node, &[("node", node)]),
        (None, Some(line)) => fill(t.problem_line, &[("line", &line.to_string())]),
        (None, None) => t.problem_tree.to_owned(),
    };
    let rule = fill(t.problem_rule, &[("rule", &p.rule)]);
    format!("{place} ({rule}): {}", p.message)
}

fn is_admin() -> bool {
    session::role() == Some(Role::Admin)
}

#[component]
pub fn VersionsScreen(id: String) -> impl IntoView {
    let data = Versions::new(id.clone());
    data.reload();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    let title = move || fill(now().authoring.title, &[("tree", &data.tree.get_value())]);
    Effect::new(move |_| crate::browser::set_title(&title()));
    let failed = move || {
        data.failed.get().map(|message| {
            view! {
                <div class="notice notice-error" role="alert">
                    <p>{message}</p>
                    <button type="button" class="button button-small" on:click=move |_| data.reload()>
                        {st(|t| t.common.retry)}
                    </button>
                </div>
            }
        })
    };
    view! {
        <div class="staff-screen versions-screen">
            <h1 tabindex="-1" node_ref=heading>{title}</h1>
            <p class="status">{st(|t| t.authoring.intro)}</p>
            <p class="versions-notice" role="status" aria-live="polite" data-testid="versions-notice">
                {move || data.notice.get()}
            </p>
            {failed}
            <Show when=move || data.loaded.get() fallback=|| view! { <p role="status">{st(|t| t.common.loading)}</p> }>
                <history::History data />
                <Show when=is_admin>
                    <upload::Upload data />
                </Show>
                {move || data.draft.get().map(|d| view! { <draft::DraftView data draft=d /> })}
            </Show>
        </div>
    }
}
