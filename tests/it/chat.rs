//! Conversations through the real router: a thread per shopper and shop started from
//! a product or an order, unread counts on both sides, the seller's inbox filters,
//! contact details masked in both languages, the shop's response figures on the
//! injected clock, pages waiting for new messages answered as they arrive (also when
//! the message was written by another server instance), the mail that tells the
//! other side once, and bad input refused with nothing written.

use std::time::{Duration, Instant};

use integration::{Client, TestApp};
use serde_json::Value;
use surrealdb::types::RecordId;

use crate::checkout::{add, checkout_form, count, place, two_shop_products, PW};

/// The logged-in owner of a product's shop, and the shop's key.
pub(crate) async fn owner_of(app: &TestApp, product: &str) -> (Client, String) {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE [shop.owner.email, record::id(shop)] FROM $p")
        .bind(("p", RecordId::new("product", product)))
        .await
        .unwrap();
    let v: Vec<Vec<String>> = res.take(0).unwrap();
    let mut c = app.client();
    let r = c.log_in(&v[0][0], server::seed::DEMO_PASSWORD).await;
    assert_eq!(r.status, 200, "{}", r.body);
    (c, v[0][1].clone())
}

pub(crate) async fn shopper(app: &TestApp, email: &str) -> Client {
    let mut c = app.client();
    assert_eq!(c.sign_up(email, "Mei", PW).await.status, 200);
    c
}

async fn send(c: &mut Client, args: &[(&str, &str)]) -> Value {
    let r = c.call("send_message", args).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

async fn pulse(c: &mut Client, seen: &str) -> Value {
    let r = c.call("chat_pulse", &[("seen", seen)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

async fn inbox(c: &mut Client, filter: &str) -> Vec<Value> {
    let r = c.call("shop_threads", &[("filter", filter)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["threads"].as_array().unwrap().clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_from_a_product_page_reaches_the_seller_and_the_answer_comes_back() {
    let app = TestApp::spawn().await;
    app.seed(20).await;
    let (product, other_shop_product) = two_shop_products(&app, 5).await;
    let (mut seller, shop) = owner_of(&app, &product).await;
    let mut buyer = shopper(&app, "ask@example.com").await;

    // a product of another shop is not something to ask this shop about
    let r = buyer
        .call(
            "send_message",
            &[
                ("shop", &shop),
                ("product", &other_shop_product),
                ("body", "Hi"),
            ],
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.body);
    assert_eq!(
        count(&app, "SELECT count() AS n FROM chat_thread GROUP ALL").await,
        0
    );

    let thread = send(
        &mut buyer,
        &[
            ("shop", &shop),
            ("product", &product),
            ("body", "Is the 500 ml size in stock?"),
        ],
    )
    .await;
    let thread = thread.as_str().unwrap().to_string();
    assert_eq!(pulse(&mut seller, "").await["shop_unread"], 1);
    assert_eq!(pulse(&mut buyer, "").await["unread"], 0);
    let waiting = inbox(&mut seller, "unanswered").await;
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0]["key"], thread.as_str());
    assert_eq!(waiting[0]["with"], "Mei");
    assert_eq!(waiting[0]["unread"], 1);
    assert!(inbox(&mut seller, "orders").await.is_empty());

    // the seller opens it: read, and the product the question is about is shown
    let r = seller.call("thread_page", &[("thread", &thread)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let page = r.json();
    assert_eq!(page["side"], "shop");
    assert_eq!(page["messages"][0]["product"]["key"], product.as_str());
    assert_eq!(page["messages"][0]["mine"], false);
    assert_eq!(pulse(&mut seller, "").await["shop_unread"], 0);

    // the seller's canned replies, one per line, come back in the inbox and the thread
    let r = seller
        .call(
            "save_canned_replies",
            &[("replies", "Yes, in stock.\n\n謝謝詢問，今天出貨。")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let canned = serde_json::json!(["Yes, in stock.", "謝謝詢問，今天出貨。"]);
    assert_eq!(
        seller.call("shop_threads", &[]).await.json()["canned"],
        canned
    );
    let page = seller
        .call("thread_page", &[("thread", &thread)])
        .await
        .json();
    assert_eq!(page["canned"], canned);
    let r = seller
        .call(
            "save_canned_replies",
            &[("replies", "Add me on LINE: @teashop")],
        )
        .await;
    assert_eq!(r.field_errors(), ["canned.NotAllowed"]);
    send(
        &mut seller,
        &[("thread", &thread), ("body", "Yes, 12 left.")],
    )
    .await;
    assert!(inbox(&mut seller, "unanswered").await.is_empty());
    assert_eq!(pulse(&mut buyer, "").await["unread"], 1);
    let r = buyer.call("my_threads", &[]).await.json();
    assert_eq!(r["threads"][0]["unread"], 1);
    assert_eq!(r["threads"][0]["last_text"], "Yes, 12 left.");
    // asking again from the shop page writes into the same thread
    let again = send(&mut buyer, &[("shop", &shop), ("body", "Thanks!")]).await;
    assert_eq!(again.as_str(), Some(thread.as_str()));
    assert_eq!(
        count(&app, "SELECT count() AS n FROM chat_thread GROUP ALL").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_else_reads_or_writes_a_thread_and_bad_messages_change_nothing() {
    let app = TestApp::spawn().await;
    app.seed(20).await;
    let (product, _) = two_shop_products(&app, 5).await;
    let (mut seller, shop) = owner_of(&app, &product).await;
    let mut buyer = shopper(&app, "mine@example.com").await;
    let thread = send(&mut buyer, &[("shop", &shop), ("body", "Hello")]).await;
    let thread = thread.as_str().unwrap().to_string();
    let mut stranger = shopper(&app, "stranger@example.com").await;
    let before = app.row_counts().await;
    for (f, args) in [
        ("thread_page", vec![("thread", thread.as_str())]),
        (
            "send_message",
            vec![("thread", thread.as_str()), ("body", "peek")],
        ),
        ("thread_page", vec![("thread", "no-such-thread")]),
        ("thread_page", vec![("thread", "../../etc")]),
    ] {
        let r = stranger.call(f, &args).await;
        assert_eq!(r.status, 404, "{f} {args:?}: {}", r.body);
    }
    let r = app.client().call("my_threads", &[]).await;
    assert_eq!(r.status, 401);
    // the seller cannot open a conversation with their own shop
    let r = seller
        .call("send_message", &[("shop", &shop), ("body", "me")])
        .await;
    assert_eq!(r.field_errors(), ["body.NotAllowed"]);
    for (body, error) in [
        ("   ", "body.Required"),
        (&"長".repeat(2_001) as &str, "body.TooLong"),
    ] {
        let r = buyer
            .call("send_message", &[("thread", &thread), ("body", body)])
            .await;
        assert_eq!(r.field_errors(), [error]);
    }
    // an order of someone else's is not something to write about
    let r = buyer
        .call(
            "send_message",
            &[("thread", &thread), ("order", "not-mine"), ("body", "x")],
        )
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(app.row_counts().await, before, "nothing written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contact_details_are_masked_and_payment_requests_flagged_in_both_languages() {
    let app = TestApp::spawn().await;
    app.seed(20).await;
    let (product, _) = two_shop_products(&app, 5).await;
    let (mut seller, shop) = owner_of(&app, &product).await;
    let mut buyer = shopper(&app, "mask@example.com").await;
    let thread = send(
        &mut buyer,
        &[
            ("shop", &shop),
            ("body", "Call me on 0912-345-678 or mail mei@example.com"),
        ],
    )
    .await;
    let thread = thread.as_str().unwrap().to_string();
    send(
        &mut seller,
        &[
            ("thread", &thread),
            ("body", "便宜一點的話請加賴 tea_shop88，直接轉帳給我"),
        ],
    )
    .await;
    let page = buyer
        .call("thread_page", &[("thread", &thread)])
        .await
        .json();
    let msgs = page["messages"].as_array().unwrap();
    assert_eq!(msgs[0]["body"], "Call me on ••• or mail •••");
    assert_eq!(msgs[0]["masked"], true);
    assert_eq!(msgs[1]["body"], "便宜一點的話請加賴 •••，直接轉帳給我");
    assert_eq!(msgs[1]["warn"], true, "the buyer is warned");
    // what was written is kept for moderators, never shown to the other side
    let kept = count(
        &app,
        "SELECT count() AS n FROM chat_message WHERE original CONTAINS 'tea_shop88' GROUP ALL",
    )
    .await;
    assert_eq!(kept, 1);
    let inbox = seller.call("shop_threads", &[]).await.body;
    assert!(
        !inbox.contains("0912") && !inbox.contains("mei@example.com"),
        "{inbox}"
    );

    // a name is no way round it: the seller sees it masked too
    let mut sly = app.client();
    let r = sly.sign_up("sly@example.com", "Sly LINE: sly_88", PW).await;
    assert_eq!(r.status, 200, "{}", r.body);
    send(&mut sly, &[("shop", &shop), ("body", "Hello")]).await;
    let rows = seller.call("shop_threads", &[]).await.json();
    assert_eq!(rows["threads"][0]["with"], "Sly LINE: •••");
    // a listing kept off sale is nothing to show in a conversation
    app.state
        .db
        .query("UPDATE $p SET status = 'held'")
        .bind(("p", RecordId::new("product", product.as_str())))
        .await
        .unwrap()
        .check()
        .unwrap();
    let r = sly
        .call(
            "send_message",
            &[
                ("shop", &shop),
                ("product", &product),
                ("body", "This one?"),
            ],
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn response_rate_and_median_first_response_follow_the_clock() {
    let app = TestApp::spawn().await;
    app.seed(20).await;
    let (product, _) = two_shop_products(&app, 5).await;
    let (mut seller, shop) = owner_of(&app, &product).await;
    let figures = |r: integration::Reply| r.json();
    let mut anyone = app.client();
    assert_eq!(
        figures(anyone.call("shop_response", &[("shop", &shop)]).await),
        Value::Null,
        "too few questions to tell"
    );
    // three shoppers ask; the seller answers after 1 h and 3 h; the third waits
    let mut threads = Vec::new();
    for n in 0..3 {
        let mut b = shopper(&app, &format!("q{n}@example.com")).await;
        let t = send(&mut b, &[("shop", &shop), ("body", "Question?")]).await;
        // a second message before the answer does not restart the wait
        send(&mut b, &[("shop", &shop), ("body", "Anyone there?")]).await;
        threads.push(t.as_str().unwrap().to_string());
    }
    app.clock.advance(chrono::Duration::hours(1));
    send(&mut seller, &[("thread", &threads[0]), ("body", "Yes!")]).await;
    app.clock.advance(chrono::Duration::hours(2));
    send(&mut seller, &[("thread", &threads[1]), ("body", "Yes!")]).await;
    send(
        &mut seller,
        &[("thread", &threads[1]), ("body", "And more")],
    )
    .await;
    // the third question is not late yet: two counted, both in time
    assert_eq!(
        figures(anyone.call("shop_response", &[("shop", &shop)]).await),
        Value::Null
    );
    app.clock.advance(chrono::Duration::hours(22));
    let f = figures(anyone.call("shop_response", &[("shop", &shop)]).await);
    assert_eq!(f["rate_pct"], 67);
    // the clock is real time plus the offset: each wait also holds the seconds the
    // requests themselves took on a slow machine
    let median = f["median_secs"].as_i64().expect("median");
    assert!((2 * 3600..2 * 3600 + 60).contains(&median), "{median}");
    let product_page = anyone.get(&format!("/p/{product}")).await;
    assert!(
        product_page.body.contains("67 %"),
        "shown on the product page"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_page_hears_of_a_new_message_at_once_from_any_instance() {
    let app = TestApp::spawn().await;
    app.seed(20).await;
    let (product, _) = two_shop_products(&app, 5).await;
    let (mut seller, shop) = owner_of(&app, &product).await;
    let mut buyer = shopper(&app, "live@example.com").await;
    let thread = send(&mut buyer, &[("shop", &shop), ("body", "Hello?")]).await;
    let thread = thread.as_str().unwrap().to_string();
    let seen = pulse(&mut buyer, "").await["mark"]
        .as_str()
        .unwrap()
        .to_string();

    let waiting = {
        let mut b = buyer.clone();
        let seen = seen.clone();
        tokio::spawn(async move {
            let start = Instant::now();
            let p = pulse(&mut b, &seen).await;
            (p, start.elapsed())
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    send(
        &mut seller,
        &[("thread", &thread), ("body", "Hi! How can I help?")],
    )
    .await;
    let (p, waited) = waiting.await.unwrap();
    assert_ne!(p["mark"], seen.as_str());
    assert_eq!(p["unread"], 1);
    assert!(waited < Duration::from_secs(3), "answered after {waited:?}");

    // a write another server instance made reaches this one through the database
    let seen = p["mark"].as_str().unwrap().to_string();
    let waiting = {
        let mut b = buyer.clone();
        tokio::spawn(async move { pulse(&mut b, &seen).await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.state
        .db
        .query("UPDATE $t SET buyer_unread = 0")
        .bind(("t", RecordId::new("chat_thread", thread.as_str())))
        .await
        .unwrap()
        .check()
        .unwrap();
    let p = tokio::time::timeout(Duration::from_secs(3), waiting)
        .await
        .expect("woken by the live query")
        .unwrap();
    assert_eq!(p["unread"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_other_side_gets_one_mail_per_unread_run_and_sending_is_throttled() {
    let app = TestApp::spawn().await;
    app.seed(20).await;
    let (product, _) = two_shop_products(&app, 5).await;
    let (mut seller, shop) = owner_of(&app, &product).await;
    let mut buyer = shopper(&app, "mail@example.com").await;
    add(&mut buyer, &product, "1").await;
    let (_, form) = checkout_form(&mut buyer).await;
    assert_eq!(place(&mut buyer, &form).await.status, 200);
    let order = crate::checkout::my_orders(&mut buyer).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let notices = "SELECT count() AS n FROM outbox WHERE kind = 'chat_message' GROUP ALL";
    let thread = send(
        &mut buyer,
        &[
            ("shop", &shop),
            ("order", &order),
            ("body", "When will it ship?"),
        ],
    )
    .await;
    let thread = thread.as_str().unwrap().to_string();
    send(&mut buyer, &[("thread", &thread), ("body", "It is a gift")]).await;
    assert_eq!(count(&app, notices).await, 1, "one mail for the unread run");
    assert_eq!(inbox(&mut seller, "orders").await.len(), 1);
    let page = seller
        .call("thread_page", &[("thread", &thread)])
        .await
        .json();
    assert_eq!(page["messages"][0]["order"]["key"], order.as_str());
    assert!(page["messages"][0]["order"]["href"]
        .as_str()
        .unwrap()
        .starts_with("/seller/orders/"));
    send(&mut buyer, &[("thread", &thread), ("body", "Thanks")]).await;
    assert_eq!(
        count(&app, notices).await,
        2,
        "read, then a new message: a new mail"
    );

    for n in 0..27 {
        send(
            &mut buyer,
            &[("thread", &thread), ("body", &format!("again {n}"))],
        )
        .await;
    }
    let r = buyer
        .call(
            "send_message",
            &[("thread", &thread), ("body", "one too many")],
        )
        .await;
    assert_eq!(r.status, 429, "{}", r.body);
}
