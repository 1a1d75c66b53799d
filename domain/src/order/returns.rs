//! Returns after delivery: which items come back and why, who pays the postage back,
//! the steps (requested → accepted → shipped back → refunded, or refused), their
//! deadlines, and what the buyer gets back.

use serde::{Deserialize, Serialize};

use super::money::OrderAmounts;
use crate::account::FieldErrorCode;

/// Return or exchange. New requests are returns for a refund (an exchange is a return
/// and a new order); exchanges are kept to read requests made before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReturnKind {
    Return,
    Exchange,
}

impl ReturnKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReturnKind::Return => "return",
            ReturnKind::Exchange => "exchange",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "return" => Some(ReturnKind::Return),
            "exchange" => Some(ReturnKind::Exchange),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReturnStatus {
    /// Waiting for the seller's answer.
    Requested,
    /// The seller accepted: the buyer sends the items back.
    Accepted,
    /// On its way back to the seller.
    ShippedBack,
    Refused,
    /// The items arrived back and the buyer was refunded.
    Refunded,
}

impl ReturnStatus {
    const ALL: [ReturnStatus; 5] = [
        ReturnStatus::Requested,
        ReturnStatus::Accepted,
        ReturnStatus::ShippedBack,
        ReturnStatus::Refused,
        ReturnStatus::Refunded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReturnStatus::Requested => "requested",
            ReturnStatus::Accepted => "accepted",
            ReturnStatus::ShippedBack => "shipped_back",
            ReturnStatus::Refused => "refused",
            ReturnStatus::Refunded => "refunded",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Still under way: the shop's money for the order is not paid out meanwhile.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ReturnStatus::Requested | ReturnStatus::Accepted | ReturnStatus::ShippedBack
        )
    }

    /// The stored names of the open statuses (for the settlement's guard).
    pub fn open_names() -> Vec<&'static str> {
        Self::ALL
            .into_iter()
            .filter(|s| s.is_open())
            .map(ReturnStatus::as_str)
            .collect()
    }

    /// The status after `step`, or `None` when the step does not apply now.
    pub fn apply(self, step: ReturnStep) -> Option<ReturnStatus> {
        match (self, step) {
            (ReturnStatus::Requested, ReturnStep::Accept) => Some(ReturnStatus::Accepted),
            (ReturnStatus::Requested, ReturnStep::Refuse) => Some(ReturnStatus::Refused),
            (ReturnStatus::Accepted, ReturnStep::ShipBack) => Some(ReturnStatus::ShippedBack),
            (ReturnStatus::ShippedBack, ReturnStep::Receive) => Some(ReturnStatus::Refunded),
            _ => None,
        }
    }
}

/// What moves a return on: the seller's answer, the buyer sending it back, the seller
/// receiving it (which refunds it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnStep {
    Accept,
    Refuse,
    ShipBack,
    Receive,
}

impl ReturnStep {
    /// The status a step starts from.
    pub fn source(self) -> ReturnStatus {
        match self {
            ReturnStep::Accept | ReturnStep::Refuse => ReturnStatus::Requested,
            ReturnStep::ShipBack => ReturnStatus::Accepted,
            ReturnStep::Receive => ReturnStatus::ShippedBack,
        }
    }
}

/// Reasons a shopper can pick for a return.
pub const RETURN_REASONS: [&str; 5] = [
    "damaged",
    "not_as_described",
    "wrong_item",
    "changed_mind",
    "other",
];

/// Working days the seller has to answer a return request.
pub const RESPOND_WORKING_DAYS: u32 = 3;

/// Days the seller has to confirm the items arrived back, after the buyer sent them.
pub const RECEIVE_DAYS: i64 = 7;

/// The shortest reason a seller may give for refusing a return.
pub const MIN_REFUSAL_CHARS: usize = 10;

/// Who pays to send the items back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PostagePayer {
    Seller,
    Buyer,
}

impl PostagePayer {
    pub fn as_str(self) -> &'static str {
        match self {
            PostagePayer::Seller => "seller",
            PostagePayer::Buyer => "buyer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "seller" => Some(PostagePayer::Seller),
            "buyer" => Some(PostagePayer::Buyer),
            _ => None,
        }
    }
}

/// The postage rule: when the seller is at fault (damaged, not as described, the wrong
/// item) the seller pays for the return; otherwise (changed mind, other) the buyer does.
pub fn postage_payer(reason: &str) -> PostagePayer {
    match reason {
        "damaged" | "not_as_described" | "wrong_item" => PostagePayer::Seller,
        _ => PostagePayer::Buyer,
    }
}

/// One order line coming back: its key and how many of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnLine {
    pub line: String,
    pub quantity: i64,
}

/// Reads the items asked back (`line:quantity`, each line once) against the order's
/// lines (`(line, quantity bought)`); none asked means all of them. Refused: an unknown
/// line, a quantity outside 1..=bought, a line twice, or nothing left to return.
pub fn parse_lines(
    asked: &[String],
    bought: &[(String, i64)],
) -> Result<Vec<ReturnLine>, FieldErrorCode> {
    if asked.is_empty() {
        return Ok(bought
            .iter()
            .map(|(line, quantity)| ReturnLine {
                line: line.clone(),
                quantity: *quantity,
            })
            .collect());
    }
    if asked.len() > bought.len() {
        return Err(FieldErrorCode::TooMany);
    }
    let mut lines: Vec<ReturnLine> = Vec::new();
    for item in asked {
        let (line, qty) = item.split_once(':').ok_or(FieldErrorCode::InvalidChoice)?;
        let quantity: i64 = qty
            .trim()
            .parse()
            .map_err(|_| FieldErrorCode::InvalidChoice)?;
        let max = bought
            .iter()
            .find(|(l, _)| l == line)
            .map(|(_, q)| *q)
            .ok_or(FieldErrorCode::InvalidChoice)?;
        if quantity < 0 || quantity > max || lines.iter().any(|l| l.line == line) {
            return Err(FieldErrorCode::InvalidChoice);
        }
        if quantity > 0 {
            lines.push(ReturnLine {
                line: line.to_string(),
                quantity,
            });
        }
    }
    if lines.is_empty() {
        return Err(FieldErrorCode::Required);
    }
    Ok(lines)
}

/// Whether `lines` bring back everything bought.
pub fn is_whole(lines: &[ReturnLine], bought: &[(String, i64)]) -> bool {
    bought
        .iter()
        .all(|(line, q)| lines.iter().any(|l| &l.line == line && l.quantity == *q))
}

/// What a return gives back, before the cap of what the buyer has left to get back:
/// `None` (everything left, shipping included) when the whole order comes back and the
/// seller pays the postage; otherwise the returned goods (`goods_minor` at the order's
/// prices) less their share of the shop's promotion, rounded down.
pub fn refund_due(
    amounts: &OrderAmounts,
    goods_minor: i64,
    whole: bool,
    payer: PostagePayer,
) -> Option<i64> {
    if whole && payer == PostagePayer::Seller {
        return None;
    }
    let subtotal = i128::from(amounts.subtotal_minor.max(0));
    if subtotal == 0 {
        return Some(0);
    }
    let goods = i128::from(goods_minor.clamp(0, amounts.subtotal_minor.max(0)));
    let after_promotion = (subtotal - i128::from(amounts.discount_minor.max(0))).max(0);
    Some(i64::try_from(goods * after_promotion / subtotal).unwrap_or(0))
}

#[cfg(test)]
mod tests;
