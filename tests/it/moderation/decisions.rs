//! Decisions: strikes escalate to sanctions, bulk decisions skip decided cases, and
//! appeals go to another moderator.

use surrealdb::types::RecordId;

use super::{field, moderator, publish};
use crate::checkout::{count, seeded};
use crate::seller_listings::{act, demo_seller, listing, png, save, upload};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strikes_escalate_to_suspension_and_bulk_decisions_skip_decided_cases() {
    let app = seeded().await;
    let mut seller = demo_seller(&app, 1).await;
    let mut ids = Vec::new();
    for i in 0..4 {
        let (id, status) = publish(
            &mut seller,
            &format!("Replica watch no. {i}"),
            png(120 + i, 120),
        )
        .await;
        assert_eq!(status, "held");
        ids.push(id);
    }
    let mut m = moderator(&app).await;
    // approve the first alone; the bulk form then names it again with two others (a gap in
    // the indexes, as unchecked boxes leave): it is skipped, the two are decided
    let r = m
        .call(
            "decide_case",
            &[("key", ids[0].as_str()), ("action", "approve")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        field(
            &app,
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
    let shop = RecordId::new("shop", "formosa-tea-house");
    assert_eq!(
        field(&app, "SELECT VALUE sanction FROM ONLY $id", shop.clone()).await,
        "listing_limit"
    );
    assert_eq!(
        field(&app, "SELECT VALUE status FROM ONLY $id", shop.clone()).await,
        "approved"
    );

    // under a listing limit the shop cannot put more listings live than the policy says
    app.state
        .db
        .query("UPDATE platform_setting:main SET strike_listing_limit = 1")
        .await
        .unwrap()
        .check()
        .unwrap();
    let r = save(&mut seller, "", &listing("Plain tea bowl", "480", "5")).await;
    let fresh = r.json().as_str().unwrap().to_string();
    upload(&mut seller, &fresh, vec![png(70, 70)]).await;
    assert_eq!(
        act(&mut seller, &fresh, "publish").await.field_errors(),
        ["listing_limit.TooMany"]
    );
    assert_eq!(
        field(
            &app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", fresh.as_str())
        )
        .await,
        "draft"
    );

    // the third strike suspends the shop
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
        field(&app, "SELECT VALUE sanction FROM ONLY $id", shop.clone()).await,
        "suspension"
    );
    assert_eq!(
        field(&app, "SELECT VALUE status FROM ONLY $id", shop.clone()).await,
        "suspended"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM audit_log WHERE action = 'shop.sanctioned' GROUP ALL"
        )
        .await,
        1
    );
    // a suspended shop cannot publish
    let r = save(&mut seller, "", &listing("Tea bowl", "480", "5")).await;
    assert_eq!(r.status, 403, "{}", r.body);

    // request changes on a misleading listing: back to draft, no strike
    let mut s2 = demo_seller(&app, 2).await;
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
            &app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", id.as_str())
        )
        .await,
        "draft"
    );
    assert_eq!(
        field(
            &app,
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
    for key in [&id, &id2] {
        let r = m
            .call(
                "decide_case",
                &[
                    ("key", key.as_str()),
                    ("action", "reject"),
                    ("ground", "counterfeit"),
                    ("statement", "Replicas are not allowed here."),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let shop = RecordId::new("shop", "formosa-tea-house");
    assert_eq!(
        field(&app, "SELECT VALUE sanction FROM ONLY $id", shop.clone()).await,
        "listing_limit"
    );
    let n = seller.call("seller_notices", &[]).await;
    let decisions = n.json()["decisions"].as_array().unwrap().clone();
    let dkey = |pid: &str| {
        decisions
            .iter()
            .find(|d| d["product_key"] == pid)
            .map(|d| d["key"].as_str().unwrap().to_string())
            .unwrap()
    };
    let (d1, d2) = (dkey(&id), dkey(&id2));
    assert!(decisions.iter().all(|d| d["appeal_open"] == true));

    // too short, someone else's decision: refused
    assert_eq!(
        seller
            .call("file_appeal", &[("key", d1.as_str()), ("text", "no")])
            .await
            .field_errors(),
        ["text.Required"]
    );
    let mut other = demo_seller(&app, 2).await;
    let text =
        "It is an original teapot; 'replica' was a translation mistake for 'reproduction glaze'.";
    assert_eq!(
        other
            .call("file_appeal", &[("key", d1.as_str()), ("text", text)])
            .await
            .status,
        404
    );
    let r = seller
        .call("file_appeal", &[("key", d1.as_str()), ("text", text)])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        seller
            .call("file_appeal", &[("key", d1.as_str()), ("text", text)])
            .await
            .field_errors(),
        ["text.AlreadyDecided"],
        "one appeal per decision"
    );

    // the moderator who decided cannot decide the appeal; another one can
    let q = m.call("open_appeals", &[]).await;
    assert_eq!(q.json()[0]["own_decision"], true);
    let r = m
        .call(
            "decide_appeal",
            &[
                ("key", d1.as_str()),
                ("decision", "grant"),
                ("statement", "Agreed, a wording mistake."),
            ],
        )
        .await;
    assert_eq!(r.field_errors(), ["appeal.SameModerator"]);
    assert_eq!(
        seller
            .call(
                "decide_appeal",
                &[("key", d1.as_str()), ("decision", "grant")]
            )
            .await
            .status,
        403
    );
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
                ("key", d1.as_str()),
                ("decision", "grant"),
                ("statement", "Agreed, a wording mistake."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        field(&app, "SELECT VALUE sanction FROM ONLY $id", shop.clone()).await,
        "warning",
        "one strike left"
    );
    assert_eq!(
        field(
            &app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", id.as_str())
        )
        .await,
        "draft",
        "the listing can be corrected and published again"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM strike WHERE removed_at != NONE GROUP ALL"
        )
        .await,
        1
    );
    let r = admin
        .call(
            "decide_appeal",
            &[
                ("key", d1.as_str()),
                ("decision", "deny"),
                ("statement", "Changed my mind here."),
            ],
        )
        .await;
    assert_eq!(r.field_errors(), ["appeal.AlreadyDecided"]);

    // after the window, no appeal
    app.clock.advance(chrono::Duration::days(15));
    assert_eq!(
        seller
            .call("file_appeal", &[("key", d2.as_str()), ("text", text)])
            .await
            .field_errors(),
        ["text.WindowClosed"]
    );
    // nobody can edit or delete the audit of all this: there is no server function for it,
    // and the database refuses it
    assert!(count(&app, "SELECT count() AS n FROM audit_log WHERE string::starts_with(action, 'appeal.') GROUP ALL").await >= 2);
}
