//! Variants: each is its own product (SKU, price, stock, page); only the listed one
//! appears in listings; the product page links every option value.

use integration::TestApp;
use surrealdb::types::RecordId;

use crate::checkout::{add, checkout_form, place, shopper, stock};

struct Group {
    listed: String,
    /// (key, slug, title_en, price_minor, category key), listed first
    rows: Vec<(String, String, String, i64, String)>,
}

async fn a_group(app: &TestApp) -> Group {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM product WHERE variants != NONE AND status = 'active' ORDER BY id LIMIT 1")
        .await
        .unwrap();
    let listed: Vec<String> = res.take(0).unwrap();
    let listed = listed.first().expect("the seed has variants").clone();
    let mut res = app
        .state
        .db
        .query("SELECT VALUE [record::id(id), slug, title_en, price_minor, record::id(category)] FROM array::concat([$p], $p.variants)")
        .bind(("p", RecordId::new("product", listed.as_str())))
        .await
        .unwrap();
    let rows: Vec<serde_json::Value> = res.take(0).unwrap();
    let rows = rows
        .into_iter()
        .map(|r| {
            (
                r[0].as_str().unwrap().to_string(),
                r[1].as_str().unwrap().to_string(),
                r[2].as_str().unwrap().to_string(),
                r[3].as_i64().unwrap(),
                r[4].as_str().unwrap().to_string(),
            )
        })
        .collect();
    Group { listed, rows }
}

fn href(row: &(String, String, String, i64, String)) -> String {
    format!("/p/{}/{}", row.0, row.1)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn product_page_links_every_variant_and_each_variant_has_its_own_page() {
    let app = TestApp::spawn().await;
    app.seed(40).await;
    let g = a_group(&app).await;
    assert_eq!(g.rows.len(), 5, "{:?}", g.rows);
    let mut c = app.client();

    // the listed variant (colour 1 / S): both axes, every value a link
    let page = c.get(&href(&g.rows[0])).await;
    assert_eq!(page.status, 200);
    let pickers = page
        .body
        .split("data-testid=\"variants\"")
        .nth(1)
        .and_then(|rest| rest.split("data-testid=\"reviews\"").next())
        .expect("variant pickers");
    for axis in ["Colour", "Size"] {
        assert!(pickers.contains(axis), "{axis}");
    }
    // Colour: colour 2 (no S) leads to colour 2 / M (rows[3]); Size: M, L of colour 1
    for target in [&g.rows[1], &g.rows[2], &g.rows[3]] {
        assert!(pickers.contains(&href(target)), "{}", target.0);
    }
    assert_eq!(pickers.matches("aria-current=\"true\"").count(), 2);

    // colour 2 / L: its own title, price, and out of stock (seeded with none)
    let last = &g.rows[4];
    let page = c.get(&href(last)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(" / L"), "{}", last.2);
    assert!(page.body.contains("Out of stock"));
    assert_ne!(last.3, g.rows[0].3, "L costs more");
    let pickers = page.body.split("data-testid=\"variants\"").nth(1).unwrap();
    // from colour 2 / L, size M leads to colour 2 / M and colour 1 to colour 1 / L
    assert!(pickers.contains(&href(&g.rows[3])) && pickers.contains(&href(&g.rows[2])));

    // listings show the listed variant only
    let listing = c.get(&format!("/c/{}", g.rows[0].4)).await;
    assert!(listing.body.contains(&format!("/p/{}/", g.listed)));
    for other in &g.rows[1..] {
        assert!(
            !listing.body.contains(&format!("/p/{}/", other.0)),
            "{} listed",
            other.0
        );
    }
    let words: Vec<&str> = g.rows[0].2.split_whitespace().take(3).collect();
    let search = c.get(&format!("/search?q={}", words.join("+"))).await;
    assert!(
        search.body.contains(&format!("/p/{}/", g.listed)),
        "search finds the listed variant"
    );
    for other in &g.rows[1..] {
        assert!(!search.body.contains(&format!("/p/{}/", other.0)));
    }

    // a product without variants has no pickers
    let mut res = app
        .state
        .db
        .query("SELECT VALUE [record::id(id), slug] FROM product WHERE variants = NONE AND variant_of = NONE AND status = 'active' LIMIT 1")
        .await
        .unwrap();
    let plain: Vec<Vec<String>> = res.take(0).unwrap();
    let page = c.get(&format!("/p/{}/{}", plain[0][0], plain[0][1])).await;
    assert!(!page.body.contains("data-testid=\"variants\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_variant_is_bought_from_its_own_stock() {
    let app = TestApp::spawn().await;
    app.seed(40).await;
    let g = a_group(&app).await;
    let medium = &g.rows[1];
    crate::checkout::set_stock(&app, &medium.0, 5).await;
    let before_listed = stock(&app, &g.listed).await;
    let mut c = shopper(&app, "buyer@example.com").await;
    add(&mut c, &medium.0, "2").await;
    let cart = c.get("/cart").await;
    assert!(cart.body.contains(&medium.2), "the cart names the variant");
    // the sold-out variant cannot be added
    let r = c
        .call(
            "add_to_cart",
            &[("product_id", &g.rows[4].0), ("quantity", "1")],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    let (_, form) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form).await.status, 200);
    assert_eq!(stock(&app, &medium.0).await, (5, 2));
    assert_eq!(stock(&app, &g.listed).await, before_listed);
}
