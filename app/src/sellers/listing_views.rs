//! The seller centre's listing pages: the shop's listings, and the editor (fields,
//! photos, publishing). Each page and its parts live in a child module; the helpers
//! other pages use (the seller centre's links, status labels, prices) are here.

mod editor;
mod imports;
mod list;
mod photos;
mod publishing;
mod variants;

pub use self::editor::ListingEditorPage;
pub use self::imports::ImportStatusPage;
pub use self::list::SellerListingsPage;

use domain::{Currency, Money};
use leptos::prelude::*;

use crate::i18n::{t, K};

/// Links between the seller centre's pages.
#[component]
pub fn SellerNav(current: &'static str) -> impl IntoView {
    let link = move |href: &'static str, key: K| {
        let here = href == current;
        view! {
            <a
                href=href
                aria-current=here.then_some("page")
                class=if here {
                    "rounded-lg bg-teal-700 px-3 py-1.5 font-semibold text-white"
                } else {
                    "rounded-lg px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100"
                }
            >
                {t(key)}
            </a>
        }
    };
    view! {
        <nav
            class="flex flex-wrap gap-2 text-sm"
            aria-label=t(K::SellerCentre)
            data-testid="seller-nav"
        >
            {link("/seller", K::Overview)}
            {link("/seller/listings", K::Listings)}
            {link("/seller/orders", K::SellerOrders)}
            {link("/seller/money", K::Money)}
            {link("/seller/reviews", K::SellerReviewsNav)}
            {link("/seller/shipping", K::SellerShippingNav)}
            {link("/seller/sharing", K::RfSellerNav)}
            {link("/seller/notices", K::SellerNotices)}
        </nav>
    }
}

pub fn listing_status_key(s: &str) -> K {
    match s {
        "draft" => K::LsDraft,
        "scheduled" => K::LsScheduled,
        "active" => K::LsActive,
        "held" => K::LsHeld,
        "delisted" => K::LsDelisted,
        "sold_out" => K::LsSoldOut,
        _ => K::LsPendingReview,
    }
}

fn status_class(s: &str) -> &'static str {
    match s {
        "active" => {
            "rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800"
        }
        "held" => "rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800",
        "scheduled" => "rounded-full bg-sky-100 px-2 py-0.5 text-xs font-semibold text-sky-900",
        _ => "rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-700",
    }
}

/// An amount in the currency with this code, formatted (`NT$1,280`).
pub fn price(minor: i64, currency: &str) -> String {
    Money::new(minor, Currency::parse(currency).unwrap_or_default()).format()
}
