//! Rights owners and notice-and-action (server functions and rules; the pages are in
//! `notice_views`). A user registers as a rights owner with proof; a moderator verifies
//! them (their brand joins the screening registry). A verified owner files a notice that
//! names listings by URL or id; each listing becomes a `notice_item` that runs through
//! `domain::notice` — validated and taken down by a moderator (at once for a trusted
//! notifier), the seller notified with a counter-notice window, a counter-notice
//! forwarded to the owner, and a background job that upholds the takedown when the
//! window passes in silence or reinstates the listing when the owner shows no legal
//! action in time. Upheld items give the shop a strike; every step is audited.

#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub const NOTICE_KINDS: [&str; 4] = ["trademark", "copyright", "counterfeit", "design"];

/// The product key named by a line of a notice: a bare key, or a product URL
/// (`https://…/p/<key>/<slug>` or `/p/<key>`). `None` when the line names nothing.
pub fn listing_key(line: &str) -> Option<String> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    let path = match line.find("/p/") {
        Some(i) => &line[i + 3..],
        None => line,
    };
    let key: String = path
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_string();
    let ok = !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then_some(key)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerView {
    pub key: String,
    pub name: String,
    pub brand_name: String,
    pub registration_number: String,
    pub jurisdiction: String,
    pub evidence: String,
    pub status: String,
    pub standing: String,
    pub upheld: i64,
    pub rejected: i64,
    pub reinstated: i64,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemView {
    pub key: String,
    pub notice: String,
    pub kind: String,
    pub evidence: String,
    pub owner_name: String,
    pub product_key: String,
    pub product_title: String,
    pub shop_name: String,
    pub state: String,
    pub deadline: Option<i64>,
    pub counter_text: Option<String>,
    pub created_at: i64,
    pub fast_track: bool,
    pub owner_standing: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandView {
    pub name: String,
    /// Aliases (both languages) and misspellings screening looks for.
    pub terms: Vec<String>,
    /// Slugs of shops authorised to sell the brand.
    pub authorised: Vec<String>,
    pub references: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightsPage {
    pub owner: Option<OwnerView>,
    pub items: Vec<ItemView>,
    pub brand: Option<BrandView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeAdmin {
    pub owners: Vec<OwnerView>,
    /// Items waiting for validation.
    pub received: Vec<ItemView>,
    /// Everything else, newest first.
    pub recent: Vec<ItemView>,
}

#[cfg(feature = "ssr")]
pub mod imp {
    use chrono::{DateTime, TimeZone, Utc};
    use domain::notice::{apply, due, Deadlines, Event, Item, ReputationPolicy, State, Track};
    use domain::{FieldError, FieldErrorCode};
    use surrealdb::types::{RecordId, SurrealValue, Variables};

    use super::*;
    use crate::accounts::session::SessionUser;
    use crate::error::{bounded_text as text, invalid};
    use crate::state::{is_record_key, key_of, AppState, Db};
    use backend::db::{Audit, AuditAction, Refusal, Stmts, Tx};
    use surrealdb::types::ToSql;

    pub async fn deadlines(db: &Db) -> Result<(Deadlines, ReputationPolicy), AppError> {
        #[derive(SurrealValue)]
        struct S {
            notice_seller_days: i64,
            notice_reinstate_days: i64,
            trusted_min_decided: i64,
            trusted_from_percent: i64,
            flagged_from_percent: i64,
        }
        let mut res = db
            .query("SELECT notice_seller_days, notice_reinstate_days, trusted_min_decided, trusted_from_percent, flagged_from_percent FROM platform_setting:main")
            .await?
            .check()?;
        let rows: Vec<S> = res.take(0)?;
        let u = |v: i64| u32::try_from(v.max(0)).unwrap_or(0);
        Ok(rows
            .first()
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

    #[derive(SurrealValue)]
    struct OwnerRow {
        id: RecordId,
        name: String,
        brand_name: String,
        registration_number: String,
        jurisdiction: String,
        evidence: String,
        status: String,
        upheld: i64,
        rejected: i64,
        reinstated: i64,
        created_at: DateTime<Utc>,
        user: RecordId,
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

    const OWNER_FIELDS: &str = "id, name, brand_name, registration_number, jurisdiction, evidence, status, upheld, rejected, reinstated, created_at, user";

    /// A rights owner's record id, derived from the user's (user keys are e-mail
    /// addresses, which are not plain record keys).
    pub fn owner_id(user: &RecordId) -> RecordId {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(key_of(user).as_bytes());
        RecordId::new("rights_owner", hex::encode(&digest[..16]).as_str())
    }

    async fn owner_of(db: &Db, user: &SessionUser) -> Result<Option<OwnerRow>, AppError> {
        let mut res = db
            .query(format!("SELECT {OWNER_FIELDS} FROM $id"))
            .bind(("id", owner_id(&user.id)))
            .await?
            .check()?;
        let rows: Vec<OwnerRow> = res.take(0)?;
        Ok(rows.into_iter().next())
    }

    /// Registers the caller as a rights owner (or updates a registration that is not
    /// verified yet); a moderator verifies it.
    pub async fn register(
        state: &AppState,
        user: &SessionUser,
        name: &str,
        brand_name: &str,
        registration_number: &str,
        jurisdiction: &str,
        evidence: &str,
    ) -> Result<(), AppError> {
        let mut errs = Vec::new();
        let name = text(name, "name", 2, 120, &mut errs);
        let brand_name = text(brand_name, "brand_name", 2, 80, &mut errs);
        let reg = text(registration_number, "registration_number", 3, 60, &mut errs);
        let jurisdiction = text(jurisdiction, "jurisdiction", 2, 60, &mut errs);
        let evidence = text(evidence, "evidence", 10, 4000, &mut errs);
        if !errs.is_empty() {
            return Err(AppError::Invalid(errs));
        }
        if let Some(o) = owner_of(&state.db, user).await? {
            if o.status == "verified" {
                return Err(invalid("status", FieldErrorCode::AlreadyDecided));
            }
        }
        let now = state.now();
        state
            .db
            .query(
                "UPSERT $id SET user = $user, name = $name, brand_name = $brand, registration_number = $reg, \
                   jurisdiction = $jur, evidence = $evidence, status = 'pending', created_at = $now;\n\
                 CREATE audit_log SET actor = $user, action = 'rights_owner.registered', subject = type::string($id), \
                   detail = { brand: $brand, registration_number: $reg, jurisdiction: $jur }, at = $now;",
            )
            .bind(("id", owner_id(&user.id)))
            .bind(("user", user.id.clone()))
            .bind(("name", name))
            .bind(("brand", brand_name))
            .bind(("reg", reg))
            .bind(("jur", jurisdiction))
            .bind(("evidence", evidence))
            .bind(("now", now))
            .await?
            .check()?;
        Ok(())
    }

    /// A moderator verifies (the brand joins the registry) or rejects a registration.
    pub async fn decide_owner(
        state: &AppState,
        moderator: &SessionUser,
        key: &str,
        verify: bool,
        statement: &str,
    ) -> Result<(), AppError> {
        if !is_record_key(key) {
            return Err(AppError::NotFound);
        }
        if !verify && statement.trim().chars().count() < domain::strikes::MIN_STATEMENT {
            return Err(invalid("statement", FieldErrorCode::Required));
        }
        let id = RecordId::new("rights_owner", key);
        let mut res = state
            .db
            .query("SELECT VALUE brand_name FROM $id")
            .bind(("id", id.clone()))
            .await?
            .check()?;
        let brand: Vec<String> = res.take(0)?;
        let brand = brand.into_iter().next().ok_or(AppError::NotFound)?;
        let slug = domain::slug::Slug::from_text(&brand)
            .map(|s| s.as_str().to_string())
            .unwrap_or_else(|| key.to_string());
        let to = if verify { "verified" } else { "rejected" };
        let statement = if statement.trim().is_empty() {
            "Verified · 已驗證".to_string()
        } else {
            statement.trim().to_string()
        };
        let now = state.now();
        let audit = Audit::on(
            Some(&moderator.id),
            AuditAction::RightsOwnerDecided(to),
            &id,
            now,
        )
        .detail(serde_json::json!({ "statement": statement }));
        let mut s = Stmts::new();
        s.bind("id", id)
            .bind("to", to.to_string())
            .bind("actor", moderator.id.clone())
            .bind("statement", statement)
            .bind("slug", slug)
            .sql("LET $moved = (UPDATE $id SET status = $to, decided_by = $actor WHERE status = 'pending' RETURN AFTER)")
            .refuse_if("array::len($moved) = 0", Refusal::AlreadyDecided)
            .sql(
                "IF $to = 'verified' {\n\
                   LET $existing = (SELECT VALUE id FROM brand WHERE name = $moved[0].brand_name LIMIT 1);\n\
                   IF array::len($existing) > 0 { UPDATE $existing[0] SET owner = $id }\n\
                   ELSE { CREATE type::record('brand', $slug) SET name = $moved[0].brand_name, terms = [], owner = $id, authorised_shops = [], created_at = $now };\n\
                 }",
            )
            .audit(audit)
            .sql(
                "CREATE outbox SET recipient = $moved[0].user, kind = 'moderation_notice', \
                 subject = 'Rights owner registration · 權利人登記', body = $statement, link = '/rights', created_at = $now",
            );
        let mut tx = Tx::new();
        tx.bind("now", now).add(s);
        tx.run(&state.db)
            .await?
            .map_err(|_| invalid("status", FieldErrorCode::AlreadyDecided))
    }

    #[derive(SurrealValue)]
    struct ItemRow {
        id: RecordId,
        notice: RecordId,
        owner: RecordId,
        product: RecordId,
        shop: RecordId,
        state: String,
        deadline: Option<DateTime<Utc>>,
        counter_text: Option<String>,
        created_at: DateTime<Utc>,
        kind: Option<String>,
        evidence: Option<String>,
        fast_track: Option<bool>,
        owner_name: Option<String>,
        title: Option<String>,
        shop_name: Option<String>,
        listing_status: Option<String>,
        upheld: Option<i64>,
        rejected: Option<i64>,
        reinstated: Option<i64>,
    }

    const ITEM_FIELDS: &str = "id, notice, owner, product, shop, state, deadline, counter_text, created_at, listing_status, \
        notice.kind AS kind, notice.evidence AS evidence, notice.fast_track AS fast_track, owner.name AS owner_name, \
        owner.upheld AS upheld, owner.rejected AS rejected, owner.reinstated AS reinstated, \
        product.title_en AS title, shop.name AS shop_name";

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

    async fn items(
        db: &Db,
        filter: &str,
        var: (&str, Variables),
    ) -> Result<Vec<ItemView>, AppError> {
        let (_, p) = deadlines(db).await?;
        let mut res = db
            .query(format!(
                "SELECT {ITEM_FIELDS} FROM notice_item WHERE {filter} LIMIT 100"
            ))
            .bind(surrealdb::types::Object::from(var.1))
            .await?
            .check()?;
        let rows: Vec<ItemRow> = res.take(0)?;
        Ok(rows.into_iter().map(|r| item_view(r, p)).collect())
    }

    fn vars1(name: &str, v: impl surrealdb::types::SurrealValue) -> (&'static str, Variables) {
        let mut vars = Variables::new();
        vars.insert(name, v);
        ("", vars)
    }

    /// The caller's registration and notices (for `/rights`).
    pub async fn rights_page(state: &AppState, user: &SessionUser) -> Result<RightsPage, AppError> {
        let (_, p) = deadlines(&state.db).await?;
        let owner = owner_of(&state.db, user).await?;
        let items = match &owner {
            Some(o) => {
                items(
                    &state.db,
                    "owner = $owner ORDER BY created_at DESC",
                    vars1("owner", o.id.clone()),
                )
                .await?
            }
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

    async fn brand_of(
        db: &Db,
        owner: &RecordId,
    ) -> Result<Option<(RecordId, BrandView)>, AppError> {
        #[derive(SurrealValue)]
        struct B {
            id: RecordId,
            name: String,
            terms: Vec<String>,
            authorised_shops: Vec<RecordId>,
        }
        let mut res = db
            .query("SELECT id, name, terms, authorised_shops FROM brand WHERE owner = $o LIMIT 1")
            .bind(("o", owner.clone()))
            .await?
            .check()?;
        let rows: Vec<B> = res.take(0)?;
        let Some(b) = rows.into_iter().next() else {
            return Ok(None);
        };
        let mut res = db
            .query("SELECT VALUE count() FROM image_hash WHERE brand = $b AND kind = 'reference' GROUP ALL")
            .bind(("b", b.id.clone()))
            .await?
            .check()?;
        let refs: Vec<i64> = res.take(0)?;
        Ok(Some((
            b.id,
            BrandView {
                name: b.name,
                terms: b.terms,
                authorised: b.authorised_shops.iter().map(key_of).collect(),
                references: refs.first().copied().unwrap_or(0),
            },
        )))
    }

    /// A verified owner sets their brand's terms (aliases, misspellings; one per line)
    /// and the shops authorised to sell it (slugs, one per line; each must exist).
    pub async fn update_brand(
        state: &AppState,
        user: &SessionUser,
        terms: &str,
        authorised: &str,
    ) -> Result<(), AppError> {
        let owner = owner_of(&state.db, user)
            .await?
            .ok_or(AppError::Forbidden)?;
        if owner.status != "verified" {
            return Err(AppError::Forbidden);
        }
        let (brand, _) = brand_of(&state.db, &owner.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut errs = Vec::new();
        let terms: Vec<String> = terms
            .lines()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect();
        if terms.len() > 30 {
            errs.push(FieldError::new("terms", FieldErrorCode::TooMany));
        }
        for (i, t) in terms.iter().enumerate() {
            if t.chars().count() < 2 || t.chars().count() > 60 {
                errs.push(FieldError::new(
                    &format!("terms.{}", i + 1),
                    FieldErrorCode::InvalidChoice,
                ));
            }
        }
        let slugs: Vec<String> = authorised
            .lines()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect();
        let mut shops = Vec::new();
        for (i, slug) in slugs.iter().enumerate() {
            let field = format!("authorised.{}", i + 1);
            if !is_record_key(slug) {
                errs.push(FieldError::new(&field, FieldErrorCode::InvalidChoice));
                continue;
            }
            let id = RecordId::new("shop", slug.as_str());
            let mut res = state
                .db
                .query("SELECT VALUE id FROM $s")
                .bind(("s", id.clone()))
                .await?
                .check()?;
            let found: Vec<RecordId> = res.take(0)?;
            if found.is_empty() {
                errs.push(FieldError::new(&field, FieldErrorCode::InvalidChoice));
            } else {
                shops.push(id);
            }
        }
        if !errs.is_empty() {
            return Err(AppError::Invalid(errs));
        }
        let now = state.now();
        state
            .db
            .query(
                "UPDATE $b SET terms = $terms, authorised_shops = $shops;\n\
                 CREATE audit_log SET actor = $user, action = 'brand.updated', subject = type::string($b), \
                   detail = { terms: $terms, authorised_shops: $shops }, at = $now;",
            )
            .bind(("b", brand))
            .bind(("terms", terms))
            .bind(("shops", shops))
            .bind(("user", user.id.clone()))
            .bind(("now", now))
            .await?
            .check()?;
        Ok(())
    }

    /// A verified owner uploads reference images of their brand's products (JPEG, PNG or
    /// WebP, sniffed, ≤ 5 MB, at most 20 at a time); each is re-encoded, stored publicly
    /// (they are the brand's own product pictures) and fingerprinted for screening.
    pub async fn add_references(
        state: &AppState,
        user: &SessionUser,
        files: Vec<Vec<u8>>,
    ) -> Result<usize, AppError> {
        let owner = owner_of(&state.db, user)
            .await?
            .ok_or(AppError::Forbidden)?;
        if owner.status != "verified" {
            return Err(AppError::Forbidden);
        }
        let (brand, _) = brand_of(&state.db, &owner.id)
            .await?
            .ok_or(AppError::NotFound)?;
        if files.is_empty() {
            return Err(invalid("references", FieldErrorCode::Required));
        }
        if files.len() > 20 {
            return Err(invalid("references", FieldErrorCode::TooMany));
        }
        if files
            .iter()
            .any(|f| f.len() > domain::media::MAX_PHOTO_BYTES)
        {
            return Err(invalid("references", FieldErrorCode::FileTooLarge));
        }
        if files
            .iter()
            .any(|f| domain::media::ImageKind::sniff(f).is_none())
        {
            return Err(invalid("references", FieldErrorCode::NotAnImage));
        }
        let processed = tokio::task::spawn_blocking(move || {
            files
                .iter()
                .map(|f| crate::media::process_photo(f))
                .collect::<Option<Vec<_>>>()
        })
        .await
        .map_err(|e| crate::error::internal("process references", e))?
        .ok_or_else(|| invalid("references", FieldErrorCode::NotAnImage))?;
        let n = processed.len();
        let now = state.now();
        for p in processed {
            let token = crate::accounts::session::random_token()[..16].to_string();
            let key = format!("products/references/{}/{token}.jpg", key_of(&brand));
            state
                .media
                .put(&key, p.thumb)
                .await
                .map_err(|e| crate::error::internal("store reference", e))?;
            let b = domain::phash::bands(p.phash);
            state
                .db
                .query(
                    "CREATE type::record('image_hash', $k) SET kind = 'reference', hash = $h, b0 = $b[0], b1 = $b[1], \
                       b2 = $b[2], b3 = $b[3], url = $url, brand = $brand;\n\
                     CREATE audit_log SET actor = $user, action = 'brand.reference_added', subject = type::string($brand), \
                       detail = { url: $url }, at = $now;",
                )
                .bind(("k", format!("ref{token}")))
                .bind(("h", domain::phash::to_db(p.phash)))
                .bind(("b", b.to_vec()))
                .bind(("url", format!("/media/{key}")))
                .bind(("brand", brand.clone()))
                .bind(("user", user.id.clone()))
                .bind(("now", now))
                .await?
                .check()?;
        }
        Ok(n)
    }

    /// Items of the seller's shop (for `/seller/notices`).
    pub async fn shop_items(db: &Db, shop: &RecordId) -> Result<Vec<ItemView>, AppError> {
        items(
            db,
            "shop = $shop ORDER BY created_at DESC",
            vars1("shop", shop.clone()),
        )
        .await
    }

    pub async fn admin(state: &AppState) -> Result<NoticeAdmin, AppError> {
        let (_, p) = deadlines(&state.db).await?;
        let mut res = state
            .db
            .query(format!("SELECT {OWNER_FIELDS} FROM rights_owner WHERE status = 'pending' ORDER BY created_at LIMIT 100"))
            .await?
            .check()?;
        let owners: Vec<OwnerRow> = res.take(0)?;
        Ok(NoticeAdmin {
            owners: owners.into_iter().map(|o| owner_view(o, p)).collect(),
            received: items(
                &state.db,
                "state = 'received' ORDER BY created_at",
                ("", Variables::new()),
            )
            .await?,
            recent: items(
                &state.db,
                "state != 'received' ORDER BY created_at DESC",
                ("", Variables::new()),
            )
            .await?,
        })
    }

    /// Files a notice naming listings (one URL or id per line). Every line must name a
    /// live listing of another shop with no open notice; otherwise nothing is filed.
    pub async fn file_notice(
        state: &AppState,
        user: &SessionUser,
        listings: &str,
        kind: &str,
        evidence: &str,
        good_faith: bool,
    ) -> Result<String, AppError> {
        let db = &state.db;
        let owner = owner_of(db, user).await?.ok_or(AppError::Forbidden)?;
        if owner.status != "verified" {
            return Err(AppError::Forbidden);
        }
        let mut errs = Vec::new();
        if !NOTICE_KINDS.contains(&kind) {
            errs.push(FieldError::new("kind", FieldErrorCode::InvalidChoice));
        }
        let evidence = text(evidence, "evidence", 20, 8000, &mut errs);
        if !good_faith {
            errs.push(FieldError::new("good_faith", FieldErrorCode::Required));
        }
        let lines: Vec<&str> = listings.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines.is_empty() {
            errs.push(FieldError::new("listings", FieldErrorCode::Required));
        } else if lines.len() > 50 {
            errs.push(FieldError::new("listings", FieldErrorCode::TooMany));
        }
        let mut keys = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            match listing_key(line) {
                Some(k) if !keys.contains(&k) => keys.push(k),
                Some(_) => errs.push(FieldError::new(
                    &format!("listings.{}", i + 1),
                    FieldErrorCode::AlreadyDecided,
                )),
                None => errs.push(FieldError::new(
                    &format!("listings.{}", i + 1),
                    FieldErrorCode::InvalidChoice,
                )),
            }
        }
        // each listing: exists, not the notifier's own shop, no open notice
        #[derive(SurrealValue)]
        struct L {
            id: RecordId,
            shop: RecordId,
            owner: Option<RecordId>,
            open: Option<RecordId>,
        }
        let ids: Vec<RecordId> = keys
            .iter()
            .map(|k| RecordId::new("product", k.as_str()))
            .collect();
        let mut res = db
            .query("SELECT id, shop, shop.owner AS owner, (SELECT VALUE id FROM notice_item WHERE open_product = type::string($parent.id) LIMIT 1)[0] AS open FROM $ids")
            .bind(("ids", ids))
            .await?
            .check()?;
        let found: Vec<L> = res.take(0)?;
        let mut targets = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            let field = format!("listings.{}", i + 1);
            match found.iter().find(|l| key_of(&l.id) == *k) {
                None => errs.push(FieldError::new(&field, FieldErrorCode::InvalidChoice)),
                Some(l) if l.owner.as_ref() == Some(&user.id) => {
                    errs.push(FieldError::new(&field, FieldErrorCode::NotAllowed))
                }
                Some(l) if l.open.is_some() => {
                    errs.push(FieldError::new(&field, FieldErrorCode::AlreadyDecided))
                }
                Some(l) => targets.push((l.id.clone(), l.shop.clone())),
            }
        }
        if !errs.is_empty() {
            return Err(AppError::Invalid(errs));
        }
        let (d, p) = deadlines(db).await?;
        let trusted =
            domain::notice::standing(track(&owner), p) == domain::notice::Standing::Trusted;
        let now = state.now();
        let notice_key = crate::accounts::session::random_token()[..20].to_string();
        let notice = RecordId::new("ip_notice", notice_key.as_str());
        let rows: Vec<serde_json::Value> = targets
            .iter()
            .map(|(p, s)| serde_json::json!({ "product": key_of(p), "shop": key_of(s), "open": format!("product:{}", key_of(p)) }))
            .collect();
        let audit = Audit::on(Some(&user.id), AuditAction::NoticeFiled, &notice, now).detail(
            serde_json::json!({ "kind": kind, "listings": rows.len(), "fast_track": trusted }),
        );
        let mut s = Stmts::new();
        s.bind("notice", notice.clone())
            .bind("owner", owner.id.clone())
            .bind("kind", kind.to_string())
            .bind("evidence", evidence)
            .bind("fast", trusted)
            .bind("rows", rows)
            .sql(
                "CREATE $notice SET owner = $owner, kind = $kind, evidence = $evidence, good_faith = true, fast_track = $fast, created_at = $now;\n\
                 FOR $r IN $rows {\n\
                   CREATE notice_item SET notice = $notice, owner = $owner, product = type::record('product', $r.product), \
                     shop = type::record('shop', $r.shop), state = 'received', \
                     open_product = $r.open, created_at = $now;\n\
                 }",
            )
            .audit(audit);
        let mut tx = Tx::new();
        tx.bind("now", now).add(s);
        match tx.run(db).await? {
            Ok(_) => {}
            // two notices racing for the same listing: the unique index refuses the second
            Err(_) => return Err(invalid("listings", FieldErrorCode::AlreadyDecided)),
        }
        if trusted {
            // fast track: validated and taken down without waiting for a moderator
            let mut res = db
                .query("SELECT VALUE id FROM notice_item WHERE notice = $n")
                .bind(("n", notice))
                .await?
                .check()?;
            let ids: Vec<RecordId> = res.take(0)?;
            for id in ids {
                step(
                    state,
                    None,
                    &id,
                    &[
                        Event::Validate,
                        Event::TakeDown,
                        Event::NotifySeller {
                            at: now.timestamp(),
                        },
                    ],
                    d,
                    "",
                )
                .await?;
            }
        }
        Ok(notice_key)
    }

    /// Applies events to one item in one transaction, with their side effects: takedown
    /// (listing out of the storefront, seller notified), counter-notice forwarded,
    /// upheld (strike), reinstated (listing restored), rejected; each audited.
    pub async fn step(
        state: &AppState,
        actor: Option<&RecordId>,
        id: &RecordId,
        events: &[Event],
        d: Deadlines,
        statement: &str,
    ) -> Result<State, AppError> {
        let db = &state.db;
        let mut res = db
            .query(format!("SELECT {ITEM_FIELDS} FROM $id"))
            .bind(("id", id.clone()))
            .await?
            .check()?;
        let rows: Vec<ItemRow> = res.take(0)?;
        let row = rows.into_iter().next().ok_or(AppError::NotFound)?;
        let from = State::parse(&row.state).ok_or(AppError::NotFound)?;
        let mut item = Item {
            state: from,
            deadline: row.deadline.map(|t| t.timestamp()),
        };
        for e in events {
            item = apply(&item, *e, d).map_err(|r| match r {
                domain::notice::Refusal::WindowClosed => {
                    invalid("state", FieldErrorCode::WindowClosed)
                }
                _ => invalid("state", FieldErrorCode::AlreadyDecided),
            })?;
        }
        let now = state.now();
        let audit = Audit::on(
            actor,
            AuditAction::NoticeMoved(item.state.as_str()),
            id,
            now,
        )
        .detail(serde_json::json!({
            "from": from.as_str(),
            "events": events.iter().map(|e| format!("{e:?}")).collect::<Vec<_>>(),
            "product": row.product.to_sql(),
            "statement": statement.trim(),
        }));
        let mut v = Variables::new();
        v.insert("id", id.clone());
        v.insert("from", from.as_str().to_string());
        v.insert("to", item.state.as_str().to_string());
        v.insert(
            "deadline",
            item.deadline.and_then(|t| Utc.timestamp_opt(t, 0).single()),
        );
        v.insert("product", row.product.clone());
        v.insert("shop", row.shop.clone());
        v.insert("owner", row.owner.clone());
        v.insert("actor", actor.cloned());
        v.insert("title", row.title.clone().unwrap_or_default());
        v.insert("statement", statement.trim().to_string());
        let mut s = Stmts::new();
        s.sql("LET $moved = (UPDATE $id SET state = $to, deadline = $deadline ?? NONE WHERE state = $from RETURN VALUE id)")
            .refuse_if("array::len($moved) = 0", Refusal::AlreadyDecided)
            .audit(audit);
        let mut body = String::new();
        let to = item.state;
        if to == State::SellerNotified || to == State::TakenDown {
            // the listing leaves the storefront; its status is kept to restore it
            body.push_str(
                "UPDATE $id SET listing_status = $product.status, actioned_at = $now;\n\
                 UPDATE $product SET status = 'delisted', updated_at = $now;\n\
                 CREATE outbox SET recipient = $shop.owner, kind = 'moderation_notice', \
                   subject = 'Listing taken down after a rights notice · 商品因權利通知下架', body = $title, link = '/seller/notices', created_at = $now;\n",
            );
        }
        match to {
            State::Rejected => body.push_str(
                "UPDATE $id SET open_product = NONE, actioned_at = $now, closed_at = $now;\n\
                 UPDATE $owner SET rejected += 1;\n\
                 CREATE outbox SET recipient = $owner.user, kind = 'moderation_notice', \
                   subject = 'Notice rejected · 通知未受理', body = $statement, link = '/rights', created_at = $now;\n",
            ),
            State::Forwarded => body.push_str(
                "CREATE outbox SET recipient = $owner.user, kind = 'moderation_notice', \
                   subject = 'Counter-notice received · 收到反通知', body = $title, link = '/rights', created_at = $now;\n",
            ),
            State::Reinstated => body.push_str(
                "UPDATE $id SET open_product = NONE, closed_at = $now;\n\
                 UPDATE $product SET status = $id.listing_status ?? 'active', updated_at = $now;\n\
                 UPDATE $owner SET reinstated += 1;\n\
                 LET $d = (CREATE moderation_decision SET subject = type::string($id), product = $product, shop = $shop, action = 'reinstate', \
                   statement = 'The rights owner did not show legal action in time after your counter-notice: the listing is back. · 權利人未於期限內提出訴訟證明，商品已恢復上架。', \
                   decided_by = NONE, at = $now)[0].id;\n\
                 CREATE outbox SET recipient = $shop.owner, kind = 'moderation_notice', \
                   subject = 'Listing reinstated · 商品已恢復上架', body = $title, link = '/seller/notices', created_at = $now;\n",
            ),
            State::Upheld => {
                body.push_str(
                    "UPDATE $id SET open_product = NONE, closed_at = $now;\n\
                     UPDATE $owner SET upheld += 1;\n\
                     LET $d = (CREATE moderation_decision SET subject = type::string($id), product = $product, shop = $shop, action = 'uphold', \
                       ground = 'trademark', statement = $why, decided_by = $actor ?? NONE, at = $now, appeal_until = $appeal_until)[0].id;\n\
                     CREATE outbox SET recipient = $shop.owner, kind = 'moderation_notice', \
                       subject = 'Takedown upheld · 下架維持', body = $title, link = '/seller/notices', created_at = $now;\n",
                );
                let p = crate::moderation::queue::imp::policy(db).await?;
                v.insert("appeal_until", now + chrono::Duration::days(i64::from(p.appeal_days)));
                v.insert(
                    "why",
                    if from == State::Forwarded {
                        "The rights owner showed legal action over this listing: the takedown stands. · 權利人已提出訴訟證明，下架維持。"
                    } else {
                        "No counter-notice arrived within the response window: the takedown stands. · 未於期限內提出反通知，下架維持。"
                    }
                    .to_string(),
                );
                let (strike, _) =
                    crate::moderation::queue::imp::strike_statements(db, &row.shop, now).await?;
                s.bind_all(std::mem::take(&mut v)).sql(&body).add(strike);
                body.clear();
            }
            _ => {}
        }
        s.bind_all(v).sql(&body);
        let mut tx = Tx::new();
        tx.bind("now", now).add(s);
        match tx.run(db).await? {
            Ok(_) => {
                state.catalog_cache.invalidate();
                Ok(to)
            }
            Err(_) => Err(invalid("state", FieldErrorCode::AlreadyDecided)),
        }
    }

    async fn item_of(db: &Db, key: &str) -> Result<ItemRow, AppError> {
        if !is_record_key(key) {
            return Err(AppError::NotFound);
        }
        let mut res = db
            .query(format!("SELECT {ITEM_FIELDS} FROM $id"))
            .bind(("id", RecordId::new("notice_item", key)))
            .await?
            .check()?;
        let rows: Vec<ItemRow> = res.take(0)?;
        rows.into_iter().next().ok_or(AppError::NotFound)
    }

    /// A moderator validates an item (taken down, seller notified) or rejects it as
    /// unfounded with reasons.
    pub async fn decide_item(
        state: &AppState,
        moderator: &SessionUser,
        key: &str,
        validate: bool,
        statement: &str,
    ) -> Result<State, AppError> {
        let row = item_of(&state.db, key).await?;
        if !validate && statement.trim().chars().count() < domain::strikes::MIN_STATEMENT {
            return Err(invalid("statement", FieldErrorCode::Required));
        }
        let (d, _) = deadlines(&state.db).await?;
        let now = state.now().timestamp();
        let events: &[Event] = if validate {
            &[
                Event::Validate,
                Event::TakeDown,
                Event::NotifySeller { at: now },
            ]
        } else {
            &[Event::Reject]
        };
        step(state, Some(&moderator.id), &row.id, events, d, statement).await
    }

    /// The seller's counter-notice on an item of their shop, inside the window: it is
    /// forwarded to the rights owner at once.
    pub async fn counter_notice(
        state: &AppState,
        user: &SessionUser,
        key: &str,
        statement: &str,
        good_faith: bool,
    ) -> Result<State, AppError> {
        let shop = crate::ctx::shop_of(&state.db, user).await?;
        let row = item_of(&state.db, key).await?;
        if row.shop != shop.id {
            return Err(AppError::NotFound);
        }
        let mut errs = Vec::new();
        let statement = text(statement, "statement", 20, 8000, &mut errs);
        if !good_faith {
            errs.push(FieldError::new("good_faith", FieldErrorCode::Required));
        }
        if !errs.is_empty() {
            return Err(AppError::Invalid(errs));
        }
        let (d, _) = deadlines(&state.db).await?;
        let now = state.now();
        let to = step(
            state,
            Some(&user.id),
            &row.id,
            &[
                Event::CounterNotice {
                    at: now.timestamp(),
                },
                Event::Forward {
                    at: now.timestamp(),
                },
            ],
            d,
            &statement,
        )
        .await?;
        state
            .db
            .query("UPDATE $id SET counter_text = $text, counter_at = $now")
            .bind(("id", row.id))
            .bind(("text", statement))
            .bind(("now", now))
            .await?
            .check()?;
        Ok(to)
    }

    /// The rights owner shows legal action on a forwarded item before the waiting
    /// period ends: the takedown is upheld.
    pub async fn legal_action(
        state: &AppState,
        user: &SessionUser,
        key: &str,
        statement: &str,
    ) -> Result<State, AppError> {
        let owner = owner_of(&state.db, user)
            .await?
            .ok_or(AppError::Forbidden)?;
        let row = item_of(&state.db, key).await?;
        if row.owner != owner.id {
            return Err(AppError::NotFound);
        }
        let mut errs = Vec::new();
        let statement = text(statement, "statement", 20, 8000, &mut errs);
        if !errs.is_empty() {
            return Err(AppError::Invalid(errs));
        }
        let (d, _) = deadlines(&state.db).await?;
        let at = state.now().timestamp();
        step(
            state,
            Some(&user.id),
            &row.id,
            &[Event::LegalAction { at }],
            d,
            &statement,
        )
        .await
    }

    /// The background job: deadlines that have passed fire once each. Returns how many.
    pub async fn run_deadlines(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
        let db = &state.db;
        let mut res = db
            .query(
                "SELECT id, state, deadline FROM notice_item WHERE state = 'seller_notified' AND deadline <= $now LIMIT 500;\n\
                 SELECT id, state, deadline FROM notice_item WHERE state = 'forwarded' AND deadline <= $now LIMIT 500;",
            )
            // deadlines are whole seconds; a sub-second bound misses them in the index range
            .bind(("now", Utc.timestamp_opt(now.timestamp(), 0).single().unwrap_or(now)))
            .await?
            .check()?;
        #[derive(SurrealValue)]
        struct D {
            id: RecordId,
            state: String,
            deadline: Option<DateTime<Utc>>,
        }
        let mut rows: Vec<D> = res.take(0)?;
        rows.extend(res.take::<Vec<D>>(1)?);
        let (d, _) = deadlines(db).await?;
        let mut fired = 0;
        for r in rows {
            let item = Item {
                state: State::parse(&r.state).unwrap_or(State::Closed),
                deadline: r.deadline.map(|t| t.timestamp()),
            };
            if let Some(e) = due(&item, now.timestamp()) {
                match step(state, None, &r.id, &[e], d, "").await {
                    Ok(_) => fired += 1,
                    // another run fired it meanwhile
                    Err(AppError::Invalid(_)) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(fired)
    }

    /// Whether a listing is down under a notice (publishing it is refused).
    pub async fn under_notice(db: &Db, product: &RecordId) -> Result<bool, AppError> {
        let mut res = db
            .query("SELECT VALUE state FROM notice_item WHERE open_product = $key LIMIT 1")
            .bind(("key", format!("product:{}", key_of(product))))
            .await?
            .check()?;
        let states: Vec<String> = res.take(0)?;
        Ok(states
            .first()
            .and_then(|s| State::parse(s))
            .is_some_and(State::listing_down))
    }
}

#[server(endpoint = "rights_page")]
pub async fn get_rights_page() -> Result<RightsPage, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } = crate::ctx::Ctx::user().await?;
            imp::rights_page(&state, &user).await
        }
        .await,
    )
}

#[server(endpoint = "register_rights_owner")]
pub async fn register_rights_owner(
    #[server(default)] name: String,
    #[server(default)] brand_name: String,
    #[server(default)] registration_number: String,
    #[server(default)] jurisdiction: String,
    #[server(default)] evidence: String,
) -> Result<(), AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } = crate::ctx::Ctx::user().await?;
            imp::register(
                &state,
                &user,
                &name,
                &brand_name,
                &registration_number,
                &jurisdiction,
                &evidence,
            )
            .await
        }
        .await,
    )
}

#[server(endpoint = "update_brand")]
pub async fn update_brand(
    #[server(default)] terms: String,
    #[server(default)] authorised: String,
) -> Result<(), AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } = crate::ctx::Ctx::user().await?;
            imp::update_brand(&state, &user, &terms, &authorised).await
        }
        .await,
    )
}

#[server(endpoint = "file_notice")]
pub async fn file_notice(
    #[server(default)] listings: String,
    #[server(default)] kind: String,
    #[server(default)] evidence: String,
    #[server(default)] good_faith: String,
) -> Result<String, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } = crate::ctx::Ctx::user().await?;
            imp::file_notice(
                &state,
                &user,
                &listings,
                &kind,
                &evidence,
                good_faith == "on",
            )
            .await
        }
        .await,
    )
}

#[server(endpoint = "legal_action")]
pub async fn legal_action(
    key: String,
    #[server(default)] statement: String,
) -> Result<String, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } = crate::ctx::Ctx::user().await?;
            imp::legal_action(&state, &user, &key, &statement)
                .await
                .map(|s| s.as_str().to_string())
        }
        .await,
    )
}

#[server(endpoint = "counter_notice")]
pub async fn counter_notice(
    key: String,
    #[server(default)] statement: String,
    #[server(default)] good_faith: String,
) -> Result<String, AppError> {
    crate::error::respond(
        async {
            let user = crate::accounts::session::require_role(domain::Role::Seller).await?;
            let state = crate::state::app_state()?;
            imp::counter_notice(&state, &user, &key, &statement, good_faith == "on")
                .await
                .map(|s| s.as_str().to_string())
        }
        .await,
    )
}

#[server(endpoint = "notice_admin")]
pub async fn get_notice_admin() -> Result<NoticeAdmin, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user: _ } =
                crate::ctx::Ctx::role(domain::Role::Moderator).await?;
            imp::admin(&state).await
        }
        .await,
    )
}

#[server(endpoint = "decide_rights_owner")]
pub async fn decide_rights_owner(
    key: String,
    decision: String,
    #[server(default)] statement: String,
) -> Result<(), AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Moderator).await?;
            let verify = crate::error::choice("decision", &decision, "verify", "reject")?;
            imp::decide_owner(&state, &user, &key, verify, &statement).await
        }
        .await,
    )
}

#[server(endpoint = "decide_notice_item")]
pub async fn decide_notice_item(
    key: String,
    decision: String,
    #[server(default)] statement: String,
) -> Result<String, AppError> {
    crate::error::respond(
        async {
            let crate::ctx::Ctx { state, user } =
                crate::ctx::Ctx::role(domain::Role::Moderator).await?;
            let validate = crate::error::choice("decision", &decision, "validate", "reject")?;
            imp::decide_item(&state, &user, &key, validate, &statement)
                .await
                .map(|s| s.as_str().to_string())
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::listing_key;

    #[test]
    fn notice_lines_name_listings() {
        assert_eq!(listing_key("d000012").as_deref(), Some("d000012"));
        assert_eq!(
            listing_key(" https://harbour.example/p/abc123/a-nice-tote?x=1 ").as_deref(),
            Some("abc123")
        );
        assert_eq!(listing_key("/p/abc123").as_deref(), Some("abc123"));
        assert_eq!(listing_key("").as_deref(), None);
        assert_eq!(listing_key("https://harbour.example/p/").as_deref(), None);
        assert_eq!(listing_key("not a listing!").as_deref(), None);
    }
}
