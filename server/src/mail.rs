//! The unsubscribe link every optional mail carries (`List-Unsubscribe`): opened in a
//! browser it leads to a page that asks before turning anything off (link checkers
//! open links too); posted to by a mail program ("one click", RFC 8058) it turns that
//! kind of mail off at once.

use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::router::redirect;

/// Whether the path's parts can be an unsubscribe link's at all.
fn plausible(category: &str, token: &str) -> bool {
    category.len() <= 20
        && category.chars().all(|c| c.is_ascii_lowercase())
        && token.len() <= 64
        && token.chars().all(|c| c.is_ascii_hexdigit())
}

/// `GET /mail/unsubscribe/{category}/{token}`: the page that asks.
pub async fn unsubscribe_page(Path((category, token)): Path<(String, String)>) -> Response {
    if !plausible(&category, &token) {
        return StatusCode::NOT_FOUND.into_response();
    }
    redirect(
        &format!("/email/unsubscribe?c={category}&t={token}"),
        HeaderMap::new(),
    )
}

/// `POST /mail/unsubscribe/{category}/{token}`: one click from a mail program.
pub async fn unsubscribe_now(
    State(state): State<AppState>,
    Path((category, token)): Path<(String, String)>,
) -> Response {
    if !plausible(&category, &token) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match app::mail::settings::unsubscribe(&state, &category, &token).await {
        Ok(true) => (StatusCode::OK, "unsubscribed").into_response(),
        Ok(false) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response(),
    }
}
