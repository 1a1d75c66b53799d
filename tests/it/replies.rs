//! What the marketplace says, pinned as snapshots (tests/it/snapshots): the error
//! bodies server functions answer bad input with, and the mails (the `outbox`) sent
//! when an order is placed and shipped and when a listing goes to review. Volatile
//! parts (order keys and numbers, listing keys) are replaced by named placeholders
//! before snapshotting; any other change in wording or shape fails the test.

use integration::Reply;
use serde_json::{json, Value};

use crate::checkout::{add, checkout_form, place, seeded, seller_of, shopper, two_shop_products};
use crate::seller_listings::{demo_seller, listing, png, save};

/// A reply as its status and its body (as JSON when it is JSON).
fn answer(r: &Reply) -> Value {
    let body = serde_json::from_str::<Value>(&r.body).unwrap_or_else(|_| json!(r.body));
    json!({ "status": r.status, "body": body })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_bodies_for_bad_input() {
    let app = seeded().await;
    let mut buyer = shopper(&app, "buyer@example.com").await;
    let (a, _) = two_shop_products(&app, 10).await;

    // a form whose number is not a number never reaches the function
    let r = buyer
        .call("add_to_cart", &[("product_id", &a), ("quantity", "lots")])
        .await;
    insta::assert_json_snapshot!("malformed_form", answer(&r));

    // an absurd quantity is refused by the cart
    let r = buyer
        .call(
            "add_to_cart",
            &[("product_id", &a), ("quantity", "99999999999")],
        )
        .await;
    insta::assert_json_snapshot!("absurd_quantity", answer(&r));

    // someone else's address cannot be shipped to
    add(&mut buyer, &a, "1").await;
    let (_, form) = checkout_form(&mut buyer).await;
    let mut form: Vec<(String, String)> = form;
    form.push(("address_id".into(), "not-mine".into()));
    let r = place(&mut buyer, &form).await;
    insta::assert_json_snapshot!("someone_elses_address", answer(&r));

    // someone else's listing cannot be opened
    let mut first = demo_seller(&app, 1).await;
    let mut second = demo_seller(&app, 2).await;
    let id = save(&mut first, "", &listing("Tea bowl", "1200", "3"))
        .await
        .json()
        .as_str()
        .unwrap()
        .to_string();
    let r = second.call("listing_editor", &[("id", &id)]).await;
    insta::assert_json_snapshot!("someone_elses_listing", answer(&r));

    // a listing in another currency than the shop's, with negative numbers
    let mut bad = listing("Tea bowl", "-5", "-1");
    bad.retain(|(k, _)| *k != "currency");
    bad.push(("currency", "USD"));
    let r = save(&mut first, "", &bad).await;
    insta::assert_json_snapshot!("wrong_currency_and_negative_numbers", answer(&r));

    // absurdly large numbers
    let r = save(
        &mut first,
        "",
        &listing("Tea bowl", "99999999999999999999", "1e12"),
    )
    .await;
    insta::assert_json_snapshot!("absurd_numbers", answer(&r));
}

/// The outbox (but the sign-up's confirmation links, whose secrets change) as (kind,
/// recipient, subject, body, link), in a stable order, with
/// order keys and numbers, and the `listings` given as (key, name), replaced by
/// placeholders.
async fn mails(app: &integration::TestApp, listings: &[(&str, &str)]) -> Value {
    let mut res = app
        .state
        .db
        .query(
            "SELECT kind, <string> recipient AS recipient, subject, body, link FROM outbox \
             WHERE kind != 'verify_email';
             SELECT record::id(id) AS key, shop.slug AS shop FROM shop_order \
             WHERE buyer.email = 'buyer@example.com';",
        )
        .await
        .unwrap();
    let rows: Vec<Value> = res.take(0).unwrap();
    let orders: Vec<Value> = res.take(1).unwrap();
    let mut rows: Vec<String> = rows
        .iter()
        .map(|row| {
            let mut text = serde_json::to_string(row).unwrap();
            for o in &orders {
                let (key, shop) = (o["key"].as_str().unwrap(), o["shop"].as_str().unwrap());
                let number = domain::order::order_number(key);
                text = text.replace(&number, &format!("[order number of {shop}]"));
                text = text.replace(key, &format!("[order of {shop}]"));
            }
            for (key, name) in listings {
                text = text.replace(key, &format!("[listing {name}]"));
            }
            text
        })
        .collect();
    rows.sort();
    Value::Array(
        rows.iter()
            .map(|t| serde_json::from_str(t).unwrap())
            .collect(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mails_for_orders_and_moderation() {
    let app = seeded().await;
    let (a, b) = two_shop_products(&app, 10).await;
    let mut buyer = shopper(&app, "buyer@example.com").await;
    add(&mut buyer, &a, "2").await;
    add(&mut buyer, &b, "1").await;
    let (_, form) = checkout_form(&mut buyer).await;
    let r = place(&mut buyer, &form).await;
    assert_eq!(r.status, 200, "{}", r.body);

    // one of the two orders (the last by shop) is paid and shipped
    let mut res = app
        .state
        .db
        .query(
            "SELECT record::id(id) AS key, shop.slug AS shop FROM shop_order \
             WHERE buyer.email = 'buyer@example.com'",
        )
        .await
        .unwrap();
    let orders: Vec<Value> = res.take(0).unwrap();
    let last = orders
        .iter()
        .max_by_key(|o| o["shop"].as_str().unwrap().to_string())
        .unwrap();
    let id = last["key"].as_str().unwrap();
    let mut seller = seller_of(&app, id).await;
    let r = seller.call("mark_paid", &[("id", id)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = seller
        .call(
            "ship_order",
            &[("id", id), ("carrier", "DHL"), ("tracking", "1234")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);

    // a listing with a protected brand and a counterfeit word goes to review
    let mut lister = demo_seller(&app, 1).await;
    let (held, status) =
        crate::moderation::publish(&mut lister, "Maison Lune tote 高仿", png(200, 200)).await;
    assert_eq!(status, "held");

    insta::assert_json_snapshot!("mails", mails(&app, &[(&held, "held")]).await);
}
