//! Two-step sign-in: turned on with a first code from the app; then a password alone
//! opens only the second step, a code signs in once, wrong codes are limited per
//! account, and turning it off needs the password.

use std::collections::BTreeSet;

use chrono::Duration;
use integration::{Client, TestApp};

use crate::checkout::{shopper, PW};

/// The app's code for `secret` at the test clock's time, `steps` away.
fn code(app: &TestApp, secret: &str, steps: i64) -> String {
    let bytes = domain::totp::from_base32(secret).unwrap();
    let step = domain::totp::step_of(app.state.now().timestamp()) + steps;
    domain::totp::format(domain::totp::code_at(&bytes, step))
}

async fn second_step(c: &mut Client, code: &str) -> integration::Reply {
    c.call("log_in_code", &[("code", code)]).await
}

async fn signed_in_as(c: &mut Client) -> serde_json::Value {
    c.call("current_user", &[]).await.json()["email"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_alone_does_not_sign_in_once_an_authenticator_is_added() {
    let app = TestApp::spawn().await;
    let mut c = shopper(&app, "two@example.com").await;
    assert_eq!(c.call("two_step_status", &[]).await.json()["on"], false);
    let setup = c.call("two_step_begin", &[]).await.json();
    let secret = setup["secret"].as_str().unwrap().to_string();
    assert!(setup["uri"]
        .as_str()
        .unwrap()
        .starts_with("otpauth://totp/Harbour%20Market:"));
    assert!(setup["qr_svg"].as_str().unwrap().contains("<svg"));
    // a wrong first code leaves it off; the app's code turns it on
    let r = c
        .call(
            "two_step_enable",
            &[("password", "not it"), ("code", &code(&app, &secret, 0))],
        )
        .await;
    assert_eq!(
        r.field_errors(),
        ["password.WrongPassword"],
        "the password too"
    );
    let r = c
        .call(
            "two_step_enable",
            &[("password", PW), ("code", &code(&app, &secret, 9))],
        )
        .await;
    assert_eq!(r.field_errors(), ["code.WrongCode"]);
    assert_eq!(c.call("two_step_status", &[]).await.json()["on"], false);
    let r = c
        .call(
            "two_step_enable",
            &[("password", PW), ("code", &code(&app, &secret, 0))],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(c.call("two_step_status", &[]).await.json()["on"], true);

    // the password opens the second step only
    let mut b = app.client();
    let r = b.log_in_password("two@example.com", PW).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), "/login/code");
    assert!(signed_in_as(&mut b).await.is_null());
    // no code works without that step (another browser)
    let mut stranger = app.client();
    let r = second_step(&mut stranger, &code(&app, &secret, 0)).await;
    assert_eq!(r.field_errors(), ["code.WindowClosed"]);
    // the code that turned it on was used already; the next one signs in
    assert_eq!(
        second_step(&mut b, &code(&app, &secret, 0))
            .await
            .field_errors(),
        ["code.WrongCode"]
    );
    app.clock.advance(Duration::seconds(30));
    let fresh = code(&app, &secret, 0);
    let r = second_step(&mut b, &fresh).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(signed_in_as(&mut b).await, "two@example.com");

    // a code seen over a shoulder cannot be used again, and wrong codes run out: five
    // in a quarter of an hour for the account (two were typed above)
    let mut d = app.client();
    assert_eq!(
        d.log_in_password("two@example.com", PW).await.json(),
        "/login/code"
    );
    assert_eq!(
        second_step(&mut d, &fresh).await.field_errors(),
        ["code.WrongCode"]
    );
    for n in 0..2 {
        let r = second_step(&mut d, &code(&app, &secret, 9 + n)).await;
        assert_eq!(r.field_errors(), ["code.WrongCode"]);
    }
    app.clock.advance(Duration::seconds(30));
    let r = second_step(&mut d, &code(&app, &secret, 0)).await;
    assert_eq!(r.status, 429, "{}", r.body);
    assert!(signed_in_as(&mut d).await.is_null());

    // turning it off needs the password
    let r = c
        .call("two_step_disable", &[("password", "not the password")])
        .await;
    assert_eq!(r.field_errors(), ["password.WrongPassword"]);
    let r = c.call("two_step_disable", &[("password", PW)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut e = app.client();
    assert_eq!(e.log_in_password("two@example.com", PW).await.json(), "/");
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let mut res = app.state.db.query(sql).await.unwrap();
    let n: Option<i64> = res.take((0, "n")).unwrap();
    n.unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_powers_wait_for_two_step_sign_in_which_ends_the_other_sessions() {
    let app = TestApp::spawn().await;
    // the first admin of a real deployment, made by the command line
    app::accounts::imp::create_admin(&app.state, "boss@example.com", "Boss", PW.into())
        .await
        .unwrap();
    let mut boss = app.client();
    assert_eq!(boss.log_in("boss@example.com", PW).await.json(), "/");
    let mut laptop = app.client();
    assert_eq!(laptop.log_in("boss@example.com", PW).await.json(), "/");

    // without it: neither admin nor moderator, told why, nothing else lost
    let me = boss.call("current_user", &[]).await.json();
    assert_eq!(me["admin_needs_two_step"], true);
    assert_eq!(me["roles"], serde_json::json!(["Shopper"]));
    for f in ["rates_admin", "moderation_queue"] {
        let r = boss.call(f, &[]).await;
        assert_eq!(r.status, 403, "{f}: {}", r.body);
        assert!(r.body.contains("TwoStepRequired"), "{f}: {}", r.body);
    }
    let page = boss.get("/admin").await;
    assert_eq!(page.status, 403);
    assert!(page.body.contains("data-testid=\"two-step-required\""));
    assert!(page.body.contains("href=\"/account#two-step\""));

    // turning it on opens the admin pages in this session and ends the others
    let setup = boss.call("two_step_begin", &[]).await.json();
    let secret = setup["secret"].as_str().unwrap().to_string();
    let r = boss
        .call(
            "two_step_enable",
            &[("password", PW), ("code", &code(&app, &secret, 0))],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(boss.get("/admin").await.status, 200);
    assert_eq!(boss.call("rates_admin", &[]).await.status, 200);
    assert!(signed_in_as(&mut laptop).await.is_null(), "signed out");
    let user = "user:⟨boss@example.com⟩";
    let mailed = format!("SELECT count() AS n FROM outbox WHERE recipient = {user} AND kind = 'account_security' GROUP ALL");
    assert_eq!(count(&app, &mailed).await, 1);
    let audited = |on: &str| {
        format!("SELECT count() AS n FROM audit_log WHERE actor = {user} AND action = 'account.two_step_{on}' GROUP ALL")
    };
    assert_eq!(count(&app, &audited("on")).await, 1);

    // and off again: the admin pages close, the owner is told
    let r = boss.call("two_step_disable", &[("password", PW)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(boss.call("rates_admin", &[]).await.status, 403);
    assert_eq!(count(&app, &mailed).await, 2);
    assert_eq!(count(&app, &audited("off")).await, 1);
}

fn strings(v: serde_json::Value) -> Vec<String> {
    serde_json::from_value(v).expect("a list of codes")
}

async fn recovery_left(c: &mut Client) -> i64 {
    let status = c.call("two_step_status", &[]).await.json();
    assert_eq!(status["on"], true, "{status}");
    status["recovery_left"].as_i64().unwrap()
}

/// Turns two-step sign-in on for the signed-in `c` through the set-up; gives the key
/// and the recovery codes shown.
async fn turn_on(app: &TestApp, c: &mut Client) -> (String, Vec<String>) {
    let setup = c.call("two_step_begin", &[]).await.json();
    let secret = setup["secret"].as_str().unwrap().to_string();
    let r = c
        .call(
            "two_step_enable",
            &[("password", PW), ("code", &code(app, &secret, 0))],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    (secret, strings(r.json()))
}

/// A browser that gave the right password and waits at the second step.
async fn at_second_step(app: &TestApp, email: &str) -> Client {
    let mut b = app.client();
    assert_eq!(b.log_in_password(email, PW).await.json(), "/login/code");
    b
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recovery_code_signs_in_once_when_the_phone_is_lost() {
    let app = TestApp::spawn().await;
    let email = "lost@example.com";
    let mut c = shopper(&app, email).await;
    let r = c.call("two_step_new_codes", &[("password", PW)]).await;
    assert_eq!(r.status, 404, "nothing to make codes for while it is off");
    let (_, codes) = turn_on(&app, &mut c).await;
    assert_eq!(codes.len(), 10);
    assert_eq!(codes.iter().collect::<BTreeSet<_>>().len(), 10, "distinct");
    assert!(codes
        .iter()
        .all(|k| domain::totp::recovery_form(k).is_some()));
    assert_eq!(recovery_left(&mut c).await, 10);
    // only their hashes are kept
    let user = format!("user:⟨{email}⟩");
    let mut res = app
        .state
        .db
        .query(format!("SELECT VALUE totp_recovery FROM {user}"))
        .await
        .unwrap();
    let kept: Vec<Option<Vec<String>>> = res.take(0).unwrap();
    let kept = kept.into_iter().flatten().flatten().collect::<Vec<_>>();
    assert_eq!(kept.len(), 10);
    for k in &codes {
        let form = domain::totp::recovery_form(k).unwrap();
        assert!(!kept
            .iter()
            .any(|h| h.contains(&form) || h.contains(k.as_str())));
    }

    // typed however the owner types it, a code signs in once
    let mut b = at_second_step(&app, email).await;
    let typed = codes[0].to_lowercase().replace('-', " ");
    let r = second_step(&mut b, &typed).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(signed_in_as(&mut b).await, email);
    assert_eq!(recovery_left(&mut c).await, 9);
    let mut again = at_second_step(&app, email).await;
    let r = second_step(&mut again, &codes[0]).await;
    assert_eq!(r.field_errors(), ["code.WrongCode"], "used already");
    let r = second_step(&mut again, "ABCDE-FGHIJ").await;
    assert_eq!(r.field_errors(), ["code.WrongCode"], "not one of them");

    // new codes need the password and retire the old ones
    let r = c
        .call("two_step_new_codes", &[("password", "not it")])
        .await;
    assert_eq!(r.field_errors(), ["password.WrongPassword"]);
    assert_eq!(recovery_left(&mut c).await, 9, "nothing changed");
    let r = c.call("two_step_new_codes", &[("password", PW)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let fresh = strings(r.json());
    assert_eq!(recovery_left(&mut c).await, 10);
    assert!(fresh.iter().all(|k| !codes.contains(k)));
    let r = second_step(&mut again, &codes[1]).await;
    assert_eq!(r.field_errors(), ["code.WrongCode"], "an old code");

    // two browsers racing with one code: one signs in
    let mut x = at_second_step(&app, email).await;
    let mut y = at_second_step(&app, email).await;
    let (rx, ry) = tokio::join!(
        second_step(&mut x, &fresh[0]),
        second_step(&mut y, &fresh[0])
    );
    let wins = [&rx, &ry].iter().filter(|r| r.status == 200).count();
    assert_eq!(wins, 1, "{} / {}", rx.body, ry.body);
    assert_eq!(recovery_left(&mut c).await, 9);

    // the owner is told each time, and the log has it
    let mailed = format!("SELECT count() AS n FROM outbox WHERE recipient = {user} AND kind = 'account_security' GROUP ALL");
    assert_eq!(count(&app, &mailed).await, 4, "on, used, new codes, used");
    let audited = |what: &str| {
        format!("SELECT count() AS n FROM audit_log WHERE actor = {user} AND action = 'account.{what}' GROUP ALL")
    };
    assert_eq!(count(&app, &audited("recovery_code_used")).await, 2);
    assert_eq!(count(&app, &audited("recovery_codes_new")).await, 1);

    // turning it off forgets them
    assert_eq!(
        c.call("two_step_disable", &[("password", PW)]).await.status,
        200
    );
    let status = c.call("two_step_status", &[]).await.json();
    assert_eq!(status, serde_json::json!({"on": false, "recovery_left": 0}));
}
