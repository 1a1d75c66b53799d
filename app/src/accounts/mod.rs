//! Accounts: sign-up, log-in, log-out, sessions and roles.

pub mod api;
#[cfg(feature = "ssr")]
pub mod imp;
#[cfg(feature = "ssr")]
pub mod recovery;
pub mod recovery_views;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod two_step;
pub mod two_step_views;
#[cfg(feature = "ssr")]
pub mod verification;
pub mod verify_views;
#[cfg(feature = "ssr")]
pub use backend::accounts::store;
pub mod views;

use domain::Roles;
use serde::{Deserialize, Serialize};

/// One place the account is signed in, as its owner sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// The session's key (the SHA-256 of its secret: naming it ends nothing but itself).
    pub key: String,
    /// "Chrome · Android", or `None` for a browser that did not say.
    pub device: Option<String>,
    /// Unix seconds.
    pub signed_in_at: i64,
    /// The session this page is shown in.
    pub current: bool,
}

/// What the browser may know about the signed-in user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub email: String,
    pub display_name: String,
    pub roles: Roles,
    /// Unix seconds.
    pub member_since: i64,
    /// The email address is confirmed.
    #[serde(default)]
    pub verified: bool,
    /// Holds the admin role, usable once two-step sign-in is on.
    #[serde(default)]
    pub admin_needs_two_step: bool,
}

/// The account's two-step sign-in: on or off, and its recovery codes not used yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoStepStatus {
    pub on: bool,
    pub recovery_left: i64,
}

/// A two-step sign-in set-up: the secret to type into an authenticator app by hand,
/// the `otpauth://` address, and the same as a QR code (SVG markup made on the server).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    pub secret: String,
    pub uri: String,
    pub qr_svg: String,
}
