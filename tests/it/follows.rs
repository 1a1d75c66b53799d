//! Following shops: the follow (idempotent, counted once), the follower's page with
//! what is new from the shops they follow, and member prices — shown on the product
//! page to everyone, charged at checkout to followers only.

use crate::checkout::{add, checkout_form, promotions_saving, shopper};
use crate::marketing::{create, form, marketing_app, two_products, SHOP};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_is_counted_once_and_the_follower_sees_what_is_new() {
    let (app, _owner) = marketing_app().await;
    let mut c = shopper(&app, "fan@example.com").await;
    let state = |r: integration::Reply| {
        assert_eq!(r.status, 200, "{}", r.body);
        let j = r.json();
        (
            j["following"].as_bool().unwrap(),
            j["followers"].as_i64().unwrap(),
        )
    };
    assert_eq!(
        state(c.call("shop_follow", &[("shop", SHOP)]).await),
        (false, 0)
    );
    for _ in 0..2 {
        let r = c
            .call("follow_shop", &[("shop", SHOP), ("follow", "true")])
            .await;
        assert_eq!(state(r), (true, 1), "following twice counts once");
    }
    let mut anon = app.client();
    assert_eq!(
        state(anon.call("shop_follow", &[("shop", SHOP)]).await),
        (false, 1)
    );
    let r = anon
        .call("follow_shop", &[("shop", SHOP), ("follow", "true")])
        .await;
    assert_eq!(r.status, 401, "{}", r.body);
    let r = c
        .call(
            "follow_shop",
            &[("shop", "no-such-shop"), ("follow", "true")],
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.body);

    let page = c.call("following", &[]).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let page = page.json();
    assert_eq!(page["shops"][0]["slug"], SHOP);
    let new = page["new"].as_array().unwrap();
    assert!(!new.is_empty() && new.len() <= 6, "{page}");
    assert!(
        new.iter()
            .all(|p| p["shop_name"] == page["shops"][0]["name"]),
        "{page}"
    );

    let r = c
        .call("follow_shop", &[("shop", SHOP), ("follow", "false")])
        .await;
    assert_eq!(state(r), (false, 0));
    let r = c
        .call("follow_shop", &[("shop", SHOP), ("follow", "false")])
        .await;
    assert_eq!(state(r), (false, 0), "never below zero");
    assert!(c.call("following", &[]).await.json()["shops"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_price_is_shown_to_all_and_charged_to_followers_only() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, u1), _] = two_products(&app).await;
    // only an item discount may be a member price
    let bad = form(
        &app,
        "Members 滿減",
        &[
            ("kind", "spend_save"),
            ("spend_0", "100"),
            ("save_0", "10"),
            ("members", "on"),
        ],
    );
    assert_eq!(
        create(&mut owner, &bad).await.field_errors(),
        ["members.InvalidChoice"]
    );
    let f = form(
        &app,
        "Fans' fifth",
        &[("kind", "percent"), ("percent", "20"), ("members", "on")],
    );
    assert_eq!(create(&mut owner, &f).await.status, 200);
    let member = u1 - u1 / 5;

    let mut fan = shopper(&app, "member@example.com").await;
    let page = fan.call("product_page", &[("id", &p1)]).await.json();
    assert_eq!(
        page["card"]["price"]["charged"]["amount_minor"], u1,
        "everyone's price"
    );
    assert_eq!(page["member"]["price"]["amount_minor"], member, "{page}");
    add(&mut fan, &p1, "1").await;
    assert_eq!(
        promotions_saving(&checkout_form(&mut fan).await.0),
        0,
        "not a follower yet"
    );
    let r = fan
        .call("follow_shop", &[("shop", SHOP), ("follow", "true")])
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        promotions_saving(&checkout_form(&mut fan).await.0),
        u1 - member,
        "a follower"
    );
}
