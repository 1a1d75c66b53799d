//! Storefront queries must use an index, never a full table scan (checked with EXPLAIN).
//! The queries are the stores' own text (their constants, or the function that builds
//! the text a store runs), with sample values bound to their variables, so a store
//! query that loses its index fails here.

use backend::{accounts, catalog, orders, promotions, qa, reviews, sellers};
use chrono::{Duration, Utc};
use domain::listing::ListingStatus;
use integration::TestApp;
use surrealdb::types::{RecordId, SurrealValue, Value};

/// A store query and sample values for its variables.
struct Query {
    sql: String,
    vars: Vec<(String, Value)>,
}

fn query(sql: impl Into<String>) -> Query {
    Query {
        sql: sql.into(),
        vars: Vec::new(),
    }
}

impl Query {
    fn bind(mut self, name: &str, value: impl SurrealValue) -> Self {
        self.vars.push((name.to_string(), value.into_value()));
        self
    }
}

async fn plan(app: &TestApp, q: &Query) -> String {
    let mut req = app.state.db.query(format!("{} EXPLAIN", q.sql));
    for (k, v) in &q.vars {
        req = req.bind((k.clone(), v.clone()));
    }
    let mut res = req.await.unwrap();
    let v: Value = res.take(0).unwrap();
    format!("{v:?}")
}

fn rid(table: &str, key: &str) -> RecordId {
    RecordId::new(table, key)
}

fn product_reviews(sort: &str) -> reviews::store::ReviewFilter<'_> {
    reviews::store::ReviewFilter {
        stars: None,
        with_photos: false,
        lang: None,
        sort,
    }
}

/// The product page's reviews: every sort and filter has its index.
fn review_queries() -> Vec<Query> {
    let filters = [
        product_reviews("newest"),
        product_reviews("helpful"),
        product_reviews("lowest"),
        reviews::store::ReviewFilter {
            stars: Some(5),
            ..product_reviews("newest")
        },
        reviews::store::ReviewFilter {
            with_photos: true,
            ..product_reviews("newest")
        },
        reviews::store::ReviewFilter {
            lang: Some("en"),
            ..product_reviews("newest")
        },
    ];
    filters
        .iter()
        .map(|f| {
            query(reviews::store::reviews_query(f))
                .bind("p", rid("product", "d000001"))
                .bind("stars", i64::from(f.stars.unwrap_or(0)))
                .bind("lang", f.lang.unwrap_or_default().to_string())
                .bind("limit", 11)
        })
        .collect()
}

fn storefront_queries() -> Vec<Query> {
    let now = Utc::now();
    let epoch = chrono::DateTime::<Utc>::UNIX_EPOCH;
    let shop = rid("shop", "mori-home");
    let me = rid("user", "a@b.c");
    let mut queries = vec![
        // home: new arrivals and top rated
        query(catalog::store::newest_query()).bind("limit", 12),
        query(catalog::store::top_rated_query()).bind("limit", 8),
        // category page
        query(catalog::store::in_categories_query())
            .bind(
                "cats",
                vec![rid("category", "headphones"), rid("category", "speakers")],
            )
            .bind("limit", 48),
        // product page
        query(catalog::store::PRODUCT_IMAGES).bind("id", rid("product", "d000001")),
        query(catalog::store::AVAILABLE_STOCK).bind("id", rid("product", "d000001")),
        // product page: questions and their answers
        query(qa::store::product_questions_query())
            .bind("p", rid("product", "d000001"))
            .bind("r", me.clone())
            .bind("n", 500),
        query(qa::store::answers_query())
            .bind(
                "qs",
                vec![rid("product_question", "q1"), rid("product_question", "q2")],
            )
            .bind("r", me.clone()),
        // log-in throttling and seller centre
        query(accounts::store::RECENT_LOGIN_FAILURES)
            .bind("kind", "account".to_string())
            .bind("key", "a@b.c".to_string())
            .bind("since", now - Duration::minutes(15)),
        query(sellers::store::SHOP_OF_OWNER).bind("user", rid("user", "seller1@demo.test")),
        query(sellers::listings_store::LIVE_LISTINGS).bind("shop", shop.clone()),
        // order lists: every order's lines in one query
        query(orders::store::LINES_OF).bind(
            "orders",
            vec![rid("shop_order", "demo1"), rid("shop_order", "demo2")],
        ),
        // running promotions: home page, and the shops of a checkout
        query(promotions::store::running_promotions_query())
            .bind("now", now)
            .bind("limit", 6),
        // the marketing area: a shop's promotions
        query(promotions::store::promotions_of_shop_query())
            .bind("shop", shop.clone())
            .bind("limit", 200),
        query(promotions::store::shop_promotions_query())
            .bind(
                "shops",
                vec![shop.clone(), rid("shop", "auralis-audio-lab")],
            )
            .bind("now", now),
        // the trending job: a week of payments
        query(catalog::store::PAID_SINCE).bind("since", now - Duration::days(7)),
        // the listing scheduler (every minute): only listings with a time set (the
        // conditions of its UPDATE statements)
        query(format!(
            "SELECT id FROM product WHERE {}",
            sellers::listings_store::DUE_TO_PUBLISH
        ))
        .bind("epoch", epoch)
        .bind("now", now),
        query(format!(
            "SELECT id FROM product WHERE {}",
            sellers::listings_store::DUE_TO_DELIST
        ))
        .bind("epoch", epoch)
        .bind("now", now),
        // the settlement job (every minute): unsettled delivered orders only
        query(sellers::money_store::ORDERS_DUE)
            .bind("epoch", epoch)
            .bind("cutoff", now - Duration::days(7)),
        // the delivery job (every minute): shipped orders past their deadline
        query(orders::store::DELIVERIES_DUE).bind("now", now),
        // the claims job: claims whose seller did not answer in time
        query(orders::store::CLAIMS_DUE).bind("now", now),
        // seller centre: a shop's listings, applications awaiting review
        query(sellers::listings_store::shop_listings_query(None)).bind("shop", shop.clone()),
        query(sellers::listings_store::shop_listings_query(Some(
            ListingStatus::Active,
        )))
        .bind("shop", shop.clone()),
        query(sellers::onboarding_store::sellers_with_status_query()).bind(
            "statuses",
            vec!["submitted".to_string(), "in_review".to_string()],
        ),
        // review checks and lists
        query(reviews::store::SAME_TEXT)
            .bind("tk", "abc".to_string())
            .bind("me", me.clone()),
        query(reviews::store::SAME_DEVICE)
            .bind("device", "abc".to_string())
            .bind("me", me.clone())
            .bind("shop", shop.clone()),
        query(reviews::store::SAME_CARD)
            .bind("fp", "abc".to_string())
            .bind("me", me.clone())
            .bind("shop", shop.clone()),
        query(reviews::store::SELLER_ON_DEVICE)
            .bind("device", "abc".to_string())
            .bind("owner", me.clone()),
        query(reviews::store::RECENT_REVIEWS)
            .bind("p", rid("product", "d000001"))
            .bind("since", now - Duration::hours(1)),
        query(reviews::store::HELD_REVIEWS),
        query(reviews::store::REPORTED_REVIEWS),
        query(reviews::store::AWAITING_REPLY).bind("shop", shop.clone()),
        query(reviews::store::OPEN_REPORTS)
            .bind("ids", vec![rid("review", "a"), rid("review", "b")]),
    ];
    queries.extend(follower_queries(&shop, &me));
    queries.extend(review_queries());
    queries
}

/// Followers: the shops they follow, each one's newest listings; a promotion's report.
fn follower_queries(shop: &RecordId, me: &RecordId) -> Vec<Query> {
    let now = Utc::now();
    vec![
        query(catalog::store::FOLLOWED)
            .bind("user", me.clone())
            .bind("limit", 500),
        query(catalog::store::newest_of_shop_query(0))
            .bind("s0", shop.clone())
            .bind("per", 6),
        query(promotions::store::report::ORDERS)
            .bind("shop", shop.clone())
            .bind("from", now - Duration::days(2))
            .bind("to", now)
            .bind("limit", 50_000),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn storefront_queries_use_indexes() {
    let app = TestApp::spawn().await;
    app.seed(50).await;
    for q in storefront_queries() {
        let p = plan(&app, &q).await;
        let sql = &q.sql;
        assert!(
            p.contains("IndexScan") || p.contains("IndexCountScan"),
            "no index used by {sql}\n{p}"
        );
        assert!(!p.contains("TableScan"), "full table scan in {sql}\n{p}");
        assert!(!p.contains("Backward"), "backward index scan in {sql}\n{p}");
    }
    // the settlement job walks only unsettled orders, not every delivered one
    let due = query(sellers::money_store::ORDERS_DUE)
        .bind("epoch", chrono::DateTime::<Utc>::UNIX_EPOCH)
        .bind("cutoff", Utc::now() - Duration::days(7));
    let p = plan(&app, &due).await;
    assert!(p.contains("shop_order_unsettled"), "{p}");
    // and the check can fail: an unindexed filter scans the table
    let p = plan(&app, &query("SELECT id FROM product WHERE title_en = 'x'")).await;
    assert!(!p.contains("IndexScan"), "{p}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_uses_the_full_text_indexes() {
    let app = TestApp::spawn().await;
    app.seed(30).await;
    let search = query(catalog::store::search_query())
        .bind("q", "earbuds".to_string())
        .bind("limit", 48);
    let p = plan(&app, &search).await;
    assert!(!p.contains("TableScan"), "full table scan in search\n{p}");
    assert!(p.contains("FullTextScan"), "{p}");
    assert!(
        p.contains("product_title_en_ft") && p.contains("product_title_zh_ft"),
        "{p}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listing_filters_and_sorts_use_indexes() {
    use catalog::store::{explain_listing, CursorValue, ListingFilter, Sort};
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
