//! A call's end over real HTTP: escalated to a phone ticket the 2nd level works (with
//! the agent, the notes and, after a handover, the caller's status link), or solved on
//! the call (an outcome, and a closed ticket if wanted); idempotent like hand-offs.

use crate::harness;

use domain::api::{
    ApiError, CallSolvedAnswer, CallTicket, CallerTickets, HandoverState, HandoverStatus,
    PublicTicket, QueuePage, ReturnedTickets, TicketDetail,
};
use domain::ticket::Status;
use domain::walk::{End, Walk};
use harness::handovers::{self, caller, caller_state, create};
use harness::{TestServer, staff, walks};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn key() -> String {
    format!("call-key-{}", server::auth::secret::token())
}

/// A call's hand-off of `walk` with two notes.
fn handoff_body(walk: &Walk) -> Value {
    json!({
        "tree": walk.tree,
        "versions": walk.versions,
        "transcript": walk.transcript,
        "caller": { "name": "Carl Caller", "email": "carl@example.org", "phone": "+49 30 555 0101" },
        "notes": [
            { "step": 0, "text": "Printer on the 3rd floor" },
            { "step": walk.transcript.len(), "text": "Toner replaced, still blank pages" },
        ],
        "description": "Blank pages since the toner change.",
        "impact": "medium",
        "urgency": "high",
        "language": "en",
        "call_started_at": server::store::now_ms() - 120_000,
    })
}

async fn post_with_key(
    agent: &staff::StaffClient,
    path: &str,
    key: &str,
    body: &Value,
) -> reqwest::Response {
    agent
        .client
        .post(agent.url(path))
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn error(res: reqwest::Response) -> ApiError {
    res.json().await.unwrap()
}

#[tokio::test]
async fn a_call_escalates_to_a_phone_ticket_the_2nd_level_works() {
    let s = TestServer::start().await;
    let anna = staff::sign_in(&s, "Anna Agent", "agent", &[]).await;
    let walk = walks::walk_to(&s.state.trees.catalog(), "printer", End::Escalated);
    let body = handoff_body(&walk);
    let key = key();
    let res = post_with_key(&anna, "/api/v1/calls/handoffs", &key, &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let ticket: CallTicket = res.json().await.unwrap();
    assert_eq!(ticket.status, Status::New);

    // A retry gets the same ticket; the key with another body is refused.
    let res = post_with_key(&anna, "/api/v1/calls/handoffs", &key, &body).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get("idempotent-replayed").is_some());
    assert_eq!(res.json::<CallTicket>().await.unwrap(), ticket);
    let mut other = body.clone();
    other["description"] = json!("Something else");
    let res = post_with_key(&anna, "/api/v1/calls/handoffs", &key, &other).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(error(res).await.code, "idempotency_key_reused");

    // The 2nd level finds it in the Queue and sees channel, agent and notes.
    let detail: TicketDetail = {
        let kim = staff::sign_in(&s, "Kim Specialist", "specialist", &[]).await;
        let page: QueuePage = kim
            .get(&format!("/api/v1/queue?q={}", ticket.reference))
            .await
            .json()
            .await
            .unwrap();
        let row = page
            .items
            .iter()
            .find(|i| i.id == ticket.id)
            .expect("listed");
        assert_eq!(row.channel, "phone");
        kim.get(&format!("/api/v1/tickets/{}", ticket.id))
            .await
            .json()
            .await
            .unwrap()
    };
    assert_eq!(detail.item.channel, "phone");
    assert_eq!(detail.contact.name, "Carl Caller");
    let call = detail.call.expect("a call record");
    assert_eq!(call.agent.name, "Anna Agent");
    assert_eq!(call.notes.len(), 2);
    assert!(call.started_at.is_some());
    assert!(!call.handover);
    assert_eq!(
        detail.audit[0].actor.as_ref().map(|a| a.name.as_str()),
        Some("Anna Agent")
    );
    // A portal hand-off has no call record.
    let portal = harness::tickets::hand_off(&s, Default::default()).await;
    let db = staff::database(&s).await;
    let (portal_id,): (i64,) = sqlx::query_as("SELECT id FROM tickets WHERE reference = $1")
        .bind(&portal.reference)
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    let admin = staff::sign_in(&s, "Ada Admin", "admin", &[]).await;
    let portal: TicketDetail = admin
        .get(&format!("/api/v1/tickets/{portal_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert!(portal.call.is_none());
    assert_eq!(portal.item.channel, "web");
}

#[tokio::test]
async fn a_call_hand_off_names_what_is_wrong() {
    let s = TestServer::start().await;
    let anna = staff::sign_in(&s, "Anna Agent", "agent", &[]).await;
    let walk = walks::walk_to(&s.state.trees.catalog(), "printer", End::Escalated);
    let refusal = |change: fn(&mut Value)| {
        let mut body = handoff_body(&walk);
        change(&mut body);
        let anna = &anna;
        async move {
            let res = post_with_key(anna, "/api/v1/calls/handoffs", &key(), &body).await;
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
            let e = error(res).await;
            format!(
                "{} {}",
                e.field.unwrap_or_default(),
                e.rule.unwrap_or_default()
            )
        }
    };
    assert_eq!(
        refusal(|b| b["notes"][1]["text"] = json!("  ")).await,
        "notes[1].text required"
    );
    assert_eq!(
        refusal(|b| b["notes"][0]["step"] = json!(999)).await,
        "notes[0].step maximum"
    );
    assert_eq!(
        refusal(|b| b["caller"]["name"] = json!("")).await,
        "caller.name required"
    );
    assert_eq!(
        refusal(|b| b["caller"]["email"] = Value::Null).await,
        "caller.email required"
    );
    assert_eq!(
        refusal(|b| b["call_started_at"] = json!(server::store::now_ms() - 2 * 86_400_000)).await,
        "call_started_at range"
    );
    assert_eq!(
        refusal(|b| {
            let steps = b["transcript"].as_array().unwrap().len();
            b["transcript"].as_array_mut().unwrap().truncate(steps - 1);
            b["notes"] = json!([]);
        })
        .await,
        "transcript not_escalated"
    );
}

#[tokio::test]
async fn an_escalated_handover_gives_the_caller_the_status_link() {
    let s = TestServer::start().await;
    let walk = handovers::escalated(&s);
    let created = create(&s, &walk, 1).await;
    let agents = staff::sign_in_many(&s, "Agent", "agent", &[], 2).await;
    let res = agents[0]
        .post("/api/v1/calls/handovers", &json!({ "code": created.code }))
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    let mut body = handoff_body(&walk);
    body["handover"] = json!(created.id);
    // Another agent cannot settle it.
    let res = post_with_key(&agents[1], "/api/v1/calls/handoffs", &key(), &body).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = post_with_key(&agents[0], "/api/v1/calls/handoffs", &key(), &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let ticket: CallTicket = res.json().await.unwrap();

    let state = caller_state(&s, &created).await;
    assert_eq!(state.status, HandoverStatus::Escalated);
    let link = state.ticket.expect("the ticket");
    assert_eq!(link.reference, ticket.reference);
    assert_eq!(link.id, None);
    let token = link.token.expect("the caller's token");
    let res = caller(
        &s,
        Method::GET,
        &format!("/api/v1/handoffs/{}", ticket.reference),
        &token,
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let public: PublicTicket = res.json().await.unwrap();
    assert_eq!(public.status, Status::New);

    let agent_view: HandoverState = agents[0]
        .get(&format!("/api/v1/calls/handovers/{}", created.id))
        .await
        .json()
        .await
        .unwrap();
    let theirs = agent_view.ticket.unwrap();
    assert_eq!((theirs.id, theirs.token), (Some(ticket.id), None));

    // The session is settled: a second ticket for it is refused.
    let res = post_with_key(&agents[0], "/api/v1/calls/handoffs", &key(), &body).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(error(res).await.code, "handover_over");
    let kim = staff::sign_in(&s, "Kim Specialist", "specialist", &[]).await;
    let detail: TicketDetail = kim
        .get(&format!("/api/v1/tickets/{}", ticket.id))
        .await
        .json()
        .await
        .unwrap();
    assert!(detail.call.unwrap().handover);
}

#[tokio::test]
async fn solved_on_the_call_records_an_outcome_and_if_wanted_a_closed_ticket() {
    let s = TestServer::start().await;
    let anna = staff::sign_in(&s, "Anna Agent", "agent", &[]).await;
    let walk = handovers::escalated(&s);
    let partial = |steps: usize| {
        json!({
            "tree": walk.tree,
            "versions": handovers::versions(&s, &walk, steps),
            "transcript": handovers::moves(&walk, steps),
            "notes": [{ "step": steps, "text": "Restarted the spooler" }],
            "language": "en",
        })
    };
    let outcomes = || async {
        let db = staff::database(&s).await;
        let rows: Vec<(String, String, String)> =
            sqlx::query_as("SELECT node_id, outcome, channel FROM outcomes ORDER BY id")
                .fetch_all(&db)
                .await
                .unwrap();
        db.close().await;
        rows
    };

    // Solved before the tree is: an outcome where the walk stands, no ticket.
    let key1 = key();
    let body = partial(1);
    let res = post_with_key(&anna, "/api/v1/calls/solved", &key1, &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.json::<CallSolvedAnswer>().await.unwrap().ticket, None);
    let res = post_with_key(&anna, "/api/v1/calls/solved", &key1, &body).await;
    assert_eq!(res.status(), StatusCode::OK);
    let stood = domain::replay(&s.state.trees.catalog(), &walk.tree, &walk.transcript[..1])
        .unwrap()
        .place()
        .node
        .clone();
    assert_eq!(
        outcomes().await,
        [(stood, "resolved".to_owned(), "phone".to_owned())],
        "recorded once"
    );

    // For the record: a summary and a name are needed.
    let mut body = partial(2);
    body["record"] = json!(true);
    let res = post_with_key(&anna, "/api/v1/calls/solved", &key(), &body).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e = error(res).await;
    assert_eq!(
        (e.field.as_deref(), e.rule.as_deref()),
        (Some("summary"), Some("required"))
    );
    body["summary"] = json!("Restarted the print spooler; prints again.");
    let res = post_with_key(&anna, "/api/v1/calls/solved", &key(), &body).await;
    assert_eq!(error(res).await.field.as_deref(), Some("caller"));

    // With a handover, the session ends solved.
    let created = create(&s, &walk, 1).await;
    anna.post("/api/v1/calls/handovers", &json!({ "code": created.code }))
        .await;
    body["caller"] = json!({ "name": "Carl Caller", "phone": "030 555 0101" });
    body["handover"] = json!(created.id);
    let res = post_with_key(&anna, "/api/v1/calls/solved", &key(), &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let ticket = res
        .json::<CallSolvedAnswer>()
        .await
        .unwrap()
        .ticket
        .expect("a ticket for the record");
    assert_eq!(ticket.status, Status::Closed);
    assert_eq!(
        caller_state(&s, &created).await.status,
        HandoverStatus::Solved
    );
    let detail: TicketDetail = anna
        .get(&format!("/api/v1/tickets/{}", ticket.id))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail.item.status, Status::Closed);
    assert_eq!(detail.item.channel, "phone");
    assert_eq!(
        detail.item.holder.as_ref().map(|h| h.name.as_str()),
        Some("Anna Agent")
    );
    assert_eq!(
        detail.resolution.as_deref(),
        Some("Restarted the print spooler; prints again.")
    );
    assert_eq!(detail.call.unwrap().notes[0].text, "Restarted the spooler");
    assert_eq!(outcomes().await.len(), 2);
}

#[tokio::test]
async fn the_lookup_finds_a_callers_open_tickets_by_reference_email_or_phone() {
    let s = TestServer::start().await;
    let anna = staff::sign_in(&s, "Anna Agent", "agent", &[]).await;
    let kim = staff::sign_in(&s, "Kim Specialist", "specialist", &[]).await;
    let walk = walks::walk_to(&s.state.trees.catalog(), "printer", End::Escalated);
    let res = post_with_key(
        &anna,
        "/api/v1/calls/handoffs",
        &key(),
        &handoff_body(&walk),
    )
    .await;
    let ticket: CallTicket = res.json().await.unwrap();
    let portal = harness::tickets::hand_off(&s, Default::default()).await;

    let lookup = |who: &staff::StaffClient, q: &str| {
        let path = format!("/api/v1/calls/lookup?q={}", urlencode(q));
        let who = who.clone();
        async move {
            let res = who.get(&path).await;
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            res.json::<CallerTickets>().await.unwrap()
        }
    };
    let found = lookup(&anna, &ticket.reference.to_lowercase()).await;
    assert_eq!(found.matched_by, "reference");
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].id, ticket.id);
    assert_eq!(found.items[0].channel, "phone");
    // Agents open only returned tickets and their own; the 2nd level opens any.
    assert!(!found.items[0].can_open);
    assert!(lookup(&kim, &ticket.reference).await.items[0].can_open);

    let found = lookup(&anna, "CARL@example.org").await;
    assert_eq!(found.matched_by, "email");
    assert_eq!(
        found.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        [ticket.id]
    );
    let found = lookup(&anna, "+49 (30) 555-0101").await;
    assert_eq!(found.matched_by, "phone");
    assert_eq!(
        found.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        [ticket.id]
    );
    let found = lookup(&anna, "+49 30 1234567").await;
    assert!(
        found
            .items
            .iter()
            .any(|i| i.reference == portal.reference && i.channel == "web")
    );

    // Tickets from before the lookup get their digits at start-up.
    let db = staff::database(&s).await;
    sqlx::query("UPDATE tickets SET contact_phone_digits = NULL")
        .execute(&db)
        .await
        .unwrap();
    db.close().await;
    assert!(lookup(&anna, "+4930 5550101").await.items.is_empty());
    server::store::schema::fill_phone_digits(&s.state.store)
        .await
        .unwrap();
    assert_eq!(lookup(&anna, "+4930 5550101").await.items.len(), 1);

    let res = anna.get("/api/v1/calls/lookup?q=Carl").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e = error(res).await;
    assert_eq!(
        (e.field.as_deref(), e.rule.as_deref()),
        (Some("q"), Some("format"))
    );
    assert!(e.message.contains("e-mail") && e.message.contains("phone"));

    // Closed tickets are not the caller's open ones.
    let res = kim
        .post_empty(&format!("/api/v1/tickets/{}/claim", ticket.id))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = kim
        .post(
            &format!("/api/v1/tickets/{}/transition", ticket.id),
            &json!({ "action": "resolve", "text": "New toner cartridge." }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(lookup(&anna, "carl@example.org").await.items.is_empty());
}

#[tokio::test]
async fn returned_tickets_come_with_the_instructions_and_how_to_call_back() {
    let s = TestServer::start().await;
    let agents = staff::sign_in_many(&s, "Agent", "agent", &[], 2).await;
    let kim = staff::sign_in(&s, "Kim Specialist", "specialist", &[]).await;
    let walk = walks::walk_to(&s.state.trees.catalog(), "printer", End::Escalated);
    let res = post_with_key(
        &agents[0],
        "/api/v1/calls/handoffs",
        &key(),
        &handoff_body(&walk),
    )
    .await;
    let ticket: CallTicket = res.json().await.unwrap();
    let res = kim
        .post_empty(&format!("/api/v1/tickets/{}/claim", ticket.id))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = kim
        .post(
            &format!("/api/v1/tickets/{}/transition", ticket.id),
            &json!({ "action": "return_to_first_level", "text": "Ask for the printer's model number." }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    let returned = |who: usize| {
        let who = agents[who].clone();
        async move {
            let res = who.get("/api/v1/calls/returned").await;
            assert_eq!(res.status(), StatusCode::OK);
            res.json::<ReturnedTickets>().await.unwrap().items
        }
    };
    let items = returned(1).await;
    let mine = items
        .iter()
        .find(|i| i.item.id == ticket.id)
        .expect("listed");
    assert_eq!(
        mine.instructions.as_deref(),
        Some("Ask for the printer's model number.")
    );
    assert_eq!(
        mine.returned_by.as_ref().map(|h| h.name.as_str()),
        Some("Kim Specialist")
    );
    assert!(mine.returned_at.is_some());
    assert_eq!(mine.contact_phone.as_deref(), Some("+49 30 555 0101"));
    assert_eq!(mine.contact_email.as_deref(), Some("carl@example.org"));
    assert_eq!(mine.language, "en");

    // Taken back by one agent: still on that agent's list, no longer on the other's.
    let res = agents[0]
        .post_empty(&format!("/api/v1/tickets/{}/claim", ticket.id))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let theirs = returned(0).await;
    let held = theirs
        .iter()
        .find(|i| i.item.id == ticket.id)
        .expect("still listed");
    assert_eq!(held.item.status, Status::Claimed);
    assert!(held.instructions.is_some());
    assert!(returned(1).await.iter().all(|i| i.item.id != ticket.id));
}

fn urlencode(q: &str) -> String {
    q.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
