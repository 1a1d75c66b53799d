//! Storefront logic behind the server functions (server only): the category tree,
//! product cards in the shopper's language and currency, and the pages built from them.

use domain::{Currency, Lang, Money};
use surrealdb::types::RecordId;

use super::store::{self, CardRow, CategoryRow};
use super::{localized, CategoryLink, CategoryTree, PriceView, ProductCard};
use crate::ctx::Storefront;
use crate::error::AppError;
use crate::prefs::Prefs;
use crate::state::{key_of, AppState};

pub mod follows;
mod home;
mod listing;
mod product;
mod search;

pub use self::home::{category_menu, home_data};
pub use self::listing::{category_page, shop_page};
pub use self::product::product_page;
pub use self::search::{search, suggestions};

/// A charged price with its approximation in the shopper's display currency.
pub fn price_view(charged: Money, to: Currency, rates: &domain::fx::RateTable) -> PriceView {
    PriceView {
        charged,
        display: store::display_price(charged, to, rates),
    }
}

fn link(c: &CategoryRow, lang: Lang) -> CategoryLink {
    CategoryLink {
        slug: c.slug.clone(),
        name: localized(lang, c.name_en.clone(), c.name_zh.clone()),
    }
}

fn tree(cats: &[CategoryRow], lang: Lang) -> Vec<CategoryTree> {
    cats.iter()
        .filter(|c| c.parent.is_none())
        .map(|top| CategoryTree {
            link: link(top, lang),
            children: cats
                .iter()
                .filter(|c| c.parent.as_ref() == Some(&top.id))
                .map(|c| link(c, lang))
                .collect(),
        })
        .collect()
}

/// The shopper's language and currency (from the request's preferences) and the rates
/// to show prices in.
pub(super) struct Shopper {
    prefs: Prefs,
    rates: domain::fx::RateTable,
    /// The running item promotions, and the time the page is priced at.
    book: std::sync::Arc<crate::promotions::book::PromoBook>,
    now: chrono::DateTime<chrono::Utc>,
}

impl Shopper {
    pub(super) async fn load(sf: &Storefront) -> Result<Shopper, AppError> {
        let rates = super::cache::usd_rates(&sf.state).await?;
        Ok(Shopper {
            prefs: sf.prefs,
            rates,
            book: crate::promotions::book::book(&sf.state).await?,
            now: sf.state.now(),
        })
    }

    /// A unit's price now under its shop's best running item promotion, if one
    /// lowers it.
    fn deal(&self, r: &CardRow) -> Option<crate::promotions::book::Deal> {
        self.book.deal(
            &key_of(&r.shop),
            &key_of(&r.id),
            &key_of(&r.category),
            (r.price_minor, r.promo_floor_minor.unwrap_or(0)),
            self.now,
            false,
        )
    }

    fn card(&self, r: CardRow) -> Option<ProductCard> {
        let deal = self.deal(&r).map(|d| d.unit_minor);
        self.card_at(r, deal)
    }

    /// The card of `r` when a running promotion charges a unit `deal` (if one does).
    fn card_at(&self, r: CardRow, deal: Option<i64>) -> Option<ProductCard> {
        let currency = Currency::parse(&r.currency)?;
        // the price a unit is charged now, and the one crossed out: the price before
        // a running promotion, else the seller's "compare at" price
        let (price, was) = match deal {
            Some(unit) => (unit, Some(r.price_minor)),
            None => (
                r.price_minor,
                r.compare_at_minor.filter(|c| *c > r.price_minor),
            ),
        };
        let charged = Money::new(price, currency);
        let was =
            was.map(|w| price_view(Money::new(w, currency), self.prefs.currency, &self.rates));
        Some(ProductCard {
            was,
            id: key_of(&r.id),
            slug: r.slug,
            title: localized(self.prefs.lang, r.title_en, r.title_zh),
            image: r.image_url,
            price: price_view(charged, self.prefs.currency, &self.rates),
            shop_name: r.shop_name.unwrap_or_default(),
            rating_x10: (r.rating_avg * 10.0).round().clamp(0.0, 50.0) as u16,
            rating_count: r.rating_count.clamp(0, i64::from(u32::MAX)) as u32,
        })
    }

    fn cards(&self, rows: Vec<CardRow>) -> Vec<ProductCard> {
        rows.into_iter().filter_map(|r| self.card(r)).collect()
    }
}

/// Ancestors of a category from the root down, including itself.
fn crumbs(cats: &[CategoryRow], id: &RecordId, lang: Lang) -> Vec<CategoryLink> {
    let mut out = Vec::new();
    let mut cur = cats.iter().find(|c| &c.id == id);
    while let Some(c) = cur {
        out.push(link(c, lang));
        cur = c
            .parent
            .as_ref()
            .and_then(|p| cats.iter().find(|x| &x.id == p));
    }
    out.reverse();
    out
}

/// A category and all its descendants.
fn subtree(cats: &[CategoryRow], root: &RecordId) -> Vec<RecordId> {
    let mut out = vec![root.clone()];
    let mut i = 0;
    while i < out.len() {
        let cur = out[i].clone();
        out.extend(
            cats.iter()
                .filter(|c| c.parent.as_ref() == Some(&cur))
                .map(|c| c.id.clone()),
        );
        i += 1;
    }
    out
}

async fn cached_categories(state: &AppState) -> Result<Vec<CategoryRow>, AppError> {
    Ok(state
        .catalog_cache
        .get_or_load("categories", store::categories(&state.db))
        .await?)
}
