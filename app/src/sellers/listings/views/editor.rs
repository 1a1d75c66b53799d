//! `/seller/listings/:id`: the listing editor, with its publishing, photos, variants
//! and stock history.

use domain::listing::Condition;
use domain::Lang;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::photos::Photos;
use super::publishing::Publishing;
use super::variants::Variants;
use crate::error::AppError;
use crate::i18n::{field_error_key, t, use_lang, K};
use crate::sellers::listings::{get_listing_editor, ListingEditor, SaveListing, StockMove};
use crate::sellers::views::SellerNav;
use crate::shell::GateError;
use crate::ui::{navigate_full, on_success, ErrorBanner, LoadingBlock};

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
                <Input
                    label=K::PromoFloor
                    name="floor"
                    value=f.floor
                    err=err
                    suffix=ed.currency.clone()
                    hint=K::PromoFloorHint
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
fn StockHistory(moves: Vec<StockMove>) -> impl IntoView {
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
                                <span class="text-slate-500">{crate::ui::utc_datetime(m.at)}</span>
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
