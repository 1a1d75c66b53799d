//! Listing pages (category, shop and search results): filters, sort and cursors.

use domain::Money;
use surrealdb::types::RecordId;

use super::{cached_categories, crumbs, link, subtree, Shopper};
use crate::catalog::store::{self, CursorValue, ListingFilter, Sort};
use crate::catalog::{CategoryLink, CategoryPageData, Listing, ListingQuery, ShopPageData};
use crate::ctx::Storefront;
use crate::error::AppError;
use crate::state::key_of;

pub async fn category_page(
    sf: &Storefront,
    slug: String,
    query: ListingQuery,
) -> Result<CategoryPageData, AppError> {
    let state = &sf.state;
    let shopper = Shopper::load(sf).await?;
    let cats = cached_categories(state).await?;
    let cat = cats
        .iter()
        .find(|c| c.slug == slug)
        .ok_or(AppError::NotFound)?;
    let lang = shopper.prefs.lang;
    let listing = shopper
        .listing(state, &query, Some(subtree(&cats, &cat.id)), None)
        .await?;
    Ok(CategoryPageData {
        crumbs: crumbs(&cats, &cat.id, lang),
        name: link(cat, lang).name,
        children: cats
            .iter()
            .filter(|c| c.parent.as_ref() == Some(&cat.id))
            .map(|c| link(c, lang))
            .collect(),
        listing,
    })
}

/// An approved shop's page: its name, rating and age, and its products (the listing
/// filtered to the shop).
pub async fn shop_page(
    sf: &Storefront,
    slug: domain::keys::ShopSlug,
    mut query: ListingQuery,
) -> Result<ShopPageData, AppError> {
    let state = &sf.state;
    let shopper = Shopper::load(sf).await?;
    let row = store::approved_shop(&state.db, crate::state::record(&slug))
        .await?
        .ok_or(AppError::NotFound)?;
    query.shop = Some(slug.to_string());
    let listing = shopper.listing(state, &query, None, None).await?;
    let origin = state.settings.public_origin.clone();
    Ok(ShopPageData {
        canonical_url: format!("{origin}/s/{slug}"),
        share_image: format!("{origin}/share/card/s/{slug}.svg"),
        slug: slug.into(),
        name: row.name,
        ships_from: row.ships_from,
        rating_x10: (row.rating_avg * 10.0).round().clamp(0.0, 50.0) as u16,
        rating_count: row.rating_count,
        since: row.created_at.timestamp(),
        listing,
    })
}

/// Most products on one listing page.
const PAGE: i64 = 48;
/// Relevance-sorted search pages by offset; deeper than this, refine the query.
const MAX_SEARCH_OFFSET: i64 = PAGE * 10;

impl Shopper {
    /// Reads a listing query: unreadable inputs are left out and reported.
    fn filter(&self, q: &ListingQuery, searching: bool) -> (ListingFilter, Sort, Vec<String>) {
        let mut ignored = Vec::new();
        let mut f = ListingFilter::default();
        let sort = Sort::parse(q.sort.as_deref(), searching);
        let mut bound = |name: &str, v: &Option<String>| -> Option<i64> {
            let v = v.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
            match Money::parse_major(v, self.prefs.currency)
                .and_then(|m| store::to_reference(m.amount_minor, m.currency, &self.rates))
            {
                Some(r) => Some(r),
                None => {
                    ignored.push(name.to_string());
                    None
                }
            }
        };
        f.min_ref = bound("min", &q.min);
        f.max_ref = bound("max", &q.max);
        f.in_stock = q
            .in_stock
            .as_deref()
            .is_some_and(|v| !v.is_empty() && v != "0");
        f.min_rating = match q.rating.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(r) => match r.parse::<f64>() {
                Ok(x) if (1.0..=5.0).contains(&x) => Some(x),
                _ => {
                    ignored.push("rating".into());
                    None
                }
            },
        };
        if let Some(c) = q.after.as_deref().filter(|s| !s.is_empty()) {
            match decode_cursor(c, sort) {
                Some(cur) => f.after = Some(cur),
                None => ignored.push("after".into()),
            }
        }
        (f, sort, ignored)
    }

    pub(super) async fn listing(
        &self,
        state: &crate::state::AppState,
        q: &ListingQuery,
        categories: Option<Vec<RecordId>>,
        search: Option<String>,
    ) -> Result<Listing, AppError> {
        let (mut f, sort, mut ignored) = self.filter(q, search.is_some());
        f.categories = categories;
        f.search = search;
        let shops = state
            .catalog_cache
            .get_or_load("open_shops", store::open_shops(&state.db))
            .await?;
        if let Some(slug) = q.shop.as_deref().filter(|s| !s.is_empty()) {
            match shops.iter().find(|s| s.slug == slug) {
                Some(s) => f.shop = Some(RecordId::new("shop", s.slug.as_str())),
                None => ignored.push("shop".into()),
            }
        }
        // listing pages are cached (30 s, dropped on catalog writes): the stock
        // filter and stock boost may lag by that much; product pages, the cart
        // and checkout always read live stock
        let key = f.cache_key(sort);
        let mut rows: Vec<store::ListingRow> = state
            .catalog_cache
            .get_or_load_keyed(key, store::listing(&state.db, &f, sort, PAGE))
            .await?;
        let more = rows.len() as i64 > PAGE;
        rows.truncate(PAGE as usize);
        let next = match (more, rows.last()) {
            (true, Some(last)) => match sort {
                Sort::Relevance => {
                    let offset = match &f.after {
                        Some((CursorValue::Offset(n), _)) => *n,
                        _ => 0,
                    } + PAGE;
                    (offset < MAX_SEARCH_OFFSET).then(|| format!("o{offset}~"))
                }
                Sort::Newest => Some(format!("i{}~{}", last.newest_key, key_of(&last.id))),
                Sort::PriceAsc => Some(format!("i{}~{}", last.price_ref_minor, key_of(&last.id))),
                Sort::PriceDesc => Some(format!("i{}~{}", last.price_desc_key, key_of(&last.id))),
                Sort::Rating => Some(format!("f{}~{}", last.rating_key, key_of(&last.id))),
            },
            _ => None,
        };
        Ok(Listing {
            cards: self.cards(rows.into_iter().map(|r| r.card_row()).collect()),
            next,
            ignored,
            did_you_mean: None,
            sellers: shops
                .iter()
                .map(|s| CategoryLink {
                    slug: s.slug.clone(),
                    name: s.name.clone(),
                })
                .collect(),
        })
    }
}

/// `i<int>~id`, `f<float>~id` or `o<offset>~`, matching `sort`.
fn decode_cursor(c: &str, sort: Sort) -> Option<(CursorValue, String)> {
    let (value, id) = c.split_once('~')?;
    if !id.is_empty() && !crate::state::is_record_key(id) {
        return None;
    }
    let (kind, v) = value.split_at_checked(1)?;
    let cur = match (kind, sort) {
        ("i", Sort::Newest | Sort::PriceAsc | Sort::PriceDesc) => CursorValue::Int(v.parse().ok()?),
        ("f", Sort::Rating) => CursorValue::Float(v.parse().ok().filter(|x: &f64| x.is_finite())?),
        ("o", Sort::Relevance) => CursorValue::Offset(
            v.parse()
                .ok()
                .filter(|n| (0..MAX_SEARCH_OFFSET).contains(n))?,
        ),
        _ => return None,
    };
    if !matches!(cur, CursorValue::Offset(_)) && id.is_empty() {
        return None;
    }
    Some((cur, id.to_string()))
}
