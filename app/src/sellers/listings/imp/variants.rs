//! A listing's variants: what the editor lists, and adding one.

use domain::listing::ListingStatus;
use domain::{FieldError, FieldErrorCode};
use surrealdb::types::RecordId;

use super::super::VariantSummary;
use super::publish::place;
use super::{new_key, own};
use crate::accounts::session::SessionUser;
use crate::ctx::open_shop_of;
use crate::error::AppError;
use crate::sellers::listings_store::{self as store, ListingRow, NewVariant, OptionRow};
use crate::state::{key_of, AppState, Db};

fn label(options: &[OptionRow]) -> String {
    options
        .iter()
        .map(|o| format!("{}: {}", o.axis_en, o.value_en))
        .collect::<Vec<_>>()
        .join(" · ")
}

pub(super) async fn variant_info(
    db: &Db,
    row: &ListingRow,
) -> Result<
    (
        Option<String>,
        Vec<(String, String, String, String)>,
        Vec<VariantSummary>,
    ),
    AppError,
> {
    let info = store::variant_info(db, &row.id).await?;
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
    let rows = store::variants(db, ids).await?;
    Ok((
        info.variant_of.as_ref().map(key_of),
        options,
        rows.into_iter()
            .map(|v| VariantSummary {
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

/// (English, Chinese) pairs: option axes or values.
type Pairs = Vec<(String, String)>;

/// The variant's option axes (the listing's own once it has variants, else the
/// form's), its values and the listing's own values, each refused on its field.
fn option_values(
    axes: &[(String, String)],
    own_values: &[(String, String)],
    values: &[(String, String)],
    existing: &[(String, String, String, String)],
    errors: &mut Vec<FieldError>,
) -> (Pairs, Pairs, Pairs) {
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
    (axes, values, own_values)
}

/// Whether `values` repeat the listing's own option values or an existing variant's
/// (compared by their English words, ignoring case).
fn values_taken(
    values: &[(String, String)],
    own_values: &[(String, String)],
    variants: &[VariantSummary],
) -> bool {
    let same = |a: &[(String, String)], b: &[(String, String)]| {
        a.iter()
            .zip(b)
            .all(|(x, y)| x.0.trim().eq_ignore_ascii_case(y.0.trim()))
    };
    same(values, own_values)
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
            same(values, &parts)
        })
}

/// The variant's price (in the shop's currency), stock and SKU, each refused on its own
/// field.
fn variant_terms(
    price: &str,
    stock: &str,
    sku: &str,
    currency: domain::Currency,
    errors: &mut Vec<FieldError>,
) -> (Option<domain::Money>, Option<i64>, String) {
    let price = domain::Money::parse_price(price, currency);
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
    let sku = sku.trim().to_string();
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
    (price, stock, sku)
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
    // a new size or colour of a locked listing would be a way back on sale
    if super::is_locked(&row) {
        return Err(AppError::Invalid(vec![FieldError::new(
            "status",
            FieldErrorCode::Locked,
        )]));
    }
    let (variant_of, existing, variants) = variant_info(db, &row).await?;
    if variant_of.is_some() {
        return Err(AppError::Invalid(vec![FieldError::new(
            "variant",
            FieldErrorCode::InvalidChoice,
        )]));
    }
    let mut errors = Vec::new();
    let (axes, values, own_values) =
        option_values(axes, own_values, values, &existing, &mut errors);
    let taken = values_taken(&values, &own_values, &variants);
    if taken {
        errors.push(FieldError::new("value", FieldErrorCode::SlugTaken));
    }
    if variants.len() >= 30 {
        errors.push(FieldError::new("value", FieldErrorCode::TooMany));
    }
    let currency = shop.currency();
    let (price, stock, sku) = variant_terms(price, stock, sku, currency, &mut errors);
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
    store::create_variant(
        db,
        NewVariant {
            src: row.id.clone(),
            new: vid.clone(),
            stock: RecordId::new("stock", key.as_str()),
            own_opts: opts(&own_values),
            opts: opts(&values),
            suffix_en,
            suffix_zh,
            price: price.amount_minor,
            price_ref: crate::catalog::store::to_reference(price.amount_minor, currency, &rates)
                .unwrap_or(0),
            sku: (!sku.is_empty()).then_some(sku),
            on_hand: stock,
            user: user.id.clone(),
            now,
        },
    )
    .await?;
    if matches!(
        ListingStatus::parse(&row.status),
        Some(ListingStatus::Active | ListingStatus::Scheduled)
    ) {
        let variant = own(db, &shop, &key).await?;
        place(state, &shop, &variant, now).await?;
    }
    Ok(key)
}
