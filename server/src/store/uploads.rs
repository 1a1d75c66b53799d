//! What the upload forms write themselves (the areas' logic writes the rest).

use surrealdb::types::RecordId;

use app::state::Db;

const MARK_IMPORT_FAILED: &str = "UPDATE $j SET status = 'failed'";

/// Marks a listing import as failed. The statement's own outcome is not checked (as
/// before the move: only a connection error is returned).
pub async fn mark_import_failed(db: &Db, job: &str) -> Result<(), surrealdb::Error> {
    db.query(MARK_IMPORT_FAILED)
        .bind(("j", RecordId::new("import_job", job)))
        .await
        .map(drop)
}
