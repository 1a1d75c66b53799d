//! "Spend X, save Y" promotions: shown on the home page while running, taken off the
//! shop's order at checkout once the threshold is reached, never after they end.

use integration::TestApp;
use serde_json::Value;
use surrealdb::types::RecordId;

use crate::checkout::{add, checkout_form, count, my_orders, place, set_stock, shopper};

struct Promo {
    id: RecordId,
    title: String,
    threshold: i64,
    discount: i64,
}

/// A running promotion and an active product of its shop, priced under the threshold.
async fn promo_and_product(app: &TestApp) -> (Promo, String, i64) {
    let mut res = app
        .state
        .db
        .query(
            "SELECT record::id(id) AS key, title_en, threshold_minor, discount_minor, \
             (SELECT VALUE [record::id(id), price_minor] FROM product WHERE shop = $parent.shop AND status = 'active' \
              AND variant_of = NONE AND price_minor < $parent.threshold_minor ORDER BY id LIMIT 1)[0] AS product \
             FROM promotion WHERE ends_at > time::now() ORDER BY id",
        )
        .await
        .unwrap();
    let rows: Vec<Value> = res.take(0).unwrap();
    let row = rows
        .iter()
        .find(|r| r["product"].is_array())
        .expect("a running promotion with a product");
    let id = RecordId::new("promotion", row["key"].as_str().unwrap());
    let product = row["product"][0].as_str().unwrap().to_string();
    let price = row["product"][1].as_i64().unwrap();
    set_stock(app, &product, 10_000).await;
    (
        Promo {
            id,
            title: row["title_en"].as_str().unwrap().to_string(),
            threshold: row["threshold_minor"].as_i64().unwrap(),
            discount: row["discount_minor"].as_i64().unwrap(),
        },
        product,
        price,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_promotion_is_advertised_and_taken_off_once_the_threshold_is_reached() {
    let app = TestApp::spawn().await;
    app.seed(120).await;
    let (promo, product, price) = promo_and_product(&app).await;

    // the home page advertises running promotions only (the seed has one that ended)
    let home = app.client().get("/").await;
    let section = home
        .body
        .split("data-testid=\"promotions\"")
        .nth(1)
        .expect("promotions on the home page");
    assert!(section.contains(&promo.title));
    assert!(
        !section.contains("Autumn sale"),
        "an ended promotion is shown"
    );

    // below the threshold: nothing off
    let mut c = shopper(&app, "buyer@example.com").await;
    add(&mut c, &product, "1").await;
    let (data, _) = checkout_form(&mut c).await;
    assert_eq!(
        data["groups"][0]["promotions"],
        serde_json::json!([]),
        "{}",
        data["groups"][0]
    );

    // at the threshold: the saving shows on the checkout page and is taken off the order
    let qty = (promo.threshold + price - 1) / price;
    let r = c
        .call(
            "set_cart_quantity",
            &[
                ("product_id", product.as_str()),
                ("quantity", &qty.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let (data, form) = checkout_form(&mut c).await;
    let group = &data["groups"][0];
    assert_eq!(
        group["promotions"][0]["saving"]["amount_minor"],
        promo.discount
    );
    assert_eq!(group["promotions"][0]["title"], promo.title.as_str());
    assert!(
        group["promotions"][0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("Spend "),
        "{group}"
    );
    let fee = group["methods"][0]["fee"]["amount_minor"].as_i64().unwrap();
    let r = place(&mut c, &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let orders = my_orders(&mut c).await;
    let sub = price * qty;
    assert_eq!(
        orders[0]["total"]["amount_minor"],
        sub - promo.discount + fee
    );
    let id = orders[0]["id"].as_str().unwrap();
    let detail = c.call("order_detail", &[("id", id)]).await.json();
    assert_eq!(detail["discount"]["saving"]["amount_minor"], promo.discount);
    assert_eq!(
        count(&app, "SELECT count() AS n FROM payment WHERE shop_order != NONE AND amount_minor = 0 GROUP ALL").await,
        0
    );
    let mut res = app
        .state
        .db
        .query("SELECT VALUE amount_minor FROM payment WHERE shop_order = $o")
        .bind(("o", RecordId::new("shop_order", id)))
        .await
        .unwrap();
    let paid: Vec<i64> = res.take(0).unwrap();
    assert_eq!(paid, vec![sub - promo.discount + fee]);
    let page = c.get(&format!("/orders/{id}")).await;
    assert!(page.body.contains("data-testid=\"order-discount\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_promotion_that_ends_before_the_order_is_placed_refuses_it_and_writes_nothing() {
    let app = TestApp::spawn().await;
    app.seed(120).await;
    let (promo, product, price) = promo_and_product(&app).await;
    let mut c = shopper(&app, "buyer@example.com").await;
    let qty = (promo.threshold + price - 1) / price;
    add(&mut c, &product, &qty.to_string()).await;
    let (data, form) = checkout_form(&mut c).await;
    assert_eq!(data["groups"][0]["promotions"].as_array().unwrap().len(), 1);
    app.state
        .db
        .query("UPDATE $p SET ends_at = time::now() - 1s")
        .bind(("p", promo.id.clone()))
        .await
        .unwrap()
        .check()
        .unwrap();
    let orders_before = count(&app, "SELECT count() AS n FROM shop_order GROUP ALL").await;
    let r = place(&mut c, &form).await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert_eq!(r.json()["Order"], "PricesChanged");
    assert_eq!(
        count(&app, "SELECT count() AS n FROM shop_order GROUP ALL").await,
        orders_before
    );
    // the checkout page now shows the full price, and that order goes through
    let (data, form) = checkout_form(&mut c).await;
    assert_eq!(data["groups"][0]["promotions"], serde_json::json!([]));
    assert_eq!(place(&mut c, &form).await.status, 200);
    // and the home page stops advertising it
    app.state.catalog_cache.invalidate();
    let home = app.client().get("/").await;
    assert!(!home.body.contains(&promo.title));
}
