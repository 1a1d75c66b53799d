//! The automatic checks that hold a review for moderators: profanity, links, phone
//! numbers, copied text, linked accounts and bursts.

use integration::{Client, TestApp};
use serde_json::Value;
use surrealdb::types::RecordId;

use super::{assert_consistent, bought, delivered, field, good, pairs, product, write};
use crate::checkout::{pay_ship_deliver, seeded, seller_of};
use crate::moderation::moderator;

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
    let (mut seller, ob) = two_accounts_on_one_browser_are_flagged(&app, &p).await;
    a_buyer_on_the_sellers_own_browser_is_flagged(&app, &mut seller, &ob, &p).await;
    a_strangers_device_is_not_flagged(&app, &p).await;
    the_same_card_on_two_accounts_is_flagged(&app).await;
    the_fifth_review_within_the_hour_is_held(&app).await;
}

/// Two accounts from one browser (device cookie) reviewing the same shop: the second
/// review is flagged. Returns the shop's seller and the second account's order.
async fn two_accounts_on_one_browser_are_flagged(app: &TestApp, p: &str) -> (Client, String) {
    let (mut a, oa, la) = delivered(app, "same-a@example.com", p).await;
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
    let (ob, lb) = bought(app, &mut b, p).await;
    let mut seller = seller_of(app, &ob).await;
    pay_ship_deliver(&mut seller, &mut b, &ob).await;
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
        field(app, RecordId::new("review", lb.as_str()), "flags").await,
        serde_json::json!(["linked_accounts"])
    );

    (seller, ob)
}

/// A "buyer" on the seller's own browser is flagged: the seller opened the site and
/// logged in from it (the session records the device).
async fn a_buyer_on_the_sellers_own_browser_is_flagged(
    app: &TestApp,
    seller: &mut Client,
    ob: &str,
    p: &str,
) {
    let email = field(app, RecordId::new("shop_order", ob), "shop.owner.email").await;
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
    let (oc, lc) = bought(app, &mut c, p).await;
    pay_ship_deliver(seller, &mut c, &oc).await;
    write(
        &mut c,
        &oc,
        &lc,
        &pairs(&good("4", "Amazing, four stars.")),
        vec![],
    )
    .await;
    assert_eq!(
        field(app, RecordId::new("review", lc.as_str()), "flags").await,
        serde_json::json!(["linked_accounts"])
    );
}

/// A stranger's device on another product of the shop is not flagged.
async fn a_strangers_device_is_not_flagged(app: &TestApp, p: &str) {
    let (mut d, od, ld) = delivered(app, "stranger@example.com", p).await;
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
}

/// The same card (fingerprint from the payment provider) on two accounts reviewing
/// one shop: the second review is flagged.
async fn the_same_card_on_two_accounts_is_flagged(app: &TestApp) {
    let q = product(app, 6).await;
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
    let (mut e, oe, le) = delivered(app, "card-a@example.com", &q).await;
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
    let (mut f, of, lf) = delivered(app, "card-b@example.com", &q).await;
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
        field(app, RecordId::new("review", lf.as_str()), "flags").await,
        serde_json::json!(["linked_accounts"])
    );
}

/// A burst: the fifth review of one product within the hour is held.
async fn the_fifth_review_within_the_hour_is_held(app: &TestApp) {
    let r = product(app, 7).await;
    let mut statuses = Vec::new();
    for i in 0..5 {
        let (mut c, o, l) = delivered(app, &format!("burst{i}@example.com"), &r).await;
        let body = format!("Review number {i} of this lovely thing.");
        write(
            &mut c,
            &o,
            &l,
            &[("rating", "5"), ("body", body.as_str())],
            vec![],
        )
        .await;
        statuses.push(field(app, RecordId::new("review", l.as_str()), "status").await);
    }
    assert!(
        statuses[..4].iter().all(|s| s == "published"),
        "{statuses:?}"
    );
    assert_eq!(statuses[4], "held");
    assert_consistent(app, &r).await;
}
