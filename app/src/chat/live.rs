//! Waking waiting pages when a thread changes. Each server instance keeps one live
//! query on the threads (`store::watch_threads`): a message or a read on any instance
//! reaches every instance's waiters through the database, so a page may wait on any
//! instance. Waiters subscribe to a broadcast of the changed threads' parties; a
//! waiter that misses one (a lagging subscriber) simply checks again.

use std::sync::{Arc, Once};
use std::time::Duration;

use futures::StreamExt;
use surrealdb::types::RecordId;
use tokio::sync::broadcast;

use crate::state::Db;

/// How long a page's request waits for a change before answering "nothing new".
pub const WAIT: Duration = Duration::from_secs(25);

/// The broadcast of changed threads' parties (a shopper and a shop).
pub struct Hub {
    tx: broadcast::Sender<(RecordId, RecordId)>,
    /// The listening task, started by the first waiter.
    started: Once,
}

impl Default for Hub {
    fn default() -> Self {
        let (tx, _) = broadcast::channel(1024);
        Hub {
            tx,
            started: Once::new(),
        }
    }
}

impl Hub {
    /// Starts listening to the database's thread changes (once per instance).
    pub fn listen(&self, db: &Arc<Db>) {
        self.started.call_once(|| self.spawn_listener(db));
    }

    fn spawn_listener(&self, db: &Arc<Db>) {
        let tx = self.tx.clone();
        let db = Arc::clone(db);
        tokio::spawn(async move {
            loop {
                match super::store::watch_threads(&db).await {
                    Ok(mut changes) => {
                        while let Some(change) = changes.next().await {
                            if let Ok(n) = change {
                                let _ = tx.send((n.data.buyer, n.data.shop));
                            }
                        }
                        tracing::warn!("the threads' live query ended; listening again");
                    }
                    Err(e) => tracing::warn!(error = %e, "cannot listen to thread changes"),
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }

    pub fn subscribe(&self) -> broadcast::Receiver<(RecordId, RecordId)> {
        self.tx.subscribe()
    }
}

/// Waits until a thread of `user` (as its shopper) or of `shop` changes, or until
/// `deadline`; true when something changed (or may have: a missed broadcast).
pub async fn changed(
    rx: &mut broadcast::Receiver<(RecordId, RecordId)>,
    user: &RecordId,
    shop: Option<&RecordId>,
    deadline: tokio::time::Instant,
) -> bool {
    loop {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Err(_) => return false,
            Ok(Ok((buyer, s))) => {
                if &buyer == user || Some(&s) == shop {
                    return true;
                }
            }
            Ok(Err(broadcast::error::RecvError::Lagged(_))) => return true,
            Ok(Err(broadcast::error::RecvError::Closed)) => return false,
        }
    }
}
