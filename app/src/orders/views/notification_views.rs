//! The notifications page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{t, K};
use crate::orders::api::get_notifications;
use crate::ui::{EmptyState, ErrorBanner, LoadingBlock};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| get_notifications());
    view! {
        <Title text=format!("{} · {}", t(K::Notifications), t(K::Brand)) />
        <section class="mx-auto max-w-3xl space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">{t(K::Notifications)}</h1>
            <p class="text-sm text-slate-600">{t(K::NotificationsNote)}</p>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) if items.is_empty() => {
                            view! { <EmptyState message=K::NoNotifications /> }.into_any()
                        }
                        Ok(items) => {
                            view! {
                                <ul class="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
                                    {items
                                        .into_iter()
                                        .map(|n| {
                                            view! {
                                                <li class="p-4" data-testid="notification">
                                                    <p class="flex justify-between gap-3">
                                                        <span class="font-semibold">{n.subject}</span>
                                                        <span class="shrink-0 text-xs text-slate-500">{n.at}</span>
                                                    </p>
                                                    <p class="text-sm text-slate-700">{n.body}</p>
                                                    {n
                                                        .link
                                                        .map(|l| {
                                                            view! {
                                                                <a
                                                                    href=l
                                                                    class="text-sm font-medium text-teal-800 underline"
                                                                >
                                                                    {t(K::ViewOrder)}
                                                                </a>
                                                            }
                                                        })}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <ErrorBanner error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
