//! Rewards pending when paid and available after the return window, reversal on
//! cancellation and refund, store credit spent at checkout (once, even when two
//! checkouts race).

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_friend_signs_up_through_the_link_buys_and_the_sharer_spends_the_credit_after_the_window()
{
    let app = seeded().await;
    let (p1, p2) = (twd_product(&app, 0).await, twd_product(&app, 1).await);
    let mut a = member(&app, "sharer@example.com").await;
    let code = the_share_link_carries_the_members_code_only(&app, &mut a, &p1).await;
    let mut b = the_friend_signs_up_through_the_link(&app, &p1, &code).await;
    let (order, amount) =
        the_first_order_has_a_welcome_discount_and_a_reward(&app, &mut b, &p1).await;
    the_reward_is_pending_until_the_return_window_closes(&app, &mut b, &order, amount).await;
    the_sharer_sees_the_reward(&mut a, &code, amount).await;
    the_sharer_spends_the_credit_and_the_shop_is_paid_in_full(&app, &mut a, &p2, amount).await;
}

/// A member's share link carries their one code; a visitor's carries none, and links
/// off the site are refused. Returns the code.
async fn the_share_link_carries_the_members_code_only(
    app: &TestApp,
    a: &mut Client,
    p1: &str,
) -> String {
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
    assert_eq!(code, self::code(a).await, "one code per user");
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

    code
}

/// The friend opens the link and signs up; the referral survives the sign-up.
async fn the_friend_signs_up_through_the_link(app: &TestApp, p1: &str, code: &str) -> Client {
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
        count(app, "SELECT count() AS n FROM referred WHERE in = user:⟨sharer@example.com⟩ AND out = user:⟨friend@example.com⟩ AND via = 'signup' GROUP ALL").await,
        1,
        "the referral survived the sign-up"
    );
    b
}

/// The friend's first order is 10 % off (at most NT$200) and earns the sharer a
/// reward awaiting payment. Returns the order and the reward's amount.
async fn the_first_order_has_a_welcome_discount_and_a_reward(
    app: &TestApp,
    b: &mut Client,
    p1: &str,
) -> (String, i64) {
    add(b, p1, "2").await;
    let (data, _) = checkout_form(b).await;
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
    let (_, mut form) = checkout_form(b).await;
    form.retain(|(k, _)| k != "line1");
    form.push(("line1".into(), "8 Friend Street".into()));
    let r = place(b, &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let order = my_orders(b).await[0]["id"].as_str().unwrap().to_string();
    let (total, w, credit, paid) = order_money(app, &order).await;
    assert_eq!(
        (w, credit, paid),
        (welcome, 0, total - welcome),
        "the buyer pays less the welcome discount"
    );
    let amount = ((goods - welcome) * 500 / 10_000).min(300);
    let rw = reward(app, &order).await.expect("a reward");
    assert_eq!(
        (rw.status.as_str(), rw.amount_minor),
        ("awaiting_payment", amount)
    );
    assert!(rw.flags.is_empty(), "{:?}", rw.evidence);
    assert_eq!(balance(app, "sharer@example.com").await, (0, 0));

    (order, amount)
}

/// Paid: pending; delivered: still pending until the return window closes, then
/// available, released once.
async fn the_reward_is_pending_until_the_return_window_closes(
    app: &TestApp,
    b: &mut Client,
    order: &str,
    amount: i64,
) {
    let mut seller = seller_of(app, order).await;
    crate::checkout::pay_ship_deliver(&mut seller, b, order).await;
    assert_eq!(reward(app, order).await.unwrap().status, "pending");
    assert_eq!(balance(app, "sharer@example.com").await, (amount, 0));
    settle(app).await;
    assert_eq!(reward(app, order).await.unwrap().status, "pending");
    app.clock.advance(Duration::days(8));
    settle(app).await;
    assert_eq!(reward(app, order).await.unwrap().status, "available");
    assert_eq!(balance(app, "sharer@example.com").await, (0, amount));
    settle(app).await;
    assert_eq!(
        balance(app, "sharer@example.com").await,
        (0, amount),
        "released once"
    );
}

/// The sharer's rewards page counts the click, sign-up and order, and shows the
/// available reward.
async fn the_sharer_sees_the_reward(a: &mut Client, code: &str, amount: i64) {
    let mine = a.call("my_rewards", &[]).await.json();
    assert_eq!(mine["code"], code);
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
}

/// The sharer spends the credit at checkout; the shop is paid the whole order (the
/// credit part is the campaign's).
async fn the_sharer_spends_the_credit_and_the_shop_is_paid_in_full(
    app: &TestApp,
    a: &mut Client,
    p2: &str,
    amount: i64,
) {
    add(a, p2, "1").await;
    let (data, _) = checkout_form(a).await;
    assert_eq!(data["credit"][0]["amount_minor"], amount);
    let mine_order = buy(a, p2, "No. 1, Section 5, Xinyi Rd", true).await;
    let (total, _, credit, paid) = order_money(app, &mine_order).await;
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
        balance(app, "sharer@example.com").await,
        (0, amount - credit)
    );
    assert_books(app).await;
    // the shop is paid the whole order: the credit part is the campaign's
    let mut seller = seller_of(app, &mine_order).await;
    assert_eq!(
        seller
            .call("mark_paid", &[("id", &mine_order)])
            .await
            .status,
        200
    );
    assert_eq!(
        count(app, &format!("SELECT math::sum(amount_minor) AS n FROM ledger_entry WHERE shop_order = shop_order:⟨{mine_order}⟩ AND account = 'clearing' GROUP ALL")).await,
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
    crate::checkout::pay_ship_deliver(&mut seller, &mut b, &o2).await;
    let amount = reward(&app, &o2).await.unwrap().amount_minor;
    assert_eq!(balance(&app, "sharer@example.com").await, (amount, 0));
    let r = b
        .call(
            "request_return",
            &[("id", &o2), ("kind", "return"), ("reason", "damaged")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    crate::checkout::accept_ship_back_receive(&mut b, &mut seller, &o2).await;
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
    crate::checkout::pay_ship_deliver(&mut seller, &mut b, &o3).await;
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
    let amount = the_sharer_earns_credit_from_a_friends_order(&app, &mut a, &p1).await;
    two_checkout_pages_with_the_credit_spend_it_once(&app, &mut a, &p2, amount).await;
    the_database_guard_commits_one_of_two_racing_spends(&app, &mut a, amount).await;
}

/// A referred friend's order is delivered and the return window passes: the sharer
/// has available credit. Returns its amount.
pub(super) async fn the_sharer_earns_credit_from_a_friends_order(
    app: &TestApp,
    a: &mut Client,
    p1: &str,
) -> i64 {
    let code = code(a).await;
    let mut b = referred(app, &code, "friend@example.com").await;
    let o = buy(&mut b, p1, "8 Friend Street", false).await;
    let mut seller = seller_of(app, &o).await;
    crate::checkout::pay_ship_deliver(&mut seller, &mut b, &o).await;
    app.clock.advance(Duration::days(8));
    settle(app).await;
    let amount = balance(app, "sharer@example.com").await.1;
    assert!(amount > 0);

    amount
}

/// Two sessions of the sharer, each with the checkout page open, place with the
/// credit at once: exactly one succeeds and the credit is spent once.
async fn two_checkout_pages_with_the_credit_spend_it_once(
    app: &TestApp,
    a: &mut Client,
    p2: &str,
    amount: i64,
) {
    let mut a2 = app.client();
    assert_eq!(a2.log_in("sharer@example.com", PW).await.status, 200);
    add(a, p2, "1").await;
    let (_, f1) = checkout_form(a).await;
    let (_, f2) = checkout_form(&mut a2).await;
    let with_credit = |f: &Vec<(String, String)>| {
        let mut f = f.clone();
        f.push(("use_credit".into(), "on".into()));
        f
    };
    let (f1, f2) = (with_credit(&f1), with_credit(&f2));
    let (r1, r2) = tokio::join!(place(a, &f1), place(&mut a2, &f2));
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
        balance(app, "sharer@example.com").await.1,
        0,
        "spent once (the goods cost more than the credit)"
    );
    assert_eq!(
        count(app, "SELECT count() AS n FROM credit_entry WHERE kind = 'spent' AND account = 'spent' GROUP ALL").await,
        1
    );
    let spent = count(
        app,
        "SELECT math::sum(credit_minor) AS n FROM shop_order GROUP ALL",
    )
    .await;
    assert_eq!(
        spent, amount,
        "the one order that went through carries the credit"
    );
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM shop_order WHERE credit_minor > 0 GROUP ALL"
        )
        .await,
        1
    );
    assert_books(app).await;
}

/// The guard itself, with both spends reaching the database: the winning order is
/// cancelled (its credit comes back), then two checkout transactions each try to
/// spend all of it at once — exactly one commits, the other is refused by the balance
/// guard in the database (the in-process lock only orders them).
async fn the_database_guard_commits_one_of_two_racing_spends(
    app: &TestApp,
    a: &mut Client,
    amount: i64,
) {
    let winner = my_orders(a).await[0]["id"].as_str().unwrap().to_string();
    let r = a
        .call(
            "cancel_order",
            &[("id", &winner), ("reason", "changed_mind")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(balance(app, "sharer@example.com").await.1, amount);
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
            run_place_sql(&state, &buyer, &parts).await
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
    assert_eq!(balance(app, "sharer@example.com").await.1, 0);
    assert_books(app).await;
}
