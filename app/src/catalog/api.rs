//! Storefront server functions: home, category, product and search pages.

use domain::keys::{ProductKey, ShopSlug};
use leptos::prelude::*;

use super::{
    CategoryPageData, HomeData, Listing, ListingQuery, ProductDetail, ShopPageData, Suggestions,
};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {super::imp, crate::ctx::Ctx};

#[server(endpoint = "home_data")]
pub async fn get_home_data() -> Result<HomeData, AppError> {
    imp::home_data(&Ctx::storefront()?).await
}

#[server(endpoint = "category_page")]
pub async fn category_page(
    slug: String,
    #[server(default)] query: ListingQuery,
) -> Result<CategoryPageData, AppError> {
    imp::category_page(&Ctx::storefront()?, slug, query).await
}

#[server(endpoint = "shop_page")]
pub async fn shop_page(
    slug: ShopSlug,
    #[server(default)] query: ListingQuery,
) -> Result<ShopPageData, AppError> {
    imp::shop_page(&Ctx::storefront()?, slug, query).await
}

#[server(endpoint = "product_page")]
pub async fn product_page(id: ProductKey) -> Result<ProductDetail, AppError> {
    imp::product_page(&Ctx::storefront()?, id).await
}

#[server(endpoint = "search_products")]
pub async fn search_products(
    q: String,
    #[server(default)] query: ListingQuery,
) -> Result<Listing, AppError> {
    imp::search(&Ctx::storefront()?, q, query).await
}

/// Suggestions for the search box (debounced by the caller).
#[server(endpoint = "search_suggestions")]
pub async fn search_suggestions(q: String) -> Result<Suggestions, AppError> {
    imp::suggestions(&Ctx::storefront()?, q).await
}
