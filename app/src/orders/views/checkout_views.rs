//! The checkout page: each seller's parcel with its shipping choice, the address, store
//! credit and placing the order.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{address_text, AddressFields, BUTTON, CARD};
use crate::catalog::views::Price;
use crate::i18n::{t, use_lang, K};
use crate::orders::api::{get_checkout_data, PlaceOrder};
use crate::orders::{CheckoutData, CheckoutGroup};
use crate::ui::{navigate_full, ErrorBanner, LoadingBlock};

#[component]
fn CheckoutGroupView(group: CheckoutGroup, index: usize) -> impl IntoView {
    let shop = group.shop_id.clone();
    let discounted = group.after_discounts != group.subtotal.charged;
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
                                <div class="text-right">
                                    <p class="font-semibold">{l.line_total.format()}</p>
                                    {l
                                        .discount
                                        .map(|d| {
                                            view! {
                                                <p
                                                    class="text-sm text-emerald-800"
                                                    data-testid="line-discount"
                                                >
                                                    {t(K::PmLineSaving)}
                                                    " −"
                                                    {d.format()}
                                                </p>
                                            }
                                        })}
                                </div>
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
            <PromotionLines promotions=group.promotions />
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
            {discounted
                .then(|| {
                    view! {
                        <div class="mt-1 flex justify-end gap-2 text-sm font-semibold">
                            <span>{t(K::AfterDiscounts)}</span>
                            <span data-testid="group-after-discounts">
                                {group.after_discounts.format()}
                            </span>
                        </div>
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

/// The promotions taken off one shop's goods, in stacking order, each with what it does
/// and what it saves (the checkout page and the cart page).
#[component]
pub fn PromotionLines(promotions: Vec<crate::orders::AppliedPromotion>) -> impl IntoView {
    promotions
        .into_iter()
        .map(|p| {
            view! {
                <p
                    class="mt-1 flex flex-wrap justify-end gap-x-2 text-sm text-emerald-800"
                    data-testid="promotion-applied"
                >
                    <span>{t(K::Promotion)} ": " {p.title}</span>
                    <span class="text-emerald-700">"(" {p.detail} ")"</span>
                    <span class="font-semibold">"−" {p.saving.format()}</span>
                </p>
            }
        })
        .collect_view()
}
