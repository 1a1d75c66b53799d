//! A shop's money in the database (server only): ledger postings and running
//! balances, the day's sales rows, settlement of delivered orders, sharing rewards
//! charged to the shops that fund them, payouts and payout accounts. The statement
//! parts here are added to the caller's transaction; which ones, and when, the caller
//! decides (`sellers::money::imp`).

use chrono::{DateTime, Utc};
use domain::ledger::{self, Txn};
use surrealdb::types::{RecordId, SurrealValue, Variables};

use crate::db::{key_of, Audit, Db, Refusal, Stmts};
use crate::notify::Notice;

mod refunds;
pub use self::refunds::*;

// ----------------------------------------------------------------------------
// Ledger transactions

/// What one ledger transaction is about: its id, the shop, the currency, and the
/// order, memo and actor it is recorded with.
pub struct Meta<'a> {
    pub txn_id: String,
    pub shop: &'a RecordId,
    pub currency: &'a str,
    pub order: Option<&'a RecordId>,
    pub memo: Option<&'a str>,
    pub actor: Option<&'a RecordId>,
}

const WRITE_TXN: &str = "FOR $e IN $l_entries {\n\
           CREATE type::record('ledger_entry', [$e.txn, $e.account]) SET shop = $l_shop, txn = $e.txn, kind = $e.kind, \
             account = $e.account, amount_minor = $e.amount, currency = $l_currency, shop_order = $l_order, memo = $l_memo, \
             actor = $l_actor, at = $now;\n\
         };\n\
         UPSERT $l_balance SET shop = $l_shop, currency = $l_currency, \
           pending_minor = (pending_minor ?? 0) + $l_pending, available_minor = (available_minor ?? 0) + $l_available, \
           paid_out_minor = (paid_out_minor ?? 0) + $l_paid_out, commission_minor = (commission_minor ?? 0) + $l_commission, \
           sales_minor = (sales_minor ?? 0) + $l_sales;\n";

/// The statements that write one ledger transaction for `shop` (postings, the
/// running balance, the day's sales); the variables they read (`$l_…`) go into `v`.
pub fn write_txn(txn: &Txn, m: Meta, v: &mut Variables) -> String {
    let Meta {
        txn_id,
        shop,
        currency,
        order,
        memo,
        actor,
    } = m;
    let txn_id = txn_id.as_str();
    let entries: Vec<serde_json::Value> = txn
        .postings
        .iter()
        .map(|p| {
            serde_json::json!({
                "txn": txn_id,
                "kind": txn.kind.as_str(),
                "account": p.account.as_str(),
                "amount": p.amount_minor,
            })
        })
        .collect();
    let d = ledger::balances(&txn.postings);
    v.insert("l_entries", entries);
    v.insert("l_shop", shop.clone());
    v.insert(
        "l_balance",
        RecordId::new("shop_balance", key_of(shop).as_str()),
    );
    v.insert("l_currency", currency.to_string());
    v.insert("l_order", order.cloned());
    v.insert("l_memo", memo.map(str::to_string));
    v.insert("l_actor", actor.cloned());
    v.insert("l_pending", d.pending_minor);
    v.insert("l_available", d.available_minor);
    v.insert("l_paid_out", d.paid_out_minor);
    v.insert("l_commission", d.commission_minor);
    v.insert("l_sales", d.sales_minor);
    WRITE_TXN.to_string()
}

/// Binds the shop's key and the day the day's sales rows are kept under (read by
/// [`sale_sql`] and [`refund_sql`]).
pub fn bind_day(v: &mut Variables, shop: &RecordId, day: String) {
    v.insert("l_shop_key", key_of(shop));
    v.insert("l_day_text", day);
}

// ----------------------------------------------------------------------------
// Orders' money

#[derive(SurrealValue)]
pub struct OrderMoney {
    pub shop: RecordId,
    pub currency: String,
    pub subtotal_minor: i64,
    pub shipping_minor: i64,
    pub discount_minor: Option<i64>,
    pub platform_discount_minor: Option<i64>,
    /// The referred buyer's welcome discount on this order.
    pub welcome_minor: i64,
    /// Whether the shop's own sharing campaign funds that discount (else the platform).
    pub welcome_by_shop: bool,
    /// Store credit spent on it (the platform's).
    pub credit_minor: i64,
    /// The money given back to the buyer so far.
    pub refunded_minor: i64,
    /// The checkout's payment provider (`stripe`: the shop's share is transferred).
    pub provider: Option<String>,
    pub checkout: Option<RecordId>,
}

impl OrderMoney {
    pub fn amounts(&self) -> domain::order::money::OrderAmounts {
        domain::order::money::OrderAmounts {
            subtotal_minor: self.subtotal_minor,
            shipping_minor: self.shipping_minor,
            discount_minor: self.discount_minor.unwrap_or(0),
            platform_discount_minor: self.platform_discount_minor.unwrap_or(0),
            welcome_minor: self.welcome_minor,
            welcome_by_shop: self.welcome_by_shop,
            credit_minor: self.credit_minor,
        }
    }
}

#[derive(SurrealValue)]
pub struct LineMoney {
    pub product: RecordId,
    pub title: String,
    pub unit_price_minor: i64,
    pub quantity: i64,
    pub category: Option<RecordId>,
}

const ORDER_TOTALS: &str = "SELECT shop, currency, subtotal_minor, shipping_minor, discount_minor, platform_discount_minor, \
                 welcome_minor ?? 0 AS welcome_minor, welcome_by_shop ?? false AS welcome_by_shop, \
                 credit_minor ?? 0 AS credit_minor, refunded_minor ?? 0 AS refunded_minor, checkout.provider AS provider, checkout FROM $o;";
const ORDER_LINES: &str = "SELECT product, title, unit_price_minor, quantity, product.category AS category FROM order_line WHERE shop_order = $o;";

/// The order's totals (none when it does not exist).
pub async fn order_totals(
    db: &Db,
    order: &RecordId,
) -> Result<Option<OrderMoney>, surrealdb::Error> {
    let mut res = db
        .query(ORDER_TOTALS)
        .bind(("o", order.clone()))
        .await?
        .check()?;
    let orders: Vec<OrderMoney> = res.take(0)?;
    Ok(orders.into_iter().next())
}

/// The order's totals (none when it does not exist) and its lines.
pub async fn order_money(
    db: &Db,
    order: &RecordId,
) -> Result<(Option<OrderMoney>, Vec<LineMoney>), surrealdb::Error> {
    let mut res = db
        .query(format!("{ORDER_TOTALS}\n{ORDER_LINES}"))
        .bind(("o", order.clone()))
        .await?
        .check()?;
    let orders: Vec<OrderMoney> = res.take(0)?;
    let lines: Vec<LineMoney> = res.take(1)?;
    Ok((orders.into_iter().next(), lines))
}

#[derive(SurrealValue)]
pub struct CommissionRate {
    pub id: RecordId,
    pub rate_bps: i64,
}

const COMMISSION_RATES: &str =
    "SELECT id, rate_bps FROM commission_rate; SELECT VALUE commission_bps FROM platform_setting:main;";

/// The categories' commission rates, and the platform's default rate if it is set.
pub async fn commission_rates(
    db: &Db,
) -> Result<(Vec<CommissionRate>, Option<i64>), surrealdb::Error> {
    let mut res = db.query(COMMISSION_RATES).await?.check()?;
    let rates: Vec<CommissionRate> = res.take(0)?;
    let default: Vec<i64> = res.take(1)?;
    Ok((rates, default.first().copied()))
}

/// One posting already on an order's ledger.
#[derive(SurrealValue)]
pub struct Posted {
    pub kind: String,
    pub account: String,
    pub amount_minor: i64,
    pub txn: String,
}

const POSTED: &str =
    "SELECT kind, account, amount_minor, txn FROM ledger_entry WHERE shop_order = $o";

/// Every posting on the order's ledger.
pub async fn postings_of_order(db: &Db, order: &RecordId) -> Result<Vec<Posted>, surrealdb::Error> {
    let mut res = db.query(POSTED).bind(("o", order.clone())).await?.check()?;
    res.take(0)
}

const SALE_DAY: &str = "UPSERT type::record('shop_day', [$l_shop_key, $l_day_text]) SET shop = $l_shop, day = $l_day_text, orders = (orders ?? 0) + 1, sales_minor = (sales_minor ?? 0) + $l_sales;\n\
                 FOR $l IN $l_lines {\n\
                   UPSERT type::record('product_day', [$l.key, $l_day_text]) SET product = type::record('product', $l.key), shop = $l_shop, day = $l_day_text, \
                     units = (units ?? 0) + $l.units, sales_minor = (sales_minor ?? 0) + $l.sales;\n\
                   LET $st = type::record('stock', $l.key);\n\
                   IF $st.on_hand - $st.reserved <= $st.low_stock_threshold {\n\
                     CREATE outbox SET recipient = $l_shop.owner, kind = $l.mail.kind, subject = $l.mail.subject, \
                       body = $l.mail.body, link = $l.mail.link, texts = $l.mail.texts, created_at = $now;\n\
                   };\n\
                 };\n";

/// A paid order's sale: its ledger transaction, the day's shop and product sales, and
/// a low stock notice to the shop for each product that runs low.
pub fn sale_sql(txn: &Txn, meta: Meta, lines: &[LineMoney], v: &mut Variables) -> String {
    let mut sql = write_txn(txn, meta, v);
    sql.push_str(SALE_DAY);
    let per_line: Vec<serde_json::Value> = lines
        .iter()
        .map(|l| {
            let key = key_of(&l.product);
            // the notice sent when this line leaves the product's stock low
            let mail = Notice::LowStock {
                product: key.clone(),
                title: l.title.clone(),
            }
            .render();
            serde_json::json!({
                "key": key,
                "units": l.quantity,
                "sales": l.unit_price_minor.saturating_mul(l.quantity),
                "mail": {
                    "kind": mail.kind, "subject": mail.subject, "body": mail.body, "link": mail.link,
                    "texts": {
                        "en": { "subject": mail.texts.en.subject, "body": mail.texts.en.body },
                        "zh": { "subject": mail.texts.zh.subject, "body": mail.texts.zh.body },
                    },
                },
            })
        })
        .collect();
    v.insert("l_lines", per_line);
    sql
}

const CARD_TRANSFER: &str = "CREATE type::record('transfer', record::id($l_order)) SET shop_order = $l_order, shop = $l_shop, \
       transfer_group = $l_group, amount_minor = $l_share, commission_minor = $l_commission, currency = $l_currency, \
       status = 'pending', created_at = $now;\n";

/// A card-paid order's transfer to its shop (sent later by the payment provider): the
/// shop's share exactly as the sale posts it (`txn`), in the checkout's transfer group.
/// Created with the sale, once (its id is the order's).
pub fn card_transfer_sql(txn: &Txn, checkout: &RecordId, v: &mut Variables) -> String {
    let b = ledger::balances(&txn.postings);
    v.insert("l_group", key_of(checkout));
    v.insert("l_share", b.pending_minor);
    v.insert("l_commission", b.commission_minor);
    CARD_TRANSFER.to_string()
}

// ----------------------------------------------------------------------------
// Settlement and sharing rewards

#[derive(SurrealValue)]
pub struct DueOrder {
    pub id: RecordId,
    pub shop: RecordId,
    pub currency: String,
}

/// Orders due for settlement (binds `$epoch`, `$cutoff`).
pub const ORDERS_DUE: &str =
    "SELECT id, shop, currency FROM shop_order WHERE settled_at = NONE AND delivered_at >= $epoch \
                   AND delivered_at < $cutoff AND payment_status IN ['paid', 'refunded'] LIMIT 500";

/// Paid (or refunded) orders delivered before `cutoff` and not settled yet, at most 500.
pub async fn orders_to_settle(
    db: &Db,
    cutoff: DateTime<Utc>,
) -> Result<Vec<DueOrder>, surrealdb::Error> {
    let mut res = db
        .query(ORDERS_DUE)
        .bind(("epoch", DateTime::<Utc>::UNIX_EPOCH))
        .bind(("cutoff", cutoff))
        .await?
        .check()?;
    res.take(0)
}

const RETURN_OPEN: &str = "record::exists($ret) AND ($ret.status IN $open_returns \
     OR ($ret.status = 'refused' AND $ret.claim_until > $now))";
const CLAIM_OPEN: &str = "record::exists($dispute) AND $dispute.status != 'decided'";
const MARK_SETTLED: &str =
    "LET $moved = (UPDATE $order SET settled_at = $now WHERE settled_at = NONE RETURN VALUE id)";
const NOTHING_MOVED: &str = "array::len($moved) = 0";

/// Settles `$order` (bound by the transaction): refused while its return `ret` is
/// under way (requested, accepted or on its way back) or refused but still claimable,
/// while its claim `dispute` is undecided, or when it was settled meanwhile; with `release`, the ledger transaction
/// that releases its pending money.
pub fn settle_part(ret: RecordId, dispute: RecordId, release: Option<(&Txn, Meta)>) -> Stmts {
    let mut v = Variables::new();
    v.insert("ret", ret);
    v.insert("dispute", dispute);
    v.insert(
        "open_returns",
        domain::order::ReturnStatus::open_names()
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>(),
    );
    let mut s = Stmts::new();
    s.refuse_if(RETURN_OPEN, Refusal::ReturnOpen)
        .refuse_if(CLAIM_OPEN, Refusal::ReturnOpen)
        .sql(MARK_SETTLED)
        .refuse_if(NOTHING_MOVED, Refusal::WrongState);
    if let Some((txn, meta)) = release {
        s.sql(&write_txn(txn, meta, &mut v));
    }
    s.bind_all(v);
    s
}

#[derive(SurrealValue)]
pub struct DueReward {
    pub id: RecordId,
    pub funder: RecordId,
    pub currency: String,
    pub amount_minor: i64,
    pub shop_order: RecordId,
    pub status: String,
}

const REWARDS_TO_CHARGE: &str = "SELECT id, funder, currency, amount_minor, shop_order, status FROM referral_reward \
                   WHERE charged = false AND status = 'available' LIMIT 200;\n\
                 SELECT id, funder, currency, amount_minor, shop_order, status FROM referral_reward \
                   WHERE charged = true AND status = 'reversed' LIMIT 200;";

/// Sharing rewards that became available and are not charged to their funding shop
/// yet, then charged ones reversed since (at most 200 of each).
pub async fn rewards_to_charge(db: &Db) -> Result<Vec<DueReward>, surrealdb::Error> {
    let mut res = db.query(REWARDS_TO_CHARGE).await?.check()?;
    let mut due: Vec<DueReward> = res.take(0)?;
    due.extend(res.take::<Vec<DueReward>>(1)?);
    Ok(due)
}

const MOVE_CHARGED: &str = "LET $m = (UPDATE $reward SET charged = $to WHERE charged = $from AND status = $status RETURN VALUE id)";
const NONE_CHARGED: &str = "array::len($m) = 0";

/// Flips the reward's `charged` flag from `from` to `to` (refused when it is no longer
/// `from` with this `status`), with the ledger transaction that charges or gives back.
pub fn reward_charge_part(
    reward: RecordId,
    from: bool,
    to: bool,
    status: String,
    txn: &Txn,
    meta: Meta,
) -> Stmts {
    let mut v = Variables::new();
    v.insert("reward", reward);
    v.insert("from", from);
    v.insert("to", to);
    v.insert("status", status);
    let mut s = Stmts::new();
    s.sql(MOVE_CHARGED)
        .refuse_if(NONE_CHARGED, Refusal::Changed);
    s.sql(&write_txn(txn, meta, &mut v));
    s.bind_all(v);
    s
}

// ----------------------------------------------------------------------------
// Payouts

const PAYOUT_BASIS: &str =
    "SELECT VALUE currency FROM $shop; SELECT VALUE available_minor FROM $bal;";

/// The shop's currency (none when there is no such shop) and its available balance.
pub async fn currency_and_available(
    db: &Db,
    shop: &RecordId,
    shop_slug: &str,
) -> Result<(Option<String>, Option<i64>), surrealdb::Error> {
    let mut res = db
        .query(PAYOUT_BASIS)
        .bind(("shop", shop.clone()))
        .bind(("bal", RecordId::new("shop_balance", shop_slug)))
        .await?
        .check()?;
    let currency: Vec<String> = res.take(0)?;
    let available: Vec<i64> = res.take(1)?;
    Ok((currency.into_iter().next(), available.first().copied()))
}

const EXCEEDS_AVAILABLE: &str = "($l_balance.available_minor ?? 0) < $amount";
const PAYOUT_NOTICE: &str = "CREATE outbox SET recipient = $l_shop.owner, kind = $mail.kind, \
                 subject = $mail.subject, body = $mail.body, link = $mail.link, texts = $mail.texts, created_at = $now";

/// A payout: refused when the shop's available balance is below `amount`; its ledger
/// transaction, `audit`, and a notice to the shop's owner.
pub fn payout_part(amount: i64, reference: String, txn: &Txn, meta: Meta, audit: Audit) -> Stmts {
    let mut v = Variables::new();
    v.insert("amount", amount);
    v.insert("mail", Notice::PayoutSent { reference }.render());
    let ledger = write_txn(txn, meta, &mut v);
    let mut s = Stmts::new();
    s.bind_all(v)
        .refuse_if(EXCEEDS_AVAILABLE, Refusal::ExceedsBalance)
        .sql(&ledger)
        .audit(audit)
        .sql(PAYOUT_NOTICE);
    s
}

/// Where a shop's manual payouts go, checked by the caller.
pub struct NewPayoutAccount<'a> {
    pub shop: &'a RecordId,
    pub holder: String,
    pub bank_name: String,
    pub code: String,
    pub number: String,
    /// The number as the audit log keeps it.
    pub masked: String,
    pub user: &'a RecordId,
    pub now: DateTime<Utc>,
}

const SAVE_PAYOUT_ACCOUNT: &str = "UPSERT $acct SET shop = $shop, holder = $holder, bank_name = $bank, bank_code = $code, account_number = $number, updated_at = $now;\n\
                 CREATE audit_log SET actor = $user, action = 'shop.payout_account', subject = $subject, detail = { masked: $masked }, at = $now;";

/// Saves the shop's payout account, with its audit entry.
pub async fn save_payout_account(db: &Db, a: NewPayoutAccount<'_>) -> Result<(), surrealdb::Error> {
    db.query(SAVE_PAYOUT_ACCOUNT)
        .bind((
            "acct",
            RecordId::new("payout_account", key_of(a.shop).as_str()),
        ))
        .bind(("shop", a.shop.clone()))
        .bind(("holder", a.holder))
        .bind(("bank", a.bank_name))
        .bind(("code", a.code))
        .bind(("masked", a.masked))
        .bind(("number", a.number))
        .bind(("user", a.user.clone()))
        .bind(("subject", format!("shop:{}", key_of(a.shop))))
        .bind(("now", a.now))
        .await?
        .check()?;
    Ok(())
}

#[derive(SurrealValue)]
pub struct PayoutAccountRow {
    pub holder: String,
    pub bank_name: String,
    pub bank_code: String,
    pub account_number: String,
}

const PAYOUT_ACCOUNT: &str = "SELECT holder, bank_name, bank_code, account_number FROM $acct; SELECT VALUE stripe_account FROM $shop;";

/// The shop's payout account, if saved, and its Stripe Connect account, if connected.
pub async fn payout_account_of(
    db: &Db,
    shop: &RecordId,
) -> Result<(Option<PayoutAccountRow>, Option<String>), surrealdb::Error> {
    let mut res = db
        .query(PAYOUT_ACCOUNT)
        .bind((
            "acct",
            RecordId::new("payout_account", key_of(shop).as_str()),
        ))
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    let rows: Vec<PayoutAccountRow> = res.take(0)?;
    let stripe: Vec<Option<String>> = res.take(1)?;
    Ok((rows.into_iter().next(), stripe.into_iter().flatten().next()))
}

// ----------------------------------------------------------------------------
// Balances and statement

#[derive(SurrealValue)]
pub struct BalanceRow {
    pub pending_minor: i64,
    pub available_minor: i64,
    pub paid_out_minor: i64,
    pub commission_minor: i64,
    pub sales_minor: i64,
}

const BALANCES: &str =
    "SELECT pending_minor, available_minor, paid_out_minor, commission_minor, sales_minor FROM $b";

/// The shop's running balances, if anything was ever posted.
pub async fn balance_of(db: &Db, shop: &RecordId) -> Result<Option<BalanceRow>, surrealdb::Error> {
    let mut res = db
        .query(BALANCES)
        .bind(("b", RecordId::new("shop_balance", key_of(shop).as_str())))
        .await?
        .check()?;
    let rows: Vec<BalanceRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

#[derive(SurrealValue)]
pub struct EntryRow {
    pub at: DateTime<Utc>,
    pub kind: String,
    pub account: String,
    pub amount_minor: i64,
    pub shop_order: Option<RecordId>,
    pub number: Option<String>,
    pub memo: Option<String>,
}

const SHOP_POSTINGS: &str = "SELECT at, kind, account, amount_minor, shop_order, shop_order.number AS number, memo FROM ledger_entry \
                 WHERE shop = $shop AND account IN ['shop_pending', 'shop_available'] ORDER BY at DESC LIMIT $limit";

/// The latest postings to the shop's own accounts, newest first, at most `limit`.
pub async fn shop_postings(
    db: &Db,
    shop: &RecordId,
    limit: usize,
) -> Result<Vec<EntryRow>, surrealdb::Error> {
    let mut res = db
        .query(SHOP_POSTINGS)
        .bind(("shop", shop.clone()))
        .bind(("limit", limit as i64))
        .await?
        .check()?;
    res.take(0)
}
