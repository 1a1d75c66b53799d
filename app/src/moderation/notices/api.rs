//! Notice and action's server functions: check the caller, call `imp`, return.

#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
use domain::keys::{NoticeItemKey, RightsOwnerKey};
#[cfg(feature = "ssr")]
use domain::Role;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::imp;
use super::{NoticeAdmin, RightsPage};
use crate::error::AppError;

#[server(endpoint = "rights_page")]
pub async fn get_rights_page() -> Result<RightsPage, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        imp::rights_page(&state, &user).await
    }
    .await
}

#[server(endpoint = "register_rights_owner")]
pub async fn register_rights_owner(
    #[server(default)] name: String,
    #[server(default)] brand_name: String,
    #[server(default)] registration_number: String,
    #[server(default)] jurisdiction: String,
    #[server(default)] evidence: String,
) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        imp::register(
            &state,
            &user,
            &name,
            &brand_name,
            &registration_number,
            &jurisdiction,
            &evidence,
        )
        .await
    }
    .await
}

#[server(endpoint = "update_brand")]
pub async fn update_brand(
    #[server(default)] terms: String,
    #[server(default)] authorised: String,
) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        imp::update_brand(&state, &user, &terms, &authorised).await
    }
    .await
}

#[server(endpoint = "file_notice")]
pub async fn file_notice(
    #[server(default)] listings: String,
    #[server(default)] kind: String,
    #[server(default)] evidence: String,
    #[server(default)] good_faith: String,
) -> Result<String, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        imp::file_notice(
            &state,
            &user,
            &listings,
            &kind,
            &evidence,
            good_faith == "on",
        )
        .await
    }
    .await
}

#[server(endpoint = "legal_action")]
pub async fn legal_action(
    key: NoticeItemKey,
    #[server(default)] statement: String,
) -> Result<String, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        imp::legal_action(&state, &user, &key, &statement)
            .await
            .map(|s| s.as_str().to_string())
    }
    .await
}

#[server(endpoint = "counter_notice")]
pub async fn counter_notice(
    key: NoticeItemKey,
    #[server(default)] statement: String,
    #[server(default)] good_faith: String,
) -> Result<String, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        imp::counter_notice(&state, &user, &key, &statement, good_faith == "on")
            .await
            .map(|s| s.as_str().to_string())
    }
    .await
}

#[server(endpoint = "notice_admin")]
pub async fn get_notice_admin() -> Result<NoticeAdmin, AppError> {
    async {
        let Ctx { state, .. } = Ctx::role(Role::Moderator).await?;
        imp::admin(&state).await
    }
    .await
}

#[server(endpoint = "decide_rights_owner")]
pub async fn decide_rights_owner(
    key: RightsOwnerKey,
    decision: String,
    #[server(default)] statement: String,
) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::judge(crate::state::record(&key)).await?;
        let verify = crate::error::choice("decision", &decision, "verify", "reject")?;
        imp::decide_owner(&state, &user, &key, verify, &statement).await
    }
    .await
}

#[server(endpoint = "decide_notice_item")]
pub async fn decide_notice_item(
    key: NoticeItemKey,
    decision: String,
    #[server(default)] statement: String,
) -> Result<String, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::judge(crate::state::record(&key)).await?;
        let validate = crate::error::choice("decision", &decision, "validate", "reject")?;
        imp::decide_item(&state, &user, &key, validate, &statement)
            .await
            .map(|s| s.as_str().to_string())
    }
    .await
}
