//! Moderators' reviews: held and reported reviews, and keeping or removing one.

use backend::db::{Audit, AuditAction, Tx};
use backend::notify::Notice;
use domain::FieldErrorCode;

use super::*;
use crate::error::invalid;
use crate::state::key_of;

/// Held reviews and published reviews with open reports, oldest first.
pub async fn for_moderation(state: &AppState) -> Result<Vec<ModReview>, AppError> {
    let (mut rows, reported) = store::held_and_reported(&state.db).await?;
    rows.extend(reported);
    let ids: Vec<RecordId> = rows.iter().map(|r| r.id.clone()).collect();
    let reps = store::open_reports_of(&state.db, ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut reports: Vec<(String, i64)> = Vec::new();
            for reason in reps.iter().filter(|p| p.review == r.id).map(|p| &p.reason) {
                match reports.iter_mut().find(|(k, _)| k == reason) {
                    Some((_, n)) => *n += 1,
                    None => reports.push((reason.clone(), 1)),
                }
            }
            ModReview {
                key: key_of(&r.id),
                product_key: key_of(&r.product),
                product_title: r.product_title.unwrap_or_default(),
                shop_name: r.shop_name.unwrap_or_default(),
                status: r.status,
                rating: r.rating.clamp(1, 5) as u8,
                title: r.title,
                body: r.body,
                author: r.author_name,
                flags: r.flags,
                reports,
                photos: r.photos.iter().map(|k| photo_pair(k)).collect(),
                created_at: r.created_at.timestamp(),
            }
        })
        .collect())
}

/// `keep`: a held review is published, a reported one stays (its reports are closed);
/// otherwise the review is removed, with a reason the author is sent. Audited.
pub async fn decide(
    state: &AppState,
    moderator: &SessionUser,
    key: &ReviewKey,
    keep: bool,
    reason: &str,
) -> Result<(), AppError> {
    let mut errs = Vec::new();
    let reason =
        crate::error::bounded_text(reason, "reason", if keep { 0 } else { 10 }, 2000, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let r = store::review_to_decide(&state.db, record(key))
        .await?
        .ok_or(AppError::NotFound)?;
    let pending = r.status == "held" || (r.status == "published" && r.reports > 0);
    if !pending {
        return Err(invalid("review", FieldErrorCode::AlreadyDecided));
    }
    let counted = Counted {
        rating: r.rating.clamp(1, 5) as u8,
        photos: r.has_photos,
    };
    let was = (r.status == "published").then_some(counted);
    let now_published = keep.then_some(counted);
    let status = if keep { "published" } else { "removed" };
    let now = state.now();
    let audit = Audit::on(
        Some(&moderator.id),
        if keep {
            AuditAction::ReviewKept
        } else {
            AuditAction::ReviewRemoved
        },
        &r.id,
        now,
    )
    .detail(serde_json::json!({ "was": r.status, "reason": reason }));
    let s = store::decide_review(store::Decision {
        delta: Aggregate::delta(was, now_published),
        review: r.id.clone(),
        was: r.status.clone(),
        status: status.to_string(),
        reason: reason.clone(),
        actor: moderator.id.clone(),
        author: r.author,
        product: r.product.clone(),
        shop: r.shop,
        keep,
        mail: Notice::ReviewRemoved {
            product: key_of(&r.product),
            reason: reason.clone(),
        }
        .render(),
        audit,
    });
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    tx.run(&state.db)
        .await?
        .map_err(|_| invalid("review", FieldErrorCode::AlreadyDecided))?;
    Ok(())
}
