//! Campaigns: their rules and results, the platform's daily referral traffic, and the
//! admin's and sellers' changes.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::Db;

/// A campaign with what it has done.
#[derive(SurrealValue)]
pub struct CampaignStats {
    pub id: RecordId,
    pub name: String,
    pub shop_name: Option<String>,
    pub currency: String,
    pub kind: String,
    pub rate_bps: i64,
    pub fixed_minor: i64,
    pub cap_minor: i64,
    pub welcome_bps: i64,
    pub welcome_cap_minor: i64,
    pub active: bool,
    pub rewards: i64,
    pub flagged: i64,
    pub cost_minor: i64,
    pub revenue_minor: i64,
}

/// Reads campaigns with what they did, oldest first: every one, or those funded by
/// `shop`.
pub async fn campaigns_with_stats(
    db: &Db,
    shop: Option<RecordId>,
) -> Result<Vec<CampaignStats>, surrealdb::Error> {
    let filter = if shop.is_some() {
        "WHERE shop = $shop"
    } else {
        ""
    };
    let mut res = db
        .query(format!(
            "SELECT id, name, shop.name AS shop_name, currency, kind, rate_bps, fixed_minor, cap_minor, welcome_bps, \
               welcome_cap_minor, active, rewards, flagged, cost_minor, revenue_minor, created_at FROM campaign {filter} ORDER BY created_at"
        ))
        .bind(("shop", shop))
        .await?
        .check()?;
    res.take(0)
}

/// One day of the platform's referral traffic.
#[derive(SurrealValue)]
pub struct DayRow {
    pub day: String,
    pub shares: Option<i64>,
    pub clicks: Option<i64>,
    pub signups: Option<i64>,
    pub orders: Option<i64>,
}

const DAYS_FROM: &str =
    "SELECT day, shares, clicks, signups, orders FROM referral_day WHERE day >= $from ORDER BY day";

/// Reads the days of referral traffic from `from` (`YYYY-MM-DD`), oldest first.
pub async fn days_from(db: &Db, from: String) -> Result<Vec<DayRow>, surrealdb::Error> {
    let mut res = db.query(DAYS_FROM).bind(("from", from)).await?.check()?;
    res.take(0)
}

const RECORD_EXISTS: &str = "RETURN record::exists($s)";

/// Reads whether a record (a campaign's funding shop) exists.
pub async fn record_exists(db: &Db, id: &RecordId) -> Result<Option<bool>, surrealdb::Error> {
    let mut res = db
        .query(RECORD_EXISTS)
        .bind(("s", id.clone()))
        .await?
        .check()?;
    res.take::<Option<bool>>(0)
}

/// A campaign's rules as saved.
pub struct CampaignValues {
    pub id: RecordId,
    pub now: DateTime<Utc>,
    pub name: String,
    /// The funding shop, or `None` for the platform.
    pub shop: Option<RecordId>,
    pub currency: String,
    pub kind: String,
    pub rate_bps: i64,
    pub fixed_minor: i64,
    pub cap_minor: i64,
    pub welcome_bps: i64,
    pub welcome_cap_minor: i64,
    pub active: bool,
}

const CAMPAIGN_FIELDS: &str = "name = $name, shop = $shop, currency = $currency, kind = $kind, rate_bps = $rate, fixed_minor = $fixed, \
        cap_minor = $cap, welcome_bps = $welcome, welcome_cap_minor = $wcap, active = $active, updated_at = $now";

/// Creates the campaign (`create`: its counters at zero) or changes it; returns its id,
/// nothing when there was no such campaign to change.
pub async fn write_campaign(
    db: &Db,
    create: bool,
    c: CampaignValues,
) -> Result<Vec<RecordId>, surrealdb::Error> {
    let sql = if create {
        format!("CREATE $id SET {CAMPAIGN_FIELDS}, created_at = $now, rewards = 0, flagged = 0, cost_minor = 0, revenue_minor = 0 RETURN VALUE id")
    } else {
        format!("UPDATE $id SET {CAMPAIGN_FIELDS} WHERE id = $id RETURN VALUE id")
    };
    let mut res = db
        .query(sql)
        .bind(("id", c.id))
        .bind(("now", c.now))
        .bind(("name", c.name))
        .bind(("shop", c.shop))
        .bind(("currency", c.currency))
        .bind(("kind", c.kind))
        .bind(("rate", c.rate_bps))
        .bind(("fixed", c.fixed_minor))
        .bind(("cap", c.cap_minor))
        .bind(("welcome", c.welcome_bps))
        .bind(("wcap", c.welcome_cap_minor))
        .bind(("active", c.active))
        .await?
        .check()?;
    res.take(0)
}

const SET_ACTIVE: &str = "UPDATE $id SET active = $active, updated_at = $now WHERE id = $id AND ($admin OR shop.owner = $user) RETURN VALUE id";

/// Pauses or resumes a campaign, any (`admin`) or one of `user`'s shop; returns its id,
/// nothing when there was no such campaign for them.
pub async fn set_campaign_active(
    db: &Db,
    id: &RecordId,
    admin: bool,
    user: &RecordId,
    active: bool,
    now: DateTime<Utc>,
) -> Result<Vec<RecordId>, surrealdb::Error> {
    let mut res = db
        .query(SET_ACTIVE)
        .bind(("id", id.clone()))
        .bind(("admin", admin))
        .bind(("user", user.clone()))
        .bind(("active", active))
        .bind(("now", now))
        .await?
        .check()?;
    res.take(0)
}
