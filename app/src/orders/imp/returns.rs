//! Returns: the buyer's request for some or all of an order's items (with private
//! photos), and who may see those photos. The steps after it are in `return_steps`.

use backend::notify::Notice;
use domain::media::{ImageKind, MAX_PHOTO_BYTES, MAX_RETURN_PHOTOS};
use domain::order::returns::{self, postage_payer, RESPOND_WORKING_DAYS};
use domain::order::{OrderError, OrderEvent, OrderStatus, ReturnKind, RETURN_REASONS};
use domain::{FieldError, FieldErrorCode};

use super::{load_order, order_err, return_open, status_of, Viewer};
use crate::accounts::session::SessionUser;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::orders::store::{self, NewReturn, OrderPatch, OrderRow, ReturnLineRow, Transition};
use crate::state::{key_of, AppState};
use domain::keys::OrderKey;

/// What the buyer asks to return: which lines (`line:quantity`, none for all), why,
/// and any details. (`kind` is "return" or empty: an exchange is a return and a new order.)
pub struct ReturnAsk {
    pub kind: String,
    pub lines: Vec<String>,
    pub reason: String,
    pub details: String,
}

pub async fn request_return(ctx: &Ctx, id: OrderKey, ask: ReturnAsk) -> Result<(), AppError> {
    request_return_for(&ctx.state, &ctx.user, id.as_str(), ask, Vec::new()).await
}

/// Checks the return's photos: at most a few, each a real image of a bounded size;
/// the first refusal goes to `errors`.
fn check_photos(photos: &[Vec<u8>], errors: &mut Vec<FieldError>) {
    if photos.len() > MAX_RETURN_PHOTOS {
        errors.push(FieldError::new("photos", FieldErrorCode::TooMany));
    } else if photos.iter().any(|p| p.len() > MAX_PHOTO_BYTES) {
        errors.push(FieldError::new("photos", FieldErrorCode::FileTooLarge));
    } else if photos.iter().any(|p| ImageKind::sniff(p).is_none()) {
        errors.push(FieldError::new("photos", FieldErrorCode::NotAnImage));
    }
}

/// Re-encodes the return's photos (as listing photos are: decoded and written anew as
/// JPEG, so no EXIF or GPS data of the buyer's camera survives) and stores them under
/// the order (`returns/<order>/…`); gives their keys. A photo that does not decode is
/// refused as not an image.
async fn store_photos(
    state: &AppState,
    order_key: &str,
    photos: Vec<Vec<u8>>,
) -> Result<Vec<String>, AppError> {
    let prefix = format!("returns/{order_key}");
    crate::media::store_photos(state.media.as_ref(), &prefix, photos, false).await
}

/// The order's lines as (key, quantity bought).
async fn bought(state: &AppState, row: &OrderRow) -> Result<Vec<(String, i64)>, AppError> {
    Ok(store::lines(&state.db, &row.id)
        .await?
        .iter()
        .map(|l| (key_of(&l.id), l.quantity))
        .collect())
}

/// Checks a return request's fields; every problem at once.
fn check_ask(
    ask: &ReturnAsk,
    bought: &[(String, i64)],
    photos: &[Vec<u8>],
) -> Result<Vec<ReturnLineRow>, AppError> {
    let mut errors = Vec::new();
    check_photos(photos, &mut errors);
    if !matches!(ReturnKind::parse(&ask.kind), Some(ReturnKind::Return)) && !ask.kind.is_empty() {
        errors.push(FieldError::new("kind", FieldErrorCode::InvalidChoice));
    }
    if !RETURN_REASONS.contains(&ask.reason.as_str()) {
        errors.push(FieldError::new("reason", FieldErrorCode::InvalidChoice));
    }
    if ask.details.chars().count() > 2000 {
        errors.push(FieldError::new("details", FieldErrorCode::TooLong));
    }
    if ask.reason == "other" && ask.details.is_empty() {
        errors.push(FieldError::new("details", FieldErrorCode::Required));
    }
    let lines = returns::parse_lines(&ask.lines, bought)
        .map_err(|code| errors.push(FieldError::new("lines", code)))
        .ok();
    match lines {
        Some(lines) if errors.is_empty() => Ok(lines
            .into_iter()
            .map(|l| ReturnLineRow {
                line: l.line,
                quantity: l.quantity,
            })
            .collect()),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// A return request for some or all of the order's items, with up to four photos
/// (recognised by their bytes, 5 MB each), stored privately and listed on the request.
/// The seller answers within a few working days; who pays the postage back follows
/// from the reason.
pub async fn request_return_for(
    state: &AppState,
    user: &SessionUser,
    id: &str,
    mut ask: ReturnAsk,
    photos: Vec<Vec<u8>>,
) -> Result<(), AppError> {
    let (row, viewer) = load_order(state, user, &id.parse()?).await?;
    if viewer != Viewer::Buyer {
        return Err(AppError::NotFound);
    }
    ask.details = ask.details.trim().to_string();
    let lines = check_ask(&ask, &bought(state, &row).await?, &photos)?;
    let now = state.now();
    if status_of(&row) != OrderStatus::Delivered {
        return Err(order_err(OrderError::WrongState));
    }
    if !return_open(&row, now) {
        return Err(order_err(OrderError::ReturnWindowClosed));
    }
    let keys = store_photos(state, &key_of(&row.id), photos).await?;
    let ReturnAsk {
        reason, details, ..
    } = ask;
    let mails = row
        .shop_owner
        .iter()
        .map(|o| {
            Notice::ReturnRequested {
                order: key_of(&row.id),
                number: row.number.clone(),
                kind: ReturnKind::Return,
                reason: reason.clone(),
                details: details.clone(),
            }
            .mail(o, now)
        })
        .collect();
    let respond_by = chrono::DateTime::from_timestamp(
        domain::notice::add_working_days(now.timestamp(), RESPOND_WORKING_DAYS),
        0,
    )
    .unwrap_or(now);
    let extra = store::open_return(
        NewReturn {
            buyer: row.buyer.clone(),
            shop: row.shop.clone(),
            postage_payer: postage_payer(&reason).as_str(),
            reason: reason.clone(),
            details,
            photos: keys.clone(),
            lines,
            respond_by,
        },
        &row.id,
    );
    let result = store::transition(
        &state.db,
        &state.listeners,
        Transition {
            order: row.id.clone(),
            event: OrderEvent::ReturnRequested,
            from: vec![OrderStatus::Delivered],
            to: None,
            patch: OrderPatch::new(),
            stock: Vec::new(),
            note: Some(reason),
            actor: Some(user.id.clone()),
            mails,
            extra,
            now,
        },
    )
    .await;
    if !matches!(result, Ok(Ok(()))) {
        // nothing refers to the files: remove them
        for key in &keys {
            let _ = state.media.delete(key).await;
        }
    }
    result?.map_err(order_err)
}

/// A short code for why a return form failed, carried in the redirect back.
pub fn return_error_code(e: &AppError) -> String {
    match e {
        AppError::Invalid(errs) => errs
            .first()
            .map(|f| format!("{}.{:?}", f.field, f.code))
            .unwrap_or_else(|| "invalid".into()),
        AppError::Order(OrderError::ReturnExists) => "order.ReturnExists".into(),
        AppError::Order(OrderError::ReturnWindowClosed) => "order.ReturnWindowClosed".into(),
        AppError::Order(_) => "order.WrongState".into(),
        _ => "internal".into(),
    }
}

/// A return photo for someone who may see it (the order's buyer, its seller, an
/// admin, or a moderator once the buyer has claimed about it) and only if it is
/// listed on that order's return request.
pub async fn private_photo(
    state: &AppState,
    user: &SessionUser,
    key: &str,
) -> Result<Option<(Vec<u8>, &'static str)>, AppError> {
    let Some((order, file)) = crate::media::private_key(key, "returns") else {
        return Ok(None);
    };
    let Some(kind) = file
        .rsplit_once('.')
        .and_then(|(_, ext)| domain::media::ImageKind::from_ext(ext))
    else {
        return Ok(None);
    };
    let Ok(order) = order.parse() else {
        return Ok(None);
    };
    let row = match load_order(state, user, &order).await {
        Ok((row, _)) => row,
        Err(AppError::NotFound) if user.roles.satisfies(domain::Role::Moderator) => {
            let id = crate::state::record(&order);
            if store::dispute_of(&state.db, &id).await?.is_none() {
                return Ok(None);
            }
            match store::order(&state.db, id).await? {
                Some(row) => row,
                None => return Ok(None),
            }
        }
        Err(AppError::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    let listed = store::return_request(&state.db, &row.id)
        .await?
        .is_some_and(|r| r.photos.iter().any(|p| p == key));
    if !listed {
        return Ok(None);
    }
    let bytes = state
        .media
        .get(key)
        .await
        .map_err(|e| crate::error::internal("read return photo", e))?;
    Ok(bytes.map(|b| (b, kind.content_type())))
}
