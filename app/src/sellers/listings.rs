//! The seller centre's listings: create, edit, duplicate, photos (uploaded, sniffed,
//! re-encoded, thumbnailed, reordered), publish through automatic screening, delist,
//! and the scheduler that publishes and delists at the times the seller set.
//! Every query is scoped to the caller's own shop: another shop's listing is 404.

// server functions take one argument per form field
#![allow(clippy::too_many_arguments)]

use domain::listing::ListingForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingSummary {
    pub id: String,
    pub title: String,
    pub price_minor: i64,
    pub currency: String,
    pub on_hand: i64,
    pub reserved: i64,
    pub low: bool,
    pub status: String,
    pub image: String,
    pub updated_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopListings {
    /// `mark` or `hide`: what sold-out listings do.
    pub sold_out_display: String,
    pub shop_name: String,
    pub currency: String,
    pub items: Vec<ListingSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingPhoto {
    pub id: String,
    pub url: String,
    pub thumb: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningView {
    pub score: i64,
    pub verdict: String,
    pub reasons: Vec<String>,
}

/// One variant of a listing as the editor lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantSummary {
    pub id: String,
    /// "Colour: Red · Size: M"
    pub label: String,
    pub sku: String,
    pub price_minor: i64,
    pub on_hand: i64,
    pub status: String,
}

/// One change to a listing's stock: when, by how much, to what, why and by whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockMove {
    pub at: i64,
    pub delta: i64,
    pub on_hand: i64,
    pub reason: String,
    pub who: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingEditor {
    /// The latest stock changes, newest first.
    pub stock_history: Vec<StockMove>,
    /// The listed product this one is a variant of (variants are edited on their own page).
    pub variant_of: Option<String>,
    /// This listing's own option values: (axis en, axis zh, value en, value zh).
    pub options: Vec<(String, String, String, String)>,
    pub variants: Vec<VariantSummary>,
    /// `None` for a new listing.
    pub id: Option<String>,
    pub status: String,
    pub form: ListingForm,
    pub photos: Vec<ListingPhoto>,
    pub screening: Option<ScreeningView>,
    /// (slug, English name, Chinese name) of every category a product can be in.
    pub categories: Vec<(String, String, String)>,
    pub currency: String,
    /// The storefront address once it has been saved.
    pub public_url: Option<String>,
}

#[cfg(feature = "ssr")]
pub mod imp {
    use chrono::{DateTime, TimeZone, Utc};
    use domain::listing::{
        format_datetime_local, status_after_publish, validate, ListingForm, ListingStatus,
        MAX_LISTING_IMAGES,
    };
    use domain::screening::{Reason, Verdict};
    use domain::{Currency, FieldError, FieldErrorCode};
    use surrealdb::types::{RecordId, SurrealValue};

    use super::{ListingEditor, ListingPhoto, ListingSummary, ScreeningView, ShopListings};
    use crate::accounts::session::SessionUser;
    use crate::error::{internal, AppError};
    use crate::state::{is_record_key, key_of, AppState, Db};

    use crate::ctx::{open_shop_of, shop_of, SellerShop};

    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        shop: RecordId,
        category: RecordId,
        slug: String,
        title_en: String,
        title_zh: String,
        description_en: String,
        description_zh: String,
        brand: Option<String>,
        condition: String,
        price_minor: i64,
        compare_at_minor: Option<i64>,
        currency: String,
        sku: Option<String>,
        status: String,
        image_url: String,
        weight_g: Option<i64>,
        publish_at: Option<DateTime<Utc>>,
        delist_at: Option<DateTime<Utc>>,
        updated_at: DateTime<Utc>,
        screening: Option<serde_json::Value>,
        on_hand: Option<i64>,
        reserved: Option<i64>,
        low_stock_threshold: Option<i64>,
    }

    /// A listing's fields and its stock (stock:⟨product key⟩ has the same key).
    const ROW: &str = "id, shop, category, slug, title_en, title_zh, description_en, description_zh, brand, \
        condition, price_minor, compare_at_minor, currency, sku, status, image_url, weight_g, publish_at, \
        delist_at, updated_at, screening, \
        type::record('stock', record::id(id)).on_hand AS on_hand, \
        type::record('stock', record::id(id)).reserved AS reserved, \
        type::record('stock', record::id(id)).low_stock_threshold AS low_stock_threshold";

    fn product_id(id: &str) -> Option<RecordId> {
        is_record_key(id).then(|| RecordId::new("product", id))
    }

    /// The listing `id` if it belongs to `shop`; anything else is `NotFound`.
    async fn own(db: &Db, shop: &SellerShop, id: &str) -> Result<Row, AppError> {
        let pid = product_id(id).ok_or(AppError::NotFound)?;
        let mut res = db
            .query(format!("SELECT {ROW} FROM $id"))
            .bind(("id", pid))
            .await?
            .check()?;
        let rows: Vec<Row> = res.take(0)?;
        rows.into_iter()
            .find(|r| r.shop == shop.id)
            .ok_or(AppError::NotFound)
    }

    fn money(minor: i64, c: Currency) -> String {
        domain::Money::new(minor, c).decimal_string()
    }

    fn form_of(r: &Row) -> ListingForm {
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

    #[derive(SurrealValue)]
    struct CategoryRow {
        slug: String,
        name_en: String,
        name_zh: String,
    }

    async fn leaf_categories(db: &Db) -> Result<Vec<(String, String, String)>, AppError> {
        let mut res = db
            .query("SELECT slug, name_en, name_zh, position FROM category WHERE parent != NONE ORDER BY name_en")
            .await?
            .check()?;
        let rows: Vec<CategoryRow> = res.take(0)?;
        Ok(rows
            .into_iter()
            .map(|c| (c.slug, c.name_en, c.name_zh))
            .collect())
    }

    #[derive(SurrealValue)]
    struct PhotoRow {
        id: RecordId,
        url: String,
        thumb_url: Option<String>,
        media_keys: Option<Vec<String>>,
    }

    async fn photos(db: &Db, product: &RecordId) -> Result<Vec<PhotoRow>, AppError> {
        let mut res = db
            .query("SELECT id, url, thumb_url, media_keys, position FROM product_image WHERE product = $p ORDER BY position")
            .bind(("p", product.clone()))
            .await?
            .check()?;
        Ok(res.take(0)?)
    }

    pub async fn list(
        state: &AppState,
        user: &SessionUser,
        status: &str,
    ) -> Result<ShopListings, AppError> {
        let db = &state.db;
        let shop = shop_of(db, user).await?;
        let filter = match status {
            "" | "all" => String::new(),
            s => match ListingStatus::parse(s) {
                Some(st) => format!(" AND status = '{}'", st.as_str()),
                None => return Err(AppError::NotFound),
            },
        };
        let mut res = db
            .query(format!(
                "SELECT {ROW} FROM product WHERE shop = $shop AND variant_of = NONE{filter} \
                 ORDER BY updated_key LIMIT 500"
            ))
            .bind(("shop", shop.id.clone()))
            .await?
            .check()?;
        let rows: Vec<Row> = res.take(0)?;
        let mut res = db
            .query("SELECT VALUE sold_out_display ?? 'mark' FROM $shop")
            .bind(("shop", shop.id.clone()))
            .await?
            .check()?;
        let mode: Vec<String> = res.take(0)?;
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
        let photos = photos(db, &row.id)
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
        #[derive(SurrealValue)]
        struct Move {
            at: DateTime<Utc>,
            delta: i64,
            on_hand: i64,
            reason: String,
            who: Option<String>,
        }
        let mut res = db
            .query(
                "SELECT at, delta, on_hand, reason, actor.display_name AS who FROM stock_event \
                 WHERE product = $id ORDER BY at DESC LIMIT 10",
            )
            .bind(("id", row.id.clone()))
            .await?
            .check()?;
        let moves: Vec<Move> = res.take(0)?;
        Ok(ListingEditor {
            stock_history: moves
                .into_iter()
                .map(|m| super::StockMove {
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
            form: form_of(&row),
            photos,
            screening,
            categories,
            currency: shop.currency.clone(),
            public_url: Some(format!("/p/{}/{}", key_of(&row.id), row.slug)),
        })
    }

    #[derive(SurrealValue)]
    struct VariantInfo {
        variant_of: Option<RecordId>,
        options: Option<Vec<crate::catalog::store::OptionRow>>,
        variants: Option<Vec<RecordId>>,
    }

    #[derive(SurrealValue)]
    struct VariantRow {
        id: RecordId,
        sku: Option<String>,
        price_minor: i64,
        status: String,
        options: Option<Vec<crate::catalog::store::OptionRow>>,
        on_hand: Option<i64>,
    }

    fn label(options: &[crate::catalog::store::OptionRow]) -> String {
        options
            .iter()
            .map(|o| format!("{}: {}", o.axis_en, o.value_en))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    async fn variant_info(
        db: &Db,
        row: &Row,
    ) -> Result<
        (
            Option<String>,
            Vec<(String, String, String, String)>,
            Vec<super::VariantSummary>,
        ),
        AppError,
    > {
        let mut res = db
            .query("SELECT variant_of, options, variants FROM $id")
            .bind(("id", row.id.clone()))
            .await?
            .check()?;
        let info: Vec<VariantInfo> = res.take(0)?;
        let Some(info) = info.into_iter().next() else {
            return Ok((None, Vec::new(), Vec::new()));
        };
        let options = info
            .options
            .unwrap_or_default()
            .into_iter()
            .map(|o| (o.axis_en, o.axis_zh, o.value_en, o.value_zh))
            .collect();
        let ids = info.variants.unwrap_or_default();
        let mut res = db
            .query(
                "SELECT id, sku, price_minor, status, options, \
                   type::record('stock', record::id(id)).on_hand AS on_hand FROM $ids",
            )
            .bind(("ids", ids))
            .await?
            .check()?;
        let rows: Vec<VariantRow> = res.take(0)?;
        Ok((
            info.variant_of.as_ref().map(key_of),
            options,
            rows.into_iter()
                .map(|v| super::VariantSummary {
                    id: key_of(&v.id),
                    label: label(&v.options.unwrap_or_default()),
                    sku: v.sku.unwrap_or_default(),
                    price_minor: v.price_minor,
                    on_hand: v.on_hand.unwrap_or(0),
                    status: v.status,
                })
                .collect(),
        ))
    }

    /// Adds a variant to the caller's listing: `values` are (axis en, axis zh, value en,
    /// value zh) per axis. The first variant also names the listed product's own values
    /// (`own`). The variant copies the listing (photos included) with its own SKU, price
    /// and stock, and goes live through screening when the listing is live.
    pub async fn add_variant(
        state: &AppState,
        user: &SessionUser,
        id: &str,
        axes: &[(String, String)],
        own_values: &[(String, String)],
        values: &[(String, String)],
        sku: &str,
        price: &str,
        stock: &str,
    ) -> Result<String, AppError> {
        let db = &state.db;
        let shop = open_shop_of(db, user).await?;
        let row = own(db, &shop, id).await?;
        let (variant_of, existing, variants) = variant_info(db, &row).await?;
        if variant_of.is_some() {
            return Err(AppError::Invalid(vec![FieldError::new(
                "variant",
                FieldErrorCode::InvalidChoice,
            )]));
        }
        let mut errors = Vec::new();
        let ok = |s: &str| !s.trim().is_empty() && s.trim().chars().count() <= 30;
        // the axes: the listing's own when it has variants already, else the form's
        let axes: Vec<(String, String)> = if existing.is_empty() {
            axes.iter()
                .filter(|(en, zh)| !en.trim().is_empty() || !zh.trim().is_empty())
                .cloned()
                .collect()
        } else {
            existing
                .iter()
                .map(|(a, b, _, _)| (a.clone(), b.clone()))
                .collect()
        };
        if axes.is_empty() || axes.len() > 2 || axes.iter().any(|(en, zh)| !ok(en) || !ok(zh)) {
            errors.push(FieldError::new("axis", FieldErrorCode::Required));
        }
        let pick = |v: &[(String, String)]| -> Vec<(String, String)> {
            v.iter().take(axes.len()).cloned().collect()
        };
        let values = pick(values);
        if values.len() != axes.len() || values.iter().any(|(en, zh)| !ok(en) || !ok(zh)) {
            errors.push(FieldError::new("value", FieldErrorCode::Required));
        }
        let own_values = if existing.is_empty() {
            pick(own_values)
        } else {
            existing
                .iter()
                .map(|(_, _, a, b)| (a.clone(), b.clone()))
                .collect()
        };
        if own_values.len() != axes.len() || own_values.iter().any(|(en, zh)| !ok(en) || !ok(zh)) {
            errors.push(FieldError::new("own", FieldErrorCode::Required));
        }
        let same = |a: &[(String, String)], b: &[(String, String)]| {
            a.iter()
                .zip(b)
                .all(|(x, y)| x.0.trim().eq_ignore_ascii_case(y.0.trim()))
        };
        let taken = same(&values, &own_values)
            || variants.iter().any(|v| {
                let parts: Vec<(String, String)> = v
                    .label
                    .split(" · ")
                    .map(|p| {
                        (
                            p.split_once(": ")
                                .map(|x| x.1)
                                .unwrap_or_default()
                                .to_string(),
                            String::new(),
                        )
                    })
                    .collect();
                same(&values, &parts)
            });
        if taken {
            errors.push(FieldError::new("value", FieldErrorCode::SlugTaken));
        }
        if variants.len() >= 30 {
            errors.push(FieldError::new("value", FieldErrorCode::TooMany));
        }
        let currency = shop.currency();
        let price = domain::Money::parse_major(price, currency).filter(|m| m.amount_minor > 0);
        if price.is_none() {
            errors.push(FieldError::new(
                "variant_price",
                FieldErrorCode::InvalidPrice,
            ));
        }
        let stock = stock
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|s| (0..=domain::listing::MAX_STOCK).contains(s));
        if stock.is_none() {
            errors.push(FieldError::new(
                "variant_stock",
                FieldErrorCode::InvalidNumber,
            ));
        }
        let sku = sku.trim();
        if sku.chars().count() > 40
            || !sku
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        {
            errors.push(FieldError::new(
                "variant_sku",
                FieldErrorCode::InvalidChoice,
            ));
        }
        let (Some(price), Some(stock)) = (price, stock) else {
            return Err(AppError::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let opts = |vals: &[(String, String)]| -> Vec<serde_json::Value> {
            axes.iter()
                .zip(vals)
                .map(|((ae, az), (ve, vz))| serde_json::json!({ "axis_en": ae.trim(), "axis_zh": az.trim(), "value_en": ve.trim(), "value_zh": vz.trim() }))
                .collect()
        };
        let suffix_en = values
            .iter()
            .map(|v| v.0.trim().to_string())
            .collect::<Vec<_>>()
            .join(" / ");
        let suffix_zh = values
            .iter()
            .map(|v| v.1.trim().to_string())
            .collect::<Vec<_>>()
            .join("／");
        let key = new_key();
        let vid = RecordId::new("product", key.as_str());
        let rates = crate::fx::imp::rate_table(db).await?;
        let now = state.now();
        db.query(
            "BEGIN TRANSACTION;\n\
             UPDATE $src SET options = $own_opts, variants = array::append(variants ?? [], $new), updated_at = $now;\n\
             CREATE $new SET shop = $src.shop, category = $src.category, slug = $src.slug, \
               title_en = string::concat($src.title_en, ' – ', $suffix_en), title_zh = string::concat($src.title_zh, '（', $suffix_zh, '）'), \
               description_en = $src.description_en, description_zh = $src.description_zh, brand = $src.brand, \
               condition = $src.condition, price_minor = $price, currency = $src.currency, sku = $sku, status = 'draft', \
               image_url = $src.image_url, weight_g = $src.weight_g, price_ref_minor = $price_ref, variant_of = $src, \
               options = $opts, created_by = $user, created_at = $now, updated_at = $now;\n\
             CREATE $stock SET product = $new, shop = $src.shop, on_hand = $on_hand, reserved = 0, low_stock_threshold = 5, updated_at = $now;\n\
             CREATE stock_event SET product = $new, shop = $src.shop, delta = $on_hand, on_hand = $on_hand, reason = 'created', actor = $user, at = $now;\n\
             FOR $img IN (SELECT * FROM product_image WHERE product = $src ORDER BY position) {\n\
               CREATE product_image SET product = $new, url = $img.url, thumb_url = $img.thumb_url, position = $img.position, \
                 alt = $img.alt, width = $img.width, height = $img.height, phash = $img.phash;\n\
             };\n\
             COMMIT TRANSACTION;",
        )
        .bind(("src", row.id.clone()))
        .bind(("new", vid.clone()))
        .bind(("stock", RecordId::new("stock", key.as_str())))
        .bind(("own_opts", opts(&own_values)))
        .bind(("opts", opts(&values)))
        .bind(("suffix_en", suffix_en))
        .bind(("suffix_zh", suffix_zh))
        .bind(("price", price.amount_minor))
        .bind(("price_ref", crate::catalog::store::to_reference(price.amount_minor, currency, &rates).unwrap_or(0)))
        .bind(("sku", (!sku.is_empty()).then(|| sku.to_string())))
        .bind(("on_hand", stock))
        .bind(("user", user.id.clone()))
        .bind(("now", now))
        .await?
        .check()?;
        if matches!(
            ListingStatus::parse(&row.status),
            Some(ListingStatus::Active | ListingStatus::Scheduled)
        ) {
            let variant = own(db, &shop, &key).await?;
            place(state, &shop, &variant, now).await?;
        }
        Ok(key)
    }

    pub fn new_key() -> String {
        use rand::Rng;
        const A: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
        let mut rng = rand::thread_rng();
        let tail: String = (0..10)
            .map(|_| A[rng.gen_range(0..A.len())] as char)
            .collect();
        format!("s{tail}")
    }

    fn at(unix: Option<i64>) -> Option<DateTime<Utc>> {
        unix.and_then(|t| Utc.timestamp_opt(t, 0).single())
    }

    /// Creates (`id` empty) or updates the caller's listing; returns its id. A live
    /// listing that is edited is screened again before the change is visible.
    pub async fn save(
        state: &AppState,
        user: &SessionUser,
        id: &str,
        form: ListingForm,
    ) -> Result<String, AppError> {
        let db = &state.db;
        let shop = open_shop_of(db, user).await?;
        let listing = validate(&form, shop.currency()).map_err(AppError::Invalid)?;
        let category = RecordId::new("category", listing.category.as_str());
        let mut res = db
            .query("SELECT VALUE id FROM $c WHERE parent != NONE")
            .bind(("c", category.clone()))
            .await?
            .check()?;
        let known: Vec<RecordId> = res.take(0)?;
        if known.is_empty() {
            return Err(AppError::Invalid(vec![FieldError::new(
                "category",
                FieldErrorCode::InvalidChoice,
            )]));
        }
        let existing = if id.is_empty() {
            None
        } else {
            Some(own(db, &shop, id).await?)
        };
        if let Some(r) = &existing {
            if listing.stock < r.reserved.unwrap_or(0) {
                // units already promised to buyers cannot be taken away here
                return Err(AppError::Invalid(vec![FieldError::new(
                    "stock",
                    FieldErrorCode::InvalidNumber,
                )]));
            }
        }
        let rates = crate::fx::imp::rate_table(db).await?;
        let price_ref = crate::catalog::store::to_reference(
            listing.price.amount_minor,
            listing.price.currency,
            &rates,
        )
        .unwrap_or(0);
        let title_en = if listing.title_en.is_empty() {
            listing.title_zh.clone()
        } else {
            listing.title_en.clone()
        };
        let title_zh = if listing.title_zh.is_empty() {
            listing.title_en.clone()
        } else {
            listing.title_zh.clone()
        };
        let slug = domain::slug::Slug::from_text(&title_en)
            .map(|s| s.as_str().to_string())
            .unwrap_or_else(|| "item".into());
        let now = state.now();
        let key = existing
            .as_ref()
            .map(|r| key_of(&r.id))
            .unwrap_or_else(new_key);
        let pid = RecordId::new("product", key.as_str());
        let before = existing.as_ref().and_then(|r| r.on_hand).unwrap_or(0);
        let delta = listing.stock - before;
        let q = db
            .query(if existing.is_some() {
                "UPDATE $id SET category = $category, slug = $slug, title_en = $title_en, title_zh = $title_zh, \
                   description_en = $description_en, description_zh = $description_zh, brand = $brand, \
                   condition = $condition, price_minor = $price, compare_at_minor = $compare_at, sku = $sku, \
                   weight_g = $weight, publish_at = $publish_at, delist_at = $delist_at, price_ref_minor = $price_ref, \
                   updated_at = $now;\n\
                 UPDATE $stock SET on_hand = $on_hand, low_stock_threshold = $low, updated_at = $now;\n\
                 IF $delta != 0 { CREATE stock_event SET product = $id, shop = $shop, delta = $delta, on_hand = $on_hand, reason = 'edited', actor = $user, at = $now };"
            } else {
                "CREATE $id SET shop = $shop, category = $category, slug = $slug, title_en = $title_en, title_zh = $title_zh, \
                   description_en = $description_en, description_zh = $description_zh, brand = $brand, \
                   condition = $condition, price_minor = $price, compare_at_minor = $compare_at, currency = $currency, \
                   sku = $sku, status = 'draft', image_url = $placeholder, weight_g = $weight, publish_at = $publish_at, \
                   delist_at = $delist_at, price_ref_minor = $price_ref, created_by = $user, created_at = $now, updated_at = $now;\n\
                 CREATE $stock SET product = $id, shop = $shop, on_hand = $on_hand, reserved = 0, low_stock_threshold = $low, updated_at = $now;\n\
                 CREATE stock_event SET product = $id, shop = $shop, delta = $on_hand, on_hand = $on_hand, reason = 'created', actor = $user, at = $now;"
            })
            .bind(("id", pid.clone()))
            .bind(("stock", RecordId::new("stock", key.as_str())))
            .bind(("shop", shop.id.clone()))
            .bind(("category", category))
            .bind(("slug", slug))
            .bind(("title_en", title_en))
            .bind(("title_zh", title_zh))
            .bind(("description_en", listing.description_en.clone()))
            .bind(("description_zh", listing.description_zh.clone()))
            .bind(("brand", listing.brand.clone()))
            .bind(("condition", listing.condition.as_str().to_string()))
            .bind(("price", listing.price.amount_minor))
            .bind(("compare_at", listing.compare_at.map(|m| m.amount_minor)))
            .bind(("currency", shop.currency.clone()))
            .bind(("sku", listing.sku.clone()))
            .bind(("weight", listing.weight_g))
            .bind(("publish_at", at(listing.publish_at)))
            .bind(("delist_at", at(listing.delist_at)))
            .bind(("price_ref", price_ref))
            .bind(("placeholder", format!("/media/gen/{}/{key}-0.svg", listing.category)))
            .bind(("on_hand", listing.stock))
            .bind(("low", listing.low_stock))
            .bind(("delta", delta))
            .bind(("user", user.id.clone()))
            .bind(("now", now));
        let q = q.await?;
        // one request: SurrealDB runs it as one transaction
        q.check()?;
        if let Some(r) = existing {
            let status = ListingStatus::parse(&r.status).unwrap_or(ListingStatus::Draft);
            if matches!(
                status,
                ListingStatus::Active | ListingStatus::Scheduled | ListingStatus::Held
            ) {
                // screened as it now reads
                let updated = own(db, &shop, &key).await?;
                place(state, &shop, &updated, now).await?;
            }
        }
        Ok(key)
    }

    /// Screens the listing (as read by the caller) and puts it where the verdict and its times say: held for
    /// review, or live (queued for review when medium risk), scheduled or delisted.
    /// Screening of a listing as it reads now: text and brands, price against the
    /// category median, the shop's record and its photos' fingerprints.
    async fn screen_row(
        db: &Db,
        shop: &RecordId,
        row: &Row,
        now: DateTime<Utc>,
    ) -> Result<domain::screening::Screening, AppError> {
        let pid = &row.id;
        let mut res = db
            .query("SELECT VALUE price_minor FROM product WHERE status = 'active' AND category = $c AND currency = $cur AND id != $id LIMIT 201")
            .bind(("c", row.category.clone()))
            .bind(("cur", row.currency.clone()))
            .bind(("id", pid.clone()))
            .await?
            .check()?;
        let mut prices: Vec<i64> = res.take(0)?;
        // a median of a handful of listings says little
        let median = if prices.len() >= 5 {
            domain::screening::median(&mut prices)
        } else {
            None
        };
        let brand = row.brand.clone().unwrap_or_default();
        let texts = [
            row.title_en.as_str(),
            row.title_zh.as_str(),
            row.description_en.as_str(),
            row.description_zh.as_str(),
            brand.as_str(),
        ];
        let ctx = crate::moderation::screening::imp::shop_context(db, shop, now).await?;
        let hits = crate::moderation::screening::imp::image_hits(db, pid, shop).await?;
        Ok(crate::moderation::screening::imp::assess(
            &ctx,
            &texts,
            row.price_minor,
            median,
            &hits,
        ))
    }

    /// Screens a listing by key without changing anything (the screening benchmark).
    pub async fn screen_listing(
        state: &AppState,
        key: &str,
    ) -> Result<domain::screening::Screening, AppError> {
        let mut res = state
            .db
            .query(format!("SELECT {ROW} FROM $id"))
            .bind(("id", RecordId::new("product", key)))
            .await?
            .check()?;
        let rows: Vec<Row> = res.take(0)?;
        let row = rows.into_iter().next().ok_or(AppError::NotFound)?;
        screen_row(&state.db, &row.shop, &row, state.now()).await
    }

    async fn place(
        state: &AppState,
        shop: &SellerShop,
        row: &Row,
        now: DateTime<Utc>,
    ) -> Result<ListingStatus, AppError> {
        let db = &state.db;
        let pid = &row.id;
        // a listing taken down under a rights notice stays down until the notice settles
        if crate::moderation::notices::imp::under_notice(db, pid).await? {
            return Err(AppError::Invalid(vec![FieldError::new(
                "notice",
                FieldErrorCode::NotAllowed,
            )]));
        }
        let result = screen_row(db, &shop.id, row, now).await?;
        // a shop under a listing limit (strikes) cannot have more live listings
        if row.status != "active" && result.verdict != Verdict::Hold {
            let mut res = db
                .query("SELECT VALUE sanction FROM $shop; SELECT VALUE strike_listing_limit FROM platform_setting:main;")
                .bind(("shop", shop.id.clone()))
                .await?
                .check()?;
            let sanction: Vec<String> = res.take(0)?;
            let limit: Vec<i64> = res.take(1)?;
            if sanction.first().map(String::as_str) == Some("listing_limit") {
                let live = crate::state::count(
                    db,
                    "SELECT count() AS n FROM product WHERE shop = $shop AND status = 'active' AND variant_of = NONE GROUP ALL",
                    ("shop", shop.id.clone()),
                )
                .await?;
                if live >= limit.first().copied().unwrap_or(20) {
                    return Err(AppError::Invalid(vec![FieldError::new(
                        "listing_limit",
                        FieldErrorCode::TooMany,
                    )]));
                }
            }
        }
        let status = match result.verdict {
            Verdict::Hold => ListingStatus::Held,
            _ => status_after_publish(
                now.timestamp(),
                row.publish_at.map(|t| t.timestamp()),
                row.delist_at.map(|t| t.timestamp()),
            ),
        };
        let reasons: Vec<String> = result.reasons.iter().map(Reason::code).collect();
        let mut kinds: Vec<String> = reasons
            .iter()
            .map(|r| r.split(':').next().unwrap_or_default().to_string())
            .collect();
        kinds.dedup();
        let brands: Vec<String> = result
            .reasons
            .iter()
            .filter_map(|r| match r {
                Reason::UnauthorisedBrand { brand, .. } | Reason::ReferenceImage { brand, .. } => {
                    Some(brand.clone())
                }
                _ => None,
            })
            .collect();
        let verdict = match result.verdict {
            Verdict::Publish => "publish",
            Verdict::PublishAndQueue => "queue",
            Verdict::Hold => "hold",
        };
        let case = RecordId::new("screening_case", key_of(pid).as_str());
        db.query(
            "UPDATE $id SET status = $status, screening = { score: $score, verdict: $verdict, reasons: $reasons, at: $now }, updated_at = $now;\n\
             IF $verdict = 'publish' { DELETE $case } ELSE {\n\
               UPSERT $case SET product = $id, shop = $shop, score = $score, verdict = $verdict, reasons = $reasons, \
                 kinds = $kinds, brands = array::distinct($brands), status = 'open', decision = NONE, created_at = $now\n\
             };\n\
             CREATE audit_log SET actor = NONE, action = 'listing.screened', subject = $subject, detail = { score: $score, verdict: $verdict, reasons: $reasons, status: $status }, at = $now;\n\
             IF $verdict != 'publish' {\n\
               CREATE outbox SET recipient = $shop.owner, kind = 'moderation_notice', \
                 subject = 'Listing sent for review · 商品送審', body = $title, link = $link, created_at = $now\n\
             };",
        )
        .bind(("id", pid.clone()))
        .bind(("status", status.as_str().to_string()))
        .bind(("score", result.score))
        .bind(("verdict", verdict.to_string()))
        .bind(("reasons", reasons))
        .bind(("kinds", kinds))
        .bind(("brands", brands))
        .bind(("case", case))
        .bind(("shop", shop.id.clone()))
        .bind(("subject", format!("product:{}", key_of(pid))))
        .bind(("title", row.title_en.clone()))
        .bind(("link", format!("/seller/listings/{}", key_of(pid))))
        .bind(("now", now))
        .await?
        .check()?;
        state.catalog_cache.invalidate();
        Ok(status)
    }

    /// Sends the caller's listing through screening; it needs at least one photo.
    pub async fn publish(
        state: &AppState,
        user: &SessionUser,
        id: &str,
    ) -> Result<String, AppError> {
        let db = &state.db;
        let shop = open_shop_of(db, user).await?;
        let row = own(db, &shop, id).await?;
        if photos(db, &row.id).await?.is_empty() {
            return Err(AppError::Invalid(vec![FieldError::new(
                "photos",
                FieldErrorCode::Required,
            )]));
        }
        Ok(place(state, &shop, &row, state.now())
            .await?
            .as_str()
            .to_string())
    }

    pub async fn delist(state: &AppState, user: &SessionUser, id: &str) -> Result<(), AppError> {
        let db = &state.db;
        let shop = shop_of(db, user).await?;
        let row = own(db, &shop, id).await?;
        db.query("UPDATE $id SET status = 'delisted', updated_at = $now")
            .bind(("id", row.id))
            .bind(("now", state.now()))
            .await?
            .check()?;
        state.catalog_cache.invalidate();
        Ok(())
    }

    /// A draft copy of the caller's listing (same fields and photos, no stock).
    pub async fn duplicate(
        state: &AppState,
        user: &SessionUser,
        id: &str,
    ) -> Result<String, AppError> {
        let db = &state.db;
        let shop = open_shop_of(db, user).await?;
        let row = own(db, &shop, id).await?;
        let key = new_key();
        let pid = RecordId::new("product", key.as_str());
        let now = state.now();
        let suffix = |t: &str, s: &str| format!("{t} {s}").chars().take(140).collect::<String>();
        db.query(
            "CREATE $new SET shop = $src.shop, category = $src.category, slug = $src.slug, title_en = $title_en, \
               title_zh = $title_zh, description_en = $src.description_en, description_zh = $src.description_zh, \
               brand = $src.brand, condition = $src.condition, price_minor = $src.price_minor, \
               compare_at_minor = $src.compare_at_minor, currency = $src.currency, sku = NONE, status = 'draft', \
               image_url = $src.image_url, weight_g = $src.weight_g, price_ref_minor = $src.price_ref_minor, \
               created_by = $user, created_at = $now, updated_at = $now;\n\
             CREATE $stock SET product = $new, shop = $src.shop, on_hand = 0, reserved = 0, low_stock_threshold = 5, updated_at = $now;\n\
             FOR $img IN (SELECT * FROM product_image WHERE product = $src.id ORDER BY position) {\n\
               CREATE product_image SET product = $new, url = $img.url, thumb_url = $img.thumb_url, position = $img.position, \
                 alt = $img.alt, width = $img.width, height = $img.height, phash = $img.phash;\n\
             };",
        )
        .bind(("new", pid))
        .bind(("stock", RecordId::new("stock", key.as_str())))
        .bind(("src", row.id.clone()))
        .bind(("title_en", suffix(&row.title_en, "(copy)")))
        .bind(("title_zh", suffix(&row.title_zh, "（複本）")))
        .bind(("user", user.id.clone()))
        .bind(("now", now))
        .await?
        .check()?;
        Ok(key)
    }

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
        let existing = photos(db, &row.id).await?;
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
        let r = db
            .query(
                "FOR $r IN $rows {\n\
                   LET $img = (CREATE product_image SET product = $id, url = $r.url, thumb_url = $r.thumb_url, \
                     media_keys = $r.media_keys, position = $r.position, alt = $alt, width = $r.width, height = $r.height, \
                     phash = $r.phash)[0].id;\n\
                   CREATE type::record('image_hash', record::id($img)) SET kind = 'listing', hash = $r.phash, \
                     b0 = $r.bands[0], b1 = $r.bands[1], b2 = $r.bands[2], b3 = $r.bands[3], url = $r.thumb_url, \
                     product = $id, shop = $shop;\n\
                 };\n\
                 UPDATE $id SET image_url = (SELECT VALUE thumb_url ?? url FROM product_image WHERE product = $id ORDER BY position LIMIT 1)[0], updated_at = $now;",
            )
            .bind(("rows", rows))
            .bind(("id", row.id.clone()))
            .bind(("shop", shop.id.clone()))
            .bind(("alt", row.title_en.clone()))
            .bind(("now", state.now()))
            .await
            .and_then(|r| r.check());
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
        let mut list = photos(db, &row.id).await?;
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
        db.query(
            "IF $removed != NONE { DELETE $removed; DELETE type::record('image_hash', record::id($removed)) };\n\
             FOR $i IN array::range(0, array::len($order)) { UPDATE $order[$i] SET position = $i };\n\
             UPDATE $id SET image_url = (SELECT VALUE thumb_url ?? url FROM product_image WHERE product = $id ORDER BY position LIMIT 1)[0] ?? $placeholder, updated_at = $now;",
        )
        .bind(("removed", removed.as_ref().map(|p| p.id.clone())))
        .bind(("order", order))
        .bind(("id", row.id.clone()))
        .bind(("placeholder", format!("/media/gen/{}/{}-0.svg", key_of(&row.category), key_of(&row.id))))
        .bind(("now", state.now()))
        .await?
        .check()?;
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

    /// Publishes scheduled listings whose time has come and delists live ones whose
    /// delisting time has passed. Returns (published, delisted).
    pub async fn run_schedule(db: &Db, now: DateTime<Utc>) -> Result<(i64, i64), surrealdb::Error> {
        let mut res = db
            .query(
                // NONE sorts before every datetime: the lower bound keeps unscheduled
                // listings out of the index range (and out of the result)
                "UPDATE product SET status = 'active', updated_at = $now \
                   WHERE publish_at >= $epoch AND publish_at <= $now AND status = 'scheduled' \
                   AND (delist_at = NONE OR delist_at > $now) RETURN VALUE id;\n\
                 UPDATE product SET status = 'delisted', updated_at = $now \
                   WHERE delist_at >= $epoch AND delist_at <= $now AND status IN ['active', 'scheduled', 'sold_out'] RETURN VALUE id;",
            )
            .bind(("now", now))
            .bind(("epoch", DateTime::<Utc>::UNIX_EPOCH))
            .await?
            .check()?;
        let published: Vec<RecordId> = res.take(0)?;
        let delisted: Vec<RecordId> = res.take(1)?;
        Ok((published.len() as i64, delisted.len() as i64))
    }

    /// Keeps sold-out listings of shops that hide them off the storefront, and puts
    /// them back once restocked (or once their shop shows sold-out listings again).
    /// Returns (hidden, restored).
    pub async fn sync_sold_out(db: &Db) -> Result<(usize, usize), surrealdb::Error> {
        let mut res = db
            .query(
                "LET $hide = (SELECT VALUE id FROM shop WHERE sold_out_display = 'hide');\n\
                 LET $out = (SELECT VALUE product FROM stock WHERE shop IN $hide AND on_hand - reserved <= 0);\n\
                 UPDATE $out SET status = 'sold_out' WHERE status = 'active' RETURN VALUE id;\n\
                 UPDATE product SET status = 'active' WHERE status = 'sold_out' \
                   AND (shop NOTINSIDE $hide OR id NOTINSIDE $out) RETURN VALUE id;",
            )
            .await?
            .check()?;
        let hidden: Vec<RecordId> = res.take(2)?;
        let restored: Vec<RecordId> = res.take(3)?;
        Ok((hidden.len(), restored.len()))
    }

    /// Whether the caller's shop hides (`hide`) or marks (`mark`) sold-out listings.
    pub async fn set_sold_out_display(
        state: &AppState,
        user: &SessionUser,
        mode: &str,
    ) -> Result<(), AppError> {
        if !matches!(mode, "hide" | "mark") {
            return Err(AppError::Invalid(vec![FieldError::new(
                "mode",
                FieldErrorCode::InvalidChoice,
            )]));
        }
        let shop = open_shop_of(&state.db, user).await?;
        state
            .db
            .query("UPDATE $shop SET sold_out_display = $mode")
            .bind(("shop", shop.id.clone()))
            .bind(("mode", mode.to_string()))
            .await?
            .check()?;
        sync_sold_out(&state.db).await?;
        state.catalog_cache.invalidate();
        Ok(())
    }
}

#[server(endpoint = "seller_listings")]
pub async fn get_seller_listings(
    #[server(default)] status: String,
) -> Result<ShopListings, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Seller).await?;
            imp::list(&state, &user, &status).await
        }
        .await,
    )
}

#[server(endpoint = "listing_editor")]
pub async fn get_listing_editor(#[server(default)] id: String) -> Result<ListingEditor, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Seller).await?;
            imp::editor(&state, &user, &id).await
        }
        .await,
    )
}

/// Creates (no `id`) or updates a listing; returns its id.
#[server(endpoint = "save_listing")]
pub async fn save_listing(
    #[server(default)] id: String,
    #[server(default)] title_en: String,
    #[server(default)] title_zh: String,
    #[server(default)] description_en: String,
    #[server(default)] description_zh: String,
    #[server(default)] category: String,
    #[server(default)] brand: String,
    #[server(default)] condition: String,
    #[server(default)] currency: String,
    #[server(default)] price: String,
    #[server(default)] compare_at: String,
    #[server(default)] sku: String,
    #[server(default)] stock: String,
    #[server(default)] low_stock: String,
    #[server(default)] weight_g: String,
    #[server(default)] publish_at: String,
    #[server(default)] delist_at: String,
) -> Result<String, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Seller).await?;
            let form = ListingForm {
                title_en,
                title_zh,
                description_en,
                description_zh,
                category,
                brand,
                condition,
                currency,
                price,
                compare_at,
                sku,
                stock,
                low_stock,
                weight_g,
                publish_at,
                delist_at,
            };
            imp::save(&state, &user, &id, form).await
        }
        .await,
    )
}

/// What a listing action did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionDone {
    /// The listing's new status.
    Status(String),
    /// The id of the new draft copy.
    Duplicated(String),
}

/// `op`: `publish` (through screening), `delist` or `duplicate`.
#[server(endpoint = "listing_action")]
pub async fn listing_action(id: String, op: String) -> Result<ActionDone, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Seller).await?;
            match op.as_str() {
                "publish" => imp::publish(&state, &user, &id)
                    .await
                    .map(ActionDone::Status),
                "delist" => imp::delist(&state, &user, &id)
                    .await
                    .map(|()| ActionDone::Status("delisted".into())),
                "duplicate" => imp::duplicate(&state, &user, &id)
                    .await
                    .map(ActionDone::Duplicated),
                _ => Err(AppError::Invalid(vec![domain::FieldError::new(
                    "op",
                    domain::FieldErrorCode::InvalidChoice,
                )])),
            }
        }
        .await,
    )
}

/// `op`: `up`, `down` or `remove` for one photo of a listing.
#[server(endpoint = "arrange_photo")]
pub async fn arrange_photo(id: String, photo: String, op: String) -> Result<(), AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Seller).await?;
            imp::arrange_photo(&state, &user, &id, &photo, &op).await
        }
        .await,
    )
}

/// Adds a variant (one or two option axes, e.g. Size and Colour) to a listing.
#[server(endpoint = "add_variant")]
pub async fn add_variant(
    id: String,
    #[server(default)] axis1_en: String,
    #[server(default)] axis1_zh: String,
    #[server(default)] axis2_en: String,
    #[server(default)] axis2_zh: String,
    #[server(default)] own1_en: String,
    #[server(default)] own1_zh: String,
    #[server(default)] own2_en: String,
    #[server(default)] own2_zh: String,
    #[server(default)] value1_en: String,
    #[server(default)] value1_zh: String,
    #[server(default)] value2_en: String,
    #[server(default)] value2_zh: String,
    #[server(default)] sku: String,
    #[server(default)] price: String,
    #[server(default)] stock: String,
) -> Result<String, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Seller).await?;
            imp::add_variant(
                &state,
                &user,
                &id,
                &[(axis1_en, axis1_zh), (axis2_en, axis2_zh)],
                &[(own1_en, own1_zh), (own2_en, own2_zh)],
                &[(value1_en, value1_zh), (value2_en, value2_zh)],
                &sku,
                &price,
                &stock,
            )
            .await
        }
        .await,
    )
}

/// `mode`: `hide` sold-out listings or `mark` them.
#[server(endpoint = "set_sold_out_display")]
pub async fn set_sold_out_display(mode: String) -> Result<(), AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Seller).await?;
            imp::set_sold_out_display(&state, &user, &mode).await
        }
        .await,
    )
}
