//! Email that arrives: the outbox's notices sent over SMTP in their recipient's
//! language, as plain text and HTML. The mail job claims a batch at a time
//! (`notify::store::claim_mail`); a mail the server refuses or cannot take waits 1, 2,
//! 4 … minutes (at most an hour) and is tried again, so an outage loses nothing; a
//! mail is marked sent as soon as the server took it. Mail a person may turn off
//! carries a one-click unsubscribe link (`List-Unsubscribe`, RFC 8058); each person
//! chooses on their account page which of those kinds they get, and in which language.

#[cfg(feature = "ssr")]
mod send;
#[cfg(feature = "ssr")]
pub mod settings;

mod api;
mod views;

pub use api::*;
#[cfg(feature = "ssr")]
pub use send::{retry_wait, send_due, send_queue};
pub use views::{MailPrefsForm, UnsubscribedPage};

use serde::{Deserialize, Serialize};

/// A person's mail settings, as their account page shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPrefs {
    /// `en` or `zh-Hant`.
    pub lang: String,
    /// The optional kinds they get (of `notify::OPTIONAL_CATEGORIES`).
    pub on: Vec<String>,
}
