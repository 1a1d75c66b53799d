//! What the listings page and the listing editor show.

use domain::listing::{format_datetime_local, ListingForm, ListingStatus};
use domain::Currency;

use super::super::{
    ListingEditor, ListingPhoto, ListingSummary, ScreeningView, ShopListings, StockMove,
};
use super::own;
use super::variants::variant_info;
use crate::accounts::session::SessionUser;
use crate::ctx::shop_of;
use crate::error::AppError;
use crate::sellers::listings_store::{self as store, ListingRow};
use crate::state::{key_of, AppState, Db};

fn money(minor: i64, c: Currency) -> String {
    domain::Money::new(minor, c).decimal_string()
}

fn form_of(r: &ListingRow) -> ListingForm {
    let c = Currency::parse(&r.currency).unwrap_or_default();
    ListingForm {
        title_en: r.title_en.clone(),
        title_zh: r.title_zh.clone(),
        description_en: r.description_en.clone(),
        description_zh: r.description_zh.clone(),
        category: key_of(&r.category),
        brand: r.brand.clone().unwrap_or_default(),
        condition: r.condition.clone(),
        currency: r.currency.clone(),
        price: money(r.price_minor, c),
        compare_at: r.compare_at_minor.map(|m| money(m, c)).unwrap_or_default(),
        floor: r.promo_floor_minor.map(|m| money(m, c)).unwrap_or_default(),
        sku: r.sku.clone().unwrap_or_default(),
        stock: r.on_hand.unwrap_or(0).to_string(),
        low_stock: r.low_stock_threshold.unwrap_or(5).to_string(),
        weight_g: r.weight_g.map(|w| w.to_string()).unwrap_or_default(),
        publish_at: r
            .publish_at
            .map(|t| format_datetime_local(t.timestamp()))
            .unwrap_or_default(),
        delist_at: r
            .delist_at
            .map(|t| format_datetime_local(t.timestamp()))
            .unwrap_or_default(),
    }
}

async fn leaf_categories(db: &Db) -> Result<Vec<(String, String, String)>, AppError> {
    let rows = store::leaf_categories(db).await?;
    Ok(rows
        .into_iter()
        .map(|c| (c.slug, c.name_en, c.name_zh))
        .collect())
}

pub async fn list(
    state: &AppState,
    user: &SessionUser,
    status: &str,
) -> Result<ShopListings, AppError> {
    let db = &state.db;
    let shop = shop_of(db, user).await?;
    let status = match status {
        "" | "all" => None,
        s => Some(ListingStatus::parse(s).ok_or(AppError::NotFound)?),
    };
    let rows = store::shop_listings(db, &shop.id, status).await?;
    let mode = store::sold_out_display(db, &shop.id).await?;
    Ok(ShopListings {
        sold_out_display: mode.into_iter().next().unwrap_or_else(|| "mark".into()),
        shop_name: shop.name.clone(),
        currency: shop.currency.clone(),
        items: rows
            .into_iter()
            .map(|r| {
                let (on_hand, reserved) = (r.on_hand.unwrap_or(0), r.reserved.unwrap_or(0));
                ListingSummary {
                    id: key_of(&r.id),
                    title: if r.title_en.is_empty() {
                        r.title_zh
                    } else {
                        r.title_en
                    },
                    price_minor: r.price_minor,
                    currency: r.currency,
                    on_hand,
                    reserved,
                    low: on_hand - reserved <= r.low_stock_threshold.unwrap_or(5),
                    status: r.status,
                    locks: r.locks.unwrap_or_default(),
                    image: r.image_url,
                    updated_at: r.updated_at.timestamp(),
                }
            })
            .collect(),
    })
}

pub async fn editor(
    state: &AppState,
    user: &SessionUser,
    id: &str,
) -> Result<ListingEditor, AppError> {
    let db = &state.db;
    let shop = shop_of(db, user).await?;
    let categories = leaf_categories(db).await?;
    if id.is_empty() || id == "new" {
        return Ok(ListingEditor {
            stock_history: Vec::new(),
            variant_of: None,
            options: Vec::new(),
            variants: Vec::new(),
            id: None,
            status: ListingStatus::Draft.as_str().into(),
            locks: Vec::new(),
            form: ListingForm {
                currency: shop.currency.clone(),
                condition: "new".into(),
                low_stock: "5".into(),
                ..ListingForm::default()
            },
            photos: Vec::new(),
            screening: None,
            categories,
            currency: shop.currency.clone(),
            public_url: None,
        });
    }
    let row = own(db, &shop, id).await?;
    let photos = store::photos(db, &row.id)
        .await?
        .into_iter()
        .map(|p| ListingPhoto {
            id: key_of(&p.id),
            thumb: p.thumb_url.clone().unwrap_or_else(|| p.url.clone()),
            url: p.url,
        })
        .collect();
    let screening = row.screening.as_ref().map(|s| ScreeningView {
        score: s.get("score").and_then(|v| v.as_i64()).unwrap_or(0),
        verdict: s
            .get("verdict")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string(),
        reasons: s
            .get("reasons")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|r| r.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
    });
    let (variant_of, options, variants) = variant_info(db, &row).await?;
    let moves = store::stock_history(db, &row.id).await?;
    Ok(ListingEditor {
        stock_history: moves
            .into_iter()
            .map(|m| StockMove {
                at: m.at.timestamp(),
                delta: m.delta,
                on_hand: m.on_hand,
                reason: m.reason,
                who: m.who,
            })
            .collect(),
        variant_of,
        options,
        variants,
        id: Some(key_of(&row.id)),
        status: row.status.clone(),
        locks: row.locks.clone().unwrap_or_default(),
        form: form_of(&row),
        photos,
        screening,
        categories,
        currency: shop.currency.clone(),
        public_url: Some(format!("/p/{}/{}", key_of(&row.id), row.slug)),
    })
}
