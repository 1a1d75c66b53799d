//! `/sell`: apply to open a shop. Step 1 saves the application's fields (a server
//! function form), step 2 uploads the documents it needs (plain multipart forms, so
//! files upload with or without wasm), step 3 submits. After submitting, the page shows
//! the status, the latest statement of reasons and the history.

mod documents;
mod form;

use domain::onboarding::{ApplicationStatus, DocumentKind};
use leptos::prelude::*;
use leptos_meta::Title;

use self::documents::Documents;
use self::form::{ApplicationForm, SubmitForm};
use super::{get_my_application, ApplicationFields, HistoryEntry};
use crate::i18n::{t, K};
use crate::shell::GateError;
use crate::ui::LoadingBlock;

pub fn status_key(s: ApplicationStatus) -> K {
    match s {
        ApplicationStatus::Draft => K::AppDraft,
        ApplicationStatus::Submitted => K::AppSubmitted,
        ApplicationStatus::InReview => K::AppInReview,
        ApplicationStatus::MoreInfoRequested => K::AppMoreInfo,
        ApplicationStatus::Approved => K::StatusApproved,
        ApplicationStatus::Rejected => K::AppRejected,
        ApplicationStatus::Suspended => K::StatusSuspended,
        ApplicationStatus::Terminated => K::AppTerminated,
    }
}

pub fn document_key(d: DocumentKind) -> K {
    match d {
        DocumentKind::Identity => K::DocIdentity,
        DocumentKind::BusinessRegistration => K::DocBusinessRegistration,
        DocumentKind::BrandAuthorisation => K::DocBrandAuthorisation,
        DocumentKind::ProofOfAddress => K::DocProofOfAddress,
    }
}

/// The history's action names (`seller.approve`) in the page's language.
pub fn history_key(action: &str) -> K {
    match action.strip_prefix("seller.").unwrap_or(action) {
        "create" => K::HistCreate,
        "document" => K::HistDocument,
        "submit" => K::HistSubmit,
        "start_review" => K::HistStartReview,
        "request_info" => K::HistRequestInfo,
        "approve" | "auto_approve" => K::HistApprove,
        "reject" => K::HistReject,
        "suspend" => K::HistSuspend,
        "reinstate" => K::HistReinstate,
        "terminate" => K::HistTerminate,
        _ => K::HistOther,
    }
}

pub fn status_badge_class(s: ApplicationStatus) -> &'static str {
    match s {
        ApplicationStatus::Approved => {
            "rounded-full bg-emerald-100 px-3 py-1 text-sm font-semibold text-emerald-800"
        }
        ApplicationStatus::Rejected
        | ApplicationStatus::Terminated
        | ApplicationStatus::Suspended => {
            "rounded-full bg-red-100 px-3 py-1 text-sm font-semibold text-red-800"
        }
        ApplicationStatus::MoreInfoRequested => {
            "rounded-full bg-amber-100 px-3 py-1 text-sm font-semibold text-amber-900"
        }
        _ => "rounded-full bg-sky-100 px-3 py-1 text-sm font-semibold text-sky-900",
    }
}

#[component]
pub fn History(entries: Vec<HistoryEntry>) -> impl IntoView {
    view! {
        <ol class="space-y-2 border-l-2 border-slate-200 pl-4" data-testid="application-history">
            {entries
                .into_iter()
                .map(|h| {
                    view! {
                        <li>
                            <p class="text-sm font-medium text-slate-800">
                                {t(history_key(&h.action))}
                            </p>
                            <p class="text-xs text-slate-500">
                                <time>{crate::ui::utc_datetime(h.at)}</time>
                            </p>
                            {h
                                .reason
                                .map(|r| {
                                    view! {
                                        <p class="mt-1 rounded bg-slate-50 p-2 text-sm text-slate-700">
                                            {r}
                                        </p>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
pub fn ApplyPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_my_application());
    view! {
        <Title text=format!("{} · {}", t(K::ApplyTitle), t(K::Brand)) />
        <section class="mx-auto max-w-3xl space-y-6">
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::ApplyTitle)}</h1>
                <p class="text-slate-600">{t(K::ApplyIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(None) => {
                            view! {
                                <div class="rounded-2xl border border-slate-200 bg-white p-6">
                                    <ApplicationForm fields=ApplicationFields::default() />
                                </div>
                            }
                                .into_any()
                        }
                        Ok(Some(app)) => {
                            let status = app.status;
                            let editable = status.editable();
                            view! {
                                <div class="flex flex-wrap items-center gap-3 rounded-2xl border border-slate-200 bg-white p-4">
                                    <span class="text-sm text-slate-600">
                                        {t(K::ApplicationStatus)}
                                    </span>
                                    <span
                                        class=status_badge_class(status)
                                        data-testid="application-status"
                                    >
                                        {t(status_key(status))}
                                    </span>
                                    {(status == ApplicationStatus::Approved)
                                        .then(|| {
                                            view! {
                                                <a
                                                    href="/seller"
                                                    class="ml-auto rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                                                    data-testid="go-seller-centre"
                                                >
                                                    {t(K::SellerCentre)}
                                                </a>
                                            }
                                        })}
                                </div>
                                {app
                                    .reason
                                    .clone()
                                    .map(|r| {
                                        view! {
                                            <div
                                                class="rounded-xl border border-amber-200 bg-amber-50 p-4 text-amber-950"
                                                data-testid="application-reason"
                                            >
                                                <p class="text-sm font-semibold">{t(K::ReasonsGiven)}</p>
                                                <p>{r}</p>
                                            </div>
                                        }
                                    })}
                                {editable
                                    .then(|| {
                                        let fields = app.fields.clone();
                                        let app2 = app.clone();
                                        view! {
                                            <div class="space-y-6 rounded-2xl border border-slate-200 bg-white p-6">
                                                <ApplicationForm fields=fields />
                                                <Documents app=app2 />
                                                <SubmitForm />
                                            </div>
                                        }
                                    })}
                                <section class="rounded-2xl border border-slate-200 bg-white p-6">
                                    <h2 class="mb-3 text-lg font-semibold">
                                        {t(K::ApplicationHistory)}
                                    </h2>
                                    <History entries=app.history />
                                </section>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/sell" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
