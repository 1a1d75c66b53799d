//! Storefront pages: home, category, product, shop and search results, one file per
//! page, with the components and the listing they share.

use leptos::prelude::*;

use crate::error::AppError;
use crate::prefs::Prefs;
use crate::shell::NotFound;
use crate::ui::ErrorBanner;

// Other areas' components these pages compose.
use crate::cart::views::AddToCartForm;
use crate::moderation::reports::ReportListingForm;
use crate::referrals::views::ShareButton;
use crate::reviews::views::ReviewsSection;

mod category;
mod components;
mod home;
mod listing;
mod product;
mod search;
mod shop;

pub use self::category::CategoryPage;
pub use self::components::{Price, ProductCardView, ProductGrid, Stars};
pub use self::home::HomePage;
pub use self::product::ProductPage;
pub use self::search::SearchPage;
pub use self::shop::ShopPage;

/// The page's preferences: each context lookup walks the owner tree, which showed in
/// listing profiles at 48 cards a page, so grids look them up once and pass them down.
fn page_prefs(prefs: Option<Prefs>) -> Prefs {
    prefs.unwrap_or_else(|| use_context::<Prefs>().unwrap_or_default())
}

fn error_view(e: AppError) -> AnyView {
    if e == AppError::NotFound {
        view! { <NotFound /> }.into_any()
    } else {
        view! { <ErrorBanner error=e /> }.into_any()
    }
}
