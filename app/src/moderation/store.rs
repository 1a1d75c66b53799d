//! Moderation's queries (server only): the overview's counts and the audit log, what
//! automatic screening reads, the transparency report's rows, the moderation policy,
//! shoppers' reports, sellers' appeals and the platform settings.

use backend::db::{Audit, Refusal, Stmts};
use chrono::{DateTime, Utc};
use domain::phash::bands;
use surrealdb::types::{RecordId, SurrealValue, Variables};

use crate::state::{count_unbound, key_of, Db};

/// How many of each thing the platform holds.
pub struct PlatformCounts {
    pub users: i64,
    pub shops: i64,
    pub pending_shops: i64,
    pub products: i64,
    pub open_reports: i64,
}

pub async fn platform_counts(db: &Db) -> Result<PlatformCounts, surrealdb::Error> {
    Ok(PlatformCounts {
        users: count_unbound(db, "SELECT count() AS n FROM user GROUP ALL").await?,
        shops: count_unbound(db, "SELECT count() AS n FROM shop GROUP ALL").await?,
        pending_shops: count_unbound(
            db,
            "SELECT count() AS n FROM shop WHERE status IN ['submitted', 'in_review'] GROUP ALL",
        )
        .await?,
        products: count_unbound(db, "SELECT count() AS n FROM product GROUP ALL").await?,
        open_reports: count_unbound(
            db,
            "SELECT count() AS n FROM report WHERE status = 'open' GROUP ALL",
        )
        .await?,
    })
}

#[derive(SurrealValue)]
pub struct AuditRow {
    pub at: DateTime<Utc>,
    pub action: String,
    pub subject: String,
    pub actor: Option<RecordId>,
}

/// The latest audit entries, newest first.
pub async fn recent_audit(db: &Db, limit: i64) -> Result<Vec<AuditRow>, surrealdb::Error> {
    let mut res = db
        .query("SELECT at, action, subject, actor FROM audit_log ORDER BY at DESC LIMIT $limit")
        .bind(("limit", limit))
        .await?
        .check()?;
    res.take(0)
}

/// The admin-set screening score bands.
#[derive(SurrealValue)]
pub struct ScreeningBands {
    pub screening_queue_from: i64,
    pub screening_hold_from: i64,
}

/// Reads the screening score bands from the platform settings (`None` when unset).
pub async fn screening_bands(db: &Db) -> Result<Option<ScreeningBands>, surrealdb::Error> {
    let mut res = db
        .query("SELECT screening_queue_from, screening_hold_from FROM platform_setting:main")
        .await?
        .check()?;
    let rows: Vec<ScreeningBands> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// A protected brand and its extra search terms.
#[derive(SurrealValue)]
pub struct BrandRow {
    pub name: String,
    pub terms: Vec<String>,
}

/// What screening reads about a shop.
pub struct ShopScreeningRows {
    /// Protected brands the shop is not authorised for.
    pub brands: Vec<BrandRow>,
    /// The shop's unexpired, unremoved strikes.
    pub strikes: i64,
    pub created_at: Option<DateTime<Utc>>,
}

/// Reads the brands a shop is not authorised for, its live strikes at `now` and when it
/// was created.
pub async fn shop_screening_rows(
    db: &Db,
    shop: &RecordId,
    now: DateTime<Utc>,
) -> Result<ShopScreeningRows, surrealdb::Error> {
    #[derive(SurrealValue)]
    struct Count {
        n: i64,
    }
    let mut res = db
        .query(
            "SELECT name, terms FROM brand WHERE $shop NOTINSIDE authorised_shops;\n\
             SELECT count() AS n FROM strike WHERE shop = $shop AND expires_at > $now AND removed_at = NONE GROUP ALL;\n\
             SELECT VALUE created_at FROM ONLY $shop;",
        )
        .bind(("shop", shop.clone()))
        .bind(("now", now))
        .await?
        .check()?;
    let brands: Vec<BrandRow> = res.take(0)?;
    let strikes: Vec<Count> = res.take(1)?;
    let created_at: Option<DateTime<Utc>> = res.take(2)?;
    Ok(ShopScreeningRows {
        brands,
        strikes: strikes.first().map_or(0, |c| c.n),
        created_at,
    })
}

/// Reads the perceptual hashes of a listing's photos, in photo order.
pub async fn listing_phashes(db: &Db, product: &RecordId) -> Result<Vec<i64>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE phash FROM product_image WHERE product = $p AND phash != NONE ORDER BY position")
        .bind(("p", product.clone()))
        .await?
        .check()?;
    res.take(0)
}

/// A stored image hash: a brand owner's reference image or a listing photo.
#[derive(SurrealValue)]
pub struct ImageCandidate {
    pub id: RecordId,
    pub kind: String,
    pub hash: i64,
    pub brand_name: Option<String>,
    pub shop: Option<RecordId>,
    pub product: Option<RecordId>,
}

/// Reads, for each hash, the stored image hashes sharing one of its four bands (up to
/// 200 per band, band by band); one list per hash, in the order given.
pub async fn image_candidates(
    db: &Db,
    hashes: &[u64],
) -> Result<Vec<Vec<ImageCandidate>>, surrealdb::Error> {
    if hashes.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = String::new();
    let mut q_bands = Vec::new();
    for (i, h) in hashes.iter().enumerate() {
        for (b, v) in bands(*h).into_iter().enumerate() {
            sql.push_str(&format!(
                "SELECT id, kind, hash, brand.name AS brand_name, shop, product FROM image_hash WHERE b{b} = $v{i}_{b} LIMIT 200;\n"
            ));
            q_bands.push((format!("v{i}_{b}"), v));
        }
    }
    let mut q = db.query(sql);
    for (name, v) in q_bands {
        q = q.bind((name, v));
    }
    let mut res = q.await?.check()?;
    let mut out = Vec::with_capacity(hashes.len());
    for i in 0..hashes.len() {
        let mut near = Vec::new();
        for b in 0..4 {
            let rows: Vec<ImageCandidate> = res.take(i * 4 + b)?;
            near.extend(rows);
        }
        out.push(near);
    }
    Ok(out)
}

/// A rights notice item, for the transparency report.
#[derive(SurrealValue)]
pub struct NoticeItemRow {
    pub state: String,
    pub created_at: DateTime<Utc>,
    pub actioned_at: Option<DateTime<Utc>>,
    pub counter_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// A moderator's decision, for the transparency report.
#[derive(SurrealValue)]
pub struct DecisionRow {
    pub action: String,
    pub at: DateTime<Utc>,
    pub subject: String,
}

/// What the transparency report counts.
pub struct TransparencyRows {
    pub items: Vec<NoticeItemRow>,
    pub decisions: Vec<DecisionRow>,
    /// When each strike was issued.
    pub strikes: Vec<DateTime<Utc>>,
}

/// Reads the notice items created, moderation decisions taken and strikes issued since
/// `from`.
pub async fn transparency_rows(
    db: &Db,
    from: DateTime<Utc>,
) -> Result<TransparencyRows, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT state, created_at, actioned_at, counter_at, closed_at FROM notice_item WHERE created_at >= $from;\n\
             SELECT action, at, subject FROM moderation_decision WHERE at >= $from;\n\
             SELECT VALUE issued_at FROM strike WHERE issued_at >= $from;",
        )
        .bind(("from", from))
        .await?
        .check()?;
    let items: Vec<NoticeItemRow> = res.take(0)?;
    let decisions: Vec<DecisionRow> = res.take(1)?;
    let strikes: Vec<DateTime<Utc>> = res.take(2)?;
    Ok(TransparencyRows {
        items,
        decisions,
        strikes,
    })
}

/// Reads the moderation policy's values for the named platform settings, in that order
/// (`None` when there are no settings).
pub async fn policy_values(db: &Db, names: &[&str]) -> Result<Option<Vec<i64>>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT VALUE [{}] FROM platform_setting:main",
            names.join(", ")
        ))
        .await?
        .check()?;
    let rows: Vec<Vec<i64>> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Writes the moderation policy's values (setting name, value) with an audit entry.
pub async fn save_policy(
    db: &Db,
    values: &[(&str, i64)],
    actor: &RecordId,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    let mut v = Variables::new();
    let sets: Vec<String> = values
        .iter()
        .map(|(name, value)| {
            v.insert(*name, *value);
            format!("{name} = ${name}")
        })
        .collect();
    v.insert("actor", actor.clone());
    v.insert("now", now);
    let obj: Vec<String> = values.iter().map(|(n, _)| format!("{n}: ${n}")).collect();
    db.query(format!(
        "UPDATE platform_setting:main SET {}, updated_at = $now;\n\
         CREATE audit_log SET actor = $actor, action = 'settings.moderation_policy', subject = 'platform_setting:main', \
           detail = {{ {} }}, at = $now;",
        sets.join(", "),
        obj.join(", ")
    ))
    .bind(surrealdb::types::Object::from(v))
    .await?
    .check()?;
    Ok(())
}

// ---------------------------------------------------------------------------------
// Shoppers' reports

/// A listing as a shopper reporting it sees it: its shop, the shop's owner and status.
#[derive(SurrealValue)]
pub struct ListingToReport {
    pub shop: RecordId,
    pub owner: Option<RecordId>,
    pub status: String,
}

/// Reads a listing's shop, shop owner and status (`None` when there is no such listing).
pub async fn listing_to_report(
    db: &Db,
    product: &RecordId,
) -> Result<Option<ListingToReport>, surrealdb::Error> {
    let mut res = db
        .query("SELECT shop, shop.owner AS owner, status FROM $p")
        .bind(("p", product.clone()))
        .await?
        .check()?;
    let rows: Vec<ListingToReport> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Whether the shopper has already reported the listing.
pub async fn already_reported(
    db: &Db,
    product: &RecordId,
    user: &RecordId,
) -> Result<bool, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT VALUE id FROM listing_report WHERE product = $p AND reporter = $user LIMIT 1",
        )
        .bind(("p", product.clone()))
        .bind(("user", user.clone()))
        .await?
        .check()?;
    let already: Vec<RecordId> = res.take(0)?;
    Ok(!already.is_empty())
}

/// Files a shopper's report of a listing.
pub fn file_report(
    product: RecordId,
    shop: RecordId,
    reporter: RecordId,
    reason: &str,
    text: &str,
    audit: Audit,
) -> Stmts {
    let mut s = Stmts::new();
    s.bind("p", product)
        .bind("shop", shop)
        .bind("user", reporter)
        .bind("reason", reason.to_string())
        .bind("text", text.to_string())
        .sql("CREATE listing_report SET product = $p, shop = $shop, reporter = $user, reason = $reason, text = $text, status = 'open', created_at = $now")
        .audit(audit);
    s
}

/// An open report with its listing's title and shop name.
#[derive(SurrealValue)]
pub struct OpenReportRow {
    pub id: RecordId,
    pub product: RecordId,
    pub reason: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub title: Option<String>,
    pub shop_name: Option<String>,
}

/// Reads the oldest 100 open reports, oldest first.
pub async fn open_reports(db: &Db) -> Result<Vec<OpenReportRow>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT id, product, reason, text, created_at, product.title_en AS title, shop.name AS shop_name \
             FROM listing_report WHERE status = 'open' ORDER BY created_at LIMIT 100",
        )
        .await?
        .check()?;
    res.take(0)
}

/// Reads the listing a report is about (`None` when there is no such report).
pub async fn reported_listing(
    db: &Db,
    report: &RecordId,
) -> Result<Option<RecordId>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE product FROM ONLY $r")
        .bind(("r", report.clone()))
        .await?
        .check()?;
    res.take(0)
}

/// Holds the reported listing for moderation (`review`) or dismisses the report, once.
pub fn decide_report(report: RecordId, review: bool, audit: Audit) -> Stmts {
    let mut s = Stmts::new();
    s.bind("r", report)
        .bind("review", review)
        .sql("LET $rep = (SELECT * FROM ONLY $r)")
        .refuse_if(
            "$rep = NONE OR $rep.status != 'open'",
            Refusal::AlreadyDecided,
        )
        .sql(
            "IF $review {\n\
               UPDATE listing_report SET status = 'actioned' WHERE product = $rep.product AND status = 'open';\n\
               UPDATE $rep.product SET status = 'held', updated_at = $now;\n\
               UPSERT type::record('screening_case', record::id($rep.product)) SET product = $rep.product, shop = $rep.shop, \
                 score = 100, verdict = 'hold', reasons = [string::concat('shopper_report:', $rep.reason)], kinds = ['shopper_report'], \
                 brands = [], status = 'open', decision = NONE, created_at = $now;\n\
             } ELSE {\n\
               UPDATE $r SET status = 'dismissed';\n\
             }",
        )
        .audit(audit);
    s
}

// ---------------------------------------------------------------------------------
// Appeals

/// A moderation decision as an appeal against it needs it.
#[derive(SurrealValue)]
pub struct AppealedDecision {
    pub id: RecordId,
    pub shop: RecordId,
    pub product: Option<RecordId>,
    pub appeal_until: Option<DateTime<Utc>>,
    pub decided_by: Option<RecordId>,
    pub strike: Option<RecordId>,
}

/// Reads the moderation decision an appeal is about.
pub async fn appealed_decision(
    db: &Db,
    decision: &RecordId,
) -> Result<Option<AppealedDecision>, surrealdb::Error> {
    let mut res = db
        .query("SELECT id, shop, product, appeal_until, decided_by, strike FROM $id")
        .bind(("id", decision.clone()))
        .await?
        .check()?;
    let rows: Vec<AppealedDecision> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Files a seller's appeal of a decision, refused if one was already filed.
pub fn file_appeal(
    appeal: RecordId,
    decision: &AppealedDecision,
    text: String,
    audit: Audit,
) -> Stmts {
    let mut s = Stmts::new();
    s.bind("appeal", appeal)
        .bind("d", decision.id.clone())
        .bind("shop", decision.shop.clone())
        .bind("text", text)
        .refuse_if("record::exists($appeal)", Refusal::AlreadyDecided)
        .sql("CREATE $appeal SET decision = $d, shop = $shop, text = $text, status = 'open', created_at = $now")
        .audit(audit);
    s
}

/// An open appeal with its shop and the decision appealed.
#[derive(SurrealValue)]
pub struct OpenAppealRow {
    pub id: RecordId,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub shop_name: Option<String>,
    pub action: Option<String>,
    pub statement: Option<String>,
    pub title: Option<String>,
    pub decided_by: Option<RecordId>,
}

/// Reads the oldest 100 open appeals, oldest first.
pub async fn open_appeals(db: &Db) -> Result<Vec<OpenAppealRow>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT id, text, created_at, shop.name AS shop_name, decision.action AS action, decision.statement AS statement, \
             decision.product.title_en AS title, decision.decided_by AS decided_by \
             FROM appeal WHERE status = 'open' ORDER BY created_at LIMIT 100",
        )
        .await?
        .check()?;
    res.take(0)
}

/// Rules on an open appeal and notifies the seller; granting undoes the decision's strike.
pub fn decide_appeal(
    appeal: RecordId,
    decision: &AppealedDecision,
    outcome: &str,
    statement: String,
    actor: &RecordId,
    audit: Audit,
    // when granted: the shop's sanction without the strike, and whether a suspension lifts
    granted: Option<(&str, bool)>,
) -> Stmts {
    let mut s = Stmts::new();
    s.bind("appeal", appeal)
        .bind("d", decision.id.clone())
        .bind("shop", decision.shop.clone())
        .bind("product", decision.product.clone())
        .bind("strike", decision.strike.clone())
        .bind("to", outcome.to_string())
        .bind("statement", statement)
        .bind("actor", actor.clone())
        .sql("LET $moved = (UPDATE $appeal SET status = $to, decided_by = $actor, statement = $statement, decided_at = $now WHERE status = 'open' RETURN VALUE id)")
        .refuse_if("array::len($moved) = 0", Refusal::AlreadyDecided)
        .audit(audit)
        .sql("CREATE outbox SET recipient = $shop.owner, kind = 'moderation_notice', subject = 'Appeal decided · 申訴結果', body = $statement, link = '/seller/notices', created_at = $now");
    if let Some((sanction, lift)) = granted {
        s.bind("sanction", sanction.to_string())
            .bind("lift", lift)
            .sql(
                "IF $strike != NONE { UPDATE $strike SET removed_at = $now };\n\
                 UPDATE $shop SET sanction = $sanction;\n\
                 IF $lift AND $shop.status = 'suspended' {\n\
                   UPDATE $shop SET status = 'approved';\n\
                   UPDATE type::record('seller', record::id($shop.seller)) SET status = 'approved';\n\
                 };\n\
                 IF $product != NONE AND $product.status = 'delisted' { UPDATE $product SET status = 'draft', updated_at = $now }",
            );
    }
    s
}

// ---------------------------------------------------------------------------------
// Platform settings

/// A subcategory and its own commission rate, if set.
#[derive(SurrealValue)]
pub struct CategoryRate {
    pub slug: String,
    pub name_en: String,
    pub name_zh: String,
    pub rate: Option<i64>,
}

/// A document seller applications require.
#[derive(SurrealValue)]
pub struct RequirementRecord {
    pub id: RecordId,
    pub country: Option<String>,
    pub business_type: Option<String>,
    pub document: String,
    pub only_with_brand: bool,
}

/// A shop's balance with money available to pay out.
#[derive(SurrealValue)]
pub struct BalanceDue {
    pub shop: RecordId,
    pub name: Option<String>,
    pub currency: String,
    pub available_minor: i64,
}

/// What the platform settings page shows.
pub struct SettingsRows {
    /// The default commission rate in basis points, if set.
    pub default_bps: Option<i64>,
    /// Subcategories by English name.
    pub categories: Vec<CategoryRate>,
    pub requirements: Vec<RequirementRecord>,
    /// Up to 200 balances with money available.
    pub dues: Vec<BalanceDue>,
}

/// Reads the commission rates, document requirements and balances awaiting payout.
pub async fn settings_rows(db: &Db) -> Result<SettingsRows, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT VALUE commission_bps FROM platform_setting:main;\n\
             SELECT slug, name_en, name_zh, (SELECT VALUE rate_bps FROM type::record('commission_rate', $parent.slug))[0] AS rate \
               FROM category WHERE parent != NONE ORDER BY name_en;\n\
             SELECT id, country, business_type, document, only_with_brand FROM document_requirement;\n\
             SELECT shop, shop.name AS name, currency, available_minor FROM shop_balance WHERE available_minor > 0 LIMIT 200;",
        )
        .await?
        .check()?;
    let default: Vec<i64> = res.take(0)?;
    let categories: Vec<CategoryRate> = res.take(1)?;
    let requirements: Vec<RequirementRecord> = res.take(2)?;
    let dues: Vec<BalanceDue> = res.take(3)?;
    Ok(SettingsRows {
        default_bps: default.first().copied(),
        categories,
        requirements,
        dues,
    })
}

/// Reads the account number a shop's payouts go to, if it has set one.
pub async fn payout_account_number(
    db: &Db,
    shop: &RecordId,
) -> Result<Option<String>, surrealdb::Error> {
    let mut r = db
        .query("SELECT VALUE account_number FROM $a")
        .bind(("a", RecordId::new("payout_account", key_of(shop).as_str())))
        .await?
        .check()?;
    let acct: Vec<String> = r.take(0)?;
    Ok(acct.into_iter().next())
}

/// Sets the default commission rate (in basis points).
pub async fn set_default_commission(
    db: &Db,
    bps: i64,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query("UPDATE platform_setting:main SET commission_bps = $bps, updated_at = $now")
        .bind(("bps", bps))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

/// Whether the category exists and is a subcategory.
pub async fn is_subcategory(db: &Db, category: &RecordId) -> Result<bool, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE id FROM $c WHERE parent != NONE")
        .bind(("c", category.clone()))
        .await?
        .check()?;
    let found: Vec<RecordId> = res.take(0)?;
    Ok(!found.is_empty())
}

/// Sets a category's own commission rate (in basis points).
pub async fn set_category_rate(
    db: &Db,
    rate: &RecordId,
    bps: i64,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query("UPSERT $r SET rate_bps = $b, updated_at = $now")
        .bind(("r", rate.clone()))
        .bind(("b", bps))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

/// Removes a category's own commission rate, so the default applies.
pub async fn remove_category_rate(db: &Db, rate: &RecordId) -> Result<(), surrealdb::Error> {
    db.query("DELETE $r")
        .bind(("r", rate.clone()))
        .await?
        .check()?;
    Ok(())
}

/// Adds a document that seller applications require (`None`: any country or business type).
pub async fn add_document_requirement(
    db: &Db,
    country: Option<String>,
    business_type: Option<String>,
    document: &str,
    only_with_brand: bool,
) -> Result<(), surrealdb::Error> {
    db.query("CREATE document_requirement SET country = $c, business_type = $b, document = $d, only_with_brand = $brand")
        .bind(("c", country))
        .bind(("b", business_type))
        .bind(("d", document.to_string()))
        .bind(("brand", only_with_brand))
        .await?
        .check()?;
    Ok(())
}

/// Removes a document requirement; whether there was one to remove.
pub async fn remove_document_requirement(
    db: &Db,
    requirement: &RecordId,
) -> Result<bool, surrealdb::Error> {
    let mut res = db
        .query("DELETE $r RETURN BEFORE")
        .bind(("r", requirement.clone()))
        .await?
        .check()?;
    let gone: Vec<serde_json::Value> = res.take(0)?;
    Ok(!gone.is_empty())
}
