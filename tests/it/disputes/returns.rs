//! Returns per item: which units come back and who pays the postage, the seller's
//! answer (a refusal needs a reason), the parcel back with tracking, and receiving it,
//! which refunds the goods and restocks them; the shop is not paid out meanwhile.

use chrono::Duration;
use integration::TestApp;

use super::{delivered, detail};
use crate::checkout::{count, seeded, shopper, stock, two_shop_products};

/// Settles what would be due a week and a day from now; whether `id` is settled.
async fn settles(app: &TestApp, id: &str) -> bool {
    app::sellers::money::imp::settle_due(&app.state, app.state.now() + Duration::days(8))
        .await
        .unwrap();
    count(
        app,
        &format!("SELECT count() AS n FROM shop_order:⟨{id}⟩ WHERE settled_at != NONE GROUP ALL"),
    )
    .await
        == 1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_unit_comes_back_at_the_buyers_cost_and_its_price_is_refunded_and_restocked() {
    let app = seeded().await;
    let (p, _) = two_shop_products(&app, 10).await;
    let (mut c, mut seller, id) = delivered(&app, "part@example.com", &p, "3").await;
    let d = detail(&mut c, &id).await;
    let line = d["lines"][0]["key"].as_str().unwrap().to_string();
    let (unit, sub) = (
        d["lines"][0]["unit_price"]["amount_minor"]
            .as_i64()
            .unwrap(),
        d["subtotal"]["amount_minor"].as_i64().unwrap(),
    );
    let discount = d["discount"]["saving"]["amount_minor"]
        .as_i64()
        .unwrap_or(0);
    let r = c
        .call(
            "request_return",
            &[
                ("id", &id),
                ("reason", "changed_mind"),
                ("lines", &format!("{line}:1")),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let ret = detail(&mut c, &id).await["return_request"].clone();
    assert_eq!(
        ret["seller_pays_postage"], false,
        "changed mind: the buyer pays"
    );
    assert_eq!(ret["items"][0][1], 1);
    assert!(ret["respond_by"].as_str().is_some(), "{ret}");
    assert!(
        !settles(&app, &id).await,
        "not paid out while the return is open"
    );

    crate::checkout::accept_ship_back_receive(&mut c, &mut seller, &id).await;
    let d = detail(&mut c, &id).await;
    let refund = unit * (sub - discount) / sub;
    assert_eq!(d["return_request"]["status"], "Refunded");
    assert_eq!(d["return_request"]["refund"]["amount_minor"], refund);
    assert_eq!(d["refunded"]["amount_minor"], refund);
    assert_eq!(d["payment_status"], "paid", "the rest of the order stands");
    assert_eq!(
        stock(&app, &p).await.0,
        10 - 3 + 1,
        "the unit is back on the shelf"
    );
    let refunded = count(
        &app,
        &format!("SELECT math::sum(amount_minor) AS n FROM ledger_entry WHERE shop_order = shop_order:⟨{id}⟩ AND kind = 'refund' AND account = 'clearing' GROUP ALL"),
    )
    .await;
    assert_eq!(
        refunded.abs(),
        refund,
        "the shop's ledger gives back the same"
    );
    let kinds: Vec<String> = d["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect();
    assert!(kinds.ends_with(&[
        "return_requested".to_string(),
        "return_accepted".to_string(),
        "return_shipped_back".to_string(),
        "return_refunded_partially".to_string(),
    ]));
    assert!(settles(&app, &id).await, "the rest is paid out");
    assert_eq!(detail(&mut c, &id).await["status"], "Completed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_gives_its_reason_and_ends_the_return() {
    let app = seeded().await;
    let (p, _) = two_shop_products(&app, 10).await;
    let (mut c, mut seller, id) = delivered(&app, "refused@example.com", &p, "1").await;
    let r = c
        .call("request_return", &[("id", &id), ("reason", "damaged")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        detail(&mut c, &id).await["return_request"]["seller_pays_postage"],
        true
    );
    for reason in ["", "no"] {
        let r = seller
            .call(
                "decide_return",
                &[("id", &id), ("accept", "false"), ("reason", reason)],
            )
            .await;
        assert_eq!(r.status, 422, "{reason:?}: {}", r.body);
    }
    let why = "The photos show a different bowl.";
    let r = seller
        .call(
            "decide_return",
            &[("id", &id), ("accept", "false"), ("reason", why)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let ret = detail(&mut c, &id).await["return_request"].clone();
    assert_eq!(ret["status"], "Refused");
    assert_eq!(ret["refusal"], why);
    let mailed = count(
        &app,
        &format!("SELECT count() AS n FROM outbox WHERE kind = 'return_decided' AND link = '/orders/{id}' AND string::contains(body, '{why}') GROUP ALL"),
    )
    .await;
    assert_eq!(mailed, 1, "the buyer reads the reason");
    // nothing moves a refused return on
    let r = seller
        .call("decide_return", &[("id", &id), ("accept", "true")])
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    let r = c
        .call(
            "ship_return",
            &[("id", &id), ("carrier", "DHL"), ("tracking", "R2")],
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert_eq!(
        seller.call("receive_return", &[("id", &id)]).await.status,
        409
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_return_requests_change_nothing() {
    let app = seeded().await;
    let (p, _) = two_shop_products(&app, 10).await;
    let (mut c, mut seller, id) = delivered(&app, "bad@example.com", &p, "2").await;
    let line = detail(&mut c, &id).await["lines"][0]["key"]
        .as_str()
        .unwrap()
        .to_string();
    for lines in [
        "nope:1".to_string(),
        format!("{line}:3"),
        format!("{line}:-1"),
        line.clone(),
        format!("{line}:0"),
    ] {
        let r = c
            .call(
                "request_return",
                &[("id", &id), ("reason", "damaged"), ("lines", &lines)],
            )
            .await;
        assert_eq!(r.status, 422, "{lines}: {}", r.body);
    }
    let r = c
        .call(
            "request_return",
            &[("id", &id), ("reason", "damaged"), ("kind", "exchange")],
        )
        .await;
    assert_eq!(r.status, 422, "exchanges are a return and a new order");
    assert_eq!(
        count(&app, &format!("SELECT count() AS n FROM return_request WHERE shop_order = shop_order:⟨{id}⟩ GROUP ALL")).await,
        0
    );
    // someone else's order is not found; a step out of turn is refused
    let mut other = shopper(&app, "other@example.com").await;
    let r = other
        .call(
            "ship_return",
            &[("id", &id), ("carrier", "DHL"), ("tracking", "R3")],
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.body);
    let r = c
        .call("request_return", &[("id", &id), ("reason", "wrong_item")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = c
        .call(
            "ship_return",
            &[("id", &id), ("carrier", "DHL"), ("tracking", "R3")],
        )
        .await;
    assert_eq!(r.status, 409, "not accepted yet: {}", r.body);
    assert_eq!(
        seller.call("receive_return", &[("id", &id)]).await.status,
        409
    );
}
