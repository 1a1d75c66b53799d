//! Payouts to shops, recorded by admins, and where a shop's manual payouts go.

use backend::db::{Audit, AuditAction, Tx};
use domain::keys::ShopSlug;
use domain::ledger;
use surrealdb::types::RecordId;

use crate::accounts::session::SessionUser;
use crate::error::AppError;
use crate::sellers::money::PayoutAccount;
use crate::sellers::money_store::{self as store, Meta, NewPayoutAccount};
use crate::state::{AppState, Db};

/// Records a payout to a shop (a bank transfer made by hand, or a Stripe payout),
/// never more than its available balance. Admins only (checked by the caller).
pub async fn record_payout(
    state: &AppState,
    admin: &SessionUser,
    shop_slug: &ShopSlug,
    amount_major: &str,
    reference: &str,
) -> Result<(), AppError> {
    let db = &state.db;
    let shop = crate::state::record(shop_slug);
    let (currency, available) =
        store::currency_and_available(db, &shop, shop_slug.as_str()).await?;
    let Some(currency) = currency else {
        return Err(AppError::NotFound);
    };
    let available = available.unwrap_or(0);
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
    let now = state.now();
    let id = format!("payout:{}", &crate::accounts::session::random_token()[..20]);
    let meta = Meta {
        txn_id: id,
        shop: &shop,
        currency: &currency,
        order: None,
        memo: Some(reference),
        actor: Some(&admin.id),
    };
    let audit = Audit::new(
        Some(&admin.id),
        AuditAction::ShopPayout,
        format!("shop:{shop_slug}"),
        now,
    )
    .detail(serde_json::json!({ "amount_minor": amount.amount_minor, "reference": reference }));
    let s = store::payout_part(
        amount.amount_minor,
        reference.to_string(),
        &txn,
        meta,
        audit,
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
    // a suspended or closed shop's money stays where it is sent today
    let shop = crate::ctx::open_shop_of(&state.db, user).await?;
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
    store::save_payout_account(
        &state.db,
        NewPayoutAccount {
            shop: &shop.id,
            holder,
            bank_name,
            code,
            masked: mask(&number),
            number,
            user: &user.id,
            now: state.now(),
        },
    )
    .await?;
    Ok(())
}

/// The shop's payout account (masked) and whether it has connected Stripe.
pub(super) async fn payout_account_of(
    db: &Db,
    shop: &RecordId,
) -> Result<(Option<PayoutAccount>, bool), AppError> {
    let (row, stripe) = store::payout_account_of(db, shop).await?;
    Ok((
        row.map(|a| PayoutAccount {
            account_masked: mask(&a.account_number),
            holder: a.holder,
            bank_name: a.bank_name,
            bank_code: a.bank_code,
        }),
        stripe.is_some(),
    ))
}
