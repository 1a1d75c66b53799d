//! The application form: its checks, saving a draft and submitting it.

use backend::db::{Audit, AuditAction, Tx};
use domain::onboarding::{
    check_submission, parse_country, parse_slug, Actor, ApplicationAction, ApplicationStatus,
    BusinessType, OnboardingError,
};
use domain::{Currency, Email, FieldError, FieldErrorCode};
use surrealdb::types::RecordId;

use super::decisions::{apply, onboarding_err};
use super::documents::{provided, required_for};
use super::{auto_approve_on, fields_of, load, seller_id, ApplicationFields};
use crate::accounts::session::SessionUser;
use crate::error::AppError;
use crate::sellers::onboarding_store::{self as store, ApplicationDraft, SellerRow};
use crate::state::{key_of, AppState, Db};

/// The application's fields, checked; each refusal names its field.
pub struct Valid {
    shop_name: String,
    shop_slug: String,
    business_type: BusinessType,
    legal_name: String,
    registration_number: Option<String>,
    address: String,
    country: &'static str,
    payout_currency: Currency,
    contact_email: String,
    contact_phone: Option<String>,
    brand: Option<String>,
}

/// A trimmed text field: refused when required and blank, or longer than `max`
/// characters; `None` when blank or refused.
pub(crate) fn text(
    errors: &mut Vec<FieldError>,
    field: &str,
    raw: &str,
    max: usize,
    required: bool,
) -> Option<String> {
    let v = raw.trim();
    if v.is_empty() {
        if required {
            errors.push(FieldError::new(field, FieldErrorCode::Required));
        }
        None
    } else if v.chars().count() > max {
        errors.push(FieldError::new(field, FieldErrorCode::TooLong));
        None
    } else {
        Some(v.to_string())
    }
}

pub fn validate(f: &ApplicationFields) -> Result<Valid, Vec<FieldError>> {
    let mut errors = Vec::new();
    let shop_name = text(&mut errors, "shop_name", &f.shop_name, 80, true);
    let shop_slug = match parse_slug(&f.shop_slug) {
        Ok(s) => Some(s),
        Err(code) => {
            errors.push(FieldError::new("shop_slug", code));
            None
        }
    };
    let business_type = BusinessType::parse(f.business_type.trim());
    if business_type.is_none() {
        errors.push(FieldError::new(
            "business_type",
            FieldErrorCode::InvalidChoice,
        ));
    }
    let legal_name = text(&mut errors, "legal_name", &f.legal_name, 120, true);
    let registration_number = text(
        &mut errors,
        "registration_number",
        &f.registration_number,
        40,
        business_type == Some(BusinessType::Company),
    );
    let address = text(&mut errors, "address", &f.address, 300, true);
    let country = parse_country(&f.country);
    if country.is_none() {
        errors.push(FieldError::new("country", FieldErrorCode::InvalidChoice));
    }
    let payout_currency = Currency::parse(f.payout_currency.trim());
    if payout_currency.is_none() {
        errors.push(FieldError::new(
            "payout_currency",
            FieldErrorCode::InvalidChoice,
        ));
    }
    let contact_email = match Email::parse(&f.contact_email) {
        Ok(e) => Some(e.as_str().to_string()),
        Err(code) => {
            errors.push(FieldError::new("contact_email", code));
            None
        }
    };
    let contact_phone = text(&mut errors, "contact_phone", &f.contact_phone, 30, false);
    if contact_phone.as_deref().is_some_and(|p| {
        !p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
            || p.chars().filter(char::is_ascii_digit).count() < 6
    }) {
        errors.push(FieldError::new(
            "contact_phone",
            FieldErrorCode::InvalidPhone,
        ));
    }
    let brand = text(&mut errors, "brand", &f.brand, 60, false);
    if !errors.is_empty() {
        return Err(errors);
    }
    match (
        shop_name,
        shop_slug,
        business_type,
        legal_name,
        address,
        country,
        payout_currency,
        contact_email,
    ) {
        (Some(n), Some(s), Some(b), Some(l), Some(a), Some(c), Some(p), Some(e)) => Ok(Valid {
            shop_name: n,
            shop_slug: s,
            business_type: b,
            legal_name: l,
            registration_number,
            address: a,
            country: c,
            payout_currency: p,
            contact_email: e,
            contact_phone,
            brand,
        }),
        _ => Err(vec![FieldError::new("form", FieldErrorCode::Required)]),
    }
}

/// Whether a shop address is free for this applicant: no shop other than their own
/// and no other application uses it.
async fn slug_free(db: &Db, slug: &str, me: &RecordId) -> Result<bool, AppError> {
    let users = store::slug_users(db, slug, me).await?;
    let others = users.other_applications;
    let shop_taken = users
        .shop_owner
        .into_iter()
        .flatten()
        .any(|owner| &owner != me);
    Ok(others.is_empty() && !shop_taken)
}

/// Saves the caller's application, creating it as a draft. Nothing is written
/// when a field is refused.
pub async fn save_application(
    state: &AppState,
    user: &SessionUser,
    fields: ApplicationFields,
) -> Result<ApplicationStatus, AppError> {
    let valid = validate(&fields).map_err(AppError::Invalid)?;
    let db = &state.db;
    let id = seller_id(&key_of(&user.id));
    let existing = load(db, &id).await?;
    let from = existing
        .as_ref()
        .map(SellerRow::status)
        .unwrap_or(ApplicationStatus::Draft);
    if existing.is_some() && !from.editable() {
        return Err(onboarding_err(OnboardingError::WrongState));
    }
    if !slug_free(db, &valid.shop_slug, &id).await? {
        return Err(AppError::Invalid(vec![FieldError::new(
            "shop_slug",
            FieldErrorCode::SlugTaken,
        )]));
    }
    let now = state.now();
    let draft = ApplicationDraft {
        id: id.clone(),
        user: user.id.clone(),
        from: from.as_str().to_string(),
        shop_name: valid.shop_name,
        shop_slug: valid.shop_slug,
        business_type: valid.business_type.as_str().to_string(),
        legal_name: valid.legal_name,
        registration_number: valid.registration_number,
        address: valid.address,
        country: valid.country.to_string(),
        payout_currency: valid.payout_currency.code().to_string(),
        contact_email: valid.contact_email,
        contact_phone: valid.contact_phone,
        brand: valid.brand,
    };
    let s = if existing.is_some() {
        store::update_draft(draft)
    } else {
        store::create_draft(
            draft,
            Audit::new(
                Some(&user.id),
                AuditAction::SellerCreate,
                format!("seller:{}", key_of(&id)),
                now,
            ),
        )
    };
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    tx.run(db)
        .await?
        .map_err(|_| onboarding_err(OnboardingError::WrongState))?;
    Ok(from)
}

/// Submits the caller's saved application: its fields must still be valid, its
/// shop address free and every required document uploaded. With auto-approval on,
/// an application passing those automatic checks is approved at once.
pub async fn submit_application(
    state: &AppState,
    user: &SessionUser,
) -> Result<ApplicationStatus, AppError> {
    crate::accounts::verification::require(user, "email")?;
    let db = &state.db;
    let id = seller_id(&key_of(&user.id));
    let row = load(db, &id).await?.ok_or(AppError::NotFound)?;
    if !row.status().editable() {
        return Err(onboarding_err(OnboardingError::WrongState));
    }
    let valid = validate(&fields_of(&row)).map_err(AppError::Invalid)?;
    if !slug_free(db, &valid.shop_slug, &id).await? {
        return Err(AppError::Invalid(vec![FieldError::new(
            "shop_slug",
            FieldErrorCode::SlugTaken,
        )]));
    }
    let docs = store::documents_of(db, &id).await?;
    let required = required_for(db, &row).await?;
    check_submission(&required, &provided(&docs)).map_err(onboarding_err)?;
    let submitted = apply(
        state,
        &row,
        ApplicationAction::Submit,
        Actor::Applicant,
        Some(&user.id),
        None,
    )
    .await?;
    if auto_approve_on(db).await? {
        // the automatic checks passed above: every field valid, the shop address
        // free, every required document present
        let row = load(db, &id).await?.ok_or(AppError::NotFound)?;
        return apply(
            state,
            &row,
            ApplicationAction::AutoApprove,
            Actor::System,
            None,
            None,
        )
        .await;
    }
    Ok(submitted)
}
