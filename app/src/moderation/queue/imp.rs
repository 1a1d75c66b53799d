//! The moderation queue's rules (server only): the queue and its filters, a case page,
//! the strike policy and strikes, and a moderator's decision. The queries are in
//! `store::queue`.

use chrono::{DateTime, Duration, Utc};
use domain::keys::CaseKey;
use domain::listing::{status_after_publish, ListingStatus, Lock};
use domain::strikes::{check_decision, sanction, CaseAction, Ground, Sanction, StrikePolicy};
use domain::{FieldError, FieldErrorCode};
use surrealdb::types::{RecordId, ToSql};

use super::{
    CaseDetail, CaseSummary, DecisionView, ImageMatchView, Queue, QueueFilter, ShopHistory,
};
use crate::accounts::session::SessionUser;
use crate::error::AppError;
use crate::moderation::store::queue::{
    self as store, CaseDecision, CaseFilter, CaseRow, DecisionRow,
};
use crate::state::{is_record_key, key_of, record, AppState, Db};
use backend::db::{Audit, AuditAction, Stmts, Tx};
use backend::moderation::store::locks::LockChange;
use backend::notify::Notice;

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
    let mut filter = CaseFilter::default();
    if !f.risk.is_empty() {
        if !matches!(f.risk.as_str(), "hold" | "queue") {
            return Err(bad("risk"));
        }
        filter.risk = Some(f.risk.clone());
    }
    if !f.kind.is_empty() {
        filter.kind = Some(f.kind.clone());
    }
    if !f.brand.is_empty() {
        filter.brand = Some(f.brand.clone());
    }
    if !f.shop.is_empty() {
        if !is_record_key(&f.shop) {
            return Err(bad("shop"));
        }
        filter.shop = Some(RecordId::new("shop", f.shop.as_str()));
    }
    let now = state.now();
    match f.age.as_str() {
        "" => {}
        "day" => filter.since = Some(now - Duration::days(1)),
        "week" => filter.since = Some(now - Duration::days(7)),
        "older" => filter.before = Some(now - Duration::days(7)),
        _ => return Err(bad("age")),
    }
    let cases = store::open_cases(&state.db, filter).await?;
    let mut brands: Vec<String> = cases.brands.into_iter().flatten().collect();
    brands.sort();
    brands.dedup();
    Ok(Queue {
        items: cases.rows.iter().map(summary).collect(),
        brands,
    })
}

fn bad(field: &str) -> AppError {
    crate::error::invalid(field, FieldErrorCode::InvalidChoice)
}

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
    let rows = store::decisions_of_shop(db, shop).await?;
    Ok(rows.into_iter().map(|d| decision_view(d, now)).collect())
}

pub async fn policy(db: &Db) -> Result<StrikePolicy, AppError> {
    let settings = store::strike_settings(db).await?;
    let u = |v: i64| u32::try_from(v.max(1)).unwrap_or(1);
    Ok(settings
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

pub async fn active_strikes(db: &Db, shop: &RecordId, now: DateTime<Utc>) -> Result<i64, AppError> {
    Ok(store::active_strike_count(db, shop, now).await?)
}

pub async fn case(state: &AppState, key: &CaseKey) -> Result<CaseDetail, AppError> {
    let db = &state.db;
    let id = record(key);
    let row = store::case(db, id).await?.ok_or(AppError::NotFound)?;
    let store::CaseContext {
        listing,
        photos,
        shop,
        open_cases,
    } = store::case_context(db, row.product.clone(), row.shop.clone()).await?;
    let p = listing.ok_or(AppError::NotFound)?;
    let s = shop.ok_or(AppError::NotFound)?;
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
        let url = store::image_url(db, RecordId::new("image_hash", key)).await?;
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
        price: crate::sellers::price(p.price_minor, &p.currency),
        photos,
        matches,
        history: ShopHistory {
            created_at: s.created_at.timestamp(),
            active_strikes: active_strikes(db, &row.shop, state.now()).await?,
            sanction: s.sanction,
            status: s.status,
            open_cases,
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
    let s = store::issue_strike(
        shop.clone(),
        now + Duration::days(i64::from(p.expiry_days)),
        after.as_str().to_string(),
        shop_status.to_string(),
        Audit::on(None, AuditAction::ShopSanctioned, shop, now)
            .detail(serde_json::json!({ "sanction": after.as_str() })),
    );
    Ok((s, after))
}

/// What a case decision does to the listing: a rejection locks it down (ending a
/// report hold), an approval or a request for changes lifts moderation's locks and
/// puts it where the decision says — unless a rights notice still keeps it down.
fn lock_change(action: CaseAction, status: ListingStatus) -> LockChange {
    match action {
        CaseAction::Reject => LockChange::Put {
            lock: Lock::Moderation,
            replaces: vec![Lock::Report],
            down: ListingStatus::Delisted,
            force: true,
        },
        CaseAction::Approve | CaseAction::RequestChanges => LockChange::Lift {
            locks: vec![Lock::Moderation, Lock::Report],
            up: Some(status),
        },
    }
}

pub async fn decide(
    state: &AppState,
    moderator: &SessionUser,
    key: &CaseKey,
    action: CaseAction,
    ground: Option<Ground>,
    statement: &str,
) -> Result<(), AppError> {
    let db = &state.db;
    let case_id = record(key);
    let c = store::case_to_decide(db, case_id.clone())
        .await?
        .ok_or(AppError::NotFound)?;
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
    let mut s = store::decide_case(
        CaseDecision {
            case: case_id,
            product: c.product.clone(),
            shop: c.shop.clone(),
            action: action.as_str().to_string(),
            ground: ground.map(|g| g.as_str().to_string()),
            statement,
            case_status: case_status.to_string(),
            listing: lock_change(action, new_status),
            actor: moderator.id.clone(),
            appeal_until: (action != CaseAction::Approve)
                .then(|| now + Duration::days(i64::from(p.appeal_days))),
            subject,
            mail: Notice::ListingDecided {
                title: c.title.clone().unwrap_or_default(),
            }
            .render(),
        },
        audit,
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
