//! Strikes and sanctions: upheld notices and rejected counterfeit listings give a shop a
//! strike that expires; the number of unexpired strikes decides the sanction, by
//! thresholds that are data. Appeals go to a different moderator within a window.

use serde::{Deserialize, Serialize};

/// Ordered from mildest to harshest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Sanction {
    None,
    Warning,
    /// The shop may have at most `StrikePolicy::listing_limit` live listings.
    ListingLimit,
    Suspension,
    Termination,
}

impl Sanction {
    pub fn as_str(self) -> &'static str {
        match self {
            Sanction::None => "none",
            Sanction::Warning => "warning",
            Sanction::ListingLimit => "listing_limit",
            Sanction::Suspension => "suspension",
            Sanction::Termination => "termination",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Sanction::None,
            Sanction::Warning,
            Sanction::ListingLimit,
            Sanction::Suspension,
            Sanction::Termination,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrikePolicy {
    pub warning_at: u32,
    pub listing_limit_at: u32,
    pub suspension_at: u32,
    pub termination_at: u32,
    /// Days until a strike stops counting.
    pub expiry_days: u32,
    /// Live listings allowed under a listing limit.
    pub listing_limit: u32,
    /// Days a seller has to appeal a decision.
    pub appeal_days: u32,
}

impl Default for StrikePolicy {
    fn default() -> Self {
        Self {
            warning_at: 1,
            listing_limit_at: 2,
            suspension_at: 3,
            termination_at: 5,
            expiry_days: 180,
            listing_limit: 20,
            appeal_days: 14,
        }
    }
}

impl StrikePolicy {
    /// Thresholds must rise with severity and all be at least one.
    pub fn valid(&self) -> bool {
        1 <= self.warning_at
            && self.warning_at <= self.listing_limit_at
            && self.listing_limit_at <= self.suspension_at
            && self.suspension_at <= self.termination_at
            && self.expiry_days >= 1
            && self.appeal_days >= 1
    }
}

/// The sanction for a number of unexpired strikes.
pub fn sanction(active: u32, p: StrikePolicy) -> Sanction {
    if active >= p.termination_at {
        Sanction::Termination
    } else if active >= p.suspension_at {
        Sanction::Suspension
    } else if active >= p.listing_limit_at {
        Sanction::ListingLimit
    } else if active >= p.warning_at {
        Sanction::Warning
    } else {
        Sanction::None
    }
}

/// How many of the strikes (given by when they were issued, unix seconds) still count.
pub fn active(issued: &[i64], now: i64, p: StrikePolicy) -> u32 {
    let life = i64::from(p.expiry_days) * 86_400;
    issued
        .iter()
        .filter(|at| **at <= now && now < **at + life)
        .count() as u32
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppealRefusal {
    /// The appeal window has closed.
    TooLate,
    /// The moderator who made the decision cannot decide its appeal.
    SameModerator,
    /// The appeal was already decided.
    AlreadyDecided,
}

/// Whether a seller may still appeal a decision made at `decided_at`.
pub fn may_appeal(decided_at: i64, now: i64, p: StrikePolicy) -> Result<(), AppealRefusal> {
    if now >= decided_at + i64::from(p.appeal_days) * 86_400 {
        Err(AppealRefusal::TooLate)
    } else {
        Ok(())
    }
}

/// Whether `decider` may decide an appeal of a decision made by `original`.
pub fn may_decide_appeal(original: &str, decider: &str) -> Result<(), AppealRefusal> {
    if original == decider {
        Err(AppealRefusal::SameModerator)
    } else {
        Ok(())
    }
}

/// The grounds a moderator picks from when acting against a listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Ground {
    Counterfeit,
    Trademark,
    Copyright,
    Prohibited,
    Misleading,
    Other,
}

impl Ground {
    pub const ALL: [Ground; 6] = [
        Ground::Counterfeit,
        Ground::Trademark,
        Ground::Copyright,
        Ground::Prohibited,
        Ground::Misleading,
        Ground::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Ground::Counterfeit => "counterfeit",
            Ground::Trademark => "trademark",
            Ground::Copyright => "copyright",
            Ground::Prohibited => "prohibited",
            Ground::Misleading => "misleading",
            Ground::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// Rejections on these grounds give the shop a strike.
    pub fn gives_strike(self) -> bool {
        matches!(
            self,
            Ground::Counterfeit | Ground::Trademark | Ground::Copyright | Ground::Prohibited
        )
    }
}

/// What a moderator can do with a screening case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CaseAction {
    Approve,
    Reject,
    RequestChanges,
}

impl CaseAction {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseAction::Approve => "approve",
            CaseAction::Reject => "reject",
            CaseAction::RequestChanges => "request_changes",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            CaseAction::Approve,
            CaseAction::Reject,
            CaseAction::RequestChanges,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

/// The shortest statement of reasons a seller is owed when a listing is acted against.
pub const MIN_STATEMENT: usize = 10;

/// Checks a decision: rejecting or requesting changes needs a ground and a statement of
/// at least `MIN_STATEMENT` characters; approving needs neither. Returns the ground.
pub fn check_decision(
    action: CaseAction,
    ground: &str,
    statement: &str,
) -> Result<Option<Ground>, Vec<crate::FieldError>> {
    use crate::{FieldError, FieldErrorCode};
    if action == CaseAction::Approve {
        return Ok(None);
    }
    let mut errors = Vec::new();
    let g = Ground::parse(ground);
    if g.is_none() {
        errors.push(FieldError::new(
            "ground",
            if ground.is_empty() {
                FieldErrorCode::Required
            } else {
                FieldErrorCode::InvalidChoice
            },
        ));
    }
    let n = statement.trim().chars().count();
    if n < MIN_STATEMENT {
        errors.push(FieldError::new("statement", FieldErrorCode::Required));
    } else if n > 4000 {
        errors.push(FieldError::new("statement", FieldErrorCode::TooLong));
    }
    if errors.is_empty() {
        Ok(g)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn thresholds_in_order() {
        let p = StrikePolicy::default();
        assert!(p.valid());
        let s: Vec<_> = (0..6).map(|n| sanction(n, p)).collect();
        assert_eq!(
            s,
            [
                Sanction::None,
                Sanction::Warning,
                Sanction::ListingLimit,
                Sanction::Suspension,
                Sanction::Suspension,
                Sanction::Termination
            ]
        );
        assert!(!StrikePolicy {
            suspension_at: 9,
            ..p
        }
        .valid());
    }

    #[test]
    fn strikes_expire() {
        let p = StrikePolicy::default();
        let day = 86_400;
        let issued = [0, 100 * day];
        assert_eq!(active(&issued, 179 * day, p), 2);
        assert_eq!(active(&issued, 180 * day, p), 1);
        assert_eq!(active(&issued, 280 * day, p), 0);
        assert_eq!(active(&issued, -1, p), 0, "not yet issued");
    }

    #[test]
    fn appeals() {
        let p = StrikePolicy::default();
        assert_eq!(may_appeal(0, 14 * 86_400 - 1, p), Ok(()));
        assert_eq!(may_appeal(0, 14 * 86_400, p), Err(AppealRefusal::TooLate));
        assert_eq!(
            may_decide_appeal("user:a", "user:a"),
            Err(AppealRefusal::SameModerator)
        );
        assert_eq!(may_decide_appeal("user:a", "user:b"), Ok(()));
    }

    #[test]
    fn decisions_owe_reasons() {
        assert_eq!(check_decision(CaseAction::Approve, "", ""), Ok(None));
        let e = check_decision(CaseAction::Reject, "", "short").unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(check_decision(CaseAction::Reject, "bogus", "long enough reasons").is_err());
        assert_eq!(
            check_decision(
                CaseAction::RequestChanges,
                "misleading",
                "Please fix the title."
            ),
            Ok(Some(Ground::Misleading))
        );
        assert!(Ground::Counterfeit.gives_strike());
        assert!(!Ground::Misleading.gives_strike());
    }

    proptest! {
        /// More strikes never lead to a milder sanction.
        #[test]
        fn sanctions_are_monotonic(n in 0u32..20, w in 1u32..4, l in 0u32..4, s in 0u32..4, t in 0u32..4) {
            let p = StrikePolicy { warning_at: w, listing_limit_at: w + l, suspension_at: w + l + s, termination_at: w + l + s + t, ..StrikePolicy::default() };
            prop_assert!(p.valid());
            prop_assert!(sanction(n + 1, p) >= sanction(n, p));
            prop_assert_eq!(sanction(0, p), Sanction::None);
        }
    }
}
