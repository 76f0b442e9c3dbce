//! The rules of who may do what, without HTTP or SQL.

use super::*;

fn staff(id: i64, role: Role) -> Staff {
    Staff {
        id,
        login: format!("s{id}"),
        name: format!("Staff {id}"),
        role,
        queues: vec![],
        must_change_password: false,
        csrf: String::new(),
        session: String::new(),
    }
}

fn ticket(status: Status, holder: Option<i64>) -> TicketState {
    TicketState {
        id: 1,
        status,
        holder: holder.map(|id| Holder {
            id,
            name: format!("Staff {id}"),
        }),
        revision: 7,
        claimed_at: holder.map(|_| 100),
        resolved_at: None,
        resolution: None,
        gap_node: None,
    }
}

fn code(e: Error) -> String {
    match e {
        Error::Conflict { code, .. } => code.to_owned(),
        Error::Forbidden(_) => "forbidden".into(),
        Error::Invalid { field, rule, .. } => format!("{field}:{rule}"),
        other => format!("{other:?}"),
    }
}

#[test]
fn a_claim_makes_the_caller_the_holder() {
    let me = staff(2, Role::Specialist);
    let plan = plan(
        &me,
        &ticket(Status::New, None),
        &Change::new(Action::Claim),
        500,
    )
    .unwrap();
    assert_eq!(plan.after.status, Status::Claimed);
    assert_eq!(plan.after.holder.as_ref().map(|h| h.id), Some(2));
    assert_eq!(plan.after.claimed_at, Some(500));
    assert_eq!(plan.after.revision, 8);
}

#[test]
fn a_held_ticket_refuses_other_claimers_naming_the_holder() {
    let e = plan(
        &staff(2, Role::Specialist),
        &ticket(Status::Claimed, Some(9)),
        &Change::new(Action::Claim),
        0,
    )
    .unwrap_err();
    match e {
        Error::Conflict {
            code: "already_claimed",
            details: Some(details),
            ..
        } => assert_eq!(details["holder"]["id"], 9),
        other => panic!("{other:?}"),
    }
}

#[test]
fn only_the_holder_or_an_admin_works_a_claimed_ticket() {
    let held = ticket(Status::Claimed, Some(9));
    let holder = staff(9, Role::Specialist);
    let colleague = staff(2, Role::Specialist);
    let admin = staff(3, Role::Admin);
    for action in [Action::WaitForUser, Action::Release] {
        assert!(may(&holder, &held, action).is_ok());
        assert!(may(&admin, &held, action).is_ok());
        assert_eq!(
            code(may(&colleague, &held, action).unwrap_err()),
            "forbidden"
        );
    }
    assert_eq!(
        allowed(&holder, &held),
        vec![
            Action::Release,
            Action::Assign,
            Action::WaitForUser,
            Action::Resolve,
            Action::ReturnToFirstLevel
        ]
    );
    assert!(allowed(&colleague, &held).is_empty());
}

#[test]
fn agents_take_returned_tickets_only() {
    let agent = staff(4, Role::Agent);
    assert_eq!(
        code(may(&agent, &ticket(Status::New, None), Action::Claim).unwrap_err()),
        "forbidden"
    );
    assert!(may(&agent, &ticket(Status::Returned, None), Action::Claim).is_ok());
    assert!(may_view(&agent, &ticket(Status::New, None)).is_err());
    assert!(may_view(&agent, &ticket(Status::Returned, None)).is_ok());
    assert!(may_view(&agent, &ticket(Status::Claimed, Some(4))).is_ok());
}

#[test]
fn illegal_actions_list_the_legal_ones_and_user_actions_are_not_staffs() {
    match may(
        &staff(1, Role::Admin),
        &ticket(Status::New, None),
        Action::Resolve,
    )
    .unwrap_err()
    {
        Error::Conflict {
            code: "illegal_transition",
            details: Some(details),
            ..
        } => assert_eq!(details["legal"], json!(["claim", "assign", "close"])),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        code(
            may(
                &staff(1, Role::Admin),
                &ticket(Status::New, None),
                Action::SolvedByUser
            )
            .unwrap_err()
        ),
        "action:staff_action"
    );
}

#[test]
fn a_stale_revision_is_refused_before_anything_else() {
    let change = Change {
        revision: Some(6),
        ..Change::new(Action::Resolve)
    };
    let e = plan(
        &staff(1, Role::Admin),
        &ticket(Status::New, None),
        &change,
        0,
    )
    .unwrap_err();
    assert_eq!(code(e), "stale");
}

#[test]
fn resolving_and_returning_need_words() {
    let holder = staff(9, Role::Specialist);
    let held = ticket(Status::Claimed, Some(9));
    for action in [Action::Resolve, Action::ReturnToFirstLevel] {
        let e = plan(&holder, &held, &Change::new(action), 0).unwrap_err();
        assert_eq!(code(e), "text:required");
    }
    let change = Change {
        text: Some("  Replaced the toner. ".into()),
        gap_node: Some("printer/toner".into()),
        ..Change::new(Action::Resolve)
    };
    let plan = plan(&holder, &held, &change, 77).unwrap();
    assert_eq!(
        plan.after.resolution.as_deref(),
        Some("Replaced the toner.")
    );
    assert_eq!(plan.after.resolved_at, Some(77));
    assert_eq!(plan.after_json()["gap_node"], "printer/toner");

    let change = Change {
        text: Some("Call back and check the cable".into()),
        ..Change::new(Action::ReturnToFirstLevel)
    };
    let returned = super::plan(&holder, &held, &change, 0).unwrap();
    assert_eq!(returned.after.holder, None);
    assert_eq!(
        returned.note.as_deref(),
        Some("Call back and check the cable")
    );
}

#[test]
fn fields_an_action_does_not_use_are_refused() {
    let request = TransitionRequest {
        action: Action::Close,
        revision: None,
        assignee: Some(3),
        text: None,
        gap_node: None,
    };
    assert_eq!(
        code(unused_fields(&request).unwrap_err()),
        "assignee:not_used"
    );
}

#[test]
fn public_replies_are_the_holders() {
    let held = ticket(Status::Claimed, Some(9));
    assert!(may_write(&staff(9, Role::Specialist), &held, Visibility::Public).is_ok());
    assert!(may_write(&staff(2, Role::Specialist), &held, Visibility::Public).is_err());
    assert!(may_write(&staff(2, Role::Specialist), &held, Visibility::Internal).is_ok());
    assert_eq!(
        code(
            may_write(
                &staff(9, Role::Specialist),
                &ticket(Status::Closed, Some(9)),
                Visibility::Public
            )
            .unwrap_err()
        ),
        "ticket_closed"
    );
}
