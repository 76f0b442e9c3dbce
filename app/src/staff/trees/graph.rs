//! One tree drawn as an SVG graph with the figures on its nodes, the hot spots marked
//! (warm fill, thick dashed border and a ⚠ in the text: never colour alone), a ticket's
//! path highlighted (thick border, step numbers, the edges it took, and a text list),
//! and the same figures as a table for screen readers and for reading.
//!
//! Nodes are focusable: focus or a click shows the node's details beside the graph.
//! Large trees scroll inside their frame; zoom changes the drawing's size.

use super::layout::{self, BOX_H, BOX_W, EdgeWords, Layout, cut, edge_path};
use crate::i18n::fill;
use crate::staff::texts::{lang_code, now, st};
use domain::api::{NodeFigures, TreeAnalytics};
use domain::tree::{Node, Tree};
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Characters of a node's text in its box, and of an answer on its edge.
const BOX_CHARS: usize = 26;
const LABEL_CHARS: usize = 22;

/// What the view knows of one node.
#[derive(Debug, Clone)]
struct Shown {
    id: String,
    kind: &'static str,
    text: String,
    figures: NodeFigures,
    hot: bool,
    /// Step numbers (1-based) at which the ticket's walk passed the node.
    steps: Vec<usize>,
}

/// A node's text in a line: its prompt's summary, a jump's target, or its id.
fn text_of(id: &str, node: &Node, lang: &str) -> String {
    if let Node::Jump { tree } = node {
        return format!("{} {tree}", now().trees.jump_to);
    }
    node.prompt()
        .map(|p| crate::components::prompt::summary(p.text.get(lang)))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| id.to_owned())
}

fn figures_line(f: &NodeFigures) -> (String, String) {
    let t = now();
    (
        format!(
            "{} {} · {} {}",
            t.trees.reached, f.reached, t.trees.resolved, f.resolved
        ),
        format!(
            "{} {} · {} {}",
            t.trees.escalated, f.escalated, t.trees.abandoned, f.abandoned
        ),
    )
}

/// The words a screen reader hears for a node (and the details panel shows).
fn spoken(n: &Shown) -> String {
    let t = now();
    let (a, b) = figures_line(&n.figures);
    let mut out = format!("{}: {}. {a}, {b}.", n.id, n.text);
    if n.hot {
        out.push_str(&format!(" {}.", t.trees.hot_spot));
    }
    if !n.steps.is_empty() {
        let steps: Vec<String> = n.steps.iter().map(usize::to_string).collect();
        out.push_str(&format!(" {}: {}.", t.trees.on_path, steps.join(", ")));
    }
    out
}

#[component]
pub fn TreeFigures(
    tree: Tree,
    figures: Option<TreeAnalytics>,
    /// The ticket's path in this tree, in order (repeats kept), when one is shown.
    path: Option<Vec<String>>,
    reference: Option<String>,
) -> impl IntoView {
    let lang = lang_code();
    let t = now();
    let words = EdgeWords {
        did_not_help: t.trees.did_not_help,
        otherwise: t.trees.otherwise,
    };
    let edges = layout::edges(&tree, lang, &words);
    let ids: Vec<String> = tree.nodes.keys().cloned().collect();
    let drawing: Layout = layout::layout(&tree.start, &ids, &edges);
    let by_node: BTreeMap<String, NodeFigures> = figures
        .as_ref()
        .map(|f| {
            f.nodes
                .iter()
                .map(|n| (n.node.clone(), n.clone()))
                .collect()
        })
        .unwrap_or_default();
    let hot: Vec<String> = figures
        .as_ref()
        .map(|f| f.hot_spots.clone())
        .unwrap_or_default();
    let path = path.unwrap_or_default();
    let mut steps: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, id) in path.iter().enumerate() {
        steps.entry(id).or_default().push(i + 1);
    }
    let path_edges: BTreeSet<(String, String)> = path
        .windows(2)
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect();
    let shown: Vec<Shown> = drawing
        .nodes
        .iter()
        .filter_map(|p| {
            let node = tree.node(&p.id)?;
            Some(Shown {
                id: p.id.clone(),
                kind: node.kind_name(),
                text: text_of(&p.id, node, lang),
                figures: by_node.get(&p.id).cloned().unwrap_or(NodeFigures {
                    node: p.id.clone(),
                    ..NodeFigures::default()
                }),
                hot: hot.contains(&p.id),
                steps: steps.get(p.id.as_str()).cloned().unwrap_or_default(),
            })
        })
        .collect();
    // Figures of nodes older versions had and this one has not.
    let gone: Vec<NodeFigures> = by_node
        .values()
        .filter(|f| !tree.nodes.contains_key(&f.node))
        .cloned()
        .collect();
    let selected = RwSignal::new(None::<String>);
    let zoom = RwSignal::new(1.0f64);

    let edges_view = drawing
        .edges
        .iter()
        .filter_map(|e| {
            let (from, to) = (drawing.node(&e.from)?, drawing.node(&e.to)?);
            let on = path_edges.contains(&(e.from.clone(), e.to.clone()));
            let class = if on { "tg-edge tg-edge-path" } else { "tg-edge" };
            // Answers are written on edges one layer down, where there is room.
            let label = (to.layer == from.layer + 1)
                .then(|| e.label.clone())
                .flatten()
                .map(|l| {
                    let x = (from.x + to.x) / 2.0 + BOX_W / 2.0;
                    let y = from.y + BOX_H + (to.y - from.y - BOX_H) / 2.0 + 4.0;
                    view! { <text class="tg-edge-label" x=format!("{x:.1}") y=format!("{y:.1}") text-anchor="middle">{cut(&l, LABEL_CHARS)}</text> }
                });
            Some(view! {
                <path class=class d=edge_path(from, to) marker-end=if on { "url(#tg-arrow-path)" } else { "url(#tg-arrow)" } />
                {label}
            })
        })
        .collect_view();

    let nodes_view = shown
        .iter()
        .zip(drawing.nodes.iter())
        .map(|(n, p)| {
            let mut class = format!("tg-node tg-{}", n.kind);
            if n.hot {
                class.push_str(" tg-hot");
            }
            if !n.steps.is_empty() {
                class.push_str(" tg-on-path");
            }
            let (a, b) = figures_line(&n.figures);
            // Room for the step number's badge on the path.
            let room = if n.steps.is_empty() { BOX_CHARS } else { BOX_CHARS - 3 };
            let title = if n.hot {
                format!("⚠ {}", cut(&n.text, room - 2))
            } else {
                cut(&n.text, room)
            };
            let id = n.id.clone();
            let id2 = n.id.clone();
            let is_selected = {
                let id = n.id.clone();
                move || selected.with(|s| s.as_deref() == Some(id.as_str()))
            };
            let badge = n.steps.first().map(|first| {
                let x = BOX_W - 14.0;
                view! {
                    <circle class="tg-step" cx=format!("{x}") cy="14" r="11" />
                    <text class="tg-step-number" x=format!("{x}") y="18" text-anchor="middle">{*first}</text>
                }
            });
            view! {
                <g class=class transform=format!("translate({:.1},{:.1})", p.x, p.y)
                    tabindex="0" role="button" aria-label=spoken(n) data-node=n.id.clone()
                    aria-pressed=move || is_selected().to_string()
                    on:focus=move |_| selected.set(Some(id.clone()))
                    on:click=move |_| selected.set(Some(id2.clone()))>
                    <rect class="tg-box" width=format!("{BOX_W}") height=format!("{BOX_H}") rx="8" />
                    <text class="tg-title" x="10" y="22">{title}</text>
                    <text class="tg-fig" x="10" y="44" data-figures="reached-resolved">{a}</text>
                    <text class="tg-fig" x="10" y="62" data-figures="escalated-abandoned">{b}</text>
                    {badge}
                </g>
            }
        })
        .collect_view();

    let hot_names: Vec<String> = hot
        .iter()
        .map(|h| {
            shown
                .iter()
                .find(|n| &n.id == h)
                .map_or(h.clone(), |n| format!("{} ({})", cut(&n.text, 40), n.id))
        })
        .collect();
    let desc = fill(
        t.trees.graph_desc,
        &[
            ("nodes", &shown.len().to_string()),
            (
                "hot",
                &if hot_names.is_empty() {
                    t.trees.none.to_owned()
                } else {
                    hot_names.join("; ")
                },
            ),
        ],
    );
    let hot_list = if hot.is_empty() {
        view! { <p data-testid="hot-spots">{st(|t| t.trees.no_hot_spots)}</p> }.into_any()
    } else {
        view! {
            <ol class="tree-hot-list" data-testid="hot-spots">
                {hot.iter().map(|h| {
                    let n = shown.iter().find(|n| &n.id == h);
                    let text = n.map_or(String::new(), |n| n.text.clone());
                    let stopped = by_node.get(h).map_or(0, NodeFigures::stopped);
                    view! { <li data-node=h.clone()>"⚠ "<strong>{text}</strong>" "<code>{h.clone()}</code>" — "{stopped}</li> }
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    let path_view = reference.clone().map(|reference| {
        let items = path
            .iter()
            .map(|id| {
                let text = shown.iter().find(|n| &n.id == id).map_or(String::new(), |n| n.text.clone());
                view! { <li data-node=id.clone()>{text}" "<code>{id.clone()}</code></li> }
            })
            .collect_view();
        view! {
            <section class="tree-path" aria-labelledby="tree-path-title" data-testid="ticket-path">
                <h2 id="tree-path-title">{fill(now().trees.path_title, &[("reference", &reference)])}</h2>
                <p>{st(|t| t.trees.path_intro)}</p>
                <ol>{items}</ol>
            </section>
        }
    });

    let details = {
        let shown = shown.clone();
        move || {
            lang_code();
            match selected
                .get()
                .and_then(|id| shown.iter().find(|n| n.id == id).cloned())
            {
                Some(n) => view! {
                    <p class="tree-details-id"><code>{n.id.clone()}</code></p>
                    <p>{spoken(&n)}</p>
                }
                .into_any(),
                None => view! { <p class="muted">{st(|t| t.trees.details_hint)}</p> }.into_any(),
            }
        }
    };

    let rows = shown
        .iter()
        .map(|n| {
            let f = &n.figures;
            let steps: Vec<String> = n.steps.iter().map(usize::to_string).collect();
            view! {
                <tr data-node=n.id.clone() class:tree-row-hot=n.hot>
                    <th scope="row">{cut(&n.text, 60)}" "<code class="muted">{n.id.clone()}</code></th>
                    <td data-figure="reached">{f.reached}</td>
                    <td data-figure="resolved">{f.resolved}</td>
                    <td data-figure="escalated">{f.escalated}</td>
                    <td data-figure="abandoned">{f.abandoned}</td>
                    <td>{n.hot.then(|| view! { "⚠ "{st(|t| t.trees.hot_spot)} })}</td>
                    <td>{steps.join(", ")}</td>
                </tr>
            }
        })
        .collect_view();
    let gone_rows = gone
        .into_iter()
        .map(|f| {
            view! {
                <tr data-node=f.node.clone() class:tree-row-hot=hot.contains(&f.node)>
                    <th scope="row"><code class="muted">{f.node.clone()}</code></th>
                    <td data-figure="reached">{f.reached}</td>
                    <td data-figure="resolved">{f.resolved}</td>
                    <td data-figure="escalated">{f.escalated}</td>
                    <td data-figure="abandoned">{f.abandoned}</td>
                    <td>{hot.contains(&f.node).then(|| view! { "⚠ "{st(|t| t.trees.hot_spot)} })}</td>
                    <td></td>
                </tr>
            }
        })
        .collect_view();

    let (width, height) = (drawing.width, drawing.height);
    let totals = figures.as_ref().map(|f| {
        let x = f.totals;
        view! {
            <dl class="tree-totals" data-testid="tree-totals">
                <div><dt>{st(|t| t.trees.started)}</dt><dd data-figure="started">{x.started}</dd></div>
                <div><dt>{st(|t| t.trees.finished)}</dt><dd data-figure="finished">{x.finished}</dd></div>
                <div><dt>{st(|t| t.trees.deflection)}</dt><dd data-figure="deflection">{super::percent(x.deflection, lang)}</dd></div>
                <div><dt>{st(|t| t.trees.resolved)}</dt><dd data-figure="resolved">{x.resolved}</dd></div>
                <div><dt>{st(|t| t.trees.escalated)}</dt><dd data-figure="escalated">{x.escalated}</dd></div>
                <div><dt>{st(|t| t.trees.abandoned)}</dt><dd data-figure="abandoned">{x.abandoned}</dd></div>
            </dl>
        }
    });
    view! {
        {totals}
        {path_view}
        <section class="tree-hot" aria-labelledby="tree-hot-title">
            <h2 id="tree-hot-title">{st(|t| t.trees.hot_spots)}</h2>
            {hot_list}
        </section>
        <div class="tree-legend" role="note" aria-label=st(|t| t.trees.legend)>
            <span class="tree-legend-item tree-legend-hot">"⚠ "{st(|t| t.trees.legend_hot)}</span>
            {reference.is_some().then(|| view! { <span class="tree-legend-item tree-legend-path">{st(|t| t.trees.legend_path)}</span> })}
        </div>
        <div class="tree-zoom" role="group" aria-label=st(|t| t.trees.graph_label)>
            <button type="button" class="button button-small" on:click=move |_| zoom.update(|z| *z = (*z * 1.25).min(3.0))>{st(|t| t.trees.zoom_in)}</button>
            <button type="button" class="button button-small" on:click=move |_| zoom.update(|z| *z = (*z / 1.25).max(0.3))>{st(|t| t.trees.zoom_out)}</button>
            <button type="button" class="button button-small" on:click=move |_| zoom.set(1.0)>{st(|t| t.trees.zoom_fit)}</button>
        </div>
        <div class="tree-graph-row">
            <div class="tree-graph-frame" role="region" aria-label=st(|t| t.trees.graph_label) tabindex="0" data-testid="tree-graph">
                <svg class="tree-graph" role="group" aria-label=st(|t| t.trees.graph_label)
                    viewBox=format!("0 0 {width:.0} {height:.0}")
                    width=move || format!("{:.0}", width * zoom.get())
                    height=move || format!("{:.0}", height * zoom.get())>
                    <desc>{desc}</desc>
                    <defs>
                        <marker id="tg-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                            <path class="tg-arrow" d="M0,0 L10,5 L0,10 z" />
                        </marker>
                        <marker id="tg-arrow-path" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                            <path class="tg-arrow-path" d="M0,0 L10,5 L0,10 z" />
                        </marker>
                    </defs>
                    <g class="tg-edges" aria-hidden="true">{edges_view}</g>
                    <g class="tg-nodes">{nodes_view}</g>
                </svg>
            </div>
            <aside class="tree-details" aria-labelledby="tree-details-title" aria-live="polite" data-testid="node-details">
                <h2 id="tree-details-title">{st(|t| t.trees.details_title)}</h2>
                {details}
            </aside>
        </div>
        <div class="tree-table-wrap">
            <table class="tree-table" data-testid="node-figures">
                <caption>{st(|t| t.trees.table_title)}</caption>
                <thead><tr>
                    <th scope="col">{st(|t| t.trees.node)}</th>
                    <th scope="col">{st(|t| t.trees.reached)}</th>
                    <th scope="col">{st(|t| t.trees.resolved)}</th>
                    <th scope="col">{st(|t| t.trees.escalated)}</th>
                    <th scope="col">{st(|t| t.trees.abandoned)}</th>
                    <th scope="col">{st(|t| t.trees.hot_spot)}</th>
                    <th scope="col">{st(|t| t.trees.on_path)}</th>
                </tr></thead>
                <tbody>{rows}{gone_rows}</tbody>
            </table>
        </div>
    }
}
