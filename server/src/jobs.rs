//! Background jobs. Each is a [`Job`]: a name, a period and one run; [`ALL`] lists
//! them and [`spawn`] runs them, jobs of the same period one after another in list
//! order (so, say, expired reservations are released before pending money settles).

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use app::state::AppState;

/// What a run did, for the log: how many things it changed, and what they were.
pub struct Done {
    pub changed: usize,
    pub what: String,
}

impl Done {
    fn count(changed: usize, what: &str) -> Self {
        Done {
            changed,
            what: what.to_string(),
        }
    }
}

pub type Run<'a> = Pin<Box<dyn Future<Output = Result<Done, String>> + Send + 'a>>;

pub trait Job: Sync {
    /// A short name for logs.
    fn name(&self) -> &'static str;
    fn period(&self) -> Duration;
    fn run<'a>(&'a self, state: &'a AppState) -> Run<'a>;
}

/// Writes the batched dashboard counters (views, add-to-carts, checkouts).
pub struct DashboardCounters;
/// Recounts this week's trending products.
pub struct Trending;
/// Cancels unpaid orders whose stock reservation ran out.
pub struct ExpiredReservations;
/// Sends card refunds to Stripe that a request could not send (retried each minute).
pub struct CardRefunds;
/// Shipped orders the buyer did not confirm count as delivered after the deadline.
pub struct AutoConfirmDelivery;
/// Claims the seller did not answer in time go to a moderator.
pub struct ClaimDeadlines;
/// Releases sellers' pending money once the return window closed.
pub struct SettleDue;
/// Hides or restores sold-out listings as their shops chose.
pub struct SoldOut;
/// Fires rights-notice deadlines (reinstatement, takedown upheld).
pub struct NoticeDeadlines;
/// Publishes and delists scheduled listings.
pub struct ListingSchedule;
/// Sends the mail queue (when a mail server is configured).
pub struct SendMail;

/// Every job, in the order jobs of one period run.
pub const ALL: &[&dyn Job] = &[
    &DashboardCounters,
    &Trending,
    &ExpiredReservations,
    &CardRefunds,
    &AutoConfirmDelivery,
    &ClaimDeadlines,
    &SettleDue,
    &SoldOut,
    &NoticeDeadlines,
    &ListingSchedule,
    &SendMail,
];

const MINUTE: Duration = Duration::from_secs(60);

impl Job for DashboardCounters {
    fn name(&self) -> &'static str {
        "dashboard counters"
    }
    fn period(&self) -> Duration {
        Duration::from_secs(5)
    }
    fn run<'a>(&'a self, state: &'a AppState) -> Run<'a> {
        Box::pin(async move {
            let n = app::sellers::stats::flush(&state.db, state.now())
                .await
                .map_err(|e| e.to_string())?;
            // written every few seconds: not worth a log line
            Ok(Done::count(0, &format!("{n} counters")))
        })
    }
}

impl Job for Trending {
    fn name(&self) -> &'static str {
        "trending products"
    }
    fn period(&self) -> Duration {
        10 * MINUTE
    }
    fn run<'a>(&'a self, state: &'a AppState) -> Run<'a> {
        Box::pin(async move {
            let n = app::catalog::refresh_trending(state)
                .await
                .map_err(|e| format!("{e:?}"))?;
            Ok(Done::count(0, &format!("{n} trending")))
        })
    }
}

impl Job for ExpiredReservations {
    fn name(&self) -> &'static str {
        "expired reservations"
    }
    fn period(&self) -> Duration {
        MINUTE
    }
    fn run<'a>(&'a self, state: &'a AppState) -> Run<'a> {
        Box::pin(async move {
            let n = app::orders::imp::release_expired(state)
                .await
                .map_err(|e| format!("{e:?}"))?;
            Ok(Done::count(n, "orders released"))
        })
    }
}

impl Job for SendMail {
    fn name(&self) -> &'static str {
        "mail"
    }
    fn period(&self) -> Duration {
        Duration::from_secs(15)
    }
    fn run<'a>(&'a self, state: &'a AppState) -> Run<'a> {
        Box::pin(async move {
            // up to 500 mails a run: a burst (a sale's notices) goes out in one run
            let n = app::mail::send_queue(state, 25).await;
            Ok(Done::count(n, "mails sent"))
        })
    }
}

impl Job for CardRefunds {
    fn name(&self) -> &'static str {
        "card refunds"
    }
    fn period(&self) -> Duration {
        MINUTE
    }
    fn run<'a>(&'a self, state: &'a AppState) -> Run<'a> {
        Box::pin(async move {
            let n = app::orders::payments::send_card_refunds(state).await;
            Ok(Done::count(n, "card refunds sent"))
        })
    }
}

impl Job for AutoConfirmDelivery {
    fn name(&self) -> &'static str {
        "confirm deliveries past their deadline"
    }
    fn period(&self) -> Duration {
        MINUTE
    }
    fn run<'a>(&'a self, state: &'a AppState) -> Run<'a> {
        Box::pin(async move {
            let n = app::orders::imp::confirm_due(state)
                .await
                .map_err(|e| format!("{e:?}"))?;
            Ok(Done::count(n, "deliveries confirmed"))
        })
    }
}

impl Job for ClaimDeadlines {
    fn name(&self) -> &'static str {
        "unanswered claims"
    }
    fn period(&self) -> Duration {
        MINUTE
    }
    fn run<'a>(&'a self, state: &'a AppState) -> Run<'a> {
        Box::pin(async move {
            let n = app::orders::imp::run_claim_deadlines(state)
                .await
                .map_err(|e| format!("{e:?}"))?;
            Ok(Done::count(n, "claims sent to moderators"))
        })
    }
}

impl Job for SettleDue {
    fn name(&self) -> &'static str {
        "settle after the return window"
    }
    fn period(&self) -> Duration {
        MINUTE
    }
    fn run<'a>(&'a self, state: &'a AppState) -> Run<'a> {
        Box::pin(async move {
            let n = app::sellers::money::imp::settle_due(state, state.now())
                .await
                .map_err(|e| format!("{e:?}"))?;
            Ok(Done::count(n, "orders settled"))
        })
    }
}

impl Job for SoldOut {
    fn name(&self) -> &'static str {
        "sold-out listings"
    }
    fn period(&self) -> Duration {
        MINUTE
    }
    fn run<'a>(&'a self, state: &'a AppState) -> Run<'a> {
        Box::pin(async move {
            let (hidden, restored) = app::sellers::listings::imp::sync_sold_out(&state.db)
                .await
                .map_err(|e| e.to_string())?;
            if hidden + restored > 0 {
                state.catalog_cache.invalidate();
            }
            Ok(Done::count(
                hidden + restored,
                &format!("{hidden} hidden, {restored} restored"),
            ))
        })
    }
}

impl Job for NoticeDeadlines {
    fn name(&self) -> &'static str {
        "notice deadlines"
    }
    fn period(&self) -> Duration {
        MINUTE
    }
    fn run<'a>(&'a self, state: &'a AppState) -> Run<'a> {
        Box::pin(async move {
            let n = app::moderation::notices::imp::run_deadlines(state, state.now())
                .await
                .map_err(|e| e.to_string())?;
            Ok(Done::count(n, "deadlines fired"))
        })
    }
}

impl Job for ListingSchedule {
    fn name(&self) -> &'static str {
        "scheduled listings"
    }
    fn period(&self) -> Duration {
        MINUTE
    }
    fn run<'a>(&'a self, state: &'a AppState) -> Run<'a> {
        Box::pin(async move {
            let (published, delisted) =
                app::sellers::listings::imp::run_schedule(&state.db, state.now())
                    .await
                    .map_err(|e| e.to_string())?;
            if published + delisted > 0 {
                state.catalog_cache.invalidate();
            }
            Ok(Done::count(
                usize::try_from(published + delisted).unwrap_or(0),
                &format!("{published} published, {delisted} delisted"),
            ))
        })
    }
}

/// Runs `job` once, logging what it did (or why it failed); how many things changed.
pub async fn run_once(job: &dyn Job, state: &AppState) -> Result<usize, String> {
    match job.run(state).await {
        Ok(done) => {
            if done.changed > 0 {
                tracing::info!(job = job.name(), changed = done.changed, "{}", done.what);
            }
            Ok(done.changed)
        }
        Err(error) => {
            tracing::warn!(job = job.name(), %error, "job failed");
            Err(error)
        }
    }
}

/// Runs every job of [`ALL`] on its period, one task per period.
pub fn spawn(state: AppState) -> Vec<tokio::task::JoinHandle<()>> {
    let mut periods: Vec<Duration> = ALL.iter().map(|j| j.period()).collect();
    periods.sort();
    periods.dedup();
    periods
        .into_iter()
        .map(|period| {
            let state = state.clone();
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(period);
                loop {
                    tick.tick().await;
                    for job in ALL.iter().filter(|j| j.period() == period) {
                        let _ = run_once(*job, &state).await;
                    }
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_has_its_own_name_and_a_sane_period() {
        let mut names: Vec<&str> = ALL.iter().map(|j| j.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        for job in ALL {
            assert!(job.period() >= Duration::from_secs(1), "{}", job.name());
        }
    }
}
