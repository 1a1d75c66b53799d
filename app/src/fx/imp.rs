//! Server side of exchange rates: loading the rate table every priced page uses,
//! manual rates, the ECB import, the stale flag.

use chrono::{DateTime, NaiveDate, Utc};
use domain::fx::{self, RateTable};
use domain::money::RoundingMode;
use domain::{Currency, FieldError, FieldErrorCode, Money, Role};
use surrealdb::types::{RecordId, SurrealValue};

use super::*;
use crate::accounts::session::{require_role, SessionUser};
use crate::error::invalid;
use crate::state::{app_state, AppState, Db};

/// The ECB file shipped with the marketplace (`samples/ecb-eurofxref-daily.xml`), for the
/// demo's "import the sample" button and the tests; no network at run time.
pub const SAMPLE_ECB: &str = include_str!("../../../samples/ecb-eurofxref-daily.xml");

#[derive(SurrealValue)]
struct RateRow {
    quote: String,
    rate_e9: i64,
    source: String,
    as_of: DateTime<Utc>,
}

#[derive(SurrealValue)]
struct ModeRow {
    id: RecordId,
    mode: String,
}

const RATES_AND_MODES: &str =
    "SELECT quote, rate_e9, source, as_of FROM fx_rate WHERE base = 'USD';\n\
     SELECT id, mode FROM fx_rounding;";

/// Rates from USD and the rounding modes, straight from the database.
pub async fn rate_table(db: &Db) -> Result<RateTable, surrealdb::Error> {
    let mut res = db.query(RATES_AND_MODES).await?.check()?;
    let rows: Vec<RateRow> = res.take(0)?;
    let modes: Vec<ModeRow> = res.take(1)?;
    Ok(table_of(&rows, modes))
}

fn table_of(rows: &[RateRow], modes: Vec<ModeRow>) -> RateTable {
    RateTable {
        usd: rows
            .iter()
            .filter_map(|r| Currency::parse(&r.quote).map(|c| (c, r.rate_e9)))
            .collect(),
        modes: modes
            .into_iter()
            .filter_map(|m| {
                Some((
                    Currency::parse(&crate::state::key_of(&m.id))?,
                    RoundingMode::parse(&m.mode)?,
                ))
            })
            .collect(),
    }
}

async fn stale_hours(db: &Db) -> Result<i64, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE fx_stale_hours FROM ONLY platform_setting:main")
        .await?
        .check()?;
    let v: Option<i64> = res.take(0)?;
    Ok(v.unwrap_or(48))
}

pub async fn admin() -> Result<RatesAdmin, AppError> {
    require_role(Role::Admin).await?;
    let state = app_state()?;
    admin_view(&state).await
}

/// The admin page's data at the state's clock.
pub async fn admin_view(state: &AppState) -> Result<RatesAdmin, AppError> {
    let mut res = state
        .db
        .query(format!(
            "{RATES_AND_MODES}\nSELECT quote, rate_e9, source, at FROM fx_history ORDER BY at DESC LIMIT 30"
        ))
        .await?
        .check()?;
    let rows: Vec<RateRow> = res.take(0)?;
    let table = table_of(&rows, res.take(1)?);
    #[derive(SurrealValue)]
    struct Hist {
        quote: String,
        rate_e9: i64,
        source: String,
        at: DateTime<Utc>,
    }
    let hist: Vec<Hist> = res.take(2)?;
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
    #[derive(SurrealValue)]
    struct Rate {
        id: RecordId,
        base: String,
        quote: String,
        rate_e9: i64,
        source: String,
        as_of: DateTime<Utc>,
    }
    #[derive(SurrealValue)]
    struct Change {
        base: String,
        quote: String,
        rate_e9: i64,
        source: String,
        as_of: DateTime<Utc>,
        at: DateTime<Utc>,
        by: RecordId,
    }
    let rows: Vec<Rate> = rates
        .iter()
        .map(|(c, r)| Rate {
            id: RecordId::new("fx_rate", format!("USD_{}", c.code())),
            base: "USD".into(),
            quote: c.code().into(),
            rate_e9: *r,
            source: source.into(),
            as_of,
        })
        .collect();
    let changes: Vec<Change> = rates
        .iter()
        .map(|(c, r)| Change {
            base: "USD".into(),
            quote: c.code().into(),
            rate_e9: *r,
            source: source.into(),
            as_of,
            at: now,
            by: actor.id.clone(),
        })
        .collect();
    let count = rows.len() as i64;
    state
        .db
        .query(
            "BEGIN TRANSACTION;\n\
             INSERT INTO fx_rate $rows ON DUPLICATE KEY UPDATE rate_e9 = $input.rate_e9, source = $input.source, as_of = $input.as_of;\n\
             INSERT INTO fx_history $changes;\n\
             CREATE audit_log SET actor = $by, action = 'fx.rates', subject = 'fx_rate', detail = { source: $source, count: $count }, at = $now;\n\
             COMMIT TRANSACTION;",
        )
        .bind(("rows", rows))
        .bind(("changes", changes))
        .bind(("source", source.to_string()))
        .bind(("count", count))
        .bind(("now", now))
        .bind(("by", actor.id.clone()))
        .await?
        .check()?;
    crate::catalog::store::reprice_reference(&state.db).await?;
    state.catalog_cache.invalidate();
    Ok(())
}

pub async fn set_rate(currency: &str, rate: &str, mode: &str) -> Result<(), AppError> {
    let actor = require_role(Role::Admin).await?;
    let state = app_state()?;
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
    state
        .db
        .query("UPSERT type::record('fx_rounding', $c) SET mode = $m, updated_at = $now")
        .bind(("c", c.code().to_string()))
        .bind(("m", m.code().to_string()))
        .bind(("now", now))
        .await?
        .check()?;
    write_rates(&state, &actor, &[(c, r)], "manual", now).await
}

pub async fn set_stale_hours(hours: &str) -> Result<(), AppError> {
    let actor = require_role(Role::Admin).await?;
    let state = app_state()?;
    let h = hours
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|h| (1..=8760).contains(h))
        .ok_or_else(|| invalid("hours", FieldErrorCode::InvalidNumber))?;
    let now = state.now();
    state
        .db
        .query(
            "UPDATE platform_setting:main SET fx_stale_hours = $h, updated_at = $now;\n\
             CREATE audit_log SET actor = $by, action = 'fx.stale_hours', subject = 'platform_setting:main', detail = { hours: $h }, at = $now;",
        )
        .bind(("h", h))
        .bind(("now", now))
        .bind(("by", actor.id.clone()))
        .await?
        .check()?;
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
