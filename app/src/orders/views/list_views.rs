//! Order lists: the buyer's orders, a placed checkout's orders, and the seller's orders.

use domain::order::OrderStatus;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{status_label, StatusBadge, BUTTON_QUIET};
use crate::i18n::{t, K};
use crate::orders::api::{get_checkout_orders, get_my_orders, get_seller_orders};
use crate::orders::OrderSummary;
use crate::ui::{EmptyState, ErrorBanner, LoadingBlock};

#[component]
fn OrderCard(order: OrderSummary, #[prop(optional)] seller: bool) -> impl IntoView {
    let href = if seller {
        format!("/seller/orders/{}", order.id)
    } else {
        format!("/orders/{}", order.id)
    };
    view! {
        <li>
            <a
                href=href
                class="flex items-center gap-4 rounded-xl border border-slate-200 bg-white p-4 hover:border-teal-600"
                data-testid="order-card"
            >
                <img
                    src=order.image
                    alt=""
                    width="64"
                    height="64"
                    loading="lazy"
                    class="h-16 w-16 rounded-lg border border-slate-200 object-cover"
                />
                <div class="min-w-0 flex-1">
                    <p class="font-semibold text-slate-900">
                        {order.number.clone()}
                        <span class="font-normal text-slate-500">" · " {order.shop_name}</span>
                    </p>
                    <p class="text-sm text-slate-600">
                        {order.placed_at} " · " {order.item_count} " " {t(K::ItemsShort)}
                    </p>
                </div>
                <div class="text-right">
                    <StatusBadge status=order.status />
                    <p class="mt-1 font-semibold">{order.total.format()}</p>
                </div>
            </a>
        </li>
    }
}

#[component]
pub fn CheckoutDonePage() -> impl IntoView {
    let params = use_params_map();
    let orders = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        |id: String| async move { get_checkout_orders(id.parse()?).await },
    );
    view! {
        <Title text=format!("{} · {}", t(K::OrderPlaced), t(K::Brand)) />
        <section class="mx-auto max-w-3xl space-y-4">
            <div class="rounded-2xl border border-emerald-200 bg-emerald-50 p-6">
                <h1 class="text-2xl font-bold text-emerald-900">{t(K::OrderPlaced)}</h1>
                <p class="mt-2 text-emerald-900">{t(K::OrderPlacedNote)}</p>
            </div>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match orders.await {
                        Ok(list) => {
                            view! {
                                <ul class="space-y-3" data-testid="placed-orders">
                                    {list
                                        .into_iter()
                                        .map(|o| view! { <OrderCard order=o /> })
                                        .collect_view()}
                                </ul>
                                <a href="/orders" class=BUTTON_QUIET>
                                    {t(K::MyOrders)}
                                </a>
                                <section
                                    class="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-teal-200 bg-teal-50 p-4"
                                    data-testid="invite"
                                >
                                    <p class="text-sm text-teal-900">{t(K::RfInviteNote)}</p>
                                    <crate::referrals::views::ShareButton
                                        path="/".to_string()
                                        url="/".to_string()
                                        text=t(K::Tagline).to_string()
                                    />
                                </section>
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

#[component]
pub fn OrdersPage() -> impl IntoView {
    let orders = Resource::new(|| (), |_| get_my_orders());
    view! {
        <Title text=format!("{} · {}", t(K::MyOrders), t(K::Brand)) />
        <section class="mx-auto max-w-3xl space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">{t(K::MyOrders)}</h1>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match orders.await {
                        Ok(list) if list.is_empty() => {
                            view! { <EmptyState message=K::NoOrders /> }.into_any()
                        }
                        Ok(list) => {
                            view! {
                                <ul class="space-y-3">
                                    {list
                                        .into_iter()
                                        .map(|o| view! { <OrderCard order=o /> })
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

#[component]
pub fn SellerOrdersPage() -> impl IntoView {
    let query = use_query_map();
    let status = move || query.read().get("status");
    let orders = Resource::new(status, get_seller_orders);
    let tabs: Vec<(Option<OrderStatus>, &'static str)> = std::iter::once((None, t(K::AllOrders)))
        .chain(
            OrderStatus::ALL
                .into_iter()
                .map(|s| (Some(s), status_label(s))),
        )
        .collect();
    view! {
        <Title text=format!("{} · {}", t(K::SellerOrders), t(K::Brand)) />
        <section class="mx-auto max-w-4xl space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">{t(K::SellerOrders)}</h1>
            <crate::sellers::views::SellerNav current="/seller/orders" />
            <nav class="flex flex-wrap gap-2" aria-label=t(K::FilterByStatus)>
                {tabs
                    .into_iter()
                    .map(|(s, label)| {
                        let href = match s {
                            Some(s) => format!("/seller/orders?status={}", s.as_str()),
                            None => "/seller/orders".into(),
                        };
                        let code = s.map(|s| s.as_str().to_string());
                        view! {
                            <a
                                href=href
                                class=move || {
                                    if status() == code {
                                        "rounded-full bg-teal-700 px-3 py-1 text-sm text-white"
                                    } else {
                                        "rounded-full border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
                                    }
                                }
                            >
                                {label}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            <Transition fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match orders.await {
                        Ok(list) if list.is_empty() => {
                            view! { <EmptyState message=K::NoOrders /> }.into_any()
                        }
                        Ok(list) => {
                            view! {
                                <ul class="space-y-3">
                                    {list
                                        .into_iter()
                                        .map(|o| view! { <OrderCard order=o seller=true /> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <ErrorBanner error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
