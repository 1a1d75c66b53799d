//! Accounts people can get back into: a reset link by mail (the same answer for an
//! unknown address), used once within the hour, ending every session; a password
//! changed only with the current one, ending the other sessions; the list of sessions
//! and signing out one or all of them.

use integration::{Client, TestApp};
use serde_json::Value;

use crate::checkout::{count, PW};

const NEW_PW: &str = "a brand new passphrase";

async fn signed_up(app: &TestApp, email: &str) -> Client {
    let mut c = app.client();
    let r = c.sign_up(email, "Mei", PW).await;
    assert_eq!(r.status, 200, "{}", r.body);
    c
}

async fn logged_in(app: &TestApp, email: &str, pw: &str) -> Client {
    let mut c = app.client();
    let r = c.log_in(email, pw).await;
    assert_eq!(r.status, 200, "{}", r.body);
    c
}

async fn signed_in(c: &mut Client) -> bool {
    c.call("current_user", &[]).await.json() != Value::Null
}

/// The secret of the latest reset link mailed to `email`.
async fn mailed_token(app: &TestApp, email: &str) -> Option<String> {
    app.client().mailed_token(email, "password_reset").await
}

async fn ask_reset(app: &TestApp, email: &str) -> integration::Reply {
    app.client()
        .call("request_password_reset", &[("email", email)])
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgotten_password_is_reset_once_through_the_mailed_link() {
    let app = TestApp::spawn().await;
    let email = "forgot@example.com";
    let mut first = signed_up(&app, email).await;
    let mut second = logged_in(&app, email, PW).await;

    // an unknown address gets the same answer and no mail
    let unknown = ask_reset(&app, "nobody@example.com").await;
    let known = ask_reset(&app, email).await;
    assert_eq!(
        (unknown.status, unknown.body.as_str()),
        (known.status, known.body.as_str())
    );
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM outbox WHERE kind = 'password_reset' GROUP ALL"
        )
        .await,
        1
    );
    let token = mailed_token(&app, email).await.expect("a link was mailed");
    // a session of the account does not find the link in its notification feed
    let feed = first.call("notifications", &[]).await;
    assert_eq!(feed.status, 200, "{}", feed.body);
    assert!(!feed.body.contains(&token), "{}", feed.body);

    let mut anyone = app.client();
    let r = anyone
        .call(
            "reset_password",
            &[("token", &token), ("password", "short")],
        )
        .await;
    assert_eq!(r.field_errors(), ["password.PasswordTooShort"]);
    let r = anyone
        .call(
            "reset_password",
            &[("token", &"f".repeat(64)), ("password", NEW_PW)],
        )
        .await;
    assert_eq!(r.field_errors(), ["token.InvalidLink"]);
    let r = anyone
        .call("reset_password", &[("token", &token), ("password", NEW_PW)])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);

    // every session ended; the old password is gone, the new one works
    assert!(!signed_in(&mut first).await && !signed_in(&mut second).await);
    assert_eq!(app.client().log_in(email, PW).await.status, 401);
    logged_in(&app, email, NEW_PW).await;
    // the link works once
    let r = anyone
        .call(
            "reset_password",
            &[("token", &token), ("password", "yet another passphrase")],
        )
        .await;
    assert_eq!(r.field_errors(), ["token.InvalidLink"]);
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM audit_log WHERE action = 'account.password_reset' GROUP ALL"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_link_expires_after_an_hour_and_a_newer_one_retires_it() {
    let app = TestApp::spawn().await;
    let email = "late@example.com";
    signed_up(&app, email).await;
    ask_reset(&app, email).await;
    let old = mailed_token(&app, email).await.unwrap();
    ask_reset(&app, email).await;
    let newer = mailed_token(&app, email).await.unwrap();
    assert_ne!(old, newer);
    let mut c = app.client();
    let r = c
        .call("reset_password", &[("token", &old), ("password", NEW_PW)])
        .await;
    assert_eq!(
        r.field_errors(),
        ["token.InvalidLink"],
        "the older link is retired"
    );
    app.clock.advance(chrono::Duration::minutes(61));
    let r = c
        .call("reset_password", &[("token", &newer), ("password", NEW_PW)])
        .await;
    assert_eq!(r.field_errors(), ["token.InvalidLink"], "expired");
    // a third request in the hour window is refused for known and unknown addresses
    app.clock.advance(chrono::Duration::minutes(-61));
    assert_eq!(ask_reset(&app, email).await.status, 200);
    assert_eq!(ask_reset(&app, email).await.status, 429);
    for _ in 0..3 {
        ask_reset(&app, "ghost@example.com").await;
    }
    assert_eq!(ask_reset(&app, "ghost@example.com").await.status, 429);
    let r = ask_reset(&app, "not an address").await;
    assert_eq!(r.field_errors(), ["email.InvalidEmail"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_changes_only_with_the_current_one_and_other_sessions_end() {
    let app = TestApp::spawn().await;
    let email = "change@example.com";
    let mut here = signed_up(&app, email).await;
    let mut elsewhere = logged_in(&app, email, PW).await;
    let r = here
        .call(
            "change_password",
            &[
                ("current_password", "wrong guess"),
                ("new_password", NEW_PW),
            ],
        )
        .await;
    assert_eq!(r.field_errors(), ["current_password.WrongPassword"]);
    let r = here
        .call(
            "change_password",
            &[("current_password", PW), ("new_password", "pw")],
        )
        .await;
    assert_eq!(r.field_errors(), ["new_password.PasswordTooShort"]);
    assert_eq!(
        app.client().log_in(email, PW).await.status,
        200,
        "nothing changed yet"
    );

    let r = here
        .call(
            "change_password",
            &[("current_password", PW), ("new_password", NEW_PW)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(signed_in(&mut here).await, "this session stays");
    assert!(!signed_in(&mut elsewhere).await, "the others end");
    // a reset link asked for before the change stops working
    let r = ask_reset(&app, email).await;
    assert_eq!(r.status, 200);
    let before = mailed_token(&app, email).await.unwrap();
    let r = here
        .call(
            "change_password",
            &[("current_password", NEW_PW), ("new_password", PW)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .client()
        .call(
            "reset_password",
            &[("token", &before), ("password", NEW_PW)],
        )
        .await;
    assert_eq!(r.field_errors(), ["token.InvalidLink"]);
    logged_in(&app, email, PW).await;
    // the owner is told by mail
    let told = count(
        &app,
        "SELECT count() AS n FROM outbox WHERE kind = 'account_security' AND subject CONTAINS 'changed' GROUP ALL",
    )
    .await;
    assert_eq!(told, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_are_listed_and_ended_one_or_all() {
    let app = TestApp::spawn().await;
    let email = "sessions@example.com";
    let mut here = signed_up(&app, email).await;
    let mut phone = logged_in(&app, email, PW).await;
    let list = here.call("my_sessions", &[]).await.json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
    let other = list.iter().find(|s| s["current"] == false).unwrap()["key"]
        .as_str()
        .unwrap()
        .to_string();

    // nobody else can end it, nor learn whether it exists
    let mut stranger = signed_up(&app, "stranger@example.com").await;
    let r = stranger.call("end_session", &[("session", &other)]).await;
    assert_eq!(r.status, 404);
    assert!(signed_in(&mut phone).await);
    let r = here.call("end_session", &[("session", &other)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(!signed_in(&mut phone).await);
    assert!(signed_in(&mut here).await);

    let mut again = logged_in(&app, email, PW).await;
    let r = here.call("sign_out_everywhere", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(!signed_in(&mut here).await && !signed_in(&mut again).await);
    assert!(
        signed_in(&mut stranger).await,
        "only this account's sessions"
    );
}
