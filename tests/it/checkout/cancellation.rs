//! Cancelling before shipment, and unpaid reservations expiring.

use chrono::Duration;

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_before_shipment_restores_stock_and_after_shipment_is_refused() {
    let app = seeded().await;
    let (a, _) = two_shop_products(&app, 10).await;
    let mut c = shopper(&app, "buyer@example.com").await;

    // unpaid: the reservation is released
    add(&mut c, &a, "3").await;
    let (_, form) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form).await.status, 200);
    assert_eq!(stock(&app, &a).await, (10, 3));
    let id = my_orders(&mut c).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = c
        .call("cancel_order", &[("id", &id), ("reason", "changed_mind")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(stock(&app, &a).await, (10, 0));
    assert_eq!(c.call("cancel_order", &[("id", &id)]).await.status, 409);

    // paid: units left the shelf and come back
    add(&mut c, &a, "2").await;
    let (_, form) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form).await.status, 200);
    let id = my_orders(&mut c).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut seller = seller_of(&app, &id).await;
    assert_eq!(seller.call("mark_paid", &[("id", &id)]).await.status, 200);
    assert_eq!(stock(&app, &a).await, (8, 0));
    assert_eq!(seller.call("mark_paid", &[("id", &id)]).await.status, 409);
    let r = c
        .call("cancel_order", &[("id", &id), ("reason", "changed_mind")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(stock(&app, &a).await, (10, 0));
    let detail = c.call("order_detail", &[("id", &id)]).await.json();
    assert_eq!(detail["status"], "Cancelled");
    assert_eq!(detail["payment_status"], "refunded");

    // shipped: too late to cancel, nothing changes
    add(&mut c, &a, "1").await;
    let (_, form) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form).await.status, 200);
    let id = my_orders(&mut c).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(seller.call("mark_paid", &[("id", &id)]).await.status, 200);
    let r = seller
        .call(
            "ship_order",
            &[
                ("id", &id),
                ("carrier", "T-Cat"),
                ("tracking", "9012-3456-7890"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = c.call("cancel_order", &[("id", &id)]).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["Order"], "WrongState");
    assert_eq!(stock(&app, &a).await, (9, 0));
    let r = c
        .call(
            "change_order_address",
            &[
                ("id", &id),
                ("name", "X"),
                ("phone", "1"),
                ("line1", "Y"),
                ("city", "Z"),
                ("country", "TW"),
            ],
        )
        .await;
    assert_eq!(r.status, 409);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unpaid_reservations_expire_and_release_stock() {
    let app = seeded().await;
    let (a, b) = two_shop_products(&app, 4).await;
    let mut c = shopper(&app, "buyer@example.com").await;
    // an unpaid order may hold half of the free units
    add(&mut c, &a, "2").await;
    add(&mut c, &b, "1").await;
    let (_, form) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form).await.status, 200);
    // the reserved units cannot be added by anyone else meanwhile
    let mut other = shopper(&app, "other@example.com").await;
    let r = other
        .call("add_to_cart", &[("product_id", &a), ("quantity", "3")])
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    // one of the two sellers gets paid in time
    let orders = my_orders(&mut c).await;
    let paid = orders[0]["id"].as_str().unwrap().to_string();
    let mut seller = seller_of(&app, &paid).await;
    assert_eq!(seller.call("mark_paid", &[("id", &paid)]).await.status, 200);

    assert_eq!(
        app::orders::imp::release_expired(&app.state).await.unwrap(),
        0
    );
    app.clock.advance(Duration::hours(73));
    assert_eq!(
        app::orders::imp::release_expired(&app.state).await.unwrap(),
        1
    );
    assert_eq!(stock(&app, &a).await.1 + stock(&app, &b).await.1, 0);
    let orders = my_orders(&mut c).await;
    let statuses: Vec<&str> = orders
        .iter()
        .map(|o| o["status"].as_str().unwrap())
        .collect();
    assert!(
        statuses.contains(&"Paid") && statuses.contains(&"Cancelled"),
        "{statuses:?}"
    );
    // running again finds nothing
    assert_eq!(
        app::orders::imp::release_expired(&app.state).await.unwrap(),
        0
    );
}
