//! Returns after delivery: which items come back and why, who pays the postage back,
//! the steps (requested → accepted → shipped back → refunded, or refused), their
//! deadlines, and what the buyer gets back.

use serde::{Deserialize, Serialize};

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

/// A line as bought: what it came to (unit × quantity), its units, and the share of
/// the order's promotions allocated to it when the order was placed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoughtLine {
    pub line: String,
    pub amount_minor: i64,
    pub quantity: i64,
    pub discount_minor: i64,
}

/// Each line's share of the order's promotions (`order_discount` in all): what was
/// allocated to it when placed, or, for an order placed before lines carried their
/// share, the order's discount spread over the lines by amount
/// ([`crate::pricing::allocate`]).
pub fn line_discounts(lines: &[BoughtLine], order_discount: i64) -> Vec<i64> {
    let stored: Vec<i64> = lines
        .iter()
        .map(|l| l.discount_minor.clamp(0, l.amount_minor.max(0)))
        .collect();
    if stored.iter().any(|d| *d > 0) || order_discount <= 0 {
        return stored;
    }
    let amounts: Vec<i64> = lines.iter().map(|l| l.amount_minor.max(0)).collect();
    let total: i64 = amounts.iter().sum();
    crate::pricing::allocate(order_discount.min(total), &amounts, &amounts).unwrap_or(stored)
}

/// What a return gives back, before the cap of what the buyer has left to get back:
/// `None` (everything left, shipping included) when the whole order comes back and the
/// seller pays the postage; otherwise each returned line's units at what they cost
/// after the line's share of the promotions, rounded down per line.
pub fn refund_due(
    lines: &[BoughtLine],
    back: &[ReturnLine],
    order_discount: i64,
    payer: PostagePayer,
) -> Option<i64> {
    let bought: Vec<(String, i64)> = lines.iter().map(|l| (l.line.clone(), l.quantity)).collect();
    if payer == PostagePayer::Seller && is_whole(back, &bought) {
        return None;
    }
    let discounts = line_discounts(lines, order_discount);
    let due = back
        .iter()
        .filter_map(|b| {
            let i = lines.iter().position(|l| l.line == b.line)?;
            let l = &lines[i];
            let paid = i128::from((l.amount_minor - discounts[i]).max(0));
            let units = i128::from(b.quantity.clamp(0, l.quantity));
            let q = i128::from(l.quantity.max(1));
            i64::try_from(paid * units / q).ok()
        })
        .fold(0i64, i64::saturating_add);
    Some(due)
}

#[cfg(test)]
mod tests;
