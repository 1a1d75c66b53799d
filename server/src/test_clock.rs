//! A movable clock for the browser tests, which drive the real release binary and
//! cannot wait ten working days for a deadline. Only when the server starts with
//! `TEST_CLOCK=<token>` (a random token of at least 16 characters; the Playwright config
//! makes one, nothing else sets it): the app's clock becomes wall time plus an offset,
//! and `POST /__test/advance?days=N` with the header `x-test-clock: <token>` moves it
//! forward and runs the deadline and settlement jobs at once (negative N moves it
//! back). A request without the token is refused; the route sits behind the same
//! cross-origin check as every other. Without the variable the route does not exist.

use std::sync::{Arc, Mutex};

use app::state::{AppState, Clock};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use chrono::{DateTime, Duration, Utc};

#[derive(Default)]
pub struct OffsetClock {
    offset: Mutex<Duration>,
}

impl Clock for OffsetClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.offset.lock().expect("clock")
    }
}

/// The token that enables the movable clock: `TEST_CLOCK`, when it is long enough to
/// be a secret (a value such as `1` enables nothing).
pub fn token() -> Option<String> {
    std::env::var("TEST_CLOCK")
        .ok()
        .filter(|t| t.len() >= MIN_TOKEN_LEN)
}

const MIN_TOKEN_LEN: usize = 16;

/// Whether `presented` is `token`, compared in constant time.
pub fn authorized(presented: Option<&str>, token: &str) -> bool {
    let Some(p) = presented else {
        return false;
    };
    p.len() == token.len()
        && p.bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

type ClockState = (AppState, Arc<OffsetClock>, Arc<str>);

/// Installs the movable clock into `state` and returns the route that moves it (for
/// requests carrying `token`), to merge into the application's router.
pub fn install<S: Clone + Send + Sync + 'static>(state: &mut AppState, token: String) -> Router<S> {
    let clock = Arc::new(OffsetClock::default());
    state.clock = clock.clone();
    tracing::warn!("TEST_CLOCK is set: the clock can be moved through POST /__test/advance");
    let shared: ClockState = (state.clone(), clock, token.into());
    Router::new().route("/__test/advance", post(advance).with_state(shared))
}

#[derive(serde::Deserialize)]
struct Advance {
    days: i64,
}

async fn advance(
    State((state, clock, token)): State<ClockState>,
    headers: HeaderMap,
    Query(q): Query<Advance>,
) -> Response {
    let presented = headers.get("x-test-clock").and_then(|v| v.to_str().ok());
    if !authorized(presented, &token) {
        return (StatusCode::FORBIDDEN, "test clock token required").into_response();
    }
    moved(&state, &clock, q.days).await.into_response()
}

/// Moves the clock by `days` and runs the jobs a move can make due.
async fn moved(state: &AppState, clock: &OffsetClock, days: i64) -> String {
    // negative days move it back (the browser tests put it back when done)
    *clock.offset.lock().expect("clock") += Duration::days(days.clamp(-3650, 3650));
    // pages cached at the other time (running promotions, …) must not outlive the move
    state.catalog_cache.invalidate();
    // shipped orders past their deadline count as delivered, and orders whose return
    // window closed meanwhile settle (sharing rewards with them)
    use crate::jobs::{run_once, AutoConfirmDelivery, ClaimDeadlines, NoticeDeadlines, SettleDue};
    for job in [
        &AutoConfirmDelivery as &dyn crate::jobs::Job,
        &ClaimDeadlines,
        &SettleDue,
    ] {
        if let Err(e) = run_once(job, state).await {
            return format!("error: {e}");
        }
    }
    match run_once(&NoticeDeadlines, state).await {
        Ok(n) => n.to_string(),
        Err(e) => format!("error: {e}"),
    }
}
