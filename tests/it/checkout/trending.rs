//! Trending products counted from paid orders.

use chrono::Duration;
use integration::TestApp;
use surrealdb::types::RecordId;

use super::*;

/// The newest order (key) holding a product.
async fn order_with(app: &TestApp, product: &str) -> String {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE id FROM (SELECT record::id(shop_order) AS id, shop_order.created_at AS at FROM order_line WHERE product = $p ORDER BY at DESC LIMIT 1)")
        .bind(("p", RecordId::new("product", product)))
        .await
        .unwrap();
    let ids: Vec<String> = res.take(0).unwrap();
    ids[0].clone()
}

async fn trending_keys(app: &TestApp) -> Vec<String> {
    app::catalog::store::trending(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| app::state::key_of(&r.id))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trending_counts_units_paid_this_week_and_drops_cancelled_and_old_orders() {
    let app = seeded().await;
    let (a, b) = two_shop_products(&app, 10).await;
    let refresh = || app::catalog::refresh_trending(&app.state);
    // the demo orders were paid "now": their products trend until a week has passed
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(product) FROM order_line WHERE shop_order IN [shop_order:demo1, shop_order:demo2]")
        .await
        .unwrap();
    let mut demo: Vec<String> = res.take(0).unwrap();
    demo.sort();
    demo.dedup();
    assert!(!demo.is_empty());
    assert_eq!(refresh().await.unwrap(), demo.len());
    app.clock.advance(Duration::days(8));
    assert_eq!(refresh().await.unwrap(), 0);
    assert!(trending_keys(&app).await.is_empty());
    let home = app.client().get("/").await;
    assert!(!home.body.contains("data-testid=\"trending\""));

    // a: 3 units paid; b: 1 unit paid, and 4 more placed but never paid
    let mut c = shopper(&app, "buyer@example.com").await;
    add(&mut c, &a, "3").await;
    add(&mut c, &b, "1").await;
    let (_, form) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form).await.status, 200);
    for p in [&a, &b] {
        let id = order_with(&app, p).await;
        let mut seller = seller_of(&app, &id).await;
        assert_eq!(seller.call("mark_paid", &[("id", &id)]).await.status, 200);
    }
    let mut other = shopper(&app, "other@example.com").await;
    add(&mut other, &b, "4").await;
    let (_, form) = checkout_form(&mut other).await;
    assert_eq!(place(&mut other, &form).await.status, 200);

    assert_eq!(refresh().await.unwrap(), 2);
    assert_eq!(trending_keys(&app).await, vec![a.clone(), b.clone()]);
    let home = app.client().get("/").await;
    let section = home
        .body
        .split("data-testid=\"trending\"")
        .nth(1)
        .expect("a trending section");
    assert!(section.contains(&format!("/p/{a}")), "{section}");

    // a's paid order is cancelled: only b is left
    let a_order = order_with(&app, &a).await;
    let r = c
        .call(
            "cancel_order",
            &[("id", &a_order), ("reason", "changed_mind")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(refresh().await.unwrap(), 1);
    assert_eq!(trending_keys(&app).await, vec![b.clone()]);

    // a week later nothing counts
    app.clock.advance(Duration::days(7) + Duration::seconds(1));
    assert_eq!(refresh().await.unwrap(), 0);
    assert!(trending_keys(&app).await.is_empty());
}
