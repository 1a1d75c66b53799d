//! The seller centre's listing pages: the shop's listings, and the editor (fields,
//! photos, publishing).

use domain::listing::{Condition, MAX_LISTING_IMAGES};
use domain::{Currency, Lang, Money};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::bulk::{get_import_status, BulkUpdate};
use super::listings::{
    get_listing_editor, get_seller_listings, ActionDone, AddVariant, ArrangePhoto, ListingAction,
    ListingEditor, ListingSummary, SaveListing, SetSoldOutDisplay,
};
use crate::error::AppError;
use crate::i18n::{field_error_key, t, use_lang, K};
use crate::moderation::reason_text;
use crate::shell::GateError;
use crate::ui::{navigate_full, on_success, EmptyState, ErrorBanner, LoadingBlock};

/// Links between the seller centre's pages.
#[component]
pub fn SellerNav(current: &'static str) -> impl IntoView {
    let link = move |href: &'static str, key: K| {
        let here = href == current;
        view! {
            <a
                href=href
                aria-current=here.then_some("page")
                class=if here {
                    "rounded-lg bg-teal-700 px-3 py-1.5 font-semibold text-white"
                } else {
                    "rounded-lg px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100"
                }
            >
                {t(key)}
            </a>
        }
    };
    view! {
        <nav
            class="flex flex-wrap gap-2 text-sm"
            aria-label=t(K::SellerCentre)
            data-testid="seller-nav"
        >
            {link("/seller", K::Overview)}
            {link("/seller/listings", K::Listings)}
            {link("/seller/orders", K::SellerOrders)}
            {link("/seller/money", K::Money)}
            {link("/seller/reviews", K::SellerReviewsNav)}
            {link("/seller/shipping", K::SellerShippingNav)}
            {link("/seller/sharing", K::RfSellerNav)}
            {link("/seller/notices", K::SellerNotices)}
        </nav>
    }
}

pub fn listing_status_key(s: &str) -> K {
    match s {
        "draft" => K::LsDraft,
        "scheduled" => K::LsScheduled,
        "active" => K::LsActive,
        "held" => K::LsHeld,
        "delisted" => K::LsDelisted,
        "sold_out" => K::LsSoldOut,
        _ => K::LsPendingReview,
    }
}

fn status_class(s: &str) -> &'static str {
    match s {
        "active" => {
            "rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800"
        }
        "held" => "rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800",
        "scheduled" => "rounded-full bg-sky-100 px-2 py-0.5 text-xs font-semibold text-sky-900",
        _ => "rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-700",
    }
}

/// An amount in the currency with this code, formatted (`NT$1,280`).
pub fn price(minor: i64, currency: &str) -> String {
    Money::new(minor, Currency::parse(currency).unwrap_or_default()).format()
}

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

const INPUT: &str = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600 aria-[invalid=true]:border-red-600";

#[component]
fn Input(
    label: K,
    name: &'static str,
    value: String,
    err: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<K>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] suffix: Option<String>,
) -> impl IntoView {
    let id = format!("listing-{name}");
    let msg = format!("{id}-msg");
    let error = move || err.get().and_then(|e| e.field(name));
    let invalid = move || if error().is_some() { "true" } else { "false" };
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                name=name
                rows="4"
                class=INPUT
                aria-invalid=invalid
                aria-describedby=msg.clone()
            >
                {value}
            </textarea>
        }
        .into_any()
    } else {
        view! {
            <div class="flex items-center gap-2">
                <input
                    id=id.clone()
                    name=name
                    type=kind
                    value=value
                    class=INPUT
                    aria-invalid=invalid
                    aria-describedby=msg.clone()
                    step=if kind == "number" { Some("1") } else { None }
                />
                {suffix.map(|s| view! { <span class="text-sm text-slate-600">{s}</span> })}
            </div>
        }
        .into_any()
    };
    view! {
        <div class="space-y-1">
            <label for=id class="block text-sm font-medium text-slate-800">
                {t(label)}
            </label>
            {control}
            <p id=msg class="min-h-5 text-sm" data-field-error=name>
                {move || match error() {
                    Some(code) => {
                        view! { <span class="text-red-700">{t(field_error_key(code))}</span> }
                            .into_any()
                    }
                    None => {
                        view! { <span class="text-slate-500">{hint.map(t).unwrap_or("")}</span> }
                            .into_any()
                    }
                }}
            </p>
        </div>
    }
}

#[component]
fn EditorForm(ed: ListingEditor) -> impl IntoView {
    let action = ServerAction::<SaveListing>::new();
    on_success(action.value(), move |id| {
        navigate_full(&format!("/seller/listings/{id}?saved=1"))
    });
    let err: Signal<Option<AppError>> =
        Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let lang = use_lang();
    let f = ed.form.clone();
    let cat = f.category.clone();
    let cond = f.condition.clone();
    let cat_err = move || err.get().and_then(|e| e.field("category"));
    view! {
        <ActionForm
            action=action
            attr:class="space-y-2 rounded-2xl border border-slate-200 bg-white p-6"
            attr:novalidate=true
            attr:id="listing-form"
        >
            <input type="hidden" name="id" value=ed.id.clone().unwrap_or_default() />
            <input type="hidden" name="currency" value=ed.currency.clone() />
            <div class="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
                <Input label=K::TitleEn name="title_en" value=f.title_en err=err />
                <Input label=K::TitleZh name="title_zh" value=f.title_zh err=err />
                <Input
                    label=K::DescriptionEn
                    name="description_en"
                    value=f.description_en
                    err=err
                    multiline=true
                />
                <Input
                    label=K::DescriptionZh
                    name="description_zh"
                    value=f.description_zh
                    err=err
                    multiline=true
                />
                <div class="space-y-1">
                    <label for="listing-category" class="block text-sm font-medium text-slate-800">
                        {t(K::Category)}
                    </label>
                    <select
                        id="listing-category"
                        name="category"
                        class=INPUT
                        aria-invalid=move || if cat_err().is_some() { "true" } else { "false" }
                    >
                        <option value="">{t(K::ChooseOne)}</option>
                        {ed
                            .categories
                            .iter()
                            .map(|(slug, en, zh)| {
                                let sel = *slug == cat;
                                view! {
                                    <option value=slug.clone() selected=sel>
                                        {if lang == Lang::En { en.clone() } else { zh.clone() }}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <p class="min-h-5 text-sm text-red-700" data-field-error="category">
                        {move || cat_err().map(|c| t(field_error_key(c)))}
                    </p>
                </div>
                <div class="space-y-1">
                    <label for="listing-condition" class="block text-sm font-medium text-slate-800">
                        {t(K::Condition)}
                    </label>
                    <select id="listing-condition" name="condition" class=INPUT>
                        {Condition::ALL
                            .into_iter()
                            .map(|c| {
                                let sel = c.as_str() == cond;
                                let label = match c {
                                    Condition::New => t(K::CondNew),
                                    Condition::Used => t(K::CondUsed),
                                    Condition::Refurbished => t(K::CondRefurbished),
                                };
                                view! {
                                    <option value=c.as_str() selected=sel>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <Input label=K::BrandLabel name="brand" value=f.brand err=err />
                <Input label=K::Sku name="sku" value=f.sku err=err />
                <Input
                    label=K::PriceLabel
                    name="price"
                    value=f.price
                    err=err
                    suffix=ed.currency.clone()
                    hint=K::PriceHint
                />
                <Input
                    label=K::CompareAt
                    name="compare_at"
                    value=f.compare_at
                    err=err
                    suffix=ed.currency.clone()
                />
                <Input label=K::StockOnHand name="stock" value=f.stock err=err kind="number" />
                <Input
                    label=K::LowStockThreshold
                    name="low_stock"
                    value=f.low_stock
                    err=err
                    kind="number"
                />
                <Input
                    label=K::WeightG
                    name="weight_g"
                    value=f.weight_g
                    err=err
                    kind="number"
                    suffix="g".to_string()
                />
                <div></div>
                <Input
                    label=K::PublishAt
                    name="publish_at"
                    value=f.publish_at
                    err=err
                    kind="datetime-local"
                    hint=K::UtcHint
                />
                <Input
                    label=K::DelistAt
                    name="delist_at"
                    value=f.delist_at
                    err=err
                    kind="datetime-local"
                    hint=K::UtcHint
                />
            </div>
            {move || err.get().map(|e| view! { <ErrorBanner error=e /> })}
            {move || {
                err.get()
                    .and_then(|e| e.field("currency"))
                    .map(|c| {
                        view! {
                            <p role="alert" class="text-sm text-red-700">
                                {t(field_error_key(c))}
                            </p>
                        }
                    })
            }}
            <button
                type="submit"
                class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800 disabled:opacity-60"
                disabled=move || action.pending().get()
                data-testid="save-listing"
            >
                {t(K::SaveListing)}
            </button>
        </ActionForm>
    }
}

#[component]
fn Photos(ed: ListingEditor) -> impl IntoView {
    let id = ed.id.clone().unwrap_or_default();
    let query = use_query_map();
    let photo_error = move || query.read().get("photo_error");
    let arrange = ServerAction::<ArrangePhoto>::new();
    // the same address (only the fragment differs): load it again
    on_success(arrange.value(), move |_| crate::ui::reload_page());
    let n = ed.photos.len();
    let full = n >= MAX_LISTING_IMAGES;
    // files dropped anywhere on the zone go into the file input (a plain input takes
    // drops only on itself); without wasm the input still works as a file chooser
    let file_input = NodeRef::<leptos::html::Input>::new();
    let dragging = RwSignal::new(false);
    view! {
        <section id="photos" class="space-y-3 rounded-2xl border border-slate-200 bg-white p-6">
            <h2 class="text-lg font-semibold">
                {t(K::ListingPhotos)} " (" {n} "/" {MAX_LISTING_IMAGES} ")"
            </h2>
            {move || {
                photo_error()
                    .map(|c| {
                        view! {
                            <div
                                role="alert"
                                class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
                                data-testid="photo-error"
                            >
                                {t(photo_error_key(&c))}
                            </div>
                        }
                    })
            }}
            <ol class="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="photo-list">
                {ed
                    .photos
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let id = id.clone();
                        let btn = "rounded border border-slate-300 bg-white px-2 py-0.5 text-sm hover:bg-slate-100";
                        let form = move |
                            op: &'static str,
                            label: &'static str,
                            aria: K,
                            disabled: bool|
                        {
                            let id = id.clone();
                            let photo = p.id.clone();
                            view! {
                                <ActionForm action=arrange attr:class="contents">
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="photo" value=photo />
                                    <input type="hidden" name="op" value=op />
                                    <button
                                        type="submit"
                                        class=btn
                                        aria-label=t(aria)
                                        disabled=disabled
                                    >
                                        {label}
                                    </button>
                                </ActionForm>
                            }
                        };
                        view! {
                            <li class="space-y-1">
                                <img
                                    src=p.thumb.clone()
                                    alt=format!("{} {}", t(K::Photo), i + 1)
                                    class="aspect-square w-full rounded-lg border border-slate-200 object-cover"
                                />
                                <div class="flex items-center justify-between gap-1">
                                    <span class="text-xs text-slate-500">
                                        {if i == 0 {
                                            t(K::MainPhoto).to_string()
                                        } else {
                                            format!("#{}", i + 1)
                                        }}
                                    </span>
                                    <span class="flex gap-1">
                                        {form("up", "←", K::MoveEarlier, i == 0)}
                                        {form("down", "→", K::MoveLater, i + 1 == n)}
                                        {form("remove", "✕", K::Remove, false)}
                                    </span>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {(!full)
                .then(|| {
                    view! {
                        <form
                            method="post"
                            action=format!(
                                "/seller/listings/{}/photos",
                                ed.id.clone().unwrap_or_default(),
                            )
                            enctype="multipart/form-data"
                            class="space-y-2"
                            data-testid="photo-upload"
                        >
                            <label
                                for="photo-files"
                                class=move || {
                                    if dragging.get() {
                                        "block rounded-xl border-2 border-dashed border-teal-600 bg-teal-50 p-6 text-center text-sm text-slate-700"
                                    } else {
                                        "block rounded-xl border-2 border-dashed border-slate-300 bg-slate-50 p-6 text-center text-sm text-slate-600 hover:border-teal-600"
                                    }
                                }
                                on:dragover=move |ev| {
                                    ev.prevent_default();
                                    dragging.set(true);
                                }
                                on:dragleave=move |_| dragging.set(false)
                                on:drop=move |ev| {
                                    ev.prevent_default();
                                    dragging.set(false);
                                    #[cfg(feature = "hydrate")]
                                    if let (Some(files), Some(input)) = (
                                        ev.data_transfer().and_then(|d| d.files()),
                                        file_input.get(),
                                    ) {
                                        input.set_files(Some(&files));
                                    }
                                }
                            >
                                <span class="block font-medium text-slate-800">
                                    {t(K::DropPhotos)}
                                </span>
                                <span class="block">{t(K::PhotoRules)}</span>
                                <input
                                    id="photo-files"
                                    node_ref=file_input
                                    type="file"
                                    name="photos"
                                    multiple
                                    accept="image/jpeg,image/png,image/webp"
                                    class="mt-3 text-sm"
                                />
                            </label>
                            <button
                                type="submit"
                                class="rounded-lg border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-100"
                                data-testid="upload-photos"
                            >
                                {t(K::UploadPhotos)}
                            </button>
                        </form>
                    }
                })}
        </section>
    }
}

fn photo_error_key(code: &str) -> K {
    match code {
        "FileTooLarge" => K::ErrFileTooLarge,
        "NotAnImage" => K::ErrNotAnImage,
        "TooMany" => K::ErrTooManyListingPhotos,
        "Required" => K::ErrRequired,
        "Forbidden" => K::ErrForbidden,
        _ => K::ErrInternal,
    }
}

#[component]
fn Publishing(ed: ListingEditor) -> impl IntoView {
    let action = ServerAction::<ListingAction>::new();
    let id = ed.id.clone().unwrap_or_default();
    let id2 = id.clone();
    on_success(action.value(), move |done| match done {
        ActionDone::Duplicated(copy) => navigate_full(&format!("/seller/listings/{copy}")),
        ActionDone::Status(_) => navigate_full(&format!("/seller/listings/{id2}")),
    });
    let err = move || action.value().get().and_then(|r| r.err());
    let live = ed.status == "active";
    let button = |op: &'static str, label: K, primary: bool| {
        let id = id.clone();
        view! {
            <ActionForm action=action attr:class="contents">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="op" value=op />
                <button
                    type="submit"
                    data-testid=format!("listing-{op}")
                    class=if primary {
                        "rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                    } else {
                        "rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
                    }
                >
                    {t(label)}
                </button>
            </ActionForm>
        }
    };
    view! {
        <section class="space-y-3 rounded-2xl border border-slate-200 bg-white p-6">
            <div class="flex flex-wrap items-center gap-3">
                <h2 class="text-lg font-semibold">{t(K::Publishing)}</h2>
                <span class=status_class(&ed.status) data-testid="editor-status">
                    {t(listing_status_key(&ed.status))}
                </span>
                {ed
                    .public_url
                    .clone()
                    .filter(|_| live)
                    .map(|u| {
                        view! {
                            <a
                                href=u
                                class="text-sm font-medium text-teal-800 underline"
                                data-testid="view-live"
                            >
                                {t(K::ViewInShop)}
                            </a>
                        }
                    })}
            </div>
            <p class="text-sm text-slate-600">{t(K::ScreeningIntro)}</p>
            {ed
                .screening
                .clone()
                .map(|s| {
                    view! {
                        <div
                            class="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm"
                            data-testid="screening"
                        >
                            <p>{t(K::RiskScore)} ": " <strong>{s.score}</strong> " / 100"</p>
                            {(!s.reasons.is_empty())
                                .then(|| {
                                    view! {
                                        <ul class="mt-1 list-disc pl-5 text-slate-700">
                                            {s
                                                .reasons
                                                .into_iter()
                                                .map(|r| view! { <li>{reason_text(&r)}</li> })
                                                .collect_view()}
                                        </ul>
                                    }
                                })}
                        </div>
                    }
                })}
            {move || {
                err()
                    .map(|e| match e.field("photos") {
                        Some(_) => {
                            view! {
                                <p role="alert" class="text-sm text-red-700">
                                    {t(K::ErrPhotoNeeded)}
                                </p>
                            }
                                .into_any()
                        }
                        None => view! { <ErrorBanner error=e /> }.into_any(),
                    })
            }}
            <div class="flex flex-wrap gap-2">
                {(!live).then(|| button("publish", K::Publish, true))}
                {(ed.status != "draft" && ed.status != "delisted")
                    .then(|| button("delist", K::Delist, false))}
                {button("duplicate", K::Duplicate, false)}
            </div>
        </section>
    }
}

#[component]
fn Variants(ed: ListingEditor) -> impl IntoView {
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

#[component]
fn StockHistory(moves: Vec<super::listings::StockMove>) -> impl IntoView {
    view! {
        <section
            class="space-y-2 rounded-2xl border border-slate-200 bg-white p-6"
            data-testid="stock-history"
        >
            <h2 class="text-lg font-semibold">{t(K::StockHistory)}</h2>
            <ul class="divide-y divide-slate-100 text-sm">
                {moves
                    .into_iter()
                    .map(|m| {
                        view! {
                            <li class="flex flex-wrap justify-between gap-2 py-1.5">
                                <span class="text-slate-500">
                                    {crate::moderation::views::utc_datetime(m.at)}
                                </span>
                                <span>
                                    {stock_reason(&m.reason)} {m.who.map(|w| format!(" · {w}"))}
                                </span>
                                <span class="font-medium">
                                    {if m.delta > 0 {
                                        format!("+{}", m.delta)
                                    } else {
                                        m.delta.to_string()
                                    }} " → " {m.on_hand}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

fn stock_reason(reason: &str) -> &'static str {
    t(match reason {
        "created" => K::StockCreated,
        "import" => K::StockImport,
        "bulk" => K::StockBulk,
        _ => K::StockEdited,
    })
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

#[component]
pub fn ListingEditorPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new(id, get_listing_editor);
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    view! {
        <Title text=format!("{} · {}", t(K::EditListing), t(K::SellerCentre)) />
        <section class="space-y-5">
            <header class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold text-slate-900">
                    {move || if id() == "new" { t(K::NewListing) } else { t(K::EditListing) }}
                </h1>
                <a href="/seller/listings" class="text-sm text-teal-800 underline">
                    "← "
                    {t(K::Listings)}
                </a>
            </header>
            <SellerNav current="/seller/listings" />
            {move || {
                saved()
                    .then(|| {
                        view! {
                            <p
                                role="status"
                                class="rounded-lg bg-emerald-50 px-4 py-2 text-sm text-emerald-800"
                                data-testid="saved"
                            >
                                {t(K::ListingSaved)}
                            </p>
                        }
                    })
            }}
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(ed) => {
                            let saved = ed.id.is_some();
                            view! {
                                {ed
                                    .variant_of
                                    .clone()
                                    .map(|p| {
                                        view! {
                                            <p
                                                class="rounded-lg bg-sky-50 px-4 py-2 text-sm text-sky-900"
                                                data-testid="variant-of"
                                            >
                                                {t(K::VariantOf)}
                                                " "
                                                <a
                                                    href=format!("/seller/listings/{p}")
                                                    class="font-medium underline"
                                                >
                                                    {t(K::TheListing)}
                                                </a>
                                            </p>
                                        }
                                    })}
                                {saved
                                    .then(|| {
                                        view! {
                                            <Publishing ed=ed.clone() />
                                            <Photos ed=ed.clone() />
                                        }
                                    })}
                                {(saved && ed.variant_of.is_none())
                                    .then(|| view! { <Variants ed=ed.clone() /> })}
                                {(!ed.stock_history.is_empty())
                                    .then(|| {
                                        view! { <StockHistory moves=ed.stock_history.clone() /> }
                                    })}
                                {(!saved)
                                    .then(|| {
                                        view! {
                                            <p class="text-sm text-slate-600">
                                                {t(K::PhotosAfterSave)}
                                            </p>
                                        }
                                    })}
                                <EditorForm ed />
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

/// `/seller/imports/:id`: an import's progress (refreshing itself while it runs,
/// with or without wasm) and its per-row error report.
#[component]
pub fn ImportStatusPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new(id, get_import_status);
    view! {
        <Title text=format!("{} · {}", t(K::CsvImport), t(K::SellerCentre)) />
        <section class="space-y-5">
            <h1 class="text-2xl font-bold text-slate-900">{t(K::CsvImport)}</h1>
            <SellerNav current="/seller/listings" />
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(s) => {
                            let running = s.status == "running";
                            let pct = if s.total > 0 { s.done * 100 / s.total.max(1) } else { 100 };
                            let headline = match s.status.as_str() {
                                "running" => t(K::ImportRunning),
                                "refused" => t(K::ImportRefused),
                                _ => t(K::ImportDone),
                            };
                            view! {
                                {running
                                    .then(|| {
                                        view! {
                                            <leptos_meta::Meta http_equiv="refresh" content="1" />
                                        }
                                    })}
                                <div
                                    class="space-y-2 rounded-xl border border-slate-200 bg-white p-4"
                                    data-testid="import-status"
                                    data-status=s.status.clone()
                                >
                                    <p class="font-semibold">{headline}</p>
                                    <div
                                        class="h-3 rounded bg-slate-100"
                                        role="progressbar"
                                        aria-valuemin="0"
                                        aria-valuemax=s.total
                                        aria-valuenow=s.done
                                        aria-label=t(K::CsvImport)
                                    >
                                        <div
                                            class="h-3 rounded bg-teal-600"
                                            style=format!("width:{pct}%")
                                        ></div>
                                    </div>
                                    <p class="text-sm text-slate-600" data-testid="import-counts">
                                        {s.done}
                                        " / "
                                        {s.total}
                                        " · "
                                        {t(K::ImportCreated)}
                                        " "
                                        {s.created}
                                        " · "
                                        {t(K::ImportUpdated)}
                                        " "
                                        {s.updated}
                                        " · "
                                        {t(K::ImportFailed)}
                                        " "
                                        {s.failed}
                                    </p>
                                    <p class="text-xs text-slate-500">
                                        {if s.mode == "all" {
                                            t(K::CsvModeAll)
                                        } else {
                                            t(K::CsvModeValid)
                                        }}
                                    </p>
                                </div>
                                {(!s.errors.is_empty())
                                    .then(|| {
                                        view! {
                                            <div class="overflow-x-auto rounded-xl border border-slate-200 bg-white">
                                                <table
                                                    class="min-w-full divide-y divide-slate-200 text-sm"
                                                    data-testid="import-errors"
                                                >
                                                    <thead class="bg-slate-50 text-left text-slate-600">
                                                        <tr>
                                                            <th scope="col" class="px-3 py-2 font-medium">
                                                                {t(K::CsvRow)}
                                                            </th>
                                                            <th scope="col" class="px-3 py-2 font-medium">
                                                                {t(K::CsvColumn)}
                                                            </th>
                                                            <th scope="col" class="px-3 py-2 font-medium">
                                                                {t(K::CsvProblem)}
                                                            </th>
                                                        </tr>
                                                    </thead>
                                                    <tbody class="divide-y divide-slate-100">
                                                        {s
                                                            .errors
                                                            .into_iter()
                                                            .map(|(row, field, code)| {
                                                                view! {
                                                                    <tr>
                                                                        <td class="px-3 py-1.5">{row}</td>
                                                                        <td class="px-3 py-1.5 font-mono">{field}</td>
                                                                        <td class="px-3 py-1.5">
                                                                            {t(crate::i18n::field_code_key(&code))}
                                                                        </td>
                                                                    </tr>
                                                                }
                                                            })
                                                            .collect_view()}
                                                    </tbody>
                                                </table>
                                            </div>
                                        }
                                    })}
                                <a
                                    href="/seller/listings"
                                    class="inline-block text-sm text-teal-800 underline"
                                >
                                    "← "
                                    {t(K::Listings)}
                                </a>
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
