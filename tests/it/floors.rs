//! A seller's lowest promotional price per product: set in the listing editor (never
//! above the price), it stops every promotion and their combination at that price —
//! on cards and the product page, at checkout — and a rule on chosen products that
//! would go below it is refused on its field.

use serde_json::Value;

use crate::checkout::{add, checkout_form, promotions_saving, shopper};
use crate::marketing::{create, form, marketing_app, two_products};

/// Saves listing `key` as the editor shows it, with `floor` as its floor.
async fn set_floor(owner: &mut integration::Client, key: &str, floor: &str) -> integration::Reply {
    let editor = owner.call("listing_editor", &[("id", key)]).await.json();
    let f = editor["form"].as_object().unwrap();
    let mut fields: Vec<(String, String)> = f
        .iter()
        .filter(|(k, _)| *k != "floor")
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect();
    fields.push(("floor".into(), floor.into()));
    fields.push(("id".into(), key.into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    owner.call("save_listing", &pairs).await
}

fn charged(page: &Value) -> i64 {
    page["card"]["price"]["charged"]["amount_minor"]
        .as_i64()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_promotion_takes_a_product_below_its_floor() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, u1), (p2, u2)] = two_products(&app).await;
    let floor = u1 * 4 / 5;
    // a floor above the price is refused, and nothing changes
    let r = set_floor(&mut owner, &p1, &(u1 + 1).to_string()).await;
    assert_eq!(r.field_errors(), ["floor.InvalidPrice"], "{}", r.body);
    let r = set_floor(&mut owner, &p1, &floor.to_string()).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let editor = owner.call("listing_editor", &[("id", &p1)]).await.json();
    assert_eq!(
        editor["form"]["floor"],
        floor.to_string(),
        "the editor shows it back"
    );

    // on chosen products, a rule below the floor is refused on its field
    let half = [
        ("kind", "percent"),
        ("percent", "50"),
        ("target", "products"),
        ("products", p1.as_str()),
    ];
    let r = create(&mut owner, &form(&app, "Half off", &half)).await;
    assert_eq!(r.field_errors(), ["percent.BelowFloor"], "{}", r.body);
    let ends = (app.state.now() + chrono::Duration::days(1))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let low = (floor - 1).to_string();
    let flash = [
        ("kind", "flash"),
        ("products", p1.as_str()),
        ("price", &low),
        ("units", "5"),
        ("per_buyer", "1"),
        ("ends_at", &ends),
    ];
    let r = create(&mut owner, &form(&app, "Too deep", &flash)).await;
    assert_eq!(r.field_errors(), ["price.BelowFloor"], "{}", r.body);

    // on the whole shop it runs, and stops each unit at its floor
    let shop_half = [("kind", "percent"), ("percent", "50")];
    assert_eq!(
        create(&mut owner, &form(&app, "Half off", &shop_half))
            .await
            .status,
        200
    );
    let mut c = shopper(&app, "floors@example.com").await;
    let page = c.call("product_page", &[("id", &p1)]).await.json();
    assert_eq!(charged(&page), floor, "the floor, not half: {page}");
    let other = c.call("product_page", &[("id", &p2)]).await.json();
    assert_eq!(charged(&other), u2 - u2 / 2, "a product without a floor");
    add(&mut c, &p1, "3").await;
    let (data, _) = checkout_form(&mut c).await;
    assert_eq!(promotions_saving(&data), 3 * (u1 - floor), "{data}");
}
