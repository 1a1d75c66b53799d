//! Bulk work on the server: the CSV export, the import (checked row by row, then
//! written in batches with its progress recorded) and the bulk price and stock edit.
//! The queries are in [`crate::sellers::bulk_store`].

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use domain::keys::ImportJobKey;
use domain::listing::Listing;
use domain::listing_csv::{header_map, read_row, ImportMode, RowError, COLUMNS, MAX_ROWS};
use domain::{FieldError, FieldErrorCode};
use surrealdb::types::RecordId;

use super::ImportStatus;
use crate::accounts::session::SessionUser;
use crate::ctx::{shop_of, SellerShop};
use crate::error::{internal, AppError};
use crate::sellers::bulk_store::{self as store, ImportBatch, NewImportJob};
use crate::sellers::money::imp::csv_field;
use crate::state::{key_of, AppState, Db};

/// Largest CSV upload (about 20,000 rows of typical listings).
pub const MAX_CSV_BYTES: usize = 16 * 1024 * 1024;
const BATCH: usize = 250;

/// Every listing of the caller's shop (variants included) as CSV.
pub async fn export_csv(state: &AppState, user: &SessionUser) -> Result<String, AppError> {
    let shop = shop_of(&state.db, user).await?;
    let c = shop.currency();
    let rows = store::export_rows(&state.db, &shop.id).await?;
    let money = |m: i64| domain::Money::new(m, c).decimal_string();
    let mut out = COLUMNS.join(",");
    out.push('\n');
    for r in rows {
        let cells = [
            key_of(&r.id),
            r.sku.unwrap_or_default(),
            r.title_en,
            r.title_zh,
            r.description_en,
            r.description_zh,
            key_of(&r.category),
            r.brand.unwrap_or_default(),
            r.condition,
            money(r.price_minor),
            r.compare_at_minor.map(money).unwrap_or_default(),
            r.on_hand.unwrap_or(0).to_string(),
            r.low.unwrap_or(5).to_string(),
            r.weight_g.map(|w| w.to_string()).unwrap_or_default(),
        ];
        out.push_str(
            &cells
                .iter()
                .map(|c| csv_field(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    Ok(out)
}

struct Checked {
    rows: Vec<(usize, Option<String>, Listing)>,
    errors: Vec<RowError>,
    total: usize,
}

/// A CSV file's rows read and checked one by one (syntax, columns, values), with the
/// rows refused and how many rows the file has (blank ones not counted).
fn read_csv(bytes: &[u8], currency: domain::Currency) -> Result<Checked, AppError> {
    let bad_file = |code| AppError::Invalid(vec![FieldError::new("file", code)]);
    if bytes.is_empty() {
        return Err(bad_file(FieldErrorCode::Required));
    }
    if bytes.len() > MAX_CSV_BYTES {
        return Err(bad_file(FieldErrorCode::FileTooLarge));
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|_| bad_file(FieldErrorCode::InvalidChoice))?
        .iter()
        .map(str::to_string)
        .collect();
    let map = header_map(&header).map_err(|_| bad_file(FieldErrorCode::InvalidChoice))?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut total = 0;
    for (i, record) in reader.records().enumerate() {
        let row = i + 1;
        total += 1;
        if total > MAX_ROWS {
            return Err(bad_file(FieldErrorCode::TooMany));
        }
        let cells: Vec<String> = match record {
            Ok(r) => r.iter().map(str::to_string).collect(),
            Err(_) => {
                errors.push(RowError {
                    row,
                    field: "row".into(),
                    code: FieldErrorCode::InvalidChoice,
                });
                continue;
            }
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            total -= 1;
            continue;
        }
        match read_row(row, &cells, &map, currency) {
            Ok((id, listing)) => rows.push((row, id, listing)),
            Err(es) => errors.extend(es),
        }
    }
    Ok(Checked {
        rows,
        errors,
        total,
    })
}

/// Reads and checks every row (CSV syntax, columns, values, then categories, ids that
/// must be this shop's, stock not below what buyers reserved).
async fn check(db: &Db, shop: &SellerShop, bytes: &[u8]) -> Result<Checked, AppError> {
    let Checked {
        mut rows,
        mut errors,
        total,
    } = read_csv(bytes, shop.currency())?;
    // categories and ids, each checked with one query
    let cats: Vec<String> = rows
        .iter()
        .map(|(_, _, l)| l.category.clone())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let ids: Vec<RecordId> = rows
        .iter()
        .filter_map(|(_, id, _)| id.as_ref().map(|k| RecordId::new("product", k.as_str())))
        .collect();
    let (known_cats, own) = store::known_categories_and_own(db, cats, ids, &shop.id).await?;
    let known_cats: HashSet<String> = known_cats.into_iter().collect();
    let own: HashMap<String, i64> = own
        .into_iter()
        .map(|o| (o.key, o.reserved.unwrap_or(0)))
        .collect();
    let mut seen = HashSet::new();
    rows.retain(|(row, id, l)| {
        let mut ok = true;
        if !known_cats.contains(&l.category) {
            errors.push(RowError {
                row: *row,
                field: "category".into(),
                code: FieldErrorCode::InvalidChoice,
            });
            ok = false;
        }
        if let Some(id) = id {
            match own.get(id) {
                // another shop's listing, or none: the same answer
                None => {
                    errors.push(RowError {
                        row: *row,
                        field: "id".into(),
                        code: FieldErrorCode::InvalidChoice,
                    });
                    ok = false;
                }
                Some(reserved) if l.stock < *reserved => {
                    errors.push(RowError {
                        row: *row,
                        field: "stock".into(),
                        code: FieldErrorCode::InvalidNumber,
                    });
                    ok = false;
                }
                Some(_) if !seen.insert(id.clone()) => {
                    errors.push(RowError {
                        row: *row,
                        field: "id".into(),
                        code: FieldErrorCode::TooMany,
                    });
                    ok = false;
                }
                Some(_) => {}
            }
        }
        ok
    });
    errors.sort_by_key(|e| e.row);
    Ok(Checked {
        rows,
        errors,
        total,
    })
}

fn row_json(key: &str, l: &Listing, rates: &domain::fx::RateTable) -> serde_json::Value {
    let (title_en, title_zh) = l.titles();
    serde_json::json!({
        "key": key,
        "category": l.category,
        "slug": domain::slug::Slug::from_text(&title_en).map(|s| s.as_str().to_string()).unwrap_or_else(|| "item".into()),
        "title_en": title_en,
        "title_zh": title_zh,
        "description_en": l.description_en,
        "description_zh": l.description_zh,
        "brand": l.brand,
        "condition": l.condition.as_str(),
        "price": l.price.amount_minor,
        "compare_at": l.compare_at.map(|m| m.amount_minor),
        "sku": l.sku,
        "stock": l.stock,
        "low": l.low_stock,
        "weight": l.weight_g,
        "price_ref": crate::catalog::store::to_reference(l.price.amount_minor, l.price.currency, rates).unwrap_or(0),
        "placeholder": format!("/media/gen/{}/{key}-0.svg", l.category),
    })
}

/// Checks the file and records an import job; the rows are written by
/// [`run_import`] (in the background from the server function). With
/// all-or-nothing and any bad row, the job is `refused` and nothing is written.
pub async fn start_import(
    state: &AppState,
    user: &SessionUser,
    bytes: &[u8],
    mode: &str,
) -> Result<(String, Option<Vec<(usize, Option<String>, Listing)>>), AppError> {
    let db = &state.db;
    let shop = shop_of(db, user).await?;
    if shop.status != "approved" {
        return Err(AppError::Forbidden);
    }
    let mode = ImportMode::parse(mode).ok_or_else(|| {
        AppError::Invalid(vec![FieldError::new("mode", FieldErrorCode::InvalidChoice)])
    })?;
    let checked = check(db, &shop, bytes).await?;
    let refused = mode == ImportMode::AllOrNothing && !checked.errors.is_empty();
    let key = crate::accounts::session::random_token()[..20].to_string();
    let errors: Vec<String> = checked
        .errors
        .iter()
        .take(1000)
        .map(|e| format!("{}|{}|{:?}", e.row, e.field, e.code))
        .collect();
    store::create_import_job(
        db,
        NewImportJob {
            job: RecordId::new("import_job", key.as_str()),
            shop: shop.id.clone(),
            user: user.id.clone(),
            mode: if mode == ImportMode::AllOrNothing {
                "all"
            } else {
                "valid"
            }
            .to_string(),
            status: if refused { "refused" } else { "running" }.to_string(),
            total: checked.total as i64,
            failed: checked.total.saturating_sub(checked.rows.len()) as i64,
            errors,
            now: state.now(),
        },
    )
    .await?;
    Ok((key, (!refused).then_some(checked.rows)))
}

/// Writes the checked rows in batches, recording progress after each batch. New rows
/// are drafts (publishing screens them); a live listing the file changed goes through
/// the editor's screening afterwards (`listings::imp::rescreen_edited`): text, brand,
/// price and photos, and a case when the verdict asks for one.
pub async fn run_import(
    state: &AppState,
    user: &SessionUser,
    job: &str,
    rows: Vec<(usize, Option<String>, Listing)>,
) -> Result<(), AppError> {
    let db = &state.db;
    let shop = shop_of(db, user).await?;
    let rates = crate::fx::imp::rate_table(db).await?;
    let job_id = RecordId::new("import_job", job);
    let mut edited = Vec::new();
    for chunk in rows.chunks(BATCH) {
        let mut creates = Vec::new();
        let mut updates = Vec::new();
        for (_, id, l) in chunk {
            match id {
                Some(k) => {
                    updates.push(row_json(k, l, &rates));
                    edited.push(k.clone());
                }
                None => {
                    let k = crate::sellers::listings::imp::new_key();
                    creates.push(row_json(&k, l, &rates));
                }
            }
        }
        let now = Utc::now().max(state.now());
        store::import_batch(
            db,
            ImportBatch {
                creates: creates.clone(),
                updates: updates.clone(),
                shop: shop.id.clone(),
                currency: shop.currency.clone(),
                user: user.id.clone(),
                job: job_id.clone(),
                n: chunk.len() as i64,
                c: creates.len() as i64,
                u: updates.len() as i64,
                now,
            },
        )
        .await?;
    }
    for key in &edited {
        crate::sellers::listings::imp::rescreen_edited(state, &shop, key, state.now()).await?;
    }
    store::finish_import_job(db, job_id, state.now()).await?;
    state.catalog_cache.invalidate();
    Ok(())
}

pub async fn import_status(
    state: &AppState,
    user: &SessionUser,
    job: &ImportJobKey,
) -> Result<ImportStatus, AppError> {
    let shop = shop_of(&state.db, user).await?;
    let rows = store::import_job(&state.db, crate::state::record(job)).await?;
    let j = rows
        .into_iter()
        .find(|j| j.shop == shop.id)
        .ok_or(AppError::NotFound)?;
    Ok(ImportStatus {
        id: job.to_string(),
        status: j.status,
        mode: j.mode,
        total: j.total,
        done: j.done,
        created: j.created,
        updated: j.updated,
        failed: j.failed,
        errors: j
            .errors
            .iter()
            .take(200)
            .filter_map(|e| {
                let mut parts = e.splitn(3, '|');
                Some((
                    parts.next()?.parse().ok()?,
                    parts.next()?.to_string(),
                    parts.next()?.to_string(),
                ))
            })
            .collect(),
    })
}

/// The listings page's bulk edit: new prices and stock for several of the caller's
/// listings, all checked first and written together (or not at all).
pub async fn bulk_update(
    state: &AppState,
    user: &SessionUser,
    ids: Vec<String>,
    prices: Vec<String>,
    stocks: Vec<String>,
) -> Result<usize, AppError> {
    let db = &state.db;
    let shop = shop_of(db, user).await?;
    if shop.status != "approved" {
        return Err(AppError::Forbidden);
    }
    if ids.len() != prices.len() || ids.len() != stocks.len() || ids.len() > 500 {
        return Err(AppError::Invalid(vec![FieldError::new(
            "rows",
            FieldErrorCode::InvalidChoice,
        )]));
    }
    let rids: Vec<RecordId> = ids
        .iter()
        .filter(|k| crate::state::is_record_key(k))
        .map(|k| RecordId::new("product", k.as_str()))
        .collect();
    let own = store::own_stock(db, rids, &shop.id).await?;
    let own: HashMap<String, (i64, i64)> = own
        .into_iter()
        .map(|o| (o.key, (o.reserved.unwrap_or(0), o.on_hand.unwrap_or(0))))
        .collect();
    let rates = crate::fx::imp::rate_table(db).await?;
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let Some((reserved, before)) = own.get(id) else {
            return Err(AppError::NotFound);
        };
        let price = domain::Money::parse_price(&prices[i], shop.currency());
        let stock = stocks[i]
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|s| (*reserved..=domain::listing::MAX_STOCK).contains(s));
        if price.is_none() {
            errors.push(FieldError::new(
                &format!("price[{i}]"),
                FieldErrorCode::InvalidPrice,
            ));
        }
        if stock.is_none() {
            errors.push(FieldError::new(
                &format!("stock[{i}]"),
                FieldErrorCode::InvalidNumber,
            ));
        }
        if let (Some(p), Some(s)) = (price, stock) {
            rows.push(serde_json::json!({
                "key": id, "price": p.amount_minor, "stock": s, "delta": s - before,
                "price_ref": crate::catalog::store::to_reference(p.amount_minor, p.currency, &rates).unwrap_or(0),
            }));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let n = rows.len();
    store::bulk_update(db, rows, &shop.id, &user.id, state.now())
        .await?
        .check()
        .map_err(|e| internal("bulk update", e))?;
    state.catalog_cache.invalidate();
    Ok(n)
}
