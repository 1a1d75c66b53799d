//! The platform settings page: commission rates, document requirements, payouts due.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{key_of, Db};

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
