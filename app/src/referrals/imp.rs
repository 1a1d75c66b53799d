//! Database work for sharing rewards (see the module doc). Reward and credit changes
//! are written in the same transaction as the order change that causes them: rewards
//! and credit spent with the checkout, a reward's move to pending with the payment, to
//! available with the settlement after the return window, its reversal (and the
//! return of credit spent) with a cancellation or refund.

use backend::db::{Audit, AuditAction, Refusal, Stmts, Tx};
use chrono::{DateTime, Duration, Utc};
use domain::order::Address;
use domain::referral::{self as rf, Flag, OrderEvent, Postings, RewardState, RewardStatus};
use domain::{Currency, FieldError, FieldErrorCode, Money, Role};
use surrealdb::types::{RecordId, SurrealValue, Variables};

use super::*;
use crate::accounts::session::{current_user, require_role, require_user, SessionUser};
use crate::error::{internal, AppError};
use crate::sellers::money::imp::day_of;
use crate::state::{app_state, is_record_key, key_of, AppState, Db};

/// The attribution cookie: `code.unix-seconds` of the last referral link opened.
pub const ATTRIBUTION_COOKIE: &str = "hm_ref";
/// How deep the ring check walks the referral graph.
const RING_DEPTH: usize = 6;

fn bad(field: &str, code: FieldErrorCode) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, code)])
}

pub struct Settings {
    pub window_days: i64,
    pub velocity: i64,
}

pub async fn settings(db: &Db) -> Result<Settings, AppError> {
    let mut res = db
        .query("RETURN [platform_setting:main.referral_window_days ?? 30, platform_setting:main.referral_velocity_per_day ?? 10]")
        .await?
        .check()?;
    let v: Vec<i64> = res.take(0)?;
    Ok(Settings {
        window_days: v.first().copied().unwrap_or(30),
        velocity: v.get(1).copied().unwrap_or(10),
    })
}

fn stat_id(user: &RecordId) -> RecordId {
    RecordId::new("referral_stat", key_of(user).as_str())
}

fn balance_id(user: &RecordId, currency: &str) -> RecordId {
    RecordId::new(
        "credit_balance",
        format!("{}|{currency}", key_of(user)).as_str(),
    )
}

/// Counts a referred checkout's orders for its sharer (after it is placed: counters
/// are not part of the checkout's transaction).
pub async fn count_orders(state: &AppState, sharer: &RecordId, n: usize) -> Result<(), AppError> {
    if n == 0 {
        return Ok(());
    }
    count_by(&state.db, sharer, "orders", n as i64, state.now()).await
}

/// Adds one to a sharer's counter and the day's (`field` is a fixed column name).
async fn count(db: &Db, user: &RecordId, field: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    count_by(db, user, field, 1, now).await
}

async fn count_by(
    db: &Db,
    user: &RecordId,
    field: &str,
    by: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db.query(format!(
        "UPSERT $stat SET user = $user, {field} = ({field} ?? 0) + $by;\n\
         UPSERT type::record('referral_day', $day) SET day = $day, {field} = ({field} ?? 0) + $by;"
    ))
    .bind(("stat", stat_id(user)))
    .bind(("user", user.clone()))
    .bind(("day", day_of(now)))
    .bind(("by", by))
    .await?
    .check()?;
    Ok(())
}

/// The user's referral code, issued on first use.
pub async fn code_of(db: &Db, user: &RecordId) -> Result<String, AppError> {
    for _ in 0..8 {
        let mut res = db
            .query("RETURN $u.referral_code")
            .bind(("u", user.clone()))
            .await?
            .check()?;
        if let Some(code) = res.take::<Option<String>>(0)? {
            return Ok(code);
        }
        let code = rf::new_code(rand::random::<u8>);
        let mut s = Stmts::new();
        s.bind("u", user.clone())
            .bind("c", code.clone())
            .bind("now", Utc::now())
            .sql(
                "CREATE type::record('referral_code', $c) SET user = $u, created_at = $now;\n\
                 LET $m = (UPDATE $u SET referral_code = $c WHERE referral_code = NONE RETURN VALUE id)",
            )
            .refuse_if("array::len($m) = 0", Refusal::Changed);
        // a code another user holds fails the CREATE: try another
        let mut tx = Tx::new();
        tx.add(s);
        let _ = tx.run(db).await;
    }
    Err(internal("referral code", "no free code"))
}

pub async fn user_by_code(db: &Db, code: &str) -> Result<Option<RecordId>, AppError> {
    if !rf::is_code(code) {
        return Ok(None);
    }
    let mut res = db
        .query("RETURN type::record('referral_code', $c).user")
        .bind(("c", code.to_string()))
        .await?
        .check()?;
    Ok(res.take(0)?)
}

/// A referral link was opened: counts the click and returns the attribution cookie's
/// value and lifetime, or `None` for an unknown code or the code's own owner (ignored;
/// the page works as without it).
pub async fn record_click(
    state: &AppState,
    code: &str,
    cookie_header: Option<&str>,
) -> Result<Option<(String, i64)>, AppError> {
    let Some(sharer) = user_by_code(&state.db, code).await? else {
        return Ok(None);
    };
    let viewer = crate::accounts::session::user_for_cookie_header(state, cookie_header).await?;
    if viewer.is_some_and(|v| v.id == sharer) {
        return Ok(None);
    }
    let now = state.now();
    count(&state.db, &sharer, "clicks", now).await?;
    let s = settings(&state.db).await?;
    Ok(Some((
        rf::attribution_cookie(code, now.timestamp()),
        s.window_days * 86_400,
    )))
}

fn attribution_in_request() -> Option<(String, i64)> {
    use axum::http::{header, request::Parts};
    let parts = leptos::prelude::use_context::<Parts>()?;
    let header = parts.headers.get(header::COOKIE)?.to_str().ok()?;
    rf::parse_attribution(crate::prefs::cookie_value(header, ATTRIBUTION_COOKIE)?)
}

/// Who referred `buyer` now: the last referral link opened in this browser within the
/// window, else the account that referred them at sign-up while the window lasts.
/// Never the buyer themself.
pub async fn current_referrer(
    state: &AppState,
    buyer: &RecordId,
) -> Result<Option<RecordId>, AppError> {
    let s = settings(&state.db).await?;
    let now = state.now().timestamp();
    if let Some((code, at)) = attribution_in_request() {
        if rf::attribution_live(at, now, s.window_days) {
            if let Some(u) = user_by_code(&state.db, &code).await? {
                if u != *buyer {
                    return Ok(Some(u));
                }
            }
        }
    }
    #[derive(SurrealValue)]
    struct By {
        referred_by: Option<RecordId>,
        referred_at: Option<DateTime<Utc>>,
    }
    let mut res = state
        .db
        .query("SELECT referred_by, referred_at FROM ONLY $u")
        .bind(("u", buyer.clone()))
        .await?
        .check()?;
    let by: Option<By> = res.take(0)?;
    Ok(by
        .and_then(|b| match (b.referred_by, b.referred_at) {
            (Some(u), Some(at)) if rf::attribution_live(at.timestamp(), now, s.window_days) => {
                Some(u)
            }
            _ => None,
        })
        .filter(|u| u != buyer))
}

/// Referral attribution listens to sign-ups (see [`on_sign_up`]).
pub struct AttributionListener;

impl crate::events::SignUpListener for AttributionListener {
    fn on_sign_up<'a>(
        &'a self,
        state: &'a AppState,
        user: &'a RecordId,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), AppError>> + Send + 'a>>
    {
        Box::pin(on_sign_up(state, user))
    }
}

/// A new account opened through a referral link: remember the referrer and add the
/// edge to the referral graph.
pub async fn on_sign_up(state: &AppState, user: &RecordId) -> Result<(), AppError> {
    let Some(sharer) = current_referrer(state, user).await? else {
        return Ok(());
    };
    let now = state.now();
    state
        .db
        .query(
            "UPDATE $u SET referred_by = $s, referred_at = $now;\n\
             RELATE $s->referred->$u SET at = $now, via = 'signup';",
        )
        .bind(("u", user.clone()))
        .bind(("s", sharer.clone()))
        .bind(("now", now))
        .await?
        .check()?;
    count(&state.db, &sharer, "signups", now).await
}

pub async fn share_link(path: &str) -> Result<SharedLink, AppError> {
    let state = app_state()?;
    if !path.starts_with('/')
        || path.starts_with("//")
        || path.len() > 300
        || path.chars().any(|c| c.is_whitespace() || c == '#')
    {
        return Err(bad("path", FieldErrorCode::InvalidChoice));
    }
    let origin = &state.settings.public_origin;
    let Some(user) = current_user().await? else {
        return Ok(SharedLink {
            url: format!("{origin}{path}"),
            code: None,
        });
    };
    let code = code_of(&state.db, &user.id).await?;
    let sep = if path.contains('?') { '&' } else { '?' };
    Ok(SharedLink {
        url: format!("{origin}{path}{sep}ref={code}"),
        code: Some(code),
    })
}

pub async fn record_share(network: &str) -> Result<(), AppError> {
    if !NETWORKS.contains(&network) && network != "copy" && network != "native" {
        return Err(bad("network", FieldErrorCode::InvalidChoice));
    }
    let state = app_state()?;
    if let Some(user) = current_user().await? {
        count(&state.db, &user.id, "shares", state.now()).await?;
    }
    Ok(())
}

// --- checkout --------------------------------------------------------------------

#[derive(Clone, SurrealValue)]
struct CampaignRec {
    id: RecordId,
    shop: Option<RecordId>,
    currency: String,
    kind: String,
    rate_bps: i64,
    fixed_minor: i64,
    cap_minor: i64,
    welcome_bps: i64,
    welcome_cap_minor: i64,
}

impl CampaignRec {
    fn rule(&self) -> rf::Campaign {
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

/// One shop's part of a checkout, as the referral rules see it.
pub struct OrderPart {
    pub shop: RecordId,
    pub currency: Currency,
    /// Goods after the shop's promotion, before shipping.
    pub goods_minor: i64,
}

/// What referral rules do to one shop's part of a checkout.
#[derive(Clone, Debug, Default)]
pub struct PartReferral {
    pub campaign: Option<RecordId>,
    /// The shop paying for the reward (its own campaign), or `None` for the platform.
    pub funder: Option<RecordId>,
    pub reward_minor: i64,
    pub welcome_minor: i64,
}

/// The checkout's referral: who referred the buyer (if anyone) and, per part, the
/// campaign that applies (the shop's own first, else the platform's, in the part's
/// currency), the sharer's reward and the buyer's welcome discount (first order only).
pub struct CheckoutReferral {
    pub sharer: Option<RecordId>,
    pub parts: Vec<PartReferral>,
}

pub async fn for_checkout(
    state: &AppState,
    buyer: &RecordId,
    parts: &[OrderPart],
) -> Result<CheckoutReferral, AppError> {
    let none = || CheckoutReferral {
        sharer: None,
        parts: parts.iter().map(|_| PartReferral::default()).collect(),
    };
    let Some(sharer) = current_referrer(state, buyer).await? else {
        return Ok(none());
    };
    let mut res = state
        .db
        .query(
            "SELECT id, shop, currency, kind, rate_bps, fixed_minor, cap_minor, welcome_bps, welcome_cap_minor \
               FROM campaign WHERE active = true;\n\
             SELECT count() AS n FROM shop_order WHERE buyer = $b GROUP ALL;",
        )
        .bind(("b", buyer.clone()))
        .await?
        .check()?;
    let campaigns: Vec<CampaignRec> = res.take(0)?;
    let first_order = crate::state::count_of(&mut res, 1)? == 0;
    let parts = parts
        .iter()
        .map(|p| {
            let code = p.currency.code();
            let c = campaigns
                .iter()
                .find(|c| c.shop.as_ref() == Some(&p.shop) && c.currency == code)
                .or_else(|| {
                    campaigns
                        .iter()
                        .find(|c| c.shop.is_none() && c.currency == code)
                });
            match c {
                Some(c) => {
                    let rule = c.rule();
                    let welcome = if first_order {
                        rule.welcome_minor(p.goods_minor)
                    } else {
                        0
                    };
                    PartReferral {
                        campaign: Some(c.id.clone()),
                        funder: c.shop.clone(),
                        reward_minor: rule.reward_minor(p.goods_minor - welcome),
                        welcome_minor: welcome,
                    }
                }
                None => PartReferral::default(),
            }
        })
        .collect();
    Ok(CheckoutReferral {
        sharer: Some(sharer),
        parts,
    })
}

/// The buyer's spendable credit in `currency`.
pub async fn available_credit(db: &Db, user: &RecordId, currency: &str) -> Result<i64, AppError> {
    let mut res = db
        .query("RETURN $b.available_minor ?? 0")
        .bind(("b", balance_id(user, currency)))
        .await?
        .check()?;
    Ok(res.take::<Option<i64>>(0)?.unwrap_or(0))
}

/// The buyer's spendable credit in every currency.
pub async fn credits(db: &Db, user: &RecordId) -> Result<Vec<(String, i64)>, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        currency: String,
        available_minor: i64,
    }
    let mut res = db
        .query("SELECT currency, available_minor FROM credit_balance WHERE user = $u")
        .bind(("u", user.clone()))
        .await?
        .check()?;
    let rows: Vec<Row> = res.take(0)?;
    Ok(rows
        .into_iter()
        .filter(|r| r.available_minor > 0)
        .map(|r| (r.currency, r.available_minor))
        .collect())
}

/// Splits `available` credit over orders (goods only, in order), never more than each
/// order's goods.
pub fn split_credit(available: i64, goods: &[i64]) -> Vec<i64> {
    let mut left = available.max(0);
    goods
        .iter()
        .map(|g| {
            let take = left.min((*g).max(0));
            left -= take;
            take
        })
        .collect()
}

/// One store-credit posting (id: credit_entry:⟨txn|account⟩, so a transaction is
/// written once).
#[derive(Clone, SurrealValue)]
struct CreditInsert {
    id: RecordId,
    user: RecordId,
    txn: String,
    kind: String,
    account: String,
    amount_minor: i64,
    currency: String,
    reward: Option<RecordId>,
    shop_order: Option<RecordId>,
    at: DateTime<Utc>,
}

fn entry_id(txn: &str, account: &str) -> RecordId {
    RecordId::new("credit_entry", format!("{txn}|{account}").as_str())
}

/// One credit transaction of a user: what it posts and where it comes from.
struct CreditTxn<'a> {
    user: &'a RecordId,
    currency: &'a str,
    txn: String,
    kind: &'a str,
    postings: Postings,
    reward: Option<&'a RecordId>,
    order: Option<&'a RecordId>,
    campaign: Option<&'a RecordId>,
    now: DateTime<Utc>,
}

/// The statements that write one credit transaction (postings, the running balance,
/// the campaign's cost); `p` prefixes the variables they bind. Flat statements only.
fn credit_sql(p: &str, t: CreditTxn<'_>, v: &mut Variables) -> String {
    if t.postings.is_empty() {
        return String::new();
    }
    let rows: Vec<CreditInsert> = t
        .postings
        .iter()
        .map(|(a, amount)| CreditInsert {
            id: entry_id(&t.txn, a.as_str()),
            user: t.user.clone(),
            txn: t.txn.clone(),
            kind: t.kind.to_string(),
            account: a.as_str().to_string(),
            amount_minor: *amount,
            currency: t.currency.to_string(),
            reward: t.reward.cloned(),
            shop_order: t.order.cloned(),
            at: t.now,
        })
        .collect();
    let (dp, da) = rf::balance_delta(&t.postings);
    v.insert(format!("{p}_rows"), rows);
    v.insert(format!("{p}_user"), t.user.clone());
    v.insert(format!("{p}_cur"), t.currency.to_string());
    v.insert(format!("{p}_bal"), balance_id(t.user, t.currency));
    v.insert(format!("{p}_dp"), dp);
    v.insert(format!("{p}_da"), da);
    let mut sql = format!(
        "INSERT INTO credit_entry ${p}_rows;\n\
         UPSERT ${p}_bal SET user = ${p}_user, currency = ${p}_cur, pending_minor = (pending_minor ?? 0) + ${p}_dp, \
           available_minor = (available_minor ?? 0) + ${p}_da;\n"
    );
    if let Some(c) = t.campaign {
        let cost: i64 = t
            .postings
            .iter()
            .filter(|(a, _)| *a == rf::CreditAccount::Expense)
            .map(|(_, v)| v)
            .sum();
        if cost != 0 {
            v.insert(format!("{p}_campaign"), c.clone());
            v.insert(format!("{p}_cost"), cost);
            sql.push_str(&format!(
                "UPDATE ${p}_campaign SET cost_minor += ${p}_cost;\n"
            ));
        }
    }
    sql
}

/// One order of a checkout being placed.
pub struct PlacedPart {
    pub order: RecordId,
    pub currency: String,
    pub goods_minor: i64,
    pub credit_minor: i64,
    pub referral: PartReferral,
}

#[derive(SurrealValue)]
struct RewardInsert {
    id: RecordId,
    sharer: RecordId,
    buyer: RecordId,
    campaign: RecordId,
    shop_order: RecordId,
    currency: String,
    amount_minor: i64,
    goods_minor: i64,
    status: String,
    paid: bool,
    settled: bool,
    flags: Vec<String>,
    evidence: Vec<String>,
    funder: Option<RecordId>,
    charged: Option<bool>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// Statements for the checkout's transaction: credit spent (refused with
/// [`Refusal::CreditChanged`] if the balance no longer covers it — a concurrent
/// checkout spent it), and the rewards of a referred checkout with the fraud checks'
/// verdict. They read `$now`.
pub async fn place_sql(
    state: &AppState,
    buyer: &RecordId,
    sharer: Option<&RecordId>,
    address: &Address,
    parts: &[PlacedPart],
) -> Result<Stmts, AppError> {
    let now = state.now();
    let mut s = Stmts::new();
    s.bind("buyer", buyer.clone());
    // credit, one transaction per order, one balance check per currency
    let mut currencies: Vec<&str> = parts
        .iter()
        .filter(|p| p.credit_minor > 0)
        .map(|p| p.currency.as_str())
        .collect();
    currencies.sort_unstable();
    currencies.dedup();
    let mut spent_rows = Vec::new();
    for cur in &currencies {
        let total: i64 = parts
            .iter()
            .filter(|p| p.currency == *cur)
            .map(|p| p.credit_minor)
            .sum();
        let bal = balance_id(buyer, cur);
        let mut part = Stmts::new();
        part.lock(bal.clone())
            .bind("bal", bal)
            .bind("n", total)
            .sql("LET $ok = (UPDATE $bal SET available_minor -= $n WHERE available_minor >= $n RETURN VALUE id)")
            .refuse_if("array::len($ok) = 0", Refusal::CreditChanged);
        s.add(part);
    }
    for p in parts.iter().filter(|p| p.credit_minor > 0) {
        let txn = format!("spend:{}", key_of(&p.order));
        for (a, amount) in rf::spend(p.credit_minor, p.credit_minor).unwrap_or_default() {
            spent_rows.push(CreditInsert {
                id: entry_id(&txn, a.as_str()),
                user: buyer.clone(),
                txn: txn.clone(),
                kind: "spent".into(),
                account: a.as_str().to_string(),
                amount_minor: amount,
                currency: p.currency.clone(),
                reward: None,
                shop_order: Some(p.order.clone()),
                at: now,
            });
        }
    }
    if !spent_rows.is_empty() {
        // the balance was taken down above: only the postings are written here
        s.bind("cs_rows", spent_rows)
            .sql("INSERT INTO credit_entry $cs_rows");
    }
    let Some(sharer) = sharer else {
        return Ok(s);
    };
    let rewarded: Vec<&PlacedPart> = parts
        .iter()
        .filter(|p| p.referral.reward_minor > 0 && p.referral.campaign.is_some())
        .collect();
    if rewarded.is_empty() {
        return Ok(s);
    }
    let (flags, evidence) = evaluate(state, sharer, buyer, address).await?;
    let status = if flags.is_empty() {
        RewardStatus::AwaitingPayment
    } else {
        RewardStatus::Held
    };
    let flag_names: Vec<String> = flags.iter().map(|f| f.as_str().to_string()).collect();
    let rows: Vec<RewardInsert> = rewarded
        .iter()
        .map(|p| RewardInsert {
            id: RecordId::new("referral_reward", key_of(&p.order).as_str()),
            sharer: sharer.clone(),
            buyer: buyer.clone(),
            campaign: p.referral.campaign.clone().expect("filtered"),
            shop_order: p.order.clone(),
            currency: p.currency.clone(),
            amount_minor: p.referral.reward_minor,
            goods_minor: p.goods_minor,
            status: status.as_str().to_string(),
            paid: false,
            settled: false,
            flags: flag_names.clone(),
            evidence: evidence.clone(),
            funder: p.referral.funder.clone(),
            charged: p.referral.funder.as_ref().map(|_| false),
            created_at: now,
            updated_at: now,
        })
        .collect();
    s.bind("rf_rows", rows)
        .bind("rf_flagged", i64::from(!flags.is_empty()))
        .bind("rf_sharer", sharer.clone())
        .sql("INSERT INTO referral_reward $rf_rows");
    for p in &rewarded {
        let mut part = Stmts::new();
        part.bind("campaign", p.referral.campaign.clone())
            .bind("goods", p.goods_minor)
            .sql("UPDATE $campaign SET rewards += 1, flagged += $rf_flagged, revenue_minor += $goods");
        s.add(part);
    }
    // an existing account referred for the first time joins the referral graph
    let mut res = state
        .db
        .query("SELECT VALUE id FROM referred WHERE in = $s AND out = $b LIMIT 1")
        .bind(("s", sharer.clone()))
        .bind(("b", buyer.clone()))
        .await?
        .check()?;
    let edge: Vec<RecordId> = res.take(0)?;
    if edge.is_empty() {
        s.sql("RELATE $rf_sharer->referred->$buyer SET at = $now, via = 'order'");
    }
    Ok(s)
}

fn same_payment_evidence(card: &str) -> String {
    format!(
        "same_payment: card fingerprint {} paid for both accounts",
        tail(card)
    )
}

fn tail(s: &str) -> String {
    let n = s.chars().count();
    format!(
        "…{}",
        s.chars().skip(n.saturating_sub(4)).collect::<String>()
    )
}

/// The fraud checks on a referred checkout: self-referral through a shared device,
/// address or card, the sharer's velocity, a referral ring, a star of sockpuppets.
/// Returns the flags and what a moderator should see.
pub async fn evaluate(
    state: &AppState,
    sharer: &RecordId,
    buyer: &RecordId,
    address: &Address,
) -> Result<(Vec<Flag>, Vec<String>), AppError> {
    #[derive(SurrealValue)]
    struct Addr {
        line1: String,
        postal_code: Option<String>,
        country: String,
    }
    let s = settings(&state.db).await?;
    let since = state.now() - Duration::hours(24);
    let mut res = state
        .db
        .query(
            "SELECT VALUE device FROM user_session WHERE user = $s AND device != NONE;\n\
             SELECT VALUE device FROM user_session WHERE user = $b AND device != NONE;\n\
             SELECT line1, postal_code, country FROM address WHERE owner = $s;\n\
             SELECT VALUE shipping_address FROM shop_order WHERE buyer = $s LIMIT 200;\n\
             SELECT VALUE fingerprint FROM payment WHERE shop_order IN (SELECT VALUE id FROM shop_order WHERE buyer = $s LIMIT 200) AND fingerprint != NONE;\n\
             SELECT VALUE fingerprint FROM payment WHERE shop_order IN (SELECT VALUE id FROM shop_order WHERE buyer = $b LIMIT 200) AND fingerprint != NONE;\n\
             SELECT count() AS n FROM referral_reward WHERE sharer = $s AND created_at > $since GROUP ALL;\n\
             SELECT VALUE out FROM referred WHERE in = $s;",
        )
        .bind(("s", sharer.clone()))
        .bind(("b", buyer.clone()))
        .bind(("since", since))
        .await?
        .check()?;
    let sharer_devices: Vec<String> = res.take(0)?;
    let mut buyer_devices: Vec<String> = res.take(1)?;
    if let Some(d) = crate::accounts::session::current_device() {
        buyer_devices.push(d);
    }
    let sharer_addresses: Vec<Addr> = res.take(2)?;
    let shipped: Vec<serde_json::Value> = res.take(3)?;
    let sharer_cards: Vec<String> = res.take(4)?;
    let buyer_cards: Vec<String> = res.take(5)?;
    let recent = crate::state::count_of(&mut res, 6)?;
    let referred: Vec<RecordId> = res.take(7)?;

    let mut flags = Vec::new();
    let mut evidence = Vec::new();
    if let Some(d) = buyer_devices.iter().find(|d| sharer_devices.contains(d)) {
        flags.push(Flag::SameDevice);
        evidence.push(format!(
            "same_device: the buyer's browser (device {}) is one the sharer signed in from",
            tail(d)
        ));
    }
    let key = rf::address_key(&address.line1, &address.postal_code, &address.country);
    let used = sharer_addresses
        .iter()
        .map(|a| rf::address_key(&a.line1, a.postal_code.as_deref().unwrap_or(""), &a.country))
        .chain(shipped.iter().map(|a| {
            let f = |k: &str| a.get(k).and_then(|v| v.as_str()).unwrap_or("");
            rf::address_key(f("line1"), f("postal_code"), f("country"))
        }));
    if used.into_iter().any(|k| k == key) {
        flags.push(Flag::SameAddress);
        evidence.push(format!(
            "same_address: ships to {}, {} {}, an address the sharer uses",
            address.line1, address.postal_code, address.country
        ));
    }
    if let Some(c) = buyer_cards.iter().find(|c| sharer_cards.contains(c)) {
        flags.push(Flag::SamePayment);
        evidence.push(same_payment_evidence(c));
    }
    if recent >= s.velocity {
        flags.push(Flag::Velocity);
        evidence.push(format!(
            "velocity: {} rewards in the last 24 hours (limit {})",
            recent + 1,
            s.velocity
        ));
    }
    if let Some(cycle) = ring(&state.db, sharer, buyer).await? {
        flags.push(Flag::Ring);
        let mut names: Vec<String> = cycle.clone();
        names.push(cycle[0].clone());
        evidence.push(format!("ring: {}", names.join(" → ")));
    }
    // a star: other accounts the sharer referred share the buyer's device
    if !buyer_devices.is_empty() {
        let others: Vec<RecordId> = referred.into_iter().filter(|u| u != buyer).collect();
        if !others.is_empty() {
            let mut res = state
                .db
                .query("SELECT VALUE user FROM user_session WHERE device IN $d AND user IN $others")
                .bind(("d", buyer_devices.clone()))
                .bind(("others", others))
                .await?
                .check()?;
            let mut linked: Vec<RecordId> = res.take(0)?;
            linked.sort_by_key(key_of);
            linked.dedup();
            if linked.len() + 1 >= rf::STAR_MIN {
                flags.push(Flag::Star);
                evidence.push(format!(
                    "star: {} accounts referred by the sharer come from one device ({})",
                    linked.len() + 1,
                    linked
                        .iter()
                        .map(key_of)
                        .chain([key_of(buyer)])
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    Ok((flags, evidence))
}

/// The referral cycle a reward `sharer → buyer` would close, walking the graph from the
/// buyer (account keys, from the sharer).
async fn ring(
    db: &Db,
    sharer: &RecordId,
    buyer: &RecordId,
) -> Result<Option<Vec<String>>, AppError> {
    #[derive(SurrealValue)]
    struct Edge {
        r#in: RecordId,
        out: RecordId,
    }
    let mut edges: Vec<(String, String)> = Vec::new();
    let mut frontier = vec![buyer.clone()];
    let mut seen = vec![buyer.clone()];
    for _ in 0..RING_DEPTH {
        let mut res = db
            .query("SELECT in, out FROM referred WHERE in IN $f LIMIT 1000")
            .bind(("f", frontier.clone()))
            .await?
            .check()?;
        let found: Vec<Edge> = res.take(0)?;
        frontier.clear();
        for e in found {
            edges.push((key_of(&e.r#in), key_of(&e.out)));
            if !seen.contains(&e.out) {
                seen.push(e.out.clone());
                frontier.push(e.out);
            }
        }
        if frontier.is_empty() {
            break;
        }
    }
    Ok(rf::closes_cycle(
        &edges,
        &key_of(sharer),
        &key_of(buyer),
        RING_DEPTH,
    ))
}

// --- order changes -----------------------------------------------------------------

#[derive(SurrealValue)]
struct RewardRec {
    id: RecordId,
    sharer: RecordId,
    campaign: RecordId,
    currency: String,
    amount_minor: i64,
    status: String,
    paid: bool,
    settled: bool,
}

impl RewardRec {
    fn state(&self) -> RewardState {
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
fn reward_change(
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

/// Sharing rewards and store credit listen to order events (see [`order_stmts`]).
pub struct RewardListener;

impl crate::events::OrderListener for RewardListener {
    fn on_order<'a>(
        &'a self,
        db: &'a Db,
        change: &'a crate::events::OrderChange,
    ) -> crate::events::Contribution<'a> {
        Box::pin(order_stmts(db, &change.order, change.event, change.now))
    }
}

/// The reward and credit statements for an order event: paid, settled, and the
/// events that end the sale (cancelled, return refunded, refunded in full).
pub async fn order_stmts(
    db: &Db,
    order: &RecordId,
    event: domain::order::OrderEvent,
    now: DateTime<Utc>,
) -> Result<Stmts, AppError> {
    let event = match event {
        domain::order::OrderEvent::Paid => OrderEvent::Paid,
        domain::order::OrderEvent::Settled => OrderEvent::Settled,
        e if e.ends_sale() => OrderEvent::Ended,
        _ => return Ok(Stmts::new()),
    };
    #[derive(SurrealValue)]
    struct OrderCredit {
        buyer: RecordId,
        currency: String,
        credit_minor: Option<i64>,
    }
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
    let mut s = Stmts::new();
    if let Some(r) = reward {
        if let Some((next, postings)) = rf::on_event(r.state(), event) {
            let kind = match (event, next.status) {
                (OrderEvent::Paid, RewardStatus::Pending) => "earned",
                (OrderEvent::Settled, RewardStatus::Available) => "released",
                _ => "reversed",
            };
            s.add(reward_change(&r, next, postings, kind, now));
        }
    }
    if event == OrderEvent::Ended && restored != Some(true) {
        if let Some(c) = credit.filter(|c| c.credit_minor.unwrap_or(0) > 0) {
            let mut v = Variables::new();
            let credit = credit_sql(
                "rs",
                CreditTxn {
                    user: &c.buyer,
                    currency: &c.currency,
                    txn: format!("restore:{}", key_of(order)),
                    kind: "restored",
                    postings: rf::restore(c.credit_minor.unwrap_or(0)),
                    reward: None,
                    order: Some(order),
                    campaign: None,
                    now,
                },
                &mut v,
            );
            let mut part = Stmts::new();
            part.bind_all(v).sql(&credit);
            s.add(part);
        }
    }
    Ok(s)
}

/// Sharing rewards listen to card fingerprints (see [`recheck_payment`]).
pub struct SamePaymentListener;

impl crate::events::CardListener for SamePaymentListener {
    fn on_card<'a>(
        &'a self,
        state: &'a AppState,
        checkout: &'a RecordId,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), AppError>> + Send + 'a>>
    {
        Box::pin(recheck_payment(state, checkout))
    }
}

/// A card fingerprint arrived for a checkout's payment: a reward on it whose sharer paid
/// with the same card is held (and any credit it gave taken back).
pub async fn recheck_payment(state: &AppState, checkout: &RecordId) -> Result<(), AppError> {
    let mut res = state
        .db
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
    for r in rewards {
        let mut q = state
            .db
            .query("SELECT VALUE fingerprint FROM payment WHERE shop_order IN (SELECT VALUE id FROM shop_order WHERE buyer = $s LIMIT 200) AND fingerprint IN $cards")
            .bind(("s", r.sharer.clone()))
            .bind(("cards", cards.clone()))
            .await?
            .check()?;
        let shared: Vec<String> = q.take(0)?;
        let Some(card) = shared.first() else {
            continue;
        };
        let Some((next, postings)) = rf::hold(r.state()) else {
            continue;
        };
        let now = state.now();
        let mut s = reward_change(&r, next, postings, "reversed", now);
        s.bind("ev", same_payment_evidence(card))
            .bind("rw_camp", r.campaign.clone())
            .sql(
                "UPDATE $rw_id SET flags = array::union(flags, ['same_payment']), evidence = array::union(evidence, [$ev]);\n\
                 UPDATE $rw_camp SET flagged += 1",
            );
        let mut tx = Tx::new();
        tx.bind("now", now).add(s);
        // refused: the reward moved meanwhile (and is checked again then)
        let _ = tx.run(&state.db).await?;
    }
    Ok(())
}

// --- pages -------------------------------------------------------------------------

fn money(minor: i64, currency: &str) -> Money {
    Money::new(minor, Currency::parse(currency).unwrap_or_default())
}

pub async fn my_rewards() -> Result<MyRewards, AppError> {
    let user = require_user().await?;
    let state = app_state()?;
    let code = code_of(&state.db, &user.id).await?;
    #[derive(SurrealValue, Default)]
    struct Stat {
        shares: Option<i64>,
        clicks: Option<i64>,
        signups: Option<i64>,
        orders: Option<i64>,
    }
    #[derive(SurrealValue)]
    struct Bal {
        currency: String,
        pending_minor: i64,
        available_minor: i64,
    }
    #[derive(SurrealValue)]
    struct Rw {
        id: RecordId,
        buyer_name: Option<String>,
        amount_minor: i64,
        currency: String,
        status: String,
        campaign_name: Option<String>,
        created_at: DateTime<Utc>,
    }
    #[derive(SurrealValue)]
    struct Entry {
        at: DateTime<Utc>,
        kind: String,
        account: String,
        amount_minor: i64,
        currency: String,
    }
    let mut res = state
        .db
        .query(
            "SELECT shares, clicks, signups, orders FROM ONLY $stat;\n\
             SELECT currency, pending_minor, available_minor FROM credit_balance WHERE user = $u;\n\
             SELECT id, buyer.display_name AS buyer_name, amount_minor, currency, status, campaign.name AS campaign_name, created_at \
               FROM referral_reward WHERE sharer = $u ORDER BY created_at DESC LIMIT 50;\n\
             SELECT at, kind, account, amount_minor, currency FROM credit_entry WHERE user = $u ORDER BY at DESC LIMIT 100;",
        )
        .bind(("stat", stat_id(&user.id)))
        .bind(("u", user.id.clone()))
        .await?
        .check()?;
    let stat: Option<Stat> = res.take(0)?;
    let stat = stat.unwrap_or_default();
    let balances: Vec<Bal> = res.take(1)?;
    let rewards: Vec<Rw> = res.take(2)?;
    let entries: Vec<Entry> = res.take(3)?;
    let s = settings(&state.db).await?;
    Ok(MyRewards {
        link: format!("{}/?ref={code}", state.settings.public_origin),
        code,
        shares: stat.shares.unwrap_or(0),
        clicks: stat.clicks.unwrap_or(0),
        signups: stat.signups.unwrap_or(0),
        orders: stat.orders.unwrap_or(0),
        balances: balances
            .into_iter()
            .map(|b| CreditBalance {
                pending: money(b.pending_minor, &b.currency),
                available: money(b.available_minor, &b.currency),
            })
            .collect(),
        rewards: rewards
            .into_iter()
            .map(|r| RewardLine {
                key: key_of(&r.id),
                buyer: domain::review::public_name(&r.buyer_name.unwrap_or_default()),
                amount: money(r.amount_minor, &r.currency),
                // a held reward shows as pending to its sharer (the checks are not theirs to see)
                status: if r.status == "held" {
                    "pending".into()
                } else {
                    r.status
                },
                campaign: r.campaign_name.unwrap_or_default(),
                created_at: r.created_at.timestamp(),
            })
            .collect(),
        history: entries
            .into_iter()
            .filter(|e| e.account == "pending" || e.account == "available")
            .map(|e| CreditLine {
                at: e.at.timestamp(),
                kind: e.kind,
                account: e.account,
                amount: money(-e.amount_minor, &e.currency),
            })
            .collect(),
        window_days: s.window_days,
    })
}

/// Campaigns with what they did: every one, or those funded by `shop`.
async fn campaign_rows(db: &Db, shop: Option<RecordId>) -> Result<Vec<CampaignRow>, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        name: String,
        shop_name: Option<String>,
        currency: String,
        kind: String,
        rate_bps: i64,
        fixed_minor: i64,
        cap_minor: i64,
        welcome_bps: i64,
        welcome_cap_minor: i64,
        active: bool,
        rewards: i64,
        flagged: i64,
        cost_minor: i64,
        revenue_minor: i64,
    }
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
    let rows: Vec<Row> = res.take(0)?;
    Ok(rows
        .into_iter()
        .map(|r| CampaignRow {
            key: key_of(&r.id),
            name: r.name,
            shop: r.shop_name,
            kind: r.kind,
            rate_bps: r.rate_bps,
            fixed: money(r.fixed_minor, &r.currency),
            cap: money(r.cap_minor, &r.currency),
            welcome_bps: r.welcome_bps,
            welcome_cap: money(r.welcome_cap_minor, &r.currency),
            active: r.active,
            rewards: r.rewards,
            flagged: r.flagged,
            cost: money(r.cost_minor, &r.currency),
            revenue: money(r.revenue_minor, &r.currency),
            currency: r.currency,
        })
        .collect())
}

/// The seller's own sharing campaigns.
pub async fn shop_campaigns() -> Result<Vec<CampaignRow>, AppError> {
    let seller = require_role(Role::Seller).await?;
    let state = app_state()?;
    let shop = crate::ctx::shop_of(&state.db, &seller).await?;
    campaign_rows(&state.db, Some(shop.id)).await
}

pub async fn dashboard() -> Result<CampaignDashboard, AppError> {
    require_role(Role::Admin).await?;
    let state = app_state()?;
    #[derive(SurrealValue)]
    struct Day {
        day: String,
        shares: Option<i64>,
        clicks: Option<i64>,
        signups: Option<i64>,
        orders: Option<i64>,
    }
    let from = day_of(state.now() - Duration::days(29));
    let mut res = state
        .db
        .query("SELECT day, shares, clicks, signups, orders FROM referral_day WHERE day >= $from ORDER BY day")
        .bind(("from", from))
        .await?
        .check()?;
    let days: Vec<Day> = res.take(0)?;
    let today = state.now().date_naive();
    let points = (0..30)
        .rev()
        .map(|back| {
            let d = (today - Duration::days(back))
                .format("%Y-%m-%d")
                .to_string();
            let found = days.iter().find(|x| x.day == d);
            let get = |f: fn(&Day) -> Option<i64>| found.and_then(f).unwrap_or(0);
            DayPoint {
                shares: get(|x| x.shares),
                clicks: get(|x| x.clicks),
                signups: get(|x| x.signups),
                orders: get(|x| x.orders),
                day: d,
            }
        })
        .collect();
    Ok(CampaignDashboard {
        campaigns: campaign_rows(&state.db, None).await?,
        days: points,
    })
}

pub struct CampaignForm {
    pub key: String,
    pub name: String,
    pub shop: String,
    pub currency: String,
    pub kind: String,
    pub rate: String,
    pub fixed: String,
    pub cap: String,
    pub welcome: String,
    pub welcome_cap: String,
    pub active: bool,
}

/// An amount field: `None` when empty (or the currency is unknown), negative when it does
/// not read as an amount of the currency (`check_campaign` reports it).
fn amount_field(raw: &str, currency: Option<Currency>) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    // without a currency the amount cannot be read: only the currency is reported
    let currency = currency?;
    Some(
        Money::parse_major(raw, currency)
            .map(|m| m.amount_minor)
            .filter(|m| *m >= 0)
            .unwrap_or(-1),
    )
}

/// An admin creates or changes any campaign (platform-wide, or funded by a named shop).
pub async fn save_campaign(f: CampaignForm) -> Result<(), AppError> {
    let admin = require_role(Role::Admin).await?;
    save(&app_state()?, &admin, f).await
}

/// A seller creates a campaign funded by their own shop, in its currency.
pub async fn save_shop_campaign(mut f: CampaignForm) -> Result<(), AppError> {
    let seller = require_role(Role::Seller).await?;
    let state = app_state()?;
    let shop = crate::ctx::shop_of(&state.db, &seller).await?;
    if shop.status != "approved" {
        return Err(AppError::Forbidden);
    }
    f.key = String::new();
    f.shop = key_of(&shop.id);
    f.currency = shop.currency;
    save(&state, &seller, f).await
}

async fn save(state: &AppState, actor: &SessionUser, f: CampaignForm) -> Result<(), AppError> {
    let mut errs = Vec::new();
    let name = f.name.trim().to_string();
    if name.is_empty() {
        errs.push(FieldError::new("name", FieldErrorCode::Required));
    } else if name.chars().count() > 80 {
        errs.push(FieldError::new("name", FieldErrorCode::TooLong));
    }
    let currency = Currency::parse(f.currency.trim());
    if currency.is_none() {
        errs.push(FieldError::new("currency", FieldErrorCode::WrongCurrency));
    }
    let shop_slug = f.shop.trim();
    let shop = if shop_slug.is_empty() {
        None
    } else if is_record_key(shop_slug) {
        Some(RecordId::new("shop", shop_slug))
    } else {
        errs.push(FieldError::new("shop", FieldErrorCode::InvalidChoice));
        None
    };
    let rule = rf::check_campaign(&rf::CampaignInput {
        kind: f.kind.as_str(),
        rate: f.rate.as_str(),
        fixed_minor: amount_field(&f.fixed, currency),
        cap_minor: amount_field(&f.cap, currency),
        welcome: f.welcome.as_str(),
        welcome_cap_minor: amount_field(&f.welcome_cap, currency),
    });
    let rule = match rule {
        Ok(r) => Some(r),
        Err(e) => {
            errs.extend(e);
            None
        }
    };
    if let Some(shop) = &shop {
        let mut res = state
            .db
            .query("RETURN record::exists($s)")
            .bind(("s", shop.clone()))
            .await?
            .check()?;
        if res.take::<Option<bool>>(0)? != Some(true) {
            errs.push(FieldError::new("shop", FieldErrorCode::InvalidChoice));
        }
    }
    let key = f.key.trim();
    if !key.is_empty() && !is_record_key(key) {
        return Err(AppError::NotFound);
    }
    let (Some(rule), Some(currency), true) = (rule, currency, errs.is_empty()) else {
        return Err(AppError::Invalid(errs));
    };
    let (kind, rate_bps, fixed_minor) = match rule.reward {
        rf::SharerReward::Percent { bps } => ("percent", bps, 0),
        rf::SharerReward::Fixed { minor } => ("fixed", 0, minor),
    };
    let id = if key.is_empty() {
        RecordId::new("campaign", crate::orders::api::imp::new_key().as_str())
    } else {
        RecordId::new("campaign", key)
    };
    let now = state.now();
    let fields = "name = $name, shop = $shop, currency = $currency, kind = $kind, rate_bps = $rate, fixed_minor = $fixed, \
        cap_minor = $cap, welcome_bps = $welcome, welcome_cap_minor = $wcap, active = $active, updated_at = $now";
    let sql = if key.is_empty() {
        format!("CREATE $id SET {fields}, created_at = $now, rewards = 0, flagged = 0, cost_minor = 0, revenue_minor = 0 RETURN VALUE id")
    } else {
        format!("UPDATE $id SET {fields} WHERE id = $id RETURN VALUE id")
    };
    let mut res = state
        .db
        .query(sql)
        .bind(("id", id.clone()))
        .bind(("now", now))
        .bind(("name", name))
        .bind(("shop", shop))
        .bind(("currency", currency.code().to_string()))
        .bind(("kind", kind.to_string()))
        .bind(("rate", rate_bps))
        .bind(("fixed", fixed_minor))
        .bind(("cap", rule.cap_minor))
        .bind(("welcome", rule.welcome_bps))
        .bind(("wcap", rule.welcome_cap_minor))
        .bind(("active", f.active))
        .await?
        .check()?;
    let saved: Vec<RecordId> = res.take(0)?;
    if saved.is_empty() {
        return Err(AppError::NotFound);
    }
    crate::accounts::store::audit(
        &state.db,
        Audit::new(
            Some(&actor.id),
            AuditAction::CampaignSaved,
            crate::state::ref_of(&id),
            now,
        )
        .detail(serde_json::json!({ "kind": kind, "rate_bps": rate_bps, "fixed_minor": fixed_minor, "cap_minor": rule.cap_minor,
            "welcome_bps": rule.welcome_bps, "active": f.active })),
    )
    .await?;
    Ok(())
}

pub async fn held_rewards() -> Result<Vec<HeldReward>, AppError> {
    require_role(Role::Moderator).await?;
    let state = app_state()?;
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        sharer: RecordId,
        buyer: RecordId,
        number: Option<String>,
        amount_minor: i64,
        currency: String,
        flags: Vec<String>,
        evidence: Vec<String>,
        created_at: DateTime<Utc>,
    }
    let mut res = state
        .db
        .query(
            "SELECT id, sharer, buyer, shop_order.number AS number, amount_minor, currency, flags, evidence, created_at \
               FROM referral_reward WHERE status = 'held' ORDER BY created_at LIMIT 100",
        )
        .await?
        .check()?;
    let rows: Vec<Row> = res.take(0)?;
    Ok(rows
        .into_iter()
        .map(|r| HeldReward {
            key: key_of(&r.id),
            sharer: key_of(&r.sharer),
            buyer: key_of(&r.buyer),
            order_number: r.number.unwrap_or_default(),
            amount: money(r.amount_minor, &r.currency),
            flags: r.flags,
            evidence: r.evidence,
            created_at: r.created_at.timestamp(),
        })
        .collect())
}

pub async fn decide(key: &str, decision: &str, note: &str) -> Result<(), AppError> {
    let moderator: SessionUser = require_role(Role::Moderator).await?;
    let state = app_state()?;
    if !is_record_key(key) {
        return Err(AppError::NotFound);
    }
    let approve = match decision {
        "approve" => true,
        "reject" => false,
        _ => return Err(bad("decision", FieldErrorCode::InvalidChoice)),
    };
    let note = note.trim();
    if !approve && note.chars().count() < 10 {
        return Err(bad("note", FieldErrorCode::TooShort));
    }
    if note.chars().count() > 1000 {
        return Err(bad("note", FieldErrorCode::TooLong));
    }
    let id = RecordId::new("referral_reward", key);
    let mut res = state
        .db
        .query(format!("SELECT {REWARD_FIELDS} FROM ONLY $r"))
        .bind(("r", id.clone()))
        .await?
        .check()?;
    let Some(r): Option<RewardRec> = res.take(0)? else {
        return Err(AppError::NotFound);
    };
    let Some((next, postings)) = rf::decide_held(r.state(), approve) else {
        return Err(bad("decision", FieldErrorCode::AlreadyDecided));
    };
    let now = state.now();
    let mut s = reward_change(&r, next, postings, "approved", now);
    s.bind("moderator", moderator.id.clone())
        .bind("note", (!note.is_empty()).then(|| note.to_string()))
        .sql("UPDATE $rw_id SET decided_by = $moderator, decision_note = $note")
        .audit(
            Audit::new(
                Some(&moderator.id),
                if approve {
                    AuditAction::ReferralApproved
                } else {
                    AuditAction::ReferralRejected
                },
                crate::state::ref_of(&id),
                now,
            )
            .detail(serde_json::json!({ "note": note, "status": next.status.as_str() })),
        );
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    match tx.run(&state.db).await? {
        Ok(()) => Ok(()),
        Err(_) => Err(bad("decision", FieldErrorCode::AlreadyDecided)),
    }
}

/// Pauses or resumes a campaign: admins any, a seller their own shop's.
pub async fn set_active(key: &str, active: bool) -> Result<(), AppError> {
    let actor = require_user().await?;
    let is_admin = actor.roles.satisfies(Role::Admin);
    let state = app_state()?;
    if !is_record_key(key) {
        return Err(AppError::NotFound);
    }
    let id = RecordId::new("campaign", key);
    let now = state.now();
    let mut res = state
        .db
        .query("UPDATE $id SET active = $active, updated_at = $now WHERE id = $id AND ($admin OR shop.owner = $user) RETURN VALUE id")
        .bind(("id", id.clone()))
        .bind(("admin", is_admin))
        .bind(("user", actor.id.clone()))
        .bind(("active", active))
        .bind(("now", now))
        .await?
        .check()?;
    let moved: Vec<RecordId> = res.take(0)?;
    if moved.is_empty() {
        return Err(AppError::NotFound);
    }
    crate::accounts::store::audit(
        &state.db,
        Audit::new(
            Some(&actor.id),
            if active {
                AuditAction::CampaignResumed
            } else {
                AuditAction::CampaignPaused
            },
            crate::state::ref_of(&id),
            now,
        ),
    )
    .await?;
    Ok(())
}
