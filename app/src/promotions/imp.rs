//! The marketing area's logic: the shop's promotions with where each stands, creating
//! one from the form (its products and category must be the shop's own), and pausing,
//! resuming or ending one — each change audited.

use backend::db::{Audit, AuditAction};
use chrono::{DateTime, Utc};
use domain::keys::PromotionKey;
use domain::pricing::Target;
use domain::promotion::{self, Draft, PromotionForm};
use domain::{Currency, FieldError, FieldErrorCode, Money};
use surrealdb::types::RecordId;

use super::store::{self, Move, NewPromotion, PromotionRow};
use super::{describe, MarketingData, PromotionView};
use crate::catalog::localized;
use crate::ctx::SellerCtx;
use crate::error::AppError;
use crate::state::{key_of, record};

/// The most promotions the marketing area lists.
const LISTED: i64 = 200;

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// A stored promotion as the marketing area shows it (`None`: a rule this build cannot
/// read).
fn view_of(p: PromotionRow, seller: &SellerCtx, now: DateTime<Utc>) -> Option<PromotionView> {
    let currency = Currency::parse(&p.currency)?;
    let rule = p.kind()?;
    let lang = seller.prefs.lang;
    let status = promotion::status(
        p.starts_at.timestamp(),
        p.ends_at.timestamp(),
        p.paused,
        p.budget_minor,
        p.spent_minor,
        now.timestamp(),
    );
    let draft = Draft {
        title_en: p.title_en.clone(),
        title_zh: p.title_zh.clone(),
        rule: rule.clone(),
        starts_at: p.starts_at.timestamp(),
        ends_at: p.ends_at.timestamp(),
        budget_minor: p.budget_minor,
    };
    Some(PromotionView {
        key: key_of(&p.id),
        title: localized(lang, p.title_en, p.title_zh),
        rule: describe(&rule, currency, lang),
        status: status.as_str().to_string(),
        starts: stamp(p.starts_at),
        ends: stamp(p.ends_at),
        budget: p.budget_minor.map(|b| Money::new(b, currency)),
        spent: Money::new(p.spent_minor, currency),
        orders: p.orders,
        revenue: Money::new(p.revenue_minor, currency),
        copy: promotion::form_of(&draft, currency),
    })
}

pub async fn marketing(seller: &SellerCtx) -> Result<MarketingData, AppError> {
    let db = &seller.state.db;
    let now = seller.state.now();
    let rows = store::promotions_of_shop(db, &seller.shop.id, LISTED).await?;
    let lang = seller.prefs.lang;
    Ok(MarketingData {
        promotions: rows
            .into_iter()
            .filter_map(|p| view_of(p, seller, now))
            .collect(),
        currency: seller.shop.currency.clone(),
        categories: store::shop_categories(db, &seller.shop.id)
            .await?
            .into_iter()
            .map(|c| (key_of(&c.id), localized(lang, c.name_en, c.name_zh)))
            .collect(),
    })
}

/// The named products and category must be the shop's own (a category: one its
/// listings are in or any that exists).
async fn check_targets(seller: &SellerCtx, d: &Draft) -> Result<(), AppError> {
    let target = match &d.rule {
        domain::pricing::Kind::Discount { target, .. }
        | domain::pricing::Kind::Price { target, .. }
        | domain::pricing::Kind::Bundle { target, .. } => target,
        _ => return Ok(()),
    };
    let (keys, category, field) = match target {
        Target::WholeShop => return Ok(()),
        Target::Products(keys) => (keys.clone(), None, "products"),
        Target::Category(c) => (
            Vec::new(),
            crate::state::is_record_key(c).then(|| RecordId::new("category", c.as_str())),
            "category",
        ),
    };
    if field == "category" && category.is_none() {
        return Err(AppError::Invalid(vec![FieldError::new(
            field,
            FieldErrorCode::InvalidChoice,
        )]));
    }
    let valid: Vec<String> = keys
        .iter()
        .filter(|k| crate::state::is_record_key(k))
        .cloned()
        .collect();
    let (own, category_ok) =
        store::own_products(&seller.state.db, &seller.shop.id, &valid, category).await?;
    let foreign = keys.iter().any(|k| !own.contains(k));
    if foreign || !category_ok {
        let code = if foreign {
            FieldErrorCode::NotAllowed
        } else {
            FieldErrorCode::InvalidChoice
        };
        return Err(AppError::Invalid(vec![FieldError::new(field, code)]));
    }
    Ok(())
}

/// Creates a promotion of the seller's shop from the form.
pub async fn save(seller: &SellerCtx, form: PromotionForm) -> Result<(), AppError> {
    let state = &seller.state;
    let now = state.now();
    let d = promotion::validate(&form, seller.shop.currency(), now.timestamp())
        .map_err(AppError::Invalid)?;
    check_targets(seller, &d).await?;
    let at = |unix: i64| DateTime::<Utc>::from_timestamp(unix, 0).unwrap_or(now);
    let rule =
        serde_json::to_string(&d.rule).map_err(|e| crate::error::internal("promotion rule", e))?;
    let id = RecordId::new("promotion", crate::orders::imp::new_key().as_str());
    store::create_promotion(
        &state.db,
        &id,
        NewPromotion {
            shop: seller.shop.id.clone(),
            title_en: d.title_en.clone(),
            title_zh: d.title_zh.clone(),
            rule: rule.clone(),
            currency: seller.shop.currency.clone(),
            starts_at: at(d.starts_at),
            ends_at: at(d.ends_at),
            budget_minor: d.budget_minor,
            paused: false,
            spent_minor: 0,
            orders: 0,
            revenue_minor: 0,
            created_at: now,
            updated_at: now,
        },
    )
    .await?;
    crate::accounts::store::audit(
        &state.db,
        Audit::on(
            Some(&seller.user.id),
            AuditAction::PromotionCreated,
            &id,
            now,
        )
        .detail(serde_json::json!({ "rule": rule, "budget_minor": d.budget_minor })),
    )
    .await?;
    forget(state);
    Ok(())
}

/// The storefront's cached promotions, after a seller changed one.
fn forget(state: &crate::state::AppState) {
    state.catalog_cache.forget("home_promotions");
    state.catalog_cache.forget("promo_book");
}

/// Pauses, resumes or ends one of the seller's promotions (audited): not found when it
/// is another shop's or over.
pub async fn move_to(seller: &SellerCtx, key: &PromotionKey, to: &str) -> Result<(), AppError> {
    let (to, name) = match to {
        "pause" => (Move::Pause, "paused"),
        "resume" => (Move::Resume, "resumed"),
        "end" => (Move::End, "ended"),
        _ => {
            return Err(AppError::Invalid(vec![FieldError::new(
                "to",
                FieldErrorCode::InvalidChoice,
            )]))
        }
    };
    let state = &seller.state;
    let now = state.now();
    let id = record(key);
    let moved = store::move_promotion(&state.db, &id, &seller.shop.id, to, now).await?;
    if moved.is_empty() {
        return Err(AppError::NotFound);
    }
    crate::accounts::store::audit(
        &state.db,
        Audit::on(
            Some(&seller.user.id),
            AuditAction::PromotionMoved(name),
            &id,
            now,
        ),
    )
    .await?;
    forget(state);
    Ok(())
}
