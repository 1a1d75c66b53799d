//! `/seller/listings`: the shop's listings, their bulk edit, the sold-out setting and
//! the CSV tools.

use domain::{Currency, Money};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{listing_status_key, status_class};
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::sellers::bulk::BulkUpdate;
use crate::sellers::listings::{get_seller_listings, ListingSummary, SetSoldOutDisplay};
use crate::sellers::price;
use crate::sellers::views::SellerNav;
use crate::shell::GateError;
use crate::ui::{navigate_full, on_success, EmptyState, ErrorBanner, LoadingBlock};

#[component]
fn ListingRows(items: Vec<ListingSummary>) -> impl IntoView {
    view! {
        <ul
            class="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white"
            data-testid="listing-rows"
        >
            {items
                .into_iter()
                .map(|l| {
                    view! {
                        <li class="flex items-center gap-3 p-3">
                            <img
                                src=l.image.clone()
                                alt=""
                                width="56"
                                height="56"
                                class="h-14 w-14 rounded-lg object-cover bg-slate-100"
                                loading="lazy"
                            />
                            <div class="min-w-0 grow">
                                <a
                                    href=format!("/seller/listings/{}", l.id)
                                    class="block truncate font-medium text-slate-900 hover:underline"
                                >
                                    {l.title.clone()}
                                </a>
                                <p class="text-sm text-slate-600">
                                    {price(l.price_minor, &l.currency)} " · " {t(K::InStockCount)}
                                    " " {l.on_hand - l.reserved}
                                    {l
                                        .low
                                        .then(|| {
                                            view! {
                                                <span class="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">
                                                    {t(K::LowStockListings)}
                                                </span>
                                            }
                                        })}
                                </p>
                            </div>
                            <span class=status_class(&l.status) data-testid="listing-status">
                                {t(listing_status_key(&l.status))}
                            </span>
                            {(!l.locks.is_empty())
                                .then(|| {
                                    view! {
                                        <span
                                            class="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900"
                                            data-testid="listing-locked-badge"
                                        >
                                            {t(K::LockedBadge)}
                                        </span>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Prices and stock of the listed rows, edited together.
#[component]
fn BulkEdit(items: Vec<ListingSummary>) -> impl IntoView {
    let action = ServerAction::<BulkUpdate>::new();
    on_success(action.value(), move |_| {
        navigate_full("/seller/listings?updated=1")
    });
    let err: Signal<Option<AppError>> =
        Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <ActionForm action=action attr:class="space-y-3" attr:novalidate=true attr:id="bulk-form">
            {move || err.get().map(|e| view! { <ErrorBanner error=e /> })}
            <div class="overflow-x-auto rounded-xl border border-slate-200 bg-white">
                <table
                    class="min-w-full divide-y divide-slate-200 text-sm"
                    data-testid="bulk-table"
                >
                    <thead class="bg-slate-50 text-left text-slate-600">
                        <tr>
                            <th scope="col" class="px-3 py-2 font-medium">
                                {t(K::Listings)}
                            </th>
                            <th scope="col" class="px-3 py-2 font-medium">
                                {t(K::PriceLabel)}
                            </th>
                            <th scope="col" class="px-3 py-2 font-medium">
                                {t(K::StockOnHand)}
                            </th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-100">
                        {items
                            .into_iter()
                            .enumerate()
                            .map(|(i, l)| {
                                let c = Currency::parse(&l.currency).unwrap_or_default();
                                let price_name = format!("price[{i}]");
                                let stock_name = format!("stock[{i}]");
                                let pe = price_name.clone();
                                let se = stock_name.clone();
                                let bad = move |f: &str| {
                                    err.get().and_then(|e| e.field(f)).is_some()
                                };
                                let pe2 = pe.clone();
                                let se2 = se.clone();
                                view! {
                                    <tr>
                                        <td class="max-w-xs truncate px-3 py-2">
                                            <input
                                                type="hidden"
                                                name=format!("id[{i}]")
                                                value=l.id.clone()
                                            />
                                            {l.title.clone()}
                                        </td>
                                        <td class="px-3 py-2">
                                            <input
                                                name=price_name
                                                aria-label=format!("{} {}", t(K::PriceLabel), l.title)
                                                value=Money::new(l.price_minor, c).decimal_string()
                                                inputmode="decimal"
                                                class="w-28 rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600"
                                                aria-invalid=move || if bad(&pe) { "true" } else { "false" }
                                            />
                                            {move || {
                                                bad(&pe2)
                                                    .then(|| {
                                                        view! {
                                                            <p class="text-xs text-red-700">{t(K::ErrInvalidPrice)}</p>
                                                        }
                                                    })
                                            }}
                                        </td>
                                        <td class="px-3 py-2">
                                            <input
                                                name=stock_name
                                                aria-label=format!("{} {}", t(K::StockOnHand), l.title)
                                                value=l.on_hand.to_string()
                                                inputmode="numeric"
                                                class="w-24 rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600"
                                                aria-invalid=move || if bad(&se) { "true" } else { "false" }
                                            />
                                            {move || {
                                                bad(&se2)
                                                    .then(|| {
                                                        view! {
                                                            <p class="text-xs text-red-700">
                                                                {t(K::ErrStockBelowReserved)}
                                                            </p>
                                                        }
                                                    })
                                            }}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <button
                type="submit"
                class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                data-testid="bulk-save"
            >
                {t(K::SaveChanges)}
            </button>
        </ActionForm>
    }
}

/// Whether sold-out listings stay listed (marked) or leave the storefront.
#[component]
fn SoldOutSetting(mode: String) -> impl IntoView {
    let action = ServerAction::<SetSoldOutDisplay>::new();
    on_success(action.value(), move |_| navigate_full("/seller/listings"));
    view! {
        <ActionForm
            action=action
            attr:class="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 text-sm"
            attr:data-testid="sold-out-setting"
        >
            <span class="font-medium">{t(K::SoldOutSetting)}</span>
            <label class="flex items-center gap-1">
                <input type="radio" name="mode" value="mark" checked=mode != "hide" />
                {t(K::SoldOutMark)}
            </label>
            <label class="flex items-center gap-1">
                <input type="radio" name="mode" value="hide" checked=mode == "hide" />
                {t(K::SoldOutHide)}
            </label>
            <button
                type="submit"
                class="rounded-lg border border-slate-300 px-3 py-1 font-medium hover:bg-slate-100"
            >
                {t(K::SaveChanges)}
            </button>
        </ActionForm>
    }
}

/// CSV export and import.
#[component]
fn CsvTools() -> impl IntoView {
    view! {
        <details class="rounded-xl border border-slate-200 bg-white p-4" data-testid="csv-tools">
            <summary class="cursor-pointer font-semibold">{t(K::CsvTools)}</summary>
            <div class="mt-3 space-y-3 text-sm">
                <a
                    href="/seller/listings/export.csv"
                    rel="external"
                    class="inline-block rounded-lg border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-100"
                    data-testid="csv-export"
                >
                    {t(K::CsvExport)}
                </a>
                <form
                    method="post"
                    action="/seller/listing-import"
                    enctype="multipart/form-data"
                    class="space-y-2"
                    data-testid="csv-import"
                >
                    <label for="csv-file" class="block font-medium">
                        {t(K::CsvImport)}
                    </label>
                    <input
                        id="csv-file"
                        type="file"
                        name="file"
                        accept=".csv,text/csv"
                        required
                        class="text-sm"
                    />
                    <fieldset class="space-y-1">
                        <legend class="font-medium">{t(K::CsvMode)}</legend>
                        <label class="flex items-start gap-2">
                            <input type="radio" name="mode" value="all" checked />
                            <span>{t(K::CsvModeAll)}</span>
                        </label>
                        <label class="flex items-start gap-2">
                            <input type="radio" name="mode" value="valid" />
                            <span>{t(K::CsvModeValid)}</span>
                        </label>
                    </fieldset>
                    <p class="text-slate-600">
                        {t(K::CsvColumns)} " "
                        <code class="text-xs">{domain::listing_csv::COLUMNS.join(",")}</code>
                    </p>
                    <button
                        type="submit"
                        class="rounded-lg bg-teal-700 px-3 py-1.5 font-semibold text-white hover:bg-teal-800"
                    >
                        {t(K::Upload)}
                    </button>
                </form>
            </div>
        </details>
    }
}

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub fn SellerListingsPage() -> impl IntoView {
    let query = use_query_map();
    let status = move || query.read().get("status").unwrap_or_default();
    let editing = move || query.read().get("edit").is_some();
    let updated = move || query.read().get("updated").is_some();
    let import_error = move || query.read().get("import_error");
    let data = Resource::new(status, get_seller_listings);
    view! {
        <Title text=format!("{} · {}", t(K::Listings), t(K::SellerCentre)) />
        <section class="space-y-5">
            <header class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold text-slate-900">{t(K::Listings)}</h1>
                <a
                    href="/seller/listings/new"
                    class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                    data-testid="new-listing"
                >
                    {t(K::NewListing)}
                </a>
            </header>
            <SellerNav current="/seller/listings" />
            {move || {
                updated()
                    .then(|| {
                        view! {
                            <p
                                role="status"
                                class="rounded-lg bg-emerald-50 px-4 py-2 text-sm text-emerald-800"
                                data-testid="bulk-saved"
                            >
                                {t(K::ListingSaved)}
                            </p>
                        }
                    })
            }}
            {move || {
                import_error()
                    .map(|c| {
                        view! {
                            <div
                                role="alert"
                                class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
                                data-testid="import-error"
                            >
                                {t(csv_error_key(&c))}
                            </div>
                        }
                    })
            }}
            <CsvTools />
            <nav class="flex flex-wrap gap-2 text-sm" aria-label=t(K::Filter)>
                {["", "active", "draft", "scheduled", "held", "sold_out", "delisted"]
                    .into_iter()
                    .map(|s| {
                        let href = if s.is_empty() {
                            "/seller/listings".to_string()
                        } else {
                            format!("/seller/listings?status={s}")
                        };
                        let label = if s.is_empty() {
                            t(K::AppFilterAll)
                        } else {
                            t(listing_status_key(s))
                        };
                        view! {
                            <a
                                href=href
                                class="rounded-full border border-slate-300 px-3 py-1 hover:bg-slate-100"
                            >
                                {label}
                            </a>
                        }
                    })
                    .collect_view()}
                <a
                    href="/seller/listings?edit=1"
                    class="ml-auto rounded-full border border-teal-700 px-3 py-1 font-medium text-teal-800 hover:bg-teal-50"
                    data-testid="bulk-edit"
                >
                    {t(K::BulkEdit)}
                </a>
            </nav>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(l) if l.items.is_empty() => {
                            view! { <EmptyState message=K::NoListings /> }.into_any()
                        }
                        Ok(l) if editing() => view! { <BulkEdit items=l.items /> }.into_any(),
                        Ok(l) => {
                            view! {
                                <SoldOutSetting mode=l.sold_out_display.clone() />
                                <ListingRows items=l.items />
                            }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/seller/listings" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn csv_error_key(code: &str) -> K {
    match code {
        "FileTooLarge" => K::ErrCsvTooLarge,
        "TooMany" => K::ErrCsvTooManyRows,
        "Required" => K::ErrRequired,
        "Forbidden" => K::ErrForbidden,
        _ => K::ErrCsvHeader,
    }
}
