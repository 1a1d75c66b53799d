//! The fraud checks on a referred checkout: self-referral through a shared device,
//! address or card, the sharer's velocity, a referral ring, a star of sockpuppets.

use chrono::Duration;
use domain::order::Address;
use domain::referral::{self as rf, Flag};
use surrealdb::types::RecordId;

use super::settings;
use super::store::{self, FraudRows};
use crate::error::AppError;
use crate::request::Request;
use crate::state::{key_of, AppState, Db};

/// How deep the ring check walks the referral graph.
const RING_DEPTH: usize = 6;

pub(super) fn same_payment_evidence(card: &str) -> String {
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
    req: &Request,
    sharer: &RecordId,
    buyer: &RecordId,
    address: &Address,
) -> Result<(Vec<Flag>, Vec<String>), AppError> {
    let s = settings(&state.db).await?;
    let since = state.now() - Duration::hours(24);
    let FraudRows {
        sharer_devices,
        mut buyer_devices,
        sharer_addresses,
        shipped,
        sharer_cards,
        buyer_cards,
        recent,
        referred,
    } = store::fraud_rows(&state.db, sharer, buyer, since).await?;
    if let Some(d) = crate::accounts::session::device_of(req) {
        buyer_devices.push(d.to_string());
    }

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
            let mut linked: Vec<RecordId> =
                store::users_on_devices(&state.db, buyer_devices.clone(), others).await?;
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
    let mut edges: Vec<(String, String)> = Vec::new();
    let mut frontier = vec![buyer.clone()];
    let mut seen = vec![buyer.clone()];
    for _ in 0..RING_DEPTH {
        let found = store::edges_from(db, frontier.clone()).await?;
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
