//! Arguments a server function cannot read: a record key that could not name a record
//! is "not found" (like a key naming no record), anything else malformed is refused
//! as such, and neither changes anything nor is reported as a network failure.

use integration::TestApp;

const PW: &str = "correct horse battery";

/// Keys no record can have: spaces, record-id syntax, paths, non-ASCII, too long.
fn bad_keys() -> Vec<String> {
    vec![
        "a b".into(),
        "product:d000001".into(),
        "⟨d000001⟩".into(),
        "../d000001".into(),
        "商品".repeat(40),
        "x".repeat(65),
        String::new(),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_that_cannot_name_a_record_are_not_found_and_change_nothing() {
    let app = TestApp::spawn().await;
    app.seed(5).await;
    let mut c = app.client();
    assert_eq!(c.sign_up("keys@example.com", "Keys", PW).await.status, 200);
    let before = app.row_counts().await;
    for key in bad_keys() {
        for (func, form) in [
            (
                "add_to_cart",
                vec![("product_id", key.as_str()), ("quantity", "1")],
            ),
            (
                "set_cart_quantity",
                vec![("product_id", key.as_str()), ("quantity", "0")],
            ),
            ("product_page", vec![("id", key.as_str())]),
            ("shop_page", vec![("slug", key.as_str())]),
            ("order_detail", vec![("id", key.as_str())]),
            ("checkout_orders", vec![("id", key.as_str())]),
            (
                "cancel_order",
                vec![("id", key.as_str()), ("reason", "changed_mind")],
            ),
            ("product_reviews", vec![("product", key.as_str())]),
            ("vote_helpful", vec![("review", key.as_str())]),
            (
                "review_form",
                vec![("order", key.as_str()), ("line", key.as_str())],
            ),
        ] {
            let r = c.call(func, &form).await;
            assert_eq!(r.status, 404, "{func} with {key:?}: {}", r.body);
            assert_eq!(
                r.json(),
                serde_json::json!("NotFound"),
                "{func} with {key:?}"
            );
        }
    }
    assert_eq!(app.row_counts().await, before, "nothing changed");

    // a well-formed key of a record that exists still works
    let r = c
        .call(
            "add_to_cart",
            &[("product_id", "d000001"), ("quantity", "1")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = c.call("product_page", &[("id", "d000001")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_arguments_are_refused_as_malformed_not_as_a_network_failure() {
    let app = TestApp::spawn().await;
    app.seed(5).await;
    let mut c = app.client();
    assert_eq!(c.sign_up("args@example.com", "Args", PW).await.status, 200);
    let before = app.row_counts().await;
    for (func, form) in [
        // not a number
        (
            "add_to_cart",
            vec![("product_id", "d000001"), ("quantity", "many")],
        ),
        // beyond any integer
        (
            "add_to_cart",
            vec![
                ("product_id", "d000001"),
                ("quantity", "99999999999999999999999"),
            ],
        ),
        // a required argument missing
        ("add_to_cart", vec![("quantity", "1")]),
        ("order_detail", vec![]),
        // not one of the two answers
        ("decide_return", vec![("id", "o1"), ("accept", "perhaps")]),
    ] {
        let r = c.call(func, &form).await;
        assert_eq!(r.status, 422, "{func} {form:?}: {}", r.body);
        assert_eq!(r.field_errors(), ["request.Malformed"], "{func} {form:?}");
    }
    assert_eq!(app.row_counts().await, before, "nothing changed");
}
