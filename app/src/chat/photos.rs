//! Photos in conversations: where a message's photos are served from, who may open them
//! (the thread's shopper and shop, and moderators deciding a claim between them), and
//! removing the stored photos of a message that was not written.

use domain::keys::ThreadKey;

use super::store;
use crate::accounts::session::SessionUser;
use crate::error::{internal, AppError};
use crate::state::{record, AppState};

/// A message photo's (full size, thumbnail) addresses: private, under `/media/private/`.
pub fn pair(key: &str) -> (String, String) {
    let full = format!("/media/private/{key}");
    let thumb = full.replacen(".jpg", "-t.jpg", 1);
    (full, thumb)
}

/// A message photo (`messages/<thread>/<file>.jpg`, or its `-t.jpg` thumbnail) for the
/// thread's shopper or shop, or a moderator reading a claim between them; `None` (not
/// found) for anyone else.
pub async fn private_photo(
    state: &AppState,
    user: &SessionUser,
    key: &str,
) -> Result<Option<(Vec<u8>, &'static str)>, AppError> {
    let Some((thread, file)) = crate::media::private_key(key, "messages") else {
        return Ok(None);
    };
    let Ok(thread) = ThreadKey::parse(thread) else {
        return Ok(None);
    };
    if !file.ends_with(".jpg") {
        return Ok(None);
    }
    let allowed = match super::imp::thread_for(state, user, &thread).await {
        Ok(_) => true,
        Err(AppError::NotFound) if user.roles.satisfies(domain::Role::Moderator) => {
            store::in_dispute(&state.db, record(&thread)).await?
        }
        Err(AppError::NotFound) => false,
        Err(e) => return Err(e),
    };
    if !allowed {
        return Ok(None);
    }
    let bytes = state
        .media
        .get(key)
        .await
        .map_err(|e| internal("message photo", e))?;
    Ok(bytes.map(|b| (b, "image/jpeg")))
}

/// Removes stored photos of a message that was not written.
pub(super) async fn forget(state: &AppState, keys: &[String]) {
    for key in keys {
        let thumb = key.replacen(".jpg", "-t.jpg", 1);
        for k in [key.as_str(), thumb.as_str()] {
            if let Err(e) = state.media.delete(k).await {
                tracing::warn!(key = k, error = %e, "could not remove an unsent message photo");
            }
        }
    }
}
