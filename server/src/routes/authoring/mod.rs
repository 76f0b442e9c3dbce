//! Tree authoring for admins: an upload becomes a draft (validated with the rules of
//! `lotse check-trees`, in the context of the served trees), which staff preview and
//! compare with the published version; publishing serves it at once, on every
//! instance, while every earlier version stays readable for the tickets walked on it.
//!
//! - [`drafts`]: `POST /tree-drafts`, `GET /tree-drafts/{id}`, its preview bundle,
//!   publish, discard.
//! - [`history`]: `GET /trees/{id}/history`.
//! - [`follow`]: reloads the served trees when a publication's live event arrives
//!   (this instance's or another's on PostgreSQL).

pub mod drafts;
pub mod history;

use crate::State;
use crate::error::Error;
use domain::api::{DraftProblems, SourceProblem};
use domain::validate::Problem;
use domain::{Catalog, Tree};
use tokio::sync::broadcast::error::RecvError;

/// The upload's trees validated with every served tree except the one it replaces:
/// the parsed tree and the catalog it would make, or every problem found.
pub fn check(source: &str, served: &Catalog) -> Result<(Tree, Catalog), Vec<SourceProblem>> {
    let tree = domain::tree::parse(source).map_err(|e| {
        vec![SourceProblem {
            file: "upload".to_owned(),
            line: e.line,
            node: None,
            rule: "parse".to_owned(),
            message: e.message,
        }]
    })?;
    let catalog = with(&tree, served)?;
    Ok((tree, catalog))
}

/// The served trees with `tree` in place of its published version.
pub fn with(tree: &Tree, served: &Catalog) -> Result<Catalog, Vec<SourceProblem>> {
    let others = served
        .entries()
        .filter(|e| e.tree.id != tree.id)
        .map(|e| (e.file.clone(), e.tree.clone()));
    let trees = others
        .chain(std::iter::once((format!("{}.toml", tree.id), tree.clone())))
        .collect();
    Catalog::validated(trees, served.declarations().clone())
        .map_err(|problems| problems.into_iter().map(problem).collect())
}

fn problem(p: Problem) -> SourceProblem {
    let (file, line) = match p.file.rsplit_once(':') {
        Some((file, line)) if line.parse::<usize>().is_ok() => (file.to_owned(), line.parse().ok()),
        _ => (p.file.clone(), None),
    };
    SourceProblem {
        file,
        line,
        node: p.node,
        rule: p.rule.to_owned(),
        message: p.message,
    }
}

/// 422 naming `source`, with every problem in `details.problems`.
pub fn rejected(problems: Vec<SourceProblem>) -> Error {
    let first = problems
        .first()
        .map(|p| match &p.node {
            Some(node) => format!("node `{node}`: {}: {}", p.rule, p.message),
            None => format!("{}: {}", p.rule, p.message),
        })
        .unwrap_or_default();
    Error::Invalid {
        field: "source".to_owned(),
        rule: "tree".to_owned(),
        message: format!("the tree breaks {} rule(s); first: {first}", problems.len()),
        details: serde_json::to_value(DraftProblems { problems }).ok(),
    }
}

/// Reloads the served trees whenever a publication's event arrives, until shutdown.
/// A lagging receiver may have missed one, so it reloads then too.
pub async fn follow(state: State) {
    let mut changes = state.live.changes();
    let mut closing = state.live.closing();
    loop {
        let reload = tokio::select! {
            delivery = changes.recv() => match delivery {
                Ok(delivery) => delivery.trees,
                Err(RecvError::Lagged(_)) => true,
                Err(RecvError::Closed) => return,
            },
            _ = closing.changed() => return,
        };
        if reload && let Err(e) = state.trees.reload(&state.store).await {
            tracing::warn!(error = %e, "could not reload the published trees");
        }
    }
}
