//! Sharing and attribution: the referral settings, a sharer's counters, referral codes
//! and who referred an account.

use crate::db::{Refusal, Stmts};
use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::stat_id;
use crate::db::Db;

const SETTINGS: &str = "RETURN [platform_setting:main.referral_window_days ?? 30, platform_setting:main.referral_velocity_per_day ?? 10]";

/// Reads the attribution window (days) and the velocity limit (rewards a day), each as
/// its default when unset.
pub async fn window_and_velocity(db: &Db) -> Result<Vec<i64>, surrealdb::Error> {
    let mut res = db.query(SETTINGS).await?.check()?;
    res.take(0)
}

/// Adds `by` to a sharer's counter and to the day's (`field` is a fixed column name,
/// `day` as `YYYY-MM-DD`).
pub async fn add_to_counters(
    db: &Db,
    user: &RecordId,
    field: &str,
    by: i64,
    day: String,
) -> Result<(), surrealdb::Error> {
    db.query(format!(
        "UPSERT $stat SET user = $user, {field} = ({field} ?? 0) + $by;\n\
         UPSERT type::record('referral_day', $day) SET day = $day, {field} = ({field} ?? 0) + $by;"
    ))
    .bind(("stat", stat_id(user)))
    .bind(("user", user.clone()))
    .bind(("day", day))
    .bind(("by", by))
    .await?
    .check()?;
    Ok(())
}

const CODE_OF: &str = "RETURN $u.referral_code";

/// Reads the user's referral code, if one was issued.
pub async fn referral_code(db: &Db, user: &RecordId) -> Result<Option<String>, surrealdb::Error> {
    let mut res = db.query(CODE_OF).bind(("u", user.clone())).await?.check()?;
    res.take::<Option<String>>(0)
}

const CLAIM_CODE: &str = "CREATE type::record('referral_code', $c) SET user = $u, created_at = $now;\n\
                 LET $m = (UPDATE $u SET referral_code = $c WHERE referral_code = NONE RETURN VALUE id)";

/// Issues `code` to `user`: refused ([`Refusal::Changed`]) when the user got a code
/// meanwhile; a code another user holds fails the CREATE.
pub fn claim_code(user: &RecordId, code: String, now: DateTime<Utc>) -> Stmts {
    let mut s = Stmts::new();
    s.bind("u", user.clone())
        .bind("c", code)
        .bind("now", now)
        .sql(CLAIM_CODE)
        .refuse_if("array::len($m) = 0", Refusal::Changed);
    s
}

const USER_OF_CODE: &str = "RETURN type::record('referral_code', $c).user";

/// Reads who holds a referral code.
pub async fn user_of_code(db: &Db, code: &str) -> Result<Option<RecordId>, surrealdb::Error> {
    let mut res = db
        .query(USER_OF_CODE)
        .bind(("c", code.to_string()))
        .await?
        .check()?;
    res.take(0)
}

/// Who referred an account at sign-up, and when.
#[derive(SurrealValue)]
pub struct ReferredBy {
    pub referred_by: Option<RecordId>,
    pub referred_at: Option<DateTime<Utc>>,
}

const REFERRED_BY: &str = "SELECT referred_by, referred_at FROM ONLY $u";

/// Reads who referred `user` at sign-up.
pub async fn referred_by(db: &Db, user: &RecordId) -> Result<Option<ReferredBy>, surrealdb::Error> {
    let mut res = db
        .query(REFERRED_BY)
        .bind(("u", user.clone()))
        .await?
        .check()?;
    res.take(0)
}

const REMEMBER_REFERRER: &str = "UPDATE $u SET referred_by = $s, referred_at = $now;\n\
             RELATE $s->referred->$u SET at = $now, via = 'signup';";

/// Remembers that `sharer` referred the new account `user`, and adds the edge to the
/// referral graph.
pub async fn remember_referrer(
    db: &Db,
    user: &RecordId,
    sharer: &RecordId,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(REMEMBER_REFERRER)
        .bind(("u", user.clone()))
        .bind(("s", sharer.clone()))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

/// A sharer's counters.
#[derive(SurrealValue, Default)]
pub struct StatRow {
    pub shares: Option<i64>,
    pub clicks: Option<i64>,
    pub signups: Option<i64>,
    pub orders: Option<i64>,
}

/// A store-credit balance.
#[derive(SurrealValue)]
pub struct BalanceRow {
    pub currency: String,
    pub pending_minor: i64,
    pub available_minor: i64,
}

/// A reward as its sharer sees it.
#[derive(SurrealValue)]
pub struct SharerRewardRow {
    pub id: RecordId,
    pub buyer_name: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub status: String,
    pub campaign_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A store-credit posting.
#[derive(SurrealValue)]
pub struct EntryRow {
    pub at: DateTime<Utc>,
    pub kind: String,
    pub account: String,
    pub amount_minor: i64,
    pub currency: String,
}

/// What the sharer's "My rewards" page reads.
pub struct MyRewardRows {
    pub stat: Option<StatRow>,
    pub balances: Vec<BalanceRow>,
    /// The latest 50 rewards, newest first.
    pub rewards: Vec<SharerRewardRow>,
    /// The latest 100 postings, newest first.
    pub entries: Vec<EntryRow>,
}

const MY_REWARDS: &str = "SELECT shares, clicks, signups, orders FROM ONLY $stat;\n\
             SELECT currency, pending_minor, available_minor FROM credit_balance WHERE user = $u;\n\
             SELECT id, buyer.display_name AS buyer_name, amount_minor, currency, status, campaign.name AS campaign_name, created_at \
               FROM referral_reward WHERE sharer = $u ORDER BY created_at DESC LIMIT 50;\n\
             SELECT at, kind, account, amount_minor, currency FROM credit_entry WHERE user = $u ORDER BY at DESC LIMIT 100;";

/// Reads a sharer's counters, balances, latest rewards and latest credit postings.
pub async fn my_reward_rows(db: &Db, user: &RecordId) -> Result<MyRewardRows, surrealdb::Error> {
    let mut res = db
        .query(MY_REWARDS)
        .bind(("stat", stat_id(user)))
        .bind(("u", user.clone()))
        .await?
        .check()?;
    let stat: Option<StatRow> = res.take(0)?;
    let balances: Vec<BalanceRow> = res.take(1)?;
    let rewards: Vec<SharerRewardRow> = res.take(2)?;
    let entries: Vec<EntryRow> = res.take(3)?;
    Ok(MyRewardRows {
        stat,
        balances,
        rewards,
        entries,
    })
}
