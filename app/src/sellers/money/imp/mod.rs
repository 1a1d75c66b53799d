//! A shop's money on the server: the ledger postings of order events, refunds,
//! settlement, payouts, balances and the statement. The queries are
//! `sellers::money_store`.

mod ledger;
mod payouts;
mod refunds;
mod settle;
mod statement;

pub use ledger::{day_of, order_postings, LedgerListener};
pub use payouts::{mask, record_payout, save_payout_account};
pub use refunds::{issue_refund, refund_order, refund_stmts, IssuedRefund, RefundAsk};
pub use settle::{charge_shop_rewards, settle_due};
pub use statement::{balances_of, csv_field, shop_money, statement_csv};
