//! A moderation decision as the seller and moderators see it, the seller's appeal form,
//! and the moderators' list of open appeals.

use leptos::prelude::*;

use super::{action_key, ground_key, SELECT};
use crate::i18n::{field_error_key, t, K};
use crate::moderation::queue::DecisionView;
use crate::ui::utc_datetime;
use crate::ui::{on_success, ErrorBanner};

#[component]
fn AppealForm(key: String) -> impl IntoView {
    let action = ServerAction::<crate::moderation::appeals::FileAppeal>::new();
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
fn AppealRow(a: crate::moderation::appeals::AppealView) -> impl IntoView {
    let action = ServerAction::<crate::moderation::appeals::DecideAppeal>::new();
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
pub(super) fn Appeals() -> impl IntoView {
    let data = Resource::new(|| (), |_| crate::moderation::appeals::get_open_appeals());
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
