//! The moderation queue: listings that screening queued (live) or held (not live), with
//! filters (risk, reason, brand, shop, age), one case with everything a moderator needs
//! (the listing, the matched reasons, the shop's history) and the decision — approve,
//! reject or request changes — alone or in bulk. Every decision writes a statement of
//! reasons the seller sees, an audit entry and, for rejections on IP or safety grounds,
//! a strike that may change the shop's sanction.

#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueFilter {
    /// `hold` or `queue` (empty: both).
    pub risk: String,
    /// A reason kind such as `unauthorised_brand`.
    pub kind: String,
    pub brand: String,
    /// Shop slug.
    pub shop: String,
    /// `day` (last 24 h), `week`, `older` (more than a week).
    pub age: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub key: String,
    pub title: String,
    pub thumb: String,
    pub shop: String,
    pub shop_name: String,
    pub score: i64,
    pub verdict: String,
    pub reasons: Vec<String>,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub items: Vec<CaseSummary>,
    /// Brands named by open cases, for the filter.
    pub brands: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    pub key: String,
    pub at: i64,
    pub action: String,
    pub ground: Option<String>,
    pub statement: String,
    pub subject: String,
    pub product_title: Option<String>,
    pub product_key: Option<String>,
    pub strike: bool,
    pub appeal_until: Option<i64>,
    pub appeal_status: Option<String>,
    /// The seller can still appeal (inside the window, not appealed yet).
    pub appeal_open: bool,
}

/// A matched photo next to what it matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageMatchView {
    pub reason: String,
    pub matched_url: String,
    pub distance: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopHistory {
    pub created_at: i64,
    pub active_strikes: i64,
    pub sanction: String,
    pub status: String,
    pub open_cases: i64,
    pub decisions: Vec<DecisionView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub summary: CaseSummary,
    pub status: String,
    pub product_key: String,
    pub listing_status: String,
    pub title_en: String,
    pub title_zh: String,
    pub description_en: String,
    pub description_zh: String,
    pub brand: Option<String>,
    pub price: String,
    pub photos: Vec<String>,
    pub matches: Vec<ImageMatchView>,
    pub history: ShopHistory,
    pub decision: Option<DecisionView>,
}

/// The terms to highlight in a listing's text: counterfeit words and matched brand terms.
pub fn highlight_terms(reasons: &[String]) -> Vec<String> {
    reasons
        .iter()
        .filter_map(|r| {
            let mut parts = r.splitn(3, ':');
            match (parts.next(), parts.next(), parts.next()) {
                (Some("counterfeit_term"), Some(t), rest) => {
                    // "1:1" contains the separator
                    Some(rest.map_or(t.to_string(), |r| format!("{t}:{r}")))
                }
                (Some("unauthorised_brand"), Some(_), Some(term)) => Some(term.to_string()),
                _ => None,
            }
        })
        .collect()
}

/// `text` cut into pieces, each marked when it is one of `terms` (case-insensitive).
pub fn highlight(text: &str, terms: &[String]) -> Vec<(String, bool)> {
    let lower = text.to_lowercase();
    // lowercasing can change byte lengths outside ASCII; fall back to no marks then
    if lower.len() != text.len() {
        return vec![(text.to_string(), false)];
    }
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for term in terms.iter().filter(|t| !t.is_empty()) {
        let t = term.to_lowercase();
        let mut from = 0;
        while let Some(i) = lower[from..].find(&t) {
            let start = from + i;
            marks.push((start, start + t.len()));
            from = start + t.len();
        }
    }
    marks.sort();
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in marks {
        if s < at {
            continue;
        }
        if s > at {
            out.push((text[at..s].to_string(), false));
        }
        out.push((text[s..e].to_string(), true));
        at = e;
    }
    if at < text.len() {
        out.push((text[at..].to_string(), false));
    }
    out
}

#[cfg(feature = "ssr")]
pub mod imp {
    use chrono::{DateTime, Duration, Utc};
    use domain::listing::{status_after_publish, ListingStatus};
    use domain::strikes::{check_decision, sanction, CaseAction, Ground, Sanction, StrikePolicy};
    use domain::{FieldError, FieldErrorCode};
    use surrealdb::types::{RecordId, SurrealValue, Variables};

    use super::*;
    use crate::accounts::session::SessionUser;
    use crate::state::{is_record_key, key_of, AppState, Db};
    use backend::db::{Audit, AuditAction, Refusal, Stmts, Tx};
    use surrealdb::types::ToSql;

    #[derive(SurrealValue)]
    struct CaseRow {
        id: RecordId,
        product: RecordId,
        shop: RecordId,
        score: i64,
        verdict: String,
        reasons: Vec<String>,
        status: String,
        created_at: DateTime<Utc>,
        title: Option<String>,
        thumb: Option<String>,
        shop_name: Option<String>,
        decision: Option<RecordId>,
    }

    const CASE_FIELDS: &str =
        "id, product, shop, score, verdict, reasons, status, created_at, decision, \
        product.title_en AS title, product.image_url AS thumb, shop.name AS shop_name";

    fn summary(r: &CaseRow) -> CaseSummary {
        CaseSummary {
            key: key_of(&r.id),
            title: r.title.clone().unwrap_or_default(),
            thumb: r.thumb.clone().unwrap_or_default(),
            shop: key_of(&r.shop),
            shop_name: r.shop_name.clone().unwrap_or_default(),
            score: r.score,
            verdict: r.verdict.clone(),
            reasons: r.reasons.clone(),
            created_at: r.created_at.timestamp(),
        }
    }

    pub async fn queue(state: &AppState, f: &QueueFilter) -> Result<Queue, AppError> {
        let mut conds = vec!["status = 'open'".to_string()];
        let mut vars = Variables::new();
        if !f.risk.is_empty() {
            if !matches!(f.risk.as_str(), "hold" | "queue") {
                return Err(bad("risk"));
            }
            conds.push("verdict = $risk".into());
            vars.insert("risk", f.risk.clone());
        }
        if !f.kind.is_empty() {
            conds.push("$kind IN kinds".into());
            vars.insert("kind", f.kind.clone());
        }
        if !f.brand.is_empty() {
            conds.push("$brand IN brands".into());
            vars.insert("brand", f.brand.clone());
        }
        if !f.shop.is_empty() {
            if !is_record_key(&f.shop) {
                return Err(bad("shop"));
            }
            conds.push("shop = $shop".into());
            vars.insert("shop", RecordId::new("shop", f.shop.as_str()));
        }
        let now = state.now();
        match f.age.as_str() {
            "" => {}
            "day" => {
                conds.push("created_at >= $since".into());
                vars.insert("since", now - Duration::days(1));
            }
            "week" => {
                conds.push("created_at >= $since".into());
                vars.insert("since", now - Duration::days(7));
            }
            "older" => {
                conds.push("created_at < $before".into());
                vars.insert("before", now - Duration::days(7));
            }
            _ => return Err(bad("age")),
        }
        let sql = format!(
            "SELECT {CASE_FIELDS} FROM screening_case WHERE {} ORDER BY created_at LIMIT 100;\n\
             SELECT VALUE brands FROM screening_case WHERE status = 'open' LIMIT 500;",
            conds.join(" AND ")
        );
        let mut res = state
            .db
            .query(sql)
            .bind(surrealdb::types::Object::from(vars))
            .await?
            .check()?;
        let rows: Vec<CaseRow> = res.take(0)?;
        let brand_lists: Vec<Vec<String>> = res.take(1)?;
        let mut brands: Vec<String> = brand_lists.into_iter().flatten().collect();
        brands.sort();
        brands.dedup();
        Ok(Queue {
            items: rows.iter().map(summary).collect(),
            brands,
        })
    }

    fn bad(field: &str) -> AppError {
        crate::error::invalid(field, FieldErrorCode::InvalidChoice)
    }

    #[derive(SurrealValue)]
    struct DecisionRow {
        id: RecordId,
        subject: String,
        product: Option<RecordId>,
        action: String,
        ground: Option<String>,
        statement: String,
        at: DateTime<Utc>,
        appeal_until: Option<DateTime<Utc>>,
        strike: Option<RecordId>,
        title: Option<String>,
        appeal_status: Option<String>,
    }

    pub const DECISION_FIELDS: &str =
        "id, subject, product, action, ground, statement, at, appeal_until, strike, \
        product.title_en AS title, type::record('appeal', record::id(id)).status AS appeal_status";

    fn decision_view(d: DecisionRow, now: DateTime<Utc>) -> DecisionView {
        let appeal_open = d.appeal_status.is_none() && d.appeal_until.is_some_and(|u| now < u);
        DecisionView {
            appeal_open,
            key: key_of(&d.id),
            at: d.at.timestamp(),
            action: d.action,
            ground: d.ground,
            statement: d.statement,
            subject: d.subject,
            product_title: d.title,
            product_key: d.product.as_ref().map(key_of),
            strike: d.strike.is_some(),
            appeal_until: d.appeal_until.map(|t| t.timestamp()),
            appeal_status: d.appeal_status,
        }
    }

    /// A shop's decisions, newest first (what the seller sees, and the case page's history).
    pub async fn decisions_of(
        db: &Db,
        shop: &RecordId,
        now: DateTime<Utc>,
    ) -> Result<Vec<DecisionView>, AppError> {
        let mut res = db
            .query(format!(
                "SELECT {DECISION_FIELDS} FROM moderation_decision WHERE shop = $shop ORDER BY at DESC LIMIT 50"
            ))
            .bind(("shop", shop.clone()))
            .await?
            .check()?;
        let rows: Vec<DecisionRow> = res.take(0)?;
        Ok(rows.into_iter().map(|d| decision_view(d, now)).collect())
    }

    pub async fn policy(db: &Db) -> Result<StrikePolicy, AppError> {
        #[derive(SurrealValue)]
        struct P {
            strike_warning_at: i64,
            strike_limit_at: i64,
            strike_suspend_at: i64,
            strike_terminate_at: i64,
            strike_expiry_days: i64,
            strike_listing_limit: i64,
            appeal_days: i64,
        }
        let mut res = db
            .query("SELECT strike_warning_at, strike_limit_at, strike_suspend_at, strike_terminate_at, strike_expiry_days, strike_listing_limit, appeal_days FROM platform_setting:main")
            .await?
            .check()?;
        let rows: Vec<P> = res.take(0)?;
        let u = |v: i64| u32::try_from(v.max(1)).unwrap_or(1);
        Ok(rows
            .first()
            .map(|p| StrikePolicy {
                warning_at: u(p.strike_warning_at),
                listing_limit_at: u(p.strike_limit_at),
                suspension_at: u(p.strike_suspend_at),
                termination_at: u(p.strike_terminate_at),
                expiry_days: u(p.strike_expiry_days),
                listing_limit: u(p.strike_listing_limit),
                appeal_days: u(p.appeal_days),
            })
            .unwrap_or_default())
    }

    pub async fn active_strikes(
        db: &Db,
        shop: &RecordId,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let mut res = db
            .query("SELECT VALUE count() FROM strike WHERE shop = $shop AND expires_at > $now AND removed_at = NONE GROUP ALL")
            .bind(("shop", shop.clone()))
            .bind(("now", now))
            .await?
            .check()?;
        let n: Vec<i64> = res.take(0)?;
        Ok(n.first().copied().unwrap_or(0))
    }

    pub async fn case(state: &AppState, key: &str) -> Result<CaseDetail, AppError> {
        if !is_record_key(key) {
            return Err(AppError::NotFound);
        }
        let db = &state.db;
        let id = RecordId::new("screening_case", key);
        let mut res = db
            .query(format!("SELECT {CASE_FIELDS} FROM $id"))
            .bind(("id", id))
            .await?
            .check()?;
        let rows: Vec<CaseRow> = res.take(0)?;
        let row = rows.into_iter().next().ok_or(AppError::NotFound)?;
        #[derive(SurrealValue)]
        struct P {
            status: String,
            title_en: String,
            title_zh: String,
            description_en: String,
            description_zh: String,
            brand: Option<String>,
            price_minor: i64,
            currency: String,
        }
        #[derive(SurrealValue)]
        struct S {
            created_at: DateTime<Utc>,
            sanction: String,
            status: String,
        }
        let mut res = db
            .query(
                "SELECT status, title_en, title_zh, description_en, description_zh, brand, price_minor, currency FROM $p;\n\
                 SELECT VALUE url FROM product_image WHERE product = $p ORDER BY position;\n\
                 SELECT created_at, sanction, status FROM $shop;\n\
                 SELECT VALUE count() FROM screening_case WHERE status = 'open' AND shop = $shop GROUP ALL;",
            )
            .bind(("p", row.product.clone()))
            .bind(("shop", row.shop.clone()))
            .await?
            .check()?;
        let p: Vec<P> = res.take(0)?;
        let p = p.into_iter().next().ok_or(AppError::NotFound)?;
        let photos: Vec<String> = res.take(1)?;
        let s: Vec<S> = res.take(2)?;
        let s = s.into_iter().next().ok_or(AppError::NotFound)?;
        let open: Vec<i64> = res.take(3)?;
        let mut matches = Vec::new();
        for r in &row.reasons {
            let parts: Vec<&str> = r.split(':').collect();
            let (key, dist) = match parts.as_slice() {
                ["reference_image", _, key, d] => (*key, d),
                ["copied_image", _, key, d] => (*key, d),
                _ => continue,
            };
            if !is_record_key(key) {
                continue;
            }
            let mut res = db
                .query("SELECT VALUE url FROM ONLY $h")
                .bind(("h", RecordId::new("image_hash", key)))
                .await?
                .check()?;
            let url: Option<String> = res.take(0)?;
            if let Some(url) = url {
                matches.push(ImageMatchView {
                    reason: r.clone(),
                    matched_url: url,
                    distance: dist.parse().unwrap_or(0),
                });
            }
        }
        let decisions = decisions_of(db, &row.shop, state.now()).await?;
        let decision = row.decision.as_ref().and_then(|d| {
            let k = key_of(d);
            decisions.iter().find(|x| x.key == k).cloned()
        });
        Ok(CaseDetail {
            summary: summary(&row),
            status: row.status.clone(),
            product_key: key_of(&row.product),
            listing_status: p.status,
            title_en: p.title_en,
            title_zh: p.title_zh,
            description_en: p.description_en,
            description_zh: p.description_zh,
            brand: p.brand,
            price: crate::sellers::listing_views::price(p.price_minor, &p.currency),
            photos,
            matches,
            history: ShopHistory {
                created_at: s.created_at.timestamp(),
                active_strikes: active_strikes(db, &row.shop, state.now()).await?,
                sanction: s.sanction,
                status: s.status,
                open_cases: open.first().copied().unwrap_or(0),
                decisions,
            },
            decision,
        })
    }

    /// A strike for `shop` inside a decision's transaction: the statements to add (they
    /// read `$d`, the decision's id, and `$now`) and the sanction the shop reaches.
    pub async fn strike_statements(
        db: &Db,
        shop: &RecordId,
        now: DateTime<Utc>,
    ) -> Result<(Stmts, Sanction), AppError> {
        let p = policy(db).await?;
        let before = active_strikes(db, shop, now).await?;
        let after = sanction(u32::try_from(before + 1).unwrap_or(u32::MAX), p);
        let shop_status = match after {
            Sanction::Suspension => "suspended",
            Sanction::Termination => "terminated",
            _ => "",
        };
        let mut s = Stmts::new();
        s.bind("shop", shop.clone())
            .bind(
                "strike_expires",
                now + Duration::days(i64::from(p.expiry_days)),
            )
            .bind("sanction", after.as_str().to_string())
            .bind("shop_status", shop_status.to_string())
            .sql(
                "LET $strike = (CREATE strike SET shop = $shop, decision = $d, issued_at = $now, expires_at = $strike_expires)[0].id;\n\
                 UPDATE $d SET strike = $strike;\n\
                 UPDATE $shop SET sanction = $sanction",
            )
            .sql("LET $sanctioned = $shop_status != '' AND $shop.status = 'approved'")
            .sql(
                "IF $sanctioned {\n\
                   UPDATE $shop SET status = $shop_status;\n\
                   UPDATE type::record('seller', record::id($shop.seller)) SET status = $shop_status;\n\
                 }",
            )
            .audit_if(
                "$sanctioned",
                Audit::on(None, AuditAction::ShopSanctioned, shop, now)
                    .detail(serde_json::json!({ "sanction": after.as_str() })),
            );
        Ok((s, after))
    }

    pub async fn decide(
        state: &AppState,
        moderator: &SessionUser,
        key: &str,
        action: CaseAction,
        ground: Option<Ground>,
        statement: &str,
    ) -> Result<(), AppError> {
        if !is_record_key(key) {
            return Err(AppError::NotFound);
        }
        let db = &state.db;
        let case_id = RecordId::new("screening_case", key);
        #[derive(SurrealValue)]
        struct C {
            product: RecordId,
            shop: RecordId,
            status: String,
            score: i64,
            listing_status: Option<String>,
            publish_at: Option<DateTime<Utc>>,
            delist_at: Option<DateTime<Utc>>,
            title: Option<String>,
        }
        let mut res = db
            .query("SELECT product, shop, status, score, product.status AS listing_status, product.publish_at AS publish_at, product.delist_at AS delist_at, product.title_en AS title FROM $id")
            .bind(("id", case_id.clone()))
            .await?
            .check()?;
        let rows: Vec<C> = res.take(0)?;
        let c = rows.into_iter().next().ok_or(AppError::NotFound)?;
        if c.status != "open" {
            return Err(AppError::Invalid(vec![FieldError::new(
                "case",
                FieldErrorCode::AlreadyDecided,
            )]));
        }
        let now = state.now();
        let listing = ListingStatus::parse(c.listing_status.as_deref().unwrap_or("draft"))
            .unwrap_or(ListingStatus::Draft);
        let new_status = match action {
            CaseAction::Approve if listing == ListingStatus::Held => status_after_publish(
                now.timestamp(),
                c.publish_at.map(|t| t.timestamp()),
                c.delist_at.map(|t| t.timestamp()),
            ),
            CaseAction::Approve => listing,
            CaseAction::Reject => ListingStatus::Delisted,
            CaseAction::RequestChanges => ListingStatus::Draft,
        };
        let case_status = match action {
            CaseAction::Approve => "approved",
            CaseAction::Reject => "rejected",
            CaseAction::RequestChanges => "changes_requested",
        };
        let p = policy(db).await?;
        let statement = if statement.trim().is_empty() {
            "Reviewed by a moderator and approved. · 經審核通過。".to_string()
        } else {
            statement.trim().to_string()
        };
        let subject = format!("product:{}", key_of(&c.product));
        let audit = Audit::new(
            Some(&moderator.id),
            AuditAction::ModerationCase(action.as_str()),
            subject.clone(),
            now,
        )
        .detail(serde_json::json!({
            "case": case_id.to_sql(),
            "ground": ground.map(|g| g.as_str()),
            "statement": statement,
            "score": c.score,
            "listing_status": new_status.as_str(),
        }));
        let mut s = Stmts::new();
        s.bind("case", case_id)
            .bind("product", c.product.clone())
            .bind("shop", c.shop.clone())
            .bind("action", action.as_str().to_string())
            .bind("ground", ground.map(|g| g.as_str().to_string()))
            .bind("statement", statement)
            .bind("case_status", case_status.to_string())
            .bind("status", new_status.as_str().to_string())
            .bind("actor", moderator.id.clone())
            .bind(
                "appeal_until",
                (action != CaseAction::Approve)
                    .then(|| now + Duration::days(i64::from(p.appeal_days))),
            )
            .bind("subject", subject)
            .bind("title", c.title.clone().unwrap_or_default())
            .sql("LET $moved = (UPDATE $case SET status = $case_status WHERE status = 'open' RETURN VALUE id)")
            .refuse_if("array::len($moved) = 0", Refusal::AlreadyDecided)
            .sql(
                "LET $d = (CREATE moderation_decision SET subject = $subject, product = $product, shop = $shop, action = $action, \
                   ground = $ground ?? NONE, statement = $statement, decided_by = $actor, at = $now, appeal_until = $appeal_until ?? NONE)[0].id;\n\
                 UPDATE $case SET decision = $d;\n\
                 UPDATE $product SET status = $status, updated_at = $now",
            )
            .audit(audit)
            .sql(
                "CREATE outbox SET recipient = $shop.owner, kind = 'moderation_notice', \
                 subject = 'Decision on your listing · 商品審查結果', body = $title, link = '/seller/notices', created_at = $now",
            );
        if action == CaseAction::Reject && ground.is_some_and(Ground::gives_strike) {
            let (strike, _) = strike_statements(db, &c.shop, now).await?;
            s.add(strike);
        }
        let mut tx = Tx::new();
        tx.bind("now", now).add(s);
        match tx.run(db).await? {
            Ok(_) => {
                state.catalog_cache.invalidate();
                Ok(())
            }
            Err(_) => Err(AppError::Invalid(vec![FieldError::new(
                "case",
                FieldErrorCode::AlreadyDecided,
            )])),
        }
    }

    pub fn parse_decision(
        action: &str,
        ground: &str,
        statement: &str,
    ) -> Result<(CaseAction, Option<Ground>), AppError> {
        let action = CaseAction::parse(action).ok_or_else(|| bad("action"))?;
        let ground = check_decision(action, ground, statement).map_err(AppError::Invalid)?;
        Ok((action, ground))
    }
}

#[server(endpoint = "moderation_queue")]
pub async fn get_moderation_queue(
    #[server(default)] filter: QueueFilter,
) -> Result<Queue, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user: _ } =
                crate::ctx::Ctx::role(domain::Role::Moderator).await?;
            imp::queue(&state, &filter).await
        }
        .await,
    )
}

#[server(endpoint = "moderation_case")]
pub async fn get_moderation_case(key: String) -> Result<CaseDetail, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user: _ } =
                crate::ctx::Ctx::role(domain::Role::Moderator).await?;
            imp::case(&state, &key).await
        }
        .await,
    )
}

/// A moderator's decision on one case.
#[server(endpoint = "decide_case")]
pub async fn decide_case(
    key: String,
    action: String,
    #[server(default)] ground: String,
    #[server(default)] statement: String,
) -> Result<(), AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Moderator).await?;
            let (action, ground) = imp::parse_decision(&action, &ground, &statement)?;
            imp::decide(&state, &user, &key, action, ground, &statement).await
        }
        .await,
    )
}

/// The same decision on several cases; cases decided meanwhile are skipped and counted.
/// Returns how many were decided.
#[server(endpoint = "decide_cases")]
pub async fn decide_cases(
    #[server(default)] case: Vec<String>,
    action: String,
    #[server(default)] ground: String,
    #[server(default)] statement: String,
) -> Result<usize, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Moderator).await?;
            let (action, ground) = imp::parse_decision(&action, &ground, &statement)?;
            if case.is_empty() {
                return Err(AppError::Invalid(vec![domain::FieldError::new(
                    "case",
                    domain::FieldErrorCode::Required,
                )]));
            }
            let mut done = 0;
            for key in case.iter().take(100) {
                match imp::decide(&state, &user, key, action, ground, &statement).await {
                    Ok(()) => done += 1,
                    Err(AppError::Invalid(_)) | Err(AppError::NotFound) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(done)
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_terms_case_insensitively() {
        let terms = highlight_terms(&[
            "counterfeit_term:1:1".into(),
            "unauthorised_brand:Maison Lune:maison lune".into(),
            "price_below_median:20".into(),
        ]);
        assert_eq!(terms, ["1:1", "maison lune"]);
        let parts = highlight("Maison Lune bag, 1:1 copy", &terms);
        assert_eq!(
            parts,
            [
                ("Maison Lune".to_string(), true),
                (" bag, ".to_string(), false),
                ("1:1".to_string(), true),
                (" copy".to_string(), false)
            ]
        );
        let zh = highlight("月之屋 手袋 高仿", &["高仿".to_string()]);
        assert_eq!(zh.last().unwrap(), &("高仿".to_string(), true));
    }
}
