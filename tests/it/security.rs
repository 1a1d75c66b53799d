//! Cross-origin protection on state-changing requests.

use integration::TestApp;

const PW: &str = "correct horse battery";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_origin_posts_are_rejected_and_change_nothing() {
    let app = TestApp::spawn().await;
    let form = [
        ("email", "mallory@example.com"),
        ("display_name", "M"),
        ("password", PW),
        ("next", "/"),
    ];
    let mut c = app.client();
    let r = c
        .call_with("sign_up", &form, &[("origin", "http://evil.example")])
        .await;
    assert_eq!(r.status, 403);
    let r = c
        .call_with("sign_up", &form, &[("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(r.status, 403);
    let users = app
        .row_counts()
        .await
        .into_iter()
        .find(|(t, _)| t == "user")
        .unwrap()
        .1;
    assert_eq!(users, 0, "nothing was created");
    assert!(c.cookie("session").is_none());

    // a signed-in victim's session cannot be ended from another site either
    let mut victim = app.client();
    victim.sign_up("victim@example.com", "V", PW).await;
    let r = victim
        .call_with(
            "log_out",
            &[],
            &[
                ("origin", "https://evil.example"),
                ("sec-fetch-site", "cross-site"),
            ],
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(victim.call("current_user", &[]).await.json().is_object());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn same_origin_browser_posts_are_allowed() {
    let app = TestApp::spawn().await;
    let origin = format!("http://{}", app.addr);
    let mut c = app.client();
    let r = c
        .call_with(
            "sign_up",
            &[
                ("email", "sam@example.com"),
                ("display_name", "Sam"),
                ("password", PW),
                ("next", "/account"),
            ],
            &[
                ("origin", origin.as_str()),
                ("sec-fetch-site", "same-origin"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), serde_json::json!("/account"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_redirects_are_refused() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let r = c
        .call(
            "sign_up",
            &[
                ("email", "oz@example.com"),
                ("display_name", "Oz"),
                ("password", PW),
                ("next", "//evil.example/x"),
            ],
        )
        .await;
    assert_eq!(r.json(), serde_json::json!("/"));
    let r = c.get("/prefs?lang=en&next=https://evil.example").await;
    assert_eq!(r.headers["location"], "/");
}

/// The browser tests' clock moves only for a request carrying its token, and only from
/// the site itself; a short token enables nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_test_clock_needs_its_token_and_the_same_origin() {
    let token = "0123456789abcdef0123";
    let app = TestApp::builder().test_clock(token).spawn().await;
    let mut c = app.client();
    let advance = "/__test/advance?days=1";
    let form = "application/x-www-form-urlencoded";
    assert_eq!(c.post_body(advance, form, "", &[]).await.status, 403);
    let wrong = [("x-test-clock", "0123456789abcdef0124")];
    assert_eq!(c.post_body(advance, form, "", &wrong).await.status, 403);
    let cross = [
        ("x-test-clock", token),
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ];
    assert_eq!(c.post_body(advance, form, "", &cross).await.status, 403);
    let before = app.state.now();
    let r = c
        .post_body(advance, form, "", &[("x-test-clock", token)])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(app.state.now() - before >= chrono::Duration::hours(23));

    assert!(server::test_clock::authorized(Some(token), token));
    assert!(!server::test_clock::authorized(None, token));
    assert!(!server::test_clock::authorized(Some("0123"), token));
}

/// A page names its own script nonce in its Content-Security-Policy (and its
/// hydration script carries it); every response forbids framing and keeps referrers
/// to our origin; anything that is not a page runs nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_a_nonce_policy_and_nothing_can_frame_them() {
    let app = TestApp::spawn().await;
    app.seed(20).await;
    let mut c = app.client();
    let page = c.get("/").await;
    assert_eq!(page.status, 200);
    let csp = page.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("a nonce in the policy");
    assert!(nonce.len() >= 16, "{csp}");
    assert!(
        page.body.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries it"
    );
    assert!(
        !csp.contains("'unsafe-inline' 'unsafe-eval'") && csp.contains("frame-ancestors 'none'")
    );
    let again = c.get("/").await;
    assert_ne!(
        again.headers["content-security-policy"], page.headers["content-security-policy"],
        "a fresh nonce per response"
    );
    for path in ["/", "/healthz", "/favicon.svg", "/api/current_user"] {
        let r = c.get(path).await;
        let h = |n: &str| r.headers.get(n).map(|v| v.to_str().unwrap().to_string());
        assert_eq!(h("x-frame-options").as_deref(), Some("DENY"), "{path}");
        assert_eq!(
            h("referrer-policy").as_deref(),
            Some("strict-origin-when-cross-origin")
        );
        assert_eq!(h("x-content-type-options").as_deref(), Some("nosniff"));
        assert!(h("content-security-policy")
            .unwrap()
            .contains("frame-ancestors 'none'"));
        assert!(
            h("strict-transport-security").is_none(),
            "not over plain http"
        );
    }
    let health = c.get("/healthz").await;
    assert!(health.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("sandbox"));
}
