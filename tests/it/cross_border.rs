//! Cross-border selling: exchange rates (ECB import, manual rates, stale flag),
//! display currency and language on server-rendered pages, and selling abroad (zones,
//! the product page's delivery panel, checkout refusing lines that cannot ship to the
//! address).

use integration::{Client, TestApp};
use serde_json::Value;
use surrealdb::types::RecordId;

use crate::checkout::{add, checkout_form, count, place, seeded, shopper};

async fn admin(app: &TestApp) -> Client {
    let mut c = app.client();
    let r = c
        .log_in("admin@demo.test", server::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    c
}

async fn rate(app: &TestApp, quote: &str) -> (i64, String) {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE [rate_e9, source] FROM type::record('fx_rate', 'USD_' + $q)")
        .bind(("q", quote.to_string()))
        .await
        .unwrap();
    let v: Vec<Value> = res.take(0).unwrap();
    let v = v.into_iter().next().expect("rate row");
    (v[0].as_i64().unwrap(), v[1].as_str().unwrap().to_string())
}

fn location(r: &integration::Reply) -> String {
    r.headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Every rate, for "nothing changed" comparisons.
async fn all_rates(app: &TestApp) -> Vec<Value> {
    let mut res = app
        .state
        .db
        .query("SELECT quote, rate_e9, source, as_of FROM fx_rate ORDER BY quote")
        .await
        .unwrap();
    res.take(0).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ecb_import_rebases_to_usd_and_malformed_files_change_nothing() {
    let app = seeded().await;
    let mut a = admin(&app).await;
    let twd_before = rate(&app, "TWD").await;
    let jpy_product_ref: i64 = count(
        &app,
        "SELECT price_ref_minor AS n FROM product WHERE currency = 'JPY' ORDER BY id LIMIT 1",
    )
    .await;

    let before = malformed_files_are_refused_and_change_nothing(&app, &mut a).await;
    let mut s = shoppers_and_sellers_cannot_import(&app, &before).await;
    the_sample_is_rebased_to_usd_and_reference_prices_follow(
        &app,
        &mut a,
        twd_before,
        jpy_product_ref,
    )
    .await;
    let ecb_age = the_admin_page_flags_rates_older_than_the_limit(&mut a).await;
    the_clock_flags_the_rest_and_a_higher_limit_clears_them(&app, &mut a, ecb_age).await;
    shoppers_cannot_read_or_change_rates(&mut s).await;
}

/// A malformed file: the line at fault is reported and nothing is written; other junk
/// is refused too. Returns the rates before (unchanged).
async fn malformed_files_are_refused_and_change_nothing(
    app: &TestApp,
    a: &mut Client,
) -> Vec<Value> {
    let before = all_rates(app).await;
    let bad = app::fx::imp::SAMPLE_ECB.replacen("rate='161.38'", "rate='-161.38'", 1);
    let r = a
        .post_multipart(
            "/admin/rates/import",
            &[],
            &[("file", "eurofxref-daily.xml", bad.into_bytes())],
        )
        .await;
    assert_eq!(r.status, 303);
    let loc = location(&r);
    assert!(loc.starts_with("/admin/rates?import_error="), "{loc}");
    assert!(loc.contains("line%2010"), "names line 10: {loc}");
    assert_eq!(all_rates(app).await, before);
    assert_eq!(
        count(app, "SELECT count() AS n FROM fx_history GROUP ALL").await,
        0
    );
    for junk in [
        b"not xml at all".to_vec(),
        b"<html><body>rates</body></html>".to_vec(),
        vec![0xff, 0xfe, 0x00],
        app::fx::imp::SAMPLE_ECB
            .replacen("currency='USD'", "currency='CHX'", 1)
            .into_bytes(),
    ] {
        let r = a
            .post_multipart("/admin/rates/import", &[], &[("file", "x.xml", junk)])
            .await;
        assert!(location(&r).contains("import_error="), "{}", location(&r));
    }
    assert_eq!(all_rates(app).await, before);

    before
}

/// Shoppers and sellers cannot import; returns a shopper.
async fn shoppers_and_sellers_cannot_import(app: &TestApp, before: &[Value]) -> Client {
    let mut s = shopper(app, "fx-shopper@example.test").await;
    let r = s
        .post_multipart("/admin/rates/import", &[("sample", "1")], &[])
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(all_rates(app).await, before);

    s
}

/// The bundled sample: euro rates turned into dollar rates (those the ECB does not
/// publish keep theirs), recorded and audited; reference prices follow.
async fn the_sample_is_rebased_to_usd_and_reference_prices_follow(
    app: &TestApp,
    a: &mut Client,
    twd_before: (i64, String),
    jpy_product_ref: i64,
) {
    let r = a
        .post_multipart("/admin/rates/import", &[("sample", "1")], &[])
        .await;
    assert_eq!(
        location(&r),
        "/admin/rates?imported=8&date=2026-11-26",
        "EUR itself and JPY, GBP, CNY, HKD, KRW, MYR, SGD"
    );
    // 161.38 JPY/EUR ÷ 1.0512 USD/EUR = 153.5197869102, rounded to 10^-9
    assert_eq!(rate(app, "JPY").await, (153_519_786_910, "ECB".into()));
    // 1 / 1.0512 = 0.951293760…
    assert_eq!(rate(app, "EUR").await.0, 951_293_760);
    // the ECB publishes no TWD or KWD: those keep their rate
    assert_eq!(rate(app, "TWD").await, twd_before);
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM fx_history WHERE source = 'ECB' GROUP ALL"
        )
        .await,
        8
    );
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM audit_log WHERE action = 'fx.rates' GROUP ALL"
        )
        .await,
        1
    );
    // reference prices (filters, sorting) follow the new rates
    let after_ref: i64 = count(
        app,
        "SELECT price_ref_minor AS n FROM product WHERE currency = 'JPY' ORDER BY id LIMIT 1",
    )
    .await;
    assert_ne!(after_ref, jpy_product_ref);
}

/// The admin page: the imported rates are dated 2026-11-26 15:00 UTC; with the clock
/// at run time they are days old, so flagged stale past the 48 h default. Returns the
/// ECB rates' age in hours.
async fn the_admin_page_flags_rates_older_than_the_limit(a: &mut Client) -> i64 {
    let d = a.call("rates_admin", &[]).await.json();
    let row = |code: &str| -> Value {
        d["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["currency"] == code)
            .cloned()
            .unwrap()
    };
    assert_eq!(row("JPY")["rate"], "153.51978691");
    assert_eq!(row("JPY")["source"], "ECB");
    let ecb_age = row("JPY")["age_hours"].as_i64().unwrap();
    assert_eq!(row("JPY")["stale"], ecb_age > 48);
    assert_eq!(row("TWD")["stale"], false, "seeded just now");
    assert_eq!(d["stale_hours"], 48);

    ecb_age
}

/// Moving the clock past the limit flags the rest; bad limits are refused, and
/// raising the limit clears them.
async fn the_clock_flags_the_rest_and_a_higher_limit_clears_them(
    app: &TestApp,
    a: &mut Client,
    ecb_age: i64,
) {
    app.clock.advance(chrono::Duration::hours(49));
    let d = a.call("rates_admin", &[]).await.json();
    assert!(d["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["stale"] == true));
    assert_eq!(d["stale_count"], 10);
    for bad in ["0", "-1", "abc", "9000"] {
        let r = a.call("set_fx_stale_hours", &[("hours", bad)]).await;
        assert_eq!(r.field_errors(), vec!["hours.InvalidNumber"], "{bad}");
    }
    let r = a
        .call(
            "set_fx_stale_hours",
            &[("hours", &(ecb_age + 60).to_string())],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = a.call("rates_admin", &[]).await.json();
    assert_eq!(d["stale_count"], 0, "{d}");
}

/// Shoppers cannot read or change rates.
async fn shoppers_cannot_read_or_change_rates(s: &mut Client) {
    assert_eq!(s.call("rates_admin", &[]).await.status, 403);
    assert_eq!(
        s.call(
            "set_rate",
            &[("currency", "JPY"), ("rate", "1"), ("mode", "half_up")]
        )
        .await
        .status,
        403
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manual_rates_are_checked_and_change_displayed_prices() {
    let app = seeded().await;
    let mut a = admin(&app).await;
    let before = all_rates(&app).await;
    for (form, errs) in [
        (
            [("currency", "XXX"), ("rate", "1"), ("mode", "half_up")],
            vec!["currency.UnknownCurrency"],
        ),
        (
            [("currency", "USD"), ("rate", "1"), ("mode", "half_up")],
            vec!["currency.UnknownCurrency"],
        ),
        (
            [("currency", "JPY"), ("rate", "0"), ("mode", "half_up")],
            vec!["rate.InvalidRate"],
        ),
        (
            [("currency", "JPY"), ("rate", "-150"), ("mode", "bogus")],
            vec!["rate.InvalidRate", "mode.InvalidChoice"],
        ),
        (
            [("currency", "jpy"), ("rate", "1e3"), ("mode", "half_up")],
            vec!["currency.UnknownCurrency", "rate.InvalidRate"],
        ),
    ] {
        let r = a.call("set_rate", &form).await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert_eq!(r.field_errors(), errs, "{form:?}");
    }
    assert_eq!(all_rates(&app).await, before);

    // a TWD product seen in yen: 1 USD = 32.15 TWD = 150 JPY
    let product: String = {
        let mut res = app
            .state
            .db
            .query("SELECT VALUE meta::id(id) FROM product WHERE currency = 'TWD' AND status = 'active' ORDER BY id LIMIT 1")
            .await
            .unwrap();
        let v: Vec<String> = res.take(0).unwrap();
        v[0].clone()
    };
    let r = a
        .call(
            "set_rate",
            &[("currency", "JPY"), ("rate", "150"), ("mode", "half_even")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(rate(&app, "JPY").await, (150_000_000_000, "manual".into()));
    let mut s = app.client();
    s.set_cookie("currency", "JPY");
    let d = s.call("product_page", &[("id", &product)]).await.json();
    let price = &d["card"]["price"];
    assert_eq!(price["charged"]["currency"], "TWD");
    assert_eq!(price["display"]["currency"], "JPY");
    let twd = price["charged"]["amount_minor"].as_i64().unwrap();
    // one rounding step, half to even, from the exact TWD → JPY value
    let exact_num = i128::from(twd) * 150_000_000_000i128;
    let den = 32_150_000_000i128;
    let want = domain::money::RoundingMode::HalfEven.divide(exact_num, den) as i64;
    assert_eq!(price["display"]["amount_minor"].as_i64().unwrap(), want);

    // the server-rendered page says "approx." with the charged amount; a bogus
    // currency cookie falls back to the language's default (no error)
    let html = s.get(&format!("/p/{product}")).await.body;
    assert!(html.contains("data-currency=\"JPY\""));
    assert!(html.contains("approx."), "approximate note");
    assert!(html.contains("Charged in"));
    let mut bogus = app.client();
    bogus.set_cookie("currency", "ZZZ");
    let r = bogus
        .get_with(
            &format!("/p/{product}"),
            &[("accept-language", "zh-TW,zh;q=0.9")],
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(
        r.body
            .contains("<html lang=\"zh-Hant\" data-currency=\"TWD\""),
        "{}",
        &r.body[..300]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_language_alternates_and_lang_from_the_query() {
    let app = seeded().await;
    let mut c = app.client();
    let r = c.get("/search?q=tea&sort=newest").await;
    let origin = &app.state.settings.public_origin;
    assert!(r.body.contains("<html lang=\"en\""));
    for (lang, href) in [
        (
            "en",
            format!("{origin}/search?q=tea&amp;sort=newest&amp;lang=en"),
        ),
        (
            "zh-Hant",
            format!("{origin}/search?q=tea&amp;sort=newest&amp;lang=zh-Hant"),
        ),
        (
            "x-default",
            format!("{origin}/search?q=tea&amp;sort=newest"),
        ),
    ] {
        let tag = format!("<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{href}\"");
        assert!(r.body.contains(&tag), "missing {tag}");
    }
    // the language links come back to the same page with its query
    assert!(
        r.body
            .contains("/prefs?lang=zh-Hant&amp;next=/search%3Fq%3Dtea%26sort%3Dnewest"),
        "language switch keeps the query"
    );
    let r = c.get("/?lang=zh-Hant").await;
    assert!(r.body.contains("<html lang=\"zh-Hant\""));
    assert!(r.body.contains("港灣市集"));
    // a German browser reading English gets comma decimals
    let mut de = app.client();
    de.set_cookie("currency", "EUR");
    let r = de
        .get_with("/", &[("accept-language", "de-DE,de;q=0.9")])
        .await;
    assert!(r.body.contains("data-numbers=\"de\""));
    assert!(r.body.contains("\u{a0}€"), "prices as 12,34 €");
}

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
