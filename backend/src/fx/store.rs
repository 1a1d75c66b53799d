//! Exchange-rate queries (server only): rates from USD, each currency's rounding, the
//! rate history and the stale-after setting; the rate table every priced page uses.

use chrono::{DateTime, Utc};
use domain::fx::RateTable;
use domain::money::RoundingMode;
use domain::Currency;
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

/// A stored rate from USD.
#[derive(SurrealValue)]
pub struct RateRow {
    pub quote: String,
    pub rate_e9: i64,
    pub source: String,
    pub as_of: DateTime<Utc>,
}

/// A currency's rounding mode (the record key is the currency code).
#[derive(SurrealValue)]
pub struct ModeRow {
    pub id: RecordId,
    pub mode: String,
}

/// One past change of a rate.
#[derive(SurrealValue)]
pub struct HistoryRow {
    pub quote: String,
    pub rate_e9: i64,
    pub source: String,
    pub at: DateTime<Utc>,
}

const RATES_AND_MODES: &str =
    "SELECT quote, rate_e9, source, as_of FROM fx_rate WHERE base = 'USD';\n\
     SELECT id, mode FROM fx_rounding;";

/// Reads every rate from USD and every currency's rounding mode.
pub async fn rates_and_modes(db: &Db) -> Result<(Vec<RateRow>, Vec<ModeRow>), surrealdb::Error> {
    let mut res = db.query(RATES_AND_MODES).await?.check()?;
    let rows: Vec<RateRow> = res.take(0)?;
    let modes: Vec<ModeRow> = res.take(1)?;
    Ok((rows, modes))
}

/// Rates from USD and the rounding modes, straight from the database.
pub async fn rate_table(db: &Db) -> Result<RateTable, surrealdb::Error> {
    let (rows, modes) = rates_and_modes(db).await?;
    Ok(table_of(&rows, modes))
}

/// The rate table of stored rates and rounding modes (unknown codes are left out).
pub fn table_of(rows: &[RateRow], modes: Vec<ModeRow>) -> RateTable {
    RateTable {
        usd: rows
            .iter()
            .filter_map(|r| Currency::parse(&r.quote).map(|c| (c, r.rate_e9)))
            .collect(),
        modes: modes
            .into_iter()
            .filter_map(|m| {
                Some((
                    Currency::parse(&crate::db::key_of(&m.id))?,
                    RoundingMode::parse(&m.mode)?,
                ))
            })
            .collect(),
    }
}

/// What the exchange-rate admin page shows from the database.
pub struct AdminRows {
    pub rates: Vec<RateRow>,
    pub modes: Vec<ModeRow>,
    /// The latest 30 rate changes, newest first.
    pub history: Vec<HistoryRow>,
}

/// Reads the rates from USD, the rounding modes and the latest rate changes.
pub async fn admin_rows(db: &Db) -> Result<AdminRows, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "{RATES_AND_MODES}\nSELECT quote, rate_e9, source, at FROM fx_history ORDER BY at DESC LIMIT 30"
        ))
        .await?
        .check()?;
    let rates: Vec<RateRow> = res.take(0)?;
    let modes: Vec<ModeRow> = res.take(1)?;
    let history: Vec<HistoryRow> = res.take(2)?;
    Ok(AdminRows {
        rates,
        modes,
        history,
    })
}

/// Reads how many hours old a rate may be before it is flagged (`None` when unset).
pub async fn stale_hours(db: &Db) -> Result<Option<i64>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE fx_stale_hours FROM ONLY platform_setting:main")
        .await?
        .check()?;
    res.take(0)
}

/// Writes rates from USD with their history and an audit entry, in one transaction.
pub async fn save_rates(
    db: &Db,
    rates: &[(Currency, i64)],
    source: &str,
    as_of: DateTime<Utc>,
    now: DateTime<Utc>,
    by: &RecordId,
) -> Result<(), surrealdb::Error> {
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
            by: by.clone(),
        })
        .collect();
    let count = rows.len() as i64;
    db.query(
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
    .bind(("by", by.clone()))
    .await?
    .check()?;
    Ok(())
}

/// Writes a currency's rounding mode (`currency` and `mode` are their codes).
pub async fn set_rounding(
    db: &Db,
    currency: &str,
    mode: &str,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query("UPSERT type::record('fx_rounding', $c) SET mode = $m, updated_at = $now")
        .bind(("c", currency.to_string()))
        .bind(("m", mode.to_string()))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

/// Writes how many hours old a rate may be before it is flagged, with an audit entry.
pub async fn set_stale_hours(
    db: &Db,
    hours: i64,
    now: DateTime<Utc>,
    by: &RecordId,
) -> Result<(), surrealdb::Error> {
    db.query(
        "UPDATE platform_setting:main SET fx_stale_hours = $h, updated_at = $now;\n\
         CREATE audit_log SET actor = $by, action = 'fx.stale_hours', subject = 'platform_setting:main', detail = { hours: $h }, at = $now;",
    )
    .bind(("h", hours))
    .bind(("now", now))
    .bind(("by", by.clone()))
    .await?
    .check()?;
    Ok(())
}
