//! Confirming an account's email address: sign-up mails a link (never shown in the
//! notification feed); until it is used the account can shop but not open a shop or
//! write a review; the link works once, before it expires; "send it again" is limited;
//! forged links change nothing.

use integration::{Client, TestApp};
use serde_json::Value;

use crate::checkout::{
    add, checkout_form, count, my_orders, pay_ship_deliver, place, seller_of, two_shop_products, PW,
};

async fn unverified(app: &TestApp, email: &str) -> Client {
    let mut c = app.client();
    let r = c.sign_up_unverified(email, "Mei", PW).await;
    assert_eq!(r.status, 200, "{}", r.body);
    c
}

async fn verified(c: &mut Client) -> bool {
    c.call("current_user", &[]).await.json()["verified"] == Value::Bool(true)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unconfirmed_account_shops_but_neither_sells_nor_reviews_until_the_link_is_used() {
    let app = TestApp::spawn().await;
    app.seed(20).await;
    let (product, _) = two_shop_products(&app, 5).await;
    let email = "fresh@example.com";
    let mut c = unverified(&app, email).await;
    assert!(!verified(&mut c).await);
    let token = c.mailed_token(email, "verify_email").await.expect("mailed");
    // the feed never shows the link (a session is not proof of the address)
    let feed = c.call("notifications", &[]).await;
    assert!(!feed.body.contains(&token), "{}", feed.body);

    // buying works; reviewing and opening a shop do not
    add(&mut c, &product, "1").await;
    let (_, form) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form).await.status, 200);
    let order = my_orders(&mut c).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    pay_ship_deliver(&mut seller_of(&app, &order).await, &mut c, &order).await;
    let lines = c.call("order_reviews", &[("order", &order)]).await.json();
    let line = lines[0]["line_key"].as_str().unwrap().to_string();
    let review = [
        ("rating", "5"),
        ("title", "Lovely"),
        (
            "body",
            "Arrived quickly and well packed, exactly as described.",
        ),
    ];
    let r = c
        .post_multipart(&format!("/orders/{order}/review/{line}"), &review, &[])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let back = r.headers["location"].to_str().unwrap().to_string();
    assert!(back.contains("EmailNotVerified"), "{back}");
    let r = c.call("submit_application", &[]).await;
    assert_eq!(r.field_errors(), ["email.EmailNotVerified"], "{}", r.body);
    assert_eq!(
        count(&app, "SELECT count() AS n FROM review GROUP ALL").await,
        count(
            &app,
            "SELECT count() AS n FROM review WHERE author.email != 'fresh@example.com' GROUP ALL"
        )
        .await
    );

    // the link confirms the address, once; then reviewing works
    let r = app
        .client()
        .call("verify_email", &[("token", &token)])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(verified(&mut c).await);
    let r = app
        .client()
        .call("verify_email", &[("token", &token)])
        .await;
    assert_eq!(r.field_errors(), ["token.InvalidLink"], "used once");
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM audit_log WHERE action = 'account.email_verified' GROUP ALL"
        )
        .await,
        1
    );
    let r = c
        .post_multipart(&format!("/orders/{order}/review/{line}"), &review, &[])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(r.headers["location"].to_str().unwrap().starts_with("/p/"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_expire_forged_ones_fail_and_sending_again_is_limited() {
    let app = TestApp::spawn().await;
    let email = "late@example.com";
    let mut c = unverified(&app, email).await;
    let first = c.mailed_token(email, "verify_email").await.unwrap();

    // forged, malformed and empty links change nothing
    for bad in ["", "x", &"a".repeat(64), &"é".repeat(300)] {
        let r = app.client().call("verify_email", &[("token", bad)]).await;
        assert_eq!(r.field_errors(), ["token.InvalidLink"], "{bad}: {}", r.body);
    }
    assert!(!verified(&mut c).await);

    // a link past its 48 hours does not work; a new one does, and retires the old one
    app.clock.advance(chrono::Duration::hours(49));
    let r = app
        .client()
        .call("verify_email", &[("token", &first)])
        .await;
    assert_eq!(r.field_errors(), ["token.InvalidLink"]);
    assert_eq!(c.call("resend_verification", &[]).await.status, 200);
    let second = c.mailed_token(email, "verify_email").await.unwrap();
    assert_ne!(first, second);
    assert_eq!(c.call("resend_verification", &[]).await.status, 200);
    let r = app
        .client()
        .call("verify_email", &[("token", &second)])
        .await;
    assert_eq!(
        r.field_errors(),
        ["token.InvalidLink"],
        "retired by the newer link"
    );
    // three mails an hour: the fourth waits
    assert_eq!(c.call("resend_verification", &[]).await.status, 200);
    let third = c.mailed_token(email, "verify_email").await.unwrap();
    let r = c.call("resend_verification", &[]).await;
    assert_eq!(r.status, 429, "{}", r.body);
    let r = app
        .client()
        .call("verify_email", &[("token", &third)])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(verified(&mut c).await);
    // once confirmed, asking again sends nothing
    let before = count(
        &app,
        "SELECT count() AS n FROM outbox WHERE kind = 'verify_email' GROUP ALL",
    )
    .await;
    app.clock.advance(chrono::Duration::hours(2));
    assert_eq!(c.call("resend_verification", &[]).await.status, 200);
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM outbox WHERE kind = 'verify_email' GROUP ALL"
        )
        .await,
        before
    );
}
