//! The pages and components.

use super::*;

/// Checks submitted values (`FIELDS` order): whole numbers in range, bands ordered,
/// strike thresholds rising. Returns the numbers or the fields at fault.
pub fn check(raw: &[String]) -> Result<Vec<i64>, Vec<domain::FieldError>> {
    use domain::{FieldError, FieldErrorCode};
    let mut errs = Vec::new();
    let mut out = Vec::new();
    for (i, (name, _)) in FIELDS.iter().enumerate() {
        let (lo, hi) = match *name {
            "screening_queue_from"
            | "screening_hold_from"
            | "trusted_from_percent"
            | "flagged_from_percent" => (1, 100),
            "notice_seller_days" | "notice_reinstate_days" | "appeal_days" => (1, 60),
            "strike_expiry_days" => (1, 3650),
            "strike_listing_limit" => (0, 100_000),
            "trusted_min_decided" => (1, 10_000),
            "review_window_days" => (1, 730),
            "referral_window_days" => (1, 90),
            "referral_velocity_per_day" => (1, 1000),
            _ => (1, 100),
        };
        match raw
            .get(i)
            .and_then(|v| v.trim().parse::<i64>().ok())
            .filter(|v| (lo..=hi).contains(v))
        {
            Some(v) => out.push(v),
            None => {
                errs.push(FieldError::new(name, FieldErrorCode::InvalidNumber));
                out.push(0);
            }
        }
    }
    if errs.is_empty() {
        if out[0] >= out[1] {
            errs.push(FieldError::new(
                "screening_hold_from",
                FieldErrorCode::InvalidNumber,
            ));
        }
        if !(out[4] <= out[5] && out[5] <= out[6] && out[6] <= out[7]) {
            errs.push(FieldError::new(
                "strike_terminate_at",
                FieldErrorCode::InvalidNumber,
            ));
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

#[component]
pub fn ModerationPolicyForm() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_moderation_policy());
    let action = ServerAction::<SetModerationPolicy>::new();
    on_success(action.value(), |_| reload_page());
    let err = move || action.value().get().and_then(|r| r.err());
    view! {
        <section
            class="space-y-3 rounded-2xl border border-slate-200 bg-white p-6"
            data-testid="moderation-policy"
        >
            <h2 class="text-lg font-semibold">{t(K::PsTitle)}</h2>
            <p class="text-sm text-slate-600">{t(K::PsIntro)}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    data.await
                        .ok()
                        .map(|p| {
                            view! {
                                <ActionForm
                                    action=action
                                    attr:class="space-y-3"
                                    attr:novalidate=true
                                >
                                    <div class="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
                                        {FIELDS
                                            .iter()
                                            .enumerate()
                                            .map(|(i, (name, label))| {
                                                let value = p
                                                    .values
                                                    .get(i)
                                                    .copied()
                                                    .unwrap_or_default()
                                                    .to_string();
                                                let bad = move || {
                                                    err().and_then(|e| e.field(name)).is_some()
                                                };
                                                view! {
                                                    <label class="block text-sm">
                                                        <span class="font-medium">{t(*label)}</span>
                                                        <input
                                                            name=format!("value[{i}]")
                                                            value=value
                                                            inputmode="numeric"
                                                            aria-invalid=move || bad().to_string()
                                                            class="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600"
                                                        />
                                                    </label>
                                                }
                                            })
                                            .collect_view()}
                                    </div>
                                    {move || {
                                        err()
                                            .map(|e| match &e {
                                                AppError::Invalid(list) if !list.is_empty() => {
                                                    let f = list[0].clone();
                                                    let label = FIELDS
                                                        .iter()
                                                        .find(|(n, _)| *n == f.field)
                                                        .map(|(_, k)| t(*k))
                                                        .unwrap_or_default();
                                                    view! {
                                                        <p
                                                            role="alert"
                                                            class="text-sm text-red-700"
                                                            data-field-error=f.field.clone()
                                                        >
                                                            {label}
                                                            ": "
                                                            {t(field_error_key(f.code))}
                                                        </p>
                                                    }
                                                        .into_any()
                                                }
                                                _ => view! { <ErrorBanner error=e.clone() /> }.into_any(),
                                            })
                                    }}
                                    <button
                                        type="submit"
                                        class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                                    >
                                        {t(K::SaveChanges)}
                                    </button>
                                </ActionForm>
                            }
                        })
                })}
            </Suspense>
        </section>
    }
}
