//! `/admin/moderation`: the queue (filters, bulk decisions) and one case (`?case=…`).

use domain::strikes::Ground;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::queue::{
    get_moderation_case, get_moderation_queue, highlight, highlight_terms, CaseDetail, CaseSummary,
    DecideCase, DecideCases, DecisionView, Queue, QueueFilter,
};
use super::reason_text;
use super::views::utc_datetime;
use crate::i18n::{field_error_key, t, K};
use crate::prefs::encode_query_value;
use crate::shell::GateError;
use crate::ui::{navigate_full, on_success, EmptyState, ErrorBanner, LoadingBlock};

pub fn ground_key(g: &str) -> K {
    match Ground::parse(g) {
        Some(Ground::Counterfeit) => K::GrCounterfeit,
        Some(Ground::Trademark) => K::GrTrademark,
        Some(Ground::Copyright) => K::GrCopyright,
        Some(Ground::Prohibited) => K::GrProhibited,
        Some(Ground::Misleading) => K::GrMisleading,
        _ => K::GrOther,
    }
}

pub fn action_key(a: &str) -> K {
    match a {
        "approve" => K::ModApprove,
        "reject" => K::ModReject,
        "request_changes" => K::ModRequestChanges,
        _ => K::ModDecided,
    }
}

pub fn sanction_key(s: &str) -> K {
    match s {
        "warning" => K::ScWarning,
        "listing_limit" => K::ScListingLimit,
        "suspension" => K::ScSuspension,
        "termination" => K::ScTermination,
        _ => K::ScNone,
    }
}

fn case_status_key(s: &str) -> K {
    match s {
        "approved" => K::CsApproved,
        "rejected" => K::CsRejected,
        "changes_requested" => K::CsChangesRequested,
        _ => K::CsOpen,
    }
}

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

fn risk_badge(verdict: &str) -> impl IntoView {
    let (class, key) = if verdict == "hold" {
        (
            "rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800",
            K::ModRiskHold,
        )
    } else {
        (
            "rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900",
            K::ModRiskQueue,
        )
    };
    view! {
        <span class=class data-testid="case-risk">
            {t(key)}
        </span>
    }
}

const SELECT: &str = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600";

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

/// Ground select and statement, shared by the case form and the bulk form.
#[component]
fn ReasonFields(err: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    let field_err = move |f: &'static str| {
        err.get().and_then(|e| e.field(f)).map(|c| {
            view! {
                <p role="alert" class="text-sm text-red-700" data-field-error=f>
                    {t(field_error_key(c))}
                </p>
            }
        })
    };
    view! {
        <label class="block text-sm">
            <span class="font-medium">{t(K::ModGround)}</span>
            <select name="ground" class=SELECT data-testid="decision-ground">
                <option value="">{t(K::ModChooseGround)}</option>
                {Ground::ALL
                    .iter()
                    .map(|g| {
                        view! { <option value=g.as_str()>{t(ground_key(g.as_str()))}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
        {move || field_err("ground")}
        <label class="block text-sm">
            <span class="font-medium">{t(K::StatementLabel)}</span>
            <textarea
                name="statement"
                rows="3"
                maxlength="4000"
                class=SELECT
                data-testid="decision-statement"
            ></textarea>
        </label>
        <p class="text-xs text-slate-500">{t(K::ModStatementHint)}</p>
        {move || field_err("statement")}
    }
}

fn decision_buttons() -> impl IntoView {
    view! {
        <div class="flex flex-wrap gap-2">
            <button
                type="submit"
                name="action"
                value="approve"
                class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                data-testid="decide-approve"
            >
                {t(K::ModApprove)}
            </button>
            <button
                type="submit"
                name="action"
                value="request_changes"
                class="rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
                data-testid="decide-request_changes"
            >
                {t(K::ModRequestChanges)}
            </button>
            <button
                type="submit"
                name="action"
                value="reject"
                class="rounded-lg border border-red-300 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50"
                data-testid="decide-reject"
            >
                {t(K::ModReject)}
            </button>
        </div>
    }
}

#[component]
fn QueueTable(queue: Queue, filter: QueueFilter) -> impl IntoView {
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

fn marked(text: String, terms: &[String]) -> impl IntoView {
    highlight(&text, terms)
        .into_iter()
        .map(|(s, on)| {
            if on {
                view! {
                    <mark class="rounded bg-yellow-200 px-0.5" data-testid="highlight">
                        {s}
                    </mark>
                }
                .into_any()
            } else {
                s.into_any()
            }
        })
        .collect_view()
}

#[component]
fn AppealForm(key: String) -> impl IntoView {
    let action = ServerAction::<super::appeals::FileAppeal>::new();
    on_success(action.value(), |_| crate::ui::reload_page());
    let err = move || action.value().get().and_then(|r| r.err());
    view! {
        <details class="rounded-lg bg-slate-50 p-2">
            <summary class="cursor-pointer font-medium text-teal-800" data-testid="appeal-open">
                {t(K::ApAppeal)}
            </summary>
            <ActionForm action=action attr:class="mt-2 space-y-2">
                <input type="hidden" name="key" value=key />
                <label class="block text-sm">
                    <span class="font-medium">{t(K::ApText)}</span>
                    <textarea
                        name="text"
                        rows="3"
                        class=SELECT
                        data-testid="appeal-text"
                    ></textarea>
                </label>
                {move || {
                    err()
                        .map(|e| match e.field("text") {
                            Some(code) => {
                                view! {
                                    <p
                                        role="alert"
                                        class="text-sm text-red-700"
                                        data-field-error="text"
                                    >
                                        {t(field_error_key(code))}
                                    </p>
                                }
                                    .into_any()
                            }
                            None => view! { <ErrorBanner error=e /> }.into_any(),
                        })
                }}
                <button
                    type="submit"
                    class="rounded-lg bg-teal-700 px-3 py-1.5 font-semibold text-white"
                    data-testid="appeal-submit"
                >
                    {t(K::ApSubmit)}
                </button>
            </ActionForm>
        </details>
    }
}

fn appeal_key(status: &str) -> K {
    match status {
        "granted" => K::ApGranted,
        "denied" => K::ApDenied,
        _ => K::ApPending,
    }
}

#[component]
pub fn DecisionCard(d: DecisionView, #[prop(optional)] appealable: bool) -> impl IntoView {
    let appeal = (appealable && d.appeal_open).then(|| d.key.clone());
    view! {
        <article
            class="space-y-1 rounded-lg border border-slate-200 p-3 text-sm"
            data-testid="decision"
        >
            <p class="flex flex-wrap items-center gap-2">
                <strong data-testid="decision-action">{t(action_key(&d.action))}</strong>
                {d
                    .ground
                    .as_deref()
                    .map(|g| {
                        view! {
                            <span class="rounded bg-slate-100 px-2 py-0.5">{t(ground_key(g))}</span>
                        }
                    })}
                {d
                    .strike
                    .then(|| {
                        view! {
                            <span class="rounded bg-red-100 px-2 py-0.5 font-semibold text-red-800">
                                {t(K::ModStrike)}
                            </span>
                        }
                    })}
                <span class="text-slate-500">{utc_datetime(d.at)}</span>
            </p>
            {d.product_title.clone().map(|title| view! { <p class="text-slate-700">{title}</p> })}
            <p class="whitespace-pre-line text-slate-900" data-testid="decision-statement-text">
                {d.statement.clone()}
            </p>
            {d
                .appeal_status
                .as_deref()
                .map(|s| {
                    view! {
                        <p class="text-xs font-semibold text-slate-700" data-testid="appeal-status">
                            {t(appeal_key(s))}
                        </p>
                    }
                })}
            {d
                .appeal_open
                .then(|| {
                    d.appeal_until
                        .map(|u| {
                            view! {
                                <p class="text-xs text-slate-500">
                                    {t(K::AppealUntil)} " " {utc_datetime(u)}
                                </p>
                            }
                        })
                })}
            {appeal.map(|key| view! { <AppealForm key /> })}
        </article>
    }
}

#[component]
fn CaseView(c: CaseDetail) -> impl IntoView {
    let action = ServerAction::<DecideCase>::new();
    let back = format!(
        "/admin/moderation?case={}",
        encode_query_value(&c.summary.key)
    );
    on_success(action.value(), move |_| navigate_full(&back));
    let err = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let terms = highlight_terms(&c.summary.reasons);
    let h = c.history.clone();
    view! {
        <a href="/admin/moderation" class="text-sm text-teal-800 underline">
            "← "
            {t(K::ModAllCases)}
        </a>
        <header class="flex flex-wrap items-center gap-3">
            <h2 class="text-xl font-bold" data-testid="case-title">
                {marked(c.title_en.clone(), &terms)}
            </h2>
            {risk_badge(&c.summary.verdict)}
            <span
                class="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold"
                data-testid="case-status"
            >
                {t(case_status_key(&c.status))}
            </span>
            <span class="text-sm text-slate-600">
                {t(K::ModScore)} " " <strong>{c.summary.score}</strong>
            </span>
        </header>
        <div class="grid gap-4 lg:grid-cols-3">
            <section class="space-y-3 rounded-2xl border border-slate-200 bg-white p-5 lg:col-span-2">
                <h3 class="font-semibold">{t(K::ModTheListing)}</h3>
                <div class="flex gap-2 overflow-x-auto">
                    {c
                        .photos
                        .iter()
                        .map(|u| {
                            view! {
                                <img
                                    src=u.clone()
                                    alt=""
                                    class="h-28 w-28 shrink-0 rounded-lg object-cover"
                                />
                            }
                        })
                        .collect_view()}
                </div>
                <p class="font-medium" lang="zh-Hant">
                    {marked(c.title_zh.clone(), &terms)}
                </p>
                <p
                    class="whitespace-pre-line text-sm text-slate-700"
                    data-testid="case-description"
                >
                    {marked(c.description_en.clone(), &terms)}
                </p>
                <p class="whitespace-pre-line text-sm text-slate-700" lang="zh-Hant">
                    {marked(c.description_zh.clone(), &terms)}
                </p>
                <p class="text-sm">
                    {t(K::PriceLabel)} ": " <strong>{c.price.clone()}</strong>
                    {c
                        .brand
                        .clone()
                        .map(|b| {
                            view! {
                                " · "
                                {t(K::ModBrand)}
                                ": "
                                <strong>{b}</strong>
                            }
                        })} " · "
                    {t(crate::sellers::listing_views::listing_status_key(&c.listing_status))}
                </p>
                <h3 class="pt-2 font-semibold">{t(K::ModMatchedReasons)}</h3>
                <ul class="list-disc space-y-1 pl-5 text-sm" data-testid="case-reasons">
                    {c
                        .summary
                        .reasons
                        .iter()
                        .map(|r| view! { <li>{reason_text(r)}</li> })
                        .collect_view()}
                </ul>
                {(!c.matches.is_empty())
                    .then(|| {
                        view! {
                            <h3 class="pt-2 font-semibold">{t(K::ModImageMatches)}</h3>
                            <ul class="space-y-3" data-testid="image-matches">
                                {c
                                    .matches
                                    .iter()
                                    .map(|m| {
                                        view! {
                                            <li class="flex flex-wrap items-center gap-3 text-sm">
                                                <figure>
                                                    <img
                                                        src=c.photos.first().cloned().unwrap_or_default()
                                                        alt=""
                                                        class="h-28 w-28 rounded-lg object-cover"
                                                    />
                                                    <figcaption class="text-xs text-slate-500">
                                                        {t(K::ModThisListing)}
                                                    </figcaption>
                                                </figure>
                                                <figure>
                                                    <img
                                                        src=m.matched_url.clone()
                                                        alt=""
                                                        class="h-28 w-28 rounded-lg object-cover"
                                                    />
                                                    <figcaption class="text-xs text-slate-500">
                                                        {t(K::ModMatched)}
                                                    </figcaption>
                                                </figure>
                                                <span>
                                                    {reason_text(&m.reason)} " · " {m.distance} " "
                                                    {t(K::ModBitsApart)}
                                                </span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })}
            </section>
            <aside
                class="space-y-2 rounded-2xl border border-slate-200 bg-white p-5 text-sm"
                data-testid="shop-history"
            >
                <h3 class="font-semibold">{t(K::ModShopHistory)}</h3>
                <p class="font-medium">{c.summary.shop_name.clone()}</p>
                <dl class="grid grid-cols-2 gap-2">
                    <dt class="text-slate-500">{t(K::ModShopOpened)}</dt>
                    <dd>{utc_datetime(h.created_at)}</dd>
                    <dt class="text-slate-500">{t(K::ModActiveStrikes)}</dt>
                    <dd data-testid="shop-strikes">{h.active_strikes}</dd>
                    <dt class="text-slate-500">{t(K::ModSanction)}</dt>
                    <dd data-testid="shop-sanction">{t(sanction_key(&h.sanction))}</dd>
                    <dt class="text-slate-500">{t(K::ModOpenCases)}</dt>
                    <dd>{h.open_cases}</dd>
                </dl>
                <h4 class="pt-2 font-semibold">{t(K::ModPastDecisions)}</h4>
                {if h.decisions.is_empty() {
                    view! { <p class="text-slate-600">{t(K::ModNoDecisions)}</p> }.into_any()
                } else {
                    h.decisions
                        .into_iter()
                        .take(5)
                        .map(|d| view! { <DecisionCard d /> })
                        .collect_view()
                        .into_any()
                }}
            </aside>
        </div>
        {match c.decision.clone() {
            Some(d) => {
                view! {
                    <section class="rounded-2xl border border-slate-200 bg-white p-5">
                        <DecisionCard d />
                    </section>
                }
                    .into_any()
            }
            None => {
                view! {
                    <ActionForm
                        action=action
                        attr:class="space-y-3 rounded-2xl border border-slate-200 bg-white p-5"
                        attr:id="case-decision-form"
                    >
                        <h3 class="text-lg font-semibold">{t(K::Decision)}</h3>
                        <input type="hidden" name="key" value=c.summary.key.clone() />
                        <ReasonFields err />
                        {move || {
                            err.get()
                                .filter(|e| {
                                    e.field("ground").is_none() && e.field("statement").is_none()
                                })
                                .map(|e| view! { <ErrorBanner error=e /> })
                        }}
                        {decision_buttons()}
                    </ActionForm>
                }
                    .into_any()
            }
        }}
    }
}

#[component]
fn AppealRow(a: super::appeals::AppealView) -> impl IntoView {
    let action = ServerAction::<super::appeals::DecideAppeal>::new();
    on_success(action.value(), |_| crate::ui::reload_page());
    let err = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <article
            class="space-y-2 rounded-xl border border-slate-200 bg-white p-4 text-sm"
            data-testid="appeal-row"
        >
            <p>
                <strong>{a.shop_name.clone()}</strong>
                " · "
                {a.product_title.clone().unwrap_or_default()}
                " · "
                {utc_datetime(a.created_at)}
            </p>
            <p class="text-slate-600">
                {t(action_key(&a.decision_action))} ": " {a.decision_statement.clone()}
            </p>
            <p class="whitespace-pre-line rounded bg-slate-50 p-2">{a.text.clone()}</p>
            {a
                .own_decision
                .then(|| {
                    view! { <p class="font-semibold text-amber-800">{t(K::ApOwnDecision)}</p> }
                })}
            <ActionForm action=action attr:class="space-y-2">
                <input type="hidden" name="key" value=a.key.clone() />
                <label class="block">
                    <span class="font-medium">{t(K::StatementLabel)}</span>
                    <textarea name="statement" rows="2" class=SELECT></textarea>
                </label>
                {move || err.get().map(|e| view! { <ErrorBanner error=e /> })}
                <div class="flex gap-2">
                    <button
                        type="submit"
                        name="decision"
                        value="grant"
                        class="rounded-lg bg-teal-700 px-3 py-1.5 font-semibold text-white"
                    >
                        {t(K::ApGrant)}
                    </button>
                    <button
                        type="submit"
                        name="decision"
                        value="deny"
                        class="rounded-lg border border-slate-300 px-3 py-1.5 font-semibold"
                    >
                        {t(K::ApDeny)}
                    </button>
                </div>
            </ActionForm>
        </article>
    }
}

#[component]
fn Appeals() -> impl IntoView {
    let data = Resource::new(|| (), |_| super::appeals::get_open_appeals());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                data.await
                    .ok()
                    .filter(|a| !a.is_empty())
                    .map(|appeals| {
                        view! {
                            <section class="space-y-3" data-testid="appeals">
                                <h2 class="text-lg font-semibold">{t(K::ApTitle)}</h2>
                                {appeals
                                    .into_iter()
                                    .map(|a| view! { <AppealRow a /> })
                                    .collect_view()}
                            </section>
                        }
                    })
            })}
        </Suspense>
    }
}

#[derive(Clone, serde::Serialize, serde::Deserialize)]
enum Page {
    List(Queue, QueueFilter),
    Case(Box<CaseDetail>),
}

#[component]
pub fn ModerationPage() -> impl IntoView {
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        (
            get("case"),
            QueueFilter {
                risk: get("risk"),
                kind: get("kind"),
                brand: get("brand"),
                shop: get("shop"),
                age: get("age"),
            },
        )
    };
    let data = Resource::new(params, |(case, filter)| async move {
        if case.is_empty() {
            get_moderation_queue(filter.clone())
                .await
                .map(|q| Page::List(q, filter))
        } else {
            get_moderation_case(case)
                .await
                .map(|c| Page::Case(Box::new(c)))
        }
    });
    view! {
        <Title text=format!("{} · {}", t(K::ModQueue), t(K::Brand)) />
        <section class="space-y-5">
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::ModQueue)}</h1>
                <p class="text-slate-600">{t(K::ModQueueIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(Page::List(queue, filter)) => {
                            view! {
                                <super::reports::OpenReports />
                                <QueueTable queue filter />
                                <crate::reviews::admin::ModerationReviews />
                                <crate::referrals::admin::HeldRewards />
                                <Appeals />
                            }
                                .into_any()
                        }
                        Ok(Page::Case(c)) => view! { <CaseView c=*c /> }.into_any(),
                        Err(e) => {
                            view! { <GateError error=e path="/admin/moderation" /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
