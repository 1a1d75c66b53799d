//! The transparency report's rows.

use chrono::{DateTime, Utc};
use surrealdb::types::SurrealValue;

use crate::db::Db;

/// A rights notice item, for the transparency report.
#[derive(SurrealValue)]
pub struct NoticeItemRow {
    pub state: String,
    pub created_at: DateTime<Utc>,
    pub actioned_at: Option<DateTime<Utc>>,
    pub counter_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// A moderator's decision, for the transparency report.
#[derive(SurrealValue)]
pub struct DecisionRow {
    pub action: String,
    pub at: DateTime<Utc>,
    pub subject: String,
}

/// What the transparency report counts.
pub struct TransparencyRows {
    pub items: Vec<NoticeItemRow>,
    pub decisions: Vec<DecisionRow>,
    /// When each strike was issued.
    pub strikes: Vec<DateTime<Utc>>,
}

/// The most rows of each kind one report reads (a bound on a public page's cost; the
/// report is cached, see `moderation::transparency`).
pub const TRANSPARENCY_ROWS: i64 = 100_000;

/// Reads the notice items created, moderation decisions taken and strikes issued since
/// `from` (at most [`TRANSPARENCY_ROWS`] of each).
pub async fn transparency_rows(
    db: &Db,
    from: DateTime<Utc>,
) -> Result<TransparencyRows, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT state, created_at, actioned_at, counter_at, closed_at FROM notice_item WHERE created_at >= $from LIMIT $most;\n\
             SELECT action, at, subject FROM moderation_decision WHERE at >= $from LIMIT $most;\n\
             SELECT VALUE issued_at FROM strike WHERE issued_at >= $from LIMIT $most;",
        )
        .bind(("from", from))
        .bind(("most", TRANSPARENCY_ROWS))
        .await?
        .check()?;
    let items: Vec<NoticeItemRow> = res.take(0)?;
    let decisions: Vec<DecisionRow> = res.take(1)?;
    let strikes: Vec<DateTime<Utc>> = res.take(2)?;
    Ok(TransparencyRows {
        items,
        decisions,
        strikes,
    })
}
