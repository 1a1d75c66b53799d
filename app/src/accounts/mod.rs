//! Accounts: sign-up, log-in, log-out, sessions and roles.

pub mod api;
#[cfg(feature = "ssr")]
pub mod imp;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub use backend::accounts::store;
pub mod views;

use domain::Roles;
use serde::{Deserialize, Serialize};

/// What the browser may know about the signed-in user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub email: String,
    pub display_name: String,
    pub roles: Roles,
    /// Unix seconds.
    pub member_since: i64,
}
