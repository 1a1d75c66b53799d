//! Campaign rules, and a shop's own campaign charged to the shop.

use super::*;

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
async fn a_shops_own_campaign_is_charged_to_the_shop_and_given_back_on_refund() {
    let app = seeded().await;
    let (mut owner, key) = the_seller_saves_a_checked_campaign_for_its_own_shop(&app).await;
    sellers_pause_only_their_own_campaigns_and_shoppers_make_none(&app, &mut owner, &key).await;
    let (o, mut seller) = a_referred_friend_buys_from_the_shop_delivered(&app).await;
    let before = the_reward_is_charged_to_the_shop_once_on_release(&app, &o).await;
    a_refund_after_settlement_gives_the_shop_its_reward_back(&app, &mut seller, &o, before).await;
}

/// The campaign form of formosa-tea-house's seller: NT$`fixed` per referred order
/// (naming another shop and currency, which must be ignored).
fn shop_campaign_form(fixed: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("name", "Tea friends"),
        ("kind", "fixed"),
        ("fixed", fixed),
        ("active", "on"),
        ("shop", "auralis-audio-lab"),
        ("currency", "USD"),
    ]
}

/// The available balance of formosa-tea-house.
async fn available(app: &TestApp) -> i64 {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE available_minor FROM shop_balance:⟨formosa-tea-house⟩")
        .await
        .unwrap();
    res.take::<Vec<i64>>(0)
        .unwrap()
        .first()
        .copied()
        .unwrap_or(0)
}

/// The seller of formosa-tea-house funds NT$50 per referred order from the seller
/// centre (its campaign wins over the platform's for its products): a bad amount is
/// refused, and the campaign is its own shop's, in its currency. Returns the seller
/// and the campaign's key.
async fn the_seller_saves_a_checked_campaign_for_its_own_shop(app: &TestApp) -> (Client, String) {
    let mut owner = app.client();
    assert_eq!(
        owner
            .log_in("seller1@demo.test", server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    assert_eq!(
        owner
            .call("save_shop_campaign", &shop_campaign_form("-50"))
            .await
            .field_errors(),
        ["fixed.InvalidPrice"]
    );
    let r = owner
        .call("save_shop_campaign", &shop_campaign_form("50"))
        .await;
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
    (owner, key)
}

/// A seller pauses and resumes only their own campaigns; shoppers make none.
async fn sellers_pause_only_their_own_campaigns_and_shoppers_make_none(
    app: &TestApp,
    owner: &mut Client,
    key: &str,
) {
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
            .call("set_campaign_active", &[("key", key), ("active", "false")])
            .await
            .status,
        200
    );
    assert_eq!(
        owner
            .call("set_campaign_active", &[("key", key), ("active", "true")])
            .await
            .status,
        200
    );
    let mut shopper = app.client();
    shopper.sign_up("x@example.com", "X", PW).await;
    assert_eq!(
        shopper
            .call("save_shop_campaign", &shop_campaign_form("50"))
            .await
            .status,
        403
    );
}

/// A live product of formosa-tea-house (without variants), stocked.
async fn tea_house_product(app: &TestApp) -> String {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM product WHERE status = 'active' AND shop = shop:⟨formosa-tea-house⟩ AND variant_of = NONE AND variants = NONE ORDER BY id LIMIT 1")
        .await
        .unwrap();
    let p: Vec<String> = res.take(0).unwrap();
    crate::checkout::set_stock(app, &p[0], 100).await;
    p[0].clone()
}

/// A friend referred by a sharer buys one of the shop's products, which is paid,
/// shipped and delivered; the reward is NT$50. Returns the order and its seller.
async fn a_referred_friend_buys_from_the_shop_delivered(app: &TestApp) -> (String, Client) {
    let p = tea_house_product(app).await;
    let mut a = member(app, "sharer@example.com").await;
    let code = code(&mut a).await;
    let mut b = referred(app, &code, "friend@example.com").await;
    let o = buy(&mut b, &p, "8 Friend Street", false).await;
    let rw = reward(app, &o).await.unwrap();
    assert_eq!(rw.amount_minor, 50);
    let mut seller = seller_of(app, &o).await;
    crate::checkout::pay_ship_deliver(&mut seller, &mut b, &o).await;
    (o, seller)
}

/// After the return window the reward is charged to the shop once, in one adjustment
/// transaction, from the released sale. Returns the shop's available balance before.
async fn the_reward_is_charged_to_the_shop_once_on_release(app: &TestApp, o: &str) -> i64 {
    let before = available(app).await;
    app.clock.advance(Duration::days(8));
    settle(app).await;
    assert_eq!(balance(app, "sharer@example.com").await, (0, 50));
    let sale_net = -count(app, &format!("SELECT math::sum(amount_minor) AS n FROM ledger_entry WHERE shop_order = shop_order:⟨{o}⟩ AND kind = 'release' AND account = 'shop_available' GROUP ALL")).await;
    assert_eq!(
        available(app).await,
        before + sale_net - 50,
        "released sale less the reward"
    );
    assert_eq!(
        count(app, &format!("SELECT count() AS n FROM ledger_entry WHERE shop_order = shop_order:⟨{o}⟩ AND kind = 'adjustment' AND memo CONTAINS 'Sharing reward' GROUP ALL")).await,
        2,
        "one adjustment transaction (two postings)"
    );
    settle(app).await;
    assert_eq!(available(app).await, before + sale_net - 50, "charged once");
    before
}

/// The seller refunds the whole order after settlement: the reward is reversed and
/// the shop gets its NT$50 back.
async fn a_refund_after_settlement_gives_the_shop_its_reward_back(
    app: &TestApp,
    seller: &mut Client,
    o: &str,
    before: i64,
) {
    let total = order_money(app, o).await.0;
    let r = seller
        .call("refund_order", &[("id", o), ("amount", &total.to_string())])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(reward(app, o).await.unwrap().status, "reversed");
    assert_eq!(balance(app, "sharer@example.com").await, (0, 0));
    settle(app).await;
    assert_eq!(
        available(app).await,
        before,
        "the sale, its refund, the reward and its return cancel out"
    );
    assert_books(app).await;
}

/// A shop's own campaign that gives referred buyers 100 % off their first order: the
/// buyer pays only shipping, and the shop's sale is what the buyer paid — the shop
/// funds its discount, the platform does not pay the goods' price to the shop.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shops_welcome_discount_comes_out_of_the_shops_own_sale() {
    let app = seeded().await;
    let mut owner = app.client();
    owner
        .log_in("seller1@demo.test", server::seed::DEMO_PASSWORD)
        .await;
    let mut form = shop_campaign_form("10");
    form.push(("welcome", "100"));
    let r = owner.call("save_shop_campaign", &form).await;
    assert_eq!(r.status, 200, "{}", r.body);

    let p = [tea_house_product(&app).await];
    let mut a = member(&app, "sharer2@example.com").await;
    let code = code(&mut a).await;
    let mut b = referred(&app, &code, "friend2@example.com").await;
    let o = buy(&mut b, &p[0], "9 Friend Street", false).await;
    let (goods_and_shipping, welcome, _, paid) = order_money(&app, &o).await;
    assert!(welcome > 0, "the welcome discount applies");
    assert_eq!(
        paid,
        goods_and_shipping - welcome,
        "the buyer pays the rest"
    );

    let mut seller = seller_of(&app, &o).await;
    crate::checkout::pay_ship_deliver(&mut seller, &mut b, &o).await;
    let sale = count(&app, &format!("SELECT math::sum(amount_minor) AS n FROM ledger_entry WHERE shop_order = shop_order:⟨{o}⟩ AND kind = 'sale' AND account = 'clearing' GROUP ALL")).await;
    assert_eq!(sale, paid, "the shop's sale is what the buyer paid");
    let to_shop = -count(&app, &format!("SELECT math::sum(amount_minor) AS n FROM ledger_entry WHERE shop_order = shop_order:⟨{o}⟩ AND kind = 'sale' AND account = 'shop_pending' GROUP ALL")).await;
    assert!(to_shop <= paid, "never more than was paid");
}
