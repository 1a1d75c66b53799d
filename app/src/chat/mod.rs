//! Conversations between a shopper and a shop: one thread per shopper and shop,
//! started from a product page, a shop page or an order and showing that product or
//! order inline; unread counts in the header and the seller centre; the seller's inbox
//! with filters and canned replies; the shop's response rate and median first-response
//! time on its shop and product pages; contact details masked by the rules reviews use
//! (`domain::contact`). New messages appear without a reload: the page waits on
//! [`api::chat_pulse`], which answers when the caller's threads change on any server
//! instance (a live query on the threads, see [`live`]).
//!
//! Rules are in `domain::chat`; server functions in `api`, the server-side logic in
//! `imp`, the queries in `store`; pages in `views`.

use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub mod api;
pub mod views;

#[cfg(feature = "ssr")]
pub mod imp;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod photos;
#[cfg(feature = "ssr")]
pub use backend::chat::store;

pub use api::*;

/// One thread in an inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub key: String,
    /// The other side's name (the shop's for a shopper, the shopper's for a seller).
    pub with: String,
    pub last_text: String,
    /// The reader wrote the last message.
    pub mine_last: bool,
    pub last_at: i64,
    pub unread: i64,
    /// The shopper waits for the shop's answer.
    pub waiting: bool,
    pub order_number: Option<String>,
}

/// An inbox: a shopper's threads, or a shop's (filtered).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub threads: Vec<ThreadSummary>,
    /// The filter shown (`all`, `unanswered`, `orders`; the shopper's inbox: `all`).
    pub filter: String,
    /// Unread messages in all the inbox's threads.
    pub unread: i64,
    /// The shop's response figures (a seller's inbox).
    pub response: Option<ResponseView>,
    /// The shop's canned replies (a seller's inbox).
    pub canned: Vec<String>,
}

/// A product a message is about, as its card shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRef {
    pub key: String,
    pub title: String,
    pub image: String,
    pub price: String,
    pub href: String,
}

/// An order a message is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRef {
    pub key: String,
    pub number: String,
    pub status: String,
    pub total: String,
    /// Where the reader opens it (the shopper's order page or the seller's).
    pub href: String,
}

/// One message as its reader sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub key: String,
    pub mine: bool,
    pub body: String,
    /// Its photos' (full size, thumbnail) addresses.
    #[serde(default)]
    pub photos: Vec<(String, String)>,
    pub at: i64,
    /// Contact details were hidden in it.
    pub masked: bool,
    /// It asks to deal or pay outside the marketplace: the reader is warned.
    pub warn: bool,
    pub product: Option<ProductRef>,
    pub order: Option<OrderRef>,
}

/// A shop's responsiveness as shown on its pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseView {
    pub rate_pct: u8,
    pub median_secs: Option<i64>,
}

/// A conversation page: the thread (none yet when a shopper starts one), what the
/// next message will be about, and the seller's canned replies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    /// `None` until the first message.
    pub key: Option<String>,
    /// The reader's side: `buyer` or `shop`.
    pub side: String,
    /// The other side's name.
    pub with: String,
    pub shop_slug: String,
    pub messages: Vec<MessageView>,
    /// The product or order the page was opened from (sent with the next message).
    pub product: Option<ProductRef>,
    pub order: Option<OrderRef>,
    pub response: Option<ResponseView>,
    pub canned: Vec<String>,
}

/// What the header and open pages wait on: a mark that changes whenever one of the
/// caller's threads does, and the unread counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pulse {
    pub mark: String,
    /// Unread messages from shops.
    pub unread: i64,
    /// Unread messages to the caller's shop.
    pub shop_unread: i64,
}

/// A median wait as people read it: "5 min", "3 h", "2 days" (rounded up).
pub fn wait_words(secs: i64, zh: bool) -> String {
    let mins = (secs.max(0) + 59) / 60;
    if mins < 60 {
        return if zh {
            format!("{mins} 分鐘")
        } else {
            format!("{mins} min")
        };
    }
    let hours = (mins + 59) / 60;
    if hours < 48 {
        return if zh {
            format!("{hours} 小時")
        } else {
            format!("{hours} h")
        };
    }
    let days = (hours + 23) / 24;
    if zh {
        format!("{days} 天")
    } else {
        format!("{days} days")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn waits_read_naturally() {
        assert_eq!(super::wait_words(0, false), "0 min");
        assert_eq!(super::wait_words(61, false), "2 min");
        assert_eq!(super::wait_words(3_600, true), "1 小時");
        assert_eq!(super::wait_words(3_601, false), "2 h");
        assert_eq!(super::wait_words(3 * 86_400, false), "3 days");
    }
}
