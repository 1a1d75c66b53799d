//! A movable clock for the browser tests, which drive the real release binary and
//! cannot wait ten working days for a deadline. Only when the server starts with
//! `TEST_CLOCK=1` (the Playwright config sets it; nothing else does): the app's clock
//! becomes wall time plus an offset, and `POST /__test/advance?days=N` moves it forward
//! and runs the deadline and settlement jobs at once (negative N moves it back). Without the variable the
//! route does not exist.

use std::sync::{Arc, Mutex};

use app::state::{AppState, Clock};
use axum::extract::{Query, State};
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

pub fn enabled() -> bool {
    std::env::var("TEST_CLOCK").is_ok_and(|v| v == "1")
}

/// Installs the movable clock into `state` and returns the route that moves it.
pub fn install(state: &mut AppState) -> Router {
    let clock = Arc::new(OffsetClock::default());
    state.clock = clock.clone();
    tracing::warn!("TEST_CLOCK=1: the clock can be moved through POST /__test/advance");
    Router::new().route(
        "/__test/advance",
        post(advance).with_state((state.clone(), clock)),
    )
}

#[derive(serde::Deserialize)]
struct Advance {
    days: i64,
}

async fn advance(
    State((state, clock)): State<(AppState, Arc<OffsetClock>)>,
    Query(q): Query<Advance>,
) -> String {
    // negative days move it back (the browser tests put it back when done)
    *clock.offset.lock().expect("clock") += Duration::days(q.days.clamp(-3650, 3650));
    // pages cached at the other time (running promotions, …) must not outlive the move
    state.catalog_cache.invalidate();
    // and orders whose return window closed meanwhile settle (sharing rewards with them)
    use crate::jobs::{run_once, NoticeDeadlines, SettleDue};
    if let Err(e) = run_once(&SettleDue, &state).await {
        return format!("error: {e}");
    }
    match run_once(&NoticeDeadlines, &state).await {
        Ok(n) => n.to_string(),
        Err(e) => format!("error: {e}"),
    }
}
