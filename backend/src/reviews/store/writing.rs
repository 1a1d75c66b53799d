//! Writing and editing reviews: the order lines a buyer may review, the review window,
//! the reads the automatic checks need, and the write itself (with its revision, its
//! rating delta and the seller's negative-review notice).

use chrono::{DateTime, Utc};
use domain::review::Aggregate;
use surrealdb::types::{RecordId, SurrealValue, Variables};

use super::{bind_delta, APPLY_DELTA};
use crate::db::{Db, Refusal, Stmts};
use crate::notify::Rendered;

/// An order line with its order, shop and listed product.
#[derive(SurrealValue)]
pub struct LineRow {
    pub id: RecordId,
    pub product: RecordId,
    pub parent: Option<RecordId>,
    pub title: String,
    pub order_id: RecordId,
    pub buyer: RecordId,
    pub shop: RecordId,
    pub owner: Option<RecordId>,
    pub status: String,
    pub delivered_at: Option<DateTime<Utc>>,
    pub checkout: RecordId,
    pub image: Option<String>,
}

impl LineRow {
    /// Reviews belong to the listed product (a variant's parent), so all sizes and
    /// colours share one rating.
    pub fn listed(&self) -> RecordId {
        self.parent.clone().unwrap_or_else(|| self.product.clone())
    }
}

const LINE_FIELDS: &str = "id, product, product.variant_of AS parent, title, shop_order AS order_id, \
     shop_order.buyer AS buyer, shop_order.shop AS shop, shop_order.shop.owner AS owner, shop_order.status AS status, \
     shop_order.delivered_at AS delivered_at, shop_order.checkout AS checkout, product.image_url AS image";

/// The buyer's own review of a line (its key is the line's).
#[derive(SurrealValue)]
pub struct MineRow {
    pub id: RecordId,
    pub rating: i64,
    pub title: String,
    pub body: String,
    pub quality: Option<i64>,
    pub described: Option<i64>,
    pub shipping: Option<i64>,
    pub photos: Vec<String>,
    pub status: String,
    pub has_photos: bool,
    pub created_at: DateTime<Utc>,
    pub author: RecordId,
    pub revisions: i64,
}

const MINE_FIELDS: &str =
    "id, rating, title, body, quality, described, shipping, photos, status, has_photos, \
     created_at, author, revisions";

const WINDOW_DAYS: &str = "RETURN platform_setting:main.review_window_days";

/// Reads the platform's review window in days (`None` when unset).
pub async fn review_window_days(db: &Db) -> Result<Option<i64>, surrealdb::Error> {
    let mut res = db.query(WINDOW_DAYS).await?.check()?;
    res.take(0)
}

/// Reads the lines of an order and the reviews written of them.
pub async fn order_lines_with_reviews(
    db: &Db,
    order: RecordId,
) -> Result<(Vec<LineRow>, Vec<MineRow>), surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {LINE_FIELDS} FROM order_line WHERE shop_order = $o;\n\
             SELECT {MINE_FIELDS} FROM (SELECT VALUE type::record('review', record::id(id)) FROM order_line WHERE shop_order = $o);"
        ))
        .bind(("o", order))
        .await?
        .check()?;
    let lines: Vec<LineRow> = res.take(0)?;
    let mine: Vec<MineRow> = res.take(1)?;
    Ok((lines, mine))
}

/// Reads one order line and its review, if there are.
pub async fn line_with_review(
    db: &Db,
    line: RecordId,
    review: RecordId,
) -> Result<(Option<LineRow>, Option<MineRow>), surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {LINE_FIELDS} FROM $l;\n\
             SELECT {MINE_FIELDS} FROM $r;"
        ))
        .bind(("l", line))
        .bind(("r", review))
        .await?
        .check()?;
    let lines: Vec<LineRow> = res.take(0)?;
    let mine: Vec<MineRow> = res.take(1)?;
    Ok((lines.into_iter().next(), mine.into_iter().next()))
}

const PAYMENT_FINGERPRINT: &str =
    "SELECT VALUE fingerprint FROM payment WHERE checkout = $c AND fingerprint != NONE LIMIT 1";

/// Reads the card fingerprint a checkout was paid with, if known.
pub async fn payment_fingerprint(
    db: &Db,
    checkout: RecordId,
) -> Result<Option<String>, surrealdb::Error> {
    let mut res = db
        .query(PAYMENT_FINGERPRINT)
        .bind(("c", checkout))
        .await?
        .check()?;
    let v: Vec<String> = res.take(0)?;
    Ok(v.into_iter().next())
}

/// What the checks that need other reviews look for.
pub struct ContextArgs<'a> {
    /// The review text's duplicate key.
    pub text_key: Option<&'a str>,
    /// The reviewer.
    pub me: &'a RecordId,
    /// The browser's device cookie.
    pub device: Option<&'a str>,
    /// The shop's owner.
    pub owner: Option<RecordId>,
    pub shop: RecordId,
    /// The card fingerprint of the order's payment.
    pub payment_fp: Option<&'a str>,
    /// The listed product reviewed.
    pub product: RecordId,
    /// Start of the burst window.
    pub since: DateTime<Utc>,
}

/// Another account whose review has the same text, device or card (of this shop), the
/// seller's own session on this device, and how many reviews the product had lately.
#[derive(SurrealValue)]
pub struct ContextRow {
    pub dup: Option<RecordId>,
    pub device_other: Option<RecordId>,
    pub seller_device: Option<RecordId>,
    pub card_other: Option<RecordId>,
    pub recent: i64,
}

/// Another author's review with the same text (binds `$tk`, `$me`).
pub const SAME_TEXT: &str =
    "SELECT VALUE author FROM review WHERE text_key = $tk AND author != $me LIMIT 1";
/// Another author's review of this shop from the same device (binds `$device`, `$me`, `$shop`).
pub const SAME_DEVICE: &str = "SELECT VALUE author FROM review WHERE device = $device AND author != $me AND shop = $shop LIMIT 1";
/// The shop owner's session on this device (binds `$device`, `$owner`).
pub const SELLER_ON_DEVICE: &str =
    "SELECT VALUE user FROM user_session WHERE device = $device AND user = $owner LIMIT 1";
/// Another author's review of this shop paid with the same card (binds `$fp`, `$me`, `$shop`).
pub const SAME_CARD: &str = "SELECT VALUE author FROM review WHERE payment_fp = $fp AND author != $me AND shop = $shop LIMIT 1";
/// The product's reviews since `$since` (binds `$p`).
pub const RECENT_REVIEWS: &str = "SELECT id FROM review WHERE product = $p AND created_at > $since";

fn context_query() -> String {
    format!(
        "RETURN {{\n\
               dup: IF $tk != NONE {{ ({SAME_TEXT})[0] }} ELSE {{ NONE }},\n\
               device_other: IF $device != NONE {{ ({SAME_DEVICE})[0] }} ELSE {{ NONE }},\n\
               seller_device: IF $device != NONE AND $owner != NONE {{ ({SELLER_ON_DEVICE})[0] }} ELSE {{ NONE }},\n\
               card_other: IF $fp != NONE {{ ({SAME_CARD})[0] }} ELSE {{ NONE }},\n\
               recent: count({RECENT_REVIEWS}),\n\
             }};"
    )
}

/// Reads what the linked-account, duplicate and burst checks need.
pub async fn review_context(
    db: &Db,
    a: ContextArgs<'_>,
) -> Result<Option<ContextRow>, surrealdb::Error> {
    let mut res = db
        .query(context_query())
        .bind(("tk", a.text_key.map(str::to_string)))
        .bind(("me", a.me.clone()))
        .bind(("device", a.device.map(str::to_string)))
        .bind(("owner", a.owner))
        .bind(("shop", a.shop))
        .bind(("fp", a.payment_fp.map(str::to_string)))
        .bind(("p", a.product))
        .bind(("since", a.since))
        .await?
        .check()?;
    res.take(0)
}

/// A review as written (new or edited), with the change to the ratings and the
/// seller's notice.
pub struct ReviewWrite {
    /// Added to the product's and the shop's ratings.
    pub delta: Aggregate,
    /// The review (keyed like its order line).
    pub id: RecordId,
    /// The listed product.
    pub product: RecordId,
    pub shop: RecordId,
    pub line: RecordId,
    pub author: RecordId,
    /// The author's public name.
    pub author_name: String,
    pub rating: i64,
    pub title: String,
    pub body: String,
    pub lang: String,
    pub photos: Vec<String>,
    /// quality, as described, shipping.
    pub aspects: [Option<i64>; 3],
    pub status: String,
    pub flags: Vec<String>,
    pub text_key: Option<String>,
    pub device: Option<String>,
    pub payment_fp: Option<String>,
    /// Send the seller (`owner`) the negative-review notice (`mail`).
    pub notify: bool,
    pub owner: Option<RecordId>,
    pub mail: Rendered,
}

/// The review as read before an edit: the edit is refused ([`Refusal::Changed`]) if it
/// changed since.
pub struct Previous {
    pub status: String,
    pub rating: i64,
    pub has_photos: bool,
}

const REVIEW_SET: &str = "rating = $rating, title = $title, body = $body, lang = $lang, photos = $photos, quality = $q ?? NONE, \
                  described = $d ?? NONE, shipping = $sh ?? NONE, status = $status, flags = $flags, text_key = $tk ?? NONE, \
                  device = $device ?? NONE, payment_fp = $fp ?? NONE";

const NEGATIVE_NOTICE: &str = "IF $notify { CREATE outbox SET recipient = $owner, kind = $mail.kind, subject = $mail.subject, body = $mail.body, link = $mail.link, texts = $mail.texts, created_at = $now }";

/// Creates the review (refused with [`Refusal::AlreadyExists`] if it exists), or with
/// `previous` keeps a revision and updates it (refused with [`Refusal::NotFound`] if it
/// is not the author's); applies the rating delta and sends the seller's notice.
pub fn write_review(w: ReviewWrite, previous: Option<Previous>) -> Stmts {
    let mut v = Variables::new();
    bind_delta(&mut v, w.delta);
    v.insert("id", w.id);
    v.insert("product", w.product);
    v.insert("shop", w.shop);
    v.insert("line", w.line);
    v.insert("me", w.author);
    v.insert("name", w.author_name);
    v.insert("rating", w.rating);
    v.insert("title", w.title);
    v.insert("body", w.body);
    v.insert("lang", w.lang);
    v.insert("photos", w.photos);
    let [q, d, sh] = w.aspects;
    v.insert("q", q);
    v.insert("d", d);
    v.insert("sh", sh);
    v.insert("status", w.status);
    v.insert("flags", w.flags);
    v.insert("tk", w.text_key);
    v.insert("device", w.device);
    v.insert("fp", w.payment_fp);
    v.insert("notify", w.notify);
    v.insert("owner", w.owner);
    v.insert("mail", w.mail);
    let mut s = Stmts::new();
    match previous {
        None => {
            s.refuse_if("record::exists($id)", Refusal::AlreadyExists)
                .sql(&format!(
                    "CREATE $id SET product = $product, shop = $shop, order_line = $line, author = $me, author_name = $name, \
                     created_at = $now, {REVIEW_SET}"
                ));
        }
        Some(m) => {
            s.bind("was_status", m.status)
                .bind("was_rating", m.rating)
                .bind("was_photos", m.has_photos)
                .sql("LET $r = $id.*")
                .refuse_if("$r = NONE OR $r.author != $me", Refusal::NotFound)
                .refuse_if(
                    "$r.status != $was_status OR $r.rating != $was_rating OR $r.has_photos != $was_photos",
                    Refusal::Changed,
                )
                .sql(&format!(
                    "CREATE review_revision SET review = $id, rating = $r.rating, title = $r.title, body = $r.body, photos = $r.photos, \
                       at = $r.edited_at ?? $r.created_at;\n\
                     UPDATE $id SET edited_at = $now, revisions += 1, {REVIEW_SET}"
                ));
        }
    }
    s.bind_all(v).sql(APPLY_DELTA).sql(NEGATIVE_NOTICE);
    s
}
