//! The moderation queue's server functions: check the caller, call `imp`, return.

#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
use domain::keys::CaseKey;
#[cfg(feature = "ssr")]
use domain::Role;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::imp;
use super::{CaseDetail, Queue, QueueFilter};
use crate::error::AppError;

#[server(endpoint = "moderation_queue")]
pub async fn get_moderation_queue(
    #[server(default)] filter: QueueFilter,
) -> Result<Queue, AppError> {
    async {
        let Ctx { state, .. } = Ctx::role(Role::Moderator).await?;
        imp::queue(&state, &filter).await
    }
    .await
}

#[server(endpoint = "moderation_case")]
pub async fn get_moderation_case(key: CaseKey) -> Result<CaseDetail, AppError> {
    async {
        let Ctx { state, .. } = Ctx::role(Role::Moderator).await?;
        imp::case(&state, &key).await
    }
    .await
}

/// A moderator's decision on one case.
#[server(endpoint = "decide_case")]
pub async fn decide_case(
    key: CaseKey,
    action: String,
    #[server(default)] ground: String,
    #[server(default)] statement: String,
) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::judge(crate::state::record(&key)).await?;
        let (action, ground) = imp::parse_decision(&action, &ground, &statement)?;
        imp::decide(&state, &user, &key, action, ground, &statement).await
    }
    .await
}

/// The same decision on several cases; cases decided meanwhile are skipped and counted.
/// Returns how many were decided.
#[server(endpoint = "decide_cases")]
pub async fn decide_cases(
    #[server(default)] case: Vec<String>,
    action: String,
    #[server(default)] ground: String,
    #[server(default)] statement: String,
) -> Result<usize, AppError> {
    async {
        let ctx = Ctx::role(Role::Moderator).await?;
        let (action, ground) = imp::parse_decision(&action, &ground, &statement)?;
        if case.is_empty() {
            return Err(AppError::Invalid(vec![domain::FieldError::new(
                "case",
                domain::FieldErrorCode::Required,
            )]));
        }
        let mut done = 0;
        for key in case.iter().take(100) {
            // a key that names no case is skipped, as a case decided meanwhile is
            let Ok(key) = key.parse::<CaseKey>() else {
                continue;
            };
            // a case the moderator has a stake in is skipped too
            let decided = match ctx.without_stake_in(crate::state::record(&key)).await {
                Ok(()) => {
                    imp::decide(&ctx.state, &ctx.user, &key, action, ground, &statement).await
                }
                Err(e) => Err(e),
            };
            match decided {
                Ok(()) => done += 1,
                Err(AppError::Invalid(_)) | Err(AppError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(done)
    }
    .await
}
