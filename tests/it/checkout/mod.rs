//! Checkout and orders: one order per seller, atomic stock reservation that never
//! oversells, bad input refused with nothing changed, cancellation, expiry,
//! the order lifecycle with returns, and other people's orders staying invisible.

use integration::{Client, TestApp};
use serde_json::Value;
use surrealdb::types::RecordId;

mod cancellation;
pub(crate) mod lifecycle;
mod placing;
mod privacy;
mod trending;

pub const PW: &str = "correct horse battery";

/// Two active products from two different shops, each with `units` on hand.
pub async fn two_shop_products(app: &TestApp, units: i64) -> (String, String) {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE [record::id(id), record::id(shop)] FROM product WHERE status = 'active' ORDER BY id")
        .await
        .unwrap();
    let rows: Vec<Vec<String>> = res.take(0).unwrap();
    let a = rows[0].clone();
    let b = rows
        .iter()
        .find(|r| r[1] != a[1])
        .expect("second shop")
        .clone();
    for key in [&a[0], &b[0]] {
        set_stock(app, key, units).await;
    }
    (a[0].clone(), b[0].clone())
}

pub async fn set_stock(app: &TestApp, key: &str, on_hand: i64) {
    app.state
        .db
        .query("UPDATE $s SET on_hand = $n, reserved = 0")
        .bind(("s", RecordId::new("stock", key)))
        .bind(("n", on_hand))
        .await
        .unwrap()
        .check()
        .unwrap();
}

/// (on_hand, reserved) of a product.
pub async fn stock(app: &TestApp, key: &str) -> (i64, i64) {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE [on_hand, reserved] FROM $s")
        .bind(("s", RecordId::new("stock", key)))
        .await
        .unwrap();
    let v: Vec<Vec<i64>> = res.take(0).unwrap();
    (v[0][0], v[0][1])
}

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    app::state::count_unbound(&app.state.db, sql).await.unwrap()
}

/// `n` signed-in buyers with one unit of `product` each in their carts (fixtures
/// written directly: `n` Argon2 sign-ups would only measure password hashing).
pub async fn buyers_with_one_unit(app: &TestApp, n: usize, product: &str) -> Vec<Client> {
    let now = app.state.now();
    let mut clients = Vec::new();
    for i in 0..n {
        let email = domain::Email::parse(&format!("b{i}@example.com")).unwrap();
        let user = app::accounts::store::user_id(&email);
        let (token, hash) = app::accounts::session::new_token();
        app.state
            .db
            .query(
                "CREATE $user SET email = $email, display_name = 'B', password_hash = 'x', roles = ['shopper'], created_at = $now; \
                 CREATE $cart SET owner = $user, lines = [{ product: $product, quantity: 1, unit_price_minor: 0, currency: 'TWD' }], version = 1, updated_at = $now;",
            )
            .bind(("user", user.clone()))
            .bind(("email", email.as_str().to_string()))
            .bind(("now", now))
            .bind(("cart", app::cart::store::user_cart(email.as_str())))
            .bind(("product", RecordId::new("product", product)))
            .await
            .unwrap()
            .check()
            .unwrap();
        app::accounts::store::create_session(
            &app.state.db,
            &hash,
            &user,
            now,
            now + chrono::Duration::hours(1),
            None,
            None,
        )
        .await
        .unwrap();
        let mut c = app.client();
        c.set_cookie("session", &token);
        clients.push(c);
    }
    clients
}

pub async fn seeded() -> TestApp {
    let app = TestApp::spawn().await;
    app.seed(40).await;
    app
}

pub async fn shopper(app: &TestApp, email: &str) -> Client {
    let mut c = app.client();
    assert_eq!(c.sign_up(email, "Buyer", PW).await.status, 200);
    c
}

pub async fn add(c: &mut Client, product: &str, qty: &str) {
    let r = c
        .call("add_to_cart", &[("product_id", product), ("quantity", qty)])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

/// The checkout page's data, and a form that places it with the first shipping
/// method of each seller and a new address.
pub async fn checkout_form(c: &mut Client) -> (Value, Vec<(String, String)>) {
    let r = c.call("checkout_data", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let data = r.json();
    let mut form = vec![
        ("name".to_string(), "Mei Lin".to_string()),
        ("phone".into(), "+886 912 345 678".into()),
        ("line1".into(), "No. 1, Section 5, Xinyi Rd".into()),
        ("city".into(), "Taipei".into()),
        ("postal_code".into(), "110".into()),
        ("country".into(), "TW".into()),
        (
            "fingerprint".into(),
            data["fingerprint"].as_str().unwrap().to_string(),
        ),
    ];
    for (i, g) in data["groups"].as_array().unwrap().iter().enumerate() {
        form.push((
            format!("shipping[{i}]"),
            format!(
                "{}:{}",
                g["shop_id"].as_str().unwrap(),
                g["methods"][0]["code"].as_str().unwrap()
            ),
        ));
    }
    (data, form)
}

pub async fn place(c: &mut Client, form: &[(String, String)]) -> integration::Reply {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    c.call("place_order", &pairs).await
}

fn with(form: &[(String, String)], key: &str, value: &str) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = form.iter().filter(|(k, _)| k != key).cloned().collect();
    f.push((key.to_string(), value.to_string()));
    f
}

pub async fn my_orders(c: &mut Client) -> Vec<Value> {
    let r = c.call("my_orders", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json().as_array().unwrap().clone()
}

/// The seller marks the order paid, ships it (DHL) and reports it delivered.
pub async fn pay_ship_report(seller: &mut Client, id: &str) {
    assert_eq!(seller.call("mark_paid", &[("id", id)]).await.status, 200);
    let r = seller
        .call(
            "ship_order",
            &[("id", id), ("carrier", "DHL"), ("tracking", "1234")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = seller.call("mark_delivered", &[("id", id)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

/// The buyer confirms the order arrived: it is delivered.
pub async fn confirm(buyer: &mut Client, id: &str) {
    let r = buyer.call("confirm_delivery", &[("id", id)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

/// The seller accepts the order's return, the buyer sends it back (T-Cat) and the
/// seller confirms it arrived, which refunds it.
pub async fn accept_ship_back_receive(buyer: &mut Client, seller: &mut Client, id: &str) {
    let r = seller
        .call("decide_return", &[("id", id), ("accept", "true")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = buyer
        .call(
            "ship_return",
            &[("id", id), ("carrier", "T-Cat"), ("tracking", "TC-1")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = seller
        .call("receive_return", &[("id", id), ("restock", "on")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

/// The seller is paid, ships and reports delivery, and the buyer confirms it.
pub async fn pay_ship_deliver(seller: &mut Client, buyer: &mut Client, id: &str) {
    pay_ship_report(seller, id).await;
    confirm(buyer, id).await;
}

/// Signs in the owner of the shop that sells `order_id`.
pub async fn seller_of(app: &TestApp, order_id: &str) -> Client {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE shop.owner.email FROM $o")
        .bind(("o", RecordId::new("shop_order", order_id)))
        .await
        .unwrap();
    let emails: Vec<String> = res.take(0).unwrap();
    let mut c = app.client();
    let r = c.log_in(&emails[0], server::seed::DEMO_PASSWORD).await;
    assert_eq!(r.status, 200, "{}", r.body);
    c
}

/// What the promotions take off the first shop's goods on the checkout page.
pub fn promotions_saving(data: &Value) -> i64 {
    data["groups"][0]["promotions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["saving"]["amount_minor"].as_i64().unwrap())
        .sum()
}
