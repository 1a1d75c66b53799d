//! The books balance through sales, refunds, release and payouts, step by step.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sales_refunds_release_and_payouts_keep_the_books_balanced() {
    let app = seeded().await;
    the_products_category_sells_at_five_percent(&app).await;
    let (id, total, mut seller, _) = paid_order(&app, "b1@example.com", "2").await;
    a_sale_is_pending_less_the_category_commission(&app, &mut seller, total).await;
    let pending2 =
        a_partial_refund_is_checked_and_taken_from_pending(&app, &mut seller, &id, total).await;
    the_money_is_released_once_after_the_return_window(&app, &mut seller, &id, pending2).await;
    only_admins_pay_out_and_never_more_than_available(&app, &mut seller, pending2).await;
    the_statement_lists_every_movement_and_the_seller_was_told(&app, &mut seller).await;
}

/// The first demo shop's product category sells at 5 % commission, everything else
/// at the 10 % default.
async fn the_products_category_sells_at_five_percent(app: &TestApp) {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(category) FROM product WHERE shop = shop:⟨formosa-tea-house⟩ AND status = 'active' AND variant_of = NONE LIMIT 1")
        .await
        .unwrap();
    let cat: Vec<String> = res.take(0).unwrap();
    app.state
        .db
        .query("CREATE type::record('commission_rate', $c) SET rate_bps = 500, updated_at = time::now()")
        .bind(("c", cat[0].clone()))
        .await
        .unwrap()
        .check()
        .unwrap();
}

/// A paid sale is pending, less the category's commission; nothing is available yet.
async fn a_sale_is_pending_less_the_category_commission(
    app: &TestApp,
    seller: &mut Client,
    total: i64,
) {
    let m = money(seller).await;
    let pending = m["balances"]["pending_minor"].as_i64().unwrap();
    let commission = m["balances"]["commission_minor"].as_i64().unwrap();
    assert_eq!(pending + commission, total);
    assert!(
        commission > 0 && commission * 10 < total,
        "category rate applied: {commission} of {total}"
    );
    assert_eq!(m["balances"]["available_minor"], 0);
    assert_books_balance(app).await;
}

/// A partial refund: too much is refused, a part is taken from pending with its
/// commission share. Returns the pending amount left.
async fn a_partial_refund_is_checked_and_taken_from_pending(
    app: &TestApp,
    seller: &mut Client,
    id: &str,
    total: i64,
) -> i64 {
    let r = seller
        .call(
            "refund_order",
            &[("id", id), ("amount", &format!("{}", total + 1))],
        )
        .await;
    assert_eq!(r.status, 422);
    let r = seller
        .call("refund_order", &[("id", id), ("amount", "-5")])
        .await;
    assert_eq!(r.status, 422);
    let part = total / 4;
    let r = seller
        .call("refund_order", &[("id", id), ("amount", &part.to_string())])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let m2 = money(seller).await;
    let pending2 = m2["balances"]["pending_minor"].as_i64().unwrap();
    let commission2 = m2["balances"]["commission_minor"].as_i64().unwrap();
    assert_eq!(pending2 + commission2, total - part);
    assert_books_balance(app).await;

    pending2
}

/// Shipped and delivered, nothing is payable until the return window closes; then
/// the pending money is released, once.
async fn the_money_is_released_once_after_the_return_window(
    app: &TestApp,
    seller: &mut Client,
    id: &str,
    pending2: i64,
) {
    let r = seller
        .call(
            "ship_order",
            &[("id", id), ("carrier", "DHL"), ("tracking", "1234")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        seller.call("mark_delivered", &[("id", id)]).await.status,
        200
    );
    let settle = |days| {
        app::sellers::money::imp::settle_due(&app.state, app.state.now() + Duration::days(days))
    };
    let settled =
        format!("SELECT count() AS n FROM shop_order:⟨{id}⟩ WHERE settled_at != NONE GROUP ALL");
    // the buyer never confirms: two weeks after shipping it counts as delivered
    let delivered =
        format!("SELECT count() AS n FROM shop_order:⟨{id}⟩ WHERE status = 'delivered' GROUP ALL");
    app.clock.advance(Duration::days(13));
    app::orders::imp::confirm_due(&app.state).await.unwrap();
    assert_eq!(count(app, &delivered).await, 0);
    settle(8).await.unwrap();
    assert_eq!(
        count(app, &settled).await,
        0,
        "not delivered: nothing settles"
    );
    app.clock.advance(Duration::days(1));
    assert!(app::orders::imp::confirm_due(&app.state).await.unwrap() >= 1);
    assert_eq!(count(app, &delivered).await, 1);
    settle(6).await.unwrap();
    assert_eq!(count(app, &settled).await, 0);
    assert!(settle(8).await.unwrap() >= 1);
    assert_eq!(count(app, &settled).await, 1);
    assert_eq!(settle(9).await.unwrap(), 0, "released once");
    let m3 = money(seller).await;
    assert_eq!(m3["balances"]["pending_minor"], 0);
    assert_eq!(
        m3["balances"]["available_minor"].as_i64().unwrap(),
        pending2
    );
    assert_books_balance(app).await;
}

/// Payouts: admins only, never more than available, with a reference; a payout moves
/// the available money to paid out.
async fn only_admins_pay_out_and_never_more_than_available(
    app: &TestApp,
    seller: &mut Client,
    pending2: i64,
) {
    let mut admin = app.client();
    admin.sign_up("boss@example.com", "Boss", PW).await;
    grant_roles(app, "boss@example.com", &["admin"]).await;
    let available = pending2;
    let major = |minor: i64| minor.to_string(); // TWD has no minor unit
    let r = seller
        .call(
            "record_payout",
            &[
                ("shop", "formosa-tea-house"),
                ("amount", "1"),
                ("reference", "x"),
            ],
        )
        .await;
    assert_eq!(r.status, 403);
    let r = admin
        .call(
            "record_payout",
            &[
                ("shop", "formosa-tea-house"),
                ("amount", &major(available + 1)),
                ("reference", "BANK-1"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    let r = admin
        .call(
            "record_payout",
            &[
                ("shop", "formosa-tea-house"),
                ("amount", &major(available)),
                ("reference", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    let r = admin
        .call(
            "record_payout",
            &[
                ("shop", "formosa-tea-house"),
                ("amount", &major(available)),
                ("reference", "BANK-1"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let m4 = money(seller).await;
    assert_eq!(m4["balances"]["available_minor"], 0);
    assert_eq!(
        m4["balances"]["paid_out_minor"].as_i64().unwrap(),
        available
    );
    assert_books_balance(app).await;
}

/// The statement lists every movement and formulas cannot sneak in; the seller was
/// told about the payout.
async fn the_statement_lists_every_movement_and_the_seller_was_told(
    app: &TestApp,
    seller: &mut Client,
) {
    let csv = seller.get("/seller/money/statement.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines[0], "date,type,account,order,amount,currency,memo");
    for kind in ["sale", "refund", "release", "payout"] {
        assert!(
            lines.iter().any(|l| l.split(',').nth(1) == Some(kind)),
            "{kind} in {}",
            csv.body
        );
    }
    // the seller was told about the payout
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM outbox WHERE kind = 'payout' AND subject = 'Payout sent · 已撥款' \
             AND link = '/seller/money' GROUP ALL"
        )
        .await,
        1
    );
}
