//! Test support: start the real router on port 0 with a fresh database ([`TestApp`],
//! [`TestApp::builder`] for other settings), and a small HTTP client that calls server
//! functions the way a browser form does ([`Client`]).

use std::path::Path;

mod client;
mod test_app;

pub use crate::client::{Client, Reply};
pub use crate::test_app::{TestApp, TestAppBuilder, TestClock, WEBHOOK_SECRET};

/// Exports a database to `path`.
pub async fn export(app: &TestApp, path: &Path) {
    server::transfer::export(&app.state.db, path)
        .await
        .expect("export");
}

/// Gives a user extra roles directly in the database (test fixture builder).
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
}
