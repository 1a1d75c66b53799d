//! `/admin/sellers`: moderators review applications to sell (list, then one
//! application with its documents, history and the decision form); admins flip the
//! auto-approve switch.

use domain::onboarding::{ApplicationAction, ApplicationStatus};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::i18n::{field_error_key, t, use_lang, K};
use crate::prefs::encode_query_value;
use crate::sellers::onboarding::country_label;
use crate::sellers::onboarding::views::{document_key, status_badge_class, status_key, History};
use crate::sellers::onboarding::{
    action_name, get_application, get_applications, Application, ApplicationList,
    DecideApplication, SetAutoApprove, LIST_FILTERS,
};
use crate::shell::GateError;
use crate::ui::{navigate_full, on_success, EmptyState, ErrorBanner, LoadingBlock};

use crate::ui::utc_datetime;

fn filter_key(f: &str) -> K {
    match f {
        "pending" => K::AppFilterPending,
        "approved" => K::StatusApproved,
        "rejected" => K::AppRejected,
        "more_info_requested" => K::AppMoreInfo,
        "suspended" => K::StatusSuspended,
        _ => K::AppFilterAll,
    }
}

fn action_key(a: ApplicationAction) -> K {
    match a {
        ApplicationAction::StartReview => K::ActStartReview,
        ApplicationAction::RequestInfo => K::ActRequestInfo,
        ApplicationAction::Approve => K::ActApprove,
        ApplicationAction::Reject => K::ActReject,
        ApplicationAction::Suspend => K::ActSuspend,
        ApplicationAction::Reinstate => K::ActReinstate,
        ApplicationAction::Terminate => K::ActTerminate,
        ApplicationAction::Submit | ApplicationAction::AutoApprove => K::HistOther,
    }
}

/// The decisions a moderator can take from `status`.
fn actions_for(status: ApplicationStatus) -> Vec<ApplicationAction> {
    use domain::onboarding::{transition, Actor};
    ApplicationAction::ALL
        .into_iter()
        .filter(|a| {
            !matches!(
                a,
                ApplicationAction::Submit | ApplicationAction::AutoApprove
            )
        })
        .filter(|a| transition(status, *a, Actor::Moderator, Some("x")).is_ok())
        .collect()
}

#[component]
fn AutoApproveSwitch(on: bool) -> impl IntoView {
    let action = ServerAction::<SetAutoApprove>::new();
    on_success(action.value(), move |_| navigate_full("/admin/sellers"));
    let err = move || action.value().get().and_then(|r| r.err());
    view! {
        <ActionForm
            action=action
            attr:class="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white p-4"
            attr:id="auto-approve-form"
        >
            <input type="hidden" name="enabled" value=if on { "off" } else { "on" } />
            <div class="grow">
                <p class="font-medium">{t(K::AutoApprove)}</p>
                <p class="text-sm text-slate-600">{t(K::AutoApproveHint)}</p>
            </div>
            <span
                class=if on {
                    "rounded-full bg-emerald-100 px-3 py-1 text-sm font-semibold text-emerald-800"
                } else {
                    "rounded-full bg-slate-100 px-3 py-1 text-sm font-semibold text-slate-700"
                }
                data-testid="auto-approve-state"
            >
                {if on { t(K::On) } else { t(K::Off) }}
            </span>
            <button
                type="submit"
                class="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
                data-testid="auto-approve-toggle"
            >
                {if on { t(K::TurnOff) } else { t(K::TurnOn) }}
            </button>
            {move || err().map(|e| view! { <ErrorBanner error=e /> })}
        </ActionForm>
    }
}

#[component]
fn ApplicationTable(list: ApplicationList, filter: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <AutoApproveSwitch on=list.auto_approve />
        <nav class="flex flex-wrap gap-2 text-sm" aria-label=t(K::Filter)>
            {LIST_FILTERS
                .iter()
                .map(|f| {
                    let current = *f == filter.as_str() || (filter.is_empty() && *f == "pending");
                    view! {
                        <a
                            href=format!("/admin/sellers?status={f}")
                            aria-current=current.then_some("page")
                            class=if current {
                                "rounded-full bg-teal-700 px-3 py-1 font-semibold text-white"
                            } else {
                                "rounded-full border border-slate-300 px-3 py-1 hover:bg-slate-100"
                            }
                        >
                            {t(filter_key(f))}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        {if list.items.is_empty() {
            view! { <EmptyState message=K::NoApplications /> }.into_any()
        } else {
            view! {
                <div class="overflow-x-auto rounded-xl border border-slate-200 bg-white">
                    <table
                        class="min-w-full divide-y divide-slate-200 text-sm"
                        data-testid="applications"
                    >
                        <thead class="bg-slate-50 text-left text-slate-600">
                            <tr>
                                <th scope="col" class="px-4 py-2 font-medium">
                                    {t(K::ShopName)}
                                </th>
                                <th scope="col" class="px-4 py-2 font-medium">
                                    {t(K::LegalName)}
                                </th>
                                <th scope="col" class="px-4 py-2 font-medium">
                                    {t(K::Country)}
                                </th>
                                <th scope="col" class="px-4 py-2 font-medium">
                                    {t(K::ApplicationStatus)}
                                </th>
                                <th scope="col" class="px-4 py-2 font-medium">
                                    {t(K::SubmittedAt)}
                                </th>
                            </tr>
                        </thead>
                        <tbody class="divide-y divide-slate-100">
                            {list
                                .items
                                .into_iter()
                                .map(|a| {
                                    view! {
                                        <tr>
                                            <td class="px-4 py-2">
                                                <a
                                                    href=format!(
                                                        "/admin/sellers?id={}",
                                                        encode_query_value(&a.key),
                                                    )
                                                    class="font-medium text-teal-800 underline"
                                                >
                                                    {if a.shop_name.is_empty() {
                                                        a.key.clone()
                                                    } else {
                                                        a.shop_name.clone()
                                                    }}
                                                </a>
                                            </td>
                                            <td class="px-4 py-2">{a.legal_name}</td>
                                            <td class="px-4 py-2">{country_label(&a.country, lang)}</td>
                                            <td class="px-4 py-2">
                                                <span class=status_badge_class(
                                                    a.status,
                                                )>{t(status_key(a.status))}</span>
                                            </td>
                                            <td class="whitespace-nowrap px-4 py-2 text-slate-500">
                                                {a.submitted_at.map(utc_datetime).unwrap_or_default()}
                                            </td>
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
}

#[component]
fn Decision(key: String, status: ApplicationStatus) -> impl IntoView {
    let action = ServerAction::<DecideApplication>::new();
    let back = format!("/admin/sellers?id={}", encode_query_value(&key));
    on_success(action.value(), move |_| navigate_full(&back));
    let err = move || action.value().get().and_then(|r| r.err());
    let actions = actions_for(status);
    if actions.is_empty() {
        return ().into_any();
    }
    view! {
        <ActionForm
            action=action
            attr:class="space-y-3 rounded-2xl border border-slate-200 bg-white p-6"
            attr:id="decision-form"
        >
            <h2 class="text-lg font-semibold">{t(K::Decision)}</h2>
            <input type="hidden" name="key" value=key />
            <label for="reason" class="block text-sm font-medium text-slate-800">
                {t(K::StatementOfReasons)}
            </label>
            <textarea
                id="reason"
                name="reason"
                rows="3"
                maxlength="2000"
                class="block w-full rounded-lg border border-slate-300 px-3 py-2 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600"
            ></textarea>
            <p class="text-xs text-slate-500">{t(K::ReasonHint)}</p>
            {move || {
                err()
                    .map(|e| match e.field("reason") {
                        Some(code) => {
                            view! {
                                <p role="alert" class="text-sm text-red-700">
                                    {t(field_error_key(code))}
                                </p>
                            }
                                .into_any()
                        }
                        None => view! { <ErrorBanner error=e /> }.into_any(),
                    })
            }}
            <div class="flex flex-wrap gap-2">
                {actions
                    .into_iter()
                    .map(|a| {
                        let primary = matches!(
                            a,
                            ApplicationAction::Approve | ApplicationAction::Reinstate
                        );
                        let danger = matches!(
                            a,
                            ApplicationAction::Reject
                            | ApplicationAction::Terminate
                            | ApplicationAction::Suspend
                        );
                        let class = if primary {
                            "rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                        } else if danger {
                            "rounded-lg border border-red-300 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50"
                        } else {
                            "rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
                        };
                        view! {
                            <button
                                type="submit"
                                name="action"
                                value=action_name(a)
                                class=class
                                data-testid=format!("decide-{}", action_name(a))
                            >
                                {t(action_key(a))}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn ApplicationDetail(app: Application) -> impl IntoView {
    let lang = use_lang();
    let f = app.fields.clone();
    let row = |k: K, v: String| {
        view! {
            <div>
                <dt class="text-sm text-slate-500">{t(k)}</dt>
                <dd class="font-medium text-slate-900">
                    {if v.is_empty() { "—".to_string() } else { v }}
                </dd>
            </div>
        }
    };
    view! {
        <a href="/admin/sellers" class="text-sm text-teal-800 underline">
            "← "
            {t(K::AllApplications)}
        </a>
        <div class="flex flex-wrap items-center gap-3">
            <h2 class="text-xl font-bold" data-testid="application-shop">
                {f.shop_name.clone()}
            </h2>
            <span class=status_badge_class(app.status) data-testid="application-status">
                {t(status_key(app.status))}
            </span>
        </div>
        <dl class="grid grid-cols-1 gap-4 rounded-2xl border border-slate-200 bg-white p-6 sm:grid-cols-2">
            {row(K::ShopSlug, f.shop_slug)}
            {row(
                K::BusinessType,
                match f.business_type.as_str() {
                    "company" => t(K::BizCompany).to_string(),
                    "individual" => t(K::BizIndividual).to_string(),
                    other => other.to_string(),
                },
            )} {row(K::LegalName, f.legal_name)} {row(K::RegistrationNumber, f.registration_number)}
            {row(K::Country, country_label(&f.country, lang))} {row(K::BusinessAddress, f.address)}
            {row(K::PayoutCurrency, f.payout_currency)} {row(K::ContactEmail, f.contact_email)}
            {row(K::ContactPhone, f.contact_phone)} {row(K::ClaimedBrand, f.brand)}
        </dl>
        <section class="rounded-2xl border border-slate-200 bg-white p-6">
            <h2 class="mb-3 text-lg font-semibold">{t(K::ApplyStepDocuments)}</h2>
            <ul class="space-y-2" data-testid="review-documents">
                {app
                    .required
                    .iter()
                    .copied()
                    .chain(app.documents.iter().map(|d| d.kind))
                    .fold(
                        Vec::new(),
                        |mut v, k| {
                            if !v.contains(&k) {
                                v.push(k)
                            }
                            v
                        },
                    )
                    .into_iter()
                    .map(|kind| {
                        let doc = app.documents.iter().find(|d| d.kind == kind).cloned();
                        let required = app.required.contains(&kind);
                        view! {
                            <li class="flex flex-wrap items-center justify-between gap-2">
                                <span>
                                    {t(document_key(kind))}
                                    {required
                                        .then(|| {
                                            view! {
                                                <span class="ml-2 text-xs text-amber-800">
                                                    {t(K::Required)}
                                                </span>
                                            }
                                        })}
                                </span>
                                {match doc {
                                    Some(d) => {
                                        view! {
                                            <a
                                                href=d.url
                                                target="_blank"
                                                class="text-sm font-medium text-teal-800 underline"
                                            >
                                                {t(K::OpenDocument)}
                                                " · "
                                                {utc_datetime(d.uploaded_at)}
                                            </a>
                                        }
                                            .into_any()
                                    }
                                    None => {
                                        view! {
                                            <span class="text-sm font-semibold text-red-700">
                                                {t(K::DocNotUploaded)}
                                            </span>
                                        }
                                            .into_any()
                                    }
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <Decision key=app.key.clone() status=app.status />
        <section class="rounded-2xl border border-slate-200 bg-white p-6">
            <h2 class="mb-3 text-lg font-semibold">{t(K::ApplicationHistory)}</h2>
            <History entries=app.history />
        </section>
    }
}

#[derive(Clone, serde::Serialize, serde::Deserialize)]
enum Page {
    List(ApplicationList, String),
    Detail(Application),
}

#[component]
pub fn SellerApplicationsPage() -> impl IntoView {
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        (
            q.get("id").unwrap_or_default(),
            q.get("status").unwrap_or_default(),
        )
    };
    let data = Resource::new(params, |(id, status)| async move {
        if id.is_empty() {
            get_applications(status.clone())
                .await
                .map(|l| Page::List(l, status))
        } else {
            get_application(id).await.map(Page::Detail)
        }
    });
    view! {
        <Title text=format!("{} · {}", t(K::SellerApplications), t(K::Brand)) />
        <section class="space-y-6">
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::SellerApplications)}</h1>
                <p class="text-slate-600">{t(K::SellerApplicationsIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(Page::List(list, filter)) => {
                            view! { <ApplicationTable list filter /> }.into_any()
                        }
                        Ok(Page::Detail(app)) => view! { <ApplicationDetail app /> }.into_any(),
                        Err(e) => view! { <GateError error=e path="/admin/sellers" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
