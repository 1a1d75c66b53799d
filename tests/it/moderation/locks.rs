//! A moderator's decision sticks: a listing a moderator rejected, or held after
//! shoppers' reports, stays off sale whatever its seller does next — every seller
//! action is tried on every kind of lock — until a moderator lifts it; and the
//! database itself refuses a locked listing that would be live.

use integration::{Client, TestApp};
use surrealdb::types::RecordId;

use super::{field, moderator, publish};
use crate::checkout::seeded;
use crate::seller_listings::variants::variant_form;
use crate::seller_listings::{act, demo_seller, listing, png, save};

/// How a listing came to be locked.
#[derive(Clone, Copy, Debug)]
enum LockedBy {
    /// Held by screening, then rejected by a moderator.
    Rejection,
    /// Live, reported by a shopper, held by a moderator for review.
    ReportHold,
}

/// What a seller can do to a listing that might put it back on sale.
#[derive(Clone, Copy, Debug)]
enum SellerAction {
    Publish,
    Save,
    SaveWithPublishTime,
    Duplicate,
    BulkEdit,
    AddVariant,
}

const LOCKS: [LockedBy; 2] = [LockedBy::Rejection, LockedBy::ReportHold];
const ACTIONS: [SellerAction; 6] = [
    SellerAction::Publish,
    SellerAction::Save,
    SellerAction::SaveWithPublishTime,
    SellerAction::Duplicate,
    SellerAction::BulkEdit,
    SellerAction::AddVariant,
];

fn product(id: &str) -> RecordId {
    RecordId::new("product", id)
}

async fn status(app: &TestApp, id: &str) -> String {
    field(app, "SELECT VALUE status FROM ONLY $id", product(id))
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn case_status(app: &TestApp, id: &str) -> serde_json::Value {
    field(
        app,
        "SELECT VALUE status FROM ONLY $id",
        RecordId::new("screening_case", id),
    )
    .await
}

/// A listing of the seller's, locked `how`; returns its id.
async fn locked_listing(
    app: &TestApp,
    seller: &mut Client,
    m: &mut Client,
    how: LockedBy,
    n: u32,
) -> String {
    match how {
        LockedBy::Rejection => {
            let (id, st) =
                publish(seller, &format!("Replica watch lot {n}"), png(300 + n, 90)).await;
            assert_eq!(st, "held");
            let r = m
                .call(
                    "decide_case",
                    &[
                        ("key", id.as_str()),
                        ("action", "reject"),
                        // a ground without a strike: six rejections must not suspend the shop
                        ("ground", "misleading"),
                        ("statement", "The listing misdescribes the item."),
                    ],
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
            id
        }
        LockedBy::ReportHold => {
            let (id, st) =
                publish(seller, &format!("Stoneware bowl lot {n}"), png(300 + n, 90)).await;
            assert_eq!(st, "active");
            report_and_hold(app, m, &id).await;
            id
        }
    }
}

/// A shopper reports listing `id`; the moderator holds it for review.
async fn report_and_hold(app: &TestApp, m: &mut Client, id: &str) {
    let mut shopper = app.client();
    shopper
        .log_in("shopper@demo.test", server::seed::DEMO_PASSWORD)
        .await;
    let r = shopper
        .call(
            "report_listing",
            &[("product", id), ("reason", "counterfeit"), ("text", "")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let open = m.call("open_reports", &[]).await;
    let key = open
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["product_key"] == id)
        .unwrap()["key"]
        .as_str()
        .unwrap()
        .to_string();
    let r = m
        .call(
            "decide_report",
            &[("key", key.as_str()), ("decision", "review")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

/// The seller tries `action` (the ones that would make a new listing are refused).
async fn attempt(seller: &mut Client, id: &str, action: SellerAction) {
    match action {
        SellerAction::Publish => {
            let r = act(seller, id, "publish").await;
            assert_eq!(r.field_errors(), ["status.Locked"], "{}", r.body);
        }
        SellerAction::Save => {
            let r = save(seller, id, &listing("Stoneware bowl, fixed", "480", "5")).await;
            assert_eq!(r.status, 200, "the seller's changes are kept: {}", r.body);
        }
        SellerAction::SaveWithPublishTime => {
            let mut f = listing("Stoneware bowl, later", "480", "5");
            f.push(("publish_at", "2020-01-01T00:00"));
            save(seller, id, &f).await;
        }
        SellerAction::Duplicate => {
            let r = act(seller, id, "duplicate").await;
            assert_eq!(r.field_errors(), ["status.Locked"], "{}", r.body);
        }
        SellerAction::BulkEdit => {
            let r = seller
                .call(
                    "bulk_update",
                    &[("id[0]", id), ("price[0]", "300"), ("stock[0]", "50")],
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
        }
        SellerAction::AddVariant => {
            let f = variant_form(id, true, "L", "480");
            let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let r = seller.call("add_variant", &f).await;
            assert_eq!(r.field_errors(), ["status.Locked"], "{}", r.body);
        }
    }
}

/// Adds a size to the live listing `id`; returns the variant's key.
async fn add_size(seller: &mut Client, id: &str) -> Vec<String> {
    let f = variant_form(id, true, "L", "480");
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = seller.call("add_variant", &f).await;
    r.json()
        .as_str()
        .map(|v| vec![v.to_string()])
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_seller_action_puts_a_locked_listing_back_on_sale() {
    let app = seeded().await;
    let mut seller = demo_seller(&app, 1).await;
    let mut m = moderator(&app).await;
    let mut n = 0;
    for how in LOCKS {
        for action in ACTIONS {
            n += 1;
            let id = locked_listing(&app, &mut seller, &mut m, how, n).await;
            let case_before = case_status(&app, &id).await;
            attempt(&mut seller, &id, action).await;
            let path = format!("{how:?} then {action:?}");
            let st = status(&app, &id).await;
            assert!(
                ["held", "delisted", "draft"].contains(&st.as_str()),
                "{path}: the listing is {st}"
            );
            assert_eq!(
                case_status(&app, &id).await,
                case_before,
                "{path}: the case changed"
            );
            let locks = field(&app, "SELECT VALUE locks FROM ONLY $id", product(&id)).await;
            assert!(
                locks.as_array().is_some_and(|l| !l.is_empty()),
                "{path}: the lock is gone ({locks})"
            );
            assert_eq!(
                app.client().get(&format!("/p/{id}")).await.status,
                404,
                "{path}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderators_approval_lifts_a_report_hold_and_a_lock_covers_the_variants() {
    let app = seeded().await;
    let mut seller = demo_seller(&app, 1).await;
    let mut m = moderator(&app).await;
    // a live listing with a live variant, reported and held
    let (id, st) = publish(&mut seller, "Stoneware bowl with sizes", png(420, 90)).await;
    assert_eq!(st, "active");
    let variant = add_size(&mut seller, &id).await;
    let variant = variant.first().expect("a variant").clone();
    assert_eq!(status(&app, &variant).await, "active");
    report_and_hold(&app, &mut m, &id).await;
    assert_eq!(status(&app, &id).await, "held");
    assert_eq!(
        status(&app, &variant).await,
        "held",
        "the variant is held with it"
    );
    assert_eq!(app.client().get(&format!("/p/{variant}")).await.status, 404);

    // the moderator approves: both are back
    let r = m
        .call(
            "decide_case",
            &[("key", id.as_str()), ("action", "approve")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(status(&app, &id).await, "active");
    assert_eq!(status(&app, &variant).await, "active");
    let locks = field(&app, "SELECT VALUE locks FROM ONLY $id", product(&id)).await;
    assert_eq!(locks, serde_json::json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_refuses_a_locked_listing_that_would_be_live() {
    let app = seeded().await;
    let db = &app.state.db;
    let mut res = db
        .query("SELECT VALUE record::id(id) FROM product WHERE status = 'active' LIMIT 1")
        .await
        .unwrap();
    let ids: Vec<String> = res.take(0).unwrap();
    let p = product(&ids[0]);
    // locking takes it down in the same write: allowed
    db.query("UPDATE $p SET status = 'delisted', locks = ['moderation']")
        .bind(("p", p.clone()))
        .await
        .unwrap()
        .check()
        .unwrap();
    // any write that would make it live (or able to go live by itself) is refused
    for to in ["active", "scheduled", "sold_out", "pending_review"] {
        let r = db
            .query("UPDATE $p SET status = $to")
            .bind(("p", p.clone()))
            .bind(("to", to))
            .await
            .unwrap()
            .check();
        assert!(r.is_err(), "a locked listing became {to}");
    }
    assert_eq!(status(&app, &ids[0]).await, "delisted");
    // the statuses the database refuses are the domain's
    assert_eq!(
        backend::moderation::store::locks::refused_while_locked(),
        ["scheduled", "active", "pending_review", "sold_out"]
    );
    let migration = server::db::MIGRATIONS
        .iter()
        .find(|(name, _)| *name == "0023_listing_locks")
        .unwrap()
        .1;
    assert!(migration
        .contains("$after.status IN ['scheduled', 'active', 'pending_review', 'sold_out']"));
}

async fn decide_application(
    m: &mut Client,
    key: &str,
    action: &str,
    reason: &str,
) -> integration::Reply {
    m.call(
        "decide_application",
        &[("key", key), ("action", action), ("reason", reason)],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_suspended_shop_sells_nothing_until_it_is_reinstated() {
    let app = seeded().await;
    let mut m = moderator(&app).await;
    // the shop with the most live listings
    let mut res = app
        .state
        .db
        .query(
            "SELECT record::id(shop) AS key, count() AS n FROM product \
             WHERE status = 'active' AND variant_of = NONE GROUP BY key ORDER BY n DESC LIMIT 1",
        )
        .await
        .unwrap();
    let top: Vec<serde_json::Value> = res.take(0).unwrap();
    let shop = RecordId::new("shop", top[0]["key"].as_str().unwrap());
    let seller_key = field(
        &app,
        "SELECT VALUE record::id(seller) FROM ONLY $id",
        shop.clone(),
    )
    .await
    .as_str()
    .unwrap()
    .to_string();
    let owner = field(&app, "SELECT VALUE owner.email FROM ONLY $id", shop.clone())
        .await
        .as_str()
        .unwrap()
        .to_string();
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM product WHERE shop = $s AND status = 'active' AND variant_of = NONE")
        .bind(("s", shop.clone()))
        .await
        .unwrap();
    let live: Vec<String> = res.take(0).unwrap();
    assert!(live.len() >= 2, "the shop sells something");
    // a shopper orders one (offline payment) before the suspension
    let mut buyer = crate::checkout::shopper(&app, "early@example.com").await;
    crate::checkout::add(&mut buyer, &live[0], "1").await;
    let (_, form) = crate::checkout::checkout_form(&mut buyer).await;
    let r = crate::checkout::place(&mut buyer, &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let order = field(
        &app,
        "SELECT VALUE record::id(id) FROM shop_order WHERE shop = $id AND buyer.email = 'early@example.com' LIMIT 1",
        shop.clone(),
    )
    .await
    .as_str()
    .unwrap()
    .to_string();
    let r = decide_application(&mut m, &seller_key, "suspend", "Counterfeit notices upheld").await;
    assert_eq!(r.status, 200, "{}", r.body);

    let mut shopper = app.client();
    shopper
        .log_in("shopper@demo.test", server::seed::DEMO_PASSWORD)
        .await;
    for id in &live {
        assert_eq!(status(&app, id).await, "delisted", "{id} is off sale");
        assert_eq!(app.client().get(&format!("/p/{id}")).await.status, 404);
        let r = shopper
            .call(
                "add_to_cart",
                &[("product_id", id.as_str()), ("quantity", "1")],
            )
            .await;
        assert_eq!(r.status, 404, "{id} cannot be bought: {}", r.body);
    }
    let search = app.client().get("/c/tea").await;
    for id in &live {
        assert!(
            !search.body.contains(&format!("/p/{id}\"")),
            "{id} is listed"
        );
    }
    // the suspended seller cannot put anything back
    let mut seller = app.client();
    let r = seller.log_in(&owner, server::seed::DEMO_PASSWORD).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(act(&mut seller, &live[0], "publish").await.status, 403);
    // nor take new money: recording the order's offline payment is refused
    assert_eq!(
        seller
            .call("mark_paid", &[("id", order.as_str())])
            .await
            .status,
        403
    );

    the_unpaid_order_ends(&app, &order, &live[0]).await;

    let r = decide_application(&mut m, &seller_key, "reinstate", "Appeal upheld").await;
    assert_eq!(r.status, 200, "{}", r.body);
    for id in &live {
        assert_eq!(
            status(&app, id).await,
            "active",
            "{id} is back where it was"
        );
    }
}

/// The order waiting for the suspended shop's offline payment ends with the next run
/// of the reservation job, and its unit's reservation is released.
async fn the_unpaid_order_ends(app: &TestApp, order: &str, product: &str) {
    let (on_hand, reserved) = crate::checkout::stock(app, product).await;
    assert!(
        app::orders::imp::release_expired(&app.state).await.unwrap() >= 1,
        "the order ended"
    );
    assert_eq!(
        field(
            app,
            "SELECT VALUE [status, cancel_reason] FROM ONLY $id",
            RecordId::new("shop_order", order)
        )
        .await,
        serde_json::json!(["cancelled", "shop_closed"])
    );
    assert_eq!(
        crate::checkout::stock(app, product).await,
        (on_hand, reserved - 1)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_photos_of_a_listing_taken_down_under_a_notice_are_not_served() {
    let app = seeded().await;
    let mut seller = demo_seller(&app, 1).await;
    let (id, st) = publish(&mut seller, "Stoneware bowl in photos", png(500, 90)).await;
    assert_eq!(st, "active");
    let editor = seller
        .call("listing_editor", &[("id", id.as_str())])
        .await
        .json();
    let url = editor["photos"][0]["url"].as_str().unwrap().to_string();
    assert!(url.starts_with("/media/products/"), "{url}");
    assert_eq!(app.client().get(&url).await.status, 200);
    // a rights notice's take-down puts its lock on the listing
    app.state
        .db
        .query("UPDATE $p SET status = 'delisted', locks = ['notice']")
        .bind(("p", product(&id)))
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(app.client().get(&url).await.status, 404);
}
