//! Reviews and ratings: verified purchases only, within the window, once per line;
//! edits keep history; automatic checks hold reviews for moderators; ratings kept by
//! deltas equal a recomputation after any sequence of changes; helpful votes,
//! reports, seller replies, negative-review notices and linked-account flags.

use integration::{Client, TestApp};
use serde_json::Value;
use surrealdb::types::RecordId;

use crate::checkout::{
    add, checkout_form, my_orders, pay_ship_deliver, place, seller_of, set_stock, shopper,
};

mod checks;
mod community;
mod ratings;
mod writing;

/// A listed product (not a variant, in an approved shop) with stock.
async fn product(app: &TestApp, skip: usize) -> String {
    let mut res = app
        .state
        .db
        .query(
            "SELECT VALUE record::id(id) FROM product WHERE status = 'active' AND variant_of = NONE \
             AND has_variants != true AND shop.status = 'approved' ORDER BY id",
        )
        .await
        .unwrap();
    let keys: Vec<String> = res.take(0).unwrap();
    let key = keys[skip].clone();
    set_stock(app, &key, 50).await;
    key
}

/// `email` signs up, buys one `product`, and the seller delivers it: (buyer, order id,
/// order line key).
async fn delivered(app: &TestApp, email: &str, product: &str) -> (Client, String, String) {
    let mut c = shopper(app, email).await;
    let (order, line) = bought(app, &mut c, product).await;
    let mut seller = seller_of(app, &order).await;
    pay_ship_deliver(&mut seller, &mut c, &order).await;
    (c, order, line)
}

/// `c` buys one `product` (placed, not delivered): (order id, line key).
async fn bought(_app: &TestApp, c: &mut Client, product: &str) -> (String, String) {
    add(c, product, "1").await;
    let (_, form) = checkout_form(c).await;
    let r = place(c, &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let order = my_orders(c).await[0]["id"].as_str().unwrap().to_string();
    let lines = c.call("order_reviews", &[("order", &order)]).await;
    assert_eq!(lines.status, 200, "{}", lines.body);
    let line = lines.json()[0]["line_key"].as_str().unwrap().to_string();
    (order, line)
}

/// Posts the review form; the redirect's location.
async fn write(
    c: &mut Client,
    order: &str,
    line: &str,
    fields: &[(&str, &str)],
    photos: Vec<Vec<u8>>,
) -> String {
    let files: Vec<(&str, &str, Vec<u8>)> =
        photos.into_iter().map(|b| ("photos", "p.png", b)).collect();
    let r = c
        .post_multipart(&format!("/orders/{order}/review/{line}"), fields, &files)
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.headers["location"].to_str().unwrap().to_string()
}

fn good(rating: &str, body: &'static str) -> Vec<(&'static str, String)> {
    vec![
        ("rating", rating.to_string()),
        ("title", "Nice".to_string()),
        ("body", body.to_string()),
    ]
}

fn pairs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, s)| (*k, s.as_str())).collect()
}

async fn reviews(c: &mut Client, product: &str, extra: &[(&str, &str)]) -> Value {
    let mut args = vec![("product", product)];
    args.extend_from_slice(extra);
    let r = c.call("product_reviews", &args).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

/// The stored ratings of a product equal a recomputation from its published reviews.
async fn assert_consistent(app: &TestApp, product: &str) -> domain::review::Aggregate {
    let id = RecordId::new("product", product);
    let stored = app::reviews::imp::product_aggregate(&app.state.db, &id)
        .await
        .unwrap();
    let fresh = app::reviews::imp::recomputed(&app.state.db, &id)
        .await
        .unwrap();
    assert_eq!(stored, fresh, "stored ratings drifted from the reviews");
    let mut res = app
        .state
        .db
        .query("SELECT VALUE [rating_avg, rating_bayes, rating_key] FROM $p")
        .bind(("p", id))
        .await
        .unwrap();
    let v: Vec<Vec<f64>> = res.take(0).unwrap();
    assert!((v[0][0] - fresh.average()).abs() < 1e-9, "{v:?}");
    assert!((v[0][1] - fresh.bayesian()).abs() < 1e-9, "{v:?}");
    // listings sorted by rating use the Bayesian score (forward index key)
    assert!((v[0][2] + fresh.bayesian()).abs() < 1e-9, "{v:?}");
    stored
}

async fn field(app: &TestApp, id: RecordId, f: &str) -> Value {
    let mut res = app
        .state
        .db
        .query(format!("SELECT VALUE {f} FROM $r"))
        .bind(("r", id))
        .await
        .unwrap();
    let v: Vec<Value> = res.take(0).unwrap();
    v.into_iter().next().unwrap_or(Value::Null)
}
