//! `/admin/campaigns` (campaign rules, what each cost and brought, daily referral traffic)
//! and the held rewards on the moderation page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{t, K};
use crate::referrals::*;
use crate::shell::GateError;
use crate::ui::utc_datetime;
use crate::ui::{on_success, reload_page, EmptyState, ErrorBanner, FormField, LoadingBlock};

fn percent(bps: i64) -> String {
    if bps % 100 == 0 {
        format!("{}%", bps / 100)
    } else {
        format!("{}.{:02}%", bps / 100, bps % 100)
    }
}

/// Share of `part` in `whole`, as "12.5%" (— when nothing to divide).
fn ratio(part: i64, whole: i64) -> String {
    if whole <= 0 {
        "—".into()
    } else {
        let x10 = (part * 1000 + whole / 2) / whole;
        format!("{}.{}%", x10 / 10, x10 % 10)
    }
}

/// Daily clicks (light) and referred orders (dark) as bars, server-rendered SVG.
#[component]
fn TrafficChart(days: Vec<DayPoint>) -> impl IntoView {
    let max = days
        .iter()
        .map(|d| d.clicks.max(d.orders))
        .max()
        .unwrap_or(0)
        .max(1);
    let (w, h) = (600i64, 160i64);
    let step = w / days.len().max(1) as i64;
    let bar = |v: i64| v * (h - 20) / max;
    let label = format!(
        "{}: {} · {}: {}",
        t(K::RfClicks),
        days.iter().map(|d| d.clicks).sum::<i64>(),
        t(K::RfOrders),
        days.iter().map(|d| d.orders).sum::<i64>()
    );
    view! {
        <figure class="rounded-xl border border-slate-200 bg-white p-4">
            <svg
                viewBox=format!("0 0 {w} {h}")
                preserveAspectRatio="none"
                class="h-40 w-full"
                role="img"
                aria-label=label.clone()
                data-testid="traffic-chart"
            >
                <line x1="0" y1=h - 1 x2=w y2=h - 1 stroke="#cbd5e1" />
                {days
                    .iter()
                    .enumerate()
                    .map(|(i, d)| {
                        let x = i as i64 * step;
                        let (c, o) = (bar(d.clicks), bar(d.orders));
                        view! {
                            <g>
                                <title>
                                    {format!(
                                        "{} · {} {} · {} {}",
                                        d.day,
                                        d.clicks,
                                        t(K::RfClicks),
                                        d.orders,
                                        t(K::RfOrders),
                                    )}
                                </title>
                                <rect
                                    x=x + 2
                                    y=h - 1 - c
                                    width=(step - 4).max(2)
                                    height=c
                                    fill="#99f6e4"
                                />
                                <rect
                                    x=x + step / 4
                                    y=h - 1 - o
                                    width=(step / 2).max(2)
                                    height=o
                                    fill="#0f766e"
                                />
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
            <div class="flex justify-between text-xs text-slate-500">
                <span>{days.first().map(|d| d.day.clone()).unwrap_or_default()}</span>
                <span>{days.last().map(|d| d.day.clone()).unwrap_or_default()}</span>
            </div>
            <figcaption class="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
                <span>
                    <span class="mr-1 inline-block h-3 w-3 rounded-sm bg-teal-200 align-middle"></span>
                    {t(K::RfClicks)}
                </span>
                <span>
                    <span class="mr-1 inline-block h-3 w-3 rounded-sm bg-teal-700 align-middle"></span>
                    {t(K::RfOrders)}
                </span>
                <span>{label}</span>
            </figcaption>
        </figure>
    }
}

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_campaign_dashboard());
    view! {
        <Title text=format!("{} · {}", t(K::RfCampaigns), t(K::Brand)) />
        <section class="space-y-6">
            <header>
                <a href="/admin" class="text-sm text-teal-800 underline">
                    {t(K::AdminTitle)}
                </a>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::RfCampaigns)}</h1>
                <p class="text-slate-600">{t(K::RfCampaignsIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => {
                            let clicks: i64 = d.days.iter().map(|x| x.clicks).sum();
                            let orders: i64 = d.days.iter().map(|x| x.orders).sum();
                            let rewards: i64 = d.campaigns.iter().map(|c| c.rewards).sum();
                            let flagged: i64 = d.campaigns.iter().map(|c| c.flagged).sum();
                            view! {
                                <dl class="grid grid-cols-2 gap-3 sm:grid-cols-4">
                                    <div class="rounded-xl border border-slate-200 bg-white p-3">
                                        <dt class="text-xs text-slate-500">
                                            {t(K::RfClicks)} " (30d)"
                                        </dt>
                                        <dd class="text-2xl font-bold">{clicks}</dd>
                                    </div>
                                    <div class="rounded-xl border border-slate-200 bg-white p-3">
                                        <dt class="text-xs text-slate-500">
                                            {t(K::RfOrders)} " (30d)"
                                        </dt>
                                        <dd class="text-2xl font-bold">{orders}</dd>
                                    </div>
                                    <div class="rounded-xl border border-slate-200 bg-white p-3">
                                        <dt class="text-xs text-slate-500">{t(K::RfConversion)}</dt>
                                        <dd class="text-2xl font-bold" data-testid="conversion">
                                            {ratio(orders, clicks)}
                                        </dd>
                                    </div>
                                    <div class="rounded-xl border border-slate-200 bg-white p-3">
                                        <dt class="text-xs text-slate-500">{t(K::RfFraudRate)}</dt>
                                        <dd class="text-2xl font-bold" data-testid="fraud-rate">
                                            {ratio(flagged, rewards)}
                                        </dd>
                                    </div>
                                </dl>
                                <TrafficChart days=d.days.clone() />
                                {if d.campaigns.is_empty() {
                                    view! { <EmptyState message=K::RfNoCampaigns /> }.into_any()
                                } else {
                                    view! {
                                        <div class="overflow-x-auto rounded-xl border border-slate-200 bg-white">
                                            <table class="w-full text-sm" data-testid="campaigns">
                                                <thead class="bg-slate-50 text-left text-slate-600">
                                                    <tr>
                                                        <th class="px-3 py-2">{t(K::RfCampaign)}</th>
                                                        <th class="px-3 py-2">{t(K::RfFunder)}</th>
                                                        <th class="px-3 py-2">{t(K::RfRule)}</th>
                                                        <th class="px-3 py-2 text-right">{t(K::RfRewardsCount)}</th>
                                                        <th class="px-3 py-2 text-right">{t(K::RfCost)}</th>
                                                        <th class="px-3 py-2 text-right">{t(K::RfRevenue)}</th>
                                                        <th class="px-3 py-2 text-right">{t(K::RfFraudRate)}</th>
                                                        <th class="px-3 py-2">{t(K::RfStatus)}</th>
                                                    </tr>
                                                </thead>
                                                <tbody>
                                                    {d
                                                        .campaigns
                                                        .into_iter()
                                                        .map(|c| view! { <CampaignRowView c=c /> })
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
                        Err(e) => view! { <GateError error=e path="/admin/campaigns" /> }.into_any(),
                    }
                })}
            </Suspense>
            <NewCampaignForm />
        </section>
    }
}

#[component]
pub(super) fn CampaignRowView(c: CampaignRow) -> impl IntoView {
    let toggle = ServerAction::<SetCampaignActive>::new();
    on_success(toggle.value(), |_| reload_page());
    let rule = if c.kind == "fixed" {
        c.fixed.format()
    } else {
        percent(c.rate_bps)
    };
    let cap = (c.cap.amount_minor > 0).then(|| format!(" ≤ {}", c.cap.format()));
    let welcome =
        (c.welcome_bps > 0).then(|| format!(" · {} {}", t(K::RfWelcome), percent(c.welcome_bps)));
    view! {
        <tr class="border-t border-slate-100" data-testid="campaign-row">
            <td class="px-3 py-2 font-medium">{c.name.clone()}</td>
            <td class="px-3 py-2">
                {c.shop.clone().unwrap_or_else(|| t(K::RfPlatform).to_string())}
            </td>
            <td class="px-3 py-2">{rule}{cap}{welcome}</td>
            <td class="px-3 py-2 text-right">{c.rewards}</td>
            <td class="px-3 py-2 text-right">{c.cost.format()}</td>
            <td class="px-3 py-2 text-right">{c.revenue.format()}</td>
            <td class="px-3 py-2 text-right">{ratio(c.flagged, c.rewards)}</td>
            <td class="px-3 py-2">
                <ActionForm action=toggle>
                    <input type="hidden" name="key" value=c.key.clone() />
                    <input
                        type="hidden"
                        name="active"
                        value=if c.active { "false" } else { "true" }
                    />
                    <button
                        type="submit"
                        class="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-100"
                    >
                        {if c.active { t(K::RfActive) } else { t(K::RfPaused) }}
                        " · "
                        {if c.active { t(K::RfPause) } else { t(K::RfResume) }}
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}

/// The rule fields of a campaign form (name, reward, caps, welcome discount, active).
pub(super) fn rule_fields(err: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    let field =
        move |name: &'static str| Signal::derive(move || err.get().and_then(|e| e.field(name)));
    view! {
        <div class="space-y-1">
            <label for="field-kind" class="block text-sm font-medium text-slate-800">
                {t(K::RfRule)}
            </label>
            <select
                id="field-kind"
                name="kind"
                class="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2"
            >
                <option value="percent">{t(K::RfPercentOfOrder)}</option>
                <option value="fixed">{t(K::RfFixedPerOrder)}</option>
            </select>
        </div>
        <FormField label=K::RfRatePercent name="rate" error=field("rate") />
        <FormField label=K::RfFixedAmount name="fixed" error=field("fixed") />
        <FormField label=K::RfCap name="cap" error=field("cap") />
        <FormField label=K::RfWelcomePercent name="welcome" error=field("welcome") />
        <FormField label=K::RfWelcomeCap name="welcome_cap" error=field("welcome_cap") />
        <label class="flex items-center gap-2 self-center text-sm">
            <input type="checkbox" name="active" value="on" checked />
            {t(K::RfActive)}
        </label>
        <div class="sm:col-span-2">
            {move || {
                err.get()
                    .filter(|e| !matches!(e, crate::error::AppError::Invalid(_)))
                    .map(|e| view! { <ErrorBanner error=e /> })
            }}
            <button
                type="submit"
                class="mt-2 rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
            >
                {t(K::RfCreate)}
            </button>
        </div>
    }
}

#[component]
fn NewCampaignForm() -> impl IntoView {
    let action = ServerAction::<SaveCampaign>::new();
    on_success(action.value(), |_| reload_page());
    let err = Signal::derive(move || action.value().get().and_then(|v| v.err()));
    let field =
        move |name: &'static str| Signal::derive(move || err.get().and_then(|e| e.field(name)));
    view! {
        <section class="rounded-xl border border-slate-200 bg-white p-4">
            <h2 class="mb-3 text-lg font-semibold">{t(K::RfNewCampaign)}</h2>
            <ActionForm
                action=action
                attr:class="grid gap-x-4 sm:grid-cols-2"
                attr:data-testid="campaign-form"
            >
                <FormField label=K::RfName name="name" error=field("name") />
                <FormField
                    label=K::RfShopSlug
                    name="shop"
                    hint=K::RfShopSlugHint
                    error=field("shop")
                />
                <FormField
                    label=K::Currency
                    name="currency"
                    hint=K::RfCurrencyHint
                    error=field("currency")
                />
                {rule_fields(err)}
            </ActionForm>
        </section>
    }
}

fn flag_key(flag: &str) -> K {
    match flag {
        "same_payment" => K::RfFlagPayment,
        "same_address" => K::RfFlagAddress,
        "same_device" => K::RfFlagDevice,
        "velocity" => K::RfFlagVelocity,
        "ring" => K::RfFlagRing,
        _ => K::RfFlagStar,
    }
}

/// Held rewards with their evidence, on `/admin/moderation`.
#[component]
pub fn HeldRewards() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_held_rewards());
    view! {
        <section class="space-y-3" data-testid="held-rewards">
            <h2 class="text-lg font-bold text-slate-900">{t(K::RfHeldHeading)}</h2>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(rows) if rows.is_empty() => {
                            view! { <EmptyState message=K::RfNoHeld /> }.into_any()
                        }
                        Ok(rows) => {
                            view! {
                                <ul class="space-y-3">
                                    {rows
                                        .into_iter()
                                        .map(|r| view! { <HeldRewardCard r=r /> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <ErrorBanner error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn HeldRewardCard(r: HeldReward) -> impl IntoView {
    let action = ServerAction::<DecideReward>::new();
    on_success(action.value(), |_| reload_page());
    let err = move || action.value().get().and_then(|v| v.err());
    let note_id = format!("note-{}", r.key);
    view! {
        <li class="rounded-xl border border-amber-200 bg-white p-4" data-testid="held-reward">
            <div class="flex flex-wrap items-center gap-2">
                <span class="font-semibold">{r.amount.format()}</span>
                <span class="text-sm text-slate-600">
                    {t(K::RfSharer)} " " {r.sharer.clone()} " → " {t(K::RfFriend)} " "
                    {r.buyer.clone()} " · " {r.order_number.clone()}
                </span>
                <span class="text-xs text-slate-500">{utc_datetime(r.created_at)}</span>
            </div>
            <ul class="mt-2 flex flex-wrap gap-1">
                {r
                    .flags
                    .iter()
                    .map(|f| {
                        view! {
                            <li
                                class="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900"
                                data-flag=f.clone()
                            >
                                {t(flag_key(f))}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <ul
                class="mt-2 list-disc space-y-0.5 pl-5 text-sm text-slate-700"
                data-testid="evidence"
            >
                {r.evidence.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}
            </ul>
            <ActionForm action=action attr:class="mt-3 space-y-2">
                <input type="hidden" name="key" value=r.key.clone() />
                <label for=note_id.clone() class="block text-sm font-medium">
                    {t(K::RfDecisionNote)}
                </label>
                <textarea
                    id=note_id
                    name="note"
                    rows="2"
                    class="block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
                ></textarea>
                {move || err().map(|e| view! { <ErrorBanner error=e /> })}
                <div class="flex gap-2">
                    <button
                        type="submit"
                        name="decision"
                        value="approve"
                        class="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-semibold hover:bg-slate-100"
                    >
                        {t(K::RfApprove)}
                    </button>
                    <button
                        type="submit"
                        name="decision"
                        value="reject"
                        class="rounded-lg bg-red-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-800"
                    >
                        {t(K::RfReject)}
                    </button>
                </div>
            </ActionForm>
        </li>
    }
}
