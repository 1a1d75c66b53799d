//! The moderation queue's queries: screening cases, a case with its listing and shop,
//! the strike policy, strikes, and moderators' decisions.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue, Variables};

use crate::db::{Audit, Db, Refusal, Stmts};
use crate::notify::Rendered;

/// A screening case with its listing's title and thumbnail and its shop's name.
#[derive(SurrealValue)]
pub struct CaseRow {
    pub id: RecordId,
    pub product: RecordId,
    pub shop: RecordId,
    pub score: i64,
    pub verdict: String,
    pub reasons: Vec<String>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub title: Option<String>,
    pub thumb: Option<String>,
    pub shop_name: Option<String>,
    pub decision: Option<RecordId>,
}

const CASE_FIELDS: &str =
    "id, product, shop, score, verdict, reasons, status, created_at, decision, \
    product.title_en AS title, product.image_url AS thumb, shop.name AS shop_name";

/// Which open cases to read; every condition set must hold.
#[derive(Default)]
pub struct CaseFilter {
    /// The verdict (`hold` or `queue`).
    pub risk: Option<String>,
    /// A reason kind among the case's.
    pub kind: Option<String>,
    /// A brand among the case's.
    pub brand: Option<String>,
    pub shop: Option<RecordId>,
    /// Created at or after.
    pub since: Option<DateTime<Utc>>,
    /// Created before.
    pub before: Option<DateTime<Utc>>,
}

/// Open cases and the brands they name.
pub struct OpenCases {
    /// Up to 100 cases matching the filter, oldest first.
    pub rows: Vec<CaseRow>,
    /// The brands of up to 500 open cases (any filter), one list per case.
    pub brands: Vec<Vec<String>>,
}

/// Reads the open cases matching `f`, and the brands open cases name.
pub async fn open_cases(db: &Db, f: CaseFilter) -> Result<OpenCases, surrealdb::Error> {
    let mut conds = vec!["status = 'open'".to_string()];
    let mut vars = Variables::new();
    if let Some(risk) = f.risk {
        conds.push("verdict = $risk".into());
        vars.insert("risk", risk);
    }
    if let Some(kind) = f.kind {
        conds.push("$kind IN kinds".into());
        vars.insert("kind", kind);
    }
    if let Some(brand) = f.brand {
        conds.push("$brand IN brands".into());
        vars.insert("brand", brand);
    }
    if let Some(shop) = f.shop {
        conds.push("shop = $shop".into());
        vars.insert("shop", shop);
    }
    if let Some(since) = f.since {
        conds.push("created_at >= $since".into());
        vars.insert("since", since);
    }
    if let Some(before) = f.before {
        conds.push("created_at < $before".into());
        vars.insert("before", before);
    }
    let sql = format!(
        "SELECT {CASE_FIELDS} FROM screening_case WHERE {} ORDER BY created_at LIMIT 100;\n\
         SELECT VALUE brands FROM screening_case WHERE status = 'open' LIMIT 500;",
        conds.join(" AND ")
    );
    let mut res = db
        .query(sql)
        .bind(surrealdb::types::Object::from(vars))
        .await?
        .check()?;
    let rows: Vec<CaseRow> = res.take(0)?;
    let brands: Vec<Vec<String>> = res.take(1)?;
    Ok(OpenCases { rows, brands })
}

/// Reads one case (`None` when there is none).
pub async fn case(db: &Db, id: RecordId) -> Result<Option<CaseRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {CASE_FIELDS} FROM $id"))
        .bind(("id", id))
        .await?
        .check()?;
    let rows: Vec<CaseRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// The listing of a case, as a moderator reviews it.
#[derive(SurrealValue)]
pub struct CaseListing {
    pub status: String,
    pub title_en: String,
    pub title_zh: String,
    pub description_en: String,
    pub description_zh: String,
    pub brand: Option<String>,
    pub price_minor: i64,
    pub currency: String,
}

/// The shop of a case.
#[derive(SurrealValue)]
pub struct CaseShop {
    pub created_at: DateTime<Utc>,
    pub sanction: String,
    pub status: String,
}

/// What a case page shows besides the case.
pub struct CaseContext {
    pub listing: Option<CaseListing>,
    /// The listing's photos, in order.
    pub photos: Vec<String>,
    pub shop: Option<CaseShop>,
    /// The shop's open cases.
    pub open_cases: i64,
}

const CASE_CONTEXT: &str = "SELECT status, title_en, title_zh, description_en, description_zh, brand, price_minor, currency FROM $p;\n\
     SELECT VALUE url FROM product_image WHERE product = $p ORDER BY position;\n\
     SELECT created_at, sanction, status FROM $shop;\n\
     SELECT VALUE count() FROM screening_case WHERE status = 'open' AND shop = $shop GROUP ALL;";

/// Reads a case's listing, its photos, its shop and the shop's open cases.
pub async fn case_context(
    db: &Db,
    product: RecordId,
    shop: RecordId,
) -> Result<CaseContext, surrealdb::Error> {
    let mut res = db
        .query(CASE_CONTEXT)
        .bind(("p", product))
        .bind(("shop", shop))
        .await?
        .check()?;
    let listing: Vec<CaseListing> = res.take(0)?;
    let photos: Vec<String> = res.take(1)?;
    let shop: Vec<CaseShop> = res.take(2)?;
    let open: Vec<i64> = res.take(3)?;
    Ok(CaseContext {
        listing: listing.into_iter().next(),
        photos,
        shop: shop.into_iter().next(),
        open_cases: open.first().copied().unwrap_or(0),
    })
}

/// Reads a stored image hash's URL (`None` when there is none).
pub async fn image_url(db: &Db, hash: RecordId) -> Result<Option<String>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE url FROM ONLY $h")
        .bind(("h", hash))
        .await?
        .check()?;
    res.take(0)
}

// ---------------------------------------------------------------------------------
// Decisions, the strike policy and strikes

/// A moderation decision with its listing's title and its appeal's status.
#[derive(SurrealValue)]
pub struct DecisionRow {
    pub id: RecordId,
    pub subject: String,
    pub product: Option<RecordId>,
    pub action: String,
    pub ground: Option<String>,
    pub statement: String,
    pub at: DateTime<Utc>,
    pub appeal_until: Option<DateTime<Utc>>,
    pub strike: Option<RecordId>,
    pub title: Option<String>,
    pub appeal_status: Option<String>,
}

const DECISION_FIELDS: &str =
    "id, subject, product, action, ground, statement, at, appeal_until, strike, \
    product.title_en AS title, type::record('appeal', record::id(id)).status AS appeal_status";

/// Reads a shop's latest 50 decisions, newest first.
pub async fn decisions_of_shop(
    db: &Db,
    shop: &RecordId,
) -> Result<Vec<DecisionRow>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {DECISION_FIELDS} FROM moderation_decision WHERE shop = $shop ORDER BY at DESC LIMIT 50"
        ))
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    res.take(0)
}

/// The strike policy and appeal window (platform settings).
#[derive(SurrealValue)]
pub struct StrikeSettings {
    pub strike_warning_at: i64,
    pub strike_limit_at: i64,
    pub strike_suspend_at: i64,
    pub strike_terminate_at: i64,
    pub strike_expiry_days: i64,
    pub strike_listing_limit: i64,
    pub appeal_days: i64,
}

const STRIKE_SETTINGS: &str = "SELECT strike_warning_at, strike_limit_at, strike_suspend_at, strike_terminate_at, strike_expiry_days, strike_listing_limit, appeal_days FROM platform_setting:main";

/// Reads the strike policy (`None` when there are no settings).
pub async fn strike_settings(db: &Db) -> Result<Option<StrikeSettings>, surrealdb::Error> {
    let mut res = db.query(STRIKE_SETTINGS).await?.check()?;
    let rows: Vec<StrikeSettings> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Counts a shop's strikes unexpired at `now` and not removed.
pub async fn active_strike_count(
    db: &Db,
    shop: &RecordId,
    now: DateTime<Utc>,
) -> Result<i64, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE count() FROM strike WHERE shop = $shop AND expires_at > $now AND removed_at = NONE GROUP ALL")
        .bind(("shop", shop.clone()))
        .bind(("now", now))
        .await?
        .check()?;
    let n: Vec<i64> = res.take(0)?;
    Ok(n.first().copied().unwrap_or(0))
}

const ISSUE_STRIKE: &str = "LET $strike = (CREATE strike SET shop = $shop, decision = $d, issued_at = $now, expires_at = $strike_expires)[0].id;\n\
     UPDATE $d SET strike = $strike;\n\
     UPDATE $shop SET sanction = $sanction";
const SANCTIONED: &str = "LET $sanctioned = $shop_status != '' AND $shop.status = 'approved'";
const SANCTION_SHOP: &str = "IF $sanctioned {\n\
       UPDATE $shop SET status = $shop_status;\n\
       UPDATE type::record('seller', record::id($shop.seller)) SET status = $shop_status;\n\
     }";

/// A strike for `shop` inside a decision's transaction (reading `$d`, the decision's id,
/// and `$now`), expiring at `expires`: the shop's sanction becomes `sanction`, and an
/// approved shop (and its seller) takes `shop_status` when it is not empty, with `audit`.
pub fn issue_strike(
    shop: RecordId,
    expires: DateTime<Utc>,
    sanction: String,
    shop_status: String,
    audit: Audit,
) -> Stmts {
    let mut s = Stmts::new();
    s.bind("shop", shop)
        .bind("strike_expires", expires)
        .bind("sanction", sanction)
        .bind("shop_status", shop_status)
        .sql(ISSUE_STRIKE)
        .sql(SANCTIONED)
        .sql(SANCTION_SHOP);
    super::locks::apply_to_shop(&mut s, super::locks::shop_down(), "$sanctioned");
    s.audit_if("$sanctioned", audit);
    s
}

/// An open case as a decision on it needs it.
#[derive(SurrealValue)]
pub struct CaseToDecide {
    pub product: RecordId,
    pub shop: RecordId,
    pub status: String,
    pub score: i64,
    pub listing_status: Option<String>,
    pub publish_at: Option<DateTime<Utc>>,
    pub delist_at: Option<DateTime<Utc>>,
    pub title: Option<String>,
}

/// Reads a case with its listing's status, schedule and title (`None` when there is no
/// such case).
pub async fn case_to_decide(
    db: &Db,
    id: RecordId,
) -> Result<Option<CaseToDecide>, surrealdb::Error> {
    let mut res = db
        .query("SELECT product, shop, status, score, product.status AS listing_status, product.publish_at AS publish_at, product.delist_at AS delist_at, product.title_en AS title FROM $id")
        .bind(("id", id))
        .await?
        .check()?;
    let rows: Vec<CaseToDecide> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// A moderator's decision on a case, as it is written.
pub struct CaseDecision {
    pub case: RecordId,
    pub product: RecordId,
    pub shop: RecordId,
    pub action: String,
    pub ground: Option<String>,
    pub statement: String,
    /// The case's status after the decision.
    pub case_status: String,
    /// What the decision does to the listing (its locks and status).
    pub listing: super::locks::LockChange,
    pub actor: RecordId,
    pub appeal_until: Option<DateTime<Utc>>,
    /// `product:<key>`.
    pub subject: String,
    /// The seller's notice.
    pub mail: Rendered,
}

const CLOSE_CASE: &str =
    "LET $moved = (UPDATE $case SET status = $case_status WHERE status = 'open' RETURN VALUE id)";
const CASE_NOT_OPEN: &str = "array::len($moved) = 0";
const RECORD_DECISION: &str = "LET $d = (CREATE moderation_decision SET subject = $subject, product = $product, shop = $shop, action = $action, \
       ground = $ground ?? NONE, statement = $statement, decided_by = $actor, at = $now, appeal_until = $appeal_until ?? NONE)[0].id;\n\
     UPDATE $case SET decision = $d";
const TELL_SELLER: &str = "CREATE outbox SET recipient = $shop.owner, kind = $mail.kind, \
     subject = $mail.subject, body = $mail.body, link = $mail.link, texts = $mail.texts, created_at = $now";

/// Closes an open case with a decision, once (refused when it was decided meanwhile):
/// the decision is recorded (as `$d`, for a strike added after), the listing takes its
/// new status, audited, and the seller is told. Reads `$now`.
pub fn decide_case(d: CaseDecision, audit: Audit) -> Stmts {
    let mut s = Stmts::new();
    s.bind("case", d.case)
        .bind("product", d.product)
        .bind("shop", d.shop)
        .bind("action", d.action)
        .bind("ground", d.ground)
        .bind("statement", d.statement)
        .bind("case_status", d.case_status)
        .bind("actor", d.actor)
        .bind("appeal_until", d.appeal_until)
        .bind("subject", d.subject)
        .bind("mail", d.mail)
        .sql(CLOSE_CASE)
        .refuse_if(CASE_NOT_OPEN, Refusal::AlreadyDecided)
        .sql(RECORD_DECISION);
    super::locks::apply(&mut s, d.listing);
    s.audit(audit).sql(TELL_SELLER);
    s
}
