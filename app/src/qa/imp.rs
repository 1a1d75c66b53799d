//! The server side of product questions. Who may ask (a signed-in shopper who does not
//! sell the product) and who may answer (its shop's owner, or a buyer with a paid
//! order of it) is decided here, once ([`answerer`]); only questions about a product on
//! the storefront are taken. The checks that publish or hold are `domain::qa`'s.

use backend::db::{Audit, AuditAction, Refusal, Tx};
use backend::notify::Notice;
use domain::keys::{AnswerKey, ProductKey, QuestionKey};
use domain::qa::{self, Answerer};
use domain::{FieldErrorCode, Lang};
use surrealdb::types::RecordId;

use super::store::{self, AnswerRow, ProductRow, QuestionRow};
use super::*;
use crate::accounts::session::SessionUser;
use crate::error::{internal, invalid};
use crate::state::{key_of, record, AppState};

/// A product on the storefront (active, in an open shop); anything else is "not found".
async fn on_storefront(state: &AppState, key: &ProductKey) -> Result<ProductRow, AppError> {
    store::product(&state.db, record(key))
        .await?
        .filter(|p| p.status == "active" && p.shop_status.as_deref() == Some("approved"))
        .ok_or(AppError::NotFound)
}

/// As whom `user` may answer questions about `p`, if at all.
async fn answerer(
    state: &AppState,
    user: &SessionUser,
    p: &ProductRow,
) -> Result<Option<Answerer>, AppError> {
    let owns = p.owner.as_ref() == Some(&user.id);
    let bought =
        !owns && store::has_bought(&state.db, user.id.clone(), p.shop.clone(), p.listing()).await?;
    Ok(Answerer::of(owns, bought))
}

/// How a person is named on the page: as reviewers are ("Shan S."), contact details
/// masked.
fn shown(name: Option<&str>) -> String {
    domain::contact::mask(&domain::review::public_name(name.unwrap_or_default())).0
}

fn title(en: Option<&str>, zh: Option<&str>, lang: Lang) -> String {
    let (en, zh) = (en.unwrap_or_default(), zh.unwrap_or_default());
    if lang == Lang::ZhHant && !zh.is_empty() {
        zh.to_string()
    } else {
        en.to_string()
    }
}

fn answer_view(a: &AnswerRow) -> AnswerView {
    AnswerView {
        key: key_of(&a.id),
        body: a.body.clone(),
        by: a.by.clone(),
        // the seller answers as the shop, not under their own name
        author: if a.by == "seller" {
            a.shop_name.clone().unwrap_or_default()
        } else {
            shown(a.author_name.as_deref())
        },
        created_at: a.created_at.timestamp(),
        held: a.status == "held",
    }
}

fn question_view(q: &QuestionRow, answers: &[AnswerRow]) -> QuestionView {
    QuestionView {
        key: key_of(&q.id),
        body: q.body.clone(),
        asker: shown(q.asker_name.as_deref()),
        created_at: q.created_at.timestamp(),
        held: q.status == "held",
        answers: answers
            .iter()
            .filter(|a| a.question == q.id)
            .map(answer_view)
            .collect(),
    }
}

pub async fn product_page(
    state: &AppState,
    user: Option<&SessionUser>,
    key: &ProductKey,
    search: &str,
    pages: usize,
) -> Result<QaPage, AppError> {
    let p = on_storefront(state, key).await?;
    let reader = user.map(|u| u.id.clone());
    let rows = store::product_questions(&state.db, p.listing(), reader.clone()).await?;
    let answers = store::answers_of(
        &state.db,
        rows.iter().map(|q| q.id.clone()).collect(),
        reader,
    )
    .await?;
    let terms = qa::terms(search);
    let matching: Vec<QuestionView> = rows
        .iter()
        .map(|q| question_view(q, &answers))
        .filter(|q| {
            qa::matches(
                &terms,
                std::iter::once(q.body.as_str()).chain(q.answers.iter().map(|a| a.body.as_str())),
            )
        })
        .collect();
    let shown = pages * qa::PAGE;
    let answer_as = match user {
        Some(u) => answerer(state, u, &p).await?.map(|a| a.code().to_string()),
        None => None,
    };
    Ok(QaPage {
        matching: matching.len(),
        total: rows.iter().filter(|q| q.status == "published").count(),
        has_more: matching.len() > shown,
        questions: matching.into_iter().take(shown).collect(),
        signed_in: user.is_some(),
        can_ask: user.is_some_and(|u| p.owner.as_ref() != Some(&u.id)),
        answer_as,
    })
}

/// Refuses a person over [`qa::POST_LIMIT`].
async fn throttle(state: &AppState, user: &SessionUser) -> Result<(), AppError> {
    let now = state.now();
    let since = now - chrono::Duration::seconds(qa::POST_LIMIT.window_secs);
    let posted = store::posted_since(&state.db, user.id.clone(), since).await?;
    crate::error::within_limit(qa::POST_LIMIT, now, &posted)
}

fn flag_codes(post: &qa::Post) -> Vec<String> {
    post.flags.iter().map(|f| f.code().to_string()).collect()
}

pub async fn ask(
    state: &AppState,
    user: &SessionUser,
    key: &ProductKey,
    text: &str,
) -> Result<String, AppError> {
    let post = qa::question(text).map_err(|e| AppError::Invalid(vec![e]))?;
    let p = on_storefront(state, key).await?;
    let owner = p.owner.clone().ok_or(AppError::NotFound)?;
    if owner == user.id {
        return Err(AppError::Forbidden);
    }
    throttle(state, user).await?;
    let mut tx = Tx::new();
    tx.add(store::ask(store::Ask {
        id: RecordId::new("product_question", crate::orders::imp::new_key()),
        product: p.listing(),
        shop: p.shop.clone(),
        asker: user.id.clone(),
        body: post.text.clone(),
        flags: flag_codes(&post),
        status: post.status(),
        now: state.now(),
        owner,
        mail: Notice::NewQuestion {
            title: p.title_en.clone(),
            text: post.text.clone(),
        }
        .render(),
    }));
    tx.run(&state.db)
        .await?
        .map_err(|e| internal("ask question", e))?;
    Ok(post.status().to_string())
}

/// A question that may be answered: published, about a product on the storefront.
async fn open_question(
    state: &AppState,
    key: &QuestionKey,
) -> Result<(QuestionRow, ProductRow), AppError> {
    let q = store::question(&state.db, record(key))
        .await?
        .filter(|q| q.status == "published")
        .ok_or(AppError::NotFound)?;
    let pk = ProductKey::parse(&key_of(&q.product)).map_err(|e| internal("product key", e))?;
    let p = on_storefront(state, &pk).await?;
    Ok((q, p))
}

pub async fn answer(
    state: &AppState,
    user: &SessionUser,
    key: &QuestionKey,
    text: &str,
) -> Result<String, AppError> {
    let post = qa::answer(text).map_err(|e| AppError::Invalid(vec![e]))?;
    let (q, p) = open_question(state, key).await?;
    let by = answerer(state, user, &p)
        .await?
        .ok_or(AppError::Forbidden)?;
    throttle(state, user).await?;
    let mut tx = Tx::new();
    tx.add(store::answer_question(store::Answer {
        id: RecordId::new("product_answer", crate::orders::imp::new_key()),
        question: q.id.clone(),
        product: p.listing(),
        author: user.id.clone(),
        by: by.code(),
        body: post.text.clone(),
        flags: flag_codes(&post),
        status: post.status(),
        now: state.now(),
        asker: q.asker.clone(),
        mail: answered_notice(&p.listing(), &p.title_en, &post.text),
    }));
    match tx.run(&state.db).await? {
        Ok(()) => Ok(post.status().to_string()),
        Err(Refusal::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(internal("answer question", e)),
    }
}

fn answered_notice(product: &RecordId, title: &str, text: &str) -> backend::notify::Rendered {
    Notice::QuestionAnswered {
        product: key_of(product),
        title: title.to_string(),
        text: text.to_string(),
    }
    .render()
}

pub async fn seller_list(
    state: &AppState,
    shop: &RecordId,
    lang: Lang,
    filter: &str,
) -> Result<SellerQuestionList, AppError> {
    let filter = if filter == "all" { "all" } else { "unanswered" };
    let rows = store::shop_questions(&state.db, shop.clone(), filter == "unanswered").await?;
    // the seller's own held answers show, waiting for a moderator
    let owner = rows.first().and_then(|q| q.owner.clone());
    let answers = store::answers_of(
        &state.db,
        rows.iter().map(|q| q.id.clone()).collect(),
        owner,
    )
    .await?;
    Ok(SellerQuestionList {
        filter: filter.to_string(),
        unanswered: store::unanswered_count(&state.db, shop.clone()).await?,
        questions: rows
            .iter()
            .map(|q| SellerQuestion {
                key: key_of(&q.id),
                product_key: key_of(&q.product),
                product_title: title(q.title_en.as_deref(), q.title_zh.as_deref(), lang),
                body: q.body.clone(),
                asker: shown(q.asker_name.as_deref()),
                created_at: q.created_at.timestamp(),
                answered: q.seller_answered,
                answers: answers
                    .iter()
                    .filter(|a| a.question == q.id)
                    .map(answer_view)
                    .collect(),
            })
            .collect(),
    })
}

pub async fn for_moderation(state: &AppState, lang: Lang) -> Result<Vec<ModQa>, AppError> {
    let (questions, answers) = store::held(&state.db).await?;
    let mut out: Vec<ModQa> = questions
        .iter()
        .map(|q| ModQa {
            question_key: key_of(&q.id),
            answer_key: None,
            product_key: key_of(&q.product),
            product_title: title(q.title_en.as_deref(), q.title_zh.as_deref(), lang),
            question: q.body.clone(),
            answer: None,
            author: q.asker_name.clone().unwrap_or_default(),
            flags: q.flags.clone(),
            created_at: q.created_at.timestamp(),
        })
        .collect();
    out.extend(answers.iter().map(|a| ModQa {
        question_key: key_of(&a.question),
        answer_key: Some(key_of(&a.id)),
        product_key: key_of(&a.product),
        product_title: title(a.title_en.as_deref(), a.title_zh.as_deref(), lang),
        question: a.question_body.clone().unwrap_or_default(),
        answer: Some(a.body.clone()),
        author: a.author_name.clone().unwrap_or_default(),
        flags: a.flags.clone(),
        created_at: a.created_at.timestamp(),
    }));
    out.sort_by_key(|m| m.created_at);
    Ok(out)
}

/// Publishes or removes a held question or answer (audited); the seller is told of a
/// question published, the asker of an answer published, the author of a removal.
pub async fn decide(
    state: &AppState,
    moderator: &SessionUser,
    question: &QuestionKey,
    answer: Option<&AnswerKey>,
    publish: bool,
    reason: &str,
) -> Result<(), AppError> {
    let mut errs = Vec::new();
    let reason = crate::error::bounded_text(
        reason,
        "reason",
        if publish { 0 } else { 10 },
        2000,
        &mut errs,
    );
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let q = store::question(&state.db, record(question))
        .await?
        .ok_or(AppError::NotFound)?;
    let a = match answer {
        Some(k) => Some(
            store::answer(&state.db, record(k))
                .await?
                .filter(|a| a.question == q.id)
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let status = a.as_ref().map_or(&q.status, |a| &a.status);
    if status != "held" {
        return Err(invalid("status", FieldErrorCode::AlreadyDecided));
    }
    let product = key_of(&q.product);
    let title = q.title_en.clone().unwrap_or_default();
    let (recipient, mail) = match (&a, publish) {
        (_, false) => (
            a.as_ref().map_or(&q.asker, |a| &a.author).clone(),
            Notice::QaRemoved {
                product,
                reason: reason.clone(),
            }
            .render(),
        ),
        (Some(a), true) => (
            q.asker.clone(),
            answered_notice(&q.product, &title, &a.body),
        ),
        (None, true) => (
            q.owner.clone().ok_or(AppError::NotFound)?,
            Notice::NewQuestion {
                title,
                text: q.body.clone(),
            }
            .render(),
        ),
    };
    let subject = a.as_ref().map_or(&q.id, |a| &a.id);
    let now = state.now();
    let audit = Audit::on(
        Some(&moderator.id),
        AuditAction::QaDecided(if publish { "published" } else { "removed" }),
        subject,
        now,
    )
    .detail(serde_json::json!({ "reason": reason }));
    let mut tx = Tx::new();
    tx.add(store::decide(store::Decide {
        question: q.id.clone(),
        answer: a.as_ref().map(|a| a.id.clone()),
        publish,
        reason: reason.clone(),
        actor: moderator.id.clone(),
        now,
        author: a.as_ref().map_or(&q.asker, |a| &a.author).clone(),
        by: a.as_ref().map(|a| a.by.clone()).unwrap_or_default(),
        asker: q.asker.clone(),
        recipient,
        mail,
        audit,
    }));
    tx.run(&state.db)
        .await?
        .map_err(|_| invalid("status", FieldErrorCode::AlreadyDecided))?;
    Ok(())
}
