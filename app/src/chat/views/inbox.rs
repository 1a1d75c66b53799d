//! The inboxes: the shopper's threads with shops (`/messages`), and the seller's
//! threads with shoppers (`/seller/messages`: all, unanswered, about orders), with the
//! shop's response figures and its canned replies.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::*;
use crate::i18n::field_error_key;
use crate::sellers::views::SellerNav;
use crate::shell::GateError;
use crate::ui::{utc_datetime, EmptyState, FilterTab, LoadingBlock};

/// One row of an inbox.
#[component]
fn ThreadRow(thread: ThreadSummary, seller: bool) -> impl IntoView {
    let unread = thread.unread;
    view! {
        <li>
            <a
                href=format!("/messages/{}", thread.key)
                class="flex items-start gap-3 rounded-xl border border-slate-200 bg-white p-4 hover:border-teal-600"
                data-testid="thread-row"
            >
                <div class="min-w-0 flex-1">
                    <p class="flex flex-wrap items-center gap-2">
                        <span class="font-semibold text-slate-900" data-testid="thread-with">
                            {thread.with.clone()}
                        </span>
                        {thread
                            .order_number
                            .clone()
                            .map(|n| {
                                view! {
                                    <span class="rounded bg-slate-100 px-1.5 text-xs text-slate-700">
                                        {t(K::ChOrder)} " " {n}
                                    </span>
                                }
                            })}
                        {(seller && thread.waiting)
                            .then(|| {
                                view! {
                                    <span
                                        class="rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-900"
                                        data-testid="thread-waiting"
                                    >
                                        {t(K::ChWaiting)}
                                    </span>
                                }
                            })}
                    </p>
                    <p class="mt-1 truncate text-sm text-slate-600" data-testid="thread-last">
                        {thread.mine_last.then(|| format!("{}: ", t(K::ChYou)))}
                        {thread.last_text.clone()}
                    </p>
                </div>
                <div class="shrink-0 text-right text-xs text-slate-500">
                    <p>{utc_datetime(thread.last_at)}</p>
                    {(unread > 0)
                        .then(|| {
                            view! {
                                <p
                                    class="mt-1 inline-block rounded-full bg-rose-600 px-2 py-0.5 font-semibold text-white"
                                    data-testid="thread-unread"
                                >
                                    {unread}
                                </p>
                            }
                        })}
                </div>
            </a>
        </li>
    }
}

fn thread_list(inbox: Inbox, seller: bool, empty: K) -> AnyView {
    if inbox.threads.is_empty() {
        return view! { <EmptyState message=empty /> }.into_any();
    }
    view! {
        <ol class="space-y-2" data-testid="threads">
            {inbox
                .threads
                .into_iter()
                .map(|th| view! { <ThreadRow thread=th seller=seller /> })
                .collect_view()}
        </ol>
    }
    .into_any()
}

/// `/messages`: the shopper's conversations with shops, the latest first.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let mark = live_mark();
    let data = Resource::new(mark, |_| my_threads());
    view! {
        <Title text=format!("{} · {}", t(K::ChMessages), t(K::Brand)) />
        <section class="mx-auto max-w-3xl space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">{t(K::ChMessages)}</h1>
            <Transition fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(inbox) => thread_list(inbox, false, K::ChEmpty),
                        Err(e) => view! { <GateError error=e path="/messages" /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// `/seller/messages`: the shop's conversations, filtered.
#[component]
pub fn SellerMessagesPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| query.read().get("filter").unwrap_or_default());
    let mark = live_mark();
    let data = Resource::new(move || (filter.get(), mark()), |(f, _)| shop_threads(f));
    // loaded once: a new message must not reset replies being edited
    let settings = Resource::new(|| (), |_| shop_threads(String::new()));
    let tab = move |value: &'static str, label: K| {
        let active =
            Signal::derive(move || domain::chat::InboxFilter::parse(&filter.get()).code() == value);
        view! { <FilterTab href=format!("/seller/messages?filter={value}") active=active label=label /> }
    };
    view! {
        <Title text=format!("{} · {}", t(K::ChSellerInbox), t(K::SellerCentre)) />
        <section class="space-y-5">
            <SellerNav current="/seller/messages" />
            <h1 class="text-2xl font-bold text-slate-900">{t(K::ChSellerInbox)}</h1>
            <nav class="flex flex-wrap gap-2" aria-label=t(K::ChSellerInbox)>
                {tab("all", K::ChFilterAll)}
                {tab("unanswered", K::ChFilterUnanswered)}
                {tab("orders", K::ChFilterOrders)}
            </nav>
            <Transition fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(inbox) => {
                            view! {
                                <ResponseLine response=inbox.response />
                                {thread_list(inbox, true, K::ChSellerEmpty)}
                            }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/seller/messages" /> }.into_any(),
                    }
                })}
            </Transition>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    settings
                        .await
                        .ok()
                        .map(|inbox| view! { <CannedReplies replies=inbox.canned /> })
                })}
            </Suspense>
        </section>
    }
}

/// The shop's canned replies, one per line.
#[component]
fn CannedReplies(replies: Vec<String>) -> impl IntoView {
    let save = ServerAction::<SaveCannedReplies>::new();
    let error = move || {
        save.value()
            .get()
            .and_then(|r| r.err())
            .and_then(|e| e.field("canned"))
    };
    view! {
        <section
            class="space-y-2 rounded-2xl border border-slate-200 bg-white p-5"
            data-testid="canned-replies"
        >
            <h2 class="text-lg font-semibold text-slate-900">{t(K::ChCanned)}</h2>
            <p id="canned-help" class="text-sm text-slate-600">
                {t(K::ChCannedHelp)}
            </p>
            <ActionForm action=save attr:class="space-y-2">
                <label for="canned" class="sr-only">
                    {t(K::ChCanned)}
                </label>
                <textarea
                    id="canned"
                    name="replies"
                    rows="5"
                    aria-describedby="canned-help canned-msg"
                    class="block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
                >
                    {replies.join("\n")}
                </textarea>
                <p id="canned-msg" class="min-h-5 text-sm" data-field-error="canned">
                    {move || match error() {
                        Some(code) => {
                            view! { <span class="text-red-700">{t(field_error_key(code))}</span> }
                                .into_any()
                        }
                        None => {
                            view! {
                                <span class="text-teal-800">
                                    {move || {
                                        matches!(save.value().get(), Some(Ok(())))
                                            .then(|| t(K::ChSaved))
                                    }}
                                </span>
                            }
                                .into_any()
                        }
                    }}
                </p>
                <button
                    type="submit"
                    class="rounded-lg bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800"
                >
                    {t(K::ChCannedSave)}
                </button>
            </ActionForm>
        </section>
    }
}
