//! `/rights`: a rights owner's registration, brand, reference images, notices and
//! "legal action" on forwarded items.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{field_error, kind_key, other_error, ItemCard, Labelled, INPUT};
use crate::i18n::{field_error_key, t, K};
use crate::moderation::notices::{
    get_rights_page, BrandView, FileNotice, LegalAction, OwnerView, RegisterRightsOwner,
    UpdateBrand, NOTICE_KINDS,
};
use crate::shell::GateError;
use crate::ui::{on_success, reload_page, EmptyState, LoadingBlock};

#[component]
fn RegisterForm(owner: Option<OwnerView>) -> impl IntoView {
    let action = ServerAction::<RegisterRightsOwner>::new();
    on_success(action.value(), |_| reload_page());
    let err = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let o = owner.unwrap_or_default();
    view! {
        <ActionForm
            action=action
            attr:class="space-y-3 rounded-2xl border border-slate-200 bg-white p-5"
            attr:id="register-owner-form"
            attr:novalidate=true
        >
            <h2 class="text-lg font-semibold">{t(K::RoRegister)}</h2>
            <p class="text-sm text-slate-600">{t(K::RoRegisterIntro)}</p>
            <Labelled label=K::RoName>
                <input name="name" class=INPUT value=o.name.clone() />
            </Labelled>
            {field_error(err, "name")}
            <Labelled label=K::RoBrand>
                <input name="brand_name" class=INPUT value=o.brand_name.clone() />
            </Labelled>
            {field_error(err, "brand_name")}
            <div class="grid gap-3 sm:grid-cols-2">
                <div>
                    <Labelled label=K::RoRegistration>
                        <input
                            name="registration_number"
                            class=INPUT
                            value=o.registration_number.clone()
                        />
                    </Labelled>
                    {field_error(err, "registration_number")}
                </div>
                <div>
                    <Labelled label=K::RoJurisdiction>
                        <input name="jurisdiction" class=INPUT value=o.jurisdiction.clone() />
                    </Labelled>
                    {field_error(err, "jurisdiction")}
                </div>
            </div>
            <Labelled label=K::RoEvidence>
                <textarea name="evidence" rows="3" class=INPUT>
                    {o.evidence.clone()}
                </textarea>
            </Labelled>
            {field_error(err, "evidence")}
            {other_error(err)}
            <button
                type="submit"
                class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                data-testid="register-owner"
            >
                {t(K::RoSubmit)}
            </button>
        </ActionForm>
    }
}

#[component]
fn BrandForm(brand: BrandView) -> impl IntoView {
    let action = ServerAction::<UpdateBrand>::new();
    on_success(action.value(), |_| reload_page());
    let err = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <ActionForm
            action=action
            attr:class="space-y-3 rounded-2xl border border-slate-200 bg-white p-5"
            attr:id="brand-form"
            attr:novalidate=true
        >
            <h2 class="text-lg font-semibold">{t(K::RoYourBrand)} ": " {brand.name.clone()}</h2>
            <p class="text-sm text-slate-600">{t(K::RoBrandIntro)}</p>
            <Labelled label=K::RoTerms>
                <textarea name="terms" rows="4" class=INPUT data-testid="brand-terms">
                    {brand.terms.join("\n")}
                </textarea>
            </Labelled>
            {field_error(err, "terms")}
            <Labelled label=K::RoAuthorised>
                <textarea name="authorised" rows="2" class=INPUT data-testid="brand-authorised">
                    {brand.authorised.join("\n")}
                </textarea>
            </Labelled>
            {field_error(err, "authorised")}
            {other_error(err)}
            <button
                type="submit"
                class="rounded-lg border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-100"
                data-testid="brand-save"
            >
                {t(K::SaveChanges)}
            </button>
        </ActionForm>
        <ReferenceUpload count=brand.references />
    }
}

/// Reference images: a plain multipart form (works without wasm), answered by a
/// redirect back here with the outcome in the query.
#[component]
fn ReferenceUpload(count: i64) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let error = move || query.read().get("reference_error");
    let added = move || query.read().get("references").is_some();
    view! {
        <form
            method="post"
            action="/rights/references"
            enctype="multipart/form-data"
            class="space-y-2 rounded-2xl border border-slate-200 bg-white p-5"
            id="references"
            data-testid="reference-form"
        >
            <h2 class="text-lg font-semibold">
                {t(K::RoReferences)} ": " <span data-testid="reference-count">{count}</span>
            </h2>
            <p class="text-sm text-slate-600">{t(K::RoReferencesIntro)}</p>
            <input
                type="file"
                name="references"
                multiple=true
                accept="image/jpeg,image/png,image/webp"
                class="block text-sm"
                data-testid="reference-files"
            />
            {move || {
                error()
                    .map(|c| {
                        view! {
                            <p
                                role="alert"
                                class="text-sm text-red-700"
                                data-testid="reference-error"
                            >
                                {t(reference_error_key(&c))}
                            </p>
                        }
                    })
            }}
            {move || {
                added()
                    .then(|| {
                        view! {
                            <p role="status" class="text-sm text-teal-800">
                                {t(K::RoReferencesAdded)}
                            </p>
                        }
                    })
            }}
            <button
                type="submit"
                class="rounded-lg border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-100"
                data-testid="reference-upload"
            >
                {t(K::RoUpload)}
            </button>
        </form>
    }
}

fn reference_error_key(code: &str) -> K {
    use domain::FieldErrorCode as C;
    let code = match code {
        "Required" => C::Required,
        "TooMany" => C::TooMany,
        "FileTooLarge" => C::FileTooLarge,
        "NotAnImage" => C::NotAnImage,
        _ => return K::ErrorTitle,
    };
    field_error_key(code)
}

#[component]
fn FileNoticeForm() -> impl IntoView {
    let action = ServerAction::<FileNotice>::new();
    on_success(action.value(), |_| reload_page());
    let err = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <ActionForm
            action=action
            attr:class="space-y-3 rounded-2xl border border-slate-200 bg-white p-5"
            attr:id="file-notice-form"
            attr:novalidate=true
        >
            <h2 class="text-lg font-semibold">{t(K::NoFile)}</h2>
            <Labelled label=K::NoticeListings>
                <textarea
                    name="listings"
                    rows="3"
                    class=INPUT
                    placeholder="https://…/p/…"
                ></textarea>
            </Labelled>
            <p class="text-xs text-slate-500">{t(K::NoticeListingsHint)}</p>
            {field_error(err, "listings")}
            <Labelled label=K::NoKind>
                <select name="kind" class=INPUT>
                    {NOTICE_KINDS
                        .iter()
                        .map(|k| view! { <option value=*k>{t(kind_key(k))}</option> })
                        .collect_view()}
                </select>
            </Labelled>
            <Labelled label=K::NoEvidence>
                <textarea name="evidence" rows="4" class=INPUT></textarea>
            </Labelled>
            {field_error(err, "evidence")}
            <label class="flex items-start gap-2 text-sm">
                <input type="checkbox" name="good_faith" class="mt-1 h-4 w-4" />
                <span>{t(K::NoGoodFaith)}</span>
            </label>
            {field_error(err, "good_faith")}
            {other_error(err)}
            <button
                type="submit"
                class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                data-testid="file-notice"
            >
                {t(K::NoSubmit)}
            </button>
        </ActionForm>
    }
}

#[component]
fn LegalActionForm(key: String) -> impl IntoView {
    let action = ServerAction::<LegalAction>::new();
    on_success(action.value(), |_| reload_page());
    let err = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <ActionForm
            action=action
            attr:class="space-y-2 border-t border-slate-100 pt-3"
            attr:novalidate=true
        >
            <input type="hidden" name="key" value=key />
            <Labelled label=K::NoLegalAction>
                <textarea name="statement" rows="2" class=INPUT></textarea>
            </Labelled>
            {field_error(err, "statement")}
            {field_error(err, "state")}
            {other_error(err)}
            <button
                type="submit"
                class="rounded-lg border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-100"
            >
                {t(K::NoLegalActionSubmit)}
            </button>
        </ActionForm>
    }
}

#[component]
pub fn RightsOwnerPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_rights_page());
    view! {
        <Title text=format!("{} · {}", t(K::RoTitle), t(K::Brand)) />
        <section class="mx-auto max-w-3xl space-y-5">
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::RoTitle)}</h1>
                <p class="text-slate-600">{t(K::RoIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => {
                            let status = page
                                .owner
                                .as_ref()
                                .map(|o| o.status.clone())
                                .unwrap_or_default();
                            view! {
                                {page
                                    .owner
                                    .clone()
                                    .map(|o| {
                                        view! {
                                            <p class="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                                                {o.brand_name.clone()} " · "
                                                <strong data-testid="owner-status">
                                                    {t(
                                                        match o.status.as_str() {
                                                            "verified" => K::RoVerified,
                                                            "rejected" => K::RoRejected,
                                                            _ => K::RoPending,
                                                        },
                                                    )}
                                                </strong> " · " {t(K::RoUpheldShare)} " " {o.upheld} " / "
                                                {o.upheld + o.rejected + o.reinstated}
                                            </p>
                                        }
                                    })}
                                {if status == "verified" {
                                    view! {
                                        {page
                                            .brand
                                            .clone()
                                            .map(|brand| view! { <BrandForm brand /> })}
                                        <FileNoticeForm />
                                        <h2 class="text-lg font-semibold">{t(K::NoMine)}</h2>
                                        {if page.items.is_empty() {
                                            view! { <EmptyState message=K::NoNone /> }.into_any()
                                        } else {
                                            view! {
                                                <div class="space-y-3" data-testid="my-notices">
                                                    {page
                                                        .items
                                                        .into_iter()
                                                        .map(|i| {
                                                            let key = i.key.clone();
                                                            let forwarded = i.state == "forwarded";
                                                            view! {
                                                                <ItemCard item=i>
                                                                    {forwarded
                                                                        .then(|| view! { <LegalActionForm key=key.clone() /> })}
                                                                </ItemCard>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </div>
                                            }
                                                .into_any()
                                        }}
                                    }
                                        .into_any()
                                } else {
                                    view! { <RegisterForm owner=page.owner.clone() /> }.into_any()
                                }}
                            }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/rights" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
