//! The queue: filters, the open cases and the bulk decision form.

use leptos::prelude::*;

use super::{decision_buttons, risk_badge, ReasonFields, SELECT};
use crate::i18n::reason_text;
use crate::i18n::{t, K};
use crate::moderation::queue::{CaseSummary, DecideCases, Queue, QueueFilter};
use crate::prefs::encode_query_value;
use crate::ui::utc_datetime;
use crate::ui::{on_success, EmptyState, ErrorBanner};

const KINDS: [&str; 7] = [
    "counterfeit_term",
    "unauthorised_brand",
    "reference_image",
    "copied_image",
    "price_below_median",
    "seller_strikes",
    "new_shop",
];

fn kind_key(k: &str) -> K {
    match k {
        "counterfeit_term" => K::RsCounterfeit,
        "unauthorised_brand" => K::RsBrand,
        "reference_image" => K::RsReferenceImage,
        "copied_image" => K::RsCopiedImage,
        "price_below_median" => K::RsPrice,
        "seller_strikes" => K::RsStrikes,
        _ => K::RsNewShop,
    }
}

#[component]
fn Filters(f: QueueFilter, brands: Vec<String>) -> impl IntoView {
    let opt = |value: &'static str, key: K, current: &str| {
        view! {
            <option value=value selected=current == value>
                {t(key)}
            </option>
        }
    };
    view! {
        <form
            method="get"
            action="/admin/moderation"
            class="grid grid-cols-2 gap-3 rounded-xl border border-slate-200 bg-white p-4 md:grid-cols-6"
            data-testid="queue-filters"
        >
            <div class="text-sm">
                <label for="f-risk" class="font-medium">
                    {t(K::ModRisk)}
                </label>
                <select id="f-risk" name="risk" class=SELECT>
                    {opt("", K::ModAny, &f.risk)}
                    {opt("hold", K::ModRiskHold, &f.risk)}
                    {opt("queue", K::ModRiskQueue, &f.risk)}
                </select>
            </div>
            <div class="text-sm">
                <label for="f-kind" class="font-medium">
                    {t(K::ModReasonKind)}
                </label>
                <select id="f-kind" name="kind" class=SELECT>
                    {opt("", K::ModAny, &f.kind)}
                    {KINDS
                        .iter()
                        .map(|k| {
                            view! {
                                <option value=*k selected=f.kind == *k>
                                    {t(kind_key(k))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="text-sm">
                <label for="f-brand" class="font-medium">
                    {t(K::ModBrand)}
                </label>
                <select id="f-brand" name="brand" class=SELECT>
                    {opt("", K::ModAny, &f.brand)}
                    {brands
                        .into_iter()
                        .map(|b| {
                            let sel = f.brand == b;
                            view! {
                                <option value=b.clone() selected=sel>
                                    {b.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="text-sm">
                <label for="f-shop" class="font-medium">
                    {t(K::ShopSlug)}
                </label>
                <input id="f-shop" name="shop" value=f.shop.clone() class=SELECT />
            </div>
            <div class="text-sm">
                <label for="f-age" class="font-medium">
                    {t(K::ModAge)}
                </label>
                <select id="f-age" name="age" class=SELECT>
                    {opt("", K::ModAny, &f.age)}
                    {opt("day", K::ModAgeDay, &f.age)}
                    {opt("week", K::ModAgeWeek, &f.age)}
                    {opt("older", K::ModAgeOlder, &f.age)}
                </select>
            </div>
            <div class="flex items-end">
                <button
                    type="submit"
                    class="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-semibold hover:bg-slate-100"
                >
                    {t(K::ModApplyFilters)}
                </button>
            </div>
        </form>
    }
}

#[component]
pub(super) fn QueueTable(queue: Queue, filter: QueueFilter) -> impl IntoView {
    let action = ServerAction::<DecideCases>::new();
    on_success(action.value(), |_| crate::ui::reload_page());
    let err = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <Filters f=filter brands=queue.brands.clone() />
        {if queue.items.is_empty() {
            view! { <EmptyState message=K::ModNoCases /> }.into_any()
        } else {
            view! {
                <ActionForm action=action attr:class="space-y-4" attr:id="bulk-decision-form">
                    <ul
                        class="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white"
                        data-testid="case-rows"
                    >
                        {queue
                            .items
                            .into_iter()
                            .enumerate()
                            .map(|(i, c)| view! { <CaseRow i c /> })
                            .collect_view()}
                    </ul>
                    <fieldset class="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
                        <legend class="px-1 font-semibold">{t(K::ModBulkTitle)}</legend>
                        <ReasonFields err />
                        {move || {
                            err.get()
                                .filter(|e| {
                                    e.field("ground").is_none() && e.field("statement").is_none()
                                })
                                .map(|e| view! { <ErrorBanner error=e /> })
                        }}
                        {decision_buttons()}
                    </fieldset>
                </ActionForm>
            }
                .into_any()
        }}
    }
}

#[component]
fn CaseRow(i: usize, c: CaseSummary) -> impl IntoView {
    let href = format!("/admin/moderation?case={}", encode_query_value(&c.key));
    view! {
        <li class="flex flex-wrap items-center gap-3 p-3 sm:flex-nowrap">
            <input
                type="checkbox"
                name=format!("case[{i}]")
                value=c.key.clone()
                aria-label=format!("{} {}", t(K::ModSelect), c.title)
                class="h-5 w-5"
            />
            <img
                src=c.thumb.clone()
                alt=""
                class="h-14 w-14 shrink-0 rounded-lg object-cover"
                loading="lazy"
            />
            <div class="min-w-0 grow">
                <a href=href class="font-medium text-teal-800 underline" data-testid="case-link">
                    {c.title.clone()}
                </a>
                <p class="text-sm text-slate-600">
                    {c.shop_name.clone()} " · " {utc_datetime(c.created_at)}
                </p>
                <ul class="mt-1 flex flex-wrap gap-1 text-xs">
                    {c
                        .reasons
                        .iter()
                        .map(|r| {
                            view! {
                                <li class="rounded bg-slate-100 px-2 py-0.5 text-slate-700">
                                    {reason_text(r)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
            <div class="flex shrink-0 flex-col items-end gap-1">
                {risk_badge(&c.verdict)}
                <span class="text-sm text-slate-600">
                    {t(K::ModScore)} " " <strong data-testid="case-score">{c.score}</strong>
                </span>
            </div>
        </li>
    }
}
