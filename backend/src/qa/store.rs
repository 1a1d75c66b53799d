//! Product questions and answers: reading a product's questions with their answers
//! (published ones, and the reader's own held ones), a shop's questions for the seller
//! centre, held ones for moderators; and the statements that ask, answer and decide,
//! each keeping the question's answer count and queueing the mail that tells the
//! other side.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{Audit, Db, Refusal, Stmts};
use crate::notify::store::queue_mail;
use crate::notify::Rendered;

/// A question with what its pages show of its product and asker.
#[derive(Clone, Debug, SurrealValue)]
pub struct QuestionRow {
    pub id: RecordId,
    pub product: RecordId,
    pub shop: RecordId,
    pub asker: RecordId,
    pub asker_name: Option<String>,
    pub body: String,
    pub flags: Vec<String>,
    pub status: String,
    pub answers: i64,
    pub seller_answered: bool,
    pub created_at: DateTime<Utc>,
    pub title_en: Option<String>,
    pub title_zh: Option<String>,
    pub shop_name: Option<String>,
    /// The shop's owner (who answers as the seller).
    pub owner: Option<RecordId>,
}

const QUESTION_FIELDS: &str = "id, product, shop, asker, asker.display_name AS asker_name, body, flags, status, \
     answers, seller_answered, created_at, product.title_en AS title_en, product.title_zh AS title_zh, \
     shop.name AS shop_name, shop.owner AS owner";

/// An answer with its author's name and its question's text (for moderators).
#[derive(Clone, Debug, SurrealValue)]
pub struct AnswerRow {
    pub id: RecordId,
    pub question: RecordId,
    pub product: RecordId,
    pub author: RecordId,
    pub author_name: Option<String>,
    pub by: String,
    pub body: String,
    pub flags: Vec<String>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub question_body: Option<String>,
    pub asker: Option<RecordId>,
    /// The product's shop (a seller's answer is signed with it).
    pub shop_name: Option<String>,
    pub title_en: Option<String>,
    pub title_zh: Option<String>,
}

const ANSWER_FIELDS: &str =
    "id, question, product, author, author.display_name AS author_name, by, body, flags, \
     status, created_at, question.body AS question_body, question.asker AS asker, question.shop.name AS shop_name, \
     product.title_en AS title_en, product.title_zh AS title_zh";

/// The most questions a product page reads (its search looks through these).
pub const PRODUCT_READ: i64 = 500;
/// The most questions the seller centre and the moderators' queue list.
pub const LIST_READ: i64 = 200;

/// The product page's questions (`$p`, the reader `$r`, at most `$n`).
pub fn product_questions_query() -> String {
    format!(
        "SELECT {QUESTION_FIELDS} FROM product_question WHERE product = $p \
         AND (status = 'published' OR (status = 'held' AND asker = $r)) \
         ORDER BY sort_new LIMIT $n"
    )
}

/// The answers to the questions `$qs` the reader `$r` sees.
pub fn answers_query() -> String {
    format!(
        "SELECT {ANSWER_FIELDS} FROM product_answer WHERE question IN $qs \
         AND (status = 'published' OR (status = 'held' AND author = $r)) ORDER BY created_at"
    )
}

/// A product's questions, the newest first: published ones and the reader's own held
/// ones.
pub async fn product_questions(
    db: &Db,
    product: RecordId,
    reader: Option<RecordId>,
) -> Result<Vec<QuestionRow>, surrealdb::Error> {
    let mut res = db
        .query(product_questions_query())
        .bind(("p", product))
        .bind(("r", reader))
        .bind(("n", PRODUCT_READ))
        .await?
        .check()?;
    res.take(0)
}

/// The answers to these questions, the oldest first: published ones and the reader's
/// own held ones.
pub async fn answers_of(
    db: &Db,
    questions: Vec<RecordId>,
    reader: Option<RecordId>,
) -> Result<Vec<AnswerRow>, surrealdb::Error> {
    let mut res = db
        .query(answers_query())
        .bind(("qs", questions))
        .bind(("r", reader))
        .await?
        .check()?;
    res.take(0)
}

/// Reads one question.
pub async fn question(db: &Db, id: RecordId) -> Result<Option<QuestionRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {QUESTION_FIELDS} FROM $q"))
        .bind(("q", id))
        .await?
        .check()?;
    let rows: Vec<QuestionRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Reads one answer.
pub async fn answer(db: &Db, id: RecordId) -> Result<Option<AnswerRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {ANSWER_FIELDS} FROM $a"))
        .bind(("a", id))
        .await?
        .check()?;
    let rows: Vec<AnswerRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// A product questions may be asked about, with its shop's owner and standing.
#[derive(Clone, Debug, SurrealValue)]
pub struct ProductRow {
    pub id: RecordId,
    pub shop: RecordId,
    pub owner: Option<RecordId>,
    pub status: String,
    pub shop_status: Option<String>,
    pub title_en: String,
    pub title_zh: String,
    /// The listing this is a variant of (questions belong to the listing).
    pub variant_of: Option<RecordId>,
}

impl ProductRow {
    /// The listing questions about this product belong to: the product itself, or the
    /// listing it is a variant of (every variant's page shows the same questions).
    pub fn listing(&self) -> RecordId {
        self.variant_of.clone().unwrap_or_else(|| self.id.clone())
    }
}

/// Reads a product with its shop's owner and status.
pub async fn product(db: &Db, id: RecordId) -> Result<Option<ProductRow>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT id, shop, shop.owner AS owner, status, shop.status AS shop_status, title_en, title_zh, \
             variant_of FROM $p",
        )
        .bind(("p", id))
        .await?
        .check()?;
    let rows: Vec<ProductRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Whether `buyer` has an order of `shop` with a line of `listing` (or of one of its
/// variants) that was paid for (not still waiting for payment, not cancelled).
pub async fn has_bought(
    db: &Db,
    buyer: RecordId,
    shop: RecordId,
    product: RecordId,
) -> Result<bool, surrealdb::Error> {
    let mut res = db
        .query(
            "LET $orders = SELECT VALUE id FROM shop_order WHERE buyer = $b AND shop = $s \
               AND status NOT IN ['placed', 'cancelled'];\n\
             SELECT VALUE id FROM order_line WHERE shop_order IN $orders \
               AND (product = $p OR product.variant_of = $p) LIMIT 1",
        )
        .bind(("b", buyer))
        .bind(("s", shop))
        .bind(("p", product))
        .await?
        .check()?;
    let rows: Vec<RecordId> = res.take(1)?;
    Ok(!rows.is_empty())
}

/// When `user` asked or answered since `since` (for the posting limit).
pub async fn posted_since(
    db: &Db,
    user: RecordId,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT VALUE created_at FROM product_question WHERE asker = $u AND created_at > $since;\n\
             SELECT VALUE created_at FROM product_answer WHERE author = $u AND created_at > $since",
        )
        .bind(("u", user))
        .bind(("since", since))
        .await?
        .check()?;
    let mut at: Vec<DateTime<Utc>> = res.take(0)?;
    let answers: Vec<DateTime<Utc>> = res.take(1)?;
    at.extend(answers);
    Ok(at)
}

/// A shop's published questions, the newest first (`unanswered`: those the seller has
/// not answered).
pub async fn shop_questions(
    db: &Db,
    shop: RecordId,
    unanswered: bool,
) -> Result<Vec<QuestionRow>, surrealdb::Error> {
    let cond = if unanswered {
        "AND seller_answered = false"
    } else {
        ""
    };
    let mut res = db
        .query(format!(
            "SELECT {QUESTION_FIELDS} FROM product_question WHERE shop = $s AND status = 'published' {cond} \
             ORDER BY sort_new LIMIT $n"
        ))
        .bind(("s", shop))
        .bind(("n", LIST_READ))
        .await?
        .check()?;
    res.take(0)
}

/// How many published questions of a shop its seller has not answered.
pub async fn unanswered_count(db: &Db, shop: RecordId) -> Result<i64, surrealdb::Error> {
    let mut res = db
        .query(
            "RETURN count(SELECT id FROM product_question WHERE shop = $s AND status = 'published' \
             AND seller_answered = false)",
        )
        .bind(("s", shop))
        .await?
        .check()?;
    let n: Option<i64> = res.take(0)?;
    Ok(n.unwrap_or(0))
}

/// Held questions and held answers, the oldest first.
pub async fn held(db: &Db) -> Result<(Vec<QuestionRow>, Vec<AnswerRow>), surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {QUESTION_FIELDS} FROM product_question WHERE status = 'held' ORDER BY created_at LIMIT $n;\n\
             SELECT {ANSWER_FIELDS} FROM product_answer WHERE status = 'held' ORDER BY created_at LIMIT $n"
        ))
        .bind(("n", LIST_READ))
        .await?
        .check()?;
    Ok((res.take(0)?, res.take(1)?))
}

/// A question to add.
pub struct Ask {
    pub id: RecordId,
    pub product: RecordId,
    pub shop: RecordId,
    pub asker: RecordId,
    pub body: String,
    pub flags: Vec<String>,
    pub status: &'static str,
    pub now: DateTime<Utc>,
    /// The shop's owner, told by mail when the question is published.
    pub owner: RecordId,
    pub mail: Rendered,
}

/// Adds a question; a published one is mailed to the shop's owner.
pub fn ask(a: Ask) -> Stmts {
    let mut s = Stmts::new();
    s.bind("q", a.id)
        .bind("product", a.product)
        .bind("shop", a.shop)
        .bind("asker", a.asker)
        .bind("body", a.body)
        .bind("flags", a.flags)
        .bind("status", a.status.to_string())
        .bind("now", a.now)
        .bind("owner", a.owner)
        .bind("mail", a.mail)
        .sql(
            "CREATE $q SET product = $product, shop = $shop, asker = $asker, body = $body, flags = $flags, \
             status = $status, answers = 0, seller_answered = false, created_at = $now",
        )
        .sql(&format!(
            "IF $status = 'published' {{ {} }}",
            queue_mail("$owner", "$mail")
        ));
    s
}

/// Counts a published answer on its question and tells the asker (unless they wrote
/// it): the statements shared by answering and by a moderator publishing an answer.
/// Uses `$q` (the question), `$by`, `$author`, `$asker`, `$mail` and `$now`.
const ANSWER_PUBLISHED: &str = "UPDATE $q SET answers += 1, \
     seller_answered = seller_answered OR $by = 'seller'";

fn answer_published(s: &mut Stmts) {
    s.sql(ANSWER_PUBLISHED).sql(&format!(
        "IF $author != $asker {{ {} }}",
        queue_mail("$asker", "$mail")
    ));
}

/// An answer to add.
pub struct Answer {
    pub id: RecordId,
    pub question: RecordId,
    pub product: RecordId,
    pub author: RecordId,
    /// `seller` or `buyer`.
    pub by: &'static str,
    pub body: String,
    pub flags: Vec<String>,
    pub status: &'static str,
    pub now: DateTime<Utc>,
    pub asker: RecordId,
    pub mail: Rendered,
}

/// Adds an answer, refused ([`Refusal::NotFound`]) when its question is no longer
/// published; a published answer is counted and mailed to the asker.
pub fn answer_question(a: Answer) -> Stmts {
    let published = a.status == "published";
    let mut s = Stmts::new();
    s.bind("a", a.id)
        .bind("q", a.question.clone())
        .bind("product", a.product)
        .bind("author", a.author)
        .bind("by", a.by.to_string())
        .bind("body", a.body)
        .bind("flags", a.flags)
        .bind("status", a.status.to_string())
        .bind("now", a.now)
        .bind("asker", a.asker)
        .bind("mail", a.mail)
        .lock(a.question)
        .refuse_if("$q.status != 'published'", Refusal::NotFound)
        .sql(
            "CREATE $a SET question = $q, product = $product, author = $author, by = $by, body = $body, \
             flags = $flags, status = $status, created_at = $now",
        );
    if published {
        answer_published(&mut s);
    }
    s
}

/// A moderator's decision on a held question or answer.
pub struct Decide {
    /// The question, or the answer's question.
    pub question: RecordId,
    /// The answer decided (`None`: the question itself).
    pub answer: Option<RecordId>,
    pub publish: bool,
    pub reason: String,
    pub actor: RecordId,
    pub now: DateTime<Utc>,
    /// For a published answer: who wrote it and as whom, and the asker.
    pub author: RecordId,
    pub by: String,
    pub asker: RecordId,
    /// Who is told and what: the shop's owner (a question published), the asker (an
    /// answer published) or the author (removed).
    pub recipient: RecordId,
    pub mail: Rendered,
    pub audit: Audit,
}

/// Publishes or removes a held question or answer, refused
/// ([`Refusal::AlreadyDecided`]) when it is no longer held; audited, and the person it
/// concerns is told.
pub fn decide(d: Decide) -> Stmts {
    let target = d.answer.clone().unwrap_or_else(|| d.question.clone());
    let mut s = Stmts::new();
    s.bind("t", target.clone())
        .bind("q", d.question.clone())
        .bind(
            "status",
            if d.publish { "published" } else { "removed" }.to_string(),
        )
        .bind("reason", d.reason)
        .bind("actor", d.actor)
        .bind("now", d.now)
        .bind("author", d.author)
        .bind("by", d.by)
        .bind("asker", d.asker)
        .bind("recipient", d.recipient)
        .bind("mail", d.mail)
        .lock(target)
        .lock(d.question.clone())
        .refuse_if("$t.status != 'held'", Refusal::AlreadyDecided)
        .sql("UPDATE $t SET status = $status, decided_by = $actor, reason = $reason")
        .audit(d.audit);
    if d.publish && d.answer.is_some() {
        answer_published(&mut s);
    } else {
        s.sql(&queue_mail("$recipient", "$mail"));
    }
    s
}
