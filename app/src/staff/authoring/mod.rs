//! A tree's versions (`/staff/trees/{id}/versions`): the published one and the earlier
//! ones, uploading a new version as a draft, its preview walk and its difference to
//! the published version, and publishing it (admins).

use crate::focus;
use crate::i18n::fill;
use crate::staff::texts::now;
use leptos::prelude::*;

#[component]
pub fn VersionsScreen(id: String) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    let title = move || fill(now().authoring.title, &[("tree", &id)]);
    Effect::new({
        let title = title.clone();
        move |_| crate::browser::set_title(&title())
    });
    view! {
        <div class="staff-screen versions-screen">
            <h1 tabindex="-1" node_ref=heading>{title}</h1>
        </div>
    }
}
