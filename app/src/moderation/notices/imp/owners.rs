//! Rights owners: registration, a moderator's verification, and a verified owner's
//! brand (its terms, authorised shops and reference images).

use domain::keys::RightsOwnerKey;
use domain::{FieldError, FieldErrorCode};
use surrealdb::types::RecordId;

use super::{brand_of, owner_id, owner_of};
use crate::accounts::session::SessionUser;
use crate::error::{bounded_text as text, invalid, AppError};
use crate::moderation::store::notices as store;
use crate::state::{is_record_key, key_of, record, AppState};
use backend::db::{Audit, AuditAction, Tx};
use backend::notify::Notice;

/// Registers the caller as a rights owner (or updates a registration that is not
/// verified yet); a moderator verifies it.
pub async fn register(
    state: &AppState,
    user: &SessionUser,
    name: &str,
    brand_name: &str,
    registration_number: &str,
    jurisdiction: &str,
    evidence: &str,
) -> Result<(), AppError> {
    let mut errs = Vec::new();
    let name = text(name, "name", 2, 120, &mut errs);
    let brand_name = text(brand_name, "brand_name", 2, 80, &mut errs);
    let reg = text(registration_number, "registration_number", 3, 60, &mut errs);
    let jurisdiction = text(jurisdiction, "jurisdiction", 2, 60, &mut errs);
    let evidence = text(evidence, "evidence", 10, 4000, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    if let Some(o) = owner_of(&state.db, user).await? {
        if o.status == "verified" {
            return Err(invalid("status", FieldErrorCode::AlreadyDecided));
        }
    }
    let now = state.now();
    store::register_owner(
        &state.db,
        owner_id(&user.id),
        user.id.clone(),
        name,
        brand_name,
        reg,
        jurisdiction,
        evidence,
        now,
    )
    .await?;
    Ok(())
}

/// A moderator verifies (the brand joins the registry) or rejects a registration.
pub async fn decide_owner(
    state: &AppState,
    moderator: &SessionUser,
    key: &RightsOwnerKey,
    verify: bool,
    statement: &str,
) -> Result<(), AppError> {
    if !verify && statement.trim().chars().count() < domain::strikes::MIN_STATEMENT {
        return Err(invalid("statement", FieldErrorCode::Required));
    }
    let id = record(key);
    let brand = store::owner_brand_name(&state.db, id.clone())
        .await?
        .ok_or(AppError::NotFound)?;
    let slug = domain::slug::Slug::from_text(&brand)
        .map(|s| s.as_str().to_string())
        .unwrap_or_else(|| key.to_string());
    let to = if verify { "verified" } else { "rejected" };
    let statement = if statement.trim().is_empty() {
        "Verified · 已驗證".to_string()
    } else {
        statement.trim().to_string()
    };
    let now = state.now();
    let audit = Audit::on(
        Some(&moderator.id),
        AuditAction::RightsOwnerDecided(to),
        &id,
        now,
    )
    .detail(serde_json::json!({ "statement": statement }));
    let mail = Notice::RightsOwnerDecided { statement }.render();
    let s = store::decide_owner(id, to, moderator.id.clone(), mail, slug, audit);
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    tx.run(&state.db).await?.map_err(|r| match r {
        backend::db::Refusal::AlreadyExists => invalid("brand_name", FieldErrorCode::BrandTaken),
        _ => invalid("status", FieldErrorCode::AlreadyDecided),
    })
}

/// A verified owner sets their brand's terms (aliases, misspellings; one per line)
/// and the shops authorised to sell it (slugs, one per line; each must exist).
pub async fn update_brand(
    state: &AppState,
    user: &SessionUser,
    terms: &str,
    authorised: &str,
) -> Result<(), AppError> {
    let owner = owner_of(&state.db, user)
        .await?
        .ok_or(AppError::Forbidden)?;
    if owner.status != "verified" {
        return Err(AppError::Forbidden);
    }
    let (brand, _) = brand_of(&state.db, &owner.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errs = Vec::new();
    let terms: Vec<String> = terms
        .lines()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect();
    if terms.len() > 30 {
        errs.push(FieldError::new("terms", FieldErrorCode::TooMany));
    }
    for (i, t) in terms.iter().enumerate() {
        if t.chars().count() < 2 || t.chars().count() > 60 {
            errs.push(FieldError::new(
                &format!("terms.{}", i + 1),
                FieldErrorCode::InvalidChoice,
            ));
        }
    }
    let slugs: Vec<String> = authorised
        .lines()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect();
    let mut shops = Vec::new();
    for (i, slug) in slugs.iter().enumerate() {
        let field = format!("authorised.{}", i + 1);
        if !is_record_key(slug) {
            errs.push(FieldError::new(&field, FieldErrorCode::InvalidChoice));
            continue;
        }
        let id = RecordId::new("shop", slug.as_str());
        if store::shop_exists(&state.db, &id).await? {
            shops.push(id);
        } else {
            errs.push(FieldError::new(&field, FieldErrorCode::InvalidChoice));
        }
    }
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let now = state.now();
    store::save_brand(&state.db, brand, terms, shops, user.id.clone(), now).await?;
    Ok(())
}

/// A verified owner uploads reference images of their brand's products (JPEG, PNG or
/// WebP, sniffed, ≤ 5 MB, at most 20 at a time); each is re-encoded, stored publicly
/// (they are the brand's own product pictures) and fingerprinted for screening.
pub async fn add_references(
    state: &AppState,
    user: &SessionUser,
    files: Vec<Vec<u8>>,
) -> Result<usize, AppError> {
    let owner = owner_of(&state.db, user)
        .await?
        .ok_or(AppError::Forbidden)?;
    if owner.status != "verified" {
        return Err(AppError::Forbidden);
    }
    let (brand, _) = brand_of(&state.db, &owner.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if files.is_empty() {
        return Err(invalid("references", FieldErrorCode::Required));
    }
    if files.len() > 20 {
        return Err(invalid("references", FieldErrorCode::TooMany));
    }
    if files
        .iter()
        .any(|f| f.len() > domain::media::MAX_PHOTO_BYTES)
    {
        return Err(invalid("references", FieldErrorCode::FileTooLarge));
    }
    if files
        .iter()
        .any(|f| domain::media::ImageKind::sniff(f).is_none())
    {
        return Err(invalid("references", FieldErrorCode::NotAnImage));
    }
    let processed = tokio::task::spawn_blocking(move || {
        files
            .iter()
            .map(|f| crate::media::process_photo(f))
            .collect::<Option<Vec<_>>>()
    })
    .await
    .map_err(|e| crate::error::internal("process references", e))?
    .ok_or_else(|| invalid("references", FieldErrorCode::NotAnImage))?;
    let n = processed.len();
    let now = state.now();
    for p in processed {
        let token = crate::accounts::session::random_token()[..16].to_string();
        let key = format!("products/references/{}/{token}.jpg", key_of(&brand));
        state
            .media
            .put(&key, p.thumb)
            .await
            .map_err(|e| crate::error::internal("store reference", e))?;
        let b = domain::phash::bands(p.phash);
        store::add_reference(
            &state.db,
            format!("ref{token}"),
            domain::phash::to_db(p.phash),
            b.to_vec(),
            format!("/media/{key}"),
            brand.clone(),
            user.id.clone(),
            now,
        )
        .await?;
    }
    Ok(n)
}
