//! Refunds of referred and credit-paid orders: the buyer gets back at most the money
//! they paid (store credit comes back as credit, once), and a welcome discount goes to
//! one order however many checkouts race for it.

use super::*;

/// The sharer pays part of an order with store credit; the seller cannot refund more
/// money than was paid (the credit was never the buyer's money), and the refund of
/// the last of it returns the credit and empties the shop's sale.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refund_gives_back_at_most_the_money_paid_and_the_credit_once() {
    let app = seeded().await;
    let (p1, p2) = (twd_product(&app, 4).await, twd_product(&app, 5).await);
    let mut a = member(&app, "sharer@example.com").await;
    let earned =
        super::credit::the_sharer_earns_credit_from_a_friends_order(&app, &mut a, &p1).await;
    let order = buy(&mut a, &p2, "No. 1, Section 5, Xinyi Rd", true).await;
    let (total, _, credit, paid) = order_money(&app, &order).await;
    assert!(
        credit > 0 && paid > 0,
        "part credit ({credit}), part money ({paid})"
    );
    let mut seller = seller_of(&app, &order).await;
    assert_eq!(
        seller.call("mark_paid", &[("id", &order)]).await.status,
        200
    );
    let detail = seller.call("order_detail", &[("id", &order)]).await.json();
    assert_eq!(detail["refund_left"]["amount_minor"], paid);

    // TWD has no minor unit: the amounts are typed as they are stored
    for too_much in [total, paid + 1] {
        let r = seller
            .call(
                "refund_order",
                &[("id", &order), ("amount", &too_much.to_string())],
            )
            .await;
        assert_eq!(
            r.field_errors(),
            ["amount.InvalidPrice"],
            "{too_much}: {}",
            r.body
        );
    }
    let clearing = format!("SELECT math::sum(amount_minor) AS n FROM ledger_entry WHERE shop_order = shop_order:⟨{order}⟩ AND account = 'clearing' GROUP ALL");
    assert_eq!(count(&app, &clearing).await, total, "nothing refunded yet");

    // part of the money, then the rest: the last refund returns the credit and the
    // whole sale comes off the shop's books
    let r = seller
        .call("refund_order", &[("id", &order), ("amount", "1")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(count(&app, &clearing).await, total - 1);
    assert_eq!(balance(&app, "sharer@example.com").await.1, earned - credit);
    let rest = (paid - 1).to_string();
    let r = seller
        .call("refund_order", &[("id", &order), ("amount", &rest)])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(count(&app, &clearing).await, 0);
    let refunded = format!("SELECT refunded_minor AS n FROM shop_order:⟨{order}⟩");
    assert_eq!(
        count(&app, &refunded).await,
        paid,
        "the buyer's money, no more"
    );
    assert_eq!(
        balance(&app, "sharer@example.com").await.1,
        earned,
        "the credit comes back once"
    );
    let d = a.call("order_detail", &[("id", &order)]).await.json();
    assert_eq!(d["payment_status"], "refunded");
    assert_eq!(d["refunded"]["amount_minor"], paid);
    // nothing is left to refund
    let r = seller
        .call("refund_order", &[("id", &order), ("amount", "1")])
        .await;
    assert_ne!(r.status, 200, "{}", r.body);
    assert_books(&app).await;
}

/// 200 checkouts of one referred buyer, each claiming the welcome discount at once:
/// exactly one commits it; the others are refused and write nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_racing_first_checkouts_get_one_welcome_discount() {
    let app = seeded().await;
    let mut a = member(&app, "sharer@example.com").await;
    let code = code(&mut a).await;
    let _b = referred(&app, &code, "friend@example.com").await;
    let buyer = RecordId::new("user", "friend@example.com");
    let mut claims = tokio::task::JoinSet::new();
    for i in 0..200 {
        let (state, buyer) = (app.state.clone(), buyer.clone());
        claims.spawn(async move {
            let parts = [app::referrals::imp::PlacedPart {
                order: RecordId::new("shop_order", format!("welcome{i}").as_str()),
                currency: "TWD".into(),
                goods_minor: 1000,
                credit_minor: 0,
                referral: app::referrals::imp::PartReferral {
                    welcome_minor: 100,
                    ..Default::default()
                },
            }];
            run_place_sql(&state, &buyer, &parts).await
        });
    }
    let outcomes = claims.join_all().await;
    let won = outcomes.iter().filter(|o| o.is_ok()).count();
    assert_eq!(won, 1, "one welcome discount");
    assert!(outcomes
        .iter()
        .filter_map(|o| o.as_ref().err())
        .all(|r| *r == backend::db::Refusal::Changed));
    let claimed = count(
        &app,
        "SELECT count() AS n FROM user WHERE welcome_order != NONE GROUP ALL",
    )
    .await;
    assert_eq!(claimed, 1);
}
