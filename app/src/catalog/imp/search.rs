//! Search results and the search box's suggestions.

use super::Shopper;
use crate::catalog::store;
use crate::catalog::{Listing, ListingQuery, Suggestions};
use crate::ctx::Storefront;
use crate::error::AppError;
use crate::state::AppState;

pub async fn search(sf: &Storefront, q: String, query: ListingQuery) -> Result<Listing, AppError> {
    let state = &sf.state;
    let q = q.trim();
    if q.is_empty() {
        return Ok(Listing::default());
    }
    let q: String = q.chars().take(100).collect();
    let shopper = Shopper::load(sf).await?;
    let mut listing = shopper
        .listing(state, &query, None, Some(q.clone()))
        .await?;
    if listing.cards.len() < 4 && query.after.is_none() {
        let words = vocabulary(state).await?;
        listing.did_you_mean = domain::search::correct(&q, &words);
    }
    Ok(listing)
}

async fn vocabulary(state: &AppState) -> Result<std::sync::Arc<Vec<String>>, AppError> {
    Ok(state
        .catalog_cache
        .get_or_load("vocabulary", store::vocabulary(&state.db))
        .await?)
}

/// Typo-corrected query, completions of the last word, and the best few products.
pub async fn suggestions(sf: &Storefront, q: String) -> Result<Suggestions, AppError> {
    let state = &sf.state;
    let q: String = q.trim().chars().take(100).collect();
    if q.chars().count() < 2 {
        return Ok(Suggestions::default());
    }
    let shopper = Shopper::load(sf).await?;
    let words = vocabulary(state).await?;
    let corrected = domain::search::correct(&q, &words);
    let last = q.split_whitespace().last().unwrap_or_default();
    let head = q[..q.len() - last.len()].to_string();
    let completions = domain::search::completions(last, &words, 4)
        .into_iter()
        .filter(|w| *w != last.to_lowercase())
        .map(|w| format!("{head}{w}"))
        .collect();
    let needle = corrected.clone().unwrap_or_else(|| q.clone());
    let products = shopper
        .cards(store::search(&state.db, &needle, 5).await?)
        .into_iter()
        .map(|c| (c.title.clone(), c.href()))
        .collect();
    Ok(Suggestions {
        corrected,
        words: completions,
        products,
    })
}
