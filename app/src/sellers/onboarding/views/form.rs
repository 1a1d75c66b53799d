//! Steps 1 and 3 of the application: its fields, and submitting it.

use domain::onboarding::{BusinessType, DocumentKind, COUNTRIES};
use domain::{Currency, FieldErrorCode, Lang};
use leptos::prelude::*;

use super::document_key;
use crate::error::AppError;
use crate::i18n::{field_error_key, t, use_lang, K};
use crate::sellers::onboarding::{ApplicationFields, SaveApplication, SubmitApplication};
use crate::ui::{navigate_full, on_success, ErrorBanner};

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

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub(super) fn ApplicationForm(fields: ApplicationFields) -> impl IntoView {
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
pub(super) fn SubmitForm() -> impl IntoView {
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
