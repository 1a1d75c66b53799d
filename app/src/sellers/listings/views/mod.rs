//! The seller centre's listing pages: the shop's listings, and the editor (fields,
//! photos, publishing) and a CSV import's progress. Each page and its parts live in a
//! child module; the listing status labels they share are here.

mod editor;
mod imports;
mod list;
mod photos;
mod publishing;
mod variants;

pub use self::editor::ListingEditorPage;
pub use self::imports::ImportStatusPage;
pub use self::list::SellerListingsPage;

use domain::listing::Lock;

use crate::i18n::K;

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

/// What keeps a locked listing off sale, in the seller's words.
fn lock_key(lock: &str) -> K {
    match Lock::parse(lock) {
        Some(Lock::Moderation) => K::LockedByModeration,
        Some(Lock::Report) => K::LockedByReport,
        Some(Lock::Notice) => K::LockedByNotice,
        Some(Lock::Shop) | None => K::LockedByShop,
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
