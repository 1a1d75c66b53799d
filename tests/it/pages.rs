//! Server-rendered pages: language, currency, 404s and generated media.

use integration::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_renders_seeded_products_in_both_languages() {
    let app = TestApp::spawn().await;
    app.seed(60).await;
    let mut c = app.client();
    let r = c.get("/").await;
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains("<html lang=\"en\""),
        "{}",
        &r.body[..200.min(r.body.len())]
    );
    assert!(r.body.contains("Harbour Market"));
    assert!(r.body.contains("New arrivals"));
    assert!(r.body.contains("data-testid=\"product-grid\""));
    assert!(r.body.contains("/media/gen/"));

    c.set_cookie("lang", "zh-Hant");
    let r = c.get("/").await;
    assert!(r.body.contains("<html lang=\"zh-Hant\""));
    assert!(r.body.contains("港灣市集") && r.body.contains("新品上架"));
    assert!(!r.body.contains("New arrivals"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_follows_accept_language_then_cookie() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let body = c
        .get_with("/login", &[("accept-language", "zh-TW,zh;q=0.9")])
        .await
        .body;
    assert!(body.contains("<html lang=\"zh-Hant\"") && body.contains("登入您的帳戶"));
    c.set_cookie("lang", "en");
    let body = c
        .get_with("/login", &[("accept-language", "zh-TW")])
        .await
        .body;
    assert!(body.contains("<html lang=\"en\"") && body.contains("Log in to your account"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prefs_route_sets_cookies_and_ignores_bogus_values() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let r = c.get("/prefs?lang=zh-Hant&currency=USD&next=/c/tea").await;
    assert_eq!(r.status, 303);
    assert_eq!(r.headers["location"], "/c/tea");
    assert_eq!(c.cookie("lang").as_deref(), Some("zh-Hant"));
    assert_eq!(c.cookie("currency").as_deref(), Some("USD"));
    c.get("/prefs?currency=XXX&lang=klingon&next=/").await;
    assert_eq!(
        c.cookie("currency").as_deref(),
        Some("USD"),
        "bogus currency ignored"
    );
    assert_eq!(
        c.cookie("lang").as_deref(),
        Some("zh-Hant"),
        "bogus language ignored"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn display_currency_converts_prices_and_says_approximate() {
    let app = TestApp::spawn().await;
    app.seed(60).await;
    let mut c = app.client();
    c.set_cookie("currency", "USD");
    let home = c.call("home_data", &[]).await.json();
    let card = &home["new_arrivals"][0];
    let charged = &card["price"]["charged"];
    if charged["currency"] != "USD" {
        assert_eq!(card["price"]["display"]["currency"], "USD");
    }
    let page = c.get("/").await.body;
    assert!(page.contains("approx."));
    // a bogus currency cookie falls back to the default without breaking the page
    c.set_cookie("currency", "NOPE");
    assert_eq!(c.get("/").await.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_pages_and_products_are_404() {
    let app = TestApp::spawn().await;
    app.seed(20).await;
    let mut c = app.client();
    let r = c.get("/no/such/page").await;
    assert_eq!(r.status, 404);
    assert!(r.body.contains("data-testid=\"not-found\""));
    assert_eq!(c.get("/p/d999999").await.status, 404);
    assert_eq!(c.get("/c/no-such-category").await.status, 404);
    let r = c.get("/p/d000001").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("application/json") || r.body.contains("<h1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn category_and_search_pages_find_products() {
    let app = TestApp::spawn().await;
    app.seed(120).await;
    let mut c = app.client();
    let r = c
        .call("category_page", &[("slug", "electronics")])
        .await
        .json();
    assert_eq!(r["crumbs"][0]["slug"], "electronics");
    assert!(!r["listing"]["cards"].as_array().unwrap().is_empty());
    c.set_cookie("lang", "zh-Hant");
    let hits = c.call("search_products", &[("q", "耳機")]).await.json();
    let hits = hits["cards"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .all(|h| h["title"].as_str().unwrap().contains("耳機")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_images_are_svg_and_cacheable() {
    let app = TestApp::spawn().await;
    let mut c = app.client();
    let r = c.get("/media/gen/headphones/d000001-0.svg").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers["content-type"], "image/svg+xml");
    assert!(r.body.starts_with("<svg"));
    assert_eq!(c.get("/media/gen/..%2Fetc/passwd.svg").await.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn product_pages_have_canonical_slug_url_open_graph_and_json_ld() {
    let app = TestApp::spawn().await;
    app.seed(20).await;
    app.state
        .db
        .query("UPDATE product:d000001 SET status = 'active', rating_count = 12, rating_avg = 4.5; UPDATE stock:d000001 SET on_hand = 3")
        .await
        .unwrap()
        .check()
        .unwrap();
    let mut c = app.client();
    let detail = c.call("product_page", &[("id", "d000001")]).await.json();
    let slug = detail["card"]["slug"].as_str().unwrap().to_string();
    assert!(
        !slug.is_empty()
            && slug
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
    );
    let canonical = format!("{}/p/d000001/{slug}", app.state.settings.public_origin);
    assert_eq!(detail["canonical_url"], canonical.as_str());

    let page = c.get(&format!("/p/d000001/{slug}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains(&format!("<link href=\"{canonical}\" rel=\"canonical\">")),
        "canonical link"
    );
    assert!(page
        .body
        .contains("property=\"og:type\" content=\"product\""));
    assert!(page
        .body
        .contains("property=\"og:image\" content=\"http://"));
    let start = page
        .body
        .find("application/ld+json\">")
        .expect("json-ld script")
        + "application/ld+json\">".len();
    let end = start + page.body[start..].find("</script>").unwrap();
    let ld: serde_json::Value =
        serde_json::from_str(&page.body[start..end]).expect("valid JSON-LD");
    assert_eq!(ld["@type"], "Product");
    assert_eq!(ld["offers"]["availability"], "https://schema.org/InStock");
    assert_eq!(
        ld["offers"]["priceCurrency"],
        detail["card"]["price"]["charged"]["currency"]
    );
    assert_eq!(ld["aggregateRating"]["reviewCount"], 12);
    assert_eq!(ld["aggregateRating"]["ratingValue"], "4.5");
    // product cards link to the canonical URL
    let home = c.get("/").await.body;
    assert!(home.contains("href=\"/p/d0"), "cards link to products");
    assert!(
        !home.contains("href=\"/p/d000001\""),
        "cards use the slug URL"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_text_search_stems_english_and_finds_chinese_substrings() {
    let app = TestApp::spawn().await;
    app.seed(120).await;
    let mut c = app.client();
    let titles = |v: serde_json::Value| -> Vec<String> {
        v["cards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["title"].as_str().unwrap().to_string())
            .collect()
    };
    let hits = titles(c.call("search_products", &[("q", "earbud")]).await.json());
    assert!(!hits.is_empty(), "stemmed English query finds 'Earbuds'");
    assert!(
        hits.iter().all(|t| t.to_lowercase().contains("earbud")),
        "{hits:?}"
    );
    c.set_cookie("lang", "zh-Hant");
    let hits = titles(c.call("search_products", &[("q", "藍牙")]).await.json());
    assert!(
        !hits.is_empty(),
        "a two-character query finds a longer title"
    );
    assert!(hits.iter().all(|t| t.contains("藍牙")), "{hits:?}");
    let none = c.call("search_products", &[("q", "zzzqqq")]).await.json();
    assert_eq!(none["cards"], serde_json::json!([]));
    let page = c.get("/search?q=zzzqqq").await;
    assert!(page.body.contains("data-testid=\"no-results\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_data_for_hydration_is_written_in_ascii() {
    let app = integration::TestApp::spawn().await;
    app.seed(40).await;
    let mut c = app.client();
    c.set_cookie("lang", "zh-Hant");
    let r = c.get("/search?q=%E8%80%B3%E6%A9%9F").await;
    assert_eq!(r.status, 200);
    // the page itself is Chinese, the serialised resources are \u escapes
    assert!(r.body.contains("耳機"));
    let data: String = r
        .body
        .split("__RESOLVED_RESOURCES[")
        .skip(1)
        .map(|s| s.split("</script>").next().unwrap_or_default())
        .collect();
    assert!(data.contains("\\\\u"), "{data}");
    assert!(data.is_ascii(), "{data}");
}
