//! `/sell`: apply to open a shop. Step 1 saves the application's fields (a server
//! function form), step 2 uploads the documents it needs (plain multipart forms, so
//! files upload with or without wasm), step 3 submits. After submitting, the page shows
//! the status, the latest statement of reasons and the history.

use domain::onboarding::{ApplicationStatus, BusinessType, DocumentKind, COUNTRIES};
use domain::{Currency, FieldErrorCode, Lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::onboarding::{
    get_my_application, Application, ApplicationFields, HistoryEntry, SaveApplication,
    SubmitApplication,
};
use crate::error::AppError;
use crate::i18n::{field_error_key, t, use_lang, K};
use crate::shell::GateError;
use crate::ui::{navigate_full, on_success, ErrorBanner, LoadingBlock};

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

pub fn country_label(code: &str, lang: Lang) -> String {
    domain::shipping::country_name(code, lang == Lang::ZhHant).to_string()
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

const INPUT: &str = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600 aria-[invalid=true]:border-red-600";

/// A labelled input or select bound to one field of the form, with its error.
#[component]
fn Field(
    label: K,
    name: &'static str,
    value: String,
    err: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<K>,
    #[prop(optional)] options: Option<Vec<(String, String)>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    let id = format!("field-{name}");
    let msg_id = format!("{id}-msg");
    let error = move || err.get().and_then(|e| e.field(name));
    let invalid = move || if error().is_some() { "true" } else { "false" };
    let control = match options {
        Some(opts) => view! {
            <select
                id=id.clone()
                name=name
                class=INPUT
                aria-invalid=invalid
                aria-describedby=msg_id.clone()
            >
                <option value="" selected=value.is_empty()>
                    {t(K::ChooseOne)}
                </option>
                {opts
                    .into_iter()
                    .map(|(v, l)| {
                        let sel = v == value;
                        view! {
                            <option value=v selected=sel>
                                {l}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        }
        .into_any(),
        None => view! {
            <input
                id=id.clone()
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                class=INPUT
                aria-invalid=invalid
                aria-describedby=msg_id.clone()
            />
        }
        .into_any(),
    };
    view! {
        <div class="space-y-1">
            <label for=id class="block text-sm font-medium text-slate-800">
                {t(label)}
            </label>
            {control}
            <p id=msg_id class="min-h-5 text-sm" data-field-error=name>
                {move || match error() {
                    Some(code) => {
                        view! { <span class="text-red-700">{t(field_error_key(code))}</span> }
                            .into_any()
                    }
                    None => {
                        view! { <span class="text-slate-500">{hint.map(t).unwrap_or("")}</span> }
                            .into_any()
                    }
                }}
            </p>
        </div>
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
                                <time>{crate::moderation::views::utc_datetime(h.at)}</time>
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
fn ApplicationForm(fields: ApplicationFields) -> impl IntoView {
    let action = ServerAction::<SaveApplication>::new();
    on_success(action.value(), move |_| navigate_full("/sell"));
    let err: Signal<Option<AppError>> =
        Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let lang = use_lang();
    let countries: Vec<(String, String)> = COUNTRIES
        .iter()
        .map(|(c, en, zh)| {
            (
                c.to_string(),
                if lang == Lang::En {
                    en.to_string()
                } else {
                    zh.to_string()
                },
            )
        })
        .collect();
    let currencies: Vec<(String, String)> = Currency::ALL
        .iter()
        .map(|c| (c.code().to_string(), c.code().to_string()))
        .collect();
    let types = vec![
        (
            BusinessType::Individual.as_str().to_string(),
            t(K::BizIndividual).to_string(),
        ),
        (
            BusinessType::Company.as_str().to_string(),
            t(K::BizCompany).to_string(),
        ),
    ];
    let f = fields;
    view! {
        <ActionForm
            action=action
            attr:class="space-y-2"
            attr:novalidate=true
            attr:id="application-form"
        >
            <h2 class="text-lg font-semibold">"1 · " {t(K::ApplyStepDetails)}</h2>
            <div class="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
                <Field label=K::ShopName name="shop_name" value=f.shop_name err=err />
                <Field
                    label=K::ShopSlug
                    name="shop_slug"
                    value=f.shop_slug
                    err=err
                    hint=K::ShopSlugHint
                />
                <Field
                    label=K::BusinessType
                    name="business_type"
                    value=f.business_type
                    err=err
                    options=types
                />
                <Field
                    label=K::LegalName
                    name="legal_name"
                    value=f.legal_name
                    err=err
                    autocomplete="organization"
                />
                <Field
                    label=K::RegistrationNumber
                    name="registration_number"
                    value=f.registration_number
                    err=err
                    hint=K::RegistrationHint
                />
                <Field label=K::Country name="country" value=f.country err=err options=countries />
                <Field
                    label=K::BusinessAddress
                    name="address"
                    value=f.address
                    err=err
                    autocomplete="street-address"
                />
                <Field
                    label=K::PayoutCurrency
                    name="payout_currency"
                    value=f.payout_currency
                    err=err
                    options=currencies
                    hint=K::PayoutCurrencyHint
                />
                <Field
                    label=K::ContactEmail
                    name="contact_email"
                    value=f.contact_email
                    err=err
                    kind="email"
                    autocomplete="email"
                />
                <Field
                    label=K::ContactPhone
                    name="contact_phone"
                    value=f.contact_phone
                    err=err
                    kind="tel"
                    autocomplete="tel"
                />
                <Field
                    label=K::ClaimedBrand
                    name="brand"
                    value=f.brand
                    err=err
                    hint=K::ClaimedBrandHint
                />
            </div>
            {move || err.get().map(|e| view! { <ErrorBanner error=e /> })}
            <div class="flex flex-wrap gap-3 pt-2">
                <button
                    type="submit"
                    name="intent"
                    value="save"
                    data-testid="save-application"
                    class="rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold hover:bg-slate-100 disabled:opacity-60"
                    disabled=move || action.pending().get()
                >
                    {t(K::SaveDraft)}
                </button>
            </div>
        </ActionForm>
    }
}

/// Step 3: submit the saved application; missing documents are listed.
#[component]
fn SubmitForm() -> impl IntoView {
    let action = ServerAction::<SubmitApplication>::new();
    on_success(action.value(), move |_| navigate_full("/sell"));
    let err: Signal<Option<AppError>> =
        Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <ActionForm action=action attr:class="space-y-3" attr:id="submit-form">
            <h2 class="text-lg font-semibold">"3 · " {t(K::ApplyStepSubmit)}</h2>
            <p class="text-sm text-slate-600">{t(K::SubmitIntro)}</p>
            {move || {
                let missing: Vec<DocumentKind> = match err.get() {
                    Some(AppError::Invalid(errs)) => {
                        errs.iter()
                            .filter(|e| e.code == FieldErrorCode::MissingDocument)
                            .filter_map(|e| {
                                e.field.strip_prefix("doc_").and_then(DocumentKind::parse)
                            })
                            .collect()
                    }
                    _ => Vec::new(),
                };
                (!missing.is_empty())
                    .then(|| {
                        view! {
                            <div
                                role="alert"
                                class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
                                data-testid="missing-documents"
                            >
                                {t(K::ErrMissingDocuments)}
                                " "
                                {missing
                                    .into_iter()
                                    .map(|d| t(document_key(d)))
                                    .collect::<Vec<_>>()
                                    .join(" · ")}
                            </div>
                        }
                    })
            }}
            {move || {
                err.get()
                    .map(|e| match e {
                        AppError::Invalid(errs) => {
                            errs.into_iter()
                                .filter(|e| e.code != FieldErrorCode::MissingDocument)
                                .map(|e| {
                                    view! {
                                        <p role="alert" class="text-sm text-red-700">
                                            {t(field_error_key(e.code))}
                                        </p>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }
                        e => view! { <ErrorBanner error=e /> }.into_any(),
                    })
            }}
            <button
                type="submit"
                data-testid="submit-application"
                class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800 disabled:opacity-60"
                disabled=move || action.pending().get()
            >
                {t(K::SubmitApplication)}
            </button>
        </ActionForm>
    }
}

/// Step 2: one upload form per document kind; required ones are marked.
#[component]
fn Documents(app: Application) -> impl IntoView {
    let query = use_query_map();
    let doc_error = move || query.read().get("doc_error");
    view! {
        <section class="space-y-3" id="documents">
            <h2 class="text-lg font-semibold">"2 · " {t(K::ApplyStepDocuments)}</h2>
            <p class="text-sm text-slate-600">{t(K::DocumentsIntro)}</p>
            {move || {
                doc_error()
                    .map(|code| {
                        view! {
                            <div
                                role="alert"
                                class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
                                data-testid="document-error"
                            >
                                {t(upload_error_key(&code))}
                            </div>
                        }
                    })
            }}
            <ul class="space-y-2">
                {DocumentKind::ALL
                    .into_iter()
                    .map(|kind| {
                        let required = app.required.contains(&kind);
                        let uploaded = app.documents.iter().find(|d| d.kind == kind).cloned();
                        let input_id = format!("doc-{}", kind.as_str());
                        view! {
                            <li
                                class="rounded-xl border border-slate-200 bg-white p-3"
                                data-testid=format!("doc-row-{}", kind.as_str())
                            >
                                <div class="flex flex-wrap items-center justify-between gap-2">
                                    <p class="font-medium">
                                        {t(document_key(kind))}
                                        {required
                                            .then(|| {
                                                view! {
                                                    <span class="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900">
                                                        {t(K::Required)}
                                                    </span>
                                                }
                                            })}
                                    </p>
                                    {match uploaded {
                                        Some(d) => {
                                            view! {
                                                <a
                                                    href=d.url
                                                    class="text-sm font-medium text-teal-800 underline"
                                                    target="_blank"
                                                    data-testid="doc-uploaded"
                                                >
                                                    {t(K::DocUploaded)}
                                                </a>
                                            }
                                                .into_any()
                                        }
                                        None => {
                                            view! {
                                                <span class="text-sm text-slate-500">
                                                    {t(K::DocNotUploaded)}
                                                </span>
                                            }
                                                .into_any()
                                        }
                                    }}
                                </div>
                                <form
                                    method="post"
                                    action="/sell/documents"
                                    enctype="multipart/form-data"
                                    class="mt-2 flex flex-wrap items-center gap-2"
                                >
                                    <input type="hidden" name="kind" value=kind.as_str() />
                                    <label for=input_id.clone() class="sr-only">
                                        {t(document_key(kind))}
                                    </label>
                                    <input
                                        id=input_id
                                        type="file"
                                        name="file"
                                        accept=".pdf,image/jpeg,image/png,image/webp"
                                        required
                                        class="text-sm file:mr-2 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1.5"
                                    />
                                    <button
                                        type="submit"
                                        class="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
                                    >
                                        {t(K::Upload)}
                                    </button>
                                </form>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="text-xs text-slate-500">{t(K::DocumentsPrivacy)}</p>
        </section>
    }
}

/// Messages for the document upload's failure codes (see the `/sell/documents` route).
fn upload_error_key(code: &str) -> K {
    match code {
        "FileTooLarge" => K::ErrDocumentTooLarge,
        "NotADocument" => K::ErrNotADocument,
        "Required" => K::ErrRequired,
        "state" => K::ErrApplicationState,
        "missing" => K::ErrSaveFirst,
        _ => K::ErrInternal,
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
