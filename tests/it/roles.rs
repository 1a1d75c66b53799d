//! The role gate on protected server functions and pages, per role.

use integration::{grant_roles, TestApp};

const PW: &str = "correct horse battery";

/// Signs in a fresh user holding `roles` (none = anonymous).
async fn client_as(app: &TestApp, who: &str) -> integration::Client {
    let mut c = app.client();
    if who == "anonymous" {
        return c;
    }
    let email = format!("{who}@example.com");
    c.sign_up(&email, who, PW).await;
    let roles: &[&str] = match who {
        "seller" => &["seller"],
        "moderator" => &["moderator"],
        "admin" => &["admin"],
        _ => &[],
    };
    grant_roles(app, &email, roles).await;
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn protected_server_functions_per_role() {
    let app = TestApp::spawn().await;
    // (who, seller_overview, admin_overview)
    let table = [
        ("anonymous", 401, 401),
        ("shopper", 403, 403),
        ("seller", 200, 403),
        ("moderator", 403, 200),
        ("admin", 403, 200),
    ];
    for (who, seller, admin) in table {
        let mut c = client_as(&app, who).await;
        let r = c.call("seller_overview", &[]).await;
        assert_eq!(r.status, seller, "{who} seller_overview: {}", r.body);
        let r = c.call("admin_overview", &[]).await;
        assert_eq!(r.status, admin, "{who} admin_overview: {}", r.body);
        if admin == 401 {
            assert_eq!(r.json(), serde_json::json!("Unauthenticated"));
        }
        if admin == 403 {
            assert_eq!(r.json(), serde_json::json!("Forbidden"));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seller_sees_only_their_own_shop() {
    let app = TestApp::spawn().await;
    app.seed(40).await;
    let mut c = app.client();
    assert_eq!(
        c.log_in("seller1@demo.test", "marketplace-demo")
            .await
            .status,
        200
    );
    let r = c.call("seller_overview", &[]).await.json();
    assert_eq!(r["shop"]["slug"], "formosa-tea-house");
    assert!(r["shop"]["total_listings"].as_i64().unwrap() > 0);
    let mut c = app.client();
    c.log_in("seller2@demo.test", "marketplace-demo").await;
    assert_eq!(
        c.call("seller_overview", &[]).await.json()["shop"]["slug"],
        "auralis-audio-lab"
    );
    let mut m = app.client();
    m.log_in("moderator@demo.test", "marketplace-demo").await;
    let o = m.call("admin_overview", &[]).await.json();
    assert_eq!(o["shops"], 14);
    assert_eq!(o["pending_shops"], 3);
    assert!(o["recent"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "shop.approve"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn area_pages_send_anonymous_visitors_to_log_in() {
    let app = TestApp::spawn().await;
    let mut anon = app.client();
    for (path, next) in [("/seller", "/seller"), ("/admin", "/admin")] {
        let r = anon.get(path).await;
        assert_eq!(r.status, 303, "{path}");
        assert_eq!(r.headers["location"], format!("/login?next={next}"));
    }
    let mut shopper = client_as(&app, "shopper").await;
    let r = shopper.get("/admin").await;
    assert_eq!(r.status, 403, "a signed-in shopper gets a 403 page");
    assert!(r.body.contains("data-testid=\"forbidden\""));
}
