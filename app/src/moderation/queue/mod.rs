//! The moderation queue: listings that screening queued (live) or held (not live), with
//! filters (risk, reason, brand, shop, age), one case with everything a moderator needs
//! (the listing, the matched reasons, the shop's history) and the decision — approve,
//! reject or request changes — alone or in bulk. Every decision writes a statement of
//! reasons the seller sees, an audit entry and, for rejections on IP or safety grounds,
//! a strike that may change the shop's sanction.
//!
//! Here: the data shared with the browser; `api`: the server functions; `imp`: the rules
//! (server only); the queries are in `store::queue`, the pages in `views`.

mod api;
#[cfg(feature = "ssr")]
pub mod imp;
#[cfg(test)]
mod tests;
pub mod views;

pub use self::api::*;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueFilter {
    /// `hold` or `queue` (empty: both).
    pub risk: String,
    /// A reason kind such as `unauthorised_brand`.
    pub kind: String,
    pub brand: String,
    /// Shop slug.
    pub shop: String,
    /// `day` (last 24 h), `week`, `older` (more than a week).
    pub age: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub key: String,
    pub title: String,
    pub thumb: String,
    pub shop: String,
    pub shop_name: String,
    pub score: i64,
    pub verdict: String,
    pub reasons: Vec<String>,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub items: Vec<CaseSummary>,
    /// Brands named by open cases, for the filter.
    pub brands: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    pub key: String,
    pub at: i64,
    pub action: String,
    pub ground: Option<String>,
    pub statement: String,
    pub subject: String,
    pub product_title: Option<String>,
    pub product_key: Option<String>,
    pub strike: bool,
    pub appeal_until: Option<i64>,
    pub appeal_status: Option<String>,
    /// The seller can still appeal (inside the window, not appealed yet).
    pub appeal_open: bool,
}

/// A matched photo next to what it matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageMatchView {
    pub reason: String,
    pub matched_url: String,
    pub distance: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopHistory {
    pub created_at: i64,
    pub active_strikes: i64,
    pub sanction: String,
    pub status: String,
    pub open_cases: i64,
    pub decisions: Vec<DecisionView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub summary: CaseSummary,
    pub status: String,
    pub product_key: String,
    pub listing_status: String,
    pub title_en: String,
    pub title_zh: String,
    pub description_en: String,
    pub description_zh: String,
    pub brand: Option<String>,
    pub price: String,
    pub photos: Vec<String>,
    pub matches: Vec<ImageMatchView>,
    pub history: ShopHistory,
    pub decision: Option<DecisionView>,
}

/// The terms to highlight in a listing's text: counterfeit words and matched brand terms.
pub fn highlight_terms(reasons: &[String]) -> Vec<String> {
    reasons
        .iter()
        .filter_map(|r| {
            let mut parts = r.splitn(3, ':');
            match (parts.next(), parts.next(), parts.next()) {
                (Some("counterfeit_term"), Some(t), rest) => {
                    // "1:1" contains the separator
                    Some(rest.map_or(t.to_string(), |r| format!("{t}:{r}")))
                }
                (Some("unauthorised_brand"), Some(_), Some(term)) => Some(term.to_string()),
                _ => None,
            }
        })
        .collect()
}

/// `text` cut into pieces, each marked when it is one of `terms` (case-insensitive).
pub fn highlight(text: &str, terms: &[String]) -> Vec<(String, bool)> {
    let lower = text.to_lowercase();
    // lowercasing can change byte lengths outside ASCII; fall back to no marks then
    if lower.len() != text.len() {
        return vec![(text.to_string(), false)];
    }
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for term in terms.iter().filter(|t| !t.is_empty()) {
        let t = term.to_lowercase();
        let mut from = 0;
        while let Some(i) = lower[from..].find(&t) {
            let start = from + i;
            marks.push((start, start + t.len()));
            from = start + t.len();
        }
    }
    marks.sort();
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in marks {
        if s < at {
            continue;
        }
        if s > at {
            out.push((text[at..s].to_string(), false));
        }
        out.push((text[s..e].to_string(), true));
        at = e;
    }
    if at < text.len() {
        out.push((text[at..].to_string(), false));
    }
    out
}
