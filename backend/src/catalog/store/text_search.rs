//! Search-box queries: best-matching products and the words for typo correction.

use crate::db::Db;

use super::{CardRow, CARD_FIELDS};

/// The text [`search`] runs (binds `$q`, `$limit`).
pub fn search_query() -> String {
    format!(
        "SELECT {CARD_FIELDS}, search::score(1) + search::score(2) AS score FROM product \
         WHERE (title_en @1@ $q OR title_zh @2@ $q) AND status = 'active' AND variant_of = NONE \
         ORDER BY score DESC, rating_count DESC LIMIT $limit"
    )
}

/// Full-text search over both titles (BM25 on the `product_title_*_ft` indexes),
/// best matches first, then the most reviewed.
pub async fn search(db: &Db, needle: &str, limit: i64) -> Result<Vec<CardRow>, surrealdb::Error> {
    let mut res = db
        .query(search_query())
        .bind(("q", needle.to_string()))
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

const VOCABULARY_TITLES: &str =
    "SELECT VALUE title_en FROM product WHERE status = 'active' LIMIT 20000";

/// Lower-case words of the active catalogue's English titles, sorted and unique:
/// the dictionary for typo correction and completions. Bounded to 20,000 titles so
/// its cost does not grow with the catalogue (cached by the caller).
pub async fn vocabulary(db: &Db) -> Result<std::sync::Arc<Vec<String>>, surrealdb::Error> {
    let mut res = db.query(VOCABULARY_TITLES).await?.check()?;
    let titles: Vec<String> = res.take(0)?;
    let mut words: Vec<String> = titles
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_lowercase)
        .collect();
    words.sort_unstable();
    words.dedup();
    Ok(std::sync::Arc::new(words))
}
