//! Card refunds on every path: a cancellation after payment, an accepted return, a
//! seller's refund, a charge refunded at Stripe, a payment that arrives after the
//! reservation ran out. Each reaches Stripe once (idempotency key per refund), never
//! for more than the order's own payment, and the shop's transfer share comes back.

use super::*;

/// The orders of `checkout` with what the buyer paid for each (minor units) and the
/// checkout's currency.
pub(super) async fn orders_and_paid(app: &TestApp, checkout: &str) -> (Vec<(String, i64)>, String) {
    let mut res = app
        .state
        .db
        .query(format!(
            "SELECT VALUE [record::id(shop_order), amount_minor] FROM payment WHERE checkout = checkout:{checkout} ORDER BY shop_order; \
             SELECT VALUE currency FROM payment WHERE checkout = checkout:{checkout} LIMIT 1"
        ))
        .await
        .unwrap();
    let rows: Vec<(String, i64)> = res.take(0).unwrap();
    let currency: Vec<String> = res.take(1).unwrap();
    (rows, currency[0].clone())
}

/// Stripe's amount for one of ours (TWD in cents).
pub(super) fn stripe_units(amount: i64, currency: &str) -> i64 {
    if currency == "TWD" {
        amount * 100
    } else {
        amount
    }
}

/// One of ours for Stripe's amount.
pub(super) fn our_units(amount: i64, currency: &str) -> i64 {
    if currency == "TWD" {
        amount / 100
    } else {
        amount
    }
}

/// [`stripe_units`] as a form field.
pub(super) fn in_stripe_units(amount: i64, currency: &str) -> String {
    stripe_units(amount, currency).to_string()
}

/// A recorded call's form and idempotency key.
pub(super) type Call = (Vec<(String, String)>, Option<String>);

pub(super) fn calls_to(calls: &Calls, path: &str) -> Vec<Call> {
    calls
        .lock()
        .unwrap()
        .iter()
        .filter(|(p, _, _)| p.starts_with(path))
        .map(|(_, f, k)| (f.clone(), k.clone()))
        .collect()
}

pub(super) async fn pay(app: &TestApp, checkout: &str, event_id: &str) {
    let body = event(
        event_id,
        "checkout.session.completed",
        session_object(checkout, "paid"),
    );
    assert_eq!(deliver(app, &body, signed(app, &body)).await.0, 200);
}

fn clearing_of(order: &str) -> String {
    format!("SELECT math::sum(amount_minor) AS n FROM ledger_entry WHERE shop_order = shop_order:{order} AND account = 'clearing' GROUP ALL")
}

/// A paid card order cancelled by its buyer, and another returned and accepted: each
/// is refunded at Stripe for exactly what was paid for it, its shop's sent transfer is
/// reversed, the ledger gives back the sale; Stripe's echo of the refunds (a fully
/// refunded charge) refunds nothing twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_or_returning_a_card_order_refunds_it_at_stripe() {
    let (app, calls, checkout, _, _) = placed().await;
    pay(&app, &checkout, "evt_paid_cancel").await;
    let (orders, currency) = orders_and_paid(&app, &checkout).await;
    let (cancelled, paid_c) = orders[0].clone();
    let (returned, paid_r) = orders[1].clone();
    let mut buyer = app.client();
    assert_eq!(
        buyer
            .log_in("card@example.com", crate::checkout::PW)
            .await
            .status,
        200
    );

    let r = buyer
        .call(
            "cancel_order",
            &[("id", &cancelled), ("reason", "changed_mind")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let refunds = calls_to(&calls, "refunds");
    assert_eq!(refunds.len(), 1, "the cancellation reaches Stripe");
    assert_eq!(
        get(&refunds[0].0, "amount"),
        Some(in_stripe_units(paid_c, &currency).as_str())
    );
    assert_eq!(get(&refunds[0].0, "payment_intent"), Some("pi_standin_1"));
    assert_eq!(
        refunds[0].1.as_deref(),
        Some(format!("refund-{cancelled}-1").as_str())
    );
    assert_eq!(count(&app, &clearing_of(&cancelled)).await, 0);
    assert_eq!(
        calls_to(&calls, "reversals:").len(),
        1,
        "the shop's share comes back"
    );

    let mut seller = crate::checkout::seller_of(&app, &returned).await;
    for (f, args) in [
        ("ship_order", vec![("carrier", "DHL"), ("tracking", "1234")]),
        ("mark_delivered", vec![]),
    ] {
        let mut a = vec![("id", returned.as_str())];
        a.extend(args);
        let r = seller.call(f, &a).await;
        assert_eq!(r.status, 200, "{f}: {}", r.body);
    }
    crate::checkout::confirm(&mut buyer, &returned).await;
    let r = buyer
        .call(
            "request_return",
            &[("id", &returned), ("kind", "return"), ("reason", "damaged")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    crate::checkout::accept_ship_back_receive(&mut buyer, &mut seller, &returned).await;
    let refunds = calls_to(&calls, "refunds");
    assert_eq!(refunds.len(), 2, "the received return reaches Stripe");
    assert_eq!(
        get(&refunds[1].0, "amount"),
        Some(in_stripe_units(paid_r, &currency).as_str())
    );
    assert_eq!(count(&app, &clearing_of(&returned)).await, 0);
    let done = format!("SELECT count() AS n FROM card_refund WHERE checkout = checkout:{checkout} AND status = 'done' GROUP ALL");
    assert_eq!(count(&app, &done).await, 2);
    let reversed = format!("SELECT count() AS n FROM transfer WHERE transfer_group = '{checkout}' AND status = 'reversed' GROUP ALL");
    assert_eq!(count(&app, &reversed).await, 2);

    // Stripe tells us the charge is now refunded in full: nothing more happens
    let mut charge: Value = serde_json::from_str(CHARGE).unwrap();
    charge["payment_intent"] = json!("pi_standin_1");
    charge["refunded"] = json!(true);
    let echo = event("evt_refund_echo", "charge.refunded", charge);
    assert_eq!(deliver(&app, &echo, signed(&app, &echo)).await.0, 200);
    assert_eq!(calls_to(&calls, "refunds").len(), 2);
    assert_eq!(calls_to(&calls, "reversals:").len(), 2);
    for o in [&cancelled, &returned] {
        assert_eq!(count(&app, &clearing_of(o)).await, 0);
    }
}

/// A seller refunds one order of a two-seller card checkout: never more than that
/// order's own payment (the payment intent holds the other seller's money too).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sellers_card_refund_is_capped_at_that_orders_payment() {
    let (app, calls, checkout, _, _) = placed().await;
    pay(&app, &checkout, "evt_paid_cap").await;
    let (orders, currency) = orders_and_paid(&app, &checkout).await;
    let currency = domain::Currency::parse(&currency).unwrap();
    let major = |minor: i64| domain::Money::new(minor, currency).decimal_string();
    let (order, paid) = orders[0].clone();
    let whole: i64 = orders.iter().map(|(_, p)| p).sum();
    let mut seller = crate::checkout::seller_of(&app, &order).await;
    for too_much in [whole, paid + 1] {
        let r = seller
            .call(
                "refund_order",
                &[("id", &order), ("amount", &major(too_much))],
            )
            .await;
        assert_eq!(r.field_errors(), ["amount.InvalidPrice"], "{}", r.body);
    }
    assert!(
        calls_to(&calls, "refunds").is_empty(),
        "nothing reached Stripe"
    );
    let r = seller
        .call("refund_order", &[("id", &order), ("amount", &major(paid))])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(calls_to(&calls, "refunds").len(), 1);
    assert_eq!(count(&app, &clearing_of(&order)).await, 0);
}

/// The payment session outlived the reservation: the orders were cancelled and their
/// stock released, then an asynchronous payment succeeded. The money goes back to the
/// buyer, once, however often Stripe tells us.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_arriving_after_the_reservation_ran_out_is_refunded_once() {
    let (app, calls, checkout, a, _) = placed().await;
    let expired = event(
        "evt_exp_late",
        "checkout.session.expired",
        session_object(&checkout, "unpaid"),
    );
    assert_eq!(deliver(&app, &expired, signed(&app, &expired)).await.0, 200);
    assert_eq!(stock(&app, &a).await, (10, 0));
    let (orders, currency) = orders_and_paid(&app, &checkout).await;
    for id in ["evt_late_1", "evt_late_2"] {
        let late = event(
            id,
            "checkout.session.async_payment_succeeded",
            session_object(&checkout, "paid"),
        );
        assert_eq!(deliver(&app, &late, signed(&app, &late)).await.0, 200);
    }
    let refunds = calls_to(&calls, "refunds");
    assert_eq!(refunds.len(), orders.len(), "one refund per order, once");
    let mut amounts: Vec<String> = refunds
        .iter()
        .map(|(f, _)| get(f, "amount").unwrap().to_string())
        .collect();
    let mut expected: Vec<String> = orders
        .iter()
        .map(|(_, p)| in_stripe_units(*p, &currency))
        .collect();
    amounts.sort();
    expected.sort();
    assert_eq!(amounts, expected);
    let still = format!("SELECT count() AS n FROM shop_order WHERE checkout = checkout:{checkout} AND status = 'cancelled' AND payment_status = 'refunded' GROUP ALL");
    assert_eq!(count(&app, &still).await, orders.len() as i64);
    assert_eq!(
        stock(&app, &a).await,
        (10, 0),
        "no stock taken for a cancelled order"
    );
    let sales = format!("SELECT count() AS n FROM ledger_entry WHERE shop_order.checkout = checkout:{checkout} GROUP ALL");
    assert_eq!(count(&app, &sales).await, 0, "no sale was ever posted");
}
