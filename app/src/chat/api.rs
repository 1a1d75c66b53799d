//! Conversations' server functions: check who asks, call the logic in `imp`, return.

use domain::keys::{OrderKey, ProductKey, ShopSlug, ThreadKey};
use leptos::prelude::*;

use super::*;
#[cfg(feature = "ssr")]
use crate::ctx::{Ctx, Visitor};

/// The caller's threads with shops.
#[server(endpoint = "my_threads")]
pub async fn my_threads() -> Result<Inbox, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        imp::buyer_inbox(&state, &user).await
    }
    .await
}

/// The seller's inbox: `all`, `unanswered` or `orders`.
#[server(endpoint = "shop_threads")]
pub async fn shop_threads(#[server(default)] filter: String) -> Result<Inbox, AppError> {
    async {
        let ctx = Ctx::seller().await?;
        imp::shop_inbox(&ctx.state, &ctx.shop.id, &filter).await
    }
    .await
}

/// A thread the caller takes part in (as its shopper or its shop's owner), with what
/// the next message is about; opening it marks it read.
#[server(endpoint = "thread_page")]
pub async fn thread_page(
    thread: ThreadKey,
    #[server(default)] product: Option<ProductKey>,
    #[server(default)] order: Option<OrderKey>,
) -> Result<ThreadView, AppError> {
    async {
        let Ctx {
            state, user, prefs, ..
        } = Ctx::user().await?;
        imp::thread_page(
            &state,
            &user,
            prefs.lang,
            &thread,
            product.as_ref(),
            order.as_ref(),
        )
        .await
    }
    .await
}

/// The caller's conversation with a shop (empty before the first message), opened from
/// a product page, the shop page or an order.
#[server(endpoint = "shop_conversation")]
pub async fn shop_conversation(
    shop: ShopSlug,
    #[server(default)] product: Option<ProductKey>,
    #[server(default)] order: Option<OrderKey>,
) -> Result<ThreadView, AppError> {
    async {
        let Ctx {
            state, user, prefs, ..
        } = Ctx::user().await?;
        imp::shop_conversation(
            &state,
            &user,
            prefs.lang,
            &shop,
            product.as_ref(),
            order.as_ref(),
        )
        .await
    }
    .await
}

/// Sends a message in a thread the caller takes part in (`thread`), or to a shop
/// (`shop`: the caller's thread with it, created with the first message); about a
/// product of that shop or an order of the caller's with it. Returns the thread's key.
#[server(endpoint = "send_message")]
pub async fn send_message(
    #[server(default)] thread: Option<ThreadKey>,
    #[server(default)] shop: Option<ShopSlug>,
    #[server(default)] product: Option<ProductKey>,
    #[server(default)] order: Option<OrderKey>,
    #[server(default)] body: String,
) -> Result<String, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        let to = match (thread, shop) {
            (Some(t), _) => imp::To::Thread(t),
            (None, Some(s)) => imp::To::Shop(s),
            (None, None) => return Err(AppError::NotFound),
        };
        let about = imp::About { product, order };
        let message = imp::Message {
            body: &body,
            photos: Vec::new(),
        };
        imp::send(&state, &user, to, about, message).await
    }
    .await
}

/// Answers when one of the caller's threads changed since `seen` (a [`Pulse::mark`]),
/// or after about 25 seconds with the same mark; at once for an empty `seen`.
#[server(endpoint = "chat_pulse")]
pub async fn chat_pulse(#[server(default)] seen: String) -> Result<Pulse, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::user().await?;
        imp::pulse(&state, &user, &seen).await
    }
    .await
}

/// A shop's response rate and median first-response time (`None`: too few questions
/// lately to tell).
#[server(endpoint = "shop_response")]
pub async fn shop_response(shop: ShopSlug) -> Result<Option<ResponseView>, AppError> {
    async {
        let Visitor { state, .. } = Ctx::visitor().await?;
        imp::response_of(&state, &crate::state::record(&shop)).await
    }
    .await
}

/// Replaces the shop's canned replies: one per line.
#[server(endpoint = "save_canned_replies")]
pub async fn save_canned_replies(#[server(default)] replies: String) -> Result<(), AppError> {
    async {
        let ctx = Ctx::seller().await?;
        imp::save_canned(&ctx.state, &ctx.shop.id, &replies).await
    }
    .await
}
