//! The application's server functions: the applicant's own application, saving and
//! submitting it; moderators' list, review and decisions; the auto-approve switch.

// server functions take one argument per form field
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
use domain::onboarding::ApplicationStatus;
#[cfg(feature = "ssr")]
use domain::Role;
use leptos::prelude::*;

use super::{Application, ApplicationList};
use crate::error::AppError;

#[server(endpoint = "my_application")]
pub async fn get_my_application() -> Result<Option<Application>, AppError> {
    super::imp::my_application(&Ctx::user().await?).await
}

/// Saves the caller's application as a draft.
#[server(endpoint = "save_application")]
pub async fn save_application(
    #[server(default)] shop_name: String,
    #[server(default)] shop_slug: String,
    #[server(default)] business_type: String,
    #[server(default)] legal_name: String,
    #[server(default)] registration_number: String,
    #[server(default)] address: String,
    #[server(default)] country: String,
    #[server(default)] payout_currency: String,
    #[server(default)] contact_email: String,
    #[server(default)] contact_phone: String,
    #[server(default)] brand: String,
) -> Result<ApplicationStatus, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        let fields = super::ApplicationFields {
            shop_name,
            shop_slug,
            business_type,
            legal_name,
            registration_number,
            address,
            country,
            payout_currency,
            contact_email,
            contact_phone,
            brand,
        };
        super::imp::save_application(&state, &user, fields).await
    }
    .await
}

/// Submits the caller's saved application for review.
#[server(endpoint = "submit_application")]
pub async fn submit_application() -> Result<ApplicationStatus, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        super::imp::submit_application(&state, &user).await
    }
    .await
}

#[server(endpoint = "seller_applications")]
pub async fn get_applications(filter: String) -> Result<ApplicationList, AppError> {
    super::imp::list(&Ctx::role(Role::Moderator).await?.state, &filter).await
}

#[server(endpoint = "seller_application")]
pub async fn get_application(key: String) -> Result<Application, AppError> {
    super::imp::review(&Ctx::role(Role::Moderator).await?.state, &key).await
}

/// A moderator's decision on an application or shop.
#[server(endpoint = "decide_application")]
pub async fn decide_application(
    key: String,
    action: String,
    #[server(default)] reason: String,
) -> Result<ApplicationStatus, AppError> {
    async {
        let subject = surrealdb::types::RecordId::new("seller", key.as_str());
        let Ctx { state, user, .. } = Ctx::judge(subject).await?;
        let action = super::parse_action(&action)
            .filter(|a| {
                !matches!(
                    a,
                    domain::onboarding::ApplicationAction::Submit
                        | domain::onboarding::ApplicationAction::AutoApprove
                )
            })
            .ok_or_else(|| {
                AppError::Invalid(vec![domain::FieldError::new(
                    "action",
                    domain::FieldErrorCode::InvalidChoice,
                )])
            })?;
        super::imp::decide_as(&state, &user, &key, action, &reason).await
    }
    .await
}

/// The admin switch for auto-approving applications that pass every automatic check.
#[server(endpoint = "set_auto_approve")]
pub async fn set_auto_approve(#[server(default)] enabled: String) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Admin).await?;
        super::imp::set_auto_approve(&state, &user, enabled == "on").await
    }
    .await
}
