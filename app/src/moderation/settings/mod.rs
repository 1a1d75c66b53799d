//! `/admin/settings`: what admins tune without a release — commission rates (default
//! and per category), the documents seller applications require, and payouts to
//! shops with money available. Every change is in the audit log.

mod api;
#[cfg(feature = "ssr")]
pub mod imp;
mod views;

pub use self::api::*;
pub use self::views::*;

use domain::onboarding::{BusinessType, DocumentKind, COUNTRIES};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{field_error_key, t, use_lang, K};
use crate::sellers::money::RecordPayout;
use crate::sellers::onboarding::country_label;
use crate::sellers::onboarding::views::document_key;
use crate::shell::GateError;
use crate::ui::{navigate_full, on_success, ErrorBanner, LoadingBlock};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementRow {
    pub id: String,
    pub country: Option<String>,
    pub business_type: Option<String>,
    pub document: DocumentKind,
    pub only_with_brand: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayoutDue {
    pub shop: String,
    pub name: String,
    pub currency: String,
    pub available_minor: i64,
    pub account: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformSettings {
    pub default_bps: i64,
    /// (category slug, English name, Chinese name, rate in basis points if set)
    pub categories: Vec<(String, String, String, Option<i64>)>,
    pub requirements: Vec<RequirementRow>,
    pub payouts: Vec<PayoutDue>,
}

const CARD: &str = "space-y-3 rounded-2xl border border-slate-200 bg-white p-6";
const INPUT: &str = "rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm";
const BUTTON: &str =
    "rounded-lg bg-teal-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-teal-800";
