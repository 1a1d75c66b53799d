//! The seller centre's dashboard (`/seller`) and money page (`/seller/money`).

use domain::Currency;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::SellerNav;
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::sellers::dashboard::{get_dashboard, sales_chart_svg, Dashboard, Ranked, RANGES};
use crate::sellers::money::{get_shop_money, ConnectStripe, PayoutAccount, SavePayoutAccount};
use crate::sellers::price;
use crate::shell::GateError;
use crate::ui::{on_success, ErrorBanner, LoadingBlock, Stat};

/// What the seller centre shows to an account without a shop.
#[component]
fn NoShopYet() -> impl IntoView {
    view! {
        <div class="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-700">
            <p>{t(K::NoShop)}</p>
            <a
                href="/sell"
                class="mt-3 inline-block rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                data-testid="apply-link"
            >
                {t(K::ApplyTitle)}
            </a>
        </div>
    }
}

fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 {
        "—".into()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

#[component]
fn FunnelView(d: Dashboard) -> impl IntoView {
    let f = d.funnel.clone();
    let steps = [
        (K::FunnelViews, f.views, f.views),
        (K::FunnelAdds, f.adds, f.views),
        (K::FunnelCheckouts, f.checkouts, f.adds),
        (K::FunnelPaid, f.orders, f.checkouts),
    ];
    let max = f.views.max(f.adds).max(f.checkouts).max(f.orders).max(1);
    view! {
        <ol class="space-y-2" data-testid="funnel">
            {steps
                .into_iter()
                .enumerate()
                .map(|(i, (label, value, prev))| {
                    let width = (value as f64 / max as f64 * 100.0).max(1.0);
                    view! {
                        <li>
                            <div class="flex justify-between text-sm">
                                <span>{t(label)}</span>
                                <span class="font-semibold" data-testid=format!("funnel-{i}")>
                                    {value}
                                    {(i > 0)
                                        .then(|| {
                                            view! {
                                                <span class="ml-2 font-normal text-slate-500">
                                                    {percent(value, prev)}
                                                </span>
                                            }
                                        })}
                                </span>
                            </div>
                            <div class="mt-1 h-2 rounded bg-slate-100" aria-hidden="true">
                                <div
                                    class="h-2 rounded bg-teal-600"
                                    style=format!("width:{width:.1}%")
                                ></div>
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
fn RankedList(
    items: Vec<Ranked>,
    empty: K,
    render: fn(&Ranked) -> String,
    href: fn(&Ranked) -> String,
) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="text-sm text-slate-500">{t(empty)}</p> }.into_any();
    }
    view! {
        <ul class="divide-y divide-slate-100 text-sm">
            {items
                .into_iter()
                .map(|r| {
                    view! {
                        <li class="flex justify-between gap-3 py-1.5">
                            <a href=href(&r) class="min-w-0 truncate hover:underline">
                                {r.title.clone()}
                            </a>
                            <span class="shrink-0 font-medium">{render(&r)}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

const CARD: &str = "rounded-xl border border-slate-200 bg-white p-4";

#[component]
fn DashboardView(d: Dashboard) -> impl IntoView {
    let currency = Currency::parse(&d.currency).unwrap_or_default();
    let chart_label = format!("{} · {} {}", t(K::SalesTrend), d.days, t(K::Days));
    let svg = sales_chart_svg(&d.series, currency, &chart_label);
    let total: i64 = d.series.iter().map(|p| p.sales_minor).sum();
    let orders: i64 = d.series.iter().map(|p| p.orders).sum();
    let cur = d.currency.clone();
    let cur2 = d.currency.clone();
    let status = match d.status.as_str() {
        "approved" => K::StatusApproved,
        "suspended" | "terminated" => K::StatusSuspended,
        _ => K::StatusPending,
    };
    view! {
        <div class="flex flex-wrap items-center gap-3">
            <p class="text-lg font-semibold" data-testid="shop-name">
                {d.shop_name.clone()}
            </p>
            <span class="text-sm text-slate-600">{t(K::ShopStatus)} ": " {t(status)}</span>
            <a href=format!("/search?shop={}", d.shop_slug) class="text-sm text-teal-800 underline">
                {t(K::ViewInShop)}
            </a>
        </div>
        <dl class="grid grid-cols-2 gap-3 md:grid-cols-4">
            <Stat label=K::TodayOrders value=d.today_orders testid="stat-today-orders" />
            <Stat label=K::OpenOrders value=d.open_orders testid="stat-orders" />
            <Stat label=K::PendingReturns value=d.pending_returns testid="stat-returns" />
            <Stat label=K::UnreadNotifications value=d.unread testid="stat-unread" />
        </dl>
        <section class=CARD>
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h2 class="font-semibold">{t(K::SalesTrend)}</h2>
                <nav class="flex gap-1 text-sm" aria-label=t(K::SalesTrend)>
                    {RANGES
                        .into_iter()
                        .map(|r| {
                            let current = r == d.days;
                            view! {
                                <a
                                    href=format!("/seller?days={r}")
                                    aria-current=current.then_some("page")
                                    data-testid=format!("range-{r}")
                                    class=if current {
                                        "rounded-full bg-teal-700 px-3 py-1 font-semibold text-white"
                                    } else {
                                        "rounded-full border border-slate-300 px-3 py-1 hover:bg-slate-100"
                                    }
                                >
                                    {r}
                                    " "
                                    {t(K::Days)}
                                </a>
                            }
                        })
                        .collect_view()}
                </nav>
            </div>
            <p class="mt-1 text-sm text-slate-600" data-testid="range-total">
                {price(total, &d.currency)}
                " · "
                {t(K::OrdersWord)}
                ": "
                {orders}
            </p>
            <div class="mt-3" inner_html=svg></div>
        </section>
        <div class="grid gap-4 lg:grid-cols-3">
            <section class=CARD>
                <h2 class="mb-2 font-semibold">{t(K::ConversionFunnel)}</h2>
                <FunnelView d=d.clone() />
            </section>
            <section class=CARD>
                <h2 class="mb-2 font-semibold">{t(K::TopProducts)}</h2>
                <RankedList
                    items=d.top.clone()
                    empty=K::NothingYet
                    render=|r| format!("× {}", r.value)
                    href=|r| format!("/seller/listings/{}", r.id)
                />
            </section>
            <section class=CARD>
                <h2 class="mb-2 font-semibold">{t(K::LowStockListings)}</h2>
                <RankedList
                    items=d.low_stock.clone()
                    empty=K::NothingYet
                    render=|r| format!("{} / {}", r.value, r.extra)
                    href=|r| format!("/seller/listings/{}", r.id)
                />
            </section>
            <section class=CARD>
                <h2 class="mb-2 font-semibold">{t(K::ModerationNotices)}</h2>
                <RankedList
                    items=d.moderation.clone()
                    empty=K::NothingYet
                    render=|r| format!("{} / 100", r.value)
                    href=|r| format!("/seller/listings/{}", r.id)
                />
            </section>
            <section class=CARD>
                <h2 class="mb-2 font-semibold">{t(K::ReviewsToAnswer)}</h2>
                <p class="text-2xl font-bold" data-testid="dash-reviews-to-answer">
                    {d.reviews_to_answer}
                </p>
                <a
                    href="/seller/reviews?filter=needs_reply"
                    class="mt-2 inline-block text-sm text-teal-800 underline"
                >
                    {t(K::SellerReviewsNav)}
                </a>
            </section>
            <section class=CARD>
                <h2 class="mb-2 font-semibold">{t(K::Balance)}</h2>
                <p class="text-sm text-slate-600">
                    {t(K::Available)} ": "
                    <strong data-testid="dash-available">
                        {price(d.balances.available_minor, &cur)}
                    </strong>
                </p>
                <p class="text-sm text-slate-600">
                    {t(K::Pending)} ": "
                    <strong data-testid="dash-pending">
                        {price(d.balances.pending_minor, &cur2)}
                    </strong>
                </p>
                <a href="/seller/money" class="mt-2 inline-block text-sm text-teal-800 underline">
                    {t(K::Money)}
                </a>
            </section>
        </div>
    }
}

#[component]
pub fn SellerPage() -> impl IntoView {
    let query = use_query_map();
    let days = move || {
        query
            .read()
            .get("days")
            .and_then(|d| d.parse::<i64>().ok())
            .unwrap_or(30)
    };
    let data = Resource::new(days, get_dashboard);
    view! {
        <Title text=format!("{} · {}", t(K::SellerTitle), t(K::Brand)) />
        <section class="space-y-5">
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::SellerTitle)}</h1>
                <p class="text-slate-600">{t(K::SellerIntro)}</p>
            </header>
            <SellerNav current="/seller" />
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <DashboardView d /> }.into_any(),
                        Err(AppError::NotFound) => view! { <NoShopYet /> }.into_any(),
                        Err(e) => view! { <GateError error=e path="/seller" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn PayoutAccountCard(
    account: Option<PayoutAccount>,
    stripe: bool,
    stripe_available: bool,
) -> impl IntoView {
    let connect = ServerAction::<ConnectStripe>::new();
    on_success(connect.value(), move |url| crate::ui::navigate_full(&url));
    let connect_err = move || connect.value().get().and_then(|r| r.err());
    let action = ServerAction::<SavePayoutAccount>::new();
    on_success(action.value(), move |_| {
        crate::ui::navigate_full("/seller/money")
    });
    let err: Signal<Option<AppError>> =
        Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let field = move |label: K, name: &'static str| {
        let id = format!("payout-{name}");
        let bad = move || err.get().and_then(|e| e.field(name));
        view! {
            <div class="space-y-1">
                <label for=id.clone() class="block text-sm font-medium">
                    {t(label)}
                </label>
                <input
                    id=id
                    name=name
                    class="block w-full rounded-lg border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600"
                    aria-invalid=move || if bad().is_some() { "true" } else { "false" }
                />
                <p class="min-h-5 text-sm text-red-700" data-field-error=name>
                    {move || bad().map(|c| t(crate::i18n::field_error_key(c)))}
                </p>
            </div>
        }
    };
    view! {
        <section class=CARD data-testid="payout-account">
            <h2 class="font-semibold">{t(K::PayoutAccount)}</h2>
            {if stripe {
                view! { <p class="text-sm text-slate-700">{t(K::PayoutStripe)}</p> }.into_any()
            } else {
                match account.clone() {
                    Some(a) => {
                        view! {
                            <p class="text-sm text-slate-700" data-testid="payout-masked">
                                {a.holder}
                                " · "
                                {a.bank_name}
                                " ("
                                {a.bank_code}
                                ") "
                                {a.account_masked}
                            </p>
                        }
                            .into_any()
                    }
                    None => {
                        view! { <p class="text-sm text-amber-800">{t(K::PayoutNotSet)}</p> }
                            .into_any()
                    }
                }
            }}
            {(stripe_available && !stripe)
                .then(|| {
                    view! {
                        <ActionForm action=connect attr:class="mt-2">
                            <button
                                type="submit"
                                class="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700"
                                data-testid="connect-stripe"
                            >
                                {t(K::ConnectStripe)}
                            </button>
                        </ActionForm>
                    }
                })}
            {move || connect_err().map(|e| view! { <ErrorBanner error=e /> })}
            <details class="mt-2" open=account.is_none() && !stripe>
                <summary class="cursor-pointer text-sm font-medium text-teal-800">
                    {t(K::PayoutEdit)}
                </summary>
                <ActionForm
                    action=action
                    attr:class="mt-2 grid gap-x-3 sm:grid-cols-2"
                    attr:novalidate=true
                    attr:id="payout-form"
                >
                    {field(K::PayoutHolder, "holder")}
                    {field(K::PayoutBank, "bank_name")}
                    {field(K::PayoutBankCode, "bank_code")}
                    {field(K::PayoutNumber, "account_number")}
                    <div class="sm:col-span-2">
                        <button
                            type="submit"
                            class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                            data-testid="payout-save"
                        >
                            {t(K::SaveChanges)}
                        </button>
                    </div>
                </ActionForm>
            </details>
        </section>
    }
}

fn entry_key(kind: &str) -> K {
    match kind {
        "sale" => K::LedgerSale,
        "release" => K::LedgerRelease,
        "refund" => K::LedgerRefund,
        "payout" => K::LedgerPayout,
        _ => K::LedgerAdjustment,
    }
}

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub fn SellerMoneyPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_shop_money());
    view! {
        <Title text=format!("{} · {}", t(K::Money), t(K::SellerCentre)) />
        <section class="space-y-5">
            <header class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold text-slate-900">{t(K::Money)}</h1>
                <a
                    href="/seller/money/statement.csv"
                    class="rounded-lg border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-100"
                    data-testid="statement"
                    rel="external"
                >
                    {t(K::DownloadStatement)}
                </a>
            </header>
            <SellerNav current="/seller/money" />
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(m) => {
                            let c = m.currency.clone();
                            let b = m.balances;
                            view! {
                                <dl class="grid grid-cols-2 gap-3 md:grid-cols-4">
                                    <div class=CARD>
                                        <dt class="text-sm text-slate-500">{t(K::Pending)}</dt>
                                        <dd class="text-xl font-bold" data-testid="bal-pending">
                                            {price(b.pending_minor, &c)}
                                        </dd>
                                    </div>
                                    <div class=CARD>
                                        <dt class="text-sm text-slate-500">{t(K::Available)}</dt>
                                        <dd class="text-xl font-bold" data-testid="bal-available">
                                            {price(b.available_minor, &c)}
                                        </dd>
                                    </div>
                                    <div class=CARD>
                                        <dt class="text-sm text-slate-500">{t(K::PaidOut)}</dt>
                                        <dd class="text-xl font-bold" data-testid="bal-paid">
                                            {price(b.paid_out_minor, &c)}
                                        </dd>
                                    </div>
                                    <div class=CARD>
                                        <dt class="text-sm text-slate-500">
                                            {t(K::CommissionPaid)}
                                        </dt>
                                        <dd class="text-xl font-bold" data-testid="bal-commission">
                                            {price(b.commission_minor, &c)}
                                        </dd>
                                    </div>
                                </dl>
                                <p class="text-sm text-slate-600">
                                    {t(K::PendingExplained)} " (" {m.return_window_days} " "
                                    {t(K::Days)} ")"
                                </p>
                                <PayoutAccountCard
                                    account=m.payout_account.clone()
                                    stripe=m.stripe_connected
                                    stripe_available=m.stripe_available
                                />
                                {if m.lines.is_empty() {
                                    view! {
                                        <p class="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">
                                            {t(K::NoLedger)}
                                        </p>
                                    }
                                        .into_any()
                                } else {
                                    view! {
                                        <div class="overflow-x-auto rounded-xl border border-slate-200 bg-white">
                                            <table
                                                class="min-w-full divide-y divide-slate-200 text-sm"
                                                data-testid="ledger"
                                            >
                                                <thead class="bg-slate-50 text-left text-slate-600">
                                                    <tr>
                                                        <th scope="col" class="px-4 py-2 font-medium">
                                                            {t(K::AuditTime)}
                                                        </th>
                                                        <th scope="col" class="px-4 py-2 font-medium">
                                                            {t(K::EntryType)}
                                                        </th>
                                                        <th
                                                            scope="col"
                                                            class="hidden px-4 py-2 font-medium sm:table-cell"
                                                        >
                                                            {t(K::BalanceColumn)}
                                                        </th>
                                                        <th scope="col" class="px-4 py-2 font-medium">
                                                            {t(K::OrderColumn)}
                                                        </th>
                                                        <th scope="col" class="px-4 py-2 text-right font-medium">
                                                            {t(K::AmountColumn)}
                                                        </th>
                                                    </tr>
                                                </thead>
                                                <tbody class="divide-y divide-slate-100">
                                                    {m
                                                        .lines
                                                        .into_iter()
                                                        .map(|l| {
                                                            let c = c.clone();
                                                            view! {
                                                                <tr>
                                                                    <td class="whitespace-nowrap px-4 py-2 text-slate-500">
                                                                        {crate::ui::utc_datetime(l.at)}
                                                                    </td>
                                                                    <td class="px-4 py-2">{t(entry_key(&l.kind))}</td>
                                                                    <td class="hidden px-4 py-2 sm:table-cell">
                                                                        {if l.account == "shop_pending" {
                                                                            t(K::Pending)
                                                                        } else {
                                                                            t(K::Available)
                                                                        }}
                                                                    </td>
                                                                    <td class="px-4 py-2">
                                                                        {match (l.order_id, l.order_number) {
                                                                            (Some(id), Some(n)) => {
                                                                                view! {
                                                                                    <a
                                                                                        href=format!("/seller/orders/{id}")
                                                                                        class="text-teal-800 underline"
                                                                                    >
                                                                                        {n}
                                                                                    </a>
                                                                                }
                                                                                    .into_any()
                                                                            }
                                                                            _ => {
                                                                                view! { <span>{l.memo.unwrap_or_default()}</span> }
                                                                                    .into_any()
                                                                            }
                                                                        }}
                                                                    </td>
                                                                    <td class=if l.amount_minor < 0 {
                                                                        "px-4 py-2 text-right font-medium text-red-700"
                                                                    } else {
                                                                        "px-4 py-2 text-right font-medium"
                                                                    }>{price(l.amount_minor, &c)}</td>
                                                                </tr>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                    }
                                        .into_any()
                                }}
                            }
                                .into_any()
                        }
                        Err(AppError::NotFound) => view! { <NoShopYet /> }.into_any(),
                        Err(e) => view! { <GateError error=e path="/seller/money" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
