//! Store credit: balances, postings (a double-entry ledger per user and currency) and
//! the credit spent at checkout.

use crate::db::{Refusal, Stmts};
use chrono::{DateTime, Utc};
use domain::referral::{self as rf, Postings};
use surrealdb::types::{RecordId, SurrealValue, Variables};

use super::{balance_id, entry_id};
use crate::db::Db;

const AVAILABLE: &str = "RETURN $b.available_minor ?? 0";

/// Reads the user's spendable credit in `currency`.
pub async fn available_minor(
    db: &Db,
    user: &RecordId,
    currency: &str,
) -> Result<Option<i64>, surrealdb::Error> {
    let mut res = db
        .query(AVAILABLE)
        .bind(("b", balance_id(user, currency)))
        .await?
        .check()?;
    res.take::<Option<i64>>(0)
}

/// A balance's spendable credit.
#[derive(SurrealValue)]
pub struct AvailableRow {
    pub currency: String,
    pub available_minor: i64,
}

const AVAILABLE_BALANCES: &str =
    "SELECT currency, available_minor FROM credit_balance WHERE user = $u";

/// Reads the user's spendable credit in every currency they have a balance in.
pub async fn available_balances(
    db: &Db,
    user: &RecordId,
) -> Result<Vec<AvailableRow>, surrealdb::Error> {
    let mut res = db
        .query(AVAILABLE_BALANCES)
        .bind(("u", user.clone()))
        .await?
        .check()?;
    res.take(0)
}

/// One store-credit posting (id: credit_entry:⟨txn|account⟩, so a transaction is
/// written once).
#[derive(Clone, SurrealValue)]
pub struct CreditInsert {
    pub id: RecordId,
    pub user: RecordId,
    pub txn: String,
    pub kind: String,
    pub account: String,
    pub amount_minor: i64,
    pub currency: String,
    pub reward: Option<RecordId>,
    pub shop_order: Option<RecordId>,
    pub at: DateTime<Utc>,
}

/// One credit transaction of a user: what it posts and where it comes from.
pub struct CreditTxn<'a> {
    pub user: &'a RecordId,
    pub currency: &'a str,
    pub txn: String,
    pub kind: &'a str,
    pub postings: Postings,
    pub reward: Option<&'a RecordId>,
    pub order: Option<&'a RecordId>,
    pub campaign: Option<&'a RecordId>,
    pub now: DateTime<Utc>,
}

/// The statements that write one credit transaction (postings, the running balance,
/// the campaign's cost); `p` prefixes the variables they bind. Flat statements only.
pub(super) fn credit_sql(p: &str, t: CreditTxn<'_>, v: &mut Variables) -> String {
    if t.postings.is_empty() {
        return String::new();
    }
    let rows: Vec<CreditInsert> = t
        .postings
        .iter()
        .map(|(a, amount)| CreditInsert {
            id: entry_id(&t.txn, a.as_str()),
            user: t.user.clone(),
            txn: t.txn.clone(),
            kind: t.kind.to_string(),
            account: a.as_str().to_string(),
            amount_minor: *amount,
            currency: t.currency.to_string(),
            reward: t.reward.cloned(),
            shop_order: t.order.cloned(),
            at: t.now,
        })
        .collect();
    let (dp, da) = rf::balance_delta(&t.postings);
    v.insert(format!("{p}_rows"), rows);
    v.insert(format!("{p}_user"), t.user.clone());
    v.insert(format!("{p}_cur"), t.currency.to_string());
    v.insert(format!("{p}_bal"), balance_id(t.user, t.currency));
    v.insert(format!("{p}_dp"), dp);
    v.insert(format!("{p}_da"), da);
    let mut sql = format!(
        "INSERT INTO credit_entry ${p}_rows;\n\
         UPSERT ${p}_bal SET user = ${p}_user, currency = ${p}_cur, pending_minor = (pending_minor ?? 0) + ${p}_dp, \
           available_minor = (available_minor ?? 0) + ${p}_da;\n"
    );
    if let Some(c) = t.campaign {
        let cost: i64 = t
            .postings
            .iter()
            .filter(|(a, _)| *a == rf::CreditAccount::Expense)
            .map(|(_, v)| v)
            .sum();
        if cost != 0 {
            v.insert(format!("{p}_campaign"), c.clone());
            v.insert(format!("{p}_cost"), cost);
            sql.push_str(&format!(
                "UPDATE ${p}_campaign SET cost_minor += ${p}_cost;\n"
            ));
        }
    }
    sql
}

/// A part writing one credit transaction (its variables prefixed with `p`).
pub fn credit_part(p: &str, t: CreditTxn<'_>) -> Stmts {
    let mut v = Variables::new();
    let credit = credit_sql(p, t, &mut v);
    let mut part = Stmts::new();
    part.bind_all(v).sql(&credit);
    part
}

const TAKE_CREDIT: &str =
    "LET $ok = (UPDATE $bal SET available_minor -= $n WHERE available_minor >= $n RETURN VALUE id)";

/// A part taking `total` off the buyer's spendable credit in `currency`, refused with
/// [`Refusal::CreditChanged`] if the balance no longer covers it (the balance is locked
/// in-process first).
pub fn take_credit(buyer: &RecordId, currency: &str, total: i64) -> Stmts {
    let bal = balance_id(buyer, currency);
    let mut part = Stmts::new();
    part.lock(bal.clone())
        .bind("bal", bal)
        .bind("n", total)
        .sql(TAKE_CREDIT)
        .refuse_if("array::len($ok) = 0", Refusal::CreditChanged);
    part
}

const CLAIM_WELCOME: &str =
    "LET $w_ok = (UPDATE $w_buyer SET welcome_order = $w_order WHERE welcome_order = NONE RETURN VALUE id)";

/// A part claiming the buyer's one welcome discount for `order`, refused with
/// [`Refusal::Changed`] if another checkout claimed it first. The claim writes the
/// buyer's record, so two checkouts racing for it conflict in the database (whichever
/// server runs them), and the in-process lock orders them here.
pub fn claim_welcome(buyer: &RecordId, order: &RecordId) -> Stmts {
    let mut part = Stmts::new();
    part.lock(buyer.clone())
        .bind("w_buyer", buyer.clone())
        .bind("w_order", order.clone())
        .sql(CLAIM_WELCOME)
        .refuse_if("array::len($w_ok) = 0", Refusal::Changed);
    part
}

const INSERT_SPENT: &str = "INSERT INTO credit_entry $cs_rows";

/// Writes the postings of credit spent at checkout (the balances are taken down by
/// [`take_credit`]).
pub fn insert_spent(s: &mut Stmts, rows: Vec<CreditInsert>) {
    s.bind("cs_rows", rows).sql(INSERT_SPENT);
}
