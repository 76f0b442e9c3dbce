//! The SLA targets per priority: five whole hours, more urgent never longer; checked
//! here for a quick answer and by the server, which has the last word.

use crate::i18n::fill;
use crate::staff::api;
use crate::staff::texts::{now, st};
use crate::staff::widgets::failure_words;
use domain::api::SlaSettings;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Longest target: a year (the server's limit too).
const MAX_HOURS: u32 = 8760;

/// Why `typed` cannot be saved: the index of the first bad target and which rule.
pub fn check(typed: &[String]) -> Result<Vec<u32>, (usize, Rule)> {
    let mut hours = Vec::with_capacity(typed.len());
    for (i, text) in typed.iter().enumerate() {
        match text.trim().parse::<u32>() {
            Ok(h) if (1..=MAX_HOURS).contains(&h) => hours.push(h),
            _ => return Err((i, Rule::Range)),
        }
    }
    if let Some(i) = hours.windows(2).position(|w| w[0] > w[1]) {
        return Err((i, Rule::Order));
    }
    Ok(hours)
}

/// Which rule a target breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Range,
    Order,
}

#[component]
pub fn SlaTargets(on_saved: Callback<()>) -> impl IntoView {
    let typed: [RwSignal<String>; 5] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let problem = RwSignal::new(None::<(usize, String)>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    spawn_local(async move {
        match api::get::<SlaSettings>("/settings/sla").await {
            Ok(settings) => {
                for (signal, hours) in typed.iter().zip(settings.hours) {
                    signal.set(hours.to_string());
                }
            }
            Err(failure) => problem.set(Some((usize::MAX, failure_words(&failure)))),
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        saved.set(false);
        let values: Vec<String> = typed.iter().map(|s| s.get_untracked()).collect();
        let hours = match check(&values) {
            Ok(hours) => hours,
            Err((i, rule)) => {
                let t = now();
                let text = match rule {
                    Rule::Range => t.admin.sla_range,
                    Rule::Order => t.admin.sla_order,
                };
                problem.set(Some((i, text.to_owned())));
                return;
            }
        };
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let answer = api::put::<_, SlaSettings>("/settings/sla", &SlaSettings { hours }).await;
            busy.set(false);
            match answer {
                Ok(_) => {
                    saved.set(true);
                    on_saved.run(());
                }
                Err(failure) => {
                    // `hours[2]` names the target.
                    let index = failure
                        .field()
                        .and_then(|f| f.strip_prefix("hours["))
                        .and_then(|f| f.trim_end_matches(']').parse().ok())
                        .unwrap_or(usize::MAX);
                    problem.set(Some((index, failure_words(&failure))));
                }
            }
        });
    };
    let fields = (0..5)
        .map(|i| {
            let id = format!("sla-{}", i + 1);
            let error_id = format!("sla-{}-error", i + 1);
            let value = typed[i];
            let label = move || {
                let t = now();
                let names = [t.queue.priority_1, t.queue.priority_2, t.queue.priority_3, t.queue.priority_4, t.queue.priority_5];
                fill(t.admin.sla_field, &[("n", &(i + 1).to_string()), ("name", names[i])])
            };
            let bad = move || problem.get().is_some_and(|(p, _)| p == i);
            let error_view = {
                let error_id = error_id.clone();
                move || {
                    problem
                        .get()
                        .filter(|(p, _)| *p == i)
                        .map(|(_, m)| view! { <p id=error_id.clone() class="field-error">{m}</p> })
                }
            };
            view! {
                <div class="field sla-field">
                    <label class="field-label" for=id.clone()>{label}</label>
                    <div class="input-unit">
                        <input id=id type="number" inputmode="numeric" min="1" max=MAX_HOURS step="1" required
                            aria-invalid=move || bad().then_some("true")
                            aria-describedby=move || bad().then(|| error_id.clone())
                            prop:value=move || value.get()
                            on:input=move |ev| value.set(event_target_value(&ev)) />
                        <span aria-hidden="true">{st(|t| t.admin.hours)}</span>
                    </div>
                    {error_view}
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="admin-section" aria-labelledby="sla-title">
            <h2 id="sla-title">{st(|t| t.admin.sla_title)}</h2>
            <p class="status">{st(|t| t.admin.sla_intro)}</p>
            <form on:submit=submit novalidate data-testid="sla-form">
                <div class="sla-fields">{fields}</div>
                <div role="alert">
                    {move || problem.get().filter(|(p, _)| *p == usize::MAX).map(|(_, m)| view! { <p class="field-error">{m}</p> })}
                </div>
                <p role="status">{move || saved.get().then(|| now().admin.sla_saved)}</p>
                <button type="submit" class="button button-primary" aria-disabled=move || busy.get().to_string()>
                    {st(|t| t.common.save)}
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn targets_are_whole_hours_in_range_and_never_longer_when_more_urgent() {
        assert_eq!(
            check(&typed(&["1", "4", "8", "24", " 72 "])),
            Ok(vec![1, 4, 8, 24, 72])
        );
        assert_eq!(check(&typed(&["2", "2", "2", "2", "2"])), Ok(vec![2; 5]));
        assert_eq!(
            check(&typed(&["1", "0", "8", "24", "72"])),
            Err((1, Rule::Range))
        );
        assert_eq!(
            check(&typed(&["1", "4", "8.5", "24", "72"])),
            Err((2, Rule::Range))
        );
        assert_eq!(
            check(&typed(&["1", "4", "8", "24", "8761"])),
            Err((4, Rule::Range))
        );
        assert_eq!(
            check(&typed(&["", "4", "8", "24", "72"])),
            Err((0, Rule::Range))
        );
        assert_eq!(
            check(&typed(&["1", "9", "8", "24", "72"])),
            Err((1, Rule::Order))
        );
    }
}
