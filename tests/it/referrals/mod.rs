//! Sharing rewards: the referral code carried by share links, attribution across
//! sign-up, rewards pending when paid and available after the return window (injected
//! clock), reversal on cancellation and refund, store credit spent at checkout (once, even
//! when two checkouts race), every fraud rule, campaign rules, share cards and QR codes.

mod campaigns;
mod credit;
mod fraud;
mod links;
mod refunds;

use chrono::Duration;
use integration::{Client, TestApp};
use serde_json::Value;
use surrealdb::types::{RecordId, SurrealValue};

use crate::checkout::{add, checkout_form, count, my_orders, place, seeded, seller_of, PW};
use crate::moderation::moderator;

/// The `n`th live TWD product without variants, stocked.
async fn twd_product(app: &TestApp, n: usize) -> String {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM product WHERE status = 'active' AND currency = 'TWD' AND variant_of = NONE AND variants = NONE ORDER BY id LIMIT 20")
        .await
        .unwrap();
    let keys: Vec<String> = res.take(0).unwrap();
    crate::checkout::set_stock(app, &keys[n], 100).await;
    keys[n].clone()
}

/// A user who opened the site before signing up (so their sessions carry the browser's
/// device cookie).
async fn member(app: &TestApp, email: &str) -> Client {
    let mut c = app.client();
    assert_eq!(c.get("/").await.status, 200);
    let r = c.sign_up(email, "Member Chen", PW).await;
    assert_eq!(r.status, 200, "{}", r.body);
    c
}

async fn code(c: &mut Client) -> String {
    let r = c.call("share_link", &[("path", "/")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["code"].as_str().unwrap().to_string()
}

/// A new browser opens `code`'s link and signs up as `email`.
async fn referred(app: &TestApp, code: &str, email: &str) -> Client {
    let mut c = app.client();
    assert_eq!(c.get(&format!("/?ref={code}")).await.status, 200);
    assert!(c.cookie("hm_ref").is_some(), "attribution cookie");
    assert_eq!(c.sign_up(email, "Friend Lin", PW).await.status, 200);
    c
}

/// Buys one of `product` shipping to `line1`; returns the order id.
async fn buy(c: &mut Client, product: &str, line1: &str, use_credit: bool) -> String {
    add(c, product, "1").await;
    let (_, mut form) = checkout_form(c).await;
    form.retain(|(k, _)| k != "line1");
    form.push(("line1".into(), line1.into()));
    if use_credit {
        form.push(("use_credit".into(), "on".into()));
    }
    let r = place(c, &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    my_orders(c).await[0]["id"].as_str().unwrap().to_string()
}

#[derive(SurrealValue, Debug)]
struct Rw {
    status: String,
    amount_minor: i64,
    flags: Vec<String>,
    evidence: Vec<String>,
}

async fn reward(app: &TestApp, order: &str) -> Option<Rw> {
    let mut res = app
        .state
        .db
        .query("SELECT status, amount_minor, flags, evidence FROM ONLY $r")
        .bind(("r", RecordId::new("referral_reward", order)))
        .await
        .unwrap();
    res.take(0).unwrap()
}

/// (pending, available) store credit of a user in TWD.
async fn balance(app: &TestApp, email: &str) -> (i64, i64) {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE [pending_minor, available_minor] FROM $b")
        .bind((
            "b",
            RecordId::new("credit_balance", format!("{email}|TWD").as_str()),
        ))
        .await
        .unwrap();
    let v: Vec<Vec<i64>> = res.take(0).unwrap();
    v.first().map(|v| (v[0], v[1])).unwrap_or((0, 0))
}

/// Every credit transaction sums to zero, and the running balances equal the postings.
async fn assert_books(app: &TestApp) {
    assert_eq!(
        count(
            app,
            "SELECT math::sum(amount_minor) AS n FROM credit_entry GROUP ALL"
        )
        .await,
        0,
        "debits equal credits"
    );
    let mut res = app
        .state
        .db
        .query(
            "SELECT VALUE [pending_minor, available_minor, \
               -math::sum((SELECT VALUE amount_minor FROM credit_entry WHERE user = $parent.user AND currency = $parent.currency AND account = 'pending')), \
               -math::sum((SELECT VALUE amount_minor FROM credit_entry WHERE user = $parent.user AND currency = $parent.currency AND account = 'available'))] \
             FROM credit_balance",
        )
        .await
        .unwrap();
    for b in res.take::<Vec<Vec<i64>>>(0).unwrap() {
        assert_eq!((b[0], b[1]), (b[2], b[3]), "balance equals its postings");
    }
}

async fn settle(app: &TestApp) {
    app::sellers::money::imp::settle_due(&app.state, app.state.now())
        .await
        .unwrap();
}

async fn order_money(app: &TestApp, order: &str) -> (i64, i64, i64, i64) {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE [subtotal_minor - discount_minor + shipping_minor, welcome_minor, credit_minor, (SELECT VALUE amount_minor FROM payment WHERE shop_order = $parent.id)[0]] FROM $o")
        .bind(("o", RecordId::new("shop_order", order)))
        .await
        .unwrap();
    let v: Vec<Vec<i64>> = res.take(0).unwrap();
    (v[0][0], v[0][1], v[0][2], v[0][3])
}

/// A checkout's shipping address in Taipei.
fn an_address() -> domain::order::Address {
    domain::order::Address {
        name: "A".into(),
        phone: "0912345678".into(),
        line1: "1 Road".into(),
        line2: String::new(),
        city: "Taipei".into(),
        postal_code: "110".into(),
        country: "TW".into(),
    }
}

/// Runs the referral statements of a checkout placing `parts` for `buyer` (credit spent,
/// the welcome discount claimed) as one transaction on their own, as the placing
/// transaction would; the guard's refusal if one stops it.
async fn run_place_sql(
    state: &app::state::AppState,
    buyer: &RecordId,
    parts: &[app::referrals::imp::PlacedPart],
) -> Result<(), backend::db::Refusal> {
    let stmts = app::referrals::imp::place_sql(
        state,
        &app::request::Request::none(),
        buyer,
        None,
        &an_address(),
        parts,
    )
    .await
    .unwrap();
    let mut tx = backend::db::Tx::new();
    tx.bind("now", state.now()).add(stmts);
    tx.run(&state.db).await.unwrap()
}
