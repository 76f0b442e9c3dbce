//! What the hand-off carried besides the walk: the user's description, the case
//! (contact, impact, urgency, language), the facts the walk gathered and the browser
//! details the user agreed to send, as tables.

use super::findings::detail_label;
use super::when;
use crate::staff::texts::ticket::TicketTexts;
use crate::staff::texts::{now, st};
use domain::api::TicketDetail;
use domain::tree::Level;
use domain::{Catalog, Node};
use leptos::prelude::*;

/// A fact's label and value as the user saw them: an input field's label and the
/// option's label, a check's name; the raw name and value where the tree says nothing.
pub fn fact_row(
    catalog: Option<&Catalog>,
    lang: &str,
    name: &str,
    value: &str,
) -> (String, String) {
    let field = catalog
        .into_iter()
        .flat_map(|c| c.entries())
        .find_map(|entry| {
            entry.tree.nodes.values().find_map(|node| match node {
                Node::Input { fields, .. } => fields.iter().find(|f| f.name == name),
                _ => None,
            })
        });
    match field {
        Some(field) => {
            let shown = field
                .options
                .iter()
                .find(|o| o.value == value)
                .map_or(value, |o| o.label.get(lang));
            (
                field.label.get(lang).trim_end().to_owned(),
                shown.to_owned(),
            )
        }
        None => (name.to_owned(), value.to_owned()),
    }
}

fn level(t: &TicketTexts, level: Level) -> &'static str {
    match level {
        Level::High => t.level_high,
        Level::Medium => t.level_medium,
        Level::Low => t.level_low,
    }
}

/// Description and case details.
#[component]
pub fn Case(detail: TicketDetail) -> impl IntoView {
    move || {
        let t = &now().ticket;
        let contact = &detail.contact;
        let language = match detail.language.as_str() {
            "de" => t.language_de.to_owned(),
            "en" => t.language_en.to_owned(),
            other => other.to_owned(),
        };
        let link = |value: Option<String>, scheme: &str| match value {
            Some(value) => {
                let href = format!("{scheme}{}", value.replace(' ', ""));
                view! { <a href=href rel="external">{value}</a> }.into_any()
            }
            None => view! { <span class="muted">{t.not_given}</span> }.into_any(),
        };
        let email = link(contact.email.clone(), "mailto:");
        let phone = link(contact.phone.clone(), "tel:");
        let description = if detail.description.trim().is_empty() {
            view! { <p class="muted">{t.no_description}</p> }.into_any()
        } else {
            view! { <p class="ticket-description" data-testid="description">{detail.description.clone()}</p> }.into_any()
        };
        view! {
            <h3>{t.description}</h3>
            {description}
            <table class="ticket-table ticket-pairs">
                <caption class="visually-hidden">{t.case_title}</caption>
                <tbody>
                    <tr><th scope="row">{t.contact_name}</th><td>{contact.name.clone()}</td></tr>
                    <tr><th scope="row">{t.contact_email}</th><td>{email}</td></tr>
                    <tr><th scope="row">{t.contact_phone}</th><td>{phone}</td></tr>
                    <tr><th scope="row">{t.impact}</th><td>{level(t, detail.impact)}</td></tr>
                    <tr><th scope="row">{t.urgency}</th><td>{level(t, detail.urgency)}</td></tr>
                    <tr><th scope="row">{t.user_language}</th><td>{language}</td></tr>
                    <tr><th scope="row">{t.queue}</th><td>{detail.item.queue.clone()}</td></tr>
                    <tr><th scope="row">{t.handed_off}</th><td>{when(detail.item.created_at)}</td></tr>
                </tbody>
            </table>
        }
    }
}

/// The facts of the walk and the browser details, two tables.
#[component]
pub fn Facts(detail: TicketDetail, catalog: Option<std::sync::Arc<Catalog>>) -> impl IntoView {
    move || {
        let t = &now().ticket;
        let lang = t.lang;
        let facts = detail
            .walk
            .facts
            .iter()
            .map(|(name, value)| {
                let (label, value) = fact_row(catalog.as_deref(), lang, name, value);
                view! { <tr><th scope="row">{label}" "<code class="muted">{name.clone()}</code></th><td>{value}</td></tr> }
            })
            .collect_view();
        let details = detail
            .diagnostics
            .iter()
            .map(|(name, value)| {
                let label = detail_label(t, name).unwrap_or(name.as_str());
                view! { <tr><th scope="row">{label}" "<code class="muted">{name.clone()}</code></th><td class="wrap-anywhere">{value.clone()}</td></tr> }
            })
            .collect_view();
        view! {
            <h3 id="facts-title">{t.facts_title}</h3>
            {if detail.walk.facts.is_empty() {
                view! { <p class="muted">{t.no_facts}</p> }.into_any()
            } else {
                view! {
                    <table class="ticket-table ticket-pairs" aria-labelledby="facts-title" data-testid="facts">
                        <tbody>{facts}</tbody>
                    </table>
                }.into_any()
            }}
            <h3 id="details-title">{t.details_title}</h3>
            {if detail.diagnostics.is_empty() {
                view! { <p class="muted">{t.no_details}</p> }.into_any()
            } else {
                view! {
                    <table class="ticket-table ticket-pairs" aria-labelledby="details-title" data-testid="diagnostics">
                        <tbody>{details}</tbody>
                    </table>
                }.into_any()
            }}
        }
    }
}

/// A section with a heading of its own.
#[component]
pub fn Section(
    id: &'static str,
    title: fn(&'static crate::staff::texts::StaffTexts) -> &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="ticket-section" aria-labelledby=id>
            <h2 id=id>{st(title)}</h2>
            {children()}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::fact_row;
    use crate::staff::ticket::sample;

    #[test]
    fn facts_carry_the_fields_labels() {
        let (_, catalog) = sample::printer_ticket();
        assert_eq!(
            fact_row(Some(&catalog), "en", "printer_name", "HP 2.OG"),
            ("Printer name".to_owned(), "HP 2.OG".to_owned())
        );
        assert_eq!(
            fact_row(None, "en", "printer_name", "HP 2.OG"),
            ("printer_name".to_owned(), "HP 2.OG".to_owned())
        );
    }
}
