//! The server side of conversations. Who may read or write a thread is decided here,
//! once: its shopper and its shop's owner ([`side_of`]); a message may be about a
//! product of the thread's shop or an order between its two parties, nothing else.
//! The write itself is one statement (`store::send`).

use backend::db::{Refusal, Tx};
use backend::notify::Notice;
use domain::chat::{self, Side};
use domain::keys::{OrderKey, ProductKey, ShopSlug, ThreadKey};
use domain::{FieldErrorCode, Lang};
use surrealdb::types::RecordId;

use super::store::{self, MessageRow, OrderRow, ProductRow, ThreadRow};
use super::*;
use crate::accounts::session::SessionUser;
use crate::error::{internal, invalid};
use crate::state::{key_of, record, AppState};

/// Where a message goes.
pub enum To {
    Thread(ThreadKey),
    Shop(ShopSlug),
}

/// What a message is about.
pub struct About {
    pub product: Option<ProductKey>,
    pub order: Option<OrderKey>,
}

/// The caller's side in a thread: its shopper, or its shop's owner; `None` for anyone
/// else (who is told "not found": a thread's existence is not revealed).
fn side_of(t: &ThreadRow, user: &SessionUser) -> Option<Side> {
    if t.buyer == user.id {
        Some(Side::Buyer)
    } else if t.owner.as_ref() == Some(&user.id) {
        Some(Side::Shop)
    } else {
        None
    }
}

pub(super) async fn thread_for(
    state: &AppState,
    user: &SessionUser,
    key: &ThreadKey,
) -> Result<(ThreadRow, Side), AppError> {
    let t = store::thread(&state.db, record(key))
        .await?
        .ok_or(AppError::NotFound)?;
    let side = side_of(&t, user).ok_or(AppError::NotFound)?;
    Ok((t, side))
}

fn product_ref(p: &ProductRow, lang: Lang) -> ProductRef {
    let key = key_of(&p.id);
    ProductRef {
        title: if lang == Lang::ZhHant {
            p.title_zh.clone()
        } else {
            p.title_en.clone()
        },
        image: p.image_url.clone(),
        price: crate::sellers::price(p.price_minor, &p.currency),
        href: format!("/p/{key}/{}", p.slug),
        key,
    }
}

fn order_href(key: &str, side: Side) -> String {
    match side {
        Side::Buyer => format!("/orders/{key}"),
        Side::Shop => format!("/seller/orders/{key}"),
    }
}

fn order_ref(o: &OrderRow, side: Side) -> OrderRef {
    let key = key_of(&o.id);
    OrderRef {
        href: order_href(&key, side),
        number: o.number.clone(),
        status: o.status.clone(),
        total: crate::sellers::price(o.total(), &o.currency),
        key,
    }
}

fn message_view(m: MessageRow, side: Side, lang: Lang) -> MessageView {
    let flags: Vec<domain::contact::Contact> = m
        .flags
        .iter()
        .filter_map(|f| domain::contact::Contact::parse(f))
        .collect();
    MessageView {
        key: key_of(&m.id),
        mine: Side::parse(&m.side) == Some(side),
        masked: flags.iter().any(|f| f.is_hidden()),
        warn: chat::warns(&flags),
        body: m.body,
        photos: m.photos.iter().map(|k| super::photos::pair(k)).collect(),
        at: m.created_at.timestamp(),
        product: m.product.as_ref().map(|p| product_ref(p, lang)),
        order: m.shop_order.as_ref().map(|o| order_ref(o, side)),
    }
}

/// The unread messages of `side` in a thread.
fn unread_of(t: &ThreadRow, side: Side) -> i64 {
    match side {
        Side::Buyer => t.buyer_unread,
        Side::Shop => t.shop_unread,
    }
}

fn summary(t: &ThreadRow, side: Side) -> ThreadSummary {
    ThreadSummary {
        key: key_of(&t.id),
        with: match side {
            Side::Buyer => t.shop_name.clone().unwrap_or_default(),
            Side::Shop => shown_name(t.buyer_name.as_deref().unwrap_or_default()),
        },
        last_text: t.last_text.clone(),
        mine_last: Side::parse(&t.last_side) == Some(side),
        last_at: t.last_at.timestamp(),
        unread: unread_of(t, side),
        waiting: t.waiting,
        order_number: t.order_number.clone(),
    }
}

fn inbox(rows: &[ThreadRow], side: Side, filter: &str) -> Inbox {
    let threads: Vec<ThreadSummary> = rows.iter().map(|t| summary(t, side)).collect();
    Inbox {
        unread: threads.iter().map(|t| t.unread).sum(),
        threads,
        filter: filter.to_string(),
        response: None,
        canned: Vec::new(),
    }
}

pub async fn buyer_inbox(state: &AppState, user: &SessionUser) -> Result<Inbox, AppError> {
    let rows = store::buyer_threads(&state.db, user.id.clone()).await?;
    Ok(inbox(&rows, Side::Buyer, "all"))
}

pub async fn shop_inbox(
    state: &AppState,
    shop: &RecordId,
    filter: &str,
) -> Result<Inbox, AppError> {
    let filter = chat::InboxFilter::parse(filter).code();
    let rows = store::shop_threads(&state.db, shop.clone(), filter).await?;
    let mut inbox = inbox(&rows, Side::Shop, filter);
    inbox.response = response_of(state, shop).await?;
    inbox.canned = store::canned(&state.db, shop.clone()).await?;
    Ok(inbox)
}

/// A listing shoppers can see (a held, draft or delisted one is not something to show
/// in a conversation).
fn on_sale(status: &str) -> bool {
    use domain::listing::ListingStatus as S;
    [S::Active, S::PendingReview, S::SoldOut]
        .iter()
        .any(|s| s.as_str() == status)
}

/// A shop shoppers may write to: open, or suspended (its buyers still need answers
/// about their orders); not one still applying or closed for good.
async fn reachable_shop(state: &AppState, slug: &ShopSlug) -> Result<store::ShopRow, AppError> {
    store::shop(&state.db, record(slug))
        .await?
        .filter(|s| s.status == "approved" || s.status == "suspended")
        .ok_or(AppError::NotFound)
}

/// A name as the other side sees it: contact details in it are masked like a
/// message's.
fn shown_name(name: &str) -> String {
    domain::contact::mask(name).0
}

/// The product and order a message may be about, checked against the thread's shop
/// and shopper: anything else is "not found".
async fn about(
    state: &AppState,
    shop: &RecordId,
    buyer: &RecordId,
    product: Option<&ProductKey>,
    order: Option<&OrderKey>,
) -> Result<(Option<ProductRow>, Option<OrderRow>), AppError> {
    let p = match product {
        Some(k) => {
            let p = store::product(&state.db, record(k))
                .await?
                .filter(|p| &p.shop == shop && on_sale(&p.status))
                .ok_or(AppError::NotFound)?;
            Some(p)
        }
        None => None,
    };
    let o = match order {
        Some(k) => {
            let o = store::order(&state.db, record(k))
                .await?
                .filter(|o| &o.shop == shop && &o.buyer == buyer)
                .ok_or(AppError::NotFound)?;
            Some(o)
        }
        None => None,
    };
    Ok((p, o))
}

pub async fn thread_page(
    state: &AppState,
    user: &SessionUser,
    lang: Lang,
    key: &ThreadKey,
    product: Option<&ProductKey>,
    order: Option<&OrderKey>,
) -> Result<ThreadView, AppError> {
    let (t, side) = thread_for(state, user, key).await?;
    let (p, o) = about(state, &t.shop, &t.buyer, product, order).await?;
    open(state, t, side, lang, (p, o)).await
}

/// A thread as `side` reads it; reading it marks it read for that side.
async fn open(
    state: &AppState,
    t: ThreadRow,
    side: Side,
    lang: Lang,
    (p, o): (Option<ProductRow>, Option<OrderRow>),
) -> Result<ThreadView, AppError> {
    if unread_of(&t, side) > 0 {
        store::mark_read(&state.db, t.id.clone(), side.code()).await?;
    }
    let messages = store::messages(&state.db, t.id.clone(), chat::PAGE as i64).await?;
    Ok(ThreadView {
        key: Some(key_of(&t.id)),
        side: side.code().to_string(),
        with: summary(&t, side).with,
        shop_slug: t.shop_slug.clone().unwrap_or_default(),
        messages: messages
            .into_iter()
            .map(|m| message_view(m, side, lang))
            .collect(),
        product: p.as_ref().map(|p| product_ref(p, lang)),
        order: o.as_ref().map(|o| order_ref(o, side)),
        response: match side {
            Side::Buyer => response_of(state, &t.shop).await?,
            Side::Shop => None,
        },
        canned: match side {
            Side::Shop => store::canned(&state.db, t.shop.clone()).await?,
            Side::Buyer => Vec::new(),
        },
    })
}

pub async fn shop_conversation(
    state: &AppState,
    user: &SessionUser,
    lang: Lang,
    slug: &ShopSlug,
    product: Option<&ProductKey>,
    order: Option<&OrderKey>,
) -> Result<ThreadView, AppError> {
    let shop = reachable_shop(state, slug).await?;
    if shop.owner == user.id {
        return Err(invalid("body", FieldErrorCode::NotAllowed));
    }
    let (p, o) = about(state, &shop.id, &user.id, product, order).await?;
    match store::thread_between(&state.db, user.id.clone(), shop.id.clone()).await? {
        Some(t) => open(state, t, Side::Buyer, lang, (p, o)).await,
        None => Ok(ThreadView {
            key: None,
            side: Side::Buyer.code().to_string(),
            with: shop.name.clone(),
            shop_slug: shop.slug.clone(),
            messages: Vec::new(),
            product: p.as_ref().map(|p| product_ref(p, lang)),
            order: o.as_ref().map(|o| order_ref(o, Side::Buyer)),
            response: response_of(state, &shop.id).await?,
            canned: Vec::new(),
        }),
    }
}

/// The thread a message goes to: (thread, is new, shopper, shop, the caller's side,
/// the other side's owner, the caller's name as the other side sees it).
struct Target {
    thread: RecordId,
    new: bool,
    buyer: RecordId,
    shop: RecordId,
    side: Side,
    recipient: RecordId,
    from: String,
}

async fn target(state: &AppState, user: &SessionUser, to: &To) -> Result<Target, AppError> {
    match to {
        To::Thread(key) => {
            let (t, side) = thread_for(state, user, key).await?;
            let (recipient, from) = match side {
                Side::Buyer => (
                    t.owner.clone().ok_or(AppError::NotFound)?,
                    shown_name(&user.display_name),
                ),
                Side::Shop => (t.buyer.clone(), t.shop_name.clone().unwrap_or_default()),
            };
            Ok(Target {
                thread: t.id,
                new: false,
                buyer: t.buyer,
                shop: t.shop,
                side,
                recipient,
                from,
            })
        }
        To::Shop(slug) => {
            let shop = reachable_shop(state, slug).await?;
            if shop.owner == user.id {
                return Err(invalid("body", FieldErrorCode::NotAllowed));
            }
            let existing =
                store::thread_between(&state.db, user.id.clone(), shop.id.clone()).await?;
            Ok(Target {
                new: existing.is_none(),
                thread: existing.map_or_else(
                    || RecordId::new("chat_thread", crate::orders::imp::new_key()),
                    |t| t.id,
                ),
                buyer: user.id.clone(),
                shop: shop.id,
                side: Side::Buyer,
                recipient: shop.owner,
                from: shown_name(&user.display_name),
            })
        }
    }
}

/// Refuses a sender over [`chat::SEND_LIMIT`].
async fn throttle(state: &AppState, user: &SessionUser) -> Result<(), AppError> {
    let now = state.now();
    let since = now - chrono::Duration::seconds(chat::SEND_LIMIT.window_secs);
    let sent = store::sent_since(&state.db, user.id.clone(), since).await?;
    crate::error::within_limit(chat::SEND_LIMIT, now, &sent)
}

/// A message: its text and the photos as uploaded.
pub struct Message<'a> {
    pub body: &'a str,
    pub photos: Vec<Vec<u8>>,
}

/// The row [`store::send`] writes for `out` from `user` to `t`.
fn message_row(
    state: &AppState,
    user: &SessionUser,
    t: &Target,
    out: &chat::Outgoing,
    photos: Vec<String>,
    about: (Option<ProductRow>, Option<OrderRow>),
) -> store::Send {
    let preview = if out.body.is_empty() {
        format!("📷 ×{}", photos.len())
    } else {
        chat::preview(&out.body)
    };
    let notice = Notice::NewMessage {
        thread: key_of(&t.thread),
        from: t.from.clone(),
        text: if out.body.is_empty() {
            preview.clone()
        } else {
            out.body.clone()
        },
    };
    store::Send {
        thread: t.thread.clone(),
        new: t.new,
        buyer: t.buyer.clone(),
        shop: t.shop.clone(),
        side: t.side.code(),
        author: user.id.clone(),
        body: out.body.clone(),
        original: out.original.clone(),
        flags: out.flags.iter().map(|f| f.code().to_string()).collect(),
        preview,
        photos,
        product: about.0.map(|p| p.id),
        shop_order: about.1.map(|o| o.id),
        now: state.now(),
        recipient: Some(t.recipient.clone()),
        mail: notice.render(),
    }
}

/// Sends a message (see [`super::api::send_message`]; photos come through the
/// composer's multipart form). Photos are decoded only once the sender may write there
/// and what the message is about is theirs to name, stored under the thread, and
/// removed again when the message is not written. Returns the thread's key.
pub async fn send(
    state: &AppState,
    user: &SessionUser,
    to: To,
    about_keys: About,
    message: Message<'_>,
) -> Result<String, AppError> {
    let out = chat::prepare(message.body, message.photos.len())
        .map_err(|e| AppError::Invalid(vec![e]))?;
    if message
        .photos
        .iter()
        .any(|p| p.len() > domain::media::MAX_PHOTO_BYTES)
    {
        return Err(invalid("photos", FieldErrorCode::FileTooLarge));
    }
    throttle(state, user).await?;
    let (mut raw, mut photos) = (Some(message.photos), Vec::new());
    let mut to = to;
    for _ in 0..2 {
        let t = target(state, user, &to).await?;
        let (product, order) = (about_keys.product.as_ref(), about_keys.order.as_ref());
        let context = about(state, &t.shop, &t.buyer, product, order).await?;
        if let Some(raw) = raw.take() {
            photos = crate::media::encode_photos(raw).await?;
        }
        let key = key_of(&t.thread);
        let prefix = format!("messages/{key}");
        let stored = crate::media::put_photos(state.media.as_ref(), &prefix, &photos, true).await?;
        let mut tx = Tx::new();
        tx.add(store::send(message_row(
            state,
            user,
            &t,
            &out,
            stored.clone(),
            context,
        )));
        let written = tx.run(&state.db).await;
        if !matches!(written, Ok(Ok(()))) {
            super::photos::forget(state, &stored).await;
        }
        match written? {
            Ok(()) => return Ok(key),
            // the two started a thread meanwhile (another tab): write into it
            Err(Refusal::AlreadyExists) => {
                if let To::Shop(_) = to {
                    to = To::Thread(
                        ThreadKey::parse(&key_of(
                            &store::thread_between(&state.db, t.buyer, t.shop)
                                .await?
                                .ok_or(AppError::NotFound)?
                                .id,
                        ))
                        .map_err(|e| internal("thread key", e))?,
                    );
                }
            }
            Err(Refusal::NotFound) => return Err(AppError::NotFound),
            Err(e) => return Err(internal("send message", e)),
        }
    }
    Err(internal("send message", "thread kept changing"))
}

/// The caller's [`Pulse`]: at once when it differs from `seen`, else when one of
/// their threads changes, else after [`super::live::WAIT`].
pub async fn pulse(state: &AppState, user: &SessionUser, seen: &str) -> Result<Pulse, AppError> {
    let shop = if user.roles.satisfies(domain::Role::Seller) {
        crate::ctx::find_shop_of(&state.db, user)
            .await?
            .map(|s| s.id)
    } else {
        None
    };
    state.chat.listen(&state.db);
    let mut rx = state.chat.subscribe();
    let deadline = tokio::time::Instant::now() + super::live::WAIT;
    loop {
        let row = store::pulse(&state.db, user.id.clone(), shop.clone()).await?;
        let p = Pulse {
            mark: format!(
                "{}.{}.{}.{}",
                row.mine_at.map_or(0, |t| t.timestamp_millis()),
                row.shop_at.map_or(0, |t| t.timestamp_millis()),
                row.unread.unwrap_or(0),
                row.shop_unread.unwrap_or(0)
            ),
            unread: row.unread.unwrap_or(0),
            shop_unread: row.shop_unread.unwrap_or(0),
        };
        if p.mark != seen || !super::live::changed(&mut rx, &user.id, shop.as_ref(), deadline).await
        {
            return Ok(p);
        }
    }
}

/// A shop's response figures from its recent questions.
pub async fn response_of(
    state: &AppState,
    shop: &RecordId,
) -> Result<Option<ResponseView>, AppError> {
    let now = state.now();
    let since = now - chrono::Duration::days(chat::LOOKBACK_DAYS);
    let asks: Vec<chat::Ask> = store::asks(&state.db, shop.clone(), since)
        .await?
        .iter()
        .map(|a| chat::Ask {
            asked_at: a.asked_at.timestamp(),
            answered_at: a.answered_at.map(|t| t.timestamp()),
        })
        .collect();
    Ok(
        chat::response_stats(&asks, now.timestamp()).map(|s| ResponseView {
            rate_pct: s.rate_pct,
            median_secs: s.median_secs,
        }),
    )
}

pub async fn save_canned(state: &AppState, shop: &RecordId, text: &str) -> Result<(), AppError> {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let replies = chat::check_canned(&lines).map_err(|e| AppError::Invalid(vec![e]))?;
    store::save_canned(&state.db, shop.clone(), replies).await?;
    Ok(())
}
