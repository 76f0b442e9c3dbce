//! How fast the team answers: the median time from hand-off to claim and to
//! resolution, over the last 7 and 30 days, as bars with the durations written out.

use super::chart::{Bar, BarChart, summary};
use crate::i18n::fill;
use crate::staff::texts::now;
use crate::staff::widgets::duration;
use domain::api::PeriodStats;
use leptos::prelude::*;

#[component]
pub fn Speed(periods: Vec<PeriodStats>) -> impl IntoView {
    let t = now();
    let mut bars = Vec::new();
    for period in &periods {
        let days = fill(t.team.last_days, &[("n", &period.days.to_string())]);
        for (what, median, class) in [
            (t.team.to_claim, period.median_to_claim_ms, "seg-claim"),
            (
                t.team.to_resolve,
                period.median_to_resolve_ms,
                "seg-resolve",
            ),
        ] {
            bars.push(Bar {
                label: format!("{what}, {days}"),
                segments: vec![(median.unwrap_or(0) as f64, class)],
                figure: median.map_or(t.team.no_data.to_owned(), duration),
            });
        }
    }
    let counts = periods
        .iter()
        .map(|p| {
            let days = fill(t.team.last_days, &[("n", &p.days.to_string())]);
            let counts = fill(
                t.team.period_counts,
                &[
                    ("handed", &p.handed_off.to_string()),
                    ("claimed", &p.claimed.to_string()),
                    ("resolved", &p.resolved.to_string()),
                ],
            );
            view! { <li><strong>{days}</strong>": "{counts}</li> }
        })
        .collect_view();
    let chart_summary = summary(t.team.speed, &bars);
    view! {
        <figure class="team-card" data-testid="speed">
            <figcaption>{t.team.speed}</figcaption>
            <BarChart bars summary=chart_summary />
            <ul class="period-counts">{counts}</ul>
        </figure>
    }
}
