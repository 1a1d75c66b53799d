//! The moderation policy on `/admin/settings`: screening's score bands, the
//! notice-and-action deadlines (working days), strike thresholds, expiry and listing
//! limit, the appeal window, the notifier-reputation thresholds and how long after
//! delivery a purchase can be reviewed — data admins tune
//! without a release. Checked as a whole (bands ordered, thresholds rising) and audited.

mod api;
#[cfg(feature = "ssr")]
pub mod imp;
mod views;

pub use self::api::*;
pub use self::views::*;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{field_error_key, t, K};
use crate::ui::{on_success, reload_page, ErrorBanner};

/// Every tunable, in the order of the form.
pub const FIELDS: [(&str, K); 17] = [
    ("screening_queue_from", K::PsQueueFrom),
    ("screening_hold_from", K::PsHoldFrom),
    ("notice_seller_days", K::PsSellerDays),
    ("notice_reinstate_days", K::PsReinstateDays),
    ("strike_warning_at", K::PsWarningAt),
    ("strike_limit_at", K::PsLimitAt),
    ("strike_suspend_at", K::PsSuspendAt),
    ("strike_terminate_at", K::PsTerminateAt),
    ("strike_expiry_days", K::PsExpiryDays),
    ("strike_listing_limit", K::PsListingLimit),
    ("appeal_days", K::PsAppealDays),
    ("trusted_min_decided", K::PsTrustedMin),
    ("trusted_from_percent", K::PsTrustedPercent),
    ("flagged_from_percent", K::PsFlaggedPercent),
    ("review_window_days", K::PsReviewWindow),
    ("referral_window_days", K::PsReferralWindow),
    ("referral_velocity_per_day", K::PsReferralVelocity),
];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Values in the order of `FIELDS`.
    pub values: Vec<i64>,
}

#[cfg(test)]
mod tests {
    use super::check;

    fn raw(v: &[i64]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn policy_values_are_checked_together() {
        let good = [
            30, 70, 3, 10, 1, 2, 3, 5, 180, 20, 14, 10, 90, 50, 90, 30, 10,
        ];
        assert_eq!(check(&raw(&good)).unwrap(), good);
        let mut bands = good;
        bands[0] = 80;
        assert_eq!(
            check(&raw(&bands)).unwrap_err()[0].field,
            "screening_hold_from"
        );
        let mut strikes = good;
        strikes[6] = 9;
        assert_eq!(
            check(&raw(&strikes)).unwrap_err()[0].field,
            "strike_terminate_at"
        );
        let mut window = good;
        window[14] = 731;
        assert_eq!(
            check(&raw(&window)).unwrap_err()[0].field,
            "review_window_days"
        );
        let mut referral = good;
        referral[15] = 91;
        assert_eq!(
            check(&raw(&referral)).unwrap_err()[0].field,
            "referral_window_days"
        );
        let mut days = good;
        days[2] = 0;
        assert_eq!(
            check(&raw(&days)).unwrap_err()[0].field,
            "notice_seller_days"
        );
        assert!(check(&raw(&good[..5])).is_err(), "missing values");
    }
}
