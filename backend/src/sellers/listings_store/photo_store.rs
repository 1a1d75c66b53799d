//! A listing's photos: reading them, adding processed ones (with their fingerprints)
//! and reordering or removing them.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

#[derive(SurrealValue)]
pub struct PhotoRow {
    pub id: RecordId,
    pub url: String,
    pub thumb_url: Option<String>,
    pub media_keys: Option<Vec<String>>,
}

const PHOTOS: &str = "SELECT id, url, thumb_url, media_keys, position FROM product_image WHERE product = $p ORDER BY position";

/// The listing's photos in their order.
pub async fn photos(db: &Db, product: &RecordId) -> Result<Vec<PhotoRow>, surrealdb::Error> {
    let mut res = db
        .query(PHOTOS)
        .bind(("p", product.clone()))
        .await?
        .check()?;
    res.take(0)
}

/// Stored photos to attach to a listing: `rows` hold each photo's addresses, media
/// keys, position, size and perceptual hash (with its bands).
pub struct NewPhotos {
    pub rows: Vec<serde_json::Value>,
    pub id: RecordId,
    pub shop: RecordId,
    pub alt: String,
    pub now: DateTime<Utc>,
}

const ADD_PHOTOS: &str = "FOR $r IN $rows {\n\
       LET $img = (CREATE product_image SET product = $id, url = $r.url, thumb_url = $r.thumb_url, \
         media_keys = $r.media_keys, position = $r.position, alt = $alt, width = $r.width, height = $r.height, \
         phash = $r.phash)[0].id;\n\
       CREATE type::record('image_hash', record::id($img)) SET kind = 'listing', hash = $r.phash, \
         b0 = $r.bands[0], b1 = $r.bands[1], b2 = $r.bands[2], b3 = $r.bands[3], url = $r.thumb_url, \
         product = $id, shop = $shop;\n\
     };\n\
     UPDATE $id SET image_url = (SELECT VALUE thumb_url ?? url FROM product_image WHERE product = $id ORDER BY position LIMIT 1)[0], updated_at = $now;";

/// Creates the photos and their fingerprints, and sets the listing's main image.
pub async fn add_photos(db: &Db, p: NewPhotos) -> Result<(), surrealdb::Error> {
    db.query(ADD_PHOTOS)
        .bind(("rows", p.rows))
        .bind(("id", p.id))
        .bind(("shop", p.shop))
        .bind(("alt", p.alt))
        .bind(("now", p.now))
        .await?
        .check()?;
    Ok(())
}

const ARRANGE_PHOTOS: &str = "IF $removed != NONE { DELETE $removed; DELETE type::record('image_hash', record::id($removed)) };\n\
     FOR $i IN array::range(0, array::len($order)) { UPDATE $order[$i] SET position = $i };\n\
     UPDATE $id SET image_url = (SELECT VALUE thumb_url ?? url FROM product_image WHERE product = $id ORDER BY position LIMIT 1)[0] ?? $placeholder, updated_at = $now;";

/// Deletes `removed` (and its fingerprint), numbers the photos in `order`, and sets
/// the listing's main image (`placeholder` when none is left).
pub async fn arrange_photos(
    db: &Db,
    removed: Option<RecordId>,
    order: Vec<RecordId>,
    id: RecordId,
    placeholder: String,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(ARRANGE_PHOTOS)
        .bind(("removed", removed))
        .bind(("order", order))
        .bind(("id", id))
        .bind(("placeholder", placeholder))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}
