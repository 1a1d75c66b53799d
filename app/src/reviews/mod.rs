//! Reviews and ratings: verified-purchase reviews of delivered order lines,
//! automatic checks that publish or hold them, ratings kept by deltas, the product
//! page's summary and list (filters, sort, helpful votes, reports), sellers' public
//! replies, and moderators' decisions on held and reported reviews.
//!
//! Rules are in `domain::review`; server functions in `api`, the server-side logic in
//! `imp`, the queries in `store`; pages in `views` (the seller centre's in
//! `views::seller`, moderators' in `views::admin`).

use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub mod api;
pub mod views;

#[cfg(feature = "ssr")]
pub mod imp;
#[cfg(feature = "ssr")]
pub use backend::reviews::store;

pub use api::*;

/// Reviews per page on the product page and in the seller centre.
pub const PAGE_SIZE: usize = 10;
/// Why a shopper reports a review.
pub const REVIEW_REPORT_REASONS: [&str; 4] = ["abusive", "spam", "off_topic", "fake"];

/// A product's (or shop's) ratings as shown: average ×10, count, the 1–5 distribution
/// and how many reviews have photos.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingSummary {
    pub avg_x10: u16,
    pub count: i64,
    /// `dist[0]` one star … `dist[4]` five stars.
    pub dist: [i64; 5],
    pub with_photos: i64,
}

/// One published review as a shopper sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    pub key: String,
    pub rating: u8,
    pub title: String,
    pub body: String,
    pub lang: String,
    pub author: String,
    /// The variant bought (the order line's title).
    pub item: String,
    pub created_at: i64,
    pub edited: bool,
    /// (thumbnail, full size) URLs.
    pub photos: Vec<(String, String)>,
    /// quality, as described, shipping.
    pub aspects: [Option<u8>; 3],
    pub helpful: i64,
    /// The viewer marked it helpful already.
    pub voted: bool,
    /// The viewer wrote it.
    pub mine: bool,
    pub reply: Option<String>,
    pub reply_at: Option<i64>,
}

/// Filters and sort of the product page's review list (from the page's query string).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewQuery {
    /// 1–5, or empty for all.
    #[serde(default)]
    pub stars: String,
    /// "1": only reviews with photos.
    #[serde(default)]
    pub photos: String,
    /// `en` or `zh-Hant`, or empty for both.
    #[serde(default)]
    pub lang: String,
    /// `newest` (default), `helpful` or `lowest`.
    #[serde(default)]
    pub sort: String,
    /// How many pages to show (1-based; "more reviews" adds one).
    #[serde(default)]
    pub pages: String,
}

impl ReviewQuery {
    pub fn stars(&self) -> Option<u8> {
        self.stars
            .parse::<u8>()
            .ok()
            .filter(|s| (1..=5).contains(s))
    }
    pub fn with_photos(&self) -> bool {
        self.photos == "1"
    }
    pub fn lang(&self) -> Option<&'static str> {
        match self.lang.as_str() {
            "en" => Some("en"),
            "zh-Hant" => Some("zh-Hant"),
            _ => None,
        }
    }
    pub fn sort(&self) -> &'static str {
        match self.sort.as_str() {
            "helpful" => "helpful",
            "lowest" => "lowest",
            _ => "newest",
        }
    }
    /// Pages shown, 1–50.
    pub fn pages(&self) -> usize {
        self.pages.parse::<usize>().unwrap_or(1).clamp(1, 50)
    }

    /// The query string for this query with one parameter changed (`""` removes it).
    pub fn href(&self, product_href: &str, change: (&str, &str)) -> String {
        let mut q = self.clone();
        match change.0 {
            "stars" => q.stars = change.1.into(),
            "photos" => q.photos = change.1.into(),
            "lang" => q.lang = change.1.into(),
            "sort" => q.sort = change.1.into(),
            "pages" => q.pages = change.1.into(),
            _ => {}
        }
        if change.0 != "pages" {
            q.pages = String::new();
        }
        let pairs: Vec<String> = [
            ("stars", &q.stars),
            ("photos", &q.photos),
            ("lang", &q.lang),
            ("sort", &q.sort),
            ("pages", &q.pages),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::prefs::encode_query_value(v)))
        .collect();
        if pairs.is_empty() {
            format!("{product_href}#reviews")
        } else {
            format!("{product_href}?{}#reviews", pairs.join("&"))
        }
    }
}

/// The product page's reviews block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPage {
    pub summary: RatingSummary,
    pub reviews: Vec<ReviewView>,
    pub has_more: bool,
}

/// What a buyer can do about one line of their order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineReviewState {
    /// Not delivered yet.
    NotYet,
    /// Can be written until (unix seconds).
    CanWrite { until: i64 },
    /// Written; `can_edit` while the 30-day edit window is open.
    Written {
        status: String,
        rating: u8,
        can_edit: bool,
    },
    /// The review window closed unreviewed.
    Closed,
    /// The buyer sells this product (their own shop).
    OwnProduct,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineReview {
    pub line_key: String,
    pub product_key: String,
    pub title: String,
    pub state: LineReviewState,
}

/// The review form's page: the line, and the review when editing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewFormData {
    pub order_id: String,
    pub line_key: String,
    pub product_key: String,
    pub title: String,
    pub image: String,
    pub state: LineReviewState,
    pub existing: Option<ExistingReview>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExistingReview {
    pub rating: u8,
    pub title: String,
    pub body: String,
    pub aspects: [Option<u8>; 3],
    pub photos: Vec<String>,
    pub status: String,
    pub revisions: i64,
}

/// A review in the seller centre.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerReview {
    pub key: String,
    pub product_key: String,
    pub product_title: String,
    pub rating: u8,
    pub title: String,
    pub body: String,
    pub author: String,
    pub created_at: i64,
    pub photos: Vec<(String, String)>,
    pub reply: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerReviewList {
    pub shop_summary: RatingSummary,
    pub needs_reply: i64,
    pub reviews: Vec<SellerReview>,
    pub has_more: bool,
}

/// Reviews per page in the seller centre.
pub const SELLER_PAGE: usize = 20;

/// A held or reported review for moderators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModReview {
    pub key: String,
    pub product_key: String,
    pub product_title: String,
    pub shop_name: String,
    pub status: String,
    pub rating: u8,
    pub title: String,
    pub body: String,
    pub author: String,
    pub flags: Vec<String>,
    /// Open reports: (reason, count).
    pub reports: Vec<(String, i64)>,
    pub photos: Vec<(String, String)>,
    pub created_at: i64,
}

/// A 1–5 rating as filled and empty stars ("★★★★☆").
pub fn stars_text(rating: u8) -> String {
    let r = rating.min(5) as usize;
    format!("{}{}", "★".repeat(r), "☆".repeat(5 - r))
}
