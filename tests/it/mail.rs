//! Email that arrives, through a real SMTP server (MailDev): each notice in its
//! recipient's language as text and HTML, an outage that loses nothing and sends
//! nothing twice, optional mail turned off on the account page or in one click.

use integration::{free_port, Client, MailDev, TestApp};
use serde_json::Value;
use surrealdb::types::RecordId;

use crate::checkout::{add, checkout_form, count, place, set_stock, two_shop_products, PW};

/// Sends the mail queue as the mail job does, until nothing more is due; how many
/// were sent.
async fn send_all(app: &TestApp) -> usize {
    app::mail::send_queue(&app.state, 100).await
}

/// A shopper who opened their account reading the site in `lang`.
async fn shopper_in(app: &TestApp, email: &str, lang: &str) -> Client {
    let mut c = app.client();
    c.set_cookie("lang", lang);
    let r = c.sign_up(email, "Mei", PW).await;
    assert_eq!(r.status, 200, "{}", r.body);
    c
}

/// The buyer places an order of one unit of `product`; returns the order's key.
async fn order_one(c: &mut Client, product: &str) -> String {
    add(c, product, "1").await;
    let (_, f) = checkout_form(c).await;
    let r = place(c, &f).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let checkout = r.json()["checkout_id"].as_str().unwrap().to_string();
    checkout
}

async fn seller_email(app: &TestApp, product: &str) -> String {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE shop.owner.email FROM $p")
        .bind(("p", RecordId::new("product", product)))
        .await
        .unwrap();
    let v: Vec<String> = res.take(0).unwrap();
    v[0].clone()
}

/// Mail statuses of a person's notices: (sent, waiting).
async fn statuses(app: &TestApp, email: &str) -> (i64, i64) {
    let q = |status: &str| {
        format!("SELECT count() AS n FROM outbox WHERE recipient.email = '{email}' AND mail_status = '{status}' GROUP ALL")
    };
    (
        count(app, &q("sent")).await,
        count(app, &q("pending")).await,
    )
}

/// An order mails its buyer in the language they chose (zh-Hant) and its seller in
/// theirs (English), as text and HTML with a link to the order; order mail has no
/// unsubscribe link (it always arrives); sending again sends nothing twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_mails_its_buyer_and_seller_each_in_their_language() {
    let mail = MailDev::start().await;
    let app = TestApp::builder().smtp(mail.smtp_url()).spawn().await;
    app.seed(40).await;
    let (product, _) = two_shop_products(&app, 10).await;
    let mut buyer = shopper_in(&app, "mei@example.com", "zh-Hant").await;
    order_one(&mut buyer, &product).await;
    send_all(&app).await;

    // the link confirming the address, mailed at sign-up, then the order
    let to_buyer = mail.emails_to("mei@example.com").await;
    assert_eq!(to_buyer.len(), 2, "{to_buyer:?}");
    assert!(to_buyer.iter().any(|m| m["subject"]
        .as_str()
        .unwrap()
        .contains("確認您的電子郵件地址")));
    let m = to_buyer
        .iter()
        .find(|m| m["subject"].as_str().unwrap().starts_with("訂單 "))
        .unwrap();
    let subject = m["subject"].as_str().unwrap();
    assert!(
        subject.starts_with("訂單 ") && subject.ends_with(" 已成立"),
        "{subject}"
    );
    let text = m["text"].as_str().unwrap();
    assert!(text.contains("謝謝您！"), "{text}");
    assert!(
        text.contains(&format!("{}/orders/", app.state.settings.public_origin)),
        "{text}"
    );
    let html = m["html"].as_str().unwrap();
    assert!(
        html.contains("lang=\"zh-Hant\"") && html.contains("/orders/"),
        "{html}"
    );
    assert_eq!(
        mail.header(m, "list-unsubscribe").await,
        None,
        "order mail always arrives"
    );
    assert_eq!(
        mail.header(m, "auto-submitted").await.as_deref(),
        Some("auto-generated")
    );

    let seller = seller_email(&app, &product).await;
    let to_seller = mail.emails_to(&seller).await;
    let new_order = to_seller
        .iter()
        .find(|m| m["subject"].as_str().unwrap().starts_with("New order"))
        .unwrap_or_else(|| panic!("{to_seller:?}"));
    assert!(new_order["html"].as_str().unwrap().contains("lang=\"en\""));

    assert_eq!(statuses(&app, "mei@example.com").await, (2, 0));
    assert_eq!(send_all(&app).await, 0, "nothing is sent twice");
    assert_eq!(mail.emails_to("mei@example.com").await.len(), 2);
}

/// The mail server is down: nothing is lost, each mail waits (and is not tried again
/// before its wait is over); the server comes up: each is sent, once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_server_outage_loses_nothing_and_sends_nothing_twice() {
    let port = free_port();
    let app = TestApp::builder()
        .smtp(format!("smtp://127.0.0.1:{port}"))
        .spawn()
        .await;
    app.seed(40).await;
    let (product, _) = two_shop_products(&app, 10).await;
    let mut buyer = shopper_in(&app, "down@example.com", "en").await;
    order_one(&mut buyer, &product).await;

    // the sign-up's confirmation link and the order wait
    assert_eq!(app::mail::send_due(&app.state).await, 0);
    assert_eq!(statuses(&app, "down@example.com").await, (0, 2));
    let tried = "SELECT count() AS n FROM outbox WHERE recipient.email = 'down@example.com' AND mail_attempts = 1 AND mail_error != NONE GROUP ALL";
    assert_eq!(count(&app, tried).await, 2);
    // before its wait is over it is not tried again
    assert_eq!(app::mail::send_due(&app.state).await, 0);
    assert_eq!(count(&app, tried).await, 2);

    let mail = MailDev::start_on(port).await;
    app.clock
        .advance(app::mail::retry_wait(1) + chrono::Duration::seconds(1));
    send_all(&app).await;
    assert_eq!(mail.emails_to("down@example.com").await.len(), 2);
    assert_eq!(statuses(&app, "down@example.com").await, (2, 0));
    app.clock.advance(chrono::Duration::hours(2));
    send_all(&app).await;
    assert_eq!(
        mail.emails_to("down@example.com").await.len(),
        2,
        "sent once"
    );
}

/// A link mailed while the mail server is down is not delivered once it no longer
/// works: after the outage, the hour-long reset link is dropped ("link expired") while
/// the two-day confirmation link still goes out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_that_expired_during_an_outage_is_not_mailed() {
    let port = free_port();
    let app = TestApp::builder()
        .smtp(format!("smtp://127.0.0.1:{port}"))
        .spawn()
        .await;
    shopper_in(&app, "late@example.com", "en").await;
    let mut visitor = app.client();
    let r = visitor
        .call("request_password_reset", &[("email", "late@example.com")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(app::mail::send_due(&app.state).await, 0);
    assert_eq!(statuses(&app, "late@example.com").await, (0, 2));

    let mail = MailDev::start_on(port).await;
    app.clock.advance(chrono::Duration::minutes(
        domain::recovery::RESET_LINK_MINUTES + 1,
    ));
    assert_eq!(
        send_all(&app).await,
        1,
        "a skipped mail is not counted as sent"
    );
    let got = mail.emails_to("late@example.com").await;
    assert_eq!(got.len(), 1);
    assert!(
        got[0]["subject"].as_str().unwrap().contains("Confirm"),
        "{}",
        got[0]
    );
    let dropped = "SELECT count() AS n FROM outbox WHERE recipient.email = 'late@example.com' \
         AND kind = 'password_reset' AND mail_status = 'skipped' AND mail_error = 'link expired' \
         AND link = NONE GROUP ALL";
    assert_eq!(count(&app, dropped).await, 1);
}

/// A low-stock mail (optional) carries a one-click unsubscribe link; the seller's
/// mail program posts to it and such mail stops; a forged link changes nothing; the
/// account page turns it back on and changes the mail's language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn optional_mail_stops_in_one_click_and_comes_back_from_the_account_page() {
    let mail = MailDev::start().await;
    let app = TestApp::builder().smtp(mail.smtp_url()).spawn().await;
    app.seed(40).await;
    let (product, _) = two_shop_products(&app, 6).await;
    let seller_address = seller_email(&app, &product).await;
    let mut buyer = shopper_in(&app, "stock@example.com", "en").await;
    let mut seller = None;
    for _ in 0..2 {
        order_one(&mut buyer, &product).await;
        let orders = crate::checkout::my_orders(&mut buyer).await;
        let id = orders[0]["id"].as_str().unwrap().to_string();
        let s = seller.get_or_insert(crate::checkout::seller_of(&app, &id).await);
        assert_eq!(s.call("mark_paid", &[("id", &id)]).await.status, 200);
        send_all(&app).await;
    }
    let low = |mails: Vec<Value>| -> Vec<Value> {
        mails
            .into_iter()
            .filter(|m| m["subject"].as_str().unwrap().starts_with("Low stock"))
            .collect()
    };
    let all = mail.emails_to(&seller_address).await;
    let subjects: Vec<&str> = all.iter().filter_map(|m| m["subject"].as_str()).collect();
    let first = low(all.clone());
    assert!(
        !first.is_empty(),
        "a low-stock mail to {seller_address}: {subjects:?}"
    );
    let link = mail.header(&first[0], "list-unsubscribe").await.unwrap();
    assert_eq!(
        mail.header(&first[0], "list-unsubscribe-post")
            .await
            .as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let url = link.trim_matches(|c| c == '<' || c == '>');
    let path = url.strip_prefix(&app.state.settings.public_origin).unwrap();
    assert!(path.starts_with("/mail/unsubscribe/stock/"), "{path}");

    let forged = format!("/mail/unsubscribe/stock/{}", "0".repeat(48));
    let r = app
        .client()
        .post_body(
            &forged,
            "application/x-www-form-urlencoded",
            "List-Unsubscribe=One-Click",
            &[],
        )
        .await;
    assert_eq!(r.status, 404);
    let page = app.client().get(path).await;
    assert_eq!(page.status, 303, "a browser is asked first");
    let r = app
        .client()
        .post_body(
            path,
            "application/x-www-form-urlencoded",
            "List-Unsubscribe=One-Click",
            &[],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);

    let s = seller.as_mut().unwrap();
    let prefs = s.call("mail_prefs", &[]).await.json();
    assert_eq!(prefs["on"], serde_json::json!(["reviews", "messages"]));
    // another sale leaves the stock low again: that mail is not sent
    let before = low(mail.emails_to(&seller_address).await).len();
    order_one(&mut buyer, &product).await;
    let orders = crate::checkout::my_orders(&mut buyer).await;
    let id = orders[0]["id"].as_str().unwrap().to_string();
    assert_eq!(s.call("mark_paid", &[("id", &id)]).await.status, 200);
    send_all(&app).await;
    assert_eq!(low(mail.emails_to(&seller_address).await).len(), before);

    let r = s.call("save_mail_prefs", &[("lang", "xx")]).await;
    assert_eq!(r.field_errors(), ["lang.InvalidChoice"]);
    let r = s
        .call("save_mail_prefs", &[("lang", "zh-Hant"), ("stock", "on")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let prefs = s.call("mail_prefs", &[]).await.json();
    assert_eq!(
        prefs,
        serde_json::json!({"lang": "zh-Hant", "on": ["stock"]})
    );
    set_stock(&app, &product, 3).await;
    order_one(&mut buyer, &product).await;
    let orders = crate::checkout::my_orders(&mut buyer).await;
    let id = orders[0]["id"].as_str().unwrap().to_string();
    assert_eq!(s.call("mark_paid", &[("id", &id)]).await.status, 200);
    send_all(&app).await;
    let zh: Vec<Value> = mail
        .emails_to(&seller_address)
        .await
        .into_iter()
        .filter(|m| m["subject"].as_str().unwrap().starts_with("庫存偏低"))
        .collect();
    assert_eq!(zh.len(), 1, "back on, now in Chinese");
}

/// An account opened with someone else's address cannot make the site write to them:
/// until the address is confirmed, only the confirmation link (and mail that always
/// arrives) is sent; an answer to its question waits as skipped.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn optional_mail_waits_for_a_confirmed_address() {
    let mail = MailDev::start().await;
    let app = TestApp::builder().smtp(mail.smtp_url()).spawn().await;
    app.seed(20).await;
    let (product, _) = two_shop_products(&app, 5).await;
    let mut c = app.client();
    let r = c.sign_up_unverified("someone@example.com", "Mei", PW).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = c
        .call(
            "ask_question",
            &[("product", &product), ("question", "Does it come in blue?")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM product_question LIMIT 1")
        .await
        .unwrap();
    let q: Vec<String> = res.take(0).unwrap();
    let (mut seller, _) = crate::chat::owner_of(&app, &product).await;
    let r = seller
        .call(
            "answer_question",
            &[("question", &q[0]), ("answer", "Yes, in navy.")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    send_all(&app).await;
    let got = mail.emails_to("someone@example.com").await;
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0]["subject"]
        .as_str()
        .unwrap()
        .starts_with("Confirm your email address"));
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM outbox WHERE kind = 'question_answered' AND mail_status = 'skipped' GROUP ALL"
        )
        .await,
        1
    );
}
