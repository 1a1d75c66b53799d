//! `/admin/payments`: the open alerts, each with what an admin can do about it, and
//! the latest closed ones.

use leptos::prelude::*;
use leptos_meta::Title;

use super::*;
use crate::error::AppError;
use crate::i18n::{field_error_key, t, K};
use crate::shell::GateError;
use crate::ui::{on_success, reload_page, utc_datetime, EmptyState, ErrorBanner, LoadingBlock};

#[component]
pub fn PaymentAlertsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_payment_alerts());
    view! {
        <Title text=format!("{} · {}", t(K::PayAlertsTitle), t(K::Brand)) />
        <section class="space-y-6">
            <header>
                <a href="/admin" class="text-sm text-teal-800 underline">
                    {t(K::AdminTitle)}
                </a>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::PayAlertsTitle)}</h1>
                <p class="text-slate-600">{t(K::PayAlertsIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <Alerts d=d /> }.into_any(),
                        Err(e) => view! { <GateError error=e path="/admin/payments" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Alerts(d: PaymentAlerts) -> impl IntoView {
    let open = if d.open.is_empty() {
        view! { <EmptyState message=K::PayAlertsNone /> }.into_any()
    } else {
        view! {
            <ul class="space-y-4" data-testid="payment-alerts">
                {d
                    .open
                    .into_iter()
                    .map(|a| match a.kind {
                        AlertKind::ProviderRefund => view! { <ProviderRefund a=a /> }.into_any(),
                        AlertKind::RefundRefused => view! { <RefundRefused a=a /> }.into_any(),
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        {open}
        <Closed closed=d.closed />
    }
}

/// One labelled figure of an alert.
#[component]
fn Figure(label: K, value: String) -> impl IntoView {
    view! {
        <div>
            <dt class="text-slate-500">{t(label)}</dt>
            <dd class="font-medium text-slate-900">{value}</dd>
        </div>
    }
}

/// The message of a field's error, under its input.
fn field_message(err: Signal<Option<AppError>>, name: &'static str) -> impl IntoView {
    move || {
        err.get()
            .and_then(|e| e.field(name))
            .map(|c| view! { <p class="text-sm text-red-700">{t(field_error_key(c))}</p> })
    }
}

/// An error that is not about one field.
fn banner(err: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        err.get()
            .filter(|e| !matches!(e, AppError::Invalid(_)))
            .map(|e| view! { <ErrorBanner error=e /> })
    }
}

#[component]
fn ProviderRefund(a: PaymentAlert) -> impl IntoView {
    let act = ServerAction::<AttributeRefund>::new();
    on_success(act.value(), |_| reload_page());
    let err = Signal::derive(move || act.value().get().and_then(|v| v.err()));
    let order_id = format!("attr-order-{}", a.id);
    let amount_id = format!("attr-amount-{}", a.id);
    view! {
        <li
            class="rounded-xl border border-amber-300 bg-amber-50 p-4"
            data-testid="alert-provider-refund"
        >
            <h2 class="font-semibold text-amber-900">{t(K::PayProviderRefund)}</h2>
            <p class="text-sm text-amber-900">{t(K::PayProviderRefundNote)}</p>
            <dl class="mt-3 grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
                <Figure label=K::PayIntent value=a.payment_intent.clone().unwrap_or_default() />
                <Figure label=K::PayRefundedAtStripe value=a.provider.clone() />
                <Figure label=K::PayOurRefunds value=a.ours.clone() />
                <Figure label=K::PayUnattributed value=a.gap.clone() />
            </dl>
            <ActionForm
                action=act
                attr:class="mt-3 grid gap-3 sm:grid-cols-3"
                attr:data-testid="attribute-form"
            >
                <input type="hidden" name="alert" value=a.id.clone() />
                <div class="space-y-1 sm:col-span-2">
                    <label for=order_id.clone() class="block text-sm font-medium text-slate-800">
                        {t(K::PayOrder)}
                    </label>
                    <select
                        id=order_id
                        name="order"
                        class="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2"
                    >
                        {a
                            .orders
                            .iter()
                            .map(|o| {
                                view! {
                                    <option value=o
                                        .id
                                        .clone()>
                                        {format!(
                                            "{} · {} · {} ({} {})",
                                            o.number,
                                            o.shop,
                                            o.paid,
                                            o.left,
                                            t(K::PayLeft),
                                        )}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    {field_message(err, "order")}
                </div>
                <div class="space-y-1">
                    <label for=amount_id.clone() class="block text-sm font-medium text-slate-800">
                        {t(K::PayAmount)}
                        " ("
                        {a.currency.clone()}
                        ")"
                    </label>
                    <input
                        id=amount_id
                        name="amount"
                        inputmode="decimal"
                        required
                        class="block w-full rounded-lg border border-slate-300 px-3 py-2"
                    />
                    {field_message(err, "amount")}
                </div>
                <div class="sm:col-span-3">
                    <button
                        type="submit"
                        class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                    >
                        {t(K::PayAttribute)}
                    </button>
                </div>
            </ActionForm>
            {banner(err)}
        </li>
    }
}

#[component]
fn RefundRefused(a: PaymentAlert) -> impl IntoView {
    let act = ServerAction::<RetryCardRefund>::new();
    on_success(act.value(), |_| reload_page());
    let err = Signal::derive(move || act.value().get().and_then(|v| v.err()));
    view! {
        <li
            class="rounded-xl border border-red-200 bg-red-50 p-4"
            data-testid="alert-refund-refused"
        >
            <h2 class="font-semibold text-red-900">{t(K::PayRefundRefused)}</h2>
            <p class="text-sm text-red-900">{t(K::PayRefundRefusedNote)}</p>
            <dl class="mt-3 grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
                <Figure label=K::PayOrder value=a.order_number.clone().unwrap_or_default() />
                <Figure label=K::PayToRefund value=a.gap.clone() />
                <Figure label=K::PayAttempts value=a.attempts.unwrap_or(0).to_string() />
                <Figure
                    label=K::PayNextAttempt
                    value=a.next_at.map(utc_datetime).unwrap_or_default()
                />
            </dl>
            <p class="mt-2 break-words text-sm text-slate-700">
                {t(K::PayReason)} ": "
                <span data-testid="alert-reason">{a.reason.clone().unwrap_or_default()}</span>
            </p>
            <ActionForm action=act attr:class="mt-3">
                <input type="hidden" name="alert" value=a.id.clone() />
                <button
                    type="submit"
                    class="rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
                >
                    {t(K::PayRetryNow)}
                </button>
            </ActionForm>
            {banner(err)}
        </li>
    }
}

#[component]
fn Closed(closed: Vec<PaymentAlert>) -> impl IntoView {
    (!closed.is_empty())
        .then(|| {
            view! {
                <section>
                    <h2 class="mb-2 text-lg font-semibold">{t(K::PayClosed)}</h2>
                    <ul
                        class="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm"
                        data-testid="closed-alerts"
                    >
                        {closed
                            .into_iter()
                            .map(|a| {
                                let what = match a.kind {
                                    AlertKind::ProviderRefund => K::PayProviderRefund,
                                    AlertKind::RefundRefused => K::PayRefundRefused,
                                };
                                view! {
                                    <li class="flex flex-wrap justify-between gap-2 px-4 py-2">
                                        <span>{t(what)}</span>
                                        <span class="text-slate-600">
                                            {a.payment_intent.or(a.order_number).unwrap_or_default()}
                                        </span>
                                        <time class="text-slate-500">
                                            {utc_datetime(a.updated_at)}
                                        </time>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
}
