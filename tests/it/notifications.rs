//! What people are told, as the outbox keeps it and the feed shows it: a payment tells
//! the buyer which order is being prepared, and a sale that leaves a product's stock low
//! tells its seller which product.

use surrealdb::types::RecordId;

use crate::checkout::{
    add, checkout_form, my_orders, place, seeded, seller_of, set_stock, shopper,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_and_the_low_stock_it_leaves_are_told_in_both_languages() {
    let app = seeded().await;
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM product WHERE shop = shop:⟨formosa-tea-house⟩ AND status = 'active' AND variant_of = NONE LIMIT 1")
        .await
        .unwrap();
    let ids: Vec<String> = res.take(0).unwrap();
    let product = ids[0].clone();
    // six in stock, two sold: four left, under the shop's threshold of five
    set_stock(&app, &product, 6).await;
    let mut buyer = shopper(&app, "told@example.com").await;
    add(&mut buyer, &product, "2").await;
    let (_, form) = checkout_form(&mut buyer).await;
    assert_eq!(place(&mut buyer, &form).await.status, 200);
    let order = my_orders(&mut buyer).await[0].clone();
    let id = order["id"].as_str().unwrap().to_string();
    let number = order["number"].as_str().unwrap().to_string();
    let mut seller = seller_of(&app, &id).await;
    assert_eq!(seller.call("mark_paid", &[("id", &id)]).await.status, 200);

    let feed = buyer.call("notifications", &[]).await.json();
    let paid = feed
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["subject"] == format!("Payment received · 已收到付款 · {number}"))
        .unwrap_or_else(|| panic!("no payment notice in {feed}"));
    assert_eq!(paid["body"], "Your seller is preparing your order.");
    assert_eq!(paid["link"], format!("/orders/{id}"));

    let mut res = app
        .state
        .db
        .query(
            "SELECT VALUE [subject, body, link] FROM outbox WHERE kind = 'low_stock' AND recipient = $o.shop.owner;\n\
             SELECT VALUE title FROM order_line WHERE shop_order = $o",
        )
        .bind(("o", RecordId::new("shop_order", id.as_str())))
        .await
        .unwrap();
    let low: Vec<Vec<String>> = res.take(0).unwrap();
    let titles: Vec<String> = res.take(1).unwrap();
    assert_eq!(
        low,
        [vec![
            "Low stock · 庫存偏低".to_string(),
            titles[0].clone(),
            format!("/seller/listings/{product}"),
        ]]
    );
}
