//! Exchange rates: the admin page where rates are typed or imported from the
//! European Central Bank's daily XML, each currency's rounding, and the age after which
//! a rate is flagged as stale. Rules (conversion, the ECB format) are in `domain::fx`;
//! server work in [`imp`], its queries in [`store`]; the page in [`views`]. Every
//! converted price on the site goes through `domain::fx::RateTable` loaded from here.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {crate::ctx::Ctx, crate::state::app_state, domain::Role};

pub mod views;

#[cfg(feature = "ssr")]
pub mod imp;
#[cfg(feature = "ssr")]
pub use backend::fx::store;

/// One currency's rate as the admin page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLine {
    pub currency: String,
    /// Units per US dollar as a decimal (`32.15`); empty when there is no rate.
    pub rate: String,
    pub source: String,
    /// Unix seconds the rate is for (0 when there is none).
    pub as_of: i64,
    pub age_hours: i64,
    pub stale: bool,
    pub mode: String,
    /// A sample conversion: what NT$1,000 shows as in this currency.
    pub sample: String,
}

/// One past change of a rate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateChange {
    pub currency: String,
    pub rate: String,
    pub source: String,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatesAdmin {
    pub rows: Vec<RateLine>,
    pub stale_hours: i64,
    pub stale_count: usize,
    pub history: Vec<RateChange>,
}

#[server(endpoint = "rates_admin")]
pub async fn get_rates_admin() -> Result<RatesAdmin, AppError> {
    Ctx::role(Role::Admin).await?;
    imp::admin_view(&app_state()?).await
}

/// Sets one currency's rate (units per US dollar) and rounding by hand.
#[server(endpoint = "set_rate")]
pub async fn set_rate(
    #[server(default)] currency: String,
    #[server(default)] rate: String,
    #[server(default)] mode: String,
) -> Result<(), AppError> {
    imp::set_rate(&Ctx::role(Role::Admin).await?, &currency, &rate, &mode).await
}

/// Sets how many hours old a rate may be before the page flags it.
#[server(endpoint = "set_fx_stale_hours")]
pub async fn set_stale_hours(#[server(default)] hours: String) -> Result<(), AppError> {
    imp::set_stale_hours(&Ctx::role(Role::Admin).await?, &hours).await
}
