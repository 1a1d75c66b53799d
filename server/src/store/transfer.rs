//! What an import needs to know of the target database.

use app::state::Db;

const TABLE_NAMES: &str = "RETURN object::keys((INFO FOR DB).tables)";

/// The names of the tables the database defines.
pub async fn table_names(db: &Db) -> Result<Vec<String>, surrealdb::Error> {
    let mut res = db.query(TABLE_NAMES).await?.check()?;
    res.take(0)
}
