//! Rewards: the campaigns a checkout can be rewarded by, the rewards a checkout writes,
//! their moves with the order (and a moderator's decision), and held rewards.

use crate::db::{Refusal, Stmts};
use chrono::{DateTime, Utc};
use domain::referral::{self as rf, Postings, RewardState, RewardStatus};
use surrealdb::types::{RecordId, SurrealValue, Variables};

use super::credit::{credit_sql, CreditTxn};
use super::entry_id;
use crate::db::{key_of, Db};

/// An active campaign's rules.
#[derive(Clone, SurrealValue)]
pub struct CampaignRec {
    pub id: RecordId,
    pub shop: Option<RecordId>,
    pub currency: String,
    pub kind: String,
    pub rate_bps: i64,
    pub fixed_minor: i64,
    pub cap_minor: i64,
    pub welcome_bps: i64,
    pub welcome_cap_minor: i64,
}

impl CampaignRec {
    /// The campaign's rule, as the domain computes rewards and welcome discounts.
    pub fn rule(&self) -> rf::Campaign {
        rf::Campaign {
            reward: if self.kind == "fixed" {
                rf::SharerReward::Fixed {
                    minor: self.fixed_minor,
                }
            } else {
                rf::SharerReward::Percent { bps: self.rate_bps }
            },
            cap_minor: self.cap_minor,
            welcome_bps: self.welcome_bps,
            welcome_cap_minor: self.welcome_cap_minor,
        }
    }
}

const CAMPAIGNS_AND_ORDERS: &str = "SELECT id, shop, currency, kind, rate_bps, fixed_minor, cap_minor, welcome_bps, welcome_cap_minor \
               FROM campaign WHERE active = true;\n\
             SELECT count() AS n FROM shop_order WHERE buyer = $b GROUP ALL;";

/// Reads the active campaigns and how many orders `buyer` has placed.
pub async fn active_campaigns_and_orders(
    db: &Db,
    buyer: &RecordId,
) -> Result<(Vec<CampaignRec>, i64), surrealdb::Error> {
    let mut res = db
        .query(CAMPAIGNS_AND_ORDERS)
        .bind(("b", buyer.clone()))
        .await?
        .check()?;
    let campaigns: Vec<CampaignRec> = res.take(0)?;
    let orders = crate::db::count_of(&mut res, 1)?;
    Ok((campaigns, orders))
}

/// The statements a checkout adds for referrals start here: they bind `$buyer`.
pub fn checkout_stmts(buyer: &RecordId) -> Stmts {
    let mut s = Stmts::new();
    s.bind("buyer", buyer.clone());
    s
}

/// A new reward (id: referral_reward:⟨order key⟩).
#[derive(SurrealValue)]
pub struct RewardInsert {
    pub id: RecordId,
    pub sharer: RecordId,
    pub buyer: RecordId,
    pub campaign: RecordId,
    pub shop_order: RecordId,
    pub currency: String,
    pub amount_minor: i64,
    pub goods_minor: i64,
    pub status: String,
    pub paid: bool,
    pub settled: bool,
    pub flags: Vec<String>,
    pub evidence: Vec<String>,
    pub funder: Option<RecordId>,
    pub charged: Option<bool>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const INSERT_REWARDS: &str = "INSERT INTO referral_reward $rf_rows";

/// Writes a referred checkout's rewards; binds `$rf_flagged` (for
/// [`count_campaign_reward`]) and `$rf_sharer` (for [`relate_on_order`]).
pub fn insert_rewards(s: &mut Stmts, rows: Vec<RewardInsert>, flagged: bool, sharer: &RecordId) {
    s.bind("rf_rows", rows)
        .bind("rf_flagged", i64::from(flagged))
        .bind("rf_sharer", sharer.clone())
        .sql(INSERT_REWARDS);
}

const COUNT_CAMPAIGN_REWARD: &str =
    "UPDATE $campaign SET rewards += 1, flagged += $rf_flagged, revenue_minor += $goods";

/// A part counting one rewarded order on its campaign (its reward, whether it was
/// flagged, the goods it brought).
pub fn count_campaign_reward(campaign: Option<RecordId>, goods_minor: i64) -> Stmts {
    let mut part = Stmts::new();
    part.bind("campaign", campaign)
        .bind("goods", goods_minor)
        .sql(COUNT_CAMPAIGN_REWARD);
    part
}

const REFERRAL_EDGE: &str = "SELECT VALUE id FROM referred WHERE in = $s AND out = $b LIMIT 1";

/// Reads the referral-graph edge `sharer → buyer` (empty when there is none).
pub async fn referral_edge(
    db: &Db,
    sharer: &RecordId,
    buyer: &RecordId,
) -> Result<Vec<RecordId>, surrealdb::Error> {
    let mut res = db
        .query(REFERRAL_EDGE)
        .bind(("s", sharer.clone()))
        .bind(("b", buyer.clone()))
        .await?
        .check()?;
    res.take(0)
}

const RELATE_ON_ORDER: &str = "RELATE $rf_sharer->referred->$buyer SET at = $now, via = 'order'";

/// Adds the referral-graph edge of an existing account referred for the first time
/// (reads `$rf_sharer`, `$buyer` and `$now`).
pub fn relate_on_order(s: &mut Stmts) {
    s.sql(RELATE_ON_ORDER);
}

/// A reward as its changes read it.
#[derive(SurrealValue)]
pub struct RewardRec {
    pub id: RecordId,
    pub sharer: RecordId,
    pub campaign: RecordId,
    pub currency: String,
    pub amount_minor: i64,
    pub status: String,
    pub paid: bool,
    pub settled: bool,
}

impl RewardRec {
    pub fn state(&self) -> RewardState {
        RewardState {
            status: RewardStatus::parse(&self.status).unwrap_or(RewardStatus::Rejected),
            paid: self.paid,
            settled: self.settled,
            amount_minor: self.amount_minor,
        }
    }
}

const REWARD_FIELDS: &str = "id, sharer, campaign, currency, amount_minor, status, paid, settled";

/// A guarded reward change and its credit postings: the change is refused
/// ([`Refusal::RewardChanged`]) if the reward moved meanwhile. Binds `$rw_id` (the
/// reward) for statements added after it to the same part.
pub fn reward_change(
    r: &RewardRec,
    next: RewardState,
    postings: Postings,
    kind: &str,
    now: DateTime<Utc>,
) -> Stmts {
    let p = "rw";
    let mut v = Variables::new();
    let v = &mut v;
    let from = r.state();
    v.insert(format!("{p}_id"), r.id.clone());
    v.insert(format!("{p}_from"), from.status.as_str().to_string());
    v.insert(format!("{p}_paid0"), from.paid);
    v.insert(format!("{p}_settled0"), from.settled);
    v.insert(format!("{p}_to"), next.status.as_str().to_string());
    v.insert(format!("{p}_paid"), next.paid);
    v.insert(format!("{p}_settled"), next.settled);
    let txn = format!(
        "{kind}:{}:{}>{}",
        key_of(&r.id),
        from.status.as_str(),
        next.status.as_str()
    );
    let credit = credit_sql(
        &format!("{p}c"),
        CreditTxn {
            user: &r.sharer,
            currency: &r.currency,
            txn,
            kind,
            postings,
            reward: Some(&r.id),
            order: None,
            campaign: Some(&r.campaign),
            now,
        },
        v,
    );
    let mut s = Stmts::new();
    s.bind_all(std::mem::take(v))
        .sql(
            "LET $rw_moved = (UPDATE $rw_id SET status = $rw_to, paid = $rw_paid, settled = $rw_settled, updated_at = $now \
             WHERE status = $rw_from AND paid = $rw_paid0 AND settled = $rw_settled0 RETURN VALUE id)",
        )
        .refuse_if("array::len($rw_moved) = 0", Refusal::RewardChanged)
        .sql(&credit);
    s
}

/// What an order's change reads of its reward and of the credit spent on it.
#[derive(SurrealValue)]
pub struct OrderCredit {
    pub buyer: RecordId,
    pub currency: String,
    pub credit_minor: Option<i64>,
}

pub struct OrderRewardRows {
    pub reward: Option<RewardRec>,
    pub credit: Option<OrderCredit>,
    /// Whether the credit spent on the order was given back already.
    pub restored: Option<bool>,
}

/// Reads an order's reward, the credit spent on it and whether that credit was given
/// back (the `restore:⟨order key⟩` transaction).
pub async fn order_reward_and_credit(
    db: &Db,
    order: &RecordId,
) -> Result<OrderRewardRows, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {REWARD_FIELDS} FROM ONLY $r;\n\
             SELECT buyer, currency, credit_minor FROM ONLY $o;\n\
             RETURN record::exists($restored);"
        ))
        .bind((
            "r",
            RecordId::new("referral_reward", key_of(order).as_str()),
        ))
        .bind(("o", order.clone()))
        .bind((
            "restored",
            entry_id(&format!("restore:{}", key_of(order)), "spent"),
        ))
        .await?
        .check()?;
    let reward: Option<RewardRec> = res.take(0)?;
    let credit: Option<OrderCredit> = res.take(1)?;
    let restored: Option<bool> = res.take(2)?;
    Ok(OrderRewardRows {
        reward,
        credit,
        restored,
    })
}

/// Reads the card fingerprints of a checkout's payment and the rewards on its orders
/// not yet decided by a moderator nor flagged for the same payment.
pub async fn checkout_cards_and_open_rewards(
    db: &Db,
    checkout: &RecordId,
) -> Result<(Vec<String>, Vec<RewardRec>), surrealdb::Error> {
    let mut res = db
        .query(format!(
            "LET $orders = (SELECT VALUE id FROM shop_order WHERE checkout = $c);\n\
             SELECT VALUE fingerprint FROM payment WHERE checkout = $c AND fingerprint != NONE;\n\
             SELECT {REWARD_FIELDS} FROM referral_reward WHERE shop_order IN $orders AND decided_by = NONE AND flags CONTAINSNOT 'same_payment';"
        ))
        .bind(("c", checkout.clone()))
        .await?
        .check()?;
    let cards: Vec<String> = res.take(1)?;
    let rewards: Vec<RewardRec> = res.take(2)?;
    Ok((cards, rewards))
}

const SHARER_CARDS_AMONG: &str = "SELECT VALUE fingerprint FROM payment WHERE shop_order IN (SELECT VALUE id FROM shop_order WHERE buyer = $s LIMIT 200) AND fingerprint IN $cards";

/// Reads which of `cards` the sharer paid their own orders with.
pub async fn sharer_cards_among(
    db: &Db,
    sharer: &RecordId,
    cards: Vec<String>,
) -> Result<Vec<String>, surrealdb::Error> {
    let mut q = db
        .query(SHARER_CARDS_AMONG)
        .bind(("s", sharer.clone()))
        .bind(("cards", cards))
        .await?
        .check()?;
    q.take(0)
}

const FLAG_SAME_PAYMENT: &str = "UPDATE $rw_id SET flags = array::union(flags, ['same_payment']), evidence = array::union(evidence, [$ev]);\n\
                 UPDATE $rw_camp SET flagged += 1";

/// Flags the reward of [`reward_change`]'s part for the same payment, with `evidence`,
/// and counts it on its campaign.
pub fn flag_same_payment(s: &mut Stmts, evidence: String, campaign: &RecordId) {
    s.bind("ev", evidence)
        .bind("rw_camp", campaign.clone())
        .sql(FLAG_SAME_PAYMENT);
}

/// Reads one reward.
pub async fn reward(db: &Db, id: &RecordId) -> Result<Option<RewardRec>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {REWARD_FIELDS} FROM ONLY $r"))
        .bind(("r", id.clone()))
        .await?
        .check()?;
    res.take(0)
}

const RECORD_DECISION: &str = "UPDATE $rw_id SET decided_by = $moderator, decision_note = $note";

/// Records who decided the reward of [`reward_change`]'s part, and their note.
pub fn record_decision(s: &mut Stmts, moderator: &RecordId, note: Option<String>) {
    s.bind("moderator", moderator.clone())
        .bind("note", note)
        .sql(RECORD_DECISION);
}

/// A held reward with its evidence.
#[derive(SurrealValue)]
pub struct HeldRow {
    pub id: RecordId,
    pub sharer: RecordId,
    pub buyer: RecordId,
    pub number: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub flags: Vec<String>,
    pub evidence: Vec<String>,
    pub created_at: DateTime<Utc>,
}

const HELD_REWARDS: &str = "SELECT id, sharer, buyer, shop_order.number AS number, amount_minor, currency, flags, evidence, created_at \
               FROM referral_reward WHERE status = 'held' ORDER BY created_at LIMIT 100";

/// Reads the held rewards, oldest first (at most 100).
pub async fn held_rewards(db: &Db) -> Result<Vec<HeldRow>, surrealdb::Error> {
    let mut res = db.query(HELD_REWARDS).await?.check()?;
    res.take(0)
}
