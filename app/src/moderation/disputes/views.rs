//! `/admin/disputes`: the claims queue; `/admin/disputes/:key`: one claim with the
//! order, its timeline, the return and its photos, both sides, their conversation and
//! the shop's record, and the decision form.

use domain::dispute::{DisputeStatus, Outcome};
use domain::keys::DisputeKey;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::*;
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::orders::views::{event_label, reason_or_text, ReturnCard};
use crate::shell::GateError;
use crate::ui::{EmptyState, ErrorBanner, LoadingBlock};

const CARD: &str = "rounded-2xl border border-slate-200 bg-white p-4 sm:p-6";
const NOTE: &str = "mt-1 text-sm text-slate-700";
const BUTTON: &str = "rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800 focus:outline-none focus:ring-2 focus:ring-teal-600 focus:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50";
const INPUT: &str = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600";

fn status_text(s: &DisputeSummary) -> &'static str {
    t(match (s.status, s.outcome) {
        (DisputeStatus::AwaitingSeller, _) => K::ClaimUnderReview,
        (_, Some(Outcome::Refund)) => K::ClaimDecidedRefund,
        (_, Some(Outcome::PartialRefund)) => K::ClaimDecidedPartial,
        (_, Some(Outcome::Close)) => K::ClaimDecidedClose,
        _ => K::ClaimUnderReview,
    })
}

#[component]
pub fn DisputesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_disputes());
    view! {
        <Title text=format!("{} · {}", t(K::DisputesTitle), t(K::Brand)) />
        <section class="space-y-6">
            <header>
                <a href="/admin" class="text-sm text-teal-800 underline">
                    {t(K::AdminTitle)}
                </a>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::DisputesTitle)}</h1>
                <p class="text-slate-600">{t(K::DisputesIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(q) => {
                            view! {
                                {if q.open.is_empty() {
                                    view! { <EmptyState message=K::DisputesNone /> }.into_any()
                                } else {
                                    view! { <DisputeList rows=q.open test_id="open-disputes" /> }
                                        .into_any()
                                }}
                                {(!q.decided.is_empty())
                                    .then(|| {
                                        view! {
                                            <h2 class="text-lg font-semibold">
                                                {t(K::DisputesDecided)}
                                            </h2>
                                            <DisputeList rows=q.decided test_id="decided-disputes" />
                                        }
                                    })}
                            }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/admin/disputes" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn DisputeList(rows: Vec<DisputeSummary>, test_id: &'static str) -> impl IntoView {
    view! {
        <ul
            class="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white"
            data-testid=test_id
        >
            {rows
                .into_iter()
                .map(|d| {
                    view! {
                        <li class="flex flex-wrap items-center justify-between gap-2 p-4">
                            <a
                                href=format!("/admin/disputes/{}", d.key)
                                class="font-medium text-teal-800 underline"
                                data-testid="dispute-link"
                            >
                                {d.number.clone()}
                                " · "
                                {d.shop_name.clone()}
                            </a>
                            <span class="text-sm text-slate-600">
                                {d.buyer_name.clone()} " · " {d.opened_at.clone()} " · "
                                {status_text(&d)}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn DisputePage() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.read().get("key").unwrap_or_default();
    let data = Resource::new(key, |k| async move {
        let key: DisputeKey = k.parse().map_err(|_| AppError::NotFound)?;
        get_dispute(key).await
    });
    view! {
        <Title text=format!("{} · {}", t(K::DisputesTitle), t(K::Brand)) />
        <section class="space-y-4">
            <a href="/admin/disputes" class="text-sm text-teal-800 underline">
                {t(K::DisputesTitle)}
            </a>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(c) => {
                            view! { <Case c=c done=Callback::new(move |()| data.refetch()) /> }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/admin/disputes" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Case(c: DisputeCase, done: Callback<()>) -> impl IntoView {
    let decided = c.summary.status == DisputeStatus::Decided;
    let key = c.summary.key.clone();
    view! {
        <header data-testid="dispute-case">
            <h1 class="text-2xl font-bold text-slate-900">
                {c.summary.number.clone()} " · " {c.summary.shop_name.clone()}
            </h1>
            <p class="font-semibold" data-testid="dispute-state">
                {status_text(&c.summary)}
            </p>
        </header>
        <div class="grid gap-4 lg:grid-cols-2">
            <Sides c=c.clone() />
            <Order c=c.clone() />
            {c.ret.clone().map(|r| view! { <ReturnCard r=r /> })}
            <Conversation messages=c.messages.clone() />
        </div>
        {if decided {
            view! {
                <section class=CARD data-testid="dispute-decision">
                    <p class=NOTE>
                        {t(K::ClaimReasons)} " " {c.decision_statement.clone().unwrap_or_default()}
                    </p>
                </section>
            }
                .into_any()
        } else {
            view! { <DecideForm key=key refund_left=c.refund_left.format() done=done /> }.into_any()
        }}
    }
}

/// Both sides' statements and the shop's record.
#[component]
fn Sides(c: DisputeCase) -> impl IntoView {
    view! {
        <section class=CARD data-testid="dispute-sides">
            <p class=NOTE>{t(K::ClaimBuyerSide)} " " {c.buyer_statement}</p>
            {match c.seller_statement {
                Some(s) => view! { <p class=NOTE>{t(K::ClaimSellerSide)} " " {s}</p> }.into_any(),
                None if c.summary.seller_silent => {
                    view! { <p class=NOTE>{t(K::SellerSilent)}</p> }.into_any()
                }
                None => {
                    view! {
                        <p class=NOTE>
                            {t(K::ClaimAwaitingSeller).replace("{date}", &c.answer_by)}
                        </p>
                    }
                        .into_any()
                }
            }}
            <h2 class="mt-3 font-semibold">{t(K::ShopRecord)}</h2>
            <p class=NOTE data-testid="shop-record">
                {c.shop_lost}
                " "
                {t(K::ClaimsLost)}
                " · "
                {c.shop_strikes}
                " "
                {t(K::ActiveStrikes)}
            </p>
        </section>
    }
}

/// The order's lines, money and timeline.
#[component]
fn Order(c: DisputeCase) -> impl IntoView {
    view! {
        <section class=CARD data-testid="dispute-order">
            <ul class="text-sm">
                {c
                    .lines
                    .iter()
                    .map(|(title, n, total)| {
                        view! { <li>{title.clone()} " × " {*n} " · " {total.format()}</li> }
                    })
                    .collect_view()}
            </ul>
            <p class=NOTE>
                {t(K::PaidByBuyer)} " " {c.paid.format()} " · " {t(K::RefundLeft)} " "
                {c.refund_left.format()}
            </p>
            <ol class="mt-3 space-y-1 text-sm" data-testid="dispute-timeline">
                {c
                    .timeline
                    .iter()
                    .map(|(kind, at, note)| {
                        view! {
                            <li>
                                <span class="text-slate-500">{at.clone()}</span>
                                " "
                                {event_label(kind)}
                                {note.as_deref().map(|n| format!(" · {}", reason_or_text(n)))}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn Conversation(messages: Vec<CaseMessage>) -> impl IntoView {
    view! {
        <section class=CARD data-testid="dispute-conversation">
            <h2 class="font-semibold">{t(K::ClaimConversation)}</h2>
            {messages.is_empty().then(|| view! { <p class=NOTE>{t(K::ClaimNoMessages)}</p> })}
            <ol class="mt-2 space-y-2 text-sm">
                {messages
                    .into_iter()
                    .map(|m| {
                        let side = if m.from_buyer {
                            K::ClaimBuyerSide
                        } else {
                            K::ClaimSellerSide
                        };
                        view! {
                            <li class=if m.about_order { "rounded bg-amber-50 p-2" } else { "p-2" }>
                                <span class="text-slate-500">{m.at} " "</span>
                                <span class="font-medium">{t(side)}</span>
                                " "
                                {m.body}
                                {m.about_order.then(|| format!(" ({})", t(K::ClaimAboutOrder)))}
                                {(!m.photos.is_empty())
                                    .then(|| {
                                        view! {
                                            <div class="mt-1">
                                                <crate::chat::views::PhotoStrip photos=m.photos />
                                            </div>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// The decision: an outcome, an amount for a partial refund, and the reasons.
#[component]
fn DecideForm(key: String, refund_left: String, done: Callback<()>) -> impl IntoView {
    let decide = ServerAction::<DecideDispute>::new();
    Effect::new(move |_| {
        if matches!(decide.value().get(), Some(Ok(()))) {
            done.run(());
        }
    });
    view! {
        <section class=CARD data-testid="decide-dispute">
            <ActionForm action=decide attr:class="space-y-3" attr:novalidate=true>
                <input type="hidden" name="key" value=key />
                <fieldset class="space-y-1">
                    <legend class="font-semibold">{t(K::DecideClaim)}</legend>
                    {[
                        (Outcome::Refund, K::OutcomeRefund),
                        (Outcome::PartialRefund, K::OutcomePartial),
                        (Outcome::Close, K::OutcomeClose),
                    ]
                        .into_iter()
                        .map(|(o, k)| {
                            view! {
                                <label class="flex items-center gap-2 text-sm">
                                    <input
                                        type="radio"
                                        name="outcome"
                                        value=o.as_str()
                                        checked=o == Outcome::Refund
                                        data-testid=format!("outcome-{}", o.as_str())
                                    />
                                    {t(k)}
                                    {(o == Outcome::Refund).then(|| format!(" ({refund_left})"))}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <div>
                    <label for="dispute-amount" class="block text-sm font-medium">
                        {t(K::ClaimAmount)}
                    </label>
                    <input id="dispute-amount" name="amount" inputmode="decimal" class=INPUT />
                </div>
                <div>
                    <label for="dispute-statement" class="block text-sm font-medium">
                        {t(K::ClaimReasons)}
                    </label>
                    <textarea
                        id="dispute-statement"
                        name="statement"
                        rows="3"
                        maxlength="2000"
                        class=INPUT
                    ></textarea>
                </div>
                {move || {
                    decide
                        .value()
                        .get()
                        .and_then(|r| r.err())
                        .map(|e| view! { <ErrorBanner error=e /> })
                }}
                <button
                    type="submit"
                    class=BUTTON
                    data-testid="decide-dispute-submit"
                    disabled=move || decide.pending().get()
                >
                    {t(K::DecideClaim)}
                </button>
            </ActionForm>
        </section>
    }
}
