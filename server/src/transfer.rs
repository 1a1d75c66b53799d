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
    let tables = crate::store::transfer::table_names(db).await?;
    let has_tables = !tables.is_empty();
    if has_tables {
        return Err(DbError::Invalid(
            "the target database is not empty; import into a fresh DATABASE_URL".into(),
        ));
    }
    db.import(file).await?;
    Ok(())
}
