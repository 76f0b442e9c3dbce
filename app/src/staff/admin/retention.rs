//! How long resolved and closed tickets keep personal data: kept, or erased after a
//! number of days (the server's sweep applies it; see `server/src/store/erase.rs`).

use crate::staff::api;
use crate::staff::texts::{now, st};
use crate::staff::widgets::failure_words;
use domain::api::RetentionSettings;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Longest retention: ten years (the server's limit too).
const MAX_DAYS: u32 = 3650;

/// The days typed, checked: `Ok(None)` keeps data.
pub fn check(erase: bool, typed: &str) -> Result<Option<u32>, ()> {
    if !erase {
        return Ok(None);
    }
    match typed.trim().parse::<u32>() {
        Ok(days) if (1..=MAX_DAYS).contains(&days) => Ok(Some(days)),
        _ => Err(()),
    }
}

#[component]
pub fn Retention(on_saved: Callback<()>) -> impl IntoView {
    let erase = RwSignal::new(false);
    let days = RwSignal::new("365".to_owned());
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    spawn_local(async move {
        match api::get::<RetentionSettings>("/settings/retention").await {
            Ok(RetentionSettings { days: Some(d) }) => {
                erase.set(true);
                days.set(d.to_string());
            }
            Ok(RetentionSettings { days: None }) => erase.set(false),
            Err(failure) => problem.set(Some(failure_words(&failure))),
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let Ok(chosen) = check(erase.get_untracked(), &days.get_untracked()) else {
            problem.set(Some(now().admin.retention_range.to_owned()));
            return;
        };
        problem.set(None);
        spawn_local(async move {
            match api::put::<_, RetentionSettings>(
                "/settings/retention",
                &RetentionSettings { days: chosen },
            )
            .await
            {
                Ok(_) => {
                    saved.set(true);
                    on_saved.run(());
                }
                Err(failure) => problem.set(Some(failure_words(&failure))),
            }
        });
    };
    view! {
        <section class="admin-section" aria-labelledby="retention-title">
            <h2 id="retention-title">{st(|t| t.admin.retention_title)}</h2>
            <p class="status">{st(|t| t.admin.retention_intro)}</p>
            <form on:submit=submit novalidate data-testid="retention-form">
                <fieldset class="field">
                    <legend class="visually-hidden">{st(|t| t.admin.retention_title)}</legend>
                    <div class="choices">
                        <label class="choice">
                            <input type="radio" name="retention" prop:checked=move || !erase.get() on:change=move |_| erase.set(false) />
                            {st(|t| t.admin.retention_keep)}
                        </label>
                        <label class="choice">
                            <input type="radio" name="retention" prop:checked=move || erase.get() on:change=move |_| erase.set(true) />
                            {st(|t| t.admin.retention_erase)}
                        </label>
                    </div>
                </fieldset>
                <div class="field input-unit">
                    <label class="visually-hidden" for="retention-days">{st(|t| t.admin.retention_erase)}</label>
                    <input id="retention-days" type="number" inputmode="numeric" min="1" max=MAX_DAYS step="1"
                        prop:disabled=move || !erase.get()
                        aria-invalid=move || problem.get().is_some().then_some("true")
                        aria-describedby=move || problem.get().map(|_| "retention-error")
                        prop:value=move || days.get()
                        on:input=move |ev| days.set(event_target_value(&ev)) />
                    <span aria-hidden="true">{st(|t| t.admin.retention_days)}</span>
                </div>
                <div role="alert">
                    {move || problem.get().map(|m| view! { <p id="retention-error" class="field-error">{m}</p> })}
                </div>
                <p role="status">{move || saved.get().then(|| now().admin.retention_saved)}</p>
                <button type="submit" class="button button-primary">{st(|t| t.common.save)}</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn days_are_whole_and_in_range_unless_data_are_kept() {
        assert_eq!(check(false, "garbage"), Ok(None));
        assert_eq!(check(true, " 90 "), Ok(Some(90)));
        assert_eq!(check(true, "3650"), Ok(Some(3650)));
        assert_eq!(check(true, "0"), Err(()));
        assert_eq!(check(true, "3651"), Err(()));
        assert_eq!(check(true, "1.5"), Err(()));
    }
}
