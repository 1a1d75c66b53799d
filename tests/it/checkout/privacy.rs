//! Other people's orders stay invisible.

use surrealdb::types::RecordId;

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_peoples_orders_are_not_found() {
    let app = seeded().await;
    let (a, _) = two_shop_products(&app, 10).await;
    let mut victim = shopper(&app, "victim@example.com").await;
    add(&mut victim, &a, "1").await;
    let (_, form) = checkout_form(&mut victim).await;
    let placed = place(&mut victim, &form).await.json();
    let checkout = placed["checkout_id"].as_str().unwrap().to_string();
    let id = my_orders(&mut victim).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let mut thief = shopper(&app, "thief@example.com").await;
    let attempts: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("order_detail", vec![("id", &id)]),
        ("cancel_order", vec![("id", &id)]),
        ("confirm_delivery", vec![("id", &id)]),
        (
            "request_return",
            vec![("id", &id), ("kind", "return"), ("reason", "damaged")],
        ),
        (
            "change_order_address",
            vec![
                ("id", &id),
                ("name", "T"),
                ("phone", "1"),
                ("line1", "x"),
                ("city", "y"),
                ("country", "TW"),
            ],
        ),
        ("mark_paid", vec![("id", &id)]),
        (
            "ship_order",
            vec![("id", &id), ("carrier", "UPS"), ("tracking", "1")],
        ),
        ("checkout_orders", vec![("id", &checkout)]),
        ("order_detail", vec![("id", "../../user:victim")]),
    ];
    for (func, form) in &attempts {
        let r = thief.call(func, form).await;
        assert_eq!(r.status, 404, "{func}: {}", r.body);
    }
    assert_eq!(thief.get(&format!("/orders/{id}")).await.status, 404);
    assert_eq!(
        thief
            .get(&format!("/checkout/done/{checkout}"))
            .await
            .status,
        404
    );
    assert!(my_orders(&mut thief).await.is_empty());
    // a seller of another shop cannot act on it either
    let mut res = app
        .state
        .db
        .query("SELECT VALUE owner.email FROM shop WHERE id != (SELECT VALUE shop FROM ONLY $o) AND status = 'approved' LIMIT 1")
        .bind(("o", RecordId::new("shop_order", id.as_str())))
        .await
        .unwrap();
    let other_seller: Vec<String> = res.take(0).unwrap();
    let mut s = app.client();
    assert_eq!(
        s.log_in(&other_seller[0], server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    assert_eq!(s.call("mark_paid", &[("id", &id)]).await.status, 404);
    // nothing changed
    assert_eq!(
        victim.call("order_detail", &[("id", &id)]).await.json()["status"],
        "Placed"
    );
    // signed-out visitors are sent to log in
    let r = app.client().get(&format!("/orders/{id}")).await;
    assert_eq!(r.status, 303);
}
