//! `/admin/rates`: every currency's rate from the US dollar, where it came from and how
//! old it is (stale ones flagged), a form to set one by hand with its rounding, the
//! ECB import (a file, or the sample shipped with the marketplace) and recent changes.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::*;
use crate::i18n::{field_error_key, t, use_lang, K};
use crate::shell::GateError;
use crate::ui::utc_datetime;
use crate::ui::{on_success, reload_page, FormField, LoadingBlock};
use domain::{Currency, Lang};

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub fn RatesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_rates_admin());
    let set = ServerAction::<SetRate>::new();
    let stale = ServerAction::<SetStaleHours>::new();
    on_success(set.value(), |_| reload_page());
    on_success(stale.value(), |_| reload_page());
    let set_err = Signal::derive(move || set.value().get().and_then(|v| v.err()));
    let stale_err = Signal::derive(move || {
        stale
            .value()
            .get()
            .and_then(|v| v.err())
            .and_then(|e| e.field("hours"))
    });
    let query = use_query_map();
    let imported = move || {
        query.with(|q| {
            q.get("imported")
                .map(|n| (n, q.get("date").unwrap_or_default()))
        })
    };
    let import_error = move || query.with(|q| q.get("import_error"));
    let lang = use_lang();
    view! {
        <Title text=format!("{} · {}", t(K::FxTitle), t(K::Brand)) />
        <section class="space-y-6">
            <header>
                <a href="/admin" class="text-sm text-teal-800 underline">
                    {t(K::AdminTitle)}
                </a>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::FxTitle)}</h1>
                <p class="text-slate-600">{t(K::FxIntro)}</p>
            </header>
            {move || {
                imported()
                    .map(|(n, d)| {
                        view! {
                            <p
                                role="status"
                                class="rounded-lg border border-teal-200 bg-teal-50 px-3 py-2 text-sm text-teal-900"
                                data-testid="fx-imported"
                            >
                                {t(K::FxImported)}
                                " "
                                {n}
                                " · "
                                {d}
                            </p>
                        }
                    })
            }}
            {move || {
                import_error()
                    .map(|e| {
                        view! {
                            <p
                                role="alert"
                                class="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
                                data-testid="fx-import-error"
                            >
                                {t(K::FxImportRefused)}
                                " "
                                {e}
                            </p>
                        }
                    })
            }}
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => {
                            view! { <RatesTable d=d lang=lang stale=stale stale_err=stale_err /> }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/admin/rates" /> }.into_any(),
                    }
                })}
            </Suspense>
            <div class="grid gap-6 lg:grid-cols-2">
                <section class="rounded-xl border border-slate-200 bg-white p-4">
                    <h2 class="mb-1 text-lg font-semibold">{t(K::FxSetRate)}</h2>
                    <p class="mb-3 text-sm text-slate-600">{t(K::FxSetRateNote)}</p>
                    <ActionForm
                        action=set
                        attr:class="grid gap-3 sm:grid-cols-3"
                        attr:data-testid="fx-rate-form"
                    >
                        <div class="space-y-1">
                            <label
                                for="fx-currency"
                                class="block text-sm font-medium text-slate-800"
                            >
                                {t(K::Currency)}
                            </label>
                            <select
                                id="fx-currency"
                                name="currency"
                                class="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2"
                            >
                                {Currency::ALL
                                    .into_iter()
                                    .filter(|c| *c != Currency::USD)
                                    .map(|c| {
                                        view! {
                                            <option value=c
                                                .code()>
                                                {format!(
                                                    "{} · {}",
                                                    c.code(),
                                                    c.name(lang == Lang::ZhHant),
                                                )}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            {move || {
                                set_err
                                    .get()
                                    .and_then(|e| e.field("currency"))
                                    .map(|c| {
                                        view! {
                                            <p class="text-sm text-red-700">{t(field_error_key(c))}</p>
                                        }
                                    })
                            }}
                        </div>
                        <FormField
                            label=K::FxRatePerUsd
                            name="rate"
                            hint=K::FxRateHint
                            error=Signal::derive(move || {
                                set_err.get().and_then(|e| e.field("rate"))
                            })
                        />
                        <div class="space-y-1">
                            <label for="fx-mode" class="block text-sm font-medium text-slate-800">
                                {t(K::FxRounding)}
                            </label>
                            <select
                                id="fx-mode"
                                name="mode"
                                class="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2"
                            >
                                <option value="half_up">{t(K::FxHalfUp)}</option>
                                <option value="half_even">{t(K::FxHalfEven)}</option>
                            </select>
                            {move || {
                                set_err
                                    .get()
                                    .and_then(|e| e.field("mode"))
                                    .map(|c| {
                                        view! {
                                            <p class="text-sm text-red-700">{t(field_error_key(c))}</p>
                                        }
                                    })
                            }}
                        </div>
                        <div class="sm:col-span-3">
                            <button
                                type="submit"
                                class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                            >
                                {t(K::FxSave)}
                            </button>
                        </div>
                    </ActionForm>
                </section>
                <section class="rounded-xl border border-slate-200 bg-white p-4">
                    <h2 class="mb-1 text-lg font-semibold">{t(K::FxImportTitle)}</h2>
                    <p class="mb-3 text-sm text-slate-600">{t(K::FxImportNote)}</p>
                    // a plain multipart form: works before (and without) wasm
                    <form
                        method="post"
                        action="/admin/rates/import"
                        enctype="multipart/form-data"
                        class="space-y-3"
                        data-testid="fx-import-form"
                    >
                        <input
                            type="file"
                            name="file"
                            accept=".xml,application/xml,text/xml"
                            class="block w-full text-sm"
                            aria-label=t(K::FxImportFile)
                        />
                        <div class="flex flex-wrap gap-2">
                            <button
                                type="submit"
                                class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                            >
                                {t(K::FxImportButton)}
                            </button>
                            <button
                                type="submit"
                                name="sample"
                                value="1"
                                class="rounded-lg border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100"
                                data-testid="fx-import-sample"
                            >
                                {t(K::FxImportSample)}
                            </button>
                        </div>
                    </form>
                </section>
            </div>
        </section>
    }
}

#[component]
fn RatesTable(
    d: RatesAdmin,
    lang: Lang,
    stale: ServerAction<SetStaleHours>,
    stale_err: Signal<Option<domain::FieldErrorCode>>,
) -> impl IntoView {
    let zh = lang == Lang::ZhHant;
    let hours = d.stale_hours.to_string();
    view! {
        <ActionForm
            action=stale
            attr:class="flex flex-wrap items-start gap-3"
            attr:data-testid="fx-stale-form"
        >
            <FormField
                label=K::FxStaleHours
                name="hours"
                kind="number"
                value=hours
                error=stale_err
            />
            <button
                type="submit"
                class="mt-6 rounded-lg border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100"
            >
                {t(K::FxSave)}
            </button>
        </ActionForm>
        {(d.stale_count > 0)
            .then(|| {
                view! {
                    <p
                        role="alert"
                        class="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
                        data-testid="fx-stale-banner"
                    >
                        {format!(
                            "{} {} ({} {} {})",
                            d.stale_count,
                            t(K::FxStaleBanner),
                            t(K::FxOlderThan),
                            d.stale_hours,
                            t(K::FxHours),
                        )}
                    </p>
                }
            })}
        <div class="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table class="w-full text-sm" data-testid="fx-rates">
                <caption class="px-3 py-2 text-left text-slate-600">{t(K::FxTableCaption)}</caption>
                <thead class="bg-slate-50 text-left text-slate-600">
                    <tr>
                        <th class="px-3 py-2">{t(K::Currency)}</th>
                        <th class="px-3 py-2 text-right">{t(K::FxRatePerUsd)}</th>
                        <th class="px-3 py-2">{t(K::FxSource)}</th>
                        <th class="px-3 py-2">{t(K::FxAsOf)}</th>
                        <th class="px-3 py-2">{t(K::FxRounding)}</th>
                        <th class="px-3 py-2 text-right">"NT$1,000 ="</th>
                    </tr>
                </thead>
                <tbody>
                    {d
                        .rows
                        .into_iter()
                        .map(|r| {
                            let name = Currency::parse(&r.currency)
                                .map(|c| c.name(zh))
                                .unwrap_or_default();
                            let mode = if r.mode == "half_even" {
                                t(K::FxHalfEven)
                            } else {
                                t(K::FxHalfUp)
                            };
                            view! {
                                <tr
                                    class="border-t border-slate-100"
                                    data-testid=format!("fx-row-{}", r.currency)
                                    data-stale=r.stale.to_string()
                                >
                                    <td class="px-3 py-2">
                                        <span class="font-mono font-semibold">
                                            {r.currency.clone()}
                                        </span>
                                        " "
                                        <span class="text-slate-500">{name}</span>
                                    </td>
                                    <td class="px-3 py-2 text-right font-mono">
                                        {if r.rate.is_empty() {
                                            "—".to_string()
                                        } else {
                                            r.rate.clone()
                                        }}
                                    </td>
                                    <td class="px-3 py-2">{r.source.clone()}</td>
                                    <td class="px-3 py-2">
                                        {if r.as_of > 0 {
                                            utc_datetime(r.as_of)
                                        } else {
                                            "—".into()
                                        }}
                                        {r
                                            .stale
                                            .then(|| {
                                                view! {
                                                    <span
                                                        class="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900"
                                                        data-testid="fx-stale"
                                                    >
                                                        {if r.rate.is_empty() {
                                                            t(K::FxMissing).to_string()
                                                        } else {
                                                            format!(
                                                                "{} · {} {}",
                                                                t(K::FxStale),
                                                                r.age_hours,
                                                                t(K::FxHours),
                                                            )
                                                        }}
                                                    </span>
                                                }
                                            })}
                                    </td>
                                    <td class="px-3 py-2">{mode}</td>
                                    <td class="px-3 py-2 text-right">{r.sample.clone()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        {(!d.history.is_empty())
            .then(|| {
                view! {
                    <details class="rounded-xl border border-slate-200 bg-white p-4">
                        <summary class="cursor-pointer font-semibold">{t(K::FxHistory)}</summary>
                        <ul class="mt-2 space-y-1 text-sm text-slate-700" data-testid="fx-history">
                            {d
                                .history
                                .into_iter()
                                .map(|h| {
                                    view! {
                                        <li>
                                            {utc_datetime(h.at)} " · "
                                            <span class="font-mono">{h.currency}</span> " " {h.rate}
                                            " · " {h.source}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </details>
                }
            })}
    }
}
