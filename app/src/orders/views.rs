//! Checkout, order list and detail (with the buyer's and the seller's actions),
//! and the notifications page.

use domain::order::{Address, OrderStatus, ReturnStatus, CARRIERS, COUNTRIES, RETURN_REASONS};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{
    get_checkout_data, get_checkout_orders, get_my_orders, get_notifications, get_order_detail,
    get_seller_orders, CancelOrder, ChangeOrderAddress, ConfirmDelivery, DecideReturn,
    MarkDelivered, MarkPaid, PlaceOrder, ShipOrder,
};
use super::{CheckoutData, CheckoutGroup, OrderDetail, OrderSummary};
use crate::catalog::views::Price;
use crate::error::AppError;
use crate::i18n::{t, use_lang, K};
use crate::ui::{navigate_full, EmptyState, ErrorBanner, FormField, LoadingBlock};

const CARD: &str = "rounded-2xl border border-slate-200 bg-white p-4 sm:p-6";
const BUTTON: &str = "rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800 focus:outline-none focus:ring-2 focus:ring-teal-600 focus:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50";
const BUTTON_QUIET: &str = "rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-teal-600";
const SELECT: &str = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600";

pub fn status_label(s: OrderStatus) -> &'static str {
    t(match s {
        OrderStatus::Placed => K::StatusPlaced,
        OrderStatus::Paid => K::StatusPaid,
        OrderStatus::Shipped => K::StatusShipped,
        OrderStatus::Delivered => K::StatusDelivered,
        OrderStatus::Completed => K::StatusCompleted,
        OrderStatus::Cancelled => K::StatusCancelled,
    })
}

fn event_label(kind: &str) -> String {
    match OrderStatus::parse(kind) {
        Some(s) => status_label(s).to_string(),
        None => t(match kind {
            "address_changed" => K::EventAddressChanged,
            "return_requested" => K::EventReturnRequested,
            "return_refunded" => K::EventReturnRefunded,
            "refunded_partially" => K::EventRefunded,
            "return_refused" => K::EventReturnRefused,
            _ => K::EventOther,
        })
        .to_string(),
    }
}

fn reason_label(code: &str) -> &'static str {
    t(match code {
        "damaged" => K::ReasonDamaged,
        "not_as_described" => K::ReasonNotAsDescribed,
        "wrong_item" => K::ReasonWrongItem,
        "changed_mind" => K::ReasonChangedMind,
        "payment_not_received" => K::ReasonPaymentNotReceived,
        "payment_session_expired" => K::ReasonPaymentNotReceived,
        _ => K::ReasonOther,
    })
}

#[component]
fn StatusBadge(status: OrderStatus) -> impl IntoView {
    let class = match status {
        OrderStatus::Cancelled => "bg-slate-200 text-slate-700",
        OrderStatus::Placed => "bg-amber-100 text-amber-900",
        OrderStatus::Completed | OrderStatus::Delivered => "bg-emerald-100 text-emerald-900",
        _ => "bg-sky-100 text-sky-900",
    };
    view! {
        <span
            class=format!("inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold {class}")
            data-testid="order-status"
        >
            {status_label(status)}
        </span>
    }
}

fn field_of(
    err: Signal<Option<AppError>>,
    name: &'static str,
) -> Signal<Option<domain::FieldErrorCode>> {
    Signal::derive(move || err.get().and_then(|e| e.field(name)))
}

/// Address inputs shared by checkout and "change address".
#[component]
fn AddressFields(err: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <div class="grid gap-x-4 sm:grid-cols-2">
            <FormField
                label=K::FullName
                name="name"
                autocomplete="name"
                error=field_of(err, "name")
            />
            <FormField
                label=K::Phone
                name="phone"
                kind="tel"
                autocomplete="tel"
                error=field_of(err, "phone")
            />
            <div class="sm:col-span-2">
                <FormField
                    label=K::AddressLine1
                    name="line1"
                    autocomplete="address-line1"
                    error=field_of(err, "line1")
                />
            </div>
            <div class="sm:col-span-2">
                <FormField
                    label=K::AddressLine2
                    name="line2"
                    autocomplete="address-line2"
                    error=field_of(err, "line2")
                />
            </div>
            <FormField
                label=K::City
                name="city"
                autocomplete="address-level2"
                error=field_of(err, "city")
            />
            <FormField
                label=K::PostalCode
                name="postal_code"
                autocomplete="postal-code"
                error=field_of(err, "postal_code")
            />
            <div class="space-y-1">
                <label for="field-country" class="block text-sm font-medium text-slate-800">
                    {t(K::Country)}
                </label>
                <select id="field-country" name="country" class=SELECT autocomplete="country">
                    {COUNTRIES
                        .iter()
                        .map(|c| {
                            view! {
                                <option value=*c>
                                    {domain::shipping::country_name(
                                            c,
                                            use_lang() == domain::Lang::ZhHant,
                                        )
                                        .to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="min-h-5 text-sm text-red-700">
                    {move || {
                        field_of(err, "country").get().map(|c| t(crate::i18n::field_error_key(c)))
                    }}
                </p>
            </div>
        </div>
    }
}

fn address_text(a: &Address) -> String {
    let mut parts = vec![a.name.clone(), a.line1.clone()];
    if !a.line2.is_empty() {
        parts.push(a.line2.clone());
    }
    parts.push(format!("{} {}", a.city, a.postal_code).trim().to_string());
    parts.push(a.country.clone());
    parts.join(", ")
}

#[component]
fn CheckoutGroupView(group: CheckoutGroup, index: usize) -> impl IntoView {
    let shop = group.shop_id.clone();
    view! {
        <section class=CARD data-testid="checkout-group">
            <h2 class="border-b border-slate-100 pb-2 font-semibold text-slate-900">
                {group.shop_name}
            </h2>
            <ul class="divide-y divide-slate-100">
                {group
                    .lines
                    .into_iter()
                    .map(|l| {
                        view! {
                            <li class="flex items-center gap-3 py-3">
                                <img
                                    src=l.image
                                    alt=""
                                    width="56"
                                    height="56"
                                    loading="lazy"
                                    class="h-14 w-14 rounded-lg border border-slate-200 object-cover"
                                />
                                <div class="min-w-0 flex-1">
                                    <p class="truncate font-medium">{l.title}</p>
                                    <p class="text-sm text-slate-600">"× " {l.quantity}</p>
                                </div>
                                <p class="font-semibold">{l.line_total.format()}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <fieldset class="mt-3 space-y-2 border-t border-slate-100 pt-3">
                <legend class="text-sm font-medium text-slate-800">{t(K::ShippingMethod)}</legend>
                {if group.methods.is_empty() {
                    view! { <p class="text-sm text-red-700">{t(K::NoShippingMethod)}</p> }
                        .into_any()
                } else {
                    group
                        .methods
                        .into_iter()
                        .enumerate()
                        .map(|(i, m)| {
                            let id = format!("ship-{index}-{}", m.code);
                            let label_for = id.clone();
                            let fee = if m.fee.amount_minor == 0 {
                                t(K::FreeShipping).to_string()
                            } else {
                                m.fee.format()
                            };
                            let zh = use_lang() == domain::Lang::ZhHant;
                            let to = domain::locale::join_list(
                                use_lang(),
                                &m
                                    .countries
                                    .iter()
                                    .map(|c| domain::shipping::country_name(c, zh))
                                    .collect::<Vec<_>>(),
                            );
                            view! {
                                <label
                                    for=label_for
                                    class="flex cursor-pointer items-center gap-3 rounded-lg border border-slate-200 px-3 py-2 has-[:checked]:border-teal-600 has-[:checked]:bg-teal-50"
                                >
                                    <input
                                        id=id
                                        type="radio"
                                        name=format!("shipping[{index}]")
                                        value=format!("{shop}:{}", m.code)
                                        checked=i == 0
                                    />
                                    <span class="flex-1">
                                        {m.name}
                                        <span class="text-xs text-slate-500">
                                            " · " {m.days_min} "–" {m.days_max} " " {t(K::Days)}
                                        </span>
                                        <span
                                            class="block text-xs text-slate-500"
                                            data-testid="method-countries"
                                        >
                                            {t(K::ShShipsTo)}
                                            " "
                                            {to}
                                        </span>
                                    </span>
                                    <span class="font-medium">{fee}</span>
                                </label>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </fieldset>
            // a <div>: the price is a <p>, and a <p> inside a <p> is split apart by the
            // HTML parser, which breaks hydration
            <div class="mt-3 flex justify-end gap-2 text-sm">
                <span class="text-slate-600">{t(K::Subtotal)}</span>
                <Price price=group.subtotal />
            </div>
            {group
                .promotion
                .map(|p| {
                    view! {
                        <p
                            class="mt-1 flex justify-end gap-2 text-sm text-emerald-800"
                            data-testid="promotion-applied"
                        >
                            <span>{t(K::Promotion)} ": " {p.title}</span>
                            <span class="font-semibold">"−" {p.saving.format()}</span>
                        </p>
                    }
                })}
            {group
                .welcome
                .map(|w| {
                    view! {
                        <p
                            class="mt-1 flex justify-end gap-2 text-sm text-emerald-800"
                            data-testid="welcome-applied"
                        >
                            <span>{t(K::RfWelcomeApplied)}</span>
                            <span class="font-semibold">"−" {w.format()}</span>
                        </p>
                    }
                })}
        </section>
    }
}

#[component]
fn CheckoutForm(data: CheckoutData) -> impl IntoView {
    let action = ServerAction::<PlaceOrder>::new();
    Effect::new(move |_| {
        if let Some(Ok(placed)) = action.value().get() {
            navigate_full(&placed.redirect);
        }
    });
    let err = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let has_saved = !data.addresses.is_empty();
    let blocked = !data.blocked.is_empty();
    let offline = data.provider == "offline";
    // the currencies the shopper is charged in: each seller's own
    let zh = use_lang() == domain::Lang::ZhHant;
    let mut charged: Vec<domain::Currency> = data
        .groups
        .iter()
        .map(|g| g.subtotal.charged.currency)
        .collect();
    charged.sort();
    charged.dedup();
    let charged_in = charged
        .iter()
        .map(|c| format!("{} ({})", c.code(), c.name(zh)))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <ActionForm
            action=action
            attr:class="grid gap-6 lg:grid-cols-[1fr_22rem]"
            attr:id="checkout-form"
            attr:novalidate=true
        >
            <input type="hidden" name="fingerprint" value=data.fingerprint />
            <div class="min-w-0 space-y-4">
                {data
                    .groups
                    .into_iter()
                    .enumerate()
                    .map(|(i, g)| view! { <CheckoutGroupView group=g index=i /> })
                    .collect_view()} <section class=CARD>
                    <h2 class="mb-3 font-semibold text-slate-900">{t(K::ShippingAddress)}</h2>
                    {has_saved
                        .then(|| {
                            view! {
                                <fieldset class="mb-4 space-y-2">
                                    <legend class="sr-only">{t(K::SavedAddresses)}</legend>
                                    {data
                                        .addresses
                                        .iter()
                                        .enumerate()
                                        .map(|(i, a)| {
                                            let id = format!("addr-{}", a.id);
                                            let label_for = id.clone();
                                            view! {
                                                <label
                                                    for=label_for
                                                    class="flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 px-3 py-2 has-[:checked]:border-teal-600 has-[:checked]:bg-teal-50"
                                                >
                                                    <input
                                                        id=id
                                                        type="radio"
                                                        name="address_id"
                                                        value=a.id.clone()
                                                        checked=i == 0
                                                        class="mt-1"
                                                    />
                                                    <span class="text-sm">
                                                        {address_text(&a.address)}
                                                        <span class="block text-slate-500">
                                                            {a.address.phone.clone()}
                                                        </span>
                                                    </span>
                                                </label>
                                            }
                                        })
                                        .collect_view()}
                                    <label
                                        for="addr-new"
                                        class="flex cursor-pointer items-center gap-3 rounded-lg border border-slate-200 px-3 py-2 has-[:checked]:border-teal-600 has-[:checked]:bg-teal-50"
                                    >
                                        <input
                                            id="addr-new"
                                            type="radio"
                                            name="address_id"
                                            value="new"
                                        />
                                        <span class="text-sm font-medium">
                                            {t(K::UseNewAddress)}
                                        </span>
                                    </label>
                                </fieldset>
                            }
                        })}
                    <div class=if has_saved { "rounded-lg bg-slate-50 p-3" } else { "" }>
                        <AddressFields err=err />
                        <label class="mt-1 flex items-center gap-2 text-sm">
                            <input
                                type="checkbox"
                                name="save_address"
                                value="on"
                                checked=!has_saved
                            />
                            {t(K::SaveAddress)}
                        </label>
                    </div>
                </section>
            </div>
            <aside class="min-w-0 space-y-4 lg:sticky lg:top-24 lg:self-start">
                <section class=CARD>
                    <h2 class="font-semibold text-slate-900">{t(K::Payment)}</h2>
                    <p class="mt-2 text-sm text-slate-700" data-testid="payment-provider">
                        {if offline { t(K::OfflinePaymentNote) } else { t(K::StripePaymentNote) }}
                    </p>
                    <p
                        class="mt-2 text-sm font-medium text-slate-900"
                        data-testid="charged-currency"
                    >
                        {t(K::ChargedIn)}
                        " "
                        {charged_in}
                    </p>
                    <p class="mt-1 text-xs text-slate-500">{t(K::ChargedNote)}</p>
                    <p class="mt-2 text-xs text-slate-500">{t(K::ReservationNote)}</p>
                </section>
                {(!data.credit.is_empty())
                    .then(|| {
                        view! {
                            <section class=CARD data-testid="store-credit">
                                <label class="flex cursor-pointer items-start gap-3">
                                    <input
                                        type="checkbox"
                                        name="use_credit"
                                        value="on"
                                        checked
                                        class="mt-1"
                                        data-testid="use-credit"
                                    />
                                    <span>
                                        <span class="font-semibold text-slate-900">
                                            {t(K::RfUseCredit)}
                                        </span>
                                        <span class="block text-sm text-emerald-800">
                                            {t(K::RfAvailable)} ": "
                                            {data
                                                .credit
                                                .iter()
                                                .map(|m| m.format())
                                                .collect::<Vec<_>>()
                                                .join(" · ")}
                                        </span>
                                    </span>
                                </label>
                            </section>
                        }
                    })}
                {blocked
                    .then(|| {
                        view! {
                            <div
                                role="alert"
                                class="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
                            >
                                {t(K::CheckoutBlocked)}
                                " "
                                {data.blocked.join(", ")}
                                " "
                                <a href="/cart" class="font-semibold underline">
                                    {t(K::ViewCart)}
                                </a>
                            </div>
                        }
                    })}
                {move || err.get().map(|e| view! { <ErrorBanner error=e /> })}
                <button
                    type="submit"
                    class=format!("w-full {BUTTON}")
                    disabled=move || blocked || action.pending().get()
                    data-testid="place-order"
                >
                    {move || {
                        if action.pending().get() { t(K::Submitting) } else { t(K::PlaceOrder) }
                    }}
                </button>
            </aside>
        </ActionForm>
    }
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_checkout_data());
    view! {
        <Title text=format!("{} · {}", t(K::Checkout), t(K::Brand)) />
        <section class="mx-auto max-w-6xl space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">{t(K::Checkout)}</h1>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) if d.groups.is_empty() => {
                            view! {
                                <div
                                    class="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
                                    data-testid="checkout-empty"
                                >
                                    <p class="text-slate-700">{t(K::CartEmpty)}</p>
                                    <a
                                        href="/"
                                        class="mt-4 inline-block rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white"
                                    >
                                        {t(K::ContinueShopping)}
                                    </a>
                                </div>
                            }
                                .into_any()
                        }
                        Ok(d) => view! { <CheckoutForm data=d /> }.into_any(),
                        Err(e) => view! { <ErrorBanner error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

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
        get_checkout_orders,
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
            <crate::sellers::listing_views::SellerNav current="/seller/orders" />
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

fn reason_or_text(s: &str) -> String {
    if RETURN_REASONS.contains(&s) || s.starts_with("payment_") {
        reason_label(s).to_string()
    } else {
        s.to_string()
    }
}

#[component]
fn BuyerActions(order: OrderDetail, done: Callback<()>) -> impl IntoView {
    let cancel = ServerAction::<CancelOrder>::new();
    let change = ServerAction::<ChangeOrderAddress>::new();
    let confirm = ServerAction::<ConfirmDelivery>::new();
    Effect::new(move |_| {
        let ok = |v: Option<Result<(), AppError>>| matches!(v, Some(Ok(())));
        if ok(cancel.value().get()) || ok(change.value().get()) || ok(confirm.value().get()) {
            done.run(());
        }
    });
    let change_err = Signal::derive(move || change.value().get().and_then(|r| r.err()));
    let id = order.id.clone();
    let (id1, id2, id3) = (id.clone(), id.clone(), id.clone());
    view! {
        <div class="space-y-4">
            {move || {
                cancel
                    .value()
                    .get()
                    .and_then(|r| r.err())
                    .map(|e| view! { <ErrorBanner error=e /> })
            }}
            {move || {
                confirm
                    .value()
                    .get()
                    .and_then(|r| r.err())
                    .map(|e| view! { <ErrorBanner error=e /> })
            }}
            {order
                .can_confirm
                .then(|| {
                    view! {
                        <ActionForm action=confirm>
                            <input type="hidden" name="id" value=id.clone() />
                            <button type="submit" class=BUTTON data-testid="confirm-delivery">
                                {t(K::ConfirmReceived)}
                            </button>
                        </ActionForm>
                    }
                })}
            {order
                .can_cancel
                .then(|| {
                    view! {
                        <details class=CARD data-testid="cancel-panel">
                            <summary class="cursor-pointer font-semibold text-slate-900">
                                {t(K::CancelOrder)}
                            </summary>
                            <ActionForm action=cancel attr:class="mt-3 space-y-3">
                                <input type="hidden" name="id" value=id1 />
                                <label for="cancel-reason" class="block text-sm font-medium">
                                    {t(K::Reason)}
                                </label>
                                <select id="cancel-reason" name="reason" class=SELECT>
                                    <option value="changed_mind">{t(K::ReasonChangedMind)}</option>
                                    <option value="wrong_item">{t(K::ReasonOrderedWrong)}</option>
                                    <option value="other">{t(K::ReasonOther)}</option>
                                </select>
                                <button
                                    type="submit"
                                    class="rounded-lg bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800"
                                    data-testid="confirm-cancel"
                                >
                                    {t(K::CancelOrder)}
                                </button>
                            </ActionForm>
                        </details>
                    }
                })}
            {order
                .can_change_address
                .then(|| {
                    view! {
                        <details class=CARD>
                            <summary class="cursor-pointer font-semibold text-slate-900">
                                {t(K::ChangeAddress)}
                            </summary>
                            <ActionForm
                                action=change
                                attr:class="mt-3 space-y-2"
                                attr:novalidate=true
                            >
                                <input type="hidden" name="id" value=id2 />
                                <AddressFields err=change_err />
                                {move || {
                                    change_err.get().map(|e| view! { <ErrorBanner error=e /> })
                                }}
                                <button type="submit" class=BUTTON>
                                    {t(K::SaveAddressChange)}
                                </button>
                            </ActionForm>
                        </details>
                    }
                })}
            {order
                .can_return
                .then(|| {
                    let query = use_query_map();
                    let q = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
                    let error = q("return_error");
                    let (kind, reason, details) = (q("kind"), q("reason"), q("details"));
                    view! {
                        <details
                            id="return"
                            class=CARD
                            data-testid="return-panel"
                            open=!error.is_empty()
                        >
                            <summary class="cursor-pointer font-semibold text-slate-900">
                                {t(K::RequestReturn)}
                            </summary>
                            // a plain multipart form: photos upload with or without wasm
                            <form
                                method="post"
                                action=format!("/orders/{id3}/return")
                                enctype="multipart/form-data"
                                class="mt-3 space-y-3"
                                novalidate
                            >
                                {(!error.is_empty())
                                    .then(|| {
                                        view! {
                                            <div
                                                role="alert"
                                                class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
                                                data-testid="return-error"
                                            >
                                                {t(return_error_key(&error))}
                                            </div>
                                        }
                                    })}
                                <div>
                                    <label for="return-kind" class="block text-sm font-medium">
                                        {t(K::ReturnKindLabel)}
                                    </label>
                                    <select id="return-kind" name="kind" class=SELECT>
                                        <option value="return">{t(K::ReturnForRefund)}</option>
                                        <option value="exchange" selected=kind == "exchange">
                                            {t(K::Exchange)}
                                        </option>
                                    </select>
                                </div>
                                <div>
                                    <label for="return-reason" class="block text-sm font-medium">
                                        {t(K::Reason)}
                                    </label>
                                    <select id="return-reason" name="reason" class=SELECT>
                                        {RETURN_REASONS
                                            .iter()
                                            .map(|r| {
                                                view! {
                                                    <option value=*r selected=reason == *r>
                                                        {reason_label(r)}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                                <div>
                                    <label for="return-details" class="block text-sm font-medium">
                                        {t(K::ReturnDetails)}
                                    </label>
                                    <textarea
                                        id="return-details"
                                        name="details"
                                        rows="3"
                                        maxlength="2000"
                                        class=SELECT
                                    >
                                        {details}
                                    </textarea>
                                </div>
                                <div>
                                    <label for="return-photos" class="block text-sm font-medium">
                                        {t(K::Photos)}
                                    </label>
                                    <input
                                        id="return-photos"
                                        name="photos"
                                        type="file"
                                        multiple
                                        accept="image/jpeg,image/png,image/webp"
                                        class="block w-full text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2"
                                    />
                                </div>
                                <button type="submit" class=BUTTON data-testid="submit-return">
                                    {t(K::SubmitReturn)}
                                </button>
                            </form>
                        </details>
                    }
                })}
        </div>
    }
}

#[component]
fn SellerActions(order: OrderDetail, done: Callback<()>) -> impl IntoView {
    let paid = ServerAction::<MarkPaid>::new();
    let ship = ServerAction::<ShipOrder>::new();
    let delivered = ServerAction::<MarkDelivered>::new();
    let decide = ServerAction::<DecideReturn>::new();
    let refund = ServerAction::<crate::sellers::money::RefundOrder>::new();
    Effect::new(move |_| {
        let ok = |v: Option<Result<(), AppError>>| matches!(v, Some(Ok(())));
        if ok(refund.value().get())
            || ok(paid.value().get())
            || ok(ship.value().get())
            || ok(delivered.value().get())
            || ok(decide.value().get())
        {
            done.run(());
        }
    });
    let ship_err = Signal::derive(move || ship.value().get().and_then(|r| r.err()));
    let (id_paid, id_ship, id_delivered) = (order.id.clone(), order.id.clone(), order.id.clone());
    let (id_accept, id_refuse) = (order.id.clone(), order.id.clone());
    let id_refund = order.id.clone();
    let refund_err = Signal::derive(move || refund.value().get().and_then(|r| r.err()));
    let refundable = order.payment_status == "paid"
        && matches!(
            order.status,
            OrderStatus::Paid
                | OrderStatus::Shipped
                | OrderStatus::Delivered
                | OrderStatus::Completed
        );
    let slip = format!("/seller/orders/{}/slip", order.id);
    let currency = order.total.currency.code();
    let return_open = order
        .return_request
        .as_ref()
        .is_some_and(|r| r.status == ReturnStatus::Requested);
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
                    .or_else(|| decide.value().get().and_then(|r| r.err()))
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
                            <div>
                                <label for="carrier" class="block text-sm font-medium">
                                    {t(K::Carrier)}
                                </label>
                                <select id="carrier" name="carrier" class=SELECT>
                                    {CARRIERS
                                        .iter()
                                        .map(|(c, _)| view! { <option value=*c>{*c}</option> })
                                        .collect_view()}
                                </select>
                            </div>
                            <FormField
                                label=K::TrackingNumber
                                name="tracking"
                                error=field_of(ship_err, "tracking")
                            />
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
            {(order.status == OrderStatus::Shipped)
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
            {return_open
                .then(|| {
                    view! {
                        <div class="flex gap-2">
                            <ActionForm action=decide>
                                <input type="hidden" name="id" value=id_accept />
                                <input type="hidden" name="accept" value="true" />
                                <button type="submit" class=BUTTON data-testid="accept-return">
                                    {t(K::AcceptReturn)}
                                </button>
                            </ActionForm>
                            <ActionForm action=decide>
                                <input type="hidden" name="id" value=id_refuse />
                                <input type="hidden" name="accept" value="false" />
                                <button type="submit" class=BUTTON_QUIET>
                                    {t(K::RefuseReturn)}
                                </button>
                            </ActionForm>
                        </div>
                    }
                })}
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
                {order
                    .return_request
                    .clone()
                    .map(|r| {
                        view! {
                            <section class=CARD data-testid="return-status">
                                <h2 class="font-semibold">{t(K::ReturnRequest)}</h2>
                                <p class="mt-1 text-sm">
                                    {reason_label(&r.reason)} " · " {r.requested_at}
                                </p>
                                {(!r.body.is_empty())
                                    .then(|| {
                                        view! {
                                            <p class="mt-1 text-sm text-slate-700">{r.body.clone()}</p>
                                        }
                                    })}
                                {(!r.photos.is_empty())
                                    .then(|| {
                                        view! {
                                            <ul
                                                class="mt-2 flex flex-wrap gap-2"
                                                aria-label=t(K::ReturnPhotos)
                                                data-testid="return-photos"
                                            >
                                                {r
                                                    .photos
                                                    .iter()
                                                    .map(|p| {
                                                        view! {
                                                            <li>
                                                                <a
                                                                    href=format!("/media/private/{p}")
                                                                    target="_blank"
                                                                    rel="noopener"
                                                                >
                                                                    <img
                                                                        src=format!("/media/private/{p}")
                                                                        alt=""
                                                                        width="96"
                                                                        height="96"
                                                                        loading="lazy"
                                                                        class="h-24 w-24 rounded-lg border border-slate-200 object-cover"
                                                                    />
                                                                </a>
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        }
                                    })}
                                <p class="mt-2 text-sm font-semibold">
                                    {t(
                                        match r.status {
                                            ReturnStatus::Requested => K::ReturnRequested,
                                            ReturnStatus::Accepted => K::ReturnAccepted,
                                            ReturnStatus::Refused => K::ReturnRefused,
                                            ReturnStatus::Refunded => K::ReturnRefunded,
                                        },
                                    )}
                                </p>
                            </section>
                        }
                    })}
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
                            <dd>{order.shipping.format()}</dd>
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
        |(id, _)| get_order_detail(id),
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

/// The message for a return-form failure code (see `return_error_code`).
fn return_error_key(code: &str) -> K {
    match code {
        "photos.FileTooLarge" => K::ErrFileTooLarge,
        "photos.NotAnImage" => K::ErrNotAnImage,
        "photos.TooMany" => K::ErrTooManyPhotos,
        "details.Required" => K::ErrReturnDetailsRequired,
        "details.TooLong" => K::ErrTooLong,
        "order.ReturnExists" => K::ErrReturnExists,
        "order.ReturnWindowClosed" => K::ErrReturnWindowClosed,
        "order.WrongState" => K::ErrOrderState,
        c if c.starts_with("kind.") || c.starts_with("reason.") => K::ErrInvalidChoice,
        _ => K::ErrInternal,
    }
}

/// `/seller/orders/:id/slip`: a printable packing slip (items and the address, no prices).
#[component]
pub fn PackingSlipPage() -> impl IntoView {
    let params = use_params_map();
    let order = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        get_order_detail,
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
