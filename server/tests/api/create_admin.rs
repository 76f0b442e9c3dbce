//! `lotse create-admin`, run as the real binary against a test server's database, and
//! then used over HTTP; and `lotse serve` saying how to create the first admin.

use crate::harness;

use domain::api::Role;
use harness::TestServer;
use harness::accounts::{self, sign_in, try_sign_in};
use reqwest::StatusCode;
use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const CHOSEN: &str = "chosen admin password";

/// `lotse --database URL create-admin ARGS` with `LOTSE_TEST_ADMIN_PASSWORD` set.
fn create_admin(s: &TestServer, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lotse"))
        .arg("--database")
        .arg(s.state.config.database_url())
        .arg("--data")
        .arg(&s.state.config.data)
        .arg("create-admin")
        .args(args)
        .env("LOTSE_TEST_ADMIN_PASSWORD", CHOSEN)
        .env_remove("LOTSE_DATABASE_URL")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The password a run printed.
fn printed_password(out: &Output) -> String {
    let text = stdout(out);
    let line = text
        .lines()
        .find(|l| l.starts_with("Password"))
        .unwrap_or_else(|| panic!("no password in {text}"));
    line.rsplit(' ').next().unwrap().to_owned()
}

#[tokio::test]
async fn creates_an_admin_who_signs_in_over_http() {
    let s = TestServer::start().await;
    let out = create_admin(
        &s,
        &[
            "--login",
            "Admin",
            "--name",
            "Ada Admin",
            "--password-env",
            "LOTSE_TEST_ADMIN_PASSWORD",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stdout(&out).contains("Created the admin account `admin`"));
    assert!(
        !stdout(&out).contains(CHOSEN),
        "a chosen password is not echoed"
    );
    let admin = sign_in(&s, "admin", CHOSEN).await;
    assert_eq!(admin.session.staff.role, Role::Admin);
    assert_eq!(admin.session.staff.name, "Ada Admin");
    assert!(!admin.session.staff.must_change_password);
    assert_eq!(admin.get("/api/v1/staff").await.status(), StatusCode::OK);

    // Again: the login exists, nothing changes.
    let out = create_admin(&s, &["--login", "admin"]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(stdout(&out).contains("--reset"));
    assert!(admin.is_signed_in().await);
    let out = create_admin(&s, &["--login", "someone-else", "--first"]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let (_, res) = try_sign_in(&s, "someone-else", CHOSEN).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    // --reset: a generated password, printed once; the old sessions end.
    let out = create_admin(&s, &["--login", "admin", "--reset"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let generated = printed_password(&out);
    assert!(generated.len() >= 24, "{generated}");
    assert!(!admin.is_signed_in().await);
    let (_, res) = try_sign_in(&s, "admin", CHOSEN).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let again = sign_in(&s, "admin", &generated).await;
    assert!(again.session.staff.must_change_password);
}

#[tokio::test]
async fn reset_turns_any_account_back_into_an_active_admin() {
    let s = TestServer::start().await;
    let agent = accounts::create(&s, "former", Role::Agent).await;
    s.state
        .store
        .change_staff(
            None,
            agent.id,
            &server::store::staff::AccountChange {
                active: Some(false),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let out = create_admin(
        &s,
        &[
            "--login",
            "former",
            "--reset",
            "--password-env",
            "LOTSE_TEST_ADMIN_PASSWORD",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let admin = sign_in(&s, "former", CHOSEN).await;
    assert_eq!(admin.session.staff.role, Role::Admin);
}

#[tokio::test]
async fn first_creates_only_on_an_empty_database() {
    let s = TestServer::start().await;
    let out = create_admin(&s, &["--login", "admin", "--first"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let password = printed_password(&out);
    let admin = sign_in(&s, "admin", &password).await;
    assert!(admin.session.staff.must_change_password);
}

#[tokio::test]
async fn bad_input_is_refused_with_exit_code_2() {
    let s = TestServer::start().await;
    for (args, says) in [
        (&["--login", "two words"][..], "--login"),
        (
            &[
                "--login",
                "admin",
                "--password-env",
                "LOTSE_NOT_SET_ANYWHERE",
            ][..],
            "LOTSE_NOT_SET_ANYWHERE",
        ),
        (&["--login", "admin", "--reset", "--first"][..], "--first"),
    ] {
        let out = create_admin(&s, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_lotse"))
        .arg("--database")
        .arg(s.state.config.database_url())
        .args([
            "create-admin",
            "--login",
            "admin",
            "--password-env",
            "SHORT",
        ])
        .env("SHORT", "too short")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 12"));
    assert!(!s.state.store.has_staff().await.unwrap());
}

#[test]
fn serve_says_how_to_create_the_first_admin() {
    let data = tempfile::tempdir().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_lotse"))
        .args(["--listen", "127.0.0.1:0", "--trees"])
        .arg(harness::shipped_trees())
        .arg("--data")
        .arg(data.path())
        .env_remove("LOTSE_DATABASE_URL")
        .env("LOTSE_LOG", "warn")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Read on a thread, so a server that never says it cannot hang the test.
    let output = server.stdout.take().unwrap();
    let (send, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(output).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    while let Ok(line) = lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        let found = line.contains("create-admin --login admin");
        seen.push(line);
        if found {
            break;
        }
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let expected = format!(
        "lotse --data {} create-admin --login admin",
        data.path().display()
    );
    assert!(
        seen.iter().any(|l| l.contains(&expected)),
        "{expected} in {seen:?}"
    );
}
