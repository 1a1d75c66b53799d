//! The header's data and the home page.

use domain::{Currency, Lang};

use super::{cached_categories, tree, Shopper};
use crate::catalog::store;
use crate::catalog::{localized, CategoryTree, HomeData, PromotionCard};
use crate::ctx::Storefront;
use crate::error::AppError;
use crate::state::{key_of, AppState};

/// The header's category menu, in the shopper's language.
pub async fn category_menu(state: &AppState, lang: Lang) -> Result<Vec<CategoryTree>, AppError> {
    let cats = cached_categories(state).await?;
    Ok(tree(&cats, lang))
}

pub async fn home_data(sf: &Storefront) -> Result<HomeData, AppError> {
    let state = &sf.state;
    let shopper = Shopper::load(sf).await?;
    let cats = cached_categories(state).await?;
    let new_arrivals = shopper.cards(
        state
            .catalog_cache
            .get_or_load("home_newest", store::newest(&state.db, 12))
            .await?,
    );
    let top_rated = shopper.cards(
        state
            .catalog_cache
            .get_or_load("home_top_rated", store::top_rated(&state.db, 8))
            .await?,
    );
    let promotions = state
        .catalog_cache
        .get_or_load(
            "home_promotions",
            crate::promotions::store::running_promotions(&state.db, state.now(), 6),
        )
        .await?
        .into_iter()
        .filter_map(|p| {
            let currency = Currency::parse(&p.currency)?;
            let offer = crate::promotions::describe(&p.kind()?, currency, shopper.prefs.lang);
            let slug = p.shop_slug.unwrap_or_default();
            Some(PromotionCard {
                title: localized(shopper.prefs.lang, p.title_en, p.title_zh),
                shop_name: p.shop_name.unwrap_or_default(),
                offer,
                ends: {
                    use chrono::Datelike;
                    let last = (p.ends_at - chrono::Duration::seconds(1)).date_naive();
                    domain::locale::format_date(
                        shopper.prefs.lang,
                        i64::from(last.year()),
                        last.month(),
                        last.day(),
                    )
                },
                href: match &p.browse {
                    Some(c) => format!("/c/{}?shop={slug}", key_of(c)),
                    None => format!("/s/{slug}"),
                },
            })
        })
        .collect();
    let trending = shopper.cards(
        state
            .catalog_cache
            .get_or_load("home_trending", store::trending(&state.db))
            .await?,
    );
    Ok(HomeData {
        categories: tree(&cats, shopper.prefs.lang),
        new_arrivals,
        trending,
        promotions,
        top_rated,
    })
}
