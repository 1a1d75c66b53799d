//! `server export --out FILE` and `server import FILE`: a full SurrealQL dump of
//! schema and data (embedded engines), restored only into an empty database.

use std::path::Path;

use app::state::Db;

use crate::db::DbError;

pub async fn export(db: &Db, out: &Path) -> Result<(), DbError> {
    db.export(out).await?;
    Ok(())
}

/// Restores a dump. Refuses a database that already has tables, because the dump
/// carries its own schema and migration records.
pub async fn import(db: &Db, file: &Path) -> Result<(), DbError> {
    let mut res = db.query("INFO FOR DB").await?.check()?;
    let info: serde_json::Value = res.take(0)?;
    let has_tables = info.get("tables").and_then(|t| t.as_object()).is_some_and(|t| !t.is_empty());
    if has_tables {
        return Err(DbError::Query(surrealdb::Error::validation(
            "the target database is not empty; import into a fresh DATABASE_URL".into(),
            None,
        )));
    }
    db.import(file).await?;
    Ok(())
}
