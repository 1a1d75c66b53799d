//! The product page's reviews, helpful votes and reports.

use backend::db::Tx;
use domain::FieldErrorCode;
use surrealdb::types::RecordId;

use super::*;
use crate::error::invalid;
use crate::state::key_of;

fn vote_id(review: &str, user: &RecordId) -> RecordId {
    RecordId::new("review_vote", format!("{review}|{}", key_of(user)))
}

fn report_id(review: &str, user: &RecordId) -> RecordId {
    RecordId::new("review_report", format!("{review}|{}", key_of(user)))
}

fn review_view(r: store::ReviewRow, viewer: Option<&RecordId>, voted: bool) -> ReviewView {
    ReviewView {
        key: key_of(&r.id),
        rating: r.rating.clamp(1, 5) as u8,
        title: r.title,
        body: r.body,
        lang: r.lang,
        mine: viewer == Some(&r.author),
        author: r.author_name,
        item: r.item.unwrap_or_default(),
        created_at: r.created_at.timestamp(),
        edited: r.edited_at.is_some(),
        photos: r.photos.iter().map(|k| photo_pair(k)).collect(),
        aspects: [aspect(r.quality), aspect(r.described), aspect(r.shipping)],
        helpful: r.helpful,
        voted,
        reply: r.reply,
        reply_at: r.reply_at.map(|t| t.timestamp()),
    }
}

/// The product page's reviews: the summary from the stored ratings and one indexed
/// read of the requested page (each filter and sort has its own index).
pub async fn product_page(
    state: &AppState,
    user: Option<&SessionUser>,
    product: &ProductKey,
    q: &ReviewQuery,
) -> Result<ReviewPage, AppError> {
    let pid = record(product);
    let shown = q.pages() * PAGE_SIZE;
    let filter = store::ReviewFilter {
        stars: q.stars(),
        with_photos: q.with_photos(),
        lang: q.lang(),
        sort: q.sort(),
    };
    let (agg, mut rows) = store::review_page(&state.db, pid, &filter, (shown + 1) as i64).await?;
    let Some(agg) = agg else {
        return Err(AppError::NotFound);
    };
    let has_more = rows.len() > shown;
    rows.truncate(shown);
    // which of these the viewer found helpful: direct record reads, no scan
    let voted: Vec<String> = match user {
        Some(u) if !rows.is_empty() => {
            let ids: Vec<RecordId> = rows
                .iter()
                .map(|r| vote_id(&key_of(&r.id), &u.id))
                .collect();
            store::voted_reviews(&state.db, ids).await?
        }
        _ => Vec::new(),
    };
    let viewer = user.map(|u| &u.id);
    let reviews = rows
        .into_iter()
        .map(|r| {
            let v = voted.contains(&key_of(&r.id));
            review_view(r, viewer, v)
        })
        .collect();
    Ok(ReviewPage {
        summary: summary_of(&agg),
        reviews,
        has_more,
    })
}

/// "Helpful": once per person, not on one's own review, only published reviews.
pub async fn vote(state: &AppState, user: &SessionUser, key: &ReviewKey) -> Result<i64, AppError> {
    let t = target(&state.db, key).await?;
    if t.status != "published" {
        return Err(AppError::NotFound);
    }
    if t.author == user.id {
        return Err(invalid("review", FieldErrorCode::NotAllowed));
    }
    let s = store::vote_helpful(
        vote_id(key.as_str(), &user.id),
        t.id.clone(),
        user.id.clone(),
    );
    let mut tx = Tx::new();
    tx.bind("now", state.now()).add(s);
    tx.run(&state.db)
        .await?
        .map_err(|_| invalid("review", FieldErrorCode::AlreadyDone))?;
    let n = store::helpful_count(&state.db, t.id).await?;
    Ok(n.unwrap_or(0))
}

/// A shopper reports a review (once each); moderators see it on the moderation page.
pub async fn report(
    state: &AppState,
    user: &SessionUser,
    key: &ReviewKey,
    reason: &str,
) -> Result<(), AppError> {
    if !REVIEW_REPORT_REASONS.contains(&reason) {
        return Err(invalid("reason", FieldErrorCode::InvalidChoice));
    }
    let t = target(&state.db, key).await?;
    if t.status != "published" {
        return Err(AppError::NotFound);
    }
    if t.author == user.id {
        return Err(invalid("reason", FieldErrorCode::NotAllowed));
    }
    let s = store::file_review_report(
        report_id(key.as_str(), &user.id),
        t.id,
        user.id.clone(),
        reason,
    );
    let mut tx = Tx::new();
    tx.bind("now", state.now()).add(s);
    tx.run(&state.db)
        .await?
        .map_err(|_| invalid("reason", FieldErrorCode::AlreadyDone))
}
