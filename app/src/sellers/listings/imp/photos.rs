//! A listing's photos: uploaded (sniffed, re-encoded, thumbnailed, fingerprinted),
//! reordered and removed.

use domain::listing::MAX_LISTING_IMAGES;
use domain::{FieldError, FieldErrorCode};
use surrealdb::types::RecordId;

use super::own;
use crate::accounts::session::SessionUser;
use crate::ctx::open_shop_of;
use crate::error::{internal, AppError};
use crate::sellers::listings_store::{self as store, NewPhotos};
use crate::state::{key_of, AppState};

/// Adds photos to the caller's listing. Each is sniffed, decoded, re-encoded and
/// thumbnailed; any refusal stores none of them.
pub async fn add_photos(
    state: &AppState,
    user: &SessionUser,
    id: &str,
    files: Vec<Vec<u8>>,
) -> Result<(), AppError> {
    use domain::media::MAX_PHOTO_BYTES;
    let db = &state.db;
    let shop = open_shop_of(db, user).await?;
    let row = own(db, &shop, id).await?;
    let existing = store::photos(db, &row.id).await?;
    let refuse = |code| Err(AppError::Invalid(vec![FieldError::new("photos", code)]));
    if files.is_empty() {
        return refuse(FieldErrorCode::Required);
    }
    if existing.len() + files.len() > MAX_LISTING_IMAGES {
        return refuse(FieldErrorCode::TooMany);
    }
    if files.iter().any(|f| f.len() > MAX_PHOTO_BYTES) {
        return refuse(FieldErrorCode::FileTooLarge);
    }
    if files
        .iter()
        .any(|f| domain::media::ImageKind::sniff(f).is_none())
    {
        return refuse(FieldErrorCode::NotAnImage);
    }
    let processed = tokio::task::spawn_blocking(move || {
        files
            .iter()
            .map(|f| crate::media::process_photo(f))
            .collect::<Option<Vec<_>>>()
    })
    .await
    .map_err(|e| internal("process photos", e))?;
    let Some(processed) = processed else {
        return refuse(FieldErrorCode::NotAnImage);
    };
    let mut stored: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    let base = existing.len();
    for (i, p) in processed.into_iter().enumerate() {
        let token = crate::accounts::session::random_token()[..16].to_string();
        let full = format!(
            "products/{}/{}/{token}.jpg",
            key_of(&shop.id),
            key_of(&row.id)
        );
        let thumb = format!(
            "products/{}/{}/{token}-t.jpg",
            key_of(&shop.id),
            key_of(&row.id)
        );
        for (k, bytes) in [(&full, p.full), (&thumb, p.thumb)] {
            if let Err(e) = state.media.put(k, bytes).await {
                for k in &stored {
                    let _ = state.media.delete(k).await;
                }
                return Err(internal("store photo", e));
            }
            stored.push(k.to_string());
        }
        rows.push(serde_json::json!({
            "url": format!("/media/{full}"),
            "thumb_url": format!("/media/{thumb}"),
            "media_keys": [full, thumb],
            "position": (base + i) as i64,
            "width": p.width as i64,
            "height": p.height as i64,
            "phash": domain::phash::to_db(p.phash),
            "bands": domain::phash::bands(p.phash),
        }));
    }
    let r = store::add_photos(
        db,
        NewPhotos {
            rows,
            id: row.id.clone(),
            shop: shop.id.clone(),
            alt: row.title_en.clone(),
            now: state.now(),
        },
    )
    .await;
    if let Err(e) = r {
        for k in &stored {
            let _ = state.media.delete(k).await;
        }
        return Err(e.into());
    }
    state.catalog_cache.invalidate();
    Ok(())
}

/// Moves a photo one place earlier (`up`) or later, or removes it.
pub async fn arrange_photo(
    state: &AppState,
    user: &SessionUser,
    id: &str,
    photo: &str,
    op: &str,
) -> Result<(), AppError> {
    let db = &state.db;
    let shop = open_shop_of(db, user).await?;
    let row = own(db, &shop, id).await?;
    let mut list = store::photos(db, &row.id).await?;
    let Some(i) = list.iter().position(|p| key_of(&p.id) == photo) else {
        return Err(AppError::NotFound);
    };
    let mut removed = None;
    match op {
        "up" if i > 0 => list.swap(i, i - 1),
        "down" if i + 1 < list.len() => list.swap(i, i + 1),
        "remove" => removed = Some(list.remove(i)),
        "up" | "down" => return Ok(()),
        _ => {
            return Err(AppError::Invalid(vec![FieldError::new(
                "op",
                FieldErrorCode::InvalidChoice,
            )]))
        }
    }
    let order: Vec<RecordId> = list.iter().map(|p| p.id.clone()).collect();
    store::arrange_photos(
        db,
        removed.as_ref().map(|p| p.id.clone()),
        order,
        row.id.clone(),
        format!(
            "/media/gen/{}/{}-0.svg",
            key_of(&row.category),
            key_of(&row.id)
        ),
        state.now(),
    )
    .await?;
    if let Some(p) = removed {
        // files only this listing uses (a duplicate shares its source's photos)
        for k in p.media_keys.unwrap_or_default() {
            if k.contains(&format!("/{}/", key_of(&row.id))) {
                let _ = state.media.delete(&k).await;
            }
        }
    }
    state.catalog_cache.invalidate();
    Ok(())
}
