//! Rights owners and notice-and-action. A user registers as a rights owner with proof; a
//! moderator verifies them (their brand joins the screening registry). A verified owner
//! files a notice that names listings by URL or id; each listing becomes a `notice_item`
//! that runs through `domain::notice` — validated and taken down by a moderator (at once
//! for a trusted notifier), the seller notified with a counter-notice window, a
//! counter-notice forwarded to the owner, and a background job that upholds the takedown
//! when the window passes in silence or reinstates the listing when the owner shows no
//! legal action in time. Upheld items give the shop a strike; every step is audited.
//!
//! Here: the data shared with the browser; `api`: the server functions; `imp`: the rules
//! (server only); the queries are in `store::notices`, the pages in `views`.

mod api;
#[cfg(feature = "ssr")]
pub mod imp;
#[cfg(test)]
mod tests;
pub mod views;

pub use self::api::*;

use serde::{Deserialize, Serialize};

pub const NOTICE_KINDS: [&str; 4] = ["trademark", "copyright", "counterfeit", "design"];

/// The product key named by a line of a notice: a bare key, or a product URL
/// (`https://…/p/<key>/<slug>` or `/p/<key>`). `None` when the line names nothing.
pub fn listing_key(line: &str) -> Option<String> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    let path = match line.find("/p/") {
        Some(i) => &line[i + 3..],
        None => line,
    };
    let key: String = path
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_string();
    let ok = !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then_some(key)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerView {
    pub key: String,
    pub name: String,
    pub brand_name: String,
    pub registration_number: String,
    pub jurisdiction: String,
    pub evidence: String,
    pub status: String,
    pub standing: String,
    pub upheld: i64,
    pub rejected: i64,
    pub reinstated: i64,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemView {
    pub key: String,
    pub notice: String,
    pub kind: String,
    pub evidence: String,
    pub owner_name: String,
    pub product_key: String,
    pub product_title: String,
    pub shop_name: String,
    pub state: String,
    pub deadline: Option<i64>,
    pub counter_text: Option<String>,
    pub created_at: i64,
    pub fast_track: bool,
    pub owner_standing: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandView {
    pub name: String,
    /// Aliases (both languages) and misspellings screening looks for.
    pub terms: Vec<String>,
    /// Slugs of shops authorised to sell the brand.
    pub authorised: Vec<String>,
    pub references: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightsPage {
    pub owner: Option<OwnerView>,
    pub items: Vec<ItemView>,
    pub brand: Option<BrandView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeAdmin {
    pub owners: Vec<OwnerView>,
    /// Items waiting for validation.
    pub received: Vec<ItemView>,
    /// Everything else, newest first.
    pub recent: Vec<ItemView>,
}
