//! Reading the Queue's filters from the query string. Every value is checked, and a
//! wrong one is a 422 naming the parameter: a typo must not silently widen or empty
//! the list someone works from.

use super::cursor;
use crate::auth::Staff;
use crate::error::Error;
use crate::store::queue::{Assignee, Order, QueueQuery};
use domain::api::Role;
use domain::ticket::Status;

/// Rows per page unless `limit` says otherwise.
pub const DEFAULT_LIMIT: i64 = 50;
/// Most rows per page.
pub const MAX_LIMIT: i64 = 200;
/// Longest search text, in characters.
const MAX_SEARCH_CHARS: usize = 200;
/// Most words of a search.
const MAX_SEARCH_WORDS: usize = 8;

/// The statuses listed when `status` is not given: those that still need work.
pub fn open_statuses() -> Vec<Status> {
    Status::ALL.into_iter().filter(|s| s.is_open()).collect()
}

/// The queues `staff` work in by default: every queue for admins and for people
/// without queues of their own, else their queues.
pub fn own_queues(staff: &Staff) -> Option<Vec<String>> {
    (staff.role != Role::Admin && !staff.queues.is_empty()).then(|| staff.queues.clone())
}

/// The query `staff` asks for with the query string `raw`.
pub fn parse(raw: Option<&str>, staff: &Staff) -> Result<QueueQuery, Error> {
    let mut query = QueueQuery {
        statuses: open_statuses(),
        queues: own_queues(staff),
        priorities: Vec::new(),
        assignee: None,
        words: Vec::new(),
        agent: (staff.role == Role::Agent).then_some(staff.id),
        order: Order::Priority,
        after: None,
        limit: DEFAULT_LIMIT,
    };
    let mut statuses = Vec::new();
    let mut queues = Vec::new();
    let mut seen_once = Vec::new();
    for (name, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        let name = name.as_ref();
        if matches!(name, "assignee" | "q" | "limit" | "cursor" | "order") {
            if seen_once.contains(&name.to_owned()) {
                return Err(Error::invalid(name, "repeated", "give this parameter once"));
            }
            seen_once.push(name.to_owned());
        }
        match name {
            "status" => statuses.extend(list(&value).map(status).collect::<Result<Vec<_>, _>>()?),
            "queue" => queues.extend(list(&value).map(queue).collect::<Result<Vec<_>, _>>()?),
            "priority" => query
                .priorities
                .extend(list(&value).map(priority).collect::<Result<Vec<_>, _>>()?),
            "assignee" => query.assignee = Some(assignee(&value, staff)?),
            "q" => query.words = words(&value)?,
            "limit" => query.limit = limit(&value)?,
            "cursor" => query.after = Some(cursor::decode(&value)?),
            "order" => query.order = order(&value)?,
            other => {
                return Err(Error::invalid(
                    other,
                    "unknown_parameter",
                    "the Queue takes status, queue, priority, assignee, q, order, limit and cursor",
                ));
            }
        }
    }
    if let Some(after) = query.after
        && after.order() != query.order
    {
        return Err(Error::invalid(
            "cursor",
            "order",
            format!(
                "this cursor pages the `{}` order; ask with order={} or start again without a cursor",
                after.order().name(),
                after.order().name()
            ),
        ));
    }
    if !statuses.is_empty() {
        query.statuses = statuses;
    }
    if !queues.is_empty() {
        // `*` anywhere in the list means every queue.
        query.queues = (!queues.iter().any(|q| q == "*")).then_some(queues);
    }
    Ok(query)
}

/// The items of a comma list; an empty item is kept so it is refused by name.
fn list(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim)
}

fn status(value: &str) -> Result<Status, Error> {
    Status::parse(value).ok_or_else(|| {
        let names: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();
        Error::invalid(
            "status",
            "one_of",
            format!("`{value}` is not a status; use {}", names.join(", ")),
        )
    })
}

fn queue(value: &str) -> Result<String, Error> {
    let ok = value == "*"
        || (!value.is_empty()
            && value.len() <= 64
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)));
    if ok {
        Ok(value.to_owned())
    } else {
        Err(Error::invalid(
            "queue",
            "format",
            format!("`{value}` is not a queue name (a-z, 0-9, `-`, `_`, `.`; `*` for every queue)"),
        ))
    }
}

fn priority(value: &str) -> Result<i64, Error> {
    value
        .parse::<i64>()
        .ok()
        .filter(|p| (1..=5).contains(p))
        .ok_or_else(|| {
            Error::invalid(
                "priority",
                "range",
                format!("`{value}` is not a priority; use 1 (critical) to 5 (planning)"),
            )
        })
}

fn assignee(value: &str, staff: &Staff) -> Result<Assignee, Error> {
    match value {
        "me" => Ok(Assignee::Staff(staff.id)),
        "none" => Ok(Assignee::Nobody),
        id => id
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(Assignee::Staff)
            .ok_or_else(|| {
                Error::invalid(
                    "assignee",
                    "format",
                    "use `me`, `none` or the id of a staff member",
                )
            }),
    }
}

fn words(value: &str) -> Result<Vec<String>, Error> {
    if value.chars().count() > MAX_SEARCH_CHARS {
        return Err(Error::invalid(
            "q",
            "max_length",
            format!("search for at most {MAX_SEARCH_CHARS} characters"),
        ));
    }
    let words: Vec<String> = value.split_whitespace().map(domain::fold::fold).collect();
    if words.len() > MAX_SEARCH_WORDS {
        return Err(Error::invalid(
            "q",
            "max_items",
            format!("search for at most {MAX_SEARCH_WORDS} words"),
        ));
    }
    Ok(words)
}

fn order(value: &str) -> Result<Order, Error> {
    Order::parse(value).ok_or_else(|| {
        Error::invalid(
            "order",
            "one_of",
            format!(
                "`{value}` is not an order; use priority (priority, then age) or age (oldest first)"
            ),
        )
    })
}

fn limit(value: &str) -> Result<i64, Error> {
    value
        .parse::<i64>()
        .ok()
        .filter(|l| (1..=MAX_LIMIT).contains(l))
        .ok_or_else(|| {
            Error::invalid(
                "limit",
                "range",
                format!("a page has 1 to {MAX_LIMIT} rows"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specialist() -> Staff {
        Staff {
            id: 7,
            login: "kim".into(),
            name: "Kim".into(),
            role: Role::Specialist,
            queues: vec!["workplace".into()],
            must_change_password: false,
            csrf: String::new(),
            session: String::new(),
        }
    }

    fn field(raw: &str) -> String {
        match parse(Some(raw), &specialist()) {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("{raw}: {other:?}"),
        }
    }

    #[test]
    fn defaults_are_open_tickets_of_my_queues() {
        let q = parse(None, &specialist()).unwrap();
        assert_eq!(q.statuses, open_statuses());
        assert_eq!(q.queues, Some(vec!["workplace".to_owned()]));
        assert_eq!(q.limit, DEFAULT_LIMIT);
        assert_eq!(q.agent, None);
        assert_eq!(q.order, Order::Priority);
    }

    #[test]
    fn the_order_is_priority_or_age_and_a_cursor_keeps_its_own() {
        let age = parse(Some("order=age"), &specialist()).unwrap();
        assert_eq!(age.order, Order::Age);
        let by_priority = parse(Some("order=priority"), &specialist()).unwrap();
        assert_eq!(by_priority.order, Order::Priority);
        let age_cursor = cursor::encode(crate::store::queue::After::Age {
            created_at: 5,
            id: 6,
        });
        let paged = parse(
            Some(&format!("cursor={age_cursor}&order=age")),
            &specialist(),
        );
        assert_eq!(
            paged.unwrap().after,
            Some(crate::store::queue::After::Age {
                created_at: 5,
                id: 6
            })
        );
        assert_eq!(field(&format!("cursor={age_cursor}")), "cursor");
        assert_eq!(
            field(&format!("cursor={age_cursor}&order=priority")),
            "cursor"
        );
    }

    #[test]
    fn lists_repeat_or_use_commas() {
        let q = parse(
            Some("status=new,claimed&status=returned&queue=*&priority=1,2&assignee=me&q=Anna%20Printer&limit=7"),
            &specialist(),
        )
        .unwrap();
        assert_eq!(
            q.statuses,
            vec![Status::New, Status::Claimed, Status::Returned]
        );
        assert_eq!(q.queues, None);
        assert_eq!(q.priorities, vec![1, 2]);
        assert_eq!(q.assignee, Some(Assignee::Staff(7)));
        assert_eq!(q.words, vec!["anna", "printer"]);
        assert_eq!(q.limit, 7);
    }

    #[test]
    fn every_bad_value_names_its_parameter() {
        assert_eq!(field("status=open"), "status");
        assert_eq!(field("status=new,"), "status");
        assert_eq!(field("queue=a%20b"), "queue");
        assert_eq!(field("priority=0"), "priority");
        assert_eq!(field("assignee=you"), "assignee");
        assert_eq!(field("limit=201"), "limit");
        assert_eq!(field("limit=x"), "limit");
        assert_eq!(field("cursor=nope"), "cursor");
        assert_eq!(field("sort=age"), "sort");
        assert_eq!(field("limit=5&limit=6"), "limit");
        assert_eq!(field("order=size"), "order");
        assert_eq!(field("order="), "order");
        assert_eq!(field("order=age&order=age"), "order");
    }
}
