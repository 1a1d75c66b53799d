use chrono::{DateTime, Datelike, TimeZone, Utc};

use super::*;
use crate::moderation::store;
use crate::state::AppState;

/// The first instant of the month `back` months before `now`'s month.
fn month_start(now: DateTime<Utc>, back: i32) -> DateTime<Utc> {
    let months = now.year() * 12 + now.month0() as i32 - back;
    Utc.with_ymd_and_hms(
        months.div_euclid(12),
        months.rem_euclid(12) as u32 + 1,
        1,
        0,
        0,
        0,
    )
    .single()
    .unwrap_or(now)
}

/// The public report through the storefront cache: read at most once per cache
/// lifetime (30 s) and hour by each server, however many people open the page.
pub async fn cached_report(state: &AppState, months: i32) -> Result<Vec<Period>, AppError> {
    let key = format!(
        "transparency:{months}:{}",
        state.now().format("%Y-%m-%dT%H")
    );
    state
        .catalog_cache
        .get_or_load_keyed(key, report(state, months))
        .await
}

pub async fn report(state: &AppState, months: i32) -> Result<Vec<Period>, AppError> {
    let now = state.now();
    let starts: Vec<DateTime<Utc>> = (0..=months).rev().map(|b| month_start(now, b)).collect();
    let from = starts[0];
    let store::TransparencyRows {
        items,
        decisions,
        strikes,
    } = store::transparency_rows(&state.db, from).await?;
    let bucket = |t: DateTime<Utc>| -> Option<usize> {
        (0..starts.len() - 1)
            .find(|i| t >= starts[*i] && t < starts[i + 1])
            .or_else(|| (t >= starts[starts.len() - 1]).then(|| starts.len() - 1))
    };
    let mut out: Vec<Period> = starts
        .iter()
        .map(|s| Period {
            month: format!("{:04}-{:02}", s.year(), s.month()),
            ..Period::default()
        })
        .collect();
    let mut hours: Vec<Vec<i64>> = vec![Vec::new(); out.len()];
    for i in &items {
        if let Some(b) = bucket(i.created_at) {
            out[b].received += 1;
        }
        if let Some(a) = i.actioned_at {
            if let Some(b) = bucket(a) {
                if i.state == "rejected" {
                    out[b].rejected += 1;
                } else {
                    out[b].taken_down += 1;
                }
                hours[b].push((a - i.created_at).num_hours());
            }
        }
        if let Some(b) = i.counter_at.and_then(bucket) {
            out[b].counter_notices += 1;
        }
        if let Some(b) = i.closed_at.and_then(bucket) {
            match i.state.as_str() {
                "reinstated" => out[b].reinstated += 1,
                "upheld" => out[b].upheld += 1,
                _ => {}
            }
        }
    }
    for (p, h) in out.iter_mut().zip(hours.iter_mut()) {
        p.median_hours_to_action = median(h);
    }
    for d in decisions
        .iter()
        .filter(|d| d.subject.starts_with("product:"))
    {
        if let Some(b) = bucket(d.at) {
            match d.action.as_str() {
                "approve" => out[b].listings_approved += 1,
                "reject" => out[b].listings_rejected += 1,
                "request_changes" => out[b].changes_requested += 1,
                _ => {}
            }
        }
    }
    for s in strikes {
        if let Some(b) = bucket(s) {
            out[b].strikes += 1;
        }
    }
    // the window is `months` whole months before this one plus this one so far
    out.remove(0);
    Ok(out)
}
