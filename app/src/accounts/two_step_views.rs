//! Two-step sign-in on the page: the account page's section (set up with a QR code and
//! a first code; turn off with the password) and `/login/code`, the second step.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{
    two_step_status, LogInCode, TwoStepBegin, TwoStepDisable, TwoStepEnable, TwoStepNewCodes,
};
use super::recovery_views::other_error;
use super::views::{card_class, field_error, use_auth_outcome, SubmitButton};
use super::TwoStepStatus;
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
                    label=K::TwoStepCodeOrRecovery
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

/// The account page's two-step sign-in: on (new recovery codes, or turn it off, each
/// with the password), or off (set it up: a QR code, then a first code to turn it on).
/// Recovery codes show once, right after they are made.
#[component]
pub fn TwoStepSection() -> impl IntoView {
    let status = Resource::new(|| (), |_| two_step_status());
    let enable = ServerAction::<TwoStepEnable>::new();
    let new_codes = ServerAction::<TwoStepNewCodes>::new();
    let disable = ServerAction::<TwoStepDisable>::new();
    let shown = RwSignal::new(None::<Vec<String>>);
    let codes_from = move |v: Option<Result<Vec<String>, AppError>>| {
        if let Some(Ok(codes)) = v {
            shown.set(Some(codes));
            status.refetch();
        }
    };
    Effect::new(move |_| codes_from(enable.value().get()));
    Effect::new(move |_| codes_from(new_codes.value().get()));
    Effect::new(move |_| {
        if let Some(Ok(())) = disable.value().get() {
            shown.set(None);
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
            {move || shown.get().map(|codes| view! { <RecoveryCodes codes=codes /> })}
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(s) if s.on => {
                            view! { <TurnOff status=s new_codes=new_codes disable=disable /> }
                                .into_any()
                        }
                        Ok(_) => view! { <SetUp enable=enable /> }.into_any(),
                        Err(e) => view! { <ErrorBanner error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Freshly made recovery codes, the one time they are shown.
#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <div
            class="rounded-lg border border-amber-300 bg-amber-50 p-4"
            data-testid="recovery-codes"
        >
            <h3 class="font-semibold text-slate-900">{t(K::TwoStepCodesTitle)}</h3>
            <p class="mt-1 text-sm text-slate-700">{t(K::TwoStepCodesIntro)}</p>
            <ul class="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-sm text-slate-900 sm:max-w-sm">
                {codes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn TurnOff(
    status: TwoStepStatus,
    new_codes: ServerAction<TwoStepNewCodes>,
    disable: ServerAction<TwoStepDisable>,
) -> impl IntoView {
    let err = Signal::derive(move || disable.value().get().and_then(|r| r.err()));
    let codes_err = Signal::derive(move || new_codes.value().get().and_then(|r| r.err()));
    let left = t(K::TwoStepCodesLeft).replace("{n}", &status.recovery_left.to_string());
    let mounted = crate::ui::mounted();
    view! {
        <p class="text-sm text-teal-800" data-testid="two-step-on">
            {t(K::TwoStepOn)}
        </p>
        <p class="text-sm text-slate-700" data-testid="recovery-left">
            {left}
            " "
            {t(K::TwoStepNewCodesNote)}
        </p>
        // new codes show on the page that asked for them: without the app running, a
        // posted form would come back to a fresh page and they would be lost
        {move || {
            mounted
                .get()
                .then(|| {
                    view! {
                        <ActionForm
                            action=new_codes
                            attr:class="space-y-3 sm:max-w-sm"
                            attr:novalidate=true
                        >
                            <FormField
                                label=K::Password
                                name="password"
                                kind="password"
                                autocomplete="current-password"
                                scope="recovery"
                                error=field_error(codes_err, "password")
                            />
                            {other_error(codes_err, &["password"])}
                            <button type="submit" class=QUIET data-testid="recovery-new">
                                {t(K::TwoStepNewCodes)}
                            </button>
                        </ActionForm>
                    }
                })
        }}
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
