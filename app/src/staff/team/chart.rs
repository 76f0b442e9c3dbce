//! Horizontal bar charts drawn as SVG: one row per label, bars made of coloured
//! segments (priorities), the figure written at the end of each bar.
//!
//! The numbers are always written as text, so the colours only group; screen readers
//! get the same figures from the chart's label (the SVG is one image to them).

use leptos::prelude::*;

/// One row of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// Parts of the bar: value and CSS class (`seg-p1`, `seg-claim`, …).
    pub segments: Vec<(f64, &'static str)>,
    /// What is written after the bar ("12", "3 h 5 min").
    pub figure: String,
}

/// Geometry of the chart, in SVG units.
const LABEL_WIDTH: f64 = 170.0;
const BAR_SPACE: f64 = 290.0;
const FIGURE_WIDTH: f64 = 100.0;
const ROW_HEIGHT: f64 = 30.0;
const BAR_HEIGHT: f64 = 18.0;

/// A drawn segment: x, width, class.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    pub x: f64,
    pub width: f64,
    pub class: &'static str,
}

/// Where each row's segments go: widths proportional to the largest total, which
/// fills the bar space; a non-zero segment is at least 2 units wide, so it shows.
pub fn layout(bars: &[Bar]) -> Vec<Vec<Drawn>> {
    let largest = bars
        .iter()
        .map(|b| b.segments.iter().map(|s| s.0.max(0.0)).sum::<f64>())
        .fold(0.0, f64::max);
    bars.iter()
        .map(|bar| {
            let mut x = LABEL_WIDTH;
            bar.segments
                .iter()
                .filter(|(value, _)| *value > 0.0)
                .map(|&(value, class)| {
                    let width = if largest > 0.0 {
                        (value / largest * BAR_SPACE).max(2.0)
                    } else {
                        0.0
                    };
                    let drawn = Drawn { x, width, class };
                    x += width;
                    drawn
                })
                .collect()
        })
        .collect()
}

/// The chart; `summary` is what screen readers hear (every label and figure).
#[component]
pub fn BarChart(bars: Vec<Bar>, #[prop(into)] summary: String) -> impl IntoView {
    let width = LABEL_WIDTH + BAR_SPACE + FIGURE_WIDTH;
    let height = ROW_HEIGHT * bars.len().max(1) as f64;
    let drawn = layout(&bars);
    let rows = bars
        .into_iter()
        .zip(drawn)
        .enumerate()
        .map(|(i, (bar, segments))| {
            let y = i as f64 * ROW_HEIGHT;
            let end = segments.last().map_or(LABEL_WIDTH, |s| s.x + s.width);
            let rects = segments
                .into_iter()
                .map(|s| {
                    view! {
                        <rect x=s.x y=y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0 width=s.width height=BAR_HEIGHT class=s.class></rect>
                    }
                })
                .collect_view();
            view! {
                <g>
                    <text x=LABEL_WIDTH - 8.0 y=y + ROW_HEIGHT / 2.0 class="chart-label" text-anchor="end" dominant-baseline="middle">{bar.label}</text>
                    {rects}
                    <text x=end + 6.0 y=y + ROW_HEIGHT / 2.0 class="chart-figure" dominant-baseline="middle">{bar.figure}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {width} {height}") role="img" aria-label=summary
            preserveAspectRatio="xMinYMin meet">
            {rows}
        </svg>
    }
}

/// "label: figure; label: figure" for screen readers.
pub fn summary(title: &str, bars: &[Bar]) -> String {
    let items: Vec<String> = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.figure))
        .collect();
    format!("{title}. {}", items.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, segments: &[(f64, &'static str)]) -> Bar {
        Bar {
            label: label.into(),
            segments: segments.to_vec(),
            figure: String::new(),
        }
    }

    #[test]
    fn the_largest_bar_fills_the_space_and_segments_follow_each_other() {
        let drawn = layout(&[
            bar("a", &[(2.0, "p1"), (6.0, "p2")]),
            bar("b", &[(4.0, "p1")]),
            bar("c", &[]),
        ]);
        assert_eq!(
            drawn[0][0],
            Drawn {
                x: LABEL_WIDTH,
                width: BAR_SPACE / 4.0,
                class: "p1"
            }
        );
        assert_eq!(drawn[0][1].x, LABEL_WIDTH + BAR_SPACE / 4.0);
        assert!((drawn[0][1].x + drawn[0][1].width - (LABEL_WIDTH + BAR_SPACE)).abs() < 1e-9);
        assert_eq!(drawn[1][0].width, BAR_SPACE / 2.0);
        assert!(drawn[2].is_empty());
    }

    #[test]
    fn tiny_values_still_show_and_zero_values_do_not() {
        let drawn = layout(&[
            bar("a", &[(1.0, "p1"), (0.0, "p2")]),
            bar("b", &[(10_000.0, "p1")]),
        ]);
        assert_eq!(drawn[0].len(), 1);
        assert_eq!(drawn[0][0].width, 2.0);
        let none = layout(&[bar("a", &[(0.0, "p1")])]);
        assert!(none[0].is_empty());
    }

    #[test]
    fn the_summary_names_every_figure() {
        let mut a = bar("P1", &[(2.0, "p1")]);
        a.figure = "2".into();
        let mut b = bar("P2", &[]);
        b.figure = "0".into();
        assert_eq!(summary("Open", &[a, b]), "Open. P1: 2; P2: 0");
    }
}
