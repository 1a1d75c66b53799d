//! Catalog: categories, product listings and the storefront pages that show them.

pub mod api;
#[cfg(feature = "ssr")]
pub mod cache;
pub mod follows;
#[cfg(feature = "ssr")]
pub mod imp;
/// The catalog's queries (moved to `backend::catalog::store`), and `price_view`, which
/// builds the browser's `PriceView` and so stays in the app.
#[cfg(feature = "ssr")]
pub mod store {
    pub use super::imp::price_view;
    pub use backend::catalog::store::*;
}
pub mod views;

use domain::Money;
use serde::{Deserialize, Serialize};

/// Rebuilds the home page's "trending" list (see [`store::refresh_trending`]) and drops
/// its cached copy. Run by the server's background job; returns how many products trend.
#[cfg(feature = "ssr")]
pub async fn refresh_trending(
    state: &crate::state::AppState,
) -> Result<usize, crate::error::AppError> {
    let kept = store::refresh_trending(&state.db, state.now()).await?;
    state.catalog_cache.forget("home_trending");
    Ok(kept)
}

/// A category as a link, named in the shopper's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryLink {
    pub slug: String,
    pub name: String,
}

/// A top-level category with its children, for the header menu and home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryTree {
    pub link: CategoryLink,
    pub children: Vec<CategoryLink>,
}

/// A price as charged, and as shown in the shopper's display currency when that differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceView {
    pub charged: Money,
    pub display: Option<Money>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductCard {
    pub id: String,
    /// Readable URL part; the canonical product URL is `/p/{id}/{slug}`.
    pub slug: String,
    pub title: String,
    pub image: String,
    /// What one unit is charged now (after a running item promotion).
    pub price: PriceView,
    /// The price crossed out beside it: before the promotion, or the seller's
    /// "compare at" price.
    pub was: Option<PriceView>,
    pub shop_name: String,
    /// Average rating times ten (47 = 4.7 stars); 0 with no ratings.
    pub rating_x10: u16,
    pub rating_count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    pub categories: Vec<CategoryTree>,
    pub new_arrivals: Vec<ProductCard>,
    /// Most units sold in the last 7 days; empty when nothing sold.
    pub trending: Vec<ProductCard>,
    /// Shops' "spend X, save Y" offers running now, ending soonest first.
    pub promotions: Vec<PromotionCard>,
    pub top_rated: Vec<ProductCard>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopPageData {
    pub slug: String,
    pub name: String,
    pub ships_from: String,
    pub rating_x10: u16,
    pub rating_count: i64,
    /// When the shop opened (unix seconds).
    pub since: i64,
    /// Absolute page and share-card addresses (Open Graph, Twitter, the share dialog).
    pub canonical_url: String,
    pub share_image: String,
    pub listing: Listing,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryPageData {
    pub crumbs: Vec<CategoryLink>,
    pub name: String,
    pub children: Vec<CategoryLink>,
    pub listing: Listing,
}

/// Filters and sort from a category or search page's query string, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingQuery {
    pub sort: Option<String>,
    /// Price bounds in the shopper's display currency, major units ("12.50").
    pub min: Option<String>,
    pub max: Option<String>,
    pub in_stock: Option<String>,
    /// Minimum average rating, 1–5.
    pub rating: Option<String>,
    /// A seller's shop slug.
    pub shop: Option<String>,
    /// Keyset cursor from the previous page's `next`.
    pub after: Option<String>,
}

/// One page of products and the cursor of the next page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub cards: Vec<ProductCard>,
    pub next: Option<String>,
    /// Filter inputs that could not be read and were left out.
    pub ignored: Vec<String>,
    /// For a search with few or no results: the query with its typos corrected.
    pub did_you_mean: Option<String>,
    /// The sellers the seller filter offers.
    pub sellers: Vec<CategoryLink>,
}

/// What the search box offers while the shopper types.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestions {
    /// The query with its typos corrected, when it had any.
    pub corrected: Option<String>,
    /// Completions of the word being typed.
    pub words: Vec<String>,
    /// (title, product URL) of the best matches.
    pub products: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub card: ProductCard,
    pub description: String,
    pub crumbs: Vec<CategoryLink>,
    pub images: Vec<String>,
    pub available: i64,
    pub ships_from: String,
    /// The shop's page (`/s/<slug>`).
    pub shop_href: String,
    /// Absolute canonical URL and primary image URL (for Open Graph and JSON-LD).
    pub canonical_url: String,
    pub image_url: String,
    /// The share card (a 1200×630 image with the photo, price and shop).
    pub share_image: String,
    /// schema.org Product/Offer/AggregateRating, ready for a `<script type="application/ld+json">`.
    pub json_ld: String,
    /// Other products of the same category, newest first.
    pub related: Vec<ProductCard>,
    /// Option pickers (size, colour, ...) when the product has variants.
    pub variants: Vec<VariantAxis>,
    /// Whether and how the product reaches the shopper's country.
    pub delivery: DeliveryInfo,
    /// The running promotion that sets the price, if one does.
    pub deal: Option<DealInfo>,
    /// The title of a running flash sale of the product whose promo stock is gone.
    pub sold_out: Option<String>,
    /// The shop's vouchers a shopper may claim here.
    pub vouchers: Vec<crate::promotions::VoucherView>,
    /// The shop's member price, when it is lower than everyone's (its followers get it).
    pub member: Option<MemberPrice>,
}

/// A running promotion on a product page: its title, what it saves on a unit, and
/// when it ends (UTC, RFC 3339, for the countdown; and in words).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealInfo {
    pub title: String,
    pub saving: Money,
    pub ends_at: String,
    pub ends: String,
    /// Seconds from the page's rendering to the end (the countdown runs from there).
    pub seconds_left: i64,
    /// A flash sale's promo units left.
    pub flash_left: Option<i64>,
}

/// A price only the shop's followers get: the promotion's title and the unit price (in
/// the shop's currency).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPrice {
    pub title: String,
    pub price: Money,
}

/// Delivery of a product to the shopper's country (selling abroad).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryInfo {
    /// The shopper's delivery country, when known (cookie or browser region).
    pub country: Option<String>,
    /// The shop's own country.
    pub ships_from: String,
    /// Every country the shop ships to.
    pub ships_to: Vec<String>,
    /// For `country`: the estimate, or `None` when the shop doesn't ship there.
    pub estimate: Option<DeliveryEstimate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryEstimate {
    pub days_min: i64,
    pub days_max: i64,
    /// The lowest shipping rate there, in the shop's currency.
    pub fee: Money,
    /// The parcel crosses a border: import duties and taxes may apply.
    pub duties: bool,
}

/// A running promotion on the home page, in the shop's currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionCard {
    pub title: String,
    pub shop_name: String,
    /// What it does, in words ("Spend NT$1,000, save NT$100").
    pub offer: String,
    /// Last day (UTC), in the page's language (`27 Nov 2026`, `2026年11月27日`).
    pub ends: String,
    /// The shop's products in the promotion's category.
    pub href: String,
}

/// One option axis on a product page, such as Size, with a link per value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantAxis {
    pub name: String,
    pub choices: Vec<VariantLink>,
}

/// A value on a [`VariantAxis`]: a link to the variant page it selects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantLink {
    pub label: String,
    pub href: String,
    pub selected: bool,
    /// Whether the variant it leads to can be bought now.
    pub available: bool,
}

impl ProductCard {
    pub fn href(&self) -> String {
        format!("/p/{}/{}", self.id, self.slug)
    }
}

/// Product or category text in the shopper's language, falling back to the other one.
pub fn localized(lang: domain::Lang, en: String, zh: String) -> String {
    match lang {
        domain::Lang::ZhHant if !zh.trim().is_empty() => zh,
        _ if en.trim().is_empty() => zh,
        _ => en,
    }
}
