//! Platform moderation: the `/admin` area for moderators and admins.

pub mod api;
pub mod appeals;
pub mod applications;
pub mod notice_views;
pub mod notices;
pub mod policy_settings;
pub mod queue;
pub mod queue_views;
pub mod reports;
pub mod screening;
pub mod settings;
#[cfg(feature = "ssr")]
pub use backend::moderation::store;
pub mod transparency;
pub mod views;

use serde::{Deserialize, Serialize};

use crate::i18n::{t, K};

/// A screening reason code (`domain::screening::Reason::code`) in the page's language.
pub fn reason_text(code: &str) -> String {
    let parts: Vec<&str> = code.split(':').collect();
    let arg = parts.get(1).copied().unwrap_or_default();
    match parts[0] {
        "counterfeit_term" => format!("{} “{}”", t(K::RsCounterfeit), parts[1..].join(":")),
        "price_below_median" => format!("{} ({arg}%)", t(K::RsPrice)),
        "unauthorised_brand" => match parts.get(2) {
            Some(term) if *term != arg => format!("{} “{arg}” (“{term}”)", t(K::RsBrand)),
            _ => format!("{} “{arg}”", t(K::RsBrand)),
        },
        "reference_image" => format!("{} “{arg}”", t(K::RsReferenceImage)),
        "copied_image" => format!("{} ({arg})", t(K::RsCopiedImage)),
        "seller_strikes" => format!("{} ({arg})", t(K::RsStrikes)),
        "new_shop" => format!("{} ({arg})", t(K::RsNewShop)),
        "shopper_report" => format!("{} ({arg})", t(K::RpOpen)),
        _ => code.to_string(),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Unix seconds.
    pub at: i64,
    pub action: String,
    pub subject: String,
    pub actor: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub users: i64,
    pub shops: i64,
    pub pending_shops: i64,
    pub products: i64,
    pub open_reports: i64,
    pub recent: Vec<AuditEntry>,
}
