//! Server side of exchange rates: loading the rate table every priced page uses,
//! manual rates, the ECB import, the stale flag.

use chrono::{DateTime, NaiveDate, Utc};
use domain::fx;
use domain::money::RoundingMode;
use domain::{Currency, FieldError, FieldErrorCode, Money, Role};

use super::store::{self, table_of};
use super::*;
use crate::accounts::session::SessionUser;
use crate::ctx::Ctx;
use crate::error::invalid;
use crate::state::{AppState, Db};

/// The ECB file shipped with the marketplace (`samples/ecb-eurofxref-daily.xml`), for the
/// demo's "import the sample" button and the tests; no network at run time.
pub const SAMPLE_ECB: &str = include_str!("../../../samples/ecb-eurofxref-daily.xml");

/// Rates from USD and the rounding modes, straight from the database.
pub use super::store::rate_table;

async fn stale_hours(db: &Db) -> Result<i64, surrealdb::Error> {
    Ok(store::stale_hours(db).await?.unwrap_or(48))
}

/// The admin page's data at the state's clock (for an admin).
pub async fn admin_view(state: &AppState) -> Result<RatesAdmin, AppError> {
    let store::AdminRows {
        rates: rows,
        modes,
        history: hist,
    } = store::admin_rows(&state.db).await?;
    let table = table_of(&rows, modes);
    let stale_hours = stale_hours(&state.db).await?;
    let now = state.now().timestamp();
    let sample = Money::new(1_000, Currency::TWD);
    let lines: Vec<RateLine> = Currency::ALL
        .into_iter()
        .filter(|c| *c != Currency::USD)
        .map(|c| {
            let row = rows.iter().find(|r| r.quote == c.code());
            let as_of = row.map_or(0, |r| r.as_of.timestamp());
            RateLine {
                currency: c.code().to_string(),
                rate: row.map(|r| fx::rate_string(r.rate_e9)).unwrap_or_default(),
                source: row.map(|r| r.source.clone()).unwrap_or_default(),
                as_of,
                age_hours: row.map_or(0, |_| (now - as_of).max(0) / 3600),
                // a currency without a rate is as bad as a stale one
                stale: row.is_none_or(|_| fx::is_stale(as_of, now, stale_hours)),
                mode: table.mode(c).code().to_string(),
                sample: table
                    .convert(sample, c)
                    .map(|m| m.format())
                    .unwrap_or_default(),
            }
        })
        .collect();
    Ok(RatesAdmin {
        stale_count: lines.iter().filter(|l| l.stale).count(),
        rows: lines,
        stale_hours,
        history: hist
            .into_iter()
            .map(|h| RateChange {
                currency: h.quote,
                rate: fx::rate_string(h.rate_e9),
                source: h.source,
                at: h.at.timestamp(),
            })
            .collect(),
    })
}

/// Writes rates from USD in one transaction with their history and an audit entry, then
/// refreshes the reference prices that filters and sorting use.
async fn write_rates(
    state: &AppState,
    actor: &SessionUser,
    rates: &[(Currency, i64)],
    source: &str,
    as_of: DateTime<Utc>,
) -> Result<(), AppError> {
    let now = state.now();
    store::save_rates(&state.db, rates, source, as_of, now, &actor.id).await?;
    backend::catalog::store::reprice_reference(&state.db).await?;
    state.catalog_cache.invalidate();
    Ok(())
}

/// An admin (`admin` holds the role) sets one currency's rate and rounding by hand.
pub async fn set_rate(admin: &Ctx, currency: &str, rate: &str, mode: &str) -> Result<(), AppError> {
    let Ctx {
        state, user: actor, ..
    } = admin;
    let mut errs = Vec::new();
    let c = Currency::parse(currency.trim()).filter(|c| *c != Currency::USD);
    if c.is_none() {
        errs.push(FieldError::new("currency", FieldErrorCode::UnknownCurrency));
    }
    let r = fx::parse_rate(rate);
    if r.is_none() {
        errs.push(FieldError::new("rate", FieldErrorCode::InvalidRate));
    }
    let m = RoundingMode::parse(mode.trim());
    if m.is_none() {
        errs.push(FieldError::new("mode", FieldErrorCode::InvalidChoice));
    }
    let (Some(c), Some(r), Some(m)) = (c, r, m) else {
        return Err(AppError::Invalid(errs));
    };
    let now = state.now();
    store::set_rounding(&state.db, c.code(), m.code(), now).await?;
    write_rates(state, actor, &[(c, r)], "manual", now).await
}

/// An admin (`admin` holds the role) sets the age after which a rate is stale.
pub async fn set_stale_hours(admin: &Ctx, hours: &str) -> Result<(), AppError> {
    let Ctx {
        state, user: actor, ..
    } = admin;
    let h = hours
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|h| (1..=8760).contains(h))
        .ok_or_else(|| invalid("hours", FieldErrorCode::InvalidNumber))?;
    let now = state.now();
    store::set_stale_hours(&state.db, h, now, &actor.id).await?;
    Ok(())
}

/// What an ECB import did.
#[derive(Debug, PartialEq, Eq)]
pub struct Imported {
    pub date: String,
    pub count: usize,
}

/// Imports one ECB daily file for `actor` (an admin): every known currency's rate is
/// replaced, in one transaction. A malformed file (the first bad line is reported), a
/// file without a USD rate, or anything not UTF-8 writes nothing.
pub async fn import_ecb(
    state: &AppState,
    actor: &SessionUser,
    bytes: &[u8],
) -> Result<Imported, String> {
    if !actor.roles.satisfies(Role::Admin) {
        return Err("forbidden".into());
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        format!("line {line}: not UTF-8 text")
    })?;
    let day = fx::parse_ecb(text).map_err(|e| e.to_string())?;
    let rates = fx::usd_based(&day)?;
    // the ECB publishes around 16:00 CET
    let as_of = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d")
        .map_err(|_| format!("bad date {}", day.date))?
        .and_hms_opt(15, 0, 0)
        .map(|t| t.and_utc())
        .ok_or("bad date")?;
    write_rates(state, actor, &rates, "ECB", as_of)
        .await
        .map_err(|e| format!("could not save the rates: {e}"))?;
    Ok(Imported {
        date: day.date,
        count: rates.len(),
    })
}
