//! The storefront's promotion book: the item promotions (discounts and promo prices)
//! that have not ended, by shop, for the cards and product pages to show the price a
//! unit is charged now with the original crossed out. One query per catalog-cache
//! period builds it; whether each has started is checked when it is read, so a cached
//! book stays right as promotions start and end.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::pricing::{best_unit_price, Kind, Line, Promotion, Stage, Target};

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
    /// A flash sale's promo units left (as the book was loaded).
    flash_left: Option<i64>,
    /// A member price (for the shop's followers only).
    members_only: bool,
}

/// A unit's price now under the best item promotion of its shop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deal {
    pub unit_minor: i64,
    pub title_en: String,
    pub title_zh: String,
    pub ends: DateTime<Utc>,
    /// A flash sale's promo units left.
    pub flash_left: Option<i64>,
}

#[derive(Default)]
pub struct PromoBook {
    by_shop: HashMap<String, Vec<Entry>>,
    /// Each shop's vouchers (claimable from its product pages).
    vouchers: HashMap<String, Vec<PromotionRow>>,
}

impl PromoBook {
    /// The book of these promotions (only shops' item promotions count).
    pub fn new(rows: Vec<PromotionRow>) -> Self {
        let mut by_shop: HashMap<String, Vec<Entry>> = HashMap::new();
        let mut vouchers: HashMap<String, Vec<PromotionRow>> = HashMap::new();
        for r in rows {
            let (Some(shop), Some(mut promotion)) = (r.shop.as_ref(), r.engine()) else {
                continue;
            };
            if r.voucher {
                vouchers.entry(key_of(shop)).or_default().push(r);
                continue;
            }
            let flash_left = r.flash().map(|f| (f.units - r.flash_sold).max(0));
            // a sold-out flash sale lowers no price
            if let (Some(left), Kind::Price { max_units, .. }) = (flash_left, &mut promotion.kind) {
                *max_units = Some(left);
            }
            if promotion.stage() != Stage::Item {
                continue;
            }
            by_shop.entry(key_of(shop)).or_default().push(Entry {
                promotion,
                starts: r.starts_at.timestamp(),
                ends: r.ends_at,
                title_en: r.title_en,
                title_zh: r.title_zh,
                flash_left,
                members_only: r.members_only,
            });
        }
        Self { by_shop, vouchers }
    }

    /// `shop`'s vouchers running at `now`.
    pub fn vouchers_of(&self, shop: &str, now: DateTime<Utc>) -> Vec<&PromotionRow> {
        self.vouchers
            .get(shop)
            .map(|v| {
                v.iter()
                    .filter(|p| p.starts_at <= now && now < p.ends_at)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The best price of one unit of `product` (its shop's and category's keys, its
    /// price and the seller's floor) under the item promotions running at `now` — with
    /// the shop's member prices when `members` (its followers' price); `None` when none
    /// lowers it.
    pub fn deal(
        &self,
        shop: &str,
        product: &str,
        category: &str,
        (unit_minor, floor_minor): (i64, i64),
        now: DateTime<Utc>,
        members: bool,
    ) -> Option<Deal> {
        let entries = self.by_shop.get(shop)?;
        let at = now.timestamp();
        let running = entries
            .iter()
            .filter(|e| e.starts <= at && now < e.ends && (members || !e.members_only))
            .map(|e| &e.promotion);
        let line = Line {
            product: product.to_string(),
            shop: shop.to_string(),
            category: category.to_string(),
            unit_minor,
            quantity: 1,
            floor_minor,
        };
        let (p, unit) = best_unit_price(&line, running)?;
        let e = entries.iter().find(|e| e.promotion.id == p.id)?;
        Some(Deal {
            unit_minor: unit,
            title_en: e.title_en.clone(),
            title_zh: e.title_zh.clone(),
            ends: e.ends,
            flash_left: e.flash_left,
        })
    }

    /// The running flash sale of `product` whose promo stock is gone (its titles), if
    /// any: the product page says it sold out.
    pub fn sold_out(
        &self,
        shop: &str,
        product: &str,
        now: DateTime<Utc>,
    ) -> Option<(String, String)> {
        let at = now.timestamp();
        self.by_shop.get(shop)?.iter().find_map(|e| {
            let running = e.starts <= at && now < e.ends;
            let mine = matches!(&e.promotion.kind, Kind::Price { target: Target::Products(ps), .. } if ps.iter().any(|p| p == product));
            (running && mine && e.flash_left == Some(0))
                .then(|| (e.title_en.clone(), e.title_zh.clone()))
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
