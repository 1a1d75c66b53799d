//! Stripe: the real async-stripe client against a local stand-in that answers with
//! Stripe's published fixtures, and signed webhooks (HMAC-SHA256, 300 s tolerance)
//! that are idempotent by event id.

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use integration::{TestApp, WEBHOOK_SECRET};
use serde_json::{json, Value};
use surrealdb::types::RecordId;

use crate::checkout::{add, checkout_form, count, my_orders, place, shopper, stock};

mod alerts;
mod model;
mod refunds;
mod stand_in;

use self::stand_in::*;

const SESSION: &str = include_str!("../../fixtures/stripe/checkout_session.json");
const TRANSFER: &str = include_str!("../../fixtures/stripe/transfer.json");
const EVENT: &str = include_str!("../../fixtures/stripe/event.json");
const CHARGE: &str = include_str!("../../fixtures/stripe/charge.json");
const ACCOUNT: &str = include_str!("../../fixtures/stripe/account.json");
const ACCOUNT_LINK: &str = include_str!("../../fixtures/stripe/account_link.json");
const REFUND: &str = include_str!("../../fixtures/stripe/refund.json");
const REVERSAL: &str = include_str!("../../fixtures/stripe/transfer_reversal.json");

/// Two active products of two shops that charge in the same currency, 10 units each,
/// both shops with a Connect account.
async fn same_currency_products(app: &TestApp) -> (String, String) {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE [record::id(id), record::id(shop), currency] FROM product WHERE status = 'active' ORDER BY id")
        .await
        .unwrap();
    let rows: Vec<Vec<String>> = res.take(0).unwrap();
    let (a, b) = rows
        .iter()
        .find_map(|a| {
            rows.iter()
                .find(|b| b[1] != a[1] && b[2] == a[2])
                .map(|b| (a.clone(), b.clone()))
        })
        .expect("two shops with one currency");
    for (p, n) in [(&a, 1), (&b, 2)] {
        crate::checkout::set_stock(app, &p[0], 10).await;
        app.state
            .db
            .query("UPDATE $shop SET stripe_account = $acct")
            .bind(("shop", RecordId::new("shop", p[1].as_str())))
            .bind(("acct", format!("acct_standin{n}")))
            .await
            .unwrap()
            .check()
            .unwrap();
    }
    (a[0].clone(), b[0].clone())
}

fn event(id: &str, kind: &str, object: Value) -> String {
    let mut e: Value = serde_json::from_str(EVENT).unwrap();
    e["id"] = json!(id);
    e["type"] = json!(kind);
    e["data"]["object"] = object;
    e.to_string()
}

fn session_object(checkout: &str, status: &str) -> Value {
    let mut s: Value = serde_json::from_str(SESSION).unwrap();
    s["client_reference_id"] = json!(checkout);
    s["payment_status"] = json!(status);
    s["payment_intent"] = json!("pi_standin_1");
    s
}

async fn deliver(app: &TestApp, body: &str, signature: Option<String>) -> (u16, String) {
    let extra: Vec<(&str, &str)> = signature
        .iter()
        .map(|s| ("stripe-signature", s.as_str()))
        .collect();
    let r = app
        .client()
        .post_body("/webhooks/stripe", "application/json", body, &extra)
        .await;
    (r.status, r.body)
}

fn signed(app: &TestApp, body: &str) -> Option<String> {
    Some(domain::payment::sign(
        WEBHOOK_SECRET,
        app.state.now().timestamp(),
        body.as_bytes(),
    ))
}

/// The key of the first order of `checkout`.
async fn first_order(app: &TestApp, checkout: &str) -> String {
    let mut res = app
        .state
        .db
        .query(format!("SELECT VALUE record::id(id) FROM shop_order WHERE checkout = checkout:{checkout} LIMIT 1"))
        .await
        .unwrap();
    let ids: Vec<String> = res.take(0).unwrap();
    ids[0].clone()
}

/// A Stripe-enabled app with a placed two-seller checkout; returns (app, calls, checkout, a, b).
async fn placed() -> (TestApp, Calls, String, String, String) {
    let (api, calls) = stand_in().await;
    let app = TestApp::builder().stripe(api).spawn().await;
    app.seed(60).await;
    let (a, b) = same_currency_products(&app).await;
    let mut c = shopper(&app, "card@example.com").await;
    add(&mut c, &a, "2").await;
    add(&mut c, &b, "1").await;
    let (data, f) = checkout_form(&mut c).await;
    assert_eq!(data["provider"], "stripe");
    let r = place(&mut c, &f).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let placed = r.json();
    let checkout = placed["checkout_id"].as_str().unwrap().to_string();
    assert!(placed["redirect"]
        .as_str()
        .unwrap()
        .starts_with("https://checkout.stripe.com/c/pay/cs_test_standin"));
    (app, calls, checkout, a, b)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_checkout_session_then_a_replayed_completion_pays_once_and_transfers_once() {
    let (app, calls, checkout, a, b) = placed().await;
    {
        let calls = calls.lock().unwrap();
        assert_eq!(calls.len(), 1, "one Checkout Session for the whole group");
        let (_, f, key) = &calls[0];
        assert_eq!(get(f, "client_reference_id"), Some(checkout.as_str()));
        assert_eq!(
            get(f, "payment_intent_data[transfer_group]"),
            Some(checkout.as_str())
        );
        assert_eq!(get(f, "mode"), Some("payment"));
        assert!(
            get(f, "line_items[1][price_data][unit_amount]").is_some(),
            "one line item per product"
        );
        assert_eq!(
            key.as_deref(),
            Some(format!("checkout-{checkout}").as_str())
        );
    }
    assert_eq!(stock(&app, &a).await, (10, 2));

    let body = event(
        "evt_completed_1",
        "checkout.session.completed",
        session_object(&checkout, "paid"),
    );
    let mut outcomes = Vec::new();
    for _ in 0..3 {
        let (status, text) = deliver(&app, &body, signed(&app, &body)).await;
        assert_eq!(status, 200, "{text}");
        outcomes.push(text);
    }
    assert_eq!(outcomes, ["Processed", "Duplicate", "Duplicate"]);

    assert_eq!(stock(&app, &a).await, (8, 0), "stock taken once");
    assert_eq!(stock(&app, &b).await, (9, 0));
    let group = format!("SELECT count() AS n FROM shop_order WHERE checkout = checkout:{checkout} AND status = 'paid' GROUP ALL");
    assert_eq!(count(&app, &group).await, 2);
    let paid = format!("SELECT count() AS n FROM payment WHERE checkout = checkout:{checkout} AND status = 'paid' AND external_id = 'pi_standin_1' GROUP ALL");
    assert_eq!(count(&app, &paid).await, 2);
    let sent = format!("SELECT count() AS n FROM transfer WHERE transfer_group = '{checkout}' AND status = 'sent' GROUP ALL");
    assert_eq!(count(&app, &sent).await, 2, "one transfer per seller");
    let calls = calls.lock().unwrap().clone();
    let transfers: Vec<_> = calls.iter().filter(|(p, _, _)| p == "transfers").collect();
    assert_eq!(
        transfers.len(),
        2,
        "a replayed event sends no second transfer"
    );
    let mut keys: Vec<&str> = transfers
        .iter()
        .map(|(_, _, k)| k.as_deref().unwrap())
        .collect();
    keys.dedup();
    assert_eq!(keys.len(), 2);
    for (_, f, _) in &transfers {
        assert_eq!(get(f, "transfer_group"), Some(checkout.as_str()));
        assert!(get(f, "destination").unwrap().starts_with("acct_standin"));
    }
    // the amount is the order total less the 10% commission (in Stripe's unit)
    let mut res = app
        .state
        .db
        .query("SELECT VALUE [amount_minor, commission_minor, currency] FROM transfer WHERE transfer_group = $g")
        .bind(("g", checkout.clone()))
        .await
        .unwrap();
    let rows: Vec<(i64, i64, String)> = res.take(0).unwrap();
    for (amount, commission, _) in rows {
        assert_eq!(commission, ((amount + commission) * 1000 + 5000) / 10000);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_stale_and_malformed_webhooks_are_refused_and_change_nothing() {
    let (app, _calls, checkout, a, _) = placed().await;
    let body = event(
        "evt_forged",
        "checkout.session.completed",
        session_object(&checkout, "paid"),
    );
    let now = app.state.now().timestamp();
    let forged = domain::payment::sign("whsec_attacker", now, body.as_bytes());
    let stale = domain::payment::sign(WEBHOOK_SECRET, now - 301, body.as_bytes());
    let tampered = body.replace("\"paid\"", "\"PAID\"");
    for (what, b, sig) in [
        ("forged", body.clone(), Some(forged)),
        ("stale", body.clone(), Some(stale)),
        ("missing", body.clone(), None),
        ("garbage header", body.clone(), Some("t=abc,v1=xyz".into())),
        ("tampered body", tampered.clone(), signed(&app, &body)),
        ("not json", "{oops".into(), signed(&app, "{oops")),
    ] {
        let (status, text) = deliver(&app, &b, sig).await;
        assert_eq!(status, 400, "{what}: {text}");
    }
    assert_eq!(stock(&app, &a).await, (10, 2));
    assert_eq!(
        count(&app, "SELECT count() AS n FROM stripe_event GROUP ALL").await,
        0
    );
    assert_eq!(
        count(&app, &format!("SELECT count() AS n FROM shop_order WHERE checkout = checkout:{checkout} AND status = 'placed' GROUP ALL")).await,
        2
    );
    // a well-signed event we do not act on is acknowledged
    let other = event("evt_other", "customer.created", json!({}));
    assert_eq!(
        deliver(&app, &other, signed(&app, &other)).await,
        (200, "Ignored".into())
    );
    // a webhook without Stripe configured does not exist
    let plain = TestApp::spawn().await;
    assert_eq!(deliver(&plain, &body, signed(&plain, &body)).await.0, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_session_releases_the_stock_and_a_refund_reverses_transfers() {
    let (app, _calls, checkout, a, b) = placed().await;
    let expired = event(
        "evt_expired",
        "checkout.session.expired",
        session_object(&checkout, "unpaid"),
    );
    assert_eq!(
        deliver(&app, &expired, signed(&app, &expired)).await,
        (200, "Processed".into())
    );
    assert_eq!(stock(&app, &a).await, (10, 0));
    assert_eq!(stock(&app, &b).await, (10, 0));
    assert_eq!(
        deliver(&app, &expired, signed(&app, &expired)).await,
        (200, "Duplicate".into())
    );
    let cancelled = format!("SELECT count() AS n FROM shop_order WHERE checkout = checkout:{checkout} AND status = 'cancelled' GROUP ALL");
    assert_eq!(count(&app, &cancelled).await, 2);

    // a second checkout is paid, then refunded by charge
    let mut c = app.client();
    assert_eq!(
        c.log_in("card@example.com", crate::checkout::PW)
            .await
            .status,
        200
    );
    add(&mut c, &a, "1").await;
    let (_, f) = checkout_form(&mut c).await;
    let second = place(&mut c, &f).await.json()["checkout_id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut session = session_object(&second, "paid");
    session["payment_intent"] = json!("pi_standin_2");
    let done = event("evt_completed_2", "checkout.session.completed", session);
    assert_eq!(deliver(&app, &done, signed(&app, &done)).await.0, 200);
    let mut charge: Value = serde_json::from_str(CHARGE).unwrap();
    charge["payment_intent"] = json!("pi_standin_2");
    charge["refunded"] = json!(true);
    let refunded = event("evt_refund_1", "charge.refunded", charge);
    assert_eq!(
        deliver(&app, &refunded, signed(&app, &refunded)).await,
        (200, "Processed".into())
    );
    let orders = my_orders(&mut c).await;
    let d = c
        .call("order_detail", &[("id", orders[0]["id"].as_str().unwrap())])
        .await
        .json();
    assert_eq!(d["payment_status"], "refunded");
    assert_eq!(
        count(&app, &format!("SELECT count() AS n FROM transfer WHERE transfer_group = '{second}' AND status = 'reversed' GROUP ALL")).await,
        1
    );
    // the shop's ledger gives the sale back: nothing is left to settle
    let clearing = format!("SELECT math::sum(amount_minor) AS n FROM ledger_entry WHERE shop_order.checkout = checkout:{second} AND account = 'clearing' GROUP ALL");
    assert_eq!(count(&app, &clearing).await, 0);
    let pending = format!("SELECT math::sum(amount_minor) AS n FROM ledger_entry WHERE shop_order.checkout = checkout:{second} AND account = 'shop_pending' GROUP ALL");
    assert_eq!(count(&app, &pending).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn card_checkout_refuses_mixed_currencies_and_writes_nothing() {
    let (api, calls) = stand_in().await;
    let app = TestApp::builder().stripe(api).spawn().await;
    app.seed(60).await;
    let mut res = app
        .state
        .db
        .query("SELECT VALUE [record::id(id), currency] FROM product WHERE status = 'active' ORDER BY id")
        .await
        .unwrap();
    let rows: Vec<Vec<String>> = res.take(0).unwrap();
    let a = rows[0].clone();
    let b = rows.iter().find(|r| r[1] != a[1]).unwrap().clone();
    crate::checkout::set_stock(&app, &a[0], 5).await;
    crate::checkout::set_stock(&app, &b[0], 5).await;
    let mut c = shopper(&app, "mixed@example.com").await;
    add(&mut c, &a[0], "1").await;
    add(&mut c, &b[0], "1").await;
    let (_, f) = checkout_form(&mut c).await;
    let r = place(&mut c, &f).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.json()["Order"], "MixedCurrencies");
    assert_eq!(stock(&app, &a[0]).await, (5, 0));
    assert!(calls.lock().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_express_onboarding_creates_one_account_and_fresh_links() {
    let (api, calls) = stand_in().await;
    let app = TestApp::builder().stripe(api).spawn().await;
    app.seed(20).await;
    let mut seller = app.client();
    assert_eq!(
        seller
            .log_in("seller1@demo.test", server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    let r = seller.call("connect_stripe", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let url = r.json().as_str().unwrap().to_string();
    assert!(
        url.starts_with("https://connect.stripe.com/setup/e/acct_standin"),
        "{url}"
    );
    // a second visit gets a new link for the same account
    let r = seller.call("connect_stripe", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let log = calls.lock().unwrap().clone();
    let accounts: Vec<_> = log.iter().filter(|(p, _, _)| p == "accounts").collect();
    assert_eq!(accounts.len(), 1, "one account per shop");
    assert_eq!(get(&accounts[0].1, "type"), Some("express"));
    assert_eq!(
        get(&accounts[0].1, "capabilities[transfers][requested]"),
        Some("true")
    );
    assert_eq!(accounts[0].2.as_deref(), Some("connect-formosa-tea-house"));
    let links: Vec<_> = log
        .iter()
        .filter(|(p, _, _)| p == "account_links")
        .collect();
    assert_eq!(links.len(), 2);
    assert_eq!(get(&links[0].1, "type"), Some("account_onboarding"));
    assert!(get(&links[0].1, "return_url")
        .unwrap()
        .ends_with("/seller/money"));
    // the shop's transfers now go to that account
    let mut res = app
        .state
        .db
        .query("SELECT VALUE stripe_account FROM shop:⟨formosa-tea-house⟩")
        .await
        .unwrap();
    let acct: Vec<Option<String>> = res.take(0).unwrap();
    assert_eq!(
        acct[0].as_deref(),
        Some(get(&links[0].1, "account").unwrap())
    );
    assert_eq!(
        seller.call("shop_money", &[]).await.json()["stripe_connected"],
        true
    );
    // shoppers have no shop to connect
    let mut shopper = app.client();
    shopper
        .sign_up("s@example.com", "S", "correct horse battery")
        .await;
    assert_eq!(shopper.call("connect_stripe", &[]).await.status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sellers_partial_refund_of_a_card_payment_goes_through_stripe() {
    let (app, calls, checkout, _, _) = placed().await;
    let body = event(
        "evt_completed_r",
        "checkout.session.completed",
        session_object(&checkout, "paid"),
    );
    assert_eq!(deliver(&app, &body, signed(&app, &body)).await.0, 200);
    let ids = [first_order(&app, &checkout).await];
    let mut seller = crate::checkout::seller_of(&app, &ids[0]).await;
    let r = seller
        .call("refund_order", &[("id", &ids[0]), ("amount", "1")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let log = calls.lock().unwrap().clone();
    let refunds: Vec<_> = log.iter().filter(|(p, _, _)| p == "refunds").collect();
    assert_eq!(refunds.len(), 1);
    assert_eq!(get(&refunds[0].1, "payment_intent"), Some("pi_standin_1"));
    assert!(get(&refunds[0].1, "amount").is_some());
    assert_eq!(
        refunds[0].2.as_deref(),
        Some(format!("refund-{}-1", ids[0]).as_str())
    );
    // the ledger has it, and the order's payment still stands (it was partial)
    let m = seller.call("shop_money", &[]).await.json();
    assert!(m["lines"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["kind"] == "refund"));
    let paid = format!(
        "SELECT count() AS n FROM shop_order:{} WHERE payment_status = 'paid' GROUP ALL",
        ids[0]
    );
    assert_eq!(count(&app, &paid).await, 1);
}

/// `charge.succeeded` records the card's fingerprint on the checkout's payments (the
/// review checks compare it across accounts); a forged event changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_succeeded_charge_records_the_card_fingerprint() {
    let (app, _calls, checkout, _, _) = placed().await;
    let charge = json!({
        "id": "ch_standin_1",
        "object": "charge",
        "transfer_group": checkout,
        "payment_intent": "pi_standin_1",
        "payment_method_details": { "type": "card", "card": { "fingerprint": "Xt5EWLLDS7FJjR1c", "brand": "visa" } }
    });
    let with_fp = format!("SELECT count() AS n FROM payment WHERE checkout = checkout:{checkout} AND fingerprint = 'Xt5EWLLDS7FJjR1c' GROUP ALL");
    let body = event("evt_charge_1", "charge.succeeded", charge.clone());
    let (status, _) = deliver(&app, &body, None).await;
    assert_eq!(status, 400);
    assert_eq!(count(&app, &with_fp).await, 0);
    let (status, text) = deliver(&app, &body, signed(&app, &body)).await;
    assert_eq!((status, text.as_str()), (200, "Processed"));
    assert!(count(&app, &with_fp).await >= 1);
    // a charge that names no checkout of ours is ignored
    let mut other = charge;
    other["transfer_group"] = json!("not a key!");
    let body = event("evt_charge_2", "charge.succeeded", other);
    let (_, text) = deliver(&app, &body, signed(&app, &body)).await;
    assert_eq!(text, "Ignored");
}

/// A card payment is recorded only by Stripe's webhook: the seller cannot mark a card
/// checkout's order paid by hand (it stays awaiting payment, with no ledger sale).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seller_cannot_mark_a_card_order_paid() {
    let (app, _calls, checkout, _, _) = placed().await;
    let ids = [first_order(&app, &checkout).await];
    let mut seller = crate::checkout::seller_of(&app, &ids[0]).await;
    let r = seller.call("mark_paid", &[("id", &ids[0])]).await;
    assert_eq!(r.field_errors(), ["payment.NotAllowed"], "{}", r.body);
    let paid = format!(
        "SELECT count() AS n FROM shop_order:{} WHERE payment_status = 'paid' GROUP ALL",
        ids[0]
    );
    assert_eq!(count(&app, &paid).await, 0);
    let sales = format!(
        "SELECT count() AS n FROM ledger_entry WHERE shop_order = shop_order:{} GROUP ALL",
        ids[0]
    );
    assert_eq!(count(&app, &sales).await, 0);
}

/// Each shop's transfer is its share exactly as its ledger posts the sale (commission
/// per category, on goods only), not a flat cut of the order's total.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_transfer_is_the_shops_share_as_its_ledger_posts_it() {
    let (app, _calls, checkout, _, _) = placed().await;
    let body = event(
        "evt_completed_share",
        "checkout.session.completed",
        session_object(&checkout, "paid"),
    );
    assert_eq!(deliver(&app, &body, signed(&app, &body)).await.0, 200);
    let mut res = app
        .state
        .db
        .query(format!(
            "SELECT VALUE [amount_minor, commission_minor, \
               -math::sum((SELECT VALUE amount_minor FROM ledger_entry WHERE shop_order = $parent.shop_order AND kind = 'sale' AND account = 'shop_pending')), \
               -math::sum((SELECT VALUE amount_minor FROM ledger_entry WHERE shop_order = $parent.shop_order AND kind = 'sale' AND account = 'commission'))] \
             FROM transfer WHERE transfer_group = '{checkout}'"
        ))
        .await
        .unwrap();
    let rows: Vec<Vec<i64>> = res.take(0).unwrap();
    assert_eq!(rows.len(), 2, "one transfer per shop");
    for r in rows {
        assert_eq!((r[0], r[1]), (r[2], r[3]), "transfer = ledger share");
    }
}
