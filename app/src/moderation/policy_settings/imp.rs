use domain::Role;

use super::*;
use crate::accounts::session::require_role;
use crate::moderation::store;
use crate::state::app_state;

pub async fn load() -> Result<Policy, AppError> {
    require_role(Role::Admin).await?;
    let state = app_state()?;
    let names: Vec<&str> = FIELDS.iter().map(|(n, _)| *n).collect();
    Ok(Policy {
        values: store::policy_values(&state.db, &names)
            .await?
            .unwrap_or_default(),
    })
}

pub async fn save(raw: Vec<String>) -> Result<(), AppError> {
    let admin = require_role(Role::Admin).await?;
    let state = app_state()?;
    let values = check(&raw).map_err(AppError::Invalid)?;
    let named: Vec<(&str, i64)> = FIELDS
        .iter()
        .map(|(name, _)| *name)
        .zip(values.iter().copied())
        .collect();
    store::save_policy(&state.db, &named, &admin.id, state.now()).await?;
    Ok(())
}
