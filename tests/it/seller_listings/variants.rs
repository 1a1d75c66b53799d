//! Variants with their own SKU, price and stock.

use integration::{Client, TestApp};

use super::{act, demo_seller, listing, png, save, status, upload};
use crate::checkout::seeded;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn variants_are_added_with_their_own_sku_price_and_stock() {
    let app = seeded().await;
    let mut s = demo_seller(&app, 1).await;
    let id = save(&mut s, "", &listing("Linen tea towel", "450", "10"))
        .await
        .json()
        .as_str()
        .unwrap()
        .to_string();
    upload(&mut s, &id, vec![png(200, 200)]).await;
    assert_eq!(act(&mut s, &id, "publish").await.json()["Status"], "active");
    let m = the_first_variant_names_the_listings_own_value_and_a_good_price(&mut s, &id).await;
    the_same_combination_twice_or_the_listings_own_value_is_refused(&mut s, &id).await;
    the_variant_is_live_with_its_own_price_and_stock(&app, &mut s, &id, &m).await;
    another_seller_cannot_add_variants(&app, &id).await;
}

/// The add-variant form for listing `id`: a "Size" of `value` at `price`, 7 in stock,
/// also naming the listing's own value ("S") when `own`.
pub(crate) fn variant_form(
    id: &str,
    own: bool,
    value: &'static str,
    price: &'static str,
) -> Vec<(String, String)> {
    let mut f = vec![
        ("id", id.to_string()),
        ("axis1_en", "Size".to_string()),
        ("axis1_zh", "尺寸".to_string()),
    ];
    if own {
        f.push(("own1_en", "S".into()));
        f.push(("own1_zh", "小".into()));
    }
    f.push(("value1_en", value.into()));
    f.push(("value1_zh", format!("{value}號")));
    f.push(("sku", format!("TOWEL-{value}")));
    f.push(("price", price.into()));
    f.push(("stock", "7".into()));
    f.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// The first variant must also name this listing's own value, and a good price; then
/// it is added. Returns the variant's id.
async fn the_first_variant_names_the_listings_own_value_and_a_good_price(
    s: &mut Client,
    id: &str,
) -> String {
    let f = variant_form(id, false, "M", "480");
    let r = s
        .call(
            "add_variant",
            &f.iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("\"own\""), "{}", r.body);
    let f = variant_form(id, true, "M", "-1");
    let r = s
        .call(
            "add_variant",
            &f.iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("variant_price"));
    let f = variant_form(id, true, "M", "480");
    let r = s
        .call(
            "add_variant",
            &f.iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json().as_str().unwrap().to_string()
}

/// The same combination twice, or this listing's own value, is refused.
async fn the_same_combination_twice_or_the_listings_own_value_is_refused(s: &mut Client, id: &str) {
    for v in ["M", "S"] {
        let f = variant_form(id, false, v, "480");
        let r = s
            .call(
                "add_variant",
                &f.iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect::<Vec<_>>(),
            )
            .await;
        assert_eq!(r.status, 422, "{v}");
    }
}

/// The variant is live (the listing is), with its own price and stock, and the
/// product page offers both sizes; variants are not listed on their own in the
/// seller's list.
async fn the_variant_is_live_with_its_own_price_and_stock(
    app: &TestApp,
    s: &mut Client,
    id: &str,
    m: &str,
) {
    assert_eq!(status(app, m).await, "active");
    let ed = s.call("listing_editor", &[("id", id)]).await.json();
    assert_eq!(ed["options"][0][2], "S");
    assert_eq!(ed["variants"][0]["sku"], "TOWEL-M");
    assert_eq!(ed["variants"][0]["price_minor"], 480);
    assert_eq!(ed["variants"][0]["on_hand"], 7);
    let page = app.client().get(&format!("/p/{id}")).await.body;
    assert!(
        page.contains("data-testid=\"variant-pickers\"") || page.contains(&format!("/p/{m}")),
        "pickers on the listing's page"
    );
    // variants are not listed on their own in the seller's list
    let list = s.call("seller_listings", &[("status", "")]).await.json();
    assert!(!list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == m));
}

/// Another seller cannot add variants to it.
async fn another_seller_cannot_add_variants(app: &TestApp, id: &str) {
    let mut b = demo_seller(app, 2).await;
    let f = variant_form(id, false, "L", "500");
    let r = b
        .call(
            "add_variant",
            &f.iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(r.status, 404);
}
