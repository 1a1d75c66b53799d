use backend::db::{Audit, AuditAction};
use domain::keys::RequirementKey;
use domain::onboarding::{parse_country, BusinessType, DocumentKind};
use domain::FieldErrorCode;
use surrealdb::types::RecordId;

use super::{PayoutDue, PlatformSettings, RequirementRow};
use crate::accounts::session::SessionUser;
use crate::ctx::Ctx;
use crate::error::{invalid, AppError};
use crate::moderation::store;
use crate::state::{key_of, record, AppState};

pub async fn load(state: &AppState) -> Result<PlatformSettings, AppError> {
    let rows = store::settings_rows(&state.db).await?;
    let mut payouts = Vec::new();
    for d in rows.dues {
        let acct = store::payout_account_number(&state.db, &d.shop).await?;
        payouts.push(PayoutDue {
            shop: key_of(&d.shop),
            name: d.name.unwrap_or_default(),
            currency: d.currency,
            available_minor: d.available_minor,
            account: acct.as_deref().map(crate::sellers::money::imp::mask),
        });
    }
    Ok(PlatformSettings {
        default_bps: rows.default_bps.unwrap_or(1000),
        categories: rows
            .categories
            .into_iter()
            .map(|c| (c.slug, c.name_en, c.name_zh, c.rate))
            .collect(),
        requirements: rows
            .requirements
            .into_iter()
            .filter_map(|r| {
                Some(RequirementRow {
                    id: key_of(&r.id),
                    country: r.country,
                    business_type: r.business_type,
                    document: DocumentKind::parse(&r.document)?,
                    only_with_brand: r.only_with_brand,
                })
            })
            .collect(),
        payouts,
    })
}

async fn audit(
    state: &AppState,
    admin: &SessionUser,
    action: AuditAction,
    subject: &str,
    detail: serde_json::Value,
) -> Result<(), AppError> {
    crate::accounts::store::audit(
        &state.db,
        Audit::new(Some(&admin.id), action, subject, state.now()).detail(detail),
    )
    .await?;
    Ok(())
}

/// Sets the default rate (blank category) or one category's; `percent` blank
/// removes a category's own rate. At most 50 %.
pub async fn set_commission(ctx: &Ctx, category: &str, percent: &str) -> Result<(), AppError> {
    let Ctx {
        state, user: admin, ..
    } = ctx;
    let percent = percent.trim();
    let bps = if percent.is_empty() {
        None
    } else {
        let m = domain::Money::parse_major(percent, domain::Currency::USD)
            .filter(|m| (0..=5_000).contains(&m.amount_minor))
            .ok_or_else(|| invalid("percent", FieldErrorCode::InvalidNumber))?;
        Some(m.amount_minor)
    };
    if category.is_empty() {
        let bps = bps.ok_or_else(|| invalid("percent", FieldErrorCode::Required))?;
        store::set_default_commission(&state.db, bps, state.now()).await?;
        return audit(
            state,
            admin,
            AuditAction::SettingsCommission,
            "platform_setting:main",
            serde_json::json!({ "bps": bps }),
        )
        .await;
    }
    if !crate::state::is_record_key(category) {
        return Err(invalid("category", FieldErrorCode::InvalidChoice));
    }
    if !store::is_subcategory(&state.db, &RecordId::new("category", category)).await? {
        return Err(invalid("category", FieldErrorCode::InvalidChoice));
    }
    let rate = RecordId::new("commission_rate", category);
    match bps {
        Some(b) => store::set_category_rate(&state.db, &rate, b, state.now()).await?,
        None => store::remove_category_rate(&state.db, &rate).await?,
    }
    audit(
        state,
        admin,
        AuditAction::SettingsCommission,
        &format!("category:{category}"),
        serde_json::json!({ "bps": bps }),
    )
    .await
}

pub async fn add_requirement(
    ctx: &Ctx,
    country: &str,
    business_type: &str,
    document: &str,
    brand: bool,
) -> Result<(), AppError> {
    let Ctx {
        state, user: admin, ..
    } = ctx;
    let country = match country.trim() {
        "" => None,
        c => Some(
            parse_country(c)
                .ok_or_else(|| invalid("country", FieldErrorCode::InvalidChoice))?
                .to_string(),
        ),
    };
    let business_type = match business_type.trim() {
        "" => None,
        b => Some(
            BusinessType::parse(b)
                .ok_or_else(|| invalid("business_type", FieldErrorCode::InvalidChoice))?
                .as_str()
                .to_string(),
        ),
    };
    let document = DocumentKind::parse(document.trim())
        .ok_or_else(|| invalid("document", FieldErrorCode::InvalidChoice))?;
    store::add_document_requirement(
        &state.db,
        country.clone(),
        business_type.clone(),
        document.as_str(),
        brand,
    )
    .await?;
    audit(
        state,
        admin,
        AuditAction::SettingsRequirementAdded,
        "document_requirement",
        serde_json::json!({ "country": country, "business_type": business_type, "document": document.as_str(), "only_with_brand": brand }),
    )
    .await
}

pub async fn remove_requirement(ctx: &Ctx, id: &RequirementKey) -> Result<(), AppError> {
    let Ctx {
        state, user: admin, ..
    } = ctx;
    let requirement = record(id);
    if !store::remove_document_requirement(&state.db, &requirement).await? {
        return Err(AppError::NotFound);
    }
    audit(
        state,
        admin,
        AuditAction::SettingsRequirementRemoved,
        &format!("document_requirement:{id}"),
        serde_json::json!({}),
    )
    .await
}
