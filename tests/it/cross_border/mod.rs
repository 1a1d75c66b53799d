//! Cross-border selling: exchange rates (ECB import, manual rates, stale flag),
//! display currency and language on server-rendered pages, and selling abroad (zones,
//! the product page's delivery panel, checkout refusing lines that cannot ship to the
//! address).

use integration::{Client, TestApp};
use serde_json::Value;
use surrealdb::types::RecordId;

use crate::checkout::{add, checkout_form, count, place, seeded, shopper};

mod rates;
mod shipping;

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
