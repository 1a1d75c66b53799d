//! Selling abroad: shipping zones, the product page's delivery panel and checkout refusing lines that cannot ship.

use super::*;

/// A product of the demo's Taiwan-only shop.
async fn domestic_product(app: &TestApp) -> String {
    let shop = RecordId::new("shop", server::seed::DOMESTIC_ONLY_SHOP);
    let mut res = app
        .state
        .db
        .query("SELECT VALUE meta::id(id) FROM product WHERE status = 'active' AND currency = 'TWD' ORDER BY id LIMIT 1")
        .await
        .unwrap();
    let ids: Vec<String> = res.take(0).unwrap();
    let id = ids[0].clone();
    app.state
        .db
        .query("UPDATE type::record('product', $id) SET shop = $shop")
        .bind(("id", id.clone()))
        .bind(("shop", shop))
        .await
        .unwrap()
        .check()
        .unwrap();
    app.state.catalog_cache.invalidate();
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn products_say_where_they_ship_and_checkout_refuses_lines_that_cannot() {
    let app = seeded().await;
    let snack = domestic_product(&app).await;
    let tea: String = {
        let mut res = app
            .state
            .db
            .query("SELECT VALUE meta::id(id) FROM product WHERE status = 'active' AND shop = shop:`formosa-tea-house` ORDER BY id LIMIT 1")
            .await
            .unwrap();
        let v: Vec<String> = res.take(0).unwrap();
        v.first().cloned().expect("a formosa product")
    };

    // product pages: a shopper in Japan
    let mut c = shopper(&app, "abroad@example.test").await;
    c.set_cookie("country", "JP");
    let d = c.call("product_page", &[("id", &snack)]).await.json();
    assert_eq!(d["delivery"]["country"], "JP");
    assert_eq!(d["delivery"]["estimate"], Value::Null, "{}", d["delivery"]);
    assert_eq!(d["delivery"]["ships_to"], serde_json::json!(["TW"]));
    let d = c.call("product_page", &[("id", &tea)]).await.json();
    let e = &d["delivery"]["estimate"];
    assert_eq!(e["duties"], true);
    assert_eq!(
        (e["days_min"].as_i64(), e["days_max"].as_i64()),
        (Some(2), Some(5))
    );
    let html = c.get(&format!("/p/{snack}")).await.body;
    assert!(
        html.contains("This shop doesn&#x27;t ship to")
            || html.contains("This shop doesn't ship to"),
        "not-shipped note"
    );
    assert!(html.contains("data-ships=\"false\""));
    let html = c.get(&format!("/p/{tea}")).await.body;
    assert!(html.contains("Import duties and taxes may be charged"));
    // a bogus country cookie is ignored; the browser's region is used instead
    let mut b = app.client();
    b.set_cookie("country", "ZZ");
    let r = b
        .get_with(&format!("/p/{tea}"), &[("accept-language", "en-US")])
        .await;
    assert!(r.body.contains("data-country=\"US\""));

    // checkout: both products to a Japanese address — refused, naming the snack, with
    // nothing saved, reserved or ordered
    add(&mut c, &snack, "1").await;
    add(&mut c, &tea, "1").await;
    let (_, form) = checkout_form(&mut c).await;
    let jp: Vec<(String, String)> = form
        .iter()
        .map(|(k, v)| {
            if k == "country" {
                (k.clone(), "JP".to_string())
            } else {
                (k.clone(), v.clone())
            }
        })
        .chain([("save_address".to_string(), "on".to_string())])
        .collect();
    let orders_before = count(&app, "SELECT count() AS n FROM shop_order GROUP ALL").await;
    let addresses_before = count(&app, "SELECT count() AS n FROM address GROUP ALL").await;
    let reserved_before = count(
        &app,
        "SELECT count() AS n FROM stock WHERE reserved > 0 GROUP ALL",
    )
    .await;
    let r = place(&mut c, &jp).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let err = &r.json()["Order"]["CannotShip"];
    assert_eq!(err["country"], "JP");
    let items = err["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "only the snack: {err}");
    assert_eq!(
        count(&app, "SELECT count() AS n FROM shop_order GROUP ALL").await,
        orders_before
    );
    assert_eq!(
        count(&app, "SELECT count() AS n FROM address GROUP ALL").await,
        addresses_before
    );
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM stock WHERE reserved > 0 GROUP ALL"
        )
        .await,
        reserved_before
    );

    // to Taiwan, both ship
    let r = place(&mut c, &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sellers_set_zones_field_by_field_and_only_their_own() {
    let app = seeded().await;
    let mut snacks = shop_owner(&app, server::seed::DOMESTIC_ONLY_SHOP).await;
    bad_zones_name_each_field_and_change_nothing(&mut snacks).await;
    a_zone_adds_its_countries_and_the_product_page_says_so(&app, &mut snacks).await;
    only_the_shop_removes_its_zone(&app, &mut snacks).await;
}

/// Signs in the owner of the shop `slug`.
async fn shop_owner(app: &TestApp, slug: &'static str) -> Client {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE owner.email FROM ONLY type::record('shop', $s)")
        .bind(("s", slug))
        .await
        .unwrap();
    let email: Option<String> = res.take(0).unwrap();
    let mut c = app.client();
    let r = c.log_in(&email.unwrap(), server::seed::DEMO_PASSWORD).await;
    assert_eq!(r.status, 200, "{}", r.body);
    c
}

/// How many zones a shipping setup lists.
fn zones(c: &Value) -> usize {
    c["zones"].as_array().unwrap().len()
}

/// The domestic shop ships from and to Taiwan only; a bad zone names each field at
/// fault, one without countries is refused, and neither adds a zone.
async fn bad_zones_name_each_field_and_change_nothing(snacks: &mut Client) {
    let d = snacks.call("shipping_setup", &[]).await.json();
    assert_eq!(d["ships_from"], "TW");
    assert_eq!(d["ships_to"], serde_json::json!(["TW"]));
    let before = zones(&d);
    let r = snacks
        .call(
            "save_zone",
            &[
                ("name_en", ""),
                ("countries[0]", "XX"),
                ("price", "-5"),
                ("free_over", "abc"),
                ("days_min", "9"),
                ("days_max", "3"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.field_errors(),
        vec![
            "name_en.Required",
            "countries.InvalidChoice",
            "price.Required",
            "free_over.InvalidNumber",
            "days_max.InvalidNumber"
        ]
    );
    let r = snacks
        .call(
            "save_zone",
            &[
                ("name_en", "Asia"),
                ("price", "350"),
                ("days_min", "4"),
                ("days_max", "8"),
            ],
        )
        .await;
    assert_eq!(r.field_errors(), vec!["countries.Required"]);
    assert_eq!(
        zones(&snacks.call("shipping_setup", &[]).await.json()),
        before
    );
}

/// A zone for Hong Kong and Japan adds them to where the shop ships, and a snack's
/// product page now says it reaches Japan.
async fn a_zone_adds_its_countries_and_the_product_page_says_so(
    app: &TestApp,
    snacks: &mut Client,
) {
    let r = snacks
        .call(
            "save_zone",
            &[
                ("name_en", "Asia (air)"),
                ("name_zh", "亞洲空運"),
                ("countries[2]", "JP"),
                ("countries[1]", "HK"),
                ("price", "350"),
                ("free_over", ""),
                ("days_min", "4"),
                ("days_max", "8"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = snacks.call("shipping_setup", &[]).await.json();
    assert_eq!(d["ships_to"], serde_json::json!(["TW", "HK", "JP"]));
    let zone = d["zones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|z| z["code"] == "asia-air")
        .cloned()
        .unwrap();
    assert_eq!(zone["price"]["amount_minor"], 350);

    // now a snack reaches Japan: the product page says so
    let snack = domestic_product(app).await;
    let mut c = app.client();
    c.set_cookie("country", "JP");
    let d = c.call("product_page", &[("id", &snack)]).await.json();
    assert_eq!(d["delivery"]["estimate"]["days_min"], 4);
}

/// Another seller cannot remove the zone (the id is built from their own shop); its
/// own shop can; shoppers have no shipping setup.
async fn only_the_shop_removes_its_zone(app: &TestApp, snacks: &mut Client) {
    let mut tea = shop_owner(app, "formosa-tea-house").await;
    let r = tea.call("remove_zone", &[("code", "asia-air")]).await;
    assert_eq!(r.status, 404);
    let r = tea.call("remove_zone", &[("code", "../x")]).await;
    assert_eq!(r.status, 404);
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM shipping_method WHERE code = 'asia-air' GROUP ALL"
        )
        .await,
        1
    );
    let r = snacks.call("remove_zone", &[("code", "asia-air")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = snacks.call("shipping_setup", &[]).await.json();
    assert_eq!(d["ships_to"], serde_json::json!(["TW"]));
    // shoppers have no shipping setup
    let mut s = shopper(app, "zones-shopper@example.test").await;
    assert_eq!(s.call("shipping_setup", &[]).await.status, 403);
}
