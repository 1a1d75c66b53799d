//! A model-based test of money on every path: random sequences of what buyers,
//! sellers, Stripe and the clock do to card orders (buy, pay — sometimes twice or
//! late —, let the session expire, cancel, ship and deliver, return and accept, refund
//! any amount, refund the whole charge at Stripe, settle), against one database and
//! the Stripe stand-in, with the rules checked after every step:
//! - the money a buyer gets back never exceeds what they paid for the order, at Stripe
//!   or in our books, and Stripe's refunds per payment never exceed what it captured;
//! - every ledger transaction balances, and no order's sale goes below zero;
//! - an order refunded in full has nothing left on the shop's books;
//! - every cent Stripe refunded of a payment (ours, and its own from the dashboard,
//!   in full or in part) is held by the refunds of the orders it paid or by an open
//!   alert for an admin, who may attribute it to an order at any step;
//! - stock: on hand ≥ reserved ≥ 0.
//!
//! `MODEL_CASES` sequences of `MODEL_STEPS` steps (3 × 30 in the test command; the
//! nightly command runs more), each from its own seed (`MODEL_SEED` to replay one).

use integration::{env_or, Client, Rng};
use surrealdb::types::SurrealValue;

use super::refunds::{our_units, stripe_units};
use super::*;

struct World {
    app: TestApp,
    calls: Calls,
    products: [String; 2],
    buyers: Vec<Client>,
    /// Checkouts placed, with their buyer.
    checkouts: Vec<(String, usize)>,
    events: usize,
    admin: Client,
    /// What Stripe refunded itself of each payment intent (its dashboard), ours.
    dashboard: std::collections::HashMap<String, i64>,
}

impl World {
    async fn orders(&self) -> Vec<(String, String, String)> {
        let mut res = self
            .app
            .state
            .db
            .query("SELECT VALUE [record::id(id), record::id(checkout), status] FROM shop_order ORDER BY id")
            .await
            .unwrap();
        let rows: Vec<Vec<String>> = res.take(0).unwrap();
        // the model's own checkouts (the demo data has orders of its own)
        rows.into_iter()
            .filter(|r| self.checkouts.iter().any(|c| c.0 == r[1]))
            .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
            .collect()
    }

    async fn deliver(&mut self, kind: &str, object: Value) {
        self.events += 1;
        let body = event(&format!("evt_model_{}", self.events), kind, object);
        let (status, text) = deliver(&self.app, &body, signed(&self.app, &body)).await;
        assert_eq!(status, 200, "{kind}: {text}");
    }

    fn session(&self, checkout: &str, status: &str) -> Value {
        let mut s = session_object(checkout, status);
        s["payment_intent"] = json!(format!("pi_{checkout}"));
        s
    }

    async fn seller(&self, order: &str) -> Client {
        crate::checkout::seller_of(&self.app, order).await
    }

    /// One random step; returns what it did, for the failure message.
    async fn step(&mut self, rng: &mut Rng) -> String {
        let orders = self.orders().await;
        let pick = |rng: &mut Rng, want: &[&str]| {
            let some: Vec<&(String, String, String)> = orders
                .iter()
                .filter(|o| want.contains(&o.2.as_str()))
                .collect();
            (!some.is_empty()).then(|| some[rng.below(some.len())].clone())
        };
        let checkout = (!self.checkouts.is_empty())
            .then(|| self.checkouts[rng.below(self.checkouts.len())].0.clone());
        match rng.below(10) {
            0 | 1 => self.buy(rng).await,
            2 | 3 => match checkout {
                Some(c) => self.pay(rng, &c).await,
                None => "nothing to pay".into(),
            },
            4 => match checkout {
                Some(c) => {
                    let s = self.session(&c, "unpaid");
                    self.deliver("checkout.session.expired", s).await;
                    format!("Stripe: {c} expired")
                }
                None => "nothing to expire".into(),
            },
            5 => match pick(rng, &["placed", "paid"]) {
                Some((order, c, _)) => self.cancel(&order, &c).await,
                None => "nothing to cancel".into(),
            },
            6 => match pick(rng, &["paid", "shipped"]) {
                Some((order, c, status)) => self.ship(&order, &c, &status).await,
                None => "nothing to ship".into(),
            },
            7 => match pick(rng, &["delivered"]) {
                Some((order, c, _)) => self.return_it(rng, &order, &c).await,
                None => "nothing to return".into(),
            },
            8 => match pick(
                rng,
                &["paid", "shipped", "delivered", "completed", "cancelled"],
            ) {
                Some((order, _, _)) => self.refund(rng, &order).await,
                None => "nothing to refund".into(),
            },
            _ => match (rng.below(4), checkout) {
                (0, Some(c)) => self.refund_at_stripe(rng, &c, true).await,
                (1, Some(c)) => self.refund_at_stripe(rng, &c, false).await,
                (2, _) => self.attribute(rng).await,
                _ => self.later().await,
            },
        }
    }

    /// Eight days pass and the shops' money is settled.
    async fn later(&mut self) -> String {
        self.app.clock.advance(chrono::Duration::days(8));
        app::sellers::money::imp::settle_due(&self.app.state, self.app.state.now())
            .await
            .unwrap();
        // sessions end after 30 days: everyone signs in again
        for (i, b) in self.buyers.iter_mut().enumerate() {
            let r = b
                .log_in(&format!("model{i}@example.com"), crate::checkout::PW)
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
        }
        let r = self
            .admin
            .log_in("admin@model.example", crate::checkout::PW)
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        "eight days later: settled".into()
    }

    /// What the payment of `checkout` captured, and what Stripe refunded of it so far
    /// (ours sent, its own), in our minor units.
    async fn at_stripe(&self, checkout: &str) -> (i64, i64) {
        let pi = format!("pi_{checkout}");
        let mut res = self
            .app
            .state
            .db
            .query("SELECT VALUE [math::sum(amount_minor), currency] FROM payment WHERE external_id = $pi GROUP ALL")
            .bind(("pi", pi.clone()))
            .await
            .unwrap();
        let rows: Vec<(i64, String)> = res.take(0).unwrap_or_default();
        let Some((captured, currency)) = rows.into_iter().next() else {
            return (0, 0);
        };
        let ours: i64 = self
            .calls
            .lock()
            .unwrap()
            .iter()
            .filter(|(p, f, _)| p == "refunds" && get(f, "payment_intent") == Some(pi.as_str()))
            .map(|(_, f, _)| get(f, "amount").unwrap().parse::<i64>().unwrap())
            .sum();
        let ours = our_units(ours, &currency);
        (
            captured,
            ours + self.dashboard.get(&pi).copied().unwrap_or(0),
        )
    }

    /// Stripe's dashboard refunds the rest of the payment (`whole`) or a random part of
    /// it, and tells us.
    async fn refund_at_stripe(&mut self, rng: &mut Rng, checkout: &str, whole: bool) -> String {
        let (captured, refunded) = self.at_stripe(checkout).await;
        let left = captured - refunded;
        if left <= 0 {
            return format!("nothing left at Stripe of {checkout}");
        }
        let n = if whole {
            left
        } else {
            1 + rng.below(left as usize) as i64
        };
        let pi = format!("pi_{checkout}");
        *self.dashboard.entry(pi.clone()).or_default() += n;
        let currency = self.currency().await;
        let stripe = |m: i64| stripe_units(m, &currency);
        let mut charge: Value = serde_json::from_str(CHARGE).unwrap();
        charge["payment_intent"] = json!(pi);
        charge["amount"] = json!(stripe(captured));
        charge["amount_refunded"] = json!(stripe(refunded + n));
        charge["refunded"] = json!(refunded + n >= captured);
        self.deliver("charge.refunded", charge).await;
        format!(
            "Stripe's dashboard refunded {n} of {checkout} ({} of {captured} now)",
            refunded + n
        )
    }

    async fn currency(&self) -> String {
        let mut res = self
            .app
            .state
            .db
            .query("SELECT VALUE currency FROM payment LIMIT 1")
            .await
            .unwrap();
        let c: Vec<String> = res.take(0).unwrap();
        c.into_iter().next().unwrap_or_default()
    }

    /// The admin attributes some of an open alert (all of it, part, too much) to one of
    /// the orders its payment paid.
    async fn attribute(&mut self, rng: &mut Rng) -> String {
        let mut res = self
            .app
            .state
            .db
            .query("SELECT VALUE [record::id(id), payment_intent, <string> gap_minor] FROM payment_alert WHERE status = 'open' AND kind = 'provider_refund'")
            .await
            .unwrap();
        let open: Vec<(String, String, String)> = res.take(0).unwrap();
        if open.is_empty() {
            return "no alert to attribute".into();
        }
        let (alert, pi, gap) = open[rng.below(open.len())].clone();
        let gap: i64 = gap.parse().unwrap();
        let mut res = self
            .app
            .state
            .db
            .query("SELECT VALUE record::id(shop_order) FROM payment WHERE external_id = $pi")
            .bind(("pi", pi))
            .await
            .unwrap();
        let orders: Vec<String> = res.take(0).unwrap();
        let order = orders[rng.below(orders.len())].clone();
        let minor = [gap, (gap / 2).max(1), gap + 1, 1][rng.below(4)];
        let currency = domain::Currency::parse(&self.currency().await).unwrap();
        let amount = domain::Money::new(minor, currency).decimal_string();
        let r = self
            .admin
            .call(
                "attribute_refund",
                &[("alert", &alert), ("order", &order), ("amount", &amount)],
            )
            .await;
        format!(
            "admin attributed {minor} of {alert} (gap {gap}) to {order}: {}",
            r.status
        )
    }

    async fn buy(&mut self, rng: &mut Rng) -> String {
        let b = rng.below(self.buyers.len());
        let qty = (1 + rng.below(3)).to_string();
        let p = self.products[rng.below(2)].clone();
        let c = &mut self.buyers[b];
        let r = c
            .call(
                "add_to_cart",
                &[("product_id", p.as_str()), ("quantity", qty.as_str())],
            )
            .await;
        if r.status != 200 {
            return format!("buyer {b} could not add {qty} of {p}");
        }
        let (_, f) = checkout_form(c).await;
        let r = place(c, &f).await;
        if r.status != 200 {
            return format!("buyer {b} was refused: {}", r.body);
        }
        let checkout = r.json()["checkout_id"].as_str().unwrap().to_string();
        self.checkouts.push((checkout.clone(), b));
        format!("buyer {b} placed {checkout}")
    }

    async fn pay(&mut self, rng: &mut Rng, checkout: &str) -> String {
        let kind = if rng.below(3) == 0 {
            "checkout.session.async_payment_succeeded"
        } else {
            "checkout.session.completed"
        };
        let s = self.session(checkout, "paid");
        self.deliver(kind, s).await;
        format!("Stripe: {checkout} paid ({kind})")
    }

    fn buyer_of(&self, checkout: &str) -> usize {
        self.checkouts.iter().find(|c| c.0 == checkout).unwrap().1
    }

    async fn cancel(&mut self, order: &str, checkout: &str) -> String {
        let b = self.buyer_of(checkout);
        let r = self.buyers[b]
            .call("cancel_order", &[("id", order), ("reason", "changed_mind")])
            .await;
        format!("buyer {b} cancelled {order}: {}", r.status)
    }

    async fn ship(&mut self, order: &str, checkout: &str, status: &str) -> String {
        let mut s = self.seller(order).await;
        if status == "paid" {
            s.call(
                "ship_order",
                &[("id", order), ("carrier", "DHL"), ("tracking", "1234")],
            )
            .await;
        }
        s.call("mark_delivered", &[("id", order)]).await;
        let b = self.buyer_of(checkout);
        let r = self.buyers[b]
            .call("confirm_delivery", &[("id", order)])
            .await;
        format!("seller shipped, buyer {b} confirmed {order}: {}", r.status)
    }

    async fn return_it(&mut self, rng: &mut Rng, order: &str, checkout: &str) -> String {
        let b = self.buyer_of(checkout);
        self.buyers[b]
            .call(
                "request_return",
                &[("id", order), ("kind", "return"), ("reason", "damaged")],
            )
            .await;
        let mut seller = self.seller(order).await;
        if rng.below(2) == 0 {
            let r = seller
                .call(
                    "decide_return",
                    &[
                        ("id", order),
                        ("accept", "false"),
                        ("reason", "Worn, not as sold."),
                    ],
                )
                .await;
            return format!("return of {order} refused: {}", r.status);
        }
        seller
            .call("decide_return", &[("id", order), ("accept", "true")])
            .await;
        self.buyers[b]
            .call(
                "ship_return",
                &[("id", order), ("carrier", "DHL"), ("tracking", "R1")],
            )
            .await;
        let r = seller.call("receive_return", &[("id", order)]).await;
        format!(
            "return of {order} accepted, sent back and received: {}",
            r.status
        )
    }

    async fn refund(&mut self, rng: &mut Rng, order: &str) -> String {
        // any amount: within what was paid, all of it, or more
        let amount = ["0.01", "1", "5", "50", "500", "100000"][rng.below(6)];
        let r = self
            .seller(order)
            .await
            .call("refund_order", &[("id", order), ("amount", amount)])
            .await;
        format!("seller refunded {amount} of {order}: {}", r.status)
    }

    /// Per payment: never more refunded than captured, and every cent Stripe refunded
    /// held by an order's refunds or an open alert.
    async fn check_payments(&self, why: &str) {
        let db = &self.app.state.db;
        let stripe_calls = self.calls.lock().unwrap().clone();
        // per payment: never more refunded than captured
        for (checkout, _) in &self.checkouts {
            let pi = format!("pi_{checkout}");
            let refunded: i64 = stripe_calls
                .iter()
                .filter(|(p, f, _)| p == "refunds" && get(f, "payment_intent") == Some(pi.as_str()))
                .map(|(_, f, _)| get(f, "amount").unwrap().parse::<i64>().unwrap())
                .sum();
            let mut res = db
                .query("SELECT VALUE math::sum(amount_minor) FROM payment WHERE external_id = $pi GROUP ALL")
                .bind(("pi", pi.clone()))
                .await
                .unwrap();
            let sums: Vec<Option<i64>> = res.take(0).unwrap_or_default();
            let paid_through = sums.first().copied().flatten().unwrap_or(0);
            let currency = self.currency().await;
            assert!(
                refunded <= stripe_units(paid_through, &currency),
                "{pi}: refunded {refunded} of {paid_through}\n{}",
                why
            );
        }
        // every cent Stripe refunded is held by an order's refunds or an open alert
        for (checkout, _) in &self.checkouts {
            let (_, at_stripe) = self.at_stripe(checkout).await;
            let mut res = db
                .query("SELECT VALUE math::sum(shop_order.refunded_minor) FROM payment WHERE external_id = $pi GROUP ALL; \
                        SELECT VALUE gap_minor FROM payment_alert WHERE payment_intent = $pi AND status = 'open'")
                .bind(("pi", format!("pi_{checkout}")))
                .await
                .unwrap();
            let held: Vec<i64> = res.take(0).unwrap_or_default();
            let open: Vec<i64> = res.take(1).unwrap_or_default();
            let (held, open) = (held.first().copied().unwrap_or(0), open.iter().sum::<i64>());
            assert!(
                at_stripe <= held + open,
                "{checkout}: Stripe refunded {at_stripe}, orders hold {held}, alerts {open}\n{}",
                why
            );
        }
    }

    /// The rules, checked against the database and what Stripe was asked.
    async fn check(&self, trail: &[String]) {
        let db = &self.app.state.db;
        let why = || trail.join("\n");
        let mut res = db
            .query(
                "SELECT VALUE [record::id(id), (SELECT VALUE amount_minor FROM payment WHERE shop_order = $parent.id)[0] ?? 0, \
                   refunded_minor ?? 0, payment_status, \
                   math::sum((SELECT VALUE amount_minor FROM ledger_entry WHERE shop_order = $parent.id AND account = 'clearing')), \
                   count((SELECT id FROM ledger_entry WHERE shop_order = $parent.id AND kind = 'sale')), currency] FROM shop_order",
            )
            .await
            .unwrap();
        let rows: Vec<(String, i64, i64, String, i64, i64, String)> = res.take(0).unwrap();
        let stripe_calls = self.calls.lock().unwrap().clone();
        for (order, paid, refunded, payment, clearing, sales, currency) in &rows {
            assert!(
                *refunded <= *paid,
                "{order}: refunded {refunded} of {paid}\n{}",
                why()
            );
            assert!(
                *clearing >= 0,
                "{order}: the sale went below zero\n{}",
                why()
            );
            if payment == "refunded" && *sales > 0 {
                assert_eq!(
                    *clearing,
                    0,
                    "{order}: refunded in full, books not\n{}",
                    why()
                );
            }
            let at_stripe: i64 = stripe_calls
                .iter()
                .filter(|(p, _, k)| {
                    p == "refunds"
                        && k.as_deref()
                            .is_some_and(|k| k.starts_with(&format!("refund-{order}-")))
                })
                .map(|(_, f, _)| get(f, "amount").unwrap().parse::<i64>().unwrap())
                .sum();
            assert!(
                at_stripe <= stripe_units(*paid, currency),
                "{order}: Stripe refunded {at_stripe} of {paid}\n{}",
                why()
            );
        }
        self.check_payments(&why()).await;
        // every ledger transaction balances
        let mut res = db
            .query("SELECT txn, math::sum(amount_minor) AS n FROM ledger_entry GROUP BY txn")
            .await
            .unwrap();
        #[derive(SurrealValue)]
        struct T {
            txn: String,
            n: i64,
        }
        for t in res.take::<Vec<T>>(0).unwrap() {
            assert_eq!(t.n, 0, "{} does not balance\n{}", t.txn, why());
        }
        // stock
        let mut res = db
            .query("SELECT VALUE [on_hand, reserved] FROM stock WHERE on_hand < reserved OR reserved < 0")
            .await
            .unwrap();
        let bad: Vec<Vec<i64>> = res.take(0).unwrap();
        assert!(bad.is_empty(), "stock {bad:?}\n{}", why());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_sequences_keep_the_money_and_stock_rules() {
    let cases = env_or("MODEL_CASES", 3);
    let steps = env_or("MODEL_STEPS", 30);
    let first = env_or("MODEL_SEED", 0x5EED_0001);
    let mut seen = (0, 0, 0);
    for case in 0..cases {
        let seed = first.wrapping_add(case.wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1;
        let (api, calls) = stand_in().await;
        let app = TestApp::builder().stripe(api).spawn().await;
        app.seed(60).await;
        let (a, b) = same_currency_products(&app).await;
        app::accounts::imp::create_admin(
            &app.state,
            "admin@model.example",
            "Admin",
            crate::checkout::PW.into(),
        )
        .await
        .unwrap();
        integration::two_step_on(&app, "admin@model.example").await;
        let mut admin = app.client();
        let r = admin
            .log_in("admin@model.example", crate::checkout::PW)
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let mut buyers = Vec::new();
        for i in 0..3 {
            buyers.push(shopper(&app, &format!("model{i}@example.com")).await);
        }
        let mut world = World {
            app,
            calls,
            products: [a, b],
            buyers,
            checkouts: Vec::new(),
            events: 0,
            admin,
            dashboard: Default::default(),
        };
        let mut rng = Rng(seed);
        let mut trail = vec![format!("seed {seed}")];
        for _ in 0..steps {
            let did = world.step(&mut rng).await;
            trail.push(did);
            world.check(&trail).await;
        }
        let calls = world.calls.lock().unwrap().clone();
        seen.0 += world.checkouts.len();
        seen.1 += calls.iter().filter(|(p, _, _)| p == "transfers").count();
        seen.2 += calls.iter().filter(|(p, _, _)| p == "refunds").count();
    }
    // the sequences did reach the paths the rules are about
    assert!(
        seen.0 > 0 && seen.1 > 0 && seen.2 > 0,
        "checkouts, transfers, refunds: {seen:?}"
    );
}
