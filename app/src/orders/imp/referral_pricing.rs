//! The checkout's referral pricing: a referred buyer's welcome discount on their first
//! order, store credit offered and spent, and the referral's statements and counts when
//! the checkout is placed. Orders ask the checkout listener (`crate::events::
//! CheckoutListener`, wired in `crate::listeners`); they never call the area behind it.

use domain::order::Address;
use domain::{Currency, Money};
use surrealdb::types::RecordId;

use backend::db::Stmts;

use super::cart_pricing::{subtotal, Priced, Promo};
use crate::accounts::session::SessionUser;
use crate::error::AppError;
use crate::events::{CheckoutReferral, OrderPart};
use crate::request::Request;
use crate::state::AppState;

pub(super) use crate::events::{PartReferral, PlacedPart};

/// The referral rules for each shop's part of the cart (welcome discount, reward).
pub(super) async fn referral_for(
    state: &AppState,
    req: &Request,
    user: &SessionUser,
    groups: &[(RecordId, Vec<&Priced>)],
    promos: &[Promo],
) -> Result<CheckoutReferral, AppError> {
    let parts: Vec<OrderPart> = groups
        .iter()
        .zip(promos)
        .map(|((shop, ls), promo)| OrderPart {
            shop: shop.clone(),
            currency: ls[0].unit.currency,
            goods_minor: subtotal(ls) - promo.saving(),
        })
        .collect();
    state
        .listeners
        .checkout
        .quote(state, req, &user.id, &parts)
        .await
}

/// The store credit the buyer can spend, in the currencies of this checkout.
pub(super) async fn spendable_credit(
    state: &AppState,
    user: &SessionUser,
    groups_raw: &[(RecordId, Vec<&Priced>)],
) -> Result<Vec<Money>, AppError> {
    let mut credit = Vec::new();
    for (cur, available) in state
        .listeners
        .checkout
        .credits(&state.db, &user.id)
        .await?
    {
        if let Some(c) = Currency::parse(&cur)
            .filter(|c| groups_raw.iter().any(|(_, ls)| ls[0].unit.currency == *c))
        {
            credit.push(Money::new(available, c));
        }
    }
    Ok(credit)
}

/// The store credit each shop's order spends (none unless the buyer asked to use it).
pub(super) async fn credit_per_order(
    state: &AppState,
    user: &SessionUser,
    groups: &[(RecordId, Vec<&Priced>)],
    promos: &[Promo],
    referral: &CheckoutReferral,
    use_credit: bool,
) -> Result<Vec<i64>, AppError> {
    // store credit: spread over the goods of the orders in its currency
    let mut credit_of: Vec<i64> = vec![0; groups.len()];
    if use_credit {
        let mut currencies: Vec<Currency> = Vec::new();
        for (_, ls) in groups {
            if !currencies.contains(&ls[0].unit.currency) {
                currencies.push(ls[0].unit.currency);
            }
        }
        for c in currencies {
            let available = state
                .listeners
                .checkout
                .available_credit(&state.db, &user.id, c.code())
                .await?;
            let idx: Vec<usize> = (0..groups.len())
                .filter(|i| groups[*i].1[0].unit.currency == c)
                .collect();
            let goods: Vec<i64> = idx
                .iter()
                .map(|i| {
                    subtotal(&groups[*i].1) - promos[*i].saving() - referral.parts[*i].welcome_minor
                })
                .collect();
            for (i, amount) in idx
                .into_iter()
                .zip(domain::order::split_credit(available, &goods))
            {
                credit_of[i] = amount;
            }
        }
    }
    Ok(credit_of)
}

/// The referral's statements in the checkout's transaction (credit spent, rewards).
pub(super) async fn referral_statements(
    state: &AppState,
    req: &Request,
    user: &SessionUser,
    referral: &CheckoutReferral,
    address: &Address,
    parts: &[PlacedPart],
) -> Result<Stmts, AppError> {
    state
        .listeners
        .checkout
        .on_place(
            state,
            req,
            &user.id,
            referral.sharer.as_ref(),
            address,
            parts,
        )
        .await
}

/// Counts the placed orders that earn the sharer a reward.
pub(super) async fn count_shared_orders(
    state: &AppState,
    referral: &CheckoutReferral,
    parts: &[PlacedPart],
) -> Result<(), AppError> {
    if let Some(sharer) = &referral.sharer {
        let n = parts.iter().filter(|p| p.referral.reward_minor > 0).count();
        state.listeners.checkout.placed(state, sharer, n).await?;
    }
    Ok(())
}
