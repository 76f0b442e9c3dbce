//! The hand-off intake: checks everything a user sends with a hand-off or a message and
//! turns it into rows. Every refusal names the field and the rule (422).
//!
//! The server never trusts the browser's account of a walk: it replays the transcript
//! with the shared engine on the tree versions the walk claims, which must be versions
//! this server has served.

pub mod files;

use crate::error::Error;
use crate::store::Store;
use domain::api::{Contact, HandoffRequest, MAX_DIAGNOSTICS, MAX_TEXT_CHARS, MAX_TRANSCRIPT_STEPS};
use domain::tree::field::{is_email, is_phone};
use domain::tree::{ContactNeeds, Level, Need, Node};
use domain::walk::{End, Step, Walk};
use domain::{Catalog, replay};
use std::collections::BTreeMap;

/// What a replayed walk says about the hand-off.
pub struct Escalation {
    pub walk: Walk,
    pub node: String,
    pub queue: String,
    pub contact: ContactNeeds,
    pub default_impact: Level,
    pub default_urgency: Level,
}

/// Which tree versions a replay may use besides the ones a request names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Versions {
    /// Exactly the named ones, and the walk must have entered exactly those (hand-offs:
    /// what the user saw is what the ticket records).
    Exact,
    /// Trees the walk enters that are not named (a jump taken since the versions were
    /// fixed, in a handover walk that goes on) are taken at their current version, as
    /// the browser would fetch them.
    Extend,
}

/// Replays `transcript` from `tree` on the named tree versions, which must be versions
/// this server has served; the walk must be legal but may stand anywhere. Returns the
/// walk and the catalog it was replayed on.
pub async fn replay_on(
    store: &Store,
    current: &Catalog,
    tree: &str,
    versions: &BTreeMap<String, String>,
    transcript: &[Step],
    rule: Versions,
) -> Result<(Walk, Catalog), Error> {
    if transcript.len() > MAX_TRANSCRIPT_STEPS {
        return Err(Error::invalid(
            "transcript",
            "max_items",
            format!("a transcript has at most {MAX_TRANSCRIPT_STEPS} steps"),
        ));
    }
    if !versions.contains_key(tree) {
        return Err(Error::invalid(
            format!("versions.{tree}"),
            "required",
            "give the version of the tree the walk started on",
        ));
    }
    if versions.len() > 20 {
        return Err(Error::invalid(
            "versions",
            "max_items",
            "a walk enters at most 20 trees",
        ));
    }
    let mut trees = Vec::new();
    for (id, version) in versions {
        let known = match current.entry(id) {
            Some(entry) if &entry.version == version => Some(entry.tree.clone()),
            _ => store.tree_version(id, version).await?,
        };
        let tree = known.ok_or_else(|| {
            Error::invalid(
                format!("versions.{id}"),
                "unknown_version",
                format!(
                    "tree `{id}` version `{version}` was never served here; start the walk again"
                ),
            )
        })?;
        trees.push((tree, version.clone()));
    }
    if rule == Versions::Extend {
        for entry in current.entries() {
            if !versions.contains_key(&entry.tree.id) {
                trees.push((entry.tree.clone(), entry.version.clone()));
            }
        }
    }
    let catalog = Catalog::trusted(trees);
    let walk = replay(&catalog, tree, transcript).map_err(|e| Error::Invalid {
        field: format!("transcript[{}]", e.step),
        rule: "illegal_move".into(),
        message: format!("step {} is not a legal move: {}", e.step, e.error),
        details: serde_json::to_value(&e.error).ok(),
    })?;
    if rule == Versions::Exact && &walk.versions != versions {
        return Err(Error::invalid(
            "versions",
            "mismatch",
            "the versions do not match the trees the walk entered",
        ));
    }
    Ok((walk, catalog))
}

/// Replays the transcript on the claimed tree versions; the walk must be legal and end
/// at an escalate node.
pub async fn replay_walk(
    store: &Store,
    current: &Catalog,
    request: &HandoffRequest,
) -> Result<Escalation, Error> {
    let (walk, catalog) = replay_on(
        store,
        current,
        &request.tree,
        &request.versions,
        &request.transcript,
        Versions::Exact,
    )
    .await?;
    escalation(walk, &catalog)
}

/// What an escalated walk hands off; 422 `not_escalated` when the walk stands elsewhere.
pub fn escalation(walk: Walk, catalog: &Catalog) -> Result<Escalation, Error> {
    if walk.end != Some(End::Escalated) {
        return Err(Error::invalid(
            "transcript",
            "not_escalated",
            "the walk does not end at an escalate node; only escalations become tickets",
        ));
    }
    let place = walk.place().clone();
    match walk.node(catalog) {
        Some(Node::Escalate {
            queue,
            impact,
            urgency,
            contact,
            ..
        }) => Ok(Escalation {
            node: place.node,
            queue: queue.clone(),
            contact: *contact,
            default_impact: *impact,
            default_urgency: *urgency,
            walk,
        }),
        _ => Err(Error::Internal(
            "an escalated walk stands on a non-escalate node".into(),
        )),
    }
}

/// Checks the contact against what the escalate node asks for; returns it trimmed, with
/// details the node does not ask for dropped.
pub fn contact(contact: &Contact, needs: ContactNeeds) -> Result<Contact, Error> {
    let name = contact.name.trim();
    if name.is_empty() {
        return Err(Error::invalid(
            "contact.name",
            "required",
            "tell us your name",
        ));
    }
    if name.chars().count() > 200 {
        return Err(Error::invalid(
            "contact.name",
            "max_length",
            "a name has at most 200 characters",
        ));
    }
    let email = detail(
        contact.email.as_deref(),
        needs.email,
        "contact.email",
        is_email,
        "not an e-mail address",
    )?;
    let phone = detail(
        contact.phone.as_deref(),
        needs.phone,
        "contact.phone",
        is_phone,
        "not a phone number",
    )?;
    Ok(Contact {
        name: name.to_owned(),
        email,
        phone,
    })
}

fn detail(
    value: Option<&str>,
    need: Need,
    field: &str,
    valid: fn(&str) -> bool,
    what: &str,
) -> Result<Option<String>, Error> {
    let value = value.map(str::trim).filter(|v| !v.is_empty());
    match (value, need) {
        (_, Need::Hidden) => Ok(None),
        (None, Need::Required) => Err(Error::invalid(
            field,
            "required",
            "this escalation needs it to reach you",
        )),
        (None, Need::Optional) => Ok(None),
        (Some(v), _) if v.chars().count() > 254 || !valid(v) => {
            Err(Error::invalid(field, "format", what))
        }
        (Some(v), _) => Ok(Some(v.to_owned())),
    }
}

/// A free text: at most [`MAX_TEXT_CHARS`] characters.
pub fn text(field: &str, value: &str) -> Result<String, Error> {
    let value = value.trim();
    if value.chars().count() > MAX_TEXT_CHARS {
        return Err(Error::invalid(
            field,
            "max_length",
            format!("at most {MAX_TEXT_CHARS} characters"),
        ));
    }
    Ok(value.to_owned())
}

/// Diagnostics: a few short named values; returned as the JSON to store.
pub fn diagnostics(diagnostics: &BTreeMap<String, String>) -> Result<String, Error> {
    if diagnostics.len() > MAX_DIAGNOSTICS {
        return Err(Error::invalid(
            "diagnostics",
            "max_items",
            format!("at most {MAX_DIAGNOSTICS} values"),
        ));
    }
    for (name, value) in diagnostics {
        let field = format!("diagnostics.{name}");
        let name_ok = !name.is_empty()
            && name.len() <= 64
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b));
        if !name_ok {
            return Err(Error::invalid(
                field,
                "name_format",
                "names use a-z, 0-9, `_`, `.`, `-` (at most 64)",
            ));
        }
        if value.chars().count() > 500 {
            return Err(Error::invalid(
                field,
                "max_length",
                "a diagnostic value has at most 500 characters",
            ));
        }
    }
    serde_json::to_string(diagnostics).map_err(|e| Error::Internal(e.to_string()))
}

/// The user's language must be one the tree speaks.
pub fn language(language: &str, catalog_tree: Option<&domain::Tree>) -> Result<String, Error> {
    let ok = catalog_tree.is_none_or(|t| t.languages.iter().any(|l| l == language));
    if !ok || language.len() > 8 {
        return Err(Error::invalid(
            "language",
            "one_of",
            "use a language of the tree (de or en)",
        ));
    }
    Ok(language.to_owned())
}
