//! The plain HTML forms and downloads that work without wasm: uploads
//! (`multipart/form-data`: return photos, application documents, listing photos, CSV
//! imports) answered with a redirect back to their page — carrying the reason when
//! refused — and the seller centre's CSV downloads and the listing photos.

use app::accounts::session::SessionUser;
use app::error::AppError;
use app::prefs::encode_query_value;
use app::state::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::Role;

use crate::router::redirect;

/// Largest return-request upload: four photos and the text fields.
pub const RETURN_FORM_LIMIT: usize =
    domain::media::MAX_RETURN_PHOTOS * domain::media::MAX_PHOTO_BYTES + 64 * 1024;
/// Largest review upload: four photos and the text fields.
pub const REVIEW_FORM_LIMIT: usize =
    domain::review::MAX_REVIEW_PHOTOS * domain::media::MAX_PHOTO_BYTES + 64 * 1024;
/// Largest listing-photo upload: a listing's eight photos.
pub const PHOTOS_FORM_LIMIT: usize =
    domain::listing::MAX_LISTING_IMAGES * domain::media::MAX_PHOTO_BYTES + 16 * 1024;
/// Largest message with photos: four photos and the text fields.
pub const MESSAGE_FORM_LIMIT: usize =
    domain::chat::MAX_MESSAGE_PHOTOS * domain::media::MAX_PHOTO_BYTES + 64 * 1024;
/// Largest application-document upload: one file and the kind field.
pub const DOCUMENT_FORM_LIMIT: usize = domain::onboarding::MAX_DOCUMENT_BYTES + 16 * 1024;
/// Largest ECB rates file (the real daily file is about 1.5 KB).
pub const ECB_FORM_LIMIT: usize = 256 * 1024;
/// Largest CSV import.
pub const CSV_FORM_LIMIT: usize = app::sellers::bulk::imp::MAX_CSV_BYTES + 16 * 1024;

/// A submitted form: its text fields and its files (parts named in `file_fields`
/// that carry a chosen, non-empty file), in order.
#[derive(Default)]
pub(crate) struct Submitted {
    texts: Vec<(String, String)>,
    files: Vec<(String, Vec<u8>)>,
}

impl Submitted {
    pub(crate) fn text(&self, name: &str) -> String {
        self.texts
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every value of a repeated field, in order.
    fn texts(&self, name: &str) -> Vec<String> {
        self.texts
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub(crate) fn files(self, name: &str) -> Vec<Vec<u8>> {
        self.files
            .into_iter()
            .filter(|(k, _)| k == name)
            .map(|(_, b)| b)
            .collect()
    }
}

/// Why a form could not be read.
enum Unreadable {
    /// Not a multipart form at all.
    Malformed,
    /// The body limit was hit: a file is too large.
    TooLarge,
}

async fn read_form(
    multipart: Result<Multipart, MultipartRejection>,
    file_fields: &[&str],
) -> Result<Submitted, Unreadable> {
    match read_form_partly(multipart, file_fields).await {
        (form, None) => Ok(form),
        (_, Some(why)) => Err(why),
    }
}

/// Reads a multipart form; when it cannot be read to the end, why, with the fields read
/// before that (a file over the limit still leaves the text typed above it).
async fn read_form_partly(
    multipart: Result<Multipart, MultipartRejection>,
    file_fields: &[&str],
) -> (Submitted, Option<Unreadable>) {
    let mut out = Submitted::default();
    let Ok(mut form) = multipart else {
        return (out, Some(Unreadable::Malformed));
    };
    loop {
        match form.next_field().await {
            Ok(None) => return (out, None),
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_string();
                if file_fields.contains(&name.as_str()) {
                    if field.file_name().is_none_or(str::is_empty) {
                        continue;
                    }
                    let Ok(bytes) = field.bytes().await else {
                        return (out, Some(Unreadable::TooLarge));
                    };
                    if !bytes.is_empty() {
                        out.files.push((name, bytes.to_vec()));
                    }
                } else {
                    let Ok(text) = field.text().await else {
                        return (out, Some(Unreadable::TooLarge));
                    };
                    out.texts.push((name, text));
                }
            }
            Err(_) => return (out, Some(Unreadable::TooLarge)),
        }
    }
}

/// A form with a `photos` file input, or an empty one and the error code to send back
/// (`form` when unreadable, `photos.FileTooLarge` when over the body limit).
pub(crate) async fn read_photo_form(
    multipart: Result<Multipart, MultipartRejection>,
) -> (Submitted, Option<String>) {
    match read_form_partly(multipart, &["photos"]).await {
        (f, None) => (f, None),
        (f, Some(Unreadable::Malformed)) => (f, Some("form".to_string())),
        (f, Some(Unreadable::TooLarge)) => (f, Some("photos.FileTooLarge".into())),
    }
}

/// The signed-in user behind a form, or the response to send instead: the log-in
/// page (coming back to `back`) when nobody is signed in.
pub(crate) async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
    back: &str,
) -> Result<SessionUser, Response> {
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    match app::accounts::session::user_for_cookie_header(state, cookie).await {
        Ok(Some(u)) => Ok(u),
        Ok(None) => Err(redirect(
            &format!("/login?next={}", encode_query_value(back)),
            HeaderMap::new(),
        )),
        Err(_) => Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    }
}

/// A signed-in seller; anyone else's request is "not found" (downloads) or sent to
/// log in (forms).
async fn seller(
    state: &AppState,
    headers: &HeaderMap,
    back: &str,
) -> Result<SessionUser, Response> {
    let user = signed_in(state, headers, back).await?;
    if user.roles.satisfies(Role::Seller) {
        Ok(user)
    } else {
        Err(StatusCode::NOT_FOUND.into_response())
    }
}

/// The first field error as `field.Code`, the form a refused form's page reads back;
/// `form` for any other failure.
pub(crate) fn field_code(e: &AppError) -> String {
    match e {
        AppError::Invalid(list) => list
            .first()
            .map(|f| format!("{}.{:?}", f.field, f.code))
            .unwrap_or_else(|| "form".into()),
        _ => "form".into(),
    }
}

/// The first refused field's error code (`NotAnImage`, …) of an `Invalid` error.
fn first_code(e: &AppError) -> Option<String> {
    match e {
        AppError::Invalid(errs) => errs.first().map(|e| format!("{:?}", e.code)),
        _ => None,
    }
}

/// The return-request form with photos. Success and failure both go back to the order
/// page; a failure carries its reason and what was typed, so nothing is lost.
pub async fn return_request_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    use app::orders::imp::{request_return_for, return_error_code, ReturnAsk};
    let user = match signed_in(&state, &headers, &format!("/orders/{id}")).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let (form, mut error) = read_photo_form(multipart).await;
    let (reason, details) = (form.text("reason"), form.text("details"));
    if error.is_none() {
        let ask = ReturnAsk {
            kind: form.text("kind"),
            lines: form.texts("lines"),
            reason: reason.clone(),
            details: details.clone(),
        };
        let photos = form.files("photos");
        if let Err(e) = request_return_for(&state, &user, &id, ask, photos).await {
            if e == AppError::NotFound {
                return StatusCode::NOT_FOUND.into_response();
            }
            error = Some(return_error_code(&e));
        }
    }
    let location = match error {
        None => format!("/orders/{id}"),
        Some(code) => format!(
            "/orders/{id}?return_error={}&reason={}&details={}#return",
            encode_query_value(&code),
            encode_query_value(&reason),
            encode_query_value(&details.chars().take(2000).collect::<String>()),
        ),
    };
    redirect(&location, HeaderMap::new())
}

/// A review of one order line (new or edited), photos included. Published: to the
/// product page's review; held or refused: back to the form, carrying the reason and
/// what was typed, so nothing is lost.
pub async fn review_form(
    State(state): State<AppState>,
    Path((order, line)): Path<(String, String)>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    use app::reviews::imp::{submit, Submission};
    let back = format!("/orders/{order}/review/{line}");
    let user = match signed_in(&state, &headers, &back).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let (form, mut error) = read_photo_form(multipart).await;
    let draft = domain::review::Draft {
        rating: form.text("rating"),
        title: form.text("title"),
        body: form.text("body"),
        aspects: domain::review::ASPECTS.map(|a| form.text(a)),
    };
    let device = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(app::accounts::session::device_from_cookie_header)
        .map(str::to_string);
    if error.is_none() {
        let submission = Submission {
            draft: draft.clone(),
            photos: form.files("photos"),
            device,
        };
        match submit(&state, &user, &order, &line, submission).await {
            Ok(w) if w.status == "published" => {
                return redirect(
                    &format!("/p/{}#review-{line}", w.product_key),
                    HeaderMap::new(),
                );
            }
            Ok(_) => return redirect(&format!("/orders/{order}#reviews"), HeaderMap::new()),
            Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
            Err(e) => error = Some(field_code(&e)),
        }
    }
    let code = error.unwrap_or_else(|| "form".into());
    redirect(
        &format!(
            "{back}?error={}&rating={}&title={}&body={}",
            encode_query_value(&code),
            encode_query_value(&draft.rating),
            encode_query_value(&draft.title.chars().take(120).collect::<String>()),
            encode_query_value(&draft.body.chars().take(2000).collect::<String>()),
        ),
        HeaderMap::new(),
    )
}

/// A review's photo (`<order line>/<file>.jpg`), unless a moderator removed the review.
pub async fn review_photo(State(state): State<AppState>, Path(key): Path<String>) -> Response {
    let line = key.split('/').next().unwrap_or_default();
    let removed = crate::store::media::review_removed(&state.db, line);
    serve_public_photo(&state, format!("reviews/{key}"), removed).await
}

/// A public photo at `key`, unless `withheld` (asked only for a well-formed key) says
/// its listing or review was taken down.
async fn serve_public_photo(
    state: &AppState,
    key: String,
    withheld: impl std::future::Future<Output = Result<bool, surrealdb::Error>>,
) -> Response {
    if !app::media::valid_key(&key) || !key.ends_with(".jpg") {
        return StatusCode::NOT_FOUND.into_response();
    }
    match withheld.await {
        Ok(false) => {}
        Ok(true) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
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

/// One application document; back to `/sell` with `doc_error=<code>` when refused.
pub async fn seller_document_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let user = match signed_in(&state, &headers, "/sell").await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let code = match read_form(multipart, &["file"]).await {
        Err(Unreadable::Malformed) => Some("Required".to_string()),
        Err(Unreadable::TooLarge) => Some("FileTooLarge".to_string()),
        Ok(form) => {
            let kind = form.text("kind");
            let file = form.files("file").into_iter().next().unwrap_or_default();
            match app::sellers::onboarding::imp::upload_document(&state, &user, &kind, file).await {
                Ok(()) => None,
                Err(e @ AppError::Invalid(_)) => first_code(&e),
                Err(AppError::NotFound) => Some("missing".into()),
                Err(AppError::Order(_)) => Some("state".into()),
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

/// Photos for a listing (several files); back to the listing's page, with
/// `photo_error=<code>` when refused.
pub async fn listing_photos_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let user = match seller(&state, &headers, "/seller/listings").await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let error = match read_form(multipart, &["photos"]).await {
        Err(Unreadable::Malformed) => Some("Required".to_string()),
        Err(Unreadable::TooLarge) => Some("FileTooLarge".to_string()),
        Ok(form) => {
            let files = form.files("photos");
            match app::sellers::listings::imp::add_photos(&state, &user, &id, files).await {
                Ok(()) => None,
                Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
                Err(e @ AppError::Invalid(_)) => first_code(&e),
                Err(AppError::Forbidden) => Some("Forbidden".into()),
                Err(_) => Some("internal".into()),
            }
        }
    };
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

/// A verified rights owner's reference images (`references`, several files); back to
/// `/rights` with the outcome.
pub async fn reference_images_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let user = match signed_in(&state, &headers, "/rights").await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let code = match read_form(multipart, &["references"]).await {
        Err(Unreadable::Malformed) => Some("Required".to_string()),
        Err(Unreadable::TooLarge) => Some("FileTooLarge".to_string()),
        Ok(form) => {
            let files = form.files("references");
            match app::moderation::notices::imp::add_references(&state, &user, files).await {
                Ok(_) => None,
                Err(e @ AppError::Invalid(_)) => first_code(&e),
                Err(AppError::Forbidden) | Err(AppError::NotFound) => Some("Forbidden".into()),
                Err(_) => Some("internal".into()),
            }
        }
    };
    let location = match code {
        None => "/rights?references=added".to_string(),
        Some(c) => format!("/rights?reference_error={}", encode_query_value(&c)),
    };
    redirect(&location, HeaderMap::new())
}

/// A CSV of listings to import (`file`, `mode`). The rows are checked at once; valid
/// ones are written in the background and the seller is sent to the import's progress
/// page. A refused file goes back to the listings with its reason.
pub async fn listing_import_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let user = match seller(&state, &headers, "/seller/listings").await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let refused = |code: &str| {
        redirect(
            &format!("/seller/listings?import_error={}", encode_query_value(code)),
            HeaderMap::new(),
        )
    };
    let form = match read_form(multipart, &["file"]).await {
        Ok(f) => f,
        Err(Unreadable::Malformed) => return refused("Required"),
        Err(Unreadable::TooLarge) => return refused("FileTooLarge"),
    };
    let mode = form.text("mode");
    let file = form.files("file").into_iter().next().unwrap_or_default();
    match app::sellers::bulk::imp::start_import(&state, &user, &file, &mode).await {
        Ok((job, rows)) => {
            if let Some(rows) = rows {
                let job2 = job.clone();
                tokio::spawn(async move {
                    if let Err(e) =
                        app::sellers::bulk::imp::run_import(&state, &user, &job2, rows).await
                    {
                        tracing::error!(error = ?e, job = %job2, "listing import failed");
                        let _ = crate::store::uploads::mark_import_failed(&state.db, &job2).await;
                    }
                });
            }
            redirect(&format!("/seller/imports/{job}"), HeaderMap::new())
        }
        Err(e @ AppError::Invalid(_)) => refused(&first_code(&e).unwrap_or_default()),
        Err(AppError::Forbidden) => refused("Forbidden"),
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The ECB rates import (`/admin/rates`): an uploaded `eurofxref-daily.xml`, or the
/// sample shipped with the marketplace (`sample=1`). Back to the page with what was
/// imported, or with the reason (the line at fault) and nothing changed.
pub async fn ecb_import_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let user = match signed_in(&state, &headers, "/admin/rates").await {
        Ok(u) if u.roles.satisfies(Role::Admin) => u,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(r) => return r,
    };
    let refused = |why: &str| {
        redirect(
            &format!("/admin/rates?import_error={}", encode_query_value(why)),
            HeaderMap::new(),
        )
    };
    let form = match read_form(multipart, &["file"]).await {
        Ok(f) => f,
        Err(Unreadable::Malformed) => return refused("not a file upload"),
        Err(Unreadable::TooLarge) => return refused("the file is larger than 256 KB"),
    };
    let sample = form.text("sample") == "1";
    let file = if sample {
        app::fx::imp::SAMPLE_ECB.as_bytes().to_vec()
    } else {
        match form.files("file").into_iter().next() {
            Some(f) => f,
            None => return refused("choose a file first"),
        }
    };
    match app::fx::imp::import_ecb(&state, &user, &file).await {
        Ok(done) => redirect(
            &format!("/admin/rates?imported={}&date={}", done.count, done.date),
            HeaderMap::new(),
        ),
        Err(why) => refused(&why),
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

/// A seller's CSV download; nobody else's (and no shopper's) is found.
async fn seller_csv<F, Fut>(state: AppState, headers: HeaderMap, name: &str, make: F) -> Response
where
    F: FnOnce(AppState, SessionUser) -> Fut,
    Fut: std::future::Future<Output = Result<String, AppError>>,
{
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let user = match app::accounts::session::user_for_cookie_header(&state, cookie).await {
        Ok(Some(u)) if u.roles.satisfies(Role::Seller) => u,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    match make(state, user).await {
        Ok(csv) => csv_download(csv, name),
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The seller's listings as CSV (the import's columns).
pub async fn listings_csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    seller_csv(state, headers, "listings.csv", |state, user| async move {
        app::sellers::bulk::imp::export_csv(&state, &user).await
    })
    .await
}

/// The seller's ledger statement as CSV.
pub async fn statement_csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    seller_csv(state, headers, "statement.csv", |state, user| async move {
        app::sellers::money::imp::statement_csv(&state, &user).await
    })
    .await
}

/// A promotion's report as CSV (the seller's own promotions only).
pub async fn promotion_report_csv(
    State(state): State<AppState>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Response {
    seller_csv(
        state,
        headers,
        "promotion-report.csv",
        |state, user| async move { app::promotions::report::csv_for(&state, &user, &key).await },
    )
    .await
}

/// A listing's photo (`<shop>/<listing>/<file>.jpg`), unless a rights notice took the
/// listing down.
pub async fn product_photo(State(state): State<AppState>, Path(key): Path<String>) -> Response {
    let listing = key.split('/').nth(1).unwrap_or_default();
    let down = crate::store::media::listing_under_notice(&state.db, listing);
    serve_public_photo(&state, format!("products/{key}"), down).await
}
