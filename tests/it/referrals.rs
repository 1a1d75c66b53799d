//! Sharing rewards: the referral code carried by share links, attribution across
//! sign-up, rewards pending when paid and available after the return window (injected
//! clock), reversal on cancellation and refund, store credit spent at checkout (once, even
//! when two checkouts race), every fraud rule, campaign rules, share cards and QR codes.

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_friend_signs_up_through_the_link_buys_and_the_sharer_spends_the_credit_after_the_window()
{
    let app = seeded().await;
    let (p1, p2) = (twd_product(&app, 0).await, twd_product(&app, 1).await);
    let mut a = member(&app, "sharer@example.com").await;
    let r = a.call("share_link", &[("path", &format!("/p/{p1}"))]).await;
    let (url, code) = (
        r.json()["url"].as_str().unwrap().to_string(),
        r.json()["code"].as_str().unwrap().to_string(),
    );
    assert_eq!(
        url,
        format!("{}/p/{p1}?ref={code}", app.state.settings.public_origin)
    );
    assert!(domain::referral::is_code(&code));
    assert_eq!(code, self::code(&mut a).await, "one code per user");
    // a visitor's share link carries no code
    let r = app.client().call("share_link", &[("path", "/p/x")]).await;
    assert_eq!(r.json()["code"], Value::Null);
    assert_eq!(
        app.client()
            .call("share_link", &[("path", "https://evil.example/")])
            .await
            .status,
        422
    );

    // the friend opens the link, signs up and buys their first order
    let mut b = app.client();
    assert_eq!(b.get(&format!("/p/{p1}?ref={code}")).await.status, 200);
    assert!(b.cookie("hm_ref").unwrap().starts_with(&format!("{code}.")));
    assert_eq!(
        b.sign_up("friend@example.com", "Friend Lin", PW)
            .await
            .status,
        200
    );
    assert_eq!(
        count(&app, "SELECT count() AS n FROM referred WHERE in = user:⟨sharer@example.com⟩ AND out = user:⟨friend@example.com⟩ AND via = 'signup' GROUP ALL").await,
        1,
        "the referral survived the sign-up"
    );
    add(&mut b, &p1, "2").await;
    let (data, _) = checkout_form(&mut b).await;
    let goods = data["groups"][0]["lines"][0]["line_total"]["amount_minor"]
        .as_i64()
        .unwrap();
    let welcome = data["groups"][0]["welcome"]["amount_minor"]
        .as_i64()
        .unwrap();
    assert_eq!(
        welcome,
        (goods * 1000 / 10_000).min(200),
        "10 % off, at most NT$200"
    );
    let (_, mut form) = checkout_form(&mut b).await;
    form.retain(|(k, _)| k != "line1");
    form.push(("line1".into(), "8 Friend Street".into()));
    let r = place(&mut b, &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let order = my_orders(&mut b).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (total, w, credit, paid) = order_money(&app, &order).await;
    assert_eq!(
        (w, credit, paid),
        (welcome, 0, total - welcome),
        "the buyer pays less the welcome discount"
    );
    let amount = ((goods - welcome) * 500 / 10_000).min(300);
    let rw = reward(&app, &order).await.expect("a reward");
    assert_eq!(
        (rw.status.as_str(), rw.amount_minor),
        ("awaiting_payment", amount)
    );
    assert!(rw.flags.is_empty(), "{:?}", rw.evidence);
    assert_eq!(balance(&app, "sharer@example.com").await, (0, 0));

    // paid: pending; delivered: still pending until the return window closes
    let mut seller = seller_of(&app, &order).await;
    crate::checkout::pay_ship_deliver(&mut seller, &order).await;
    assert_eq!(reward(&app, &order).await.unwrap().status, "pending");
    assert_eq!(balance(&app, "sharer@example.com").await, (amount, 0));
    settle(&app).await;
    assert_eq!(reward(&app, &order).await.unwrap().status, "pending");
    app.clock.advance(Duration::days(8));
    settle(&app).await;
    assert_eq!(reward(&app, &order).await.unwrap().status, "available");
    assert_eq!(balance(&app, "sharer@example.com").await, (0, amount));
    settle(&app).await;
    assert_eq!(
        balance(&app, "sharer@example.com").await,
        (0, amount),
        "released once"
    );

    let mine = a.call("my_rewards", &[]).await.json();
    assert_eq!(mine["code"], code.as_str());
    assert_eq!(
        (
            mine["clicks"].as_i64(),
            mine["signups"].as_i64(),
            mine["orders"].as_i64()
        ),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(mine["balances"][0]["available"]["amount_minor"], amount);
    assert_eq!(mine["rewards"][0]["status"], "available");
    assert_eq!(mine["rewards"][0]["buyer"], "Friend L.");

    // the sharer spends it at checkout
    add(&mut a, &p2, "1").await;
    let (data, _) = checkout_form(&mut a).await;
    assert_eq!(data["credit"][0]["amount_minor"], amount);
    let mine_order = buy(&mut a, &p2, "No. 1, Section 5, Xinyi Rd", true).await;
    let (total, _, credit, paid) = order_money(&app, &mine_order).await;
    let goods2 = {
        let mut res = app
            .state
            .db
            .query("SELECT VALUE subtotal_minor FROM ONLY $o")
            .bind(("o", RecordId::new("shop_order", mine_order.as_str())))
            .await
            .unwrap();
        res.take::<Option<i64>>(0).unwrap().unwrap()
    };
    assert_eq!(credit, amount.min(goods2));
    assert_eq!(paid, total - credit);
    assert_eq!(
        balance(&app, "sharer@example.com").await,
        (0, amount - credit)
    );
    assert_books(&app).await;
    // the shop is paid the whole order: the credit part is the campaign's
    let mut seller = seller_of(&app, &mine_order).await;
    assert_eq!(
        seller
            .call("mark_paid", &[("id", &mine_order)])
            .await
            .status,
        200
    );
    assert_eq!(
        count(&app, &format!("SELECT math::sum(amount_minor) AS n FROM ledger_entry WHERE shop_order = shop_order:⟨{mine_order}⟩ AND account = 'clearing' GROUP ALL")).await,
        total
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancellations_and_refunds_reverse_rewards_and_return_spent_credit() {
    let app = seeded().await;
    let (p1, p2) = (twd_product(&app, 2).await, twd_product(&app, 3).await);
    let mut a = member(&app, "sharer@example.com").await;
    let code = code(&mut a).await;
    let mut b = referred(&app, &code, "friend@example.com").await;

    // cancelled before payment: reversed, nothing was ever credited
    let o1 = buy(&mut b, &p1, "8 Friend Street", false).await;
    assert_eq!(reward(&app, &o1).await.unwrap().status, "awaiting_payment");
    let r = b
        .call("cancel_order", &[("id", &o1), ("reason", "changed_mind")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(reward(&app, &o1).await.unwrap().status, "reversed");
    assert_eq!(balance(&app, "sharer@example.com").await, (0, 0));

    // refunded after delivery: the pending reward is taken back
    let o2 = buy(&mut b, &p1, "8 Friend Street", false).await;
    let mut seller = seller_of(&app, &o2).await;
    crate::checkout::pay_ship_deliver(&mut seller, &o2).await;
    let amount = reward(&app, &o2).await.unwrap().amount_minor;
    assert_eq!(balance(&app, "sharer@example.com").await, (amount, 0));
    let r = b
        .call(
            "request_return",
            &[("id", &o2), ("kind", "return"), ("reason", "damaged")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        seller
            .call("decide_return", &[("id", &o2), ("accept", "true")])
            .await
            .status,
        200
    );
    assert_eq!(reward(&app, &o2).await.unwrap().status, "reversed");
    assert_eq!(balance(&app, "sharer@example.com").await, (0, 0));
    assert_eq!(
        count(&app, "SELECT cost_minor AS n FROM campaign:share_twd").await,
        0,
        "the campaign's cost went back"
    );

    // a third order settles; the credit is spent on an order that is then cancelled
    let o3 = buy(&mut b, &p1, "8 Friend Street", false).await;
    let mut seller = seller_of(&app, &o3).await;
    crate::checkout::pay_ship_deliver(&mut seller, &o3).await;
    app.clock.advance(Duration::days(8));
    settle(&app).await;
    let amount = reward(&app, &o3).await.unwrap().amount_minor;
    assert_eq!(balance(&app, "sharer@example.com").await, (0, amount));
    let spent_on = buy(&mut a, &p2, "No. 1, Section 5, Xinyi Rd", true).await;
    assert_eq!(balance(&app, "sharer@example.com").await.1, 0);
    let r = a
        .call(
            "cancel_order",
            &[("id", &spent_on), ("reason", "changed_mind")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        balance(&app, "sharer@example.com").await,
        (0, amount),
        "credit returned"
    );
    assert_books(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_checkouts_racing_for_the_same_credit_spend_it_once() {
    let app = seeded().await;
    let (p1, p2) = (twd_product(&app, 4).await, twd_product(&app, 5).await);
    let mut a = member(&app, "sharer@example.com").await;
    let code = code(&mut a).await;
    let mut b = referred(&app, &code, "friend@example.com").await;
    let o = buy(&mut b, &p1, "8 Friend Street", false).await;
    let mut seller = seller_of(&app, &o).await;
    crate::checkout::pay_ship_deliver(&mut seller, &o).await;
    app.clock.advance(Duration::days(8));
    settle(&app).await;
    let amount = balance(&app, "sharer@example.com").await.1;
    assert!(amount > 0);

    // two sessions of the sharer, each with the checkout page open
    let mut a2 = app.client();
    assert_eq!(a2.log_in("sharer@example.com", PW).await.status, 200);
    add(&mut a, &p2, "1").await;
    let (_, f1) = checkout_form(&mut a).await;
    let (_, f2) = checkout_form(&mut a2).await;
    let with_credit = |f: &Vec<(String, String)>| {
        let mut f = f.clone();
        f.push(("use_credit".into(), "on".into()));
        f
    };
    let (f1, f2) = (with_credit(&f1), with_credit(&f2));
    let (r1, r2) = tokio::join!(place(&mut a, &f1), place(&mut a2, &f2));
    let ok: Vec<&integration::Reply> = [&r1, &r2].into_iter().filter(|r| r.status == 200).collect();
    assert_eq!(
        ok.len(),
        1,
        "exactly one succeeds: {} / {}",
        r1.body,
        r2.body
    );
    // the loser is refused by the credit guard, finds the shared cart changed under it
    // (the winner emptied it after the loser priced it), or reads it only after the
    // winner emptied it: either way it spends nothing
    let refused = if r1.status == 200 { &r2 } else { &r1 };
    assert!(
        matches!(
            (refused.status, refused.json()["Order"].as_str()),
            (409, Some("CreditChanged")) | (409, Some("PricesChanged")) | (422, Some("EmptyCart"))
        ),
        "{}",
        refused.body
    );
    assert_eq!(
        balance(&app, "sharer@example.com").await.1,
        0,
        "spent once (the goods cost more than the credit)"
    );
    assert_eq!(
        count(&app, "SELECT count() AS n FROM credit_entry WHERE kind = 'spent' AND account = 'spent' GROUP ALL").await,
        1
    );
    let spent = count(
        &app,
        "SELECT math::sum(credit_minor) AS n FROM shop_order GROUP ALL",
    )
    .await;
    assert_eq!(
        spent, amount,
        "the one order that went through carries the credit"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM shop_order WHERE credit_minor > 0 GROUP ALL"
        )
        .await,
        1
    );
    assert_books(&app).await;

    // the guard itself, with both spends reaching the database: the winning order is
    // cancelled (its credit comes back), then two checkout transactions each try to
    // spend all of it at once — exactly one commits, the other is refused by the
    // balance guard in the database (the in-process lock only orders them)
    let winner = my_orders(&mut a).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = a
        .call(
            "cancel_order",
            &[("id", &winner), ("reason", "changed_mind")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(balance(&app, "sharer@example.com").await.1, amount);
    let buyer = RecordId::new("user", "sharer@example.com");
    let spend = |order: &'static str| {
        let (state, buyer) = (app.state.clone(), buyer.clone());
        async move {
            let parts = [app::referrals::imp::PlacedPart {
                order: RecordId::new("shop_order", order),
                currency: "TWD".into(),
                goods_minor: amount,
                credit_minor: amount,
                referral: Default::default(),
            }];
            let address = domain::order::Address {
                name: "A".into(),
                phone: "0912345678".into(),
                line1: "1 Road".into(),
                line2: String::new(),
                city: "Taipei".into(),
                postal_code: "110".into(),
                country: "TW".into(),
            };
            let spent = app::referrals::imp::place_sql(&state, &buyer, None, &address, &parts)
                .await
                .unwrap();
            let mut tx = backend::db::Tx::new();
            tx.bind("now", state.now()).add(spent);
            tx.run(&state.db).await.unwrap()
        }
    };
    let (x, y) = tokio::join!(spend("race-one"), spend("race-two"));
    let outcomes = [x.is_ok(), y.is_ok()];
    assert_eq!(
        outcomes.iter().filter(|ok| **ok).count(),
        1,
        "exactly one commits"
    );
    let refusal = [x, y].into_iter().find_map(|r| r.err()).unwrap();
    assert_eq!(refusal, backend::db::Refusal::CreditChanged);
    assert_eq!(balance(&app, "sharer@example.com").await.1, 0);
    assert_books(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_unknown_and_malformed_codes_are_ignored_and_the_page_works() {
    let app = seeded().await;
    let p = twd_product(&app, 6).await;
    let mut a = member(&app, "sharer@example.com").await;
    let code = code(&mut a).await;
    // the owner's own link: no cookie, no click
    assert_eq!(a.get(&format!("/p/{p}?ref={code}")).await.status, 200);
    assert!(a.cookie("hm_ref").is_none());
    for bad in ["zzzzzzzz", "<script>", "abc", ""] {
        let mut v = app.client();
        let r = v.get(&format!("/p/{p}?ref={bad}")).await;
        assert_eq!(r.status, 200, "{bad}");
        assert!(v.cookie("hm_ref").is_none(), "{bad}");
    }
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM referral_stat WHERE clicks > 0 GROUP ALL"
        )
        .await,
        0
    );
    // the owner buying with a forged cookie of their own code earns nothing
    a.set_cookie(
        "hm_ref",
        &domain::referral::attribution_cookie(&code, app.state.now().timestamp()),
    );
    let o = buy(&mut a, &p, "No. 1, Section 5, Xinyi Rd", false).await;
    assert!(reward(&app, &o).await.is_none());
    // an expired attribution earns nothing either
    let mut late = app.client();
    late.get(&format!("/?ref={code}")).await;
    app.clock.advance(Duration::days(31));
    assert_eq!(
        late.sign_up("late@example.com", "Late Comer", PW)
            .await
            .status,
        200
    );
    let o = buy(&mut late, &p, "9 Late Road", false).await;
    assert!(
        reward(&app, &o).await.is_none(),
        "outside the 30-day window"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn self_referral_through_a_device_address_or_card_is_held_with_the_evidence() {
    let app = seeded().await;
    let p = twd_product(&app, 7).await;
    let mut a = member(&app, "sharer@example.com").await;
    let code = code(&mut a).await;
    // the sharer's own order, to an address
    buy(&mut a, &p, "77 Harbour Road", false).await;

    // same device: a second account in the sharer's browser
    let mut same_device = app.client();
    same_device.set_cookie("hm_device", &a.cookie("hm_device").expect("device cookie"));
    same_device.get(&format!("/?ref={code}")).await;
    assert_eq!(
        same_device
            .sign_up("alt1@example.com", "Alt One", PW)
            .await
            .status,
        200
    );
    let o = buy(&mut same_device, &p, "1 Other Street", false).await;
    let rw = reward(&app, &o).await.unwrap();
    assert_eq!(
        (rw.status.as_str(), rw.flags.clone()),
        ("held", vec!["same_device".to_string()])
    );
    assert!(rw.evidence[0].contains("device"), "{:?}", rw.evidence);

    // same address
    let mut same_address = referred(&app, &code, "alt2@example.com").await;
    let o = buy(&mut same_address, &p, "77 harbour road", false).await;
    let rw = reward(&app, &o).await.unwrap();
    assert_eq!(
        (rw.status.as_str(), rw.flags.clone()),
        ("held", vec!["same_address".to_string()])
    );

    // same card: the fingerprint arrives with the payment
    let mut same_card = referred(&app, &code, "alt3@example.com").await;
    let o = buy(&mut same_card, &p, "3 Card Lane", false).await;
    assert_eq!(reward(&app, &o).await.unwrap().status, "awaiting_payment");
    let mut seller = seller_of(&app, &o).await;
    assert_eq!(seller.call("mark_paid", &[("id", &o)]).await.status, 200);
    assert!(
        balance(&app, "sharer@example.com").await.0 > 0,
        "pending once paid"
    );
    app.state
        .db
        .query("UPDATE payment SET fingerprint = 'fp_shared_card' WHERE shop_order IN (SELECT VALUE id FROM shop_order WHERE buyer = user:⟨sharer@example.com⟩) OR shop_order = $o")
        .bind(("o", RecordId::new("shop_order", o.as_str())))
        .await
        .unwrap()
        .check()
        .unwrap();
    let checkout: Option<RecordId> = {
        let mut res = app
            .state
            .db
            .query("SELECT VALUE checkout FROM ONLY $o")
            .bind(("o", RecordId::new("shop_order", o.as_str())))
            .await
            .unwrap();
        res.take(0).unwrap()
    };
    app::referrals::imp::recheck_payment(&app.state, &checkout.unwrap())
        .await
        .unwrap();
    let rw = reward(&app, &o).await.unwrap();
    assert_eq!(
        (rw.status.as_str(), rw.flags.clone()),
        ("held", vec!["same_payment".to_string()])
    );
    assert_eq!(
        balance(&app, "sharer@example.com").await,
        (0, 0),
        "the pending credit was taken back"
    );
    assert_books(&app).await;

    // moderators see the evidence and decide once
    let mut shopper = app.client();
    shopper.log_in("alt1@example.com", PW).await;
    assert_eq!(shopper.call("held_rewards", &[]).await.status, 403);
    let mut m = moderator(&app).await;
    let held = m.call("held_rewards", &[]).await.json();
    assert_eq!(held.as_array().unwrap().len(), 3);
    assert!(held
        .as_array()
        .unwrap()
        .iter()
        .all(|h| !h["evidence"].as_array().unwrap().is_empty()));
    let r = m
        .call(
            "decide_reward",
            &[("key", &o), ("decision", "reject"), ("note", "short")],
        )
        .await;
    assert_eq!(r.field_errors(), ["note.TooShort"]);
    let r = m
        .call("decide_reward", &[("key", &o), ("decision", "approve")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        reward(&app, &o).await.unwrap().status,
        "pending",
        "approved: where its paid order is"
    );
    assert_eq!(
        balance(&app, "sharer@example.com").await.0,
        reward(&app, &o).await.unwrap().amount_minor
    );
    let r = m
        .call(
            "decide_reward",
            &[
                ("key", &o),
                ("decision", "reject"),
                ("note", "duplicate account"),
            ],
        )
        .await;
    assert_eq!(r.field_errors(), ["decision.AlreadyDecided"]);
    assert_eq!(
        m.call("decide_reward", &[("key", "nope"), ("decision", "approve")])
            .await
            .status,
        404
    );
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM audit_log WHERE action = 'referral.approved' GROUP ALL"
        )
        .await,
        1
    );
    assert_books(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn velocity_rings_and_stars_are_held() {
    let app = seeded().await;
    let p = twd_product(&app, 8).await;

    // a three-account ring: A refers B, B refers C, C refers A
    let mut a = member(&app, "ring-a@example.com").await;
    let code_a = code(&mut a).await;
    let mut b = referred(&app, &code_a, "ring-b@example.com").await;
    let code_b = code(&mut b).await;
    let mut c = referred(&app, &code_b, "ring-c@example.com").await;
    let code_c = code(&mut c).await;
    a.get(&format!("/?ref={code_c}")).await;
    let o = buy(&mut a, &p, "5 Ring Road", false).await;
    let rw = reward(&app, &o).await.unwrap();
    assert_eq!(
        (rw.status.as_str(), rw.flags.clone()),
        ("held", vec!["ring".to_string()])
    );
    assert_eq!(
        rw.evidence,
        ["ring: ring-c@example.com → ring-a@example.com → ring-b@example.com → ring-c@example.com"]
    );
    // now B buying through A's link is inside the ring too; a newcomer is not
    let o = buy(&mut b, &p, "6 Ring Road", false).await;
    assert_eq!(reward(&app, &o).await.unwrap().flags, ["ring"]);
    let mut d = referred(&app, &code_a, "ring-d@example.com").await;
    let o = buy(&mut d, &p, "7 Ring Road", false).await;
    assert!(reward(&app, &o).await.unwrap().flags.is_empty());

    // velocity: at most two rewards a day for this test
    app.state
        .db
        .query("UPDATE platform_setting:main SET referral_velocity_per_day = 2")
        .await
        .unwrap()
        .check()
        .unwrap();
    let mut hub = member(&app, "hub@example.com").await;
    let code_h = code(&mut hub).await;
    let mut statuses = Vec::new();
    for i in 0..3 {
        let mut f = referred(&app, &code_h, &format!("fast{i}@example.com")).await;
        let o = buy(&mut f, &p, &format!("{i} Fast Lane"), false).await;
        statuses.push(reward(&app, &o).await.unwrap().flags);
    }
    assert_eq!(statuses, [vec![], vec![], vec!["velocity".to_string()]]);
    app.state
        .db
        .query("UPDATE platform_setting:main SET referral_velocity_per_day = 10")
        .await
        .unwrap()
        .check()
        .unwrap();

    // a star: three accounts the star's centre referred, all from one browser
    let mut centre = member(&app, "centre@example.com").await;
    let code_s = code(&mut centre).await;
    let mut first = app.client();
    first.get("/").await;
    let device = first.cookie("hm_device").unwrap();
    let mut flags = Vec::new();
    for i in 0..3 {
        let mut s = app.client();
        s.set_cookie("hm_device", &device);
        s.get(&format!("/?ref={code_s}")).await;
        assert_eq!(
            s.sign_up(&format!("puppet{i}@example.com"), "Puppet", PW)
                .await
                .status,
            200
        );
        let o = buy(&mut s, &p, &format!("{i} Puppet Street"), false).await;
        flags.push(reward(&app, &o).await.unwrap().flags);
    }
    assert_eq!(flags, [vec![], vec![], vec!["star".to_string()]]);
    assert_eq!(
        count(&app, "SELECT flagged AS n FROM campaign:share_twd").await,
        4,
        "two ring rewards, velocity and star"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn campaign_rules_are_checked_as_a_whole_and_admins_only() {
    let app = seeded().await;
    let before = count(&app, "SELECT count() AS n FROM campaign GROUP ALL").await;
    let form = |rate: &'static str, currency: &'static str, shop: &'static str| {
        vec![
            ("name", "Spring sharing"),
            ("shop", shop),
            ("currency", currency),
            ("kind", "percent"),
            ("rate", rate),
            ("cap", "500"),
            ("welcome", "5"),
            ("active", "on"),
        ]
    };
    let mut shopper = app.client();
    shopper.sign_up("x@example.com", "X", PW).await;
    assert_eq!(
        shopper
            .call("save_campaign", &form("5", "TWD", ""))
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
    for (f, errs) in [
        (form("-5", "TWD", ""), vec!["rate.InvalidNumber"]),
        (form("150", "TWD", ""), vec!["rate.InvalidNumber"]),
        (form("5", "XYZ", ""), vec!["currency.WrongCurrency"]),
        (form("5", "TWD", "no-such-shop"), vec!["shop.InvalidChoice"]),
    ] {
        let r = admin.call("save_campaign", &f).await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert_eq!(r.field_errors(), errs);
    }
    let mut neg = form("5", "TWD", "");
    neg.retain(|(k, _)| *k != "cap");
    neg.push(("cap", "-10"));
    assert_eq!(
        admin.call("save_campaign", &neg).await.field_errors(),
        ["cap.InvalidPrice"]
    );
    let mut over = form("5", "TWD", "");
    over.retain(|(k, _)| *k != "welcome");
    over.push(("welcome", "101"));
    assert_eq!(
        admin.call("save_campaign", &over).await.field_errors(),
        ["welcome.InvalidNumber"]
    );
    assert_eq!(
        count(&app, "SELECT count() AS n FROM campaign GROUP ALL").await,
        before,
        "nothing saved"
    );
    let r = admin
        .call("save_campaign", &form("7.5", "TWD", "formosa-tea-house"))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        count(&app, "SELECT count() AS n FROM campaign WHERE rate_bps = 750 AND cap_minor = 500 AND shop = shop:⟨formosa-tea-house⟩ GROUP ALL").await,
        1
    );
    let d = admin.call("campaign_dashboard", &[]).await.json();
    assert_eq!(d["campaigns"].as_array().unwrap().len() as i64, before + 1);
    assert_eq!(d["days"].as_array().unwrap().len(), 30);
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM audit_log WHERE action = 'campaign.saved' GROUP ALL"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn share_cards_and_qr_codes_are_served_and_pages_name_them() {
    let app = seeded().await;
    let p = twd_product(&app, 9).await;
    let mut c = app.client();
    let r = c.get(&format!("/share/card/p/{p}.svg")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers["content-type"], "image/svg+xml");
    assert!(
        r.body.starts_with("<svg")
            && r.body.contains("NT$")
            && r.body.contains("data:image/svg+xml;base64,")
    );
    let etag = r.headers["etag"].to_str().unwrap().to_string();
    let again = c
        .get_with(
            &format!("/share/card/p/{p}.svg"),
            &[("if-none-match", &etag)],
        )
        .await;
    assert_eq!(again.status, 304);
    // a price change makes a new card
    app.state
        .db
        .query("UPDATE $p SET price_minor = 4321")
        .bind(("p", RecordId::new("product", p.as_str())))
        .await
        .unwrap()
        .check()
        .unwrap();
    let r = c.get(&format!("/share/card/p/{p}.svg")).await;
    assert!(r.body.contains("NT$4,321"));
    assert_ne!(r.headers["etag"].to_str().unwrap(), etag);
    assert_eq!(c.get("/share/card/p/nope.svg").await.status, 404);
    assert_eq!(c.get("/share/card/p/..%2Fetc.svg").await.status, 404);
    assert_eq!(
        c.get("/share/card/s/formosa-tea-house.svg").await.status,
        200
    );

    let page = c.get(&format!("/p/{p}")).await.body;
    assert!(page.contains(&format!("/share/card/p/{p}.svg")), "og:image");
    assert!(page.contains(r#"name="twitter:card" content="summary_large_image""#));
    assert!(page.contains(r#"data-testid="share""#));
    let shop = c.get("/s/formosa-tea-house").await;
    assert_eq!(shop.status, 200);
    assert!(shop.body.contains("/share/card/s/formosa-tea-house.svg"));
    assert_eq!(c.get("/s/no-such-shop").await.status, 404);

    let origin = app.state.settings.public_origin.clone();
    let qr = c
        .get(&format!(
            "/share/qr.svg?u={}",
            urlencoding(&format!("{origin}/p/{p}?ref=abcdefgh"))
        ))
        .await;
    assert_eq!(qr.status, 200);
    assert!(qr.body.contains("<svg"));
    assert_eq!(
        c.get(&format!(
            "/share/qr.svg?u={}",
            urlencoding("https://evil.example/x")
        ))
        .await
        .status,
        400
    );
}

fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shops_own_campaign_is_charged_to_the_shop_and_given_back_on_refund() {
    let app = seeded().await;
    // the seller of formosa-tea-house funds NT$50 per referred order from the seller
    // centre (its campaign wins over the platform's for its products)
    let mut owner = app.client();
    assert_eq!(
        owner
            .log_in("seller1@demo.test", server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    let fields = |fixed: &'static str| {
        vec![
            ("name", "Tea friends"),
            ("kind", "fixed"),
            ("fixed", fixed),
            ("active", "on"),
            ("shop", "auralis-audio-lab"),
            ("currency", "USD"),
        ]
    };
    assert_eq!(
        owner
            .call("save_shop_campaign", &fields("-50"))
            .await
            .field_errors(),
        ["fixed.InvalidPrice"]
    );
    let r = owner.call("save_shop_campaign", &fields("50")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mine = owner.call("shop_campaigns", &[]).await.json();
    assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(
        mine[0]["currency"], "TWD",
        "the shop's own currency, whatever was posted"
    );
    assert_eq!(
        mine[0]["shop"], "Formosa Tea House · 福爾摩沙茶屋",
        "its own shop, whatever was posted"
    );
    let key = mine[0]["key"].as_str().unwrap().to_string();
    // a seller pauses only their own campaigns; shoppers make none
    assert_eq!(
        owner
            .call(
                "set_campaign_active",
                &[("key", "share_twd"), ("active", "false")]
            )
            .await
            .status,
        404
    );
    assert_eq!(
        owner
            .call("set_campaign_active", &[("key", &key), ("active", "false")])
            .await
            .status,
        200
    );
    assert_eq!(
        owner
            .call("set_campaign_active", &[("key", &key), ("active", "true")])
            .await
            .status,
        200
    );
    let mut shopper = app.client();
    shopper.sign_up("x@example.com", "X", PW).await;
    assert_eq!(
        shopper
            .call("save_shop_campaign", &fields("50"))
            .await
            .status,
        403
    );
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM product WHERE status = 'active' AND shop = shop:⟨formosa-tea-house⟩ AND variant_of = NONE AND variants = NONE ORDER BY id LIMIT 1")
        .await
        .unwrap();
    let p: Vec<String> = res.take(0).unwrap();
    let p = p[0].clone();
    crate::checkout::set_stock(&app, &p, 100).await;
    let mut a = member(&app, "sharer@example.com").await;
    let code = code(&mut a).await;
    let mut b = referred(&app, &code, "friend@example.com").await;
    let o = buy(&mut b, &p, "8 Friend Street", false).await;
    let rw = reward(&app, &o).await.unwrap();
    assert_eq!(rw.amount_minor, 50);
    let mut seller = seller_of(&app, &o).await;
    crate::checkout::pay_ship_deliver(&mut seller, &o).await;
    let available = |app: &TestApp| {
        let db = app.state.db.clone();
        async move {
            let mut res = db
                .query("SELECT VALUE available_minor FROM shop_balance:⟨formosa-tea-house⟩")
                .await
                .unwrap();
            res.take::<Vec<i64>>(0)
                .unwrap()
                .first()
                .copied()
                .unwrap_or(0)
        }
    };
    let before = available(&app).await;
    app.clock.advance(Duration::days(8));
    settle(&app).await;
    assert_eq!(balance(&app, "sharer@example.com").await, (0, 50));
    let sale_net = -count(&app, &format!("SELECT math::sum(amount_minor) AS n FROM ledger_entry WHERE shop_order = shop_order:⟨{o}⟩ AND kind = 'release' AND account = 'shop_available' GROUP ALL")).await;
    assert_eq!(
        available(&app).await,
        before + sale_net - 50,
        "released sale less the reward"
    );
    assert_eq!(
        count(&app, &format!("SELECT count() AS n FROM ledger_entry WHERE shop_order = shop_order:⟨{o}⟩ AND kind = 'adjustment' AND memo CONTAINS 'Sharing reward' GROUP ALL")).await,
        2,
        "one adjustment transaction (two postings)"
    );
    settle(&app).await;
    assert_eq!(
        available(&app).await,
        before + sale_net - 50,
        "charged once"
    );
    // the seller refunds the whole order after settlement: the reward is reversed and the
    // shop gets its NT$50 back
    let total = order_money(&app, &o).await.0;
    let r = seller
        .call(
            "refund_order",
            &[("id", &o), ("amount", &total.to_string())],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(reward(&app, &o).await.unwrap().status, "reversed");
    assert_eq!(balance(&app, "sharer@example.com").await, (0, 0));
    settle(&app).await;
    assert_eq!(
        available(&app).await,
        before,
        "the sale, its refund, the reward and its return cancel out"
    );
    assert_books(&app).await;
}
