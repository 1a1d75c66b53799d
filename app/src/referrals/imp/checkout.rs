//! Checkout: the campaign and rewards of a referred checkout, the buyer's welcome
//! discount, and store credit spent.

use backend::db::Stmts;
use domain::order::Address;
use domain::referral::{self as rf, RewardStatus};
use surrealdb::types::RecordId;

use super::fraud::evaluate;
use super::sharing::current_referrer;
use super::store::{self, CreditInsert, RewardInsert};
use crate::error::AppError;
use crate::events::{Answer, CheckoutListener, Contribution};
pub use crate::events::{CheckoutReferral, OrderPart, PartReferral, PlacedPart};
use crate::request::Request;
use crate::state::{key_of, AppState, Db};

pub async fn for_checkout(
    state: &AppState,
    req: &Request,
    buyer: &RecordId,
    parts: &[OrderPart],
) -> Result<CheckoutReferral, AppError> {
    let none = || CheckoutReferral::none(parts.len());
    let Some(sharer) = current_referrer(state, req, buyer).await? else {
        return Ok(none());
    };
    let (campaigns, orders) = store::active_campaigns_and_orders(&state.db, buyer).await?;
    let first_order = orders == 0;
    let parts = parts
        .iter()
        .map(|p| {
            let code = p.currency.code();
            let c = campaigns
                .iter()
                .find(|c| c.shop.as_ref() == Some(&p.shop) && c.currency == code)
                .or_else(|| {
                    campaigns
                        .iter()
                        .find(|c| c.shop.is_none() && c.currency == code)
                });
            match c {
                Some(c) => {
                    let rule = c.rule();
                    let welcome = if first_order {
                        rule.welcome_minor(p.goods_minor)
                    } else {
                        0
                    };
                    PartReferral {
                        campaign: Some(c.id.clone()),
                        funder: c.shop.clone(),
                        reward_minor: rule.reward_minor(p.goods_minor - welcome),
                        welcome_minor: welcome,
                    }
                }
                None => PartReferral::default(),
            }
        })
        .collect();
    Ok(CheckoutReferral {
        sharer: Some(sharer),
        parts,
    })
}

/// The buyer's spendable credit in `currency`.
pub async fn available_credit(db: &Db, user: &RecordId, currency: &str) -> Result<i64, AppError> {
    Ok(store::available_minor(db, user, currency)
        .await?
        .unwrap_or(0))
}

/// The buyer's spendable credit in every currency.
pub async fn credits(db: &Db, user: &RecordId) -> Result<Vec<(String, i64)>, AppError> {
    let rows = store::available_balances(db, user).await?;
    Ok(rows
        .into_iter()
        .filter(|r| r.available_minor > 0)
        .map(|r| (r.currency, r.available_minor))
        .collect())
}

/// Statements for the checkout's transaction: credit spent (refused with
/// [`backend::db::Refusal::CreditChanged`] if the balance no longer covers it — a
/// concurrent checkout spent it), and the rewards of a referred checkout with the fraud
/// checks' verdict. They read `$now`.
pub async fn place_sql(
    state: &AppState,
    req: &Request,
    buyer: &RecordId,
    sharer: Option<&RecordId>,
    address: &Address,
    parts: &[PlacedPart],
) -> Result<Stmts, AppError> {
    let now = state.now();
    let mut s = store::checkout_stmts(buyer);
    // one welcome discount per buyer, whichever checkout gets there first
    if let Some(p) = parts.iter().find(|p| p.referral.welcome_minor > 0) {
        s.add(store::claim_welcome(buyer, &p.order));
    }
    // credit, one transaction per order, one balance check per currency
    let mut currencies: Vec<&str> = parts
        .iter()
        .filter(|p| p.credit_minor > 0)
        .map(|p| p.currency.as_str())
        .collect();
    currencies.sort_unstable();
    currencies.dedup();
    let mut spent_rows = Vec::new();
    for cur in &currencies {
        let total: i64 = parts
            .iter()
            .filter(|p| p.currency == *cur)
            .map(|p| p.credit_minor)
            .sum();
        s.add(store::take_credit(buyer, cur, total));
    }
    for p in parts.iter().filter(|p| p.credit_minor > 0) {
        let txn = format!("spend:{}", key_of(&p.order));
        for (a, amount) in rf::spend(p.credit_minor, p.credit_minor).unwrap_or_default() {
            spent_rows.push(CreditInsert {
                id: store::entry_id(&txn, a.as_str()),
                user: buyer.clone(),
                txn: txn.clone(),
                kind: "spent".into(),
                account: a.as_str().to_string(),
                amount_minor: amount,
                currency: p.currency.clone(),
                reward: None,
                shop_order: Some(p.order.clone()),
                at: now,
            });
        }
    }
    if !spent_rows.is_empty() {
        // the balance was taken down above: only the postings are written here
        store::insert_spent(&mut s, spent_rows);
    }
    let Some(sharer) = sharer else {
        return Ok(s);
    };
    let rewarded: Vec<&PlacedPart> = parts
        .iter()
        .filter(|p| p.referral.reward_minor > 0 && p.referral.campaign.is_some())
        .collect();
    if rewarded.is_empty() {
        return Ok(s);
    }
    let (flags, evidence) = evaluate(state, req, sharer, buyer, address).await?;
    let status = if flags.is_empty() {
        RewardStatus::AwaitingPayment
    } else {
        RewardStatus::Held
    };
    let flag_names: Vec<String> = flags.iter().map(|f| f.as_str().to_string()).collect();
    let rows: Vec<RewardInsert> = rewarded
        .iter()
        .map(|p| RewardInsert {
            id: RecordId::new("referral_reward", key_of(&p.order).as_str()),
            sharer: sharer.clone(),
            buyer: buyer.clone(),
            campaign: p.referral.campaign.clone().expect("filtered"),
            shop_order: p.order.clone(),
            currency: p.currency.clone(),
            amount_minor: p.referral.reward_minor,
            goods_minor: p.goods_minor,
            status: status.as_str().to_string(),
            paid: false,
            settled: false,
            flags: flag_names.clone(),
            evidence: evidence.clone(),
            funder: p.referral.funder.clone(),
            charged: p.referral.funder.as_ref().map(|_| false),
            created_at: now,
            updated_at: now,
        })
        .collect();
    store::insert_rewards(&mut s, rows, !flags.is_empty(), sharer);
    for p in &rewarded {
        s.add(store::count_campaign_reward(
            p.referral.campaign.clone(),
            p.goods_minor,
        ));
    }
    // an existing account referred for the first time joins the referral graph
    let edge = store::referral_edge(&state.db, sharer, buyer).await?;
    if edge.is_empty() {
        store::relate_on_order(&mut s);
    }
    Ok(s)
}

/// The checkout listener of sharing rewards: the referred buyer's welcome discount,
/// store credit, and the rewards and attribution written with the placed orders.
pub struct CheckoutPricing;

impl CheckoutListener for CheckoutPricing {
    fn quote<'a>(
        &'a self,
        state: &'a AppState,
        req: &'a Request,
        buyer: &'a RecordId,
        parts: &'a [OrderPart],
    ) -> Answer<'a, CheckoutReferral> {
        Box::pin(for_checkout(state, req, buyer, parts))
    }

    fn credits<'a>(&'a self, db: &'a Db, buyer: &'a RecordId) -> Answer<'a, Vec<(String, i64)>> {
        Box::pin(credits(db, buyer))
    }

    fn available_credit<'a>(
        &'a self,
        db: &'a Db,
        buyer: &'a RecordId,
        currency: &'a str,
    ) -> Answer<'a, i64> {
        Box::pin(available_credit(db, buyer, currency))
    }

    fn on_place<'a>(
        &'a self,
        state: &'a AppState,
        req: &'a Request,
        buyer: &'a RecordId,
        sharer: Option<&'a RecordId>,
        address: &'a Address,
        parts: &'a [PlacedPart],
    ) -> Contribution<'a> {
        Box::pin(place_sql(state, req, buyer, sharer, address, parts))
    }

    fn placed<'a>(
        &'a self,
        state: &'a AppState,
        sharer: &'a RecordId,
        rewarded: usize,
    ) -> Answer<'a, ()> {
        Box::pin(super::count_orders(state, sharer, rewarded))
    }
}
