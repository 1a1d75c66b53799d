//! The moderation policy's platform settings.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, Variables};

use crate::db::Db;

/// Reads the moderation policy's values for the named platform settings, in that order
/// (`None` when there are no settings).
pub async fn policy_values(db: &Db, names: &[&str]) -> Result<Option<Vec<i64>>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT VALUE [{}] FROM platform_setting:main",
            names.join(", ")
        ))
        .await?
        .check()?;
    let rows: Vec<Vec<i64>> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Writes the moderation policy's values (setting name, value) with an audit entry.
pub async fn save_policy(
    db: &Db,
    values: &[(&str, i64)],
    actor: &RecordId,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    let mut v = Variables::new();
    let sets: Vec<String> = values
        .iter()
        .map(|(name, value)| {
            v.insert(*name, *value);
            format!("{name} = ${name}")
        })
        .collect();
    v.insert("actor", actor.clone());
    v.insert("now", now);
    let obj: Vec<String> = values.iter().map(|(n, _)| format!("{n}: ${n}")).collect();
    db.query(format!(
        "UPDATE platform_setting:main SET {}, updated_at = $now;\n\
         CREATE audit_log SET actor = $actor, action = 'settings.moderation_policy', subject = 'platform_setting:main', \
           detail = {{ {} }}, at = $now;",
        sets.join(", "),
        obj.join(", ")
    ))
    .bind(surrealdb::types::Object::from(v))
    .await?
    .check()?;
    Ok(())
}
