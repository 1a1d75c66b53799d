//! `/seller/marketing/:key`: a promotion's report — the shop's orders, revenue after
//! discounts, average order value, new buyers and units before, during and after it,
//! the incremental revenue, a chart of each day, and the CSV download.

use domain::promotion::report::Period;
use domain::Currency;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{get_promotion_report, PromotionReport};
use crate::i18n::{t, K};
use crate::sellers::dashboard::{bars_svg, DayPoint};
use crate::sellers::views::SellerNav;
use crate::shell::GateError;
use crate::ui::LoadingBlock;

const CARD: &str = "rounded-xl border border-slate-200 bg-white p-4";

fn period_key(p: Period) -> K {
    match p {
        Period::Before => K::PmBefore,
        Period::During => K::PmDuring,
        Period::After => K::PmAfter,
    }
}

/// Before in grey, during in the brand's teal, after in indigo.
fn period_fill(p: Period) -> &'static str {
    match p {
        Period::Before => "#94a3b8",
        Period::During => "#0f766e",
        Period::After => "#6366f1",
    }
}

#[component]
pub fn PromotionReportPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.read().get("key").unwrap_or_default();
    let data = Resource::new(key, |k| async move {
        get_promotion_report(k.parse().map_err(|_| crate::error::AppError::NotFound)?).await
    });
    view! {
        <Title text=format!("{} · {}", t(K::PmReport), t(K::SellerCentre)) />
        <section class="space-y-5">
            <SellerNav current="/seller/marketing" />
            <a href="/seller/marketing" class="text-sm text-teal-800 hover:underline">
                "← "
                {t(K::PmHeading)}
            </a>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(r) => view! { <Report r=r /> }.into_any(),
                        Err(e) => {
                            view! { <GateError error=e path="/seller/marketing" /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Report(r: PromotionReport) -> impl IntoView {
    let currency = Currency::parse(&r.currency).unwrap_or_default();
    let series: Vec<DayPoint> = r
        .days
        .iter()
        .map(|d| DayPoint {
            day: d.day.clone(),
            orders: d.orders,
            sales_minor: d.revenue_minor,
        })
        .collect();
    let periods: Vec<Period> = r.days.iter().map(|d| d.period).collect();
    let fill = move |i: usize| period_fill(periods.get(i).copied().unwrap_or(Period::During));
    let svg = bars_svg(
        &series,
        &fill,
        currency,
        &format!("{} · {}", t(K::PmReport), r.promotion.title),
        "report-chart",
    );
    let p = &r.promotion;
    let csv = format!("/seller/marketing/{}/report.csv", p.key);
    let summary = |label: K, value: String, testid: &'static str| {
        view! {
            <div class=CARD>
                <p class="text-sm text-slate-600">{t(label)}</p>
                <p class="text-xl font-semibold" data-testid=testid>
                    {value}
                </p>
            </div>
        }
    };
    view! {
        <header class="space-y-1">
            <h1 class="text-2xl font-bold text-slate-900">
                {t(K::PmReport)} ": " {p.title.clone()}
            </h1>
            <p class="text-slate-600">{p.rule.clone()}</p>
            <p class="text-sm text-slate-600">
                {p.starts.clone()} " – " {p.ends.clone()} " (UTC)"
            </p>
        </header>
        <div class="grid gap-3 sm:grid-cols-3">
            {summary(K::PmIncremental, r.incremental.format(), "report-incremental")}
            {summary(K::PmGivenAway, p.spent.format(), "report-spent")}
            {summary(K::PmOrdersWith, p.orders.to_string(), "report-orders")}
        </div>
        <div class="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table class="w-full text-sm" data-testid="report-periods">
                <thead class="bg-slate-50 text-left text-slate-600">
                    <tr>
                        <th class="px-3 py-2">{t(K::PmPeriod)}</th>
                        <th class="px-3 py-2 text-right">{t(K::PmOrdersAll)}</th>
                        <th class="px-3 py-2 text-right">{t(K::PmSales)}</th>
                        <th class="px-3 py-2 text-right">{t(K::PmAverage)}</th>
                        <th class="px-3 py-2 text-right">{t(K::PmFirstOrders)}</th>
                        <th class="px-3 py-2 text-right">{t(K::PmUnits)}</th>
                    </tr>
                </thead>
                <tbody>
                    {r
                        .periods
                        .iter()
                        .map(|row| {
                            view! {
                                <tr
                                    class="border-t border-slate-100"
                                    data-testid="report-period"
                                    data-period=row.period.as_str()
                                >
                                    <td class="px-3 py-2">
                                        <p class="font-medium">{t(period_key(row.period))}</p>
                                        <p class="text-xs text-slate-500 whitespace-nowrap">
                                            {row.from.clone()} " – " {row.to.clone()}
                                        </p>
                                    </td>
                                    <td class="px-3 py-2 text-right" data-testid="period-orders">
                                        {row.orders}
                                    </td>
                                    <td class="px-3 py-2 text-right" data-testid="period-revenue">
                                        {row.revenue.format()}
                                    </td>
                                    <td class="px-3 py-2 text-right">{row.average.format()}</td>
                                    <td class="px-3 py-2 text-right">{row.new_buyers}</td>
                                    <td class="px-3 py-2 text-right">{row.units}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <div class=CARD>
            <h2 class="font-semibold">{t(K::PmDaily)}</h2>
            <ul class="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
                {Period::ALL
                    .into_iter()
                    .map(|p| {
                        view! {
                            <li class="flex items-center gap-1">
                                <span
                                    class="inline-block h-3 w-3 rounded-sm"
                                    style=format!("background:{}", period_fill(p))
                                ></span>
                                {t(period_key(p))}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <div class="mt-3" inner_html=svg></div>
        </div>
        <a
            href=csv
            rel="external"
            class="inline-block rounded border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
            data-testid="report-csv"
        >
            {t(K::PmDownloadCsv)}
        </a>
    }
}
