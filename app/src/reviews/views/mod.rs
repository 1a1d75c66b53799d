//! Shoppers' side of reviews: the product page's rating summary and review list
//! (filters, sort and "more" are links, so they work before wasm loads), helpful votes
//! and reports, the order page's "write a review" per line, and the review form (a
//! plain multipart form, photos included, handled by the server's form route).
//!
//! Pieces shared with the seller centre and moderation (stars, photo thumbnails, the
//! labels of statuses and report reasons) are here; each page has a file.

use leptos::prelude::*;

use super::stars_text;
use crate::i18n::{t, K};

mod admin;
mod card;
mod form;
mod order;
mod product;
mod seller;

pub use admin::{flag_key, ModerationReviews};
pub use form::ReviewWritePage;
pub use order::OrderReviews;
pub use product::ReviewsSection;
pub use seller::SellerReviewsPage;

use crate::ui::utc_date as date;

/// A review's photos as thumbnails linking to the full size (seller centre and
/// moderation; the product page shows them larger).
#[component]
pub fn ReviewPhotos(photos: Vec<(String, String)>) -> impl IntoView {
    (!photos.is_empty()).then(|| {
        view! {
            <ul class="mt-2 flex flex-wrap gap-2">
                {photos
                    .into_iter()
                    .map(|(thumb, full)| {
                        view! {
                            <li>
                                <a href=full target="_blank" rel="noopener">
                                    <img
                                        src=thumb
                                        alt=t(K::RvPhotoAlt)
                                        width="80"
                                        height="80"
                                        class="h-20 w-20 rounded-lg object-cover"
                                    />
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// Stars as text with an accessible label ("4 out of 5 stars").
#[component]
pub fn StarRow(rating: u8) -> impl IntoView {
    let label = format!("{rating} / 5 {}", t(K::RvStars));
    view! {
        <span class="tracking-tight text-amber-500" role="img" aria-label=label>
            {stars_text(rating)}
        </span>
    }
}

fn aspect_label(i: usize) -> K {
    match i {
        0 => K::RvQuality,
        1 => K::RvDescribed,
        _ => K::RvShipping,
    }
}

pub fn report_reason_key(r: &str) -> K {
    match r {
        "abusive" => K::RvRpAbusive,
        "spam" => K::RvRpSpam,
        "off_topic" => K::RvRpOffTopic,
        _ => K::RvRpFake,
    }
}

pub fn status_key(status: &str) -> K {
    match status {
        "published" => K::RvPublished,
        "held" => K::RvHeld,
        _ => K::RvRemoved,
    }
}
