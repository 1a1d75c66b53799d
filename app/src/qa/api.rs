//! Product questions' server functions: check who asks, call the logic in `imp`,
//! return.

use domain::keys::{AnswerKey, ProductKey, QuestionKey};
use leptos::prelude::*;

use super::*;
#[cfg(feature = "ssr")]
use crate::ctx::{Ctx, Visitor};
#[cfg(feature = "ssr")]
use domain::Role;

/// A product's questions matching `search` (every word, in the question or an answer),
/// `pages` pages of them.
#[server(endpoint = "product_questions")]
pub async fn product_questions(
    product: ProductKey,
    #[server(default)] search: String,
    #[server(default)] pages: String,
) -> Result<QaPage, AppError> {
    async {
        let Visitor { state, user, .. } = Ctx::visitor().await?;
        let pages = pages.parse::<usize>().unwrap_or(1).clamp(1, 50);
        imp::product_page(&state, user.as_ref(), &product, &search, pages).await
    }
    .await
}

/// Asks a question about a product: `published` or `held` for a moderator.
#[server(endpoint = "ask_question")]
pub async fn ask_question(
    product: ProductKey,
    #[server(default)] question: String,
) -> Result<String, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        imp::ask(&state, &user, &product, &question).await
    }
    .await
}

/// Answers a question (as the product's seller or as a buyer of it): `published` or
/// `held`.
#[server(endpoint = "answer_question")]
pub async fn answer_question(
    question: QuestionKey,
    #[server(default)] answer: String,
) -> Result<String, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        imp::answer(&state, &user, &question, &answer).await
    }
    .await
}

/// The seller's questions: `unanswered` (default) or `all`.
#[server(endpoint = "seller_questions")]
pub async fn seller_questions(
    #[server(default)] filter: String,
) -> Result<SellerQuestionList, AppError> {
    async {
        let ctx = Ctx::seller().await?;
        imp::seller_list(&ctx.state, &ctx.shop.id, ctx.prefs.lang, &filter).await
    }
    .await
}

/// Held questions and answers, the oldest first.
#[server(endpoint = "moderation_questions")]
pub async fn moderation_questions() -> Result<Vec<ModQa>, AppError> {
    async {
        let ctx = Ctx::role(Role::Moderator).await?;
        imp::for_moderation(&ctx.state, ctx.prefs.lang).await
    }
    .await
}

/// Publishes (`publish`) or removes (`remove`, with a reason the author is sent) a held
/// question, or one of its answers. Nobody decides about their own shop's product or
/// their own words.
#[server(endpoint = "decide_question")]
pub async fn decide_question(
    question: QuestionKey,
    #[server(default)] answer: Option<AnswerKey>,
    decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    async {
        let subject = match &answer {
            Some(a) => crate::state::record(a),
            None => crate::state::record(&question),
        };
        let Ctx { state, user, .. } = Ctx::judge(subject).await?;
        let publish = crate::error::choice("decision", &decision, "publish", "remove")?;
        imp::decide(&state, &user, &question, answer.as_ref(), publish, &reason).await
    }
    .await
}
