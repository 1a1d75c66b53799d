//! The product page's reviews, helpful votes and reports.

use chrono::{DateTime, Utc};
use domain::review::Aggregate;
use surrealdb::types::{RecordId, SurrealValue, Variables};

use super::{AggRow, AGG_FIELDS};
use crate::db::{Db, Refusal, Stmts};

/// A published review as the product page lists it.
#[derive(SurrealValue)]
pub struct ReviewRow {
    pub id: RecordId,
    pub rating: i64,
    pub title: String,
    pub body: String,
    pub lang: String,
    pub author: RecordId,
    pub author_name: String,
    pub item: Option<String>,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub photos: Vec<String>,
    pub quality: Option<i64>,
    pub described: Option<i64>,
    pub shipping: Option<i64>,
    pub helpful: i64,
    pub reply: Option<String>,
    pub reply_at: Option<DateTime<Utc>>,
}

const REVIEW_FIELDS: &str =
    "id, rating, title, body, lang, author, author_name, order_line.title AS item, created_at, \
     edited_at, photos, quality, described, shipping, helpful, reply, reply_at";

/// The product page's filters and sort of its review list.
pub struct ReviewFilter<'a> {
    /// Only reviews of this many stars (1–5).
    pub stars: Option<u8>,
    /// Only reviews with photos.
    pub with_photos: bool,
    /// Only reviews in this language.
    pub lang: Option<&'a str>,
    /// `newest`, `helpful` or `lowest`.
    pub sort: &'a str,
}

/// The reviews read of [`review_page`] for `q` (binds `$p`, `$stars`, `$lang`, `$limit`).
pub fn reviews_query(q: &ReviewFilter<'_>) -> String {
    let mut filter = String::from("product = $p AND status = 'published'");
    if q.stars.is_some() {
        filter.push_str(" AND rating = $stars");
    }
    if q.with_photos {
        filter.push_str(" AND has_photos = true");
    }
    if q.lang.is_some() {
        filter.push_str(" AND lang = $lang");
    }
    let order = match q.sort {
        "helpful" => "sort_helpful",
        "lowest" => "sort_low",
        _ => "sort_new",
    };
    format!("SELECT {REVIEW_FIELDS} FROM review WHERE {filter} ORDER BY {order} LIMIT $limit")
}

/// Reads a product's stored ratings (`None`: no such product) and up to `limit` of its
/// published reviews matching `q`'s filters in `q`'s order (one indexed read: each
/// filter and sort has its own index).
pub async fn review_page(
    db: &Db,
    product: RecordId,
    q: &ReviewFilter<'_>,
    limit: i64,
) -> Result<(Option<Aggregate>, Vec<ReviewRow>), surrealdb::Error> {
    let sql = format!(
        "SELECT {AGG_FIELDS}, review_photos FROM $p;\n\
         {};",
        reviews_query(q)
    );
    let mut res = db
        .query(sql)
        .bind(("p", product))
        .bind(("stars", i64::from(q.stars.unwrap_or(0))))
        .bind(("lang", q.lang.unwrap_or_default().to_string()))
        .bind(("limit", limit))
        .await?
        .check()?;
    let agg: Vec<AggRow> = res.take(0)?;
    let rows: Vec<ReviewRow> = res.take(1)?;
    Ok((agg.first().map(AggRow::aggregate), rows))
}

const VOTED: &str = "SELECT VALUE record::id(review) FROM $ids";

/// Reads which of these helpful votes exist: the keys of the reviews they are for
/// (direct record reads, no scan).
pub async fn voted_reviews(db: &Db, votes: Vec<RecordId>) -> Result<Vec<String>, surrealdb::Error> {
    let mut res = db.query(VOTED).bind(("ids", votes)).await?.check()?;
    res.take(0)
}

/// A review as votes, reports and replies need it.
#[derive(SurrealValue)]
pub struct ReviewTarget {
    pub id: RecordId,
    pub author: RecordId,
    pub status: String,
    pub shop: RecordId,
    pub product: RecordId,
}

const TARGET: &str = "SELECT id, author, status, shop, product FROM $r";

/// Reads a review's author, status, shop and product (`None`: no such review).
pub async fn review_target(
    db: &Db,
    review: RecordId,
) -> Result<Option<ReviewTarget>, surrealdb::Error> {
    let mut res = db.query(TARGET).bind(("r", review)).await?.check()?;
    let rows: Vec<ReviewTarget> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Records `voter`'s helpful vote on `review` and counts it, refused
/// ([`Refusal::AlreadyExists`]) when that vote exists.
pub fn vote_helpful(vote: RecordId, review: RecordId, voter: RecordId) -> Stmts {
    let mut v = Variables::new();
    v.insert("vote", vote);
    v.insert("r", review);
    v.insert("me", voter);
    let mut s = Stmts::new();
    s.bind_all(v)
        .refuse_if("record::exists($vote)", Refusal::AlreadyExists)
        .sql("CREATE $vote SET review = $r, voter = $me, at = $now; UPDATE $r SET helpful += 1");
    s
}

const HELPFUL: &str = "SELECT VALUE helpful FROM $r";

/// Reads how many found a review helpful.
pub async fn helpful_count(db: &Db, review: RecordId) -> Result<Option<i64>, surrealdb::Error> {
    let mut res = db.query(HELPFUL).bind(("r", review)).await?.check()?;
    res.take(0)
}

/// Files `reporter`'s open report of `review` and counts it, refused
/// ([`Refusal::AlreadyExists`]) when that report exists.
pub fn file_review_report(
    report: RecordId,
    review: RecordId,
    reporter: RecordId,
    reason: &str,
) -> Stmts {
    let mut v = Variables::new();
    v.insert("rep", report);
    v.insert("r", review);
    v.insert("me", reporter);
    v.insert("reason", reason.to_string());
    let mut s = Stmts::new();
    s.bind_all(v)
        .refuse_if("record::exists($rep)", Refusal::AlreadyExists)
        .sql(
            "CREATE $rep SET review = $r, reporter = $me, reason = $reason, status = 'open', at = $now;\n\
             UPDATE $r SET reports += 1",
        );
    s
}
