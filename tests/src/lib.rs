//! Test support: start the real router on port 0 with a fresh database ([`TestApp`],
//! [`TestApp::builder`] for other settings), and a small HTTP client that calls server
//! functions the way a browser form does ([`Client`]).

use std::path::Path;

mod client;
mod html_check;
mod maildev;
mod test_app;

pub use crate::client::{Client, Reply};
pub use crate::maildev::{free_port, MailDev};
pub use crate::test_app::{TestApp, TestAppBuilder, TestClock, WEBHOOK_SECRET};

/// Exports a database to `path`.
pub async fn export(app: &TestApp, path: &Path) {
    server::transfer::export(&app.state.db, path)
        .await
        .expect("export");
}

/// Gives a user extra roles directly in the database (test fixture builder); an admin
/// gets two-step sign-in too, as admins must.
pub async fn grant_roles(app: &TestApp, email: &str, roles: &[&str]) {
    let email = domain::Email::parse(email).expect("email");
    let mut all = vec!["shopper".to_string()];
    all.extend(roles.iter().map(|r| r.to_string()));
    app.state
        .db
        .query("UPDATE $id SET roles = $roles")
        .bind(("id", app::accounts::store::user_id(&email)))
        .bind(("roles", all))
        .await
        .expect("grant")
        .check()
        .expect("grant ok");
    // an admin's powers need two-step sign-in (the client's `log_in` gives the code)
    if roles.contains(&"admin") {
        two_step_on(app, email.as_str()).await;
    }
}

/// Turns two-step sign-in on for `email` with a known key, as its owner would have
/// (the client's `log_in` then gives the code).
pub async fn two_step_on(app: &TestApp, email: &str) {
    let email = domain::Email::parse(email).expect("email");
    backend::accounts::two_step_store::set_secret(
        &app.state.db,
        &app::accounts::store::user_id(&email),
        server::seed::DEMO_ADMIN_TOTP,
    )
    .await
    .expect("two-step sign-in on");
}

/// A small deterministic generator (xorshift) for the model-based tests, so a failing
/// seed replays exactly.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// A number from the environment (`MODEL_CASES`, `MODEL_STEPS`, `MODEL_SEED`), else
/// `default`.
pub fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
