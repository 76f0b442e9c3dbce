//! The administration log: account and settings changes, newest first, in words.

use super::AdminData;
use crate::i18n::fill;
use crate::staff::texts::{StaffTexts, now, st};
use crate::staff::widgets::local_time;
use domain::api::AuditEntry;
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn AdminLog(data: AdminData) -> impl IntoView {
    let rows = move || {
        let t = now();
        let entries = data.log.get();
        if entries.is_empty() {
            return view! { <tr><td colspan="3">{t.admin.log_empty}</td></tr> }.into_any();
        }
        entries
            .into_iter()
            .map(|entry| {
                let who = entry
                    .actor
                    .as_ref()
                    .map_or(t.admin.system.to_owned(), |a| a.name.clone());
                view! {
                    <tr>
                        <td class="nowrap">{local_time(entry.at)}</td>
                        <td>{who}</td>
                        <td>{describe(t, &entry)}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="admin-section" aria-labelledby="log-title">
            <h2 id="log-title">{st(|t| t.admin.log_title)}</h2>
            <p class="status">{st(|t| t.admin.log_intro)}</p>
            <div class="table-scroll">
                <table class="staff-table" data-testid="admin-log">
                    <thead>
                        <tr>
                            <th scope="col">{st(|t| t.admin.col_when)}</th>
                            <th scope="col">{st(|t| t.admin.col_who)}</th>
                            <th scope="col">{st(|t| t.admin.col_what)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// One entry in words.
pub fn describe(t: &StaffTexts, entry: &AuditEntry) -> String {
    let field = |side: &Option<Value>, name: &str| side.as_ref().and_then(|v| v.get(name)).cloned();
    let name = field(&entry.after, "name")
        .or_else(|| field(&entry.before, "name"))
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let was_active = field(&entry.before, "active").and_then(|v| v.as_bool());
    let is_active = field(&entry.after, "active").and_then(|v| v.as_bool());
    let hours = |side: &Option<Value>| {
        field(side, "hours")
            .and_then(|v| v.as_array().cloned())
            .map(|list| {
                list.iter()
                    .map(Value::to_string)
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default()
    };
    match entry.action.as_str() {
        "staff_created" => fill(t.admin.log_created, &[("name", &name)]),
        "staff_changed" if field(&entry.after, "password_reset") == Some(Value::Bool(true)) => {
            fill(t.admin.log_reset, &[("name", &name)])
        }
        "staff_changed" if was_active == Some(true) && is_active == Some(false) => {
            fill(t.admin.log_deactivated, &[("name", &name)])
        }
        "staff_changed" if was_active == Some(false) && is_active == Some(true) => {
            fill(t.admin.log_reactivated, &[("name", &name)])
        }
        "staff_changed" => fill(t.admin.log_changed, &[("name", &name)]),
        "password_changed" => t.admin.log_password.to_owned(),
        "retention_changed" => match field(&entry.after, "days").and_then(|v| v.as_u64()) {
            Some(days) => fill(t.admin.log_retention, &[("days", &days.to_string())]),
            None => t.admin.log_retention_off.to_owned(),
        },
        "sla_changed" => fill(
            t.admin.log_sla,
            &[
                ("before", &hours(&entry.before)),
                ("after", &hours(&entry.after)),
            ],
        ),
        _ => t.admin.log_other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::staff::texts::texts;
    use serde_json::json;

    fn entry(action: &str, before: Option<Value>, after: Option<Value>) -> AuditEntry {
        AuditEntry {
            id: 1,
            action: action.into(),
            actor: None,
            before,
            after,
            at: 0,
        }
    }

    #[test]
    fn entries_read_as_what_happened() {
        let t = texts(Lang::En);
        let dana = |active: bool| json!({ "name": "Dana", "active": active });
        assert_eq!(
            describe(t, &entry("staff_created", None, Some(dana(true)))),
            "Created the account Dana"
        );
        assert_eq!(
            describe(
                t,
                &entry("staff_changed", Some(dana(true)), Some(dana(false)))
            ),
            "Deactivated Dana"
        );
        assert_eq!(
            describe(
                t,
                &entry("staff_changed", Some(dana(false)), Some(dana(true)))
            ),
            "Reactivated Dana"
        );
        let mut reset = dana(true);
        reset["password_reset"] = json!(true);
        assert_eq!(
            describe(t, &entry("staff_changed", Some(dana(true)), Some(reset))),
            "Reset the password of Dana"
        );
        assert_eq!(
            describe(
                t,
                &entry("staff_changed", Some(dana(true)), Some(dana(true)))
            ),
            "Changed the account Dana"
        );
        assert_eq!(
            describe(
                t,
                &entry(
                    "sla_changed",
                    Some(json!({ "hours": [1, 4, 8, 24, 72] })),
                    Some(json!({ "hours": [2, 4, 8, 24, 72] }))
                )
            ),
            "Changed the SLA targets from 1/4/8/24/72 to 2/4/8/24/72 hours"
        );
        assert_eq!(
            describe(texts(Lang::De), &entry("password_changed", None, None)),
            "Hat das eigene Passwort geändert"
        );
    }
}
