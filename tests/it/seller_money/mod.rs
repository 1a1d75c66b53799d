//! Money and the dashboard: ledger postings with every order change, commission by
//! category, partial refunds, release after the return window (injected clock),
//! payouts, statements, balances equal to a recomputation, and the dashboard's
//! figures; and one seller never seeing another's money or orders.

use chrono::Duration;
use integration::{grant_roles, Client, TestApp};
use surrealdb::types::{RecordId, SurrealValue};

use crate::checkout::{
    add, checkout_form, count, my_orders, place, seeded, seller_of, shopper, PW,
};

mod books;
mod settings;

/// A paid order for one product of the first demo shop: (order id, its total).
async fn paid_order(
    app: &TestApp,
    buyer: &str,
    qty: &str,
) -> (String, i64, integration::Client, integration::Client) {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM product WHERE shop = shop:⟨formosa-tea-house⟩ AND status = 'active' AND variant_of = NONE LIMIT 1")
        .await
        .unwrap();
    let ids: Vec<String> = res.take(0).unwrap();
    crate::checkout::set_stock(app, &ids[0], 50).await;
    let mut c = shopper(app, buyer).await;
    add(&mut c, &ids[0], qty).await;
    let (_, form) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form).await.status, 200);
    let order = my_orders(&mut c).await[0].clone();
    let id = order["id"].as_str().unwrap().to_string();
    let mut seller = seller_of(app, &id).await;
    assert_eq!(seller.call("mark_paid", &[("id", &id)]).await.status, 200);
    let total: i64 = {
        let mut r = app
            .state
            .db
            .query("SELECT VALUE subtotal_minor + shipping_minor - (discount_minor ?? 0) FROM $o")
            .bind(("o", RecordId::new("shop_order", id.as_str())))
            .await
            .unwrap();
        let v: Vec<i64> = r.take(0).unwrap();
        v[0]
    };
    (id, total, seller, c)
}

async fn money(c: &mut integration::Client) -> serde_json::Value {
    let r = c.call("shop_money", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

/// Every transaction sums to zero, and each shop's running balance equals the sum of
/// its postings.
async fn assert_books_balance(app: &TestApp) {
    let db = &app.state.db;
    let mut res = db
        .query(
            "SELECT txn, math::sum(amount_minor) AS s FROM ledger_entry GROUP BY txn;\n\
             SELECT shop, pending_minor, available_minor, paid_out_minor, commission_minor FROM shop_balance;",
        )
        .await
        .unwrap();
    let txns: Vec<serde_json::Value> = res.take(0).unwrap();
    assert!(!txns.is_empty());
    for t in &txns {
        assert_eq!(t["s"], 0, "unbalanced {t}");
    }
    #[derive(SurrealValue)]
    struct B {
        shop: RecordId,
        pending_minor: i64,
        available_minor: i64,
        paid_out_minor: i64,
        commission_minor: i64,
    }
    let balances: Vec<B> = res.take(1).unwrap();
    for b in balances {
        let mut r = db
            .query("SELECT account, amount_minor FROM ledger_entry WHERE shop = $s")
            .bind(("s", b.shop.clone()))
            .await
            .unwrap();
        #[derive(SurrealValue)]
        struct P {
            account: String,
            amount_minor: i64,
        }
        let ps: Vec<P> = r.take(0).unwrap();
        let postings: Vec<domain::ledger::Posting> = ps
            .iter()
            .map(|p| domain::ledger::Posting {
                account: domain::ledger::Account::parse(&p.account).unwrap(),
                amount_minor: p.amount_minor,
            })
            .collect();
        let again = domain::ledger::balances(&postings);
        assert_eq!(
            (
                b.pending_minor,
                b.available_minor,
                b.paid_out_minor,
                b.commission_minor
            ),
            (
                again.pending_minor,
                again.available_minor,
                again.paid_out_minor,
                again.commission_minor
            )
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_a_paid_order_refunds_it_in_the_ledger() {
    let app = seeded().await;
    let (id, _total, mut seller, mut buyer) = paid_order(&app, "b2@example.com", "1").await;
    let r = buyer
        .call("cancel_order", &[("id", &id), ("reason", "out_of_stock")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let m = money(&mut seller).await;
    assert_eq!(m["balances"]["pending_minor"], 0);
    assert_eq!(m["balances"]["commission_minor"], 0);
    assert_eq!(m["balances"]["sales_minor"], 0);
    assert_books_balance(&app).await;
    // nothing left to refund
    let r = seller
        .call("refund_order", &[("id", &id), ("amount", "1")])
        .await;
    assert_eq!(r.status, 422);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_counts_views_carts_checkouts_and_sales() {
    let app = seeded().await;
    let (id, total, mut seller, _) = paid_order(&app, "b3@example.com", "3").await;
    // a product page view, counted in memory and written in a batch
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(product) FROM order_line WHERE shop_order = $o")
        .bind(("o", RecordId::new("shop_order", id.as_str())))
        .await
        .unwrap();
    let product: Vec<String> = res.take(0).unwrap();
    for _ in 0..3 {
        assert_eq!(
            app.client().get(&format!("/p/{}", product[0])).await.status,
            200
        );
    }
    app::sellers::stats::flush(&app.state.db, app.state.now())
        .await
        .unwrap();
    let d = seller.call("seller_dashboard", &[("days", "7")]).await;
    assert_eq!(d.status, 200, "{}", d.body);
    let d = d.json();
    assert_eq!(d["days"], 7);
    assert_eq!(d["series"].as_array().unwrap().len(), 7);
    assert_eq!(d["today_orders"], 1);
    assert_eq!(d["today_sales_minor"].as_i64().unwrap(), total);
    assert!(d["funnel"]["views"].as_i64().unwrap() >= 3);
    assert!(d["funnel"]["adds"].as_i64().unwrap() >= 1);
    assert!(d["funnel"]["checkouts"].as_i64().unwrap() >= 1);
    assert_eq!(d["funnel"]["orders"], 1);
    assert_eq!(d["top"][0]["id"], product[0]);
    assert_eq!(d["top"][0]["value"], 3);
    assert!(
        d["unread"].as_i64().unwrap() >= 1,
        "the new order notification"
    );
    // opening the feed reads it
    assert_eq!(seller.call("notifications", &[]).await.status, 200);
    assert_eq!(
        seller
            .call("seller_dashboard", &[("days", "7")])
            .await
            .json()["unread"],
        0
    );
    // the page renders the chart as SVG on the server
    let page = seller.get("/seller?days=7").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("data-testid=\"sales-chart\""));
    assert!(page.body.contains(&format!("data-sales=\"{total}\"")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_seller_cannot_touch_another_sellers_money_or_orders() {
    let app = seeded().await;
    let (id, _, mut a, _) = paid_order(&app, "b4@example.com", "1").await;
    let mut b = app.client();
    assert_eq!(
        b.log_in("seller2@demo.test", server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    assert_eq!(
        b.call("refund_order", &[("id", &id), ("amount", "1")])
            .await
            .status,
        404
    );
    assert_eq!(
        b.get(&format!("/seller/orders/{id}/slip")).await.status,
        404
    );
    let mb = money(&mut b).await;
    assert_eq!(
        mb["balances"]["pending_minor"], 0,
        "seller 2 sees only its own ledger"
    );
    assert!(mb["lines"].as_array().unwrap().is_empty());
    let csv = b.get("/seller/money/statement.csv").await.body;
    assert_eq!(csv.lines().count(), 1, "{csv}");
    // a shopper has no statement at all
    let mut s = shopper(&app, "b5@example.com").await;
    assert_eq!(s.get("/seller/money/statement.csv").await.status, 404);
    assert_eq!(s.call("shop_money", &[]).await.status, 403);
    assert_eq!(money(&mut a).await["lines"].as_array().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bank_details_for_manual_payouts_are_checked_and_shown_masked() {
    let app = seeded().await;
    let mut a = app.client();
    assert_eq!(
        a.log_in("seller1@demo.test", server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    let r = a
        .call(
            "save_payout_account",
            &[
                ("holder", ""),
                ("bank_name", "Harbour Bank"),
                ("bank_code", "x"),
                ("account_number", "12"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    for f in ["holder", "bank_code", "account_number"] {
        assert!(r.body.contains(&format!("\"{f}\"")), "{f}: {}", r.body);
    }
    assert_eq!(
        count(&app, "SELECT count() AS n FROM payout_account GROUP ALL").await,
        0
    );
    let r = a
        .call(
            "save_payout_account",
            &[
                ("holder", "Formosa Tea House Ltd."),
                ("bank_name", "Harbour Bank"),
                ("bank_code", "812"),
                ("account_number", "0123-4567-8901"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let m = money(&mut a).await;
    assert_eq!(m["payout_account"]["account_masked"], "•••• 8901");
    assert!(
        !m.to_string().contains("012345678901"),
        "the full number never leaves the server"
    );
    let mut b = app.client();
    assert_eq!(
        b.log_in("seller2@demo.test", server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    assert!(money(&mut b).await["payout_account"].is_null());
}
