//! Order events: every change of an order reaches the listeners, in order, inside the
//! order's own transaction — a listener that refuses stops the whole change (the order,
//! its stock and its ledger postings stay as they were).

use std::sync::{Arc, Mutex};

use app::events::{Contribution, OrderChange, OrderListener};
use backend::db::{Db, Refusal, Stmts};
use domain::order::OrderEvent;
use integration::TestApp;

use crate::checkout::{add, checkout_form, count, my_orders, place, seller_of, shopper, stock};

/// Records the events it sees; refuses the ones named in `refuse`.
#[derive(Default)]
struct Watcher {
    seen: Mutex<Vec<OrderEvent>>,
    refuse: Vec<OrderEvent>,
}

impl OrderListener for Watcher {
    fn on_order<'a>(&'a self, _db: &'a Db, change: &'a OrderChange) -> Contribution<'a> {
        Box::pin(async move {
            let mut s = Stmts::new();
            if self.refuse.contains(&change.event) {
                s.refuse_if("true", Refusal::Changed);
            } else if let Ok(mut seen) = self.seen.lock() {
                seen.push(change.event);
            }
            Ok(s)
        })
    }
}

async fn placed_order(app: &TestApp) -> (integration::Client, String, String) {
    app.seed(40).await;
    let (product, _) = crate::checkout::two_shop_products(app, 10).await;
    let mut buyer = shopper(app, "watcher@example.com").await;
    add(&mut buyer, &product, "2").await;
    let (_, form) = checkout_form(&mut buyer).await;
    assert_eq!(place(&mut buyer, &form).await.status, 200);
    let id = my_orders(&mut buyer).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    (buyer, id, product)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_order_change_reaches_the_listeners_in_order() {
    let watcher = Arc::new(Watcher::default());
    let app = TestApp::builder()
        .order_listener(watcher.clone())
        .spawn()
        .await;
    let (mut buyer, id, _) = placed_order(&app).await;
    let mut seller = seller_of(&app, &id).await;
    crate::checkout::pay_ship_deliver(&mut seller, &mut buyer, &id).await;
    assert_eq!(
        *watcher.seen.lock().unwrap(),
        vec![
            OrderEvent::Paid,
            OrderEvent::Shipped,
            OrderEvent::DeliveryReported,
            OrderEvent::Delivered
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listener_that_refuses_stops_the_whole_order_change() {
    let watcher = Arc::new(Watcher {
        refuse: vec![OrderEvent::Paid],
        ..Watcher::default()
    });
    let app = TestApp::builder()
        .order_listener(watcher.clone())
        .spawn()
        .await;
    let (mut buyer, id, product) = placed_order(&app).await;
    let ledger_before = count(&app, "SELECT count() AS n FROM ledger_entry GROUP ALL").await;
    let mut seller = seller_of(&app, &id).await;
    let r = seller.call("mark_paid", &[("id", &id)]).await;
    assert_eq!(r.status, 409, "{}", r.body);
    // nothing of the change was written: not the order, its stock, nor the ledger
    let detail = buyer.call("order_detail", &[("id", &id)]).await.json();
    assert_eq!(detail["status"], "Placed");
    assert_eq!(
        stock(&app, &product).await,
        (10, 2),
        "still reserved, not taken"
    );
    assert_eq!(
        count(&app, "SELECT count() AS n FROM ledger_entry GROUP ALL").await,
        ledger_before
    );
    assert!(watcher.seen.lock().unwrap().is_empty());
}
