//! `server bench-reviews --reviews N`: issue 7's fixture on the current database — N
//! published reviews (ratings skewed high, a tenth with photos, a third in Chinese,
//! helpful votes, some seller replies) on the first listed product, ratings then
//! recomputed. Prints the product's key and a product with no reviews (the baseline
//! page) for `bench/reviews.sh` to drive. Not used by the app itself.

use chrono::{Duration, Utc};
use rand::{Rng, SeedableRng};

use app::state::AppState;

pub async fn bench_reviews(state: &AppState, n: usize) -> Result<String, String> {
    let db = &state.db;
    let err = |e: surrealdb::Error| e.to_string();
    let mut res = db
        .query(
            "SELECT VALUE [record::id(id), record::id(shop), rating_count] FROM product \
             WHERE status = 'active' AND variant_of = NONE ORDER BY id LIMIT 200",
        )
        .await
        .map_err(err)?;
    let listed: Vec<(String, String, i64)> = res
        .take::<Vec<serde_json::Value>>(0)
        .map_err(err)?
        .into_iter()
        .map(|v| {
            (
                v[0].as_str().unwrap_or_default().to_string(),
                v[1].as_str().unwrap_or_default().to_string(),
                v[2].as_i64().unwrap_or(0),
            )
        })
        .collect();
    let (target, shop, _) = listed.first().cloned().ok_or("no products: seed first")?;
    let (empty, _, _) = listed
        .iter()
        .find(|p| p.2 == 0)
        .cloned()
        .ok_or("no product without reviews")?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let now = Utc::now();
    let started = std::time::Instant::now();
    for start in (0..n).step_by(1000) {
        let rows: Vec<serde_json::Value> = (start..(start + 1000).min(n))
            .map(|i| {
                let rating = match rng.gen_range(0..100) {
                    0..=4 => 1,
                    5..=9 => 2,
                    10..=19 => 3,
                    20..=44 => 4,
                    _ => 5,
                };
                let zh = rng.gen_range(0..3) == 0;
                let photos: Vec<String> = if rng.gen_range(0..10) == 0 {
                    vec![format!("reviews/bench/{i}.jpg")]
                } else {
                    vec![]
                };
                serde_json::json!({
                    "k": format!("bench{i:06}"),
                    "rating": rating,
                    "zh": zh,
                    "title": if zh { "茶香濃郁" } else { "Lovely tea" },
                    "body": if zh { "包裝仔細，出貨快速，茶葉香氣很足，第二泡更好喝。" } else { "Carefully packed, quick to arrive, and the second steep is even better than the first." },
                    "photos": photos,
                    "helpful": rng.gen_range(0..40) * rng.gen_range(0..2),
                    "at": (now - Duration::minutes(5 * i as i64 + 90)).to_rfc3339(),
                    "reply": rng.gen_range(0..4) == 0,
                })
            })
            .collect();
        db.query(
            "FOR $r IN $rows { CREATE type::record('review', $r.k) SET product = $product, shop = $shop, \
               order_line = type::record('order_line', $r.k), author = type::record('user', string::concat($r.k, '@bench.test')), \
               author_name = 'Bench B.', rating = $r.rating, title = $r.title, body = $r.body, \
               lang = IF $r.zh { 'zh-Hant' } ELSE { 'en' }, photos = $r.photos, helpful = $r.helpful, status = 'published', \
               created_at = <datetime> $r.at, reply = IF $r.reply { 'Thank you for your review!' } ELSE { NONE } }",
        )
        .bind(("rows", rows))
        .bind(("product", surrealdb::types::RecordId::new("product", target.as_str())))
        .bind(("shop", surrealdb::types::RecordId::new("shop", shop.as_str())))
        .await
        .map_err(err)?
        .check()
        .map_err(err)?;
    }
    app::reviews::imp::recompute_all(db).await.map_err(err)?;
    let count = app::state::count(
        db,
        "SELECT count() AS n FROM review WHERE product = $p GROUP ALL",
        (
            "p",
            surrealdb::types::RecordId::new("product", target.as_str()),
        ),
    )
    .await
    .map_err(err)?;
    eprintln!(
        "fixture: {n} reviews on product:{target} in {:.1} s ({count} reviews on it in all)",
        started.elapsed().as_secs_f64()
    );
    Ok(format!("{target} {empty}"))
}
