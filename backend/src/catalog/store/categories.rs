//! The category tree.

use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

#[derive(Clone, Debug, SurrealValue)]
pub struct CategoryRow {
    pub id: RecordId,
    pub slug: String,
    pub name_en: String,
    pub name_zh: String,
    pub parent: Option<RecordId>,
    pub depth: i64,
    pub position: i64,
}

const CATEGORIES: &str =
    "SELECT id, slug, name_en, name_zh, parent, depth, position FROM category ORDER BY depth, position";

pub async fn categories(db: &Db) -> Result<Vec<CategoryRow>, surrealdb::Error> {
    let mut res = db.query(CATEGORIES).await?.check()?;
    res.take(0)
}
