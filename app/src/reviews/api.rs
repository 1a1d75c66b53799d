//! Reviews' server functions: check who asks, call the logic in `imp`, return.

use domain::keys::{OrderKey, OrderLineKey, ProductKey, ReviewKey};
use leptos::prelude::*;

use super::*;
#[cfg(feature = "ssr")]
use crate::ctx::{Ctx, Visitor};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use domain::Role;

#[server(endpoint = "product_reviews")]
pub async fn product_reviews(
    product: ProductKey,
    #[server(default)] query: ReviewQuery,
) -> Result<ReviewPage, AppError> {
    async {
        let Visitor { state, user, .. } = Ctx::visitor().await?;
        imp::product_page(&state, user.as_ref(), &product, &query).await
    }
    .await
}

#[server(endpoint = "vote_helpful")]
pub async fn vote_helpful(review: ReviewKey) -> Result<i64, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        imp::vote(&state, &user, &review).await
    }
    .await
}

#[server(endpoint = "report_review")]
pub async fn report_review(
    review: ReviewKey,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        imp::report(&state, &user, &review, &reason).await
    }
    .await
}

#[server(endpoint = "order_reviews")]
pub async fn order_reviews(order: OrderKey) -> Result<Vec<LineReview>, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        imp::order_lines(&state, &user, &order).await
    }
    .await
}

#[server(endpoint = "review_form")]
pub async fn review_form(order: OrderKey, line: OrderLineKey) -> Result<ReviewFormData, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        imp::form(&state, &user, &order, &line).await
    }
    .await
}

#[server(endpoint = "seller_reviews")]
pub async fn seller_reviews(
    #[server(default)] filter: String,
    #[server(default)] pages: String,
) -> Result<SellerReviewList, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        let pages = pages.parse::<usize>().unwrap_or(1).clamp(1, 50);
        imp::seller_list(&state, &user, &filter, pages).await
    }
    .await
}

#[server(endpoint = "reply_review")]
pub async fn reply_review(
    review: ReviewKey,
    #[server(default)] reply: String,
) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        imp::reply(&state, &user, &review, &reply).await
    }
    .await
}

#[server(endpoint = "moderation_reviews")]
pub async fn moderation_reviews() -> Result<Vec<ModReview>, AppError> {
    async {
        let ctx = Ctx::role(Role::Moderator).await?;
        imp::for_moderation(&ctx.state).await
    }
    .await
}

#[server(endpoint = "decide_review")]
pub async fn decide_review(
    review: ReviewKey,
    decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::judge(crate::state::record(&review)).await?;
        let keep = crate::error::choice("decision", &decision, "keep", "remove")?;
        imp::decide(&state, &user, &review, keep, &reason).await
    }
    .await
}
