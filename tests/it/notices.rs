//! Notice and action with the injected clock: rights owners registered and verified,
//! notices checked line by line, takedown, counter-notice, forwarding, reinstatement
//! after the waiting period, silence upheld with a strike, legal action, unfounded
//! notices rejected, and every refusal changing nothing.

use chrono::Duration;
use integration::{Client, TestApp};
use surrealdb::types::RecordId;

use crate::checkout::count;

async fn seeded() -> TestApp {
    let app = TestApp::spawn().await;
    app.seed(300).await;
    app
}
use crate::moderation::moderator;
use crate::seller_listings::{act, demo_seller};

async fn user(app: &TestApp, email: &str) -> Client {
    let mut c = app.client();
    let r = c.log_in(email, server::seed::DEMO_PASSWORD).await;
    assert_eq!(r.status, 200, "{}", r.body);
    c
}

async fn live_listings(app: &TestApp, shop: &str, n: usize) -> Vec<String> {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM product WHERE shop = $shop AND status = 'active' AND variant_of = NONE LIMIT $n")
        .bind(("shop", RecordId::new("shop", shop)))
        .bind(("n", n as i64))
        .await
        .unwrap();
    let v: Vec<String> = res.take(0).unwrap();
    assert_eq!(v.len(), n);
    v
}

async fn value(app: &TestApp, sql: &str, id: RecordId) -> String {
    let mut res = app.state.db.query(sql).bind(("id", id)).await.unwrap();
    let v: Vec<serde_json::Value> = res.take(0).unwrap();
    match v.into_iter().next() {
        Some(serde_json::Value::String(s)) => s,
        other => format!("{other:?}"),
    }
}

async fn product_status(app: &TestApp, key: &str) -> String {
    value(
        app,
        "SELECT VALUE status FROM $id",
        RecordId::new("product", key),
    )
    .await
}

async fn item_of(app: &TestApp, product: &str) -> String {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM notice_item WHERE product = $p ORDER BY created_at DESC LIMIT 1")
        .bind(("p", RecordId::new("product", product)))
        .await
        .unwrap();
    let v: Vec<String> = res.take(0).unwrap();
    v[0].clone()
}

async fn item_state(app: &TestApp, key: &str) -> String {
    value(
        app,
        "SELECT VALUE state FROM $id",
        RecordId::new("notice_item", key),
    )
    .await
}

/// shopper@demo.test registers as the owner of "Maison Lune" and is verified.
pub(crate) async fn verified_owner(app: &TestApp, m: &mut Client) -> Client {
    let mut owner = user(app, "shopper@demo.test").await;
    let bad = owner
        .call(
            "register_rights_owner",
            &[("name", "M"), ("brand_name", "Maison Lune")],
        )
        .await;
    assert_eq!(bad.status, 422);
    let r = owner
        .call(
            "register_rights_owner",
            &[
                ("name", "Maison Lune SA"),
                ("brand_name", "Maison Lune"),
                ("registration_number", "TW-01234567"),
                ("jurisdiction", "Taiwan"),
                (
                    "evidence",
                    "Registration certificate no. 01234567, TIPO register entry.",
                ),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // not verified yet: no notices
    let r = owner
        .call(
            "file_notice",
            &[
                ("listings", "d000001"),
                ("kind", "trademark"),
                ("evidence", "x".repeat(30).as_str()),
                ("good_faith", "on"),
            ],
        )
        .await;
    assert_eq!(r.status, 403);
    let key = value(
        app,
        "SELECT VALUE record::id(id) FROM rights_owner WHERE brand_name = 'Maison Lune' LIMIT 1",
        RecordId::new("x", "y"),
    )
    .await;
    let r = m
        .call(
            "decide_rights_owner",
            &[("key", key.as_str()), ("decision", "verify")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        value(
            app,
            "SELECT VALUE record::id(owner) FROM brand WHERE name = 'Maison Lune'",
            RecordId::new("x", "y")
        )
        .await,
        key,
        "the registry's brand is linked to its verified owner"
    );
    owner
}

const EVIDENCE: &str = "The listing uses our registered word mark on bags we never made.";

async fn file(owner: &mut Client, listings: &str) -> integration::Reply {
    owner
        .call(
            "file_notice",
            &[
                ("listings", listings),
                ("kind", "trademark"),
                ("evidence", EVIDENCE),
                ("good_faith", "on"),
            ],
        )
        .await
}

/// The counter-notice statement sellers send in these journeys.
const STATEMENT: &str =
    "These bags are our own design; the word 'lune' is generic and no mark is shown.";

/// Runs the notice deadlines due at `at`; returns how many fired.
async fn run_deadlines(app: &TestApp, at: chrono::DateTime<chrono::Utc>) -> usize {
    app::moderation::notices::imp::run_deadlines(&app.state, at)
        .await
        .unwrap()
}

async fn counter_notice(seller: &mut Client, item: &str) -> integration::Reply {
    seller
        .call(
            "counter_notice",
            &[
                ("key", item),
                ("statement", STATEMENT),
                ("good_faith", "on"),
            ],
        )
        .await
}

async fn decide(m: &mut Client, item: &str, decision: &str) -> integration::Reply {
    m.call(
        "decide_notice_item",
        &[("key", item), ("decision", decision)],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn takedown_counter_notice_and_reinstatement_after_the_waiting_period() {
    let app = seeded().await;
    let mut m = moderator(&app).await;
    let mut owner = verified_owner(&app, &mut m).await;
    let [a, b, c, d]: [String; 4] = live_listings(&app, "formosa-tea-house", 4)
        .await
        .try_into()
        .unwrap();
    let mut seller = demo_seller(&app, 1).await;
    let mut other = demo_seller(&app, 2).await;

    bad_notices_file_nothing(&app, &mut owner, &a).await;
    let (ia, ib) = one_notice_names_two_listings(&app, &mut owner, &a, &b).await;
    only_moderators_take_a_listing_down(&app, &mut m, &mut seller, &ia, &a).await;
    the_sellers_counter_notice_is_forwarded(&app, &mut seller, &mut other, &ia, &a).await;
    the_listing_is_reinstated_after_the_waiting_period(&app, &ia, &a).await;
    silence_is_upheld_with_a_strike(&app, &mut m, &mut seller, &ib, &b).await;
    legal_action_in_time_upholds_the_notice(&app, &mut m, &mut owner, &mut seller, &mut other, &c)
        .await;
    an_unfounded_notice_is_rejected_with_reasons(&app, &mut m, &mut owner, &d).await;
    the_transparency_report_counts_it_all(&app).await;
    // the owner's page shows every item; the audit log has each step
    let p = owner.call("rights_page", &[]).await;
    assert_eq!(p.json()["owner"]["upheld"], 2);
    assert_eq!(p.json()["owner"]["rejected"], 1);
    assert!(count(&app, "SELECT count() AS n FROM audit_log WHERE string::starts_with(action, 'notice.') GROUP ALL").await >= 10);
}

/// Bad notices (unknown listing, empty evidence, no declaration): nothing is filed.
async fn bad_notices_file_nothing(app: &TestApp, owner: &mut Client, a: &str) {
    let r = owner
        .call(
            "file_notice",
            &[
                (
                    "listings",
                    &format!("https://harbour.example/p/{a}/tea\nno-such-listing"),
                ),
                ("kind", "trademark"),
                ("evidence", ""),
                ("good_faith", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    let mut e = r.field_errors();
    e.sort();
    assert_eq!(
        e,
        [
            "evidence.Required",
            "good_faith.Required",
            "listings.2.InvalidChoice"
        ]
    );
    assert_eq!(
        count(app, "SELECT count() AS n FROM notice_item GROUP ALL").await,
        0
    );
}

/// One notice names two listings (a URL and an id); a second notice for a listing
/// with an open one is refused. Returns the two items.
async fn one_notice_names_two_listings(
    app: &TestApp,
    owner: &mut Client,
    a: &str,
    b: &str,
) -> (String, String) {
    let r = file(owner, &format!("https://harbour.example/p/{a}/tea\n{b}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM notice_item WHERE state = 'received' GROUP ALL"
        )
        .await,
        2
    );
    let r = file(owner, a).await;
    assert_eq!(r.field_errors(), ["listings.1.AlreadyDecided"]);
    (item_of(app, a).await, item_of(app, b).await)
}

/// Only moderators decide (the seller cannot); a validated notice delists the listing
/// and the seller cannot put it back up while the notice runs.
async fn only_moderators_take_a_listing_down(
    app: &TestApp,
    m: &mut Client,
    seller: &mut Client,
    ia: &str,
    a: &str,
) {
    assert_eq!(decide(seller, ia, "validate").await.status, 403);
    assert_eq!(seller.call("notice_admin", &[]).await.status, 403);
    let r = decide(m, ia, "validate").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), "seller_notified");
    assert_eq!(product_status(app, a).await, "delisted");
    // the seller is told which listing came down
    assert_eq!(
        value(
            app,
            "SELECT VALUE subject FROM outbox WHERE recipient = $id.shop.owner AND kind = 'moderation_notice' \
             AND link = '/seller/notices' AND body = $id.title_en",
            RecordId::new("product", a),
        )
        .await,
        "Listing taken down after a rights notice · 商品因權利通知下架"
    );
    let r = act(seller, a, "publish").await;
    assert_eq!(r.field_errors(), ["status.Locked"]);
    assert_eq!(product_status(app, a).await, "delisted");
}

/// Another seller cannot counter-notice the item; its own seller's counter-notice is
/// forwarded to the owner at once, and only one is taken.
async fn the_sellers_counter_notice_is_forwarded(
    app: &TestApp,
    seller: &mut Client,
    other: &mut Client,
    ia: &str,
    a: &str,
) {
    assert_eq!(counter_notice(other, ia).await.status, 404);
    let n = seller.call("seller_notices", &[]).await;
    let mine = n.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == ia)
        .cloned()
        .unwrap();
    assert_eq!(mine["state"], "seller_notified");
    let r = counter_notice(seller, ia).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), "forwarded");
    // the rights owner is told a counter-notice arrived on that listing
    assert_eq!(
        value(
            app,
            "SELECT VALUE subject FROM outbox WHERE kind = 'moderation_notice' AND link = '/rights' \
             AND body = $id.title_en",
            RecordId::new("product", a),
        )
        .await,
        "Counter-notice received · 收到反通知"
    );
    let again = counter_notice(seller, ia).await;
    assert_eq!(again.status, 422, "one counter-notice per item");
}

/// The waiting period: nothing fires a second early, then once, and the listing is
/// back up.
async fn the_listing_is_reinstated_after_the_waiting_period(app: &TestApp, ia: &str, a: &str) {
    let now = app.state.now();
    let deadline: chrono::DateTime<chrono::Utc> = {
        let mut res = app
            .state
            .db
            .query("SELECT VALUE deadline FROM $id")
            .bind(("id", RecordId::new("notice_item", ia)))
            .await
            .unwrap();
        let v: Vec<chrono::DateTime<chrono::Utc>> = res.take(0).unwrap();
        v[0]
    };
    assert!(
        deadline - now >= Duration::days(14) - Duration::minutes(5),
        "ten working days are at least two weeks: {}",
        deadline - now
    );
    assert_eq!(run_deadlines(app, deadline - Duration::seconds(1)).await, 0);
    assert_eq!(run_deadlines(app, deadline).await, 1);
    assert_eq!(
        run_deadlines(app, deadline + Duration::hours(1)).await,
        0,
        "fires once"
    );
    assert_eq!(item_state(app, ia).await, "reinstated");
    assert_eq!(product_status(app, a).await, "active");
    assert_eq!(
        value(
            app,
            "SELECT VALUE reinstated FROM rights_owner WHERE brand_name = 'Maison Lune'",
            RecordId::new("x", "y")
        )
        .await,
        "Some(Number(1))"
    );
}

/// Validated, the seller stays silent, the window passes: upheld with a strike.
async fn silence_is_upheld_with_a_strike(
    app: &TestApp,
    m: &mut Client,
    seller: &mut Client,
    ib: &str,
    b: &str,
) {
    let r = decide(m, ib, "validate").await;
    assert_eq!(r.status, 200, "{}", r.body);
    app.clock.advance(Duration::days(5));
    let r = counter_notice(seller, ib).await;
    assert_eq!(r.field_errors(), ["state.WindowClosed"], "too late");
    assert_eq!(run_deadlines(app, app.state.now()).await, 1);
    assert_eq!(item_state(app, ib).await, "upheld");
    assert_eq!(product_status(app, b).await, "delisted");
    assert_eq!(
        value(
            app,
            "SELECT VALUE sanction FROM $id",
            RecordId::new("shop", "formosa-tea-house")
        )
        .await,
        "warning"
    );
    let n = seller.call("seller_notices", &[]).await;
    assert!(n.json()["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["action"] == "uphold" && d["strike"] == true));
}

/// Counter-noticed, then the owner (and only the owner) shows legal action in time:
/// upheld.
async fn legal_action_in_time_upholds_the_notice(
    app: &TestApp,
    m: &mut Client,
    owner: &mut Client,
    seller: &mut Client,
    other: &mut Client,
    c: &str,
) {
    let r = file(owner, c).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let ic = item_of(app, c).await;
    decide(m, &ic, "validate").await;
    counter_notice(seller, &ic).await;
    let legal = [
        ("key", ic.as_str()),
        ("statement", "Taipei District Court, case 115-IP-42."),
    ];
    assert_eq!(other.call("legal_action", &legal).await.status, 403);
    let r = owner.call("legal_action", &legal).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(item_state(app, &ic).await, "upheld");
}

/// Rejected as unfounded, with reasons: the listing is untouched, and a settled
/// listing can be named again by a new notice.
async fn an_unfounded_notice_is_rejected_with_reasons(
    app: &TestApp,
    m: &mut Client,
    owner: &mut Client,
    d: &str,
) {
    let r = file(owner, d).await;
    assert_eq!(r.status, 200);
    let id_ = item_of(app, d).await;
    let r = decide(m, &id_, "reject").await;
    assert_eq!(r.field_errors(), ["statement.Required"]);
    let r = m
        .call(
            "decide_notice_item",
            &[
                ("key", id_.as_str()),
                ("decision", "reject"),
                ("statement", "The listing shows no mark of yours."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(item_state(app, &id_).await, "rejected");
    assert_eq!(product_status(app, d).await, "active");
    assert_eq!(file(owner, d).await.status, 200);
}

/// The public transparency report counts all of it (summed over its months: the clock
/// moved across a month boundary on some days).
async fn the_transparency_report_counts_it_all(app: &TestApp) {
    let tr = app.client().call("transparency", &[]).await;
    assert_eq!(tr.status, 200, "{}", tr.body);
    let sum = |f: &str| -> i64 {
        tr.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p[f].as_i64().unwrap())
            .sum()
    };
    assert_eq!(sum("received"), 5);
    assert_eq!(sum("taken_down"), 3);
    assert_eq!(sum("rejected"), 1);
    assert_eq!(sum("counter_notices"), 2);
    assert_eq!(sum("reinstated"), 1);
    assert_eq!(sum("upheld"), 2);
    assert_eq!(sum("strikes"), 2);
    assert!(tr
        .json()
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["median_hours_to_action"].is_number()));
    let page = app.client().get("/transparency").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("data-testid=\"transparency-chart\""));
}
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_cannot_notice_their_own_listing_and_trusted_owners_are_fast_tracked() {
    let app = seeded().await;
    let mut m = moderator(&app).await;
    // seller2 registers as a rights owner and is verified
    let mut s2 = demo_seller(&app, 2).await;
    let r = s2
        .call(
            "register_rights_owner",
            &[
                ("name", "Auralis Audio Lab"),
                ("brand_name", "Auralis"),
                ("registration_number", "TW-7654321"),
                ("jurisdiction", "Taiwan"),
                ("evidence", "TIPO registration 7654321 for class 9."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let key = value(
        &app,
        "SELECT VALUE record::id(id) FROM rights_owner WHERE brand_name = 'Auralis' LIMIT 1",
        RecordId::new("x", "y"),
    )
    .await;
    let r = m
        .call(
            "decide_rights_owner",
            &[("key", key.as_str()), ("decision", "verify")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let own = live_listings(&app, "auralis-audio-lab", 1).await;
    let r = file(&mut s2, &own[0]).await;
    assert_eq!(r.field_errors(), ["listings.1.NotAllowed"]);

    // a notifier with a long record of upheld notices is trusted: straight to takedown
    app.state
        .db
        .query("UPDATE type::record('rights_owner', $k) SET upheld = 12")
        .bind(("k", key))
        .await
        .unwrap()
        .check()
        .unwrap();
    let target = live_listings(&app, "mori-home", 1).await;
    let r = file(&mut s2, &target[0]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let it = item_of(&app, &target[0]).await;
    assert_eq!(item_state(&app, &it).await, "seller_notified");
    assert_eq!(product_status(&app, &target[0]).await, "delisted");
}

/// A listing the seller rewrote while it was down is screened when the waiting period
/// reinstates it: a counterfeit text is held with a case, not put back on sale.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_rewritten_while_down_is_screened_when_reinstated() {
    let app = seeded().await;
    let mut m = moderator(&app).await;
    let mut owner = verified_owner(&app, &mut m).await;
    let [a, b]: [String; 2] = live_listings(&app, "formosa-tea-house", 2)
        .await
        .try_into()
        .unwrap();
    let (mut seller, mut other) = (demo_seller(&app, 1).await, demo_seller(&app, 2).await);
    let (ia, _) = one_notice_names_two_listings(&app, &mut owner, &a, &b).await;
    only_moderators_take_a_listing_down(&app, &mut m, &mut seller, &ia, &a).await;
    the_sellers_counter_notice_is_forwarded(&app, &mut seller, &mut other, &ia, &a).await;
    let fields = crate::seller_listings::listing("Designer bag REPLICA", "500", "5");
    let r = crate::seller_listings::save(&mut seller, &a, &fields).await;
    assert_eq!(r.status, 200, "saved, and still down: {}", r.body);
    let deadline = run_deadlines(&app, app.state.now() + Duration::days(30)).await;
    assert_eq!(deadline, 1);
    assert_eq!(item_state(&app, &ia).await, "reinstated");
    assert_eq!(product_status(&app, &a).await, "held");
    let case = format!("SELECT count() AS n FROM screening_case:⟨{a}⟩ GROUP ALL");
    assert_eq!(count(&app, &case).await, 1);
}
