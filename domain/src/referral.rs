//! Sharing rewards: referral codes and the attribution cookie, campaign rules, the
//! reward's life (pending once the referred order is paid, available once its return
//! window has closed, reversed on refund or cancellation) with its store-credit postings,
//! and the fraud signals (self-referral, velocity, referral rings).
//!
//! Store credit is a double-entry ledger per user and currency: every transaction's
//! postings sum to zero (debits positive). A user's balances are the credit balances of
//! their `Pending` and `Available` accounts.

use serde::{Deserialize, Serialize};

use crate::{FieldError, FieldErrorCode};

/// Referral codes: 8 characters with no look-alikes (no 0/o, 1/l/i).
const CODE_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
pub const CODE_LEN: usize = 8;

/// A new random referral code from `random` (any source of bytes).
pub fn new_code(mut random: impl FnMut() -> u8) -> String {
    (0..CODE_LEN)
        .map(|_| CODE_ALPHABET[usize::from(random()) % CODE_ALPHABET.len()] as char)
        .collect()
}

/// Whether `s` has the shape of a referral code (anything else is ignored unread).
pub fn is_code(s: &str) -> bool {
    s.len() == CODE_LEN && s.bytes().all(|b| CODE_ALPHABET.contains(&b))
}

/// The attribution cookie's value: the code and when its link was opened (unix seconds).
pub fn attribution_cookie(code: &str, at_secs: i64) -> String {
    format!("{code}.{at_secs}")
}

/// Reads an attribution cookie; `None` for anything malformed.
pub fn parse_attribution(value: &str) -> Option<(String, i64)> {
    let (code, at) = value.split_once('.')?;
    let at: i64 = at.parse().ok()?;
    (is_code(code) && at > 0).then(|| (code.to_string(), at))
}

/// Whether a link opened at `at` still attributes at `now` (both unix seconds).
pub fn attribution_live(at_secs: i64, now_secs: i64, window_days: i64) -> bool {
    at_secs <= now_secs + 60 && now_secs - at_secs <= window_days * 86_400
}

/// What the sharer earns on a referred order's goods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SharerReward {
    /// Basis points of the goods (after promotions, before shipping).
    Percent { bps: i64 },
    /// A fixed amount per referred order, in the campaign's currency.
    Fixed { minor: i64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    pub reward: SharerReward,
    /// Most a sharer earns on one order (0: no cap).
    pub cap_minor: i64,
    /// The referred buyer's welcome discount on their first order, in basis points (0: none).
    pub welcome_bps: i64,
    /// Most the welcome discount takes off one order (0: no cap).
    pub welcome_cap_minor: i64,
}

/// Basis points of `amount`, rounded down (the platform never pays more than the rule).
fn bps_of(amount_minor: i64, bps: i64) -> i64 {
    (i128::from(amount_minor.max(0)) * i128::from(bps) / 10_000) as i64
}

fn capped(v: i64, cap: i64) -> i64 {
    if cap > 0 {
        v.min(cap)
    } else {
        v
    }
}

impl Campaign {
    /// The sharer's reward on a referred order whose goods come to `goods_minor`.
    pub fn reward_minor(&self, goods_minor: i64) -> i64 {
        let raw = match self.reward {
            SharerReward::Percent { bps } => bps_of(goods_minor, bps),
            SharerReward::Fixed { minor } => minor,
        };
        capped(raw, self.cap_minor).clamp(0, goods_minor.max(0))
    }

    /// The new buyer's welcome discount on goods of `goods_minor`.
    pub fn welcome_minor(&self, goods_minor: i64) -> i64 {
        capped(
            bps_of(goods_minor, self.welcome_bps),
            self.welcome_cap_minor,
        )
        .clamp(0, goods_minor.max(0))
    }
}

/// A percentage as typed ("5", "2.5", "12.25") in basis points, 0–100 %.
pub fn parse_percent(raw: &str) -> Option<i64> {
    let s = raw.trim().trim_end_matches('%').trim();
    if s.is_empty() || s.starts_with('-') || s.starts_with('+') {
        return None;
    }
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || whole.len() > 3
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    let bps = whole * 100 + frac;
    (bps <= 10_000).then_some(bps)
}

/// A campaign as the admin or seller form sends it: amounts already in minor units of
/// the campaign's currency, `None` for an empty field, and a negative value for one that
/// did not parse.
pub struct CampaignInput<'a> {
    /// "percent" or "fixed".
    pub kind: &'a str,
    pub rate: &'a str,
    pub fixed_minor: Option<i64>,
    pub cap_minor: Option<i64>,
    pub welcome: &'a str,
    pub welcome_cap_minor: Option<i64>,
}

/// Checks campaign rules as a whole: a rate is 0–100 % (never negative), amounts are not
/// negative, a fixed reward is above zero. Every refused field is reported.
pub fn check_campaign(input: &CampaignInput<'_>) -> Result<Campaign, Vec<FieldError>> {
    let mut errs = Vec::new();
    let amount = |field: &str, v: Option<i64>, errs: &mut Vec<FieldError>| match v {
        Some(v) if v >= 0 => v,
        _ => {
            errs.push(FieldError::new(field, FieldErrorCode::InvalidPrice));
            0
        }
    };
    let reward = match input.kind {
        "percent" => match parse_percent(input.rate) {
            Some(bps) if bps > 0 => SharerReward::Percent { bps },
            _ => {
                errs.push(FieldError::new("rate", FieldErrorCode::InvalidNumber));
                SharerReward::Percent { bps: 0 }
            }
        },
        "fixed" => {
            let minor = amount("fixed", input.fixed_minor, &mut errs);
            if minor == 0 && !errs.iter().any(|e| e.field == "fixed") {
                errs.push(FieldError::new("fixed", FieldErrorCode::InvalidPrice));
            }
            SharerReward::Fixed { minor }
        }
        _ => {
            errs.push(FieldError::new("kind", FieldErrorCode::InvalidChoice));
            SharerReward::Percent { bps: 0 }
        }
    };
    let cap_minor = amount("cap", input.cap_minor.or(Some(0)), &mut errs);
    let welcome_bps = if input.welcome.trim().is_empty() {
        0
    } else {
        parse_percent(input.welcome).unwrap_or_else(|| {
            errs.push(FieldError::new("welcome", FieldErrorCode::InvalidNumber));
            0
        })
    };
    let welcome_cap_minor = amount(
        "welcome_cap",
        input.welcome_cap_minor.or(Some(0)),
        &mut errs,
    );
    if errs.is_empty() {
        Ok(Campaign {
            reward,
            cap_minor,
            welcome_bps,
            welcome_cap_minor,
        })
    } else {
        Err(errs)
    }
}

/// Where a reward is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RewardStatus {
    /// The referred order is placed but not paid.
    AwaitingPayment,
    /// Paid; waiting for the return window to close.
    Pending,
    /// Spendable store credit.
    Available,
    /// The order was cancelled or refunded.
    Reversed,
    /// A fraud signal fired: a moderator decides.
    Held,
    /// A moderator refused it.
    Rejected,
}

impl RewardStatus {
    pub const ALL: [RewardStatus; 6] = [
        RewardStatus::AwaitingPayment,
        RewardStatus::Pending,
        RewardStatus::Available,
        RewardStatus::Reversed,
        RewardStatus::Held,
        RewardStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RewardStatus::AwaitingPayment => "awaiting_payment",
            RewardStatus::Pending => "pending",
            RewardStatus::Available => "available",
            RewardStatus::Reversed => "reversed",
            RewardStatus::Held => "held",
            RewardStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The store-credit ledger's accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CreditAccount {
    /// What campaigns have cost their funder (the platform or a shop).
    Expense,
    /// The user's credit waiting for the return window.
    Pending,
    /// The user's spendable credit.
    Available,
    /// Credit applied to orders (the funder pays the shop this part of the order).
    Spent,
}

impl CreditAccount {
    pub fn as_str(self) -> &'static str {
        match self {
            CreditAccount::Expense => "expense",
            CreditAccount::Pending => "pending",
            CreditAccount::Available => "available",
            CreditAccount::Spent => "spent",
        }
    }
}

pub type Postings = Vec<(CreditAccount, i64)>;

/// What happened to the referred order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderEvent {
    Paid,
    /// The return window closed with the order kept.
    Settled,
    /// Cancelled, or refunded in full.
    Ended,
}

/// A reward's state: its status and what is known of its order (a held reward keeps
/// following the order so a moderator's approval lands it in the right place).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RewardState {
    pub status: RewardStatus,
    pub paid: bool,
    pub settled: bool,
    pub amount_minor: i64,
}

/// The reward's next state and the credit postings of the change, or `None` when the
/// event changes nothing (a repeat, or a final state).
pub fn on_event(r: RewardState, e: OrderEvent) -> Option<(RewardState, Postings)> {
    use RewardStatus as S;
    let a = r.amount_minor;
    let next = |status, paid, settled| RewardState {
        status,
        paid,
        settled,
        amount_minor: a,
    };
    match (r.status, e) {
        (S::Reversed | S::Rejected, _) => None,
        (S::AwaitingPayment, OrderEvent::Paid) => Some((
            next(S::Pending, true, false),
            vec![(CreditAccount::Expense, a), (CreditAccount::Pending, -a)],
        )),
        (S::Pending, OrderEvent::Settled) => Some((
            next(S::Available, true, true),
            vec![(CreditAccount::Pending, a), (CreditAccount::Available, -a)],
        )),
        (S::Pending, OrderEvent::Ended) => Some((
            next(S::Reversed, r.paid, r.settled),
            vec![(CreditAccount::Pending, a), (CreditAccount::Expense, -a)],
        )),
        (S::Available, OrderEvent::Ended) => Some((
            next(S::Reversed, r.paid, r.settled),
            vec![(CreditAccount::Available, a), (CreditAccount::Expense, -a)],
        )),
        (S::AwaitingPayment | S::Held, OrderEvent::Ended) => {
            Some((next(S::Reversed, r.paid, r.settled), vec![]))
        }
        (S::Held, OrderEvent::Paid) if !r.paid => Some((next(S::Held, true, r.settled), vec![])),
        (S::Held, OrderEvent::Settled) if !r.settled => Some((next(S::Held, true, true), vec![])),
        _ => None,
    }
}

/// A moderator's decision on a held reward: rejected, or placed where its order is.
pub fn decide_held(r: RewardState, approve: bool) -> Option<(RewardState, Postings)> {
    if r.status != RewardStatus::Held {
        return None;
    }
    let a = r.amount_minor;
    let (status, postings) = if !approve {
        (RewardStatus::Rejected, vec![])
    } else if r.settled {
        (
            RewardStatus::Available,
            vec![(CreditAccount::Expense, a), (CreditAccount::Available, -a)],
        )
    } else if r.paid {
        (
            RewardStatus::Pending,
            vec![(CreditAccount::Expense, a), (CreditAccount::Pending, -a)],
        )
    } else {
        (RewardStatus::AwaitingPayment, vec![])
    };
    Some((RewardState { status, ..r }, postings))
}

/// A fraud signal found after the reward was made (a card fingerprint reported with the
/// payment): the reward is held, and credit it already gave is taken back.
pub fn hold(r: RewardState) -> Option<(RewardState, Postings)> {
    let a = r.amount_minor;
    let postings = match r.status {
        RewardStatus::AwaitingPayment => vec![],
        RewardStatus::Pending => vec![(CreditAccount::Pending, a), (CreditAccount::Expense, -a)],
        RewardStatus::Available => {
            vec![(CreditAccount::Available, a), (CreditAccount::Expense, -a)]
        }
        _ => return None,
    };
    Some((
        RewardState {
            status: RewardStatus::Held,
            ..r
        },
        postings,
    ))
}

/// Spending `amount` of credit at checkout (never more than is available).
pub fn spend(amount_minor: i64, available_minor: i64) -> Option<Postings> {
    (amount_minor > 0 && amount_minor <= available_minor).then(|| {
        vec![
            (CreditAccount::Available, amount_minor),
            (CreditAccount::Spent, -amount_minor),
        ]
    })
}

/// Credit spent on an order that was then cancelled or refunded goes back.
pub fn restore(amount_minor: i64) -> Postings {
    vec![
        (CreditAccount::Spent, amount_minor),
        (CreditAccount::Available, -amount_minor),
    ]
}

/// A user's (pending, available) change from postings (credit balances shown positive).
pub fn balance_delta(postings: &[(CreditAccount, i64)]) -> (i64, i64) {
    postings
        .iter()
        .fold((0, 0), |(p, a), (acct, v)| match acct {
            CreditAccount::Pending => (p - v, a),
            CreditAccount::Available => (p, a - v),
            _ => (p, a),
        })
}

/// Why a reward was held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Flag {
    /// The buyer paid with a card the sharer also used.
    SamePayment,
    /// The order ships to an address the sharer uses.
    SameAddress,
    /// The buyer's browser (device cookie) is one the sharer signed in from.
    SameDevice,
    /// The sharer earned more rewards in a day than the limit.
    Velocity,
    /// The referral graph has a cycle through the sharer and the buyer.
    Ring,
    /// Several accounts the sharer referred come from one device or card.
    Star,
}

impl Flag {
    pub const ALL: [Flag; 6] = [
        Flag::SamePayment,
        Flag::SameAddress,
        Flag::SameDevice,
        Flag::Velocity,
        Flag::Ring,
        Flag::Star,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Flag::SamePayment => "same_payment",
            Flag::SameAddress => "same_address",
            Flag::SameDevice => "same_device",
            Flag::Velocity => "velocity",
            Flag::Ring => "ring",
            Flag::Star => "star",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// An address reduced to what identifies a place (letters and digits of the street line,
/// postal code and country, lower-cased), so "12 Main St." and "12 main st" match.
pub fn address_key(line1: &str, postal_code: &str, country: &str) -> String {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    format!("{}|{}|{}", norm(line1), norm(postal_code), norm(country))
}

/// With a new referral edge `sharer → buyer`, the cycle it closes: a path of existing
/// edges from `buyer` back to `sharer` (at most `max_len` edges), as the accounts in
/// order from the sharer. `edges` are (referrer, referred).
pub fn closes_cycle(
    edges: &[(String, String)],
    sharer: &str,
    buyer: &str,
    max_len: usize,
) -> Option<Vec<String>> {
    if sharer == buyer {
        return Some(vec![sharer.to_string()]);
    }
    // breadth-first from the buyer, remembering each account's predecessor
    let mut prev: std::collections::HashMap<&str, &str> = Default::default();
    let mut frontier = vec![buyer];
    for _ in 0..max_len {
        let mut next = Vec::new();
        for &at in &frontier {
            for (from, to) in edges.iter().filter(|(f, _)| f == at) {
                if to == buyer || prev.contains_key(to.as_str()) {
                    continue;
                }
                prev.insert(to, from);
                if to == sharer {
                    let mut path = vec![sharer.to_string()];
                    let mut cur = sharer;
                    while cur != buyer {
                        cur = prev[cur];
                        path.push(cur.to_string());
                    }
                    path.reverse();
                    // sharer → buyer → … → sharer
                    path.insert(0, sharer.to_string());
                    path.pop();
                    return Some(path);
                }
                next.push(to.as_str());
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    None
}

/// Sockpuppets around one sharer: this many accounts they referred share a device or card.
pub const STAR_MIN: usize = 3;

#[cfg(test)]
mod tests;
