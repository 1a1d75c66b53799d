//! The seller centre's reviews: the list, the count awaiting a reply, and the reply.

use backend::db::Tx;
use backend::notify::Notice;
use domain::review;

use super::*;
use crate::error::internal;
use crate::state::key_of;

pub async fn seller_list(
    state: &AppState,
    user: &SessionUser,
    filter: &str,
    pages: usize,
) -> Result<SellerReviewList, AppError> {
    let shop = crate::ctx::shop_of(&state.db, user).await?;
    let mut rows = store::shop_reviews(
        &state.db,
        shop.id.clone(),
        filter,
        (pages * SELLER_PAGE + 1) as i64,
    )
    .await?;
    let has_more = rows.len() > pages * SELLER_PAGE;
    rows.truncate(pages * SELLER_PAGE);
    Ok(SellerReviewList {
        shop_summary: summary_of(&shop_aggregate(&state.db, &shop.id).await?),
        needs_reply: awaiting_reply(&state.db, &shop.id).await?,
        has_more,
        reviews: rows
            .into_iter()
            .map(|r| SellerReview {
                key: key_of(&r.id),
                product_key: key_of(&r.product),
                product_title: r.product_title.unwrap_or_default(),
                rating: r.rating.clamp(1, 5) as u8,
                title: r.title,
                body: r.body,
                author: r.author_name,
                created_at: r.created_at.timestamp(),
                photos: r.photos.iter().map(|k| photo_pair(k)).collect(),
                reply: r.reply,
            })
            .collect(),
    })
}

/// Reviews of `shop` awaiting the seller's reply (the dashboard's count).
pub async fn awaiting_reply(db: &Db, shop: &RecordId) -> Result<i64, AppError> {
    let n = store::count_awaiting_reply(db, shop).await?;
    Ok(n.unwrap_or(0))
}

/// The seller's one public reply to a review of their shop (editing replaces it).
pub async fn reply(
    state: &AppState,
    user: &SessionUser,
    key: &ReviewKey,
    text: &str,
) -> Result<(), AppError> {
    let shop = crate::ctx::shop_of(&state.db, user).await?;
    let t = target(&state.db, key).await?;
    if t.shop != shop.id || t.status != "published" {
        return Err(AppError::NotFound);
    }
    let mut errs = Vec::new();
    let text = crate::error::bounded_text(text, "reply", 1, review::MAX_REPLY, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let mail = Notice::ReviewReplied {
        product: key_of(&t.product),
        review: key.to_string(),
        reply: text.clone(),
    }
    .render();
    let s = store::reply_to_review(t.id, text, t.author, mail);
    let mut tx = Tx::new();
    tx.bind("now", state.now()).add(s);
    tx.run(&state.db).await?.map_err(|e| internal("reply", e))?;
    Ok(())
}
