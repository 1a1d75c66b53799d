//! Applications to sell in the database (server only): the seller record, its
//! documents and history, shop addresses in use, the auto-approve switch, and the
//! statement parts of saving a draft and of a status change (which ones, and when,
//! `sellers::onboarding::imp` decides).

use chrono::{DateTime, Utc};
use domain::onboarding::ApplicationStatus;
use domain::order::StarterShipping;
use surrealdb::types::{RecordId, SurrealValue, Variables};

use crate::db::{key_of, Audit, Db, Refusal, Stmts};

// ----------------------------------------------------------------------------
// Applications

/// A seller record as stored (drafts may be incomplete).
#[derive(SurrealValue)]
pub struct SellerRow {
    pub id: RecordId,
    pub user: RecordId,
    pub status: String,
    pub business_type: String,
    pub legal_name: String,
    pub registration_number: Option<String>,
    pub country: String,
    pub shop_name: Option<String>,
    pub shop_slug: Option<String>,
    pub address: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub payout_currency: Option<String>,
    pub brand: Option<String>,
    pub reason: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
}

impl SellerRow {
    /// The application's status; rows written before migration 0013 used `more_info`.
    pub fn status(&self) -> ApplicationStatus {
        match self.status.as_str() {
            "more_info" => ApplicationStatus::MoreInfoRequested,
            s => ApplicationStatus::parse(s).unwrap_or(ApplicationStatus::Draft),
        }
    }
}

const SELLER_FIELDS: &str = "id, user, status, business_type, legal_name, registration_number, country, \
        shop_name, shop_slug, address, contact_email, contact_phone, payout_currency, brand, reason, submitted_at";

/// The seller record `id`, if there is one.
pub async fn seller(db: &Db, id: &RecordId) -> Result<Option<SellerRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {SELLER_FIELDS} FROM $id"))
        .bind(("id", id.clone()))
        .await?
        .check()?;
    let rows: Vec<SellerRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// The text [`sellers_with_status`] runs (binds `$statuses`).
pub fn sellers_with_status_query() -> String {
    format!(
        "SELECT {SELLER_FIELDS} FROM seller WHERE status IN $statuses ORDER BY submitted_at LIMIT 200"
    )
}

/// Applications in any of `statuses`, oldest submission first, at most 200.
pub async fn sellers_with_status(
    db: &Db,
    statuses: &[&str],
) -> Result<Vec<SellerRow>, surrealdb::Error> {
    let mut res = db
        .query(sellers_with_status_query())
        .bind((
            "statuses",
            statuses.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        ))
        .await?
        .check()?;
    res.take(0)
}

#[derive(SurrealValue)]
pub struct HistoryRow {
    pub at: DateTime<Utc>,
    pub action: String,
    pub detail: serde_json::Value,
}

const HISTORY: &str =
    "SELECT at, action, detail FROM audit_log WHERE subject = $subject ORDER BY at";

/// The application's audit entries, oldest first.
pub async fn history_of(db: &Db, seller: &RecordId) -> Result<Vec<HistoryRow>, surrealdb::Error> {
    let mut res = db
        .query(HISTORY)
        .bind(("subject", format!("seller:{}", key_of(seller))))
        .await?
        .check()?;
    res.take(0)
}

/// Who else uses a shop address: other applications asking for it, and the owner
/// (seller record) of the shop that has it, if any.
pub struct SlugUsers {
    pub other_applications: Vec<RecordId>,
    pub shop_owner: Vec<Option<RecordId>>,
}

const SLUG_USERS: &str =
    "SELECT VALUE id FROM seller WHERE shop_slug = $slug AND id != $me LIMIT 1; \
                 SELECT VALUE seller FROM type::record('shop', $slug);";

/// Who other than `me` uses the shop address `slug`.
pub async fn slug_users(db: &Db, slug: &str, me: &RecordId) -> Result<SlugUsers, surrealdb::Error> {
    let mut res = db
        .query(SLUG_USERS)
        .bind(("slug", slug.to_string()))
        .bind(("me", me.clone()))
        .await?
        .check()?;
    let other_applications: Vec<RecordId> = res.take(0)?;
    let shop_owner: Vec<Option<RecordId>> = res.take(1)?;
    Ok(SlugUsers {
        other_applications,
        shop_owner,
    })
}

/// An application's fields as saved, checked by the caller.
pub struct ApplicationDraft {
    pub id: RecordId,
    pub user: RecordId,
    /// The status the saved row must still have.
    pub from: String,
    pub shop_name: String,
    pub shop_slug: String,
    pub business_type: String,
    pub legal_name: String,
    pub registration_number: Option<String>,
    pub address: String,
    pub country: String,
    pub payout_currency: String,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    pub brand: Option<String>,
}

impl ApplicationDraft {
    fn vars(self) -> Variables {
        let mut vars = Variables::new();
        vars.insert("id", self.id);
        vars.insert("user", self.user);
        vars.insert("from", self.from);
        vars.insert("shop_name", self.shop_name);
        vars.insert("shop_slug", self.shop_slug);
        vars.insert("business_type", self.business_type);
        vars.insert("legal_name", self.legal_name);
        vars.insert("registration_number", self.registration_number);
        vars.insert("address", self.address);
        vars.insert("country", self.country);
        vars.insert("payout_currency", self.payout_currency);
        vars.insert("contact_email", self.contact_email);
        vars.insert("contact_phone", self.contact_phone);
        vars.insert("brand", self.brand);
        vars
    }
}

const DRAFT_SET: &str = "business_type = $business_type, legal_name = $legal_name, \
            registration_number = $registration_number, country = $country, shop_name = $shop_name, \
            shop_slug = $shop_slug, address = $address, contact_email = $contact_email, \
            contact_phone = $contact_phone, payout_currency = $payout_currency, brand = $brand, \
            updated_at = $now";

/// Saves the fields of an existing application; refused when its status is no
/// longer `draft.from`.
pub fn update_draft(draft: ApplicationDraft) -> Stmts {
    let set = DRAFT_SET;
    let mut s = Stmts::new();
    s.bind_all(draft.vars());
    s.sql(&format!(
        "LET $moved = (UPDATE $id SET {set} WHERE status = $from RETURN VALUE id)"
    ))
    .refuse_if("array::len($moved) = 0", Refusal::WrongState);
    s
}

/// Creates the application as a draft, with `audit`.
pub fn create_draft(draft: ApplicationDraft, audit: Audit) -> Stmts {
    let set = DRAFT_SET;
    let mut s = Stmts::new();
    s.bind_all(draft.vars());
    s.sql(&format!(
        "CREATE $id SET user = $user, status = 'draft', created_at = $now, {set}"
    ))
    .audit(audit);
    s
}

// ----------------------------------------------------------------------------
// Status changes

/// What a status change writes besides the status, decided by the caller.
pub struct Effects {
    /// Submitted: the submission time is recorded.
    pub submitted: bool,
    /// Approved: the shop opens (or reopens; refused when another seller has the
    /// address) and the user gets the seller role.
    pub open_shop: bool,
    /// Suspended or terminated: the shop is closed with the same status.
    pub close_shop: bool,
}

/// The application moving from `from` to `to`, and the shop it opens when approved.
pub struct Transition {
    pub id: RecordId,
    pub user: RecordId,
    pub from: String,
    pub to: String,
    pub reason: Option<String>,
    pub shop: RecordId,
    pub slug: String,
    pub name: String,
    pub currency: String,
    /// The country it ships from, as named on the shop.
    pub ships: String,
    /// The shipping methods a new shop starts with.
    pub methods: Vec<StarterShipping>,
}

impl Transition {
    fn vars(self) -> Variables {
        let mut vars = Variables::new();
        vars.insert("id", self.id);
        vars.insert("user", self.user);
        vars.insert("from", self.from);
        vars.insert("to", self.to);
        vars.insert("reason", self.reason);
        vars.insert("shop", self.shop);
        vars.insert("slug", self.slug);
        vars.insert("name", self.name);
        vars.insert("currency", self.currency);
        vars.insert("ships", self.ships);
        let methods: Vec<serde_json::Value> = self
            .methods
            .iter()
            .enumerate()
            .map(|(i, m)| {
                serde_json::json!({
                    "code": m.code, "name_en": m.name_en, "name_zh": m.name_zh, "price": m.price_minor,
                    "free": m.free_over_minor, "dmin": m.days.0, "dmax": m.days.1, "pos": i as i64,
                })
            })
            .collect();
        vars.insert("methods", methods);
        vars
    }
}

const MOVE_STATUS: &str = "LET $moved = (UPDATE $id SET status = $to, reason = $reason, updated_at = $now WHERE status = $from RETURN VALUE id)";
const NOTHING_MOVED: &str = "array::len($moved) = 0";
const MARK_SUBMITTED: &str = "UPDATE $id SET submitted_at = $now;\n";
const SLUG_TAKEN: &str = "record::exists($shop) AND $shop.seller != $id";
const OPEN_SHOP: &str = "IF record::exists($shop) {\n\
                   UPDATE $shop SET status = 'approved';\n\
                 } ELSE {\n\
                   CREATE $shop SET seller = $id, owner = $user, name = $name, slug = $slug, currency = $currency, \
                     ships_from = $ships, country = $id.country, status = 'approved', created_at = $now;\n\
                   FOR $m IN $methods {\n\
                     CREATE type::record('shipping_method', $slug + '/' + $m.code) SET shop = $shop, code = $m.code, \
                       name_en = $m.name_en, name_zh = $m.name_zh, price_minor = $m.price, free_over_minor = $m.free ?? NONE, \
                       currency = $currency, days_min = $m.dmin, days_max = $m.dmax, position = $m.pos, countries = [$id.country];\n\
                   };\n\
                 };\n\
                 UPDATE $user SET roles = array::union(roles, ['seller']);\n";
const CLOSE_SHOP: &str = "UPDATE shop SET status = $to WHERE seller = $id;\n";

/// The status change `t` with `audit` and its `effects`; refused when the row's
/// status is no longer `t.from`.
pub fn transition_part(t: Transition, audit: Audit, effects: Effects) -> Stmts {
    let mut s = Stmts::new();
    s.sql(MOVE_STATUS)
        .refuse_if(NOTHING_MOVED, Refusal::WrongState)
        .audit(audit);
    let mut body = String::new();
    if effects.submitted {
        body.push_str(MARK_SUBMITTED);
    }
    if effects.open_shop {
        s.refuse_if(SLUG_TAKEN, Refusal::SlugTaken);
        body.push_str(OPEN_SHOP);
    }
    if effects.close_shop {
        body.push_str(CLOSE_SHOP);
    }
    s.bind_all(t.vars()).sql(&body);
    // a closed shop sells nothing; a reopened one sells what it did before
    if effects.close_shop {
        crate::moderation::store::locks::apply_to_shop(
            &mut s,
            crate::moderation::store::locks::shop_down(),
            "true",
        );
    } else if effects.open_shop {
        crate::moderation::store::locks::apply_to_shop(
            &mut s,
            crate::moderation::store::locks::shop_up(),
            "true",
        );
    }
    s
}

// ----------------------------------------------------------------------------
// Documents

#[derive(SurrealValue)]
pub struct DocumentRow {
    pub kind: String,
    pub media_key: String,
    pub uploaded_at: DateTime<Utc>,
}

const DOCUMENTS: &str =
    "SELECT kind, media_key, uploaded_at FROM seller_document WHERE seller = $id";

/// The documents uploaded for the application `id`.
pub async fn documents_of(db: &Db, id: &RecordId) -> Result<Vec<DocumentRow>, surrealdb::Error> {
    let mut res = db
        .query(DOCUMENTS)
        .bind(("id", id.clone()))
        .await?
        .check()?;
    res.take(0)
}

/// A document file stored for an application.
pub struct NewDocument<'a> {
    pub seller: &'a RecordId,
    pub kind: &'a str,
    pub media_key: String,
    pub content_type: &'a str,
    pub size: i64,
    pub user: &'a RecordId,
    pub now: DateTime<Utc>,
}

const RECORD_DOCUMENT: &str = "LET $old = (SELECT VALUE media_key FROM type::record('seller_document', [$key, $kind]));\n\
                 UPSERT type::record('seller_document', [$key, $kind]) SET seller = $id, kind = $kind, \
                   media_key = $media, content_type = $ct, size = $size, uploaded_at = $now;\n\
                 CREATE audit_log SET actor = $user, action = 'seller.document', subject = $subject, \
                   detail = { kind: $kind }, at = $now;\n\
                 RETURN $old;";

/// Records the document (replacing the one of the same kind) with its audit entry.
/// Returns the media keys of the file it replaced, or the statements' errors (as
/// text) when one failed.
pub async fn record_document(
    db: &Db,
    d: NewDocument<'_>,
) -> Result<Result<Vec<String>, String>, surrealdb::Error> {
    let mut res = db
        .query(RECORD_DOCUMENT)
        .bind(("key", key_of(d.seller)))
        .bind(("kind", d.kind.to_string()))
        .bind(("subject", format!("seller:{}", key_of(d.seller))))
        .bind(("id", d.seller.clone()))
        .bind(("media", d.media_key))
        .bind(("ct", d.content_type.to_string()))
        .bind(("size", d.size))
        .bind(("user", d.user.clone()))
        .bind(("now", d.now))
        .await?;
    let errors = res.take_errors();
    if !errors.is_empty() {
        return Ok(Err(format!("{errors:?}")));
    }
    Ok(Ok(res.take(3).unwrap_or_default()))
}

const DOCUMENT_OWNER: &str = "SELECT VALUE seller FROM seller_document WHERE media_key = $key";

/// The application a stored document file belongs to.
pub async fn document_owner(db: &Db, key: &str) -> Result<Option<RecordId>, surrealdb::Error> {
    let mut res = db
        .query(DOCUMENT_OWNER)
        .bind(("key", key.to_string()))
        .await?
        .check()?;
    let owners: Vec<RecordId> = res.take(0)?;
    Ok(owners.into_iter().next())
}

// ----------------------------------------------------------------------------
// Auto-approval

const AUTO_APPROVE: &str = "SELECT VALUE auto_approve_sellers FROM platform_setting:main";

/// The auto-approve switch, if it was ever set.
pub async fn auto_approve_setting(db: &Db) -> Result<Option<bool>, surrealdb::Error> {
    let mut res = db.query(AUTO_APPROVE).await?.check()?;
    let v: Vec<bool> = res.take(0)?;
    Ok(v.first().copied())
}

const SAVE_AUTO_APPROVE: &str =
    "UPSERT platform_setting:main SET auto_approve_sellers = $on, updated_at = $now;\n\
                 CREATE audit_log SET actor = $actor, action = 'settings.auto_approve_sellers', \
                   subject = 'platform_setting:main', detail = { on: $on }, at = $now;";

/// Sets the auto-approve switch, with its audit entry.
pub async fn save_auto_approve(
    db: &Db,
    on: bool,
    now: DateTime<Utc>,
    actor: &RecordId,
) -> Result<(), surrealdb::Error> {
    db.query(SAVE_AUTO_APPROVE)
        .bind(("on", on))
        .bind(("now", now))
        .bind(("actor", actor.clone()))
        .await?
        .check()?;
    Ok(())
}
