//! Writing and editing: what a buyer can do about each line of an order, the review
//! form, and the submitted review (photos, automatic checks, publish or hold).

use backend::db::{Refusal, Tx};
use backend::notify::Notice;
use chrono::{DateTime, Duration, Utc};
use domain::review::{self, Counted, Flag};
use domain::FieldErrorCode;

use super::*;
use crate::error::{internal, invalid};
use crate::reviews::store::{LineRow, MineRow};
use crate::state::key_of;

async fn window_days(db: &Db) -> Result<i64, AppError> {
    let v = store::review_window_days(db).await?;
    Ok(v.unwrap_or(review::DEFAULT_WINDOW_DAYS))
}

fn line_state(
    line: &LineRow,
    mine: Option<&MineRow>,
    user: &SessionUser,
    now: DateTime<Utc>,
    window: i64,
) -> LineReviewState {
    if let Some(m) = mine {
        return LineReviewState::Written {
            status: m.status.clone(),
            rating: m.rating.clamp(1, 5) as u8,
            can_edit: m.status != "removed"
                && review::may_edit(m.created_at.timestamp(), now.timestamp()),
        };
    }
    if line.owner.as_ref() == Some(&user.id) {
        return LineReviewState::OwnProduct;
    }
    if !matches!(line.status.as_str(), "delivered" | "completed") {
        return LineReviewState::NotYet;
    }
    let delivered = line.delivered_at.map(|t| t.timestamp());
    match review::may_review(delivered, now.timestamp(), window) {
        Ok(()) => LineReviewState::CanWrite {
            until: delivered.unwrap_or_default() + window * 86_400,
        },
        Err(review::Refusal::NotDelivered) => LineReviewState::NotYet,
        Err(review::Refusal::WindowClosed) => LineReviewState::Closed,
    }
}

/// Each line of one of the buyer's orders with what can be done about its review.
pub async fn order_lines(
    state: &AppState,
    user: &SessionUser,
    order: &OrderKey,
) -> Result<Vec<LineReview>, AppError> {
    let (lines, mine) = store::order_lines_with_reviews(&state.db, record(order)).await?;
    if lines.first().is_none_or(|l| l.buyer != user.id) {
        return Err(AppError::NotFound);
    }
    let window = window_days(&state.db).await?;
    let now = state.now();
    Ok(lines
        .iter()
        .map(|l| {
            let m = mine.iter().find(|m| key_of(&m.id) == key_of(&l.id));
            LineReview {
                line_key: key_of(&l.id),
                product_key: key_of(&l.listed()),
                title: l.title.clone(),
                state: line_state(l, m, user, now, window),
            }
        })
        .collect())
}

async fn load_line(
    db: &Db,
    user: &SessionUser,
    order: &OrderKey,
    line: &OrderLineKey,
) -> Result<(LineRow, Option<MineRow>), AppError> {
    let (l, mine) =
        store::line_with_review(db, record(line), RecordId::new("review", line.as_str())).await?;
    let l = l.ok_or(AppError::NotFound)?;
    // someone else's order line is "not found", whoever asks
    if l.buyer != user.id || key_of(&l.order_id) != order.as_str() {
        return Err(AppError::NotFound);
    }
    Ok((l, mine))
}

/// The review form's data (new or edit).
pub async fn form(
    state: &AppState,
    user: &SessionUser,
    order: &OrderKey,
    line: &OrderLineKey,
) -> Result<ReviewFormData, AppError> {
    let (l, mine) = load_line(&state.db, user, order, line).await?;
    let window = window_days(&state.db).await?;
    let st = line_state(&l, mine.as_ref(), user, state.now(), window);
    Ok(ReviewFormData {
        order_id: order.to_string(),
        line_key: line.to_string(),
        product_key: key_of(&l.listed()),
        title: l.title.clone(),
        image: l.image.clone().unwrap_or_default(),
        state: st,
        existing: mine.map(|m| ExistingReview {
            rating: m.rating.clamp(1, 5) as u8,
            title: m.title,
            body: m.body,
            aspects: [aspect(m.quality), aspect(m.described), aspect(m.shipping)],
            photos: m.photos.iter().map(|k| photo_pair(k).0).collect(),
            status: m.status,
            revisions: m.revisions,
        }),
    })
}

/// A submitted review form (from the multipart handler).
pub struct Submission {
    pub draft: review::Draft,
    pub photos: Vec<Vec<u8>>,
    /// The browser's device cookie.
    pub device: Option<String>,
}

/// Where the review ended up.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    pub product_key: String,
    pub status: String,
}

fn refusal_error(r: review::Refusal) -> AppError {
    match r {
        review::Refusal::NotDelivered => invalid("review", FieldErrorCode::NotDelivered),
        review::Refusal::WindowClosed => invalid("review", FieldErrorCode::WindowClosed),
    }
}

/// Checks photos (count, size, that they decode) and stores them.
async fn store_photos(
    state: &AppState,
    line: &str,
    photos: Vec<Vec<u8>>,
) -> Result<Vec<String>, AppError> {
    use domain::media::MAX_PHOTO_BYTES;
    if photos.len() > review::MAX_REVIEW_PHOTOS {
        return Err(invalid("photos", FieldErrorCode::TooMany));
    }
    if photos.iter().any(|p| p.len() > MAX_PHOTO_BYTES) {
        return Err(invalid("photos", FieldErrorCode::FileTooLarge));
    }
    crate::media::store_photos(
        state.media.as_ref(),
        &format!("reviews/{line}"),
        photos,
        true,
    )
    .await
}

/// The checks that need other reviews: copies of another account's text, linked
/// accounts (the same device or card as another reviewer of this shop, or the
/// seller's own device), and bursts on the product.
async fn context_flags(
    state: &AppState,
    user: &SessionUser,
    line: &LineRow,
    text_key: Option<&str>,
    device: Option<&str>,
    payment_fp: Option<&str>,
) -> Result<Vec<Flag>, AppError> {
    let since = state.now() - Duration::minutes(review::BURST_MINUTES);
    let c = store::review_context(
        &state.db,
        store::ContextArgs {
            text_key,
            me: &user.id,
            device,
            owner: line.owner.clone(),
            shop: line.shop.clone(),
            payment_fp,
            product: line.listed(),
            since,
        },
    )
    .await?;
    let c = c.ok_or_else(|| internal("review checks", "no row"))?;
    let mut flags = Vec::new();
    if c.dup.is_some() {
        flags.push(Flag::Duplicate);
    }
    if c.device_other.is_some() || c.seller_device.is_some() || c.card_other.is_some() {
        flags.push(Flag::LinkedAccounts);
    }
    // this review would be the BURST_COUNT-th within the window
    if c.recent + 1 >= review::BURST_COUNT as i64 {
        flags.push(Flag::Burst);
    }
    Ok(flags)
}

/// Whether `user` may write (or edit) the review of line `l`: not their own shop's
/// sale; a new review once delivered and within the window; an edit while the review
/// stands and is young enough.
async fn may_write(
    state: &AppState,
    user: &SessionUser,
    l: &LineRow,
    mine: Option<&MineRow>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    crate::accounts::verification::require(user, "review")?;
    if l.owner.as_ref() == Some(&user.id) {
        return Err(invalid("review", FieldErrorCode::NotAllowed));
    }
    match mine {
        None => {
            if !matches!(l.status.as_str(), "delivered" | "completed") {
                return Err(refusal_error(review::Refusal::NotDelivered));
            }
            let window = window_days(&state.db).await?;
            review::may_review(
                l.delivered_at.map(|t| t.timestamp()),
                now.timestamp(),
                window,
            )
            .map_err(refusal_error)?;
        }
        Some(m) => {
            if m.status == "removed" {
                return Err(invalid("review", FieldErrorCode::NotAllowed));
            }
            if !review::may_edit(m.created_at.timestamp(), now.timestamp()) {
                return Err(invalid("review", FieldErrorCode::WindowClosed));
            }
        }
    }
    Ok(())
}

/// Writes or edits the review of `line` (an order line of `order`, the user's).
pub async fn submit(
    state: &AppState,
    user: &SessionUser,
    order: &str,
    line: &str,
    s: Submission,
) -> Result<Written, AppError> {
    let checked = review::check(&s.draft).map_err(AppError::Invalid)?;
    let (l, mine) = load_line(&state.db, user, &order.parse()?, &line.parse()?).await?;
    let now = state.now();
    may_write(state, user, &l, mine.as_ref(), now).await?;
    let photos = if s.photos.is_empty() {
        mine.as_ref().map(|m| m.photos.clone()).unwrap_or_default()
    } else {
        store_photos(state, line, s.photos).await?
    };
    let text_key = review::text_key(&checked.body);
    let payment_fp = store::payment_fingerprint(&state.db, l.checkout.clone()).await?;
    let mut flags = review::text_flags(&checked.title, &checked.body);
    flags.extend(
        context_flags(
            state,
            user,
            &l,
            text_key.as_deref(),
            s.device.as_deref(),
            payment_fp.as_deref(),
        )
        .await?,
    );
    let status = if flags.is_empty() {
        "published"
    } else {
        "held"
    };
    let after = (status == "published").then_some(Counted {
        rating: checked.rating,
        photos: !photos.is_empty(),
    });
    let before = mine.as_ref().and_then(|m| {
        (m.status == "published").then_some(Counted {
            rating: m.rating.clamp(1, 5) as u8,
            photos: m.has_photos,
        })
    });
    let negative = status == "published"
        && review::is_negative(checked.rating)
        && before.is_none_or(|b| !review::is_negative(b.rating));
    let write = store::ReviewWrite {
        delta: Aggregate::delta(before, after),
        id: RecordId::new("review", line),
        product: l.listed(),
        shop: l.shop.clone(),
        line: l.id.clone(),
        author: user.id.clone(),
        author_name: review::public_name(&user.display_name),
        rating: i64::from(checked.rating),
        title: checked.title.clone(),
        body: checked.body.clone(),
        lang: checked.lang.code().to_string(),
        photos,
        aspects: checked.aspects.map(|a| a.map(i64::from)),
        status: status.to_string(),
        flags: flags
            .iter()
            .map(|f| f.code().to_string())
            .collect::<Vec<_>>(),
        text_key,
        device: s.device,
        payment_fp,
        notify: negative && l.owner.is_some(),
        owner: l.owner.clone(),
        mail: Notice::NegativeReview {
            line: line.to_string(),
            rating: i64::from(checked.rating),
            title: l.title.clone(),
            body: checked.body.clone(),
        }
        .render(),
    };
    let previous = mine.as_ref().map(|m| store::Previous {
        status: m.status.clone(),
        rating: m.rating,
        has_photos: m.has_photos,
    });
    let s = store::write_review(write, previous);
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    match tx.run(&state.db).await? {
        Ok(()) => Ok(Written {
            product_key: key_of(&l.listed()),
            status: status.to_string(),
        }),
        Err(Refusal::AlreadyExists) => Err(invalid("review", FieldErrorCode::AlreadyDone)),
        Err(Refusal::Changed) => Err(invalid("review", FieldErrorCode::AlreadyDecided)),
        Err(_) => Err(AppError::NotFound),
    }
}
