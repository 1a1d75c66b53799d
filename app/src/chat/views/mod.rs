//! Conversations' pages and pieces: the shopper's inbox (`/messages`), a thread
//! (`/messages/<key>`), a new conversation with a shop (`/messages/to/<shop>`), the
//! seller's inbox (`/seller/messages`), the "chat with the seller" box on product, shop
//! and order pages, and the live unread counts (one waiting request per signed-in page).

use leptos::prelude::*;

use super::*;
use crate::i18n::{t, use_lang, K};

mod inbox;
mod thread;

pub use inbox::{MessagesPage, SellerMessagesPage};
pub use thread::{PhotoStrip, StartConversationPage, ThreadPage};

/// The caller's latest [`Pulse`], kept current while a signed-in page is open.
#[derive(Clone, Copy)]
pub struct ChatLive(pub RwSignal<Option<Pulse>>);

/// Provides [`ChatLive`] (once, in the shell).
pub fn provide_chat_live() {
    provide_context(ChatLive(RwSignal::new(None)));
}

/// The mark pages refetch on: changes with every new message or read in the caller's
/// threads.
pub fn live_mark() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let live = use_context::<ChatLive>();
    move || {
        live.and_then(|l| l.0.get().map(|p| p.mark))
            .unwrap_or_default()
    }
}

/// Keeps [`ChatLive`] current for a signed-in visitor: asks the server for the pulse,
/// which answers when something changed (or after a while), and asks again; after a
/// failure waits longer each time (1 s doubling to a minute). Stops when the component
/// is gone or the visitor is signed out.
#[component]
pub fn ChatPulse() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let alive = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        if let Some(live) = use_context::<ChatLive>() {
            let a = alive.clone();
            Effect::new(move |_| poll(live.0, String::new(), 1_000, a.clone()));
        }
        on_cleanup(move || alive.store(false, std::sync::atomic::Ordering::Relaxed));
    }
}

#[cfg(feature = "hydrate")]
fn poll(
    pulse: RwSignal<Option<Pulse>>,
    seen: String,
    backoff_ms: u64,
    alive: std::sync::Arc<std::sync::atomic::AtomicBool>,
) {
    use std::sync::atomic::Ordering;
    leptos::task::spawn_local(async move {
        if !alive.load(Ordering::Relaxed) {
            return;
        }
        match chat_pulse(seen.clone()).await {
            Ok(p) => {
                let next = p.mark.clone();
                if pulse.get_untracked().as_ref() != Some(&p) && pulse.try_set(Some(p)).is_some() {
                    return;
                }
                poll(pulse, next, 1_000, alive);
            }
            Err(AppError::Unauthenticated) => {}
            Err(_) => {
                let again = (backoff_ms * 2).min(60_000);
                set_timeout(
                    move || poll(pulse, seen, again, alive),
                    std::time::Duration::from_millis(backoff_ms),
                );
            }
        }
    });
}

/// A count badge from the live pulse (`shop`: the shop's unread, else the shopper's);
/// nothing at zero.
#[component]
pub fn UnreadBadge(#[prop(optional)] shop: bool) -> impl IntoView {
    let live = use_context::<ChatLive>();
    // The server never knows the live count, so the badge hydrates empty and shows the
    // count from the next tick: a seller-centre page hydrates only once its own chunk
    // has arrived, by when the header's pulse may already have a count, and drawing it
    // during hydration would not match the server's markup (a hydration panic that left
    // the page dead).
    let mounted = crate::ui::mounted();
    let n = move || {
        live.filter(|_| mounted.get())
            .and_then(|l| l.0.get())
            .map(|p| if shop { p.shop_unread } else { p.unread })
            .unwrap_or(0)
    };
    move || {
        (n() > 0).then(|| {
            view! {
                <span
                    class="ml-1 rounded-full bg-rose-600 px-1.5 py-0.5 text-xs font-semibold text-white"
                    data-testid=if shop { "shop-unread" } else { "chat-unread" }
                >
                    {n()}
                    <span class="sr-only">{t(K::ChUnreadCount)}</span>
                </span>
            }
        })
    }
}

/// The shop's response figures ("Response rate 92 % · Typical reply time 2 h").
#[component]
pub fn ResponseLine(response: Option<ResponseView>) -> impl IntoView {
    let zh = use_lang() == domain::Lang::ZhHant;
    view! {
        <p class="text-sm text-slate-600" data-testid="response-figures">
            {match response {
                Some(r) => {
                    view! {
                        <span>
                            {t(K::ChResponseRate)} " "
                            <strong data-testid="response-rate">
                                {format!("{} %", r.rate_pct)}
                            </strong>
                        </span>
                        {r
                            .median_secs
                            .map(|s| {
                                view! {
                                    <span>
                                        " · " {t(K::ChResponseTime)} " "
                                        <strong data-testid="response-time">
                                            {wait_words(s, zh)}
                                        </strong>
                                    </span>
                                }
                            })}
                    }
                        .into_any()
                }
                None => view! { <span>{t(K::ChNewToChat)}</span> }.into_any(),
            }}
        </p>
    }
}

/// "Chat with the seller" and the shop's response figures, for product, shop and
/// order pages.
#[component]
pub fn AskSeller(
    shop: String,
    #[prop(optional)] product: Option<String>,
    #[prop(optional)] order: Option<String>,
) -> impl IntoView {
    let mut href = format!("/messages/to/{shop}");
    if let Some(p) = &product {
        href.push_str(&format!("?product={p}"));
    } else if let Some(o) = &order {
        href.push_str(&format!("?order={o}"));
    }
    let figures = Resource::new(
        move || shop.clone(),
        |s| async move {
            match domain::keys::ShopSlug::parse(&s) {
                Ok(k) => shop_response(k).await.ok().flatten(),
                Err(_) => None,
            }
        },
    );
    view! {
        <div class="flex flex-wrap items-center gap-3" data-testid="ask-seller">
            <a
                href=href
                class="rounded-lg border border-teal-700 px-3 py-1.5 text-sm font-semibold text-teal-800 hover:bg-teal-50"
                data-testid="ask-seller-link"
            >
                {t(K::ChAskSeller)}
            </a>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    view! { <ResponseLine response=figures.await /> }
                })}
            </Suspense>
        </div>
    }
}
