//! What the seller (or an admin) can do with an order, and its printable packing slip.

use domain::order::{OrderStatus, ReturnStatus};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::claim_views::AnswerClaimForm;
use super::return_views::{ParcelFields, SellerReturnActions};
use super::{BUTTON, BUTTON_QUIET, CARD, SELECT};
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::orders::api::{get_order_detail, MarkDelivered, MarkPaid, ShipOrder};
use crate::orders::OrderDetail;
use crate::ui::{ErrorBanner, LoadingBlock};
use domain::dispute::DisputeStatus;

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub(super) fn SellerActions(order: OrderDetail, done: Callback<()>) -> impl IntoView {
    let paid = ServerAction::<MarkPaid>::new();
    let ship = ServerAction::<ShipOrder>::new();
    let delivered = ServerAction::<MarkDelivered>::new();
    let refund = ServerAction::<crate::sellers::money::RefundOrder>::new();
    Effect::new(move |_| {
        let ok = |v: Option<Result<(), AppError>>| matches!(v, Some(Ok(())));
        if ok(refund.value().get())
            || ok(paid.value().get())
            || ok(ship.value().get())
            || ok(delivered.value().get())
        {
            done.run(());
        }
    });
    let ship_err = Signal::derive(move || ship.value().get().and_then(|r| r.err()));
    let (id_paid, id_ship, id_delivered) = (order.id.clone(), order.id.clone(), order.id.clone());
    let id_refund = order.id.clone();
    let refund_left = order.refund_left.format();
    let refund_err = Signal::derive(move || refund.value().get().and_then(|r| r.err()));
    let refundable = order.payment_status == "paid"
        && order.refund_left.amount_minor > 0
        && matches!(
            order.status,
            OrderStatus::Paid
                | OrderStatus::Shipped
                | OrderStatus::Delivered
                | OrderStatus::Completed
        );
    let slip = format!("/seller/orders/{}/slip", order.id);
    let currency = order.total.currency.code();
    let return_step = order
        .return_request
        .as_ref()
        .map(|r| r.status)
        .filter(|s| matches!(s, ReturnStatus::Requested | ReturnStatus::ShippedBack));
    let id_return = order.id.clone();
    view! {
        <section class=format!("{CARD} space-y-3") data-testid="seller-actions">
            <div class="flex items-center justify-between gap-2">
                <h2 class="font-semibold text-slate-900">{t(K::SellerActions)}</h2>
                <a
                    href=slip
                    target="_blank"
                    class="text-sm font-medium text-teal-800 underline"
                    data-testid="packing-slip"
                >
                    {t(K::PackingSlip)}
                </a>
            </div>
            {move || {
                paid.value()
                    .get()
                    .and_then(|r| r.err())
                    .or_else(|| delivered.value().get().and_then(|r| r.err()))
                    .map(|e| view! { <ErrorBanner error=e /> })
            }}
            {(order.status == OrderStatus::Placed)
                .then(|| {
                    view! {
                        <ActionForm action=paid>
                            <input type="hidden" name="id" value=id_paid />
                            <button type="submit" class=BUTTON data-testid="mark-paid">
                                {t(K::MarkPaid)}
                            </button>
                        </ActionForm>
                    }
                })}
            {(order.status == OrderStatus::Paid)
                .then(|| {
                    view! {
                        <ActionForm
                            action=ship
                            attr:class="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
                            attr:novalidate=true
                        >
                            <input type="hidden" name="id" value=id_ship />
                            <ParcelFields err=ship_err />
                            <button
                                type="submit"
                                class=format!("{BUTTON} mb-6")
                                data-testid="mark-shipped"
                            >
                                {t(K::MarkShipped)}
                            </button>
                        </ActionForm>
                    }
                })}
            {(order.status == OrderStatus::Shipped && !order.delivery_reported)
                .then(|| {
                    view! {
                        <ActionForm action=delivered>
                            <input type="hidden" name="id" value=id_delivered />
                            <button type="submit" class=BUTTON data-testid="mark-delivered">
                                {t(K::MarkDelivered)}
                            </button>
                        </ActionForm>
                    }
                })}
            {refundable
                .then(|| {
                    view! {
                        <ActionForm
                            action=refund
                            attr:class="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end"
                            attr:novalidate=true
                            attr:data-testid="refund-form"
                        >
                            <input type="hidden" name="id" value=id_refund />
                            <div>
                                <label for="refund-amount" class="block text-sm font-medium">
                                    {t(K::RefundAmount)}
                                    " ("
                                    {currency}
                                    ")"
                                </label>
                                <p class="text-xs text-slate-600" data-testid="refund-left">
                                    {t(K::RefundUpTo)}
                                    " "
                                    {refund_left}
                                </p>
                                <input
                                    id="refund-amount"
                                    name="amount"
                                    inputmode="decimal"
                                    class=SELECT
                                />
                                <p class="min-h-5 text-sm text-red-700">
                                    {move || {
                                        refund_err
                                            .get()
                                            .map(|e| {
                                                if e.field("amount").is_some() {
                                                    t(K::ErrRefundAmount)
                                                } else {
                                                    t(crate::i18n::error_key(&e))
                                                }
                                            })
                                    }}
                                </p>
                            </div>
                            <button
                                type="submit"
                                class=format!("{BUTTON_QUIET} mb-6")
                                data-testid="refund"
                            >
                                {t(K::IssueRefund)}
                            </button>
                        </ActionForm>
                    }
                })}
            {order
                .claim
                .as_ref()
                .filter(|c| c.status == DisputeStatus::AwaitingSeller)
                .map(|_| view! { <AnswerClaimForm id=order.id.clone() done=done /> })}
            {return_step
                .map(|status| {
                    view! { <SellerReturnActions id=id_return status=status done=done /> }
                })}
        </section>
    }
}

/// `/seller/orders/:id/slip`: a printable packing slip (items and the address, no prices).
#[component]
pub fn PackingSlipPage() -> impl IntoView {
    let params = use_params_map();
    let order = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        |id: String| async move { get_order_detail(id.parse()?).await },
    );
    view! {
        <section class="mx-auto max-w-2xl space-y-4 bg-white p-6 print:p-0" data-testid="slip">
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match order.await {
                        Ok(o) if o.seller_view => {
                            view! {
                                <Title text=format!("{} · {}", t(K::PackingSlip), o.number) />
                                <header class="flex items-start justify-between border-b border-slate-300 pb-3">
                                    <div>
                                        <p class="text-sm text-slate-500">{t(K::PackingSlip)}</p>
                                        <h1 class="text-2xl font-bold">{o.number.clone()}</h1>
                                        <p>{o.shop_name.clone()}</p>
                                    </div>
                                    <p class="text-sm text-slate-500 print:hidden">
                                        {t(K::PrintHint)}
                                    </p>
                                </header>
                                {o
                                    .address
                                    .clone()
                                    .map(|a| {
                                        view! {
                                            <address class="not-italic">
                                                <p class="font-semibold">{a.name}</p>
                                                <p>{a.line1}</p>
                                                {(!a.line2.is_empty())
                                                    .then(|| view! { <p>{a.line2.clone()}</p> })}
                                                <p>{a.postal_code} " " {a.city} " · " {a.country}</p>
                                                <p>{a.phone}</p>
                                            </address>
                                        }
                                    })}
                                <table class="w-full text-left text-sm">
                                    <thead class="border-b border-slate-300">
                                        <tr>
                                            <th class="py-1">{t(K::Item)}</th>
                                            <th class="py-1 text-right">{t(K::Quantity)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {o
                                            .lines
                                            .iter()
                                            .map(|l| {
                                                view! {
                                                    <tr class="border-b border-slate-100">
                                                        <td class="py-1">{l.title.clone()}</td>
                                                        <td class="py-1 text-right">{l.quantity}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <p class="text-sm">
                                    {t(K::ShippingMethod)} ": " {o.shipping_method.clone()}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(_) => {
                            crate::ui::set_page_status(404);
                            view! { <ErrorBanner error=AppError::NotFound /> }.into_any()
                        }
                        Err(e) => {
                            crate::ui::set_page_status(e.status());
                            view! { <ErrorBanner error=e /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
