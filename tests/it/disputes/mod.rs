//! Buyer protection: delivery confirmed by the buyer or the deadline, not the seller;
//! returns per item, sent back and received before the refund; claims a moderator
//! decides.

mod claims;
mod delivery;
mod returns;

use integration::{Client, TestApp};
use serde_json::Value;

use crate::checkout::{add, checkout_form, my_orders, pay_ship_deliver, place, seller_of, shopper};

/// A new shopper's placed order of `qty` of `product`: (buyer, order id).
async fn ordered(app: &TestApp, email: &str, product: &str, qty: &str) -> (Client, String) {
    let mut c = shopper(app, email).await;
    add(&mut c, product, qty).await;
    let (_, form) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form).await.status, 200);
    let id = my_orders(&mut c).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    (c, id)
}

/// The same, paid, shipped and delivered: (buyer, seller, order id).
async fn delivered(
    app: &TestApp,
    email: &str,
    product: &str,
    qty: &str,
) -> (Client, Client, String) {
    let (mut c, id) = ordered(app, email, product, qty).await;
    let mut seller = seller_of(app, &id).await;
    pay_ship_deliver(&mut seller, &mut c, &id).await;
    (c, seller, id)
}

async fn detail(c: &mut Client, id: &str) -> Value {
    c.call("order_detail", &[("id", id)]).await.json()
}
