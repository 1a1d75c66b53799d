//! Reviews and ratings: verified purchases only, within the window, once per line;
//! edits keep history; automatic checks hold reviews for moderators; ratings kept by
//! deltas equal a recomputation after any sequence of changes; helpful votes,
//! reports, seller replies, negative-review notices and linked-account flags.

use chrono::Duration;
use integration::{Client, TestApp};
use serde_json::Value;
use surrealdb::types::RecordId;

use crate::checkout::{
    add, checkout_form, count, my_orders, pay_ship_deliver, place, seeded, seller_of, set_stock,
    shopper,
};
use crate::moderation::moderator;
use crate::seller_listings::png;

/// A listed product (not a variant, in an approved shop) with stock.
async fn product(app: &TestApp, skip: usize) -> String {
    let mut res = app
        .state
        .db
        .query(
            "SELECT VALUE record::id(id) FROM product WHERE status = 'active' AND variant_of = NONE \
             AND has_variants != true AND shop.status = 'approved' ORDER BY id",
        )
        .await
        .unwrap();
    let keys: Vec<String> = res.take(0).unwrap();
    let key = keys[skip].clone();
    set_stock(app, &key, 50).await;
    key
}

/// `email` signs up, buys one `product`, and the seller delivers it: (buyer, order id,
/// order line key).
async fn delivered(app: &TestApp, email: &str, product: &str) -> (Client, String, String) {
    let mut c = shopper(app, email).await;
    let (order, line) = bought(app, &mut c, product).await;
    let mut seller = seller_of(app, &order).await;
    pay_ship_deliver(&mut seller, &order).await;
    (c, order, line)
}

/// `c` buys one `product` (placed, not delivered): (order id, line key).
async fn bought(_app: &TestApp, c: &mut Client, product: &str) -> (String, String) {
    add(c, product, "1").await;
    let (_, form) = checkout_form(c).await;
    let r = place(c, &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let order = my_orders(c).await[0]["id"].as_str().unwrap().to_string();
    let lines = c.call("order_reviews", &[("order", &order)]).await;
    assert_eq!(lines.status, 200, "{}", lines.body);
    let line = lines.json()[0]["line_key"].as_str().unwrap().to_string();
    (order, line)
}

/// Posts the review form; the redirect's location.
async fn write(
    c: &mut Client,
    order: &str,
    line: &str,
    fields: &[(&str, &str)],
    photos: Vec<Vec<u8>>,
) -> String {
    let files: Vec<(&str, &str, Vec<u8>)> =
        photos.into_iter().map(|b| ("photos", "p.png", b)).collect();
    let r = c
        .post_multipart(&format!("/orders/{order}/review/{line}"), fields, &files)
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.headers["location"].to_str().unwrap().to_string()
}

fn good(rating: &str, body: &'static str) -> Vec<(&'static str, String)> {
    vec![
        ("rating", rating.to_string()),
        ("title", "Nice".to_string()),
        ("body", body.to_string()),
    ]
}

fn pairs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, s)| (*k, s.as_str())).collect()
}

async fn reviews(c: &mut Client, product: &str, extra: &[(&str, &str)]) -> Value {
    let mut args = vec![("product", product)];
    args.extend_from_slice(extra);
    let r = c.call("product_reviews", &args).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

/// The stored ratings of a product equal a recomputation from its published reviews.
async fn assert_consistent(app: &TestApp, product: &str) -> domain::review::Aggregate {
    let id = RecordId::new("product", product);
    let stored = app::reviews::imp::product_aggregate(&app.state.db, &id)
        .await
        .unwrap();
    let fresh = app::reviews::imp::recomputed(&app.state.db, &id)
        .await
        .unwrap();
    assert_eq!(stored, fresh, "stored ratings drifted from the reviews");
    let mut res = app
        .state
        .db
        .query("SELECT VALUE [rating_avg, rating_bayes, rating_key] FROM $p")
        .bind(("p", id))
        .await
        .unwrap();
    let v: Vec<Vec<f64>> = res.take(0).unwrap();
    assert!((v[0][0] - fresh.average()).abs() < 1e-9, "{v:?}");
    assert!((v[0][1] - fresh.bayesian()).abs() < 1e-9, "{v:?}");
    // listings sorted by rating use the Bayesian score (forward index key)
    assert!((v[0][2] + fresh.bayesian()).abs() < 1e-9, "{v:?}");
    stored
}

async fn field(app: &TestApp, id: RecordId, f: &str) -> Value {
    let mut res = app
        .state
        .db
        .query(format!("SELECT VALUE {f} FROM $r"))
        .bind(("r", id))
        .await
        .unwrap();
    let v: Vec<Value> = res.take(0).unwrap();
    v.into_iter().next().unwrap_or(Value::Null)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivered_line_is_reviewed_once_with_a_photo_and_edits_keep_history() {
    let app = seeded().await;
    let p = product(&app, 0).await;
    let before = assert_consistent(&app, &p).await;
    let (mut c, order, line) = delivered(&app, "rev@example.com", &p).await;

    // the order page offers the review
    let lines = c.call("order_reviews", &[("order", &order)]).await.json();
    assert!(lines[0]["state"]["CanWrite"].is_object(), "{lines}");

    // refused input: named field, nothing stored
    for (fields, code) in [
        (good("0", "Lovely, pours well."), "rating.InvalidNumber"),
        (good("6", "Lovely, pours well."), "rating.InvalidNumber"),
        (good("4", "   "), "body.Required"),
        (good("4", "short"), "body.TooShort"),
    ] {
        let loc = write(&mut c, &order, &line, &pairs(&fields), vec![]).await;
        assert!(loc.contains(&format!("error={code}")), "{loc}");
        assert!(loc.contains("body="), "what was typed comes back: {loc}");
    }
    let fake = [b"\x89PNG\r\n\x1a\n".to_vec(), vec![0u8; 300]].concat();
    let loc = write(
        &mut c,
        &order,
        &line,
        &pairs(&good("4", "Lovely, pours well.")),
        vec![fake],
    )
    .await;
    assert!(loc.contains("error=photos.NotAnImage"), "{loc}");
    let big = [b"\x89PNG\r\n\x1a\n".to_vec(), vec![7u8; 5 * 1024 * 1024]].concat();
    let loc = write(
        &mut c,
        &order,
        &line,
        &pairs(&good("4", "Lovely, pours well.")),
        vec![big],
    )
    .await;
    assert!(loc.contains("error=photos.FileTooLarge"), "{loc}");
    let five = (0..5).map(|_| png(40, 40)).collect();
    let loc = write(
        &mut c,
        &order,
        &line,
        &pairs(&good("4", "Lovely, pours well.")),
        five,
    )
    .await;
    assert!(loc.contains("error=photos.TooMany"), "{loc}");
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM review WHERE author = user:⟨rev@example.com⟩ GROUP ALL"
        )
        .await,
        0
    );

    // someone else cannot review this line
    let mut other = shopper(&app, "other@example.com").await;
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
            .call("review_form", &[("order", &order), ("line", &line)])
            .await
            .status,
        404
    );

    // a good review with a photo is published and on the product page at once
    let loc = write(
        &mut c,
        &order,
        &line,
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
    let page = reviews(&mut c, &p, &[]).await;
    let mine = &page["reviews"][0];
    assert_eq!(mine["key"], line.as_str());
    assert_eq!(mine["rating"], 4);
    assert_eq!(mine["mine"], true);
    assert_eq!(mine["aspects"], serde_json::json!([5, null, 3]));
    assert_eq!(mine["lang"], "en");
    let thumb = mine["photos"][0][0].as_str().unwrap().to_string();
    let full = mine["photos"][0][1].as_str().unwrap().to_string();
    assert_eq!(c.get(&thumb).await.status, 200);
    assert_eq!(c.get(&full).await.status, 200);
    let after = assert_consistent(&app, &p).await;
    assert_eq!(after.count, before.count + 1);
    assert_eq!(after.dist[3], before.dist[3] + 1);
    assert_eq!(after.photos, before.photos + 1);
    assert_eq!(page["summary"]["count"], after.count);

    // editing: a new version, the old one kept, the rating moved from 4 to 2 stars
    let loc = write(
        &mut c,
        &order,
        &line,
        &pairs(&good("2", "Lid cracked after a week of use.")),
        vec![],
    )
    .await;
    assert_eq!(loc, format!("/p/{p}#review-{line}"));
    let edited = assert_consistent(&app, &p).await;
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
            &app,
            &format!(
                "SELECT count() AS n FROM review_revision WHERE review = review:{line} GROUP ALL"
            )
        )
        .await,
        1
    );
    let form = c
        .call("review_form", &[("order", &order), ("line", &line)])
        .await
        .json();
    assert_eq!(form["existing"]["revisions"], 1);
    assert_eq!(form["existing"]["rating"], 2);
    // a negative review tells the seller
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM outbox WHERE kind = 'review_negative' GROUP ALL"
        )
        .await,
        1
    );

    // edits close after 30 days; a new review after the review window is refused
    app.clock.advance(Duration::days(31));
    assert_eq!(
        c.log_in("rev@example.com", crate::checkout::PW)
            .await
            .status,
        200
    );
    let loc = write(
        &mut c,
        &order,
        &line,
        &pairs(&good("5", "Changed my mind, great pot.")),
        vec![],
    )
    .await;
    assert!(loc.contains("error=review.WindowClosed"), "{loc}");
    let (mut late, order2, line2) = delivered(&app, "late@example.com", &p).await;
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
    assert_eq!(assert_consistent(&app, &p).await, edited);
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
        Some(&format!("session={}", buyer.cookie("session").unwrap())),
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

    // helpful: once per person, never one's own
    let mut fan = shopper(&app, "fan@example.com").await;
    let r = fan.call("vote_helpful", &[("review", &line)]).await;
    assert_eq!((r.status, r.json()), (200, serde_json::json!(1)));
    let r = fan.call("vote_helpful", &[("review", &line)]).await;
    assert_eq!(r.field_errors(), ["review.AlreadyDone"]);
    let r = author.call("vote_helpful", &[("review", &line)]).await;
    assert_eq!(r.field_errors(), ["review.NotAllowed"]);
    assert_eq!(
        app.client()
            .call("vote_helpful", &[("review", &line)])
            .await
            .status,
        401
    );
    assert_eq!(
        field(&app, RecordId::new("review", line.as_str()), "helpful").await,
        1
    );
    let page = reviews(&mut fan, &p, &[("query[sort]", "helpful")]).await;
    let helpful: Vec<i64> = page["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["helpful"].as_i64().unwrap())
        .collect();
    assert!(helpful.windows(2).all(|w| w[0] >= w[1]), "{helpful:?}");
    let page = reviews(&mut fan, &p, &[("query[stars]", "1")]).await;
    let mine = page["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == line.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        (mine["voted"].clone(), mine["helpful"].clone()),
        (Value::from(true), Value::from(1))
    );

    // filters: stars, photos, language
    let ones = reviews(&mut fan, &p, &[("query[stars]", "1")]).await;
    assert!(ones["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["rating"] == 1));
    assert!(ones["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["key"] == line.as_str()));
    let photos = reviews(&mut fan, &p, &[("query[photos]", "1")]).await;
    assert!(photos["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| !r["photos"].as_array().unwrap().is_empty()));
    let zh = reviews(&mut fan, &p, &[("query[lang]", "zh-Hant")]).await;
    assert!(zh["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["lang"] == "zh-Hant"));
    let lowest = reviews(&mut fan, &p, &[("query[sort]", "lowest")]).await;
    let ratings: Vec<i64> = lowest["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rating"].as_i64().unwrap())
        .collect();
    assert!(ratings.windows(2).all(|w| w[0] <= w[1]), "{ratings:?}");

    // the seller: negative review waiting for a reply, one public reply, editable
    let list = seller
        .call("seller_reviews", &[("filter", "needs_reply")])
        .await
        .json();
    assert!(list["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["key"] == line.as_str()));
    let waiting = list["needs_reply"].as_i64().unwrap();
    let r = seller
        .call("reply_review", &[("review", &line), ("reply", "  ")])
        .await;
    assert_eq!(r.field_errors(), ["reply.Required"]);
    let r = seller
        .call(
            "reply_review",
            &[("review", &line), ("reply", "Sorry! We will replace it.")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = seller
        .call(
            "reply_review",
            &[
                ("review", &line),
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
    let page = reviews(&mut fan, &p, &[("query[stars]", "1")]).await;
    let shown = page["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == line.as_str())
        .unwrap()
        .clone();
    assert_eq!(shown["reply"], "Sorry! A replacement is on its way.");
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM outbox WHERE kind = 'review_reply' GROUP ALL"
        )
        .await,
        1
    );
    // another seller cannot reply
    let owner = field(
        &app,
        RecordId::new("shop_order", order.as_str()),
        "shop.owner.email",
    )
    .await;
    let n = if owner == "seller1@demo.test" { 2 } else { 1 };
    let mut other = crate::seller_listings::demo_seller(&app, n).await;
    let r = other
        .call(
            "reply_review",
            &[("review", &line), ("reply", "Not my review")],
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.body);

    // reports reach moderators; removing needs a reason; ratings follow
    let r = fan
        .call("report_review", &[("review", &line), ("reason", "bogus")])
        .await;
    assert_eq!(r.field_errors(), ["reason.InvalidChoice"]);
    assert_eq!(
        fan.call("report_review", &[("review", &line), ("reason", "fake")])
            .await
            .status,
        200
    );
    let r = fan
        .call("report_review", &[("review", &line), ("reason", "fake")])
        .await;
    assert_eq!(r.field_errors(), ["reason.AlreadyDone"]);
    let mut m = moderator(&app).await;
    assert_eq!(fan.call("moderation_reviews", &[]).await.status, 403);
    let list = m.call("moderation_reviews", &[]).await.json();
    let item = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == line.as_str())
        .unwrap()
        .clone();
    assert_eq!(item["reports"], serde_json::json!([["fake", 1]]));
    let before = assert_consistent(&app, &p).await;
    let r = m
        .call(
            "decide_review",
            &[
                ("review", &line),
                ("decision", "remove"),
                ("reason", "short"),
            ],
        )
        .await;
    assert_eq!(r.field_errors(), ["reason.Required"]);
    let r = m
        .call(
            "decide_review",
            &[
                ("review", &line),
                ("decision", "remove"),
                (
                    "reason",
                    "Reported as fake; the buyer's account is linked to a competitor.",
                ),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = m
        .call(
            "decide_review",
            &[
                ("review", &line),
                ("decision", "remove"),
                ("reason", "Reported as fake, decided twice."),
            ],
        )
        .await;
    assert_eq!(r.field_errors(), ["review.AlreadyDecided"]);
    let after = assert_consistent(&app, &p).await;
    assert_eq!(
        (after.count, after.dist[0]),
        (before.count - 1, before.dist[0] - 1)
    );
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM audit_log WHERE action = 'review.removed' GROUP ALL"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM outbox WHERE kind = 'review_removed' GROUP ALL"
        )
        .await,
        1
    );
    let page = reviews(&mut fan, &p, &[("query[stars]", "1")]).await;
    assert!(!page["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["key"] == line.as_str()));
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn automatic_checks_hold_reviews_for_moderators() {
    let app = seeded().await;
    let p = product(&app, 3).await;
    let before = assert_consistent(&app, &p).await;
    // profanity (zh-Hant), a link, a phone number: held, not counted
    let mut held = Vec::new();
    for (i, body) in [
        "賣家是王八蛋，東西很爛",
        "Cheaper at www.teadeals.shop, buy there",
        "Call me on 0912-345-678 for a better deal",
    ]
    .into_iter()
    .enumerate()
    {
        let (mut c, order, line) = delivered(&app, &format!("held{i}@example.com"), &p).await;
        let loc = write(
            &mut c,
            &order,
            &line,
            &[("rating", "5"), ("body", body)],
            vec![],
        )
        .await;
        assert_eq!(loc, format!("/orders/{order}#reviews"));
        held.push(line);
    }
    assert_eq!(assert_consistent(&app, &p).await, before);
    let mut m = moderator(&app).await;
    let list = m.call("moderation_reviews", &[]).await.json();
    let flags: Vec<Value> = held
        .iter()
        .map(|k| {
            list.as_array()
                .unwrap()
                .iter()
                .find(|r| r["key"] == k.as_str())
                .unwrap()["flags"]
                .clone()
        })
        .collect();
    assert_eq!(
        flags,
        [
            serde_json::json!(["profanity"]),
            serde_json::json!(["link"]),
            serde_json::json!(["phone"])
        ]
    );
    // the moderator publishes the phone-number one: now counted
    let r = m
        .call(
            "decide_review",
            &[("review", &held[2]), ("decision", "keep")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let after = assert_consistent(&app, &p).await;
    assert_eq!(
        (after.count, after.dist[4]),
        (before.count + 1, before.dist[4] + 1)
    );

    // the same text from another account is held as a duplicate
    let q = product(&app, 4).await;
    let text = "Fantastic quality, fast shipping, would definitely buy again!";
    let (mut a, oa, la) = delivered(&app, "dup-a@example.com", &q).await;
    assert_eq!(
        write(&mut a, &oa, &la, &[("rating", "5"), ("body", text)], vec![]).await,
        format!("/p/{q}#review-{la}")
    );
    let (mut b, ob, lb) = delivered(&app, "dup-b@example.com", &q).await;
    let loud = "FANTASTIC quality — fast shipping; would definitely buy again";
    assert_eq!(
        write(&mut b, &ob, &lb, &[("rating", "5"), ("body", loud)], vec![]).await,
        format!("/orders/{ob}#reviews")
    );
    assert_eq!(
        field(&app, RecordId::new("review", lb.as_str()), "flags").await,
        serde_json::json!(["duplicate"])
    );
    assert_consistent(&app, &q).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn linked_accounts_and_bursts_are_flagged() {
    let app = seeded().await;
    let p = product(&app, 5).await;
    // two accounts from one browser (device cookie) reviewing the same shop
    let (mut a, oa, la) = delivered(&app, "same-a@example.com", &p).await;
    let device = a.cookie("hm_device").expect("device cookie issued");
    assert_eq!(
        write(
            &mut a,
            &oa,
            &la,
            &pairs(&good("5", "Really lovely, thank you.")),
            vec![]
        )
        .await,
        format!("/p/{p}#review-{la}")
    );
    let mut b = app.client();
    b.set_cookie("hm_device", &device);
    assert_eq!(
        b.sign_up("same-b@example.com", "Buyer", crate::checkout::PW)
            .await
            .status,
        200
    );
    let (ob, lb) = bought(&app, &mut b, &p).await;
    let mut seller = seller_of(&app, &ob).await;
    pay_ship_deliver(&mut seller, &ob).await;
    let loc = write(
        &mut b,
        &ob,
        &lb,
        &pairs(&good("5", "Superb item, fast post.")),
        vec![],
    )
    .await;
    assert_eq!(loc, format!("/orders/{ob}#reviews"));
    assert_eq!(
        field(&app, RecordId::new("review", lb.as_str()), "flags").await,
        serde_json::json!(["linked_accounts"])
    );

    // a "buyer" on the seller's own browser: the seller opened the site and logged in
    // from it (the session records the device)
    let email = field(
        &app,
        RecordId::new("shop_order", ob.as_str()),
        "shop.owner.email",
    )
    .await;
    let mut own = app.client();
    assert_eq!(own.get("/").await.status, 200);
    let r = own
        .log_in(email.as_str().unwrap(), server::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let seller_device = own.cookie("hm_device").expect("seller device");
    let mut c = app.client();
    c.set_cookie("hm_device", &seller_device);
    assert_eq!(
        c.sign_up("sock@example.com", "Buyer", crate::checkout::PW)
            .await
            .status,
        200
    );
    let (oc, lc) = bought(&app, &mut c, &p).await;
    pay_ship_deliver(&mut seller, &oc).await;
    write(
        &mut c,
        &oc,
        &lc,
        &pairs(&good("4", "Amazing, four stars.")),
        vec![],
    )
    .await;
    assert_eq!(
        field(&app, RecordId::new("review", lc.as_str()), "flags").await,
        serde_json::json!(["linked_accounts"])
    );
    // a stranger's device on another product of the shop is not flagged
    let (mut d, od, ld) = delivered(&app, "stranger@example.com", &p).await;
    assert_eq!(
        write(
            &mut d,
            &od,
            &ld,
            &pairs(&good("3", "Fine, does the job.")),
            vec![]
        )
        .await,
        format!("/p/{p}#review-{ld}")
    );

    // the same card (fingerprint from the payment provider) on two accounts reviewing
    // one shop
    let q = product(&app, 6).await;
    let set_fp = |order: String| {
        let db = app.state.db.clone();
        async move {
            db.query("UPDATE payment SET fingerprint = 'card-1' WHERE checkout = $o.checkout")
                .bind(("o", RecordId::new("shop_order", order.as_str())))
                .await
                .unwrap()
                .check()
                .unwrap();
        }
    };
    let (mut e, oe, le) = delivered(&app, "card-a@example.com", &q).await;
    set_fp(oe.clone()).await;
    assert_eq!(
        write(
            &mut e,
            &oe,
            &le,
            &pairs(&good("5", "Lovely, thanks a lot.")),
            vec![]
        )
        .await,
        format!("/p/{q}#review-{le}")
    );
    let (mut f, of, lf) = delivered(&app, "card-b@example.com", &q).await;
    set_fp(of.clone()).await;
    assert_eq!(
        write(
            &mut f,
            &of,
            &lf,
            &pairs(&good("5", "Great, would buy again.")),
            vec![]
        )
        .await,
        format!("/orders/{of}#reviews")
    );
    assert_eq!(
        field(&app, RecordId::new("review", lf.as_str()), "flags").await,
        serde_json::json!(["linked_accounts"])
    );

    // a burst: the fifth review of one product within the hour is held
    let r = product(&app, 7).await;
    let mut statuses = Vec::new();
    for i in 0..5 {
        let (mut c, o, l) = delivered(&app, &format!("burst{i}@example.com"), &r).await;
        let body = format!("Review number {i} of this lovely thing.");
        write(
            &mut c,
            &o,
            &l,
            &[("rating", "5"), ("body", body.as_str())],
            vec![],
        )
        .await;
        statuses.push(field(&app, RecordId::new("review", l.as_str()), "status").await);
    }
    assert!(
        statuses[..4].iter().all(|s| s == "published"),
        "{statuses:?}"
    );
    assert_eq!(statuses[4], "held");
    assert_consistent(&app, &r).await;
}

/// Any sequence of writes, edits, holds, removals and moderator decisions keeps the
/// stored ratings equal to a recomputation from the reviews.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ratings_equal_a_recomputation_after_random_changes() {
    let app = seeded().await;
    let p = product(&app, 8).await;
    let mut m = moderator(&app).await;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut written: Vec<(Client, String, String)> = Vec::new();
    for step in 0..24 {
        match next(5) {
            0 | 1 if written.len() < 8 => {
                let (mut c, o, l) = delivered(&app, &format!("rnd{step}@example.com"), &p).await;
                let rating = (1 + next(5)).to_string();
                let body = if next(4) == 0 {
                    "Total crap, do not buy".to_string()
                } else {
                    format!("Step {step}: my honest opinion.")
                };
                let photos = if next(2) == 0 {
                    vec![png(30, 30)]
                } else {
                    vec![]
                };
                write(
                    &mut c,
                    &o,
                    &l,
                    &[("rating", rating.as_str()), ("body", body.as_str())],
                    photos,
                )
                .await;
                written.push((c, o, l));
            }
            2 if !written.is_empty() => {
                let i = next(written.len() as u64) as usize;
                let (c, o, l) = &mut written[i];
                let rating = (1 + next(5)).to_string();
                let body = format!("Edited at step {step}, still thinking.");
                write(
                    c,
                    o,
                    l,
                    &[("rating", rating.as_str()), ("body", body.as_str())],
                    vec![],
                )
                .await;
            }
            3 if !written.is_empty() => {
                let i = next(written.len() as u64) as usize;
                let l = written[i].2.clone();
                // held → keep, or reported published → remove
                let status = field(&app, RecordId::new("review", l.as_str()), "status").await;
                if status == "held" {
                    m.call("decide_review", &[("review", &l), ("decision", "keep")])
                        .await;
                } else if status == "published" {
                    let mut r = shopper(&app, &format!("rep{step}@example.com")).await;
                    r.call("report_review", &[("review", &l), ("reason", "spam")])
                        .await;
                    m.call(
                        "decide_review",
                        &[
                            ("review", &l),
                            ("decision", "remove"),
                            ("reason", "Removed in the random walk."),
                        ],
                    )
                    .await;
                }
            }
            _ => {}
        }
        assert_consistent(&app, &p).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeded_ratings_come_from_seeded_reviews() {
    let app = seeded().await;
    let n = count(&app, "SELECT count() AS n FROM review GROUP ALL").await;
    assert!(n > 20, "{n}");
    // every seeded review is a verified purchase: its line's order is the author's
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM review WHERE order_line.shop_order.buyer != author GROUP ALL"
        )
        .await,
        0
    );
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM product WHERE rating_count > 0 LIMIT 5")
        .await
        .unwrap();
    let keys: Vec<String> = res.take(0).unwrap();
    assert!(!keys.is_empty());
    for k in keys {
        assert_consistent(&app, &k).await;
    }
    // and the shop's ratings sum its products'
    assert_eq!(
        count(&app, "SELECT count() AS n FROM shop WHERE rating_count != math::sum((SELECT VALUE rating_count FROM product WHERE shop = $parent.id)) GROUP ALL").await,
        0
    );
}
