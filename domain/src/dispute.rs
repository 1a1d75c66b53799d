//! Buyer protection: when a return is refused, or the seller lets a return's deadline
//! pass, the buyer may open a claim; the seller answers; a moderator decides it with a
//! statement of reasons (refund, partial refund, or close), and a shop that loses
//! claims gets strikes under the existing rules.

use serde::{Deserialize, Serialize};

use crate::order::ReturnStatus;

/// Days after a refusal during which the buyer may open a claim (the shop is not paid
/// out meanwhile).
pub const CLAIM_DAYS: i64 = 14;

/// Working days the seller has to answer a claim before it goes to a moderator anyway.
pub const ANSWER_WORKING_DAYS: u32 = 3;

/// The shortest and longest statement a side or a moderator may give.
pub const MIN_STATEMENT: usize = 10;
pub const MAX_STATEMENT: usize = 2000;

/// Every this many claims a shop loses within [`LOSS_WINDOW_DAYS`], it gets a strike.
pub const LOSSES_PER_STRIKE: i64 = 3;
pub const LOSS_WINDOW_DAYS: i64 = 90;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DisputeStatus {
    /// Waiting for the seller's side.
    AwaitingSeller,
    /// Both sides heard (or the seller's time ran out): a moderator decides.
    UnderReview,
    Decided,
}

impl DisputeStatus {
    const ALL: [DisputeStatus; 3] = [
        DisputeStatus::AwaitingSeller,
        DisputeStatus::UnderReview,
        DisputeStatus::Decided,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DisputeStatus::AwaitingSeller => "awaiting_seller",
            DisputeStatus::UnderReview => "under_review",
            DisputeStatus::Decided => "decided",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// What a moderator decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Everything the buyer has left to get back, from the shop's balance.
    Refund,
    /// Part of it.
    PartialRefund,
    /// For the seller: nothing is refunded.
    Close,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Refund, Outcome::PartialRefund, Outcome::Close];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Refund => "refund",
            Outcome::PartialRefund => "partial_refund",
            Outcome::Close => "close",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// Whether the buyer won (the shop lost the claim).
    pub fn for_buyer(self) -> bool {
        !matches!(self, Outcome::Close)
    }
}

/// Why a claim cannot be opened now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoClaim {
    /// No return was asked for, or it is still within the seller's time.
    TooEarly,
    /// The time to claim after the refusal has passed, or the return was refunded.
    Closed,
}

/// A return as the claim rule reads it (unix seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReturnState {
    pub status: ReturnStatus,
    /// By when the seller had to answer the request.
    pub respond_by: Option<i64>,
    /// By when the seller had to confirm the parcel back arrived.
    pub receive_by: Option<i64>,
    /// Until when a refusal may be claimed.
    pub claim_until: Option<i64>,
}

/// The claim rule: a buyer may claim when the seller refused the return (until
/// `claim_until`), or let the answer's or the receipt's deadline pass.
pub fn may_claim(r: ReturnState, now: i64) -> Result<(), NoClaim> {
    let past = |t: Option<i64>| t.is_some_and(|t| now > t);
    match r.status {
        ReturnStatus::Refused if r.claim_until.is_none_or(|t| now <= t) => Ok(()),
        ReturnStatus::Refused | ReturnStatus::Refunded => Err(NoClaim::Closed),
        ReturnStatus::Requested if past(r.respond_by) => Ok(()),
        ReturnStatus::ShippedBack if past(r.receive_by) => Ok(()),
        _ => Err(NoClaim::TooEarly),
    }
}

/// Whether a statement's length (in characters, trimmed) is acceptable.
pub fn statement_ok(text: &str) -> bool {
    (MIN_STATEMENT..=MAX_STATEMENT).contains(&text.trim().chars().count())
}

/// Whether deciding a claim gives the shop a strike: a decision for the buyer when the
/// seller never answered, or one that brings the shop's lost claims in the window
/// (`lost`, this one included) to a multiple of [`LOSSES_PER_STRIKE`].
pub fn gives_strike(outcome: Outcome, seller_silent: bool, lost: i64) -> bool {
    outcome.for_buyer() && (seller_silent || (lost > 0 && lost % LOSSES_PER_STRIKE == 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    fn state(status: ReturnStatus) -> ReturnState {
        ReturnState {
            status,
            respond_by: Some(3 * DAY),
            receive_by: Some(10 * DAY),
            claim_until: Some(14 * DAY),
        }
    }

    #[test]
    fn a_claim_follows_a_refusal_or_a_missed_deadline() {
        use ReturnStatus as S;
        assert_eq!(may_claim(state(S::Refused), DAY), Ok(()));
        assert_eq!(may_claim(state(S::Refused), 14 * DAY), Ok(()));
        assert_eq!(
            may_claim(state(S::Refused), 14 * DAY + 1),
            Err(NoClaim::Closed)
        );
        assert_eq!(
            may_claim(state(S::Requested), 3 * DAY),
            Err(NoClaim::TooEarly)
        );
        assert_eq!(may_claim(state(S::Requested), 3 * DAY + 1), Ok(()));
        assert_eq!(
            may_claim(state(S::Accepted), 99 * DAY),
            Err(NoClaim::TooEarly)
        );
        assert_eq!(
            may_claim(state(S::ShippedBack), 10 * DAY),
            Err(NoClaim::TooEarly)
        );
        assert_eq!(may_claim(state(S::ShippedBack), 10 * DAY + 1), Ok(()));
        assert_eq!(
            may_claim(state(S::Refunded), 99 * DAY),
            Err(NoClaim::Closed)
        );
    }

    #[test]
    fn strikes_for_silence_or_every_third_loss() {
        use Outcome::*;
        assert!(gives_strike(Refund, true, 1));
        assert!(!gives_strike(Refund, false, 1));
        assert!(!gives_strike(PartialRefund, false, 2));
        assert!(gives_strike(PartialRefund, false, 3));
        assert!(
            !gives_strike(Close, true, 3),
            "a claim the shop won is no strike"
        );
        assert!(gives_strike(Refund, false, 6));
    }

    #[test]
    fn names_read_back_and_statements_are_bounded() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        for s in DisputeStatus::ALL {
            assert_eq!(DisputeStatus::parse(s.as_str()), Some(s));
        }
        assert!(!statement_ok("too short"));
        assert!(statement_ok("  The parcel was empty.  "));
        assert!(!statement_ok(&"x".repeat(MAX_STATEMENT + 1)));
    }
}
