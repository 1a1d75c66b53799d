//! `/seller/imports/:id`: a CSV import's progress and error report.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::i18n::{t, K};
use crate::sellers::bulk::get_import_status;
use crate::sellers::views::SellerNav;
use crate::shell::GateError;
use crate::ui::LoadingBlock;

/// `/seller/imports/:id`: an import's progress (refreshing itself while it runs,
/// with or without wasm) and its per-row error report.
// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub fn ImportStatusPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new(id, |id: String| async move {
        get_import_status(id.parse()?).await
    });
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
