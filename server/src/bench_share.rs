//! `server bench-share-cards --cards N`: issue 8's target — a product's share card is
//! generated in <= 50 ms and cached. In process, through the real router (no network):
//! N live products, every other one given a real uploaded photo (a noisy 1600×1200
//! picture, processed like a seller's upload, so its card embeds a JPEG thumbnail);
//! then each card cold (cache emptied before the request) and cached, next to `/healthz`
//! and the product page measured the same way as baselines. Prints a table.

use std::time::Instant;

use app::state::AppState;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use tower::ServiceExt;

fn photo(seed: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(1600, 1200, |x, y| {
        let n = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729) ^ seed.wrapping_mul(2_654_435_761))
            % 97;
        image::Rgb([
            (x / 7 + n) as u8,
            (y / 5 + n) as u8,
            ((x + y) / 11 + seed) as u8,
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

async fn get(router: &Router, path: &str) -> (u128, usize) {
    get_with(router, path, None).await
}

/// One request through the router (with `cookie` if given): microseconds and body size.
pub(crate) async fn get_with(router: &Router, path: &str, cookie: Option<&str>) -> (u128, usize) {
    let mut req = Request::get(path);
    if let Some(c) = cookie {
        req = req.header(axum::http::header::COOKIE, c);
    }
    let req = req.body(Body::empty()).expect("request");
    let t = Instant::now();
    let res = router.clone().oneshot(req).await.expect("response");
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    let body = axum::body::to_bytes(res.into_body(), 16 << 20)
        .await
        .expect("body");
    (t.elapsed().as_micros(), body.len())
}

/// Prints p50 / p99 / max of `us` (microseconds), and p99 against `base_p99`; returns p99.
pub(crate) fn stats(name: &str, mut us: Vec<u128>, base_p99: Option<f64>) -> f64 {
    us.sort_unstable();
    let q = |p: f64| us[((us.len() as f64 - 1.0) * p).round() as usize] as f64 / 1000.0;
    let (p50, p99, max) = (q(0.5), q(0.99), *us.last().unwrap_or(&0) as f64 / 1000.0);
    let ratio = base_p99
        .map(|b| format!("   p99 ÷ product page {:.2}", p99 / b))
        .unwrap_or_default();
    println!(
        "{name:<48} n {:>4}   p50 {p50:>7.2} ms   p99 {p99:>7.2} ms   max {max:>7.2} ms{ratio}",
        us.len()
    );
    p99
}

pub async fn bench_share_cards(state: &AppState, router: Router, n: usize) -> Result<(), String> {
    let err = |e: surrealdb::Error| e.to_string();
    let mut res = state
        .db
        .query(
            "SELECT VALUE record::id(id) FROM product WHERE status = 'active' ORDER BY id LIMIT $n",
        )
        .bind(("n", n as i64))
        .await
        .map_err(err)?;
    let keys: Vec<String> = res.take(0).map_err(err)?;
    if keys.is_empty() {
        return Err("no live products: seed first".into());
    }
    // every other product gets a real photo
    let mut photos = 0;
    for (i, key) in keys.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
        let p = app::media::process_photo(&photo(i as u32)).ok_or("photo processing")?;
        let (full, thumb) = (
            format!("products/bench-{key}.jpg"),
            format!("products/bench-{key}-t.jpg"),
        );
        state
            .media
            .put(&full, p.full)
            .await
            .map_err(|e| e.to_string())?;
        state
            .media
            .put(&thumb, p.thumb)
            .await
            .map_err(|e| e.to_string())?;
        state
            .db
            .query("UPDATE $p SET image_url = $full; CREATE product_image SET product = $p, url = $full, thumb_url = $thumb, position = -1, alt = 'bench photo', width = 1600, height = 1200, media_keys = [];")
            .bind(("p", surrealdb::types::RecordId::new("product", key.as_str())))
            .bind(("full", format!("/media/{full}")))
            .bind(("thumb", format!("/media/{thumb}")))
            .await
            .map_err(err)?
            .check()
            .map_err(err)?;
        photos += 1;
    }
    state.catalog_cache.invalidate();
    // warm up the process (allocator, statement caches)
    for key in keys.iter().take(10) {
        get(&router, &format!("/share/card/p/{key}.svg")).await;
        get(&router, &format!("/p/{key}")).await;
    }
    let mut health = Vec::new();
    let mut page = Vec::new();
    let (mut cold, mut cold_photo, mut cached) = (Vec::new(), Vec::new(), Vec::new());
    let mut sizes = Vec::new();
    for round in 0..3 {
        for (i, key) in keys.iter().enumerate() {
            health.push(get(&router, "/healthz").await.0);
            page.push(get(&router, &format!("/p/{key}")).await.0);
            crate::share::clear_card_cache();
            let (us, len) = get(&router, &format!("/share/card/p/{key}.svg")).await;
            if i % 2 == 0 {
                cold_photo.push(us);
            } else {
                cold.push(us);
            }
            if round == 0 {
                sizes.push(len);
            }
            cached.push(get(&router, &format!("/share/card/p/{key}.svg")).await.0);
        }
    }
    println!(
        "{} products ({photos} with an uploaded photo), 3 rounds; card sizes {}–{} bytes",
        keys.len(),
        sizes.iter().min().unwrap_or(&0),
        sizes.iter().max().unwrap_or(&0)
    );
    stats("GET /healthz (baseline)", health, None);
    let base = stats("GET /p/{key} product page (baseline)", page, None);
    let p99_cold = stats("share card, cold, generated demo image", cold, Some(base));
    let p99_photo = stats(
        "share card, cold, uploaded JPEG photo",
        cold_photo,
        Some(base),
    );
    let p99_cached = stats("share card, cached", cached, Some(base));
    println!(
        "worst cold p99 {:.2} ms (target <= 50 ms); cached p99 {p99_cached:.2} ms",
        p99_cold.max(p99_photo)
    );
    Ok(())
}
