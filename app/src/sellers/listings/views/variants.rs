//! The editor's variants: the listing's variants and the form that adds one.

use domain::{Currency, Money};
use leptos::prelude::*;

use super::{listing_status_key, status_class};
use crate::error::AppError;
use crate::i18n::{field_error_key, t, K};
use crate::sellers::listings::{AddVariant, ListingEditor};
use crate::ui::{navigate_full, on_success, ErrorBanner};

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub(super) fn Variants(ed: ListingEditor) -> impl IntoView {
    let action = ServerAction::<AddVariant>::new();
    let id = ed.id.clone().unwrap_or_default();
    on_success(action.value(), move |v| {
        navigate_full(&format!("/seller/listings/{v}?saved=1"))
    });
    let err: Signal<Option<AppError>> =
        Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let first = ed.options.is_empty();
    let axes: Vec<(String, String)> = if first {
        vec![
            ("Size".into(), "尺寸".into()),
            (String::new(), String::new()),
        ]
    } else {
        ed.options
            .iter()
            .map(|(a, b, _, _)| (a.clone(), b.clone()))
            .collect()
    };
    let small = "w-full rounded border border-slate-300 px-2 py-1 text-sm";
    let c = Currency::parse(&ed.currency).unwrap_or_default();
    view! {
        <section
            id="variants"
            class="space-y-3 rounded-2xl border border-slate-200 bg-white p-6"
            data-testid="variants"
        >
            <h2 class="text-lg font-semibold">{t(K::Variants)}</h2>
            <p class="text-sm text-slate-600">{t(K::VariantsIntro)}</p>
            {(!ed.variants.is_empty())
                .then(|| {
                    view! {
                        <ul class="divide-y divide-slate-100 text-sm" data-testid="variant-list">
                            {ed
                                .variants
                                .iter()
                                .map(|v| {
                                    view! {
                                        <li class="flex flex-wrap items-center justify-between gap-2 py-1.5">
                                            <a
                                                href=format!("/seller/listings/{}", v.id)
                                                class="font-medium text-teal-800 underline"
                                            >
                                                {v.label.clone()}
                                            </a>
                                            <span class="text-slate-600">
                                                {v.sku.clone()} " · "
                                                {Money::new(v.price_minor, c).format()} " · "
                                                {t(K::StockOnHand)} " " {v.on_hand}
                                            </span>
                                            <span class=status_class(
                                                &v.status,
                                            )>{t(listing_status_key(&v.status))}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            <ActionForm
                action=action
                attr:class="space-y-2"
                attr:novalidate=true
                attr:id="variant-form"
            >
                <input type="hidden" name="id" value=id />
                <table class="w-full text-sm">
                    <thead class="text-left text-slate-600">
                        <tr>
                            <th scope="col" class="py-1 pr-2 font-medium">
                                {t(K::OptionName)}
                            </th>
                            {first
                                .then(|| {
                                    view! {
                                        <th scope="col" class="py-1 pr-2 font-medium">
                                            {t(K::ThisListingValue)}
                                        </th>
                                    }
                                })}
                            <th scope="col" class="py-1 font-medium">
                                {t(K::NewVariantValue)}
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {axes
                            .into_iter()
                            .enumerate()
                            .map(|(i, (en, zh))| {
                                let n = i + 1;
                                view! {
                                    <tr>
                                        <td class="space-y-1 py-1 pr-2">
                                            {if first {
                                                view! {
                                                    <input
                                                        name=format!("axis{n}_en")
                                                        value=en
                                                        class=small
                                                        aria-label=format!("{} {n} (EN)", t(K::OptionName))
                                                        placeholder="EN"
                                                    />
                                                    <input
                                                        name=format!("axis{n}_zh")
                                                        value=zh
                                                        class=small
                                                        aria-label=format!("{} {n} (中文)", t(K::OptionName))
                                                        placeholder="中文"
                                                    />
                                                }
                                                    .into_any()
                                            } else {
                                                view! { <span>{en} " · " {zh}</span> }.into_any()
                                            }}
                                        </td>
                                        {first
                                            .then(|| {
                                                view! {
                                                    <td class="space-y-1 py-1 pr-2">
                                                        <input
                                                            name=format!("own{n}_en")
                                                            class=small
                                                            aria-label=format!("{} {n} (EN)", t(K::ThisListingValue))
                                                            placeholder="EN"
                                                        />
                                                        <input
                                                            name=format!("own{n}_zh")
                                                            class=small
                                                            aria-label=format!(
                                                                "{} {n} (中文)",
                                                                t(K::ThisListingValue),
                                                            )
                                                            placeholder="中文"
                                                        />
                                                    </td>
                                                }
                                            })}
                                        <td class="space-y-1 py-1">
                                            <input
                                                name=format!("value{n}_en")
                                                class=small
                                                aria-label=format!("{} {n} (EN)", t(K::NewVariantValue))
                                                placeholder="EN"
                                            />
                                            <input
                                                name=format!("value{n}_zh")
                                                class=small
                                                aria-label=format!("{} {n} (中文)", t(K::NewVariantValue))
                                                placeholder="中文"
                                            />
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                <div class="grid grid-cols-3 gap-2">
                    <input name="sku" class=small aria-label=t(K::Sku) placeholder=t(K::Sku) />
                    <input
                        name="price"
                        class=small
                        aria-label=t(K::PriceLabel)
                        placeholder=format!("{} ({})", t(K::PriceLabel), ed.currency)
                    />
                    <input
                        name="stock"
                        class=small
                        aria-label=t(K::StockOnHand)
                        placeholder=t(K::StockOnHand)
                    />
                </div>
                {move || {
                    err.get()
                        .map(|e| match e {
                            AppError::Invalid(errs) => {
                                errs.into_iter()
                                    .map(|e| {
                                        view! {
                                            <p
                                                role="alert"
                                                class="text-sm text-red-700"
                                                data-variant-error=e.field.clone()
                                            >
                                                {variant_field_label(&e.field)}
                                                ": "
                                                {t(field_error_key(e.code))}
                                            </p>
                                        }
                                    })
                                    .collect_view()
                                    .into_any()
                            }
                            e => view! { <ErrorBanner error=e /> }.into_any(),
                        })
                }}
                <button
                    type="submit"
                    class="rounded-lg border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-100"
                    data-testid="add-variant"
                >
                    {t(K::AddVariant)}
                </button>
            </ActionForm>
        </section>
    }
}

fn variant_field_label(field: &str) -> &'static str {
    match field {
        "axis" => t(K::OptionName),
        "own" => t(K::ThisListingValue),
        "value" => t(K::NewVariantValue),
        "variant_price" => t(K::PriceLabel),
        "variant_stock" => t(K::StockOnHand),
        "variant_sku" => t(K::Sku),
        _ => t(K::Variants),
    }
}
