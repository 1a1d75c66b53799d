//! Writing and editing: a delivered line is reviewed once, with photos, and edits keep
//! history; undelivered lines, own products and racing duplicates are refused.

use chrono::Duration;
use domain::review::Aggregate;
use integration::{Client, TestApp};
use surrealdb::types::RecordId;

use super::{assert_consistent, bought, delivered, good, pairs, product, reviews, write};
use crate::checkout::{count, seeded, seller_of, shopper};
use crate::seller_listings::png;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivered_line_is_reviewed_once_with_a_photo_and_edits_keep_history() {
    let app = seeded().await;
    let p = product(&app, 0).await;
    let before = assert_consistent(&app, &p).await;
    let (mut c, order, line) = delivered(&app, "rev@example.com", &p).await;

    the_order_page_offers_the_review(&mut c, &order).await;
    refused_input_stores_nothing(&app, &mut c, &order, &line).await;
    someone_else_cannot_review_the_line(&app, &order, &line).await;
    a_good_review_with_a_photo_is_published_at_once(&app, &mut c, &p, &order, &line, &before).await;
    let edited = an_edit_keeps_the_old_version(&app, &mut c, &p, &order, &line, &before).await;
    edits_and_late_reviews_close_with_their_windows(&app, &mut c, &p, &order, &line, &edited).await;
}

/// The order page offers the review.
async fn the_order_page_offers_the_review(c: &mut Client, order: &str) {
    let lines = c.call("order_reviews", &[("order", order)]).await.json();
    assert!(lines[0]["state"]["CanWrite"].is_object(), "{lines}");
}

/// Refused input: named field, what was typed comes back, nothing stored.
async fn refused_input_stores_nothing(app: &TestApp, c: &mut Client, order: &str, line: &str) {
    for (fields, code) in [
        (good("0", "Lovely, pours well."), "rating.InvalidNumber"),
        (good("6", "Lovely, pours well."), "rating.InvalidNumber"),
        (good("4", "   "), "body.Required"),
        (good("4", "short"), "body.TooShort"),
    ] {
        let loc = write(c, order, line, &pairs(&fields), vec![]).await;
        assert!(loc.contains(&format!("error={code}")), "{loc}");
        assert!(loc.contains("body="), "what was typed comes back: {loc}");
    }
    let fake = [b"\x89PNG\r\n\x1a\n".to_vec(), vec![0u8; 300]].concat();
    let loc = write(
        c,
        order,
        line,
        &pairs(&good("4", "Lovely, pours well.")),
        vec![fake],
    )
    .await;
    assert!(loc.contains("error=photos.NotAnImage"), "{loc}");
    let big = [b"\x89PNG\r\n\x1a\n".to_vec(), vec![7u8; 5 * 1024 * 1024]].concat();
    let loc = write(
        c,
        order,
        line,
        &pairs(&good("4", "Lovely, pours well.")),
        vec![big],
    )
    .await;
    assert!(loc.contains("error=photos.FileTooLarge"), "{loc}");
    let five = (0..5).map(|_| png(40, 40)).collect();
    let loc = write(
        c,
        order,
        line,
        &pairs(&good("4", "Lovely, pours well.")),
        five,
    )
    .await;
    assert!(loc.contains("error=photos.TooMany"), "{loc}");
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM review WHERE author = user:⟨rev@example.com⟩ GROUP ALL"
        )
        .await,
        0
    );
}

/// Someone else cannot review this line.
async fn someone_else_cannot_review_the_line(app: &TestApp, order: &str, line: &str) {
    let mut other = shopper(app, "other@example.com").await;
    let r = other
        .post_multipart(
            &format!("/orders/{order}/review/{line}"),
            &pairs(&good("5", "I never bought this thing.")),
            &[],
        )
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(
        other
            .call("review_form", &[("order", order), ("line", line)])
            .await
            .status,
        404
    );
}

/// A good review with a photo is published and on the product page at once; the
/// ratings follow.
async fn a_good_review_with_a_photo_is_published_at_once(
    app: &TestApp,
    c: &mut Client,
    p: &str,
    order: &str,
    line: &str,
    before: &Aggregate,
) {
    let loc = write(
        c,
        order,
        line,
        &[
            ("rating", "4"),
            ("title", "Good pot"),
            ("body", "Pours cleanly, lid fits well."),
            ("quality", "5"),
            ("shipping", "3"),
        ],
        vec![png(120, 90)],
    )
    .await;
    assert_eq!(loc, format!("/p/{p}#review-{line}"));
    let page = reviews(c, p, &[]).await;
    let mine = &page["reviews"][0];
    assert_eq!(mine["key"], line);
    assert_eq!(mine["rating"], 4);
    assert_eq!(mine["mine"], true);
    assert_eq!(mine["aspects"], serde_json::json!([5, null, 3]));
    assert_eq!(mine["lang"], "en");
    let thumb = mine["photos"][0][0].as_str().unwrap().to_string();
    let full = mine["photos"][0][1].as_str().unwrap().to_string();
    assert_eq!(c.get(&thumb).await.status, 200);
    assert_eq!(c.get(&full).await.status, 200);
    // a review a moderator removed no longer shows its photos (put back for what follows)
    let set = |status: &'static str| {
        app.state
            .db
            .query("UPDATE $r SET status = $s")
            .bind(("r", surrealdb::types::RecordId::new("review", line)))
            .bind(("s", status))
    };
    set("removed").await.unwrap().check().unwrap();
    assert_eq!(c.get(&full).await.status, 404);
    set("published").await.unwrap().check().unwrap();
    assert_eq!(c.get(&full).await.status, 200);
    let after = assert_consistent(app, p).await;
    assert_eq!(after.count, before.count + 1);
    assert_eq!(after.dist[3], before.dist[3] + 1);
    assert_eq!(after.photos, before.photos + 1);
    assert_eq!(page["summary"]["count"], after.count);
}

/// Editing: a new version, the old one kept, the rating moved from 4 to 2 stars, and
/// the seller told of the negative review. Returns the ratings after the edit.
async fn an_edit_keeps_the_old_version(
    app: &TestApp,
    c: &mut Client,
    p: &str,
    order: &str,
    line: &str,
    before: &Aggregate,
) -> Aggregate {
    let loc = write(
        c,
        order,
        line,
        &pairs(&good("2", "Lid cracked after a week of use.")),
        vec![],
    )
    .await;
    assert_eq!(loc, format!("/p/{p}#review-{line}"));
    let edited = assert_consistent(app, p).await;
    assert_eq!(
        (edited.dist[3], edited.dist[1]),
        (before.dist[3], before.dist[1] + 1)
    );
    assert_eq!(
        edited.photos,
        before.photos + 1,
        "photos kept when none uploaded"
    );
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT count() AS n FROM review_revision WHERE review = review:{line} GROUP ALL"
            )
        )
        .await,
        1
    );
    let form = c
        .call("review_form", &[("order", order), ("line", line)])
        .await
        .json();
    assert_eq!(form["existing"]["revisions"], 1);
    assert_eq!(form["existing"]["rating"], 2);
    // a negative review tells the seller
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM outbox WHERE kind = 'review_negative' GROUP ALL"
        )
        .await,
        1
    );
    edited
}

/// Edits close after 30 days; a new review after the review window is refused; the
/// ratings stay as they were.
async fn edits_and_late_reviews_close_with_their_windows(
    app: &TestApp,
    c: &mut Client,
    p: &str,
    order: &str,
    line: &str,
    edited: &Aggregate,
) {
    app.clock.advance(Duration::days(31));
    assert_eq!(
        c.log_in("rev@example.com", crate::checkout::PW)
            .await
            .status,
        200
    );
    let loc = write(
        c,
        order,
        line,
        &pairs(&good("5", "Changed my mind, great pot.")),
        vec![],
    )
    .await;
    assert!(loc.contains("error=review.WindowClosed"), "{loc}");
    let (mut late, order2, line2) = delivered(app, "late@example.com", p).await;
    app.clock.advance(Duration::days(91));
    assert_eq!(
        late.log_in("late@example.com", crate::checkout::PW)
            .await
            .status,
        200
    );
    let loc = write(
        &mut late,
        &order2,
        &line2,
        &pairs(&good("5", "Finally got round to it.")),
        vec![],
    )
    .await;
    assert!(loc.contains("error=review.WindowClosed"), "{loc}");
    assert_eq!(&assert_consistent(app, p).await, edited);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undelivered_lines_own_products_and_racing_duplicates_are_refused() {
    let app = seeded().await;
    let p = product(&app, 1).await;
    // placed, not delivered
    let mut c = shopper(&app, "early@example.com").await;
    let (order, line) = bought(&app, &mut c, &p).await;
    let loc = write(
        &mut c,
        &order,
        &line,
        &pairs(&good("5", "Can't wait for it to come.")),
        vec![],
    )
    .await;
    assert!(loc.contains("error=review.NotDelivered"), "{loc}");

    // the seller buys their own product: cannot review it
    let mut seller = seller_of(&app, &order).await;
    let (own_order, own_line) = bought(&app, &mut seller, &p).await;
    app.state
        .db
        .query("UPDATE $o SET status = 'delivered', delivered_at = time::now()")
        .bind(("o", RecordId::new("shop_order", own_order.as_str())))
        .await
        .unwrap()
        .check()
        .unwrap();
    let lines = seller
        .call("order_reviews", &[("order", &own_order)])
        .await
        .json();
    assert_eq!(lines[0]["state"], "OwnProduct");
    let loc = write(
        &mut seller,
        &own_order,
        &own_line,
        &pairs(&good("5", "Best product ever made!")),
        vec![],
    )
    .await;
    assert!(loc.contains("error=review.NotAllowed"), "{loc}");

    // two submissions of a new review at once: exactly one review
    let (buyer, order, line) = delivered(&app, "twice@example.com", &p).await;
    let user = app::accounts::session::user_for_cookie_header(
        &app.state,
        buyer.cookie_header().as_deref(),
    )
    .await
    .unwrap()
    .unwrap();
    let sub = || app::reviews::imp::Submission {
        draft: domain::review::Draft {
            rating: "5".into(),
            body: "Arrived fast and works well.".into(),
            ..Default::default()
        },
        photos: vec![],
        device: None,
    };
    let (a, b) = tokio::join!(
        app::reviews::imp::submit(&app.state, &user, &order, &line, sub()),
        app::reviews::imp::submit(&app.state, &user, &order, &line, sub()),
    );
    let oks = [a.is_ok(), b.is_ok()].iter().filter(|x| **x).count();
    assert!(oks >= 1);
    if oks == 1 {
        let err = a.err().or(b.err()).unwrap();
        assert_eq!(
            err,
            app::error::invalid("review", domain::FieldErrorCode::AlreadyDone)
        );
    }
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count() AS n FROM review WHERE order_line = order_line:{line} GROUP ALL"
            )
        )
        .await,
        1
    );
    assert_consistent(&app, &p).await;
}
