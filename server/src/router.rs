//! The axum router: Leptos pages and server functions, plus the few plain routes
//! (preferences, generated media, health) and the request guards around them.

use std::sync::Arc;

use app::prefs::{encode_query_value, COUNTRY_COOKIE, CURRENCY_COOKIE, LANG_COOKIE};
use app::state::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
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

use crate::{forms, mail, media, share};

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

/// Form posts (uploads with their own body limits), CSV downloads and stored media:
/// plain axum handlers beside the server functions.
fn form_routes(state: &AppState) -> Router<LeptosOptions> {
    Router::new()
        .route(
            "/orders/{id}/return",
            post(forms::return_request_form)
                .layer(DefaultBodyLimit::max(forms::RETURN_FORM_LIMIT))
                .with_state(state.clone()),
        )
        .route(
            "/seller/listings/{id}/photos",
            post(forms::listing_photos_form)
                .layer(DefaultBodyLimit::max(forms::PHOTOS_FORM_LIMIT))
                .with_state(state.clone()),
        )
        .route(
            "/seller/listings/export.csv",
            get(forms::listings_csv).with_state(state.clone()),
        )
        .route(
            "/seller/listing-import",
            post(forms::listing_import_form)
                .layer(DefaultBodyLimit::max(forms::CSV_FORM_LIMIT))
                .with_state(state.clone()),
        )
        .route(
            "/seller/marketing/{key}/report.csv",
            get(forms::promotion_report_csv).with_state(state.clone()),
        )
        .route(
            "/seller/money/statement.csv",
            get(forms::statement_csv).with_state(state.clone()),
        )
        .route(
            "/messages/send",
            post(crate::chat_form::message_form)
                .layer(DefaultBodyLimit::max(forms::MESSAGE_FORM_LIMIT))
                .with_state(state.clone()),
        )
        .route(
            "/orders/{id}/review/{line}",
            post(forms::review_form)
                .layer(DefaultBodyLimit::max(forms::REVIEW_FORM_LIMIT))
                .with_state(state.clone()),
        )
        .route(
            "/media/reviews/{*key}",
            get(forms::review_photo).with_state(state.clone()),
        )
        .route(
            "/media/products/{*key}",
            get(forms::product_photo).with_state(state.clone()),
        )
        .route(
            "/rights/references",
            post(forms::reference_images_form)
                .layer(DefaultBodyLimit::max(forms::PHOTOS_FORM_LIMIT))
                .with_state(state.clone()),
        )
        .route(
            "/admin/rates/import",
            post(forms::ecb_import_form)
                .layer(DefaultBodyLimit::max(forms::ECB_FORM_LIMIT))
                .with_state(state.clone()),
        )
        .route(
            "/sell/documents",
            post(forms::seller_document_form)
                .layer(DefaultBodyLimit::max(forms::DOCUMENT_FORM_LIMIT))
                .with_state(state.clone()),
        )
        .route(
            "/media/private/{*key}",
            get(private_media).with_state(state.clone()),
        )
}

/// Builds the whole application router around `state`, with `extra` routes (the test
/// clock's) behind the same layers as every other.
pub fn build_router(
    state: AppState,
    leptos_options: LeptosOptions,
    extra: Option<Router<LeptosOptions>>,
) -> Router {
    let routes = route_list();
    let ctx_state = state.clone();
    let context = move || provide_context(ctx_state.clone());
    let trusted = Arc::new(state.settings.public_origin.clone());
    let hsts = state.settings.public_origin.starts_with("https://");
    let proxies = Arc::new(state.settings.trusted_proxies.clone());
    Router::new()
        .route("/prefs", get(set_prefs))
        .route("/media/gen/{leaf}/{file}", get(media::generated_image))
        .route("/healthz", get(|| async { "ok" }))
        .route(
            "/share/card/p/{file}",
            get(share::product_card).with_state(state.clone()),
        )
        .route(
            "/share/card/s/{file}",
            get(share::shop_card).with_state(state.clone()),
        )
        .route("/share/qr.svg", get(share::qr).with_state(state.clone()))
        .route(
            "/webhooks/stripe",
            post(stripe_webhook).with_state(state.clone()),
        )
        .route(
            "/mail/unsubscribe/{category}/{token}",
            get(mail::unsubscribe_page)
                .post(mail::unsubscribe_now)
                .with_state(state.clone()),
        )
        .merge(form_routes(&state))
        .merge(extra.unwrap_or_default())
        .leptos_routes_with_context(&leptos_options, routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), guard_areas))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            share::referral_cookie,
        ))
        .layer(middleware::from_fn_with_state(state, device_cookie))
        .layer(middleware::from_fn_with_state(trusted, reject_cross_origin))
        .layer(middleware::from_fn_with_state(proxies, client_address))
        .layer(middleware::from_fn_with_state(hsts, security_headers))
        .layer(CompressionLayer::new())
        .with_state(leptos_options)
}

/// The headers every response carries: a page (HTML) gets a Content-Security-Policy
/// naming the nonce minted here for its request, which its hydration scripts carry;
/// anything else, unless it set a stricter one, gets one under which nothing runs. No site may frame ours, referrers stay on this origin's side, and
/// under https browsers are told to keep to it.
async fn security_headers(State(hsts): State<bool>, mut req: Request, next: Next) -> Response {
    // every request gets a fresh script nonce; a page carries it in its hydration
    // scripts (the shell gives it to Leptos), and only a page's policy names it
    let nonce = leptos::nonce::Nonce::new().to_string();
    req.extensions_mut()
        .insert(app::request::PageNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let page = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let policy = if page {
        HeaderValue::from_str(&domain::origin::page_policy(&nonce)).ok()
    } else {
        None
    };
    match policy {
        Some(p) => {
            h.insert(header::CONTENT_SECURITY_POLICY, p);
        }
        None if !h.contains_key(header::CONTENT_SECURITY_POLICY) => {
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(domain::origin::RESOURCE_POLICY),
            );
        }
        None => {}
    }
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if hsts {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

/// Works out the client's address once per request (the peer, or what a trusted
/// proxy forwarded) for per-address throttling.
async fn client_address(
    State(proxies): State<Arc<domain::origin::TrustedProxies>>,
    mut req: Request,
    next: Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(peer) = peer {
        let forwarded = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok());
        let client = proxies.client(peer, forwarded);
        req.extensions_mut().insert(app::request::ClientIp(client));
    }
    next.run(req).await
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
        "/rewards",
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

/// Gives a browser without one the device cookie (see
/// `app::accounts::session::DEVICE_COOKIE`) on its first page or server call; static
/// files and media (cacheable, shared) never carry it.
async fn device_cookie(State(state): State<AppState>, req: Request, next: Next) -> Response {
    use app::accounts::session::{
        cookie_header, device_from_cookie_header, random_token, DEVICE_COOKIE,
        DEVICE_COOKIE_MAX_AGE,
    };
    let path = req.uri().path();
    let wanted = !(path.starts_with("/pkg/") || path.starts_with("/media/"))
        && req
            .headers()
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(device_from_cookie_header)
            .is_none();
    let mut res = next.run(req).await;
    if wanted {
        let cookie = cookie_header(
            &state.settings,
            DEVICE_COOKIE,
            &random_token(),
            DEVICE_COOKIE_MAX_AGE,
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

pub(crate) fn redirect(location: &str, mut headers: HeaderMap) -> Response {
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
    country: Option<String>,
    next: Option<String>,
}

/// `GET /prefs?lang=zh-Hant&currency=USD&country=JP&next=/path`: remembers the shopper's
/// language, display currency and delivery country in cookies, then goes back. Unknown values are ignored.
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
    if let Some(c) = q
        .country
        .as_deref()
        .and_then(domain::shipping::parse_country)
    {
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{COUNTRY_COOKIE}={c}; Path=/; Max-Age={year}; SameSite=Lax"
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

/// Private uploads (return and message photos, application documents): only the people the file
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
    } else if key.starts_with("messages/") {
        app::chat::photos::private_photo(&state, &user, &key).await
    } else {
        app::orders::imp::private_photo(&state, &user, &key).await
    };
    match found {
        // a document is downloaded, never shown inside our origin; nothing in any of
        // them runs
        Ok(Some((bytes, content_type))) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "private, max-age=3600"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "sandbox; default-src 'none'",
                ),
                (
                    header::CONTENT_DISPOSITION,
                    if content_type == "application/pdf" {
                        "attachment; filename=\"document.pdf\""
                    } else {
                        "inline"
                    },
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
