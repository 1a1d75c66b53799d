//! Confirming the email address: the page the mailed link opens (`/verify?token=…`,
//! where a button confirms, so a mail scanner opening the link confirms nothing), and
//! the account page's notice with "send the link again" while it is not confirmed.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{ResendVerification, VerifyEmail};
use crate::i18n::{t, K};
use crate::ui::action_failure;

const CARD: &str =
    "mx-auto w-full max-w-md space-y-4 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8";

/// `/verify?token=…`: confirms the address with one press.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let action = ServerAction::<VerifyEmail>::new();
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text=format!("{} · {}", t(K::AcVerifyTitle), t(K::Brand)) />
        <section class=CARD>
            <h1 class="text-2xl font-bold text-slate-900">{t(K::AcVerifyTitle)}</h1>
            <Show
                when=done
                fallback=move || {
                    if token().is_empty() {
                        return Either::Left(
                            // a link cut short in the mail: say so rather than offer a button
                            view! {
                                <p
                                    role="alert"
                                    class="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800"
                                >
                                    {t(K::ErrInvalidLink)}
                                    " "
                                    <a href="/account" class="font-semibold underline">
                                        {t(K::AccountTitle)}
                                    </a>
                                </p>
                            },
                        );
                    }
                    Either::Right(
                        view! {
                            <ActionForm action=action attr:class="space-y-3">
                                <input type="hidden" name="token" prop:value=token />
                                {action_failure(action.value())}
                                <button
                                    type="submit"
                                    class="w-full rounded-lg bg-teal-700 px-4 py-2.5 font-semibold text-white hover:bg-teal-800 disabled:opacity-60"
                                    disabled=move || action.pending().get()
                                    data-testid="verify-submit"
                                >
                                    {t(K::AcVerifyTitle)}
                                </button>
                            </ActionForm>
                        },
                    )
                }
            >
                <p role="status" class="text-slate-700" data-testid="verify-done">
                    {t(K::AcVerifyDone)}
                </p>
                <a href="/account" class="inline-block font-semibold text-teal-800 underline">
                    {t(K::AccountTitle)}
                </a>
            </Show>
        </section>
    }
}

/// On the account page: confirmed, or the notice with "send the link again".
#[component]
pub fn VerifyNotice(verified: bool) -> impl IntoView {
    if verified {
        return Either::Left(view! {
            <p class="text-sm font-medium text-teal-800" data-testid="email-verified">
                "✓ "
                {t(K::AcVerified)}
            </p>
        });
    }
    let action = ServerAction::<ResendVerification>::new();
    let sent = move || matches!(action.value().get(), Some(Ok(())));
    Either::Right(view! {
        <div
            class="space-y-2 rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm"
            data-testid="verify-notice"
        >
            <p class="text-amber-900">{t(K::AcVerifyPending)}</p>
            <ActionForm action=action>
                <button
                    type="submit"
                    class="rounded-lg border border-amber-300 bg-white px-3 py-1.5 font-medium hover:bg-amber-100"
                    disabled=move || action.pending().get()
                    data-testid="verify-resend"
                >
                    {t(K::AcVerifyResend)}
                </button>
            </ActionForm>
            {move || {
                sent()
                    .then(|| {
                        view! {
                            <p role="status" class="text-teal-800">
                                {t(K::AcVerifySent)}
                            </p>
                        }
                    })
            }}
            {action_failure(action.value())}
        </div>
    })
}
