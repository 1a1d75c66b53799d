//! Screening reasons, shown to moderators and to the seller whose listing was held.

use super::{t, K};

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
