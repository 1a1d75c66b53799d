//! The moderation policy on `/admin/settings`: screening's score bands, the
//! notice-and-action deadlines (working days), strike thresholds, expiry and listing
//! limit, the appeal window, the notifier-reputation thresholds and how long after
//! delivery a purchase can be reviewed — data admins tune
//! without a release. Checked as a whole (bands ordered, thresholds rising) and audited.

#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{field_error_key, t, K};
use crate::ui::{on_success, reload_page, ErrorBanner};

/// Every tunable, in the order of the form.
pub const FIELDS: [(&str, K); 17] = [
    ("screening_queue_from", K::PsQueueFrom),
    ("screening_hold_from", K::PsHoldFrom),
    ("notice_seller_days", K::PsSellerDays),
    ("notice_reinstate_days", K::PsReinstateDays),
    ("strike_warning_at", K::PsWarningAt),
    ("strike_limit_at", K::PsLimitAt),
    ("strike_suspend_at", K::PsSuspendAt),
    ("strike_terminate_at", K::PsTerminateAt),
    ("strike_expiry_days", K::PsExpiryDays),
    ("strike_listing_limit", K::PsListingLimit),
    ("appeal_days", K::PsAppealDays),
    ("trusted_min_decided", K::PsTrustedMin),
    ("trusted_from_percent", K::PsTrustedPercent),
    ("flagged_from_percent", K::PsFlaggedPercent),
    ("review_window_days", K::PsReviewWindow),
    ("referral_window_days", K::PsReferralWindow),
    ("referral_velocity_per_day", K::PsReferralVelocity),
];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Values in the order of `FIELDS`.
    pub values: Vec<i64>,
}

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

#[cfg(feature = "ssr")]
pub mod imp {
    use domain::Role;

    use super::*;
    use crate::accounts::session::require_role;
    use crate::moderation::store;
    use crate::state::app_state;

    pub async fn load() -> Result<Policy, AppError> {
        require_role(Role::Admin).await?;
        let state = app_state()?;
        let names: Vec<&str> = FIELDS.iter().map(|(n, _)| *n).collect();
        Ok(Policy {
            values: store::policy_values(&state.db, &names)
                .await?
                .unwrap_or_default(),
        })
    }

    pub async fn save(raw: Vec<String>) -> Result<(), AppError> {
        let admin = require_role(Role::Admin).await?;
        let state = app_state()?;
        let values = check(&raw).map_err(AppError::Invalid)?;
        let named: Vec<(&str, i64)> = FIELDS
            .iter()
            .map(|(name, _)| *name)
            .zip(values.iter().copied())
            .collect();
        store::save_policy(&state.db, &named, &admin.id, state.now()).await?;
        Ok(())
    }
}

#[server(endpoint = "moderation_policy")]
pub async fn get_moderation_policy() -> Result<Policy, AppError> {
    imp::load().await
}

#[server(endpoint = "set_moderation_policy")]
pub async fn set_moderation_policy(#[server(default)] value: Vec<String>) -> Result<(), AppError> {
    imp::save(value).await
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

#[cfg(test)]
mod tests {
    use super::check;

    fn raw(v: &[i64]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn policy_values_are_checked_together() {
        let good = [
            30, 70, 3, 10, 1, 2, 3, 5, 180, 20, 14, 10, 90, 50, 90, 30, 10,
        ];
        assert_eq!(check(&raw(&good)).unwrap(), good);
        let mut bands = good;
        bands[0] = 80;
        assert_eq!(
            check(&raw(&bands)).unwrap_err()[0].field,
            "screening_hold_from"
        );
        let mut strikes = good;
        strikes[6] = 9;
        assert_eq!(
            check(&raw(&strikes)).unwrap_err()[0].field,
            "strike_terminate_at"
        );
        let mut window = good;
        window[14] = 731;
        assert_eq!(
            check(&raw(&window)).unwrap_err()[0].field,
            "review_window_days"
        );
        let mut referral = good;
        referral[15] = 91;
        assert_eq!(
            check(&raw(&referral)).unwrap_err()[0].field,
            "referral_window_days"
        );
        let mut days = good;
        days[2] = 0;
        assert_eq!(
            check(&raw(&days)).unwrap_err()[0].field,
            "notice_seller_days"
        );
        assert!(check(&raw(&good[..5])).is_err(), "missing values");
    }
}
