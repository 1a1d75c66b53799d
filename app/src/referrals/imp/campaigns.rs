//! Campaigns: the platform's dashboard and a seller's own campaigns, the admin's and
//! sellers' campaign forms, pausing and resuming.

use backend::db::{Audit, AuditAction};
use chrono::Duration;
use domain::keys::CampaignKey;
use domain::referral as rf;
use domain::{Currency, FieldError, FieldErrorCode, Money, Role};
use surrealdb::types::RecordId;

use super::money;
use super::store::{self, CampaignValues, DayRow};
use crate::accounts::session::SessionUser;
use crate::ctx::{Ctx, SellerCtx};
use crate::error::AppError;
use crate::referrals::{CampaignDashboard, CampaignRow, DayPoint};
use crate::sellers::money::imp::day_of;
use crate::state::{is_record_key, key_of, record, AppState, Db};

/// Campaigns with what they did: every one, or those funded by `shop`.
async fn campaign_rows(db: &Db, shop: Option<RecordId>) -> Result<Vec<CampaignRow>, AppError> {
    let rows = store::campaigns_with_stats(db, shop).await?;
    Ok(rows
        .into_iter()
        .map(|r| CampaignRow {
            key: key_of(&r.id),
            name: r.name,
            shop: r.shop_name,
            kind: r.kind,
            rate_bps: r.rate_bps,
            fixed: money(r.fixed_minor, &r.currency),
            cap: money(r.cap_minor, &r.currency),
            welcome_bps: r.welcome_bps,
            welcome_cap: money(r.welcome_cap_minor, &r.currency),
            active: r.active,
            rewards: r.rewards,
            flagged: r.flagged,
            cost: money(r.cost_minor, &r.currency),
            revenue: money(r.revenue_minor, &r.currency),
            currency: r.currency,
        })
        .collect())
}

/// The seller's own sharing campaigns.
pub async fn shop_campaigns(seller: &SellerCtx) -> Result<Vec<CampaignRow>, AppError> {
    campaign_rows(&seller.state.db, Some(seller.shop.id.clone())).await
}

pub async fn dashboard(state: &AppState) -> Result<CampaignDashboard, AppError> {
    let from = day_of(state.now() - Duration::days(29));
    let days = store::days_from(&state.db, from).await?;
    let today = state.now().date_naive();
    let points = (0..30)
        .rev()
        .map(|back| {
            let d = (today - Duration::days(back))
                .format("%Y-%m-%d")
                .to_string();
            let found = days.iter().find(|x| x.day == d);
            let get = |f: fn(&DayRow) -> Option<i64>| found.and_then(f).unwrap_or(0);
            DayPoint {
                shares: get(|x| x.shares),
                clicks: get(|x| x.clicks),
                signups: get(|x| x.signups),
                orders: get(|x| x.orders),
                day: d,
            }
        })
        .collect();
    Ok(CampaignDashboard {
        campaigns: campaign_rows(&state.db, None).await?,
        days: points,
    })
}

pub struct CampaignForm {
    pub key: String,
    pub name: String,
    pub shop: String,
    pub currency: String,
    pub kind: String,
    pub rate: String,
    pub fixed: String,
    pub cap: String,
    pub welcome: String,
    pub welcome_cap: String,
    pub active: bool,
}

/// An amount field: `None` when empty (or the currency is unknown), negative when it does
/// not read as an amount of the currency (`check_campaign` reports it).
fn amount_field(raw: &str, currency: Option<Currency>) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    // without a currency the amount cannot be read: only the currency is reported
    let currency = currency?;
    Some(
        Money::parse_major(raw, currency)
            .map(|m| m.amount_minor)
            .filter(|m| *m >= 0)
            .unwrap_or(-1),
    )
}

/// An admin creates or changes any campaign (platform-wide, or funded by a named shop).
pub async fn save_campaign(admin: &Ctx, f: CampaignForm) -> Result<(), AppError> {
    save(&admin.state, &admin.user, f).await
}

/// A seller creates a campaign funded by their own shop, in its currency.
pub async fn save_shop_campaign(seller: &SellerCtx, mut f: CampaignForm) -> Result<(), AppError> {
    f.key = String::new();
    f.shop = key_of(&seller.shop.id);
    f.currency = seller.shop.currency.clone();
    save(&seller.state, &seller.user, f).await
}

async fn save(state: &AppState, actor: &SessionUser, f: CampaignForm) -> Result<(), AppError> {
    let mut errs = Vec::new();
    let name = f.name.trim().to_string();
    if name.is_empty() {
        errs.push(FieldError::new("name", FieldErrorCode::Required));
    } else if name.chars().count() > 80 {
        errs.push(FieldError::new("name", FieldErrorCode::TooLong));
    }
    let currency = Currency::parse(f.currency.trim());
    if currency.is_none() {
        errs.push(FieldError::new("currency", FieldErrorCode::WrongCurrency));
    }
    let shop_slug = f.shop.trim();
    let shop = if shop_slug.is_empty() {
        None
    } else if is_record_key(shop_slug) {
        Some(RecordId::new("shop", shop_slug))
    } else {
        errs.push(FieldError::new("shop", FieldErrorCode::InvalidChoice));
        None
    };
    let rule = rf::check_campaign(&rf::CampaignInput {
        kind: f.kind.as_str(),
        rate: f.rate.as_str(),
        fixed_minor: amount_field(&f.fixed, currency),
        cap_minor: amount_field(&f.cap, currency),
        welcome: f.welcome.as_str(),
        welcome_cap_minor: amount_field(&f.welcome_cap, currency),
    });
    let rule = match rule {
        Ok(r) => Some(r),
        Err(e) => {
            errs.extend(e);
            None
        }
    };
    if let Some(shop) = &shop {
        if store::record_exists(&state.db, shop).await? != Some(true) {
            errs.push(FieldError::new("shop", FieldErrorCode::InvalidChoice));
        }
    }
    let key = f.key.trim();
    if !key.is_empty() && !is_record_key(key) {
        return Err(AppError::NotFound);
    }
    let (Some(rule), Some(currency), true) = (rule, currency, errs.is_empty()) else {
        return Err(AppError::Invalid(errs));
    };
    let (kind, rate_bps, fixed_minor) = match rule.reward {
        rf::SharerReward::Percent { bps } => ("percent", bps, 0),
        rf::SharerReward::Fixed { minor } => ("fixed", 0, minor),
    };
    let id = if key.is_empty() {
        RecordId::new("campaign", crate::orders::imp::new_key().as_str())
    } else {
        RecordId::new("campaign", key)
    };
    let now = state.now();
    let saved = store::write_campaign(
        &state.db,
        key.is_empty(),
        CampaignValues {
            id: id.clone(),
            now,
            name,
            shop,
            currency: currency.code().to_string(),
            kind: kind.to_string(),
            rate_bps,
            fixed_minor,
            cap_minor: rule.cap_minor,
            welcome_bps: rule.welcome_bps,
            welcome_cap_minor: rule.welcome_cap_minor,
            active: f.active,
        },
    )
    .await?;
    if saved.is_empty() {
        return Err(AppError::NotFound);
    }
    crate::accounts::store::audit(
        &state.db,
        Audit::new(
            Some(&actor.id),
            AuditAction::CampaignSaved,
            crate::state::ref_of(&id),
            now,
        )
        .detail(serde_json::json!({ "kind": kind, "rate_bps": rate_bps, "fixed_minor": fixed_minor, "cap_minor": rule.cap_minor,
            "welcome_bps": rule.welcome_bps, "active": f.active })),
    )
    .await?;
    Ok(())
}

/// Pauses or resumes a campaign: admins any, a seller their own shop's.
pub async fn set_active(ctx: &Ctx, key: &CampaignKey, active: bool) -> Result<(), AppError> {
    let Ctx {
        state, user: actor, ..
    } = ctx;
    let is_admin = actor.roles.satisfies(Role::Admin);
    let id = record(key);
    let now = state.now();
    let moved =
        store::set_campaign_active(&state.db, &id, is_admin, &actor.id, active, now).await?;
    if moved.is_empty() {
        return Err(AppError::NotFound);
    }
    crate::accounts::store::audit(
        &state.db,
        Audit::new(
            Some(&actor.id),
            if active {
                AuditAction::CampaignResumed
            } else {
                AuditAction::CampaignPaused
            },
            crate::state::ref_of(&id),
            now,
        ),
    )
    .await?;
    Ok(())
}
