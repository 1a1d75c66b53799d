use domain::keys::DecisionKey;
use domain::strikes::{may_decide_appeal, sanction, Sanction};
use domain::FieldErrorCode;
use surrealdb::types::RecordId;

use super::*;
use crate::accounts::session::SessionUser;
use crate::error::{bounded_text, invalid};
use crate::moderation::queue::imp::{active_strikes, policy};
use crate::moderation::store::{self, AppealedDecision};
use crate::state::{key_of, record, AppState};
use backend::db::{Audit, AuditAction, Tx};

async fn decision(state: &AppState, key: &DecisionKey) -> Result<AppealedDecision, AppError> {
    store::appealed_decision(&state.db, &record(key))
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn file(
    state: &AppState,
    user: &SessionUser,
    key: &DecisionKey,
    text: &str,
) -> Result<(), AppError> {
    let shop = crate::ctx::shop_of(&state.db, user).await?;
    let d = decision(state, key).await?;
    if d.shop != shop.id {
        return Err(AppError::NotFound);
    }
    let mut errs = Vec::new();
    let text = bounded_text(text, "text", 20, 8000, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let now = state.now();
    let Some(until) = d.appeal_until else {
        return Err(invalid("text", FieldErrorCode::NotAllowed));
    };
    if now >= until {
        return Err(invalid("text", FieldErrorCode::WindowClosed));
    }
    // the window is the one the decision was given under (`appeal_until`, set from
    // the policy then), even if admins change the policy meanwhile
    let audit = Audit::on(Some(&user.id), AuditAction::AppealFiled, &d.id, now)
        .detail(serde_json::json!({ "text": text }));
    let s = store::file_appeal(RecordId::new("appeal", key.as_str()), &d, text, audit);
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    tx.run(&state.db)
        .await?
        .map_err(|_| invalid("text", FieldErrorCode::AlreadyDecided))
}

pub async fn open(state: &AppState, moderator: &SessionUser) -> Result<Vec<AppealView>, AppError> {
    let rows = store::open_appeals(&state.db).await?;
    Ok(rows
        .into_iter()
        .map(|r| AppealView {
            key: key_of(&r.id),
            shop_name: r.shop_name.unwrap_or_default(),
            text: r.text,
            created_at: r.created_at.timestamp(),
            decision_action: r.action.unwrap_or_default(),
            decision_statement: r.statement.unwrap_or_default(),
            product_title: r.title,
            own_decision: r.decided_by.as_ref() == Some(&moderator.id),
        })
        .collect())
}

pub async fn decide(
    state: &AppState,
    moderator: &SessionUser,
    key: &DecisionKey,
    grant: bool,
    statement: &str,
) -> Result<(), AppError> {
    let d = decision(state, key).await?;
    let original = d.decided_by.as_ref().map(key_of).unwrap_or_default();
    may_decide_appeal(&original, &key_of(&moderator.id))
        .map_err(|_| invalid("appeal", FieldErrorCode::SameModerator))?;
    if statement.trim().chars().count() < domain::strikes::MIN_STATEMENT {
        return Err(invalid("statement", FieldErrorCode::Required));
    }
    let now = state.now();
    let to = if grant { "granted" } else { "denied" };
    let statement = statement.trim().to_string();
    let audit = Audit::on(
        Some(&moderator.id),
        AuditAction::AppealDecided(to),
        &d.id,
        now,
    )
    .detail(serde_json::json!({ "statement": statement }));
    let granted = if grant {
        // the sanction the shop has once this strike no longer counts
        let p = policy(&state.db).await?;
        let active = active_strikes(&state.db, &d.shop, now).await?;
        let counted = d.strike.is_some() && active > 0;
        let after = sanction(u32::try_from(active - i64::from(counted)).unwrap_or(0), p);
        Some((after.as_str(), after < Sanction::Suspension))
    } else {
        None
    };
    let s = store::decide_appeal(
        RecordId::new("appeal", key.as_str()),
        &d,
        to,
        statement,
        &moderator.id,
        audit,
        granted,
    );
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    let r = tx.run(&state.db).await?;
    state.catalog_cache.invalidate();
    r.map_err(|_| invalid("appeal", FieldErrorCode::AlreadyDecided))
}
