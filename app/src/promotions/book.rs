//! The storefront's promotion book: the item promotions (discounts and promo prices)
//! that have not ended, by shop, for the cards and product pages to show the price a
//! unit is charged now with the original crossed out. One query per catalog-cache
//! period builds it; whether each has started is checked when it is read, so a cached
//! book stays right as promotions start and end.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::pricing::{best_unit_price, Funding, Line, Promotion, Stage};

use super::store::{self, PromotionRow};
use crate::error::AppError;
use crate::state::{key_of, AppState};

/// The most promotions the book holds (ending soonest first).
const MOST: i64 = 5_000;

struct Entry {
    promotion: Promotion,
    starts: i64,
    ends: DateTime<Utc>,
    title_en: String,
    title_zh: String,
}

/// A unit's price now under the best item promotion of its shop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deal {
    pub unit_minor: i64,
    pub title_en: String,
    pub title_zh: String,
    pub ends: DateTime<Utc>,
}

#[derive(Default)]
pub struct PromoBook {
    by_shop: HashMap<String, Vec<Entry>>,
}

impl PromoBook {
    /// The book of these promotions (only shops' item promotions count).
    pub fn new(rows: Vec<PromotionRow>) -> Self {
        let mut by_shop: HashMap<String, Vec<Entry>> = HashMap::new();
        for r in rows {
            let (Some(shop), Some(kind)) = (r.shop.as_ref(), r.kind()) else {
                continue;
            };
            let promotion = Promotion {
                id: key_of(&r.id),
                shop: Some(key_of(shop)),
                kind,
                funding: Funding::Seller,
            };
            if promotion.stage() != Stage::Item {
                continue;
            }
            by_shop.entry(key_of(shop)).or_default().push(Entry {
                promotion,
                starts: r.starts_at.timestamp(),
                ends: r.ends_at,
                title_en: r.title_en,
                title_zh: r.title_zh,
            });
        }
        Self { by_shop }
    }

    /// The best price of one unit of `product` (its shop's and category's keys, its
    /// price) under the item promotions running at `now`; `None` when none lowers it.
    pub fn deal(
        &self,
        shop: &str,
        product: &str,
        category: &str,
        unit_minor: i64,
        now: DateTime<Utc>,
    ) -> Option<Deal> {
        let entries = self.by_shop.get(shop)?;
        let at = now.timestamp();
        let running = entries
            .iter()
            .filter(|e| e.starts <= at && now < e.ends)
            .map(|e| &e.promotion);
        let line = Line {
            product: product.to_string(),
            shop: shop.to_string(),
            category: category.to_string(),
            unit_minor,
            quantity: 1,
            floor_minor: 0,
        };
        let (p, unit) = best_unit_price(&line, running)?;
        let e = entries.iter().find(|e| e.promotion.id == p.id)?;
        Some(Deal {
            unit_minor: unit,
            title_en: e.title_en.clone(),
            title_zh: e.title_zh.clone(),
            ends: e.ends,
        })
    }
}

/// The book, from the catalog cache (rebuilt when a seller changes a promotion, and at
/// least every cache period).
pub async fn book(state: &AppState) -> Result<Arc<PromoBook>, AppError> {
    state
        .catalog_cache
        .get_or_load("promo_book", async {
            let rows = store::upcoming_promotions(&state.db, state.now(), MOST).await?;
            Ok::<_, AppError>(Arc::new(PromoBook::new(rows)))
        })
        .await
}
