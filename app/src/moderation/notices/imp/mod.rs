//! Notice and action's rules (server only): the settings they follow, the pages' data,
//! and (in `owners`) registrations and brands, (in `items`) notices and their items'
//! steps. The queries are in `store::notices`.

mod items;
mod owners;

pub use self::items::{
    counter_notice, decide_item, file_notice, legal_action, run_deadlines, step,
};
pub use self::owners::{add_references, decide_owner, register, update_brand};

use domain::notice::{Deadlines, ReputationPolicy, Track};
use surrealdb::types::RecordId;

use super::{BrandView, ItemView, NoticeAdmin, OwnerView, RightsPage};
use crate::accounts::session::SessionUser;
use crate::error::AppError;
use crate::moderation::store::notices::{self as store, ItemRow, ItemsOf, OwnerRow};
use crate::state::{key_of, AppState, Db};

pub async fn deadlines(db: &Db) -> Result<(Deadlines, ReputationPolicy), AppError> {
    let settings = store::notice_settings(db).await?;
    let u = |v: i64| u32::try_from(v.max(0)).unwrap_or(0);
    Ok(settings
        .map(|s| {
            (
                Deadlines {
                    seller_response_days: u(s.notice_seller_days).max(1),
                    reinstatement_days: u(s.notice_reinstate_days).max(1),
                },
                ReputationPolicy {
                    min_decided: u(s.trusted_min_decided),
                    trusted_from_percent: u(s.trusted_from_percent),
                    flagged_from_percent: u(s.flagged_from_percent),
                },
            )
        })
        .unwrap_or_default())
}

fn track(o: &OwnerRow) -> Track {
    let u = |v: i64| u32::try_from(v.max(0)).unwrap_or(0);
    Track {
        upheld: u(o.upheld),
        rejected: u(o.rejected),
        reinstated: u(o.reinstated),
    }
}

fn owner_view(o: OwnerRow, p: ReputationPolicy) -> OwnerView {
    let standing = domain::notice::standing(track(&o), p).as_str().to_string();
    OwnerView {
        key: key_of(&o.id),
        name: o.name,
        brand_name: o.brand_name,
        registration_number: o.registration_number,
        jurisdiction: o.jurisdiction,
        evidence: o.evidence,
        status: o.status,
        standing,
        upheld: o.upheld,
        rejected: o.rejected,
        reinstated: o.reinstated,
        created_at: o.created_at.timestamp(),
    }
}

/// A rights owner's record id, derived from the user's (user keys are e-mail
/// addresses, which are not plain record keys).
pub fn owner_id(user: &RecordId) -> RecordId {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(key_of(user).as_bytes());
    RecordId::new("rights_owner", hex::encode(&digest[..16]).as_str())
}

async fn owner_of(db: &Db, user: &SessionUser) -> Result<Option<OwnerRow>, AppError> {
    Ok(store::rights_owner(db, owner_id(&user.id)).await?)
}

fn item_view(r: ItemRow, p: ReputationPolicy) -> ItemView {
    let u = |v: Option<i64>| u32::try_from(v.unwrap_or(0).max(0)).unwrap_or(0);
    let standing = domain::notice::standing(
        Track {
            upheld: u(r.upheld),
            rejected: u(r.rejected),
            reinstated: u(r.reinstated),
        },
        p,
    );
    ItemView {
        key: key_of(&r.id),
        notice: key_of(&r.notice),
        kind: r.kind.unwrap_or_default(),
        evidence: r.evidence.unwrap_or_default(),
        owner_name: r.owner_name.unwrap_or_default(),
        product_key: key_of(&r.product),
        product_title: r.title.unwrap_or_default(),
        shop_name: r.shop_name.unwrap_or_default(),
        state: r.state,
        deadline: r.deadline.map(|d| d.timestamp()),
        counter_text: r.counter_text,
        created_at: r.created_at.timestamp(),
        fast_track: r.fast_track.unwrap_or(false),
        owner_standing: standing.as_str().to_string(),
    }
}

async fn items(db: &Db, of: ItemsOf<'_>) -> Result<Vec<ItemView>, AppError> {
    let (_, p) = deadlines(db).await?;
    let rows = store::items(db, of).await?;
    Ok(rows.into_iter().map(|r| item_view(r, p)).collect())
}

/// The caller's registration and notices (for `/rights`).
pub async fn rights_page(state: &AppState, user: &SessionUser) -> Result<RightsPage, AppError> {
    let (_, p) = deadlines(&state.db).await?;
    let owner = owner_of(&state.db, user).await?;
    let items = match &owner {
        Some(o) => items(&state.db, ItemsOf::Owner(&o.id)).await?,
        None => Vec::new(),
    };
    let brand = match &owner {
        Some(o) if o.status == "verified" => brand_of(&state.db, &o.id).await?.map(|(_, b)| b),
        _ => None,
    };
    Ok(RightsPage {
        owner: owner.map(|o| owner_view(o, p)),
        items,
        brand,
    })
}

async fn brand_of(db: &Db, owner: &RecordId) -> Result<Option<(RecordId, BrandView)>, AppError> {
    let Some(b) = store::brand_of_owner(db, owner).await? else {
        return Ok(None);
    };
    let references = store::reference_count(db, &b.id).await?;
    Ok(Some((
        b.id,
        BrandView {
            name: b.name,
            terms: b.terms,
            authorised: b.authorised_shops.iter().map(key_of).collect(),
            references,
        },
    )))
}

/// Items of the seller's shop (for `/seller/notices`).
pub async fn shop_items(db: &Db, shop: &RecordId) -> Result<Vec<ItemView>, AppError> {
    items(db, ItemsOf::Shop(shop)).await
}

pub async fn admin(state: &AppState) -> Result<NoticeAdmin, AppError> {
    let (_, p) = deadlines(&state.db).await?;
    let owners = store::pending_owners(&state.db).await?;
    Ok(NoticeAdmin {
        owners: owners.into_iter().map(|o| owner_view(o, p)).collect(),
        received: items(&state.db, ItemsOf::Received).await?,
        recent: items(&state.db, ItemsOf::NotReceived).await?,
    })
}
