//! The open ticket, shared by the screen's parts: what is shown, what this view is
//! doing, and what it has to say.
//!
//! Arena signals of the screen: continuations of requests only write them (a write to
//! a signal whose screen is gone does nothing) and read them with `try_` (a read would
//! panic), since the person may leave while a request is under way.

use super::load::{self, Opened};
use super::news;
use crate::staff::api::{self, Failure};
use crate::staff::texts::now;
use domain::api::{QueueItem, StaffMessage, TicketDetail, TransitionRequest};
use leptos::prelude::*;

/// The ticket screen's state (`Copy`: every part holds one).
#[derive(Clone, Copy)]
pub struct OpenTicket {
    pub id: i64,
    /// The ticket as last read; `None` until the first read succeeds.
    pub opened: RwSignal<Option<Opened>>,
    /// Why the first read failed, if it did.
    pub failure: RwSignal<Option<Failure>>,
    /// A read or a change of this view is under way: live events wait until it ends,
    /// so the view does not announce its own change as a colleague's.
    pub busy: RwSignal<bool>,
    /// Why the last action was not done (an alert).
    pub refusal: RwSignal<Option<String>>,
    /// What just changed, for the polite live region.
    pub news: RwSignal<String>,
    /// The newest revision this view has shown or made.
    pub known: RwSignal<i64>,
    /// The signed-in staff member's id (to say "you").
    pub me: i64,
}

/// How a change of this view ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Acted {
    Done,
    /// The server refused a field of the request (shown on that field).
    Field {
        field: String,
        message: String,
    },
    /// Not done; [`OpenTicket::refusal`] says why, and the view shows the ticket as it
    /// is now.
    Refused,
}

impl OpenTicket {
    pub fn new(id: i64, me: i64) -> OpenTicket {
        OpenTicket {
            id,
            opened: RwSignal::new(None),
            failure: RwSignal::new(None),
            busy: RwSignal::new(false),
            refusal: RwSignal::new(None),
            news: RwSignal::new(String::new()),
            known: RwSignal::new(0),
            me,
        }
    }

    /// The detail as shown (reactive); `None` before the first read.
    pub fn detail<T>(&self, f: impl FnOnce(&TicketDetail) -> T) -> Option<T> {
        self.opened.with(|o| o.as_ref().map(|o| f(&o.detail)))
    }

    fn shown_item(&self) -> Option<QueueItem> {
        self.opened
            .try_with_untracked(|o| o.as_ref().map(|o| o.detail.item.clone()))
            .flatten()
    }

    /// Reads the ticket again and shows it. Answers the ticket read, or why not (a
    /// failed first read is kept in [`Self::failure`]; later ones leave the shown
    /// ticket as it was).
    pub async fn reload(self) -> Result<TicketDetail, Failure> {
        match load::ticket(self.id).await {
            Ok(opened) => {
                let detail = opened.detail.clone();
                self.known.set(detail.item.revision);
                self.failure.set(None);
                self.opened.set(Some(opened));
                Ok(detail)
            }
            Err(failure) => {
                if self.shown_item().is_none() {
                    self.failure.set(Some(failure.clone()));
                }
                Err(failure)
            }
        }
    }

    /// Sends a workflow change with the revision the view shows, then shows the ticket
    /// as it is after it. A refusal (stale view, claimed first, not allowed) reads the
    /// ticket again and says what changed; nothing fails silently.
    pub async fn transition(self, mut request: TransitionRequest, done: &'static str) -> Acted {
        let Some(before) = self.shown_item() else {
            return Acted::Refused;
        };
        request.revision = Some(before.revision);
        self.begin();
        let path = format!("/tickets/{}/transition", self.id);
        let answer = api::post::<_, QueueItem>(&path, &request).await;
        let acted = match answer {
            Ok(item) => {
                self.known.set(item.revision);
                let _ = self.reload().await;
                self.news.set(done.to_owned());
                Acted::Done
            }
            Err(failure) => self.refused(failure, &before).await,
        };
        self.busy.set(false);
        acted
    }

    /// Adds a public reply or an internal note (messages carry no revision: they add,
    /// they overwrite nothing).
    pub async fn write(self, message: StaffMessage, done: &'static str) -> Acted {
        let Some(before) = self.shown_item() else {
            return Acted::Refused;
        };
        self.begin();
        let path = format!("/tickets/{}/messages", self.id);
        let answer = api::post::<_, serde_json::Value>(&path, &message).await;
        let acted = match answer {
            Ok(_) => {
                let _ = self.reload().await;
                self.news.set(done.to_owned());
                Acted::Done
            }
            Err(failure) => self.refused(failure, &before).await,
        };
        self.busy.set(false);
        acted
    }

    fn begin(&self) {
        self.busy.set(true);
        self.refusal.set(None);
        self.news.set(String::new());
    }

    /// A refused change: a field's problem goes back to its form; anything else reads
    /// the ticket again (unless the server is out of reach) and says why.
    async fn refused(self, failure: Failure, before: &QueueItem) -> Acted {
        if let (Some(field), Failure::Api { status: 422, error }) = (failure.field(), &failure) {
            return Acted::Field {
                field: field.to_owned(),
                message: error.message.clone(),
            };
        }
        let after = match failure {
            Failure::Unreachable => None,
            _ => self.reload().await.ok().map(|d| d.item),
        };
        let words = news::refusal(&now().ticket, &failure, before, after.as_ref(), self.me);
        self.refusal.set(Some(words));
        Acted::Refused
    }
}
