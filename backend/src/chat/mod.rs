//! The conversations area's database work (threads between a shopper and a shop, their
//! messages, unread counts, the shop's questions waiting for an answer and its canned
//! replies). The app's `chat::imp` calls it.

pub mod store;
