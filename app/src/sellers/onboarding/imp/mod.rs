//! Applications to sell on the server: the applicant's own application, the form's
//! checks and saving, documents, moderators' list, review and decisions. The queries
//! are `sellers::onboarding_store`.

mod decisions;
mod documents;
mod form;

use domain::onboarding::{ApplicationStatus, DocumentKind};
use surrealdb::types::RecordId;

use super::{
    Application, ApplicationFields, ApplicationList, ApplicationSummary, HistoryEntry,
    UploadedDocument,
};
use crate::accounts::session::SessionUser;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::sellers::onboarding_store::{self as store, SellerRow};
use crate::state::{key_of, AppState, Db};

pub use decisions::{decide_as, onboarding_err};
pub use documents::{private_document, upload_document};
pub(crate) use form::text;
pub use form::{save_application, submit_application, validate, Valid};

/// The application's form fields as stored.
fn fields_of(row: &SellerRow) -> ApplicationFields {
    ApplicationFields {
        shop_name: row.shop_name.clone().unwrap_or_default(),
        shop_slug: row.shop_slug.clone().unwrap_or_default(),
        business_type: row.business_type.clone(),
        legal_name: row.legal_name.clone(),
        registration_number: row.registration_number.clone().unwrap_or_default(),
        address: row.address.clone().unwrap_or_default(),
        country: row.country.clone(),
        payout_currency: row.payout_currency.clone().unwrap_or_default(),
        contact_email: row.contact_email.clone().unwrap_or_default(),
        contact_phone: row.contact_phone.clone().unwrap_or_default(),
        brand: row.brand.clone().unwrap_or_default(),
    }
}

fn seller_id(key: &str) -> RecordId {
    RecordId::new("seller", key)
}

async fn load(db: &Db, id: &RecordId) -> Result<Option<SellerRow>, AppError> {
    Ok(store::seller(db, id).await?)
}

async fn view_of(db: &Db, row: SellerRow) -> Result<Application, AppError> {
    let docs = store::documents_of(db, &row.id).await?;
    let required = documents::required_for(db, &row).await?;
    let history = store::history_of(db, &row.id).await?;
    let mut documents: Vec<UploadedDocument> = docs
        .iter()
        .filter_map(|d| {
            Some(UploadedDocument {
                kind: DocumentKind::parse(&d.kind)?,
                uploaded_at: d.uploaded_at.timestamp(),
                url: format!("/media/private/{}", d.media_key),
            })
        })
        .collect();
    documents.sort_by_key(|d| d.kind);
    Ok(Application {
        key: key_of(&row.id),
        status: row.status(),
        fields: fields_of(&row),
        reason: row.reason.clone(),
        required,
        documents,
        history: history
            .into_iter()
            .map(|h| HistoryEntry {
                at: h.at.timestamp(),
                action: h.action,
                reason: h
                    .detail
                    .get("reason")
                    .and_then(|r| r.as_str())
                    .map(str::to_string),
            })
            .collect(),
    })
}

pub async fn my_application(ctx: &Ctx) -> Result<Option<Application>, AppError> {
    let Ctx { state, user, .. } = ctx;
    match load(&state.db, &seller_id(&key_of(&user.id))).await? {
        Some(row) => Ok(Some(view_of(&state.db, row).await?)),
        None => Ok(None),
    }
}

async fn auto_approve_on(db: &Db) -> Result<bool, AppError> {
    Ok(store::auto_approve_setting(db).await?.unwrap_or(false))
}

// ----------------------------------------------------------------------------
// Moderators

pub async fn list(state: &AppState, filter: &str) -> Result<ApplicationList, AppError> {
    let statuses: Vec<&str> = match filter {
        "" | "pending" => vec!["submitted", "in_review"],
        "all" => ApplicationStatus::ALL.iter().map(|s| s.as_str()).collect(),
        other => match ApplicationStatus::parse(other) {
            Some(s) => vec![s.as_str()],
            None => return Err(AppError::NotFound),
        },
    };
    let rows = store::sellers_with_status(&state.db, &statuses).await?;
    Ok(ApplicationList {
        auto_approve: auto_approve_on(&state.db).await?,
        items: rows
            .into_iter()
            .map(|r| ApplicationSummary {
                key: key_of(&r.id),
                shop_name: r.shop_name.clone().unwrap_or_default(),
                legal_name: r.legal_name.clone(),
                country: r.country.clone(),
                status: r.status(),
                submitted_at: r.submitted_at.map(|t| t.timestamp()),
            })
            .collect(),
    })
}

pub async fn review(state: &AppState, key: &str) -> Result<Application, AppError> {
    let row = load(&state.db, &seller_id(key))
        .await?
        .ok_or(AppError::NotFound)?;
    view_of(&state.db, row).await
}

pub async fn set_auto_approve(
    state: &AppState,
    admin: &SessionUser,
    on: bool,
) -> Result<(), AppError> {
    let now = state.now();
    store::save_auto_approve(&state.db, on, now, &admin.id).await?;
    Ok(())
}
