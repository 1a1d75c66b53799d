//! Each shop's money as a double-entry ledger. Every transaction is a set of postings
//! in one currency that sum to zero (debits positive, credits negative), so the books
//! always balance. A sale credits the shop's *pending* balance (less the platform's
//! commission); when the return window closes it moves to *available*; refunds
//! reverse a sale in proportion (commission included); payouts take from available.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Account {
    /// Money received from buyers, held by the platform's payment provider.
    Clearing,
    /// Owed to the shop, still inside the return window.
    ShopPending,
    /// Owed to the shop and payable.
    ShopAvailable,
    /// The platform's commission income.
    Commission,
    /// Money sent to the shop's bank or Stripe account.
    Payouts,
    /// Platform-side counterpart of manual corrections.
    Adjustments,
}

impl Account {
    pub const ALL: [Account; 6] = [
        Account::Clearing,
        Account::ShopPending,
        Account::ShopAvailable,
        Account::Commission,
        Account::Payouts,
        Account::Adjustments,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Account::Clearing => "clearing",
            Account::ShopPending => "shop_pending",
            Account::ShopAvailable => "shop_available",
            Account::Commission => "commission",
            Account::Payouts => "payouts",
            Account::Adjustments => "adjustments",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TxnKind {
    Sale,
    Release,
    Refund,
    Payout,
    Adjustment,
}

impl TxnKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TxnKind::Sale => "sale",
            TxnKind::Release => "release",
            TxnKind::Refund => "refund",
            TxnKind::Payout => "payout",
            TxnKind::Adjustment => "adjustment",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            TxnKind::Sale,
            TxnKind::Release,
            TxnKind::Refund,
            TxnKind::Payout,
            TxnKind::Adjustment,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    pub account: Account,
    /// Debit positive, credit negative, in minor units.
    pub amount_minor: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Txn {
    pub kind: TxnKind,
    pub postings: Vec<Posting>,
}

impl Txn {
    fn new(kind: TxnKind, postings: &[(Account, i64)]) -> Txn {
        Txn {
            kind,
            postings: postings
                .iter()
                .filter(|(_, a)| *a != 0)
                .map(|&(account, amount_minor)| Posting {
                    account,
                    amount_minor,
                })
                .collect(),
        }
    }

    pub fn balanced(&self) -> bool {
        self.postings.iter().map(|p| p.amount_minor).sum::<i64>() == 0
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum LedgerError {
    #[error("the amount must be above zero")]
    NotPositive,
    #[error("the amount exceeds what is available")]
    ExceedsAvailable,
    #[error("the refund exceeds what is left of the sale")]
    ExceedsSale,
}

/// Basis points (1/100 of a percent) of `amount`, rounded half up.
pub fn commission(amount_minor: i64, rate_bps: i64) -> i64 {
    (i128::from(amount_minor) * i128::from(rate_bps) + 5_000).div_euclid(10_000) as i64
}

/// A paid order of `total` from which the platform keeps `commission`.
pub fn sale(total_minor: i64, commission_minor: i64) -> Result<Txn, LedgerError> {
    if total_minor <= 0 || commission_minor < 0 || commission_minor > total_minor {
        return Err(LedgerError::NotPositive);
    }
    Ok(Txn::new(
        TxnKind::Sale,
        &[
            (Account::Clearing, total_minor),
            (Account::ShopPending, -(total_minor - commission_minor)),
            (Account::Commission, -commission_minor),
        ],
    ))
}

/// The return window closed: the shop's share of a sale becomes payable.
pub fn release(net_minor: i64) -> Txn {
    Txn::new(
        TxnKind::Release,
        &[
            (Account::ShopPending, net_minor),
            (Account::ShopAvailable, -net_minor),
        ],
    )
}

/// What is left of a sale after earlier refunds: (total, commission).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleLeft {
    pub total_minor: i64,
    pub commission_minor: i64,
}

/// Refunds `amount` of a sale with `left` remaining: the commission goes back in
/// proportion (all of what is left on a full refund), and the shop's share comes out
/// of pending, or of available once the sale has been released.
pub fn refund(amount_minor: i64, left: SaleLeft, released: bool) -> Result<Txn, LedgerError> {
    if amount_minor <= 0 {
        return Err(LedgerError::NotPositive);
    }
    if amount_minor > left.total_minor {
        return Err(LedgerError::ExceedsSale);
    }
    let back = if amount_minor == left.total_minor {
        left.commission_minor
    } else {
        (i128::from(left.commission_minor) * i128::from(amount_minor)
            / i128::from(left.total_minor)) as i64
    };
    let shop = if released {
        Account::ShopAvailable
    } else {
        Account::ShopPending
    };
    Ok(Txn::new(
        TxnKind::Refund,
        &[
            (Account::Clearing, -amount_minor),
            (shop, amount_minor - back),
            (Account::Commission, back),
        ],
    ))
}

/// Pays `amount` out of an available balance of `available`.
pub fn payout(amount_minor: i64, available_minor: i64) -> Result<Txn, LedgerError> {
    if amount_minor <= 0 {
        return Err(LedgerError::NotPositive);
    }
    if amount_minor > available_minor {
        return Err(LedgerError::ExceedsAvailable);
    }
    Ok(Txn::new(
        TxnKind::Payout,
        &[
            (Account::ShopAvailable, amount_minor),
            (Account::Payouts, -amount_minor),
        ],
    ))
}

/// A manual correction: positive credits the shop, negative debits it.
pub fn adjustment(amount_minor: i64) -> Result<Txn, LedgerError> {
    if amount_minor == 0 {
        return Err(LedgerError::NotPositive);
    }
    Ok(Txn::new(
        TxnKind::Adjustment,
        &[
            (Account::ShopAvailable, -amount_minor),
            (Account::Adjustments, amount_minor),
        ],
    ))
}

/// A shop's balances, read from its postings (credit balances shown positive).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balances {
    pub pending_minor: i64,
    pub available_minor: i64,
    pub paid_out_minor: i64,
    pub commission_minor: i64,
    pub sales_minor: i64,
}

pub fn balances<'a>(postings: impl IntoIterator<Item = &'a Posting>) -> Balances {
    let mut b = Balances::default();
    for p in postings {
        match p.account {
            Account::ShopPending => b.pending_minor -= p.amount_minor,
            Account::ShopAvailable => b.available_minor -= p.amount_minor,
            Account::Payouts => b.paid_out_minor -= p.amount_minor,
            Account::Commission => b.commission_minor -= p.amount_minor,
            Account::Clearing => b.sales_minor += p.amount_minor,
            Account::Adjustments => {}
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_sale_its_release_a_refund_and_a_payout() {
        let s = sale(1_000, commission(1_000, 1_000)).unwrap();
        assert!(s.balanced());
        let mut all: Vec<Posting> = s.postings.clone();
        assert_eq!(balances(&all).pending_minor, 900);
        all.extend(release(900).postings);
        assert_eq!(balances(&all).available_minor, 900);
        let r = refund(
            400,
            SaleLeft {
                total_minor: 1_000,
                commission_minor: 100,
            },
            true,
        )
        .unwrap();
        assert!(r.balanced());
        all.extend(r.postings);
        let b = balances(&all);
        assert_eq!(
            (b.available_minor, b.commission_minor, b.sales_minor),
            (540, 60, 600)
        );
        assert_eq!(
            payout(541, b.available_minor),
            Err(LedgerError::ExceedsAvailable)
        );
        all.extend(payout(540, b.available_minor).unwrap().postings);
        let b = balances(&all);
        assert_eq!((b.available_minor, b.paid_out_minor), (0, 540));
        assert_eq!(commission(999, 1_000), 100);
        assert_eq!(commission(994, 1_000), 99);
    }

    #[derive(Clone, Debug)]
    enum Op {
        Sale(i64, i64),
        Release(usize),
        Refund(usize, i64),
        Payout(i64),
        Adjust(i64),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (1i64..100_000, 0i64..3_000).prop_map(|(t, r)| Op::Sale(t, r)),
            (0usize..10).prop_map(Op::Release),
            (0usize..10, 1i64..100_000).prop_map(|(i, a)| Op::Refund(i, a)),
            (1i64..100_000).prop_map(Op::Payout),
            (-5_000i64..5_000).prop_map(Op::Adjust),
        ]
    }

    proptest! {
        /// Random sequences of sales, releases, refunds, payouts and adjustments:
        /// every transaction balances, so the whole ledger sums to zero; the shop's
        /// balances equal what a plain running tally says; payouts never overdraw.
        #[test]
        fn the_ledger_always_balances(ops in prop::collection::vec(op(), 0..60)) {
            struct S { left: SaleLeft, net_pending: i64, released: bool }
            let mut sales: Vec<S> = Vec::new();
            let mut postings: Vec<Posting> = Vec::new();
            let (mut received, mut refunded, mut paid_out) = (0i64, 0i64, 0i64);
            for op in ops {
                let txn = match op {
                    Op::Sale(total, rate) => {
                        let c = commission(total, rate);
                        sales.push(S { left: SaleLeft { total_minor: total, commission_minor: c }, net_pending: total - c, released: false });
                        received += total;
                        sale(total, c).ok()
                    }
                    Op::Release(i) => match sales.get_mut(i) {
                        Some(s) if !s.released => {
                            s.released = true;
                            let t = release(s.net_pending);
                            s.net_pending = 0;
                            Some(t)
                        }
                        _ => None,
                    },
                    Op::Refund(i, amount) => match sales.get_mut(i) {
                        Some(s) => match refund(amount, s.left, s.released) {
                            Ok(t) => {
                                let back: i64 = t.postings.iter().filter(|p| p.account == Account::Commission).map(|p| p.amount_minor).sum();
                                s.left.total_minor -= amount;
                                s.left.commission_minor -= back;
                                prop_assert!(s.left.commission_minor >= 0);
                                if !s.released { s.net_pending -= amount - back; }
                                refunded += amount;
                                Some(t)
                            }
                            Err(e) => {
                                prop_assert!(amount > s.left.total_minor, "{e:?}");
                                None
                            }
                        },
                        None => None,
                    },
                    Op::Payout(amount) => {
                        let available = balances(&postings).available_minor;
                        match payout(amount, available) {
                            Ok(t) => { paid_out += amount; Some(t) }
                            Err(_) => { prop_assert!(amount > available); None }
                        }
                    }
                    Op::Adjust(a) => adjustment(a).ok(),
                };
                if let Some(t) = txn {
                    prop_assert!(t.balanced(), "{t:?}");
                    postings.extend(t.postings);
                }
                prop_assert_eq!(postings.iter().map(|p| p.amount_minor).sum::<i64>(), 0);
            }
            let b = balances(&postings);
            prop_assert_eq!(b.sales_minor, received - refunded);
            prop_assert_eq!(b.paid_out_minor, paid_out);
            prop_assert_eq!(b.pending_minor, sales.iter().map(|s| s.net_pending).sum::<i64>());
            prop_assert!(b.pending_minor >= 0);
            // what buyers paid (net of refunds) = what the shop is owed or was paid + commission + adjustments
            let adjustments: i64 = postings.iter().filter(|p| p.account == Account::Adjustments).map(|p| p.amount_minor).sum();
            prop_assert_eq!(b.sales_minor, b.pending_minor + b.available_minor + b.paid_out_minor + b.commission_minor - adjustments);
        }
    }
}
