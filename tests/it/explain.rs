//! Storefront queries must use an index, never a full table scan (checked with EXPLAIN).

use integration::TestApp;

async fn plan(app: &TestApp, sql: &str) -> String {
    let mut res = app.state.db.query(format!("{sql} EXPLAIN")).await.unwrap();
    let v: surrealdb::types::Value = res.take(0).unwrap();
    format!("{v:?}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn storefront_queries_use_indexes() {
    let app = TestApp::spawn().await;
    app.seed(50).await;
    let queries = [
        // home: new arrivals and top rated
        "SELECT id FROM product WHERE status = 'active' ORDER BY newest_key LIMIT 12",
        "SELECT id FROM product WHERE status = 'active' AND rating_count >= 3 ORDER BY rating_key LIMIT 8",
        // category page
        "SELECT id FROM product WHERE status = 'active' AND category IN [category:headphones, category:speakers] ORDER BY newest_key LIMIT 48",
        // product page
        "SELECT VALUE url FROM product_image WHERE product = product:d000001 ORDER BY position",
        "SELECT VALUE on_hand - reserved FROM stock WHERE product = product:d000001",
        // log-in throttling and seller centre
        "SELECT VALUE failed_at FROM login_failure WHERE kind = 'account' AND subject_key = 'a@b.c' AND failed_at > time::now() - 15m",
        "SELECT id FROM shop WHERE owner = user:⟨seller1@demo.test⟩ LIMIT 1",
        "SELECT count() AS n FROM product WHERE shop = shop:⟨mori-home⟩ GROUP ALL",
        // order lists: every order's lines in one query
        "SELECT title FROM order_line WHERE shop_order IN [shop_order:demo1, shop_order:demo2]",
        // running promotions: home page, and the shops of a checkout
        "SELECT id FROM promotion WHERE ends_at > time::now() AND starts_at <= time::now() ORDER BY ends_at LIMIT 6",
        "SELECT id FROM promotion WHERE shop IN [shop:⟨mori-home⟩, shop:⟨auralis-audio-lab⟩] AND ends_at > time::now() AND starts_at <= time::now()",
        // the trending job: a week of payments
        "SELECT VALUE shop_order FROM order_event WHERE kind = 'paid' AND at > time::now() - 7d",
        // the listing scheduler (every minute): only listings with a time set
        "SELECT id FROM product WHERE publish_at >= d'1970-01-01T00:00:00Z' AND publish_at <= time::now() AND status = 'scheduled'",
        "SELECT id FROM product WHERE delist_at >= d'1970-01-01T00:00:00Z' AND delist_at <= time::now() AND status IN ['active', 'scheduled']",
        // the settlement job (every minute): unsettled delivered orders only
        "SELECT id FROM shop_order WHERE settled_at = NONE AND delivered_at >= d'1970-01-01T00:00:00Z' AND delivered_at < time::now() - 7d AND payment_status IN ['paid', 'refunded'] LIMIT 500",
        // seller centre: a shop's listings, applications awaiting review
        "SELECT id FROM product WHERE shop = shop:⟨mori-home⟩ ORDER BY updated_key LIMIT 500",
        "SELECT id FROM seller WHERE status IN ['submitted', 'in_review'] ORDER BY submitted_at LIMIT 200",
        // product page reviews: every sort and filter has its index
        "SELECT id FROM review WHERE product = product:d000001 AND status = 'published' ORDER BY sort_new LIMIT 11",
        "SELECT id FROM review WHERE product = product:d000001 AND status = 'published' ORDER BY sort_helpful LIMIT 11",
        "SELECT id FROM review WHERE product = product:d000001 AND status = 'published' ORDER BY sort_low LIMIT 11",
        "SELECT id FROM review WHERE product = product:d000001 AND status = 'published' AND rating = 5 ORDER BY sort_new LIMIT 11",
        "SELECT id FROM review WHERE product = product:d000001 AND status = 'published' AND has_photos = true ORDER BY sort_new LIMIT 11",
        "SELECT id FROM review WHERE product = product:d000001 AND status = 'published' AND lang = 'en' ORDER BY sort_new LIMIT 11",
        // review checks and lists
        "SELECT VALUE author FROM review WHERE text_key = 'abc' AND author != user:⟨a@b.c⟩ LIMIT 1",
        "SELECT VALUE author FROM review WHERE device = 'abc' AND author != user:⟨a@b.c⟩ AND shop = shop:⟨mori-home⟩ LIMIT 1",
        "SELECT VALUE author FROM review WHERE payment_fp = 'abc' AND author != user:⟨a@b.c⟩ AND shop = shop:⟨mori-home⟩ LIMIT 1",
        "SELECT VALUE user FROM user_session WHERE device = 'abc' AND user = user:⟨a@b.c⟩ LIMIT 1",
        "SELECT id FROM review WHERE product = product:d000001 AND created_at > time::now() - 1h",
        "SELECT id FROM review WHERE status = 'held' ORDER BY created_at LIMIT 100",
        "SELECT id FROM review WHERE reports > 0 AND status = 'published' ORDER BY created_at LIMIT 100",
        "SELECT id FROM review WHERE shop = shop:⟨mori-home⟩ AND status = 'published' AND reply = NONE",
        "SELECT review, reason FROM review_report WHERE review IN [review:a, review:b] AND status = 'open'",
    ];
    for q in queries {
        let p = plan(&app, q).await;
        assert!(
            p.contains("IndexScan") || p.contains("IndexCountScan"),
            "no index used by {q}\n{p}"
        );
        assert!(!p.contains("TableScan"), "full table scan in {q}\n{p}");
        assert!(!p.contains("Backward"), "backward index scan in {q}\n{p}");
    }
    // the settlement job walks only unsettled orders, not every delivered one
    let p = plan(
        &app,
        "SELECT id FROM shop_order WHERE settled_at = NONE AND delivered_at >= d'1970-01-01T00:00:00Z' AND delivered_at < time::now() - 7d LIMIT 500",
    )
    .await;
    assert!(p.contains("shop_order_unsettled"), "{p}");
    // and the check can fail: an unindexed filter scans the table
    let p = plan(&app, "SELECT id FROM product WHERE title_en = 'x'").await;
    assert!(!p.contains("IndexScan"), "{p}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_uses_the_full_text_indexes() {
    let app = TestApp::spawn().await;
    app.seed(30).await;
    let p = plan(
        &app,
        "SELECT id, search::score(1) + search::score(2) AS score FROM product \
         WHERE (title_en @1@ 'earbuds' OR title_zh @2@ 'earbuds') AND status = 'active' \
         ORDER BY score DESC LIMIT 48",
    )
    .await;
    assert!(!p.contains("TableScan"), "full table scan in search\n{p}");
    assert!(p.contains("FullTextScan"), "{p}");
    assert!(
        p.contains("product_title_en_ft") && p.contains("product_title_zh_ft"),
        "{p}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listing_filters_and_sorts_use_indexes() {
    use app::catalog::store::{explain_listing, CursorValue, ListingFilter, Sort};
    use surrealdb::types::RecordId;
    let app = TestApp::spawn().await;
    app.seed(50).await;
    let cats = Some(vec![
        RecordId::new("category", "headphones"),
        RecordId::new("category", "speakers"),
    ]);
    let cases = [
        (
            ListingFilter {
                categories: cats.clone(),
                ..Default::default()
            },
            Sort::Newest,
        ),
        (
            ListingFilter {
                categories: cats.clone(),
                min_ref: Some(1_000),
                max_ref: Some(9_000),
                ..Default::default()
            },
            Sort::PriceAsc,
        ),
        (
            ListingFilter {
                categories: cats.clone(),
                in_stock: true,
                min_rating: Some(4.0),
                ..Default::default()
            },
            Sort::Rating,
        ),
        (
            ListingFilter {
                categories: cats.clone(),
                after: Some((CursorValue::Int(5_000), "d000003".into())),
                ..Default::default()
            },
            Sort::PriceDesc,
        ),
        (
            ListingFilter {
                categories: cats.clone(),
                shop: Some(RecordId::new("shop", "auralis-audio-lab")),
                ..Default::default()
            },
            Sort::Newest,
        ),
        (
            ListingFilter {
                categories: Some(vec![RecordId::new("category", "headphones")]),
                shop: Some(RecordId::new("shop", "auralis-audio-lab")),
                ..Default::default()
            },
            Sort::PriceAsc,
        ),
        (
            ListingFilter {
                search: Some("earbuds".into()),
                in_stock: true,
                ..Default::default()
            },
            Sort::Relevance,
        ),
        (
            ListingFilter {
                search: Some("藍牙".into()),
                min_ref: Some(100),
                ..Default::default()
            },
            Sort::PriceAsc,
        ),
    ];
    for (f, sort) in cases {
        let p = explain_listing(&app.state.db, &f, sort).await.unwrap();
        assert!(
            !p.contains("TableScan"),
            "full table scan for {sort:?} {f:?}\n{p}"
        );
        assert!(
            p.contains("IndexScan") || p.contains("FullTextScan"),
            "{sort:?} {f:?}\n{p}"
        );
        // SurrealKV reads indexes backwards 30-50x slower (migration 0008)
        assert!(
            !p.contains("Backward"),
            "backward index scan for {sort:?} {f:?}\n{p}"
        );
    }
}
