//! A shop's money: ledger postings written in the same transaction as the order
//! change that causes them (payment, cancellation after payment, refunds), the
//! release of pending money when the return window closes, payouts, balances and
//! the downloadable statement. The rules are `domain::ledger`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerLine {
    pub at: i64,
    pub kind: String,
    pub account: String,
    /// Positive: the shop is owed more.
    pub amount_minor: i64,
    pub order_id: Option<String>,
    pub order_number: Option<String>,
    pub memo: Option<String>,
}

/// Where manual payouts go, as the seller sees it (the number masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayoutAccount {
    pub holder: String,
    pub bank_name: String,
    pub bank_code: String,
    /// `•••• 6789`
    pub account_masked: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopMoney {
    pub payout_account: Option<PayoutAccount>,
    /// Whether payouts go through Stripe Connect (an account is connected).
    pub stripe_connected: bool,
    /// Whether the platform has Stripe configured (Connect onboarding is offered).
    pub stripe_available: bool,
    pub currency: String,
    pub balances: domain::ledger::Balances,
    pub lines: Vec<LedgerLine>,
    pub return_window_days: i64,
}

#[cfg(feature = "ssr")]
pub mod imp {
    use backend::db::{Audit, AuditAction, Refusal, Stmts, Tx};
    use chrono::{DateTime, Duration, Utc};
    use domain::ledger::{self, Account, Balances, SaleLeft, Txn};
    use domain::order::OrderEvent;
    use domain::order::RETURN_WINDOW_DAYS;
    use surrealdb::types::{RecordId, SurrealValue, Variables};

    use super::{LedgerLine, ShopMoney};
    use crate::accounts::session::SessionUser;
    use crate::error::{internal, AppError};
    use crate::events::{Contribution, OrderChange, OrderListener};
    use crate::state::{key_of, AppState, Db};

    /// The statements that write one ledger transaction for `shop` (postings, the
    /// running balance, the day's sales); `p` prefixes the variables they bind.
    struct Meta<'a> {
        txn_id: String,
        shop: &'a RecordId,
        currency: &'a str,
        order: Option<&'a RecordId>,
        memo: Option<&'a str>,
        actor: Option<&'a RecordId>,
    }

    fn write_txn(txn: &Txn, m: Meta, v: &mut Variables) -> String {
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
        "FOR $e IN $l_entries {\n\
           CREATE type::record('ledger_entry', [$e.txn, $e.account]) SET shop = $l_shop, txn = $e.txn, kind = $e.kind, \
             account = $e.account, amount_minor = $e.amount, currency = $l_currency, shop_order = $l_order, memo = $l_memo, \
             actor = $l_actor, at = $now;\n\
         };\n\
         UPSERT $l_balance SET shop = $l_shop, currency = $l_currency, \
           pending_minor = (pending_minor ?? 0) + $l_pending, available_minor = (available_minor ?? 0) + $l_available, \
           paid_out_minor = (paid_out_minor ?? 0) + $l_paid_out, commission_minor = (commission_minor ?? 0) + $l_commission, \
           sales_minor = (sales_minor ?? 0) + $l_sales;\n"
            .to_string()
    }

    #[derive(SurrealValue)]
    struct OrderMoney {
        shop: RecordId,
        currency: String,
        subtotal_minor: i64,
        shipping_minor: i64,
        discount_minor: Option<i64>,
    }

    #[derive(SurrealValue)]
    struct LineMoney {
        product: RecordId,
        title: String,
        unit_price_minor: i64,
        quantity: i64,
        category: Option<RecordId>,
    }

    #[derive(SurrealValue)]
    struct Posted {
        kind: String,
        account: String,
        amount_minor: i64,
        txn: String,
    }

    pub fn day_of(t: DateTime<Utc>) -> String {
        t.format("%Y-%m-%d").to_string()
    }

    /// Commission on an order's goods: each line at its category's rate (else the
    /// platform default), scaled down by the order's promotion discount; shipping is
    /// not commissioned.
    async fn commission_of(db: &Db, o: &OrderMoney, lines: &[LineMoney]) -> Result<i64, AppError> {
        #[derive(SurrealValue)]
        struct Rate {
            id: RecordId,
            rate_bps: i64,
        }
        let mut res = db
            .query("SELECT id, rate_bps FROM commission_rate; SELECT VALUE commission_bps FROM platform_setting:main;")
            .await?
            .check()?;
        let rates: Vec<Rate> = res.take(0)?;
        let default: Vec<i64> = res.take(1)?;
        let default = default.first().copied().unwrap_or(1000);
        let gross: i64 = lines
            .iter()
            .map(|l| {
                let rate = l
                    .category
                    .as_ref()
                    .and_then(|c| rates.iter().find(|r| key_of(&r.id) == key_of(c)))
                    .map(|r| r.rate_bps)
                    .unwrap_or(default);
                ledger::commission(l.unit_price_minor * l.quantity, rate)
            })
            .sum();
        let discount = o.discount_minor.unwrap_or(0);
        if o.subtotal_minor <= 0 || discount <= 0 {
            return Ok(gross);
        }
        Ok((i128::from(gross) * i128::from(o.subtotal_minor - discount)
            / i128::from(o.subtotal_minor)) as i64)
    }

    async fn posted(db: &Db, order: &RecordId) -> Result<Vec<Posted>, AppError> {
        let mut res = db
            .query(
                "SELECT kind, account, amount_minor, txn FROM ledger_entry WHERE shop_order = $o",
            )
            .bind(("o", order.clone()))
            .await?
            .check()?;
        Ok(res.take(0)?)
    }

    fn sum(posted: &[Posted], account: Account) -> i64 {
        posted
            .iter()
            .filter(|p| p.account == account.as_str())
            .map(|p| p.amount_minor)
            .sum()
    }

    /// What is left of the order's sale: (left, released, refunds so far), or `None`
    /// if it was never paid.
    fn left_of(posted: &[Posted]) -> Option<(SaleLeft, bool, usize)> {
        if !posted.iter().any(|p| p.kind == "sale") {
            return None;
        }
        let refunds = posted
            .iter()
            .filter(|p| p.kind == "refund" && p.account == "clearing")
            .count();
        Some((
            SaleLeft {
                total_minor: sum(posted, Account::Clearing),
                commission_minor: -sum(posted, Account::Commission),
            },
            posted.iter().any(|p| p.kind == "release"),
            refunds,
        ))
    }

    /// The ledger statements for an order transition (`kind` is its timeline event):
    /// a sale when it is paid; a refund of what is left when it is cancelled after
    /// payment or its return is refunded. Empty for anything else.
    pub async fn order_postings(
        db: &Db,
        order: &RecordId,
        event: OrderEvent,
        now: DateTime<Utc>,
    ) -> Result<Stmts, AppError> {
        let mut v = Variables::new();
        let sql = order_postings_sql(db, order, event, now, &mut v).await?;
        let mut s = Stmts::new();
        s.bind_all(v).sql(&sql);
        Ok(s)
    }

    /// The shop's ledger listens to order events (see [`order_postings`]).
    pub struct LedgerListener;

    impl OrderListener for LedgerListener {
        fn on_order<'a>(&'a self, db: &'a Db, change: &'a OrderChange) -> Contribution<'a> {
            Box::pin(order_postings(db, &change.order, change.event, change.now))
        }
    }

    async fn order_postings_sql(
        db: &Db,
        order: &RecordId,
        event: OrderEvent,
        now: DateTime<Utc>,
        v: &mut Variables,
    ) -> Result<String, AppError> {
        if !matches!(
            event,
            OrderEvent::Paid | OrderEvent::Cancelled | OrderEvent::ReturnRefunded
        ) {
            return Ok(String::new());
        }
        let mut res = db
            .query(
                "SELECT shop, currency, subtotal_minor, shipping_minor, discount_minor FROM $o;\n\
                 SELECT product, title, unit_price_minor, quantity, product.category AS category FROM order_line WHERE shop_order = $o;",
            )
            .bind(("o", order.clone()))
            .await?
            .check()?;
        let orders: Vec<OrderMoney> = res.take(0)?;
        let lines: Vec<LineMoney> = res.take(1)?;
        let Some(o) = orders.into_iter().next() else {
            return Ok(String::new());
        };
        let key = key_of(order);
        let day = day_of(now);
        v.insert("l_shop_key", key_of(&o.shop));
        v.insert("l_day_text", day.clone());
        if event == OrderEvent::Paid {
            let total = o.subtotal_minor + o.shipping_minor - o.discount_minor.unwrap_or(0);
            let commission = commission_of(db, &o, &lines).await?;
            let txn = ledger::sale(total, commission.min(total))
                .map_err(|e| internal("sale posting", e))?;
            let meta = Meta {
                txn_id: format!("sale:{key}"),
                shop: &o.shop,
                currency: &o.currency,
                order: Some(order),
                memo: None,
                actor: None,
            };
            let mut sql = write_txn(&txn, meta, v);
            sql.push_str(
                "UPSERT type::record('shop_day', [$l_shop_key, $l_day_text]) SET shop = $l_shop, day = $l_day_text, orders = (orders ?? 0) + 1, sales_minor = (sales_minor ?? 0) + $l_sales;\n\
                 FOR $l IN $l_lines {\n\
                   UPSERT type::record('product_day', [$l.key, $l_day_text]) SET product = type::record('product', $l.key), shop = $l_shop, day = $l_day_text, \
                     units = (units ?? 0) + $l.units, sales_minor = (sales_minor ?? 0) + $l.sales;\n\
                   LET $st = type::record('stock', $l.key);\n\
                   IF $st.on_hand - $st.reserved <= $st.low_stock_threshold {\n\
                     CREATE outbox SET recipient = $l_shop.owner, kind = 'low_stock', subject = 'Low stock · 庫存偏低', \
                       body = $l.title, link = '/seller/listings/' + $l.key, created_at = $now;\n\
                   };\n\
                 };\n",
            );
            let per_line: Vec<serde_json::Value> = lines
                .iter()
                .map(|l| serde_json::json!({ "key": key_of(&l.product), "units": l.quantity, "sales": l.unit_price_minor * l.quantity, "title": l.title }))
                .collect();
            v.insert("l_lines", per_line);
            return Ok(sql);
        }
        let posted = posted(db, order).await?;
        let Some((left, released, n)) = left_of(&posted) else {
            return Ok(String::new());
        };
        if left.total_minor <= 0 {
            return Ok(String::new());
        }
        refund_sql(
            order,
            &o.shop,
            &o.currency,
            left,
            released,
            n,
            left.total_minor,
            None,
            v,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn refund_sql(
        order: &RecordId,
        shop: &RecordId,
        currency: &str,
        left: SaleLeft,
        released: bool,
        n: usize,
        amount: i64,
        actor: Option<&RecordId>,
        v: &mut Variables,
    ) -> Result<String, AppError> {
        let txn = ledger::refund(amount, left, released).map_err(|_| {
            AppError::Invalid(vec![domain::FieldError::new(
                "amount",
                domain::FieldErrorCode::InvalidPrice,
            )])
        })?;
        let mut sql = write_txn(
            &txn,
            Meta {
                txn_id: format!("refund:{}:{}", key_of(order), n + 1),
                shop,
                currency,
                order: Some(order),
                memo: None,
                actor,
            },
            v,
        );
        sql.push_str("UPSERT type::record('shop_day', [$l_shop_key, $l_day_text]) SET shop = $l_shop, day = $l_day_text, sales_minor = (sales_minor ?? 0) + $l_sales;\n");
        Ok(sql)
    }

    /// A partial (or full) refund the seller issues on a paid order, through the
    /// payment provider's records: the order's payment is marked refunded when
    /// nothing is left.
    pub async fn refund_order(
        state: &AppState,
        user: &SessionUser,
        order_id: &str,
        amount_major: &str,
    ) -> Result<(), AppError> {
        use crate::orders::api::imp::{load_order, Viewer};
        let (row, viewer) = load_order(state, user, order_id).await?;
        if viewer != Viewer::Seller {
            return Err(AppError::NotFound);
        }
        let db = &state.db;
        let posted = posted(db, &row.id).await?;
        let Some((left, released, n)) = left_of(&posted) else {
            return Err(AppError::Order(domain::order::OrderError::WrongState));
        };
        let currency = domain::Currency::parse(&row.currency).unwrap_or_default();
        let Some(amount) =
            domain::Money::parse_major(amount_major, currency).filter(|m| m.amount_minor > 0)
        else {
            return Err(AppError::Invalid(vec![domain::FieldError::new(
                "amount",
                domain::FieldErrorCode::InvalidPrice,
            )]));
        };
        if amount.amount_minor > left.total_minor {
            return Err(AppError::Invalid(vec![domain::FieldError::new(
                "amount",
                domain::FieldErrorCode::InvalidPrice,
            )]));
        }
        // card payments go back through Stripe first; nothing is written if it refuses
        let note = if row.provider.as_deref() == Some("stripe") {
            let id = crate::orders::payments::stripe_refund(
                state,
                &row.checkout,
                &row.id,
                n + 1,
                amount,
            )
            .await?;
            format!("refund {} · {id}", amount.format())
        } else {
            format!("refund {}", amount.format())
        };
        let now = state.now();
        let full = amount.amount_minor == left.total_minor;
        let mut tx = Tx::new();
        tx.bind("now", now).bind("order", row.id.clone());
        let mut v = Variables::new();
        v.insert("left", left.total_minor);
        v.insert("l_shop_key", key_of(&row.shop));
        v.insert("l_day_text", day_of(now));
        v.insert("note", note);
        v.insert("actor", user.id.clone());
        v.insert("full", full);
        v.insert("kind", OrderEvent::RefundedPartially.as_str().to_string());
        let ledger = refund_sql(
            &row.id,
            &row.shop,
            &row.currency,
            left,
            released,
            n,
            amount.amount_minor,
            Some(&user.id),
            &mut v,
        )?;
        let mut s = Stmts::new();
        s.bind_all(v)
            // the sale must still have this much left (a concurrent refund would change it)
            .sql("LET $now_left = math::sum((SELECT VALUE amount_minor FROM ledger_entry WHERE shop_order = $order AND account = 'clearing'))")
            .refuse_if("$now_left != $left", Refusal::WrongState)
            .sql(
                "CREATE order_event SET shop_order = $order, kind = $kind, note = $note, actor = $actor, at = $now;\n\
                 IF $full { UPDATE $order SET payment_status = 'refunded', updated_at = $now; UPDATE payment SET status = 'refunded' WHERE shop_order = $order };",
            )
            .sql(&ledger);
        tx.add(s);
        if full {
            // refunded in full: the sharing reward on it is reversed, credit spent returned
            let change = OrderChange {
                order: row.id.clone(),
                event: OrderEvent::Refunded,
                now,
            };
            state.listeners.order_changed(db, &change, &mut tx).await?;
        }
        match tx.run(db).await? {
            Ok(()) => Ok(()),
            Err(_) => Err(AppError::Order(domain::order::OrderError::WrongState)),
        }
    }

    /// Releases the pending money of orders delivered more than the return window ago
    /// with no return open. Returns how many orders were settled.
    pub async fn settle_due(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
        let db = &state.db;
        #[derive(SurrealValue)]
        struct Due {
            id: RecordId,
            shop: RecordId,
            currency: String,
        }
        let cutoff = now - Duration::days(RETURN_WINDOW_DAYS);
        let mut res = db
            .query(
                "SELECT id, shop, currency FROM shop_order WHERE settled_at = NONE AND delivered_at >= $epoch \
                   AND delivered_at < $cutoff AND payment_status IN ['paid', 'refunded'] LIMIT 500",
            )
            .bind(("epoch", DateTime::<Utc>::UNIX_EPOCH))
            .bind(("cutoff", cutoff))
            .await?
            .check()?;
        let due: Vec<Due> = res.take(0)?;
        let mut settled = 0;
        for d in due {
            let posted = posted(db, &d.id).await?;
            let net = -sum(&posted, Account::ShopPending);
            let mut tx = Tx::new();
            tx.bind("now", now).bind("order", d.id.clone());
            let mut v = Variables::new();
            v.insert("ret", crate::orders::store::return_id(&d.id));
            let mut s = Stmts::new();
            s.refuse_if(
                "record::exists($ret) AND $ret.status = 'requested'",
                Refusal::ReturnOpen,
            )
            .sql("LET $moved = (UPDATE $order SET settled_at = $now WHERE settled_at = NONE RETURN VALUE id)")
            .refuse_if("array::len($moved) = 0", Refusal::WrongState);
            if net > 0 {
                s.sql(&write_txn(
                    &ledger::release(net),
                    Meta {
                        txn_id: format!("release:{}", key_of(&d.id)),
                        shop: &d.shop,
                        currency: &d.currency,
                        order: Some(&d.id),
                        memo: None,
                        actor: None,
                    },
                    &mut v,
                ));
            }
            s.bind_all(v);
            tx.add(s);
            let change = OrderChange {
                order: d.id.clone(),
                event: OrderEvent::Settled,
                now,
            };
            state.listeners.order_changed(db, &change, &mut tx).await?;
            if tx.run(db).await?.is_ok() {
                settled += 1;
            }
        }
        // rewards that became available (or were reversed) are charged to (or given back
        // to) the shop that funded them
        charge_shop_rewards(db, now).await?;
        Ok(settled)
    }

    /// Sharing rewards of a shop's own campaign are charged to the shop once they become
    /// available (an adjustment on its ledger, "Sharing reward"), and given back if the
    /// reward is reversed after that. Each is its own transaction, guarded by the reward's
    /// `charged` flag; returns how many were posted.
    pub async fn charge_shop_rewards(db: &Db, now: DateTime<Utc>) -> Result<usize, AppError> {
        #[derive(SurrealValue)]
        struct Due {
            id: RecordId,
            funder: RecordId,
            currency: String,
            amount_minor: i64,
            shop_order: RecordId,
            status: String,
        }
        let mut res = db
            .query(
                "SELECT id, funder, currency, amount_minor, shop_order, status FROM referral_reward \
                   WHERE charged = false AND status = 'available' LIMIT 200;\n\
                 SELECT id, funder, currency, amount_minor, shop_order, status FROM referral_reward \
                   WHERE charged = true AND status = 'reversed' LIMIT 200;",
            )
            .await?
            .check()?;
        let mut due: Vec<Due> = res.take(0)?;
        due.extend(res.take::<Vec<Due>>(1)?);
        let mut posted = 0;
        for d in due {
            let charge = d.status == "available";
            let (amount, txn_id, from, to) = if charge {
                (
                    -d.amount_minor,
                    format!("reward:{}", key_of(&d.id)),
                    false,
                    true,
                )
            } else {
                (
                    d.amount_minor,
                    format!("reward-back:{}", key_of(&d.id)),
                    true,
                    false,
                )
            };
            let txn = ledger::adjustment(amount).map_err(|e| internal("reward charge", e))?;
            let mut v = Variables::new();
            v.insert("reward", d.id.clone());
            v.insert("from", from);
            v.insert("to", to);
            v.insert("status", d.status.clone());
            let mut s = Stmts::new();
            s.sql("LET $m = (UPDATE $reward SET charged = $to WHERE charged = $from AND status = $status RETURN VALUE id)")
                .refuse_if("array::len($m) = 0", Refusal::Changed);
            s.sql(&write_txn(
                &txn,
                Meta {
                    txn_id,
                    shop: &d.funder,
                    currency: &d.currency,
                    order: Some(&d.shop_order),
                    memo: Some(if charge {
                        "Sharing reward · 分享獎勵"
                    } else {
                        "Sharing reward reversed · 分享獎勵撤回"
                    }),
                    actor: None,
                },
                &mut v,
            ));
            s.bind_all(v);
            let mut tx = Tx::new();
            tx.bind("now", now).add(s);
            if tx.run(db).await?.is_ok() {
                posted += 1;
            }
        }
        Ok(posted)
    }

    /// Records a payout to a shop (a bank transfer made by hand, or a Stripe payout),
    /// never more than its available balance. Admins only (checked by the caller).
    pub async fn record_payout(
        state: &AppState,
        admin: &SessionUser,
        shop_slug: &str,
        amount_major: &str,
        reference: &str,
    ) -> Result<(), AppError> {
        let db = &state.db;
        if !crate::state::is_record_key(shop_slug) {
            return Err(AppError::NotFound);
        }
        let shop = RecordId::new("shop", shop_slug);
        let mut res = db
            .query("SELECT VALUE currency FROM $shop; SELECT VALUE available_minor FROM $bal;")
            .bind(("shop", shop.clone()))
            .bind(("bal", RecordId::new("shop_balance", shop_slug)))
            .await?
            .check()?;
        let currency: Vec<String> = res.take(0)?;
        let available: Vec<i64> = res.take(1)?;
        let Some(currency) = currency.into_iter().next() else {
            return Err(AppError::NotFound);
        };
        let available = available.first().copied().unwrap_or(0);
        let c = domain::Currency::parse(&currency).unwrap_or_default();
        let bad = |code| AppError::Invalid(vec![domain::FieldError::new("amount", code)]);
        let amount = domain::Money::parse_major(amount_major, c)
            .ok_or(bad(domain::FieldErrorCode::InvalidPrice))?;
        let reference = reference.trim();
        if reference.is_empty() || reference.chars().count() > 80 {
            return Err(AppError::Invalid(vec![domain::FieldError::new(
                "reference",
                domain::FieldErrorCode::Required,
            )]));
        }
        let txn = ledger::payout(amount.amount_minor, available).map_err(|e| match e {
            ledger::LedgerError::ExceedsAvailable => bad(domain::FieldErrorCode::InvalidNumber),
            _ => bad(domain::FieldErrorCode::InvalidPrice),
        })?;
        let mut v = Variables::new();
        let now = state.now();
        v.insert("amount", amount.amount_minor);
        v.insert("reference", reference.to_string());
        let id = format!("payout:{}", &crate::accounts::session::random_token()[..20]);
        let meta = Meta {
            txn_id: id,
            shop: &shop,
            currency: &currency,
            order: None,
            memo: Some(reference),
            actor: Some(&admin.id),
        };
        let ledger = write_txn(&txn, meta, &mut v);
        let mut s = Stmts::new();
        s.bind_all(v)
            .refuse_if(
                "($l_balance.available_minor ?? 0) < $amount",
                Refusal::ExceedsBalance,
            )
            .sql(&ledger)
            .audit(
                Audit::new(
                    Some(&admin.id),
                    AuditAction::ShopPayout,
                    format!("shop:{shop_slug}"),
                    now,
                )
                .detail(serde_json::json!({ "amount_minor": amount.amount_minor, "reference": reference })),
            )
            .sql(
                "CREATE outbox SET recipient = $l_shop.owner, kind = 'payout', \
                 subject = 'Payout sent · 已撥款', body = $reference, link = '/seller/money', created_at = $now",
            );
        let mut tx = Tx::new();
        tx.bind("now", now).add(s);
        match tx.run(db).await? {
            Ok(()) => Ok(()),
            Err(_) => Err(bad(domain::FieldErrorCode::InvalidNumber)),
        }
    }

    /// `•••• 6789`: only the last four characters of an account number.
    pub fn mask(number: &str) -> String {
        let tail: String = number
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("•••• {tail}")
    }

    /// Checks and saves where the caller's manual payouts go.
    pub async fn save_payout_account(
        state: &AppState,
        user: &SessionUser,
        holder: &str,
        bank_name: &str,
        bank_code: &str,
        account_number: &str,
    ) -> Result<(), AppError> {
        use domain::{FieldError, FieldErrorCode};
        let shop = crate::ctx::shop_of(&state.db, user).await?;
        let mut errors = Vec::new();
        use crate::sellers::onboarding::imp::text;
        let holder = text(&mut errors, "holder", holder, 80, true).unwrap_or_default();
        let bank_name = text(&mut errors, "bank_name", bank_name, 80, true).unwrap_or_default();
        let code = bank_code.trim().to_ascii_uppercase();
        if !(3..=11).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            errors.push(FieldError::new("bank_code", FieldErrorCode::InvalidChoice));
        }
        let number: String = account_number
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .collect::<String>()
            .to_ascii_uppercase();
        if !(6..=34).contains(&number.len()) || !number.chars().all(|c| c.is_ascii_alphanumeric()) {
            errors.push(FieldError::new(
                "account_number",
                FieldErrorCode::InvalidNumber,
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        state
            .db
            .query(
                "UPSERT $acct SET shop = $shop, holder = $holder, bank_name = $bank, bank_code = $code, account_number = $number, updated_at = $now;\n\
                 CREATE audit_log SET actor = $user, action = 'shop.payout_account', subject = $subject, detail = { masked: $masked }, at = $now;",
            )
            .bind(("acct", RecordId::new("payout_account", key_of(&shop.id).as_str())))
            .bind(("shop", shop.id.clone()))
            .bind(("holder", holder))
            .bind(("bank", bank_name))
            .bind(("code", code))
            .bind(("masked", mask(&number)))
            .bind(("number", number))
            .bind(("user", user.id.clone()))
            .bind(("subject", format!("shop:{}", key_of(&shop.id))))
            .bind(("now", state.now()))
            .await?
            .check()?;
        Ok(())
    }

    async fn payout_account_of(
        db: &Db,
        shop: &RecordId,
    ) -> Result<(Option<super::PayoutAccount>, bool), AppError> {
        #[derive(SurrealValue)]
        struct A {
            holder: String,
            bank_name: String,
            bank_code: String,
            account_number: String,
        }
        let mut res = db
            .query("SELECT holder, bank_name, bank_code, account_number FROM $acct; SELECT VALUE stripe_account FROM $shop;")
            .bind(("acct", RecordId::new("payout_account", key_of(shop).as_str())))
            .bind(("shop", shop.clone()))
            .await?
            .check()?;
        let rows: Vec<A> = res.take(0)?;
        let stripe: Vec<Option<String>> = res.take(1)?;
        Ok((
            rows.into_iter().next().map(|a| super::PayoutAccount {
                account_masked: mask(&a.account_number),
                holder: a.holder,
                bank_name: a.bank_name,
                bank_code: a.bank_code,
            }),
            stripe.into_iter().flatten().next().is_some(),
        ))
    }

    #[derive(SurrealValue)]
    struct EntryRow {
        at: DateTime<Utc>,
        kind: String,
        account: String,
        amount_minor: i64,
        shop_order: Option<RecordId>,
        number: Option<String>,
        memo: Option<String>,
    }

    pub async fn balances_of(db: &Db, shop: &RecordId) -> Result<Balances, AppError> {
        #[derive(SurrealValue)]
        struct B {
            pending_minor: i64,
            available_minor: i64,
            paid_out_minor: i64,
            commission_minor: i64,
            sales_minor: i64,
        }
        let mut res = db
            .query("SELECT pending_minor, available_minor, paid_out_minor, commission_minor, sales_minor FROM $b")
            .bind(("b", RecordId::new("shop_balance", key_of(shop).as_str())))
            .await?
            .check()?;
        let rows: Vec<B> = res.take(0)?;
        Ok(rows
            .first()
            .map(|b| Balances {
                pending_minor: b.pending_minor,
                available_minor: b.available_minor,
                paid_out_minor: b.paid_out_minor,
                commission_minor: b.commission_minor,
                sales_minor: b.sales_minor,
            })
            .unwrap_or_default())
    }

    /// The caller's shop's balances and its latest postings to the shop's own
    /// accounts (at most `limit`; the statement download has all).
    pub async fn shop_money(
        state: &AppState,
        user: &SessionUser,
        limit: usize,
    ) -> Result<ShopMoney, AppError> {
        let db = &state.db;
        let shop = crate::ctx::shop_of(db, user).await?;
        let balances = balances_of(db, &shop.id).await?;
        let mut res = db
            .query(
                "SELECT at, kind, account, amount_minor, shop_order, shop_order.number AS number, memo FROM ledger_entry \
                 WHERE shop = $shop AND account IN ['shop_pending', 'shop_available'] ORDER BY at DESC LIMIT $limit",
            )
            .bind(("shop", shop.id.clone()))
            .bind(("limit", limit as i64))
            .await?
            .check()?;
        let rows: Vec<EntryRow> = res.take(0)?;
        let (payout_account, stripe_connected) = payout_account_of(db, &shop.id).await?;
        Ok(ShopMoney {
            payout_account,
            stripe_connected,
            stripe_available: state.settings.stripe.is_some(),
            currency: shop.currency.clone(),
            balances,
            return_window_days: RETURN_WINDOW_DAYS,
            lines: rows
                .into_iter()
                .map(|r| LedgerLine {
                    at: r.at.timestamp(),
                    kind: r.kind,
                    account: r.account,
                    // credit-normal: a credit to the shop's account is money owed to it
                    amount_minor: -r.amount_minor,
                    order_id: r.shop_order.as_ref().map(key_of),
                    order_number: r.number,
                    memo: r.memo,
                })
                .collect(),
        })
    }

    /// The statement as CSV (date, type, account, order, amount, memo), newest first.
    pub async fn statement_csv(state: &AppState, user: &SessionUser) -> Result<String, AppError> {
        let money = shop_money(state, user, 100_000).await?;
        let c = domain::Currency::parse(&money.currency).unwrap_or_default();
        let mut out = String::from("date,type,account,order,amount,currency,memo\n");
        for l in money.lines {
            let when = chrono::DateTime::from_timestamp(l.at, 0)
                .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_default();
            out.push_str(&format!(
                "{when},{},{},{},{},{},{}\n",
                l.kind,
                l.account,
                csv_field(&l.order_number.unwrap_or_default()),
                domain::Money::new(l.amount_minor, c).decimal_string(),
                money.currency,
                csv_field(&l.memo.unwrap_or_default()),
            ));
        }
        Ok(out)
    }

    /// A CSV field, quoted when needed; a leading `=`, `+`, `-` or `@` is escaped so
    /// spreadsheets do not run it as a formula.
    pub fn csv_field(s: &str) -> String {
        let s = if s.starts_with(['=', '+', '-', '@']) {
            format!("'{s}")
        } else {
            s.to_string()
        };
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn csv_fields_are_quoted_and_formulas_defused() {
            assert_eq!(super::csv_field("plain"), "plain");
            assert_eq!(super::csv_field("a,b"), "\"a,b\"");
            assert_eq!(super::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
            assert_eq!(super::csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        }
    }
}

#[server(endpoint = "shop_money")]
pub async fn get_shop_money() -> Result<ShopMoney, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Seller).await?;
            imp::shop_money(&state, &user, 200).await
        }
        .await,
    )
}

/// The seller refunds `amount` (major units, the order's currency) of a paid order.
#[server(endpoint = "refund_order")]
pub async fn refund_order(id: String, #[server(default)] amount: String) -> Result<(), AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Seller).await?;
            imp::refund_order(&state, &user, &id, &amount).await
        }
        .await,
    )
}

/// An admin records a payout sent to a shop.
#[server(endpoint = "record_payout")]
pub async fn record_payout(
    shop: String,
    #[server(default)] amount: String,
    #[server(default)] reference: String,
) -> Result<(), AppError> {
    crate::error::respond(
        async {
            let user = crate::accounts::session::require_role(domain::Role::Admin).await?;
            let state = crate::state::app_state()?;
            imp::record_payout(&state, &user, &shop, &amount, &reference).await
        }
        .await,
    )
}

/// Where the caller's manual payouts go.
#[server(endpoint = "save_payout_account")]
pub async fn save_payout_account(
    #[server(default)] holder: String,
    #[server(default)] bank_name: String,
    #[server(default)] bank_code: String,
    #[server(default)] account_number: String,
) -> Result<(), AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Seller).await?;
            imp::save_payout_account(
                &state,
                &user,
                &holder,
                &bank_name,
                &bank_code,
                &account_number,
            )
            .await
        }
        .await,
    )
}

/// Stripe Connect Express onboarding: returns the link to Stripe's onboarding pages.
#[server(endpoint = "connect_stripe")]
pub async fn connect_stripe() -> Result<String, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Seller).await?;
            crate::orders::payments::connect_onboarding(&state, &user).await
        }
        .await,
    )
}
