//! The axum router: Leptos pages and server functions, plus the few plain routes
//! (preferences, generated media, health) and the request guards around them.

use std::sync::Arc;

use app::prefs::{encode_query_value, CURRENCY_COOKIE, LANG_COOKIE};
use app::state::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use domain::origin::{check_request_origin, OriginVerdict};
use domain::{Currency, Lang, SafeRedirect};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use serde::Deserialize;
use tower_http::compression::CompressionLayer;

use crate::media;

/// The app's routes, generated once per process. Generating them sets a
/// process-wide flag (`leptos_server`'s `IS_SUPPRESSING_RESOURCE_LOAD`) that stops
/// every resource from loading, in every thread, until generation ends: a page being
/// rendered meanwhile by another router in the same process (integration tests start
/// one server per test) would wait forever. Generating once, before any router
/// exists, leaves no window for that.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Builds the whole application router around `state`.
pub fn build_router(state: AppState, leptos_options: LeptosOptions) -> Router {
    let routes = route_list();
    let ctx_state = state.clone();
    let context = move || provide_context(ctx_state.clone());
    let trusted = Arc::new(state.settings.public_origin.clone());
    Router::new()
        .route("/prefs", get(set_prefs))
        .route("/media/gen/{leaf}/{file}", get(media::generated_image))
        .route("/healthz", get(|| async { "ok" }))
        .route(
            "/webhooks/stripe",
            post(stripe_webhook).with_state(state.clone()),
        )
        .route(
            "/orders/{id}/return",
            post(return_request_form)
                .layer(DefaultBodyLimit::max(RETURN_FORM_LIMIT))
                .with_state(state.clone()),
        )
        .route(
            "/seller/listings/{id}/photos",
            post(listing_photos_form)
                .layer(DefaultBodyLimit::max(PHOTOS_FORM_LIMIT))
                .with_state(state.clone()),
        )
        .route(
            "/seller/listings/export.csv",
            get(listings_csv).with_state(state.clone()),
        )
        .route(
            "/seller/listing-import",
            post(listing_import_form)
                .layer(DefaultBodyLimit::max(
                    app::sellers::bulk::imp::MAX_CSV_BYTES + 16 * 1024,
                ))
                .with_state(state.clone()),
        )
        .route(
            "/seller/money/statement.csv",
            get(statement_csv).with_state(state.clone()),
        )
        .route(
            "/media/products/{*key}",
            get(product_photo).with_state(state.clone()),
        )
        .route(
            "/sell/documents",
            post(seller_document_form)
                .layer(DefaultBodyLimit::max(DOCUMENT_FORM_LIMIT))
                .with_state(state.clone()),
        )
        .route(
            "/media/private/{*key}",
            get(private_media).with_state(state.clone()),
        )
        .leptos_routes_with_context(&leptos_options, routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .layer(middleware::from_fn_with_state(state, guard_areas))
        .layer(middleware::from_fn_with_state(trusted, reject_cross_origin))
        .layer(CompressionLayer::new())
        .with_state(leptos_options)
}

/// Refuses state-changing requests sent from another site (CSRF), before any handler runs.
async fn reject_cross_origin(
    State(trusted): State<Arc<String>>,
    req: Request,
    next: Next,
) -> Response {
    let verdict = {
        let h = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
        check_request_origin(
            req.method().as_str(),
            h("sec-fetch-site"),
            h("origin"),
            h("host"),
            &[trusted.as_str()],
        )
    };
    match verdict {
        OriginVerdict::Allow => next.run(req).await,
        OriginVerdict::Reject => {
            tracing::warn!(method = %req.method(), uri = %req.uri(), "cross-origin request refused");
            (StatusCode::FORBIDDEN, "Cross-origin request refused").into_response()
        }
    }
}

/// Page loads of the signed-in areas (seller centre, moderation, checkout, orders,
/// notifications) go to the log-in page
/// when nobody is signed in (server functions enforce roles on their own).
async fn guard_areas(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let gated = [
        "/seller",
        "/sell",
        "/admin",
        "/checkout",
        "/orders",
        "/notifications",
    ]
    .iter()
    .any(|area| {
        path == *area
            || path
                .strip_prefix(area)
                .is_some_and(|rest| rest.starts_with('/'))
    });
    if gated && req.method() == Method::GET {
        let cookie = req
            .headers()
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok());
        match app::accounts::session::user_for_cookie_header(&state, cookie).await {
            Ok(Some(_)) => {}
            Ok(None) => {
                let next_path = req
                    .uri()
                    .path_and_query()
                    .map(|p| p.as_str())
                    .unwrap_or("/");
                let location = format!("/login?next={}", encode_query_value(next_path));
                return redirect(&location, HeaderMap::new());
            }
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
    next.run(req).await
}

fn redirect(location: &str, mut headers: HeaderMap) -> Response {
    if let Ok(v) = HeaderValue::from_str(location) {
        headers.insert(header::LOCATION, v);
    }
    let mut res = Response::new(Body::empty());
    *res.status_mut() = StatusCode::SEE_OTHER;
    res.headers_mut().extend(headers);
    res
}

#[derive(Deserialize)]
struct PrefsQuery {
    lang: Option<String>,
    currency: Option<String>,
    next: Option<String>,
}

/// `GET /prefs?lang=zh-Hant&currency=USD&next=/path`: remembers the shopper's
/// language and display currency in cookies, then goes back. Unknown values are ignored.
async fn set_prefs(Query(q): Query<PrefsQuery>) -> Response {
    let mut headers = HeaderMap::new();
    let year = 60 * 60 * 24 * 365;
    if let Some(lang) = q.lang.as_deref().and_then(Lang::from_tag) {
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age={year}; SameSite=Lax",
            lang.code()
        )) {
            headers.append(header::SET_COOKIE, v);
        }
    }
    if let Some(cur) = q.currency.as_deref().and_then(Currency::parse) {
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{CURRENCY_COOKIE}={}; Path=/; Max-Age={year}; SameSite=Lax",
            cur.code()
        )) {
            headers.append(header::SET_COOKIE, v);
        }
    }
    let dest = SafeRedirect::parse_or_home(q.next.as_deref());
    redirect(dest.as_str(), headers)
}

/// Stripe's webhook endpoint: the raw body is verified against `Stripe-Signature`.
/// A bad signature is 400 and changes nothing; a replayed event is acknowledged
/// with 200 and changes nothing.
async fn stripe_webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    use app::orders::payments::{handle_stripe_webhook, WebhookError};
    let signature = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok());
    match handle_stripe_webhook(&state, signature, &body).await {
        Ok(outcome) => (StatusCode::OK, format!("{outcome:?}")).into_response(),
        Err(WebhookError::NotConfigured) => StatusCode::NOT_FOUND.into_response(),
        Err(e @ (WebhookError::Signature(_) | WebhookError::Malformed)) => {
            tracing::warn!(error = %e, "stripe webhook refused");
            (StatusCode::BAD_REQUEST, e.to_string()).into_response()
        }
        Err(WebhookError::Internal) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Largest return-request upload: four photos and the text fields.
const RETURN_FORM_LIMIT: usize =
    domain::media::MAX_RETURN_PHOTOS * domain::media::MAX_PHOTO_BYTES + 64 * 1024;

/// The return-request form with photos (`multipart/form-data`, works without wasm).
/// Success and failure both go back to the order page; a failure carries its reason
/// and what was typed, so nothing is lost.
async fn return_request_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    use app::orders::api::imp::{request_return_for, return_error_code};
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let user = match app::accounts::session::user_for_cookie_header(&state, cookie).await {
        Ok(Some(u)) => u,
        Ok(None) => {
            return redirect(
                &format!(
                    "/login?next={}",
                    encode_query_value(&format!("/orders/{id}"))
                ),
                HeaderMap::new(),
            )
        }
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let (mut kind, mut reason, mut details, mut photos) =
        (String::new(), String::new(), String::new(), Vec::new());
    let mut error = None;
    match multipart {
        Err(_) => error = Some("form".to_string()),
        Ok(mut form) => loop {
            match form.next_field().await {
                Ok(None) => break,
                Ok(Some(field)) => {
                    let name = field.name().unwrap_or_default().to_string();
                    if name == "photos" {
                        if field.file_name().is_none_or(str::is_empty) {
                            continue;
                        }
                        match field.bytes().await {
                            Ok(b) if b.is_empty() => {}
                            Ok(b) => photos.push(b.to_vec()),
                            Err(_) => {
                                error = Some("photos.FileTooLarge".into());
                                break;
                            }
                        }
                    } else {
                        let text = field.text().await.unwrap_or_default();
                        match name.as_str() {
                            "kind" => kind = text,
                            "reason" => reason = text,
                            "details" => details = text,
                            _ => {}
                        }
                    }
                }
                // the body limit was hit: a photo is too large
                Err(_) => {
                    error = Some("photos.FileTooLarge".into());
                    break;
                }
            }
        },
    }
    if error.is_none() {
        if let Err(e) = request_return_for(
            &state,
            &user,
            &id,
            kind.clone(),
            reason.clone(),
            details.clone(),
            photos,
        )
        .await
        {
            if e == app::error::AppError::NotFound {
                return StatusCode::NOT_FOUND.into_response();
            }
            error = Some(return_error_code(&e));
        }
    }
    let location = match error {
        None => format!("/orders/{id}"),
        Some(code) => format!(
            "/orders/{id}?return_error={}&kind={}&reason={}&details={}#return",
            encode_query_value(&code),
            encode_query_value(&kind),
            encode_query_value(&reason),
            encode_query_value(&details.chars().take(2000).collect::<String>()),
        ),
    };
    redirect(&location, HeaderMap::new())
}

/// Largest listing-photo upload: a listing's eight photos.
const PHOTOS_FORM_LIMIT: usize =
    domain::listing::MAX_LISTING_IMAGES * domain::media::MAX_PHOTO_BYTES + 16 * 1024;

/// Photos for a listing (`multipart/form-data`, several files, works without wasm);
/// back to the listing's page, with `photo_error=<code>` when refused.
async fn listing_photos_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    use app::error::AppError;
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let user = match app::accounts::session::user_for_cookie_header(&state, cookie).await {
        Ok(Some(u)) => u,
        Ok(None) => return redirect("/login?next=%2Fseller%2Flistings", HeaderMap::new()),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if !user.roles.satisfies(domain::Role::Seller) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut files = Vec::new();
    let mut error: Option<String> = None;
    match multipart {
        Err(_) => error = Some("Required".into()),
        Ok(mut form) => loop {
            match form.next_field().await {
                Ok(None) => break,
                Ok(Some(field)) if field.name() == Some("photos") => {
                    if field.file_name().is_none_or(str::is_empty) {
                        continue;
                    }
                    match field.bytes().await {
                        Ok(b) if b.is_empty() => {}
                        Ok(b) => files.push(b.to_vec()),
                        Err(_) => {
                            error = Some("FileTooLarge".into());
                            break;
                        }
                    }
                }
                Ok(Some(_)) => {}
                Err(_) => {
                    error = Some("FileTooLarge".into());
                    break;
                }
            }
        },
    }
    if error.is_none() {
        match app::sellers::listings::imp::add_photos(&state, &user, &id, files).await {
            Ok(()) => {}
            Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
            Err(AppError::Invalid(errs)) => {
                error = Some(
                    errs.first()
                        .map(|e| format!("{:?}", e.code))
                        .unwrap_or_default(),
                )
            }
            Err(AppError::Forbidden) => error = Some("Forbidden".into()),
            Err(_) => error = Some("internal".into()),
        }
    }
    let id = encode_query_value(&id);
    let location = match error {
        None => format!("/seller/listings/{id}#photos"),
        Some(c) => format!(
            "/seller/listings/{id}?photo_error={}#photos",
            encode_query_value(&c)
        ),
    };
    redirect(&location, HeaderMap::new())
}

/// The seller's listings as a CSV download.
async fn listings_csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let user = match app::accounts::session::user_for_cookie_header(&state, cookie).await {
        Ok(Some(u)) if u.roles.satisfies(domain::Role::Seller) => u,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    match app::sellers::bulk::imp::export_csv(&state, &user).await {
        Ok(csv) => csv_download(csv, "listings.csv"),
        Err(app::error::AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn csv_download(body: String, name: &str) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// A CSV of listings to import (`multipart/form-data`: `file`, `mode`). The rows are
/// checked at once; valid ones are written in the background and the seller is sent
/// to the import's progress page. A refused file goes back with its reason.
async fn listing_import_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    use app::error::AppError;
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let user = match app::accounts::session::user_for_cookie_header(&state, cookie).await {
        Ok(Some(u)) if u.roles.satisfies(domain::Role::Seller) => u,
        Ok(Some(_)) => return StatusCode::NOT_FOUND.into_response(),
        Ok(None) => return redirect("/login?next=%2Fseller%2Flistings", HeaderMap::new()),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let (mut file, mut mode) = (Vec::new(), "all".to_string());
    let mut error: Option<String> = None;
    match multipart {
        Err(_) => error = Some("Required".into()),
        Ok(mut form) => loop {
            match form.next_field().await {
                Ok(None) => break,
                Ok(Some(field)) => match field.name().unwrap_or_default() {
                    "file" => match field.bytes().await {
                        Ok(b) => file = b.to_vec(),
                        Err(_) => {
                            error = Some("FileTooLarge".into());
                            break;
                        }
                    },
                    "mode" => mode = field.text().await.unwrap_or_default(),
                    _ => {}
                },
                Err(_) => {
                    error = Some("FileTooLarge".into());
                    break;
                }
            }
        },
    }
    if let Some(code) = error {
        return redirect(
            &format!("/seller/listings?import_error={code}"),
            HeaderMap::new(),
        );
    }
    match app::sellers::bulk::imp::start_import(&state, &user, &file, &mode).await {
        Ok((job, rows)) => {
            if let Some(rows) = rows {
                let (state, user, job2) = (state.clone(), user.clone(), job.clone());
                tokio::spawn(async move {
                    if let Err(e) =
                        app::sellers::bulk::imp::run_import(&state, &user, &job2, rows).await
                    {
                        tracing::error!(error = ?e, job = %job2, "listing import failed");
                        let _ = state
                            .db
                            .query("UPDATE $j SET status = 'failed'")
                            .bind((
                                "j",
                                surrealdb::types::RecordId::new("import_job", job2.as_str()),
                            ))
                            .await;
                    }
                });
            }
            redirect(&format!("/seller/imports/{job}"), HeaderMap::new())
        }
        Err(AppError::Invalid(errs)) => {
            let code = errs
                .first()
                .map(|e| format!("{:?}", e.code))
                .unwrap_or_default();
            redirect(
                &format!("/seller/listings?import_error={code}"),
                HeaderMap::new(),
            )
        }
        Err(AppError::Forbidden) => {
            redirect("/seller/listings?import_error=Forbidden", HeaderMap::new())
        }
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The seller's ledger statement as a CSV download.
async fn statement_csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let user = match app::accounts::session::user_for_cookie_header(&state, cookie).await {
        Ok(Some(u)) if u.roles.satisfies(domain::Role::Seller) => u,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    match app::sellers::money::imp::statement_csv(&state, &user).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"statement.csv\"",
                ),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            csv,
        )
            .into_response(),
        Err(app::error::AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Listing photos sellers uploaded (public: they are on the storefront).
async fn product_photo(State(state): State<AppState>, Path(key): Path<String>) -> Response {
    let key = format!("products/{key}");
    if !app::media::valid_key(&key) || !key.ends_with(".jpg") {
        return StatusCode::NOT_FOUND.into_response();
    }
    match state.media.get(&key).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Largest application-document upload: one file and the kind field.
const DOCUMENT_FORM_LIMIT: usize = domain::onboarding::MAX_DOCUMENT_BYTES + 16 * 1024;

/// One application document (`multipart/form-data`, works without wasm); back to
/// `/sell` with `doc_error=<code>` when it is refused.
async fn seller_document_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let user = match app::accounts::session::user_for_cookie_header(&state, cookie).await {
        Ok(Some(u)) => u,
        Ok(None) => return redirect("/login?next=%2Fsell", HeaderMap::new()),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let (mut kind, mut file) = (String::new(), Vec::new());
    let mut error: Option<&str> = None;
    match multipart {
        Err(_) => error = Some("Required"),
        Ok(mut form) => loop {
            match form.next_field().await {
                Ok(None) => break,
                Ok(Some(field)) => match field.name().unwrap_or_default() {
                    "file" => match field.bytes().await {
                        Ok(b) => file = b.to_vec(),
                        Err(_) => {
                            error = Some("FileTooLarge");
                            break;
                        }
                    },
                    "kind" => kind = field.text().await.unwrap_or_default(),
                    _ => {}
                },
                // the body limit was hit
                Err(_) => {
                    error = Some("FileTooLarge");
                    break;
                }
            }
        },
    }
    let code = match error {
        Some(code) => Some(code.to_string()),
        None => {
            match app::sellers::onboarding::imp::upload_document(&state, &user, &kind, file).await {
                Ok(()) => None,
                Err(app::error::AppError::Invalid(errs)) => Some(
                    errs.first()
                        .map(|e| format!("{:?}", e.code))
                        .unwrap_or_default(),
                ),
                Err(app::error::AppError::NotFound) => Some("missing".into()),
                Err(app::error::AppError::Order(_)) => Some("state".into()),
                Err(_) => Some("internal".into()),
            }
        }
    };
    let location = match code {
        None => "/sell#documents".to_string(),
        Some(c) => format!("/sell?doc_error={}#documents", encode_query_value(&c)),
    };
    redirect(&location, HeaderMap::new())
}

/// Private uploads (return photos, application documents): only the people the file
/// concerns and platform staff may see them; anyone else gets 404.
async fn private_media(
    State(state): State<AppState>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Response {
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let Ok(Some(user)) = app::accounts::session::user_for_cookie_header(&state, cookie).await
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let found = if key.starts_with("sellers/") {
        app::sellers::onboarding::imp::private_document(&state, &user, &key).await
    } else {
        app::orders::api::imp::private_photo(&state, &user, &key).await
    };
    match found {
        Ok(Some((bytes, content_type))) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "private, max-age=3600"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
