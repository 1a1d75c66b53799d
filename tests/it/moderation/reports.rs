//! Shoppers' reports of listings.

use integration::{Client, TestApp};
use surrealdb::types::RecordId;

use super::{field, moderator};
use crate::checkout::seeded;
use crate::seller_listings::demo_seller;

async fn call(c: &mut Client, f: Vec<(&'static str, String)>) -> integration::Reply {
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.call("report_listing", &refs).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shoppers_report_listings_once_and_moderators_hold_or_dismiss_them() {
    let app = seeded().await;
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM product WHERE shop = shop:`formosa-tea-house` AND status = 'active' LIMIT 1")
        .await
        .unwrap();
    let ids: Vec<String> = res.take(0).unwrap();
    let id = ids[0].clone();
    let mut seller = a_signed_in_shopper_reports_a_listing_once(&app, &id).await;
    a_moderator_holds_the_listing_for_review_and_decides_once(&app, &mut seller, &id).await;
}

/// Visitors must sign in; bad reasons are refused; "other" needs details; a shopper
/// reports a listing once, and the seller cannot report their own. Returns the
/// seller.
async fn a_signed_in_shopper_reports_a_listing_once(app: &TestApp, id: &str) -> Client {
    let form = |reason: &'static str, text: &'static str| {
        vec![
            ("product", id.to_string()),
            ("reason", reason.to_string()),
            ("text", text.to_string()),
        ]
    };
    assert_eq!(
        call(&mut app.client(), form("counterfeit", ""))
            .await
            .status,
        401
    );
    let mut shopper = app.client();
    assert_eq!(
        shopper
            .log_in("shopper@demo.test", server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    assert_eq!(
        call(&mut shopper, form("spam", "")).await.field_errors(),
        ["reason.InvalidChoice"]
    );
    assert_eq!(
        call(&mut shopper, form("other", "")).await.field_errors(),
        ["text.Required"]
    );
    let r = call(
        &mut shopper,
        form("counterfeit", "The seal looks different from the brand's."),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        call(&mut shopper, form("ip", "")).await.field_errors(),
        ["reason.AlreadyDecided"],
        "once per listing"
    );
    // the seller cannot report their own listing
    let mut seller = demo_seller(app, 1).await;
    assert_eq!(
        call(&mut seller, form("counterfeit", ""))
            .await
            .field_errors(),
        ["reason.NotAllowed"]
    );

    seller
}

/// Only moderators see open reports; a moderator's review holds the listing and
/// queues it as a shopper report, and the report cannot be decided again.
async fn a_moderator_holds_the_listing_for_review_and_decides_once(
    app: &TestApp,
    seller: &mut Client,
    id: &str,
) {
    let mut m = moderator(app).await;
    assert_eq!(seller.call("open_reports", &[]).await.status, 403);
    let open = m.call("open_reports", &[]).await;
    let report = open
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["product_key"] == id)
        .cloned()
        .unwrap();
    let key = report["key"].as_str().unwrap().to_string();
    let r = m
        .call(
            "decide_report",
            &[("key", key.as_str()), ("decision", "review")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        field(
            app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", id)
        )
        .await,
        "held",
        "held for review"
    );
    let q = m
        .call("moderation_queue", &[("filter[kind]", "shopper_report")])
        .await;
    assert!(q.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["key"] == id));
    assert_eq!(
        m.call(
            "decide_report",
            &[("key", key.as_str()), ("decision", "dismiss")]
        )
        .await
        .field_errors(),
        ["report.AlreadyDecided"]
    );
}
