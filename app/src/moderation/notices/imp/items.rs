//! Notices and their items: filing, the steps of `domain::notice` with their side
//! effects, the parties' moves (validation, counter-notice, legal action) and the
//! deadlines job.

use chrono::{DateTime, TimeZone, Utc};
use domain::keys::NoticeItemKey;
use domain::notice::{apply, due, Deadlines, Event, Item, State};
use domain::{FieldError, FieldErrorCode};
use surrealdb::types::{RecordId, ToSql};

use super::{deadlines, owner_of, track};
use crate::accounts::session::SessionUser;
use crate::error::{bounded_text as text, invalid, AppError};
use crate::moderation::notices::{listing_key, NOTICE_KINDS};
use crate::moderation::store::notices::{self as store, ItemMove, ItemRow};
use crate::state::{key_of, record, AppState, Db};
use backend::db::{Audit, AuditAction, Tx};
use backend::notify::Notice;

/// The listings a notice names, one address or key per line (at most 50, each once),
/// as keys; refused lines are named by their number.
fn listing_keys(listings: &str, errs: &mut Vec<FieldError>) -> Vec<String> {
    let lines: Vec<&str> = listings.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        errs.push(FieldError::new("listings", FieldErrorCode::Required));
    } else if lines.len() > 50 {
        errs.push(FieldError::new("listings", FieldErrorCode::TooMany));
    }
    let mut keys = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match listing_key(line) {
            Some(k) if !keys.contains(&k) => keys.push(k),
            Some(_) => errs.push(FieldError::new(
                &format!("listings.{}", i + 1),
                FieldErrorCode::AlreadyDecided,
            )),
            None => errs.push(FieldError::new(
                &format!("listings.{}", i + 1),
                FieldErrorCode::InvalidChoice,
            )),
        }
    }
    keys
}

/// Files a notice naming listings (one URL or id per line). Every line must name a
/// live listing of another shop with no open notice; otherwise nothing is filed.
pub async fn file_notice(
    state: &AppState,
    user: &SessionUser,
    listings: &str,
    kind: &str,
    evidence: &str,
    good_faith: bool,
) -> Result<String, AppError> {
    let db = &state.db;
    let owner = owner_of(db, user).await?.ok_or(AppError::Forbidden)?;
    if owner.status != "verified" {
        return Err(AppError::Forbidden);
    }
    let mut errs = Vec::new();
    if !NOTICE_KINDS.contains(&kind) {
        errs.push(FieldError::new("kind", FieldErrorCode::InvalidChoice));
    }
    let evidence = text(evidence, "evidence", 20, 8000, &mut errs);
    if !good_faith {
        errs.push(FieldError::new("good_faith", FieldErrorCode::Required));
    }
    let keys = listing_keys(listings, &mut errs);
    // each listing: exists, not the notifier's own shop, no open notice
    let ids: Vec<RecordId> = keys
        .iter()
        .map(|k| RecordId::new("product", k.as_str()))
        .collect();
    let found = store::noticed_listings(db, ids).await?;
    let mut targets = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let field = format!("listings.{}", i + 1);
        match found.iter().find(|l| key_of(&l.id) == *k) {
            None => errs.push(FieldError::new(&field, FieldErrorCode::InvalidChoice)),
            Some(l) if l.owner.as_ref() == Some(&user.id) => {
                errs.push(FieldError::new(&field, FieldErrorCode::NotAllowed))
            }
            Some(l) if l.open.is_some() => {
                errs.push(FieldError::new(&field, FieldErrorCode::AlreadyDecided))
            }
            Some(l) => targets.push((l.id.clone(), l.shop.clone())),
        }
    }
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let (d, p) = deadlines(db).await?;
    let trusted = domain::notice::standing(track(&owner), p) == domain::notice::Standing::Trusted;
    let now = state.now();
    let notice_key = crate::accounts::session::random_token()[..20].to_string();
    let notice = RecordId::new("ip_notice", notice_key.as_str());
    let audit = Audit::on(Some(&user.id), AuditAction::NoticeFiled, &notice, now).detail(
        serde_json::json!({ "kind": kind, "listings": targets.len(), "fast_track": trusted }),
    );
    let s = store::file_notice(
        notice.clone(),
        owner.id.clone(),
        kind,
        evidence,
        trusted,
        &targets,
        audit,
    );
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    match tx.run(db).await? {
        Ok(_) => {}
        // two notices racing for the same listing: the unique index refuses the second
        Err(_) => return Err(invalid("listings", FieldErrorCode::AlreadyDecided)),
    }
    if trusted {
        // fast track: validated and taken down without waiting for a moderator
        let ids = store::items_of_notice(db, notice).await?;
        for id in ids {
            step(
                state,
                None,
                &id,
                &[
                    Event::Validate,
                    Event::TakeDown,
                    Event::NotifySeller {
                        at: now.timestamp(),
                    },
                ],
                d,
                "",
            )
            .await?;
        }
    }
    Ok(notice_key)
}

/// A reinstated listing is back on sale as it reads now (the seller may have edited
/// it while it was down): screened like any edit.
async fn rescreen(
    state: &AppState,
    shop: &RecordId,
    product: &RecordId,
    now: chrono::DateTime<Utc>,
) -> Result<(), AppError> {
    match crate::sellers::store::shop(&state.db, shop).await? {
        Some(shop) => {
            crate::sellers::listings::imp::rescreen_edited(
                state,
                &shop,
                &crate::state::key_of(product),
                now,
            )
            .await
        }
        None => Ok(()),
    }
}

/// Applies events to one item in one transaction, with their side effects: takedown
/// (listing out of the storefront, seller notified), counter-notice forwarded,
/// upheld (strike), reinstated (listing restored), rejected; each audited.
pub async fn step(
    state: &AppState,
    actor: Option<&RecordId>,
    id: &RecordId,
    events: &[Event],
    d: Deadlines,
    statement: &str,
) -> Result<State, AppError> {
    let db = &state.db;
    let row = store::item(db, id.clone())
        .await?
        .ok_or(AppError::NotFound)?;
    let from = State::parse(&row.state).ok_or(AppError::NotFound)?;
    let mut item = Item {
        state: from,
        deadline: row.deadline.map(|t| t.timestamp()),
    };
    for e in events {
        item = apply(&item, *e, d).map_err(|r| match r {
            domain::notice::Refusal::WindowClosed => invalid("state", FieldErrorCode::WindowClosed),
            _ => invalid("state", FieldErrorCode::AlreadyDecided),
        })?;
    }
    let now = state.now();
    let audit = Audit::on(
        actor,
        AuditAction::NoticeMoved(item.state.as_str()),
        id,
        now,
    )
    .detail(serde_json::json!({
        "from": from.as_str(),
        "events": events.iter().map(|e| format!("{e:?}")).collect::<Vec<_>>(),
        "product": row.product.to_sql(),
        "statement": statement.trim(),
    }));
    let mut s = store::move_item(
        ItemMove {
            id: id.clone(),
            from: from.as_str().to_string(),
            to: item.state.as_str().to_string(),
            deadline: item.deadline.and_then(|t| Utc.timestamp_opt(t, 0).single()),
            product: row.product.clone(),
            shop: row.shop.clone(),
            owner: row.owner.clone(),
            actor: actor.cloned(),
        },
        audit,
    );
    let title = row.title.clone().unwrap_or_default();
    let to = item.state;
    if to == State::SellerNotified || to == State::TakenDown {
        store::take_down_listing(
            &mut s,
            Notice::ListingTakenDown {
                title: title.clone(),
            }
            .render(),
        );
    }
    match to {
        State::Rejected => {
            let statement = statement.trim().to_string();
            store::reject_item(&mut s, Notice::NoticeRejected { statement }.render());
        }
        State::Forwarded => {
            store::forward_counter_notice(&mut s, Notice::CounterNoticeReceived { title }.render())
        }
        State::Reinstated => {
            store::reinstate_listing(&mut s, Notice::ListingReinstated { title }.render())
        }
        State::Upheld => {
            let p = crate::moderation::queue::imp::policy(db).await?;
            let appeal_until = now + chrono::Duration::days(i64::from(p.appeal_days));
            let why = if from == State::Forwarded {
                "The rights owner showed legal action over this listing: the takedown stands. · 權利人已提出訴訟證明，下架維持。"
            } else {
                "No counter-notice arrived within the response window: the takedown stands. · 未於期限內提出反通知，下架維持。"
            }
            .to_string();
            let (strike, _) =
                crate::moderation::queue::imp::strike_statements(db, &row.shop, now).await?;
            let mail = Notice::TakedownUpheld { title }.render();
            store::uphold_takedown(&mut s, appeal_until, why, strike, mail);
        }
        _ => {}
    }
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    match tx.run(db).await? {
        Ok(_) => {
            if to == State::Reinstated {
                rescreen(state, &row.shop, &row.product, now).await?;
            }
            state.catalog_cache.invalidate();
            Ok(to)
        }
        Err(_) => Err(invalid("state", FieldErrorCode::AlreadyDecided)),
    }
}

async fn item_of(db: &Db, key: &NoticeItemKey) -> Result<ItemRow, AppError> {
    store::item(db, record(key))
        .await?
        .ok_or(AppError::NotFound)
}

/// A moderator validates an item (taken down, seller notified) or rejects it as
/// unfounded with reasons.
pub async fn decide_item(
    state: &AppState,
    moderator: &SessionUser,
    key: &NoticeItemKey,
    validate: bool,
    statement: &str,
) -> Result<State, AppError> {
    let row = item_of(&state.db, key).await?;
    if !validate && statement.trim().chars().count() < domain::strikes::MIN_STATEMENT {
        return Err(invalid("statement", FieldErrorCode::Required));
    }
    let (d, _) = deadlines(&state.db).await?;
    let now = state.now().timestamp();
    let events: &[Event] = if validate {
        &[
            Event::Validate,
            Event::TakeDown,
            Event::NotifySeller { at: now },
        ]
    } else {
        &[Event::Reject]
    };
    step(state, Some(&moderator.id), &row.id, events, d, statement).await
}

/// The seller's counter-notice on an item of their shop, inside the window: it is
/// forwarded to the rights owner at once.
pub async fn counter_notice(
    state: &AppState,
    user: &SessionUser,
    key: &NoticeItemKey,
    statement: &str,
    good_faith: bool,
) -> Result<State, AppError> {
    let shop = crate::ctx::shop_of(&state.db, user).await?;
    let row = item_of(&state.db, key).await?;
    if row.shop != shop.id {
        return Err(AppError::NotFound);
    }
    let mut errs = Vec::new();
    let statement = text(statement, "statement", 20, 8000, &mut errs);
    if !good_faith {
        errs.push(FieldError::new("good_faith", FieldErrorCode::Required));
    }
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let (d, _) = deadlines(&state.db).await?;
    let now = state.now();
    let to = step(
        state,
        Some(&user.id),
        &row.id,
        &[
            Event::CounterNotice {
                at: now.timestamp(),
            },
            Event::Forward {
                at: now.timestamp(),
            },
        ],
        d,
        &statement,
    )
    .await?;
    store::save_counter_text(&state.db, row.id, statement, now).await?;
    Ok(to)
}

/// The rights owner shows legal action on a forwarded item before the waiting
/// period ends: the takedown is upheld.
pub async fn legal_action(
    state: &AppState,
    user: &SessionUser,
    key: &NoticeItemKey,
    statement: &str,
) -> Result<State, AppError> {
    let owner = owner_of(&state.db, user)
        .await?
        .ok_or(AppError::Forbidden)?;
    let row = item_of(&state.db, key).await?;
    if row.owner != owner.id {
        return Err(AppError::NotFound);
    }
    let mut errs = Vec::new();
    let statement = text(statement, "statement", 20, 8000, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let (d, _) = deadlines(&state.db).await?;
    let at = state.now().timestamp();
    step(
        state,
        Some(&user.id),
        &row.id,
        &[Event::LegalAction { at }],
        d,
        &statement,
    )
    .await
}

/// The background job: deadlines that have passed fire once each. Returns how many.
pub async fn run_deadlines(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    let db = &state.db;
    let rows = store::due_items(db, now).await?;
    let (d, _) = deadlines(db).await?;
    let mut fired = 0;
    for r in rows {
        let item = Item {
            state: State::parse(&r.state).unwrap_or(State::Closed),
            deadline: r.deadline.map(|t| t.timestamp()),
        };
        if let Some(e) = due(&item, now.timestamp()) {
            match step(state, None, &r.id, &[e], d, "").await {
                Ok(_) => fired += 1,
                // another run fired it meanwhile
                Err(AppError::Invalid(_)) => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(fired)
}
