//! One case: the listing with the matched terms marked, the matched photos, the shop's
//! history and the decision form (or the decision taken).

use leptos::prelude::*;

use super::{decision_buttons, risk_badge, sanction_key, DecisionCard, ReasonFields};
use crate::i18n::reason_text;
use crate::i18n::{t, K};
use crate::moderation::queue::{highlight, highlight_terms, CaseDetail, DecideCase};
use crate::prefs::encode_query_value;
use crate::ui::utc_datetime;
use crate::ui::{navigate_full, on_success, ErrorBanner};

fn case_status_key(s: &str) -> K {
    match s {
        "approved" => K::CsApproved,
        "rejected" => K::CsRejected,
        "changes_requested" => K::CsChangesRequested,
        _ => K::CsOpen,
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

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub(super) fn CaseView(c: CaseDetail) -> impl IntoView {
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
                    {t(crate::sellers::listings::views::listing_status_key(&c.listing_status))}
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
