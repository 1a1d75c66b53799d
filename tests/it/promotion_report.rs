//! A promotion's report: the shop's orders before, during and after it (each period as
//! long as the promotion ran), recomputed here from the stored orders by another route
//! (each buyer's first order over all of the shop's orders), and its CSV download.

use serde_json::Value;

use crate::checkout::{add, checkout_form, place, shopper};
use crate::marketing::{create, form, marketing_app, two_products, SHOP};

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

/// (orders, revenue, new buyers, units) per window, from every stored order of the shop.
async fn recompute(app: &integration::TestApp, windows: &[(i64, i64)]) -> Vec<[i64; 4]> {
    let mut res = app
        .state
        .db
        .query(format!(
            "SELECT record::id(buyer) AS buyer, time::unix(created_at) AS at, \
             subtotal_minor - discount_minor - platform_discount_minor AS goods, \
             math::sum((SELECT VALUE quantity FROM order_line WHERE shop_order = $parent.id)) AS units \
             FROM shop_order WHERE shop = shop:⟨{SHOP}⟩ AND status != 'cancelled'"
        ))
        .await
        .unwrap();
    let rows: Vec<Value> = res.take(0).unwrap();
    let first = |buyer: &str| {
        rows.iter()
            .filter(|r| r["buyer"] == buyer)
            .map(|r| r["at"].as_i64().unwrap())
            .min()
            .unwrap()
    };
    windows
        .iter()
        .map(|&(from, to)| {
            let inside: Vec<&Value> = rows
                .iter()
                .filter(|r| (from..to).contains(&r["at"].as_i64().unwrap()))
                .collect();
            let mut new: Vec<&str> = inside
                .iter()
                .map(|r| r["buyer"].as_str().unwrap())
                .filter(|b| (from..to).contains(&first(b)))
                .collect();
            new.sort();
            new.dedup();
            [
                inside.len() as i64,
                inside.iter().map(|r| r["goods"].as_i64().unwrap()).sum(),
                new.len() as i64,
                inside.iter().map(|r| r["units"].as_i64().unwrap()).sum(),
            ]
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_matches_a_recomputation_from_the_orders() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, _), (p2, _)] = two_products(&app).await;
    let t0 = app.state.now().timestamp();
    let at = |t: i64| {
        chrono::DateTime::from_timestamp(t, 0)
            .unwrap()
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    // a one-day promotion starting in a day and an hour (whole minutes)
    let starts = (t0 + DAY + HOUR) / 60 * 60;
    let ends = starts + DAY;
    let f = form(
        &app,
        "Tea day",
        &[
            ("kind", "percent"),
            ("percent", "10"),
            ("starts_at", &at(starts)),
            ("ends_at", &at(ends)),
        ],
    );
    assert_eq!(create(&mut owner, &f).await.status, 200);
    let key: String = {
        let mut res = app
            .state
            .db
            .query("SELECT VALUE record::id(id) FROM promotion")
            .await
            .unwrap();
        res.take::<Vec<String>>(0).unwrap()[0].clone()
    };
    let mut ann = shopper(&app, "ann@example.com").await;
    let mut bob = shopper(&app, "bob@example.com").await;
    let mut cy = shopper(&app, "cy@example.com").await;
    let buy = async |c: &mut integration::Client, p: &str, n: &str| {
        add(c, p, n).await;
        let (_, f) = checkout_form(c).await;
        assert_eq!(place(c, &f).await.status, 200);
    };
    // before: ann; during: ann again and bob (twice); after: cy
    app.clock.advance(chrono::Duration::hours(3));
    buy(&mut ann, &p1, "2").await;
    app.clock.advance(chrono::Duration::days(1));
    buy(&mut ann, &p2, "1").await;
    buy(&mut bob, &p1, "3").await;
    buy(&mut bob, &p2, "1").await;
    app.clock.advance(chrono::Duration::days(1));
    buy(&mut cy, &p1, "1").await;
    app.clock.advance(chrono::Duration::days(1));

    let r = owner.call("promotion_report", &[("key", &key)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let report = r.json();
    let windows = [(starts - DAY, starts), (starts, ends), (ends, ends + DAY)];
    let expected = recompute(&app, &windows).await;
    let got: Vec<[i64; 4]> = report["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            [
                p["orders"].as_i64().unwrap(),
                p["revenue"]["amount_minor"].as_i64().unwrap(),
                p["new_buyers"].as_i64().unwrap(),
                p["units"].as_i64().unwrap(),
            ]
        })
        .collect();
    assert_eq!(got, expected, "{report}");
    assert_eq!(
        got.iter().map(|p| p[0]).collect::<Vec<_>>(),
        [1, 3, 1],
        "ann before; ann and bob twice during; cy after"
    );
    assert_eq!(got[1][2], 1, "ann came back: only bob is new during it");
    assert_eq!(
        report["incremental"]["amount_minor"].as_i64().unwrap(),
        expected[1][1] - expected[0][1]
    );
    assert_eq!(report["promotion"]["orders"], 3);
    let days = report["days"].as_array().unwrap();
    let by_days: i64 = days
        .iter()
        .map(|d| d["revenue_minor"].as_i64().unwrap())
        .sum();
    assert_eq!(by_days, expected.iter().map(|p| p[1]).sum::<i64>());

    csv_has_the_same_figures(&app, &mut owner, &key, days).await;
}

/// The CSV: a row per period with the same figures, then a row per day; another shop's
/// seller finds neither the report nor its CSV.
async fn csv_has_the_same_figures(
    app: &integration::TestApp,
    owner: &mut integration::Client,
    key: &str,
    days: &[Value],
) {
    let csv = owner
        .get(&format!("/seller/marketing/{key}/report.csv"))
        .await;
    assert_eq!(csv.status, 200);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert!(lines[0].starts_with("period,from,to,orders,revenue"));
    let during: Vec<&str> = lines[2].split(',').collect();
    assert_eq!((during[0], during[3]), ("during", "3"));
    assert_eq!(
        lines.iter().filter(|l| l.contains(",during,")).count(),
        days.iter().filter(|d| d["period"] == "During").count()
    );
    let mut other = crate::seller_listings::demo_seller(app, 2).await;
    assert_eq!(
        other.call("promotion_report", &[("key", key)]).await.status,
        404
    );
    assert_eq!(
        other
            .get(&format!("/seller/marketing/{key}/report.csv"))
            .await
            .status,
        404
    );
}
