//! Notice and action's queries: the notice settings, rights owners, their brands and
//! reference images, notices and their items, and what the deadlines job reads.

#![allow(clippy::too_many_arguments)]

use chrono::{DateTime, TimeZone, Utc};
use domain::listing::{ListingStatus, Lock};
use surrealdb::types::{RecordId, SurrealValue, Variables};

use crate::db::{key_of, Audit, Db, Refusal, Stmts};
use crate::notify::Rendered;

/// The notice deadlines and the notifiers' reputation thresholds (platform settings).
#[derive(SurrealValue)]
pub struct NoticeSettings {
    pub notice_seller_days: i64,
    pub notice_reinstate_days: i64,
    pub trusted_min_decided: i64,
    pub trusted_from_percent: i64,
    pub flagged_from_percent: i64,
}

const NOTICE_SETTINGS: &str = "SELECT notice_seller_days, notice_reinstate_days, trusted_min_decided, trusted_from_percent, flagged_from_percent FROM platform_setting:main";

/// Reads the notice settings (`None` when there are no settings).
pub async fn notice_settings(db: &Db) -> Result<Option<NoticeSettings>, surrealdb::Error> {
    let mut res = db.query(NOTICE_SETTINGS).await?.check()?;
    let rows: Vec<NoticeSettings> = res.take(0)?;
    Ok(rows.into_iter().next())
}

// ---------------------------------------------------------------------------------
// Rights owners

/// A rights owner's registration and track record.
#[derive(SurrealValue)]
pub struct OwnerRow {
    pub id: RecordId,
    pub name: String,
    pub brand_name: String,
    pub registration_number: String,
    pub jurisdiction: String,
    pub evidence: String,
    pub status: String,
    pub upheld: i64,
    pub rejected: i64,
    pub reinstated: i64,
    pub created_at: DateTime<Utc>,
    pub user: RecordId,
}

const OWNER_FIELDS: &str = "id, name, brand_name, registration_number, jurisdiction, evidence, status, upheld, rejected, reinstated, created_at, user";

/// Reads a rights owner's registration (`None` when there is none).
pub async fn rights_owner(db: &Db, id: RecordId) -> Result<Option<OwnerRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {OWNER_FIELDS} FROM $id"))
        .bind(("id", id))
        .await?
        .check()?;
    let rows: Vec<OwnerRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Reads the oldest 100 registrations waiting for a moderator, oldest first.
pub async fn pending_owners(db: &Db) -> Result<Vec<OwnerRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {OWNER_FIELDS} FROM rights_owner WHERE status = 'pending' ORDER BY created_at LIMIT 100"))
        .await?
        .check()?;
    res.take(0)
}

const REGISTER_OWNER: &str =
    "UPSERT $id SET user = $user, name = $name, brand_name = $brand, registration_number = $reg, \
       jurisdiction = $jur, evidence = $evidence, status = 'pending', created_at = $now;\n\
     CREATE audit_log SET actor = $user, action = 'rights_owner.registered', subject = type::string($id), \
       detail = { brand: $brand, registration_number: $reg, jurisdiction: $jur }, at = $now;";

/// Writes a rights owner's registration as pending, with an audit entry.
pub async fn register_owner(
    db: &Db,
    id: RecordId,
    user: RecordId,
    name: String,
    brand: String,
    reg: String,
    jur: String,
    evidence: String,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(REGISTER_OWNER)
        .bind(("id", id))
        .bind(("user", user))
        .bind(("name", name))
        .bind(("brand", brand))
        .bind(("reg", reg))
        .bind(("jur", jur))
        .bind(("evidence", evidence))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

/// Reads the brand a rights owner registered (`None` when there is no such owner).
pub async fn owner_brand_name(db: &Db, id: RecordId) -> Result<Option<String>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE brand_name FROM $id")
        .bind(("id", id))
        .await?
        .check()?;
    let brand: Vec<String> = res.take(0)?;
    Ok(brand.into_iter().next())
}

const MOVE_OWNER: &str = "LET $moved = (UPDATE $id SET status = $to, decided_by = $actor WHERE status = 'pending' RETURN AFTER)";
const OWNER_NOT_MOVED: &str = "array::len($moved) = 0";
const BRAND_TAKEN: &str = "$to = 'verified' AND array::len((SELECT VALUE id FROM brand WHERE (id = type::record('brand', $slug) OR string::lowercase(name) = string::lowercase($moved[0].brand_name)) AND owner != NONE AND owner != $id)) > 0";
const JOIN_REGISTRY: &str = "IF $to = 'verified' {\n\
       LET $existing = (SELECT VALUE id FROM brand WHERE (id = type::record('brand', $slug) OR string::lowercase(name) = string::lowercase($moved[0].brand_name)) LIMIT 1);\n\
       IF array::len($existing) > 0 { UPDATE $existing[0] SET owner = $id }\n\
       ELSE { CREATE type::record('brand', $slug) SET name = $moved[0].brand_name, terms = [], owner = $id, authorised_shops = [], created_at = $now };\n\
     }";
const TELL_OWNER: &str = "CREATE outbox SET recipient = $moved[0].user, kind = $mail.kind, \
     subject = $mail.subject, body = $mail.body, link = $mail.link, texts = $mail.texts, created_at = $now";

/// Moves a pending registration to `to` (`verified` or `rejected`), once: a verified
/// owner's brand joins the registry (created under `slug`, or the existing brand of that
/// name or slug, if it has no owner yet, is theirs — refused with
/// [`Refusal::AlreadyExists`] when another verified owner has it); audited, and the
/// owner is told (`mail`). Reads `$now`.
pub fn decide_owner(
    id: RecordId,
    to: &str,
    actor: RecordId,
    mail: Rendered,
    slug: String,
    audit: Audit,
) -> Stmts {
    let mut s = Stmts::new();
    s.bind("id", id)
        .bind("to", to.to_string())
        .bind("actor", actor)
        .bind("mail", mail)
        .bind("slug", slug)
        .sql(MOVE_OWNER)
        .refuse_if(OWNER_NOT_MOVED, Refusal::AlreadyDecided)
        // a brand with a verified owner is not handed to a second registration
        .refuse_if(BRAND_TAKEN, Refusal::AlreadyExists)
        .sql(JOIN_REGISTRY)
        .audit(audit)
        .sql(TELL_OWNER);
    s
}

// ---------------------------------------------------------------------------------
// Brands and reference images

/// A registered brand: its terms and the shops authorised to sell it.
#[derive(SurrealValue)]
pub struct OwnedBrand {
    pub id: RecordId,
    pub name: String,
    pub terms: Vec<String>,
    pub authorised_shops: Vec<RecordId>,
}

/// Reads the brand a rights owner owns (`None` when there is none).
pub async fn brand_of_owner(
    db: &Db,
    owner: &RecordId,
) -> Result<Option<OwnedBrand>, surrealdb::Error> {
    let mut res = db
        .query("SELECT id, name, terms, authorised_shops FROM brand WHERE owner = $o LIMIT 1")
        .bind(("o", owner.clone()))
        .await?
        .check()?;
    let rows: Vec<OwnedBrand> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Counts a brand's reference images.
pub async fn reference_count(db: &Db, brand: &RecordId) -> Result<i64, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE count() FROM image_hash WHERE brand = $b AND kind = 'reference' GROUP ALL")
        .bind(("b", brand.clone()))
        .await?
        .check()?;
    let refs: Vec<i64> = res.take(0)?;
    Ok(refs.first().copied().unwrap_or(0))
}

/// Whether the shop exists.
pub async fn shop_exists(db: &Db, shop: &RecordId) -> Result<bool, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE id FROM $s")
        .bind(("s", shop.clone()))
        .await?
        .check()?;
    let found: Vec<RecordId> = res.take(0)?;
    Ok(!found.is_empty())
}

const SAVE_BRAND: &str = "UPDATE $b SET terms = $terms, authorised_shops = $shops;\n\
     CREATE audit_log SET actor = $user, action = 'brand.updated', subject = type::string($b), \
       detail = { terms: $terms, authorised_shops: $shops }, at = $now;";

/// Writes a brand's terms and authorised shops, with an audit entry.
pub async fn save_brand(
    db: &Db,
    brand: RecordId,
    terms: Vec<String>,
    shops: Vec<RecordId>,
    user: RecordId,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(SAVE_BRAND)
        .bind(("b", brand))
        .bind(("terms", terms))
        .bind(("shops", shops))
        .bind(("user", user))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

const ADD_REFERENCE: &str = "CREATE type::record('image_hash', $k) SET kind = 'reference', hash = $h, b0 = $b[0], b1 = $b[1], \
       b2 = $b[2], b3 = $b[3], url = $url, brand = $brand;\n\
     CREATE audit_log SET actor = $user, action = 'brand.reference_added', subject = type::string($brand), \
       detail = { url: $url }, at = $now;";

/// Stores a brand's reference image hash under `key` (with its four bands and the
/// image's URL), with an audit entry.
pub async fn add_reference(
    db: &Db,
    key: String,
    hash: i64,
    bands: Vec<i64>,
    url: String,
    brand: RecordId,
    user: RecordId,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query(ADD_REFERENCE)
        .bind(("k", key))
        .bind(("h", hash))
        .bind(("b", bands))
        .bind(("url", url))
        .bind(("brand", brand))
        .bind(("user", user))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

// ---------------------------------------------------------------------------------
// Notices and their items

/// A notice item with its notice, owner, listing and shop.
#[derive(SurrealValue)]
pub struct ItemRow {
    pub id: RecordId,
    pub notice: RecordId,
    pub owner: RecordId,
    pub product: RecordId,
    pub shop: RecordId,
    pub state: String,
    pub deadline: Option<DateTime<Utc>>,
    pub counter_text: Option<String>,
    pub created_at: DateTime<Utc>,
    pub kind: Option<String>,
    pub evidence: Option<String>,
    pub fast_track: Option<bool>,
    pub owner_name: Option<String>,
    pub title: Option<String>,
    pub shop_name: Option<String>,
    pub listing_status: Option<String>,
    pub upheld: Option<i64>,
    pub rejected: Option<i64>,
    pub reinstated: Option<i64>,
}

const ITEM_FIELDS: &str = "id, notice, owner, product, shop, state, deadline, counter_text, created_at, listing_status, \
    notice.kind AS kind, notice.evidence AS evidence, notice.fast_track AS fast_track, owner.name AS owner_name, \
    owner.upheld AS upheld, owner.rejected AS rejected, owner.reinstated AS reinstated, \
    product.title_en AS title, shop.name AS shop_name";

/// Which notice items to read (up to 100).
pub enum ItemsOf<'a> {
    /// A rights owner's, newest first.
    Owner(&'a RecordId),
    /// A shop's, newest first.
    Shop(&'a RecordId),
    /// Those waiting for validation, oldest first.
    Received,
    /// All the others, newest first.
    NotReceived,
}

fn vars1(name: &str, v: impl SurrealValue) -> Variables {
    let mut vars = Variables::new();
    vars.insert(name, v);
    vars
}

/// Reads notice items.
pub async fn items(db: &Db, of: ItemsOf<'_>) -> Result<Vec<ItemRow>, surrealdb::Error> {
    let (filter, vars) = match of {
        ItemsOf::Owner(owner) => (
            "owner = $owner ORDER BY created_at DESC",
            vars1("owner", owner.clone()),
        ),
        ItemsOf::Shop(shop) => (
            "shop = $shop ORDER BY created_at DESC",
            vars1("shop", shop.clone()),
        ),
        ItemsOf::Received => ("state = 'received' ORDER BY created_at", Variables::new()),
        ItemsOf::NotReceived => (
            "state != 'received' ORDER BY created_at DESC",
            Variables::new(),
        ),
    };
    let mut res = db
        .query(format!(
            "SELECT {ITEM_FIELDS} FROM notice_item WHERE {filter} LIMIT 100"
        ))
        .bind(surrealdb::types::Object::from(vars))
        .await?
        .check()?;
    res.take(0)
}

/// Reads one notice item (`None` when there is none).
pub async fn item(db: &Db, id: RecordId) -> Result<Option<ItemRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {ITEM_FIELDS} FROM $id"))
        .bind(("id", id))
        .await?
        .check()?;
    let rows: Vec<ItemRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// A listing a notice names: its shop, the shop's owner and the item of an open notice
/// on it, if any.
#[derive(SurrealValue)]
pub struct NoticedListing {
    pub id: RecordId,
    pub shop: RecordId,
    pub owner: Option<RecordId>,
    pub open: Option<RecordId>,
}

/// Reads the listings among `ids` that exist.
pub async fn noticed_listings(
    db: &Db,
    ids: Vec<RecordId>,
) -> Result<Vec<NoticedListing>, surrealdb::Error> {
    let mut res = db
        .query("SELECT id, shop, shop.owner AS owner, (SELECT VALUE id FROM notice_item WHERE open_product = type::string($parent.id) LIMIT 1)[0] AS open FROM $ids")
        .bind(("ids", ids))
        .await?
        .check()?;
    res.take(0)
}

const FILE_NOTICE: &str = "CREATE $notice SET owner = $owner, kind = $kind, evidence = $evidence, good_faith = true, fast_track = $fast, created_at = $now;\n\
     FOR $r IN $rows {\n\
       CREATE notice_item SET notice = $notice, owner = $owner, product = type::record('product', $r.product), \
         shop = type::record('shop', $r.shop), state = 'received', \
         open_product = $r.open, created_at = $now;\n\
     }";

/// Files a notice with one received item per (listing, shop) target, audited; the
/// database's unique index refuses a listing that already has an open notice. Reads
/// `$now`.
pub fn file_notice(
    notice: RecordId,
    owner: RecordId,
    kind: &str,
    evidence: String,
    fast: bool,
    targets: &[(RecordId, RecordId)],
    audit: Audit,
) -> Stmts {
    let rows: Vec<serde_json::Value> = targets
        .iter()
        .map(|(p, s)| serde_json::json!({ "product": key_of(p), "shop": key_of(s), "open": format!("product:{}", key_of(p)) }))
        .collect();
    let mut s = Stmts::new();
    s.bind("notice", notice)
        .bind("owner", owner)
        .bind("kind", kind.to_string())
        .bind("evidence", evidence)
        .bind("fast", fast)
        .bind("rows", rows)
        .sql(FILE_NOTICE)
        .audit(audit);
    s
}

/// Reads the ids of a notice's items.
pub async fn items_of_notice(db: &Db, notice: RecordId) -> Result<Vec<RecordId>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE id FROM notice_item WHERE notice = $n")
        .bind(("n", notice))
        .await?
        .check()?;
    res.take(0)
}

/// What moving a notice item reads: the item, its states, its new deadline, its
/// parties and who acts.
pub struct ItemMove {
    pub id: RecordId,
    pub from: String,
    pub to: String,
    pub deadline: Option<DateTime<Utc>>,
    pub product: RecordId,
    pub shop: RecordId,
    pub owner: RecordId,
    pub actor: Option<RecordId>,
}

const MOVE_ITEM: &str = "LET $moved = (UPDATE $id SET state = $to, deadline = $deadline ?? NONE WHERE state = $from RETURN VALUE id)";
const ITEM_NOT_MOVED: &str = "array::len($moved) = 0";

/// Moves a notice item from `from` to `to`, once (refused when it moved meanwhile),
/// audited. Add the effects of the state it reaches with the functions below. Reads
/// `$now`.
pub fn move_item(m: ItemMove, audit: Audit) -> Stmts {
    let mut s = Stmts::new();
    s.bind("id", m.id)
        .bind("from", m.from)
        .bind("to", m.to)
        .bind("deadline", m.deadline)
        .bind("product", m.product)
        .bind("shop", m.shop)
        .bind("owner", m.owner)
        .bind("actor", m.actor)
        .sql(MOVE_ITEM)
        .refuse_if(ITEM_NOT_MOVED, Refusal::AlreadyDecided)
        .audit(audit);
    s
}

// the listing leaves the storefront; its status is kept to restore it
const TAKE_DOWN: &str = "UPDATE $id SET listing_status = $product.status, actioned_at = $now;\n\
     CREATE outbox SET recipient = $shop.owner, kind = $down_mail.kind, \
       subject = $down_mail.subject, body = $down_mail.body, link = $down_mail.link, texts = $down_mail.texts, created_at = $now;\n";

/// The moved item's listing leaves the storefront (its status kept to restore it); the
/// seller is told (`mail`).
pub fn take_down_listing(s: &mut Stmts, mail: Rendered) {
    s.bind("down_mail", mail).sql(TAKE_DOWN);
    super::locks::apply(
        s,
        super::locks::LockChange::Put {
            lock: Lock::Notice,
            replaces: Vec::new(),
            down: ListingStatus::Delisted,
            force: true,
        },
    );
}

const REJECT: &str = "UPDATE $id SET open_product = NONE, actioned_at = $now, closed_at = $now;\n\
     UPDATE $owner SET rejected += 1;\n\
     CREATE outbox SET recipient = $owner.user, kind = $reject_mail.kind, \
       subject = $reject_mail.subject, body = $reject_mail.body, link = $reject_mail.link, texts = $reject_mail.texts, created_at = $now;\n";

/// The moved item is closed as rejected: it counts against the owner, who is told why
/// (`mail`).
pub fn reject_item(s: &mut Stmts, mail: Rendered) {
    s.bind("reject_mail", mail).sql(REJECT);
}

const FORWARD: &str = "CREATE outbox SET recipient = $owner.user, kind = $forward_mail.kind, \
       subject = $forward_mail.subject, body = $forward_mail.body, link = $forward_mail.link, texts = $forward_mail.texts, created_at = $now;\n";

/// The owner is told (`mail`) a counter-notice arrived on the moved item.
pub fn forward_counter_notice(s: &mut Stmts, mail: Rendered) {
    s.bind("forward_mail", mail).sql(FORWARD);
}

const REINSTATE: &str = "UPDATE $id SET open_product = NONE, closed_at = $now;\n\
     UPDATE $owner SET reinstated += 1;\n\
     LET $d = (CREATE moderation_decision SET subject = type::string($id), product = $product, shop = $shop, action = 'reinstate', \
       statement = 'The rights owner did not show legal action in time after your counter-notice: the listing is back. · 權利人未於期限內提出訴訟證明，商品已恢復上架。', \
       decided_by = NONE, at = $now)[0].id;\n\
     CREATE outbox SET recipient = $shop.owner, kind = $reinstate_mail.kind, \
       subject = $reinstate_mail.subject, body = $reinstate_mail.body, link = $reinstate_mail.link, texts = $reinstate_mail.texts, created_at = $now;\n";

/// The moved item is closed and its listing restored, recorded as a decision that counts
/// against the owner; the seller is told (`mail`).
pub fn reinstate_listing(s: &mut Stmts, mail: Rendered) {
    super::locks::apply(
        s,
        super::locks::LockChange::Lift {
            locks: vec![Lock::Notice],
            up: None,
        },
    );
    s.bind("reinstate_mail", mail).sql(REINSTATE);
}

const UPHOLD: &str = "UPDATE $id SET open_product = NONE, closed_at = $now;\n\
     UPDATE $owner SET upheld += 1;\n\
     LET $d = (CREATE moderation_decision SET subject = type::string($id), product = $product, shop = $shop, action = 'uphold', \
       ground = 'trademark', statement = $why, decided_by = $actor ?? NONE, at = $now, appeal_until = $appeal_until)[0].id;\n\
     CREATE outbox SET recipient = $shop.owner, kind = $upheld_mail.kind, \
       subject = $upheld_mail.subject, body = $upheld_mail.body, link = $upheld_mail.link, texts = $upheld_mail.texts, created_at = $now;\n";

/// The moved item is closed with its takedown upheld: a decision (`why`, appealable until
/// `appeal_until`) that counts for the owner, then `strike` (statements reading `$d`, the
/// decision); the seller is told (`mail`).
pub fn uphold_takedown(
    s: &mut Stmts,
    appeal_until: DateTime<Utc>,
    why: String,
    strike: Stmts,
    mail: Rendered,
) {
    s.bind("appeal_until", appeal_until)
        .bind("upheld_mail", mail)
        .bind("why", why)
        .sql(UPHOLD)
        .add(strike);
}

/// Saves a counter-notice's text on its item.
pub async fn save_counter_text(
    db: &Db,
    id: RecordId,
    text: String,
    now: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    db.query("UPDATE $id SET counter_text = $text, counter_at = $now")
        .bind(("id", id))
        .bind(("text", text))
        .bind(("now", now))
        .await?
        .check()?;
    Ok(())
}

/// A notice item whose deadline has passed.
#[derive(SurrealValue)]
pub struct DueItem {
    pub id: RecordId,
    pub state: String,
    pub deadline: Option<DateTime<Utc>>,
}

const DUE_ITEMS: &str = "SELECT id, state, deadline FROM notice_item WHERE state = 'seller_notified' AND deadline <= $now LIMIT 500;\n\
     SELECT id, state, deadline FROM notice_item WHERE state = 'forwarded' AND deadline <= $now LIMIT 500;";

/// Reads up to 500 items waiting for the seller and up to 500 waiting for the owner
/// whose deadline is `now` or earlier, in that order.
pub async fn due_items(db: &Db, now: DateTime<Utc>) -> Result<Vec<DueItem>, surrealdb::Error> {
    let mut res = db
        .query(DUE_ITEMS)
        // deadlines are whole seconds; a sub-second bound misses them in the index range
        .bind((
            "now",
            Utc.timestamp_opt(now.timestamp(), 0)
                .single()
                .unwrap_or(now),
        ))
        .await?
        .check()?;
    let mut rows: Vec<DueItem> = res.take(0)?;
    rows.extend(res.take::<Vec<DueItem>>(1)?);
    Ok(rows)
}
