//! Applying to sell: the applicant's form, documents and status; moderators' review
//! (approve, reject, request more information, suspend, reinstate, terminate) and the
//! admin switch that auto-approves applications passing every automatic check.
//! Every status change is one transaction that also writes the audit log entry the
//! applicant's history is read from.

use domain::onboarding::{ApplicationAction, ApplicationStatus, DocumentKind};
use domain::Lang;
use serde::{Deserialize, Serialize};

mod api;
#[cfg(feature = "ssr")]
pub mod imp;
pub mod views;

pub use api::*;

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

/// A country's name in the shopper's language (application forms, shipping zones).
pub fn country_label(code: &str, lang: Lang) -> String {
    domain::shipping::country_name(code, lang == Lang::ZhHant).to_string()
}
