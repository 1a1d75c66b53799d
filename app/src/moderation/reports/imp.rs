use domain::keys::{ProductKey, ReportKey};
use domain::{FieldError, FieldErrorCode};

use super::*;
use crate::accounts::session::SessionUser;
use crate::moderation::store;
use crate::state::{key_of, record, AppState};
use backend::db::{Audit, AuditAction, Tx};
use surrealdb::types::ToSql;

pub async fn report(
    state: &AppState,
    user: &SessionUser,
    product: &ProductKey,
    reason: &str,
    text: &str,
) -> Result<(), AppError> {
    let mut errs = Vec::new();
    if !REPORT_REASONS.contains(&reason) {
        errs.push(FieldError::new("reason", FieldErrorCode::InvalidChoice));
    }
    let text = text.trim();
    if text.chars().count() > 2000 {
        errs.push(FieldError::new("text", FieldErrorCode::TooLong));
    }
    if reason == "other" && text.chars().count() < 10 {
        errs.push(FieldError::new("text", FieldErrorCode::Required));
    }
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let pid = record(product);
    let p = store::listing_to_report(&state.db, &pid)
        .await?
        .ok_or(AppError::NotFound)?;
    if p.status != "active" && p.status != "sold_out" {
        return Err(AppError::NotFound);
    }
    if p.owner.as_ref() == Some(&user.id) {
        return Err(AppError::Invalid(vec![FieldError::new(
            "reason",
            FieldErrorCode::NotAllowed,
        )]));
    }
    if store::already_reported(&state.db, &pid, &user.id).await? {
        return Err(AppError::Invalid(vec![FieldError::new(
            "reason",
            FieldErrorCode::AlreadyDecided,
        )]));
    }
    let now = state.now();
    let audit = Audit::on(Some(&user.id), AuditAction::ListingReported, &pid, now)
        .detail(serde_json::json!({ "reason": reason }));
    let s = store::file_report(pid, p.shop, user.id.clone(), reason, text, audit);
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    tx.run(&state.db).await?.map_err(|_| {
        AppError::Invalid(vec![FieldError::new(
            "reason",
            FieldErrorCode::AlreadyDecided,
        )])
    })
}

pub async fn open(state: &AppState) -> Result<Vec<ReportView>, AppError> {
    let rows = store::open_reports(&state.db).await?;
    let mut out: Vec<ReportView> = rows
        .into_iter()
        .map(|r| ReportView {
            key: key_of(&r.id),
            product_key: key_of(&r.product),
            product_title: r.title.unwrap_or_default(),
            shop_name: r.shop_name.unwrap_or_default(),
            reason: r.reason,
            text: r.text,
            created_at: r.created_at.timestamp(),
            reports_on_listing: 0,
        })
        .collect();
    let counts: Vec<(String, i64)> = out.iter().map(|r| r.product_key.clone()).fold(
        Vec::<(String, i64)>::new(),
        |mut acc, k| {
            match acc.iter_mut().find(|(x, _)| *x == k) {
                Some((_, n)) => *n += 1,
                None => acc.push((k, 1)),
            }
            acc
        },
    );
    for r in &mut out {
        r.reports_on_listing = counts
            .iter()
            .find(|(k, _)| *k == r.product_key)
            .map_or(1, |(_, n)| *n);
    }
    Ok(out)
}

/// `review`: the listing is held and queued as a screening case with the report as
/// its reason (all open reports on it are actioned); `dismiss`: closed.
pub async fn decide(
    state: &AppState,
    moderator: &SessionUser,
    key: &ReportKey,
    review: bool,
) -> Result<(), AppError> {
    let report = record(key);
    let product = store::reported_listing(&state.db, &report).await?;
    let Some(product) = product else {
        return Err(AppError::Invalid(vec![FieldError::new(
            "report",
            FieldErrorCode::AlreadyDecided,
        )]));
    };
    let now = state.now();
    let audit = Audit::on(
        Some(&moderator.id),
        if review {
            AuditAction::ReportReviewed
        } else {
            AuditAction::ReportDismissed
        },
        &product,
        now,
    )
    .detail(serde_json::json!({ "report": report.to_sql() }));
    let s = store::decide_report(report, review, audit);
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    let r = tx.run(&state.db).await?;
    state.catalog_cache.invalidate();
    r.map_err(|_| {
        AppError::Invalid(vec![FieldError::new(
            "report",
            FieldErrorCode::AlreadyDecided,
        )])
    })
}
