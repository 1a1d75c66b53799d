//! Seller onboarding: the life of an application to sell, from draft to an open shop,
//! who may move it and when a reason is owed; and which documents a country and a
//! business type require. Requirements are data (rows an admin edits), evaluated here.

use serde::{Deserialize, Serialize};

/// Where an application (and, once approved, its shop) is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ApplicationStatus {
    Draft,
    Submitted,
    InReview,
    MoreInfoRequested,
    Approved,
    Rejected,
    Suspended,
    Terminated,
}

/// Who acts: the applicant, a moderator (or admin), or the platform's automatic checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Actor {
    Applicant,
    Moderator,
    System,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ApplicationAction {
    Submit,
    StartReview,
    RequestInfo,
    Approve,
    /// The admin switch: approve an application that passed every automatic check.
    AutoApprove,
    Reject,
    Suspend,
    Reinstate,
    Terminate,
}

/// Why a transition was refused; nothing changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum OnboardingError {
    #[error("the application is not in a state that allows this")]
    WrongState,
    #[error("this actor may not do this")]
    NotAllowed,
    #[error("a reason is required")]
    ReasonRequired,
    #[error("required documents are missing")]
    MissingDocuments(Vec<DocumentKind>),
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 8] = [
        ApplicationStatus::Draft,
        ApplicationStatus::Submitted,
        ApplicationStatus::InReview,
        ApplicationStatus::MoreInfoRequested,
        ApplicationStatus::Approved,
        ApplicationStatus::Rejected,
        ApplicationStatus::Suspended,
        ApplicationStatus::Terminated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Draft => "draft",
            ApplicationStatus::Submitted => "submitted",
            ApplicationStatus::InReview => "in_review",
            ApplicationStatus::MoreInfoRequested => "more_info_requested",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Rejected => "rejected",
            ApplicationStatus::Suspended => "suspended",
            ApplicationStatus::Terminated => "terminated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Nothing moves a rejected application or a terminated shop; the applicant may
    /// start a new application after a rejection.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Rejected | ApplicationStatus::Terminated
        )
    }

    /// Whether the applicant may still edit the application's fields and documents.
    pub fn editable(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Draft | ApplicationStatus::MoreInfoRequested
        )
    }

    /// Whether the shop may sell.
    pub fn open_for_business(self) -> bool {
        self == ApplicationStatus::Approved
    }
}

impl ApplicationAction {
    pub const ALL: [ApplicationAction; 9] = [
        ApplicationAction::Submit,
        ApplicationAction::StartReview,
        ApplicationAction::RequestInfo,
        ApplicationAction::Approve,
        ApplicationAction::AutoApprove,
        ApplicationAction::Reject,
        ApplicationAction::Suspend,
        ApplicationAction::Reinstate,
        ApplicationAction::Terminate,
    ];

    /// Actions whose statement of reasons the applicant sees; refused without one.
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            ApplicationAction::RequestInfo
                | ApplicationAction::Reject
                | ApplicationAction::Suspend
                | ApplicationAction::Reinstate
                | ApplicationAction::Terminate
        )
    }

    fn actor(self) -> Actor {
        match self {
            ApplicationAction::Submit => Actor::Applicant,
            ApplicationAction::AutoApprove => Actor::System,
            _ => Actor::Moderator,
        }
    }
}

/// The state after `action` by `actor` on an application in `from`, or why not.
/// `reason` is the statement the applicant will see (blank counts as none).
pub fn transition(
    from: ApplicationStatus,
    action: ApplicationAction,
    actor: Actor,
    reason: Option<&str>,
) -> Result<ApplicationStatus, OnboardingError> {
    use ApplicationAction as A;
    use ApplicationStatus as S;
    if actor != action.actor() {
        return Err(OnboardingError::NotAllowed);
    }
    let to = match (from, action) {
        (S::Draft | S::MoreInfoRequested, A::Submit) => S::Submitted,
        (S::Submitted, A::StartReview) => S::InReview,
        (S::Submitted | S::InReview, A::RequestInfo) => S::MoreInfoRequested,
        (S::Submitted | S::InReview, A::Approve) => S::Approved,
        (S::Submitted, A::AutoApprove) => S::Approved,
        (S::Submitted | S::InReview, A::Reject) => S::Rejected,
        (S::Approved, A::Suspend) => S::Suspended,
        (S::Suspended, A::Reinstate) => S::Approved,
        (S::Approved | S::Suspended, A::Terminate) => S::Terminated,
        _ => return Err(OnboardingError::WrongState),
    };
    if action.needs_reason() && reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(OnboardingError::ReasonRequired);
    }
    Ok(to)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum BusinessType {
    Individual,
    Company,
}

impl BusinessType {
    pub fn as_str(self) -> &'static str {
        match self {
            BusinessType::Individual => "individual",
            BusinessType::Company => "company",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [BusinessType::Individual, BusinessType::Company]
            .into_iter()
            .find(|b| b.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DocumentKind {
    Identity,
    BusinessRegistration,
    BrandAuthorisation,
    ProofOfAddress,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 4] = [
        DocumentKind::Identity,
        DocumentKind::BusinessRegistration,
        DocumentKind::BrandAuthorisation,
        DocumentKind::ProofOfAddress,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Identity => "identity",
            DocumentKind::BusinessRegistration => "business_registration",
            DocumentKind::BrandAuthorisation => "brand_authorisation",
            DocumentKind::ProofOfAddress => "proof_of_address",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// One requirement row: `document` is needed from applicants in `country` (ISO 3166
/// alpha-2, or `None` for every country) of `business_type` (`None`: both), and only
/// when they claim a brand if `only_with_brand`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    pub country: Option<String>,
    pub business_type: Option<BusinessType>,
    pub document: DocumentKind,
    pub only_with_brand: bool,
}

/// The documents `rules` require of this applicant, each once, in a stable order.
pub fn required_documents(
    rules: &[Requirement],
    country: &str,
    business_type: BusinessType,
    claims_brand: bool,
) -> Vec<DocumentKind> {
    let mut out: Vec<DocumentKind> = rules
        .iter()
        .filter(|r| {
            r.country
                .as_deref()
                .is_none_or(|c| c.eq_ignore_ascii_case(country))
                && r.business_type.is_none_or(|b| b == business_type)
                && (!r.only_with_brand || claims_brand)
        })
        .map(|r| r.document)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Which of `required` are not among `provided`.
pub fn missing_documents(
    required: &[DocumentKind],
    provided: &[DocumentKind],
) -> Vec<DocumentKind> {
    required
        .iter()
        .copied()
        .filter(|d| !provided.contains(d))
        .collect()
}

/// Submitting needs every required document; the error lists what is missing.
pub fn check_submission(
    required: &[DocumentKind],
    provided: &[DocumentKind],
) -> Result<(), OnboardingError> {
    let missing = missing_documents(required, provided);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(OnboardingError::MissingDocuments(missing))
    }
}

/// Largest accepted application document, in bytes (10 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// An application document's file type, recognised by its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentFile {
    Pdf,
    Image(crate::media::ImageKind),
}

impl DocumentFile {
    pub fn sniff(bytes: &[u8]) -> Option<DocumentFile> {
        if bytes.starts_with(b"%PDF-") {
            Some(DocumentFile::Pdf)
        } else {
            crate::media::ImageKind::sniff(bytes).map(DocumentFile::Image)
        }
    }

    pub fn ext(self) -> &'static str {
        match self {
            DocumentFile::Pdf => "pdf",
            DocumentFile::Image(k) => k.ext(),
        }
    }

    pub fn from_ext(ext: &str) -> Option<DocumentFile> {
        if ext == "pdf" {
            Some(DocumentFile::Pdf)
        } else {
            crate::media::ImageKind::from_ext(ext).map(DocumentFile::Image)
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            DocumentFile::Pdf => "application/pdf",
            DocumentFile::Image(k) => k.content_type(),
        }
    }
}

/// Countries a shop may be based in: ISO 3166 alpha-2, English and Chinese names.
pub const COUNTRIES: &[(&str, &str, &str)] = &[
    ("TW", "Taiwan", "台灣"),
    ("HK", "Hong Kong", "香港"),
    ("JP", "Japan", "日本"),
    ("KR", "South Korea", "南韓"),
    ("SG", "Singapore", "新加坡"),
    ("MY", "Malaysia", "馬來西亞"),
    ("US", "United States", "美國"),
    ("GB", "United Kingdom", "英國"),
    ("DE", "Germany", "德國"),
    ("FR", "France", "法國"),
    ("DK", "Denmark", "丹麥"),
];

/// The country's ISO code, normalised, if shops may be based there.
pub fn parse_country(raw: &str) -> Option<&'static str> {
    let raw = raw.trim();
    COUNTRIES
        .iter()
        .find(|(code, _, _)| code.eq_ignore_ascii_case(raw))
        .map(|(code, _, _)| *code)
}

/// Shop addresses that would collide with the site's own pages or mislead shoppers.
const RESERVED_SLUGS: &[&str] = &[
    "admin", "api", "cart", "checkout", "help", "login", "media", "official", "orders", "pkg",
    "platform", "search", "sell", "seller", "signup", "support",
];

/// A shop address (the `slug` in `/search?shop=slug` and the shop's record id):
/// 3–40 characters of `a-z`, `0-9` and hyphens, not starting or ending with a hyphen
/// and without two in a row; lower-cased and trimmed first.
pub fn parse_slug(raw: &str) -> Result<String, crate::FieldErrorCode> {
    let s = raw.trim().to_ascii_lowercase();
    if s.is_empty() {
        return Err(crate::FieldErrorCode::Required);
    }
    let ok = (3..=40).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--");
    if !ok {
        return Err(crate::FieldErrorCode::InvalidSlug);
    }
    if RESERVED_SLUGS.contains(&s.as_str()) {
        return Err(crate::FieldErrorCode::SlugTaken);
    }
    Ok(s)
}

#[cfg(test)]
mod tests;
