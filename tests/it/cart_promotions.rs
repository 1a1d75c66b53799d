//! The cart page explains the promotions checkout will take, shop by shop and in
//! stacking order, with the same amounts checkout charges; a visitor who is not signed
//! in sees the list prices (their wallet and memberships are unknown).

use crate::checkout::{add, checkout_form, shopper};
use crate::marketing::{create, form, marketing_app, two_products};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cart_explains_what_checkout_takes_off() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, _), _] = two_products(&app).await;
    let f = form(&app, "Tenth off", &[("kind", "percent"), ("percent", "10")]);
    assert_eq!(create(&mut owner, &f).await.status, 200);
    let tiers = form(
        &app,
        "Spend and save",
        &[("kind", "spend_save"), ("spend_0", "2"), ("save_0", "1")],
    );
    assert_eq!(create(&mut owner, &tiers).await.status, 200);

    let mut c = shopper(&app, "cart-explained@example.com").await;
    add(&mut c, &p1, "2").await;
    let cart = c.call("cart", &[]).await.json();
    let (checkout, _) = checkout_form(&mut c).await;
    let g = &cart["groups"][0];
    let titles: Vec<&str> = g["promotions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Tenth off", "Spend and save"],
        "item discount first: {cart}"
    );
    assert_eq!(
        g["promotions"], checkout["groups"][0]["promotions"],
        "what checkout takes"
    );
    assert_eq!(
        g["after_discounts"],
        checkout["groups"][0]["after_discounts"]
    );

    let mut visitor = app.client();
    add(&mut visitor, &p1, "1").await;
    let cart = visitor.call("cart", &[]).await.json();
    assert!(cart["groups"][0]["promotions"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(cart["groups"][0]["after_discounts"].is_null());
}
