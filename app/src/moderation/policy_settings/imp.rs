use super::*;
use crate::ctx::Ctx;
use crate::moderation::store;
use crate::state::AppState;

pub async fn load(state: &AppState) -> Result<Policy, AppError> {
    let names: Vec<&str> = FIELDS.iter().map(|(n, _)| *n).collect();
    Ok(Policy {
        values: store::policy_values(&state.db, &names)
            .await?
            .unwrap_or_default(),
    })
}

pub async fn save(ctx: &Ctx, raw: Vec<String>) -> Result<(), AppError> {
    let Ctx {
        state, user: admin, ..
    } = ctx;
    let values = check(&raw).map_err(AppError::Invalid)?;
    let named: Vec<(&str, i64)> = FIELDS
        .iter()
        .map(|(name, _)| *name)
        .zip(values.iter().copied())
        .collect();
    store::save_policy(&state.db, &named, &admin.id, state.now()).await?;
    Ok(())
}
