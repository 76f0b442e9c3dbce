//! `lotse backup` of a running server (hand-offs arriving meanwhile) and `lotse restore`
//! into a fresh data folder, run as the real binary: the restored server knows every
//! ticket of the backup with its attachment and access token, and every account.
//! Always on SQLite (the command is for the embedded database; PostgreSQL has pg_dump),
//! also in the PostgreSQL pass of the suite.

use crate::harness;

use domain::api::{PublicTicket, Role};
use harness::TestServer;
use harness::accounts::{PASSWORD, signed_in, try_sign_in};
use harness::tickets::{Handoff, PNG, hand_off};
use reqwest::StatusCode;
use std::path::Path;
use std::process::{Command, Output};

fn lotse(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lotse"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env_remove("LOTSE_DATABASE_URL")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

async fn sqlite_server(data: tempfile::TempDir) -> TestServer {
    std::fs::create_dir_all(data.path().join("dist")).unwrap();
    TestServer::start_with(data, |c| c.database = None).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_hand_offs_arrive_restores_every_ticket_attachment_and_account() {
    let s = sqlite_server(tempfile::tempdir().unwrap()).await;
    signed_in(&s, "root", Role::Admin).await;
    let mut before = Vec::new();
    for _ in 0..20 {
        before.push(hand_off(&s, Handoff::default()).await);
    }

    // The backup runs while more hand-offs arrive.
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("lotse-backup.db");
    let data = s.state.config.data.clone();
    let backup = {
        let file = file.clone();
        tokio::task::spawn_blocking(move || lotse(&data, &["backup", file.to_str().unwrap()]))
    };
    let mut during = Vec::new();
    for _ in 0..15 {
        during.push(hand_off(&s, Handoff::default()).await);
    }
    let out = backup.await.unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Backup written to"), "{}", text(&out));

    // A backup never overwrites.
    let again = lotse(&s.state.config.data, &["backup", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again).contains("never overwrites"),
        "{}",
        text(&again)
    );

    // Restore into a fresh folder, once; a second restore refuses.
    let target = tempfile::tempdir().unwrap();
    let out = lotse(target.path(), &["restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let twice = lotse(target.path(), &["restore", file.to_str().unwrap()]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(text(&twice).contains("exists"), "{}", text(&twice));
    let restored = sqlite_server(target).await;

    // Every ticket acknowledged before the backup began is there, with its file, and its
    // token still opens it; of those arriving during the backup, each is there whole or
    // not at all (one snapshot).
    let opens = |created: &domain::api::HandoffCreated| {
        let request = restored
            .client
            .get(restored.url(&format!("/api/v1/handoffs/{}", created.reference)))
            .header("authorization", format!("Bearer {}", created.token));
        async move { request.send().await.unwrap() }
    };
    for created in &before {
        let res = opens(created).await;
        assert_eq!(res.status(), StatusCode::OK, "{}", created.reference);
        let ticket: PublicTicket = res.json().await.unwrap();
        assert_eq!(ticket.attachments.len(), 1);
        let file = restored
            .client
            .get(restored.url(&format!(
                "/api/v1/handoffs/{}/attachments/{}",
                created.reference, ticket.attachments[0].id
            )))
            .header("authorization", format!("Bearer {}", created.token))
            .send()
            .await
            .unwrap();
        assert_eq!(file.status(), StatusCode::OK);
        assert_eq!(file.bytes().await.unwrap().as_ref(), PNG);
    }
    let mut kept = 0;
    for created in &during {
        let res = opens(created).await;
        match res.status() {
            StatusCode::OK => {
                let ticket: PublicTicket = res.json().await.unwrap();
                assert_eq!(ticket.attachments.len(), 1, "a ticket is whole or absent");
                assert_eq!(ticket.timeline.len(), 1);
                kept += 1;
            }
            StatusCode::NOT_FOUND => {}
            other => panic!("{other} for {}", created.reference),
        }
    }
    let stated = format!("{} tickets", before.len() + kept);
    assert!(text(&out).contains(&stated), "{} vs {stated}", text(&out));

    // Accounts come back with their passwords.
    let (_, res) = try_sign_in(&restored, "root", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn backups_refuse_what_they_cannot_do() {
    let empty = tempfile::tempdir().unwrap();
    let out = lotse(empty.path(), &["backup", "/nonexistent/x.db"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("no database"), "{}", text(&out));

    let out = Command::new(env!("CARGO_BIN_EXE_lotse"))
        .args([
            "--database",
            "postgres://nobody@127.0.0.1:1/x",
            "backup",
            "x.db",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("pg_dump"), "{}", text(&out));

    let not_lotse = empty.path().join("other.db");
    std::fs::write(&not_lotse, b"not a database at all, just text").unwrap();
    let target = tempfile::tempdir().unwrap();
    let out = lotse(target.path(), &["restore", not_lotse.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !target.path().join("lotse.db").exists(),
        "nothing half-restored"
    );
}
