//! Applying to sell: the applicant's form, documents and status; moderators' review
//! (approve, reject, request more information, suspend, reinstate, terminate) and the
//! admin switch that auto-approves applications passing every automatic check.
//! Every status change is one transaction that also writes the audit log entry the
//! applicant's history is read from.

// server functions take one argument per form field
#![allow(clippy::too_many_arguments)]

use domain::onboarding::{ApplicationAction, ApplicationStatus, DocumentKind};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The fields an applicant fills in, as typed (stored drafts may be incomplete).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationFields {
    pub shop_name: String,
    pub shop_slug: String,
    pub business_type: String,
    pub legal_name: String,
    pub registration_number: String,
    pub address: String,
    pub country: String,
    pub payout_currency: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub brand: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadedDocument {
    pub kind: DocumentKind,
    /// Unix seconds.
    pub uploaded_at: i64,
    /// Where the applicant and moderators can open it (`/media/private/…`).
    pub url: String,
}

/// One step of the application's history, as the applicant sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: i64,
    pub action: String,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    /// The seller record's key (the applicant's account key).
    pub key: String,
    pub status: ApplicationStatus,
    pub fields: ApplicationFields,
    /// The latest statement of reasons (rejection, request for information, sanction).
    pub reason: Option<String>,
    /// The documents the current country, business type and brand claim require.
    pub required: Vec<DocumentKind>,
    pub documents: Vec<UploadedDocument>,
    pub history: Vec<HistoryEntry>,
}

/// One row of the moderators' list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub key: String,
    pub shop_name: String,
    pub legal_name: String,
    pub country: String,
    pub status: ApplicationStatus,
    pub submitted_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationList {
    pub auto_approve: bool,
    pub items: Vec<ApplicationSummary>,
}

/// What the moderators' list shows.
pub const LIST_FILTERS: &[&str] = &[
    "pending",
    "approved",
    "rejected",
    "more_info_requested",
    "suspended",
    "all",
];

pub fn action_name(a: ApplicationAction) -> &'static str {
    match a {
        ApplicationAction::Submit => "submit",
        ApplicationAction::StartReview => "start_review",
        ApplicationAction::RequestInfo => "request_info",
        ApplicationAction::Approve => "approve",
        ApplicationAction::AutoApprove => "auto_approve",
        ApplicationAction::Reject => "reject",
        ApplicationAction::Suspend => "suspend",
        ApplicationAction::Reinstate => "reinstate",
        ApplicationAction::Terminate => "terminate",
    }
}

pub fn parse_action(s: &str) -> Option<ApplicationAction> {
    ApplicationAction::ALL
        .into_iter()
        .find(|a| action_name(*a) == s)
}

#[cfg(feature = "ssr")]
pub mod imp {
    use chrono::{DateTime, Utc};
    use domain::onboarding::{
        check_submission, parse_country, parse_slug, required_documents, transition, Actor,
        ApplicationAction, ApplicationStatus, BusinessType, DocumentFile, DocumentKind,
        OnboardingError, MAX_DOCUMENT_BYTES,
    };
    use domain::{Currency, Email, FieldError, FieldErrorCode, Role};
    use surrealdb::types::{RecordId, SurrealValue, Variables};

    use super::{
        action_name, Application, ApplicationFields, ApplicationList, ApplicationSummary,
        HistoryEntry, UploadedDocument,
    };
    use crate::accounts::session::{require_role, require_user, SessionUser};
    use crate::error::{internal, AppError};
    use crate::state::{app_state, key_of, AppState, Db};
    use backend::db::{Audit, AuditAction, Refusal, Stmts, Tx};

    #[derive(SurrealValue)]
    struct SellerRow {
        id: RecordId,
        user: RecordId,
        status: String,
        business_type: String,
        legal_name: String,
        registration_number: Option<String>,
        country: String,
        shop_name: Option<String>,
        shop_slug: Option<String>,
        address: Option<String>,
        contact_email: Option<String>,
        contact_phone: Option<String>,
        payout_currency: Option<String>,
        brand: Option<String>,
        reason: Option<String>,
        submitted_at: Option<DateTime<Utc>>,
    }

    const SELLER_FIELDS: &str = "id, user, status, business_type, legal_name, registration_number, country, \
        shop_name, shop_slug, address, contact_email, contact_phone, payout_currency, brand, reason, submitted_at";

    impl SellerRow {
        fn status(&self) -> ApplicationStatus {
            // rows written before 0013 used `more_info`
            match self.status.as_str() {
                "more_info" => ApplicationStatus::MoreInfoRequested,
                s => ApplicationStatus::parse(s).unwrap_or(ApplicationStatus::Draft),
            }
        }

        fn fields(&self) -> ApplicationFields {
            ApplicationFields {
                shop_name: self.shop_name.clone().unwrap_or_default(),
                shop_slug: self.shop_slug.clone().unwrap_or_default(),
                business_type: self.business_type.clone(),
                legal_name: self.legal_name.clone(),
                registration_number: self.registration_number.clone().unwrap_or_default(),
                address: self.address.clone().unwrap_or_default(),
                country: self.country.clone(),
                payout_currency: self.payout_currency.clone().unwrap_or_default(),
                contact_email: self.contact_email.clone().unwrap_or_default(),
                contact_phone: self.contact_phone.clone().unwrap_or_default(),
                brand: self.brand.clone().unwrap_or_default(),
            }
        }
    }

    #[derive(SurrealValue)]
    struct DocumentRow {
        kind: String,
        media_key: String,
        uploaded_at: DateTime<Utc>,
    }

    #[derive(SurrealValue)]
    struct HistoryRow {
        at: DateTime<Utc>,
        action: String,
        detail: serde_json::Value,
    }

    fn seller_id(key: &str) -> RecordId {
        RecordId::new("seller", key)
    }

    async fn load(db: &Db, id: &RecordId) -> Result<Option<SellerRow>, AppError> {
        let mut res = db
            .query(format!("SELECT {SELLER_FIELDS} FROM $id"))
            .bind(("id", id.clone()))
            .await?
            .check()?;
        let rows: Vec<SellerRow> = res.take(0)?;
        Ok(rows.into_iter().next())
    }

    async fn documents(db: &Db, id: &RecordId) -> Result<Vec<DocumentRow>, AppError> {
        let mut res = db
            .query("SELECT kind, media_key, uploaded_at FROM seller_document WHERE seller = $id")
            .bind(("id", id.clone()))
            .await?
            .check()?;
        Ok(res.take(0)?)
    }

    fn provided(docs: &[DocumentRow]) -> Vec<DocumentKind> {
        docs.iter()
            .filter_map(|d| DocumentKind::parse(&d.kind))
            .collect()
    }

    async fn required_for(db: &Db, row: &SellerRow) -> Result<Vec<DocumentKind>, AppError> {
        let rules = super::super::store::requirements(db).await?;
        let bt = BusinessType::parse(&row.business_type).unwrap_or(BusinessType::Individual);
        let brand = row.brand.as_deref().is_some_and(|b| !b.trim().is_empty());
        Ok(required_documents(&rules, &row.country, bt, brand))
    }

    async fn view_of(db: &Db, row: SellerRow) -> Result<Application, AppError> {
        let docs = documents(db, &row.id).await?;
        let required = required_for(db, &row).await?;
        let mut res = db
            .query("SELECT at, action, detail FROM audit_log WHERE subject = $subject ORDER BY at")
            .bind(("subject", format!("seller:{}", key_of(&row.id))))
            .await?
            .check()?;
        let history: Vec<HistoryRow> = res.take(0)?;
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
            fields: row.fields(),
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

    pub async fn my_application() -> Result<Option<Application>, AppError> {
        let user = require_user().await?;
        let state = app_state()?;
        match load(&state.db, &seller_id(&key_of(&user.id))).await? {
            Some(row) => Ok(Some(view_of(&state.db, row).await?)),
            None => Ok(None),
        }
    }

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
        let mut res = db
            .query(
                "SELECT VALUE id FROM seller WHERE shop_slug = $slug AND id != $me LIMIT 1; \
                 SELECT VALUE seller FROM type::record('shop', $slug);",
            )
            .bind(("slug", slug.to_string()))
            .bind(("me", me.clone()))
            .await?
            .check()?;
        let others: Vec<RecordId> = res.take(0)?;
        let shop_owner: Vec<Option<RecordId>> = res.take(1)?;
        let shop_taken = shop_owner.into_iter().flatten().any(|owner| &owner != me);
        Ok(others.is_empty() && !shop_taken)
    }

    pub fn onboarding_err(e: OnboardingError) -> AppError {
        match e {
            OnboardingError::MissingDocuments(kinds) => AppError::Invalid(
                kinds
                    .into_iter()
                    .map(|k| {
                        FieldError::new(
                            &format!("doc_{}", k.as_str()),
                            FieldErrorCode::MissingDocument,
                        )
                    })
                    .collect(),
            ),
            OnboardingError::ReasonRequired => {
                AppError::Invalid(vec![FieldError::new("reason", FieldErrorCode::Required)])
            }
            OnboardingError::NotAllowed => AppError::Forbidden,
            OnboardingError::WrongState => AppError::Order(domain::order::OrderError::WrongState),
        }
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
        let mut vars = Variables::new();
        vars.insert("id", id.clone());
        vars.insert("user", user.id.clone());
        vars.insert("from", from.as_str().to_string());
        vars.insert("shop_name", valid.shop_name);
        vars.insert("shop_slug", valid.shop_slug);
        vars.insert("business_type", valid.business_type.as_str().to_string());
        vars.insert("legal_name", valid.legal_name);
        vars.insert("registration_number", valid.registration_number);
        vars.insert("address", valid.address);
        vars.insert("country", valid.country.to_string());
        vars.insert("payout_currency", valid.payout_currency.code().to_string());
        vars.insert("contact_email", valid.contact_email);
        vars.insert("contact_phone", valid.contact_phone);
        vars.insert("brand", valid.brand);
        let set = "business_type = $business_type, legal_name = $legal_name, \
            registration_number = $registration_number, country = $country, shop_name = $shop_name, \
            shop_slug = $shop_slug, address = $address, contact_email = $contact_email, \
            contact_phone = $contact_phone, payout_currency = $payout_currency, brand = $brand, \
            updated_at = $now";
        let mut s = Stmts::new();
        s.bind_all(vars);
        if existing.is_some() {
            s.sql(&format!(
                "LET $moved = (UPDATE $id SET {set} WHERE status = $from RETURN VALUE id)"
            ))
            .refuse_if("array::len($moved) = 0", Refusal::WrongState);
        } else {
            s.sql(&format!(
                "CREATE $id SET user = $user, status = 'draft', created_at = $now, {set}"
            ))
            .audit(Audit::new(
                Some(&user.id),
                AuditAction::SellerCreate,
                format!("seller:{}", key_of(&id)),
                now,
            ));
        }
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
        let db = &state.db;
        let id = seller_id(&key_of(&user.id));
        let row = load(db, &id).await?.ok_or(AppError::NotFound)?;
        if !row.status().editable() {
            return Err(onboarding_err(OnboardingError::WrongState));
        }
        let valid = validate(&row.fields()).map_err(AppError::Invalid)?;
        if !slug_free(db, &valid.shop_slug, &id).await? {
            return Err(AppError::Invalid(vec![FieldError::new(
                "shop_slug",
                FieldErrorCode::SlugTaken,
            )]));
        }
        let docs = documents(db, &id).await?;
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

    async fn auto_approve_on(db: &Db) -> Result<bool, AppError> {
        let mut res = db
            .query("SELECT VALUE auto_approve_sellers FROM platform_setting:main")
            .await?
            .check()?;
        let v: Vec<bool> = res.take(0)?;
        Ok(v.first().copied().unwrap_or(false))
    }

    /// Moves `row` by `action`, in one transaction with its audit entry and effects:
    /// approval opens (or reopens) the shop and grants the seller role; suspension and
    /// termination close the shop. Refused when the row moved meanwhile.
    async fn apply(
        state: &AppState,
        row: &SellerRow,
        action: ApplicationAction,
        actor: Actor,
        actor_id: Option<&RecordId>,
        reason: Option<&str>,
    ) -> Result<ApplicationStatus, AppError> {
        let from = row.status();
        let to = transition(from, action, actor, reason).map_err(onboarding_err)?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let slug = row.shop_slug.clone().unwrap_or_default();
        let now = state.now();
        let mut vars = Variables::new();
        vars.insert("id", row.id.clone());
        vars.insert("user", row.user.clone());
        vars.insert("from", row.status.clone());
        vars.insert("to", to.as_str().to_string());
        vars.insert("reason", reason.map(str::to_string));
        let audit = Audit::new(
            actor_id,
            AuditAction::Seller(action_name(action)),
            format!("seller:{}", key_of(&row.id)),
            now,
        )
        .detail(serde_json::json!({ "from": from.as_str(), "to": to.as_str(), "reason": reason }));
        vars.insert("shop", RecordId::new("shop", slug.as_str()));
        vars.insert("slug", slug.clone());
        vars.insert("name", row.shop_name.clone().unwrap_or_default());
        vars.insert(
            "currency",
            row.payout_currency.clone().unwrap_or_else(|| "TWD".into()),
        );
        vars.insert(
            "ships",
            crate::sellers::apply::country_label(&row.country, domain::Lang::En),
        );
        let currency = row
            .payout_currency
            .as_deref()
            .and_then(Currency::parse)
            .unwrap_or_default();
        let methods: Vec<serde_json::Value> = domain::order::starter_shipping(currency)
            .iter()
            .enumerate()
            .map(|(i, m)| {
                serde_json::json!({
                    "code": m.code, "name_en": m.name_en, "name_zh": m.name_zh, "price": m.price_minor,
                    "free": m.free_over_minor, "dmin": m.days.0, "dmax": m.days.1, "pos": i as i64,
                })
            })
            .collect();
        vars.insert("methods", methods);
        let mut s = Stmts::new();
        s.sql("LET $moved = (UPDATE $id SET status = $to, reason = $reason, updated_at = $now WHERE status = $from RETURN VALUE id)")
            .refuse_if("array::len($moved) = 0", Refusal::WrongState)
            .audit(audit);
        let mut body = String::new();
        if action == ApplicationAction::Submit {
            body.push_str("UPDATE $id SET submitted_at = $now;\n");
        }
        if to == ApplicationStatus::Approved {
            if slug.is_empty() {
                return Err(AppError::Invalid(vec![FieldError::new(
                    "shop_slug",
                    FieldErrorCode::Required,
                )]));
            }
            s.refuse_if(
                "record::exists($shop) AND $shop.seller != $id",
                Refusal::SlugTaken,
            );
            body.push_str(
                "IF record::exists($shop) {\n\
                   UPDATE $shop SET status = 'approved';\n\
                 } ELSE {\n\
                   CREATE $shop SET seller = $id, owner = $user, name = $name, slug = $slug, currency = $currency, \
                     ships_from = $ships, country = $id.country, status = 'approved', created_at = $now;\n\
                   FOR $m IN $methods {\n\
                     CREATE type::record('shipping_method', $slug + '/' + $m.code) SET shop = $shop, code = $m.code, \
                       name_en = $m.name_en, name_zh = $m.name_zh, price_minor = $m.price, free_over_minor = $m.free ?? NONE, \
                       currency = $currency, days_min = $m.dmin, days_max = $m.dmax, position = $m.pos, countries = [$id.country];\n\
                   };\n\
                 };\n\
                 UPDATE $user SET roles = array::union(roles, ['seller']);\n",
            );
        }
        if matches!(
            to,
            ApplicationStatus::Suspended | ApplicationStatus::Terminated
        ) {
            body.push_str("UPDATE shop SET status = $to WHERE seller = $id;\n");
        }
        s.bind_all(vars).sql(&body);
        let mut tx = Tx::new();
        tx.bind("now", now).add(s);
        match tx.run(&state.db).await? {
            Ok(()) => Ok(to),
            Err(Refusal::SlugTaken) => Err(AppError::Invalid(vec![FieldError::new(
                "shop_slug",
                FieldErrorCode::SlugTaken,
            )])),
            Err(_) => Err(onboarding_err(OnboardingError::WrongState)),
        }
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
        let mut res = db
            .query(
                "LET $old = (SELECT VALUE media_key FROM type::record('seller_document', [$key, $kind]));\n\
                 UPSERT type::record('seller_document', [$key, $kind]) SET seller = $id, kind = $kind, \
                   media_key = $media, content_type = $ct, size = $size, uploaded_at = $now;\n\
                 CREATE audit_log SET actor = $user, action = 'seller.document', subject = $subject, \
                   detail = { kind: $kind }, at = $now;\n\
                 RETURN $old;",
            )
            .bind(("key", key_of(&id)))
            .bind(("kind", kind.as_str().to_string()))
            .bind(("subject", format!("seller:{}", key_of(&id))))
            .bind(("id", id.clone()))
            .bind(("media", key.clone()))
            .bind(("ct", file.content_type().to_string()))
            .bind(("size", size))
            .bind(("user", user.id.clone()))
            .bind(("now", state.now()))
            .await?;
        let errors = res.take_errors();
        if !errors.is_empty() {
            let _ = state.media.delete(&key).await;
            return Err(internal("record seller document", format!("{errors:?}")));
        }
        let old: Vec<String> = res.take(3).unwrap_or_default();
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
        let mut res = state
            .db
            .query("SELECT VALUE seller FROM seller_document WHERE media_key = $key")
            .bind(("key", key.to_string()))
            .await?
            .check()?;
        let owners: Vec<RecordId> = res.take(0)?;
        let Some(owner) = owners.first() else {
            return Ok(None);
        };
        let staff = user.roles.satisfies(Role::Moderator);
        if !staff && key_of(owner) != key_of(&user.id) {
            return Ok(None);
        }
        let bytes = state
            .media
            .get(key)
            .await
            .map_err(|e| internal("read seller document", e))?;
        Ok(bytes.map(|b| (b, file.content_type())))
    }

    // ----------------------------------------------------------------------------
    // Moderators

    pub async fn list(filter: &str) -> Result<ApplicationList, AppError> {
        require_role(Role::Moderator).await?;
        let state = app_state()?;
        let statuses: Vec<&str> = match filter {
            "" | "pending" => vec!["submitted", "in_review"],
            "all" => ApplicationStatus::ALL.iter().map(|s| s.as_str()).collect(),
            other => match ApplicationStatus::parse(other) {
                Some(s) => vec![s.as_str()],
                None => return Err(AppError::NotFound),
            },
        };
        let mut res = state
            .db
            .query(format!(
                "SELECT {SELLER_FIELDS} FROM seller WHERE status IN $statuses ORDER BY submitted_at LIMIT 200"
            ))
            .bind(("statuses", statuses.iter().map(|s| s.to_string()).collect::<Vec<_>>()))
            .await?
            .check()?;
        let rows: Vec<SellerRow> = res.take(0)?;
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

    pub async fn review(key: &str) -> Result<Application, AppError> {
        require_role(Role::Moderator).await?;
        let state = app_state()?;
        let row = load(&state.db, &seller_id(key))
            .await?
            .ok_or(AppError::NotFound)?;
        view_of(&state.db, row).await
    }

    pub async fn decide_as(
        state: &AppState,
        moderator: &SessionUser,
        key: &str,
        action: ApplicationAction,
        reason: &str,
    ) -> Result<ApplicationStatus, AppError> {
        let row = load(&state.db, &seller_id(key))
            .await?
            .ok_or(AppError::NotFound)?;
        let reason = Some(reason).filter(|r| !r.trim().is_empty());
        apply(
            state,
            &row,
            action,
            Actor::Moderator,
            Some(&moderator.id),
            reason,
        )
        .await
    }

    pub async fn set_auto_approve(
        state: &AppState,
        admin: &SessionUser,
        on: bool,
    ) -> Result<(), AppError> {
        let now = state.now();
        state
            .db
            .query(
                "UPSERT platform_setting:main SET auto_approve_sellers = $on, updated_at = $now;\n\
                 CREATE audit_log SET actor = $actor, action = 'settings.auto_approve_sellers', \
                   subject = 'platform_setting:main', detail = { on: $on }, at = $now;",
            )
            .bind(("on", on))
            .bind(("now", now))
            .bind(("actor", admin.id.clone()))
            .await?
            .check()?;
        Ok(())
    }
}

#[server(endpoint = "my_application")]
pub async fn get_my_application() -> Result<Option<Application>, AppError> {
    crate::error::respond(imp::my_application().await)
}

/// Saves the caller's application as a draft.
#[server(endpoint = "save_application")]
pub async fn save_application(
    #[server(default)] shop_name: String,
    #[server(default)] shop_slug: String,
    #[server(default)] business_type: String,
    #[server(default)] legal_name: String,
    #[server(default)] registration_number: String,
    #[server(default)] address: String,
    #[server(default)] country: String,
    #[server(default)] payout_currency: String,
    #[server(default)] contact_email: String,
    #[server(default)] contact_phone: String,
    #[server(default)] brand: String,
) -> Result<ApplicationStatus, AppError> {
    crate::error::respond(
        async {
            let user = crate::accounts::session::require_user().await?;
            let state = crate::state::app_state()?;
            let fields = ApplicationFields {
                shop_name,
                shop_slug,
                business_type,
                legal_name,
                registration_number,
                address,
                country,
                payout_currency,
                contact_email,
                contact_phone,
                brand,
            };
            imp::save_application(&state, &user, fields).await
        }
        .await,
    )
}

/// Submits the caller's saved application for review.
#[server(endpoint = "submit_application")]
pub async fn submit_application() -> Result<ApplicationStatus, AppError> {
    crate::error::respond(
        async {
            let user = crate::accounts::session::require_user().await?;
            let state = crate::state::app_state()?;
            imp::submit_application(&state, &user).await
        }
        .await,
    )
}

#[server(endpoint = "seller_applications")]
pub async fn get_applications(filter: String) -> Result<ApplicationList, AppError> {
    crate::error::respond(imp::list(&filter).await)
}

#[server(endpoint = "seller_application")]
pub async fn get_application(key: String) -> Result<Application, AppError> {
    crate::error::respond(imp::review(&key).await)
}

/// A moderator's decision on an application or shop.
#[server(endpoint = "decide_application")]
pub async fn decide_application(
    key: String,
    action: String,
    #[server(default)] reason: String,
) -> Result<ApplicationStatus, AppError> {
    crate::error::respond(
        async {
            let user = crate::accounts::session::require_role(domain::Role::Moderator).await?;
            let state = crate::state::app_state()?;
            let action = parse_action(&action)
                .filter(|a| {
                    !matches!(
                        a,
                        ApplicationAction::Submit | ApplicationAction::AutoApprove
                    )
                })
                .ok_or_else(|| {
                    AppError::Invalid(vec![domain::FieldError::new(
                        "action",
                        domain::FieldErrorCode::InvalidChoice,
                    )])
                })?;
            imp::decide_as(&state, &user, &key, action, &reason).await
        }
        .await,
    )
}

/// The admin switch for auto-approving applications that pass every automatic check.
#[server(endpoint = "set_auto_approve")]
pub async fn set_auto_approve(#[server(default)] enabled: String) -> Result<(), AppError> {
    crate::error::respond(
        async {
            let user = crate::accounts::session::require_role(domain::Role::Admin).await?;
            let state = crate::state::app_state()?;
            imp::set_auto_approve(&state, &user, enabled == "on").await
        }
        .await,
    )
}
