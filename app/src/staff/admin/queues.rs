//! The queues as the tree catalog declares them, and who works each.

use super::AdminData;
use crate::i18n::use_i18n;
use crate::staff::texts::st;
use leptos::prelude::*;

#[component]
pub fn Queues(data: AdminData) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        let lang = i18n.lang().code();
        data.queues
            .get()
            .into_iter()
            .map(|queue| {
                let people = if queue.staff.is_empty() {
                    view! { <span class="status">{st(|t| t.admin.nobody)}</span> }.into_any()
                } else {
                    let names = queue.staff.iter().map(|h| h.name.clone()).collect::<Vec<_>>().join(", ");
                    view! { <span>{names}</span> }.into_any()
                };
                view! {
                    <tr>
                        <th scope="row">{queue.name.get(lang).to_owned()}" "<code>{queue.id.clone()}</code></th>
                        <td>{people}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="admin-section" aria-labelledby="queues-title">
            <h2 id="queues-title">{st(|t| t.admin.queues_title)}</h2>
            <p class="status">{st(|t| t.admin.queues_intro)}</p>
            <div class="table-scroll">
                <table class="staff-table" data-testid="queues">
                    <thead>
                        <tr>
                            <th scope="col">{st(|t| t.admin.col_queue)}</th>
                            <th scope="col">{st(|t| t.admin.col_people)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
