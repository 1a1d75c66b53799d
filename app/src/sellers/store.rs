//! Sellers' stored data: shops by owner, onboarding's document requirements.

use domain::onboarding::{BusinessType, DocumentKind, Requirement};
use surrealdb::types::{RecordId, SurrealValue};

use crate::ctx::SellerShop;
use crate::state::Db;

/// The shop `owner` runs, if any.
pub async fn shop_of_owner(
    db: &Db,
    owner: &RecordId,
) -> Result<Option<SellerShop>, surrealdb::Error> {
    let mut res = db
        .query("SELECT id, name, currency, status FROM shop WHERE owner = $user LIMIT 1")
        .bind(("user", owner.clone()))
        .await?
        .check()?;
    let rows: Vec<SellerShop> = res.take(0)?;
    Ok(rows.into_iter().next())
}

#[derive(SurrealValue)]
struct RequirementRow {
    country: Option<String>,
    business_type: Option<String>,
    document: String,
    only_with_brand: bool,
}

/// Every document requirement (migration 0012). The schema only admits known values;
/// a row that still does not read (a future document kind) is left out.
pub async fn requirements(db: &Db) -> Result<Vec<Requirement>, surrealdb::Error> {
    let mut res = db
        .query("SELECT country, business_type, document, only_with_brand FROM document_requirement")
        .await?
        .check()?;
    let rows: Vec<RequirementRow> = res.take(0)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let business_type = match r.business_type.as_deref() {
                None => None,
                Some(b) => Some(BusinessType::parse(b)?),
            };
            Some(Requirement {
                country: r.country,
                business_type,
                document: DocumentKind::parse(&r.document)?,
                only_with_brand: r.only_with_brand,
            })
        })
        .collect())
}
