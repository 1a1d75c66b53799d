//! Claims on the order page: the buyer's request for the platform to decide, the
//! seller's answer, and the claim as both sides see it (with the decision's reasons).

use domain::dispute::{DisputeStatus, Outcome};
use leptos::prelude::*;

use super::{field_of, BUTTON, CARD, SELECT};
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::orders::api::{AnswerClaim, OpenClaim};
use crate::orders::ClaimView;
use crate::ui::ErrorBanner;

const NOTE: &str = "mt-1 text-sm text-slate-700";

/// What the claim's state reads as.
fn state_text(c: &ClaimView) -> String {
    match (c.status, c.outcome) {
        (DisputeStatus::AwaitingSeller, _) => {
            t(K::ClaimAwaitingSeller).replace("{date}", &c.answer_by)
        }
        (DisputeStatus::UnderReview, _) | (DisputeStatus::Decided, None) => {
            t(K::ClaimUnderReview).to_string()
        }
        (DisputeStatus::Decided, Some(Outcome::Refund)) => t(K::ClaimDecidedRefund).to_string(),
        (DisputeStatus::Decided, Some(Outcome::PartialRefund)) => format!(
            "{} {}",
            t(K::ClaimDecidedPartial),
            c.amount.map(|m| m.format()).unwrap_or_default()
        ),
        (DisputeStatus::Decided, Some(Outcome::Close)) => t(K::ClaimDecidedClose).to_string(),
    }
}

#[component]
pub(super) fn ClaimCard(c: ClaimView) -> impl IntoView {
    view! {
        <section class=CARD data-testid="claim-status">
            <h2 class="font-semibold">{t(K::ClaimHeading)}</h2>
            <p class="mt-1 text-sm font-semibold" data-testid="claim-state">
                {state_text(&c)}
            </p>
            <p class=NOTE>{t(K::ClaimBuyerSide)} " " {c.statement.clone()}</p>
            {c
                .seller_statement
                .clone()
                .map(|s| view! { <p class=NOTE>{t(K::ClaimSellerSide)} " " {s}</p> })}
            {c
                .decision_statement
                .clone()
                .map(|s| {
                    view! {
                        <p class=NOTE data-testid="claim-reasons">
                            {t(K::ClaimReasons)}
                            " "
                            {s}
                        </p>
                    }
                })}
        </section>
    }
}

/// A statement box with its error and submit button (the buyer's claim or the
/// seller's answer), inside the form of either.
#[component]
fn StatementFields(
    err: Signal<Option<AppError>>,
    pending: Signal<bool>,
    id: String,
    label: K,
    submit: K,
    test_id: &'static str,
) -> impl IntoView {
    let field = field_of(err, "statement");
    view! {
        <input type="hidden" name="id" value=id />
        <label for=format!("{test_id}-text") class="block text-sm font-medium">
            {t(label)}
        </label>
        <textarea
            id=format!("{test_id}-text")
            name="statement"
            rows="3"
            maxlength="2000"
            class=SELECT
            aria-invalid=move || field.get().is_some().to_string()
        ></textarea>
        {move || err.get().map(|e| view! { <ErrorBanner error=e /> })}
        <button
            type="submit"
            class=BUTTON
            data-testid=format!("{test_id}-submit")
            disabled=move || pending.get()
        >
            {t(submit)}
        </button>
    }
}

/// The buyer's claim form.
#[component]
pub(super) fn ClaimForm(id: String, done: Callback<()>) -> impl IntoView {
    let open = ServerAction::<OpenClaim>::new();
    Effect::new(move |_| {
        if matches!(open.value().get(), Some(Ok(()))) {
            done.run(());
        }
    });
    let err = Signal::derive(move || open.value().get().and_then(|r| r.err()));
    let pending = Signal::derive(move || open.pending().get());
    view! {
        <section class=CARD data-testid="claim-panel">
            <h2 class="font-semibold text-slate-900">{t(K::ClaimTitle)}</h2>
            <p class=NOTE>{t(K::ClaimIntro)}</p>
            <ActionForm action=open attr:class="mt-3 space-y-2" attr:novalidate=true>
                <StatementFields
                    err=err
                    pending=pending
                    id=id
                    label=K::ClaimStatement
                    submit=K::OpenClaim
                    test_id="claim"
                />
            </ActionForm>
        </section>
    }
}

/// The seller's answer to a claim.
#[component]
pub(super) fn AnswerClaimForm(id: String, done: Callback<()>) -> impl IntoView {
    let answer = ServerAction::<AnswerClaim>::new();
    Effect::new(move |_| {
        if matches!(answer.value().get(), Some(Ok(()))) {
            done.run(());
        }
    });
    let err = Signal::derive(move || answer.value().get().and_then(|r| r.err()));
    let pending = Signal::derive(move || answer.pending().get());
    view! {
        <section class=CARD data-testid="answer-claim-panel">
            <h2 class="font-semibold text-slate-900">{t(K::ClaimHeading)}</h2>
            <ActionForm action=answer attr:class="mt-3 space-y-2" attr:novalidate=true>
                <StatementFields
                    err=err
                    pending=pending
                    id=id
                    label=K::AnswerClaimLabel
                    submit=K::AnswerClaim
                    test_id="answer-claim"
                />
            </ActionForm>
        </section>
    }
}
