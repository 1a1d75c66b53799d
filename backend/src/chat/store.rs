//! Conversations: reading threads and messages, and the one statement that adds a
//! message (creating the thread with the first one, counting it unread for the other
//! side, opening or answering the shopper's question, and queueing the mail that tells
//! the other side).

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{Db, Refusal, Stmts};
use crate::notify::store::queue_mail;
use crate::notify::Rendered;

/// A thread with the names and context its rows and page show.
#[derive(Clone, Debug, SurrealValue)]
pub struct ThreadRow {
    pub id: RecordId,
    pub buyer: RecordId,
    pub buyer_name: Option<String>,
    pub shop: RecordId,
    pub shop_name: Option<String>,
    pub shop_slug: Option<String>,
    pub owner: Option<RecordId>,
    pub last_at: DateTime<Utc>,
    pub last_text: String,
    pub last_side: String,
    pub buyer_unread: i64,
    pub shop_unread: i64,
    pub waiting: bool,
    pub product: Option<RecordId>,
    pub shop_order: Option<RecordId>,
    pub order_number: Option<String>,
}

const THREAD_FIELDS: &str = "id, buyer, buyer.display_name AS buyer_name, shop, shop.name AS shop_name, \
     shop.slug AS shop_slug, shop.owner AS owner, last_at, last_text, last_side, buyer_unread, shop_unread, \
     open_ask != NONE AS waiting, product, shop_order, shop_order.number AS order_number";

/// The most threads an inbox lists.
pub const INBOX_LIMIT: i64 = 100;

/// Reads a thread.
pub async fn thread(db: &Db, id: RecordId) -> Result<Option<ThreadRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {THREAD_FIELDS} FROM $t"))
        .bind(("t", id))
        .await?
        .check()?;
    let rows: Vec<ThreadRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

pub const IN_DISPUTE: &str =
    "SELECT VALUE id FROM dispute WHERE buyer = $t.buyer AND shop = $t.shop LIMIT 1";

/// Whether the thread's shopper has a claim about an order with its shop (moderators
/// deciding it read the conversation, photos included).
pub async fn in_dispute(db: &Db, thread: RecordId) -> Result<bool, surrealdb::Error> {
    let mut res = db.query(IN_DISPUTE).bind(("t", thread)).await?.check()?;
    let found: Vec<RecordId> = res.take(0)?;
    Ok(!found.is_empty())
}

/// Reads the thread between a shopper and a shop, if they have one.
pub async fn thread_between(
    db: &Db,
    buyer: RecordId,
    shop: RecordId,
) -> Result<Option<ThreadRow>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {THREAD_FIELDS} FROM chat_thread WHERE buyer = $b AND shop = $s LIMIT 1"
        ))
        .bind(("b", buyer))
        .bind(("s", shop))
        .await?
        .check()?;
    let rows: Vec<ThreadRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// A shopper's threads, the latest first.
pub async fn buyer_threads(db: &Db, buyer: RecordId) -> Result<Vec<ThreadRow>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT {THREAD_FIELDS} FROM chat_thread WHERE buyer = $b ORDER BY last_at DESC LIMIT $n"
        ))
        .bind(("b", buyer))
        .bind(("n", INBOX_LIMIT))
        .await?
        .check()?;
    res.take(0)
}

/// A shop's threads, the latest first: all, those waiting for the shop's answer
/// (`unanswered`) or those about an order (`orders`).
pub async fn shop_threads(
    db: &Db,
    shop: RecordId,
    filter: &str,
) -> Result<Vec<ThreadRow>, surrealdb::Error> {
    let cond = match filter {
        "unanswered" => "AND open_ask != NONE",
        "orders" => "AND shop_order != NONE",
        _ => "",
    };
    let mut res = db
        .query(format!(
            "SELECT {THREAD_FIELDS} FROM chat_thread WHERE shop = $s {cond} ORDER BY last_at DESC LIMIT $n"
        ))
        .bind(("s", shop))
        .bind(("n", INBOX_LIMIT))
        .await?
        .check()?;
    res.take(0)
}

/// A message with the product or order it is about.
#[derive(Clone, Debug, SurrealValue)]
pub struct MessageRow {
    pub id: RecordId,
    pub side: String,
    pub body: String,
    pub flags: Vec<String>,
    /// Keys of the message's photos (`messages/<thread>/…`).
    pub photos: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub product: Option<ProductRow>,
    pub shop_order: Option<OrderRow>,
}

const PRODUCT_FIELDS: &str =
    "id, shop, title_en, title_zh, image_url, slug, price_minor, currency, status";
const ORDER_FIELDS: &str =
    "id, buyer, shop, number, status, currency, subtotal_minor, shipping_minor, discount_minor";

fn message_fields() -> String {
    format!(
        "id, side, body, flags, photos, created_at, product.{{{PRODUCT_FIELDS}}} AS product, \
         shop_order.{{{ORDER_FIELDS}}} AS shop_order"
    )
}

/// The last `limit` messages of a thread, oldest first.
pub async fn messages(
    db: &Db,
    thread: RecordId,
    limit: i64,
) -> Result<Vec<MessageRow>, surrealdb::Error> {
    let mut res = db
        .query(format!(
            "SELECT * FROM (SELECT {} FROM chat_message WHERE thread = $t \
               ORDER BY created_at DESC LIMIT $n) ORDER BY created_at",
            message_fields()
        ))
        .bind(("t", thread))
        .bind(("n", limit))
        .await?
        .check()?;
    res.take(0)
}

/// When the author sent their messages since `since` (for the sending limit).
pub async fn sent_since(
    db: &Db,
    author: RecordId,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT VALUE created_at FROM chat_message WHERE author = $a AND created_at > $since",
        )
        .bind(("a", author))
        .bind(("since", since))
        .await?
        .check()?;
    res.take(0)
}

/// The reader of `side` has seen every message of the thread.
pub async fn mark_read(db: &Db, thread: RecordId, side: &str) -> Result<(), surrealdb::Error> {
    let field = if side == "shop" {
        "shop_unread"
    } else {
        "buyer_unread"
    };
    db.query(format!("UPDATE $t SET {field} = 0 WHERE {field} != 0"))
        .bind(("t", thread))
        .await?
        .check()?;
    Ok(())
}

/// A question of a shop's: asked, and first answered (if it was).
#[derive(Clone, Debug, SurrealValue)]
pub struct AskRow {
    pub asked_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// The most questions read for a shop's response figures.
pub const ASKS_READ: i64 = 300;

/// A shop's questions asked since `since`, the latest first (at most [`ASKS_READ`]).
pub async fn asks(
    db: &Db,
    shop: RecordId,
    since: DateTime<Utc>,
) -> Result<Vec<AskRow>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT asked_at, answered_at FROM chat_ask WHERE shop = $s AND asked_at >= $since \
             ORDER BY asked_at DESC LIMIT $n",
        )
        .bind(("s", shop))
        .bind(("since", since))
        .bind(("n", ASKS_READ))
        .await?
        .check()?;
    res.take(0)
}

/// A shop's canned replies.
pub async fn canned(db: &Db, shop: RecordId) -> Result<Vec<String>, surrealdb::Error> {
    let mut res = db
        .query("SELECT VALUE canned_replies FROM $s")
        .bind(("s", shop))
        .await?
        .check()?;
    let v: Vec<Vec<String>> = res.take(0)?;
    Ok(v.into_iter().next().unwrap_or_default())
}

/// Replaces a shop's canned replies.
pub async fn save_canned(
    db: &Db,
    shop: RecordId,
    replies: Vec<String>,
) -> Result<(), surrealdb::Error> {
    db.query("UPDATE $s SET canned_replies = $r")
        .bind(("s", shop))
        .bind(("r", replies))
        .await?
        .check()?;
    Ok(())
}

/// A product a conversation may be about, as its card shows it.
#[derive(Clone, Debug, SurrealValue)]
pub struct ProductRow {
    pub id: RecordId,
    pub shop: RecordId,
    pub title_en: String,
    pub title_zh: String,
    pub image_url: String,
    pub slug: String,
    pub price_minor: i64,
    pub currency: String,
    pub status: String,
}

/// Reads a product a conversation may be about.
pub async fn product(db: &Db, product: RecordId) -> Result<Option<ProductRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {PRODUCT_FIELDS} FROM $p"))
        .bind(("p", product))
        .await?
        .check()?;
    let rows: Vec<ProductRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// An order a conversation may be about, with its parties.
#[derive(Clone, Debug, SurrealValue)]
pub struct OrderRow {
    pub id: RecordId,
    pub buyer: RecordId,
    pub shop: RecordId,
    pub number: String,
    pub status: String,
    pub currency: String,
    pub subtotal_minor: i64,
    pub shipping_minor: i64,
    pub discount_minor: Option<i64>,
}

impl OrderRow {
    /// What the order costs the buyer.
    pub fn total(&self) -> i64 {
        self.subtotal_minor + self.shipping_minor - self.discount_minor.unwrap_or(0)
    }
}

/// Reads an order a conversation may be about.
pub async fn order(db: &Db, order: RecordId) -> Result<Option<OrderRow>, surrealdb::Error> {
    let mut res = db
        .query(format!("SELECT {ORDER_FIELDS} FROM $o"))
        .bind(("o", order))
        .await?
        .check()?;
    let rows: Vec<OrderRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// A shop a shopper may write to: its owner and name.
#[derive(Clone, Debug, SurrealValue)]
pub struct ShopRow {
    pub id: RecordId,
    pub owner: RecordId,
    pub name: String,
    pub slug: String,
    pub status: String,
}

/// Reads a shop a shopper may write to.
pub async fn shop(db: &Db, shop: RecordId) -> Result<Option<ShopRow>, surrealdb::Error> {
    let mut res = db
        .query("SELECT id, owner, name, slug, status FROM $s")
        .bind(("s", shop))
        .await?
        .check()?;
    let rows: Vec<ShopRow> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// What a waiting page compares: the latest activity and unread counts of a person's
/// threads as a shopper and of their shop's.
#[derive(Clone, Debug, Default, SurrealValue)]
pub struct PulseRow {
    pub mine_at: Option<DateTime<Utc>>,
    pub shop_at: Option<DateTime<Utc>>,
    pub unread: Option<i64>,
    pub shop_unread: Option<i64>,
}

const PULSE: &str = "RETURN {\n\
       mine_at: (SELECT VALUE last_at FROM chat_thread WHERE buyer = $b ORDER BY last_at DESC LIMIT 1)[0],\n\
       shop_at: IF $s = NONE { NONE } ELSE { (SELECT VALUE last_at FROM chat_thread WHERE shop = $s ORDER BY last_at DESC LIMIT 1)[0] },\n\
       unread: math::sum(SELECT VALUE buyer_unread FROM chat_thread WHERE buyer = $b AND buyer_unread > 0),\n\
       shop_unread: IF $s = NONE { 0 } ELSE { math::sum(SELECT VALUE shop_unread FROM chat_thread WHERE shop = $s AND shop_unread > 0) },\n\
     }";

/// Reads a person's [`PulseRow`] (`shop`: the shop they run, if any).
pub async fn pulse(
    db: &Db,
    buyer: RecordId,
    shop: Option<RecordId>,
) -> Result<PulseRow, surrealdb::Error> {
    let mut res = db
        .query(PULSE)
        .bind(("b", buyer))
        .bind(("s", shop))
        .await?
        .check()?;
    let row: Option<PulseRow> = res.take(0)?;
    Ok(row.unwrap_or_default())
}

/// The parties of a changed thread, as the live query reports them.
#[derive(Clone, Debug, SurrealValue)]
pub struct ThreadPing {
    pub buyer: RecordId,
    pub shop: RecordId,
}

/// Every change to any thread, from any server instance, as it happens.
pub async fn watch_threads(
    db: &Db,
) -> Result<surrealdb::method::QueryStream<surrealdb::Notification<ThreadPing>>, surrealdb::Error> {
    let mut res = db
        .query("LIVE SELECT buyer, shop FROM chat_thread")
        .await?
        .check()?;
    res.stream::<surrealdb::Notification<ThreadPing>>(0)
}

/// A message to add.
pub struct Send {
    /// The thread (a fresh key when `new`).
    pub thread: RecordId,
    /// Create the thread with this message (refused with [`Refusal::AlreadyExists`] if
    /// the two have one meanwhile).
    pub new: bool,
    pub buyer: RecordId,
    pub shop: RecordId,
    /// `buyer` or `shop`.
    pub side: &'static str,
    pub author: RecordId,
    pub body: String,
    pub original: Option<String>,
    pub flags: Vec<String>,
    /// Keys of the photos, stored already.
    pub photos: Vec<String>,
    pub preview: String,
    pub product: Option<RecordId>,
    pub shop_order: Option<RecordId>,
    pub now: DateTime<Utc>,
    /// Who is told by mail when this is the first message they have not read, and what.
    pub recipient: Option<RecordId>,
    pub mail: Rendered,
}

/// Adds a message: creates the thread with the first one, counts it unread for the
/// other side, opens the shopper's question (a shopper's message while none is open) or
/// answers it (the shop's first message after it), and queues the other side's mail
/// when they had nothing unread in the thread.
pub fn send(m: Send) -> Stmts {
    let mut s = Stmts::new();
    s.bind("t", m.thread.clone())
        .bind("buyer", m.buyer)
        .bind("shop", m.shop)
        .bind("side", m.side.to_string())
        .bind("author", m.author)
        .bind("body", m.body)
        .bind("original", m.original)
        .bind("flags", m.flags)
        .bind("photos", m.photos)
        .bind("preview", m.preview)
        .bind("product", m.product)
        .bind("order", m.shop_order)
        .bind("now", m.now)
        .bind("recipient", m.recipient)
        .bind("mail", m.mail)
        .lock(m.thread);
    if m.new {
        s.refuse_if(
            "record::exists($t) OR (SELECT id FROM chat_thread WHERE buyer = $buyer AND shop = $shop LIMIT 1)[0] != NONE",
            Refusal::AlreadyExists,
        )
        .sql(
            "CREATE $t SET buyer = $buyer, shop = $shop, created_at = $now, last_at = $now, last_text = '', \
             last_side = $side, buyer_unread = 0, shop_unread = 0",
        );
    }
    s.sql("LET $th = $t.*")
        .refuse_if(
            "$th = NONE OR $th.buyer != $buyer OR $th.shop != $shop",
            Refusal::NotFound,
        )
        .sql(
            "CREATE chat_message SET thread = $t, side = $side, author = $author, body = $body, original = $original, \
             flags = $flags, photos = $photos, product = $product, shop_order = $order, created_at = $now",
        )
        .sql(
            "LET $was_unread = IF $side = 'buyer' { $th.shop_unread } ELSE { $th.buyer_unread }",
        )
        .sql(
            "IF $side = 'buyer' AND $th.open_ask = NONE {\n\
               LET $ask = (CREATE chat_ask SET shop = $shop, thread = $t, asked_at = $now).id;\n\
               UPDATE $t SET open_ask = $ask[0];\n\
             };\n\
             IF $side = 'shop' AND $th.open_ask != NONE {\n\
               UPDATE $th.open_ask SET answered_at = $now;\n\
               UPDATE $t SET open_ask = NONE;\n\
             }",
        )
        .sql(
            "UPDATE $t SET last_at = $now, last_text = $preview, last_side = $side, \
               product = $product ?? product, shop_order = $order ?? shop_order, \
               shop_unread += IF $side = 'buyer' { 1 } ELSE { 0 }, \
               buyer_unread += IF $side = 'shop' { 1 } ELSE { 0 }",
        )
        .sql(&format!(
            "IF $was_unread = 0 AND $recipient != NONE {{ {}; }}",
            queue_mail("$recipient", "$mail")
        ));
    s
}
