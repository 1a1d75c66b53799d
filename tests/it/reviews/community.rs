//! What others do with a published review: helpful votes, reports, the seller's reply,
//! the negative-review notice and moderators' decisions.

use integration::{Client, TestApp};
use serde_json::Value;
use surrealdb::types::RecordId;

use super::{assert_consistent, delivered, field, good, pairs, product, reviews, write};
use crate::checkout::{count, seeded, seller_of, shopper};
use crate::moderation::moderator;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn votes_reports_replies_and_moderation() {
    let app = seeded().await;
    let p = product(&app, 2).await;
    let (mut author, order, line) = delivered(&app, "author@example.com", &p).await;
    write(
        &mut author,
        &order,
        &line,
        &pairs(&good("1", "Broke on the first day, very poor.")),
        vec![],
    )
    .await;
    let mut seller = seller_of(&app, &order).await;
    let mut fan = shopper(&app, "fan@example.com").await;

    helpful_votes_once_per_person_never_ones_own(&app, &mut fan, &mut author, &p, &line).await;
    reviews_filter_by_stars_photos_and_language(&mut fan, &p, &line).await;
    the_seller_replies_once_in_public(&app, &mut seller, &mut fan, &p, &line).await;
    another_seller_cannot_reply(&app, &order, &line).await;
    reports_reach_moderators_and_removal_needs_a_reason(&app, &mut fan, &p, &line).await;
    // a removed review cannot be voted on or edited back
    assert_eq!(
        fan.call("vote_helpful", &[("review", &line)]).await.status,
        404
    );
    let loc = write(
        &mut author,
        &order,
        &line,
        &pairs(&good("5", "Trying to put it back up.")),
        vec![],
    )
    .await;
    assert!(loc.contains("error=review.NotAllowed"), "{loc}");
}

/// The review `line` as the product page lists it to `c` among the one-star reviews.
async fn one_star_review(c: &mut Client, p: &str, line: &str) -> Option<Value> {
    let page = reviews(c, p, &[("query[stars]", "1")]).await;
    page["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == line)
        .cloned()
}

/// Helpful: once per person, never one's own, signed in only; the helpful sort follows.
async fn helpful_votes_once_per_person_never_ones_own(
    app: &TestApp,
    fan: &mut Client,
    author: &mut Client,
    p: &str,
    line: &str,
) {
    let r = fan.call("vote_helpful", &[("review", line)]).await;
    assert_eq!((r.status, r.json()), (200, serde_json::json!(1)));
    let r = fan.call("vote_helpful", &[("review", line)]).await;
    assert_eq!(r.field_errors(), ["review.AlreadyDone"]);
    let r = author.call("vote_helpful", &[("review", line)]).await;
    assert_eq!(r.field_errors(), ["review.NotAllowed"]);
    assert_eq!(
        app.client()
            .call("vote_helpful", &[("review", line)])
            .await
            .status,
        401
    );
    assert_eq!(
        field(app, RecordId::new("review", line), "helpful").await,
        1
    );
    let page = reviews(fan, p, &[("query[sort]", "helpful")]).await;
    let helpful: Vec<i64> = page["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["helpful"].as_i64().unwrap())
        .collect();
    assert!(helpful.windows(2).all(|w| w[0] >= w[1]), "{helpful:?}");
    let mine = one_star_review(fan, p, line).await.unwrap();
    assert_eq!(
        (mine["voted"].clone(), mine["helpful"].clone()),
        (Value::from(true), Value::from(1))
    );
}

/// Filters: stars, photos, language; and the lowest-first sort.
async fn reviews_filter_by_stars_photos_and_language(fan: &mut Client, p: &str, line: &str) {
    let ones = reviews(fan, p, &[("query[stars]", "1")]).await;
    assert!(ones["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["rating"] == 1));
    assert!(ones["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["key"] == line));
    let photos = reviews(fan, p, &[("query[photos]", "1")]).await;
    assert!(photos["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| !r["photos"].as_array().unwrap().is_empty()));
    let zh = reviews(fan, p, &[("query[lang]", "zh-Hant")]).await;
    assert!(zh["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["lang"] == "zh-Hant"));
    let lowest = reviews(fan, p, &[("query[sort]", "lowest")]).await;
    let ratings: Vec<i64> = lowest["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rating"].as_i64().unwrap())
        .collect();
    assert!(ratings.windows(2).all(|w| w[0] <= w[1]), "{ratings:?}");
}

/// The seller: the negative review waits for a reply; one public reply, editable, and
/// one notice to the author.
async fn the_seller_replies_once_in_public(
    app: &TestApp,
    seller: &mut Client,
    fan: &mut Client,
    p: &str,
    line: &str,
) {
    let list = seller
        .call("seller_reviews", &[("filter", "needs_reply")])
        .await
        .json();
    assert!(list["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["key"] == line));
    let waiting = list["needs_reply"].as_i64().unwrap();
    let r = seller
        .call("reply_review", &[("review", line), ("reply", "  ")])
        .await;
    assert_eq!(r.field_errors(), ["reply.Required"]);
    let r = seller
        .call(
            "reply_review",
            &[("review", line), ("reply", "Sorry! We will replace it.")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = seller
        .call(
            "reply_review",
            &[
                ("review", line),
                ("reply", "Sorry! A replacement is on its way."),
            ],
        )
        .await;
    assert_eq!(r.status, 200);
    let list = seller
        .call("seller_reviews", &[("filter", "needs_reply")])
        .await
        .json();
    assert_eq!(list["needs_reply"].as_i64().unwrap(), waiting - 1);
    let shown = one_star_review(fan, p, line).await.unwrap();
    assert_eq!(shown["reply"], "Sorry! A replacement is on its way.");
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM outbox WHERE kind = 'review_reply' GROUP ALL"
        )
        .await,
        1
    );
}

/// Another seller cannot reply.
async fn another_seller_cannot_reply(app: &TestApp, order: &str, line: &str) {
    let owner = field(app, RecordId::new("shop_order", order), "shop.owner.email").await;
    let n = if owner == "seller1@demo.test" { 2 } else { 1 };
    let mut other = crate::seller_listings::demo_seller(app, n).await;
    let r = other
        .call(
            "reply_review",
            &[("review", line), ("reply", "Not my review")],
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.body);
}

/// Reports reach moderators; removing needs a reason and is decided once; the ratings,
/// the audit log and the author's notice follow, and the review leaves the page.
async fn reports_reach_moderators_and_removal_needs_a_reason(
    app: &TestApp,
    fan: &mut Client,
    p: &str,
    line: &str,
) {
    let r = fan
        .call("report_review", &[("review", line), ("reason", "bogus")])
        .await;
    assert_eq!(r.field_errors(), ["reason.InvalidChoice"]);
    assert_eq!(
        fan.call("report_review", &[("review", line), ("reason", "fake")])
            .await
            .status,
        200
    );
    let r = fan
        .call("report_review", &[("review", line), ("reason", "fake")])
        .await;
    assert_eq!(r.field_errors(), ["reason.AlreadyDone"]);
    let mut m = moderator(app).await;
    assert_eq!(fan.call("moderation_reviews", &[]).await.status, 403);
    let list = m.call("moderation_reviews", &[]).await.json();
    let item = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == line)
        .unwrap()
        .clone();
    assert_eq!(item["reports"], serde_json::json!([["fake", 1]]));
    let before = assert_consistent(app, p).await;
    let remove =
        |reason: &'static str| [("review", line), ("decision", "remove"), ("reason", reason)];
    let r = m.call("decide_review", &remove("short")).await;
    assert_eq!(r.field_errors(), ["reason.Required"]);
    let r = m
        .call(
            "decide_review",
            &remove("Reported as fake; the buyer's account is linked to a competitor."),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = m
        .call("decide_review", &remove("Reported as fake, decided twice."))
        .await;
    assert_eq!(r.field_errors(), ["review.AlreadyDecided"]);
    let after = assert_consistent(app, p).await;
    assert_eq!(
        (after.count, after.dist[0]),
        (before.count - 1, before.dist[0] - 1)
    );
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM audit_log WHERE action = 'review.removed' GROUP ALL"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM outbox WHERE kind = 'review_removed' GROUP ALL"
        )
        .await,
        1
    );
    assert!(one_star_review(fan, p, line).await.is_none());
}
