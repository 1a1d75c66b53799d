//! The mail settings' server functions.

#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
use leptos::prelude::*;

use super::MailPrefs;
use crate::error::AppError;

/// The caller's mail settings.
#[server(endpoint = "mail_prefs")]
pub async fn get_mail_prefs() -> Result<MailPrefs, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        super::settings::prefs(&state, &user.id).await
    }
    .await
}

/// The language of the caller's mail and the optional kinds they get (a checkbox per
/// kind: present when ticked).
#[server(endpoint = "save_mail_prefs")]
pub async fn save_mail_prefs(
    #[server(default)] lang: String,
    #[server(default)] reviews: Option<String>,
    #[server(default)] stock: Option<String>,
    #[server(default)] messages: Option<String>,
) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        let on: Vec<&str> = [
            ("reviews", &reviews),
            ("stock", &stock),
            ("messages", &messages),
        ]
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(c, _)| c)
        .collect();
        super::settings::save_prefs(&state, &user.id, &lang, &on).await
    }
    .await
}

/// Turns one optional kind of mail off by the secret of an unsubscribe link; false
/// (and nothing changed) for a link that is not one.
#[server(endpoint = "unsubscribe")]
pub async fn unsubscribe(
    #[server(default)] category: String,
    #[server(default)] token: String,
) -> Result<bool, AppError> {
    async {
        let state = Ctx::storefront()?.state;
        super::settings::unsubscribe(&state, &category, &token).await
    }
    .await
}
