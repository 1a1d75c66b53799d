//! The cart page and the add-to-cart form on product pages.

use leptos::prelude::*;

use crate::codec::AsciiJson;
use leptos_meta::Title;

use super::api::{get_cart, AddToCart, SetCartQuantity};
use super::{CartGroup, CartLineView, CartVersion};
use crate::catalog::views::Price;
use crate::i18n::{t, K};
use crate::ui::{ErrorBanner, LoadingBlock};

fn bump_cart_version() {
    if let Some(CartVersion(v)) = use_context::<CartVersion>() {
        v.update(|n| *n += 1);
    }
}

#[component]
pub fn AddToCartForm(product_id: String, available: i64) -> impl IntoView {
    let action = ServerAction::<AddToCart>::new();
    let version = use_context::<CartVersion>();
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(CartVersion(v))) = (action.value().get(), version) {
            v.update(|n| *n += 1);
        }
    });
    let sold_out = available <= 0;
    let max = available
        .clamp(1, i64::from(domain::cart::MAX_QUANTITY))
        .to_string();
    view! {
        <ActionForm action=action attr:class="flex flex-wrap items-end gap-3" attr:id="add-to-cart">
            <input type="hidden" name="product_id" value=product_id />
            <div>
                <label for="qty" class="block text-sm text-slate-600">
                    {t(K::Quantity)}
                </label>
                <input
                    id="qty"
                    name="quantity"
                    type="number"
                    min="1"
                    max=max
                    value="1"
                    inputmode="numeric"
                    class="w-20 rounded-lg border border-slate-300 px-2 py-2 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600"
                />
            </div>
            <button
                type="submit"
                disabled=move || sold_out || action.pending().get()
                class="rounded-lg bg-teal-700 px-5 py-2.5 font-semibold text-white hover:bg-teal-800 focus:outline-none focus:ring-2 focus:ring-teal-600 focus:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50"
            >
                {t(K::AddToCart)}
            </button>
            {move || match action.value().get() {
                Some(Ok(_)) => {
                    view! {
                        <p
                            role="status"
                            class="w-full text-sm text-emerald-700"
                            data-testid="added-to-cart"
                        >
                            {t(K::AddedToCart)}
                            " "
                            <a href="/cart" class="font-semibold underline">
                                {t(K::ViewCart)}
                            </a>
                        </p>
                    }
                        .into_any()
                }
                Some(Err(e)) => {
                    view! {
                        <div class="w-full">
                            <ErrorBanner error=e />
                        </div>
                    }
                        .into_any()
                }
                None => ().into_any(),
            }}
        </ActionForm>
    }
}

#[component]
fn CartLine(line: CartLineView, action: ServerAction<SetCartQuantity>) -> impl IntoView {
    let href = format!("/p/{}", line.product_id);
    let id_update = line.product_id.clone();
    let id_remove = line.product_id.clone();
    let qty_id = format!("qty-{}", line.product_id);
    let max = line
        .available
        .clamp(1, i64::from(domain::cart::MAX_QUANTITY))
        .to_string();
    view! {
        <li class="flex gap-4 py-4" data-testid="cart-line">
            <a href=href.clone() class="shrink-0">
                <img
                    src=line.image
                    alt=""
                    width="96"
                    height="96"
                    loading="lazy"
                    class="h-24 w-24 rounded-lg border border-slate-200 object-cover"
                />
            </a>
            <div class="flex min-w-0 flex-1 flex-wrap items-start justify-between gap-3">
                <div class="min-w-0 space-y-1">
                    <a href=href class="font-medium text-slate-900 hover:underline">
                        {line.title}
                    </a>
                    <Price price=line.unit_price />
                    {line
                        .added_price
                        .map(|was| {
                            view! {
                                <p class="text-xs text-amber-700" data-testid="price-changed">
                                    {t(K::PriceChangedFrom)}
                                    " "
                                    {was.format()}
                                </p>
                            }
                        })}
                    {(line.available <= 0)
                        .then(|| {
                            view! {
                                <p class="text-xs font-medium text-red-700">
                                    {t(K::ErrUnavailable)}
                                </p>
                            }
                        })}
                </div>
                <div class="flex items-end gap-2">
                    <ActionForm action=action attr:class="flex items-end gap-2">
                        <input type="hidden" name="product_id" value=id_update />
                        <div>
                            <label for=qty_id.clone() class="block text-xs text-slate-600">
                                {t(K::Quantity)}
                            </label>
                            <input
                                id=qty_id
                                name="quantity"
                                type="number"
                                min="1"
                                max=max
                                value=line.quantity.to_string()
                                class="w-16 rounded-lg border border-slate-300 px-2 py-1.5"
                            />
                        </div>
                        <button
                            type="submit"
                            class="rounded-lg border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
                        >
                            {t(K::Update)}
                        </button>
                    </ActionForm>
                    <ActionForm action=action>
                        <input type="hidden" name="product_id" value=id_remove />
                        <input type="hidden" name="quantity" value="0" />
                        <button
                            type="submit"
                            class="rounded-lg px-3 py-1.5 text-sm text-red-700 hover:bg-red-50"
                        >
                            {t(K::Remove)}
                        </button>
                    </ActionForm>
                </div>
                <p class="w-full text-right font-semibold sm:w-auto" data-testid="line-total">
                    {line.line_total.format()}
                </p>
            </div>
        </li>
    }
}

#[component]
fn ShopGroup(group: CartGroup, action: ServerAction<SetCartQuantity>) -> impl IntoView {
    view! {
        <section
            class="rounded-2xl border border-slate-200 bg-white p-4 sm:p-6"
            data-testid="cart-group"
        >
            <header class="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 pb-2">
                <h2 class="font-semibold text-slate-900">{group.shop_name}</h2>
                <p class="text-xs text-slate-500">{t(K::ShipsFrom)} " " {group.ships_from}</p>
            </header>
            <ul class="divide-y divide-slate-100">
                {group
                    .lines
                    .into_iter()
                    .map(|l| view! { <CartLine line=l action=action /> })
                    .collect_view()}
            </ul>
            <footer class="space-y-1 border-t border-slate-100 pt-3">
                <div class="flex items-center justify-end gap-3">
                    <span class="text-sm text-slate-600">{t(K::Subtotal)}</span>
                    <span data-testid="subtotal">
                        <Price price=group.subtotal />
                    </span>
                </div>
                <crate::orders::views::PromotionLines promotions=group.promotions />
                {group
                    .after_discounts
                    .map(|m| {
                        view! {
                            <div class="flex justify-end gap-2 text-sm font-semibold">
                                <span>{t(K::AfterDiscounts)}</span>
                                <span data-testid="cart-after-discounts">{m.format()}</span>
                            </div>
                        }
                    })}
                <p class="text-right text-sm text-slate-600" data-testid="shipping-estimate">
                    {match group.shipping {
                        Some(p) if p.charged.amount_minor == 0 => {
                            t(K::FreeShippingQualified).to_string()
                        }
                        Some(p) => format!("{} {}", t(K::ShippingFrom), p.charged.format()),
                        None => t(K::NoShippingMethod).to_string(),
                    }}
                </p>
            </footer>
        </section>
    }
}

#[component]
pub fn CartPage() -> impl IntoView {
    let version = use_context::<CartVersion>();
    let cart = Resource::<_, AsciiJson>::new_with_options(
        move || version.map(|CartVersion(v)| v.get()).unwrap_or(0),
        |_| get_cart(),
        false,
    );
    let action = ServerAction::<SetCartQuantity>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            bump_cart_version();
        }
    });
    view! {
        <Title text=format!("{} · {}", t(K::CartTitle), t(K::Brand)) />
        <section class="mx-auto max-w-4xl space-y-4">
            <h1 class="text-2xl font-bold text-slate-900">{t(K::CartTitle)}</h1>
            {move || {
                action
                    .value()
                    .get()
                    .and_then(|r| r.err())
                    .map(|e| view! { <ErrorBanner error=e /> })
            }}
            <Transition fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match cart.await {
                        Ok(c) if c.groups.is_empty() => {
                            view! {
                                <div
                                    class="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
                                    data-testid="cart-empty"
                                >
                                    <p class="text-slate-700">{t(K::CartEmpty)}</p>
                                    <a
                                        href="/"
                                        class="mt-4 inline-block rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                                    >
                                        {t(K::ContinueShopping)}
                                    </a>
                                </div>
                            }
                                .into_any()
                        }
                        Ok(c) => {
                            view! {
                                <p class="text-sm text-slate-600">{t(K::CartNote)}</p>
                                {c
                                    .groups
                                    .into_iter()
                                    .map(|g| view! { <ShopGroup group=g action=action /> })
                                    .collect_view()}
                                <div class="flex justify-end">
                                    <a
                                        href="/checkout"
                                        class="rounded-lg bg-teal-700 px-6 py-3 font-semibold text-white hover:bg-teal-800 focus:outline-none focus:ring-2 focus:ring-teal-600 focus:ring-offset-2"
                                        data-testid="go-checkout"
                                    >
                                        {t(K::ProceedToCheckout)}
                                    </a>
                                </div>
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
