//! `server bench-fx --products N`: what issue 9 adds to a shopper's page, measured in
//! process through the real router (no network), interleaved over 3 rounds:
//! - a product page with no delivery country (baseline) against the same page for a
//!   shopper in Japan paying attention to yen (the delivery panel's two extra reads, the
//!   zone check, one conversion);
//! - the first top-level category page (up to 48 cards) in the shops' own currency (TWD: most cards need no
//!   conversion) against yen and Kuwaiti dinars (every foreign card converted);
//! - and the conversion itself: `RateTable::convert` (one exact step through USD) against
//!   the former two-step path (a truncated cross rate, then `Money::convert`).

use std::hint::black_box;
use std::time::Instant;

use app::state::AppState;
use axum::Router;
use domain::{Currency, Money};

use crate::bench_share::{get_with, stats};

async fn get(router: &Router, path: &str, cookie: &str) -> u128 {
    get_with(router, path, Some(cookie)).await.0
}

pub async fn bench_fx(state: &AppState, router: Router, n: usize) -> Result<(), String> {
    let err = |e: surrealdb::Error| e.to_string();
    let mut res = state
        .db
        .query(
            "SELECT VALUE record::id(id) FROM product WHERE status = 'active' ORDER BY id LIMIT $n;\n\
             SELECT VALUE slug FROM category WHERE parent = NONE ORDER BY position LIMIT 1",
        )
        .bind(("n", n as i64))
        .await
        .map_err(err)?;
    let keys: Vec<String> = res.take(0).map_err(err)?;
    let cats: Vec<String> = res.take(1).map_err(err)?;
    let cat = cats
        .into_iter()
        .next()
        .ok_or("no live products: seed first")?;
    if keys.is_empty() {
        return Err("no live products: seed first".into());
    }
    let (home, abroad) = ("currency=TWD", "currency=JPY; country=JP");
    for key in keys.iter().take(10) {
        get(&router, &format!("/p/{key}"), home).await;
        get(&router, &format!("/p/{key}"), abroad).await;
    }
    let (mut plain, mut panel) = (Vec::new(), Vec::new());
    let (mut twd, mut jpy, mut kwd) = (Vec::new(), Vec::new(), Vec::new());
    let list = format!("/c/{cat}");
    for _ in 0..3 {
        for key in &keys {
            let path = format!("/p/{key}");
            plain.push(get(&router, &path, home).await);
            panel.push(get(&router, &path, abroad).await);
        }
        for _ in 0..(keys.len() / 4).max(20) {
            twd.push(get(&router, &list, "currency=TWD").await);
            jpy.push(get(&router, &list, "currency=JPY").await);
            kwd.push(get(&router, &list, "currency=KWD").await);
        }
    }
    println!(
        "{} products, category /c/{cat}, 3 rounds interleaved",
        keys.len()
    );
    let base = stats("product page, no delivery country (baseline)", plain, None);
    stats(
        "product page, Japan + JPY (delivery panel)",
        panel,
        Some(base),
    );
    let list_base = stats("category page in TWD (list baseline)", twd, None);
    let p99 = stats("category page in JPY", jpy, Some(base));
    println!("  … JPY list p99 ÷ TWD list p99 {:.2}", p99 / list_base);
    let p99 = stats("category page in KWD (3 decimals)", kwd, Some(base));
    println!("  … KWD list p99 ÷ TWD list p99 {:.2}", p99 / list_base);

    // the conversion alone
    let table = app::fx::imp::rate_table(&state.db).await.map_err(err)?;
    let rate = |c| table.usd_rate(c).unwrap_or(1);
    let amounts: Vec<Money> = (0..1_000i64)
        .map(|i| {
            Money::new(
                100 + i * 37,
                Currency::ALL[i as usize % Currency::ALL.len()],
            )
        })
        .collect();
    let rounds = 2_000;
    let t = Instant::now();
    for _ in 0..rounds {
        for m in &amounts {
            black_box(table.convert(black_box(*m), Currency::JPY));
        }
    }
    let exact_ns = t.elapsed().as_nanos() as f64 / (rounds * amounts.len()) as f64;
    let t = Instant::now();
    for _ in 0..rounds {
        for m in &amounts {
            let cross = domain::money::cross_rate_e9(rate(m.currency), rate(Currency::JPY));
            black_box(cross.and_then(|r| black_box(*m).convert(Currency::JPY, r)));
        }
    }
    let old_ns = t.elapsed().as_nanos() as f64 / (rounds * amounts.len()) as f64;
    println!(
        "conversion: one exact step {exact_ns:.1} ns, former cross rate + convert {old_ns:.1} ns (ratio {:.2})",
        exact_ns / old_ns
    );
    Ok(())
}
