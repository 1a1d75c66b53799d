//! Platform moderation: screening with the brand registry and image fingerprints, the
//! moderation queue and its decisions (statements of reasons, strikes, sanctions), and
//! the rules that keep it fair: only moderators decide, a decision is taken once, the
//! audit log cannot be changed.
//!
//! Shared helpers here; the tests by topic: `screening` (brands, counterfeit words, image
//! fingerprints), `decisions` (strikes, sanctions, bulk decisions, appeals), `reports`
//! (shoppers' reports), `brands` (a verified owner's brand in screening), `policy` (the
//! moderation policy settings).

mod brands;
mod decisions;
mod locks;
mod model;
mod policy;
mod reports;
mod screening;

use integration::{Client, TestApp};
use surrealdb::types::RecordId;

use crate::seller_listings::{act, listing, save, upload};

pub async fn moderator(app: &TestApp) -> Client {
    let mut c = app.client();
    let r = c
        .log_in("moderator@demo.test", server::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    c
}

/// Creates a listing with one photo and publishes it; returns (id, status).
pub(crate) async fn publish(c: &mut Client, title: &str, photo: Vec<u8>) -> (String, String) {
    let r = save(c, "", &listing(title, "480", "5")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.json().as_str().unwrap().to_string();
    upload(c, &id, vec![photo]).await;
    let r = act(c, &id, "publish").await;
    assert_eq!(r.status, 200, "{}", r.body);
    (id, r.json()["Status"].as_str().unwrap().to_string())
}

async fn field(app: &TestApp, sql: &str, id: RecordId) -> serde_json::Value {
    let sql = sql.replace("FROM ONLY $id", "FROM $id");
    let mut res = app.state.db.query(sql).bind(("id", id)).await.unwrap();
    let v: Vec<serde_json::Value> = res.take(0).unwrap();
    v.into_iter().next().unwrap_or(serde_json::Value::Null)
}

fn jpeg_of(png_bytes: &[u8], edge: u32, quality: u8) -> Vec<u8> {
    let img = image::load_from_memory(png_bytes).unwrap();
    let small = img.resize(edge, edge, image::imageops::FilterType::Lanczos3);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&small.to_rgb8())
        .unwrap();
    out
}

/// A photo with large smooth shapes (what the perceptual hash looks at).
fn photo(seed: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(640, 640, |x, y| {
        let (fx, fy, s) = (x as f32, y as f32, seed as f32);
        let v =
            128.0 + 90.0 * ((fx + s * 37.0) / 90.0).sin() * ((fy * (1.0 + s % 3.0)) / 120.0).cos();
        let v = v.clamp(0.0, 255.0) as u8;
        image::Rgb([v, v / 2 + 40, 255 - v])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}
