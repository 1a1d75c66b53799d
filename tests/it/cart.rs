//! The cart: anonymous carts, grouping by seller, stock rules, merge on sign-in.

use integration::TestApp;
use serde_json::{json, Value};

const PW: &str = "correct horse battery";

/// Seeds and makes `d000001` and `d000002` active with 10 units each.
async fn app_with_products() -> TestApp {
    let app = TestApp::spawn().await;
    app.seed(40).await;
    app.state
        .db
        .query(
            "UPDATE [product:d000001, product:d000002] SET status = 'active'; \
             UPDATE [stock:d000001, stock:d000002] SET on_hand = 10, reserved = 0;",
        )
        .await
        .unwrap()
        .check()
        .unwrap();
    app
}

async fn price_of(app: &TestApp, key: &str) -> i64 {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE price_minor FROM $p")
        .bind(("p", surrealdb::types::RecordId::new("product", key)))
        .await
        .unwrap();
    let v: Vec<i64> = res.take(0).unwrap();
    v[0]
}

fn lines(cart: &Value) -> Vec<(String, u64)> {
    cart["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["lines"].as_array().unwrap().iter())
        .map(|l| {
            (
                l["product_id"].as_str().unwrap().to_string(),
                l["quantity"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_cart_adds_groups_by_seller_updates_and_removes() {
    let app = app_with_products().await;
    let mut c = app.client();
    let r = c
        .call(
            "add_to_cart",
            &[("product_id", "d000001"), ("quantity", "2")],
        )
        .await;
    assert_eq!((r.status, r.json()), (200, json!(2)), "{}", r.body);
    assert!(
        c.cookie("cart_token").is_some(),
        "anonymous cart cookie set"
    );
    c.call(
        "add_to_cart",
        &[("product_id", "d000002"), ("quantity", "1")],
    )
    .await;
    c.call(
        "add_to_cart",
        &[("product_id", "d000001"), ("quantity", "1")],
    )
    .await;

    let cart = c.call("cart", &[]).await.json();
    assert_eq!(cart["item_count"], 4);
    assert_eq!(
        lines(&cart),
        vec![("d000001".into(), 3), ("d000002".into(), 1)]
    );
    let mut res = app
        .state
        .db
        .query("SELECT VALUE shop FROM [product:d000001, product:d000002]")
        .await
        .unwrap();
    let shops: Vec<surrealdb::types::RecordId> = res.take(0).unwrap();
    let expected_groups = if shops[0] == shops[1] { 1 } else { 2 };
    assert_eq!(cart["groups"].as_array().unwrap().len(), expected_groups);
    let g0 = &cart["groups"][0];
    let first_total = price_of(&app, "d000001").await * 3;
    assert_eq!(g0["lines"][0]["line_total"]["amount_minor"], first_total);
    if expected_groups == 2 {
        assert_eq!(g0["subtotal"]["charged"]["amount_minor"], first_total);
    }
    assert_eq!(c.call("nav_data", &[]).await.json()["cart_count"], 4);

    let r = c
        .call(
            "set_cart_quantity",
            &[("product_id", "d000001"), ("quantity", "5")],
        )
        .await;
    assert_eq!(r.json(), json!(6));
    let r = c
        .call(
            "set_cart_quantity",
            &[("product_id", "d000002"), ("quantity", "0")],
        )
        .await;
    assert_eq!(r.json(), json!(5));
    assert_eq!(
        lines(&c.call("cart", &[]).await.json()),
        vec![("d000001".into(), 5)]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quantities_are_checked_against_stock_and_bad_input_changes_nothing() {
    let app = app_with_products().await;
    let mut c = app.client();
    let r = c
        .call(
            "add_to_cart",
            &[("product_id", "d000001"), ("quantity", "11")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"Cart": {"NotEnoughStock": {"available": 10}}})
    );
    for q in ["0", "100", "-3"] {
        let r = c
            .call("add_to_cart", &[("product_id", "d000001"), ("quantity", q)])
            .await;
        assert_eq!(r.json(), json!({"Cart": "BadQuantity"}), "quantity {q}");
    }
    assert_eq!(
        c.call(
            "add_to_cart",
            &[("product_id", "no-such"), ("quantity", "1")]
        )
        .await
        .status,
        404
    );
    assert_eq!(
        c.call(
            "add_to_cart",
            &[("product_id", "bad id!"), ("quantity", "1")]
        )
        .await
        .status,
        404
    );
    app.state
        .db
        .query("UPDATE product:d000002 SET status = 'held'")
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(
        c.call(
            "add_to_cart",
            &[("product_id", "d000002"), ("quantity", "1")]
        )
        .await
        .status,
        404
    );
    assert_eq!(
        c.call("cart", &[]).await.json()["item_count"],
        0,
        "nothing was added"
    );

    c.call(
        "add_to_cart",
        &[("product_id", "d000001"), ("quantity", "6")],
    )
    .await;
    let r = c
        .call(
            "add_to_cart",
            &[("product_id", "d000001"), ("quantity", "5")],
        )
        .await;
    assert_eq!(r.status, 422);
    let r = c
        .call(
            "set_cart_quantity",
            &[("product_id", "d000001"), ("quantity", "11")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(
        lines(&c.call("cart", &[]).await.json()),
        vec![("d000001".into(), 6)]
    );
    // a line that is not in this cart cannot be changed
    assert_eq!(
        c.call(
            "set_cart_quantity",
            &[("product_id", "d000002"), ("quantity", "1")]
        )
        .await
        .status,
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_merges_the_anonymous_cart() {
    let app = app_with_products().await;
    let mut owner = app.client();
    owner.sign_up("mia@example.com", "Mia", PW).await;
    owner
        .call(
            "add_to_cart",
            &[("product_id", "d000001"), ("quantity", "1")],
        )
        .await;

    let mut visitor = app.client();
    visitor
        .call(
            "add_to_cart",
            &[("product_id", "d000001"), ("quantity", "2")],
        )
        .await;
    visitor
        .call(
            "add_to_cart",
            &[("product_id", "d000002"), ("quantity", "1")],
        )
        .await;
    assert_eq!(visitor.log_in("mia@example.com", PW).await.status, 200);
    assert!(
        visitor.cookie("cart_token").is_none(),
        "anonymous cart cookie cleared"
    );
    let cart = visitor.call("cart", &[]).await.json();
    assert_eq!(
        lines(&cart),
        vec![("d000001".into(), 3), ("d000002".into(), 1)]
    );
    // the same account on its other device sees the merged cart
    assert_eq!(owner.call("cart", &[]).await.json()["item_count"], 4);
    let anon = app
        .row_counts()
        .await
        .into_iter()
        .find(|(t, _)| t == "cart")
        .unwrap()
        .1;
    assert_eq!(anon, 1, "the anonymous cart record was removed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn price_changes_are_flagged_and_carts_are_private() {
    let app = app_with_products().await;
    let mut c = app.client();
    c.call(
        "add_to_cart",
        &[("product_id", "d000001"), ("quantity", "1")],
    )
    .await;
    let before = price_of(&app, "d000001").await;
    app.state
        .db
        .query("UPDATE product:d000001 SET price_minor += 100")
        .await
        .unwrap()
        .check()
        .unwrap();
    let cart = c.call("cart", &[]).await.json();
    let line = &cart["groups"][0]["lines"][0];
    assert_eq!(line["added_price"]["amount_minor"], before);
    assert_eq!(line["unit_price"]["charged"]["amount_minor"], before + 100);

    let mut stranger = app.client();
    assert_eq!(stranger.call("cart", &[]).await.json()["item_count"], 0);
    stranger.set_cookie("cart_token", &"0".repeat(64));
    assert_eq!(stranger.call("cart", &[]).await.json()["item_count"], 0);
    stranger.set_cookie("cart_token", "not-a-token");
    assert_eq!(stranger.call("cart", &[]).await.json()["item_count"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_changes_to_one_cart_lose_nothing() {
    let app = app_with_products().await;
    let mut first = app.client();
    first
        .call(
            "add_to_cart",
            &[("product_id", "d000001"), ("quantity", "1")],
        )
        .await;
    let token = first.cookie("cart_token").unwrap();
    app.state
        .db
        .query("UPDATE stock:d000001 SET on_hand = 40")
        .await
        .unwrap()
        .check()
        .unwrap();
    // 39 tabs of the same visitor add one unit each at the same moment
    let mut tabs = Vec::new();
    for _ in 0..39 {
        let mut tab = app.client();
        tab.set_cookie("cart_token", &token);
        tabs.push(tokio::spawn(async move {
            tab.call(
                "add_to_cart",
                &[("product_id", "d000001"), ("quantity", "1")],
            )
            .await
            .status
        }));
    }
    for t in tabs {
        assert_eq!(t.await.unwrap(), 200);
    }
    assert_eq!(
        lines(&first.call("cart", &[]).await.json()),
        vec![("d000001".into(), 40)]
    );
    // stock is 40: one more is refused
    let r = first
        .call(
            "add_to_cart",
            &[("product_id", "d000001"), ("quantity", "1")],
        )
        .await;
    assert_eq!(r.status, 422);
}
