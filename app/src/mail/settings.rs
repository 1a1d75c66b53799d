//! A person's mail settings on the server: the language and optional kinds they
//! choose on their account page, and unsubscribing from one kind by the secret their
//! mail's links carry (no sign-in needed, nothing revealed about whose it is).

use backend::notify::store;
use backend::notify::OPTIONAL_CATEGORIES;
use domain::{FieldError, FieldErrorCode, Lang};
use surrealdb::types::RecordId;

use super::MailPrefs;
use crate::error::AppError;
use crate::state::AppState;

/// The link that turns `category` off for `user` (its secret made with the first
/// mail that needs one).
pub async fn unsubscribe_url(
    state: &AppState,
    user: &RecordId,
    category: &str,
) -> Result<String, String> {
    let fresh = {
        use rand::Rng;
        let bytes: [u8; 24] = rand::thread_rng().gen();
        hex::encode(bytes)
    };
    let token = store::keep_mail_token(&state.db, user, &fresh)
        .await
        .map_err(|e| format!("database: {e}"))?
        .ok_or("no such user")?;
    Ok(format!(
        "{}/mail/unsubscribe/{category}/{token}",
        state.settings.public_origin
    ))
}

/// Whether `token` and `category` are a real unsubscribe link's; turns the kind off
/// for its owner. An unknown token or kind changes nothing.
pub async fn unsubscribe(state: &AppState, category: &str, token: &str) -> Result<bool, AppError> {
    if !OPTIONAL_CATEGORIES.contains(&category)
        || token.len() != 48
        || !token.chars().all(|c| c.is_ascii_hexdigit())
    {
        return Ok(false);
    }
    let Some(user) = store::user_of_mail_token(&state.db, token).await? else {
        return Ok(false);
    };
    store::turn_off(&state.db, &user, category).await?;
    Ok(true)
}

pub async fn prefs(state: &AppState, user: &RecordId) -> Result<MailPrefs, AppError> {
    let row = store::mail_settings(&state.db, user)
        .await?
        .ok_or(AppError::NotFound)?;
    let off = row.mail_off.unwrap_or_default();
    Ok(MailPrefs {
        lang: row.lang.unwrap_or_else(|| Lang::En.code().to_string()),
        on: OPTIONAL_CATEGORIES
            .iter()
            .filter(|c| !off.iter().any(|o| o == *c))
            .map(|c| c.to_string())
            .collect(),
    })
}

/// Saves the language of `user`'s mail and the optional kinds they get (`on`).
pub async fn save_prefs(
    state: &AppState,
    user: &RecordId,
    lang: &str,
    on: &[&str],
) -> Result<(), AppError> {
    let Some(lang) = Lang::from_tag(lang).filter(|l| l.code() == lang) else {
        return Err(AppError::Invalid(vec![FieldError::new(
            "lang",
            FieldErrorCode::InvalidChoice,
        )]));
    };
    let off = OPTIONAL_CATEGORIES
        .iter()
        .filter(|c| !on.contains(*c))
        .map(|c| c.to_string())
        .collect();
    store::save_mail_settings(&state.db, user, lang.code(), off).await?;
    Ok(())
}
