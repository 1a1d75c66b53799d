//! Category and search listings: filters in the shopper's currency, stock and rating
//! filters, sorting across shop currencies, keyset pagination, bad filter input.

use std::collections::HashSet;

use integration::{Client, TestApp};
use serde_json::Value;

async fn page(c: &mut Client, slug: &str, extra: &[(&str, &str)]) -> Value {
    let mut form = vec![("slug", slug)];
    form.extend_from_slice(extra);
    let r = c.call("category_page", &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["listing"].clone()
}

fn ids(listing: &Value) -> Vec<String> {
    listing["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

async fn ref_price(app: &TestApp, id: &str) -> i64 {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE price_ref_minor FROM $p")
        .bind(("p", surrealdb::types::RecordId::new("product", id)))
        .await
        .unwrap();
    let v: Vec<i64> = res.take(0).unwrap();
    v[0]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyset_pages_cover_the_category_once_in_order() {
    let app = TestApp::spawn().await;
    app.seed(600).await;
    let mut c = app.client();
    for sort in ["", "price_asc", "price_desc", "rating"] {
        let mut seen = Vec::new();
        let mut after = String::new();
        loop {
            let mut extra = vec![("query[sort]", sort)];
            if !after.is_empty() {
                extra.push(("query[after]", after.as_str()));
            }
            let l = page(&mut c, "home", &extra).await;
            seen.extend(ids(&l));
            match l["next"].as_str() {
                Some(n) => after = n.to_string(),
                None => break,
            }
        }
        let unique: HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), seen.len(), "{sort}: a product appeared twice");
        assert!(
            seen.len() > 48,
            "{sort}: more than one page ({})",
            seen.len()
        );
        let total = app::state::count_unbound(
            &app.state.db,
            "SELECT count() AS n FROM product WHERE status = 'active' AND category.parent.parent = category:⟨home⟩ OR (status = 'active' AND category.parent = category:⟨home⟩) OR (status = 'active' AND category = category:⟨home⟩) GROUP ALL",
        )
        .await
        .unwrap();
        assert_eq!(seen.len() as i64, total, "{sort}: every product once");
        if sort == "price_asc" {
            let mut prices = Vec::new();
            for id in &seen {
                prices.push(ref_price(&app, id).await);
            }
            assert!(
                prices.windows(2).all(|w| w[0] <= w[1]),
                "ascending across shop currencies"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn price_range_is_in_the_display_currency_and_other_filters_apply() {
    let app = TestApp::spawn().await;
    app.seed(300).await;
    let mut c = app.client();
    c.set_cookie("currency", "USD");
    let all = page(&mut c, "electronics", &[]).await;
    let l = page(
        &mut c,
        "electronics",
        &[
            ("query[min]", "20"),
            ("query[max]", "60.50"),
            ("query[sort]", "price_asc"),
        ],
    )
    .await;
    assert!(!ids(&l).is_empty());
    assert!(ids(&l).len() < ids(&all).len() || all["next"].is_string());
    for id in ids(&l) {
        let cents = ref_price(&app, &id).await;
        assert!((2_000..=6_050).contains(&cents), "{id}: {cents}");
    }
    // the same bounds typed in TWD select the same products (about 32 TWD per USD)
    c.set_cookie("currency", "TWD");
    let twd = page(
        &mut c,
        "electronics",
        &[
            ("query[min]", "640"),
            ("query[max]", "1936"),
            ("query[sort]", "price_asc"),
        ],
    )
    .await;
    let overlap = ids(&twd).iter().filter(|i| ids(&l).contains(i)).count();
    assert!(
        overlap * 10 >= ids(&l).len() * 8,
        "{overlap} of {}",
        ids(&l).len()
    );

    // in stock only: every result has units available
    app.state
        .db
        .query("UPDATE stock SET reserved = on_hand WHERE record::id(id) IN ['d000001', 'd000002', 'd000003', 'd000004', 'd000005']")
        .await
        .unwrap()
        .check()
        .unwrap();
    let l = c
        .call("search_products", &[("q", "a"), ("query[in_stock]", "1")])
        .await
        .json();
    for card in l["cards"].as_array().unwrap() {
        let id = card["id"].as_str().unwrap();
        assert!(!["d000001", "d000002", "d000003", "d000004", "d000005"].contains(&id));
    }
    let l = page(&mut c, "electronics", &[("query[rating]", "4")]).await;
    assert!(l["cards"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["rating_x10"].as_u64().unwrap() >= 40));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreadable_filters_are_left_out_and_reported() {
    let app = TestApp::spawn().await;
    app.seed(600).await;
    let mut c = app.client();
    let plain = page(&mut c, "electronics", &[]).await;
    let l = page(
        &mut c,
        "electronics",
        &[
            ("query[min]", "-5"),
            ("query[max]", "lots"),
            ("query[rating]", "9"),
            ("query[after]", "x'; DROP TABLE product; --"),
            ("query[shop]", "no-such-shop"),
        ],
    )
    .await;
    assert_eq!(ids(&l), ids(&plain));
    let ignored: Vec<&str> = l["ignored"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(ignored, ["min", "max", "rating", "after", "shop"]);
    // the page says so and still lists products
    let r = c.get("/c/electronics?min=abc&sort=price_asc").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("could not be read"));
    assert!(r.body.contains("data-testid=\"product-grid\""));
    // a page-2 link keeps the filters
    let r = c.get("/c/home?sort=price_asc&in_stock=1").await;
    assert!(
        r.body.contains("sort=price_asc&amp;in_stock=1&amp;after=i"),
        "next link keeps filters"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typos_are_corrected_words_completed_and_matches_highlighted() {
    let app = TestApp::spawn().await;
    app.seed(120).await;
    let mut c = app.client();
    let s = c
        .call("search_suggestions", &[("q", "earbds")])
        .await
        .json();
    assert_eq!(s["corrected"], "earbuds", "{s}");
    assert!(
        !s["products"].as_array().unwrap().is_empty(),
        "products for the corrected query"
    );
    let s = c
        .call("search_suggestions", &[("q", "wireless ear")])
        .await
        .json();
    let words: Vec<&str> = s["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(words.contains(&"wireless earbuds"), "{words:?}");
    let s = c.call("search_suggestions", &[("q", "e")]).await.json();
    assert_eq!(
        s,
        serde_json::json!({"corrected": null, "words": [], "products": []})
    );
    // the results page offers the correction when nothing matches
    let page = c.get("/search?q=earbds").await.body;
    assert!(
        page.contains("data-testid=\"did-you-mean\""),
        "did you mean"
    );
    assert!(page.contains("/search?q=earbuds"));
    // and marks the matched words in titles
    let page = c.get("/search?q=earbuds").await.body;
    assert!(page.contains("<mark"), "highlighted");
    c.set_cookie("lang", "zh-Hant");
    let page = c.get("/search?q=%E8%80%B3%E6%A9%9F").await.body;
    assert!(
        page.contains(">耳機</mark>"),
        "Chinese matches are marked too"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn product_pages_show_related_products_and_every_image() {
    let app = TestApp::spawn().await;
    app.seed(120).await;
    let mut c = app.client();
    let d = c.call("product_page", &[("id", "d000001")]).await.json();
    let related: Vec<&str> = d["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(!related.is_empty() && related.len() <= 6);
    assert!(!related.contains(&"d000001"));
    let mut res = app
        .state
        .db
        .query("SELECT VALUE count(category = product:d000001.category) FROM $ids")
        .bind((
            "ids",
            related
                .iter()
                .map(|k| surrealdb::types::RecordId::new("product", *k))
                .collect::<Vec<_>>(),
        ))
        .await
        .unwrap();
    let same: Vec<i64> = res.take(0).unwrap();
    assert!(same.iter().all(|n| *n == 1), "same category");
    let page = c.get("/p/d000001").await.body;
    assert!(page.contains("data-testid=\"gallery\""));
    assert!(page.contains("data-testid=\"related\""));
    let images = d["images"].as_array().unwrap().len();
    assert_eq!(page.matches("id=\"img-").count(), images.max(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_reads_descriptions_but_ranks_titles_first() {
    let app = TestApp::spawn().await;
    app.seed(120).await;
    let mut c = app.client();
    // "packed" appears in every demo description and in no title
    let l = c.call("search_products", &[("q", "packed")]).await.json();
    let cards = l["cards"].as_array().unwrap();
    assert!(!cards.is_empty(), "found through descriptions");
    assert!(cards.iter().all(|c| !c["title"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("packed")));
    // a title match outranks description-only matches
    let l = c.call("search_products", &[("q", "earbuds")]).await.json();
    let first = l["cards"][0]["title"].as_str().unwrap().to_lowercase();
    assert!(first.contains("earbud"), "{first}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_seller_filter_lists_one_shops_products_on_category_and_search_pages() {
    let app = TestApp::spawn().await;
    app.seed(600).await;
    let mut c = app.client();
    let plain = page(&mut c, "electronics", &[]).await;
    let sellers: Vec<(String, String)> = plain["sellers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["slug"].as_str().unwrap().into(),
                s["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(sellers.len() >= 2, "{sellers:?}");
    // the shops that sell electronics, each filtered in turn
    let shops_of = |l: &Value| -> HashSet<String> {
        l["cards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["shop_name"].as_str().unwrap().to_string())
            .collect()
    };
    let selling = shops_of(&plain);
    assert!(selling.len() >= 2, "{selling:?}");
    let mut tried = 0;
    for (slug, name) in sellers.iter().filter(|(_, n)| selling.contains(n)) {
        let l = page(&mut c, "electronics", &[("query[shop]", slug)]).await;
        assert!(!ids(&l).is_empty(), "{slug}");
        assert_eq!(shops_of(&l), HashSet::from([name.clone()]), "{slug}");
        assert!(l["ignored"].as_array().unwrap().is_empty());
        tried += 1;
    }
    assert_eq!(tried, selling.len());

    // search pages too, and the page's form keeps the choice
    let (slug, name) = sellers.iter().find(|(_, n)| selling.contains(n)).unwrap();
    let r = c
        .call(
            "search_products",
            &[("q", "earbuds"), ("query[shop]", slug.as_str())],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let l = r.json();
    assert!(shops_of(&l).iter().all(|s| s == name), "{:?}", shops_of(&l));
    let html = c.get(&format!("/c/electronics?shop={slug}")).await;
    assert!(
        html.body
            .contains(&format!("<option value=\"{slug}\" selected")),
        "selected in the form"
    );
}
