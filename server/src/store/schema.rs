//! The database's namespace, the migration records and the per-table row counts.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use app::state::Db;

/// Defines the namespace and database when missing. Their names are validated
/// identifiers (see config), so they may be written into the statement; SurrealDB 3
/// needs them defined before use.
pub async fn define_namespace_and_database(
    db: &Db,
    namespace: &str,
    database: &str,
) -> Result<(), surrealdb::Error> {
    db.query(format!(
        "DEFINE NAMESPACE IF NOT EXISTS {ns}; USE NS {ns}; DEFINE DATABASE IF NOT EXISTS {db};",
        ns = namespace,
        db = database
    ))
    .await?
    .check()?;
    Ok(())
}

const DEFINE_MIGRATION_TABLE: &str = "DEFINE TABLE IF NOT EXISTS migration SCHEMAFULL; DEFINE FIELD IF NOT EXISTS applied_at ON migration TYPE datetime;";

/// Defines the `migration` table that records applied migrations, when missing.
pub async fn define_migration_table(db: &Db) -> Result<(), surrealdb::Error> {
    db.query(DEFINE_MIGRATION_TABLE).await?.check()?;
    Ok(())
}

/// A recorded migration.
#[derive(SurrealValue)]
pub struct Applied {
    pub id: RecordId,
}

const APPLIED_MIGRATIONS: &str = "SELECT id FROM migration";

/// The migrations already applied.
pub async fn applied_migrations(db: &Db) -> Result<Vec<Applied>, surrealdb::Error> {
    let mut res = db.query(APPLIED_MIGRATIONS).await?.check()?;
    res.take(0)
}

/// Runs one migration's statements and records it as `migration` (applied at `now`),
/// in one transaction.
pub async fn apply_migration(
    db: &Db,
    sql: &str,
    migration: RecordId,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    let body = format!(
        "BEGIN TRANSACTION;\n{sql}\nCREATE $migration SET applied_at = $now;\nCOMMIT TRANSACTION;"
    );
    let mut res = db
        .query(body)
        .bind(("migration", migration))
        .bind(("now", now))
        .await?;
    // in a failed transaction every statement reports "not executed" except the
    // one that failed: report that one
    let mut errors: Vec<(usize, surrealdb::Error)> = res.take_errors().into_iter().collect();
    errors.sort_by_key(|(i, _)| *i);
    if let Some((_, e)) = errors
        .iter()
        .find(|(_, e)| e.query_details() != Some(&surrealdb::types::QueryError::NotExecuted))
        .or(errors.first())
    {
        return Err(e.clone());
    }
    Ok(())
}

/// The number of rows in `table` (a name from the application's own list, never input).
pub async fn count_rows(db: &Db, table: &str) -> Result<i64, surrealdb::Error> {
    app::state::count_unbound(db, &format!("SELECT count() AS n FROM {table} GROUP ALL")).await
}
