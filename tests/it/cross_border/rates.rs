//! Exchange rates: the ECB import, manual rates and the stale flag.

use super::*;

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
