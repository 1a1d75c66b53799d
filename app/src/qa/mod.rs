//! Product questions and answers: public on the product page (searchable), asked by
//! signed-in shoppers, answered by the product's seller (also from the seller centre's
//! question list) or by shoppers who bought it; held for a moderator when the review
//! checks find profanity or contact details, and the asker is mailed when an answer is
//! published.
//!
//! Rules are in `domain::qa`; server functions in `api`, the server-side logic in
//! `imp`, the queries in `store`; pages in `views`.

use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub mod api;
pub mod views;

#[cfg(feature = "ssr")]
pub mod imp;
#[cfg(feature = "ssr")]
pub use backend::qa::store;

pub use api::*;

/// One answer as its reader sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    pub key: String,
    pub body: String,
    /// `seller` or `buyer`.
    pub by: String,
    pub author: String,
    pub created_at: i64,
    /// Waiting for a moderator (only its author sees it).
    pub held: bool,
}

/// One question with its answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub key: String,
    pub body: String,
    pub asker: String,
    pub created_at: i64,
    /// Waiting for a moderator (only its asker sees it).
    pub held: bool,
    pub answers: Vec<AnswerView>,
}

/// The product page's questions block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QaPage {
    pub questions: Vec<QuestionView>,
    /// Questions matching the search.
    pub matching: usize,
    /// Published questions in all.
    pub total: usize,
    pub has_more: bool,
    pub signed_in: bool,
    /// The reader may ask (signed in, not the product's seller).
    pub can_ask: bool,
    /// The reader may answer, and as whom (`seller`, `buyer`).
    pub answer_as: Option<String>,
}

/// A question in the seller centre.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerQuestion {
    pub key: String,
    pub product_key: String,
    pub product_title: String,
    pub body: String,
    pub asker: String,
    pub created_at: i64,
    pub answered: bool,
    pub answers: Vec<AnswerView>,
}

/// The seller centre's questions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerQuestionList {
    /// `unanswered` (default) or `all`.
    pub filter: String,
    pub unanswered: i64,
    pub questions: Vec<SellerQuestion>,
}

/// A held question or answer for moderators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModQa {
    /// The question's key (an answer's question).
    pub question_key: String,
    /// The answer's key, for an answer.
    pub answer_key: Option<String>,
    pub product_key: String,
    pub product_title: String,
    /// The question (for an answer: the question it answers).
    pub question: String,
    /// The answer's text, for an answer.
    pub answer: Option<String>,
    pub author: String,
    pub flags: Vec<String>,
    pub created_at: i64,
}
