//! Reviews' SurrealQL (server only). The ratings kept by deltas live here: every change
//! that moves a review in or out of "published" adds [`APPLY_DELTA`] with its bound
//! delta to the same transaction. The product page, writing, the seller centre and
//! moderation have a file each.

use domain::review::{self, Aggregate};
use surrealdb::types::{RecordId, SurrealValue, Variables};

use crate::db::Db;

mod moderation;
mod product;
mod seller;
mod writing;

pub use moderation::*;
pub use product::*;
pub use seller::*;
pub use writing::*;

/// Binds a rating delta as `$dn $ds $d1…$d5 $dp` and the Bayesian prior `$pw $pm`.
fn bind_delta(v: &mut Variables, d: Aggregate) {
    v.insert("dn", d.count);
    v.insert("ds", d.sum);
    for (i, n) in d.dist.iter().enumerate() {
        v.insert(format!("d{}", i + 1), *n);
    }
    v.insert("dp", d.photos);
    v.insert("pw", review::PRIOR_WEIGHT);
    v.insert("pm", review::PRIOR_MEAN);
}

/// Adds the bound delta to `$product` and `$shop` and recomputes their averages from
/// the stored sums (nothing is scanned).
const APPLY_DELTA: &str = "\
IF $dn != 0 OR $ds != 0 OR $dp != 0 {\n\
  UPDATE $product SET rating_count += $dn, rating_sum += $ds, rating_1 += $d1, rating_2 += $d2, rating_3 += $d3, rating_4 += $d4, rating_5 += $d5, review_photos += $dp;\n\
  UPDATE $product SET rating_avg = IF rating_count > 0 { <float> rating_sum / rating_count } ELSE { 0.0 }, \
    rating_bayes = IF rating_count > 0 { ($pw * $pm + rating_sum) / ($pw + rating_count) } ELSE { 0.0 };\n\
  UPDATE $shop SET rating_count += $dn, rating_sum += $ds, rating_1 += $d1, rating_2 += $d2, rating_3 += $d3, rating_4 += $d4, rating_5 += $d5;\n\
  UPDATE $shop SET rating_avg = IF rating_count > 0 { <float> rating_sum / rating_count } ELSE { 0.0 };\n\
};\n";

#[derive(SurrealValue)]
struct AggRow {
    rating_count: i64,
    rating_sum: i64,
    rating_1: i64,
    rating_2: i64,
    rating_3: i64,
    rating_4: i64,
    rating_5: i64,
    review_photos: Option<i64>,
}

impl AggRow {
    fn aggregate(&self) -> Aggregate {
        Aggregate {
            count: self.rating_count,
            sum: self.rating_sum,
            dist: [
                self.rating_1,
                self.rating_2,
                self.rating_3,
                self.rating_4,
                self.rating_5,
            ],
            photos: self.review_photos.unwrap_or(0),
        }
    }
}

const AGG_FIELDS: &str =
    "rating_count, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5";

/// Reads a product's stored ratings (`None`: no such product).
pub async fn product_ratings(
    db: &Db,
    product: &RecordId,
) -> Result<Option<Aggregate>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {AGG_FIELDS}, review_photos FROM $p"))
        .bind(("p", product.clone()))
        .await?
        .check()?;
    let rows: Vec<AggRow> = res.take(0)?;
    Ok(rows.first().map(AggRow::aggregate))
}

/// Reads a shop's stored ratings, without a photo count (`None`: no such shop).
pub async fn shop_ratings(db: &Db, shop: &RecordId) -> Result<Option<Aggregate>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {AGG_FIELDS}, NONE AS review_photos FROM $s"
        ))
        .bind(("s", shop.clone()))
        .await?
        .check()?;
    let rows: Vec<AggRow> = res.take(0)?;
    Ok(rows.first().map(AggRow::aggregate))
}

/// One published review's rating, as a recomputation counts it.
#[derive(SurrealValue)]
pub struct PublishedRating {
    pub rating: i64,
    pub has_photos: bool,
}

const PUBLISHED_RATINGS: &str =
    "SELECT rating, has_photos FROM review WHERE product = $p AND status = 'published'";

/// Reads the rating of every published review of a product (a scan).
pub async fn published_ratings(
    db: &Db,
    product: &RecordId,
) -> Result<Vec<PublishedRating>, surrealdb::Error> {
    let mut res = db
        .query(PUBLISHED_RATINGS)
        .bind(("p", product.clone()))
        .await?
        .check()?;
    res.take(0)
}

const RECOMPUTE_ALL: &str = "FOR $g IN (SELECT product, count() AS n, math::sum(rating) AS s, \
            count(rating = 1) AS r1, count(rating = 2) AS r2, count(rating = 3) AS r3, count(rating = 4) AS r4, count(rating = 5) AS r5, \
            count(has_photos) AS ph FROM review WHERE status = 'published' GROUP BY product) {\n\
           UPDATE $g.product SET rating_count = $g.n, rating_sum = $g.s, rating_1 = $g.r1, rating_2 = $g.r2, rating_3 = $g.r3, \
             rating_4 = $g.r4, rating_5 = $g.r5, review_photos = $g.ph, rating_avg = <float> $g.s / $g.n, \
             rating_bayes = ($pw * $pm + $g.s) / ($pw + $g.n);\n\
         };\n\
         FOR $g IN (SELECT shop, count() AS n, math::sum(rating) AS s, \
            count(rating = 1) AS r1, count(rating = 2) AS r2, count(rating = 3) AS r3, count(rating = 4) AS r4, count(rating = 5) AS r5 \
            FROM review WHERE status = 'published' GROUP BY shop) {\n\
           UPDATE $g.shop SET rating_count = $g.n, rating_sum = $g.s, rating_1 = $g.r1, rating_2 = $g.r2, rating_3 = $g.r3, \
             rating_4 = $g.r4, rating_5 = $g.r5, rating_avg = <float> $g.s / $g.n;\n\
         };";

/// Rewrites every product's and shop's ratings from the published reviews (the seed
/// inserts reviews in bulk and then calls this once).
pub async fn recompute_all(db: &Db) -> Result<(), surrealdb::Error> {
    db.query(RECOMPUTE_ALL)
        .bind(("pw", review::PRIOR_WEIGHT))
        .bind(("pm", review::PRIOR_MEAN))
        .await?
        .check()?;
    Ok(())
}
