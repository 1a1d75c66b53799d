//! The conversation composer's form when a message carries photos (a plain multipart
//! form, so it works before and without wasm): the same send as the composer's server
//! function, then back to the thread, or to the composer with the reason and the text
//! typed when refused.

use app::chat::imp::{self, About, Message, To};
use app::error::AppError;
use app::prefs::encode_query_value;
use app::state::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::forms::{read_photo_form, signed_in};
use crate::router::redirect;

/// `POST /messages/send`: `thread` (or `shop` for a first message), `product` or
/// `order` it is about, `body` and up to four `photos`; `back` is the page the form
/// was on (a path of ours), where a refusal returns.
pub async fn message_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let (form, error) = read_photo_form(multipart).await;
    let back = domain::SafeRedirect::parse_or_home(Some(form.text("back").as_str()))
        .as_str()
        .to_string();
    let user = match signed_in(&state, &headers, &back).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let body = form.text("body");
    let refused = |code: &str| {
        let sep = if back.contains('?') { '&' } else { '?' };
        redirect(
            &format!(
                "{back}{sep}send_error={}&body={}",
                encode_query_value(code),
                encode_query_value(&body.chars().take(2000).collect::<String>())
            ),
            HeaderMap::new(),
        )
    };
    if let Some(code) = error {
        return refused(&code);
    }
    let parse = |name: &str| {
        let v = form.text(name);
        (!v.is_empty()).then_some(v)
    };
    let to = match (parse("thread"), parse("shop")) {
        (Some(t), _) => t.parse().map(To::Thread),
        (None, Some(s)) => s.parse().map(To::Shop),
        (None, None) => return StatusCode::NOT_FOUND.into_response(),
    };
    let about = (
        parse("product").map(|p| p.parse()).transpose(),
        parse("order").map(|o| o.parse()).transpose(),
    );
    let (Ok(to), (Ok(product), Ok(order))) = (to, about) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let message = Message {
        body: &body,
        photos: form.files("photos"),
    };
    match imp::send(&state, &user, to, About { product, order }, message).await {
        Ok(thread) => redirect(&format!("/messages/{thread}"), HeaderMap::new()),
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(AppError::Throttled { .. }) => refused("throttled"),
        Err(e) => refused(&crate::forms::field_code(&e)),
    }
}
