//! Getting back into an account and keeping it safe: "forgot your password?"
//! (`/forgot`), the page a reset link opens (`/reset?token=…`), and the account page's
//! sign-in and security section (change the password, where the account is signed in,
//! sign out one session or all).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{
    my_sessions, ChangePassword, EndSession, RequestPasswordReset, ResetPassword, SignOutEverywhere,
};
use super::views::field_error;
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::ui::{navigate_full, utc_datetime, ErrorBanner, FormField, LoadingBlock};

const CARD: &str =
    "mx-auto w-full max-w-md space-y-4 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8";
const BUTTON: &str = "w-full rounded-lg bg-teal-700 px-4 py-2.5 font-semibold text-white hover:bg-teal-800 disabled:opacity-60";
const QUIET: &str =
    "rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100";

/// A form's failure, if its last submission failed.
fn failure<T: Clone + Send + Sync + 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
) -> Signal<Option<AppError>> {
    Signal::derive(move || value.get().and_then(|r| r.err()))
}

/// A failure that is not about one of the form's fields.
pub(super) fn other_error(
    err: Signal<Option<AppError>>,
    fields: &'static [&'static str],
) -> impl Fn() -> Option<AnyView> {
    move || {
        err.get()
            .filter(|e| fields.iter().all(|f| e.field(f).is_none()))
            .map(|e| view! { <ErrorBanner error=e /> }.into_any())
    }
}

/// `/forgot`: asks for a reset link.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let err = failure(action.value());
    let sent = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text=format!("{} · {}", t(K::AcForgotTitle), t(K::Brand)) />
        <section class=CARD>
            <h1 class="text-2xl font-bold text-slate-900">{t(K::AcForgotTitle)}</h1>
            <p class="text-sm text-slate-600">{t(K::AcForgotIntro)}</p>
            <ActionForm action=action attr:class="space-y-3" attr:novalidate=true>
                <FormField
                    label=K::Email
                    name="email"
                    kind="email"
                    autocomplete="email"
                    error=field_error(err, "email")
                />
                {other_error(err, &["email"])}
                <button type="submit" class=BUTTON disabled=move || action.pending().get()>
                    {t(K::AcSendLink)}
                </button>
            </ActionForm>
            {move || {
                sent()
                    .then(|| {
                        view! {
                            <p
                                role="status"
                                class="rounded-lg bg-teal-50 px-3 py-2 text-sm text-teal-900"
                                data-testid="reset-sent"
                            >
                                {t(K::AcLinkSent)}
                            </p>
                        }
                    })
            }}
        </section>
    }
}

/// `/reset?token=…`: sets the new password, then asks to log in with it.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let action = ServerAction::<ResetPassword>::new();
    let err = failure(action.value());
    let done = move || matches!(action.value().get(), Some(Ok(())));
    let bad_link = field_error(err, "token");
    view! {
        <Title text=format!("{} · {}", t(K::AcResetTitle), t(K::Brand)) />
        <section class=CARD>
            <h1 class="text-2xl font-bold text-slate-900">{t(K::AcResetTitle)}</h1>
            <Show
                when=done
                fallback=move || {
                    view! {
                        <ActionForm action=action attr:class="space-y-3" attr:novalidate=true>
                            <input type="hidden" name="token" prop:value=token />
                            <FormField
                                label=K::AcNewPassword
                                name="password"
                                kind="password"
                                autocomplete="new-password"
                                hint=K::PasswordHint
                                error=field_error(err, "password")
                            />
                            {move || {
                                bad_link
                                    .get()
                                    .map(|_| {
                                        view! {
                                            <p
                                                role="alert"
                                                class="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800"
                                                data-testid="reset-invalid"
                                            >
                                                {t(K::ErrInvalidLink)}
                                                " "
                                                <a href="/forgot" class="font-semibold underline">
                                                    {t(K::AcForgotLink)}
                                                </a>
                                            </p>
                                        }
                                    })
                            }}
                            {other_error(err, &["password", "token"])}
                            <button
                                type="submit"
                                class=BUTTON
                                disabled=move || action.pending().get()
                            >
                                {t(K::AcSetPassword)}
                            </button>
                        </ActionForm>
                    }
                }
            >
                <p role="status" class="text-slate-700" data-testid="reset-done">
                    {t(K::AcResetDone)}
                </p>
                <a href="/login" class="inline-block font-semibold text-teal-800 underline">
                    {t(K::LogIn)}
                </a>
            </Show>
        </section>
    }
}

/// The account page's sign-in and security section.
#[component]
pub fn SecuritySection() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let err = failure(change.value());
    let changed = move || matches!(change.value().get(), Some(Ok(())));
    view! {
        <section
            id="security"
            class="space-y-4 rounded-2xl border border-slate-200 bg-white p-6"
            data-testid="security"
        >
            <h2 class="text-lg font-semibold text-slate-900">{t(K::AcSecurity)}</h2>
            <ActionForm action=change attr:class="space-y-3 sm:max-w-sm" attr:novalidate=true>
                <FormField
                    label=K::AcCurrentPassword
                    name="current_password"
                    kind="password"
                    autocomplete="current-password"
                    error=field_error(err, "current_password")
                />
                <FormField
                    label=K::AcNewPassword
                    name="new_password"
                    kind="password"
                    autocomplete="new-password"
                    hint=K::PasswordHint
                    error=field_error(err, "new_password")
                />
                {other_error(err, &["current_password", "new_password"])}
                <button type="submit" class=QUIET disabled=move || change.pending().get()>
                    {t(K::AcChangePassword)}
                </button>
                {move || {
                    changed()
                        .then(|| {
                            view! {
                                <p
                                    role="status"
                                    class="text-sm text-teal-800"
                                    data-testid="password-changed"
                                >
                                    {t(K::AcPasswordChanged)}
                                </p>
                            }
                        })
                }}
            </ActionForm>
            <SessionList version=change.version() />
        </section>
    }
}

/// Where the account is signed in, with a sign-out for each and for all.
#[component]
fn SessionList(version: RwSignal<usize>) -> impl IntoView {
    let end = ServerAction::<EndSession>::new();
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    let sessions = Resource::new(
        move || (version.get(), end.version().get()),
        |_| my_sessions(),
    );
    Effect::new(move |_| {
        if let Some(Ok(())) = everywhere.value().get() {
            navigate_full("/login");
        }
    });
    view! {
        <h3 class="font-semibold text-slate-900">{t(K::AcSessions)}</h3>
        <Transition fallback=|| {
            view! { <LoadingBlock /> }
        }>
            {move || Suspend::new(async move {
                match sessions.await {
                    Ok(list) => {
                        view! {
                            <ul class="divide-y divide-slate-100" data-testid="sessions">
                                {list
                                    .into_iter()
                                    .map(|s| {
                                        view! {
                                            <li
                                                class="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
                                                data-testid="session"
                                            >
                                                <span>
                                                    <span class="font-medium">
                                                        {s
                                                            .device
                                                            .clone()
                                                            .unwrap_or_else(|| t(K::AcUnknownDevice).to_string())}
                                                    </span>
                                                    {s
                                                        .current
                                                        .then(|| {
                                                            view! {
                                                                <span class="ml-2 rounded bg-teal-100 px-1.5 text-xs text-teal-900">
                                                                    {t(K::AcThisDevice)}
                                                                </span>
                                                            }
                                                        })}
                                                    <span class="block text-slate-500">
                                                        {t(K::AcSignedInAt)} " " {utc_datetime(s.signed_in_at)}
                                                    </span>
                                                </span>
                                                <ActionForm action=end>
                                                    <input type="hidden" name="session" value=s.key.clone() />
                                                    <button type="submit" class=QUIET>
                                                        {t(K::AcSignOut)}
                                                    </button>
                                                </ActionForm>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorBanner error=e /> }.into_any(),
                }
            })}
        </Transition>
        <ActionForm action=everywhere>
            <button type="submit" class=QUIET data-testid="sign-out-everywhere">
                {t(K::AcSignOutEverywhere)}
            </button>
        </ActionForm>
    }
}
