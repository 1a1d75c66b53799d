//! Status changes: the applicant's submission, moderators' decisions and automatic
//! approval, each one transaction with its audit entry and effects on the shop.

use backend::db::{Audit, AuditAction, Refusal, Tx};
use domain::onboarding::{
    transition, Actor, ApplicationAction, ApplicationStatus, OnboardingError,
};
use domain::{Currency, FieldError, FieldErrorCode};
use surrealdb::types::RecordId;

use super::{load, seller_id};
use crate::accounts::session::SessionUser;
use crate::error::AppError;
use crate::sellers::onboarding::action_name;
use crate::sellers::onboarding_store::{self as store, Effects, SellerRow, Transition};
use crate::state::{key_of, AppState};

pub fn onboarding_err(e: OnboardingError) -> AppError {
    match e {
        OnboardingError::MissingDocuments(kinds) => AppError::Invalid(
            kinds
                .into_iter()
                .map(|k| {
                    FieldError::new(
                        &format!("doc_{}", k.as_str()),
                        FieldErrorCode::MissingDocument,
                    )
                })
                .collect(),
        ),
        OnboardingError::ReasonRequired => {
            AppError::Invalid(vec![FieldError::new("reason", FieldErrorCode::Required)])
        }
        OnboardingError::NotAllowed => AppError::Forbidden,
        OnboardingError::WrongState => AppError::Order(domain::order::OrderError::WrongState),
    }
}

/// Moves `row` by `action`, in one transaction with its audit entry and effects:
/// approval opens (or reopens) the shop and grants the seller role; suspension and
/// termination close the shop. Refused when the row moved meanwhile.
pub(super) async fn apply(
    state: &AppState,
    row: &SellerRow,
    action: ApplicationAction,
    actor: Actor,
    actor_id: Option<&RecordId>,
    reason: Option<&str>,
) -> Result<ApplicationStatus, AppError> {
    let from = row.status();
    let to = transition(from, action, actor, reason).map_err(onboarding_err)?;
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    let slug = row.shop_slug.clone().unwrap_or_default();
    let now = state.now();
    let audit = Audit::new(
        actor_id,
        AuditAction::Seller(action_name(action)),
        format!("seller:{}", key_of(&row.id)),
        now,
    )
    .detail(serde_json::json!({ "from": from.as_str(), "to": to.as_str(), "reason": reason }));
    let currency = row
        .payout_currency
        .as_deref()
        .and_then(Currency::parse)
        .unwrap_or_default();
    let values = Transition {
        id: row.id.clone(),
        user: row.user.clone(),
        from: row.status.clone(),
        to: to.as_str().to_string(),
        reason: reason.map(str::to_string),
        shop: RecordId::new("shop", slug.as_str()),
        slug: slug.clone(),
        name: row.shop_name.clone().unwrap_or_default(),
        currency: row.payout_currency.clone().unwrap_or_else(|| "TWD".into()),
        ships: crate::sellers::onboarding::country_label(&row.country, domain::Lang::En),
        methods: domain::order::starter_shipping(currency),
    };
    let open_shop = to == ApplicationStatus::Approved;
    if open_shop && slug.is_empty() {
        return Err(AppError::Invalid(vec![FieldError::new(
            "shop_slug",
            FieldErrorCode::Required,
        )]));
    }
    let effects = Effects {
        submitted: action == ApplicationAction::Submit,
        open_shop,
        close_shop: matches!(
            to,
            ApplicationStatus::Suspended | ApplicationStatus::Terminated
        ),
    };
    let s = store::transition_part(values, audit, effects);
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    match tx.run(&state.db).await? {
        Ok(()) => Ok(to),
        Err(Refusal::SlugTaken) => Err(AppError::Invalid(vec![FieldError::new(
            "shop_slug",
            FieldErrorCode::SlugTaken,
        )])),
        Err(_) => Err(onboarding_err(OnboardingError::WrongState)),
    }
}

pub async fn decide_as(
    state: &AppState,
    moderator: &SessionUser,
    key: &str,
    action: ApplicationAction,
    reason: &str,
) -> Result<ApplicationStatus, AppError> {
    let row = load(&state.db, &seller_id(key))
        .await?
        .ok_or(AppError::NotFound)?;
    let reason = Some(reason).filter(|r| !r.trim().is_empty());
    apply(
        state,
        &row,
        action,
        Actor::Moderator,
        Some(&moderator.id),
        reason,
    )
    .await
}
