//! Where Stripe and the ledger disagree, an admin is told: a refund made in Stripe's
//! dashboard that no order's refunds hold (it cannot be tied to one shop's order of a
//! several-shop payment) raises an alert with the gap until an admin attributes it;
//! a card refund Stripe keeps refusing waits longer each time and raises an alert.

use super::refunds::{calls_to, orders_and_paid, pay, stripe_units};
use super::*;

/// A `charge.refunded` for the whole of `pi` (`whole`, ours) of which Stripe has
/// refunded `refunded` (ours) so far.
fn charge_refunded(pi: &str, whole: i64, refunded: i64, currency: &str) -> Value {
    let mut charge: Value = serde_json::from_str(CHARGE).unwrap();
    charge["payment_intent"] = json!(pi);
    charge["amount"] = json!(stripe_units(whole, currency));
    charge["amount_refunded"] = json!(stripe_units(refunded, currency));
    charge["refunded"] = json!(refunded >= whole);
    charge
}

async fn tell(app: &TestApp, id: &str, charge: Value) {
    let body = event(id, "charge.refunded", charge);
    assert_eq!(deliver(app, &body, signed(app, &body)).await.0, 200);
}

/// (gap, status) of an alert, if there is one.
async fn alert(app: &TestApp, key: &str) -> Option<(i64, String)> {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE [gap_minor, status] FROM type::record('payment_alert', $k)")
        .bind(("k", key.to_string()))
        .await
        .unwrap();
    let rows: Vec<(i64, String)> = res.take(0).unwrap();
    rows.into_iter().next()
}

/// A signed-in admin.
async fn admin(app: &TestApp) -> integration::Client {
    app::accounts::imp::create_admin(
        &app.state,
        "root@payments.example",
        "Root",
        crate::checkout::PW.into(),
    )
    .await
    .unwrap();
    integration::two_step_on(app, "root@payments.example").await;
    let mut c = app.client();
    let r = c.log_in("root@payments.example", crate::checkout::PW).await;
    assert_eq!(r.status, 200, "{}", r.body);
    c
}

/// The alert of the placed checkout's payment (`pi_standin_1`).
const KEY: &str = "provider-refund-pi_standin_1";

/// An admin (or not) attributes `amount` of the alert to `order`.
async fn attribute(c: &mut integration::Client, order: &str, amount: &str) -> integration::Reply {
    c.call(
        "attribute_refund",
        &[("alert", KEY), ("order", order), ("amount", amount)],
    )
    .await
}

/// Every ledger transaction balances.
async fn books_balance(app: &TestApp) {
    let unbalanced = "SELECT count() AS n FROM (SELECT txn, math::sum(amount_minor) AS n FROM ledger_entry GROUP BY txn) WHERE n != 0 GROUP ALL";
    assert_eq!(count(app, unbalanced).await, 0);
}

/// Part of a two-shop payment refunded in Stripe's dashboard: the alert holds the
/// amount no order holds, however often and in whatever order Stripe tells us; only
/// an admin may attribute it, never more than it holds nor to an order the payment
/// did not pay; attributed, the order's refund is posted as Stripe made it (nothing
/// sent to Stripe, the shop's share taken back), the books balance, the alert closes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refund_made_at_stripe_waits_for_an_admin_to_attribute_it() {
    let (app, calls, checkout, _, _) = placed().await;
    pay(&app, &checkout, "evt_paid_dashboard").await;
    let (orders, currency) = orders_and_paid(&app, &checkout).await;
    let cur = domain::Currency::parse(&currency).unwrap();
    let major = |minor: i64| domain::Money::new(minor, cur).decimal_string();
    let whole: i64 = orders.iter().map(|(_, p)| p).sum();
    let (order, paid) = orders[0].clone();
    let part = (paid / 2).max(1);

    tell(
        &app,
        "evt_dash_1",
        charge_refunded("pi_standin_1", whole, part, &currency),
    )
    .await;
    assert_eq!(alert(&app, KEY).await, Some((part, "open".into())));
    // told again, and an older figure arriving late: the same alert, the same gap
    tell(
        &app,
        "evt_dash_2",
        charge_refunded("pi_standin_1", whole, part, &currency),
    )
    .await;
    tell(
        &app,
        "evt_dash_0",
        charge_refunded("pi_standin_1", whole, 0, &currency),
    )
    .await;
    assert_eq!(alert(&app, KEY).await, Some((part, "open".into())));
    assert_eq!(
        count(&app, "SELECT count() AS n FROM payment_alert GROUP ALL").await,
        1
    );

    let mut admin = admin(&app).await;
    let page = admin.get("/admin/payments").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("alert-provider-refund"), "{}", page.body);
    let overview = admin.call("admin_overview", &[]).await.json();
    assert_eq!(overview["payment_alerts"], 1);

    let mut buyer = app.client();
    buyer.log_in("card@example.com", crate::checkout::PW).await;
    let r = attribute(&mut buyer, &order, &major(part)).await;
    assert_eq!(r.status, 403, "{}", r.body);
    let r = attribute(&mut admin, &order, &major(part + 1)).await;
    assert_eq!(r.field_errors(), ["amount.InvalidPrice"], "{}", r.body);
    let r = attribute(&mut admin, "nosuchorder", &major(part)).await;
    assert_eq!(r.field_errors(), ["order.InvalidChoice"], "{}", r.body);
    assert_eq!(alert(&app, KEY).await, Some((part, "open".into())));
    let refunded = format!("SELECT refunded_minor AS n FROM shop_order:{order}");
    assert_eq!(count(&app, &refunded).await, 0, "nothing changed");

    let r = attribute(&mut admin, &order, &major(part)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(count(&app, &refunded).await, part);
    assert_eq!(alert(&app, KEY).await, Some((0, "closed".into())));
    assert!(
        calls_to(&calls, "refunds").is_empty(),
        "Stripe made that refund itself"
    );
    let card = format!("SELECT count() AS n FROM card_refund WHERE shop_order = shop_order:{order} AND amount_minor = 0 AND reverse_minor > 0 AND status = 'done' GROUP ALL");
    assert_eq!(
        count(&app, &card).await,
        1,
        "the shop's share is taken back"
    );
    assert_eq!(calls_to(&calls, "reversals:").len(), 1);
    let audited =
        "SELECT count() AS n FROM audit_log WHERE action = 'payment.refund_attributed' GROUP ALL";
    assert_eq!(count(&app, audited).await, 1);
    let timeline = format!("SELECT count() AS n FROM order_event WHERE shop_order = shop_order:{order} AND kind = 'charge_refunded' GROUP ALL");
    assert_eq!(count(&app, &timeline).await, 1);
    books_balance(&app).await;

    // told once more: the two sides agree, the alert stays closed
    tell(
        &app,
        "evt_dash_3",
        charge_refunded("pi_standin_1", whole, part, &currency),
    )
    .await;
    assert_eq!(alert(&app, KEY).await, Some((0, "closed".into())));
}

/// A cancelled card order whose refund Stripe refuses: tried again only when its wait
/// is over, waiting longer each time; after a few refusals an alert tells the admin
/// what Stripe said; once Stripe accepts, the admin's "try now" sends it and the alert
/// closes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_card_refund_stripe_keeps_refusing_waits_longer_and_raises_an_alert() {
    use app::orders::payment_store::{retry_wait, REFUSALS_BEFORE_ALERT};
    const PI: &str = "pi_refused_alerts";
    REFUSING.lock().unwrap().push(PI.into());
    let (app, calls, checkout, _, _) = placed().await;
    let mut paid = session_object(&checkout, "paid");
    paid["payment_intent"] = json!(PI);
    let body = event("evt_paid_refused", "checkout.session.completed", paid);
    assert_eq!(deliver(&app, &body, signed(&app, &body)).await.0, 200);
    let (orders, _) = orders_and_paid(&app, &checkout).await;
    let order = orders[0].0.clone();
    let mut buyer = app.client();
    buyer.log_in("card@example.com", crate::checkout::PW).await;
    let r = buyer
        .call(
            "cancel_order",
            &[("id", &order), ("reason", "changed_mind")],
        )
        .await;
    assert_eq!(r.status, 200, "the buyer's cancellation stands: {}", r.body);
    assert_eq!(calls_to(&calls, "refunds").len(), 1);
    let key = format!("refund-refused-{order}-1");
    let send = || app::orders::payments::send_card_refunds(&app.state);

    // before its wait is over, the job leaves it
    assert_eq!(send().await, 0);
    assert_eq!(calls_to(&calls, "refunds").len(), 1);
    for attempt in 2..=REFUSALS_BEFORE_ALERT {
        assert_eq!(
            alert(&app, &key).await,
            None,
            "no alert after {}",
            attempt - 1
        );
        app.clock
            .advance(retry_wait(attempt - 1) + chrono::Duration::seconds(1));
        assert_eq!(send().await, 0);
        assert_eq!(calls_to(&calls, "refunds").len() as i64, attempt);
    }
    let row = format!("SELECT attempts AS n FROM card_refund:⟨{order}-1⟩");
    assert_eq!(count(&app, &row).await, REFUSALS_BEFORE_ALERT);
    assert_eq!(alert(&app, &key).await, Some((orders[0].1, "open".into())));
    assert!(retry_wait(REFUSALS_BEFORE_ALERT) > retry_wait(1));
    assert_eq!(
        retry_wait(40),
        chrono::Duration::hours(1),
        "at most an hour"
    );

    let mut admin = admin(&app).await;
    let page = admin.get("/admin/payments").await;
    assert!(page.body.contains("alert-refund-refused"), "{}", page.body);
    assert!(page.body.contains("disputed"), "Stripe's reason is shown");

    REFUSING.lock().unwrap().retain(|p| p != PI);
    let r = admin.call("retry_card_refund", &[("alert", &key)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        calls_to(&calls, "refunds").len() as i64,
        REFUSALS_BEFORE_ALERT + 1
    );
    assert_eq!(
        alert(&app, &key).await,
        Some((orders[0].1, "closed".into()))
    );
    let again = admin.call("retry_card_refund", &[("alert", &key)]).await;
    assert_eq!(again.status, 409, "nothing waits any more: {}", again.body);
    let shopper = buyer.call("retry_card_refund", &[("alert", &key)]).await;
    assert_eq!(shopper.status, 403);
}

/// The refunds job sends a batch at a time, oldest first; the rest wait for its next
/// run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_refunds_job_sends_a_batch_at_a_time() {
    use app::orders::payment_store::{claim_card_refunds, CARD_REFUND_BATCH};
    let app = TestApp::spawn().await;
    let now = app.state.now();
    for i in 0..CARD_REFUND_BATCH + 5 {
        app.state
            .db
            .query("CREATE type::record('card_refund', $k) SET shop_order = shop_order:gone, checkout = checkout:gone, \
                    amount_minor = 1, reverse_minor = 0, currency = 'TWD', status = 'pending', attempts = 0, \
                    created_at = $at, updated_at = $at")
            .bind(("k", format!("r{i:03}")))
            .bind(("at", now - chrono::Duration::seconds(100 - i)))
            .await
            .unwrap()
            .check()
            .unwrap();
    }
    let stale = now - chrono::Duration::minutes(10);
    let first = claim_card_refunds(&app.state.db, now, stale).await.unwrap();
    assert_eq!(first.len() as i64, CARD_REFUND_BATCH);
    assert_eq!(app::state::key_of(&first[0].id), "r000", "oldest first");
    let rest = claim_card_refunds(&app.state.db, now, stale).await.unwrap();
    assert_eq!(rest.len(), 5);
    assert!(claim_card_refunds(&app.state.db, now, stale)
        .await
        .unwrap()
        .is_empty());
}
