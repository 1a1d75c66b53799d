//! Sign-up, log-in, log-out, sessions and throttling.

use integration::TestApp;
use serde_json::json;

const PW: &str = "correct horse battery";

async fn user_count(app: &TestApp) -> i64 {
    app.row_counts()
        .await
        .into_iter()
        .find(|(t, _)| t == "user")
        .map(|(_, n)| n)
        .unwrap_or(-1)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_creates_account_and_signs_in() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let r = c.sign_up("Ann@Example.com", "Ann Lee", PW).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), json!("/"));
    let cookie = r
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/")
    );
    let me = c.call("current_user", &[]).await.json();
    assert_eq!(me["email"], "ann@example.com");
    assert_eq!(me["display_name"], "Ann Lee");
    assert_eq!(me["roles"], json!(["Shopper"]));
    assert_eq!(user_count(&app).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_sign_up_shows_field_errors_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let r = c.sign_up("not-an-email", "", "short").await;
    assert_eq!(r.status, 422);
    let errs = &r.json()["Invalid"];
    let codes: Vec<(String, String)> = errs
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().into(),
                e["code"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        codes.contains(&("email".into(), "InvalidEmail".into())),
        "{codes:?}"
    );
    assert!(codes.contains(&("display_name".into(), "Required".into())));
    assert!(codes.contains(&("password".into(), "PasswordTooShort".into())));
    assert!(c.cookie("session").is_none());
    assert_eq!(user_count(&app).await, 0);

    assert_eq!(c.sign_up("dup@example.com", "First", PW).await.status, 200);
    let mut other = app.client();
    let r = other.sign_up("DUP@example.com ", "Second", PW).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["Invalid"][0]["code"], "EmailTaken");
    assert_eq!(user_count(&app).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_out_then_log_in_again() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    c.sign_up("bo@example.com", "Bo", PW).await;
    let old = c.cookie("session").unwrap();
    let r = c.call("log_out", &[]).await;
    assert_eq!(r.status, 200);
    assert!(c.cookie("session").is_none(), "cookie cleared");
    assert_eq!(c.call("current_user", &[]).await.json(), json!(null));
    // the old token is dead on the server too
    c.set_cookie("session", &old);
    assert_eq!(c.call("current_user", &[]).await.json(), json!(null));

    let mut c = app.client();
    let r = c.log_in("BO@example.com", PW).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        c.call("current_user", &[]).await.json()["email"],
        "bo@example.com"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_and_unknown_email_look_the_same() {
    let app = TestApp::spawn().await;
    app.client().sign_up("cy@example.com", "Cy", PW).await;
    let mut c = app.client();
    let wrong = c.log_in("cy@example.com", "not the password").await;
    let unknown = c.log_in("nobody@example.com", "not the password").await;
    assert_eq!(wrong.status, 401);
    assert_eq!(
        (wrong.status, wrong.body.clone()),
        (unknown.status, unknown.body)
    );
    assert_eq!(wrong.json(), json!("BadCredentials"));
    assert!(c.cookie("session").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_malformed_or_expired_sessions_are_logged_out() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    c.set_cookie("session", &"ab".repeat(32));
    assert_eq!(c.call("current_user", &[]).await.json(), json!(null));
    c.set_cookie("session", "'; DROP TABLE user; --");
    let r = c.call("current_user", &[]).await;
    assert_eq!((r.status, r.json()), (200, json!(null)));

    let mut c = app.client();
    c.sign_up("di@example.com", "Di", PW).await;
    assert!(c.call("current_user", &[]).await.json().is_object());
    app.state
        .db
        .query("UPDATE user_session SET expires_at = time::now() - 1m")
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(c.call("current_user", &[]).await.json(), json!(null));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_lock_the_account_with_a_clear_error() {
    let app = TestApp::spawn().await;
    app.client().sign_up("ed@example.com", "Ed", PW).await;
    let mut c = app.client();
    for _ in 0..5 {
        assert_eq!(
            c.log_in("ed@example.com", "wrong wrong wrong").await.status,
            401
        );
    }
    // even the right password is refused while locked, and no session is made
    let r = c.log_in("ed@example.com", PW).await;
    assert_eq!(r.status, 429, "{}", r.body);
    assert!(r.json()["Throttled"]["retry_after_secs"].as_u64().unwrap() > 0);
    assert!(c.cookie("session").is_none());
    // unknown emails lock the same way, revealing nothing
    for _ in 0..5 {
        c.log_in("ghost@example.com", "wrong wrong wrong").await;
    }
    assert_eq!(c.log_in("ghost@example.com", "x").await.status, 429);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_failures_from_one_address_lock_that_address() {
    let app = TestApp::spawn().await;
    app.client().sign_up("fay@example.com", "Fay", PW).await;
    let mut c = app.client();
    for i in 0..20 {
        let r = c
            .log_in(&format!("user{i}@example.com"), "wrong wrong wrong")
            .await;
        assert_eq!(r.status, 401);
    }
    assert_eq!(c.log_in("fay@example.com", PW).await.status, 429);
}
