use chrono::{DateTime, Utc};
use domain::phash::{distance, from_db, MATCH_DISTANCE};
use domain::screening::{screen, BrandTerms, ImageHit, Screening, Subject, Thresholds};
use surrealdb::types::RecordId;

use crate::error::AppError;
use crate::events::{Answer, ListingDraft, ListingVetting};
use crate::moderation::store;
use crate::state::{key_of, Db};

pub async fn thresholds(db: &Db) -> Result<Thresholds, AppError> {
    Ok(store::screening_bands(db)
        .await?
        .map(|t| Thresholds {
            queue_from: t.screening_queue_from,
            hold_from: t.screening_hold_from,
        })
        .unwrap_or_default())
}

/// A shop's side of screening, read once per screening (or per import batch).
pub struct ShopContext {
    /// Protected brands the shop is not authorised for: (name, terms).
    pub brands: Vec<(String, Vec<String>)>,
    pub strikes: i64,
    pub age_days: Option<i64>,
    pub thresholds: Thresholds,
}

pub async fn shop_context(
    db: &Db,
    shop: &RecordId,
    now: DateTime<Utc>,
) -> Result<ShopContext, AppError> {
    let store::ShopScreeningRows {
        brands,
        strikes,
        created_at: created,
    } = store::shop_screening_rows(db, shop, now).await?;
    Ok(ShopContext {
        brands: brands
            .into_iter()
            .map(|b| {
                let mut terms = vec![b.name.clone()];
                terms.extend(b.terms.into_iter().filter(|t| !t.trim().is_empty()));
                (b.name, terms)
            })
            .collect(),
        strikes,
        age_days: created.map(|c| (now - c).num_days()),
        thresholds: thresholds(db).await?,
    })
}

/// Near-duplicates of the listing's photos among brand owners' reference images and
/// other shops' photos: four band-index lookups per photo, then the exact distance.
pub async fn image_hits(
    db: &Db,
    product: &RecordId,
    shop: &RecordId,
) -> Result<Vec<ImageHit>, AppError> {
    let hashes = store::listing_phashes(db, product).await?;
    let hashes: Vec<u64> = hashes.into_iter().map(from_db).collect();
    hits_for(db, &hashes, Some((shop, product))).await
}

/// Matches for the given hashes. `own` is the listing's shop and the listing: the
/// shop's own photos never count, and a photo the shop used on another listing before
/// any other shop did is theirs, so other shops' copies of it do not count against
/// them. A copy first put on a throw-away listing of the copier's own is not theirs:
/// that listing came after the original.
pub async fn hits_for(
    db: &Db,
    hashes: &[u64],
    own: Option<(&RecordId, &RecordId)>,
) -> Result<Vec<ImageHit>, AppError> {
    let own_shop = own.map(|o| o.0);
    if hashes.is_empty() {
        return Ok(Vec::new());
    }
    let candidates = store::image_candidates(db, hashes).await?;
    let mut seen = std::collections::HashSet::new();
    let mut hits = Vec::new();
    for (h, rows) in hashes.iter().zip(candidates) {
        let near: Vec<store::ImageCandidate> = rows
            .into_iter()
            .filter(|c| distance(*h, from_db(c.hash)) <= MATCH_DISTANCE)
            .collect();
        let first_elsewhere = near
            .iter()
            .filter(|c| c.kind == "listing" && c.shop.is_some() && c.shop.as_ref() != own_shop)
            .filter_map(|c| c.listed_at)
            .min();
        let already_ours = own.is_some_and(|(shop, product)| {
            near.iter().any(|c| {
                c.kind == "listing"
                    && c.shop.as_ref() == Some(shop)
                    && c.product.as_ref() != Some(product)
                    && match (c.listed_at, first_elsewhere) {
                        (_, None) => true,
                        (Some(ours), Some(theirs)) => ours < theirs,
                        (None, Some(_)) => false,
                    }
            })
        });
        for c in near {
            let d = distance(*h, from_db(c.hash));
            {
                if !seen.insert(key_of(&c.id)) {
                    continue;
                }
                match c.kind.as_str() {
                    "reference" => hits.push(ImageHit::Reference {
                        brand: c.brand_name.unwrap_or_default(),
                        reference: key_of(&c.id),
                        distance: d,
                    }),
                    _ => {
                        if !already_ours && c.shop.is_some() && c.shop.as_ref() != own_shop {
                            hits.push(ImageHit::OtherShop {
                                shop: c.shop.as_ref().map(key_of).unwrap_or_default(),
                                image: key_of(&c.id),
                                distance: d,
                            })
                        }
                    }
                }
            }
        }
    }
    hits.sort_by_key(|h| match h {
        ImageHit::Reference { distance, .. } => (0, *distance),
        ImageHit::OtherShop { distance, .. } => (1, *distance),
    });
    Ok(hits)
}

/// Screens a listing's text, price and photos for a shop.
pub fn assess(
    ctx: &ShopContext,
    texts: &[&str],
    price_minor: i64,
    median_minor: Option<i64>,
    image_hits: &[ImageHit],
) -> Screening {
    let brands: Vec<BrandTerms> = ctx
        .brands
        .iter()
        .map(|(brand, terms)| BrandTerms {
            brand: brand.as_str(),
            terms: terms.as_slice(),
        })
        .collect();
    screen(
        &Subject {
            texts,
            price_minor,
            median_minor,
            protected_brands: &brands,
            image_hits,
            strikes: ctx.strikes,
            shop_age_days: ctx.age_days,
        },
        ctx.thresholds,
    )
}

/// Moderation's answer to listings about to go live: screening reads their text,
/// price, photos and shop. (Rights notices keep a listing down through its locks.)
pub struct Vetting;

impl ListingVetting for Vetting {
    fn screen<'a>(
        &'a self,
        db: &'a Db,
        shop: &'a RecordId,
        drafts: &'a [ListingDraft<'a>],
        now: DateTime<Utc>,
    ) -> Answer<'a, Vec<Screening>> {
        Box::pin(async move {
            let ctx = shop_context(db, shop, now).await?;
            let mut verdicts = Vec::with_capacity(drafts.len());
            for d in drafts {
                let hits = match d.product {
                    Some(product) => image_hits(db, product, shop).await?,
                    None => Vec::new(),
                };
                verdicts.push(assess(&ctx, d.texts, d.price_minor, d.median_minor, &hits));
            }
            Ok(verdicts)
        })
    }
}
