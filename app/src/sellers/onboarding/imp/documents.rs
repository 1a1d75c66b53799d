//! The application's documents: which are required, uploading one, and opening one
//! (for the applicant and platform staff only).

use domain::onboarding::{
    required_documents, BusinessType, DocumentFile, DocumentKind, OnboardingError,
    MAX_DOCUMENT_BYTES,
};
use domain::{FieldError, FieldErrorCode, Role};
use surrealdb::types::RecordId;

use super::decisions::onboarding_err;
use super::{load, seller_id};
use crate::accounts::session::SessionUser;
use crate::error::{internal, AppError};
use crate::sellers::onboarding_store::{self as store, DocumentRow, NewDocument, SellerRow};
use crate::state::{key_of, AppState, Db};

pub(super) fn provided(docs: &[DocumentRow]) -> Vec<DocumentKind> {
    docs.iter()
        .filter_map(|d| DocumentKind::parse(&d.kind))
        .collect()
}

pub(super) async fn required_for(db: &Db, row: &SellerRow) -> Result<Vec<DocumentKind>, AppError> {
    let rules = crate::sellers::store::requirements(db).await?;
    let bt = BusinessType::parse(&row.business_type).unwrap_or(BusinessType::Individual);
    let brand = row.brand.as_deref().is_some_and(|b| !b.trim().is_empty());
    Ok(required_documents(&rules, &row.country, bt, brand))
}

/// Stores one document for the caller's editable application (replacing an
/// earlier file of the same kind). The file type is read from its bytes.
pub async fn upload_document(
    state: &AppState,
    user: &SessionUser,
    kind: &str,
    bytes: Vec<u8>,
) -> Result<(), AppError> {
    let Some(kind) = DocumentKind::parse(kind) else {
        return Err(AppError::Invalid(vec![FieldError::new(
            "kind",
            FieldErrorCode::InvalidChoice,
        )]));
    };
    let field = "document";
    if bytes.is_empty() {
        return Err(AppError::Invalid(vec![FieldError::new(
            field,
            FieldErrorCode::Required,
        )]));
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(AppError::Invalid(vec![FieldError::new(
            field,
            FieldErrorCode::FileTooLarge,
        )]));
    }
    let Some(file) = DocumentFile::sniff(&bytes) else {
        return Err(AppError::Invalid(vec![FieldError::new(
            field,
            FieldErrorCode::NotADocument,
        )]));
    };
    let db = &state.db;
    let id = seller_id(&key_of(&user.id));
    let row = load(db, &id).await?.ok_or(AppError::NotFound)?;
    if !row.status().editable() {
        return Err(onboarding_err(OnboardingError::WrongState));
    }
    let key = format!(
        "sellers/{}/{}-{}.{}",
        folder_of(&id),
        kind.as_str().replace('_', "-"),
        crate::accounts::session::random_token()[..16].to_ascii_lowercase(),
        file.ext()
    );
    let size = bytes.len() as i64;
    state
        .media
        .put(&key, bytes)
        .await
        .map_err(|e| internal("store seller document", e))?;
    let recorded = store::record_document(
        db,
        NewDocument {
            seller: &id,
            kind: kind.as_str(),
            media_key: key.clone(),
            content_type: file.content_type(),
            size,
            user: &user.id,
            now: state.now(),
        },
    )
    .await?;
    let old = match recorded {
        Ok(old) => old,
        Err(errors) => {
            let _ = state.media.delete(&key).await;
            return Err(internal("record seller document", errors));
        }
    };
    for k in old.into_iter().filter(|k| *k != key) {
        let _ = state.media.delete(&k).await;
    }
    Ok(())
}

/// A folder name for an applicant's files: their record key is an email address,
/// which is neither a valid media key nor something to put in URLs.
fn folder_of(id: &RecordId) -> String {
    use sha2::Digest;
    hex::encode(&sha2::Sha256::digest(key_of(id).as_bytes())[..10])
}

/// A document for the applicant themself or platform staff; `None` for anyone else.
pub async fn private_document(
    state: &AppState,
    user: &SessionUser,
    key: &str,
) -> Result<Option<(Vec<u8>, &'static str)>, AppError> {
    if !crate::media::valid_key(key) {
        return Ok(None);
    }
    let Some(file) = key
        .rsplit_once('.')
        .and_then(|(_, e)| DocumentFile::from_ext(e))
    else {
        return Ok(None);
    };
    let Some(owner) = store::document_owner(&state.db, key).await? else {
        return Ok(None);
    };
    let staff = user.roles.satisfies(Role::Moderator);
    if !staff && key_of(&owner) != key_of(&user.id) {
        return Ok(None);
    }
    let bytes = state
        .media
        .get(key)
        .await
        .map_err(|e| internal("read seller document", e))?;
    Ok(bytes.map(|b| (b, file.content_type())))
}
