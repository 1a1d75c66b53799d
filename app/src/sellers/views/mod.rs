//! The seller centre's pages: the dashboard (`/seller`) and the shipping zones
//! (`/seller/shipping`), and the navigation every seller-centre page shows.

mod dashboard;

pub use self::dashboard::{SellerMoneyPage, SellerPage};

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
                {(href == "/seller/messages")
                    .then(|| view! { <crate::chat::views::UnreadBadge shop=true /> })}
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
            {link("/seller/messages", K::ChSellerInbox)}
            {link("/seller/money", K::Money)}
            {link("/seller/questions", K::QaSellerNav)}
            {link("/seller/reviews", K::SellerReviewsNav)}
            {link("/seller/shipping", K::SellerShippingNav)}
            {link("/seller/marketing", K::PmNav)}
            {link("/seller/sharing", K::RfSellerNav)}
            {link("/seller/notices", K::SellerNotices)}
        </nav>
    }
}
