//! Abuse limits that hold under concurrency and behind a proxy: the log-in throttle
//! counts parallel guesses, sign-ups are limited per address, a client's address comes
//! from `X-Forwarded-For` only through trusted proxies, unpaid offline orders cannot
//! hold a rival's stock, and a deployment's first administrator is made on the command
//! line.

use integration::TestApp;

use crate::checkout::{add, checkout_form, place, seeded, set_stock, shopper};

const PW: &str = "correct horse battery";

/// 50 wrong passwords for one account at once: at most the account's limit (5) are
/// checked (401); every other one is refused before its password is looked at (429).
/// Before, all 50 read the count before any failure was written, and all passed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_parallel_wrong_passwords_get_at_most_the_limit_of_tries() {
    let app = TestApp::spawn().await;
    app.client().sign_up("gil@example.com", "Gil", PW).await;
    let mut guesses = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let mut c = app.client();
        guesses.spawn(async move {
            c.log_in("gil@example.com", "wrong wrong wrong")
                .await
                .status
        });
    }
    let statuses = guesses.join_all().await;
    let tried = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(tried + refused, 50, "{statuses:?}");
    assert!(tried <= 5, "{tried} passwords were checked");
    // and the account stays locked for the right password too
    assert_eq!(app.client().log_in("gil@example.com", PW).await.status, 429);
}

/// A right password takes its own attempt back: signing in now and then never
/// locks anyone out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn successful_log_ins_do_not_count_against_the_limit() {
    let app = TestApp::spawn().await;
    app.client().sign_up("hal@example.com", "Hal", PW).await;
    for _ in 0..8 {
        assert_eq!(app.client().log_in("hal@example.com", PW).await.status, 200);
    }
}

/// One address opens at most 20 accounts an hour; the 21st is refused before its
/// password is hashed, and another hour lets it in again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_ups_are_limited_per_address() {
    let app = TestApp::spawn().await;
    for i in 0..20 {
        let r = app
            .client()
            .sign_up(&format!("new{i}@example.com"), "New", PW)
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let r = app.client().sign_up("new20@example.com", "New", PW).await;
    assert_eq!(r.status, 429, "{}", r.body);
    assert_eq!(
        app.client().log_in("new20@example.com", PW).await.status,
        401,
        "no account was made"
    );
    app.clock.advance(chrono::Duration::minutes(61));
    assert_eq!(
        app.client()
            .sign_up("new20@example.com", "New", PW)
            .await
            .status,
        200
    );
}

/// A log-in through a proxy that says the client is `from`; the reply's status.
async fn log_in_from(app: &TestApp, email: &str, password: &str, from: &str) -> u16 {
    app.client()
        .call_with(
            "log_in",
            &[("email", email), ("password", password), ("next", "/")],
            &[("x-forwarded-for", from)],
        )
        .await
        .status
}

/// Behind a trusted proxy each client is throttled on its own address (from
/// `X-Forwarded-For`), so one client's guesses lock out no one else; without the
/// proxy being trusted, the header is ignored (a client cannot pick a fresh address
/// for each guess).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_addresses_count_only_through_trusted_proxies() {
    let wrong = |i: usize| format!("user{i}@example.com");
    let bad = "wrong wrong wrong";
    let app = TestApp::builder()
        .trusted_proxies("127.0.0.1")
        .spawn()
        .await;
    app.client().sign_up("ivy@example.com", "Ivy", PW).await;
    for i in 0..20 {
        assert_eq!(log_in_from(&app, &wrong(i), bad, "198.51.100.7").await, 401);
    }
    let locked = log_in_from(&app, "ivy@example.com", PW, "198.51.100.7").await;
    assert_eq!(locked, 429, "the guessing address is locked");
    let other = log_in_from(&app, "ivy@example.com", PW, "203.0.113.9").await;
    assert_eq!(other, 200, "another client behind the proxy is not");

    // the proxy is not trusted: a spoofed header changes nothing, the peer is locked
    let app = TestApp::spawn().await;
    app.client().sign_up("ivy@example.com", "Ivy", PW).await;
    for i in 0..20 {
        let spoofed = format!("198.51.100.{i}");
        assert_eq!(log_in_from(&app, &wrong(i), bad, &spoofed).await, 401);
    }
    assert_eq!(
        log_in_from(&app, "ivy@example.com", PW, "203.0.113.9").await,
        429
    );
}

/// Unpaid offline orders hold stock for days: one buyer may hold at most half of a
/// product's free units, and have at most three unpaid checkouts at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unpaid_orders_cannot_hold_a_rivals_whole_stock() {
    let app = seeded().await;
    let (p, q) = crate::checkout::two_shop_products(&app, 10).await;
    let mut c = shopper(&app, "hoarder@example.com").await;
    add(&mut c, &p, "6").await;
    let (_, f) = checkout_form(&mut c).await;
    let r = place(&mut c, &f).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.json()["Order"]["UnpaidLimit"].is_object(), "{}", r.body);
    assert_eq!(
        crate::checkout::stock(&app, &p).await,
        (10, 0),
        "nothing held"
    );
    // half is fine, then nothing more of it until those are paid
    let mut c = shopper(&app, "buyer2@example.com").await;
    add(&mut c, &p, "5").await;
    let (_, f) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &f).await.status, 200);
    add(&mut c, &p, "1").await;
    let (_, f) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &f).await.status, 422);
    // three unpaid checkouts at most
    let mut d = shopper(&app, "buyer3@example.com").await;
    set_stock(&app, &q, 100).await;
    for n in 0..3 {
        add(&mut d, &q, "1").await;
        let (_, f) = checkout_form(&mut d).await;
        assert_eq!(place(&mut d, &f).await.status, 200, "checkout {n}");
    }
    add(&mut d, &q, "1").await;
    let (_, f) = checkout_form(&mut d).await;
    let r = place(&mut d, &f).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.json()["Order"]["UnpaidLimit"]["product"], "");
}

/// A real deployment's first administrator comes from the command line: an account
/// with the admin role, usable once its owner turns two-step sign-in on; the same
/// email or a weak password is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_administrator_is_created_from_the_command_line() {
    let app = TestApp::spawn().await;
    let made =
        app::accounts::imp::create_admin(&app.state, "root@shop.example", "Root", PW.into()).await;
    assert!(made.is_ok(), "{made:?}");
    let again =
        app::accounts::imp::create_admin(&app.state, "root@shop.example", "Root", PW.into()).await;
    assert!(matches!(again, Err(app::error::AppError::Invalid(_))));
    let weak =
        app::accounts::imp::create_admin(&app.state, "two@shop.example", "Two", "short".into())
            .await;
    assert!(matches!(weak, Err(app::error::AppError::Invalid(_))));
    let mut admin = app.client();
    assert_eq!(admin.log_in("root@shop.example", PW).await.status, 200);
    // its powers wait for two-step sign-in (see two_step.rs for turning it on)
    let r = admin.call("admin_overview", &[]).await;
    assert_eq!((r.status, r.json()), (403, "TwoStepRequired".into()));
    // an empty database has no demo accounts unless the demo is asked for
    assert_eq!(
        app.client()
            .log_in("admin@demo.test", server::seed::DEMO_PASSWORD)
            .await
            .status,
        401
    );
}

/// A checkout priced on a cart that was emptied (by another tab's checkout) and
/// filled again is refused by the cart's version guard: the emptied cart keeps
/// counting versions (a deleted cart started again at 1, and the stale checkout
/// passed, placing the lines it had priced and emptying the new cart).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_checkout_priced_before_the_cart_was_refilled_is_refused() {
    let app = seeded().await;
    let (p, _) = crate::checkout::two_shop_products(&app, 10).await;
    let mut one = shopper(&app, "tabs@example.com").await;
    add(&mut one, &p, "1").await;
    let cart = app::cart::store::user_cart("tabs@example.com");
    let priced = app::cart::store::load_versioned(&app.state.db, &cart)
        .await
        .unwrap()
        .version;
    // another tab places the cart, then the buyer fills it again
    let (_, f) = checkout_form(&mut one).await;
    assert_eq!(place(&mut one, &f).await.status, 200);
    add(&mut one, &p, "1").await;
    let buyer = surrealdb::types::RecordId::new("user", "tabs@example.com");
    let now = app.state.now();
    let stale = backend::orders::store::place_tx(backend::orders::store::PlacePlan {
        checkout: surrealdb::types::RecordId::new("checkout", "stale"),
        buyer,
        provider: "offline".into(),
        expires_at: now,
        now,
        reserve: Vec::new(),
        orders: Vec::new(),
        lines: Vec::new(),
        payments: Vec::new(),
        mails: Vec::new(),
        cart: cart.clone(),
        cart_version: priced,
        extra: backend::db::Stmts::new(),
    });
    assert_eq!(
        stale.run(&app.state.db).await.unwrap(),
        Err(backend::db::Refusal::Changed)
    );
    let kept = app::cart::store::load_versioned(&app.state.db, &cart)
        .await
        .unwrap();
    assert_eq!(kept.lines.len(), 1, "the refilled cart is kept");
}

/// No price above the ceiling gets into the catalogue, from any path: the database
/// itself refuses it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_refuses_a_price_above_the_ceiling() {
    let app = seeded().await;
    let (p, _) = crate::checkout::two_shop_products(&app, 10).await;
    let product = surrealdb::types::RecordId::new("product", p.as_str());
    let write = |n: i64| {
        let (db, product) = (app.state.db.clone(), product.clone());
        async move {
            db.query("UPDATE $p SET price_minor = $n")
                .bind(("p", product))
                .bind(("n", n))
                .await
                .unwrap()
                .check()
                .is_ok()
        }
    };
    assert!(!write(1_000_000_000_000_000).await);
    assert!(!write(-1).await);
    assert!(write(10_000_000).await);
}
