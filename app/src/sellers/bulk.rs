//! Bulk work on a shop's listings: CSV export, CSV import (checked row by row, run in
//! the background with its progress stored so the page can show it) and the bulk
//! price and stock edit on the listings page.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportStatus {
    pub id: String,
    /// `running`, `done` or `refused` (all-or-nothing with bad rows: nothing imported).
    pub status: String,
    pub mode: String,
    pub total: i64,
    pub done: i64,
    pub created: i64,
    pub updated: i64,
    pub failed: i64,
    /// The first refused cells: (row, field, error code).
    pub errors: Vec<(i64, String, String)>,
}

#[cfg(feature = "ssr")]
pub mod imp {
    use std::collections::{HashMap, HashSet};

    use chrono::Utc;
    use domain::listing::Listing;
    use domain::listing_csv::{header_map, read_row, ImportMode, RowError, COLUMNS, MAX_ROWS};
    use domain::screening::Verdict;
    use domain::{FieldError, FieldErrorCode};
    use surrealdb::types::{RecordId, SurrealValue};

    use super::ImportStatus;
    use crate::accounts::session::SessionUser;
    use crate::ctx::{shop_of, SellerShop};
    use crate::error::{internal, AppError};
    use crate::sellers::money::imp::csv_field;
    use crate::state::{key_of, AppState, Db};

    /// Largest CSV upload (about 20,000 rows of typical listings).
    pub const MAX_CSV_BYTES: usize = 16 * 1024 * 1024;
    const BATCH: usize = 250;

    /// Every listing of the caller's shop (variants included) as CSV.
    pub async fn export_csv(state: &AppState, user: &SessionUser) -> Result<String, AppError> {
        #[derive(SurrealValue)]
        struct Row {
            id: RecordId,
            sku: Option<String>,
            title_en: String,
            title_zh: String,
            description_en: String,
            description_zh: String,
            category: RecordId,
            brand: Option<String>,
            condition: String,
            price_minor: i64,
            compare_at_minor: Option<i64>,
            on_hand: Option<i64>,
            low: Option<i64>,
            weight_g: Option<i64>,
        }
        let shop = shop_of(&state.db, user).await?;
        let c = shop.currency();
        let mut res = state
            .db
            .query(
                "SELECT id, sku, title_en, title_zh, description_en, description_zh, category, brand, condition, \
                   price_minor, compare_at_minor, weight_g, \
                   type::record('stock', record::id(id)).on_hand AS on_hand, \
                   type::record('stock', record::id(id)).low_stock_threshold AS low \
                 FROM product WHERE shop = $shop ORDER BY updated_key LIMIT 50000",
            )
            .bind(("shop", shop.id.clone()))
            .await?
            .check()?;
        let rows: Vec<Row> = res.take(0)?;
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

    /// Reads and checks every row (CSV syntax, columns, values, categories, ids that
    /// must be this shop's, stock not below what buyers reserved).
    async fn check(db: &Db, shop: &SellerShop, bytes: &[u8]) -> Result<Checked, AppError> {
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
        let currency = shop.currency();
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
        // categories and ids, each checked with one query
        #[derive(SurrealValue)]
        struct Own {
            key: String,
            reserved: Option<i64>,
        }
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
        let mut res = db
            .query(
                "SELECT VALUE slug FROM category WHERE slug IN $cats AND parent != NONE;\n\
                 SELECT record::id(id) AS key, type::record('stock', record::id(id)).reserved AS reserved \
                   FROM $ids WHERE shop = $shop;",
            )
            .bind(("cats", cats))
            .bind(("ids", ids))
            .bind(("shop", shop.id.clone()))
            .await?
            .check()?;
        let known_cats: HashSet<String> = res.take::<Vec<String>>(0)?.into_iter().collect();
        let own: HashMap<String, i64> = res
            .take::<Vec<Own>>(1)?
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

    fn row_json(
        key: &str,
        l: &Listing,
        rates: &domain::fx::RateTable,
        hold: bool,
    ) -> serde_json::Value {
        let title_en = if l.title_en.is_empty() {
            l.title_zh.clone()
        } else {
            l.title_en.clone()
        };
        let title_zh = if l.title_zh.is_empty() {
            l.title_en.clone()
        } else {
            l.title_zh.clone()
        };
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
            "hold": hold,
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
        db.query(
            "CREATE $job SET shop = $shop, user = $user, mode = $mode, status = $status, total = $total, done = 0, \
               created = 0, updated = 0, failed = $failed, errors = $errors, created_at = $now, updated_at = $now",
        )
        .bind(("job", RecordId::new("import_job", key.as_str())))
        .bind(("shop", shop.id.clone()))
        .bind(("user", user.id.clone()))
        .bind(("mode", if mode == ImportMode::AllOrNothing { "all" } else { "valid" }.to_string()))
        .bind(("status", if refused { "refused" } else { "running" }.to_string()))
        .bind(("total", checked.total as i64))
        .bind(("failed", checked.total.saturating_sub(checked.rows.len()) as i64))
        .bind(("errors", errors))
        .bind(("now", state.now()))
        .await?
        .check()?;
        Ok((key, (!refused).then_some(checked.rows)))
    }

    /// Writes the checked rows in batches, recording progress after each batch.
    /// Live listings whose new text reads like a counterfeit are held for review.
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
        let ctx =
            crate::moderation::screening::imp::shop_context(db, &shop.id, state.now()).await?;
        for chunk in rows.chunks(BATCH) {
            let mut creates = Vec::new();
            let mut updates = Vec::new();
            for (_, id, l) in chunk {
                let texts = [
                    l.title_en.as_str(),
                    l.title_zh.as_str(),
                    l.description_en.as_str(),
                    l.description_zh.as_str(),
                ];
                // text, brands and the shop's record (imported rows have no photos yet)
                let s = crate::moderation::screening::imp::assess(
                    &ctx,
                    &texts,
                    l.price.amount_minor,
                    None,
                    &[],
                );
                let hold = s.verdict == Verdict::Hold;
                match id {
                    Some(k) => updates.push(row_json(k, l, &rates, hold)),
                    None => {
                        let k = crate::sellers::listings::imp::new_key();
                        creates.push(row_json(&k, l, &rates, hold));
                    }
                }
            }
            let now = Utc::now().max(state.now());
            db.query(
                "FOR $r IN $creates {\n\
                   LET $p = type::record('product', $r.key);\n\
                   CREATE $p SET shop = $shop, category = type::record('category', $r.category), slug = $r.slug, \
                     title_en = $r.title_en, title_zh = $r.title_zh, description_en = $r.description_en, \
                     description_zh = $r.description_zh, brand = $r.brand ?? NONE, condition = $r.condition, price_minor = $r.price, \
                     compare_at_minor = $r.compare_at ?? NONE, currency = $currency, sku = $r.sku ?? NONE, status = 'draft', \
                     image_url = $r.placeholder, weight_g = $r.weight ?? NONE, price_ref_minor = $r.price_ref, created_by = $user, \
                     created_at = $now, updated_at = $now;\n\
                   CREATE type::record('stock', $r.key) SET product = $p, shop = $shop, on_hand = $r.stock, reserved = 0, \
                     low_stock_threshold = $r.low, updated_at = $now;\n\
                   CREATE stock_event SET product = $p, shop = $shop, delta = $r.stock, on_hand = $r.stock, reason = 'import', actor = $user, at = $now;\n\
                 };\n\
                 FOR $r IN $updates {\n\
                   LET $p = type::record('product', $r.key);\n\
                   LET $before = (SELECT VALUE on_hand FROM type::record('stock', $r.key))[0] ?? 0;\n\
                   UPDATE $p SET category = type::record('category', $r.category), slug = $r.slug, title_en = $r.title_en, \
                     title_zh = $r.title_zh, description_en = $r.description_en, description_zh = $r.description_zh, \
                     brand = $r.brand ?? NONE, condition = $r.condition, price_minor = $r.price, compare_at_minor = $r.compare_at ?? NONE, \
                     sku = $r.sku ?? NONE, weight_g = $r.weight ?? NONE, price_ref_minor = $r.price_ref, updated_at = $now, \
                     status = IF $r.hold AND status IN ['active', 'scheduled'] { 'held' } ELSE { status } WHERE shop = $shop;\n\
                   UPDATE type::record('stock', $r.key) SET on_hand = $r.stock, low_stock_threshold = $r.low, updated_at = $now WHERE shop = $shop;\n\
                   IF $r.stock != $before { CREATE stock_event SET product = $p, shop = $shop, delta = $r.stock - $before, on_hand = $r.stock, reason = 'import', actor = $user, at = $now };\n\
                 };\n\
                 UPDATE $job SET done = done + $n, created = created + $c, updated = updated + $u, updated_at = $now;",
            )
            .bind(("creates", creates.clone()))
            .bind(("updates", updates.clone()))
            .bind(("shop", shop.id.clone()))
            .bind(("currency", shop.currency.clone()))
            .bind(("user", user.id.clone()))
            .bind(("job", job_id.clone()))
            .bind(("n", chunk.len() as i64))
            .bind(("c", creates.len() as i64))
            .bind(("u", updates.len() as i64))
            .bind(("now", now))
            .await?
            .check()?;
        }
        db.query("UPDATE $job SET status = 'done', updated_at = $now")
            .bind(("job", job_id))
            .bind(("now", state.now()))
            .await?
            .check()?;
        state.catalog_cache.invalidate();
        Ok(())
    }

    pub async fn import_status(
        state: &AppState,
        user: &SessionUser,
        job: &str,
    ) -> Result<ImportStatus, AppError> {
        #[derive(SurrealValue)]
        struct Job {
            shop: RecordId,
            status: String,
            mode: String,
            total: i64,
            done: i64,
            created: i64,
            updated: i64,
            failed: i64,
            errors: Vec<String>,
        }
        if !crate::state::is_record_key(job) {
            return Err(AppError::NotFound);
        }
        let shop = shop_of(&state.db, user).await?;
        let mut res = state
            .db
            .query("SELECT shop, status, mode, total, done, created, updated, failed, errors FROM $job")
            .bind(("job", RecordId::new("import_job", job)))
            .await?
            .check()?;
        let rows: Vec<Job> = res.take(0)?;
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
        #[derive(SurrealValue)]
        struct Own {
            key: String,
            reserved: Option<i64>,
            on_hand: Option<i64>,
        }
        let rids: Vec<RecordId> = ids
            .iter()
            .filter(|k| crate::state::is_record_key(k))
            .map(|k| RecordId::new("product", k.as_str()))
            .collect();
        let mut res = db
            .query(
                "SELECT record::id(id) AS key, type::record('stock', record::id(id)).reserved AS reserved, \
                   type::record('stock', record::id(id)).on_hand AS on_hand FROM $ids WHERE shop = $shop",
            )
            .bind(("ids", rids))
            .bind(("shop", shop.id.clone()))
            .await?
            .check()?;
        let own: HashMap<String, (i64, i64)> = res
            .take::<Vec<Own>>(0)?
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
            let price = domain::Money::parse_major(&prices[i], shop.currency())
                .filter(|m| m.amount_minor > 0);
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
        db.query(
            "BEGIN TRANSACTION;\n\
             FOR $r IN $rows {\n\
               UPDATE type::record('product', $r.key) SET price_minor = $r.price, price_ref_minor = $r.price_ref, updated_at = $now WHERE shop = $shop;\n\
               UPDATE type::record('stock', $r.key) SET on_hand = $r.stock, updated_at = $now WHERE shop = $shop;\n\
               IF $r.delta != 0 { CREATE stock_event SET product = type::record('product', $r.key), shop = $shop, delta = $r.delta, on_hand = $r.stock, reason = 'bulk', actor = $user, at = $now };\n\
             };\n\
             COMMIT TRANSACTION;",
        )
        .bind(("rows", rows))
        .bind(("shop", shop.id.clone()))
        .bind(("user", user.id.clone()))
        .bind(("now", state.now()))
        .await?
        .check()
        .map_err(|e| internal("bulk update", e))?;
        state.catalog_cache.invalidate();
        Ok(n)
    }
}

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "import_status")]
pub async fn get_import_status(id: String) -> Result<ImportStatus, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Seller).await?;
            imp::import_status(&state, &user, &id).await
        }
        .await,
    )
}

/// New prices and stock for several listings at once (all or none).
#[server(endpoint = "bulk_update")]
pub async fn bulk_update(
    #[server(default)] id: Vec<String>,
    #[server(default)] price: Vec<String>,
    #[server(default)] stock: Vec<String>,
) -> Result<usize, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Seller).await?;
            imp::bulk_update(&state, &user, id, price, stock).await
        }
        .await,
    )
}
