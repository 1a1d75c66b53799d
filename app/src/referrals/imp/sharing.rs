//! Sharing and attribution: referral codes, share links and counted shares, clicks on a
//! referral link (the attribution cookie), who referred a buyer, sign-ups through a
//! link, and the sharer's "My rewards" page.

use backend::db::Tx;
use chrono::{DateTime, Utc};
use domain::referral as rf;
use domain::FieldErrorCode;
use surrealdb::types::RecordId;

use super::{bad, money, settings, store};
use crate::ctx::{Ctx, Visitor};
use crate::error::{internal, AppError};
use crate::referrals::{CreditBalance, CreditLine, MyRewards, RewardLine, SharedLink, NETWORKS};
use crate::request::Request;
use crate::sellers::money::imp::day_of;
use crate::state::{key_of, AppState, Db};

/// The attribution cookie: `code.unix-seconds` of the last referral link opened.
pub const ATTRIBUTION_COOKIE: &str = "hm_ref";

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
    store::add_to_counters(db, user, field, by, day_of(now)).await?;
    Ok(())
}

/// The user's referral code, issued on first use.
pub async fn code_of(db: &Db, user: &RecordId) -> Result<String, AppError> {
    for _ in 0..8 {
        if let Some(code) = store::referral_code(db, user).await? {
            return Ok(code);
        }
        let code = rf::new_code(rand::random::<u8>);
        let s = store::claim_code(user, code.clone(), Utc::now());
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
    Ok(store::user_of_code(db, code).await?)
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

fn attribution_in(req: &Request) -> Option<(String, i64)> {
    rf::parse_attribution(req.cookie(ATTRIBUTION_COOKIE)?)
}

/// Who referred `buyer` now: the last referral link opened in this browser within the
/// window, else the account that referred them at sign-up while the window lasts.
/// Never the buyer themself.
pub async fn current_referrer(
    state: &AppState,
    req: &Request,
    buyer: &RecordId,
) -> Result<Option<RecordId>, AppError> {
    let s = settings(&state.db).await?;
    let now = state.now().timestamp();
    if let Some((code, at)) = attribution_in(req) {
        if rf::attribution_live(at, now, s.window_days) {
            if let Some(u) = user_by_code(&state.db, &code).await? {
                if u != *buyer {
                    return Ok(Some(u));
                }
            }
        }
    }
    let by = store::referred_by(&state.db, buyer).await?;
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
        req: &'a Request,
        user: &'a RecordId,
    ) -> crate::events::Answer<'a, ()> {
        Box::pin(on_sign_up(state, req, user))
    }
}

/// A new account opened through a referral link: remember the referrer and add the
/// edge to the referral graph.
pub async fn on_sign_up(state: &AppState, req: &Request, user: &RecordId) -> Result<(), AppError> {
    let Some(sharer) = current_referrer(state, req, user).await? else {
        return Ok(());
    };
    let now = state.now();
    store::remember_referrer(&state.db, user, &sharer, now).await?;
    count(&state.db, &sharer, "signups", now).await
}

pub async fn share_link(v: &Visitor, path: &str) -> Result<SharedLink, AppError> {
    let state = &v.state;
    if !path.starts_with('/')
        || path.starts_with("//")
        || path.len() > 300
        || path.chars().any(|c| c.is_whitespace() || c == '#')
    {
        return Err(bad("path", FieldErrorCode::InvalidChoice));
    }
    let origin = &state.settings.public_origin;
    let Some(user) = &v.user else {
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

pub async fn record_share(v: &Visitor, network: &str) -> Result<(), AppError> {
    if !NETWORKS.contains(&network) && network != "copy" && network != "native" {
        return Err(bad("network", FieldErrorCode::InvalidChoice));
    }
    if let Some(user) = &v.user {
        count(&v.state.db, &user.id, "shares", v.state.now()).await?;
    }
    Ok(())
}

pub async fn my_rewards(ctx: &Ctx) -> Result<MyRewards, AppError> {
    let Ctx { state, user, .. } = ctx;
    let code = code_of(&state.db, &user.id).await?;
    let rows = store::my_reward_rows(&state.db, &user.id).await?;
    let stat = rows.stat.unwrap_or_default();
    let (balances, rewards, entries) = (rows.balances, rows.rewards, rows.entries);
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
