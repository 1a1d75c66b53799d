//! The database handle and the helpers every store uses: record keys, counts, query
//! variables, and the typed error kinds the SDK reports (a lost write conflict, a
//! record that already exists) — never read out of error messages.

mod audit;
mod locks;
mod refusal;
mod tx;

pub use audit::{Audit, AuditAction};
pub use locks::lock_records;
pub use refusal::Refusal;
pub use tx::{Stmts, Tx};

use surrealdb::engine::any::Any;
use surrealdb::types::{QueryError, RecordId, RecordIdKey, SurrealValue};
use surrealdb::Surreal;

pub type Db = Surreal<Any>;

/// The key part of a record id as text (`user:⟨a@b.c⟩` gives `a@b.c`).
pub fn key_of(id: &RecordId) -> String {
    match &id.key {
        RecordIdKey::String(s) => s.clone(),
        RecordIdKey::Number(n) => n.to_string(),
        RecordIdKey::Uuid(u) => u.to_string(),
        other => format!("{other:?}"),
    }
}

/// `table:key`, for audit subjects and logs.
pub fn ref_of(id: &RecordId) -> String {
    format!("{}:{}", id.table.as_str(), key_of(id))
}

/// Whether text from a URL or form can be a record key we issue (letters, digits,
/// `-`, `_`; at most 64): anything else is "not found" before any query.
pub use domain::keys::is_record_key;

/// The record a checked key names.
pub fn record<T: domain::keys::Table>(key: &domain::keys::Key<T>) -> RecordId {
    RecordId::new(T::NAME, key.as_str())
}

/// Whether a statement lost a write conflict that the database says may simply be run
/// again (its transactions are snapshot-isolated and the SDK never retries). Read from
/// the error's typed details.
pub fn is_conflict(e: &surrealdb::Error) -> bool {
    e.query_details() == Some(&QueryError::TransactionConflict)
}

/// Whether a statement was refused because the record (or a unique index entry)
/// already exists.
pub fn is_already_exists(e: &surrealdb::Error) -> bool {
    e.is_already_exists()
}

#[derive(SurrealValue)]
struct CountRow {
    n: i64,
}

/// Runs `SELECT count() ... GROUP ALL` (the statement must alias the count as `n`);
/// an empty match counts as zero.
pub async fn count(
    db: &Db,
    sql: &str,
    vars: impl surrealdb::method::IntoVariables,
) -> Result<i64, surrealdb::Error> {
    first_count(db.query(sql.to_owned()).bind(vars)).await
}

/// [`count`] for a statement without parameters.
pub async fn count_unbound(db: &Db, sql: &str) -> Result<i64, surrealdb::Error> {
    first_count(db.query(sql.to_owned())).await
}

/// The count of statement `index` of a multi-statement result (a `SELECT count() AS n
/// ... GROUP ALL`); an empty match counts as zero.
pub fn count_of(
    res: &mut surrealdb::IndexedResults,
    index: usize,
) -> Result<i64, surrealdb::Error> {
    let rows: Vec<CountRow> = res.take(index)?;
    Ok(rows.into_iter().next().map(|r| r.n).unwrap_or(0))
}

async fn first_count(query: surrealdb::method::Query<'_, Any>) -> Result<i64, surrealdb::Error> {
    let mut res = query.await?.check()?;
    count_of(&mut res, 0)
}

/// Query variables from `name => value` pairs: `vars! { "id" => id, "now" => now }`.
#[macro_export]
macro_rules! vars {
    ($($k:literal => $v:expr),* $(,)?) => {{
        let mut v = ::surrealdb::types::Variables::new();
        $( v.insert($k, $v); )*
        ::surrealdb::types::Object::from(v)
    }};
}
