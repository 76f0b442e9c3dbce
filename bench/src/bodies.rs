//! Hand-off bodies the server accepts: legal walks to an escalate node of every shipped
//! tree, with varied contacts, texts, priorities and languages.
//!
//! The trees come from the server's own API, as the browser gets them, and the walks
//! from the engine's search (`domain::walk::explore`). So the bench needs no path to the
//! tree folder and keeps working when a tree changes. Bodies are made and serialised
//! once, before any load, so the generator spends its time sending.

use domain::api::{Contact, HandoffRequest, NewAttachment, TreeBundle, TreeList};
use domain::tree::Level;
use domain::walk::{End, Walk, explore};
use domain::{Catalog, Tree};
use reqwest::Client;
use std::collections::BTreeMap;

/// Most distinct escalating walks taken from one tree.
const WALKS_PER_TREE: usize = 60;

const LEVELS: [Level; 3] = [Level::High, Level::Medium, Level::Low];

/// `ipconfig` output as a small text attachment (every fourth hand-off carries one).
const IPCONFIG_BASE64: &str = "V2luZG93cyBJUCBDb25maWd1cmF0aW9uDQogICBIb3N0IE5hbWUgLiAuIC4gLiA6IFBDLTA4MTUNCiAgIERIQ1AgRW5hYmxlZC4gLiAuIDogWWVzDQogICBEZWZhdWx0IEdhdGV3YXkgLiA6IDE5Mi4xNjguMS4xDQo=";

/// A tree's escalating walks and the languages it speaks.
struct Escalations {
    walks: Vec<Walk>,
    languages: Vec<String>,
}

/// `count` distinct serialised hand-off bodies.
pub async fn prepare(client: &Client, url: &str, count: usize) -> Result<Vec<Vec<u8>>, String> {
    let list: TreeList = get_json(client, &format!("{url}/api/v1/trees")).await?;
    let mut trees: BTreeMap<String, (Tree, String)> = BTreeMap::new();
    for summary in &list.trees {
        let bundle: TreeBundle =
            get_json(client, &format!("{url}/api/v1/trees/{}", summary.id)).await?;
        for versioned in bundle.trees {
            trees.insert(
                versioned.tree.id.clone(),
                (versioned.tree, versioned.version),
            );
        }
    }
    let catalog = Catalog::trusted(trees.into_values());
    let escalations: Vec<Escalations> = list
        .trees
        .iter()
        .map(|summary| Escalations {
            walks: explore::walks(&catalog, &summary.id, End::Escalated, WALKS_PER_TREE),
            languages: summary.languages.clone(),
        })
        .filter(|e| !e.walks.is_empty() && !e.languages.is_empty())
        .collect();
    if escalations.is_empty() {
        return Err("no tree on the server has a walk to an escalate node".into());
    }
    (0..count)
        .map(|i| {
            let tree = &escalations[i % escalations.len()];
            let walk = &tree.walks[(i / escalations.len()) % tree.walks.len()];
            let language = tree.languages[i % tree.languages.len()].clone();
            serde_json::to_vec(&request(i, walk, language)).map_err(|e| e.to_string())
        })
        .collect()
}

/// The `i`-th hand-off of the run, on `walk`.
fn request(i: usize, walk: &Walk, language: String) -> HandoffRequest {
    HandoffRequest {
        tree: walk.tree.clone(),
        versions: walk.versions.clone(),
        transcript: walk.transcript.clone(),
        diagnostics: [
            ("browser", "Chromium 156"),
            ("platform", "Windows 11"),
            ("online", "false"),
            ("screen", "1920x1080"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect(),
        contact: Contact {
            name: format!("Bench User {i}"),
            email: Some(format!("user{i}@example.org")),
            phone: Some(format!("+49 30 {:07}", 1_000_000 + i)),
        },
        description: format!(
            "Load test hand-off {i}: it stopped working this morning, restarting did not help."
        ),
        impact: LEVELS[i % 3],
        urgency: LEVELS[(i / 3) % 3],
        language,
        attachments: if i.is_multiple_of(4) {
            vec![NewAttachment {
                name: "ipconfig.txt".into(),
                data: IPCONFIG_BASE64.into(),
            }]
        } else {
            Vec::new()
        },
    }
}

async fn get_json<T: serde::de::DeserializeOwned>(client: &Client, url: &str) -> Result<T, String> {
    let response = client
        .get(url)
        .send()
        .await
        .map_err(|e| format!("GET {url}: {e}"))?;
    if !response.status().is_success() {
        return Err(format!("GET {url}: {}", response.status()));
    }
    response
        .json()
        .await
        .map_err(|e| format!("GET {url}: not the expected JSON: {e}"))
}
