//! The marketing area's logic: the shop's promotions with where each stands, creating
//! one from the form (its products and category must be the shop's own), and pausing,
//! resuming or ending one — each change audited.

use backend::db::{Audit, AuditAction};
use chrono::{DateTime, Utc};
use domain::keys::PromotionKey;
use domain::pricing::Target;
use domain::promotion::{self, Draft, PromotionForm};
use domain::{Currency, FieldError, FieldErrorCode, Lang, Money};
use surrealdb::types::RecordId;

use super::store::{self, Move, NewPromotion, OwnProduct, PromotionRow};
use super::{describe, MarketingData, PromotionView, VoucherView};
use crate::catalog::localized;
use crate::ctx::{Ctx, SellerCtx};
use crate::error::AppError;
use crate::i18n::K;
use crate::state::{key_of, record};

/// The most promotions the marketing area lists.
const LISTED: i64 = 200;

pub(super) fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// A stored promotion as the marketing area shows it (`None`: a rule this build cannot
/// read).
pub(super) fn view_of(p: PromotionRow, lang: Lang, now: DateTime<Utc>) -> Option<PromotionView> {
    let currency = Currency::parse(&p.currency)?;
    let rule = p.kind()?;
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
        flash: p.flash(),
        voucher: p.voucher(),
        members_only: p.members_only,
    };
    let mut words = describe(&rule, currency, lang);
    if p.members_only {
        words.push_str(" · ");
        words.push_str(K::FwMemberPrice.text(lang));
    }
    if let Some(stock) = p.flash() {
        words.push_str(" · ");
        words.push_str(
            &K::PmFlashStock
                .text(lang)
                .replace("{sold}", &p.flash_sold.to_string())
                .replace("{units}", &stock.units.to_string())
                .replace("{per}", &stock.per_buyer.to_string()),
        );
    }
    Some(PromotionView {
        key: key_of(&p.id),
        title: localized(lang, p.title_en, p.title_zh),
        rule: words,
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
            .filter_map(|p| view_of(p, lang, now))
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
/// listings are in or any that exists), and a rule on chosen products may not take one
/// below its floor; the products named, with their prices and floors.
async fn check_targets(seller: &SellerCtx, d: &Draft) -> Result<Vec<OwnProduct>, AppError> {
    let target = match &d.rule {
        domain::pricing::Kind::Discount { target, .. }
        | domain::pricing::Kind::Price { target, .. }
        | domain::pricing::Kind::Bundle { target, .. } => target,
        _ => return Ok(Vec::new()),
    };
    let (keys, category, field) = match target {
        Target::WholeShop => return Ok(Vec::new()),
        Target::Products(keys) => (keys.clone(), None, "products"),
        Target::Category(c) => (
            Vec::new(),
            crate::state::is_record_key(c).then(|| RecordId::new("category", c.as_str())),
            "category",
        ),
    };
    let invalid = |field: &str, code| Err(AppError::Invalid(vec![FieldError::new(field, code)]));
    if field == "category" && category.is_none() {
        return invalid(field, FieldErrorCode::InvalidChoice);
    }
    let valid: Vec<String> = keys
        .iter()
        .filter(|k| crate::state::is_record_key(k))
        .cloned()
        .collect();
    let (own, category_ok) =
        store::own_products(&seller.state.db, &seller.shop.id, &valid, category).await?;
    if keys.iter().any(|k| !own.iter().any(|o| &o.key == k)) {
        return invalid(field, FieldErrorCode::NotAllowed);
    }
    if !category_ok {
        return invalid(field, FieldErrorCode::InvalidChoice);
    }
    // on chosen products the seller sees at once a rule below a product's floor (on a
    // category or the whole shop, checkout stops each unit at its floor)
    let below = own.iter().any(|o| {
        domain::pricing::item_unit_price(&d.rule, o.price_minor)
            .is_some_and(|unit| unit < o.promo_floor_minor.unwrap_or(0))
    });
    if below {
        return invalid(rule_field(&d.rule), FieldErrorCode::BelowFloor);
    }
    Ok(own)
}

/// The form's field that sets how much an item rule takes off.
fn rule_field(rule: &domain::pricing::Kind) -> &'static str {
    match rule {
        domain::pricing::Kind::Discount {
            off: domain::pricing::Off::Percent(_),
            ..
        } => "percent",
        domain::pricing::Kind::Discount { .. } => "amount",
        _ => "price",
    }
}

/// A flash sale's product (one of the shop's, `own`) must cost more than the flash
/// price, and no other flash sale of it may meet the slot; the product.
async fn check_flash(
    seller: &SellerCtx,
    d: &Draft,
    own: &[OwnProduct],
    at: impl Fn(i64) -> DateTime<Utc>,
) -> Result<Option<RecordId>, AppError> {
    let (
        Some(_),
        domain::pricing::Kind::Price {
            target: Target::Products(ps),
            unit_minor,
            ..
        },
    ) = (d.flash, &d.rule)
    else {
        return Ok(None);
    };
    let invalid = |field: &str, code| Err(AppError::Invalid(vec![FieldError::new(field, code)]));
    let product = RecordId::new("product", ps[0].as_str());
    match own.iter().find(|o| o.key == ps[0]) {
        Some(o) if *unit_minor < o.price_minor => {}
        Some(_) => return invalid("price", FieldErrorCode::InvalidPrice),
        None => return invalid("products", FieldErrorCode::NotAllowed),
    }
    let db = &seller.state.db;
    if store::flash_overlaps(db, &product, at(d.starts_at), at(d.ends_at)).await? {
        return invalid("starts_at", FieldErrorCode::Overlaps);
    }
    Ok(Some(product))
}

/// Creates a promotion of the seller's shop from the form.
pub async fn save(seller: &SellerCtx, form: PromotionForm) -> Result<(), AppError> {
    let state = &seller.state;
    let now = state.now();
    let d = promotion::validate(&form, seller.shop.currency(), now.timestamp())
        .map_err(AppError::Invalid)?;
    let own = check_targets(seller, &d).await?;
    let at = |unix: i64| DateTime::<Utc>::from_timestamp(unix, 0).unwrap_or(now);
    let flash_product = check_flash(seller, &d, &own, at).await?;
    let rule =
        serde_json::to_string(&d.rule).map_err(|e| crate::error::internal("promotion rule", e))?;
    let id = RecordId::new("promotion", crate::orders::imp::new_key().as_str());
    let created = store::create_promotion(
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
            flash_product,
            flash_units: d.flash.map(|f| f.units),
            flash_per_buyer: d.flash.map(|f| f.per_buyer),
            flash_sold: 0,
            voucher: d.voucher.is_some(),
            voucher_code: d.voucher.as_ref().and_then(|v| v.code.clone()),
            voucher_total: d.voucher.as_ref().and_then(|v| v.total),
            voucher_per_buyer: d.voucher.as_ref().map(|v| v.per_buyer),
            voucher_new_buyers: d.voucher.as_ref().is_some_and(|v| v.new_buyers),
            voucher_used: 0,
            members_only: d.members_only,
            created_at: now,
            updated_at: now,
        },
    )
    .await?;
    if !created {
        return Err(AppError::Invalid(vec![FieldError::new(
            "code",
            FieldErrorCode::CodeTaken,
        )]));
    }
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

/// A voucher as a shopper sees it, `used` times used by them (`None`: not claimed).
pub fn voucher_view(
    p: &PromotionRow,
    lang: domain::Lang,
    now: DateTime<Utc>,
    used: Option<i64>,
) -> Option<VoucherView> {
    let terms = p.voucher()?;
    let currency = Currency::parse(&p.currency)?;
    let status = match used {
        None => "claimable",
        Some(_) if now >= p.ends_at => "ended",
        Some(_) if now < p.starts_at => "scheduled",
        Some(n) if n >= terms.per_buyer => "used",
        Some(_) if terms.total.is_some_and(|t| p.voucher_used >= t) => "gone",
        Some(_) => "usable",
    };
    Some(VoucherView {
        key: key_of(&p.id),
        title: localized(lang, p.title_en.clone(), p.title_zh.clone()),
        shop: p.shop_name.clone().unwrap_or_default(),
        rule: describe(&p.kind()?, currency, lang),
        ends: (p.ends_at - chrono::Duration::seconds(1))
            .format("%Y-%m-%d")
            .to_string(),
        status: status.to_string(),
    })
}

/// Puts voucher `key` into the shopper's wallet: not found unless it is a voucher that
/// has not ended.
pub async fn claim(ctx: &Ctx, key: &PromotionKey) -> Result<(), AppError> {
    let id = record(key);
    claim_id(ctx, &id).await
}

async fn claim_id(ctx: &Ctx, id: &RecordId) -> Result<(), AppError> {
    let now = ctx.state.now();
    match store::promotion(&ctx.state.db, id).await? {
        Some(p) if p.voucher && p.ends_at > now => {
            store::claim_voucher(&ctx.state.db, id, &ctx.user.id, now).await?;
            Ok(())
        }
        _ => Err(AppError::NotFound),
    }
}

/// Puts the voucher `code` names into the shopper's wallet; an unknown or ended code
/// is refused on its field.
pub async fn claim_code(ctx: &Ctx, code: &str) -> Result<(), AppError> {
    let wrong = || AppError::Invalid(vec![FieldError::new("code", FieldErrorCode::InvalidChoice)]);
    let code = promotion::voucher_code(code).ok_or_else(wrong)?;
    let id = store::voucher_by_code(&ctx.state.db, &code)
        .await?
        .ok_or_else(wrong)?;
    claim_id(ctx, &id).await.map_err(|e| match e {
        AppError::NotFound => wrong(),
        e => e,
    })
}

/// The shopper's wallet: usable vouchers first, each with where it stands.
pub async fn wallet(ctx: &Ctx) -> Result<Vec<VoucherView>, AppError> {
    let now = ctx.state.now();
    let lang = ctx.prefs.lang;
    let mut out: Vec<VoucherView> = store::wallet(&ctx.state.db, &ctx.user.id)
        .await?
        .into_iter()
        .filter_map(|(p, used)| voucher_view(&p, lang, now, Some(used)))
        .collect();
    out.sort_by_key(|v| v.status != "usable");
    Ok(out)
}
