//! The seller centre's listings: create and edit with bad input refused, photos
//! checked and re-encoded, screening before anything is visible, scheduled
//! publishing with the injected clock, duplicates, stock history, and one seller
//! never reaching another's listings.
//!
//! Shared helpers are here (other test modules use them too); the tests are in the
//! child modules by topic.

mod access;
mod csv_import;
mod publishing;
mod sold_out;
pub(crate) mod variants;

use integration::{Client, Reply, TestApp};

/// A PNG of `w`×`h` pixels.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 7 % 256) as u8, (y * 3 % 256) as u8, 120])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// Signs in the demo seller of `slug`'s shop (seller1 = formosa-tea-house, TWD).
pub async fn demo_seller(app: &TestApp, n: usize) -> Client {
    let mut c = app.client();
    let r = c
        .log_in(&format!("seller{n}@demo.test"), server::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    c
}

pub fn listing<'a>(title: &'a str, price: &'a str, stock: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title_en", title),
        ("title_zh", "手拉坯茶碗"),
        ("description_en", "Wood-fired stoneware, 180 ml."),
        ("category", "tea"),
        ("condition", "new"),
        ("currency", "TWD"),
        ("price", price),
        ("stock", stock),
    ]
}

pub async fn save(c: &mut Client, id: &str, fields: &[(&str, &str)]) -> Reply {
    let mut f = vec![("id", id)];
    f.extend_from_slice(fields);
    c.call("save_listing", &f).await
}

pub async fn upload(c: &mut Client, id: &str, files: Vec<Vec<u8>>) -> String {
    let files: Vec<(&str, &str, Vec<u8>)> =
        files.into_iter().map(|b| ("photos", "p.png", b)).collect();
    let r = c
        .post_multipart(&format!("/seller/listings/{id}/photos"), &[], &files)
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.headers["location"].to_str().unwrap().to_string()
}

pub async fn act(c: &mut Client, id: &str, op: &str) -> Reply {
    c.call("listing_action", &[("id", id), ("op", op)]).await
}

async fn status(app: &TestApp, id: &str) -> String {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE status FROM $p")
        .bind(("p", surrealdb::types::RecordId::new("product", id)))
        .await
        .unwrap();
    let v: Vec<String> = res.take(0).unwrap();
    v[0].clone()
}
