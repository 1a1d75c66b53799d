//! Sign-up, log-in and account pages, and the log-out button.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use domain::FieldErrorCode;

use super::api::{get_current_user, LogIn, LogOut, SignUp};
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::ui::{navigate_full, ErrorBanner, FormField, LoadingBlock};

pub(super) fn card_class() -> &'static str {
    "mx-auto w-full max-w-md rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
}

/// The `next` query parameter (where to go after signing in), for a hidden input.
fn next_param() -> impl Fn() -> String + Copy {
    let query = use_query_map();
    move || query.read().get("next").unwrap_or_default()
}

/// Wires a sign-in form's result: success loads the returned path as a full page
/// (so every part of the page sees the new session); failure is returned for display.
pub(super) fn use_auth_outcome(
    result: Signal<Option<Result<String, AppError>>>,
) -> Signal<Option<AppError>> {
    Effect::new(move |_| {
        if let Some(Ok(dest)) = result.get() {
            navigate_full(&dest);
        }
    });
    Signal::derive(move || result.get().and_then(|r| r.err()))
}

/// A field's refusal in a form's failure (the sign-in forms and the security forms).
pub(super) fn field_error(
    err: Signal<Option<AppError>>,
    name: &'static str,
) -> Signal<Option<FieldErrorCode>> {
    Signal::derive(move || err.get().and_then(|e| e.field(name)))
}

#[component]
pub(super) fn SubmitButton(#[prop(into)] pending: Signal<bool>, label: K) -> impl IntoView {
    view! {
        <button
            type="submit"
            class="w-full rounded-lg bg-teal-700 px-4 py-2.5 font-semibold text-white hover:bg-teal-800 focus:outline-none focus:ring-2 focus:ring-teal-600 focus:ring-offset-2 disabled:opacity-60"
            disabled=move || pending.get()
        >
            {move || if pending.get() { t(K::Submitting) } else { t(label) }}
        </button>
    }
}

#[component]
pub fn SignupPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let next = next_param();
    let err = use_auth_outcome(action.value().into());
    let field = move |name: &'static str| field_error(err, name);
    view! {
        <section class=card_class()>
            <h1 class="mb-6 text-2xl font-bold text-slate-900">{t(K::SignUpTitle)}</h1>
            <ActionForm
                action=action
                attr:class="space-y-3"
                attr:novalidate=true
                attr:id="signup-form"
            >
                <input type="hidden" name="next" prop:value=next />
                <FormField
                    label=K::DisplayName
                    name="display_name"
                    autocomplete="name"
                    error=field("display_name")
                />
                <FormField
                    label=K::Email
                    name="email"
                    kind="email"
                    autocomplete="email"
                    error=field("email")
                />
                <FormField
                    label=K::Password
                    name="password"
                    kind="password"
                    autocomplete="new-password"
                    hint=K::PasswordHint
                    error=field("password")
                />
                {move || err.get().map(|e| view! { <ErrorBanner error=e /> })}
                <SubmitButton pending=action.pending() label=K::CreateAccount />
            </ActionForm>
            <p class="mt-6 text-center text-sm text-slate-600">
                {t(K::HaveAccount)} " "
                <a href="/login" class="font-semibold text-teal-800 underline">
                    {t(K::LogIn)}
                </a>
            </p>
        </section>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<LogIn>::new();
    let next = next_param();
    let err = use_auth_outcome(action.value().into());
    let field = move |name: &'static str| field_error(err, name);
    view! {
        <section class=card_class()>
            <h1 class="mb-6 text-2xl font-bold text-slate-900">{t(K::LogInTitle)}</h1>
            <ActionForm
                action=action
                attr:class="space-y-3"
                attr:novalidate=true
                attr:id="login-form"
            >
                <input type="hidden" name="next" prop:value=next />
                <FormField
                    label=K::Email
                    name="email"
                    kind="email"
                    autocomplete="email"
                    error=field("email")
                />
                <FormField
                    label=K::Password
                    name="password"
                    kind="password"
                    autocomplete="current-password"
                    error=field("password")
                />
                {move || err.get().map(|e| view! { <ErrorBanner error=e /> })}
                <SubmitButton pending=action.pending() label=K::LogIn />
            </ActionForm>
            <p class="mt-3 text-center text-sm">
                <a
                    href="/forgot"
                    class="font-medium text-teal-800 underline"
                    data-testid="forgot-link"
                >
                    {t(K::AcForgotLink)}
                </a>
            </p>
            <p class="mt-6 text-center text-sm text-slate-600">
                {t(K::NoAccount)} " "
                <a href="/signup" class="font-semibold text-teal-800 underline">
                    {t(K::SignUp)}
                </a>
            </p>
        </section>
    }
}

/// A form button that ends the session and reloads the home page.
#[component]
pub fn LogoutButton(#[prop(optional)] class: &'static str) -> impl IntoView {
    let action = ServerAction::<LogOut>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            navigate_full("/");
        }
    });
    view! {
        <ActionForm action=action attr:class="contents">
            <button type="submit" class=class data-testid="logout">
                {t(K::LogOut)}
            </button>
        </ActionForm>
    }
}

/// The signed-in user's own page.
#[component]
pub fn AccountPage() -> impl IntoView {
    let user = Resource::new(|| (), |_| get_current_user());
    view! {
        <section class="mx-auto max-w-2xl space-y-6">
            <h1 class="text-2xl font-bold text-slate-900">{t(K::AccountTitle)}</h1>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(u)) => {
                            let verified = u.verified;
                            let roles = u
                                .roles
                                .iter()
                                .map(crate::shell::role_label)
                                .collect::<Vec<_>>()
                                .join(" · ");
                            view! {
                                <dl class="grid grid-cols-1 gap-4 rounded-2xl border border-slate-200 bg-white p-6 sm:grid-cols-2">
                                    <div>
                                        <dt class="text-sm text-slate-500">{t(K::DisplayName)}</dt>
                                        <dd class="font-medium" data-testid="account-name">
                                            {u.display_name}
                                        </dd>
                                    </div>
                                    <div>
                                        <dt class="text-sm text-slate-500">{t(K::Email)}</dt>
                                        <dd class="font-medium">{u.email}</dd>
                                    </div>
                                    <div>
                                        <dt class="text-sm text-slate-500">{t(K::Roles)}</dt>
                                        <dd class="font-medium">{roles}</dd>
                                    </div>
                                </dl>
                                <super::verify_views::VerifyNotice verified=verified />
                                <crate::mail::MailPrefsForm />
                                <super::recovery_views::SecuritySection />
                                <super::two_step_views::TwoStepSection />
                                <LogoutButton class="rounded-lg border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100" />
                            }
                                .into_any()
                        }
                        Ok(None) => view! { <crate::shell::SignInPrompt /> }.into_any(),
                        Err(e) => view! { <ErrorBanner error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
