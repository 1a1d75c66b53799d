//! `server bench-screening --references N --runs R`: issue 6's screening benchmark on
//! the current database (seed it first with `--products 100000`). Adds N brand
//! reference hashes and one listing-photo hash per product (other shops' photos), then a
//! listing with 8 photos (half of them near-duplicates of references), and times the
//! whole screening of that listing R times — text, brands, price median, shop record and
//! the 32 band-index lookups — next to a single-record read as the baseline. Not used by
//! the app itself.

use std::time::Instant;

use chrono::Utc;
use rand::{Rng, SeedableRng};
use surrealdb::types::RecordId;

use app::state::AppState;

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

pub async fn bench_screening(state: &AppState, refs: usize, runs: usize) -> Result<String, String> {
    let db = &state.db;
    let err = |e: surrealdb::Error| e.to_string();
    let mut rng = rand::rngs::StdRng::seed_from_u64(6);
    let products = app::state::count_unbound(db, "SELECT count() AS n FROM product GROUP ALL")
        .await
        .map_err(err)?;
    let have_refs = app::state::count_unbound(
        db,
        "SELECT count() AS n FROM image_hash WHERE kind = 'reference' GROUP ALL",
    )
    .await
    .map_err(err)?;
    let mut reference_hashes = Vec::new();
    if have_refs < refs as i64 {
        let started = Instant::now();
        for start in (0..refs).step_by(1000) {
            let rows: Vec<serde_json::Value> = (start..(start + 1000).min(refs))
                .map(|i| {
                    let h: u64 = rng.gen();
                    reference_hashes.push(h);
                    let b = domain::phash::bands(h);
                    serde_json::json!({ "k": format!("benchref{i:06}"), "h": domain::phash::to_db(h), "b": b })
                })
                .collect();
            db.query("FOR $r IN $rows { CREATE type::record('image_hash', $r.k) SET kind = 'reference', hash = $r.h, b0 = $r.b[0], b1 = $r.b[1], b2 = $r.b[2], b3 = $r.b[3], url = '/ref.jpg', brand = brand:`maison-lune` }")
                .bind(("rows", rows))
                .await
                .map_err(err)?
                .check()
                .map_err(err)?;
        }
        // one photo hash per product, owned by its shop
        let mut res = db
            .query("SELECT VALUE [record::id(id), record::id(shop)] FROM product")
            .await
            .map_err(err)?;
        let all: Vec<Vec<String>> = res.take(0).map_err(err)?;
        for chunk in all.chunks(2000) {
            let rows: Vec<serde_json::Value> = chunk
                .iter()
                .map(|p| {
                    let h: u64 = rng.gen();
                    serde_json::json!({ "k": format!("benchimg-{}", p[0]), "p": p[0], "s": p[1], "h": domain::phash::to_db(h), "b": domain::phash::bands(h) })
                })
                .collect();
            db.query("FOR $r IN $rows { CREATE type::record('image_hash', $r.k) SET kind = 'listing', hash = $r.h, b0 = $r.b[0], b1 = $r.b[1], b2 = $r.b[2], b3 = $r.b[3], url = '/p.jpg', product = type::record('product', $r.p), shop = type::record('shop', $r.s) }")
                .bind(("rows", rows))
                .await
                .map_err(err)?
                .check()
                .map_err(err)?;
        }
        eprintln!(
            "fixture: {refs} reference hashes and {} listing-photo hashes in {:.1} s",
            all.len(),
            started.elapsed().as_secs_f64()
        );
    } else {
        let mut res = db
            .query("SELECT VALUE hash FROM image_hash WHERE kind = 'reference' LIMIT 4")
            .await
            .map_err(err)?;
        let v: Vec<i64> = res.take(0).map_err(err)?;
        reference_hashes = v.into_iter().map(domain::phash::from_db).collect();
    }
    // the listing under test: 8 photos, four near-duplicates of references (2 bits off)
    let product = RecordId::new("product", "benchscreen");
    let now = Utc::now();
    let photos: Vec<i64> = (0..8)
        .map(|i| {
            let h = if i < 4 {
                reference_hashes[i % reference_hashes.len()] ^ (1 << (i * 7)) ^ (1 << 50)
            } else {
                rng.gen()
            };
            domain::phash::to_db(h)
        })
        .collect();
    db.query(
        "DELETE product_image WHERE product = $p;\n\
         UPSERT $p SET shop = shop:`formosa-tea-house`, category = category:`oolong-tea`, slug = 'bench', title_en = 'High mountain oolong, 150 g', \
           title_zh = '高山烏龍茶 150 克', description_en = 'Hand-picked.', description_zh = '手採。', condition = 'new', price_minor = 52000, \
           currency = 'TWD', status = 'draft', image_url = '/p.jpg', price_ref_minor = 1700, created_at = $now, updated_at = $now;\n\
         FOR $h IN $photos { CREATE product_image SET product = $p, url = '/p.jpg', position = 0, alt = '', width = 1, height = 1, phash = $h };",
    )
    .bind(("p", product.clone()))
    .bind(("photos", photos))
    .bind(("now", now))
    .await
    .map_err(err)?
    .check()
    .map_err(err)?;

    let mut base = Vec::new();
    let mut screen = Vec::new();
    let mut verdict = String::new();
    for i in 0..runs + 10 {
        let t = Instant::now();
        db.query("SELECT * FROM $p")
            .bind(("p", product.clone()))
            .await
            .map_err(err)?
            .check()
            .map_err(err)?;
        let b = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let s = app::sellers::listings::imp::screen_listing(state, "benchscreen")
            .await
            .map_err(|e| e.to_string())?;
        let d = t.elapsed().as_secs_f64() * 1000.0;
        if i >= 10 {
            base.push(b);
            screen.push(d);
        }
        verdict = format!(
            "score {} {:?}, {} reasons",
            s.score,
            s.verdict,
            s.reasons.len()
        );
    }
    // where the time goes (one more run of each part)
    let shop = RecordId::new("shop", "formosa-tea-house");
    let t = Instant::now();
    app::moderation::screening::imp::shop_context(db, &shop, Utc::now())
        .await
        .map_err(|e| e.to_string())?;
    let t_ctx = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    app::moderation::screening::imp::image_hits(db, &product, &shop)
        .await
        .map_err(|e| e.to_string())?;
    let t_img = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    db.query("SELECT VALUE price_minor FROM product WHERE status = 'active' AND category = category:`oolong-tea` AND currency = 'TWD' AND id != $p LIMIT 201")
        .bind(("p", product.clone()))
        .await
        .map_err(err)?;
    let t_median = t.elapsed().as_secs_f64() * 1000.0;

    eprintln!("parts: shop context {t_ctx:.1} ms, photo lookups {t_img:.1} ms, price median {t_median:.1} ms");
    base.sort_by(f64::total_cmp);
    screen.sort_by(f64::total_cmp);
    Ok(format!(
        "{products} products, {refs} reference images, 8 photos; {verdict}\n\
         baseline single-record read  p50 {:.2} ms  p99 {:.2} ms\n\
         screening (8 photos)         p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms  (p99 {:.0}x the baseline p99)",
        pct(&base, 0.5),
        pct(&base, 0.99),
        pct(&screen, 0.5),
        pct(&screen, 0.99),
        screen[screen.len() - 1],
        pct(&screen, 0.99) / pct(&base, 0.99).max(0.001),
    ))
}
