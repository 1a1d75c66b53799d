//! A conversation: its messages (with the products and orders they are about, masked
//! details noted, requests to pay outside the marketplace flagged), the reply box (with
//! the product or order the page was opened from, and the seller's canned replies), and
//! new messages as they arrive.

use domain::keys::{ShopSlug, ThreadKey};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::*;
use crate::i18n::field_error_key;
use crate::shell::GateError;
use crate::ui::{utc_datetime, LoadingBlock};

fn key_param<T: domain::keys::Table>(v: Option<String>) -> Option<domain::keys::Key<T>> {
    v.and_then(|s| domain::keys::Key::parse(&s).ok())
}

/// `/messages/<key>`: a thread the reader takes part in.
#[component]
pub fn ThreadPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let mark = live_mark();
    let sent = RwSignal::new(0u32);
    let data = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                query.read().get("product"),
                query.read().get("order"),
                mark(),
                sent.get(),
            )
        },
        |(id, product, order, _, _)| async move {
            let thread = ThreadKey::parse(&id).map_err(|_| AppError::NotFound)?;
            thread_page(thread, key_param(product), key_param(order)).await
        },
    );
    page(data, sent, false)
}

/// `/messages/to/<shop>`: the reader's conversation with a shop (its first message
/// starts it), about the product or order the page was opened from.
#[component]
pub fn StartConversationPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let sent = RwSignal::new(0u32);
    let data = Resource::new(
        move || {
            (
                params.read().get("shop").unwrap_or_default(),
                query.read().get("product"),
                query.read().get("order"),
            )
        },
        |(shop, product, order)| async move {
            let shop = ShopSlug::parse(&shop).map_err(|_| AppError::NotFound)?;
            shop_conversation(shop, key_param(product), key_param(order)).await
        },
    );
    page(data, sent, true)
}

/// What the reply box keeps across refreshes of the page's data (a new message
/// arriving must not lose a reply being typed).
#[derive(Clone, Copy)]
struct Draft {
    send: ServerAction<SendMessage>,
    text: RwSignal<String>,
}

fn page(
    data: Resource<Result<ThreadView, AppError>>,
    sent: RwSignal<u32>,
    start: bool,
) -> impl IntoView {
    let draft = Draft {
        send: ServerAction::<SendMessage>::new(),
        text: RwSignal::new(String::new()),
    };
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(key)) = draft.send.value().get() {
            draft.text.set(String::new());
            if start {
                navigate(&format!("/messages/{key}"), Default::default());
            } else {
                sent.update(|n| *n += 1);
            }
        }
    });
    view! {
        <Title text=format!("{} · {}", t(K::ChMessages), t(K::Brand)) />
        <section class="mx-auto max-w-3xl space-y-4">
            <a href="/messages" class="text-sm font-medium text-teal-800 hover:underline">
                "← "
                {t(K::ChAllMessages)}
            </a>
            <Transition fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(v) => view! { <Conversation view=v draft=draft /> }.into_any(),
                        Err(e) => view! { <GateError error=e path="/messages" /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Conversation(view: ThreadView, draft: Draft) -> impl IntoView {
    let shop_side = view.side == "shop";
    let messages = view.messages.clone();
    let empty = messages.is_empty();
    view! {
        <header class="space-y-1">
            <h1 class="text-2xl font-bold text-slate-900" data-testid="thread-with">
                {view.with.clone()}
            </h1>
            {(!shop_side).then(|| view! { <ResponseLine response=view.response /> })}
        </header>
        <div
            class="flex max-h-[60vh] min-h-48 flex-col-reverse overflow-y-auto rounded-2xl border border-slate-200 bg-slate-50 p-4"
            aria-live="polite"
        >
            // one child in a reversed column: the view opens at the newest message while
            // the messages stay in reading order
            <div class="flex flex-col gap-3" data-testid="messages">
                {messages.into_iter().map(|m| view! { <Bubble message=m /> }).collect_view()}
                {empty
                    .then(|| {
                        view! { <p class="text-center text-sm text-slate-500">{t(K::ChStart)}</p> }
                    })}
            </div>
        </div>
        <p class="text-xs text-slate-500">{t(K::ChLive)}</p>
        <Composer view=view draft=draft />
    }
}

#[component]
fn Bubble(message: MessageView) -> impl IntoView {
    let mine = message.mine;
    view! {
        <div
            class=if mine { "flex justify-end" } else { "flex justify-start" }
            data-testid="message"
            data-mine=mine.to_string()
        >
            <div class=if mine {
                "max-w-[85%] space-y-2 rounded-2xl rounded-br-sm bg-teal-700 px-4 py-2 text-white"
            } else {
                "max-w-[85%] space-y-2 rounded-2xl rounded-bl-sm border border-slate-200 bg-white px-4 py-2 text-slate-900"
            }>
                {message.product.clone().map(|p| view! { <ProductChip product=p /> })}
                {message.order.clone().map(|o| view! { <OrderChip order=o /> })}
                {(!message.body.is_empty())
                    .then(|| {
                        view! {
                            <p class="whitespace-pre-wrap break-words" data-testid="message-body">
                                {message.body.clone()}
                            </p>
                        }
                    })}
                {(!message.photos.is_empty())
                    .then(|| view! { <PhotoStrip photos=message.photos.clone() /> })}
                {message
                    .masked
                    .then(|| {
                        view! {
                            <p class="text-xs opacity-80" data-testid="message-masked">
                                {t(K::ChMasked)}
                            </p>
                        }
                    })}
                {(message.warn && !mine)
                    .then(|| {
                        view! {
                            <p
                                role="note"
                                class="rounded-lg bg-amber-100 px-2 py-1 text-xs text-amber-900"
                                data-testid="message-warning"
                            >
                                {t(K::ChWarn)}
                            </p>
                        }
                    })} <p class="text-right text-[11px] opacity-70">{utc_datetime(message.at)}</p>
            </div>
        </div>
    }
}

/// A message's photos: thumbnails opening the full photo.
#[component]
pub fn PhotoStrip(photos: Vec<(String, String)>) -> impl IntoView {
    view! {
        <div class="grid grid-cols-2 gap-1 sm:grid-cols-4" data-testid="message-photos">
            {photos
                .into_iter()
                .map(|(full, thumb)| {
                    view! {
                        <a href=full target="_blank" rel="noopener">
                            <img
                                src=thumb
                                alt=t(K::ChPhotoAlt)
                                width="120"
                                height="120"
                                loading="lazy"
                                class="h-28 w-28 rounded-lg bg-white object-cover"
                            />
                        </a>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn ProductChip(product: ProductRef) -> impl IntoView {
    view! {
        <a
            href=product.href
            class="flex items-center gap-2 rounded-lg bg-white/90 p-2 text-slate-900 hover:bg-white"
            data-testid="message-product"
        >
            <img
                src=product.image
                alt=""
                width="48"
                height="48"
                class="h-12 w-12 rounded object-cover"
            />
            <span class="min-w-0">
                <span class="block truncate text-sm font-medium">{product.title}</span>
                <span class="block text-sm text-slate-600">{product.price}</span>
            </span>
        </a>
    }
}

#[component]
fn OrderChip(order: OrderRef) -> impl IntoView {
    view! {
        <a
            href=order.href
            class="block rounded-lg bg-white/90 p-2 text-sm text-slate-900 hover:bg-white"
            data-testid="message-order"
        >
            <span class="font-medium">{t(K::ChOrder)} " " {order.number}</span>
            " · "
            {domain::order::OrderStatus::parse(&order.status)
                .map(crate::orders::views::status_label)
                .unwrap_or_default()}
            " · "
            {order.total}
        </a>
    }
}

/// The reply box (with the product or order the page was opened from, and the
/// seller's canned replies). A plain multipart form to `/messages/send`, so photos go
/// with it and it works without wasm; once hydrated, a message without photos is sent
/// by the composer's server function instead, without leaving the page.
#[component]
fn Composer(view: ThreadView, draft: Draft) -> impl IntoView {
    let Draft { send, text } = draft;
    let query = use_query_map();
    // a refusal of the form comes back in the address, with the text typed
    let returned = query.read_untracked().get("send_error");
    if let Some(body) = query.read_untracked().get("body") {
        if text.get_untracked().is_empty() {
            text.set(body);
        }
    }
    let error = move || send.value().get().and_then(|r| r.err());
    let message = Signal::derive(move || {
        if let Some(e) = error() {
            return Some(match (e.field("body"), e.field("photos")) {
                (Some(c), _) | (_, Some(c)) => t(field_error_key(c)),
                _ => t(crate::i18n::error_key(&e)),
            });
        }
        returned.as_deref().map(|code| match code.split_once('.') {
            Some((_, c)) => t(crate::i18n::field_code_key(c)),
            None if code == "throttled" => t(K::ChThrottled),
            None => t(K::FormHasErrors),
        })
    });
    let product_key = view.product.as_ref().map(|p| p.key.clone());
    let order_key = view.order.as_ref().map(|o| o.key.clone());
    let canned = view.canned.clone();
    let back = view.key.as_ref().map_or_else(
        || format!("/messages/to/{}", view.shop_slug),
        |k| format!("/messages/{k}"),
    );
    let files = NodeRef::<leptos::html::Input>::new();
    let args = SendMessage {
        thread: view.key.as_deref().and_then(|k| ThreadKey::parse(k).ok()),
        shop: view
            .key
            .is_none()
            .then(|| ShopSlug::parse(&view.shop_slug).ok())
            .flatten(),
        product: key_param(product_key.clone()),
        order: key_param(order_key.clone()),
        body: String::new(),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // with photos the browser posts the form itself
        #[cfg(feature = "hydrate")]
        if files
            .get()
            .and_then(|i| i.files())
            .is_some_and(|f| f.length() > 0)
        {
            return;
        }
        ev.prevent_default();
        send.dispatch(SendMessage {
            body: text.get_untracked(),
            ..args.clone()
        });
    };
    view! {
        <form
            method="post"
            action="/messages/send"
            enctype="multipart/form-data"
            class="space-y-2"
            data-testid="composer"
            on:submit=on_submit
        >
            <input type="hidden" name="back" value=back />
            {view.key.clone().map(|k| view! { <input type="hidden" name="thread" value=k /> })}
            {view
                .key
                .is_none()
                .then(|| {
                    view! { <input type="hidden" name="shop" value=view.shop_slug.clone() /> }
                })}
            {product_key.map(|k| view! { <input type="hidden" name="product" value=k /> })}
            {order_key.map(|k| view! { <input type="hidden" name="order" value=k /> })}
            <ComposerContext product=view.product.clone() order=view.order.clone() />
            <CannedPicks canned=canned text=text />
            <label for="message-body" class="sr-only">
                {t(K::ChMessageLabel)}
            </label>
            <textarea
                id="message-body"
                name="body"
                rows="3"
                maxlength=domain::chat::MAX_MESSAGE_CHARS.to_string()
                placeholder=t(K::ChPlaceholder)
                aria-invalid=move || if message.get().is_some() { "true" } else { "false" }
                aria-describedby="message-error"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                class="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2"
            ></textarea>
            <div class="flex flex-wrap items-center justify-between gap-3">
                <label class="text-sm text-slate-700">
                    <span class="mr-2">{t(K::ChPhotos)}</span>
                    <input
                        type="file"
                        name="photos"
                        multiple=true
                        accept="image/jpeg,image/png,image/webp"
                        node_ref=files
                        class="max-w-full text-sm"
                        data-testid="message-photos-input"
                    />
                </label>
                <button
                    type="submit"
                    class="rounded-lg bg-teal-700 px-5 py-2 font-semibold text-white hover:bg-teal-800 disabled:opacity-60"
                    disabled=move || send.pending().get()
                    data-testid="send-message"
                >
                    {t(K::ChSend)}
                </button>
            </div>
            <p id="message-error" class="min-h-5 text-sm text-red-700" data-field-error="body">
                {message}
            </p>
        </form>
    }
}

/// The product or order the reply is about.
#[component]
fn ComposerContext(product: Option<ProductRef>, order: Option<OrderRef>) -> impl IntoView {
    view! {
        {product
            .map(|p| {
                view! {
                    <div class="space-y-1" data-testid="composer-context">
                        <p class="text-xs text-slate-500">{t(K::ChAboutProduct)}</p>
                        <ProductChip product=p />
                    </div>
                }
            })}
        {order
            .map(|o| {
                view! {
                    <div class="space-y-1" data-testid="composer-context">
                        <p class="text-xs text-slate-500">{t(K::ChAboutOrder)}</p>
                        <OrderChip order=o />
                    </div>
                }
            })}
    }
}

/// The seller's canned replies: a pick fills the reply box.
#[component]
fn CannedPicks(canned: Vec<String>, text: RwSignal<String>) -> impl IntoView {
    (!canned.is_empty())
        .then(|| {
            view! {
                <div class="flex flex-wrap gap-2" data-testid="canned-picks">
                    {canned
                        .into_iter()
                        .map(|c| {
                            let label: String = c.chars().take(30).collect();
                            view! {
                                <button
                                    type="button"
                                    class="rounded-full border border-slate-300 bg-white px-3 py-1 text-xs hover:bg-slate-100"
                                    on:click=move |_| text.set(c.clone())
                                >
                                    {label}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            }
        })
}
