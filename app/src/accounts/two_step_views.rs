//! Two-step sign-in on the page: the account page's section (set up with a QR code and
//! a first code; turn off with the password) and `/login/code`, the second step.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{two_step_status, LogInCode, TwoStepBegin, TwoStepDisable, TwoStepEnable};
use super::recovery_views::other_error;
use super::views::{card_class, field_error, use_auth_outcome, SubmitButton};
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::ui::{ErrorBanner, FormField, LoadingBlock};

const QUIET: &str =
    "rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100";

/// `/login/code`: the second step after a right password.
#[component]
pub fn LoginCodePage() -> impl IntoView {
    let action = ServerAction::<LogInCode>::new();
    let err = use_auth_outcome(action.value().into());
    view! {
        <Title text=format!("{} · {}", t(K::TwoStepTitle), t(K::Brand)) />
        <section class=card_class() data-testid="login-code">
            <h1 class="mb-2 text-2xl font-bold text-slate-900">{t(K::TwoStepTitle)}</h1>
            <p class="mb-4 text-sm text-slate-600">{t(K::TwoStepCodeIntro)}</p>
            <ActionForm action=action attr:class="space-y-3" attr:novalidate=true>
                <FormField
                    label=K::TwoStepCode
                    name="code"
                    autocomplete="one-time-code"
                    error=field_error(err, "code")
                />
                {other_error(err, &["code"])}
                <SubmitButton pending=action.pending() label=K::LogIn />
            </ActionForm>
            <p class="mt-4 text-center text-sm">
                <a href="/login" class="font-medium text-teal-800 underline">
                    {t(K::LogIn)}
                </a>
            </p>
        </section>
    }
}

/// The account page's two-step sign-in: on (turn it off with the password), or off
/// (set it up: a QR code, then a first code to turn it on).
#[component]
pub fn TwoStepSection() -> impl IntoView {
    let status = Resource::new(|| (), |_| two_step_status());
    let enable = ServerAction::<TwoStepEnable>::new();
    let disable = ServerAction::<TwoStepDisable>::new();
    Effect::new(move |_| {
        let ok = |v: Option<Result<(), AppError>>| matches!(v, Some(Ok(())));
        if ok(enable.value().get()) || ok(disable.value().get()) {
            status.refetch();
        }
    });
    view! {
        <section
            id="two-step"
            class="space-y-3 rounded-2xl border border-slate-200 bg-white p-6"
            data-testid="two-step"
        >
            <h2 class="text-lg font-semibold text-slate-900">{t(K::TwoStepTitle)}</h2>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(true) => view! { <TurnOff disable=disable /> }.into_any(),
                        Ok(false) => view! { <SetUp enable=enable /> }.into_any(),
                        Err(e) => view! { <ErrorBanner error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TurnOff(disable: ServerAction<TwoStepDisable>) -> impl IntoView {
    let err = Signal::derive(move || disable.value().get().and_then(|r| r.err()));
    view! {
        <p class="text-sm text-teal-800" data-testid="two-step-on">
            {t(K::TwoStepOn)}
        </p>
        <ActionForm action=disable attr:class="space-y-3 sm:max-w-sm" attr:novalidate=true>
            <FormField
                label=K::Password
                name="password"
                kind="password"
                autocomplete="current-password"
                error=field_error(err, "password")
            />
            {other_error(err, &["password"])}
            <button type="submit" class=QUIET data-testid="two-step-off">
                {t(K::TwoStepTurnOff)}
            </button>
        </ActionForm>
    }
}

#[component]
fn SetUp(enable: ServerAction<TwoStepEnable>) -> impl IntoView {
    let begin = ServerAction::<TwoStepBegin>::new();
    let err = Signal::derive(move || enable.value().get().and_then(|r| r.err()));
    view! {
        <p class="text-sm text-slate-700">{t(K::TwoStepIntro)}</p>
        {move || match begin.value().get() {
            Some(Ok(setup)) => {
                view! {
                    <p class="text-sm text-slate-700">{t(K::TwoStepScan)}</p>
                    // the server's own SVG of the otpauth address (no text of the user's in it)
                    <div class="h-48 w-48" inner_html=setup.qr_svg data-testid="two-step-qr"></div>
                    <code class="block break-all text-sm" data-testid="two-step-secret">
                        {setup.secret}
                    </code>
                    <ActionForm
                        action=enable
                        attr:class="space-y-3 sm:max-w-sm"
                        attr:novalidate=true
                    >
                        <FormField
                            label=K::Password
                            name="password"
                            kind="password"
                            autocomplete="current-password"
                            error=field_error(err, "password")
                        />
                        <FormField
                            label=K::TwoStepCode
                            name="code"
                            autocomplete="one-time-code"
                            error=field_error(err, "code")
                        />
                        {other_error(err, &["code", "password"])}
                        <button type="submit" class=QUIET data-testid="two-step-enable">
                            {t(K::TwoStepConfirm)}
                        </button>
                    </ActionForm>
                }
                    .into_any()
            }
            Some(Err(e)) => view! { <ErrorBanner error=e /> }.into_any(),
            None => {
                view! {
                    <ActionForm action=begin>
                        <button type="submit" class=QUIET data-testid="two-step-begin">
                            {t(K::TwoStepSetUp)}
                        </button>
                    </ActionForm>
                }
                    .into_any()
            }
        }}
    }
}
