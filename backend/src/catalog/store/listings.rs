//! Category, shop and search listings: filters, sort orders and keyset cursors.

use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

use super::{CardRow, AVAILABLE};

/// How a listing is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Relevance,
    Newest,
    PriceAsc,
    PriceDesc,
    Rating,
}

impl Sort {
    pub fn parse(s: Option<&str>, searching: bool) -> Sort {
        match s {
            Some("newest") => Sort::Newest,
            Some("price_asc") => Sort::PriceAsc,
            Some("price_desc") => Sort::PriceDesc,
            Some("rating") => Sort::Rating,
            _ if searching => Sort::Relevance,
            _ => Sort::Newest,
        }
    }
}

/// Where the previous page stopped: the sort key's value and the record key.
#[derive(Clone, Debug, PartialEq)]
pub enum CursorValue {
    Int(i64),
    Float(f64),
    Offset(i64),
}

#[derive(Clone, Debug, Default)]
pub struct ListingFilter {
    pub categories: Option<Vec<RecordId>>,
    pub search: Option<String>,
    pub min_ref: Option<i64>,
    pub max_ref: Option<i64>,
    pub in_stock: bool,
    pub min_rating: Option<f64>,
    pub shop: Option<RecordId>,
    pub after: Option<(CursorValue, String)>,
}

impl ListingFilter {
    /// A cache key naming every input of the query (built with `Display`, not
    /// `Debug`, which escapes every character and showed up in profiles).
    pub fn cache_key(&self, sort: Sort) -> String {
        use std::fmt::Write;
        let mut k = String::with_capacity(96);
        let _ = write!(k, "listing|{sort:?}|");
        for c in self.categories.iter().flatten() {
            let _ = write!(k, "{},", crate::db::key_of(c));
        }
        let _ = write!(
            k,
            "|{}|{:?}|{:?}|{}|{:?}|{}|",
            self.search.as_deref().unwrap_or(""),
            self.min_ref,
            self.max_ref,
            self.in_stock,
            self.min_rating,
            self.shop
                .as_ref()
                .map(crate::db::key_of)
                .unwrap_or_default(),
        );
        match &self.after {
            Some((CursorValue::Int(v), id)) => {
                let _ = write!(k, "i{v}~{id}");
            }
            Some((CursorValue::Float(v), id)) => {
                let _ = write!(k, "f{v}~{id}");
            }
            Some((CursorValue::Offset(n), _)) => {
                let _ = write!(k, "o{n}");
            }
            None => {}
        }
        k
    }
}

/// A [`ListingRow`]'s fields: a card's, and the sort keys a page continues from.
pub const LISTING_FIELDS: &str = "id, slug, title_en, title_zh, price_minor, currency, rating_avg, rating_count, \
     shop.name AS shop_name, image_url, shop, category, compare_at_minor, promo_floor_minor, price_ref_minor, \
     newest_key, price_desc_key, rating_key";

#[derive(Clone, Debug, SurrealValue)]
pub struct ListingRow {
    pub id: RecordId,
    pub slug: String,
    pub title_en: String,
    pub title_zh: String,
    pub price_minor: i64,
    pub currency: String,
    pub rating_avg: f64,
    pub rating_count: i64,
    pub shop_name: Option<String>,
    pub image_url: String,
    pub shop: RecordId,
    pub category: RecordId,
    pub compare_at_minor: Option<i64>,
    pub promo_floor_minor: Option<i64>,
    pub price_ref_minor: i64,
    pub newest_key: i64,
    pub price_desc_key: i64,
    pub rating_key: f64,
}

impl ListingRow {
    pub fn card_row(self) -> CardRow {
        CardRow {
            id: self.id,
            slug: self.slug,
            title_en: self.title_en,
            title_zh: self.title_zh,
            price_minor: self.price_minor,
            currency: self.currency,
            rating_avg: self.rating_avg,
            rating_count: self.rating_count,
            shop_name: self.shop_name,
            image_url: self.image_url,
            shop: self.shop,
            category: self.category,
            compare_at_minor: self.compare_at_minor,
            promo_floor_minor: self.promo_floor_minor,
        }
    }
}

/// A filtered, sorted page of active products (`limit + 1` rows are read so the
/// caller knows whether a next page exists). Pages continue from a keyset cursor,
/// so page 50 costs what page 1 costs; search relevance pages by offset (capped).
pub async fn listing(
    db: &Db,
    f: &ListingFilter,
    sort: Sort,
    limit: i64,
) -> Result<Vec<ListingRow>, surrealdb::Error> {
    if let (Some(cats), None) = (&f.categories, &f.search) {
        if cats.len() > 1 {
            // SurrealDB sorts every match of `category IN [...]`, which is slow for a
            // large subtree; one index-ordered scan per category (each stopping at
            // `limit + 1`) merged here reads at most that many rows per category.
            let mut rows = Vec::new();
            for c in cats {
                let one = ListingFilter {
                    categories: Some(vec![c.clone()]),
                    ..f.clone()
                };
                let mut res = bound_listing(db, &one, sort, limit, "").await?.check()?;
                rows.extend(res.take::<Vec<ListingRow>>(0)?);
            }
            sort_rows(&mut rows, sort);
            rows.truncate((limit + 1) as usize);
            return Ok(rows);
        }
    }
    let mut res = bound_listing(db, f, sort, limit, "").await?.check()?;
    res.take(0)
}

/// The order `listing` returns rows in: the ascending sort key, ties by record key
/// (the order of a forward index scan).
fn sort_rows(rows: &mut [ListingRow], sort: Sort) {
    use std::cmp::Ordering;
    let id = |r: &ListingRow| crate::db::key_of(&r.id);
    rows.sort_by(|a, b| {
        let primary = match sort {
            Sort::Newest => a.newest_key.cmp(&b.newest_key),
            Sort::PriceAsc => a.price_ref_minor.cmp(&b.price_ref_minor),
            Sort::PriceDesc => a.price_desc_key.cmp(&b.price_desc_key),
            Sort::Rating => a
                .rating_key
                .partial_cmp(&b.rating_key)
                .unwrap_or(Ordering::Equal),
            Sort::Relevance => Ordering::Equal,
        };
        primary.then_with(|| id(a).cmp(&id(b)))
    });
}

/// The query plan of [`listing`] (the EXPLAIN test checks every storefront filter).
pub async fn explain_listing(
    db: &Db,
    f: &ListingFilter,
    sort: Sort,
) -> Result<String, surrealdb::Error> {
    let mut res = bound_listing(db, f, sort, 48, " EXPLAIN").await?.check()?;
    let v: surrealdb::types::Value = res.take(0)?;
    Ok(format!("{v:?}"))
}

/// The listing query for `f` sorted by `sort` (with `suffix`, e.g. ` EXPLAIN`), and
/// the offset it starts at (relevance pages are offsets; other sorts use the cursor).
fn listing_sql(f: &ListingFilter, sort: Sort, suffix: &str) -> (String, i64) {
    // variants other than the listed one stay out of listings (migration 0010)
    let mut conds = vec![
        "status = 'active'".to_string(),
        "variant_of = NONE".to_string(),
    ];
    match f.categories.as_deref() {
        // equality lets the index both filter and order (see `listing`)
        Some([_]) => conds.push("category = $cat".into()),
        Some(_) => conds.push("category IN $cats".into()),
        None => {}
    }
    if f.search.is_some() {
        conds.push(
            "(title_en @1@ $q OR title_zh @2@ $q OR description_en @3@ $q OR description_zh @4@ $q)"
                .into(),
        );
    }
    if f.min_ref.is_some() {
        conds.push("price_ref_minor >= $min".into());
    }
    if f.max_ref.is_some() {
        conds.push("price_ref_minor <= $max".into());
    }
    if f.min_rating.is_some() {
        conds.push("rating_avg >= $rating".into());
    }
    if f.shop.is_some() {
        conds.push("shop = $shop".into());
    }
    if f.in_stock {
        conds.push(format!("{AVAILABLE} > 0"));
    }
    let (key, dir) = match sort {
        // every key ascends (see migration 0008): forward index scans only
        Sort::Newest => ("newest_key", "ASC"),
        Sort::PriceAsc => ("price_ref_minor", "ASC"),
        Sort::PriceDesc => ("price_desc_key", "ASC"),
        Sort::Rating => ("rating_key", "ASC"),
        Sort::Relevance => ("score", "DESC"),
    };
    let mut start = 0;
    if let Some((value, _)) = &f.after {
        match (sort, value) {
            (Sort::Relevance, CursorValue::Offset(n)) => start = *n,
            (Sort::Relevance, _) => {}
            _ => {
                let op = if dir == "ASC" { ">" } else { "<" };
                conds.push(format!(
                    "({key} {op} $after OR ({key} = $after AND id {op} $after_id))"
                ));
            }
        }
    }
    let score = if f.search.is_some() {
        // BM25 on titles (double weight) and descriptions, nudged up by rating and stock
        format!(
            ", (search::score(1) + search::score(2)) * 2 + search::score(3) + search::score(4) \
             + rating_avg * 0.1 + (IF {AVAILABLE} > 0 THEN 0.5 ELSE 0 END) AS score"
        )
    } else {
        String::new()
    };
    // one ascending sort key, so SurrealDB reads the matching index forwards and stops
    // at the limit (a second key makes it sort every match); ties then come in index
    // order, by record id, which the cursor follows
    let order = format!("{key} {dir}");
    let start_clause = if start > 0 { " START $start" } else { "" };
    let sql = format!(
        "SELECT {LISTING_FIELDS}{score} FROM product \
         WHERE {} ORDER BY {order} LIMIT $limit{start_clause}{suffix}",
        conds.join(" AND ")
    );
    (sql, start)
}

async fn bound_listing(
    db: &Db,
    f: &ListingFilter,
    sort: Sort,
    limit: i64,
    suffix: &str,
) -> Result<surrealdb::IndexedResults, surrealdb::Error> {
    let (sql, start) = listing_sql(f, sort, suffix);
    let mut q = db
        .query(sql)
        .bind(("limit", limit + 1))
        .bind(("start", start));
    match f.categories.as_deref() {
        Some([one]) => q = q.bind(("cat", one.clone())),
        Some(many) => q = q.bind(("cats", many.to_vec())),
        None => {}
    }
    if let Some(s) = &f.search {
        q = q.bind(("q", s.clone()));
    }
    if let Some(v) = f.min_ref {
        q = q.bind(("min", v));
    }
    if let Some(v) = f.max_ref {
        q = q.bind(("max", v));
    }
    if let Some(v) = f.min_rating {
        q = q.bind(("rating", v));
    }
    if let Some(shop) = &f.shop {
        q = q.bind(("shop", shop.clone()));
    }
    if let Some((value, id)) = &f.after {
        q = q.bind(("after_id", RecordId::new("product", id.as_str())));
        q = match value {
            CursorValue::Int(v) => q.bind(("after", *v)),
            CursorValue::Float(v) => q.bind(("after", *v)),
            CursorValue::Offset(_) => q,
        };
    }
    q.await
}
