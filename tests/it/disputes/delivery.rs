//! A seller's "delivered" is a report; the buyer's confirmation or the deadline two
//! weeks after shipping makes the order delivered, and only then do returns, reviews
//! and the shop's settlement start counting.

use chrono::Duration;
use integration::{Client, TestApp};

use super::ordered;
use crate::checkout::{confirm, count, pay_ship_report, seeded, seller_of, two_shop_products};

async fn mails(app: &TestApp, id: &str, kind: &str) -> i64 {
    count(
        app,
        &format!(
            "SELECT count() AS n FROM outbox WHERE kind = '{kind}' AND link = '/orders/{id}' GROUP ALL"
        ),
    )
    .await
}

async fn status(c: &mut Client, id: &str) -> String {
    let d = c.call("order_detail", &[("id", id)]).await.json();
    d["status"].as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reported_delivery_waits_for_the_buyer_or_the_deadline() {
    let app = seeded().await;
    let (a, _) = two_shop_products(&app, 10).await;
    let (mut c, id) = ordered(&app, "late@example.com", &a, "1").await;
    let mut seller = seller_of(&app, &id).await;
    pay_ship_report(&mut seller, &id).await;
    assert_eq!(mails(&app, &id, "order_delivery_reported").await, 1);
    assert_eq!(status(&mut c, &id).await, "Shipped");
    // no review yet: the order is not delivered
    let lines = c.call("order_reviews", &[("order", &id)]).await.json();
    assert_eq!(lines[0]["state"], "NotYet", "{lines}");

    // a day before the deadline nothing happens; at it, the order is delivered, the
    // buyer is told how long they may return it, and the return window starts then
    app.clock.advance(Duration::days(13));
    app::orders::imp::confirm_due(&app.state).await.unwrap();
    assert_eq!(status(&mut c, &id).await, "Shipped");
    app.clock.advance(Duration::days(1));
    assert!(app::orders::imp::confirm_due(&app.state).await.unwrap() >= 1);
    assert_eq!(status(&mut c, &id).await, "Delivered");
    assert_eq!(mails(&app, &id, "order_delivered").await, 1);
    assert_eq!(
        app::orders::imp::confirm_due(&app.state).await.unwrap(),
        0,
        "confirmed once"
    );
    let d = c.call("order_detail", &[("id", &id)]).await.json();
    assert_eq!(d["can_return"], true);
    let last = d["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "delivered");
    assert_eq!(last["note"], "confirmed automatically");
    let lines = c.call("order_reviews", &[("order", &id)]).await.json();
    assert!(lines[0]["state"]["CanWrite"].is_object(), "{lines}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_buyer_may_confirm_before_the_seller_reports_and_settlement_completes_it() {
    let app = seeded().await;
    let (a, _) = two_shop_products(&app, 10).await;
    let (mut c, id) = ordered(&app, "early@example.com", &a, "1").await;
    let mut seller = seller_of(&app, &id).await;
    // not before it ships
    assert_eq!(seller.call("mark_paid", &[("id", &id)]).await.status, 200);
    let r = c.call("confirm_delivery", &[("id", &id)]).await;
    assert_eq!(r.status, 409, "{}", r.body);
    let r = seller
        .call(
            "ship_order",
            &[("id", &id), ("carrier", "DHL"), ("tracking", "55")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = c.call("order_detail", &[("id", &id)]).await.json();
    assert!(
        d["confirm_by"].as_str().is_some_and(|s| !s.is_empty()),
        "{d}"
    );
    confirm(&mut c, &id).await;
    assert_eq!(mails(&app, &id, "order_delivered").await, 0, "they know");
    let r = seller.call("mark_delivered", &[("id", &id)]).await;
    assert_eq!(r.status, 409, "already delivered: {}", r.body);
    // the deadline passing later changes nothing
    app.clock.advance(Duration::days(15));
    app::orders::imp::confirm_due(&app.state).await.unwrap();
    assert_eq!(status(&mut c, &id).await, "Delivered");
    // settlement pays the shop out and completes the order
    app::sellers::money::imp::settle_due(&app.state, app.state.now())
        .await
        .unwrap();
    assert_eq!(status(&mut c, &id).await, "Completed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_racing_delivery_reports_mail_the_buyer_once() {
    let app = seeded().await;
    let (a, _) = two_shop_products(&app, 10).await;
    let (_c, id) = ordered(&app, "race@example.com", &a, "1").await;
    let mut seller = seller_of(&app, &id).await;
    assert_eq!(seller.call("mark_paid", &[("id", &id)]).await.status, 200);
    let r = seller
        .call(
            "ship_order",
            &[("id", &id), ("carrier", "DHL"), ("tracking", "55")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // a double click: the same session, two requests at once
    let mut twin = seller.clone();
    let args = [("id", id.as_str())];
    let (r1, r2) = tokio::join!(
        seller.call("mark_delivered", &args),
        twin.call("mark_delivered", &args)
    );
    let mut statuses = [r1.status, r2.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} / {}", r1.body, r2.body);
    assert_eq!(mails(&app, &id, "order_delivery_reported").await, 1);
}
