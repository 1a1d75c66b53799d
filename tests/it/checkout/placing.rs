//! Placing a checkout: one order per seller, bad input refused, no overselling under load.

use surrealdb::types::RecordId;

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_checkout_makes_one_order_per_seller_reserves_stock_and_empties_the_cart() {
    let app = seeded().await;
    let (a, b) = two_shop_products(&app, 10).await;
    let mut c = shopper(&app, "buyer@example.com").await;
    add(&mut c, &a, "2").await;
    add(&mut c, &b, "1").await;
    // the cart shows each seller's cheapest shipping
    let cart = c.call("cart", &[]).await.json();
    for g in cart["groups"].as_array().unwrap() {
        assert!(
            g["shipping"]["charged"]["amount_minor"].as_i64().unwrap() >= 0,
            "{g}"
        );
    }
    let (data, form) = checkout_form(&mut c).await;
    assert_eq!(data["groups"].as_array().unwrap().len(), 2);
    assert_eq!(data["provider"], "offline");
    let before_orders = count(&app, "SELECT count() AS n FROM shop_order GROUP ALL").await;
    let r = place(&mut c, &with(&form, "save_address", "on")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let placed = r.json();
    let redirect = placed["redirect"].as_str().unwrap();
    assert!(redirect.starts_with("/checkout/done/"), "{redirect}");

    assert_eq!(
        count(&app, "SELECT count() AS n FROM shop_order GROUP ALL").await,
        before_orders + 2
    );
    assert_eq!(stock(&app, &a).await, (10, 2));
    assert_eq!(stock(&app, &b).await, (10, 1));
    let cart = c.call("cart", &[]).await.json();
    assert_eq!(cart["item_count"], 0);
    // both orders belong to one checkout (the order group) and are listed for the buyer
    let orders = my_orders(&mut c).await;
    assert_eq!(orders.len(), 2);
    assert!(orders.iter().all(|o| o["status"] == "Placed"));
    let done = c
        .call(
            "checkout_orders",
            &[("id", placed["checkout_id"].as_str().unwrap())],
        )
        .await;
    assert_eq!(done.json().as_array().unwrap().len(), 2);
    // the address was saved to the address book
    let again = c.call("checkout_data", &[]).await.json();
    assert_eq!(again["addresses"][0]["address"]["city"], "Taipei");
    // emails to the buyer (one per order) and to each seller, shown as notifications
    let notes = c.call("notifications", &[]).await.json();
    assert_eq!(notes.as_array().unwrap().len(), 2, "{notes}");
    // each says which order was placed, in both languages, and links to it
    let mut said: Vec<(String, String)> = notes
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["subject"].as_str().unwrap().to_string(),
                n["link"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut expected: Vec<(String, String)> = orders
        .iter()
        .map(|o| {
            let n = o["number"].as_str().unwrap();
            let id = o["id"].as_str().unwrap();
            (
                format!("Order {n} placed · 訂單 {n} 已成立"),
                format!("/orders/{id}"),
            )
        })
        .collect();
    said.sort();
    expected.sort();
    assert_eq!(said, expected);
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM outbox WHERE kind = 'seller_new_order' GROUP ALL"
        )
        .await,
        2
    );
    // pages render for the buyer
    for path in [
        "/orders",
        &format!("/orders/{}", orders[0]["id"].as_str().unwrap()),
        redirect,
        "/notifications",
    ] {
        let page = c.get(path).await;
        assert_eq!(page.status, 200, "{path}");
    }
    let detail = c
        .get(&format!("/orders/{}", orders[0]["id"].as_str().unwrap()))
        .await;
    assert!(detail.body.contains(orders[0]["number"].as_str().unwrap()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_checkout_input_is_refused_and_changes_nothing() {
    let app = seeded().await;
    let (a, b) = two_shop_products(&app, 5).await;
    let mut c = shopper(&app, "buyer@example.com").await;

    // empty cart
    let r = c
        .call("place_order", &[("fingerprint", "x"), ("name", "A")])
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.json()["Order"], "EmptyCart");

    add(&mut c, &a, "2").await;
    add(&mut c, &b, "1").await;
    let (_, form) = checkout_form(&mut c).await;
    let orders_before = count(&app, "SELECT count() AS n FROM shop_order GROUP ALL").await;
    type Form = Vec<(String, String)>;
    let cases: Vec<(Form, u16, &str)> = vec![
        (
            with(&form, "fingerprint", "0000000000000000"),
            409,
            "PricesChanged",
        ),
        (
            form.iter()
                .filter(|(k, _)| k != "shipping[1]")
                .cloned()
                .collect(),
            422,
            "ShippingMissing",
        ),
        (
            with(&form, "shipping[0]", "someone-else:standard"),
            422,
            "ShippingMissing",
        ),
        (
            with(&with(&form, "name", "  "), "country", "XX"),
            422,
            "name",
        ),
        (with(&form, "phone", "call me maybe"), 422, "phone"),
        (with(&form, "address_id", "not-mine"), 404, ""),
    ];
    for (f, status, what) in cases {
        let r = place(&mut c, &f).await;
        assert_eq!(r.status, status, "{what}: {}", r.body);
        assert!(r.body.contains(what), "{what}: {}", r.body);
    }
    // a price change after the checkout page loaded is caught by the fingerprint
    app.state
        .db
        .query("UPDATE $p SET price_minor += 100")
        .bind(("p", RecordId::new("product", a.as_str())))
        .await
        .unwrap()
        .check()
        .unwrap();
    let r = place(&mut c, &form).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["Order"], "PricesChanged");
    // quantity above what is left now
    let (_, fresh) = checkout_form(&mut c).await;
    set_stock(&app, &a, 1).await;
    let r = place(&mut c, &fresh).await;
    assert_eq!(r.status, 409, "{}", r.body);

    assert_eq!(
        count(&app, "SELECT count() AS n FROM shop_order GROUP ALL").await,
        orders_before
    );
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM address WHERE owner = user:⟨buyer@example.com⟩ GROUP ALL"
        )
        .await,
        0
    );
    assert_eq!(stock(&app, &b).await, (5, 0));
    assert_eq!(c.call("cart", &[]).await.json()["item_count"], 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_concurrent_buyers_for_one_hundred_units_buy_exactly_one_hundred() {
    let app = seeded().await;
    let (a, _) = two_shop_products(&app, 100).await;
    // 300 signed-in buyers with one unit each in their carts
    let mut clients = buyers_with_one_unit(&app, 300, &a).await;
    let mut forms = Vec::new();
    for c in clients.iter_mut() {
        forms.push(checkout_form(c).await.1);
    }
    let lines_before = count(
        &app,
        &format!("SELECT count() AS n FROM order_line WHERE product = product:{a} GROUP ALL"),
    )
    .await;
    let started = std::time::Instant::now();
    let tasks: Vec<_> = clients
        .into_iter()
        .zip(forms)
        .map(|(mut c, f)| tokio::spawn(async move { place(&mut c, &f).await }))
        .collect();
    let mut ok = 0;
    let mut sold_out = 0;
    for t in tasks {
        let r = t.await.unwrap();
        match r.status {
            200 => ok += 1,
            409 => {
                assert!(r.body.contains("OutOfStock"), "{}", r.body);
                sold_out += 1
            }
            s => panic!("unexpected {s}: {}", r.body),
        }
    }
    eprintln!("300 concurrent checkouts in {:?}", started.elapsed());
    assert_eq!((ok, sold_out), (100, 200));
    assert_eq!(stock(&app, &a).await, (100, 100));
    assert_eq!(
        count(
            &app,
            &format!("SELECT count() AS n FROM order_line WHERE product = product:{a} GROUP ALL")
        )
        .await,
        lines_before + 100
    );
}
