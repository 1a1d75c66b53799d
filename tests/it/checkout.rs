//! Checkout and orders: one order per seller, atomic stock reservation that never
//! oversells, bad input refused with nothing changed, cancellation, expiry,
//! the order lifecycle with returns, and other people's orders staying invisible.

use chrono::Duration;
use integration::{Client, TestApp};
use serde_json::Value;
use surrealdb::types::RecordId;

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

/// The seller marks the order paid, ships it (DHL) and marks it delivered.
pub async fn pay_ship_deliver(seller: &mut Client, id: &str) {
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
    let now = app.state.now();
    // 300 signed-in buyers with one unit each in their carts (fixtures written directly:
    // 300 Argon2 sign-ups would only measure password hashing)
    let mut clients = Vec::new();
    for i in 0..300 {
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
            .bind(("product", RecordId::new("product", a.as_str())))
            .await
            .unwrap()
            .check()
            .unwrap();
        app::accounts::store::create_session(
            &app.state.db,
            &hash,
            &user,
            now,
            now + Duration::hours(1),
            None,
        )
        .await
        .unwrap();
        let mut c = app.client();
        c.set_cookie("session", &token);
        clients.push(c);
    }
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
    add(&mut c, &a, "4").await;
    add(&mut c, &b, "1").await;
    let (_, form) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form).await.status, 200);
    // the fully reserved product cannot be added by anyone else meanwhile
    let mut other = shopper(&app, "other@example.com").await;
    let r = other
        .call("add_to_cart", &[("product_id", &a), ("quantity", "1")])
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    // one of the two sellers gets paid in time
    let orders = my_orders(&mut c).await;
    let paid = orders[0]["id"].as_str().unwrap().to_string();
    let mut seller = seller_of(&app, &paid).await;
    assert_eq!(seller.call("mark_paid", &[("id", &paid)]).await.status, 200);

    assert_eq!(
        app::orders::api::imp::release_expired(&app.state)
            .await
            .unwrap(),
        0
    );
    app.clock.advance(Duration::hours(73));
    assert_eq!(
        app::orders::api::imp::release_expired(&app.state)
            .await
            .unwrap(),
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
        app::orders::api::imp::release_expired(&app.state)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn order_lifecycle_with_tracking_delivery_and_a_return() {
    let app = seeded().await;
    let (a, _) = two_shop_products(&app, 10).await;
    let mut c = shopper(&app, "buyer@example.com").await;
    add(&mut c, &a, "1").await;
    let (_, form) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form).await.status, 200);
    let id = my_orders(&mut c).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut seller = seller_of(&app, &id).await;

    // the address can change before shipment
    let r = c
        .call(
            "change_order_address",
            &[
                ("id", &id),
                ("name", "Mei Lin"),
                ("phone", "02 1234"),
                ("line1", "No. 9, Songren Rd"),
                ("city", "Taipei"),
                ("country", "TW"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // a return cannot be requested before delivery
    let r = c
        .call(
            "request_return",
            &[("id", &id), ("kind", "return"), ("reason", "damaged")],
        )
        .await;
    assert_eq!(r.status, 409);

    assert_eq!(seller.call("mark_paid", &[("id", &id)]).await.status, 200);
    let r = seller
        .call(
            "ship_order",
            &[("id", &id), ("carrier", "Pigeon"), ("tracking", "<b>")],
        )
        .await;
    assert_eq!(r.status, 422);
    let fields = r.json()["Invalid"].as_array().unwrap().len();
    assert_eq!(fields, 2);
    let r = seller
        .call(
            "ship_order",
            &[
                ("id", &id),
                ("carrier", "UPS"),
                ("tracking", "1Z999AA10123456784"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = c.call("order_detail", &[("id", &id)]).await.json();
    assert_eq!(
        d["tracking_url"],
        "https://www.ups.com/track?tracknum=1Z999AA10123456784"
    );
    assert_eq!(d["address"]["line1"], "No. 9, Songren Rd");
    assert_eq!(d["can_cancel"], false);
    assert_eq!(
        seller.call("mark_delivered", &[("id", &id)]).await.status,
        200
    );

    // bad return requests, then a good one, then a duplicate
    for (form, status) in [
        (
            vec![("id", id.as_str()), ("kind", "swap"), ("reason", "damaged")],
            422,
        ),
        (
            vec![("id", id.as_str()), ("kind", "return"), ("reason", "bored")],
            422,
        ),
        (
            vec![("id", id.as_str()), ("kind", "return"), ("reason", "other")],
            422,
        ),
    ] {
        assert_eq!(c.call("request_return", &form).await.status, status);
    }
    let r = c
        .call(
            "request_return",
            &[
                ("id", &id),
                ("kind", "return"),
                ("reason", "damaged"),
                ("details", "The lid is cracked."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = c
        .call(
            "request_return",
            &[("id", &id), ("kind", "return"), ("reason", "damaged")],
        )
        .await;
    assert_eq!(r.status, 409);
    assert_eq!(
        r.json()["Order"],
        "WrongState"
            .to_string()
            .replace("WrongState", "ReturnExists")
    );
    assert_eq!(
        seller
            .call("decide_return", &[("id", &id), ("accept", "true")])
            .await
            .status,
        200
    );
    assert_eq!(
        seller
            .call("decide_return", &[("id", &id), ("accept", "false")])
            .await
            .status,
        409
    );
    let d = c.call("order_detail", &[("id", &id)]).await.json();
    assert_eq!(d["return_request"]["status"], "Refunded");
    assert_eq!(d["payment_status"], "refunded");
    let kinds: Vec<&str> = d["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "placed",
            "address_changed",
            "paid",
            "shipped",
            "delivered",
            "return_requested",
            "return_refunded"
        ]
    );
    let page = c.get(&format!("/orders/{id}")).await;
    assert!(page.body.contains("tracknum=1Z999AA10123456784"));

    // another delivered order, past the return window
    add(&mut c, &a, "1").await;
    let (_, form) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form).await.status, 200);
    let id2 = my_orders(&mut c).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    pay_ship_deliver(&mut seller, &id2).await;
    app.clock.advance(Duration::days(8));
    let r = c
        .call(
            "request_return",
            &[("id", &id2), ("kind", "return"), ("reason", "damaged")],
        )
        .await;
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["Order"], "ReturnWindowClosed");
    assert_eq!(
        c.call("confirm_delivery", &[("id", &id2)]).await.status,
        200
    );
    assert_eq!(
        c.call("order_detail", &[("id", &id2)]).await.json()["status"],
        "Completed"
    );
}

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

/// A tiny valid PNG (1×1).
fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend_from_slice(&[
        0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15,
        0xc4, 0x89,
    ]);
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn return_photos_are_checked_stored_and_private() {
    let app = seeded().await;
    let (a, _) = two_shop_products(&app, 10).await;
    let mut c = shopper(&app, "buyer@example.com").await;
    add(&mut c, &a, "1").await;
    let (_, form) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form).await.status, 200);
    let id = my_orders(&mut c).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut seller = seller_of(&app, &id).await;
    pay_ship_deliver(&mut seller, &id).await;
    let path = format!("/orders/{id}/return");
    let fields = [
        ("kind", "return"),
        ("reason", "damaged"),
        ("details", "Cracked lid"),
    ];

    // refused uploads say why, keep what was typed, and store nothing
    let too_big = {
        let mut v = png();
        v.resize(domain::media::MAX_PHOTO_BYTES + 1, 0);
        v
    };
    for (files, code) in [
        (
            vec![("photos", "fake.png", b"<svg onload=alert(1)>".to_vec())],
            "photos.NotAnImage",
        ),
        (vec![("photos", "big.png", too_big)], "photos.FileTooLarge"),
        (
            (0..5)
                .map(|i| {
                    (
                        "photos",
                        ["a.png", "b.png", "c.png", "d.png", "e.png"][i],
                        png(),
                    )
                })
                .collect(),
            "photos.TooMany",
        ),
    ] {
        let r = c.post_multipart(&path, &fields, &files).await;
        assert_eq!(r.status, 303, "{code}");
        let location = r.headers["location"].to_str().unwrap().to_string();
        assert!(
            location.contains(&format!("return_error={code}")),
            "{location}"
        );
        assert!(
            location.contains("details=Cracked+lid") || location.contains("details=Cracked%20lid"),
            "{location}"
        );
        let page = c.get(location.split('#').next().unwrap()).await.body;
        assert!(page.contains("data-testid=\"return-error\""));
        assert!(
            page.contains("Cracked lid"),
            "the typed text is back in the form"
        );
    }
    assert_eq!(
        count(&app, "SELECT count() AS n FROM return_request GROUP ALL").await,
        0
    );
    assert_eq!(
        std::fs::read_dir(app.media_dir.path())
            .map(|d| d.count())
            .unwrap_or(0),
        0,
        "no file kept"
    );

    // a good upload: stored, listed, visible to the buyer and seller only
    let r = c
        .post_multipart(
            &path,
            &fields,
            &[("photos", "crack.png", png()), ("photos", "", Vec::new())],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.headers["location"], format!("/orders/{id}").as_str());
    let d = c.call("order_detail", &[("id", &id)]).await.json();
    let photos = d["return_request"]["photos"].as_array().unwrap().clone();
    assert_eq!(photos.len(), 1);
    let key = photos[0].as_str().unwrap();
    assert!(
        key.starts_with(&format!("returns/{id}/")) && key.ends_with(".png"),
        "{key}"
    );
    let url = format!("/media/private/{key}");
    let mine = c.get(&url).await;
    assert_eq!(mine.status, 200);
    assert_eq!(mine.headers["content-type"], "image/png");
    assert_eq!(mine.headers["x-content-type-options"], "nosniff");
    assert_eq!(seller.get(&url).await.status, 200);
    let mut stranger = shopper(&app, "stranger@example.com").await;
    assert_eq!(stranger.get(&url).await.status, 404);
    assert_eq!(app.client().get(&url).await.status, 404);
    assert_eq!(
        c.get("/media/private/returns/../../etc/passwd")
            .await
            .status,
        404
    );
    assert_eq!(
        c.get(&format!("/media/private/returns/{id}/not-listed.png"))
            .await
            .status,
        404
    );
    // someone else's order: not found, nothing stored
    let r = stranger
        .post_multipart(&path, &fields, &[("photos", "x.png", png())])
        .await;
    assert_eq!(r.status, 404);
}

/// The newest order (key) holding a product.
async fn order_with(app: &TestApp, product: &str) -> String {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE id FROM (SELECT record::id(shop_order) AS id, shop_order.created_at AS at FROM order_line WHERE product = $p ORDER BY at DESC LIMIT 1)")
        .bind(("p", RecordId::new("product", product)))
        .await
        .unwrap();
    let ids: Vec<String> = res.take(0).unwrap();
    ids[0].clone()
}

async fn trending_keys(app: &TestApp) -> Vec<String> {
    app::catalog::store::trending(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| app::state::key_of(&r.id))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trending_counts_units_paid_this_week_and_drops_cancelled_and_old_orders() {
    let app = seeded().await;
    let (a, b) = two_shop_products(&app, 10).await;
    let refresh = || app::catalog::refresh_trending(&app.state);
    // the demo orders were paid "now": their products trend until a week has passed
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(product) FROM order_line WHERE shop_order IN [shop_order:demo1, shop_order:demo2]")
        .await
        .unwrap();
    let mut demo: Vec<String> = res.take(0).unwrap();
    demo.sort();
    demo.dedup();
    assert!(!demo.is_empty());
    assert_eq!(refresh().await.unwrap(), demo.len());
    app.clock.advance(Duration::days(8));
    assert_eq!(refresh().await.unwrap(), 0);
    assert!(trending_keys(&app).await.is_empty());
    let home = app.client().get("/").await;
    assert!(!home.body.contains("data-testid=\"trending\""));

    // a: 3 units paid; b: 1 unit paid, and 5 more placed but never paid
    let mut c = shopper(&app, "buyer@example.com").await;
    add(&mut c, &a, "3").await;
    add(&mut c, &b, "1").await;
    let (_, form) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form).await.status, 200);
    for p in [&a, &b] {
        let id = order_with(&app, p).await;
        let mut seller = seller_of(&app, &id).await;
        assert_eq!(seller.call("mark_paid", &[("id", &id)]).await.status, 200);
    }
    let mut other = shopper(&app, "other@example.com").await;
    add(&mut other, &b, "5").await;
    let (_, form) = checkout_form(&mut other).await;
    assert_eq!(place(&mut other, &form).await.status, 200);

    assert_eq!(refresh().await.unwrap(), 2);
    assert_eq!(trending_keys(&app).await, vec![a.clone(), b.clone()]);
    let home = app.client().get("/").await;
    let section = home
        .body
        .split("data-testid=\"trending\"")
        .nth(1)
        .expect("a trending section");
    assert!(section.contains(&format!("/p/{a}")), "{section}");

    // a's paid order is cancelled: only b is left
    let a_order = order_with(&app, &a).await;
    let r = c
        .call(
            "cancel_order",
            &[("id", &a_order), ("reason", "changed_mind")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(refresh().await.unwrap(), 1);
    assert_eq!(trending_keys(&app).await, vec![b.clone()]);

    // a week later nothing counts
    app.clock.advance(Duration::days(7) + Duration::seconds(1));
    assert_eq!(refresh().await.unwrap(), 0);
    assert!(trending_keys(&app).await.is_empty());
}
