//! One order's page: its lines, totals, timeline, address and return, with the viewer's
//! actions.

use domain::order::OrderStatus;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::buyer_action_views::BuyerActions;
use super::claim_views::ClaimCard;
use super::return_views::ReturnCard;
use super::seller_views::SellerActions;
use super::{address_text, event_label, reason_or_text, status_label, StatusBadge, CARD};
use crate::i18n::{t, K};
use crate::orders::api::get_order_detail;
use crate::orders::OrderDetail;
use crate::ui::{ErrorBanner, LoadingBlock};

#[component]
fn Timeline(order: OrderDetail) -> impl IntoView {
    let cancelled = order.status == OrderStatus::Cancelled;
    let reached = |s: OrderStatus| order.timeline.iter().any(|e| e.kind == s.as_str());
    let steps: Vec<(OrderStatus, bool)> = OrderStatus::TIMELINE
        .into_iter()
        .map(|s| (s, reached(s)))
        .collect();
    view! {
        <section class=CARD>
            <h2 class="sr-only">{t(K::OrderTimeline)}</h2>
            {(!cancelled)
                .then(|| {
                    view! {
                        <ol
                            class="mb-4 grid grid-cols-5 gap-1 text-center text-xs"
                            data-testid="timeline-steps"
                        >
                            {steps
                                .into_iter()
                                .map(|(s, done)| {
                                    view! {
                                        <li
                                            class=if done {
                                                "border-t-4 border-teal-600 pt-2 font-semibold text-teal-800"
                                            } else {
                                                "border-t-4 border-slate-200 pt-2 text-slate-500"
                                            }
                                            aria-current=if done { "step" } else { "false" }
                                        >
                                            {status_label(s)}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                })}
            <ol class="space-y-2 text-sm" data-testid="timeline">
                {order
                    .timeline
                    .into_iter()
                    .rev()
                    .map(|e| {
                        view! {
                            <li class="flex gap-3">
                                <span class="w-40 shrink-0 text-slate-500">{e.at}</span>
                                <span>
                                    <span class="font-medium">{event_label(&e.kind)}</span>
                                    {e
                                        .note
                                        .map(|n| {
                                            view! {
                                                <span class="text-slate-600">
                                                    " · " {reason_or_text(&n)}
                                                </span>
                                            }
                                        })}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn OrderView(order: OrderDetail, done: Callback<()>) -> impl IntoView {
    let actions = if order.seller_view {
        view! { <SellerActions order=order.clone() done=done /> }.into_any()
    } else {
        view! { <BuyerActions order=order.clone() done=done /> }.into_any()
    };
    view! {
        <Title text=format!("{} · {}", order.number, t(K::Brand)) />
        <header class="flex flex-wrap items-center justify-between gap-3">
            <div>
                <h1 class="text-2xl font-bold text-slate-900" data-testid="order-number">
                    {order.number.clone()}
                </h1>
                <p class="text-slate-600">{order.shop_name.clone()}</p>
                {order
                    .shop_slug
                    .clone()
                    .map(|shop| {
                        view! { <crate::chat::views::AskSeller shop=shop order=order.id.clone() /> }
                    })}
            </div>
            <StatusBadge status=order.status />
        </header>
        <div class="grid gap-4 lg:grid-cols-[1fr_22rem]">
            <div class="min-w-0 space-y-4">
                <Timeline order=order.clone() />
                {order
                    .cancel_reason
                    .clone()
                    .map(|r| {
                        view! {
                            <p class="rounded-lg bg-slate-100 px-4 py-2 text-sm">
                                {t(K::CancelledBecause)} " " {reason_or_text(&r)}
                            </p>
                        }
                    })}
                {order.return_request.clone().map(|r| view! { <ReturnCard r=r /> })}
                {order.claim.clone().map(|c| view! { <ClaimCard c=c /> })}
                <section class=CARD>
                    <ul class="divide-y divide-slate-100">
                        {order
                            .lines
                            .iter()
                            .map(|l| {
                                view! {
                                    <li class="flex justify-between gap-3 py-2">
                                        <a
                                            href=format!("/p/{}", l.product_id)
                                            class="hover:underline"
                                        >
                                            {l.title.clone()}
                                            <span class="text-slate-500">" × " {l.quantity}</span>
                                        </a>
                                        <span class="font-medium">{l.line_total.format()}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <dl class="mt-3 space-y-1 border-t border-slate-100 pt-3 text-sm">
                        <div class="flex justify-between">
                            <dt>{t(K::Subtotal)}</dt>
                            <dd>{order.subtotal.format()}</dd>
                        </div>
                        {order
                            .discount
                            .clone()
                            .map(|p| {
                                view! {
                                    <div
                                        class="flex justify-between text-emerald-800"
                                        data-testid="order-discount"
                                    >
                                        <dt>{t(K::Promotion)} " (" {p.title} ")"</dt>
                                        <dd>"−" {p.saving.format()}</dd>
                                    </div>
                                }
                            })}
                        <div class="flex justify-between">
                            <dt>{t(K::Shipping)} " (" {order.shipping_method.clone()} ")"</dt>
                            <dd data-testid="order-shipping">{order.shipping.format()}</dd>
                        </div>
                        <div class="flex justify-between text-base font-bold">
                            <dt>{t(K::Total)}</dt>
                            <dd data-testid="order-total">{order.total.format()}</dd>
                        </div>
                        {order
                            .welcome
                            .map(|w| {
                                view! {
                                    <div
                                        class="flex justify-between text-emerald-800"
                                        data-testid="order-welcome"
                                    >
                                        <dt>{t(K::RfWelcomeApplied)}</dt>
                                        <dd>"−" {w.format()}</dd>
                                    </div>
                                }
                            })}
                        {order
                            .credit
                            .map(|c| {
                                view! {
                                    <div
                                        class="flex justify-between text-emerald-800"
                                        data-testid="order-credit"
                                    >
                                        <dt>{t(K::RfCreditApplied)}</dt>
                                        <dd>"−" {c.format()}</dd>
                                    </div>
                                }
                            })}
                        {(order.credit.is_some() || order.welcome.is_some())
                            .then(|| {
                                view! {
                                    <div class="flex justify-between font-semibold">
                                        <dt>{t(K::RfToPay)}</dt>
                                        <dd data-testid="order-to-pay">{order.to_pay.format()}</dd>
                                    </div>
                                }
                            })}
                        {order
                            .refunded
                            .map(|r| {
                                view! {
                                    <div class="flex justify-between" data-testid="order-refunded">
                                        <dt>{t(K::RefundedSoFar)}</dt>
                                        <dd>{r.format()}</dd>
                                    </div>
                                }
                            })}
                    </dl>
                </section>
                {(!order.seller_view
                    && matches!(order.status, OrderStatus::Delivered | OrderStatus::Completed))
                    .then(|| {
                        view! { <crate::reviews::views::OrderReviews order=order.id.clone() /> }
                    })}
            </div>
            <aside class="min-w-0 space-y-4">
                <section class=CARD>
                    <h2 class="font-semibold">{t(K::ShippingAddress)}</h2>
                    <p class="mt-1 text-sm text-slate-700" data-testid="order-address">
                        {order.address.as_ref().map(address_text).unwrap_or_default()}
                    </p>
                    {order
                        .tracking_number
                        .clone()
                        .map(|n| {
                            view! {
                                <p class="mt-3 text-sm">
                                    {t(K::Tracking)} ": "
                                    {order.carrier.clone().unwrap_or_default()} " "
                                    {match order.tracking_url.clone() {
                                        Some(url) => {
                                            view! {
                                                <a
                                                    href=url
                                                    rel="noopener noreferrer"
                                                    target="_blank"
                                                    class="font-semibold text-teal-800 underline"
                                                    data-testid="tracking-link"
                                                >
                                                    {n}
                                                </a>
                                            }
                                                .into_any()
                                        }
                                        None => view! { <span>{n}</span> }.into_any(),
                                    }}
                                </p>
                            }
                        })}
                </section>
                <section class=CARD>
                    <h2 class="font-semibold">{t(K::Payment)}</h2>
                    <p class="mt-1 text-sm text-slate-700" data-testid="payment-status">
                        {t(
                            match order.payment_status.as_str() {
                                "paid" => K::PaymentPaid,
                                "refunded" => K::PaymentRefunded,
                                "cancelled" => K::StatusCancelled,
                                _ if order.provider == "offline" => K::PaymentAwaitingOffline,
                                _ => K::PaymentAwaiting,
                            },
                        )}
                    </p>
                </section>
                {actions}
            </aside>
        </div>
    }
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let params = use_params_map();
    let version = RwSignal::new(0u32);
    let order = Resource::new(
        move || (params.read().get("id").unwrap_or_default(), version.get()),
        |(id, _): (String, u32)| async move { get_order_detail(id.parse()?).await },
    );
    let done = Callback::new(move |_| version.update(|v| *v += 1));
    view! {
        <section class="mx-auto max-w-6xl space-y-4">
            <Transition fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match order.await {
                        Ok(o) => view! { <OrderView order=o done=done /> }.into_any(),
                        Err(e) => {
                            crate::ui::set_page_status(e.status());
                            view! { <ErrorBanner error=e /> }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}
