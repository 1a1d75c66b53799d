//! Decisions: strikes escalate to sanctions, bulk decisions skip decided cases, and
//! appeals go to another moderator.

use integration::{Client, TestApp};
use surrealdb::types::RecordId;

use super::{field, moderator, publish};
use crate::checkout::{count, seeded};
use crate::seller_listings::{act, demo_seller, listing, png, save, upload};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strikes_escalate_to_suspension_and_bulk_decisions_skip_decided_cases() {
    let app = seeded().await;
    let mut seller = demo_seller(&app, 1).await;
    let ids = four_replica_watches_are_held(&mut seller).await;
    let mut m = moderator(&app).await;
    let shop = RecordId::new("shop", "formosa-tea-house");
    let statement =
        a_bulk_rejection_skips_the_decided_case_and_limits_listings(&app, &mut m, &ids, &shop)
            .await;
    under_a_listing_limit_no_more_listings_go_live(&app, &mut seller).await;
    the_third_strike_suspends_the_shop(&app, &mut m, &mut seller, &ids, &shop, statement).await;
    requesting_changes_returns_to_draft_without_a_strike(&app, &mut m).await;
}

/// Four replica watches are published and held; returns their ids.
async fn four_replica_watches_are_held(seller: &mut Client) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..4 {
        let (id, status) =
            publish(seller, &format!("Replica watch no. {i}"), png(120 + i, 120)).await;
        assert_eq!(status, "held");
        ids.push(id);
    }
    ids
}

/// Approving the first alone publishes it; the bulk form then names it again with two
/// others (a gap in the indexes, as unchecked boxes leave): it is skipped, the two are
/// rejected, and two strikes limit the shop's listings. Returns the statement.
async fn a_bulk_rejection_skips_the_decided_case_and_limits_listings(
    app: &TestApp,
    m: &mut Client,
    ids: &[String],
    shop: &RecordId,
) -> &'static str {
    let r = m
        .call(
            "decide_case",
            &[("key", ids[0].as_str()), ("action", "approve")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        field(
            app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", ids[0].as_str())
        )
        .await,
        "active",
        "approving a held listing publishes it"
    );
    let statement = "Listings offering replica watches are not allowed.";
    let r = m
        .call(
            "decide_cases",
            &[
                ("case[0]", ids[0].as_str()),
                ("case[2]", ids[1].as_str()),
                ("case[3]", ids[2].as_str()),
                ("action", "reject"),
                ("ground", "counterfeit"),
                ("statement", statement),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), 2);
    assert_eq!(
        field(app, "SELECT VALUE sanction FROM ONLY $id", shop.clone()).await,
        "listing_limit"
    );
    assert_eq!(
        field(app, "SELECT VALUE status FROM ONLY $id", shop.clone()).await,
        "approved"
    );
    statement
}

/// Under a listing limit the shop cannot put more listings live than the policy says.
async fn under_a_listing_limit_no_more_listings_go_live(app: &TestApp, seller: &mut Client) {
    app.state
        .db
        .query("UPDATE platform_setting:main SET strike_listing_limit = 1")
        .await
        .unwrap()
        .check()
        .unwrap();
    let r = save(seller, "", &listing("Plain tea bowl", "480", "5")).await;
    let fresh = r.json().as_str().unwrap().to_string();
    upload(seller, &fresh, vec![png(70, 70)]).await;
    assert_eq!(
        act(seller, &fresh, "publish").await.field_errors(),
        ["listing_limit.TooMany"]
    );
    assert_eq!(
        field(
            app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", fresh.as_str())
        )
        .await,
        "draft"
    );
}

/// The third strike suspends the shop (audited once), and a suspended shop cannot
/// publish.
async fn the_third_strike_suspends_the_shop(
    app: &TestApp,
    m: &mut Client,
    seller: &mut Client,
    ids: &[String],
    shop: &RecordId,
    statement: &str,
) {
    let r = m
        .call(
            "decide_case",
            &[
                ("key", ids[3].as_str()),
                ("action", "reject"),
                ("ground", "counterfeit"),
                ("statement", statement),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        field(app, "SELECT VALUE sanction FROM ONLY $id", shop.clone()).await,
        "suspension"
    );
    assert_eq!(
        field(app, "SELECT VALUE status FROM ONLY $id", shop.clone()).await,
        "suspended"
    );
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM audit_log WHERE action = 'shop.sanctioned' GROUP ALL"
        )
        .await,
        1
    );
    // a suspended shop cannot publish
    let r = save(seller, "", &listing("Tea bowl", "480", "5")).await;
    assert_eq!(r.status, 403, "{}", r.body);
}

/// Requesting changes on a misleading listing sends it back to draft, with no strike.
async fn requesting_changes_returns_to_draft_without_a_strike(app: &TestApp, m: &mut Client) {
    let mut s2 = demo_seller(app, 2).await;
    let (id, _) = publish(&mut s2, "Fake leather wallet", png(90, 90)).await;
    let r = m
        .call(
            "decide_case",
            &[
                ("key", id.as_str()),
                ("action", "request_changes"),
                ("ground", "misleading"),
                ("statement", "Say 'faux leather' rather than 'fake'."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        field(
            app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", id.as_str())
        )
        .await,
        "draft"
    );
    assert_eq!(
        field(
            app,
            "SELECT VALUE sanction FROM ONLY $id",
            RecordId::new("shop", "auralis-audio-lab")
        )
        .await,
        "none"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appeals_go_to_another_moderator_and_a_granted_appeal_lifts_the_strike() {
    let app = seeded().await;
    let mut seller = demo_seller(&app, 1).await;
    let (id, _) = publish(&mut seller, "Replica teapot", png(100, 100)).await;
    let (id2, _) = publish(&mut seller, "Replica kettle", png(101, 100)).await;
    let mut m = moderator(&app).await;
    let shop = RecordId::new("shop", "formosa-tea-house");
    two_rejections_limit_the_shops_listings(&app, &mut m, &id, &id2, &shop).await;
    let (d1, d2) = the_seller_may_appeal_both_decisions(&mut seller, &id, &id2).await;
    let text = one_appeal_per_decision_and_only_by_its_shop(&app, &mut seller, &d1).await;
    neither_the_deciding_moderator_nor_the_seller_decides_the_appeal(&mut m, &mut seller, &d1)
        .await;
    another_moderator_grants_the_appeal_and_lifts_one_strike_once(&app, &shop, &id, &d1).await;
    after_the_window_there_is_no_appeal(&app, &mut seller, &d2, text).await;
}

/// Two listings rejected as counterfeit: two strikes limit the shop's listings.
async fn two_rejections_limit_the_shops_listings(
    app: &TestApp,
    m: &mut Client,
    id: &str,
    id2: &str,
    shop: &RecordId,
) {
    for key in [id, id2] {
        let r = m
            .call(
                "decide_case",
                &[
                    ("key", key),
                    ("action", "reject"),
                    ("ground", "counterfeit"),
                    ("statement", "Replicas are not allowed here."),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    assert_eq!(
        field(app, "SELECT VALUE sanction FROM ONLY $id", shop.clone()).await,
        "listing_limit"
    );
}

/// The seller's notices list both decisions, each open to appeal; returns their keys.
async fn the_seller_may_appeal_both_decisions(
    seller: &mut Client,
    id: &str,
    id2: &str,
) -> (String, String) {
    let n = seller.call("seller_notices", &[]).await;
    let decisions = n.json()["decisions"].as_array().unwrap().clone();
    let dkey = |pid: &str| {
        decisions
            .iter()
            .find(|d| d["product_key"] == pid)
            .map(|d| d["key"].as_str().unwrap().to_string())
            .unwrap()
    };
    let (d1, d2) = (dkey(id), dkey(id2));
    assert!(decisions.iter().all(|d| d["appeal_open"] == true));
    (d1, d2)
}

/// An appeal too short, or on someone else's decision, is refused; the seller's own
/// is filed once. Returns the appeal's text.
async fn one_appeal_per_decision_and_only_by_its_shop(
    app: &TestApp,
    seller: &mut Client,
    d1: &str,
) -> &'static str {
    assert_eq!(
        seller
            .call("file_appeal", &[("key", d1), ("text", "no")])
            .await
            .field_errors(),
        ["text.Required"]
    );
    let mut other = demo_seller(app, 2).await;
    let text =
        "It is an original teapot; 'replica' was a translation mistake for 'reproduction glaze'.";
    assert_eq!(
        other
            .call("file_appeal", &[("key", d1), ("text", text)])
            .await
            .status,
        404
    );
    let r = seller
        .call("file_appeal", &[("key", d1), ("text", text)])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        seller
            .call("file_appeal", &[("key", d1), ("text", text)])
            .await
            .field_errors(),
        ["text.AlreadyDecided"],
        "one appeal per decision"
    );
    text
}

/// The moderator who decided cannot decide the appeal, nor can the seller.
async fn neither_the_deciding_moderator_nor_the_seller_decides_the_appeal(
    m: &mut Client,
    seller: &mut Client,
    d1: &str,
) {
    let q = m.call("open_appeals", &[]).await;
    assert_eq!(q.json()[0]["own_decision"], true);
    let r = m
        .call(
            "decide_appeal",
            &[
                ("key", d1),
                ("decision", "grant"),
                ("statement", "Agreed, a wording mistake."),
            ],
        )
        .await;
    assert_eq!(r.field_errors(), ["appeal.SameModerator"]);
    assert_eq!(
        seller
            .call("decide_appeal", &[("key", d1), ("decision", "grant")])
            .await
            .status,
        403
    );
}

/// Another moderator grants the appeal: one strike is lifted and the listing goes back
/// to draft; the appeal cannot be decided again.
async fn another_moderator_grants_the_appeal_and_lifts_one_strike_once(
    app: &TestApp,
    shop: &RecordId,
    id: &str,
    d1: &str,
) {
    let mut admin = app.client();
    assert_eq!(
        admin
            .log_in("admin@demo.test", server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    let r = admin
        .call(
            "decide_appeal",
            &[
                ("key", d1),
                ("decision", "grant"),
                ("statement", "Agreed, a wording mistake."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        field(app, "SELECT VALUE sanction FROM ONLY $id", shop.clone()).await,
        "warning",
        "one strike left"
    );
    assert_eq!(
        field(
            app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", id)
        )
        .await,
        "draft",
        "the listing can be corrected and published again"
    );
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM strike WHERE removed_at != NONE GROUP ALL"
        )
        .await,
        1
    );
    let r = admin
        .call(
            "decide_appeal",
            &[
                ("key", d1),
                ("decision", "deny"),
                ("statement", "Changed my mind here."),
            ],
        )
        .await;
    assert_eq!(r.field_errors(), ["appeal.AlreadyDecided"]);
}

/// After the window there is no appeal; the appeals stay in the audit log.
async fn after_the_window_there_is_no_appeal(
    app: &TestApp,
    seller: &mut Client,
    d2: &str,
    text: &str,
) {
    app.clock.advance(chrono::Duration::days(15));
    assert_eq!(
        seller
            .call("file_appeal", &[("key", d2), ("text", text)])
            .await
            .field_errors(),
        ["text.WindowClosed"]
    );
    // nobody can edit or delete the audit of all this: there is no server function for it,
    // and the database refuses it
    assert!(count(app, "SELECT count() AS n FROM audit_log WHERE string::starts_with(action, 'appeal.') GROUP ALL").await >= 2);
}
